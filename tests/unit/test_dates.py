"""Dates: what real reports write."""

from __future__ import annotations

from datetime import date

import pytest

from compass_lint.core.dates import parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("28 Sep 2024", date(2024, 9, 28)),
        ("October 31, 2024 4pm UTC", date(2024, 10, 31)),
        ("Thursday, 16th May 2019 at 5pm UTC", date(2019, 5, 16)),
        ("2024-1-5", date(2024, 1, 5)),
        ("5/11/2023", date(2023, 11, 5)),
        ("2024-02-30", None),  # no such day
        ("Sept 5 2024", None),  # not an abbreviation strptime knows
        ("31 Feb", None),  # no year: never guessed
    ],
)
def test_dates_as_reports_write_them(value: str, expected: date | None) -> None:
    assert parse_date(value) == expected
