"""The action timeline: one self-contained static HTML page of tracked actions.

``compass-lint actions --format html -o actions.html`` writes it. At the top:
the counts (open, stale: open and carried at least once, completed in the
latest report) and the open actions by owner. Per series a table has one row
per action item and one column per report, the newest report first: it sits
next to the action's text, in the first screen however long the series, and
the history reads away from it, as in a CI dashboard's run history. Each cell
says what happened to the action in that report: ``● open`` (first seen),
``↻ carried``, ``✓ done`` (marked completed), ``✗ dropped`` (the report where
it vanished without a completion marker) or nothing. Cells with an occurrence
link to the report's line (``timeline_links``). Rows: open actions first,
oldest first, then completed and dropped ones; open actions show their age.

The page needs no network: CSS and the small script (filter and sorting) are
inline, and a Content-Security-Policy allows only that script (by hash) and no
loads at all (``timeline_assets``). Every text taken from a report is
HTML-escaped, in attributes too; only http and https addresses become links.
"""

from __future__ import annotations

from pathlib import Path

from compass_lint.core.safetext import escape_html as _e
from compass_lint.markdown.inline import plain_text
from compass_lint.reporters.timeline_assets import CSP, CSS, LABELS, MEANINGS, SCRIPT
from compass_lint.reporters.timeline_links import Links, action_html
from compass_lint.reporters.timeline_owners import Age, Dated, ages, is_stale, owner_summary
from compass_lint.rules.series import display_path
from compass_lint.series.layout import report_name, series_label
from compass_lint.series.thread import Action, Occurrence
from compass_lint.series.timeline import SeriesActions

__all__ = ["LABELS", "Links", "render_timeline"]
# Status order for sorting: what needs attention first.
_LATEST = ' class="latest"'
_RANK = {"stale": 0, "open": 1, "held": 2, "completed": 3, "dropped": 4}


def _short(text: str, size: int = 36) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _full(occurrence: Occurrence) -> str:
    return " ".join(plain_text(occurrence.info.text).split())


def _counts(series: SeriesActions) -> tuple[int, int, int]:
    latest = str(series.reports[-1]) if series.reports else None
    opened = sum(a.status == "open" for a in series.actions)
    stale = sum(is_stale(a) for a in series.actions)
    done = sum(a.status == "completed" and a.status_report == latest for a in series.actions)
    return opened, stale, done


def _status(action: Action) -> str:
    if action.hold is not None:
        return action.hold
    if action.status == "open":
        since = report_name(action.first.path)
        return f"open since {since}" + (f", carried {action.carried}×" if action.carried else "")
    return f"{action.status} in {report_name(action.status_report or '')}"


def _rank(action: Action) -> int:
    if action.status != "open":
        return _RANK[action.status]
    return _RANK["stale" if is_stale(action) else "held" if action.hold is not None else "open"]


def _cell(action: Action, report: Path, seen: dict[str, tuple[int, Occurrence]], links: Links) -> str:
    found = seen.get(str(report))
    if found is None:
        if action.status == "dropped" and action.status_report == str(report):
            return (
                f'<td class="s-dropped" title="not listed in {_e(report_name(str(report)))}">{LABELS["dropped"]}</td>'
            )
        return "<td></td>"
    index, occurrence = found
    state = "done" if occurrence.info.completed else "carried" if index else "open"
    owner = occurrence.info.owner or action.owner
    title = f"{report_name(str(report))}:{occurrence.line} — {_full(occurrence)}" + (
        f" (owner: {owner})" if owner else ""
    )
    short = ""
    if index == 0 and occurrence.info.display != action.latest.info.display:
        # The row header shows the newest text; the first-seen cell shows how it was first written.
        short = f'<span class="short">{_e(_short(occurrence.info.display))}</span>'
    link = f'<a href="{_e(links.href(occurrence.path, occurrence.line))}" title="{_e(title)}">{LABELS[state]}</a>'
    return f'<td class="s-{state}">{link}{short}</td>'


