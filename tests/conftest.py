"""Shared pytest set-up: hypothesis profiles and the fixtures every test folder uses.

``ci`` (the default) keeps the property tests bounded; ``long`` explores more:
``HYPOTHESIS_PROFILE=long pytest tests/unit/test_fuzz.py`` or ``pytest --hypothesis-profile long``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from attacks import attack  # noqa: F401 - the adversarial tests' fixture (tests/attacks.py)
from builders import Cli, run_cli
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]

settings.register_profile(
    "ci",
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two series (six reports) plus the failing fixtures, in a folder of their own; the current folder."""
    shutil.copytree(
        ROOT / "fixtures" / "series" / "three-months", tmp_path / "series", ignore=shutil.ignore_patterns("*.txt")
    )
    shutil.copytree(ROOT / "fixtures" / "demo", tmp_path / "demo")
    for index, fixture in enumerate(sorted((ROOT / "fixtures").glob("CL1*/fail/*.md"))):
        folder = tmp_path / "fail" / f"{index:02d}"
        folder.mkdir(parents=True)
        shutil.copy(fixture, folder / fixture.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def cli() -> Cli:
    """``cli(*args, input=None, cwd=None, tty=False) -> CliResult``: ``compass-lint ARGS`` in-process."""
    return run_cli
