"""CL108: a report that follows another outline altogether.

Reporting each of the twenty sections such a report does not have helps no
one: it gets one finding that names the outline and what the report has
instead, and its per-section and missing-field findings are left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from compass_lint.core.finding import Finding, Problem, Severity
from compass_lint.model.matching import HEADING
from compass_lint.model.report import Report
from compass_lint.rules.base import ReportRule

# Below this share of the outline's required sections, the report follows another outline.
_FOUND_BELOW = 0.25
# The report must show an outline of its own: at least this many headings the outline lacks.
_OWN_HEADINGS = 2
_NAMED = 3  # own section titles named in the message


class OtherOutline(ReportRule):
    """The report follows another outline: almost none of the outline's sections, headings of its own.

    Fires when fewer than a quarter of the outline's required sections are
    found while the report has at least two headings of its own. Reported
    once, at the title (line 1 without one), naming the outline and the
    report's first sections. When it fires, the report's findings about
    single sections and fields (CL101 to CL107, CL201 and CL401) are left
    out: they would only list the outline. Run ``compass-lint init`` to
    derive the series' own outline, or give the series its schema.

    Fails::

        # Node.js TSC Meeting 2026-03-04
        ## Links
        ## Present
        ## Agenda

    Passes (one section missing is CL101, not this rule)::

        # JupyterHub and BinderHub Team Meeting
        ## 1. Help or discussion needed; Agenda Items for Monthly Meeting
        ## 2. Decisions needed
        ## 3. Next actions (team)
        ...
    """

    code = "CL108"
    name = "other-outline"
    severity = Severity.ERROR
    # What a report that follows another outline would otherwise get, section by section.
    supersedes = frozenset({"CL101", "CL102", "CL103", "CL104", "CL105", "CL106", "CL107", "CL201", "CL401"})

    @classmethod
    def check(cls, report: Report, options: dict[str, Any]) -> Iterator[Problem]:
        outline = report.outline
        required = {section.id for section in outline.sections if section.required}
        if not required:
            return
        found = required & {section.id for section in report.sections if section.id is not None}
        own = [
            section.candidate.title
            for section in report.sections
            if section.id is None
            and section.duplicate_of is None
            and section.candidate.form == HEADING
            and section.candidate.line != report.title_line
            and section.candidate.title
        ]
        if len(found) >= _FOUND_BELOW * len(required) or len(own) < _OWN_HEADINGS:
            return
        name = f"'{outline.title}'" if outline.title else "its outline"
        titles = ", ".join(f"'{title}'" for title in own[:_NAMED]) + (", ..." if len(own) > _NAMED else "")
        line = report.title_line if report.title is not None else 1
        yield Problem(
            line,
            1,
            cls.code,
            f"the report follows another outline, not {name} ({len(found)} of {len(required)} required"
            f" sections found; its own sections: {titles}): run 'compass-lint init' to derive this series' outline",
        )

    @classmethod
    def keep(cls, findings: list[Finding]) -> list[Finding]:
        """The findings to report: without the superseded ones when this rule fired."""
        if not any(finding.code == cls.code for finding in findings):
            return findings
        return [finding for finding in findings if finding.code not in cls.supersedes]
