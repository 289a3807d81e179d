"""Parsing: mistune 3's block tokens, given exact source positions.

This module and ``compass_lint.markdown.inline`` are the only ones that touch
mistune's token dicts. mistune's AST has
no line numbers, so after a block-level parse we walk the tokens in document
order and locate each one in the source lines with a cursor that only moves
forward: a token starts on the first line at or after the cursor whose text,
stripped of container prefixes (``>`` and list markers), begins with the
token's own first line. After a leaf (heading, paragraph, code) the cursor
skips the lines the leaf consumed, so a later token can never be pinned to an
earlier element's text. Only block-level parsing runs here (about twice as fast
as the full AST); inline parsing is done on demand, by ``compass_lint.markdown.inline``,
for the few texts the checks need (headings, fields, action items).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from itertools import chain
from typing import Any

from compass_lint.markdown.document import Document, Node, front_matter_span
from compass_lint.markdown.parser import DEFINITION, block_state, markdown
from compass_lint.markdown.scan import scan
from compass_lint.markdown.syntax import ATX_PREFIX, LIST_MARKER

# Container prefixes: block-quote markers and list markers (followed by space).
_CONTAINER_PREFIX = re.compile(rf"^(?:[ \t]*(?:>|(?:{LIST_MARKER})(?=[ \t]|$)))*[ \t]*")
_LIST_MARKER_LINE = re.compile(rf"^(?:[ \t]*>)*[ \t]*(?:{LIST_MARKER})(?:[ \t]|$)")
_QUOTE_LINE = re.compile(rf"^[ \t]*(?:(?:{LIST_MARKER})[ \t]+)*>")
_MARKERS = re.compile(rf"({LIST_MARKER})(?=[ \t]|$)")


def parse(text: str) -> Document:
    """Parse normalised report text into located block nodes.

    Plain reports are read by the line scanner of ``compass_lint.markdown.scan``;
    anything it does not handle goes to mistune.
    """
    if os.environ.get("COMPASS_LINT_NO_SCAN") != "1":
        scanned = scan(text)
        if scanned is not None:
            return scanned
    return parse_with_mistune(text)


def parse_with_mistune(text: str) -> Document:
    """Parse with mistune's block parser and locate every token in the source."""
    lines = text.split("\n")
    front = front_matter_span(lines)
    if front is not None:
        # Blank the front matter so mistune does not read it as a thematic break
        # and a setext heading, while every later line keeps its number.
        lines_for_parse = [""] * (front[1] + 1) + lines[front[1] + 1 :]
        text = "\n".join(lines_for_parse)
    state = block_state(text if text.endswith("\n") else text + "\n")
    markdown().block.parse(state)
    locator = _Locator(lines, start=0 if front is None else front[1] + 1)
    nodes = locator.convert_all(state.tokens)
    env = {"ref_links": dict(state.env.get("ref_links", {}))}
    return Document(lines=lines, nodes=nodes, front_matter=front, unlocated=locator.misses, env=env)


def _count_lines(text: str) -> int:
    return text.rstrip("\n").count("\n") + 1