def _row(action: Action, reports: list[Path], links: Links, age: Age | None) -> str:
    seen = {o.path: (i, o) for i, o in enumerate(action.occurrences)}
    info, owner = action.latest.info, action.owner or ""
    cells = "".join(_cell(action, report, seen, links) for report in reversed(reports))
    flags = " stale" if is_stale(action) else ""
    search = " ".join(dict.fromkeys([owner, _full(action.latest), _full(action.first)])).strip().lower()
    return (
        f'<tr class="row-{_e(action.status)}{flags}" data-filter="{_e(search)}">'
        f'<th scope="row">{action_html(info.text, info.display, links)}</th>'
        f'<td data-key="{_e(owner.lower() or "~")}">{_e(owner or "—")}</td>'
        f'<td class="status" data-key="{_rank(action)}">{_e(_status(action))}</td>'
        f'<td class="age" data-key="{age.key if age else -1}">{_e(age or "")}</td>{cells}</tr>'
    )


def _table(number: int, series: SeriesActions, only_open: bool, links: Links, dated: Dated | None) -> str:
    order = {str(p): i for i, p in enumerate(series.reports)}
    actions = [a for a in series.actions if a.status == "open" or not only_open]
    actions.sort(key=lambda a: (a.status != "open", order.get(a.first.path, 0), a.first.line))
    folder = display_path(series_label([str(p) for p in series.reports])) if series.reports else "(no reports)"
    opened, stale, done = _counts(series)
    latest = report_name(str(series.reports[-1])) if series.reports else "-"
    heads = "".join(
        f'<th scope="col"{_LATEST if n == 0 else ""}><a href="{_e(links.href(str(p)))}">'
        f"{_e(report_name(str(p)))}</a></th>"
        for n, p in enumerate(reversed(series.reports))
    )
    found = ages(series, dated)
    rows = "\n".join(_row(a, series.reports, links, found.get(a)) for a in actions)
    if not actions:
        none = "No open actions." if only_open else "No actions."
        rows = f'<tr><td colspan="{len(series.reports) + 4}">{none}</td></tr>'
    return (
        f'<section aria-labelledby="series-{number}">\n<h2 id="series-{number}">Series {_e(folder)}</h2>\n'
        f'<div class="scroll" role="region" tabindex="0" aria-labelledby="series-{number}">\n<table data-sortable="">\n'
        f"<caption>Action items of {_e(folder)} across {len(series.reports)} reports, the newest first: "
        f"{opened} open, {stale} stale, {done} completed in {_e(latest)}</caption>\n"
        '<thead><tr><th scope="col">Action</th><th scope="col" data-sort-first="ascending">Owner</th>'
        '<th scope="col" data-sort-first="ascending">Status</th><th scope="col" data-sort-first="descending">Age</th>'
        f"{heads}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n</div>\n</section>"
    )


def render_timeline(
    all_series: list[SeriesActions], only_open: bool = False, links: Links | None = None, dated: Dated | None = None
) -> str:
    """The timeline page of ``all_series``: counts, owners, a table per series, a filter box.

    ``links``: where report links point (default: paths relative to the current folder);
    ``dated``: a report's meeting date, for the ages in days (default: ages in reports only).
    """
    links = links or Links()
    totals = [sum(c) for c in zip(*(_counts(s) for s in all_series), strict=True)] or [0, 0, 0]
    tables = "\n".join(_table(n, s, only_open, links, dated) for n, s in enumerate(all_series, 1))
    legend = ", ".join(
        f'<span class="s-{k}">{_e(LABELS[k])}</span> {_e(v)}' for k, v in zip(LABELS, MEANINGS, strict=True)
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">
<title>Action timeline — compass-lint</title>
<style>{CSS}</style>
</head>
<body>
<main>
<h1>Action timeline</h1>
<ul class="counts" aria-label="Counts">
<li><strong data-count="open">{totals[0]}</strong> open</li>
<li><strong data-count="stale">{totals[1]}</strong> stale (open and carried at least once)</li>
<li><strong data-count="completed">{totals[2]}</strong> completed in the latest report</li>
</ul>
<div class="overview">
{owner_summary(all_series, dated)}
<div class="about">
<p class="legend">{legend}.</p>
<p class="legend">Columns: the newest report first. Rows: open actions first, oldest first; then completed and
dropped. Age: the reports an open action has been open in, and the days from the first of them to the latest
report.</p>
<div role="search" class="filter">
<label for="filter">Filter by owner or text</label><input type="search" id="filter" name="q">
<span id="filter-status" role="status" aria-live="polite"></span>
</div>
</div>
</div>
{tables or "<p>No reports.</p>"}
</main>
<script>{SCRIPT}</script>
</body>
</html>
"""
