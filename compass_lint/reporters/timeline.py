"""The action timeline: one self-contained static HTML page of tracked actions.

``compass-lint actions --format html -o actions.html`` writes it. Per series a
table has one row per action item and one column per report (in series order);
each cell says what happened to the action in that report: ``● open`` (first
seen), ``↻ carried``, ``✓ done`` (marked completed), ``✗ dropped`` (the report
where it vanished without a completion marker) or nothing. Cells with an
occurrence link to ``path#Lline``. Rows: open actions first, oldest first, then
completed and dropped ones. Counts at the top: open, stale (open and carried at
least once) and completed in the latest report.

The page needs no network: CSS and the small filter script are inline, and a
Content-Security-Policy allows only that script (by hash) and no loads at all.
Every text taken from a report is HTML-escaped, in attributes too; link targets
are also percent-encoded, so a file name cannot become a ``javascript:`` URL.
The filter box reads ``?q=words`` on load; without JavaScript it does nothing.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape
from pathlib import Path
from urllib.parse import quote

from compass_lint.markdown.inline import plain_text
from compass_lint.rules.series import display_path
from compass_lint.series.layout import report_name, series_label
from compass_lint.series.thread import Action, Occurrence
from compass_lint.series.timeline import SeriesActions

LABELS = {"open": "● open", "carried": "↻ carried", "done": "✓ done", "dropped": "✗ dropped"}
_MEANINGS = ["first seen", "carried from the previous report", "marked completed", "vanished undone"]

_SCRIPT = """
(function () {
  var box = document.getElementById("filter");
  var note = document.getElementById("filter-status");
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-filter]"));
  function apply() {
    var words = box.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute("data-filter");
      row.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
      if (!row.hidden) { shown += 1; }
    });
    note.textContent = words.length ? shown + " of " + rows.length + " actions shown" : "";
  }
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { box.value = query; }
  box.addEventListener("input", apply);
  apply();
})();
"""
_SCRIPT_HASH = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode("ascii")
_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; "
    f"script-src 'sha256-{_SCRIPT_HASH}'; base-uri 'none'; form-action 'none'"
)

_CSS = """
:root { color-scheme: light dark; --fg: #1b1b1b; --bg: #fff; --muted: #4a4a4a; --line: #8a8a8a;
  --open-fg: #4d3800; --open-bg: #fff3c4; --carried-fg: #7a2000; --carried-bg: #ffe1d1;
  --done-fg: #0f4d24; --done-bg: #dcf2e1; --dropped-fg: #3d3d3d; --dropped-bg: #ececec; --link: #0645ad; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8e8e8; --bg: #161616; --muted: #c2c2c2; --line: #6e6e6e;
    --open-fg: #ffe58a; --open-bg: #3d3000; --carried-fg: #ffc3a6; --carried-bg: #4a1f0c;
    --done-fg: #a8ebbd; --done-bg: #0f3a1e; --dropped-fg: #d6d6d6; --dropped-bg: #2e2e2e; --link: #9cc3ff; }
}
body { font: 15px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 1.5rem; }
a { color: var(--link); }
.counts { display: flex; gap: 1.5rem; padding: 0; list-style: none; }
.counts strong { font-size: 1.4rem; }
.legend, .meta, .short { color: var(--muted); font-size: .85rem; }
.short { display: block; font-weight: normal; max-width: 16rem; }
label { font-weight: 600; margin-right: .5rem; }
input[type=search] { font: inherit; padding: .25rem .5rem; min-width: 18rem; color: var(--fg);
  background: var(--bg); border: 1px solid var(--line); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: .5rem 0 2rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; vertical-align: top; text-align: left; }
