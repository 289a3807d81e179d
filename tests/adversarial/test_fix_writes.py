"""fix never loses the user's work: a concurrent save wins, metadata stays, read-only is refused (issue 20, 2)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from attacks import TIMEOUT, Attack

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "fixtures" / "demo"
# A predecessor whose parse runs until its time budget: fix is busy with the history of the next report.
SLOW = (
    # A report to discovery (a date, an agenda and actions), slow to parse.
    "# Team meeting\n\n#### Opening Date: 01 Jan 2026\n\n#### Closing Date: 30 Jan 2026\n\n## Agenda\n\n- Plans\n\n"
    "## Next actions\n\n" + "- " * 4000 + "x\n" + "- i\n" * 60000
)


def _fixable(attack: Attack) -> Path:
    return attack.write("2026-02-27.md", (DEMO / "2026-02-27.md").read_text(encoding="utf-8"))


def test_an_edit_saved_while_fix_runs_is_kept(attack: Attack) -> None:
    attack.write(".compass-lint.toml", "time-budget = 3\n")
    attack.write("2026-01-30.md", SLOW)
    target = _fixable(attack)
    process = subprocess.Popen(
        [sys.executable, "-m", "compass_lint", "fix", "2026-02-27.md"],
        cwd=attack.folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(1.0)  # fix has read the file and is parsing its predecessor
    edited = target.read_text(encoding="utf-8") + "\nA line the user saved meanwhile.\n"
    target.write_text(edited, encoding="utf-8")
    _, err = process.communicate(timeout=TIMEOUT)
    assert target.read_text(encoding="utf-8") == edited
    assert "2026-02-27.md: changed on disk while fix ran; left as it is" in err.decode()
    assert process.returncode == 1


def test_fix_keeps_mode_and_xattrs(attack: Attack) -> None:
    target = _fixable(attack)
    target.chmod(0o640)
    xattr = hasattr(os, "setxattr")
    if xattr:
        try:
            os.setxattr(target, "user.origin", b"editor")
        except OSError:
            xattr = False  # the file system has no user xattrs
    before = target.read_bytes()
    result = attack.run("fix", "2026-02-27.md")
    assert "fixed" in result.out
    assert target.read_bytes() != before
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    if xattr:
        assert os.getxattr(target, "user.origin") == b"editor"


def test_read_only_file_is_refused(attack: Attack) -> None:
    target = _fixable(attack)
    target.chmod(0o444)
    before = target.read_bytes()
    result = attack.run("fix", "2026-02-27.md")
    assert "2026-02-27.md: is read-only; not writing it" in result.err
    assert target.read_bytes() == before
    assert result.code == 1


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_is_not_written_through(attack: Attack, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text((DEMO / "2026-02-27.md").read_text(encoding="utf-8"), encoding="utf-8")
    (attack.folder / "2026-02-27.md").symlink_to(outside)
    before = outside.read_bytes()
    result = attack.run("fix", "2026-02-27.md")
    assert "symbolic link" in result.err
    assert outside.read_bytes() == before
