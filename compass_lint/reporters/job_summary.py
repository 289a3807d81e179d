"""The GitHub job summary (``$GITHUB_STEP_SUMMARY``): an overview, then the first files' findings.

A push may check a thousand reports, so the summary is read top down and cut
early. First the totals line and an overview: how many findings of each code,
the oldest stale actions (CL301) with their owners, and the files with the most
errors. Then a table of findings for each of the first ``FILES_SHOWN`` files
(at most ``ROWS_PER_FILE`` rows each) and the first ``STALE_LISTED`` stale
items. Every cut ends with a line saying how much is left out and where to
find it (the step's log holds every finding).

It is built as findings come and keeps only what it can show: a few bounded
heaps and lists, never every finding. A byte budget stays as a last guard:
GitHub drops a summary over 1 MiB whole.
"""

from __future__ import annotations

import heapq
import html
import re
from collections import Counter
from collections.abc import Iterable

from compass_lint.core.finding import Finding, Severity
from compass_lint.series.layout import report_name

SUMMARY_BUDGET = 900_000
"""Bytes of job summary we allow ourselves (GitHub's limit is 1 MiB)."""

FILES_SHOWN = 20
"""Files whose findings get a table."""
ROWS_PER_FILE = 50
"""Rows in one file's table."""
ERROR_FILES_SHOWN = 20
"""Files listed under "Files with errors" (those with the most errors)."""
OLDEST_SHOWN = 10
"""Stale actions in the overview (those open for the most reports)."""
STALE_LISTED = 50
"""Stale items listed one per line at the end."""

