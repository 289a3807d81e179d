"""``compass-lint new``: the next report of a series, its dates, name, carried actions, and never overwriting.

The tests copy the demo series (``fixtures/demo``: January, or January and February) into a throwaway git
repository and run the real command line in-process. The new report is then checked with ``check`` and
``actions --format json`` as a user would.

The last tests pin down bugs these tests found (fixed since); they are plain regression tests now.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from builders import OUTLINE_HEADINGS, run_cli

from compass_lint.markdown.textedit import write_atomic

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "fixtures" / "demo"
JANUARY = DEMO / "2026-01-30.md"
FEBRUARY = DEMO / "2026-02-27.md"
OLD = 1_000_000_000  # an mtime (2001) that no write made now can have
OPEN_IN_JANUARY = (
    "- Write the contributor onboarding guide (Priya)",
    "- Set up the shared calendar for the release train [RM]",
)
COMPLETED = "Rotate the signing keys before the release"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A fresh git repository with an empty ``meetings`` folder."""
    path = tmp_path / "repo"
    (path / "meetings").mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    subprocess.run(["git", "init", "-q", str(path)], check=True, env=env, capture_output=True)
    return path


def series(repo: Path, *reports: Path) -> Path:
    """Copy demo reports into ``repo/meetings``; returns the folder."""
    for report in reports:
        (repo / "meetings" / report.name).write_bytes(report.read_bytes())
    return repo / "meetings"


def stamp(path: Path) -> tuple[bytes, int, int]:
    """Bytes, mtime and inode: a rewrite (even of the same bytes) changes the last two."""
    info = path.stat()
    return path.read_bytes(), info.st_mtime_ns, info.st_ino


def aged(path: Path) -> tuple[bytes, int, int]:
    """Give the file an old mtime, so that any later write shows; returns its stamp."""
    os.utime(path, (OLD, OLD))
    return stamp(path)


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def lines(text: str) -> list[str]:
    parts = text.split("\n")
    return parts[:-1] if parts[-1] == "" else parts


def section_body(text: str, heading: str) -> list[str]:
    """The lines after ``heading`` up to the next heading or separator, without blank lines."""
    after = lines(text)[lines(text).index(heading) + 1 :]
    body: list[str] = []
    for line in after:
        if line.startswith("#") or line == "---":
            break
        if line.strip():
            body.append(line)
    return body


def check_json(repo: Path, *paths: str) -> list[dict[str, Any]]:
    done = run_cli("check", "--no-cache", "--format", "json", *paths, cwd=repo)
    assert done.code in (0, 1), done.err
    found: list[dict[str, Any]] = json.loads(done.out)
    return found


def new_report(repo: Path, *args: str, name: str) -> Path:
    """Run ``new meetings ARGS``; it must succeed and write ``meetings/NAME``."""
    before = listing(repo / "meetings")
    done = run_cli("new", "meetings", *args, cwd=repo)
    assert done.code == 0, done.err
    written = repo / "meetings" / name
    assert listing(repo / "meetings") == sorted([*before, name])
    assert re.fullmatch(rf"wrote .*meetings/{re.escape(name)} \(from [^/]+\.md\)\n", done.out), done.out
    return written


# --- The next report ----------------------------------------------------------------------------


def test_next_report_after_january(repo: Path) -> None:
    series(repo, JANUARY)
    report = new_report(repo, name="2026-03-01.md")  # the same period length again: 31 Jan + 29 days
    text = report.read_text(encoding="utf-8")
    assert lines(text)[:11] == [
        "# Lighthouse Project Team Meeting",
        "",
        "**Goal: Keep the team pointed the same way.**",  # the goal line is carried
        "",
        "#### Opening Date: 31 Jan 2026",  # the day after January's Closing Date
        "",
        "#### Closing Date: 01 Mar 2026",
        "",
        # Next meeting: as far after closing as in January (6 days), its time kept; never January's link.
        "#### Next monthly meeting: [March 7, 2026 4pm UTC](https://replace-with-the-meeting-link.invalid/)",
        "",
        "---",
    ]
    assert lines(text)[11:14] == ["", "## Actions", ""]


