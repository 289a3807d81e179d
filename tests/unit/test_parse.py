"""The parser layer: every block node gets its exact 1-based source line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from compass_lint.markdown.document import Document, Node
from compass_lint.markdown.parse import parse, parse_with_mistune
from compass_lint.markdown.source import SourceText, decode

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"

_MARKER_AT = re.compile(r"([-*+]|\d{1,9}[.)])(?=[ \t]|$)")
_FENCE = re.compile(r"^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(```|~~~)")


def location_problems(document: Document) -> list[str]:
    """Nodes whose line does not hold them (empty when every node is placed right)."""
    problems: list[str] = []
    lines = document.lines
    for node in document.walk():
        where = f"{node.kind} at {node.line}:{node.column}"
        if not 1 <= node.line <= len(lines):
            problems.append(f"{where}: line out of range 1..{len(lines)}")
            continue
        line = lines[node.line - 1]
        first = node.text.split("\n", 1)[0].strip()
        if node.kind == "code" and _FENCE.match(line):
            continue  # a fenced block sits on its opening fence; its text starts below
        if node.kind in ("heading", "paragraph", "html", "code") and first and first not in line:
            problems.append(f"{where}: {first!r} not in {line!r}")
        if node.kind == "list_item":
            if not _MARKER_AT.match(line, node.column - 1):
                problems.append(f"{where}: no list marker at column {node.column} of {line!r}")
            if node.text and first not in line:
                problems.append(f"{where}: {first!r} not in {line!r}")
        if node.kind == "quote" and ">" not in line[node.column - 1 :]:
            problems.append(f"{where}: no '>' in {line!r}")
        if node.kind == "heading" and node.level and not node.placeholder_underline:
            atx = re.match(r"^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(#{1,6})(?:[ \t]|$)", line)
            if atx is not None and len(atx.group(1)) != node.level:
                problems.append(f"{where}: level {node.level} heading on {line!r}")
    return problems


SAMPLE = """\
---
title: Harbor sync
tags: [meeting, monthly]
---

Harbor Sync Notes
=================

Agenda for the month
--------------------

<!-- Copy this block for each new meeting
# not a heading inside a comment
-->

:::info
**Date:** <time:2023-01-05T12:00:00-05:00>
:::

- Welcome from the chair [name=Chris]
    - Roll call
        1. Harbor team
        2. Dock team
- Minutes from last time [name=Ada] <time:2023-01-05T12:00:00-05:00>

> Quoted reminder from the wiki
> - the quoted bullet
>   - a quoted sub-bullet
>
> > a quote in a quote

```python
# not a heading
x = 1
```

~~~
## not a heading either
~~~

    # indented code, not a heading

1. First numbered point
2. Second numbered point
   with a lazy continuation line
- [ ] an open task
- [x] a finished task

| who | what |
|-----|------|
| Ada | docs |

## 1. Help or discussion needed
### 1.1 Open PRs
- 1.2 Open issues
  - nested under it

**2. Decisions needed**

