"""The report model as a JSON instance for the outline schema, with locations.

Only what the outline constrains goes into the instance (validation cost
grows with instance size): the title, the fields, one entry per section and
the template block's entries. ``Instance.locations`` maps each JSON path to
the report line it came from, so a schema error lands on the right line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from compass_lint.model.report import Report

JsonPath = tuple[str | int, ...]


@dataclass
class Instance:
    """A JSON document plus the line and column of each of its parts."""

    data: dict[str, Any]
    locations: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: JsonPath) -> tuple[int, int]:
        """The line and column of the longest located prefix of ``path``."""
        for length in range(len(path), -1, -1):
            found = self.locations.get(path[:length])
            if found is not None:
                return found
        return (1, 1)


def extra_key(title: str, line: int) -> str:
    """The instance key of a section the outline does not know."""
    return f"{title} (line {line})"


def to_instance(report: Report) -> Instance:
    """Build the JSON instance the outline schema validates."""
    data: dict[str, Any] = {}
    locations: dict[JsonPath, tuple[int, int]] = {(): (1, 1)}
    if report.title is not None:
        data["title"] = report.title
        locations[("title",)] = (report.title_line, 1)

    fields: dict[str, Any] = {}
    for name, found in report.fields.items():
        fields[name] = {
            "text": found.text,
            "date": found.date.isoformat() if found.date else None,
            "link": found.link,
        }
        locations[("fields", name)] = (found.line, found.column)
    data["fields"] = fields
    locations[("fields",)] = (report.title_line, 1)

    sections: dict[str, Any] = {}
    for position, section in enumerate(report.sections):
        if section.duplicate_of is not None:
            continue  # reported by CL107, not as an unknown section
        candidate = section.candidate
        key = section.id if section.id is not None else extra_key(candidate.title, candidate.line)
        sections[key] = {
            "title": candidate.title,
            "number": candidate.number,
            "level": candidate.level,
            "form": candidate.form,
            "position": position,
        }
        locations[("sections", key)] = (candidate.line, candidate.column)
    data["sections"] = sections
    locations[("sections",)] = (report.title_line, 1)

    if report.template is not None:
        entries = []
        for index, entry in enumerate(report.template.entries):
            entries.append({"number": entry.number, "title": entry.title})
            locations[("template", "entries", index)] = (entry.line, 1)
        data["template"] = {"entries": entries}
        locations[("template",)] = (report.template.line, 1)
    return Instance(data, locations)
