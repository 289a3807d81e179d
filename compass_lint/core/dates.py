"""Dates as real reports write them, parsed without guessing.

Real reports write ``01 Jan 2018``, ``January 04, 2018``, ``19th July 2018``,
``2020-03-19`` and ``Thursday, 16th May 2019 at 5pm UTC``. A value is cleaned
(weekday names and ordinal suffixes removed, commas folded) and then the
longest leading run of words that one of the configured ``strptime`` formats
accepts is taken, so trailing times and places do not matter. A value with no
year does not parse: guessing the year is how wrong reports slip through.
"""

from __future__ import annotations

import locale
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
                return _strptime_date(candidate, fmt)
            except ValueError:
                continue
    return None


# strptime costs about 10 microseconds a call (most calls fail: every format is
# tried on every run of words) and 8 ms to load. For an ASCII value and a format
# of only %Y, %m, %d, %b and %B, its own regular expressions in the C locale
# (the locale Python starts in) are used directly: the same match, the same date.
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_ABBREVIATIONS = tuple(name[:3] for name in _MONTHS)
_DIRECTIVES = {
    "Y": r"(?P<Y>\d\d\d\d)",
    "m": r"(?P<m>1[0-2]|0[1-9]|[1-9])",
    "d": r"(?P<d>3[0-1]|[1-2]\d|0[1-9]|[1-9]| [1-9])",
    "b": "(?P<b>" + "|".join(_ABBREVIATIONS) + ")",
    "B": "(?P<B>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")",
}


@lru_cache(maxsize=32)
def _format_pattern(fmt: str) -> re.Pattern[str] | None:
    """strptime's pattern for ``fmt`` in the C locale; None when ``fmt`` has other directives."""
    parts: list[str] = []
    seen: list[str] = []
    position = 0
    while position < len(fmt):
        char = fmt[position]
        if char == "%" and position + 1 < len(fmt) and fmt[position + 1] in _DIRECTIVES:
            directive = fmt[position + 1]
            seen.append(directive)
            parts.append(_DIRECTIVES[directive])
            position += 2
            continue
        if char == "%":
            return None
        if char.isspace():
            while position < len(fmt) and fmt[position].isspace():
                position += 1
            parts.append(r"\s+")
            continue
        parts.append(re.escape(char))
        position += 1
    months = [d for d in seen if d in "mbB"]
    if sorted(seen) != sorted(["Y", "d", months[0] if months else "m"]) or len(months) != 1:
        return None
    return re.compile("".join(parts), re.IGNORECASE)


def _strptime_date(value: str, fmt: str) -> date:
    """``datetime.strptime(value, fmt).date()``, without strptime when that is safe."""
    pattern = _format_pattern(fmt) if value.isascii() and _c_locale() else None
    if pattern is None:
        return datetime.strptime(value, fmt).date()
    found = pattern.match(value)
    if found is None or found.end() != len(value):  # strptime: "unconverted data remains"
        raise ValueError(f"{value!r} does not match {fmt!r}")
    fields = found.groupdict()
    if fields.get("m"):
        month = int(fields["m"])
    elif fields.get("b"):
        month = _ABBREVIATIONS.index(fields["b"].lower()) + 1
    else:
        month = _MONTHS.index(fields["B"].lower()) + 1
    return date(int(fields["Y"]), month, int(fields["d"]))


def _c_locale() -> bool:

    return locale.getlocale(locale.LC_TIME) == (None, None)


_ISO_IN_NAME = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")


def date_in_name(name: str) -> date | None:
    """A ``YYYY-M-D`` date in a file name (zero padding optional)."""
    match = _ISO_IN_NAME.search(name)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