Final paragraph with *emphasis*
spanning two lines.
"""


@pytest.fixture(scope="module")
def sample() -> Document:
    source = decode(SAMPLE.encode())
    assert isinstance(source, SourceText)
    return parse(source.text)


def _nodes(root: Document | Node, kind: str) -> list[Node]:
    return [node for node in root.walk() if node.kind == kind]


def _line_of(text: str) -> int:
    """The 1-based line of SAMPLE that starts with ``text`` (after indentation and quote marks)."""
    matches = [number for number, line in enumerate(SAMPLE.split("\n"), start=1) if line.lstrip(" >").startswith(text)]
    assert len(matches) == 1, (text, matches)
    return matches[0]


def test_sample_every_node_is_located(sample: Document) -> None:
    assert sample.unlocated == 0
    assert location_problems(sample) == []
    assert len(sample.walk()) > 40


def test_location_check_catches_a_wrong_line(sample: Document) -> None:
    heading = _nodes(sample, "heading")[0]
    item = _nodes(sample, "list_item")[0]
    heading.line += 1
    item.column += 2
    try:
        assert len(location_problems(sample)) == 2
    finally:
        heading.line -= 1
        item.column -= 2


def test_front_matter_is_skipped_but_counted(sample: Document) -> None:
    assert sample.front_matter == (0, 3)
    assert min(node.line for node in sample.walk()) == 6
    assert sample.lines[0] == "---"
    assert len(sample.lines) == SAMPLE.count("\n") + 1


def test_setext_headings(sample: Document) -> None:
    headings = [(h.text, h.line, h.level) for h in _nodes(sample, "heading")]
    assert headings[:2] == [("Harbor Sync Notes", 6, 1), ("Agenda for the month", 9, 2)]


def test_atx_headings(sample: Document) -> None:
    headings = [(h.text, h.line, h.level) for h in _nodes(sample, "heading")]
    assert headings[2:] == [
        ("1. Help or discussion needed", _line_of("## 1. Help"), 2),
        ("1.1 Open PRs", _line_of("### 1.1 Open PRs"), 3),
    ]


def test_nothing_in_code_or_comments_is_a_heading(sample: Document) -> None:
    texts = [h.text for h in _nodes(sample, "heading")]
    assert not any("not a heading" in text for text in texts)
    code = [(c.line, c.column) for c in _nodes(sample, "code")]
    tilde = _line_of("## not a heading either") - 1
    assert code == [(_line_of("```python"), 1), (tilde, 1), (_line_of("# indented code"), 5)]
    html = _nodes(sample, "html")
    assert [(h.line, h.end_line) for h in html] == [(_line_of("<!-- Copy"), _line_of("-->"))]


def test_hackmd_markup(sample: Document) -> None:
    paragraphs = {p.first_line_text: p.line for p in _nodes(sample, "paragraph")}
    assert paragraphs[":::info"] == _line_of(":::info")
    items = {i.first_line_text: (i.line, i.column) for i in _nodes(sample, "list_item")}
    assert items["Welcome from the chair [name=Chris]"] == (_line_of("- Welcome"), 1)
    minutes = "Minutes from last time [name=Ada] <time:2023-01-05T12:00:00-05:00>"
    assert items[minutes] == (_line_of("- Minutes"), 1)


def test_nested_list_items(sample: Document) -> None:
    items = {i.first_line_text: (i.line, i.column, i.marker) for i in _nodes(sample, "list_item")}
    assert items["Roll call"] == (_line_of("- Roll call"), 5, "-")
    assert items["Harbor team"] == (_line_of("1. Harbor team"), 9, "1.")
    assert items["Dock team"] == (_line_of("2. Dock team"), 9, "2.")
    assert items["Second numbered point"] == (_line_of("2. Second"), 1, "2.")
    assert items["[ ] an open task"] == (_line_of("- [ ] an open"), 1, "-")
    assert items["nested under it"] == (_line_of("- nested under it"), 3, "-")


def test_items_in_block_quotes(sample: Document) -> None:
    quotes = _nodes(sample, "quote")
    assert [q.line for q in quotes] == [_line_of("Quoted reminder"), _line_of("a quote in a quote")]
    assert quotes[1] in quotes[0].children
    items = {i.first_line_text: (i.line, i.column) for i in _nodes(quotes[0], "list_item")}
    assert items == {
        "the quoted bullet": (_line_of("- the quoted bullet"), 3),
        "a quoted sub-bullet": (_line_of("- a quoted sub-bullet"), 5),
    }


def test_paragraph_lines(sample: Document) -> None:
    paragraphs = {p.first_line_text: (p.line, p.end_line) for p in _nodes(sample, "paragraph")}
    assert paragraphs["Final paragraph with *emphasis*"] == (
        _line_of("Final paragraph"),
        _line_of("spanning two lines."),
    )
    assert paragraphs["**2. Decisions needed**"][0] == _line_of("**2. Decisions")
    assert paragraphs["| who | what |"][0] == _line_of("| who")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "# T\n- a\n- b\n",
            [
                ("heading", 1),
                ("list", 2),
                ("list_item", 2),
                ("paragraph", 2),
                ("list_item", 3),
                ("paragraph", 3),
            ],
        ),
        (
            "- a\n\n  - b\n",
            [
                ("list", 1),
                ("list_item", 1),
                ("paragraph", 1),
                ("list", 3),
                ("list_item", 3),
                ("paragraph", 3),
            ],
        ),
        ("- 1. x\n", [("list", 1), ("list_item", 1), ("list", 1), ("list_item", 1), ("paragraph", 1)]),
        ("x\n-\n", [("heading", 1)]),
        ("-\n-\n# T\n", [("list", 1), ("list_item", 1), ("list_item", 2), ("heading", 3)]),
        ("---\na: 1\n---\n# T\n", [("heading", 4)]),
        ("> # T\n>\n> text\n", [("quote", 1), ("heading", 1), ("paragraph", 3)]),
        ("same\n\nsame\n\nsame\n", [("paragraph", 1), ("paragraph", 3), ("paragraph", 5)]),
    ],
    ids=[
        "tight-list",
        "loose-nested",
        "item-in-item",
        "placeholder-underline",
        "empty-items",
        "front-matter",
        "heading-in-quote",
        "repeated-text",
    ],
)
def test_small_documents(text: str, expected: list[tuple[str, int]]) -> None:
    document = parse(text)
    assert [(node.kind, node.line) for node in document.walk()] == expected
    assert document.unlocated == 0
    assert location_problems(document) == []


@pytest.mark.parametrize(
    ("text", "expected", "labels"),
    [
        ("[#12]: https://example.org/12\n\n[#12]\n", [("paragraph", 3)], ["#12"]),
        ("- [a]: /u\n  [a]\n", [("list", 1), ("list_item", 1), ("paragraph", 2)], ["A"]),
        ("[a]:\n  /u\n  'title'\n[a]\n", [("paragraph", 4)], ["A"]),
        ("para\n[a]: /u\n", [("paragraph", 1)], []),  # after paragraph text: the paragraph's
    ],
    ids=["top-level", "in-an-item", "over-three-lines", "after-text"],
)
def test_mistune_path_skips_the_lines_of_link_definitions(
    text: str, expected: list[tuple[str, int]], labels: list[str]
) -> None:
    # mistune gives a definition no token; without one of ours the locator put the
    # paragraph "[#12]" on the definition's line.
    document = parse_with_mistune(text)
    assert [(node.kind, node.line) for node in document.walk()] == expected
    assert list(document.env["ref_links"]) == labels
    assert location_problems(document) == []


def test_placeholder_underline_is_flagged() -> None:
    (heading,) = parse("Items for the agenda\n-\n").nodes
    assert heading.kind == "heading"
    assert heading.placeholder_underline is True
    (real,) = parse("Agenda\n------\n").nodes
    assert real.placeholder_underline is False


@pytest.mark.corpus
def test_corpus_every_node_is_located() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS} (it lives next to the repository, in ../shared/corpus)")
    files = sorted(CORPUS.rglob("*.md"))
    assert len(files) > 800
    failures: list[str] = []
    for path in files:
        source = decode(path.read_bytes())
        if not isinstance(source, SourceText):
            failures.append(f"{path}: unreadable ({source.message})")
            continue
        document = parse(source.text)
        if document.unlocated:
            failures.append(f"{path}: {document.unlocated} nodes not located")
        failures.extend(f"{path}: {problem}" for problem in location_problems(document)[:3])
    assert failures == []
