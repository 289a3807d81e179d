"""``compass-lint new`` then ``compass-lint check`` on several series (issue 19, "`new`").

Each case copies a series into a throwaway git repository, runs the real command line in a
subprocess (``python -m compass_lint``) to write the next report, compares it with its golden
``fixtures/new/<case>.expected`` (read by eye), and checks the repository: no error-severity
finding, and the carried actions as CL301 warnings of the new report.

The series (``fixtures/new/``, synthetic, modelled on the shapes of issues 18 and 19):

* ``monthly``: the builtin outline: a period, a goal line and a standing note under the title, a
  next-meeting link with a time, section prompts, "Notes about this document";
* ``weekly``: one meeting date per report in a ``- **Date:**`` bullet, a next-call link from a
  ``link-template``, an optional standing section;
* ``folder-per-meeting``: ``meeting-notes/20260512-community/index.md``, the date in a free line;
* ``year-folders``: ``meetings/2025/2025-12-16.md`` with front matter; the next one is in ``2026/``;
* ``init``: ``fixtures/init/team-repo`` after ``compass-lint init`` (schemas it derived, a template).

To rewrite the goldens after an intended change: ``COMPASS_LINT_UPDATE_GOLDEN=1 pytest`` this file,
then read ``git diff fixtures/new``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
NEW = ROOT / "fixtures" / "new"
UPDATE = os.environ.get("COMPASS_LINT_UPDATE_GOLDEN") == "1"

# case: (fixture folder, copied to, new's arguments, the report it writes, carried actions)
CASES: dict[str, tuple[Path, str, tuple[str, ...], str, int]] = {
    "monthly": (NEW / "monthly", "meetings", ("meetings",), "meetings/2026-03-27.md", 3),
    "weekly": (NEW / "weekly", ".", ("calls",), "calls/2026-05-19.md", 2),
    "folder-per-meeting": (
        NEW / "folder-per-meeting",
        ".",
        ("--series", "community"),
        "meeting-notes/20260609-community/index.md",
        2,
    ),
    "year-folders": (NEW / "year-folders", ".", ("meetings",), "meetings/2026/2026-01-13.md", 2),
}


def run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command line, in a subprocess, in ``repo``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "COMPASS_LINT"))}
    return subprocess.run(
        [sys.executable, "-m", "compass_lint", *args], cwd=repo, env=env, capture_output=True, text=True, check=False
    )


def repository(tmp_path: Path, source: Path, into: str) -> Path:
    """A git repository holding a copy of ``source`` (at ``into`` inside it)."""
    repo = tmp_path / "repo"
    shutil.copytree(source, repo / into, dirs_exist_ok=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True, capture_output=True)
    return repo


def findings(repo: Path) -> list[dict[str, Any]]:
    done = run(repo, "check", "--no-cache", "--format", "json", ".")
    assert done.returncode in (0, 1), done.stderr
    found: list[dict[str, Any]] = json.loads(done.stdout)
    return found


@pytest.mark.parametrize("case", sorted(CASES))
def test_new_then_check_has_no_error(tmp_path: Path, case: str) -> None:
    source, into, args, written, carried = CASES[case]
    repo = repository(tmp_path, source, into)
    before = findings(repo)
    assert [f for f in before if f["severity"] == "error"] == [], "the fixture series itself is clean"
    done = run(repo, "new", *args)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"wrote {repo / written} (from "), done.stdout
    text = (repo / written).read_text(encoding="utf-8")
    golden = NEW / f"{case}.expected"
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    after = findings(repo)
    assert [f for f in after if f["severity"] == "error"] == []
    # The only new findings are the new report's carried actions.
    mine = [f for f in after if f["path"] == written]
    assert [f["code"] for f in mine] == ["CL301"] * carried
    assert len(after) == len(before) + carried


def test_new_never_writes_the_previous_meeting_link(tmp_path: Path) -> None:
    repo = repository(tmp_path, NEW / "monthly", "meetings")
    assert run(repo, "new", "meetings").returncode == 0
    text = (repo / "meetings" / "2026-03-27.md").read_text(encoding="utf-8")
    assert "/team/issues/4" not in text  # neither February's link nor January's
    assert "](https://replace-with-the-meeting-link.invalid/)" in text


def test_new_after_init_on_every_series_has_no_error(tmp_path: Path) -> None:
    repo = repository(tmp_path, ROOT / "fixtures" / "init" / "team-repo", ".")
    assert run(repo, "init").returncode == 0
    before = findings(repo)
    assert [f for f in before if f["severity"] == "error"] == []
    expected = {
        "meeting-notes": "meeting-notes/20260602-community/index.md",
        "meetings-community": "meetings/2025-05-19-community.md",
        "meetings-dev": "meetings/2025-05-21-dev.md",
        "minutes": "minutes/2025/2025-03-04.md",
    }
    for name, path in expected.items():
        done = run(repo, "new", "--series", name)
        assert done.returncode == 0, f"{name}: {done.stderr}"
        assert (repo / path).is_file(), name
    after = findings(repo)
    assert [f for f in after if f["severity"] == "error"] == []
    assert {f["code"] for f in after} == {"CL301"}
    assert {f["path"] for f in after} >= set(expected.values()), "each new report carries open actions"
    # The template's standing text starts the new community call; its own bullets are not copied.
    community = (repo / expected["meetings-community"]).read_text(encoding="utf-8")
    assert "### Standing items\n\n- Review the project board\n" in community
    assert "- Ana (Acme)" not in community