def test_sections_are_the_outline_with_placeholders_and_carried_actions(repo: Path) -> None:
    series(repo, JANUARY)
    text = new_report(repo, name="2026-03-01.md").read_text(encoding="utf-8")
    body = text.split("\n---\n**Do not edit below**")[0]
    assert [line for line in lines(body) if line.startswith("#") and "Date:" not in line and "meeting:" not in line][
        1:
    ] == OUTLINE_HEADINGS
    for heading in OUTLINE_HEADINGS:
        if heading == "## 3. Next actions (team)":
            assert section_body(body, heading) == list(OPEN_IN_JANUARY)
        elif heading.startswith("## 1. "):  # its prompt is kept
            assert section_body(body, heading) == [
                "*Items that you wish to raise for team input. Include Project Name.*",
                "-",
            ]
        elif heading in ("## Actions", "# News, Information, and Thanks"):
            assert section_body(body, heading) == [], "a group heading gets no placeholder"
        else:
            assert section_body(body, heading) == ["-"], heading
    # Nothing else of January's content is copied (the goal line is: test_next_report_after_january).
    for old in ("Pick a date for the spring release", "Flaky upload test", COMPLETED, "example.org/lighthouse/team"):
        assert old not in body


def test_template_block_is_copied_from_the_latest_report(repo: Path) -> None:
    series(repo, JANUARY)
    text = new_report(repo, name="2026-03-01.md").read_text(encoding="utf-8")
    marker = "---\n**Do not edit below**\n"
    assert text.count(marker) == 1
    assert text.split(marker)[1] == JANUARY.read_text(encoding="utf-8").split(marker)[1]


def test_next_report_after_february_carries_its_open_actions(repo: Path) -> None:
    series(repo, JANUARY, FEBRUARY)
    report = new_report(repo, name="2026-03-27.md")  # 28 Feb + February's 27 days
    text = report.read_text(encoding="utf-8")
    assert "#### Opening Date: 28 Feb 2026\n" in text
    assert "#### Closing Date: 27 Mar 2026\n" in text
    assert section_body(text, "## 3. Next actions (team)") == [
        *OPEN_IN_JANUARY,
        "- Draft the spring release announcement (Sam)",
    ]
    assert COMPLETED not in text


def test_nested_bullets_of_an_open_action_are_carried_with_it(repo: Path) -> None:
    folder = series(repo, JANUARY)
    january = folder / JANUARY.name
    january.write_text(
        january.read_text(encoding="utf-8").replace(
            "- Write the contributor onboarding guide (Priya)\n",
            "- Write the contributor onboarding guide (Priya)\n    - draft in the wiki\n",
        ),
        encoding="utf-8",
    )
    text = new_report(repo, name="2026-03-01.md").read_text(encoding="utf-8")
    assert section_body(text, "## 3. Next actions (team)") == [
        OPEN_IN_JANUARY[0],
        "    - draft in the wiki",
        OPEN_IN_JANUARY[1],
    ]


# --- The new report checks clean, its carried actions tracked ------------------------------------


def _carried(report: Path, since: str, reports: int, text: str) -> tuple[int, str, str]:
    line = lines(report.read_text(encoding="utf-8")).index(text) + 1
    return line, "CL301", f"action open since {since} ({reports} reports, carried {reports - 1}x): '{text[2:]}'"


def test_new_report_after_january_has_only_its_carried_actions_as_findings(repo: Path) -> None:
    series(repo, JANUARY)
    report = new_report(repo, name="2026-03-01.md")
    found = check_json(repo, "meetings")
    assert [(f["line"], f["code"], f["message"]) for f in found] == [
        _carried(report, "2026-01-30.md", 2, action) for action in OPEN_IN_JANUARY
    ]
    assert {f["severity"] for f in found} == {"warning"}
    assert {f["path"] for f in found} == {"meetings/2026-03-01.md"}
    assert run_cli("check", "--no-cache", "meetings", cwd=repo).code == 0


