"""``compass-lint new``: the text of the next report, from the latest one and the outline.

What is carried and what is cleared (README, "Writing the next report"):

* **The head** (everything before the first section: front matter, title,
  goal line, date lines, standing notes and links) is carried line for line,
  and every spelling of the latest meeting's date in it becomes the new date,
  in the same style (``compass_lint.edit.redate``).
* **The fields with a role** get the new dates where the latest report wrote
  them; a required field the latest report lacks is added after the title.
* **The meeting link** (the next-meeting field's, else the first linked
  field's) is never the latest report's: ``link-template`` builds it for the
  date on its line, else it is ``core.linktemplate.PLACEHOLDER_LINK``.
* **Sections**: every required section of the outline, in order, with its
  heading as the outline writes it. Its body is cleared to a ``-``
  placeholder, even when the latest report repeated the one before it: that
  is the meeting's content. With a series template (the ``template``
  setting), a section starts as the template writes it. A section's prompt (the italic lines right under
  its heading) is kept, and the actions section gets the open actions.
* **Standing notes**: a section the outline does not require (such as the
  builtin "Notes about this document") whose body is the same in the latest
  report and the one before it is carried whole. Other optional sections, and
  sections the outline does not know, are left out.
* **The "Do not edit below" block** is copied.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from compass_lint.core.dates import parse_date
from compass_lint.edit.next_report import Period, report_date
from compass_lint.edit.redate import redate, spell
from compass_lint.model.fields import Field
from compass_lint.model.matching import HEADING
from compass_lint.model.report import Report
from compass_lint.outline.render import heading_text
from compass_lint.outline.spec import FieldSpec, OutlineSection

# How an added date field is written, when the configured formats read it back.
DATE_STYLE = "{d} {b} {Y}"
LINK_DATE_STYLE = "{B} {e}, {Y}"
# A line that is all emphasis: a template's prompt under a heading (``*Items that you wish to raise …*``).
_PROMPT = re.compile(r"^\s*(?:\*[^*\s](?:.*[^*\s])?\*|_[^_\s](?:.*[^_\s])?_)\s*$")
_SEPARATOR = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")


def _spelled(when: date, style: str, formats: tuple[str, ...]) -> str:
    """``when`` in ``style`` when the configured date formats read it back, else in the first format."""
    written = spell(when, style)
    return written if parse_date(written, formats) == when else when.strftime(formats[0])


def _field_line(spec: FieldSpec, when: date | None, link: str | None, formats: tuple[str, ...]) -> str:
    """A field written as the builtin outline writes it: ``#### Name: value``."""
    value = _spelled(when, DATE_STYLE if link is None else LINK_DATE_STYLE, formats) if when else "TBD"
    return f"#### {spec.name}: [{value}]({link})" if link else f"#### {spec.name}: {value}"


def _relinked(line: str, old: str | None, new: str) -> str | None:
    """``line`` with the link ``old`` replaced by ``new`` (None when ``line`` has no such link to replace)."""
    if old is None or old not in line:
        return None
    return line.replace(old, new)


class _Head:
    """The lines before the first section, rewritten for the new report."""

    def __init__(
        self,
        latest: Report,
        period: Period,
        own_date: date | None,
        link_for: Callable[[date], str],
        formats: tuple[str, ...],
    ) -> None:
        self.latest, self.period, self.link_for, self.formats = latest, period, link_for, formats
        self.specs = {spec.name: spec for spec in latest.outline.fields}
        self.old = report_date(latest, own_date)
        self.new_dates: dict[str, tuple[date | None, date | None]] = {}
        for role, new in (("opening", period.opening), ("closing", period.closing), ("meeting-date", period.closing)):
            found = latest.field_with(role)
            if found is not None:
                self.new_dates[found.name] = (found.date, new)
        # The meeting link: the next-meeting field's, else an outline field typed as a link. A link in
        # a line the outline does not type (``Date: … · [Code of conduct](…)``) is standing text.
        self.linked = latest.field_with("next-meeting") or next(
            (
                latest.fields[s.name]
                for s in latest.outline.fields
                if "link" in s.kind.split("-") and s.name in latest.fields
            ),
            None,
        )

    def link_date(self) -> date:
        """The date of the meeting the link is for: the next meeting's on a next-meeting line."""
        upcoming = self.latest.field_with("next-meeting")
        if upcoming is not None and upcoming is self.linked and self.period.next_meeting is not None:
            return self.period.next_meeting
        return self.period.closing

    def rewrite(self, number: int, line: str) -> str:
        """Line ``number`` of the head, as the new report writes it."""
        field = next((f for f in self.latest.fields.values() if f.line == number), None)
        if field is None:
            return redate(line, self.old, self.period.closing) if self.old is not None else line
        if field is self.linked:
            return self._rewrite_linked(field, line)
        old, new = self.new_dates.get(field.name, (self.old, self.period.closing))
        if old is None or new is None:
            return line
        written = redate(line, old, new)
        if written == line and old != new and field.name in self.new_dates:
            # A spelling redate does not know: the line as the builtin outline writes it.
            spec = self.specs.get(field.name)
            return _field_line(spec, new, None, self.formats) if spec is not None else line
        return written

    def _rewrite_linked(self, field: Field, line: str) -> str:
        """The meeting link's line: its date moved on, its link replaced (``[date 6pm UTC](link)`` kept)."""
        new = self.link_date()
        link = self.link_for(new)
        spec = self.specs.get(field.name)
        dated = spec is not None and "date" in spec.kind.split("-")
        # The link first: the old one may spell the old date too (``…/weekly-20260519``).
        relinked = _relinked(line, field.link, link)
        if relinked is not None:
            written = redate(relinked, field.date, new) if field.date is not None else relinked
            if written != relinked or not dated:
                return written
        if spec is None:
            return line
        # No link to replace, or a date redate cannot spell: the line as the builtin outline writes it.
        return _field_line(spec, new if dated else None, link, self.formats)


