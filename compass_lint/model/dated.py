"""Whether a heading carries a date: such a heading is the report's title line, not a section.

``## 03.24.21 Meeting Minutes``, ``## February 24, 2025``, ``# Sync (2026-05-12)``
and a template's ``## YYYY-MM-DD`` or ``# Sync {{date}}`` change with every
report, so no outline section can be one of them.
"""

from __future__ import annotations

import re

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# A date as headings write it. Section numbers are dotted too: a dotted date
# needs two-digit parts (``03.24.21``, not ``1.2.10``).
DATE_PATTERN = (
    r"(?:\d{4}-\d\d?-\d\d?|\d\d?/\d\d?/\d\d(?:\d\d)?|\d\d?-\d\d?-\d\d(?:\d\d)?|\d\d\.\d\d\.\d\d(?:\d\d)?"
    rf"|{_MONTH}\s+\d\d?(?:st|nd|rd|th)?,?\s+\d{{4}}|\d\d?(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}})"
)
# A template's stand-in for a date.
_PLACEHOLDER = r"\b[ymd]{2,4}[/.-][ymd]{2,4}[/.-][ymd]{2,4}\b|<\s*date\s*>|\{\{?\s*date\s*\}\}?|\[\s*date\s*\]"
_DATED = re.compile(rf"(?<![\w.]){DATE_PATTERN}(?!\d)|{_PLACEHOLDER}", re.IGNORECASE)
# A link's address is not what the heading says: ``[report](…/2018-02-01.md)``.
_ADDRESS = re.compile(r"\]\([^()]*\)|<?https?://[^\s>]*>?")


def looks_dated(text: str) -> bool:
    """Whether ``text`` (a heading's Markdown) carries a date or a date placeholder (``YYYY-MM-DD``, ``<date>``)."""
    # Not core.dates.date_in_text: a template's heading holds placeholders and impossible sample dates
    # (``MM/DD/YY``, ``13/45/22``) as well, and what matters here is the shape, not a calendar date.
    return _DATED.search(_ADDRESS.sub(" ", text)) is not None
