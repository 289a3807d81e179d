"""GitHub Actions output: annotations, a command-proof log, and the job summary.

The runner keeps only 10 error, 10 warning and 10 notice annotations per
step, so ``render`` annotates the most severe findings first and, when some
are left out, ends with one notice saying how many (that notice is itself a
notice, so at most 9 info findings are annotated then). Every finding is then
printed as a plain text line between ``::stop-commands::TOKEN`` and
``::TOKEN::`` with a random token: whatever a report contains, the log can
never run a workflow command.

``job_summary`` renders Markdown for ``$GITHUB_STEP_SUMMARY``, which GitHub
drops entirely over 1 MiB: the tables are cut, with a note, near 900 KB.
"""

from __future__ import annotations

import html
import re
import secrets
from collections.abc import Sequence

from compass_lint.core.finding import Finding, Severity, Tally
from compass_lint.reporters import RunSummary
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
    by_kind: dict[str, list[Finding]] = {kind: [] for kind in _KINDS}
    for finding in findings:
        by_kind[_kind(finding)].append(finding)
    limits = dict.fromkeys(_KINDS, ANNOTATIONS_PER_KIND)
    if any(len(group) > ANNOTATIONS_PER_KIND for group in by_kind.values()):
        limits["notice"] -= 1  # room for the closing "N more" notice
    return [finding for kind in _KINDS for finding in by_kind[kind][: limits[kind]]]


def render(findings: list[Finding], summary: RunSummary) -> str:
    """Annotations, an overflow notice if needed, then every finding as inert text."""
    shown = annotated(findings)
    lines = [annotation(finding) for finding in shown]
    hidden = len(findings) - len(shown)
    if hidden:
        noun = "finding is" if hidden == 1 else "findings are"
        lines.append(
            f"::notice::{hidden} more {noun} not annotated (GitHub shows at most {ANNOTATIONS_PER_KIND} "
            "errors, warnings and notices per step). The full list is in the job summary, in this log "
            "below, and in 'compass-lint check --format text'."
        )
    if findings:
        token = secrets.token_hex(16)
        lines.append(f"::stop-commands::{token}")
        lines.extend(format_finding(finding) for finding in findings)
        lines.append(f"::{token}::")
    lines.append(summary_line(Tally(findings), summary))
    return "\n".join(lines) + "\n"


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


def job_summary(findings: list[Finding], summary: RunSummary, stale: Sequence[object] | None = None) -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY``: totals, then a table per file (under 1 MiB).

    ``stale`` (optional) is listed under its own heading, one item per
    bullet, each shown with ``str()``.
    """
    # Keep room for the closing notes so the result stays under the budget.
    budget = _Budget(SUMMARY_BUDGET - 2_000)
    budget.add(f"## compass-lint\n\n{_cell(summary_line(Tally(findings), summary))}\n")
    notes = []
    current = None
    for number, finding in enumerate(findings):
        chunk = ""
        if finding.path != current:
            chunk = f"\n### {_cell(finding.path)}\n\n{_TABLE_HEAD}"
        cells = (str(finding.line), _cell(finding.code), finding.severity.value, _cell(finding.message))
        chunk += f"| {' | '.join(cells)} |\n"
        if not budget.add(chunk):
            notes.append(_omitted(len(findings) - number, "findings"))
            break
        current = finding.path
    if stale:
        budget.add(f"\n### Stale action items ({len(stale)})\n\n")
        for number, item in enumerate(stale):
            if not budget.add(f"- {_cell(str(item))}\n"):
                notes.append(_omitted(len(stale) - number, "stale action items"))
                break
    return "".join(budget.parts + notes)