def test_new_report_after_february_reports_every_carried_action(repo: Path) -> None:
    series(repo, JANUARY, FEBRUARY)
    report = new_report(repo, name="2026-03-27.md")
    found = check_json(repo, "meetings/2026-03-27.md")
    assert [(f["line"], f["code"], f["message"]) for f in found if f["code"] == "CL301"] == [
        _carried(report, "2026-01-30.md", 3, OPEN_IN_JANUARY[0]),
        _carried(report, "2026-01-30.md", 3, OPEN_IN_JANUARY[1]),
        _carried(report, "2026-02-27.md", 2, "- Draft the spring release announcement (Sam)"),
    ]
    assert "CL303" not in {f["code"] for f in found}


def test_new_report_after_february_has_no_error(repo: Path) -> None:
    # Found by these tests (fixed in f554641): February's next-meeting line has no link, and new wrote
    # 'Next monthly meeting: TBD' (CL202 and CL204 errors). The date is readable; the link is a placeholder.
    series(repo, JANUARY, FEBRUARY)
    report = new_report(repo, name="2026-03-27.md")
    found = check_json(repo, "meetings/2026-03-27.md")
    assert [f["code"] for f in found] == ["CL301", "CL301", "CL301"]
    assert "#### Next monthly meeting: [April 2, 2026](https://replace-with-the-meeting-link.invalid/)\n" in (
        report.read_text(encoding="utf-8")
    )


def test_actions_json_shows_the_carried_actions_with_their_history(repo: Path) -> None:
    series(repo, JANUARY)
    report = new_report(repo, name="2026-03-01.md")
    done = run_cli("actions", "--format", "json", "meetings", cwd=repo)
    assert done.code == 0, done.err
    (tracked,) = json.loads(done.out)
    assert tracked["reports"] == ["meetings/2026-01-30.md", "meetings/2026-03-01.md"]
    rows = {row["text"]: row for row in tracked["actions"]}
    assert set(rows) == {action[2:] for action in OPEN_IN_JANUARY} | {f"{COMPLETED} COMPLETED"}
    new_lines = lines(report.read_text(encoding="utf-8"))
    for action in OPEN_IN_JANUARY:
        row = rows[action[2:]]
        assert (row["status"], row["carried"], row["first_path"]) == ("open", 1, "meetings/2026-01-30.md")
        assert row["occurrences"] == [
            {"path": "meetings/2026-01-30.md", "line": lines(JANUARY.read_text(encoding="utf-8")).index(action) + 1},
            {"path": "meetings/2026-03-01.md", "line": new_lines.index(action) + 1},
        ]
    done_row = rows[f"{COMPLETED} COMPLETED"]
    assert (done_row["status"], done_row["carried"], len(done_row["occurrences"])) == ("completed", 0, 1)


def test_actions_json_counts_carries_across_three_reports(repo: Path) -> None:
    series(repo, JANUARY, FEBRUARY)
    new_report(repo, name="2026-03-27.md")
    (tracked,) = json.loads(run_cli("actions", "--format", "json", "meetings", cwd=repo).out)
    carried = {row["text"]: (row["status"], row["carried"], len(row["occurrences"])) for row in tracked["actions"]}
    assert carried[OPEN_IN_JANUARY[0][2:]] == ("open", 2, 3)
    assert carried[OPEN_IN_JANUARY[1][2:]] == ("open", 2, 3)
    assert carried["Draft the spring release announcement (Sam)"] == ("open", 1, 2)


def test_new_report_needs_no_fix(repo: Path) -> None:
    series(repo, JANUARY)
    report = new_report(repo, name="2026-03-01.md")
    before = aged(report)
    done = run_cli("fix", "--unsafe-fixes", "--exit-non-zero-on-fix", "meetings", cwd=repo)
    assert done.code == 0, done.out + done.err
    assert stamp(report) == before


