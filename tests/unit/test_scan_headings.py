"""Differential test: the line scanner's headings against mistune's block parse, on generated Markdown.

The documents mix what makes headings hard to read line by line: setext
underlines of ``=`` and ``-`` (pure, spaced, indented, and mixed as ``-=``),
ATX headings, lists, thematic breaks that look like underlines, fenced code
holding heading-like lines, blank lines or none between blocks, and front
matter. mistune (the project's configured parser, ``markdown/parser.py``) is
the one reference: its tokens, placed on their lines by the locator
(``parse_with_mistune``), are what the scanner must claim, heading for
heading (level, text, line), whenever it accepts a document.

Issue 20 found them apart on an underline mixing ``-`` and ``=``: mistune takes
``a`` / ``-=`` for a heading (level from the last character), the scanner read a
paragraph. The scanner now leaves such lines to mistune; that mistune differs
from CommonMark there is pinned by the xfail test at the end.

Under the ci profile the 200 documents are the same on every run (``derandomize``),
so CI stays stable; ``HYPOTHESIS_PROFILE=long`` draws 8,000 at random.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from compass_lint.markdown.document import Document, front_matter_span
from compass_lint.markdown.parse import parse_with_mistune
from compass_lint.markdown.parser import block_state, markdown
from compass_lint.markdown.scan import scan
from compass_lint.markdown.syntax import ATX_PREFIX

WORDS = ["Title", "Actions", "Notes", "a", "Next meeting", "3. Next actions (team)", "#5 issue", "`code`"]
UNDERLINES = [
    "===",
    "---",
    "=",
    "-",
    "==  ",
    "- -",
    "= =",
    " ===",
    "   ---",
    "    ===",
    "-=",
    "=-",
    "-=-",
    "=-=",
    "--==",
    "===\t",
]
BREAKS = ["***", "---", "___", "* * *", "- - -", " ---", "-----"]
ITEMS = ["- item", "* star", "+ plus", "1. one", "2. two", "  - nested", "-", "- # heading in an item", "- ---"]
CODE = ["# not a heading", "===", "---", "Title", "", "- not an item"]


def _words() -> st.SearchStrategy[str]:
    return st.sampled_from(WORDS)


def _atx() -> st.SearchStrategy[list[str]]:
    return st.builds(
        lambda indent, level, text, close: [f"{' ' * indent}{'#' * level} {text}{close}"],
        st.integers(0, 4),
        st.integers(1, 7),
        _words(),
        st.sampled_from(["", "", " #", " ##"]),
    )


def _setext() -> st.SearchStrategy[list[str]]:
    return st.builds(
        lambda lines, underline: [*lines, underline],
        st.lists(_words(), min_size=1, max_size=2),
        st.sampled_from(UNDERLINES),
    )


def _fenced() -> st.SearchStrategy[list[str]]:
    return st.builds(
        lambda fence, body, closed: [fence, *body, *([fence.strip()] if closed else [])],
        st.sampled_from(["```", "~~~", "  ```"]),
        st.lists(st.sampled_from(CODE), max_size=3),
        st.booleans(),
    )


BLOCKS = st.one_of(
    _atx(),
    _setext(),
    _fenced(),
    st.lists(st.sampled_from(ITEMS), min_size=1, max_size=3),
    st.sampled_from(BREAKS).map(lambda line: [line]),
    st.lists(_words(), min_size=1, max_size=2),
    st.just([""]),
)


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines: list[str] = []
    if draw(st.booleans()):
        lines += ["---", f"title: {draw(_words())}", "---"]
    for block in draw(st.lists(BLOCKS, max_size=10)):
        lines += block
        if draw(st.booleans()):
            lines.append("")  # else the next block follows at once: an underline may take it
    return "\n".join(lines) + "\n"


# Under the ci profile (50 examples a test): the same 200 documents on every run. Other profiles draw at random.
FIXED = os.environ.get("HYPOTHESIS_PROFILE", "ci") == "ci"
Heading = tuple[int, str, int]


def headings(document: Document) -> list[Heading]:
    """Every heading node, in document order (in lists and quotes too): level, text, line."""
    return [
        (node.level, node.text, node.line) for top in document.nodes for node in top.walk() if node.kind == "heading"
    ]


def mistune_headings(text: str) -> list[tuple[int, str]]:
    """The heading tokens of mistune's block parse itself (no locator): level and text, in order."""
    lines = text.split("\n")
    front = front_matter_span(lines)
    if front is not None:  # as parse_with_mistune does: front matter is blanked, not parsed
        text = "\n".join([""] * (front[1] + 1) + lines[front[1] + 1 :])
    state = block_state(text)
    markdown().block.parse(state)
    found: list[tuple[int, str]] = []

    def walk(tokens: list[dict[str, Any]]) -> None:
        for token in tokens:
            if token["type"] == "heading":
                found.append((int(token["attrs"]["level"]), str(token["text"]).strip()))
            walk(token.get("children") or [])

    walk(state.tokens)
    return found


def on_its_line(lines: list[str], heading: Heading) -> bool:
    """Whether the source line a heading is placed on holds it (an ATX line, or a setext text's first line)."""
    level, text, line = heading
    source = lines[line - 1].lstrip(" >-*+0123456789.)")
    first = text.split("\n", 1)[0]
    match = ATX_PREFIX.match(source.lstrip(" "))
    if match is not None and len(match.group("hashes")) == level:
        return first in source
    return source.strip().startswith(first)


@given(documents())
@settings(max_examples=4 * settings().max_examples, deadline=None, derandomize=FIXED)
@example("a\n-=\n")
@example("a\n=-\n---\n")
@example("---\ntitle: x\n---\nTitle\n===\n")
@example("- a\n-=\n")
@example("Title\n---\n# Next\n=-=\n")
def test_scanned_headings_are_mistunes(text: str) -> None:
    reference = parse_with_mistune(text)
    assert reference.unlocated == 0
    expected = headings(reference)
    # The locator keeps mistune's headings, and puts each on a line that holds it.
    assert [(level, heading) for level, heading, _ in expected] == mistune_headings(text)
    lines = text.split("\n")
    assert all(on_its_line(lines, heading) for heading in expected), expected
    scanned = scan(text)
    if scanned is not None:
        assert headings(scanned) == expected


@pytest.mark.parametrize(("underline", "level"), [("-=", 1), ("=-", 2), ("-=-", 2), ("=-=", 1)])
def test_a_mixed_underline_goes_to_mistune(underline: str, level: int) -> None:
    text = f"Title\n{underline}\n"
    assert scan(text) is None
    assert headings(parse_with_mistune(text)) == [(level, "Title", 1)]


@pytest.mark.xfail(
    strict=True,
    reason="mistune bug: its setext underline is (=|-)+, so a line mixing '=' and '-' underlines the paragraph"
    " above (level from the last character); CommonMark reads it as paragraph text. The scanner follows mistune.",
)
def test_a_mixed_underline_is_paragraph_text_as_in_commonmark() -> None:
    assert headings(parse_with_mistune("Title\n-=\n")) == []
