"""Meeting dates in headings, titles, front matter values and folder names (issue 18 section 3)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compass_lint.core.dates import date_in_folder_name, date_in_text, dated_span


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Community call (2026-05-12)", date(2026, 5, 12)),
        ("2026-05-12", date(2026, 5, 12)),
        ("February 24, 2025", date(2025, 2, 24)),
        ("24 February 2025", date(2025, 2, 24)),
        ("Feb 24 2025", date(2025, 2, 24)),
        ("Sept. 3rd, 2024 agenda", date(2024, 9, 3)),
        ("06.16.21", date(2021, 6, 16)),
        ("03.24.21 Meeting Minutes", date(2021, 3, 24)),
        ("TSC meeting 09/26/22 @ 20:30 UTC", date(2022, 9, 26)),
        ("2019-10-28T12:00Z", date(2019, 10, 28)),
        ("24/02/2025", date(2025, 2, 24)),  # the first number is over 12: day first
        ("Libs Meeting 2021-05-19 (next: 2021-05-26)", date(2021, 5, 19)),  # the first date wins
        ("13.13.21 then 2026-01-02", date(2026, 1, 2)),  # not a calendar date: skipped
        ("Release 1.2.30", None),
        ("v1.2.3.4", None),
        ("JupyterHub HPC Meeting - December 2020", None),  # no day: no guess
        ("Team meeting", None),
    ],
)
def test_date_in_text(text: str, expected: date | None) -> None:
    assert date_in_text(text) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("20260512-community", date(2026, 5, 12)),
        ("2026-05-12-community", date(2026, 5, 12)),
        ("2026-05-12", date(2026, 5, 12)),
        ("2026_05_12_dev", date(2026, 5, 12)),
        ("20261312-community", None),
        ("community-2026-05-12", None),  # a dated folder starts with its date
        ("2026", None),
        ("202605121", None),
    ],
)
def test_date_in_folder_name(name: str, expected: date | None) -> None:
    assert date_in_folder_name(name) == expected


def test_dated_span_says_where_the_date_is() -> None:
    assert dated_span("2025-03-24-community") == (date(2025, 3, 24), 0, 10)
    assert dated_span("20250324-community") == (date(2025, 3, 24), 0, 8)
    assert dated_span("T-compiler Meeting Agenda 2026-04-2") == (date(2026, 4, 2), 26, 35)
    assert dated_span("index") is None


_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

FORMS = (
    lambda d: d.isoformat(),
    lambda d: f"# Community call ({d.isoformat()})",
    lambda d: f"{d.isoformat()}T12:00Z",
    lambda d: f"## {_MONTHS[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{d.day} {_MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{_MONTHS[d.month - 1][:3]} {d.day} {d.year}",
    lambda d: f"## {d.month:02}.{d.day:02}.{d.year % 100:02} Meeting Minutes",
    lambda d: f"{d.month:02}/{d.day:02}/{d.year % 100:02} @ 20:30 UTC",
)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), st.sampled_from(range(len(FORMS))))
def test_an_iso_date_written_in_any_form_round_trips(when: date, form: int) -> None:
    assert date_in_text(FORMS[form](when)) == when


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)), st.sampled_from(["", "-", "_"]))
def test_a_dated_folder_name_round_trips(when: date, separator: str) -> None:
    name = separator.join((f"{when.year:04}", f"{when.month:02}", f"{when.day:02}")) + "-community"
    assert date_in_folder_name(name) == when
