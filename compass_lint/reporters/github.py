"""GitHub Actions output: annotations, a command-proof log, and the job summary.

The runner keeps only 10 error, 10 warning and 10 notice annotations per
step, so ``render`` annotates the most severe findings first and, when some
are left out, ends with one notice saying how many (that notice is itself a
notice, so at most 9 info findings are annotated then). Every finding is then
printed as a plain text line between ``::stop-commands::TOKEN`` and
``::TOKEN::`` with a random token: whatever a report contains, the log can
never run a workflow command.

The annotations come first, so the log is spooled as files are done and
only the first findings of each kind are kept for them.

``JobSummary`` (``compass_lint.reporters.job_summary``) renders Markdown for
``$GITHUB_STEP_SUMMARY``: an overview, then the first files' findings. It
keeps only what it shows, so it too stays bounded however many findings a
run has.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from compass_lint.core.finding import Finding, Severity, Tally
from compass_lint.reporters import Reporter, RunSummary
from compass_lint.reporters.job_summary import JobSummary
from compass_lint.reporters.spool import Spool
from compass_lint.reporters.text import format_finding, summary_line

ANNOTATIONS_PER_KIND = 10

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_KINDS = ("error", "warning", "notice")


def escape_data(text: str) -> str:
    """Escape a workflow command's message, as the Actions toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value (``file=``, ``title=``...)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _kind(finding: Finding) -> str:
    return _COMMANDS.get(finding.severity, "notice")


def annotation(finding: Finding) -> str:
    """One ``::error file=...::message`` workflow command for one finding."""
    properties = [("file", finding.path), ("line", str(finding.line)), ("col", str(finding.column))]
    if finding.end_line is not None:
        properties.append(("endLine", str(finding.end_line)))
    if finding.end_column is not None:
        properties.append(("endColumn", str(finding.end_column)))
    properties.append(("title", f"{finding.code} {finding.name}"))
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{_kind(finding)} {joined}::{escape_data(finding.message)}"


def annotated(findings: list[Finding]) -> list[Finding]:
    """The findings that become annotations: most severe kind first, at most 10 of each."""
    first = _FirstOfEachKind()
    first.add(findings)
    return first.shown()


class _FirstOfEachKind:
    """The first findings of each kind, as many as can be annotated, and how many there are."""

    def __init__(self) -> None:
        self.kept: dict[str, list[Finding]] = {kind: [] for kind in _KINDS}
        self.counts = dict.fromkeys(_KINDS, 0)

    def add(self, findings: list[Finding]) -> None:
        for finding in findings:
            kind = _kind(finding)
            self.counts[kind] += 1
            if len(self.kept[kind]) < ANNOTATIONS_PER_KIND:
                self.kept[kind].append(finding)

    def shown(self) -> list[Finding]:
        limits = dict.fromkeys(_KINDS, ANNOTATIONS_PER_KIND)
        if any(count > ANNOTATIONS_PER_KIND for count in self.counts.values()):
            limits["notice"] -= 1  # room for the closing "N more" notice
        return [finding for kind in _KINDS for finding in self.kept[kind][: limits[kind]]]


class GitHubReporter(Reporter):
    """Annotations, an overflow notice if needed, then every finding as inert text."""

    def start(self) -> None:
        """Open the spool for the log; start the annotations and the job summary."""
        self.first = _FirstOfEachKind()
        self.tally = Tally()
        self.log = Spool()
        self.summary = JobSummary()

    def handle(self, path: str, findings: list[Finding]) -> None:
        """Spool the file's log lines; keep what the annotations and the job summary need."""
        if not findings:
            return
        self.first.add(findings)
        self.tally.add(findings)
        self.log.write("".join(format_finding(finding, escape=True) + "\n" for finding in findings))
        self.summary.add(findings)

    def finish(self, summary: RunSummary) -> None:
        """Write the annotations, then the spooled log inside a stop-commands block, then the summary line."""
        shown = self.first.shown()
        lines = [annotation(finding) for finding in shown]
        hidden = self.tally.total - len(shown)
        if hidden:
            noun = "finding is" if hidden == 1 else "findings are"
            lines.append(
                f"::notice::{hidden} more {noun} not annotated (GitHub shows at most {ANNOTATIONS_PER_KIND} "
                "errors, warnings and notices per step). The full list is in this log below and in "
                "'compass-lint check --format text'; the job summary has the counts and the first files."
            )
        token = secrets.token_hex(16)
        if self.tally.total:
            lines.append(f"::stop-commands::{token}")
        self.out.write("".join(line + "\n" for line in lines))
        self.log.copy_to(self.out)
        closing = [f"::{token}::"] if self.tally.total else []
        closing.append(summary_line(self.tally, summary))
        self.out.write("".join(line + "\n" for line in closing))

    def close(self) -> None:
        """Free the spool."""
        self.log.close()

    def job_summary(self, summary: RunSummary) -> str:
        """Markdown for ``$GITHUB_STEP_SUMMARY`` (call after ``finish``), with the stale actions (CL301)."""
        return self.summary.render(summary_line(self.tally, summary))


def job_summary(findings: list[Finding], summary: RunSummary, stale: Sequence[object] | None = None) -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY`` (see ``compass_lint.reporters.job_summary``).

    ``stale`` (optional): more stale items to list, one per bullet, each shown
    with ``str()`` (the CL301 findings among ``findings`` are listed anyway).
    """
    built = JobSummary()
    built.add(findings)
    built.add_stale(stale or ())
    return built.render(summary_line(Tally(findings), summary))
