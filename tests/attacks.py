"""Attacks on the real CLI: each runs ``python -m compass_lint`` in a subprocess with a hard timeout.

A hang fails the test (``subprocess.TimeoutExpired``) instead of hanging CI.
The attacker owns the folder (a pull request's checkout): file names, links,
config and schemas in it are all hostile.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pytest

# Each attack must be refused quickly: a slow refusal is a denial of service too.
TIMEOUT = 10.0


@dataclass
class Outcome:
    """What a run printed and returned (output decoded as UTF-8, bad bytes escaped)."""

    code: int
    out: str
    err: str
    raw_out: bytes
    raw_err: bytes


class Attack:
    """Runs compass-lint in ``folder`` (a fresh, git-free temporary folder)."""

    # A small report with one open action item (the team-compass outline finds gaps in it: fine).
    # A meeting report as discovery sees one: a meeting date and two parts of meeting notes.
    REPORT = (
        "# Team meeting\n\n**Opening Date:** 2024-01-01\n\n## Agenda\n\n- Plans\n\n"
        "## Actions\n\n- [ ] Alice: write the plan\n"
    )

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def run(
        self,
        *args: str,
        stdin: bytes | IO[Any] | None = None,
        timeout: float = TIMEOUT,
        max_file_bytes: int | None = None,
    ) -> Outcome:
        """Run the CLI; a run over ``timeout`` seconds fails the test.

        ``max_file_bytes``: a file-size limit (RLIMIT_FSIZE) on the process, as a full disk would
        make writes fail part-way.
        """
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "COMPASS_LINT"))}
        env["NO_COLOR"] = "1"
        result = subprocess.run(
            [sys.executable, "-m", "compass_lint", *args],
            cwd=self.folder,
            input=stdin if isinstance(stdin, bytes) else None,
            stdin=None if isinstance(stdin, bytes) else (stdin if stdin is not None else subprocess.DEVNULL),
            capture_output=True,
            timeout=timeout,
            env=env,
            check=False,
            preexec_fn=None if max_file_bytes is None else _file_size_limit(max_file_bytes),
        )
        return Outcome(
            result.returncode,
            result.stdout.decode("utf-8", "backslashreplace"),
            result.stderr.decode("utf-8", "backslashreplace"),
            result.stdout,
            result.stderr,
        )

    def write(self, name: str, text: str) -> Path:
        """Write a file below the folder (parents created)."""
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path


def _file_size_limit(size: int) -> Callable[[], None]:
    def limit() -> None:
        # start-up: resource exists on POSIX only, and only this child needs it
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


@pytest.fixture
def attack(tmp_path: Path) -> Attack:
    """A hostile checkout in a folder of its own."""
    folder = tmp_path / "checkout"
    folder.mkdir()
    return Attack(folder)
