"""The meeting date a report's head carries: front matter, date field, heading.

Ordering a series reads the head of every report in its folder, so this reads
only the first lines of a file and avoids a parse.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from compass_lint.core.dates import date_in_text, parse_date
from compass_lint.core.settings import Config
from compass_lint.outline.spec import Outline

_HEAD_LINES = 80


def _date_field_names(outline: Outline) -> tuple[str, ...]:
    """The field whose date orders a series: the opening date, else the meeting date, else the first date field."""
    spec = outline.field_with("opening") or outline.field_with("meeting-date")
    if spec is None:
        spec = next((s for s in outline.fields if "date" in s.kind.split("-")), None)
    return (spec.name, *spec.aliases) if spec is not None else ()


@lru_cache(maxsize=32)
def _head_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?i)(?:^|[\s*_#-])(?:{alternatives})\s*[*_]*\s*:\s*[*_]*\s*(?P<value>.+)$")


# The only non-ASCII characters that Python's case-insensitive matching pairs
# with ASCII letters (tests/test_history.py checks every code point).
ASCII_TWINS = ("\u0130", "\u0131", "\u017f", "\u212a")


def _may_name(head: str, names: tuple[str, ...]) -> bool:
    """False when no line of ``head`` can hold one of ``names``: a substring test, not a regex per line.

    Ordering a series reads the head of every report in its folder, and most
    files of a large archive hold no date field at all.
    """
    if not all(name.isascii() for name in names):
        return True
    if any(twin in head for twin in ASCII_TWINS):
        return True  # rare: leave it to the regex
    # UTF-8 bytes lowercase only their ASCII letters, faster than str.lower outside ASCII; a
    # character outside ASCII holds no ASCII byte, so it cannot take part in a name.
    lowered = head.encode("utf-8", "surrogatepass").lower()
    return any(name.lower().encode("ascii") in lowered for name in names)


# The first _HEAD_LINES lines, cut in one match: splitting the whole text copied
# the rest of it, and joining the lines again copied the head.
_HEAD = re.compile(r"(?:[^\n]*\n){0," + str(_HEAD_LINES - 1) + r"}[^\n]*")


def _head(text: str) -> str:
    """The first ``_HEAD_LINES`` lines of ``text`` (without the newline after the last)."""
    found = _HEAD.match(text)
    assert found is not None  # the pattern matches any text, if only the empty string
    return found.group()


def head_date(text: str, outline: Outline, config: Config) -> date | None:
    """The meeting date the head of a report carries, from the first of these that holds one.

    1. the front matter's ``date:`` (YAML front matter at the very top);
    2. the outline's date field (role ``opening``, else ``meeting-date``, else the first date field);
    3. a date in the H1, else in the first heading (``# Community call (2026-05-12)``,
       ``## 03.24.21 Meeting Minutes``).

    The folder and file names come after these (``compass_lint.series.layout.path_date``).
    """
    head = _head(text)
    return _front_matter_date(head) or _field_date(head, outline, config) or _heading_date(head)


def _field_date(head: str, outline: Outline, config: Config) -> date | None:
    """The first date field's date in ``head``."""
    names = _date_field_names(outline)
    if not names:
        return None  # an outline without a date field
    if not _may_name(head, names):
        return None
    pattern = _head_pattern(names)
    for line in head.split("\n"):
        match = pattern.search(line)
        if match:
            return parse_date(match.group("value"), config.date_formats)
    return None


_FRONT_MATTER = re.compile(r"---[ \t]*\r?\n(?P<body>(?:.*\n)*?)(?:---|\.\.\.)[ \t]*(?:\r?\n|$)")
_FRONT_MATTER_DATE = re.compile(r"(?im)^date[ \t]*:[ \t]*(?P<value>.+)$")


def _front_matter_date(head: str) -> date | None:
    """The ``date:`` of the YAML front matter that opens ``head`` (quoted, or a timestamp: the date part)."""
    if not head.startswith("---"):
        return None
    block = _FRONT_MATTER.match(head)
    found = _FRONT_MATTER_DATE.search(block.group("body")) if block else None
    return date_in_text(found.group("value")) if found else None


_HEADING = re.compile(r"(?m)^ {0,3}(?P<marks>#{1,6})[ \t]+(?P<text>.*)$")
_FENCE = re.compile(r"(?m)^ {0,3}(?:```|~~~)")


def _heading_date(head: str) -> date | None:
    """A date in the H1 of ``head``, else in its first heading (headings in code fences do not count)."""
    candidates: list[str] = []
    for found in _HEADING.finditer(head):
        if len(_FENCE.findall(head, 0, found.start())) % 2:
            continue  # inside a fenced code block
        if not candidates or len(found.group("marks")) == 1:
            candidates.append(found.group("text"))
        if len(found.group("marks")) == 1:
            break
    # The H1 (found last) first, then the first heading.
    for text in reversed(candidates):
        when = date_in_text(text)
        if when is not None:
            return when
    return None
