"""A run that finds no report says so on stderr; a path that does not exist is still exit 2."""

from __future__ import annotations

import shutil
from pathlib import Path

from builders import Cli

ROOT = Path(__file__).resolve().parents[2]
CLEAN = ROOT / "fixtures" / "demo" / "2026-01-30.md"


def test_an_empty_folder_warns(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("not Markdown\n", encoding="utf-8")
    result = cli("check", "empty", cwd=tmp_path)
    assert result.code == 0
    assert result.err == "compass-lint: warning: no reports to check under empty\n"


def test_only_the_empty_folder_is_named(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "full").mkdir()
    shutil.copyfile(CLEAN, tmp_path / "full" / "2026-01-30.md")
    result = cli("check", "empty", "full/", cwd=tmp_path)
    assert result.code == 0
    assert "1 file checked" in result.out
    assert result.err == "compass-lint: warning: no reports to check under empty\n"


def test_the_current_folder_by_default(tmp_path: Path, cli: Cli) -> None:
    result = cli("check", cwd=tmp_path)
    assert result.err == "compass-lint: warning: no reports to check under .\n"
    assert cli("fix", cwd=tmp_path).err == "compass-lint: warning: no reports to check under .\n"


def test_a_folder_with_reports_does_not_warn(tmp_path: Path, cli: Cli) -> None:
    shutil.copyfile(CLEAN, tmp_path / "2026-01-30.md")
    assert cli("check", cwd=tmp_path).err == ""
    assert cli("check", ".", cwd=tmp_path).err == ""


def test_a_missing_path_is_exit_2(tmp_path: Path, cli: Cli) -> None:
    result = cli("check", "nope", cwd=tmp_path)
    assert result.code == 2
    assert result.err == "compass-lint: error: nope: no such file or directory\n"
