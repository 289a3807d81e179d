"""``init`` in a cloned repository writes nothing through a symbolic link (issue 20, 2 and 3): the schemas
would land outside the project, and a linked pyproject.toml's bytes would be copied into it."""

from __future__ import annotations

import os
from pathlib import Path

from attacks import Attack

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "fixtures" / "demo"


def _reports(attack: Attack) -> None:
    for report in DEMO.glob("*.md"):
        attack.write(f"m/{report.name}", report.read_text(encoding="utf-8"))


def test_a_linked_schema_folder_is_refused(attack: Attack, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    _reports(attack)
    os.symlink(elsewhere, attack.folder / ".compass-lint")
    result = attack.run("init")
    assert result.code == 2
    assert "is a symbolic link; init writes no file through one" in result.err
    assert list(elsewhere.iterdir()) == [], "nothing written where the link points"
    assert not (attack.folder / ".compass-lint.toml").exists(), "nothing written at all"


def test_a_linked_pyproject_is_neither_read_nor_written(attack: Attack, tmp_path: Path) -> None:
    secret = tmp_path / "secret.toml"
    secret.write_text('token = "s3cr3t"\n', encoding="utf-8")
    _reports(attack)
    os.symlink(secret, attack.folder / "pyproject.toml")
    result = attack.run("init", "--force")
    assert result.code == 2
    assert "pyproject.toml is a symbolic link" in result.err
    assert secret.read_text(encoding="utf-8") == 'token = "s3cr3t"\n'
    assert (attack.folder / "pyproject.toml").is_symlink(), "the link is left as it was"
    assert "s3cr3t" not in result.out + result.err


def test_without_links_init_writes(attack: Attack) -> None:
    _reports(attack)
    result = attack.run("init")
    assert result.code == 0, result.err
    assert (attack.folder / ".compass-lint" / "schemas" / "m.schema.json").is_file()
    assert 'files = "m/*.md"' in (attack.folder / ".compass-lint.toml").read_text(encoding="utf-8")
