"""``compass-lint new``: the next report of a series, with its open actions carried.

The new report takes the outline from the schema (headings at their levels,
with their numbers, each with an empty ``-`` placeholder), the title and the
"Do not edit below" block from the latest report, and:

* the fields by their outline role (``x-role``), for a report with a period:
  opening, the day after the latest report's closing date; closing,
  ``--date``, or the latest report's period length again;
* for a report with one meeting date instead: ``--date``, else the latest
  report's next-meeting date, else the latest meeting plus the series' cadence;
* next meeting: the closing date plus the latest gap between closing and
  next meeting, with the latest report's link;
* the file name: the latest file name with its date replaced;
* every item of the latest report that the action timeline does not know as
  completed (with its nested bullets) in the actions section.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from compass_lint.core.dates import ISO_DATE
from compass_lint.model.fields import Field
from compass_lint.model.report import Report
from compass_lint.outline.render import heading_text

DATE_FORMAT = "%d %b %Y"


class ScaffoldError(Exception):
    """Why the next report cannot be made (exit 2)."""


@dataclass(frozen=True)
class Period:
    """The new report's dates: ``closing`` is its meeting date when the outline has no period."""

    opening: date | None
    closing: date
    next_meeting: date | None
    link: str | None


def next_period(
    latest: Report,
    closing: date | None,
    earlier_links: tuple[str, ...] = (),
    earlier_date: date | None = None,
) -> Period:
    """The dates of the report after ``latest``.

    ``earlier_links``: next-meeting links of older reports; ``earlier_date``: the
    meeting date of the report before ``latest`` (the cadence of a series whose
    reports carry one date).
    """
    closing_spec = latest.outline.field_with("closing")
    if closing_spec is None:
        return _next_meeting(latest, closing, earlier_links, earlier_date)
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
    next_meeting = None
    if upcoming is not None and upcoming.date is not None:
        next_meeting = closing + (upcoming.date - closed.date)
    link = upcoming.link if upcoming is not None and upcoming.link else next(iter(earlier_links), None)
    return Period(opening, closing, next_meeting, link)


def _next_meeting(
    latest: Report, when: date | None, earlier_links: tuple[str, ...], earlier_date: date | None
) -> Period:
    """The next report of a series whose reports carry one meeting date."""
    meeting = latest.field_with("meeting-date")
    if meeting is None or meeting.date is None:
        raise ScaffoldError("the latest report has no readable meeting date to continue from")
    upcoming = next_meeting_field(latest)
    if when is None and upcoming is not None and upcoming.date is not None and upcoming.date > meeting.date:
        when = upcoming.date  # the report says when the next meeting is
    if when is None and earlier_date is not None and earlier_date < meeting.date:
        when = meeting.date + (meeting.date - earlier_date)  # the series' cadence
    if when is None:
        raise ScaffoldError("cannot tell the next meeting's date from the reports; give it with --date")
    if when <= meeting.date:
        raise ScaffoldError(f"--date {when.isoformat()} is not after the latest meeting {meeting.date.isoformat()}")
    link = upcoming.link if upcoming is not None and upcoming.link else next(iter(earlier_links), None)
    return Period(None, when, None, link)


def next_meeting_field(report: Report) -> Field | None:
    """The report's next-meeting field (outline role ``next-meeting``), else its first other linked field."""
    found = report.field_with("next-meeting")
    if found is not None:
        return found
    own = {report.outline.field_with(role) for role in ("opening", "closing", "meeting-date")}
    names = {spec.name for spec in own if spec is not None}
    return next((f for f in report.fields.values() if f.link and f.name not in names), None)


def next_file_name(latest_name: str, period: Period) -> str:
    """The latest file name with its date replaced by the new closing date."""
    if not ISO_DATE.search(latest_name):
        raise ScaffoldError(f"cannot derive a file name from '{latest_name}' (no YYYY-MM-DD in it); use -o")
    return ISO_DATE.sub(period.closing.isoformat(), latest_name, count=1)


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


def _date_line(report: Report, role: str, when: date | None) -> list[str]:
    spec = report.outline.field_with(role)
    if spec is None or when is None:
        return []
    return [f"#### {spec.name}: {when.strftime(DATE_FORMAT)}", ""]


def render_report(latest: Report, period: Period, carried: list[str]) -> str:
    """The text of the new report (``carried``: the open action lines, see ``open_action_lines``)."""
    outline = latest.outline
    out: list[str] = [f"# {latest.title or 'Team Meeting'}", ""]
    out += _date_line(latest, "opening", period.opening)
    out += _date_line(latest, "closing", period.closing)
    out += _date_line(latest, "meeting-date", period.closing)
    written = {outline.field_with(role) for role in ("opening", "closing", "meeting-date")}
    for spec in outline.fields:
        if spec in written or not spec.required:
            continue
        when = period.next_meeting.strftime("%B %d, %Y").replace(" 0", " ") if period.next_meeting else "TBD"
        value = f"[{when}]({period.link})" if period.link else when
        out += [f"#### {spec.name}: {value}", ""]
    for section in outline.sections:
        if not section.required:
            continue
        out += [heading_text(section), ""]
        if section.holds_actions and carried:
            out += [*carried, ""]
        elif outline.children.get(section.id) and section.number is None:
            continue
        else:
            out += ["-", ""]
    if latest.template is not None:
        out += ["---", *latest.lines[latest.template.line - 1 :]]
    text = "\n".join(out)
    return text if text.endswith("\n") else text + "\n"
