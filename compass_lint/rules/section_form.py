"""How sections are written: CL103 (number), CL105 (title), CL106 (heading form and level).

Each holds its ``x-`` keyword; CL103 and CL106 fix themselves by rewriting
the heading line (CL106 on a list item with nested content is unsafe: the
nested lines are dedented).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from jsonschema import ValidationError
from jsonschema.protocols import Validator

from compass_lint.core.finding import Finding, Severity
from compass_lint.markdown.syntax import ATX_PREFIX, BOLD_ONLY_LINE, LIST_MARKER
from compass_lint.markdown.textedit import Edit, Fix, FixSafety
from compass_lint.model.matching import BOLD_LINE, HEADING, LIST_ITEM
from compass_lint.model.report import Report
from compass_lint.outline.render import heading_text, number_label
from compass_lint.outline.spec import OutlineSection, loose_title
from compass_lint.rules.base import SchemaContext, SchemaRule
from compass_lint.rules.sectionref import error_label, finding_section

_FORM_NAMES = {"list-item": "a list item", "bold-line": "a bold line"}
_NUMBER = re.compile(r"^(?:(?:\d{1,3}\.)*\d{1,3}\.?|[IVXLC]{1,6}\.)(?=\s)")
# Any indentation: an outline section written as a nested list item is rewritten too.
_LIST_ITEM_PREFIX = re.compile(rf"^(?P<indent>[ \t]*)(?:{LIST_MARKER})(?P<space>[ \t]+|$)")


class SectionNumber(SchemaRule):
    """A section carries a wrong, missing or duplicate number.

    Covers auto-renumbered lists (every section numbered ``1.``) and copied
    numbers (``3.2`` under section 1). Reported at the heading.

    Fails::

        ## 1. Help or discussion needed; Agenda Items for Monthly Meeting
        ### 1.1 Open PRs
        ### 3.2 Open issues

    Passes::

        ### 1.1 Open PRs
        ### 1.2 Open issues
    """

    code = "CL103"
    name = "section-number"
    severity = Severity.ERROR
    keywords = ("x-number",)
    defines = "x-number"
    fix_safety = FixSafety.SAFE

    @classmethod
    def validate(
        cls, validator: Validator, value: Any, instance: Any, schema: Mapping[str, Any]
    ) -> Iterator[ValidationError]:
        """The section's number equals ``x-number``."""
        if not isinstance(instance, dict) or instance.get("form") != "heading":
            return
        number = instance.get("number")
        if number is None:
            yield ValidationError(f"has no number, outline numbers it {value}")
        elif number != value:
            yield ValidationError(f"is numbered {number}, outline numbers it {value}")

    @classmethod
    def message(cls, error: ValidationError, context: SchemaContext) -> str:
        return f"{error_label(context, error)} {error.message}"

    @classmethod
    def fix(cls, report: Report, finding: Finding) -> Fix | None:
        """Renumber the heading."""
        section = finding_section(finding, report.outline)
        if section is None:
            return None
        present = report.section(section.id)
        if present is None or present.candidate.form != HEADING or not section.number:
            return None
        line = report.lines[present.line - 1]
        prefix = ATX_PREFIX.match(line)
        if prefix is None:
            return None
        rest = _NUMBER.sub("", line[prefix.end() :], count=1).lstrip()
        fixed = line[: prefix.end()] + f"{number_label(section)} {rest}"
        return Fix(finding, (Edit(present.line, present.line, (fixed,)),), True, "renumber heading")


class SectionTitle(SchemaRule):
    """A section's number matches the outline but its title differs.

    Titles are compared without case, spacing, emphasis, trailing colons or a
    trailing parenthetical. Reported at the heading.

    Fails::

        ## 4. Team Numbers

    Passes::

        ## 4. Team Metrics
    """

    code = "CL105"
    name = "section-title"
    severity = Severity.WARNING
    keywords = ("x-title",)
    defines = "x-title"
    reads = ("x-title-pattern",)

    @classmethod
    def validate(
        cls, validator: Validator, value: Any, instance: Any, schema: Mapping[str, Any]
    ) -> Iterator[ValidationError]:
        """The section's title equals ``x-title`` (or matches ``x-title-pattern``)."""
        if not isinstance(instance, dict) or instance.get("form") != "heading":
            return
        title = str(instance.get("title", ""))
        pattern = schema.get("x-title-pattern")
        if pattern:
            if re.search(pattern, title, re.IGNORECASE):
                return
        elif loose_title(title) == loose_title(str(value)):
            return
        yield ValidationError(f"title is '{title}', outline says '{value}'")

    @classmethod
    def message(cls, error: ValidationError, context: SchemaContext) -> str:
        return f"{error_label(context, error)}: {error.message}"