# --- Dates and names ----------------------------------------------------------------------------


def test_date_sets_the_closing_date_the_name_and_the_next_meeting(repo: Path) -> None:
    series(repo, JANUARY)
    text = new_report(repo, "--date", "2026-02-27", name="2026-02-27.md").read_text(encoding="utf-8")
    assert "#### Opening Date: 31 Jan 2026\n" in text
    assert "#### Closing Date: 27 Feb 2026\n" in text
    assert (
        "#### Next monthly meeting: [March 5, 2026 4pm UTC](https://replace-with-the-meeting-link.invalid/)\n" in text
    )


def test_date_on_the_opening_day_makes_a_one_day_report(repo: Path) -> None:
    series(repo, JANUARY)
    text = new_report(repo, "--date", "2026-01-31", name="2026-01-31.md").read_text(encoding="utf-8")
    assert "#### Opening Date: 31 Jan 2026\n#### Closing Date: 31 Jan 2026\n" in text.replace("\n\n", "\n")


@pytest.mark.parametrize("date", ["2026-01-30", "2025-12-31"])
def test_date_before_the_new_opening_date_is_refused(repo: Path, date: str) -> None:
    folder = series(repo, JANUARY)
    before = aged(folder / JANUARY.name)
    done = run_cli("new", "meetings", "--date", date, cwd=repo)
    assert done.code == 2
    assert f"--date {date} is before the new Opening Date 2026-01-31" in done.err
    assert listing(folder) == [JANUARY.name]
    assert stamp(folder / JANUARY.name) == before


def test_bad_date_format_is_a_usage_error(repo: Path) -> None:
    series(repo, JANUARY)
    assert run_cli("new", "meetings", "--date", "27 Feb 2026", cwd=repo).code == 2
    assert listing(repo / "meetings") == [JANUARY.name]


@pytest.mark.parametrize(
    ("latest", "expected"),
    [
        ("team-2026-01-30-notes.md", "team-2026-03-01-notes.md"),
        ("2026-01-30_report.md", "2026-03-01_report.md"),
        ("Meeting 2026-01-30.md", "Meeting 2026-03-01.md"),
    ],
)
def test_name_is_the_latest_name_with_its_date_replaced(repo: Path, latest: str, expected: str) -> None:
    (repo / "meetings" / latest).write_bytes(JANUARY.read_bytes())
    new_report(repo, name=expected)


def test_name_without_a_date_needs_output(repo: Path) -> None:
    (repo / "meetings" / "january.md").write_bytes(JANUARY.read_bytes())
    done = run_cli("new", "meetings", cwd=repo)
    assert done.code == 2
    assert "use -o" in done.err
    assert listing(repo / "meetings") == ["january.md"]
    done = run_cli("new", "meetings", "-o", "meetings/february.md", cwd=repo)
    assert done.code == 0, done.err
    assert "#### Closing Date: 01 Mar 2026\n" in (repo / "meetings" / "february.md").read_text(encoding="utf-8")


def test_output_writes_elsewhere(repo: Path) -> None:
    series(repo, JANUARY)
    done = run_cli("new", "meetings", "-o", "drafts.md", cwd=repo)
    assert done.code == 0, done.err
    assert listing(repo / "meetings") == [JANUARY.name]
    assert "#### Opening Date: 31 Jan 2026\n" in (repo / "drafts.md").read_text(encoding="utf-8")


def test_series_from_the_configuration(repo: Path) -> None:
    series(repo, JANUARY)
    (repo / ".compass-lint.toml").write_text('[[series]]\nname = "monthly"\nfiles = "meetings/*.md"\n', "utf-8")
    done = run_cli("new", "--series", "monthly", cwd=repo / "meetings")
    assert done.code == 0, done.err
    assert listing(repo / "meetings") == [JANUARY.name, "2026-03-01.md"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "name either a FOLDER or --series NAME"),
        (("meetings", "--series", "monthly"), "name either a FOLDER or --series NAME"),
        (("--series", "weekly"), "no series named 'weekly' in the configuration"),
        (("empty",), "the series has no report to continue from"),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(repo: Path, args: tuple[str, ...], message: str) -> None:
    series(repo, JANUARY)
    (repo / "empty").mkdir()
    (repo / ".compass-lint.toml").write_text('[[series]]\nname = "monthly"\nfiles = "meetings/*.md"\n', "utf-8")
    done = run_cli("new", *args, cwd=repo)
    assert done.code == 2
    assert message in done.err
    assert listing(repo / "meetings") == [JANUARY.name]
    assert listing(repo / "empty") == []