class _Locator:
    """Turns mistune tokens into Nodes, finding each token's line."""

    def __init__(self, lines: list[str], start: int) -> None:
        self.lines = lines
        self.pos = start
        self.misses = 0
        # Line and column of the last list marker used: an item nested on the
        # same line (``- 1. text``) takes the next marker to the right.
        self.last_marker = (-1, -1)

    def convert_all(self, tokens: list[dict[str, Any]]) -> list[Node]:
        nodes: list[Node] = []
        for token in tokens:
            node = self.convert(token)
            if node is not None:
                nodes.append(node)
        return nodes

    def convert(self, token: dict[str, Any]) -> Node | None:
        kind = token["type"]
        if kind == "blank_line":
            return None
        if kind == "heading":
            return self._heading(token)
        if kind in ("paragraph", "block_text"):
            return self._leaf("paragraph", token["text"])
        if kind == "block_code":
            return self._code(token)
        if kind == "block_html":
            return self._leaf("html", token["raw"])
        if kind == "thematic_break":
            return self._thematic_break()
        if kind == DEFINITION:
            self._leaf("definition", token["raw"])  # only moves the cursor past its lines
            return None
        if kind == "block_quote":
            anchor = _anchor(token)
            line = self._find(lambda content, raw: bool(_QUOTE_LINE.match(raw)) and _starts_with(content, anchor))
            node = Node("quote", line + 1, column=self._column(line, ">"))
            node.children = self.convert_all(token.get("children", []))
            return self._close(node)
        if kind == "list":
            children = [self._list_item(item, token) for item in token.get("children", [])]
            first = children[0] if children else None
            node = Node("list", first.line if first else self.pos + 1, children=children)
            node.ordered = bool(token.get("attrs", {}).get("ordered"))
            return self._close(node)
        # Unknown token types (plugins) are kept as positionless leaves at the cursor.
        return Node(kind, min(self.pos, len(self.lines) - 1) + 1, end_line=self.pos + 1)

    def _close(self, node: Node) -> Node:
        ends = [child.end_line for child in node.children]
        node.end_line = max([node.line, *ends])
        return node

    def _find(self, predicate: Callable[[str, str], bool], needle: str | None = None) -> int:
        """0-based index of the first line at or after the cursor that matches.

        When nothing matches, the first line containing ``needle`` is taken;
        failing that the cursor line, and the miss is counted (tests assert
        there are none on the real corpus).
        """
        # mistune occasionally emits a block out of document order (a block
        # quote that interrupts a list item is inserted before a later list),
        # so after the forward scan the lines before the cursor are tried too.
        count = len(self.lines)
        cursor = min(self.pos, count)
        for index in chain(range(cursor, count), range(0, cursor)):
            raw = self.lines[index]
            if predicate(_CONTAINER_PREFIX.sub("", raw, count=1), raw):
                return index
        if needle:
            for index in range(cursor, count):
                if needle in self.lines[index]:
                    return index
        self.misses += 1
        return min(self.pos, len(self.lines) - 1)

    def _column(self, index: int, needle: str) -> int:
        found = self.lines[index].find(needle)
        return found + 1 if found >= 0 else 1

    def _heading(self, token: dict[str, Any]) -> Node:
        text: str = token["text"]
        first = text.split("\n", 1)[0].strip()
        level = int(token["attrs"]["level"])
        if token.get("style") == "setext":
            index = self._find(lambda content, raw: content.strip().startswith(first))
            self.pos = index + _count_lines(text) + 1
            end = self.pos
            underline = self.lines[end - 1].strip() if end - 1 < len(self.lines) else ""
            placeholder = underline == "-"
        else:

            def is_atx(content: str, raw: str) -> bool:
                # content: the line after its container markers and indentation.
                match = ATX_PREFIX.match(content)
                if match is None:
                    return False
                return len(match.group("hashes")) == level and content[match.end() :].startswith(first)

            index = self._find(is_atx)
            self.pos = index + 1
            end = index + 1
            placeholder = False
        column = self._column(index, "#") if token.get("style") != "setext" else 1
        return Node(
            "heading",
            index + 1,
            column=column,
            end_line=end,
            text=text.strip(),
            level=level,
            placeholder_underline=placeholder,
        )

    def _leaf(self, kind: str, text: str) -> Node:
        first = text.split("\n", 1)[0].strip()
        index = self._find(lambda content, raw: content.strip().startswith(first), first)
        self.pos = index + _count_lines(text)
        column = max(self.lines[index].find(first), 0) + 1 if first else 1
        return Node(kind, index + 1, column=column, end_line=self.pos, text=text)

    def _code(self, token: dict[str, Any]) -> Node:
        raw: str = token.get("raw", "")
        if token.get("style") == "fenced":
            marker = str(token.get("marker", "```"))[:3]
            index = self._find(lambda content, line: content.lstrip().startswith(marker))
            # Every code line ends in "\n", blank ones included (_count_lines would drop
            # trailing blank lines and put the cursor inside the block).
            self.pos = index + 1 + raw.count("\n") + (0 if raw.endswith("\n") or not raw else 1)
            if self.pos < len(self.lines) and self.lines[self.pos].strip().startswith(marker):
                self.pos += 1
            return Node("code", index + 1, end_line=self.pos, text=raw)
        return self._leaf("code", raw)

    def _thematic_break(self) -> Node:
        # Not THEMATIC_BREAK: the raw line, quote markers and any indentation before the break included.
        index = self._find(lambda content, raw: bool(re.match(r"^[ \t>]*([-*_])([ \t]*\1){2,}[ \t]*$", raw)))
        self.pos = index + 1
        return Node("rule", index + 1, end_line=index + 1)

    def _list_item(self, token: dict[str, Any], parent: dict[str, Any]) -> Node:
        anchor = _anchor(token)

        def is_item(content: str, raw: str) -> bool:
            return bool(_LIST_MARKER_LINE.match(raw)) and (not content.strip() or _starts_with(content, anchor))

        index = self._find(is_item)
        self.pos = index
        # A nested item on the same line ("10. - d") has its marker after the end of
        # the outer one (searching from the outer marker's second character found "0.").
        after = self.last_marker[1] if self.last_marker[0] == index else 0
        match = _MARKERS.search(self.lines[index], after)
        marker = match.group(1) if match else ""
        column = match.start(1) + 1 if match else 1
        self.last_marker = (index, match.end(1) if match else 1)
        node = Node("list_item", index + 1, column=column, marker=marker)
        node.ordered = bool(parent.get("attrs", {}).get("ordered"))
        node.children = self.convert_all(token.get("children", []))
        own = node.children[0] if node.children else None
        if own is not None and own.kind == "paragraph" and own.line == node.line:
            node.text = own.text
        if not node.children:
            self.pos = index + 1
        return self._close(node)


def _starts_with(content: str, anchor: str) -> bool:
    """Whether a line's content begins with ``anchor``, heading marks allowed.

    Past mistune's nesting limit the innermost text keeps its remaining
    container markers (``> x``), which the line's content has lost.
    """
    stripped = content.strip()
    if stripped.startswith(anchor) or stripped.lstrip("#").lstrip().startswith(anchor):
        return True
    bare = _CONTAINER_PREFIX.sub("", anchor, count=1).strip()
    return bool(bare) and bare != anchor and stripped.startswith(bare)


def _anchor(token: dict[str, Any]) -> str:
    """The first line of text of a token's first leaf: what its line must show."""
    if token["type"] == "blank_line":
        return ""
    text = token.get("text", token.get("raw"))
    if isinstance(text, str):
        return text.split("\n", 1)[0].strip()
    for child in token.get("children", []):
        found = _anchor(child)
        if found:
            return found
    return ""
