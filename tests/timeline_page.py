"""Shared by the timeline tests (tests/unit/test_timeline.py, tests/integration/test_timeline_browser.py):
the three-month demo series they render, and a small HTML tree to query the rendered page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from builders import run_cli

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "fixtures" / "demo" / "2026-01-30.md"

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


def series_tables(page: Node) -> list[Node]:
    """The tables of the series (captioned), not the owner summary."""
    return [table for table in page.iter("table") if table.elements("caption")]


def body_rows(page: Node) -> list[Node]:
    return [row for table in series_tables(page) for tbody in table.elements("tbody") for row in tbody.elements("tr")]


def row_of(page: Node, text: str) -> Node:
    found = [r for r in body_rows(page) if r.elements("th") and r.elements("th")[0].text.strip() == text]
    assert len(found) == 1, f"{len(found)} rows for {text!r}"
    return found[0]


def report_cells(row: Node, reports: int) -> list[Node]:
    """The cells of the report columns (the last ``reports`` cells of the row), the newest first."""
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


def render_cli(folder: Path, out: Path, *extra: str) -> str:
    assert run_cli("actions", "--format", "html", *extra, "-o", str(out), str(folder)).code == 0
    return out.read_text(encoding="utf-8")
