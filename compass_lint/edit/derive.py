"""Deriving an outline schema from a template report (``schema init``).

The template's headings become the outline, in order, with their numbers and
levels; a numbered section's parent is the section whose number prefixes its
own (``1.1`` under ``1``), an unnumbered one's the nearest heading above it
of a lower level. ``Name: value`` lines before the first section become
fields: a value with a link is a ``link`` field, one that reads as a date (or
a field named ``… Date``) a ``date`` field, both a ``date-link``; date and
link fields are required, text fields optional. The section whose title
speaks of actions holds the action items. A "Do not edit below" block makes
the template block checked too.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

from compass_lint.core.dates import parse_date
from compass_lint.markdown.parse import parse
from compass_lint.model.matching import HEADING
from compass_lint.model.report import Section, build_report
from compass_lint.outline.spec import Outline, loose_title

_ACTIONS_TITLE = re.compile(r"(?i)\b(next actions|action items|actions? \(|to-?dos?)\b")
_SLUG = re.compile(r"[^a-z0-9]+")


def _slug(title: str) -> str:
    return _SLUG.sub("-", title.casefold()).strip("-") or "section"


def _field_kind(name: str, value: str, has_link: bool, has_date: bool) -> str:
    is_date = has_date or name.casefold().endswith("date")
    if is_date and has_link:
        return "date-link"
    if has_link:
        return "link"
    return "date" if is_date else "text"


def _parents(sections: list[Section], ids: list[str]) -> list[str | None]:
    parents: list[str | None] = []
    for index, section in enumerate(sections):
        number = section.candidate.number
        parent: str | None = None
        if number and "." in number:
            prefix = number.rsplit(".", 1)[0]
            parent = prefix if prefix in ids[:index] else None
        if parent is None:
            level = section.candidate.level
            for earlier in range(index - 1, -1, -1):
                if sections[earlier].candidate.level < level:
                    parent = ids[earlier]
                    break
        parents.append(parent)
    return parents


def schema_from_template(text: str, name: str = "custom") -> dict[str, Any]:
    """An outline schema (a JSON-able dict) derived from a template report."""
    report = build_report(parse(text), Outline(sections=()))
    sections = [s for s in report.sections if s.candidate.form == HEADING]
    first_line = sections[0].line if sections else report.body_end
    ids: list[str] = []
    for section in sections:
        base = section.candidate.number or _slug(section.candidate.title)
        key, count = base, 2
        while key in ids:
            key, count = f"{base}-{count}", count + 1
        ids.append(key)
    parents = _parents(sections, ids)
    actions_index = next((i for i, s in enumerate(sections) if _ACTIONS_TITLE.search(s.candidate.title)), None)
    properties: dict[str, Any] = {}
    for index, (section, key) in enumerate(zip(sections, ids, strict=True)):
        spec: dict[str, Any] = {}
        if section.candidate.number:
            spec["x-number"] = section.candidate.number
        spec["x-title"] = section.candidate.title
        if parents[index]:
            spec["x-parent"] = parents[index]
        spec["x-level"] = section.candidate.level
        if index == actions_index:
            spec["x-actions"] = True
        if report.template is not None and not any(
            loose_title(e.title) == loose_title(section.candidate.title) for e in report.template.entries
        ):
            spec["x-in-template"] = False
        properties[key] = spec

    fields: dict[str, Any] = {}
    required_fields: list[str] = []
    for field_name, found in report.fields.items():
        if found.line >= first_line:
            continue
        kind = _field_kind(field_name, found.text, found.link is not None, parse_date(found.text) is not None)
        fields[field_name] = {"x-field": kind}
        if kind != "text":
            required_fields.append(field_name)
    date_fields = [n for n, spec in fields.items() if "date" in spec["x-field"].split("-")]
    order = [[a, "<=" if i == 0 else "<", b] for i, (a, b) in enumerate(pairwise(date_fields))]

    fields_schema: dict[str, Any] = {"type": "object", "required": required_fields, "properties": fields}
    if order:
        fields_schema["x-date-order"] = order
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:compass-lint:schema:{_slug(name)}",
        "title": f"Outline of {report.title or name}",
        "type": "object",
        "required": ["title", "fields", "sections"],
        "properties": {
            "title": {"type": "string", "minLength": 1},
            "fields": fields_schema,
            "sections": {
                "type": "object",
                "x-order": True,
                "required": list(properties),
                "additionalProperties": False,
                "properties": properties,
            },
        },
    }
    if report.template is not None:
        schema["properties"]["template"] = {"x-template": "outline"}
    return schema
