"""The action timeline page (``compass-lint actions --format html``): table semantics, escaping,
counts, self-containment; in headless Chromium when it is installed; and on the real corpus."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from compass_lint.cli.main import main
from compass_lint.core.settings import Config
from compass_lint.engine.runner import schema_for
from compass_lint.markdown.inline import plain_text
from compass_lint.reporters.timeline import LABELS, render_timeline
from compass_lint.series.history import History
from compass_lint.series.tracker import SeriesActions, track

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "fixtures" / "demo" / "2026-01-30.md"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
ARTIFACTS = ROOT / "test-artifacts"

STALE = "Write the contributor onboarding guide (Priya)"
DONE = "Rotate the signing keys before the release (Sam)"
NEW = "Draft the spring release announcement (Lee)"
# Markup in code spans: shown as text, so it reaches the page and must be escaped there.
HOSTILE = 'Review `<script>alert(1)</script>` and `"><img src=x onerror=alert(1)>` (Mallory)'
SHOWN = 'Review <script>alert(1)</script> and "><img src=x onerror=alert(1)> (Mallory)'
# An entity-escaped tag: its visible text is a tag too.
ENTITY = "Check &lt;img src=x onerror=alert(2)&gt; first (Mallory)"
# (opening date, closing date, next meeting, file name, items of section 3)
MONTHS = [
    ("01 Jan 2026", "30 Jan 2026", "February 5, 2026", "2026-01-30.md", [STALE, DONE, HOSTILE]),
    ("31 Jan 2026", "27 Feb 2026", "March 5, 2026", "2026-02-27.md", [STALE, DONE + " **DONE**"]),
    ("28 Feb 2026", "27 Mar 2026", "April 2, 2026", "2026-03-27.md", [STALE, NEW]),
]
NAMES = [m[3] for m in MONTHS]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    """An element of a parsed page: tag, attributes, children (elements and text)."""

    def __init__(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.tag, self.attrs = tag, attrs
        self.children: list[Node | str] = []

    def iter(self, tag: str | None = None) -> Iterator[Node]:
        if tag is None or self.tag == tag:
            yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter(tag)

    def elements(self, tag: str) -> list[Node]:
        """Direct child elements with this tag."""
        return [c for c in self.children if isinstance(c, Node) and c.tag == tag]

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if any(n.tag == tag for n in self.stack[1:]):
            while self.stack.pop().tag != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_page(text: str) -> Node:
    builder = TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def body_rows(page: Node) -> list[Node]:
    return [row for tbody in page.iter("tbody") for row in tbody.elements("tr")]


def row_of(page: Node, text: str) -> Node:
    found = [r for r in body_rows(page) if r.elements("th") and r.elements("th")[0].text.strip() == text]
    assert len(found) == 1, f"{len(found)} rows for {text!r}"
    return found[0]


def report_cells(row: Node, reports: int) -> list[Node]:
    """The cells of the report columns (the last ``reports`` cells of the row)."""
    cells = row.elements("td")
    return cells[len(cells) - reports :]


def occurrence_cells(row: Node, reports: int) -> list[Node]:
    return [c for c in report_cells(row, reports) if list(c.iter("a"))]


def counts(page: Node) -> dict[str, int]:
    return {n.attrs["data-count"] or "": int(n.text) for n in page.iter("strong") if "data-count" in n.attrs}


def write_report(folder: Path, month: tuple[str, str, str, str, list[str]], name: str | None = None) -> Path:
    """The demo January report with this month's dates and section-3 items."""
    opening, closing, meeting, file_name, items = month
    text = TEMPLATE.read_text(encoding="utf-8")
    replaced = (
        text.replace("Opening Date: 01 Jan 2026", f"Opening Date: {opening}")
        .replace("Closing Date: 30 Jan 2026", f"Closing Date: {closing}")
        .replace("February 5, 2026", meeting)
    )
    replaced, found = re.subn(
        r"(## 3\. Next actions \(team\)\n\n).*?(\n\n---)",
        lambda m: m.group(1) + "\n".join(f"- {i}" for i in items) + m.group(2),
        replaced,
        flags=re.S,
    )
    assert found == 1 and replaced.count(opening) == 1, "the demo report changed shape"
    path = folder / (name or file_name)
    path.write_text(replaced, encoding="utf-8")
    return path


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


def render_cli(folder: Path, out: Path, *extra: str) -> str:
    assert main(["actions", "--format", "html", *extra, "-o", str(out), str(folder)]) == 0
    return out.read_text(encoding="utf-8")


def tracked(paths: list[Path]) -> SeriesActions:
    config = Config()
    history = History(config, lambda p: schema_for(p, config).outline)
    return track(history, history.members(paths[0])[: len(paths)])


