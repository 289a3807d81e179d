"""``compass-lint`` in a process of its own (``python -m compass_lint``): a real pipe, the version,
and what a warm run imports."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from compass_lint import __version__

ROOT = Path(__file__).resolve().parents[2]
ERRORS = ROOT / "fixtures" / "demo" / "2026-02-27.md"  # four errors of four rules, one at column 6


def test_no_colour_when_piped(tmp_path: Path) -> None:
    shutil.copyfile(ERRORS, tmp_path / "report.md")
    piped = subprocess.run(
        [sys.executable, "-m", "compass_lint", "check", "report.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert piped.returncode == 1
    assert "CL106" in piped.stdout
    assert "\x1b[" not in piped.stdout + piped.stderr


def test_version_via_python_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "compass_lint", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"compass-lint, version {__version__}"


def test_a_warm_run_imports_neither_the_parser_nor_the_validator(workspace: Path) -> None:
    # Start-up is most of a warm run: served from the cache, it must not load
    # mistune, jsonschema or rapidfuzz (the modules that only linting needs).
    command = [sys.executable, "-X", "importtime", "-m", "compass_lint", "check", "."]
    cold = subprocess.run(command, capture_output=True, text=True, check=False)
    warm = subprocess.run(command, capture_output=True, text=True, check=False)
    assert cold.returncode == warm.returncode == 1
    assert warm.stdout == cold.stdout
    heavy = ("mistune", "jsonschema", "rapidfuzz", "compass_lint.engine.linter")
    assert all(f" {name}" in cold.stderr for name in heavy)
    # Nor what only writing the cache needed (tempfile), nor importlib.resources (zipfile, shutil).
    unneeded = (*heavy, "tempfile", "importlib.resources")
    imported = [line for line in warm.stderr.splitlines() if any(line.endswith(f" {n}") for n in unneeded)]
    assert imported == []
