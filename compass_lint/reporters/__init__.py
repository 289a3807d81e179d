"""Reporters turn sorted findings into output; they never decide anything.

Every format is a ``Reporter`` with flake8's formatter lifecycle: ``start()``
once, ``handle(path, findings)`` once per checked file, in output order, with
that file's findings (maybe none), and ``finish(summary)`` once. A reporter
writes to its output as it goes and keeps only what its format needs at the
end (counts, the rules a SARIF log names, a bounded job summary), so memory
does not grow with the number of findings.

Formats are chosen by name from ``REPORTERS``. Each entry can also render a
whole list of findings at once: ``REPORTERS["json"](findings, summary)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from io import StringIO
from itertools import groupby
from operator import attrgetter
from typing import NamedTuple, Protocol

from compass_lint.core.finding import Finding


class RunSummary(NamedTuple):
    """Facts about a run that reporters may show."""

    files_checked: int
    paths: tuple[str, ...] = ()
    color: bool = False
    not_reports: int = 0  # Markdown files found but left out: not meeting reports


class Output(Protocol):
    """Where a reporter writes: any text stream (a file, ``io.StringIO``, standard output)."""

    def write(self, text: str, /) -> object:
        """Write ``text``."""


class Reporter:
    """One output format, written as the run goes (see the module docstring).

    ``color`` asks for terminal colours (text only); ``quiet`` for findings
    only, without the closing summary line (text only, as ``--quiet``).
    """

    def __init__(self, out: Output, *, color: bool = False, quiet: bool = False) -> None:
        self.out = out
        self.color = color
        self.quiet = quiet

    def start(self) -> None:
        """Called once, before the first file."""

    def handle(self, path: str, findings: list[Finding]) -> None:
        """Called once per checked file, in output order, with its sorted findings."""

    def finish(self, summary: RunSummary) -> None:
        """Called once, after the last file."""

    def close(self) -> None:
        """Free what the reporter holds; called last, even when the run failed."""


class Format(NamedTuple):
    """A ``REPORTERS`` entry: the reporter class, callable to render a whole list at once."""

    reporter: type[Reporter]

    def __call__(self, findings: Sequence[Finding], summary: RunSummary) -> str:
        """The output for ``findings`` (sorted, as a run gives them) as one string."""
        out = StringIO()
        reporter = self.reporter(out, color=summary.color)
        try:
            reporter.start()
            for path, group in groupby(findings, key=attrgetter("path")):
                reporter.handle(path, list(group))
            reporter.finish(summary)
        finally:
            reporter.close()
        return out.getvalue()


_TARGETS = {
    "text": ("compass_lint.reporters.text", "TextReporter"),
    "json": ("compass_lint.reporters.json", "JsonReporter"),
    "github": ("compass_lint.reporters.github", "GitHubReporter"),
    "sarif": ("compass_lint.reporters.sarif", "SarifReporter"),
    "junit": ("compass_lint.reporters.junit", "JUnitReporter"),
    "gitlab": ("compass_lint.reporters.gitlab", "GitLabReporter"),
}


class _Registry(dict[str, Format]):
    """Reporters by name, each imported on first use (keeps start-up short)."""

    def __missing__(self, name: str) -> Format:
        module, attribute = _TARGETS[name]
        entry = Format(getattr(import_module(module), attribute))
        self[name] = entry
        return entry

    def names(self) -> tuple[str, ...]:
        """Every reporter name."""
        return tuple(_TARGETS)


REPORTERS: _Registry = _Registry()
