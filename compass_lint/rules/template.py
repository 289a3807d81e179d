"""The "Do not edit below" template block: CL401, its ``x-template`` keyword and its fix.

The fix restores the block from the schema's outline (unsafe: the block's
text is replaced).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from jsonschema import ValidationError
from jsonschema.protocols import Validator

from compass_lint.core.finding import Finding, Severity
from compass_lint.markdown.textedit import Edit, Fix, FixSafety
from compass_lint.model.report import Report
from compass_lint.outline.render import template_lines
from compass_lint.outline.spec import Outline, normalise_title
from compass_lint.rules.base import KeywordValidator, SchemaRule


class TemplateModified(SchemaRule):
    """The "Do not edit below" outline copy differs from the schema's outline.

    Each section the outline requires must appear in the template block, in
    order, with its number. Reported at the template block's marker line (a
    missing entry) or at the differing entry.

    Fails::

        **Do not edit below**

        - 1. Help or discussion needed; Agenda Items for Monthly Meeting
        - 3. Next actions (team)

    Passes: the block as in the reference report, every section listed.
    """

    code = "CL401"
    name = "template-modified"
    severity = Severity.WARNING
    keywords = ("x-template",)
    defines = "x-template"
    reads = ("x-in-template",)
    # The block's text is replaced, whatever was written in it.
    fix_safety = FixSafety.UNSAFE

    @classmethod
    def keyword_validator(cls, outline: Outline) -> KeywordValidator:
        """``x-template`` compares the block with the outline, so its validator closes over it."""

        def x_template(
            validator: Validator, value: Any, instance: Any, schema: Mapping[str, Any]
        ) -> Iterator[ValidationError]:
            if not isinstance(instance, dict):
                return
            yield from _template_errors(outline, instance.get("entries", []))

        return x_template

    @classmethod
    def fix(cls, report: Report, finding: Finding) -> Fix | None:
        """Restore the block from the schema's outline."""
        if report.template is None:
            return None
        start = report.template.line
        end = len(report.lines) - (1 if report.lines and report.lines[-1] == "" else 0)
        return Fix(
            finding,
            (Edit(start + 1, end, tuple(template_lines(report.outline))),),
            False,
            "restore template block",
        )


def _template_errors(outline: Outline, entries: list[Any]) -> Iterator[ValidationError]:
    """Each required section in the block, in order, with its number."""
    wanted = [s for s in outline.sections if s.required and s.in_template]
    position = 0
    for section in wanted:
        found = None
        for index in range(position, len(entries)):
            entry = entries[index]
            if section.title_matches(entry["title"]) or (
                normalise_title(entry["title"]) == normalise_title(section.title)
            ):
                found = index
                break
        if found is None:
            yield ValidationError(f"the template block lacks {section.label}", path=["entries"])
            continue
        entry = entries[found]
        if section.number and entry.get("number") != section.number:
            yield ValidationError(
                f"the template block numbers {section.label} as {entry.get('number') or 'nothing'}",
                path=["entries", found],
            )
        position = found + 1