class NotAHeading(SchemaRule):
    """A required section is written as a list item, a bold line or a wrong heading level.

    Reported at that line, and the section is then not also reported as
    missing (CL101).

    Fails::

        **2. Decisions needed**

    Passes::

        ## 2. Decisions needed
    """

    code = "CL106"
    name = "not-a-heading"
    severity = Severity.ERROR
    keywords = ("x-level",)
    defines = "x-level"
    # A list item with nested content is unsafe: its nested lines are dedented.
    fix_safety = FixSafety.DEPENDS

    @classmethod
    def validate(
        cls, validator: Validator, value: Any, instance: Any, schema: Mapping[str, Any]
    ) -> Iterator[ValidationError]:
        """The section is a heading, of a level ``x-level`` allows."""
        if not isinstance(instance, dict):
            return
        form = instance.get("form")
        levels = [value] if isinstance(value, int) else list(value)
        wanted = " or ".join(f"level-{level}" for level in levels)
        if form != "heading":
            yield ValidationError(f"is written as {_FORM_NAMES.get(str(form), str(form))}, not as a {wanted} heading")
        elif instance.get("level") not in levels:
            yield ValidationError(f"is a level-{instance.get('level')} heading, outline says {wanted}")

    @classmethod
    def message(cls, error: ValidationError, context: SchemaContext) -> str:
        return f"{error_label(context, error)} {error.message}"

    @classmethod
    def fix(cls, report: Report, finding: Finding) -> Fix | None:
        """Turn the bold line, list item or wrong-level heading into the outline's heading, text kept."""
        section = finding_section(finding, report.outline)
        if section is None:
            return None
        present = report.section(section.id)
        if present is None:
            return None
        candidate = present.candidate
        line = report.lines[candidate.line - 1]
        if candidate.form == BOLD_LINE:
            bold = BOLD_ONLY_LINE.match(line)
            title = _NUMBER.sub("", bold.group("inner")).strip() if bold else candidate.title
            return Fix(
                finding,
                (Edit(candidate.line, candidate.line, (heading_text(section, title),)),),
                True,
                "bold line to heading",
            )
        if candidate.form == HEADING:
            prefix = ATX_PREFIX.match(line)
            if prefix is None:
                return None
            level = section.levels[0] if section.levels else 2
            fixed = prefix.group("indent") + "#" * level + (prefix.group("space") or " ") + line[prefix.end() :]
            return Fix(finding, (Edit(candidate.line, candidate.line, (fixed,)),), True, "heading level")
        if candidate.form == LIST_ITEM:
            return _list_item_fix(report, finding, section)
        return None


def _list_item_fix(report: Report, finding: Finding, section: OutlineSection) -> Fix | None:
    present = report.section(section.id)
    assert present is not None
    node = present.candidate.node
    line = report.lines[node.line - 1]
    marker = _LIST_ITEM_PREFIX.match(line)
    if marker is None or node.column - 1 != len(marker.group("indent")):
        # Nested on the same line as another item (``- 1. …``): too tangled to rewrite.
        return None
    title = _NUMBER.sub("", line[marker.end() :]).strip()
    heading = heading_text(section, title)
    width = marker.end()
    nested = node.children[1:] if node.text else list(node.children)
    if not nested:
        return Fix(finding, (Edit(node.line, node.line, (heading,)),), True, "list item to heading")
    body = report.lines[node.line : node.end_line]
    dedented = tuple(text[width:] if text[:width].strip() == "" else text.lstrip() for text in body)
    return Fix(
        finding,
        (Edit(node.line, node.end_line, (heading, "", *dedented)),),
        False,
        "list item to heading, nested lines dedented",
    )
