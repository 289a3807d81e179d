"""``link-template`` (the meeting link ``new`` writes) and respelling dates in the new report.

The configuration is untrusted: a template is checked when the configuration loads (exit 2
naming the key), and what it builds must be a plain absolute http(s) URL.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from builders import run_cli

from compass_lint.core.linktemplate import PLACEHOLDER_LINK, LinkTemplateError, expand, meeting_link
from compass_lint.edit.redate import redate

ROOT = Path(__file__).resolve().parents[2]
MONTHLY = ROOT / "fixtures" / "new" / "monthly"
MEETING = date(2026, 4, 2)


@pytest.mark.parametrize(
    ("template", "link"),
    [
        ("https://meet.example.org/team", "https://meet.example.org/team"),
        ("https://example.org/notes/{date}", "https://example.org/notes/2026-04-02"),
        ("https://example.org/{date:%Y%m%d}-call", "https://example.org/20260402-call"),
        ("https://example.org/{date:%B-%d-%y}", "https://example.org/April-02-26"),
        ("https://example.org/{date:%b}/{date:%j}?q=%7Bx%7D", "https://example.org/Apr/092?q=%7Bx%7D"),
    ],
)
def test_template_builds_the_link_for_the_meeting_date(template: str, link: str) -> None:
    assert expand(template, MEETING) == link


@pytest.mark.parametrize(
    ("template", "reason"),
    [
        ("https://example.org/{when}", "unknown placeholder '{when}'"),
        ("https://example.org/{date.__class__}", "unknown placeholder '{date.__class__}'"),
        ("https://example.org/{0}", "unknown placeholder '{0}'"),
        ("https://example.org/{date:%H}", "unsupported directive '%H'"),
        ("https://example.org/{date:}", "has no format"),
        ("https://example.org/{date", "unmatched '{'"),
        ("https://example.org/{{date}}", "unmatched '{'"),
        ("https://example.org/}", "unmatched '}'"),
        ("https://example.org/{date:%d %B}", "is not an absolute http(s) URL"),
        ("https://example.org/x)](javascript:alert(1)", "is not an absolute http(s) URL"),
        ("javascript:alert(1)", "is not an absolute http(s) URL"),
        ("notes/{date}.md", "is not an absolute http(s) URL"),
        ("https://example.org/" + "a" * 2000, "over 2000 characters"),
    ],
)
def test_bad_templates_are_refused(template: str, reason: str) -> None:
    with pytest.raises(LinkTemplateError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        expand(template, MEETING)


def test_without_a_template_the_link_is_the_placeholder() -> None:
    assert meeting_link(None, MEETING) == PLACEHOLDER_LINK
    assert PLACEHOLDER_LINK.startswith("https://") and ".invalid/" in PLACEHOLDER_LINK


@pytest.mark.parametrize(
    ("config", "key"),
    [
        ('link-template = "https://example.org/{meeting}"\n', "link-template"),
        (
            '[[series]]\nname = "monthly"\nfiles = "meetings/*.md"\nlink-template = "ftp://example.org/{date}"\n',
            "series[0].link-template",
        ),
    ],
)
def test_bad_template_in_the_config_is_exit_2_naming_the_key(tmp_path: Path, config: str, key: str) -> None:
    (tmp_path / ".compass-lint.toml").write_text(config, encoding="utf-8")
    (tmp_path / "meetings").mkdir()
    done = run_cli("new", "meetings", cwd=tmp_path)
    assert done.code == 2
    assert f"invalid config key '{key}'" in done.err
    assert list((tmp_path / "meetings").iterdir()) == []


def _monthly(tmp_path: Path, config: str) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(MONTHLY, repo / "meetings")
    subprocess.run(["git", "init", "-q", str(repo)], check=True, capture_output=True)
    (repo / ".compass-lint.toml").write_text(config, encoding="utf-8")
    return repo


def test_series_template_wins_over_the_top_level_one(tmp_path: Path) -> None:
    repo = _monthly(
        tmp_path,
        'link-template = "https://example.org/all/{date}"\n'
        '[[series]]\nname = "monthly"\nfiles = "meetings/*.md"\n'
        'link-template = "https://example.org/monthly/{date:%Y-%m}"\n',
    )
    done = run_cli("new", "--series", "monthly", cwd=repo)
    assert done.code == 0, done.err
    text = (repo / "meetings" / "2026-03-27.md").read_text(encoding="utf-8")
    # The link is for the meeting on its line: the next meeting, 2 April.
    assert "#### Next monthly meeting: [April 2, 2026 6pm Zurich time](https://example.org/monthly/2026-04)\n" in text


def test_top_level_template_serves_a_folder(tmp_path: Path) -> None:
    repo = _monthly(tmp_path, 'link-template = "https://example.org/all/{date}"\n')
    assert run_cli("new", "meetings", cwd=repo).code == 0
    text = (repo / "meetings" / "2026-03-27.md").read_text(encoding="utf-8")
    assert "(https://example.org/all/2026-04-02)\n" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Dev sync 2026-05-12", "# Dev sync 2026-05-19"),
        ("## 05.12.26 Meeting Minutes", "## 05.19.26 Meeting Minutes"),
        ("- **Date:** Tuesday, 12th May 2026 at 5pm UTC", "- **Date:** Tuesday, 19th May 2026 at 5pm UTC"),
        ('date: "2026-05-12T16:00:00Z"', 'date: "2026-05-19T16:00:00Z"'),
        ("20260512-community", "20260519-community"),
        ("Tue May 12, 2026", "Tue May 19, 2026"),
        ("# Sync, 12 May 2026 (notes from 2026-05-05)", "# Sync, 19 May 2026 (notes from 2026-05-05)"),
        ("release 12026-05-12 and v2026.05.12", "release 12026-05-12 and v2026.05.12"),
    ],
)
def test_the_new_date_is_written_in_the_old_style(text: str, expected: str) -> None:
    assert redate(text, date(2026, 5, 12), date(2026, 5, 19)) == expected


def test_a_weekday_follows_the_new_date() -> None:
    assert redate("Thursday, 16th May 2019", date(2019, 5, 16), date(2019, 6, 3)) == "Monday, 3rd June 2019"
