"""Rules about which sections are there: CL100, CL101, CL104 and CL107.

CL101 fixes itself by inserting the missing headings (safe).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from jsonschema import ValidationError

from compass_lint.core.finding import Finding, Location, Problem, Severity
from compass_lint.markdown.syntax import THEMATIC_BREAK
from compass_lint.markdown.textedit import Edit, Fix, FixSafety
from compass_lint.model.instance import extra_key
from compass_lint.model.report import Report
from compass_lint.outline.render import heading_text
from compass_lint.outline.spec import Outline, OutlineSection
from compass_lint.rules.base import ReportRule, SchemaContext, SchemaRule, missing_property
from compass_lint.rules.sectionref import finding_section


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
    reads = ("x-parent",)
    fix_safety = FixSafety.SAFE
    fix_jointly = True

    @classmethod
    def problems(cls, error: ValidationError, context: SchemaContext) -> Iterator[Problem]:
        outline = context.report.outline
        key = missing_property(error)
        if key is not None and key in {s.id for s in outline.sections}:
            section = outline.by_id(key)
            line = missing_section_line(context.report, outline, key)
            yield Problem(line, 1, cls.code, f"missing {section.label}", json_path=f"$.sections['{key}']")

    @classmethod
    def fix(cls, report: Report, finding: Finding) -> Fix | None:
        """Insert the missing heading, with an empty ``-`` placeholder."""
        return cls.fix_all(report, [finding])

    @classmethod
    def fix_all(cls, report: Report, findings: list[Finding]) -> Fix | None:
        """Insert every missing heading at once: several may share a place."""
        missing = [(f, s) for f in findings if (s := finding_section(f, report.outline)) is not None]
        if not missing:
            return None
        edits = tuple(_insert_missing(report, [section for _, section in missing]))
        first, *others = [finding for finding, _ in missing]
        return Fix(first, edits, True, "insert missing sections", also=tuple(others))


def _insert_missing(report: Report, sections: list[OutlineSection]) -> list[Edit]:
    """One insertion per place, the missing sections in outline order.

    Before a present section: ``heading, "", "-", ""``. After the last content
    of a parent: a blank line first, blank lines between sections, and one
    after only if the next line is not already blank (no doubled blank lines;
    at the very end of the file, nothing after, so a missing final newline
    stays missing).
    """
    order = [s.id for s in report.outline.sections]
    before_places: dict[int, list[str]] = {}
    after_places: dict[int, list[list[str]]] = {}
    for section in sorted(sections, key=lambda s: order.index(s.id)):
        before = next(
            (report.section(later) for later in order[order.index(section.id) + 1 :] if report.section(later)),
            None,
        )
        if before is not None:
            before_places.setdefault(before.line, []).extend([heading_text(section), "", "-", ""])
        else:
            end = missing_section_line(report, report.outline, section.id)
            after_places.setdefault(end + 1, []).append([heading_text(section), "", "-"])
    edits = [Edit(at, at - 1, tuple(lines)) for at, lines in before_places.items()]
    for at, blocks in after_places.items():
        lines = [""]
        for index, block in enumerate(blocks):
            lines += ([""] if index else []) + block
        following = report.lines[at - 1] if at - 1 < len(report.lines) else None
        at_end = following is None or (following == "" and at == len(report.lines))
        if not at_end and following is not None and following.strip():
            lines.append("")
        edits.append(Edit(at, at - 1, tuple(lines)))
    return edits


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
