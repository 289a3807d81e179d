"""History reads reports through a reader: the language server's open buffers instead of the disk."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT

from compass_lint.core.settings import Config
from compass_lint.engine.context import identity_for
from compass_lint.engine.runner import RunOptions, check_file
from compass_lint.outline.spec import Outline
from compass_lint.series.history import History
from compass_lint.series.reading import read_file

DEMO = ROOT / "fixtures" / "demo"


def _stale(history: History, current: Path, config: Config) -> list[tuple[int, str]]:
    findings = check_file(str(current), config, RunOptions(), history, current.read_bytes())
    return [(f.line, f.code) for f in findings if f.code in ("CL301", "CL303")]


def test_a_reader_replaces_the_predecessor_on_disk(tmp_path: Path) -> None:
    for report in DEMO.glob("*.md"):
        shutil.copy(report, tmp_path / report.name)
    previous, current = tmp_path / "2026-01-30.md", tmp_path / "2026-02-27.md"
    config = Config(root=tmp_path)
    # The buffer of the predecessor no longer holds the onboarding guide: that action is new in February.
    buffer = previous.read_bytes().replace(b"- Write the contributor onboarding guide (Priya)\n", b"")
    asked: list[str] = []

    def reader(key: str) -> bytes | None:
        asked.append(key)
        return buffer if key == str(previous.resolve()) else read_file(key)

    def outline(path: str) -> Outline:
        return identity_for(path, config).outline

    from_disk = _stale(History(config, outline), current, config)
    from_buffer = _stale(History(config, outline, read=reader), current, config)
    assert from_disk == [(35, "CL301"), (36, "CL301"), (37, "CL303")]
    assert from_buffer == [(36, "CL301"), (37, "CL303")]
    assert str(previous.resolve()) in asked


def test_read_file_gives_none_for_a_missing_file(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"# A\n")
    assert read_file(str(tmp_path / "a.md")) == b"# A\n"
    assert read_file(str(tmp_path / "missing.md")) is None
