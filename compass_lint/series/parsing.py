"""Parsing a report the store reads from disk (a predecessor, a series member), within a time budget.

Each report read this way gets the budget of its own: the deadline of the file
being checked pauses meanwhile (``compass_lint.core.deadline`` nests), so one
slow report cannot use up the budget of every report after it in its series.
"""

from __future__ import annotations

from compass_lint.core.deadline import deadline
from compass_lint.core.settings import Config
from compass_lint.markdown.parse import parse
from compass_lint.markdown.source import SourceText
from compass_lint.model.report import Report, build_report
from compass_lint.outline.spec import Outline


class _GaveUp(Exception):
    """The report took longer than the time budget to parse."""


def parse_within(source: SourceText, outline: Outline, config: Config) -> Report | None:
    """The report model of ``source``; None when parsing ran over ``config.time_budget`` (wall clock)."""
    try:
        with deadline(config.time_budget, _GaveUp):
            return build_report(parse(source.text), outline, config.date_formats)
    except (_GaveUp, RecursionError):
        return None
