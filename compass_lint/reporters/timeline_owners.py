"""How long actions have been open, and who holds them: the ages and the owner summary of the timeline page.

An open action's age is counted up to the latest report of its series: the
reports it has been open in (the first one included) and the days from the
meeting date of the report where it first appeared to the latest report's
(unknown when either report has no date). Ages are taken from the reports,
never from today's date, so the same reports always make the same page.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import NamedTuple

from compass_lint.core.safetext import escape_html as _e
from compass_lint.series.thread import Action
from compass_lint.series.timeline import SeriesActions

Dated = Callable[[str], "date | None"]


class Age(NamedTuple):
    """Reports an open action has been open in, and the days that span (None: a date is missing)."""

    reports: int
    days: int | None

    @property
    def key(self) -> int:
        """A number that orders ages: by reports, then days."""
        return self.reports * 100_000 + (self.days or 0)

    def __str__(self) -> str:
        text = f"{self.reports} report" + ("" if self.reports == 1 else "s")
        return text if self.days is None else f"{text} · {self.days} day" + ("" if self.days == 1 else "s")


def is_stale(action: Action) -> bool:
    """Open and carried at least once, with no standing or snooze mark holding it."""
    return action.status == "open" and action.carried >= 1 and action.hold is None


def ages(series: SeriesActions, dated: Dated | None) -> dict[Action, Age]:
    """The age of each open action of ``series`` as of its latest report."""
    if not series.reports:
        return {}
    order = {str(p): i for i, p in enumerate(series.reports)}
    end = dated(str(series.reports[-1])) if dated is not None else None
    found: dict[Action, Age] = {}
    for action in series.actions:
        if action.status == "open":
            start = dated(action.first.path) if dated is not None else None
            days = (end - start).days if start is not None and end is not None else None
            found[action] = Age(len(series.reports) - order.get(action.first.path, 0), days)
    return found


class _Owner(NamedTuple):
    open: int
    stale: int
    oldest: Age | None
    oldest_text: str


def owner_summary(all_series: list[SeriesActions], dated: Dated | None) -> str:
    """A table of the owners of open actions: open, stale, the oldest open action's age."""
    owners: dict[str, _Owner] = {}
    for series in all_series:
        for action, found in ages(series, dated).items():
            name = action.owner or ""
            held = owners.get(name, _Owner(0, 0, None, ""))
            older = held.oldest is None or found.key > held.oldest.key
            owners[name] = _Owner(
                held.open + 1,
                held.stale + is_stale(action),
                found if older else held.oldest,
                action.latest.info.display if older else held.oldest_text,
            )
    if not owners:
        return '<section class="owners" aria-labelledby="owners"><h2 id="owners">Open actions by owner</h2>' + (
            "<p>No open actions.</p></section>"
        )
    # Most stale first, then the longest waiting; actions without an owner last among equals.
    ranked = sorted(owners.items(), key=lambda kv: (-kv[1].stale, -(kv[1].oldest or Age(0, 0)).key, kv[0] == "", kv[0]))
    rows = "\n".join(
        f'<tr><th scope="row" data-key="{_e(name.lower() or "~")}">{_e(name or "(no owner)")}</th>'
        f'<td class="number">{o.open}</td><td class="number">{o.stale}</td>'
        f'<td class="age" data-key="{o.oldest.key if o.oldest else 0}">{_e(o.oldest or "")}'
        f'<span class="short oldest">{_e(o.oldest_text)}</span></td></tr>'
        for name, o in ranked
    )
    return (
        '<section class="owners" aria-labelledby="owners">\n<h2 id="owners">Open actions by owner</h2>\n'
        '<table data-sortable="">\n<thead><tr><th scope="col" data-sort-first="ascending">Owner</th>'
        '<th scope="col" data-sort-first="descending">Open</th>'
        '<th scope="col" data-sort-first="descending">Stale</th>'
        '<th scope="col" data-sort-first="descending">Oldest open</th></tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody>\n</table>\n</section>"
    )
