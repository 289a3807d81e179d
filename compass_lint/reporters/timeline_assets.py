"""The timeline page's inline style and script, and the Content-Security-Policy that allows only them.

The script does two things, both optional: the filter box (``?q=words`` on
load) and sorting. Sorting turns the header of each column marked
``data-sort-first`` into a button; a click orders the rows by the cells'
``data-key`` (numbers as numbers), first in the column's ``data-sort-first``
direction, then the other way; ties keep the page's own order. Without
JavaScript the headers stay plain text and the rows keep the order the page
was written in, which the legend describes.
"""

from __future__ import annotations

import base64
import hashlib

LABELS = {"open": "● open", "carried": "↻ carried", "done": "✓ done", "dropped": "✗ dropped"}
MEANINGS = ["first seen", "carried from the previous report", "marked completed", "vanished undone"]

SCRIPT = """
(function () {
  var each = function (list, f) { Array.prototype.forEach.call(list, f); };
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
  function key(cell) {
    var value = cell ? cell.getAttribute("data-key") : null;
    return value === null ? (cell ? cell.textContent.trim().toLowerCase() : "") : value;
  }
  function compare(a, b) {
    var number = /^-?\\d+(\\.\\d+)?$/;
    if (number.test(a) && number.test(b)) { return parseFloat(a) - parseFloat(b); }
    return a < b ? -1 : a > b ? 1 : 0;
  }
  each(document.querySelectorAll("table[data-sortable]"), function (table) {
    var heads = table.tHead.rows[0].cells;
    var body = table.tBodies[0];
    var written = Array.prototype.slice.call(body.rows);
    each(heads, function (head, index) {
      var first = head.getAttribute("data-sort-first");
      if (!first) { return; }
      var button = document.createElement("button");
      button.type = "button";
      while (head.firstChild) { button.appendChild(head.firstChild); }
      head.appendChild(button);
      button.addEventListener("click", function () {
        var current = head.getAttribute("aria-sort");
        var way = current === first ? (first === "ascending" ? "descending" : "ascending") : first;
        each(heads, function (other) { other.removeAttribute("aria-sort"); });
        head.setAttribute("aria-sort", way);
        var sign = way === "ascending" ? 1 : -1;
        written.slice().sort(function (r, s) {
          return sign * compare(key(r.cells[index]), key(s.cells[index])) || written.indexOf(r) - written.indexOf(s);
        }).forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
"""
_SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; "
    f"script-src 'sha256-{_SCRIPT_HASH}'; base-uri 'none'; form-action 'none'"
)

CSS = """
:root { color-scheme: light dark; --fg: #1b1b1b; --bg: #fff; --muted: #4a4a4a; --line: #8a8a8a;
  --open-fg: #4d3800; --open-bg: #fff3c4; --carried-fg: #7a2000; --carried-bg: #ffe1d1;
  --done-fg: #0f4d24; --done-bg: #dcf2e1; --dropped-fg: #3d3d3d; --dropped-bg: #ececec; --link: #0645ad;
  --latest: #eef3ff; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8e8e8; --bg: #161616; --muted: #c2c2c2; --line: #6e6e6e;
    --open-fg: #ffe58a; --open-bg: #3d3000; --carried-fg: #ffc3a6; --carried-bg: #4a1f0c;
    --done-fg: #a8ebbd; --done-bg: #0f3a1e; --dropped-fg: #d6d6d6; --dropped-bg: #2e2e2e; --link: #9cc3ff;
    --latest: #1d2740; }
}
body { font: 15px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 1.5rem; }
h1 { margin: 0 0 .5rem; }
h2 { font-size: 1.15rem; margin: 1rem 0 .25rem; }
a { color: var(--link); }
.overview { display: flex; flex-wrap: wrap; gap: 0 3rem; align-items: flex-start; }
.about { flex: 1 1 24rem; max-width: 48rem; padding-top: 1.5rem; }
thead th[scope=col] { white-space: nowrap; }
.short.oldest { max-width: 24rem; white-space: normal; }
.counts { display: flex; gap: 1.5rem; padding: 0; margin: .5rem 0; list-style: none; }
.counts strong { font-size: 1.4rem; }
.legend, .meta, .short, .age-days { color: var(--muted); font-size: .85rem; }
.short { display: block; font-weight: normal; max-width: 16rem; }
label { font-weight: 600; margin-right: .5rem; }
input[type=search] { font: inherit; padding: .25rem .5rem; min-width: 18rem; color: var(--fg);
  background: var(--bg); border: 1px solid var(--line); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: .5rem 0 2rem; }
.owners table { margin: .25rem 0 .5rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; vertical-align: top; text-align: left; }
th[scope=row] { font-weight: normal; min-width: 14rem; max-width: 28rem; }
td.number { text-align: right; }
.status { min-width: 11rem; }
.age { white-space: nowrap; }
th.latest { background: var(--latest); }
th button { font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0;
  cursor: pointer; text-decoration: underline dotted; }
th[aria-sort=ascending] button::after { content: " ▲"; }
th[aria-sort=descending] button::after { content: " ▼"; }
tr[hidden] { display: none; }
.s-open { color: var(--open-fg); background: var(--open-bg); font-weight: 700; }
.s-carried { color: var(--carried-fg); background: var(--carried-bg); font-weight: 700; }
.s-done { color: var(--done-fg); background: var(--done-bg); }
.s-dropped { color: var(--dropped-fg); background: var(--dropped-bg); font-style: italic; }
td[class^=s-] a { color: inherit; white-space: nowrap; }
@media print {
  :root { --fg: #000; --bg: #fff; --muted: #333; --line: #555; --link: #000; --latest: #fff; }
  body { margin: 0; font-size: 10pt; }
  .filter { display: none; }
  a { text-decoration: none; }
  td[class^=s-] { background: none; color: #000; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  .scroll { overflow: visible; }
}
"""
