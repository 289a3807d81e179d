"""The pre-commit hook (``.pre-commit-hooks.yaml``), run through the real pre-commit.

A module fixture copies this checkout (tracked files plus untracked files git does not ignore, so the
hook being written is the one tested) into a throwaway git repository and commits it. Each test makes a
reports repository whose ``.pre-commit-config.yaml`` names that snapshot by path and commit, exactly as a
user's config names a hook repository, and runs ``python -m pre_commit``. ``PRE_COMMIT_HOME`` is shared by
the module, so the hook environment (a pip install of compass-lint) is built once.

``pre-commit try-repo`` on the checkout itself would test less: with a dirty tree it commits only the
changes to tracked files (a new, untracked hook file is left out), and it builds the hook environment in a
throwaway store on every call (about ten more seconds each).
"""

from __future__ import annotations

import calendar
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "fixtures" / "demo"
TEMPLATE = DEMO / "2026-01-30.md"
BROKEN = DEMO / "2026-02-27.md"
CARRIED = (
    "Write the contributor onboarding guide (Priya)",
    "Set up the shared calendar for the release train [RM]",
)

pytestmark = pytest.mark.slow


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without the caller's git, GitHub and pre-commit settings."""
    # GIT_DIR or GIT_INDEX_FILE (pytest run from a git hook), GITHUB_ACTIONS (compass-lint would print
    # annotations) or PRE_COMMIT_NO_CONCURRENCY would change what is tested.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "GITHUB_", "PRE_COMMIT"))}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull, PRE_COMMIT_COLOR="never", **extra)
    return env


