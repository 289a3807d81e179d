"""The benchmark's corpus generators parse their arguments: ``--help`` prints usage and writes nothing (issue 19)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.mark.parametrize("script", ["gen_corpus.py", "gen_series.py"])
def test_help_prints_usage_and_writes_no_folder(script: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH / script), "--help"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"usage: {script}")
    assert list(tmp_path.iterdir()) == [], "no folder named --help"


def test_series_generator_writes_one_series_with_the_same_items_in_every_report(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH / "gen_series.py"), str(tmp_path), "3", "--shape", "standing"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    reports = sorted((tmp_path / "standing-meetings").glob("*.md"))
    assert [p.name for p in reports] == ["1990-01-05.md", "1990-01-12.md", "1990-01-19.md"]
    items = [[line for line in p.read_text(encoding="utf-8").splitlines() if "(standing)" in line] for p in reports]
    assert len(items[0]) == 20 and items[0] == items[1] == items[2]
