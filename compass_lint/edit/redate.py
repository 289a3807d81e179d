"""A new date written where a report wrote an old one, in the same style.

``new`` carries the head of the latest report (front matter, title, goal line,
date lines) and the name of its file or folder; wherever they spell the latest
meeting's date, the new report spells its own date the same way:
``# Dev sync 2026-05-12``, ``## 03.24.21 Meeting Minutes``, ``Date: Thursday,
16th May 2019``, ``date: 2026-03-03T16:00:00Z``, ``20260512-community/``.
A spelling this module does not know is left as it is (the user edits it).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from compass_lint.core.dates import DAY_NAMES, MONTH_NAMES

# Spellings, as tokens: {Y} year, {y} two-digit year, {m}/{d} zero-padded month/day, {n}/{e}
# unpadded month/day, {o} ordinal day (19th), {B}/{b} month name, full/abbreviated. Where one
# spelling of the old date fits several (day 12: padded or not), the first listed wins.
_STYLES = (
    "{Y}-{m}-{d}",
    "{Y}-{n}-{e}",
    "{Y}/{m}/{d}",
    "{Y}_{m}_{d}",
    "{Y}{m}{d}",
    "{d} {b} {Y}",
    "{e} {b} {Y}",
    "{e} {B} {Y}",
    "{d} {B} {Y}",
    "{o} {B} {Y}",
    "{o} {b} {Y}",
    "{o} {B}, {Y}",
    "{B} {e}, {Y}",
    "{B} {d}, {Y}",
    "{B} {o}, {Y}",
    "{B} {e} {Y}",
    "{b} {e}, {Y}",
    "{b} {d}, {Y}",
    "{b} {e} {Y}",
    "{m}.{d}.{y}",
    "{m}.{d}.{Y}",
    "{m}/{d}/{y}",
    "{m}/{d}/{Y}",
    "{n}/{e}/{y}",
    "{n}/{e}/{Y}",
    "{d}/{m}/{Y}",
    "{d}.{m}.{Y}",
)
_TOKEN = re.compile(r"\{([Yymdneo Bb])\}")


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def spell(when: date, style: str) -> str:
    """``when`` written in ``style`` (see ``_STYLES``)."""
    values = {
        "Y": f"{when.year:04d}",
        "y": f"{when.year % 100:02d}",
        "m": f"{when.month:02d}",
        "d": f"{when.day:02d}",
        "n": str(when.month),
        "e": str(when.day),
        "o": _ordinal(when.day),
        "B": MONTH_NAMES[when.month - 1],
        "b": MONTH_NAMES[when.month - 1][:3],
    }
    return _TOKEN.sub(lambda found: values[found.group(1)], style)


@lru_cache(maxsize=64)
def _finder(old: date) -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern for every spelling of ``old`` (an optional weekday before it), and each spelling's style."""
    styles: dict[str, str] = {}
    for style in _STYLES:
        styles.setdefault(spell(old, style), style)
    spellings = "|".join(re.escape(s) for s in sorted(styles, key=len, reverse=True))
    weekday = "|".join([*DAY_NAMES, *(d[:3] for d in DAY_NAMES)])
    pattern = re.compile(rf"(?:\b(?P<weekday>{weekday})\b(?P<gap>,?[ \t]+))?(?<![\w.])(?P<date>{spellings})(?!\d)")
    return pattern, styles


def redate(text: str, old: date, new: date) -> str:
    """``text`` with every spelling of ``old`` replaced by ``new`` in the same style (a weekday before it too)."""
    pattern, styles = _finder(old)

    def replace(found: re.Match[str]) -> str:
        written = spell(new, styles[found.group("date")])
        day = found.group("weekday")
        if day is None:
            return written
        name = DAY_NAMES[new.weekday()]
        return (name if len(day) > 3 else name[:3]) + found.group("gap") + written

    return pattern.sub(replace, text)
