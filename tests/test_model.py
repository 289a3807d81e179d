"""The report model's shortcuts give what the full path gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compass_lint.document import Document
from compass_lint.model import _FIELD, _FIELD_SHAPE, _field_text, written_name

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
NO_LINKS = Document(lines=[], nodes=[])


def _full_name(raw: str) -> str:
    """The field name the model finds in the line's plain text ("" when none)."""
    match = _FIELD.match(_field_text(raw, NO_LINKS))
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
