"""A year of monthly reports for the timeline tests: twelve reports, six owners, issue links, a hostile link.

Each action is listed from its first month to its last (1-based, inclusive); a completed one carries
" **DONE**" in its last month; one that stops before December without a marker is dropped.
"""

from __future__ import annotations

import calendar
from pathlib import Path
from typing import NamedTuple

from timeline_page import write_report


class Planned(NamedTuple):
    text: str
    first: int
    last: int
    done: bool = False


ONBOARDING = "Write the contributor onboarding guide (Priya)"
KEYS = "Rotate the signing keys before the release (Sam)"
RUNNERS = "Migrate CI to the new runners, see #42 (Lee)"
AUDIT = "Review [the security audit](https://github.com/example/compass/issues/7) findings (Mallory)"
CHECKLIST = "Update the release checklist (Sam)"
MEETUP = "Plan the summer meetup with example/community#15 (Jo)"
FLAKY = "Fix the flaky upload test https://github.com/example/compass/pull/88. (Lee)"
SPRING = "Draft the spring release announcement (Priya)"
ARCHIVE = "Archive the old meeting notes"
ROADMAP = "Publish the roadmap (Jo)"
HOSTILE = "Check [this](javascript:alert(1)) and [that](data:text/html,x) and <javascript:alert(2)> (Mallory)"

PLAN = [
    Planned(ONBOARDING, 1, 12),
    Planned(KEYS, 1, 3, done=True),
    Planned(RUNNERS, 2, 12),
    Planned(AUDIT, 4, 12),
    Planned(CHECKLIST, 5, 8),
    Planned(MEETUP, 6, 12),
    Planned(FLAKY, 8, 10, done=True),
    Planned(ARCHIVE, 9, 12),
    Planned(SPRING, 10, 12),
    Planned(HOSTILE, 11, 12),
    Planned(ROADMAP, 12, 12),
]
NAMES = [f"2026-{month:02d}-28.md" for month in range(1, 13)]


def write_year(folder: Path) -> list[Path]:
    """The twelve reports of 2026 in ``folder``, meeting on the 28th of each month."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for month in range(1, 13):
        abbr, full = calendar.month_abbr[month], calendar.month_name[month % 12 + 1]
        items = [
            p.text + (" **DONE**" if p.done and month == p.last else "") for p in PLAN if p.first <= month <= p.last
        ]
        when = (f"01 {abbr} 2026", f"28 {abbr} 2026", f"{full} 5, 2027" if month == 12 else f"{full} 5, 2026")
        paths.append(write_report(folder, (*when, NAMES[month - 1], items)))
    return paths
