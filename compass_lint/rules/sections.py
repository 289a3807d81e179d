"""Rules about the outline's sections: CL100 and CL101–CL106."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from jsonschema import ValidationError

from compass_lint.core.finding import Location, Problem, Severity
from compass_lint.markdown.syntax import THEMATIC_BREAK
from compass_lint.model.instance import extra_key
from compass_lint.model.report import Report
from compass_lint.outline.spec import Outline, OutlineSection
from compass_lint.rules.base import ReportRule, SchemaContext, SchemaRule, missing_property


def _section(context: SchemaContext, error: ValidationError) -> OutlineSection | None:
    path = tuple(error.absolute_path)
    if len(path) >= 2 and path[0] == "sections":
        try:
            return context.report.outline.by_id(str(path[1]))
        except KeyError:
            return None
    return None


def _label(context: SchemaContext, error: ValidationError) -> str:
    section = _section(context, error)
    if section is not None:
        return section.label
    path = tuple(error.absolute_path)
    return f"section '{path[1]}'" if len(path) >= 2 else "section"


class MissingTitle(SchemaRule):
    """The report has no title: a level-1 heading before the first section.

    Reported on line 1.

    Fails::

        #### Opening Date: 01 Jan 2018

    Passes::

        # JupyterHub and BinderHub Team Meeting

        #### Opening Date: 01 Jan 2018
    """

    code = "CL100"
    name = "missing-title"
    severity = Severity.ERROR
    keywords = ("required",)
    parent_path = ()

    @classmethod
    def claims(cls, error: ValidationError) -> bool:
        return error.validator == "required" and not tuple(error.absolute_path)

    @classmethod
    def message(cls, error: ValidationError, context: SchemaContext) -> str:
        return "the report has no title (a level-1 heading before the first section)"


def missing_section_line(report: Report, outline: Outline, section_id: str) -> int:
    """Where a missing section is reported.

    At the next section of the outline that is present; failing that, at the
    end of its parent section; failing that, at the end of the report body.
    """
    order = [s.id for s in outline.sections]
    present: dict[str | None, int] = {}
    for section in report.sections:
        present.setdefault(section.id, section.line)  # the first one, as Report.section finds
    for later in order[order.index(section_id) + 1 :]:
        if later in present:
            return present[later]
    parent_id = outline.by_id(section_id).parent
    if parent_id is not None and parent_id in present:
        family = _subtree(outline, parent_id)
        end = max(s.end_line for s in report.sections if s.id in family)
        return min(end, last_content_line(report))
    return last_content_line(report)


def last_content_line(report: Report) -> int:
    """The last non-blank line of the report body (before the template block)."""
    end = min(report.body_end - 1, len(report.lines))
    # Blank lines and the rule that opens the template block ("---") are not content.
    while end > 1 and (not report.lines[end - 1].strip() or THEMATIC_BREAK.match(report.lines[end - 1])):
        end -= 1
    return max(end, 1)


def _subtree(outline: Outline, section_id: str) -> set[str]:
    found = {section_id}
    for child in outline.children.get(section_id, ()):
        found |= _subtree(outline, child)
    return found


class MissingSection(SchemaRule):
    """A section the outline requires is absent.

    Reported at the heading of the next section of the outline that is
    present, or else at the end of its parent section. A section that is
    present but not written as a heading is CL106, not this rule.

    Fails::

        ## 3. Next actions (team)
        ## 5. Team News and Informational items

    (section 4 'Team Metrics' is missing; reported at the line of section 5.)

    Passes::

        ## 3. Next actions (team)
        ## 4. Team Metrics
        ## 5. Team News and Informational items
    """

    code = "CL101"
    name = "missing-section"
    severity = Severity.ERROR
    keywords = ("required",)
    parent_path = ("sections",)

    @classmethod
    def problems(cls, error: ValidationError, context: SchemaContext) -> Iterator[Problem]:
        outline = context.report.outline
        key = missing_property(error)
        if key is not None and key in {s.id for s in outline.sections}:
            section = outline.by_id(key)
            line = missing_section_line(context.report, outline, key)
            yield Problem(line, 1, cls.code, f"missing {section.label}", json_path=f"$.sections['{key}']")


class SectionOrder(SchemaRule):
    """A section is out of the outline's order.

    The longest run of sections in outline order is kept; every other section
    is reported at its heading.

    Fails::

        ## 2. Decisions needed
        ## 1. Help or discussion needed; Agenda Items for Monthly Meeting

    Passes::

        ## 1. Help or discussion needed; Agenda Items for Monthly Meeting
        ## 2. Decisions needed
    """

    code = "CL102"
    name = "section-order"
    severity = Severity.ERROR
    keywords = ("x-order",)

    @classmethod
    def message(cls, error: ValidationError, context: SchemaContext) -> str:
        return f"{_label(context, error)} {error.message}"


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

    @classmethod
    def message(cls, error: ValidationError, context: SchemaContext) -> str:
        return f"{_label(context, error)} {error.message}"


class UnexpectedSection(SchemaRule):
    """A heading the outline does not allow (only when the schema closes the outline).

    A schema closes its outline with ``"additionalProperties": false`` on
    ``sections``. Reported at the heading.

    Fails::

        ## 7. Random thoughts

    Passes::

        ## 6. Thanks, Things to Celebrate, and anything else
    """

    code = "CL104"
    name = "unexpected-section"
    severity = Severity.WARNING
    keywords = ("additionalProperties",)
    parent_path = ("sections",)

    @classmethod
    def problems(cls, error: ValidationError, context: SchemaContext) -> Iterator[Problem]:
        schema: Any = error.schema
        instance: Any = error.instance
        allowed = set(schema.get("properties", {}))
        patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
        for section in context.report.sections:
            key = extra_key(section.candidate.title, section.line)
            if section.id is not None or key not in instance or key in allowed:
                continue
            if not any(p.search(key) for p in patterns):
                yield Problem(
                    section.line,
                    section.candidate.column,
                    cls.code,
                    f"heading '{section.candidate.title}' is not part of the outline",
                    json_path=f"$.sections['{key}']",
                )


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

    @classmethod
    def message(cls, error: ValidationError, context: SchemaContext) -> str:
        return f"{_label(context, error)}: {error.message}"


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

    @classmethod
    def message(cls, error: ValidationError, context: SchemaContext) -> str:
        return f"{_label(context, error)} {error.message}"


class DuplicateSection(ReportRule):
    """A section of the outline appears twice.

    Reported at the second heading, naming the line of the first. (A copy of
    a section is not an unknown section: no CL104 for it.)

    Fails::

        ## 2. Decisions needed
        ## 3. Next actions (team)
        ## 2. Decisions needed

    Passes::

        ## 2. Decisions needed
        ## 3. Next actions (team)
    """

    code = "CL107"
    name = "duplicate-section"
    severity = Severity.ERROR

    @classmethod
    def check(cls, report: Report, options: dict[str, Any]) -> Iterator[Problem]:
        for section in report.sections:
            if section.duplicate_of is None:
                continue
            kept = report.section(section.duplicate_of)
            label = report.outline.by_id(section.duplicate_of).label
            if kept is None:
                continue
            # Reported at the later of the two headings, naming the earlier one.
            second, first = (section, kept) if section.line > kept.line else (kept, section)
            yield Problem(
                second.line,
                second.candidate.column,
                cls.code,
                f"{label} appears again (first at line {first.line})",
                related=(Location(report.path, first.line),),
            )


RULES: tuple[type[SchemaRule] | type[ReportRule], ...] = (
    MissingTitle,
    MissingSection,
    SectionOrder,
    SectionNumber,
    UnexpectedSection,
    SectionTitle,
    NotAHeading,
    DuplicateSection,
)
