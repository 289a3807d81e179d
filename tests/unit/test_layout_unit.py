"""compass_lint.series.layout: series keys and order from paths alone, and report names."""

from __future__ import annotations

from datetime import date

import pytest

from compass_lint.core.settings import Config
from compass_lint.engine.schemas import load_schema
from compass_lint.series.head import head_date
from compass_lint.series.layout import (
    group_series,
    order_key,
    path_date,
    report_name,
    series_key,
    series_label,
    shape,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2025-03-24.md", "<date>"),
        ("2025-03-24-community.md", "<date>-community"),
        ("2025-03-24_Community-rev2.md", "<date>-community"),
        ("20260512-dev", "<date>-dev"),
        ("T-compiler Meeting Agenda 2026-04-2.md", "t-compiler-meeting-agenda-<date>"),
        ("index.md", None),
    ],
)
def test_shape(name: str, expected: str | None) -> None:
    assert shape(name) == expected


def test_interleaved_series_in_one_folder_are_told_apart_by_the_name_after_the_date() -> None:
    paths = [
        "m/2025-03-24-community.md",
        "m/2025-04-07-community.md",
        "m/2025-03-24-dev.md",
        "m/2025-03-31-dev.md",
        "m/2025-03-17.md",
        "m/2025-04-14.md",
        "m/2025-04-01-offsite.md",  # one date only: not a series of its own
    ]
    assert group_series(paths) == {
        "m/<date>-community.md": ["m/2025-03-24-community.md", "m/2025-04-07-community.md"],
        "m/<date>-dev.md": ["m/2025-03-24-dev.md", "m/2025-03-31-dev.md"],
        "m/*": ["m/2025-03-17.md", "m/2025-04-01-offsite.md", "m/2025-04-14.md"],
    }


def test_a_renamed_series_is_one_series() -> None:
    # 2020-10-14-meeting.md … then 2021-03-03.md: the shapes follow each other, they do not interleave.
    paths = ["l/2020-10-14-meeting.md", "l/2020-11-11-meeting.md", "l/2021-03-03.md", "l/2021-03-10.md"]
    assert group_series(paths) == {"l/*": paths}


def test_revisions_stay_in_their_series() -> None:
    paths = ["h/2022-12-07-rev1.md", "h/2022-12-07.md", "h/2023-01-04.md", "h/2023-01-04-rev1.md"]
    assert list(group_series(paths)) == ["h/*"]


def test_folder_per_meeting_series_are_told_apart_by_folder_and_file_name() -> None:
    paths = [
        "n/20260526-community/index.md",
        "n/20260512-community/index.md",
        "n/20260514-dev/index.md",
        "n/20260528-dev/index.md",
        "n/20260528-dev/slides.md",
    ]
    assert group_series(paths) == {
        "n/<date>-community/index.md": ["n/20260512-community/index.md", "n/20260526-community/index.md"],
        "n/<date>-dev/index.md": ["n/20260514-dev/index.md", "n/20260528-dev/index.md"],
        "n/<date>-dev/slides.md": ["n/20260528-dev/slides.md"],
    }
    assert series_key("n/20260609-community/index.md", paths) == "n/<date>-community/index.md"


def test_year_folders_are_one_series() -> None:
    paths = ["y/2025/2025-01-07.md", "y/2024/2024-12-03.md", "y/2024/2024-05-14.md", "y/2024/README.md"]
    assert group_series(paths) == {
        "y/<year>/*": ["y/2024/2024-05-14.md", "y/2024/2024-12-03.md", "y/2025/2025-01-07.md"],
        "y/2024/*": ["y/2024/README.md"],
    }


def test_the_folder_date_comes_before_the_file_name_date() -> None:
    assert path_date("n/20260512-community/2026-05-01-draft.md") == date(2026, 5, 12)
    assert path_date("m/2025-03-24-dev.md") == date(2025, 3, 24)
    assert path_date("m/index.md") is None


def test_order_ties_are_broken_by_the_full_path_and_undated_reports_come_last() -> None:
    paths = ["b/2026-01-02.md", "a/2026-01-02.md", "a/notes.md", "c/2026-01-01.md"]
    assert sorted(paths, key=order_key) == ["c/2026-01-01.md", "a/2026-01-02.md", "b/2026-01-02.md", "a/notes.md"]
    assert order_key("a/notes.md", date(2025, 1, 1)) < order_key("c/2026-01-01.md")  # the head's date first


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("meeting-notes/20260512-community/index.md", "20260512-community/index.md"),
        ("minutes/2026-05-12-dev.md", "2026-05-12-dev.md"),
        ("docs/weekly-reports/2018-01-26_weekly_report.md", "2018-01-26_weekly_report.md"),
        ("meetings/2024/2024-05-14.md", "2024-05-14.md"),
        ("notes/README.md", "notes/README.md"),
        ("index.md", "index.md"),
    ],
)
def test_report_name(path: str, expected: str) -> None:
    assert report_name(path) == expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        # front matter first, then the date field, then the H1, then the first heading
        ("---\ndate: 2026-05-12\n---\n# Call (2026-01-01)\n\n#### Opening Date: 2026-02-02\n", date(2026, 5, 12)),
        ("---\ndate: '2026-05-12T16:00:00Z'\n---\n", date(2026, 5, 12)),
        ("# Call (2026-01-01)\n\n#### Opening Date: 2026-02-02\n", date(2026, 2, 2)),
        ("# Community call (2026-05-12)\n\nNo field.\n", date(2026, 5, 12)),
        ("## 03.24.21 Meeting Minutes\n\n- item\n", date(2021, 3, 24)),
        ("## Agenda\n\n# Team meeting February 24, 2025\n", date(2025, 2, 24)),  # the H1 before the first heading
        ("## Agenda\n\n### Notes 2026-01-01\n", None),  # neither the H1 nor the first heading
        ("```\n# 2026-01-01 in a code block\n```\n# Team meeting\n", None),
        ("Some text\n---\ndate: 2026-05-12\n---\n", None),  # front matter only at the very top
    ],
)
def test_head_date_reads_its_sources_in_order(head: str, expected: date | None) -> None:
    assert head_date(head, load_schema("team-compass").outline, Config()) == expected


def test_series_label() -> None:
    assert series_label(["m/2025-03-24.md", "m/2025-03-31.md"]) == "m"
    community = ["n/20260512-community/index.md", "n/20260526-community/index.md"]
    assert series_label(community) == "n/<date>-community/index.md"
    assert series_label(["y/2024/2024-12-03.md", "y/2025/2025-01-07.md"]) == "y/<year>/<date>.md"
