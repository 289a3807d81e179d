"""The human reporter: ``path:line:col: CODE message [severity]`` and a summary."""

from __future__ import annotations

import click

from compass_lint.core.finding import Finding, Severity, Tally
from compass_lint.core.fixable import fix_counts, fixable
from compass_lint.core.safetext import escape_controls
from compass_lint.reporters import Output, Reporter, RunSummary

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
_TAGS = {severity: f"[{severity.value}]" for severity in Severity}  # a lookup per finding, not a format


def format_finding(finding: Finding, color: bool = False, escape: bool = False, mark_fixable: bool = False) -> str:
    """One finding on one line (``escape``: control characters escaped, for a terminal or log;
    ``mark_fixable``: ``[*]`` after the code of one ``fix`` repairs, as ruff does)."""
    # Untrusted text (file names, titles) cannot start a line or send a terminal escape. The
    # GitHub log and JUnit keep their own protection (stop-commands, XML escaping).
    path, message = finding.path, finding.message
    if escape:
        path, message = escape_controls(path), escape_controls(message)
    where = f"{path}:{finding.line}:{finding.column}:"
    code = f"{finding.code} [*]" if mark_fixable and fixable(finding.code) else finding.code
    severity = _TAGS[finding.severity]
    if color:
        where = click.style(where, bold=True)
        code = click.style(code, fg=_COLORS.get(finding.severity), bold=True)
        severity = click.style(severity, fg=_COLORS.get(finding.severity))
    return f"{where} {code} {message} {severity}"


def summary_line(tally: Tally, summary: RunSummary) -> str:
    """``Found 2 errors, 1 warning in 1 file (3 files checked).``

    When discovery left Markdown files out, it says so and calls the files
    checked reports: ``(12 reports checked, 48 Markdown files are not reports)``.
    """
    files = summary.files_checked
    if summary.not_reports:
        skipped = summary.not_reports
        others = "1 Markdown file is not a report" if skipped == 1 else f"{skipped} Markdown files are not reports"
        checked = f"{files} report{'s' if files != 1 else ''} checked, {others}"
    else:
        checked = f"{files} file{'s' if files != 1 else ''} checked"
    if not tally.total:
        return f"No problems found ({checked})."
    parts = []
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        count = tally.severities.get(severity, 0)
        if count:
            noun = {"error": "error", "warning": "warning", "info": "info finding"}[severity.value]
            parts.append(f"{count} {noun}{'s' if count != 1 else ''}")
    with_findings = len(tally.paths)
    return f"Found {', '.join(parts)} in {with_findings} file{'s' if with_findings != 1 else ''} ({checked})."


def fixable_line(tally: Tally) -> str | None:
    """``[*] 3 fixable with `compass-lint fix` (1 more with `--unsafe-fixes`).``, or None when nothing is."""
    safe, unsafe = fix_counts({code: count for (code, _), count in tally.rules.items()})
    hidden = f"{unsafe} more with `compass-lint fix --unsafe-fixes`"
    if safe:
        return f"[*] {safe} fixable with `compass-lint fix`" + (f" ({hidden})." if unsafe else ".")
    return f"No fixes without --unsafe-fixes ({hidden})." if unsafe else None


class TextReporter(Reporter):
    """Every finding on its line as its file is done, then the summary line (unless quiet)."""

    def __init__(self, out: Output, *, color: bool = False, quiet: bool = False) -> None:
        super().__init__(out, color=color, quiet=quiet)
        self.tally = Tally()

    def handle(self, path: str, findings: list[Finding]) -> None:
        """Write the file's findings, one line each."""
        if findings:
            self.tally.add(findings)
            self.out.write(
                "".join(
                    format_finding(finding, self.color, escape=True, mark_fixable=True) + "\n" for finding in findings
                )
            )

    def finish(self, summary: RunSummary) -> None:
        """Write the summary line."""
        if not self.quiet:
            fixes = fixable_line(self.tally)
            self.out.write(summary_line(self.tally, summary) + "\n" + (fixes + "\n" if fixes else ""))