# --- Never overwrite -------------------------------------------------------------------------------


@pytest.mark.parametrize("existing", ["meetings/2026-01-30.md", "notes.md"])
def test_output_onto_an_existing_file_is_refused(repo: Path, existing: str) -> None:
    series(repo, JANUARY)
    (repo / "notes.md").write_text("my notes\n", encoding="utf-8")
    before = aged(repo / existing)
    done = run_cli("new", "meetings", "-o", existing, cwd=repo)
    assert done.code == 2
    assert f"{existing} exists; compass-lint new never overwrites a file" in done.err
    assert stamp(repo / existing) == before
    assert listing(repo / "meetings") == [JANUARY.name]


def test_default_target_that_exists_is_not_overwritten(repo: Path) -> None:
    # The series is January only; a file already has the next report's name (a draft, not in the series).
    series(repo, JANUARY)
    (repo / ".compass-lint.toml").write_text('[[series]]\nname = "monthly"\nfiles = "meetings/2026-01-*.md"\n', "utf-8")
    draft = repo / "meetings" / "2026-03-01.md"
    draft.write_text("my draft, not a report yet\n", encoding="utf-8")
    before = aged(draft)
    done = run_cli("new", "--series", "monthly", cwd=repo)
    assert done.code == 2
    assert "2026-03-01.md exists; compass-lint new never overwrites a file" in done.err
    assert stamp(draft) == before
    assert listing(repo / "meetings") == [JANUARY.name, "2026-03-01.md"]


def test_dangling_symlink_at_the_target_is_not_written_through(repo: Path) -> None:
    series(repo, JANUARY)
    (repo / "drafts").mkdir()
    (repo / "drafts" / "next.md").symlink_to("../elsewhere.md")
    done = run_cli("new", "meetings", "-o", "drafts/next.md", cwd=repo)
    assert done.code == 2
    assert "never overwrites a file" in done.err
    assert (repo / "drafts" / "next.md").is_symlink()
    assert not (repo / "elsewhere.md").exists()
    assert listing(repo / "drafts") == ["next.md"], "no temporary file left"


def test_exclusive_write_refuses_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_bytes(b"first\n")
    with pytest.raises(FileExistsError):
        write_atomic(target, b"second\n", exclusive=True)
    assert target.read_bytes() == b"first\n"
    assert listing(tmp_path) == ["report.md"], "no temporary file left"


# --- Found by these tests (fixed in f554641; regression tests now) ------------------------------


@pytest.mark.parametrize("other", ["README.md", "index.md", "zz-notes.md"])
def test_other_markdown_in_the_folder_is_not_the_latest_report(repo: Path, other: str) -> None:
    # Was: the last *.md by name was taken as the latest report ('no readable Closing Date', exit 2).
    folder = series(repo, JANUARY)
    (folder / other).write_text("# Meeting reports\n\nOne file per month.\n", encoding="utf-8")
    done = run_cli("new", "meetings", cwd=repo)
    assert done.code == 0, done.err
    assert (folder / "2026-03-01.md").is_file()


def test_new_report_gets_the_usual_file_mode(repo: Path) -> None:
    # Was: 0600, mkstemp's mode.
    series(repo, JANUARY)
    report = new_report(repo, name="2026-03-01.md")
    usual = repo / "usual.md"
    usual.touch()
    assert (report.stat().st_mode & 0o777) == (usual.stat().st_mode & 0o777)
