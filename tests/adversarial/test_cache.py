"""The cache folder is untrusted when committed: no symlinks followed, no half files, rows validated (issue 20, 2)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from attacks import Attack

ROOT = Path(__file__).resolve().parents[2]
CACHE = ".compass-lint-cache"


def _reports(attack: Attack) -> None:
    for report in (ROOT / "fixtures" / "demo").glob("*.md"):
        attack.write(report.name, report.read_text(encoding="utf-8"))


def test_cache_folder_symlink_is_not_followed(attack: Attack, tmp_path: Path) -> None:
    _reports(attack)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (attack.folder / CACHE).symlink_to(elsewhere)
    result = attack.run("check", ".")
    assert result.code == 1
    assert list(elsewhere.iterdir()) == [], "nothing written where the link points"
    cleaned = attack.run("clean")
    assert cleaned.code == 0
    assert "is a symbolic link, not a cache; left it alone" in cleaned.out
    assert (attack.folder / CACHE).is_symlink() and elsewhere.is_dir()


def test_entries_folder_symlink_is_not_followed(attack: Attack, tmp_path: Path) -> None:
    _reports(attack)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (attack.folder / CACHE).mkdir()
    (attack.folder / CACHE / "v3").symlink_to(elsewhere)
    assert attack.run("check", ".").code == 1
    assert list(elsewhere.iterdir()) == []
    assert "left the cache alone" in attack.run("clean").out


def test_clean_says_what_it_did(attack: Attack) -> None:
    _reports(attack)
    attack.run("check", ".")
    assert (attack.folder / CACHE / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    assert "removed" in attack.run("clean").out
    assert not (attack.folder / CACHE).exists()
    assert "no cache at" in attack.run("clean").out


@pytest.mark.skipif(not hasattr(os, "fork"), reason="RLIMIT_FSIZE is POSIX")
def test_full_disk_leaves_no_empty_gitignore(attack: Attack) -> None:
    _reports(attack)
    result = attack.run("check", ".", max_file_bytes=8)  # every write past 8 bytes fails
    assert result.code == 1
    assert "Traceback" not in result.err
    assert not (attack.folder / CACHE / ".gitignore").exists()
    assert [p.name for p in (attack.folder / CACHE).rglob("*") if p.is_file()] == []


@pytest.mark.parametrize(
    "tamper",
    [
        lambda row: row.__setitem__(4, "bogus"),
        lambda row: row.__setitem__(0, 10**40),
        lambda row: row.__setitem__(0, "12"),
        lambda row: row.__setitem__(1, True),
        lambda row: row.__setitem__(2, "<script>"),
        lambda row: row.__setitem__(5, ["not", "text"]),
        lambda row: row.__setitem__(8, [["x.md", -5]]),
        lambda row: row.__setitem__(8, {"a": 1}),
        lambda row: row.__setitem__(9, 7),
        lambda row: row.pop(),
    ],
)
@pytest.mark.parametrize("output", ["sarif", "gitlab", "json"])
def test_crafted_cache_row_is_a_miss(attack: Attack, tamper: object, output: str) -> None:
    _reports(attack)
    fresh = attack.run("check", "--no-cache", "--format", output, ".")
    attack.run("check", ".")
    for entry in (attack.folder / CACHE / "v3").glob("*.json"):
        data = json.loads(entry.read_text(encoding="utf-8"))
        for row in data["findings"]:
            tamper(row)  # type: ignore[operator]
        entry.write_text(json.dumps(data), encoding="utf-8")
    result = attack.run("check", "--format", output, ".")
    assert result.code == fresh.code == 1
    assert result.out == fresh.out, "a bad row is ignored and the file checked again"


def test_a_valid_row_is_used(attack: Attack) -> None:
    # The control for the test above: the cache is read at all.
    _reports(attack)
    attack.run("check", ".")
    for entry in (attack.folder / CACHE / "v3").glob("*.json"):
        data = json.loads(entry.read_text(encoding="utf-8"))
        for row in data["findings"]:
            row[5] = "TAMPERED"
        entry.write_text(json.dumps(data), encoding="utf-8")
    assert "TAMPERED" in attack.run("check", ".").out
