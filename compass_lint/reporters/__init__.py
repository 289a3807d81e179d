"""Reporters turn sorted findings into output; they never decide anything.

Each reporter is chosen by name from ``REPORTERS``. A reporter gets the
findings already filtered and sorted, plus a ``RunSummary``, and returns the
text to write.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from compass_lint.finding import Finding


@dataclass(frozen=True)
class RunSummary:
    """Facts about a run that reporters may show."""

    files_checked: int
    paths: tuple[str, ...] = field(default=())
    color: bool = False


Reporter = Callable[[list[Finding], RunSummary], str]


def _registry() -> dict[str, Reporter]:
    from compass_lint.reporters import github, gitlab, junit, machine, sarif, text

    return {
        "text": text.render,
        "json": machine.render_json,
        "github": github.render,
        "sarif": sarif.render,
        "junit": junit.render,
        "gitlab": gitlab.render,
    }


REPORTERS: dict[str, Reporter] = _registry()
