"""Action items: which list items of an actions section are actions, and what sits around them.

An actions section's items are the top-level items of its lists (with
``"x-actions": "linked"``, also nested items that link an issue or pull
request). A top-level item that only labels nested items is a *group header*,
not an action. Each item keeps the direct replies nested under it (status
notes such as ``* Done``) and the titles of the sub-headings it sits under
(``exempt-sections``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from compass_lint.markdown.document import Document, Node
from compass_lint.model.matching import LIST_ITEM, Candidate

_ISSUE_LINK = re.compile(r"https?://\S+/(?:issues|pull|pulls|discussions)/\d+")


@dataclass
class ActionItem:
    """A top-level list item of an actions section; nested bullets belong to it.

    ``replies``: the own text of each item nested directly under it; ``under``:
    the titles of the sub-headings (not in the outline) it sits under, outermost first.
    """

    line: int
    column: int
    text: str
    node: Node
    replies: tuple[str, ...] = ()
    under: tuple[str, ...] = ()


class SubHeading(NamedTuple):
    """An extra heading inside an actions section's range."""

    line: int
    level: int
    title: str


def item_text(node: Node) -> str:
    """An item's own paragraph (all its lines: a link may sit on a wrapped line)."""
    return node.text.strip() if node.text else ""


_LABEL_WORDS = 5
# An owner's lead-in before the label: "**All:**", "**Rollin**", "Simon:".
_LEAD_IN = re.compile(r"^\s*(?:\*\*[^*\n]{1,40}\*\*\s*:?|[A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*){0,2}\s*:)\s*")
_SENTENCE = re.compile(r"[.?!;…]")


def is_group_header(text: str, nested: list[Node]) -> bool:
    """A short label over nested items, not an action: ``- **All:** Standing project items:``.

    The item ends with ``:``, holds nested items, and its own text (an owner's
    lead-in left out) is at most five words without sentence punctuation. A
    sentence that ends with ``:`` ("Set up a way to … Either:") is an action.
    """
    label = text.rstrip("*_ ")
    if not (nested and label.endswith(":")):
        return False
    label = label[:-1]
    lead = _LEAD_IN.match(label)
    if lead is not None:
        label = label[lead.end() :]
    label = label.strip("*_ ")
    return "\n" not in label and len(label.split()) <= _LABEL_WORDS and not _SENTENCE.search(label)


def _replies(node: Node) -> tuple[str, ...]:
    """The own text of the items nested directly under ``node``."""
    return tuple(item_text(item) for child in node.children if child.kind == "list" for item in child.children)


def _items_of(list_nodes: list[Node], linked: bool) -> list[ActionItem]:
    """Top-level items; with ``linked``, also nested items that link an issue or PR."""
    items: list[ActionItem] = []
    for list_node in list_nodes:
        for item in list_node.children:
            plain = all(child.kind == "paragraph" for child in item.children)  # the usual item: no walk needed
            nested = [] if plain else [n for n in item.walk()[1:] if n.kind == "list_item"]
            text = item_text(item)
            if not is_group_header(text, nested):
                items.append(ActionItem(item.line, item.column, text, item, () if plain else _replies(item)))
            if linked:
                items += [
                    ActionItem(n.line, n.column, item_text(n), n, _replies(n))
                    for n in nested
                    if _ISSUE_LINK.search(item_text(n))
                ]
    return items


def _under(line: int, headings: list[SubHeading]) -> tuple[str, ...]:
    """The titles of the sub-headings above ``line``, outermost first (a heading ends a deeper or equal one)."""
    stack: list[SubHeading] = []
    for heading in headings:
        if heading.line >= line:
            break
        while stack and stack[-1].level >= heading.level:
            stack.pop()
        stack.append(heading)
    return tuple(h.title for h in stack)


def section_items(
    document: Document, candidate: Candidate, end_line: int, linked: bool, headings: list[SubHeading]
) -> list[ActionItem]:
    """The action items of a section: its lists' items (nested in it, or below its heading up to ``end_line``)."""
    node = candidate.node
    lists = [child for child in node.children if child.kind == "list"]
    if candidate.form != LIST_ITEM:
        lists = [n for n in document.nodes if n.kind == "list" and candidate.line < n.line <= end_line]
    items = _items_of(lists, linked)
    if headings:
        for item in items:
            item.under = _under(item.line, headings)
    return items
