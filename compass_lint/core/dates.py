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
