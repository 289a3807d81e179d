"""A report's action items as history sees them, with the settings of its series applied.

``ReportStore`` asks this for each report it keeps: the series' ``template``
(its action items are exempt), ``exempt-actions``, ``extend-exempt-actions``,
``exempt-sections`` and the report's own date (against which ``snooze
until`` marks are read).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from compass_lint.core.dates import date_in_name
from compass_lint.core.settings import Config
from compass_lint.markdown.source import SourceText
from compass_lint.outline.spec import Outline
from compass_lint.series.membership import series_for

if TYPE_CHECKING:
    from compass_lint.model.actions import ActionInfo
    from compass_lint.model.fields import Field
    from compass_lint.model.report import Report

# start-up: action analysis, parsing and the model (mistune) are imported where a
# report's items are described: ordering a series needs only the heads of files.


def report_date(key: str, roles: dict[str, Field]) -> date | None:
    """A report's own date: its meeting date or opening date field, else the date in its file name."""
    for role in ("meeting-date", "opening"):
        found = roles.get(role)
        if found is not None and found.date is not None:
            return found.date
    return date_in_name(os.path.basename(key))


class ActionReader:
    """Describes reports' action items; ``text_of`` reads a file (a template) as decoded text."""

    def __init__(self, config: Config, text_of: Callable[[str], SourceText | None]) -> None:
        self.config = config
        self._text_of = text_of
        self._series_configs: dict[str, Config] = {}
        self._templates: dict[tuple[str, int], frozenset[str]] = {}  # (template, outline) -> its items' keys

    def series_config(self, key: str) -> Config:
        """The configuration for a (resolved) report: its series' overrides applied."""
        if not self.config.series:
            return self.config
        found = self._series_configs.get(key)
        if found is None:
            series = series_for(Path(key), self.config)
            found = self._series_configs[key] = self.config.with_series(series) if series else self.config
        return found

    def describe(self, key: str, report: Report, on: date | None) -> list[ActionInfo]:
        """The report's action items, described with its series' settings; ``on``: the report's date."""
        # start-up: see the note at the top
        from compass_lint.model.actions import Exemptions, describe

        config = self.series_config(key)
        markers = config.completion_markers
        template = self._template_keys(config, report.outline) if config.template else frozenset()
        exempt = Exemptions(config.exemptions, config.exempt_sections, template)
        return [describe(item, markers, exempt, on) for item in report.action_items()]

    def _template_keys(self, config: Config, outline: Outline) -> frozenset[str]:
        """The keys of the action items of ``config.template`` (read with the report's outline)."""
        assert config.template is not None
        path = os.fspath((config.root / config.template).resolve())
        cached = self._templates.get((path, id(outline)))
        if cached is not None:
            return cached
        # start-up: see the note at the top
        from compass_lint.markdown.parse import parse
        from compass_lint.model.actions import describe
        from compass_lint.model.report import build_report

        source = self._text_of(path)
        keys: frozenset[str] = frozenset()
        if source is not None:
            template = build_report(parse(source.text), outline, config.date_formats)
            markers = config.completion_markers
            keys = frozenset(info.key for item in template.action_items() if (info := describe(item, markers)).key)
        self._templates[(path, id(outline))] = keys
        return keys
