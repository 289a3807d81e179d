"""``compass-lint new``: the next report of a series, put together from its reports and configuration.

``next_report`` dates the new report (``edit.next_report``) and writes its
text (``edit.next_text``); the command line decides where it goes and writes
it, never over an existing file.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from compass_lint.core.linktemplate import LinkTemplateError, meeting_link
from compass_lint.core.settings import Config
from compass_lint.edit.next_report import (
    Period,
    ScaffoldError,
    next_meeting_gap,
    next_period,
    open_action_lines,
    report_date,
)
from compass_lint.edit.next_text import render_report
from compass_lint.markdown.parse import parse
from compass_lint.model.report import Report, build_report
from compass_lint.outline.spec import Outline
from compass_lint.series import layout
from compass_lint.series.history import History
from compass_lint.series.membership import series_for


def own_date(history: History, path: Path) -> date | None:
    """The meeting date a report's head (front matter, date field, heading) or path carries."""
    return history.store.dated(path) or layout.path_date(history.store.key(path))


def _earlier_gap(history: History, older: list[Path]) -> timedelta | None:
    """The newest gap between an older report's date and its next-meeting date."""
    for path in reversed(older):
        report = history.load(path).report
        gap = next_meeting_gap(report, own_date(history, path)) if report is not None else None
        if gap is not None:
            return gap
    return None


def _template(history: History, config: Config, outline: Outline) -> Report | None:
    """The series' template (``template`` setting) read with the series' outline (None: none, or unreadable)."""
    if config.template is None:
        return None
    source = history.store.text(config.root / config.template)
    return build_report(parse(source.text), outline, config.date_formats) if source is not None else None


def next_report(history: History, config: Config, series: list[Path], when: date | None) -> tuple[Period, str]:
    """The dates and the text of the report after the last of ``series`` (in order; ``when``: ``--date``).

    ``ScaffoldError`` says why it cannot be made (exit 2).
    """
    latest_path = series[-1]
    latest = history.load(latest_path).report
    if latest is None:
        raise ScaffoldError(f"{latest_path}: cannot read the latest report")
    own = own_date(history, latest_path)
    previous = history.load(series[-2]).report if len(series) > 1 else None
    earlier = report_date(previous, own_date(history, series[-2])) if previous is not None else None
    period = next_period(latest, when, own, earlier, _earlier_gap(history, series[:-1]))
    configured = series_for(latest_path, config)
    settings = config.with_series(configured) if configured is not None else config
    template = settings.link_template

    def link_for(meeting: date) -> str:
        try:
            return meeting_link(template, meeting)
        except LinkTemplateError as error:  # a date the sample date did not show (checked at load)
            raise ScaffoldError(f"link-template: {error}") from None

    carried = open_action_lines(latest, history.timeline(latest_path).open_items(len(series) - 1))
    written = _template(history, settings, latest.outline)
    text = render_report(latest, previous, written, period, carried, own, link_for, config.date_formats)
    return period, text
