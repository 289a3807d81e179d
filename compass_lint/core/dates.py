"""Dates as real reports write them, parsed without guessing.

Real reports write ``01 Jan 2018``, ``January 04, 2018``, ``19th July 2018``,
``2020-03-19`` and ``Thursday, 16th May 2019 at 5pm UTC``. A value is cleaned
(weekday names and ordinal suffixes removed, commas folded) and then the
longest leading run of words that one of the configured ``strptime`` formats
accepts is taken, so trailing times and places do not matter. A value with no
year does not parse: guessing the year is how wrong reports slip through.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

DEFAULT_DATE_FORMATS: tuple[str, ...] = (
    "%Y-%m-%d",
    "%d %b %Y",
    "%d %B %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%d/%m/%Y",
)

_WEEKDAY = re.compile(
    r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\b\.?,?",
    re.IGNORECASE,
)
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)
_MAX_WORDS = 4


def clean(value: str) -> str:
    """Drop weekday names, ordinal suffixes and commas; fold whitespace."""
    value = _WEEKDAY.sub(" ", value)
    value = _ORDINAL.sub(r"\1", value)
    value = value.replace(",", " ")
    return " ".join(value.split())


@lru_cache(maxsize=1024)  # history reads each report's dates again
def parse_date(value: str, formats: tuple[str, ...] = DEFAULT_DATE_FORMATS) -> date | None:
    """The date at the start of ``value``, or None when none can be read."""
    words = clean(value).split(" ")
    for count in range(min(len(words), _MAX_WORDS), 0, -1):
        candidate = " ".join(words[:count])
        for fmt in formats:
            try:
                return datetime.strptime(candidate, fmt).date()
            except ValueError:
                continue
    return None


# English names, whatever the locale: reports and links are written with them (``new``).
MONTH_NAMES = (
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
)
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# A YYYY-M-D date (zero padding optional), not inside a longer number.
ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")


def date_in_name(name: str) -> date | None:
    """A ``YYYY-M-D`` date in a file name (zero padding optional)."""
    match = ISO_DATE.search(name)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


# Dates in headings, titles, front matter and folder names (issue 18). Real
# repositories write ``# Community call (2026-05-12)``, ``## February 24, 2025``,
# ``## 03.24.21 Meeting Minutes``, ``# TSC meeting 09/26/22 @ 20:30 UTC`` and
# ``2019-10-28T12:00Z``. The first date in the text wins.
_MONTH_NAME = (
    r"(?P<{}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?"
_TEXT_DATES = re.compile(
    "|".join(
        (
            # 2026-05-12, 2026/05/12, 2019-10-28T12:00Z (not 2024.1.2: calendar versions use dots)
            r"(?<![\d.])(?P<iy>\d{4})(?P<isep>[-/])(?P<im>[01]?\d)(?P=isep)(?P<id>[0-3]?\d)(?!\d)",
            # February 24, 2025 / Feb. 24 2025 / Feb 24th, 2025
            r"\b" + _MONTH_NAME.format("mn") + r"\.?\s+" + _DAY.format("md") + r",?\s+(?P<my>\d{4})(?!\d)",
            # 24 February 2025 / 24th Feb. 2025
            r"(?<!\d)" + _DAY.format("dd") + r"\s+" + _MONTH_NAME.format("dn") + r"\.?,?\s+(?P<dy>\d{4})(?!\d)",
            # 06.16.21, 09/26/22, 24/02/2025: month first unless the first number is over 12. With
            # dots, month and day take two digits each: "Release 1.2.30" is a version, not a date.
            r"(?<![\w./])(?P<na>\d\d)\.(?P<nb>\d\d)\.(?P<ny>\d{4}|\d{2})(?!\d|\.\d)",
            r"(?<![\w./])(?P<sa>\d\d?)/(?P<sb>\d\d?)/(?P<sy>\d{4}|\d{2})(?!\d|/\d)",
        )
    ),
    re.IGNORECASE,
)


def _year(text: str) -> int:
    """A four-digit year, or a two-digit one read as 20YY."""
    return int(text) + 2000 if len(text) == 2 else int(text)


_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _text_match_date(found: re.Match[str]) -> date | None:
    """The date one ``_TEXT_DATES`` match spells, or None when it is no calendar date."""
    fields = found.groupdict()
    try:
        if fields["iy"] is not None:
            return date(int(fields["iy"]), int(fields["im"]), int(fields["id"]))
        if fields["mn"] is not None:
            month = _ABBREVIATIONS.index(fields["mn"][:3].lower()) + 1
            return date(int(fields["my"]), month, int(fields["md"]))
        if fields["dn"] is not None:
            month = _ABBREVIATIONS.index(fields["dn"][:3].lower()) + 1
            return date(int(fields["dy"]), month, int(fields["dd"]))
        dotted = fields["na"] is not None
        first, second = int(fields["na" if dotted else "sa"]), int(fields["nb" if dotted else "sb"])
        month, day = (second, first) if first > 12 else (first, second)
        return date(_year(fields["ny" if dotted else "sy"]), month, day)
    except ValueError:
        return None


def date_in_text(text: str) -> date | None:
    """The first calendar date written in ``text`` (a heading, a title, a front matter value).

    Accepts ISO dates (also inside a timestamp), ``February 24, 2025``,
    ``24 February 2025``, ``Feb 24 2025`` and numeric dates with dots or
    slashes. Numeric dates are read month first (US), unless the first number
    is over 12; a two-digit year is 20YY. A match that is no calendar date
    (``13.13.21``) is skipped.
    """
    for found in _TEXT_DATES.finditer(text):
        when = _text_match_date(found)
        if when is not None:
            return when
    return None


_FOLDER_DATE = re.compile(r"(\d{4})([-_]?)(\d{2})\2(\d{2})(?!\d)")


def date_in_folder_name(name: str) -> date | None:
    """The date a folder's name starts with: ``20260512-community``, ``2026-05-12-community``, ``2026-05-12``."""
    found = _FOLDER_DATE.match(name)
    if found is None:
        return None
    try:
        return date(int(found.group(1)), int(found.group(3)), int(found.group(4)))
    except ValueError:
        return None


def dated_span(name: str) -> tuple[date, int, int] | None:
    """The date a file or folder name carries, and where it is.

    A leading ``20260512`` or ``2026-05-12``, else ``YYYY-M-D`` anywhere (as ``date_in_name``).
    """
    found = _FOLDER_DATE.match(name)
    if found is not None:
        when = date_in_folder_name(name)
        if when is not None:
            return when, found.start(), found.end()
    found = ISO_DATE.search(name)
    if found is None:
        return None
    try:
        when = date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None
    return when, found.start(), found.end()
