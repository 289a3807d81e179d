"""Builders and constants shared by the tests, and the one in-process command-line runner."""

from __future__ import annotations

import contextlib
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from compass_lint.cli.main import main
from compass_lint.core.finding import Finding, Severity
from compass_lint.rules import RULES_BY_CODE


def make_finding(
    path: str,
    line: int = 44,
    code: str = "CL101",
    message: str = "missing section 4 'Team Metrics'",
    severity: Severity = Severity.ERROR,
    **extra: Any,
) -> Finding:
    """A finding as the linter would stamp it (a made-up code gets the name ``custom-rule``)."""
    name = RULES_BY_CODE[code].name if code in RULES_BY_CODE else "custom-rule"
    return Finding(path, line, extra.pop("column", 1), code, name, severity, message, **extra)


# The reference outline's headings, as fixtures/demo writes them (without the notes heading).
OUTLINE_HEADINGS = [
    "## Actions",
    "## 1. Help or discussion needed; Agenda Items for Monthly Meeting",
    "### 1.1 Open PRs",
    "### 1.2 Open issues",
    "## 2. Decisions needed",
    "## 3. Next actions (team)",
    "# News, Information, and Thanks",
    "## 4. Team Metrics",
    "## 5. Team News and Informational items",
    "### 5.1 Organization highlights",
    "### 5.2 BinderHub projects",
    "### 5.3 JupyterHub projects",
    "### 5.4 Related projects",
    "## 6. Thanks, Things to Celebrate, and anything else",
]


@dataclass(frozen=True)
class CliResult:
    """Exit code and output of one in-process ``compass-lint`` run."""

    code: int
    out: str
    err: str

    def findings(self) -> list[dict[str, Any]]:
        """The findings of a ``--format json`` run."""
        data: list[dict[str, Any]] = json.loads(self.out)
        return data


class Cli(Protocol):
    """The ``cli`` fixture (tests/conftest.py): ``cli("check", "x.md", cwd=..., input=...)``."""

    def __call__(
        self, *args: str, input: str | bytes | None = None, cwd: Path | None = None, tty: bool = False
    ) -> CliResult: ...


class _Capture(io.StringIO):
    """Captured stdout or stderr; a terminal when ``tty`` (colour and progress ask ``isatty()``)."""

    def __init__(self, tty: bool) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


@contextlib.contextmanager
def _stdin(data: str | bytes | None) -> Iterator[None]:
    if data is None:
        yield
        return
    raw = data.encode("utf-8") if isinstance(data, str) else data
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    try:
        yield
    finally:
        sys.stdin = saved


def run_cli(*args: str, input: str | bytes | None = None, cwd: Path | None = None, tty: bool = False) -> CliResult:
    """Run ``compass-lint ARGS`` in-process, in ``cwd`` (by default the current folder), with ``input`` on
    standard input, stdout (a terminal when ``tty``) and stderr captured.

    The ``cli`` fixture is this function; module-scoped fixtures and hypothesis tests, which cannot take a
    function-scoped fixture, call it directly.
    """
    out, err = _Capture(tty), _Capture(False)
    with (
        contextlib.chdir(cwd) if cwd is not None else contextlib.nullcontext(),
        _stdin(input),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        code = main(list(args))
    return CliResult(code, out.getvalue(), err.getvalue())
