"""The action timeline page (``compass-lint actions --format html``): table semantics, escaping,
counts, self-containment; and on the real corpus (the browser tests are in tests/integration)."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from pathlib import Path

import pytest
from timeline_page import (
    DONE,
    ENTITY,
    MONTHS,
    NAMES,
    NEW,
    SHOWN,
    STALE,
    body_rows,
    counts,
    occurrence_cells,
    parse_page,
    render_cli,
    report_cells,
    row_of,
    series_tables,
    write_report,
)

from compass_lint.core.settings import Config
from compass_lint.engine.context import schema_for
from compass_lint.markdown.inline import plain_text
from compass_lint.reporters.timeline import LABELS, render_timeline
from compass_lint.series.history import History
from compass_lint.series.timeline import SeriesActions

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


def line_of(path: Path, item: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(f"- {item}"))


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The three monthly reports in ``tmp_path/reports``; the current folder is ``tmp_path``."""
    folder = tmp_path / "reports"
    folder.mkdir()
    monkeypatch.chdir(tmp_path)
    return [write_report(folder, month) for month in MONTHS]


def tracked(paths: list[Path]) -> SeriesActions:
    config = Config()
    history = History(config, lambda p: schema_for(p, config).outline)
    return history.timeline(paths[-1]).so_far()


def test_table_semantics(reports: list[Path], tmp_path: Path) -> None:
    page = parse_page(render_cli(reports[0].parent, tmp_path / "actions.html"))
    assert next(page.iter("html")).attrs.get("lang") == "en"
    [table] = series_tables(page)
    [caption] = table.elements("caption")
    assert "3 reports" in caption.text
    [thead] = table.elements("thead")
    heads = list(thead.iter("th"))
    assert all(th.attrs.get("scope") == "col" for th in heads)
    report_heads = [th for th in heads if list(th.iter("a"))]
    assert [th.text for th in report_heads] == NAMES[::-1]  # one column per report, the newest first
    assert [next(th.iter("a")).attrs["href"] for th in report_heads] == [f"reports/{n}" for n in NAMES[::-1]]
    rows = body_rows(page)
    assert [r.elements("th")[0].attrs.get("scope") for r in rows] == ["row"] * 4
    # Open first, oldest first; then completed and dropped.
    assert [r.elements("th")[0].text for r in rows] == [STALE, NEW, DONE + " DONE", SHOWN]
    assert all(len(r.elements("td")) == len(heads) - 1 for r in rows)
    label = next(page.iter("label"))
    search = next(page.iter("input"))
    assert search.attrs["type"] == "search" and label.attrs["for"] == search.attrs["id"]


def test_cells_show_the_state_in_each_report(reports: list[Path], tmp_path: Path) -> None:
    page = parse_page(render_cli(reports[0].parent, tmp_path / "actions.html"))

    stale_cells = occurrence_cells(row_of(page, STALE), 3)
    assert [next(c.iter("a")).text for c in stale_cells] == [*[LABELS["carried"]] * 2, LABELS["open"]]
    assert [next(c.iter("a")).attrs["href"] for c in stale_cells] == [
        f"reports/{p.name}#L{line_of(p, STALE)}" for p in reports[::-1]
    ]
    title = next(stale_cells[-1].iter("a")).attrs["title"] or ""
    assert STALE in title and "Priya" in title
    done = report_cells(row_of(page, DONE + " DONE"), 3)
    assert [bool(list(c.iter("a"))) for c in done] == [False, True, True]
    assert [c.text[: len(LABELS["open"])] for c in done] == ["", LABELS["done"], LABELS["open"]]
    new = report_cells(row_of(page, NEW), 3)
    assert [c.text[: len(LABELS["open"])] for c in new] == [LABELS["open"], "", ""]
    dropped = report_cells(row_of(page, SHOWN), 3)
    assert LABELS["open"] in dropped[2].text and dropped[1].text == LABELS["dropped"] and not dropped[0].text
    assert not list(dropped[1].iter("a"))  # no occurrence there: nothing to link to
    statuses = [row_of(page, t).elements("td")[1].text for t in (STALE, DONE + " DONE", SHOWN)]
    assert statuses == [
        "open since 2026-01-30.md, carried 2×",
        "completed in 2026-02-27.md",
        "dropped in 2026-02-27.md",
    ]


def test_counts(reports: list[Path], tmp_path: Path) -> None:
    page = parse_page(render_cli(reports[0].parent, tmp_path / "actions.html"))
    assert counts(page) == {"open": 2, "stale": 1, "completed": 0}
    # Up to February, the rotation was completed in the latest report.
    two = parse_page(render_timeline([tracked(reports[:2])]))
    assert counts(two) == {"open": 1, "stale": 1, "completed": 1}
    assert len(body_rows(two)) == 3
    only_open = parse_page(render_cli(reports[0].parent, tmp_path / "open.html", "--open"))
    assert [r.elements("th")[0].text for r in body_rows(only_open)] == [STALE, NEW]


