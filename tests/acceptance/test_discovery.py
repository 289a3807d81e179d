"""Report discovery: which Markdown files are reports (``compass_lint.series.discovery``).

A synthetic repository holds the layouts of issue 18 (dated files, folder-per-meeting
``index.md``, year folders, a ``Meetings/notes-DATE.md`` file) beside the Markdown every
repository has (README, CHANGELOG, CONTRIBUTING, docs pages, templates): ``check .``
must check exactly the reports and count the rest.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from compass_lint.cli.main import main
from compass_lint.core.settings import Config, SeriesConfig
from compass_lint.engine.context import identity_for
from compass_lint.outline.spec import Outline
from compass_lint.series.discovery import is_report
from compass_lint.series.history import History

ROOT = Path(__file__).resolve().parents[2]

MEETING = """# {title}

## Attendees

- Ada (@ada)
- Grace (@grace)

## Agenda

- Release plan for the spring

## Action items

- [ ] Draft the release notes (@ada)
"""

NOT_REPORTS = {
    "README.md": "# Our team\n\nHow we work. Meetings are on Tuesdays.\n\n## Agenda\n\n## Notes\n",
    "CHANGELOG.md": "# Changelog\n\n## 2025-03-24\n\n- Added: agenda\n\n## Updates\n",
    "CONTRIBUTING.md": "# Contributing\n\n## Updates 2025-03-24\n\n## Discussion\n",
    "docs/index.md": "# Documentation\n\n- [Agenda](agenda.md)\n- [Notes](notes.md)\n",
    "docs/guide.md": "# Guide\n\n## Agenda\n\nHow to write one.\n\n## Notes\n",
    "meetings/_template.md": MEETING.format(title="Team meeting YYYY-MM-DD"),
}
REPORTS = {
    "meetings/2025-03-24.md": MEETING.format(title="Team meeting"),
    "meetings/2025-04-21.md": MEETING.format(title="Team meeting"),
    "meeting-notes/20260512-community/index.md": MEETING.format(title="Community call"),
    "meeting-notes/20260519-community/index.md": MEETING.format(title="Community call"),
    "minutes/2024/2024-05-14.md": "# Minutes\n\n## Present\n\n- Ada\n\n## Decisions\n\n- Ship it.\n",
    "Meetings/notes-2024-06-11.md": "# Sync\n\n**Attendees:** Ada, Grace\n\n**Next steps:**\n\n- Ship it.\n",
}
# Hidden: a folder walk never enters it; named on the command line, discovery says no.
GITHUB = {".github/ISSUE_TEMPLATE/meeting.md": MEETING.format(title="Meeting 2025-03-24")}


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    for name, text in {**NOT_REPORTS, **REPORTS, **GITHUB}.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["check", "--no-cache", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _paths(out: str) -> set[str]:
    return {str(finding["path"]) for finding in json.loads(out)}


def _outline() -> Outline:
    return identity_for("report.md", Config()).outline


def test_check_dot_checks_exactly_the_reports(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Every report follows another outline than the builtin one, so each has findings and shows.
    code, out, _ = _check(capsys, "--format", "json", ".")
    assert code == 1
    assert _paths(out) == set(REPORTS)


def test_summary_counts_the_markdown_files_that_are_not_reports(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, err = _check(capsys, "--no-history", ".")
    summary = [line for line in out.splitlines() if line.startswith("Found ")]
    assert summary[0].endswith(" in 6 files (6 reports checked, 6 Markdown files are not reports).")
    assert err == ""  # a folder walk skips silently


def test_named_readme_is_checked_with_a_note(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _check(capsys, "README.md")
    assert code == 1
    assert out.startswith("README.md:1:1: CL108 ")
    assert out.splitlines()[-1].endswith("(1 file checked).")
    assert err == "README.md: does not look like a meeting report (a project file, not a report); checked anyway\n"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("docs/guide.md", "no meeting date in its head, folder name or file name"),
        ("docs/index.md", "an index page"),
        ("meetings/_template.md", "a template"),
        (".github/ISSUE_TEMPLATE/meeting.md", "under .github/"),
    ],
)
def test_note_gives_the_reason(repository: Path, capsys: pytest.CaptureFixture[str], name: str, reason: str) -> None:
    _, _, err = _check(capsys, "--format", "json", name)
    assert err == f"{name}: does not look like a meeting report ({reason}); checked anyway\n"


def test_force_exclude_skips_named_non_reports_silently(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = [*NOT_REPORTS, *GITHUB, "meetings/2025-04-21.md"]
    code, out, err = _check(capsys, "--force-exclude", "--no-history", *names)
    assert err == ""
    assert code == 1
    assert {line.split(":", 1)[0] for line in out.splitlines()[:-1]} == {"meetings/2025-04-21.md"}
    assert out.splitlines()[-1].endswith("(1 report checked, 7 Markdown files are not reports).")


def test_force_exclude_on_only_a_readme_passes(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _check(capsys, "--force-exclude", "README.md")
    assert (code, err) == (0, "")
    assert out == "No problems found (0 reports checked, 1 Markdown file is not a report).\n"


def test_fix_dot_leaves_non_reports_alone(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = {name: (repository / name).read_bytes() for name in NOT_REPORTS}
    main(["fix", "--unsafe-fixes", "."])
    out = capsys.readouterr().out
    assert {name: (repository / name).read_bytes() for name in NOT_REPORTS} == before
    assert "6 reports checked, 6 Markdown files are not reports" in out


def test_series_members_are_reports_only(repository: Path) -> None:
    (repository / "meetings" / "README.md").write_text(
        "# Meetings\n\nOne file per meeting.\n\n## Action items\n\n- Keep this folder tidy\n", encoding="utf-8"
    )
    history = History(Config(root=repository), lambda path: _outline())
    members = [path.name for path in history.members("meetings/2025-04-21.md")]
    assert members == ["2025-03-24.md", "2025-04-21.md"]


def test_actions_on_a_folder_with_a_readme_names_no_readme(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repository / "meetings" / "README.md").write_text(
        "# Meetings\n\n## Action items\n\n- Keep this folder tidy\n", encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["actions", "--format", "json", "meetings"]) == 0
    series = json.loads(capsys.readouterr().out)
    assert [s["reports"] for s in series] == [["meetings/2025-03-24.md", "meetings/2025-04-21.md"]]
    assert "README" not in json.dumps(series)


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("readme.MD", MEETING.format(title="Meeting 2025-03-24"), False),
        ("Code_Of_Conduct.md", MEETING.format(title="Meeting 2025-03-24"), False),
        ("GOVERNANCE-2025-03-24.md", MEETING.format(title="Meeting"), False),
        ("notes/Meeting-Template-2025-03-24.md", MEETING.format(title="Meeting"), False),
        ("notes/index.md", MEETING.format(title="Team meeting"), False),
        ("notes/index.md", MEETING.format(title="Team meeting 2025-03-24"), True),
        ("notes/2025-03-24/_index.md", MEETING.format(title="Team meeting"), True),
        ("notes/index.md", "---\ndate: 2025-03-24\n---\n" + MEETING.format(title="Team meeting"), True),
        ("notes/2025-03-24-release.md", "# Release notes\n\nWe shipped.\n", False),
        ("notes/2025-03-24.md", "# Week 12\n\n## Agenda\n\n## Decisions\n", True),
        ("notes/2025-03-24.md", "# 2025-03-24\n\n## Agenda\n", True),
        ("notes/week.md", "# Week 12\n\n## Agenda\n\n## Decisions\n", False),
        ("notes/week.md", "# Week 12\n\n#### Opening Date: 01 Mar 2025\n\n## Agenda\n\n## Decisions\n", True),
        ("notes/2025-03-24.md", "# Notes\n\n```\n## Agenda\n## Decisions\n```\n", False),
        ("notes/2025-03-24.md", "# Week\n\n## 2. Decisions needed\n\n## 4. Team Metrics\n", True),
    ],
)
def test_is_report(tmp_path: Path, name: str, head: str, expected: bool) -> None:
    verdict = is_report(tmp_path / name, head, Config(root=tmp_path), _outline())
    assert verdict.report is expected, verdict.reason


def test_configured_series_decide_alone(tmp_path: Path) -> None:
    series = SeriesConfig(name="weekly", files="weekly/*.md", exclude=("*-draft.md",))
    config = Config(root=tmp_path, series=(series,), exclude=("weekly/old.md",))
    (tmp_path / "weekly").mkdir()
    prose = "Just text, no date, no agenda.\n"
    assert is_report(tmp_path / "weekly" / "a.md", prose, config, None).report
    assert not is_report(tmp_path / "weekly" / "a-draft.md", prose, config, None).report
    assert not is_report(tmp_path / "weekly" / "old.md", prose, config, None).report
    verdict = is_report(tmp_path / "2025-03-24.md", MEETING.format(title="Meeting"), config, None)
    assert verdict == (False, "no configured series matches it")


def test_this_repositorys_own_markdown_is_not_linted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in ("README.md", "CHANGELOG.md"):
        shutil.copyfile(ROOT / name, copy / name)
    shutil.copytree(ROOT / "docs", copy / "docs")
    shutil.copytree(ROOT / "fixtures" / "demo", copy / "fixtures" / "demo")
    monkeypatch.chdir(copy)
    code, out, err = _check(capsys, ".")
    assert code == 1 and err == ""
    *findings, summary, fixable = out.splitlines()
    assert {line.split(":", 1)[0] for line in findings} == {"fixtures/demo/2026-02-27.md"}
    assert fixable.startswith("[*] ")
    markdown = 2 + len(list((ROOT / "docs").glob("*.md")))
    assert summary.endswith(f"(2 reports checked, {markdown} Markdown files are not reports).")
