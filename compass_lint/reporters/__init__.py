"""Reporters turn sorted findings into output; they never decide anything.

Each reporter is chosen by name from ``REPORTERS``. A reporter gets the
findings already filtered and sorted, plus a ``RunSummary``, and returns the
text to write.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import NamedTuple

from compass_lint.core.finding import Finding


class RunSummary(NamedTuple):
    """Facts about a run that reporters may show."""

    files_checked: int
    paths: tuple[str, ...] = ()
    color: bool = False


Reporter = Callable[[list[Finding], RunSummary], str]


_TARGETS = {
    "text": ("compass_lint.reporters.text", "render"),
    "json": ("compass_lint.reporters.json", "render_json"),
    "github": ("compass_lint.reporters.github", "render"),
    "sarif": ("compass_lint.reporters.sarif", "render"),
    "junit": ("compass_lint.reporters.junit", "render"),
    "gitlab": ("compass_lint.reporters.gitlab", "render"),
}


class _Registry(dict[str, Reporter]):
    """Reporters by name, each imported on first use (keeps start-up short)."""

    def __missing__(self, name: str) -> Reporter:
        module, attribute = _TARGETS[name]
        reporter: Reporter = getattr(import_module(module), attribute)
        self[name] = reporter
        return reporter

    def names(self) -> tuple[str, ...]:
        """Every reporter name."""
        return tuple(_TARGETS)


REPORTERS: _Registry = _Registry()