th[scope=row] { font-weight: normal; min-width: 14rem; max-width: 28rem; }
.status { min-width: 11rem; }
tr[hidden] { display: none; }
.s-open { color: var(--open-fg); background: var(--open-bg); font-weight: 700; }
.s-carried { color: var(--carried-fg); background: var(--carried-bg); font-weight: 700; }
.s-done { color: var(--done-fg); background: var(--done-bg); }
.s-dropped { color: var(--dropped-fg); background: var(--dropped-bg); font-style: italic; }
td[class^=s-] a { color: inherit; white-space: nowrap; }
@media print {
  :root { --fg: #000; --bg: #fff; --muted: #333; --line: #555; --link: #000; }
  body { margin: 0; font-size: 10pt; }
  .filter { display: none; }
  a { text-decoration: none; }
  td[class^=s-] { background: none; color: #000; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  .scroll { overflow: visible; }
}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _href(path: str, line: int | None = None) -> str:
    target = quote(Path(display_path(path)).as_posix(), safe="/", errors="surrogateescape")
    return target + (f"#L{line}" if line is not None else "")


def _short(text: str, size: int = 36) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _full(occurrence: Occurrence) -> str:
    return " ".join(plain_text(occurrence.info.text).split())


def _stale(action: Action) -> bool:
    return action.status == "open" and action.carried >= 1 and action.hold is None


def _counts(series: SeriesActions) -> tuple[int, int, int]:
    latest = str(series.reports[-1]) if series.reports else None
    opened = sum(a.status == "open" for a in series.actions)
    stale = sum(_stale(a) for a in series.actions)
    done = sum(a.status == "completed" and a.status_report == latest for a in series.actions)
    return opened, stale, done


def _status(action: Action) -> str:
    if action.hold is not None:
        return action.hold
    if action.status == "open":
        since = report_name(action.first.path)
        return f"open since {since}" + (f", carried {action.carried}×" if action.carried else "")
    return f"{action.status} in {report_name(action.status_report or '')}"


def _cell(action: Action, report: Path, seen: dict[str, tuple[int, Occurrence]]) -> str:
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
    if index in (0, len(action.occurrences) - 1):
        short = f'<span class="short">{_e(_short(occurrence.info.display))}</span>'
    link = f'<a href="{_e(_href(occurrence.path, occurrence.line))}" title="{_e(title)}">{LABELS[state]}</a>'
    return f'<td class="s-{state}">{link}{short}</td>'


def _row(action: Action, reports: list[Path]) -> str:
    seen = {o.path: (i, o) for i, o in enumerate(action.occurrences)}
    text, owner = action.latest.info.display, action.owner or ""
    cells = "".join(_cell(action, report, seen) for report in reports)
    flags = " stale" if _stale(action) else ""
    search = " ".join(dict.fromkeys([owner, _full(action.latest), _full(action.first)])).strip().lower()
    return (
        f'<tr class="row-{_e(action.status)}{flags}" data-filter="{_e(search)}">'
        f'<th scope="row">{_e(text)}</th><td>{_e(owner or "—")}</td>'
        f'<td class="status">{_e(_status(action))}</td>{cells}</tr>'
    )


def _table(number: int, series: SeriesActions, only_open: bool) -> str:
    order = {str(p): i for i, p in enumerate(series.reports)}
    actions = [a for a in series.actions if a.status == "open" or not only_open]
    actions.sort(key=lambda a: (a.status != "open", order.get(a.first.path, 0), a.first.line))
    folder = display_path(series_label([str(p) for p in series.reports])) if series.reports else "(no reports)"
    opened, stale, done = _counts(series)
    latest = report_name(str(series.reports[-1])) if series.reports else "-"
    heads = "".join(
        f'<th scope="col"><a href="{_e(_href(str(p)))}">{_e(report_name(str(p)))}</a></th>' for p in series.reports
    )
    rows = "\n".join(_row(a, series.reports) for a in actions)
    if not actions:
        none = "No open actions." if only_open else "No actions."
        rows = f'<tr><td colspan="{len(series.reports) + 3}">{none}</td></tr>'
    return (
        f'<section aria-labelledby="series-{number}">\n<h2 id="series-{number}">Series {_e(folder)}</h2>\n'
        f'<div class="scroll" role="region" tabindex="0" aria-labelledby="series-{number}">\n<table>\n'
        f"<caption>Action items of {_e(folder)} across {len(series.reports)} reports: "
        f"{opened} open, {stale} stale, {done} completed in {_e(latest)}</caption>\n"
        f'<thead><tr><th scope="col">Action</th><th scope="col">Owner</th><th scope="col">Status</th>'
        f"{heads}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n</div>\n</section>"
    )


def render_timeline(all_series: list[SeriesActions], only_open: bool = False) -> str:
    """The timeline page of ``all_series``: a table per series, counts, a filter box."""
    totals = [sum(c) for c in zip(*(_counts(s) for s in all_series), strict=True)] or [0, 0, 0]
    tables = "\n".join(_table(n, s, only_open) for n, s in enumerate(all_series, 1))
    legend = ", ".join(
        f'<span class="s-{k}">{_e(LABELS[k])}</span> {_e(v)}' for k, v in zip(LABELS, _MEANINGS, strict=True)
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta http-equiv="Content-Security-Policy" content="{_e(_CSP)}">
<title>Action timeline — compass-lint</title>
<style>{_CSS}</style>
</head>
<body>
<main>
<h1>Action timeline</h1>
<ul class="counts" aria-label="Counts">
<li><strong data-count="open">{totals[0]}</strong> open</li>
<li><strong data-count="stale">{totals[1]}</strong> stale (open and carried at least once)</li>
<li><strong data-count="completed">{totals[2]}</strong> completed in the latest report</li>
</ul>
<p class="legend">{legend}. Rows: open actions first, oldest first; then completed and dropped.</p>
<div role="search" class="filter">
<label for="filter">Filter by owner or text</label><input type="search" id="filter" name="q">
<span id="filter-status" role="status" aria-live="polite"></span>
</div>
{tables or "<p>No reports.</p>"}
</main>
<script>{_SCRIPT}</script>
</body>
</html>
"""
