"""The settings of a run as plain data: what every layer may read, nothing that loads.

``compass_lint.engine.config`` finds, reads and validates the files; this
module only holds the result and the defaults, so that rules, series and the
model can take a ``Config`` without importing the loader.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from compass_lint.core.dates import DEFAULT_DATE_FORMATS
from compass_lint.core.finding import Severity

DEFAULT_MAX_FILE_SIZE = 1024 * 1024

DEFAULT_COMPLETION_MARKERS = ("COMPLETED", "DONE", "RESOLVED")
# Template placeholders are repeated every month by design: never stale.
DEFAULT_EXEMPT_ACTIONS = (
    r"^add (?:an? |your )?(?:agenda )?items? here",
    r"^\[?name(?:=myname)?\]?\s*[:-]?\s*(?:your update|my report)",
    r"^(?:follow[- ]?ups?|action items?|next steps?|to-?dos?|notes?|items?|topics?)\s+(?:go\s+)?here\b",
)


@dataclass(frozen=True)
class SeriesConfig:
    """A named series of reports: a glob, its schema and rule overrides."""

    name: str
    files: str
    exclude: tuple[str, ...] = ()
    schema: str | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    template: str | None = None  # None: the top-level ``template``
    stale_report: str | None = None  # None: the top-level ``stale-report``
    link_template: str | None = None  # None: the top-level ``link-template``


@dataclass(frozen=True)
class Config:
    """The resolved configuration of one run."""

    schema: str = "team-compass"
    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    time_budget: float = 5.0
    date_formats: tuple[str, ...] = DEFAULT_DATE_FORMATS
    exclude: tuple[str, ...] = ()
    stale_after: int = 1
    match_threshold: float = 85.0
    completion_markers: tuple[str, ...] = DEFAULT_COMPLETION_MARKERS
    exempt_actions: tuple[str, ...] = DEFAULT_EXEMPT_ACTIONS
    exempt_sections: tuple[str, ...] = ()
    template: str | None = None  # a report template whose action items are never tracked
    stale_report: str = "each"  # "each": CL301 in every report carrying it; "latest": in the newest only
    link_base: str | None = None  # the action timeline links reports as link_base + path from root
    link_template: str | None = None  # the meeting link ``new`` writes (core.linktemplate); None: a placeholder
    series: tuple[SeriesConfig, ...] = ()
    source: Path | None = None
    root: Path = field(default_factory=Path.cwd)

    def with_series(self, series: SeriesConfig) -> Config:
        """This configuration with a series' rule overrides applied."""
        return replace(
            self,
            select=series.select if series.select is not None else self.select,
            extend_select=self.extend_select + series.extend_select,
            ignore=self.ignore + series.ignore,
            severity={**self.severity, **series.severity},
            template=series.template if series.template is not None else self.template,
            stale_report=series.stale_report if series.stale_report is not None else self.stale_report,
            link_template=series.link_template if series.link_template is not None else self.link_template,
        )

    @property
    def exemptions(self) -> tuple[str, ...]:
        """The ``exempt-actions`` patterns (``extend-exempt-actions`` already added to them)."""
        return self.exempt_actions

    def severity_of(self, code: str, default: Severity, enabled_by_default: bool = True) -> Severity:
        """The effective severity of a rule; ``OFF`` when it is not selected."""
        if code in self.severity:
            return self.severity[code]
        explicit = (*self.select, *self.extend_select)
        if _matches(code, self.ignore) and not any(code == s for s in explicit):
            return Severity.OFF
        if not _matches(code, explicit):
            return Severity.OFF
        if not enabled_by_default and code not in explicit:
            return Severity.OFF
        return default


def _matches(code: str, selectors: tuple[str, ...]) -> bool:
    return any(s == "ALL" or code.startswith(s) for s in selectors)
