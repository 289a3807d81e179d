"""``compass-lint new``: the dates, the path and the carried actions of the next report of a series.

What the new report says (its text) is ``compass_lint.edit.next_text``; this
module works out:

* the dates, by the fields' outline roles (``x-role``), for a report with a
  period: opening, the day after the latest report's closing date; closing,
  ``--date``, or the latest report's period length again;
* for a report with one meeting date instead (a ``meeting-date`` field, else
  the date its head or path carries): ``--date``, else the latest report's
  next-meeting date, else the latest meeting plus the series' cadence;
* next meeting: the new meeting date plus the latest gap between a meeting and
  its next-meeting line (else an older report's gap, else the cadence);
* the path: the latest report's, with its date replaced (its dated folder's
  for a folder per meeting, and the year folder's);
* every item of the latest report that the action timeline does not know as
  completed (with its nested bullets), for the actions section.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from compass_lint.core.dates import dated_span
from compass_lint.edit.redate import redate
from compass_lint.model.fields import Field
from compass_lint.model.report import Report
from compass_lint.series import layout


class ScaffoldError(Exception):
    """Why the next report cannot be made (exit 2)."""


@dataclass(frozen=True)
class Period:
    """The new report's dates: ``closing`` is its meeting date when the outline has no period.

    ``next_meeting``: the date its next-meeting line gives (None: it writes none).
    """

    opening: date | None
    closing: date
    next_meeting: date | None


def _days(gap: timedelta | None) -> timedelta | None:
    # A next meeting on or before the meeting itself is an error (CL203): at least a day after.
    return max(gap, timedelta(days=1)) if gap is not None else None


def next_period(
    latest: Report,
    closing: date | None,
    own_date: date | None = None,
    earlier_date: date | None = None,
    earlier_gap: timedelta | None = None,
) -> Period:
    """The dates of the report after ``latest``.

    ``own_date``: the latest report's meeting date as its head or path carries
    it (for an outline without date fields); ``earlier_date``: the meeting date
    of the report before ``latest`` (the series' cadence); ``earlier_gap``: the
    gap between an older report's date and its next-meeting date, used when
    the latest report's next-meeting line has no readable date.
    """
    closing_spec = latest.outline.field_with("closing")
    if closing_spec is None:
        return _next_meeting(latest, closing, own_date, earlier_date, earlier_gap)
    opening_spec = latest.outline.field_with("opening")
    closed, opened = latest.field_with("closing"), latest.field_with("opening")
    if not (closed and closed.date):
        raise ScaffoldError(f"the latest report has no readable {closing_spec.name} to continue from")
    opening = closed.date + timedelta(days=1)
    if closing is None:
        length = (closed.date - opened.date).days if opened and opened.date else 27
        closing = opening + timedelta(days=max(length, 0))
    if closing < opening:
        named = opening_spec.name if opening_spec is not None else "opening date"
        raise ScaffoldError(f"--date {closing.isoformat()} is before the new {named} {opening.isoformat()}")
    upcoming = next_meeting_field(latest)
    gap = upcoming.date - closed.date if upcoming is not None and upcoming.date is not None else earlier_gap
    # Nothing says when the next meeting is: the day the next period opens (the user edits it).
    return Period(opening, closing, closing + (_days(gap) or timedelta(days=1)))


def _next_meeting(
    latest: Report,
    when: date | None,
    own_date: date | None,
    earlier_date: date | None,
    earlier_gap: timedelta | None,
) -> Period:
    """The next report of a series whose reports carry one meeting date (a field, or the head or path)."""
    field = latest.field_with("meeting-date")
    meeting = field.date if field is not None and field.date is not None else own_date
    if meeting is None:
        raise ScaffoldError("the latest report has no readable meeting date to continue from")
    upcoming = next_meeting_field(latest)
    said = upcoming.date if upcoming is not None and upcoming.date is not None and upcoming.date > meeting else None
    if when is None and said is not None:
        when = said  # the report says when the next meeting is
    cadence = meeting - earlier_date if earlier_date is not None and earlier_date < meeting else None
    if when is None and cadence is not None:
        when = meeting + cadence
    if when is None:
        raise ScaffoldError("cannot tell the next meeting's date from the reports; give it with --date")
    if when <= meeting:
        raise ScaffoldError(f"--date {when.isoformat()} is not after the latest meeting {meeting.isoformat()}")
    gap = said - meeting if said is not None else cadence or earlier_gap
    return Period(None, when, when + (_days(gap) or timedelta(days=7)))


def report_date(report: Report, own_date: date | None) -> date | None:
    """A report's own meeting date: its closing or meeting-date field, else ``own_date`` (head or path)."""
    for role in ("closing", "meeting-date"):
        found = report.field_with(role)
        if found is not None and found.date is not None:
            return found.date
    return own_date


def next_meeting_gap(report: Report, own_date: date | None) -> timedelta | None:
    """How long after its own date a report's next-meeting line puts the next meeting (None: not readable)."""
    upcoming, when = next_meeting_field(report), report_date(report, own_date)
    if upcoming is None or upcoming.date is None or when is None or upcoming.date <= when:
        return None
    return upcoming.date - when


def next_meeting_field(report: Report) -> Field | None:
    """The report's next-meeting field (outline role ``next-meeting``), else its first other linked field."""
    found = report.field_with("next-meeting")
    if found is not None:
        return found
    own = {report.outline.field_with(role) for role in ("opening", "closing", "meeting-date")}
    names = {spec.name for spec in own if spec is not None}
    return next((f for f in report.fields.values() if f.link and f.name not in names), None)


def next_path(latest: Path, new: date) -> Path:
    """Where the next report goes: the latest report's path with its date replaced, written the same way.

    The date is the dated folder's for a folder per meeting
    (``20260512-community/index.md``), else the file name's; a year folder
    (``meetings/2025/``) follows the new date's year.
    """
    folder, name = latest.parent, latest.name
    if layout.scope(str(latest)).kind == "dated-folders":
        span = dated_span(folder.name)
        if span is not None:
            return folder.parent / _respelled(folder.name, span, new) / name
    stem, suffix = os.path.splitext(name)
    span = dated_span(stem)
    if span is None:
        raise ScaffoldError(f"cannot derive a file name from '{name}' (no date in it); use -o")
    if folder.name == str(span[0].year) and new.year != span[0].year:
        folder = folder.parent / str(new.year)
    return folder / (_respelled(stem, span, new) + suffix)


def _respelled(name: str, span: tuple[date, int, int], new: date) -> str:
    """``name`` with its date (at ``span``) written as ``new`` in the same style."""
    old, start, end = span
    return name[:start] + redate(name[start:end], old, new) + name[end:]


def open_action_lines(latest: Report, open_items: list[int]) -> list[str]:
    """The lines of the latest report's items that the action timeline says are not completed.

    ``open_items`` are indexes into ``latest.action_items()`` (``Timeline.open_items``):
    an action completed in an earlier report and still listed is not carried again.
    """
    lines: list[str] = []
    items = latest.action_items()
    for index in open_items:
        item = items[index]
        if not item.text.strip():
            continue
        block = latest.lines[item.line - 1 : item.node.end_line]
        indent = len(block[0]) - len(block[0].lstrip())
        lines += [text[indent:] if text[:indent].strip() == "" else text for text in block]
    while lines and not lines[-1].strip():
        lines.pop()
    return lines