def test_report_text_is_escaped(reports: list[Path], tmp_path: Path) -> None:
    text = render_cli(reports[0].parent, tmp_path / "actions.html")
    page = parse_page(text)
    assert not list(page.iter("img"))
    [script] = page.iter("script")
    assert "getElementById" in script.text and "alert" not in script.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; and &quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in text
    for node in page.iter():
        assert not [a for a in node.attrs if a.startswith("on")], node.tag
    row = row_of(page, SHOWN)  # the text round-trips: escaped, not dropped
    assert (row.attrs["data-filter"] or "").endswith(SHOWN.lower()) and SHOWN in (
        next(row.iter("a")).attrs["title"] or ""
    )


def test_entity_escaped_markup_stays_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "reports"
    folder.mkdir()
    write_report(folder, (*MONTHS[0][:4], [STALE, ENTITY]))
    write_report(folder, (*MONTHS[1][:4], [STALE]))
    page = parse_page(render_cli(folder, tmp_path / "actions.html"))
    assert not list(page.iter("img"))
    shown = " ".join(plain_text(ENTITY).split())  # what the report shows, whether entities are decoded or not
    assert "img src=x" in row_of(page, shown).elements("th")[0].text


def test_hostile_file_name_is_escaped_and_encoded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "reports"
    folder.mkdir()
    write_report(folder, MONTHS[0])
    write_report(folder, MONTHS[1], 'javascript:alert(1) "><img src=x onerror=alert(1)>.md')
    page = parse_page(render_cli(folder, tmp_path / "actions.html"))
    assert not list(page.iter("img"))
    hrefs = [a.attrs["href"] or "" for a in page.iter("a")]
    assert "reports/javascript%3Aalert%281%29%20%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.md" in hrefs
    assert not [h for h in hrefs if ":" in h]


def test_page_is_self_contained(reports: list[Path], tmp_path: Path) -> None:
    text = render_cli(reports[0].parent, tmp_path / "actions.html")
    page = parse_page(text)
    assert not list(page.iter("link")) and not list(page.iter("img")) and not list(page.iter("iframe"))
    for node in page.iter():
        for name in ("src", "href"):
            assert not re.match(r"(?i)\s*(https?:)?//", node.attrs.get(name) or ""), (node.tag, node.attrs)
    [style] = page.iter("style")
    assert "url(" not in style.text and "@import" not in style.text
    assert "@media print" in style.text and "@media (prefers-color-scheme: dark)" in style.text
    # The policy allows exactly the inline script: a wrong hash would silently disable the filter.
    [script] = page.iter("script")
    [policy] = [m.attrs["content"] or "" for m in page.iter("meta") if m.attrs.get("http-equiv")]
    digest = base64.b64encode(hashlib.sha256(script.text.encode()).digest()).decode()
    assert "default-src 'none'" in policy and f"script-src 'sha256-{digest}'" in policy


def test_no_series() -> None:
    page = parse_page(render_timeline([]))
    assert counts(page) == {"open": 0, "stale": 0, "completed": 0}
    assert not list(page.iter("table"))


# --- The real corpus ---------------------------------------------------------------------------------


@pytest.mark.corpus
def test_corpus_timeline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = CORPUS / "team-compass" / "weekly-reports"
    if not source.is_dir():
        pytest.skip(f"corpus not found at {CORPUS} (it lives next to the repository, in ../shared/corpus)")
    folder = tmp_path / "weekly-reports"
    folder.mkdir()
    for report in sorted(source.glob("*.md")):
        if not re.search(r"-rev\d+\.md$", report.name):
            shutil.copyfile(report, folder / report.name)
    monkeypatch.chdir(tmp_path)
    page = parse_page(render_cli(folder, tmp_path / "actions.html"))
    names = [th.text for th in page.iter("th") if th.attrs.get("scope") == "col" and list(th.iter("a"))]
    assert names == sorted((p.name for p in folder.glob("*.md")), reverse=True)
    row = row_of(page, "Please add yourself to the Team Organization list")
    cells = dict(zip(names, report_cells(row, len(names)), strict=True))
    span = [n for n in names if "2017-12-17" <= n[:10] <= "2018-01-26"]
    assert len(span) == 3
    for name in names:
        linked = bool(list(cells[name].iter("a")))
        assert linked == (name in span), name
        if linked:
            assert (next(cells[name].iter("a")).attrs["href"] or "").startswith(f"weekly-reports/{name}#L")
