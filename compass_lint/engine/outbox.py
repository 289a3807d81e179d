"""Passing findings on in output order as files finish, and the progress bar."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from compass_lint.core.finding import Finding

Sink = Callable[[list[Finding]], None]


class InOrder:
    """Passes each file's findings on in output order, as soon as the files before it are done.

    Files are done out of order (cache hits first, then parallel batches); this
    holds a file's findings only until every earlier file is done.
    """

    def __init__(self, order: list[int], sink: Sink) -> None:
        self._order = order
        self._sink = sink
        self._next = 0
        self._waiting: dict[int, list[Finding]] = {}

    def done(self, index: int, findings: list[Finding]) -> None:
        self._waiting[index] = findings
        while self._next < len(self._order) and self._order[self._next] in self._waiting:
            self._sink(self._waiting.pop(self._order[self._next]))
            self._next += 1

    @property
    def finished(self) -> bool:
        return self._next == len(self._order)


@contextmanager
def progress(show: bool, total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr (only on a terminal, never in CI logs)."""
    if not show or not sys.stderr.isatty() or os.environ.get("CI"):
        yield lambda: None
        return
    # start-up: click's progress bar, only on a terminal
    import click

    with click.progressbar(length=total, label="Checking", file=sys.stderr) as bar:
        yield lambda: bar.update(1)