def _head_lines(
    latest: Report,
    period: Period,
    own_date: date | None,
    link_for: Callable[[date], str],
    formats: tuple[str, ...],
) -> list[str]:
    """The head of the new report (see the module docstring), ending in one blank line."""
    first = min((s.line for s in latest.sections), default=latest.body_end)
    head = _Head(latest, period, own_date, link_for, formats)
    lines = [head.rewrite(number, text) for number, text in enumerate(latest.lines[: first - 1], 1)]
    title_at = latest.title_line
    if latest.title is None or latest.title_line >= first:
        lines, title_at = ["# Team Meeting", "", *lines], 1
    added: list[str] = []
    for spec in latest.outline.fields:
        if not spec.required or spec.name in latest.fields:
            continue
        when = {"opening": period.opening, "next-meeting": period.next_meeting}.get(spec.role or "", period.closing)
        link = link_for(when or period.closing) if "link" in spec.kind.split("-") else None
        added += [_field_line(spec, when, link, formats), ""]
    if added:
        block = ["", *added]
        if title_at < len(lines) and not lines[title_at].strip():
            block.pop()  # the blank line after the title follows
        lines[title_at:title_at] = block
    while lines and not lines[-1].strip():
        lines.pop()
    return [*lines, ""]


def _body(report: Report | None, section_id: str) -> list[str] | None:
    """A section's lines under its heading, without blank lines and separators at either end."""
    found = report.section(section_id) if report is not None else None
    if report is None or found is None or found.candidate.form != HEADING:
        return None
    body = [line.rstrip() for line in report.lines[found.line : found.end_line]]
    while body and (not body[-1].strip() or _SEPARATOR.match(body[-1])):
        body.pop()
    while body and not body[0].strip():
        body.pop(0)
    return body


def _prompt(body: list[str] | None) -> list[str]:
    """The italic lines a section's body starts with (its template prompt), and a blank line after them."""
    lines: list[str] = []
    for line in body or []:
        if not _PROMPT.match(line):
            break
        lines.append(line)
    return [*lines, ""] if lines else []


def _section_lines(
    latest: Report, previous: Report | None, template: Report | None, section: OutlineSection, carried: list[str]
) -> list[str]:
    body = _body(latest, section.id)
    written = _body(template, section.id)  # the series' template says what a fresh section holds
    # A required section is the meeting's own content, cleared even when a report repeated it.
    standing = not section.required and bool(body) and body == _body(previous, section.id)
    if not section.required and not standing:
        return []
    out = [heading_text(section), ""]
    if standing and body:
        return [*out, *body, ""]
    if section.holds_actions and carried:
        return [*out, *_prompt(body), *carried, ""]
    if written:
        return [*out, *written, ""]
    if latest.outline.children.get(section.id) and section.number is None:
        return out  # a group heading (``## Actions``): its sub-sections hold the content
    return [*out, *_prompt(body), "-", ""]


def render_report(
    latest: Report,
    previous: Report | None,
    template: Report | None,
    period: Period,
    carried: list[str],
    own_date: date | None,
    link_for: Callable[[date], str],
    formats: tuple[str, ...],
) -> str:
    """The text of the new report.

    ``previous``: the report before ``latest`` (None: it is the first); ``template``: the series'
    template (``template`` setting), read with the outline; ``carried``: the open action
    lines (``open_action_lines``); ``own_date``: the latest meeting's date as its head or path carries
    it; ``link_for``: the meeting link for a meeting on a date (``core.linktemplate.meeting_link``);
    ``formats``: the configured date formats (a date is never written in a form they cannot read).
    """
    out = _head_lines(latest, period, own_date, link_for, formats)
    for section in latest.outline.sections:
        out += _section_lines(latest, previous, template, section, carried)
    if latest.template is not None:
        out += ["---", *latest.lines[latest.template.line - 1 :]]
    text = "\n".join(out)
    return text if text.endswith("\n") else text + "\n"