def test_table_semantics(reports: list[Path], tmp_path: Path) -> None:
    page = parse_page(render_cli(reports[0].parent, tmp_path / "actions.html"))
    assert next(page.iter("html")).attrs.get("lang") == "en"
    [table] = page.iter("table")
    [caption] = table.elements("caption")
    assert "3 reports" in caption.text
    [thead] = table.elements("thead")
    heads = list(thead.iter("th"))
    assert all(th.attrs.get("scope") == "col" for th in heads)
    report_heads = [th for th in heads if list(th.iter("a"))]
    assert [th.text for th in report_heads] == NAMES  # one column per report, in date order
    assert [next(th.iter("a")).attrs["href"] for th in report_heads] == [f"reports/{n}" for n in NAMES]
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
    assert [next(c.iter("a")).text for c in stale_cells] == [LABELS["open"], *[LABELS["carried"]] * 2]
    assert [next(c.iter("a")).attrs["href"] for c in stale_cells] == [
        f"reports/{p.name}#L{line_of(p, STALE)}" for p in reports
    ]
    title = next(stale_cells[0].iter("a")).attrs["title"] or ""
    assert STALE in title and "Priya" in title
    done = report_cells(row_of(page, DONE + " DONE"), 3)
    assert [bool(list(c.iter("a"))) for c in done] == [True, True, False]
    assert [c.text[: len(LABELS["open"])] for c in done] == [LABELS["open"], LABELS["done"], ""]
    new = report_cells(row_of(page, NEW), 3)
    assert [c.text[: len(LABELS["open"])] for c in new] == ["", "", LABELS["open"]]
    dropped = report_cells(row_of(page, SHOWN), 3)
    assert LABELS["open"] in dropped[0].text and dropped[1].text == LABELS["dropped"] and not dropped[2].text
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


# --- In a real browser (headless Chromium) --------------------------------------------------------


@pytest.fixture
def chromium() -> str:
    found = shutil.which("chromium")
    if found is None:
        pytest.skip("chromium not installed (apt-get install chromium; .ci/run installs it on CI)")
    return found


def run_chromium(binary: str, tmp_path: Path, *args: str) -> str:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
    ]
    done = subprocess.run([binary, *flags, *args], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture
def page_file(reports: list[Path], tmp_path: Path) -> Path:
    out = tmp_path / "actions.html"
    render_cli(reports[0].parent, out)
    return out


@pytest.mark.slow
def test_browser_screenshot(chromium: str, page_file: Path, tmp_path: Path) -> None:
    shots = {}
    for name, extra in {"timeline.png": [], "timeline-dark.png": ["--force-dark-mode"]}.items():
        shot = tmp_path / name
        run_chromium(chromium, tmp_path, *extra, f"--screenshot={shot}", "--window-size=1280,900", page_file.as_uri())
        assert shot.is_file() and shot.stat().st_size > 5000, name
        ARTIFACTS.mkdir(exist_ok=True)
        shutil.copyfile(shot, ARTIFACTS / name)
        shots[name] = shot.read_bytes()
    assert shots["timeline.png"] != shots["timeline-dark.png"]


@pytest.mark.slow
def test_browser_dom(chromium: str, page_file: Path, tmp_path: Path) -> None:
    dom = run_chromium(chromium, tmp_path, "--virtual-time-budget=2000", "--dump-dom", page_file.as_uri())
    page = parse_page(dom)
    assert len(occurrence_cells(row_of(page, STALE), 3)) == 3
    done = row_of(page, DONE + " DONE")
    assert "row-completed" in (done.attrs["class"] or "")
    assert [c.attrs.get("class") for c in report_cells(done, 3)] == ["s-open", "s-done", None]
    assert not list(page.iter("img")) and len(list(page.iter("script"))) == 1
    assert not [r for r in body_rows(page) if "hidden" in r.attrs]  # no query: every row shown


@pytest.mark.slow
@pytest.mark.parametrize(("query", "shown"), [("Priya", STALE), ("lee", NEW), ("rotate signing", DONE + " DONE")])
def test_browser_filter(chromium: str, page_file: Path, tmp_path: Path, query: str, shown: str) -> None:
    url = page_file.as_uri() + "?q=" + query.replace(" ", "+")
    page = parse_page(run_chromium(chromium, tmp_path, "--virtual-time-budget=2000", "--dump-dom", url))
    visible = [r.elements("th")[0].text for r in body_rows(page) if "hidden" not in r.attrs]
    assert visible == [shown]
    assert next(n for n in page.iter("span") if n.attrs.get("id") == "filter-status").text == "1 of 4 actions shown"


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
    assert names == sorted(p.name for p in folder.glob("*.md"))
    row = row_of(page, "Please add yourself to the Team Organization list")
    cells = dict(zip(names, report_cells(row, len(names)), strict=True))
    span = [n for n in names if "2017-12-17" <= n[:10] <= "2018-01-26"]
    assert len(span) == 3
    for name in names:
        linked = bool(list(cells[name].iter("a")))
        assert linked == (name in span), name
        if linked:
            assert (next(cells[name].iter("a")).attrs["href"] or "").startswith(f"weekly-reports/{name}#L")
