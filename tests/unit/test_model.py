"""The report model's shortcuts give what the full path gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compass_lint.markdown.document import Document, Node
from compass_lint.model.fields import _FIELD_SHAPE, FIELD_LINE, _field_text, written_name

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
NO_LINKS = Document(lines=[], nodes=[])


def _full_name(raw: str) -> str:
    """The field name the model finds in the line's plain text ("" when none)."""
    match = FIELD_LINE.match(_field_text(raw, NO_LINKS))
    return " ".join(match.group("name").split()) if match else ""


def _field_shaped_lines(*roots: Path) -> list[str]:
    lines = {
        line
        for root in roots
        for path in sorted(root.rglob("*.md"))
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()[:100]
        if _FIELD_SHAPE.match(line)
    }
    return sorted(lines)


def _agrees(raw: str) -> None:
    early = written_name(raw)
    if early is not None:
        assert early == _full_name(raw), raw


def test_field_names_read_without_parsing_match_the_parsed_ones() -> None:
    lines = _field_shaped_lines(ROOT / "fixtures", ROOT / "examples")
    shortcut = [line for line in lines if written_name(line) is not None]
    assert len(shortcut) > 50, "most field lines take the shortcut"
    for line in lines:
        _agrees(line)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent (real reports are not in the repo)")
def test_field_names_on_the_real_corpus() -> None:
    for line in _field_shaped_lines(CORPUS):
        _agrees(line)


PIECES = st.sampled_from(
    ["Opening Date", "Next meeting", "deps", " ", "  ", ":", "**", "*", "_", "[a](b)", "<https://x.org>", "&amp;",
     "\\:", "`c`", "~~s~~", "\xa0", "2026-01-30", "name=Luke", "(x)", "'", "/", "é", "a" * 45, "-",
     "[#53](https://github.com/o/r/pull/53)", "](", ")", "(", "<a href='x:y'>", "&#58;", "[t][r]", "\\]"]
)  # fmt: skip


@given(st.lists(PIECES, min_size=1, max_size=8).map("".join))
def test_field_names_on_generated_lines(raw: str) -> None:
    _agrees(raw)


MARKER_PIECES = [
    "",
    "# Title",
    "## 3. Next actions (team)",
    "- an item",
    "  - a nested item",
    "> a quote",
    "text",
    "**Do not edit below**",
    "- **do not edit below** (in an item)",
    "> Do not edit below, quoted",
    "  Do not edit below, lazy",
    "## Do not edit below",
    "```",
    "<!-- do not edit below -->",
    "Setext",
    "---",
]


def _first_marker_paragraph_by_walking_everything(nodes: list[Node]) -> int | None:
    for node in nodes:
        if node.kind == "paragraph":
            if "do not edit below" in node.text.lower():
                return node.line
        elif node.children:
            found = _first_marker_paragraph_by_walking_everything(node.children)
            if found is not None:
                return found
    return None


@given(st.lists(st.sampled_from(MARKER_PIECES), max_size=30))
def test_the_template_marker_search_skips_only_blocks_that_cannot_hold_it(lines: list[str]) -> None:
    # _marker_paragraph passes over blocks that end before the marker's first source line.
    from compass_lint.markdown.parse import parse
    from compass_lint.model.report import _marker_paragraph

    document = parse("\n".join(lines) + "\n")
    source = "\n".join(document.lines)
    start = source.lower().find("do not edit below")
    expected = _first_marker_paragraph_by_walking_everything(document.nodes)
    if start < 0:
        assert expected is None
        return
    assert _marker_paragraph(document.nodes, source.count("\n", 0, start) + 1) == expected
