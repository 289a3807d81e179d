"""The parsed report: block nodes with their 1-based source positions.

Built by ``compass_lint.markdown.parse`` (from mistune's tokens) or by
``compass_lint.markdown.scan`` (from the lines of a plain report); both give the same
nodes for the same text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Node:
    """A block element with its 1-based position in the source."""

    kind: str
    line: int
    column: int = 1
    end_line: int = 0
    text: str = ""
    level: int = 0
    ordered: bool = False
    marker: str = ""
    children: list[Node] = field(default_factory=list)
    # A setext heading underlined by a lone "-": in real reports that is an
    # empty placeholder bullet under an instruction line, not a section.
    placeholder_underline: bool = False

    def walk(self) -> list[Node]:
        """This node and all its descendants, in document order."""
        if not self.children:
            return [self]  # most nodes (paragraphs, headings): no stack to walk
        return _preorder([self])

    @property
    def first_line_text(self) -> str:
        """The node's own first source line of text (markdown, unrendered)."""
        return self.text.split("\n", 1)[0].strip()


@dataclass
class Document:
    """The parsed report: its lines, block nodes and what the locator missed."""

    lines: list[str]
    nodes: list[Node]
    front_matter: tuple[int, int] | None = None
    unlocated: int = 0
    env: dict[str, Any] = field(default_factory=dict)

    def walk(self) -> list[Node]:
        """Every node in document order."""
        return _preorder(self.nodes)


_FRONT_MATTER_END = ("---", "...")
_MAX_FRONT_MATTER_LINES = 500


def front_matter_span(lines: list[str]) -> tuple[int, int] | None:
    """0-based first and last line of a YAML front-matter block, if any (both parsers skip it)."""
    if not lines or lines[0].rstrip() != "---":
        return None
    for index in range(1, min(len(lines), _MAX_FRONT_MATTER_LINES)):
        if lines[index].rstrip() in _FRONT_MATTER_END:
            return (0, index)
    return None


def _preorder(nodes: list[Node]) -> list[Node]:
    # A stack, not recursion: a report has thousands of nodes, and deep ones.
    out: list[Node] = []
    stack = nodes[::-1]
    while stack:
        node = stack.pop()
        out.append(node)
        if node.children:
            stack.extend(reversed(node.children))
    return out
