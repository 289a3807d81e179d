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

``JobSummary`` renders Markdown for ``$GITHUB_STEP_SUMMARY``, which GitHub
drops entirely over 1 MiB: the tables are cut, with a note, near 900 KB. It
keeps only what can fit, so it too stays bounded however many findings a run
has.
"""

from __future__ import annotations

import html
import re
import secrets
from collections.abc import Iterable, Sequence

from compass_lint.core.finding import Finding, Severity, Tally
from compass_lint.reporters import Reporter, RunSummary
from compass_lint.reporters.spool import Spool
from compass_lint.reporters.text import format_finding, summary_line

ANNOTATIONS_PER_KIND = 10
SUMMARY_BUDGET = 900_000
"""Bytes of job summary we allow ourselves (GitHub's limit is 1 MiB)."""

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_KINDS = ("error", "warning", "notice")
_MAX_CELL = 2_000
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")
_TABLE_HEAD = "| Line | Code | Severity | Message |\n| ---: | --- | --- | --- |\n"


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
        self.summary.add_stale(f"{f.path}:{f.line} {f.message}" for f in findings if f.code == "CL301")

    def finish(self, summary: RunSummary) -> None:
        """Write the annotations, then the spooled log inside a stop-commands block, then the summary line."""
        shown = self.first.shown()
        lines = [annotation(finding) for finding in shown]
        hidden = self.tally.total - len(shown)
        if hidden:
            noun = "finding is" if hidden == 1 else "findings are"
            lines.append(
                f"::notice::{hidden} more {noun} not annotated (GitHub shows at most {ANNOTATIONS_PER_KIND} "
                "errors, warnings and notices per step). The full list is in the job summary, in this log "
                "below, and in 'compass-lint check --format text'."
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


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell: literal, one line, HTML-escaped."""
    if len(text) > _MAX_CELL:
        text = text[:_MAX_CELL] + "…"
    text = html.escape(_MARKDOWN_SPECIAL.sub(r"\\\1", text), quote=False)
    return "<br>".join(text.splitlines()) or " "


class _Budget:
    """Collects Markdown chunks while they fit in a byte budget."""

    def __init__(self, limit: int) -> None:
        self.parts: list[str] = []
        self.left = limit

    def add(self, chunk: str) -> bool:
        size = len(chunk.encode("utf-8", "replace"))
        if size > self.left:
            return False
        self.parts.append(chunk)
        self.left -= size
        return True


def _omitted(count: int, what: str) -> str:
    return (
        f"\n_{count} more {what} not shown: GitHub drops a job summary over 1 MiB. "
        "Run `compass-lint check --format text` for the full list._\n"
    )


# Keep room for the closing notes so the result stays under the budget.
_ROOM = SUMMARY_BUDGET - 2_000


class JobSummary:
    """The job summary, built as findings come: totals, then a table per file (under 1 MiB).

    Only what can fit is kept: the table rows and stale items that fit in the
    budget on their own. ``render`` then fits the totals line, the rows and the
    stale items together, as if it had had every one.
    """

    def __init__(self) -> None:
        self.rows = _Budget(_ROOM)
        self.row_count = 0
        self.stale = _Budget(_ROOM)
        self.stale_count = 0
        self._path: str | None = None
        self._full = False

    def add(self, findings: Iterable[Finding]) -> None:
        """Table rows for more findings (a heading and table head before each new file)."""
        for finding in findings:
            self.row_count += 1
            if self._full:
                continue
            chunk = ""
            if finding.path != self._path:
                chunk = f"\n### {_cell(finding.path)}\n\n{_TABLE_HEAD}"
            cells = (str(finding.line), _cell(finding.code), finding.severity.value, _cell(finding.message))
            chunk += f"| {' | '.join(cells)} |\n"
            self._full = not self.rows.add(chunk)
            self._path = finding.path

    def add_stale(self, items: Iterable[object]) -> None:
        """Stale action items, listed under their own heading, each shown with ``str()``."""
        for item in items:
            self.stale_count += 1
            if self.stale_count == len(self.stale.parts) + 1:
                self.stale.add(f"- {_cell(str(item))}\n")

    def render(self, totals: str) -> str:
        """The Markdown, headed by the ``totals`` line."""
        budget = _Budget(_ROOM)
        budget.add(f"## compass-lint\n\n{_cell(totals)}\n")
        notes = []
        shown = 0
        while shown < len(self.rows.parts) and budget.add(self.rows.parts[shown]):
            shown += 1
        if shown < self.row_count:
            notes.append(_omitted(self.row_count - shown, "findings"))
        if self.stale_count:
            budget.add(f"\n### Stale action items ({self.stale_count})\n\n")
            shown = 0
            while shown < len(self.stale.parts) and budget.add(self.stale.parts[shown]):
                shown += 1
            if shown < self.stale_count:
                notes.append(_omitted(self.stale_count - shown, "stale action items"))
        return "".join(budget.parts + notes)


def job_summary(findings: list[Finding], summary: RunSummary, stale: Sequence[object] | None = None) -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY``: totals, then a table per file (under 1 MiB).

    ``stale`` (optional) is listed under its own heading, one item per
    bullet, each shown with ``str()``.
    """
    built = JobSummary()
    built.add(findings)
    built.add_stale(stale or ())
    return built.render(summary_line(Tally(findings), summary))
