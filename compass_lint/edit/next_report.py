"""``compass-lint new``: the next report of a series, with its open actions carried.

The new report takes the outline from the schema (headings at their levels,
with their numbers, each with an empty ``-`` placeholder), the title and the
"Do not edit below" block from the latest report, and:

* Opening Date: the day after the latest report's Closing Date;
* Closing Date: ``--date``, or the latest report's period length again;
* next meeting: the closing date plus the latest gap between closing and
  next meeting, with the latest report's link;
* the file name: the latest file name with its date replaced;
* every open action of the latest report (with its nested bullets) in the
  actions section; completed ones are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from compass_lint.core.dates import ISO_DATE
from compass_lint.edit.fixes import heading_text
from compass_lint.model.actions import is_completed
from compass_lint.model.report import Field, Report

DATE_FORMAT = "%d %b %Y"


class ScaffoldError(Exception):
    """Why the next report cannot be made (exit 2)."""


@dataclass(frozen=True)
class Period:
    """The new report's dates."""

    opening: date
    closing: date
    next_meeting: date | None
    link: str | None


def next_period(latest: Report, closing: date | None, earlier_links: tuple[str, ...] = ()) -> Period:
    """The dates of the report after ``latest`` (``earlier_links``: next-meeting links of older reports)."""
    opened, closed = latest.fields.get("Opening Date"), latest.fields.get("Closing Date")
    if not (closed and closed.date):
        raise ScaffoldError("the latest report has no readable Closing Date to continue from")
    opening = closed.date + timedelta(days=1)
    if closing is None:
        length = (closed.date - opened.date).days if opened and opened.date else 27
        closing = opening + timedelta(days=max(length, 0))
    if closing < opening:
        raise ScaffoldError(f"--date {closing.isoformat()} is before the new Opening Date {opening.isoformat()}")
    upcoming = next_meeting_field(latest)
    next_meeting = None
    if upcoming is not None and upcoming.date is not None:
        next_meeting = closing + (upcoming.date - closed.date)
    link = upcoming.link if upcoming is not None and upcoming.link else next(iter(earlier_links), None)
    return Period(opening, closing, next_meeting, link)


def next_meeting_field(report: Report) -> Field | None:
    """The report's next-meeting field: the outline's required field besides the two dates."""
    dates = ("Opening Date", "Closing Date")
    for spec in report.outline.fields:
        if spec.required and spec.name not in dates and spec.name in report.fields:
            return report.fields[spec.name]
    return next((f for f in report.fields.values() if f.link and f.name not in dates), None)


def next_file_name(latest_name: str, period: Period) -> str:
    """The latest file name with its date replaced by the new closing date."""
    if not ISO_DATE.search(latest_name):
        raise ScaffoldError(f"cannot derive a file name from '{latest_name}' (no YYYY-MM-DD in it); use -o")
    return ISO_DATE.sub(period.closing.isoformat(), latest_name, count=1)


def _open_action_lines(latest: Report, markers: tuple[str, ...]) -> list[str]:
    lines: list[str] = []
    for item in latest.action_items():
        if not item.text.strip() or is_completed(item.text, markers):
            continue
        block = latest.lines[item.line - 1 : item.node.end_line]
        indent = len(block[0]) - len(block[0].lstrip())
        lines += [text[indent:] if text[:indent].strip() == "" else text for text in block]
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def render_report(latest: Report, period: Period, markers: tuple[str, ...]) -> str:
    """The text of the new report."""
    outline = latest.outline
    out: list[str] = [f"# {latest.title or 'Team Meeting'}", ""]
    names = {spec.name: spec for spec in outline.fields}
    out += [f"#### Opening Date: {period.opening.strftime(DATE_FORMAT)}", ""]
    out += [f"#### Closing Date: {period.closing.strftime(DATE_FORMAT)}", ""]
    for name, spec in names.items():
        if name in ("Opening Date", "Closing Date") or not spec.required:
            continue
        when = period.next_meeting.strftime("%B %d, %Y").replace(" 0", " ") if period.next_meeting else "TBD"
        value = f"[{when}]({period.link})" if period.link else when
        out += [f"#### {name}: {value}", ""]
    carried = _open_action_lines(latest, markers)
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
