"""Dates: what real reports write, and the strptime shortcut giving strptime's answers."""

from __future__ import annotations

import sys
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compass_lint.core.dates import DEFAULT_DATE_FORMATS, _format_pattern, _strptime_date, parse_date


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


def _strptime(value: str, fmt: str) -> date | None:
    try:
        return datetime.strptime(value, fmt).date()
    except ValueError:
        return None


def _ours(value: str, fmt: str) -> date | None:
    try:
        return _strptime_date(value, fmt)
    except ValueError:
        return None


FORMATS = [*DEFAULT_DATE_FORMATS, "%Y/%m/%d", "%d.%m.%Y", "%Y %B %d", "%b-%d-%Y", "%d  %b\t%Y"]
PIECES = st.sampled_from(
    ["0", "00", "1", "01", "9", "10", "12", "13", "29", "30", "31", "32", "39", "2024", "1999", "0000", "20245",
     "Jan", "jan", "JAN", "Sep", "Sept", "May", "may", "January", "september", "SEPTEMBER", "Feb", "Mayo",
     "-", "/", ".", " ", "  ", ",", "x", "", "\u0661", "\u017fep"]
)  # fmt: skip


def test_every_default_format_takes_the_shortcut() -> None:
    # Otherwise the shortcut would silently stop applying and only the speed would tell.
    assert all(_format_pattern(fmt) is not None for fmt in DEFAULT_DATE_FORMATS)
    assert _format_pattern("%d %b") is None  # no year: strptime's 1900 is left to strptime
    assert _format_pattern("%Y-%j") is None  # a directive it does not know


@given(st.lists(PIECES, min_size=1, max_size=7).map("".join), st.sampled_from(FORMATS))
def test_the_shortcut_agrees_with_strptime(value: str, fmt: str) -> None:
    assert _ours(value, fmt) == _strptime(value, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_shortcut_agrees_with_strptime_on_every_day_of_a_leap_year(fmt: str) -> None:
    day = date(2024, 1, 1)
    while day.year == 2024:
        for text in {day.strftime(fmt), day.strftime(fmt).upper(), f"{day:%Y}-{day.month}-{day.day}"}:
            assert _ours(text, fmt) == _strptime(text, fmt), text
        day = date.fromordinal(day.toordinal() + 1)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX locale names")
def test_another_time_locale_goes_to_strptime(monkeypatch: pytest.MonkeyPatch) -> None:
    import compass_lint.core.dates as dates

    calls: list[str] = []
    real = datetime

    class Spy:
        @staticmethod
        def strptime(value: str, fmt: str) -> datetime:
            calls.append(value)
            return real.strptime(value, fmt)

    monkeypatch.setattr(dates, "datetime", Spy)
    assert _strptime_date("28 Sep 2024", "%d %b %Y") == date(2024, 9, 28)
    assert calls == []
    monkeypatch.setattr(dates, "_c_locale", lambda: False)
    assert _strptime_date("28 Sep 2024", "%d %b %Y") == date(2024, 9, 28)
    assert calls == ["28 Sep 2024"]