_MAX_CELL = 2_000
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")
_TABLE_HEAD = "| Line | Code | Severity | Message |\n| ---: | --- | --- | --- |\n"
_STALE_ITEM = re.compile(r": '(?P<item>.*)'\Z", re.S)
_FULL_LIST = "every finding is in the step's log and in `compass-lint check --format text`"


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell: literal, one line, HTML-escaped."""
    if len(text) > _MAX_CELL:
        text = text[:_MAX_CELL] + "…"
    text = html.escape(_MARKDOWN_SPECIAL.sub(r"\\\1", text), quote=False)
    return "<br>".join(text.splitlines()) or " "


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


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


class _Stale:
    """One stale action of the overview, ordered so that the oldest sorts last in a min-heap."""

    def __init__(self, finding: Finding) -> None:
        self.finding = finding
        self.reports = len(finding.related) + 1  # related: its earlier occurrences
        first = finding.related[0] if finding.related else finding
        self.since = first.path
        self.identity = (first.path, first.line)  # where the action first appeared

    def key(self) -> tuple[int, str, str, int]:
        # More reports is older; among equals, the earliest first report, then output order.
        f = self.finding
        return (self.reports, _inverted(self.since), _inverted(f.path), -f.line)

    def __lt__(self, other: _Stale) -> bool:
        return self.key() < other.key()

    def row(self) -> str:
        f = self.finding
        match = _STALE_ITEM.search(f.message)
        item = match.group("item") if match else f.message
        cells = (cell(f.owner or "—"), cell(item), str(self.reports), cell(report_name(self.since)))
        return f"| {' | '.join(cells)} | {cell(f.path)}:{f.line} |\n"


def _inverted(text: str) -> str:
    """A string key that sorts in reverse (for "smallest first" inside a max-ordering)."""
    return "".join(chr(0x10FFFF - ord(c)) for c in text) + "\U0010ffff"


class JobSummary:
    """The job summary, built as findings come (see the module docstring)."""

    def __init__(self) -> None:
        self.codes: Counter[tuple[str, str, str]] = Counter()
        self.error_files: list[tuple[int, str, int, str]] = []  # heap: (errors, key, warnings, path)
        self.error_file_count = 0
        self.oldest: list[_Stale] = []  # heap: the least old on top
        self.error_tables: list[tuple[int, str]] = []  # (findings, Markdown) of the first files
        self.other_tables: list[tuple[int, str]] = []
        self.stale_items: list[str] = []
        self.stale_count = 0
        self.finding_count = 0
        self.file_count = 0

    def add(self, findings: Iterable[Finding]) -> None:
        """One file's findings (or several files', in output order)."""
        by_path: dict[str, list[Finding]] = {}
        for finding in findings:
            by_path.setdefault(finding.path, []).append(finding)
        for path, group in by_path.items():
            self._add_file(path, group)

    def _add_file(self, path: str, findings: list[Finding]) -> None:
        self.finding_count += len(findings)
        self.file_count += 1
        severities = Counter(f.severity for f in findings)
        self.codes.update((f.code, f.name, f.severity.value) for f in findings)
        if severities[Severity.ERROR]:
            self.error_file_count += 1
            # Most errors first; among equals, output order (the inverted path sorts it so).
            entry = (severities[Severity.ERROR], _inverted(path), severities[Severity.WARNING], path)
            if len(self.error_files) < ERROR_FILES_SHOWN:
                heapq.heappush(self.error_files, entry)
            elif entry > self.error_files[0]:
                heapq.heapreplace(self.error_files, entry)
        for finding in findings:
            if finding.code == "CL301":
                self._keep_stale(_Stale(finding))
                self.add_stale([f"{finding.path}:{finding.line} {finding.message}"])
        # Files with errors get the tables first: FILES_SHOWN of each kind are kept until the end.
        tables = self.error_tables if severities[Severity.ERROR] else self.other_tables
        if len(tables) < FILES_SHOWN:
            rows = "".join(
                f"| {f.line} | {cell(f.code)} | {f.severity.value} | {cell(f.message)} |\n"
                for f in findings[:ROWS_PER_FILE]
            )
            more = len(findings) - ROWS_PER_FILE
            tail = f"\n_{_plural(more, 'more finding')} in this file not shown._\n" if more > 0 else ""
            tables.append((len(findings), f"\n### {cell(path)}\n\n{_TABLE_HEAD}{rows}{tail}"))

    def _keep_stale(self, stale: _Stale) -> None:
        # An action is reported in each report that carries it: keep its oldest finding only.
        for index, kept in enumerate(self.oldest):
            if kept.identity == stale.identity:
                if kept < stale:
                    self.oldest[index] = stale
                    heapq.heapify(self.oldest)
                return
        if len(self.oldest) < OLDEST_SHOWN:
            heapq.heappush(self.oldest, stale)
        elif self.oldest[0] < stale:
            heapq.heapreplace(self.oldest, stale)

    def add_stale(self, items: Iterable[object]) -> None:
        """Stale action items, listed one per line at the end, each shown with ``str()``."""
        for item in items:
            self.stale_count += 1
            if len(self.stale_items) < STALE_LISTED:
                self.stale_items.append(f"- {cell(str(item))}\n")

    def render(self, totals: str) -> str:
        """The Markdown, headed by the ``totals`` line."""
        budget = _Budget(SUMMARY_BUDGET - 2_000)  # room for the closing note
        chunks = [f"## compass-lint\n\n{cell(totals)}\n", *self._overview()]
        chunks += self._findings()
        if self.stale_count:
            chunks.append(f"\n### Stale action items ({self.stale_count:,})\n\n")
            chunks += self.stale_items
            if self.stale_count > len(self.stale_items):
                left = self.stale_count - len(self.stale_items)
                chunks.append(f"\n_{_plural(left, 'more stale action item')} not shown: {_FULL_LIST}._\n")
        shown = 0
        while shown < len(chunks) and budget.add(chunks[shown]):
            shown += 1
        if shown < len(chunks):
            budget.parts.append(f"\n_The rest is cut: GitHub drops a job summary over 1 MiB; {_FULL_LIST}._\n")
        return "".join(budget.parts)

    def _overview(self) -> list[str]:
        chunks = []
        if self.codes:
            rows = "".join(
                f"| {cell(code)} | {cell(name)} | {severity} | {count:,} |\n"
                for (code, name, severity), count in sorted(self.codes.items())
            )
            chunks.append(f"\n| Code | Rule | Severity | Findings |\n| --- | --- | --- | ---: |\n{rows}")
        if self.oldest:
            stale = self.codes_of("CL301")
            shown = f"the {len(self.oldest)} oldest of {stale:,}" if stale > len(self.oldest) else f"{stale:,}"
            rows = "".join(item.row() for item in sorted(self.oldest, reverse=True))
            chunks.append(
                f"\n### Oldest stale actions ({shown})\n\n"
                "| Owner | Action | Open for (reports) | Since | Where |\n| --- | --- | ---: | --- | --- |\n" + rows
            )
        if self.error_files:
            rows = "".join(
                f"| {cell(path)} | {errors:,} | {warnings:,} |\n"
                for errors, _, warnings, path in sorted(self.error_files, reverse=True)
            )
            more = self.error_file_count - len(self.error_files)
            tail = f"\n_and {_plural(more, 'more file')} with errors._\n" if more else ""
            title = f"Files with errors ({self.error_file_count:,})"
            if more:
                title = f"Files with the most errors ({len(self.error_files)} of {self.error_file_count:,})"
            chunks.append(f"\n### {title}\n\n| File | Errors | Warnings |\n| --- | ---: | ---: |\n{rows}{tail}")
        return chunks

    def codes_of(self, code: str) -> int:
        """How many findings of ``code`` were added, whatever their severity."""
        return sum(count for (each, _, _), count in self.codes.items() if each == code)

    def _findings(self) -> list[str]:
        tables = (self.error_tables + self.other_tables)[:FILES_SHOWN]
        more = self.file_count - len(tables)
        chunks = [markdown for _, markdown in tables]
        if more:
            untabled = self.finding_count - sum(count for count, _ in tables)
            left = f"{_plural(more, 'more file')} with {_plural(untabled, 'finding')}"
            chunks.append(f"\n_{left} not shown here (tables for {len(tables)} files, errors first): {_FULL_LIST}._\n")
        return chunks