def git(cwd: Path, *args: str) -> str:
    """Run git in ``cwd`` with a fixed identity; return its stdout."""
    identity = [
        "-c",
        "user.name=compass-lint tests",
        "-c",
        "user.email=tests@example.org",
        "-c",
        "commit.gpgsign=false",
    ]
    done = subprocess.run(
        ["git", *identity, *args], cwd=cwd, env=clean_env(), capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"git {' '.join(args)} failed:\n{done.stderr}"
    return done.stdout


def report(opening: date, closing: date) -> str:
    """A clean report for one period, made from the January demo report (all its actions kept)."""
    following = closing + timedelta(days=6)
    text = TEMPLATE.read_text(encoding="utf-8")
    for old, new in (
        ("01 Jan 2026", f"{opening:%d %b %Y}"),
        ("30 Jan 2026", f"{closing:%d %b %Y}"),
        ("February 5, 2026", f"{following:%B} {following.day}, {following.year}"),
    ):
        assert text.count(old) == 1, f"the demo report changed: {old!r} is not there exactly once"
        text = text.replace(old, new)
    return text


def month(number: int) -> tuple[str, str]:
    """(file name, clean report) for a month of 2026, named after its closing date."""
    closing = date(2026, number, calendar.monthrange(2026, number)[1])
    return f"{closing:%Y-%m-%d}.md", report(date(2026, number, 1), closing)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """(path, commit) of a committed snapshot of this checkout, working-tree changes included."""
    try:
        top = git(REPO, "rev-parse", "--show-toplevel").strip()
    except (AssertionError, OSError):
        pytest.skip("the project is not a git checkout: pre-commit can only install hooks from git")
    if Path(top).resolve() != REPO:
        pytest.skip(f"{REPO} is not the top of its git checkout ({top})")
    snapshot = tmp_path_factory.mktemp("hook-repo")
    listed = git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():  # not a file deleted in the working tree but still in the index
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    git(snapshot, "init", "-q", "-b", "main")
    git(snapshot, "add", "-A")
    git(snapshot, "commit", "-q", "--no-verify", "-m", "snapshot of the checkout under test")
    return str(snapshot), git(snapshot, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit store for the module: the hook environment is built by the first test only."""
    return tmp_path_factory.mktemp("pre-commit-home")


class Reports:
    """A git repository of reports with a ``.pre-commit-config.yaml`` using the hook under test."""

    def __init__(self, root: Path, hook_repo: tuple[str, str], home: Path) -> None:
        self.root = root
        self.hook_repo = hook_repo
        self.home = home
        root.mkdir(parents=True)
        git(root, "init", "-q", "-b", "main")

    def configure(self, hook_id: str = "compass-lint", **hook: Any) -> None:
        """Write the config (JSON is YAML) with these extra keys for the hook, and stage it."""
        path, rev = self.hook_repo
        config = {"repos": [{"repo": path, "rev": rev, "hooks": [{"id": hook_id, **hook}]}]}
        self.write(".pre-commit-config.yaml", json.dumps(config, indent=2))

    def write(self, name: str, text: str) -> None:
        """Write a file and stage it."""
        target = self.root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        git(self.root, "add", "--", name)

    def commit(self) -> None:
        git(self.root, "commit", "-q", "--no-verify", "-m", "reports")

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """``pre-commit run ARGS`` in this repository; stdout and stderr together in ``stdout``."""
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", "--color", "never", *args],
            cwd=self.root,
            env=clean_env(PRE_COMMIT_HOME=str(self.home)),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=600,
            check=False,
        )


@pytest.fixture
def reports(tmp_path: Path, hook_repo: tuple[str, str], pre_commit_home: Path) -> Reports:
    repository = Reports(tmp_path / "reports", hook_repo, pre_commit_home)
    repository.configure()
    return repository


def files_checked(output: str) -> list[int]:
    """The file count of every compass-lint summary line (one per batch pre-commit ran)."""
    return [int(n) for n in re.findall(r"\((\d+) (?:files?|reports?) checked[),]", output)]


def test_broken_report_fails_with_its_findings(reports: Reports) -> None:
    reports.write("meetings/2026-01-30.md", TEMPLATE.read_text(encoding="utf-8"))
    reports.commit()
    reports.write("meetings/2026-02-27.md", BROKEN.read_text(encoding="utf-8"))
    done = reports.run()  # the staged files, as in `git commit`
    assert done.returncode == 1, done.stdout
    assert re.search(r"^compass-lint\.+Failed$", done.stdout, re.M), done.stdout
    assert "meetings/2026-02-27.md:44:1: CL101 [*] missing section 4 'Team Metrics' [error]" in done.stdout
    bold_line = "meetings/2026-02-27.md:29:1: CL106 [*] section 2 'Decisions needed' is written as a bold line"
    assert bold_line in done.stdout
    assert "meetings/2026-01-30.md:" not in done.stdout
    assert files_checked(done.stdout) == [1]


def test_clean_report_passes(reports: Reports) -> None:
    reports.write("meetings/2026-01-30.md", TEMPLATE.read_text(encoding="utf-8"))
    done = reports.run("--verbose")
    assert done.returncode == 0, done.stdout
    assert re.search(r"^compass-lint\.+Passed$", done.stdout, re.M), done.stdout
    assert "No problems found (1 file checked)." in done.stdout
    # Without --verbose (its environment installed by the first run), a clean run is one line.
    again = reports.run()
    assert again.returncode == 0, again.stdout
    assert len(again.stdout.splitlines()) == 1 and re.fullmatch(r"compass-lint\.+Passed\n", again.stdout), again.stdout


@pytest.mark.parametrize("args", [[], ["--no-strict"]], ids=["default", "no-strict"])
def test_stale_action_found_when_only_the_new_month_is_staged(reports: Reports, args: list[str]) -> None:
    if args:
        reports.configure(args=args)
    january, february = month(1), month(2)
    reports.write(f"meetings/{january[0]}", january[1])
    reports.commit()
    reports.write(f"meetings/{february[0]}", february[1])
    done = reports.run("--verbose")
    # Warnings fail the hook by default, so that pre-commit shows them; --no-strict lets them pass.
    assert done.returncode == (0 if args else 1), done.stdout
    assert files_checked(done.stdout) == [1], "only the staged report is passed to the hook"
    for line, action in enumerate(CARRIED, start=35):
        assert (
            f"meetings/{february[0]}:{line}:1: CL301 action open since {january[0]} "
            f"(2 reports, carried 1x): '{action}' [warning]"
        ) in done.stdout, done.stdout


def test_stale_action_warnings_are_seen_without_verbose(reports: Reports) -> None:
    january, february = month(1), month(2)
    reports.write(f"meetings/{january[0]}", january[1])
    reports.commit()
    reports.write(f"meetings/{february[0]}", february[1])
    done = reports.run()
    assert done.returncode == 1, done.stdout
    assert re.search(r"^compass-lint\.+Failed$", done.stdout, re.M), done.stdout
    stale = re.findall(rf"^meetings/{february[0]}:\d+:1: CL301 ", done.stdout, re.M)
    assert len(stale) == len(CARRIED), done.stdout
    # With --no-strict they pass, unseen: one line.
    reports.configure(args=["--no-strict"])
    quiet = reports.run()
    assert quiet.returncode == 0, quiet.stdout
    assert quiet.stdout.splitlines()[-1:] and re.search(r"^compass-lint\.+Passed$", quiet.stdout, re.M)
    assert "CL301" not in quiet.stdout


def test_history_does_not_depend_on_batches(reports: Reports) -> None:
    """Every report's stale actions are found, whichever parallel batch pre-commit put it in."""
    months = [month(number) for number in range(1, 13)]
    for name, text in months:
        reports.write(f"meetings/{name}", text)
    reports.commit()
    done = reports.run("--all-files", "--verbose")
    assert done.returncode == 1, "the stale actions (warnings) fail the hook"
    assert sum(files_checked(done.stdout)) == len(months), done.stdout
    for number, (name, _) in enumerate(months, start=1):
        stale = re.findall(rf"^meetings/{name}:\d+:1: CL301 action open since {months[0][0]} ", done.stdout, re.M)
        assert len(stale) == (0 if number == 1 else 2), f"{name}:\n{done.stdout}"


def test_default_files_skip_other_markdown_and_can_be_overridden(reports: Reports) -> None:
    """Every Markdown file goes to the hook; --force-exclude keeps the reports, wherever they are."""
    reports.write("README.md", "# Our team\n\nNot a meeting report.\n")
    reports.write("docs/guide.md", "# Guide\n\nNot a report either.\n")
    reports.write("meetings/README.md", "# Meeting reports\n\nOne file per month.\n")
    reports.write("docs/meetings/2026-01-30.md", TEMPLATE.read_text(encoding="utf-8"))
    reports.write("minutes/2026-02-27.md", BROKEN.read_text(encoding="utf-8"))
    done = reports.run("--all-files", "--verbose")
    assert done.returncode == 1, done.stdout
    assert "minutes/2026-02-27.md:44:1: CL101 [*] missing section 4 'Team Metrics' [error]" in done.stdout
    assert sum(files_checked(done.stdout)) == 2, done.stdout
    assert "README.md" not in done.stdout and "guide.md" not in done.stdout, done.stdout

    reports.configure(files=r"^minutes/")
    done = reports.run("--all-files", "--verbose")
    assert done.returncode == 1, done.stdout
    assert "minutes/2026-02-27.md:44:1: CL101 [*] missing section 4 'Team Metrics' [error]" in done.stdout
    assert files_checked(done.stdout) == [1]


def test_fix_hook_repairs_the_outline_and_then_passes(reports: Reports) -> None:
    """The compass-lint-fix hook rewrites a report (pre-commit fails the run), and the fixed one passes."""
    reports.configure("compass-lint-fix")
    broken = TEMPLATE.read_text(encoding="utf-8")
    broken = broken.replace(
        "## 4. Team Metrics\n\n[Link to the PR metrics](https://example.org/lighthouse/metrics/2026-01.md)\n\n", ""
    )
    broken = broken.replace("## 2. Decisions needed", "**2. Decisions needed**")
    assert broken != TEMPLATE.read_text(encoding="utf-8")
    reports.write("meetings/2026-01-30.md", broken)
    done = reports.run()
    assert done.returncode == 1, done.stdout
    assert re.search(r"^compass-lint \(fix\)\.+Failed$", done.stdout, re.M), done.stdout
    assert "files were modified by this hook" in done.stdout
    fixed = (reports.root / "meetings" / "2026-01-30.md").read_text(encoding="utf-8")
    assert "## 2. Decisions needed\n" in fixed and "**2. Decisions needed**" not in fixed
    assert "## 4. Team Metrics\n\n-\n" in fixed
    git(reports.root, "add", "-u")
    again = reports.run()
    assert again.returncode == 0, again.stdout
    assert re.search(r"^compass-lint \(fix\)\.+Passed$", again.stdout, re.M), again.stdout


def test_fix_hook_fixes_a_new_month_and_leaves_the_previous_one(
    tmp_path: Path, hook_repo: tuple[str, str], pre_commit_home: Path
) -> None:
    """With a committed previous report read from disk; unsafe fixes stay off; a second run changes nothing."""
    reports = Reports(tmp_path / "reports", hook_repo, pre_commit_home)
    reports.configure("compass-lint-fix")
    reports.write("meetings/2026-01-30.md", TEMPLATE.read_text(encoding="utf-8"))
    reports.commit()
    # February with its next-meeting link added: everything left broken in it has a safe fix
    # (CL101, CL103, CL106); the stale actions (CL301) and the completed one (CL303) are not errors.
    broken = BROKEN.read_text(encoding="utf-8").replace(
        "March 5, 2026 4pm UTC", "[March 5, 2026 4pm UTC](https://example.org/lighthouse/team/issues/42)"
    )
    reports.write("meetings/2026-02-27.md", broken)
    report = reports.root / "meetings" / "2026-02-27.md"
    done = reports.run()
    assert done.returncode == 1, done.stdout
    assert "- files were modified by this hook" in done.stdout
    assert "meetings/2026-02-27.md: fixed 3 findings" in done.stdout
    fixed = report.read_text(encoding="utf-8")
    for heading in ("### 1.2 Open issues\n", "## 2. Decisions needed\n", "## 4. Team Metrics\n\n-\n"):
        assert heading in fixed, heading
    assert "- Rotate the signing keys before the release **COMPLETED**\n" in fixed, "unsafe fixes stay off"
    january = (reports.root / "meetings" / "2026-01-30.md").read_text(encoding="utf-8")
    assert january == TEMPLATE.read_text(encoding="utf-8")
    git(reports.root, "add", "--", "meetings/2026-02-27.md")
    again = reports.run()
    assert again.returncode == 0, again.stdout
    assert report.read_text(encoding="utf-8") == fixed
