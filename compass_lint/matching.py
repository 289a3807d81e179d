"""Finding the outline's sections in a report: candidates and matching.

Sections are recognised in three forms, because real reports write them all:
headings, list items (``1. Help or discussion needed``) and bold lines
(``**2. Decisions needed**``). A section is matched to the outline by title
first, then (headings only) by number; the other forms are tried last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from compass_lint.document import Node
from compass_lint.inline import plain_text
from compass_lint.outline import Outline, OutlineSection, loose_title, split_number

HEADING = "heading"
LIST_ITEM = "list-item"
BOLD_LINE = "bold-line"
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?P<inner>.+?)\1\s*:?\s*$")
_MAX_TITLE_LENGTH = 200
_TITLE_SLACK = 80


@dataclass
class Candidate:
    """Something in the report that may be a section: a heading, item or bold line.

    A list item's number and title are worked out only when asked for: most
    items are never compared with the outline, and inline parsing is costly.
    """

    form: str
    line: int
    column: int
    level: int
    node: Node
    raw: str = ""
    _parsed: tuple[str | None, str] | None = None

    def _parse(self) -> tuple[str | None, str]:
        if self._parsed is None:
            # A title is short; parsing a hostile 50 KB heading inline would be super-linear.
            number, title = split_number(plain_text(self.raw[:_MAX_TITLE_LENGTH]).strip())
            if self.form == LIST_ITEM and self.node.ordered and number is None:
                number = self.node.marker.rstrip(".)")
            self._parsed = (number, title)
        return self._parsed

    @property
    def number(self) -> str | None:
        """The section number written on it, if any."""
        return self._parse()[0]

    @property
    def title(self) -> str:
        """Its plain-text title without the number."""
        return self._parse()[1]

    def may_be(self, section: OutlineSection) -> bool:
        """A cheap test on the raw text before the real (parsed) comparison.

        A matching title holds every word of the section's title, and is not
        much longer (a number, emphasis markup, a parenthetical).
        """
        if section.pattern is not None:
            return bool(section.pattern.search(self.raw)) or "\\" in self.raw or "&" in self.raw
        title = loose_title(section.title)
        if len(self.raw) > len(title) + _TITLE_SLACK:
            return False
        raw = self.raw.casefold()
        return all(word in raw for word in title.split())


def own_text(node: Node) -> str:
    return node.text.split("\n", 1)[0] if node.text else ""


def candidates(nodes: list[Node], end_line: int, depth: int = 0) -> list[Candidate]:
    found: list[Candidate] = []
    for node in nodes:
        if node.line >= end_line:
            break
        if node.kind == "heading" and not node.placeholder_underline:
            found.append(Candidate(HEADING, node.line, node.column, node.level, node, node.text))
        elif node.kind == "paragraph" and depth == 0:
            match = _BOLD_LINE.match(own_text(node))
            if match and "\n" not in node.text.strip():
                found.append(Candidate(BOLD_LINE, node.line, node.column, 0, node, match.group("inner")))
        elif node.kind == "list_item":
            own = own_text(node)
            # Section titles are short: a long item is never one.
            if own.strip() and len(own) <= _MAX_TITLE_LENGTH:
                found.append(Candidate(LIST_ITEM, node.line, node.column, depth, node, own))
            found.extend(candidates(node.children, end_line, depth + 1))
        elif node.kind in ("list", "quote"):
            found.extend(candidates(node.children, end_line, depth + (node.kind == "quote")))
    return found


def match_sections(outline: Outline, candidates: list[Candidate]) -> dict[str, Candidate]:
    """Pair outline sections with candidates: title, then number, then other forms.

    Among several candidates with the right title, the first one after the
    previously matched section wins, so a repeated title (an ``Agenda items``
    note above the welcome) does not steal the section.
    """
    matched: dict[str, Candidate] = {}
    used: set[int] = set()
    headings = [c for c in candidates if c.form == HEADING]
    others = [c for c in candidates if c.form != HEADING]
    by_title: dict[str, list[Candidate]] = {}
    for candidate in headings:
        by_title.setdefault(loose_title(candidate.title), []).append(candidate)

    def pick(found: list[Candidate], after: int) -> Candidate | None:
        free = [c for c in found if id(c) not in used]
        return next((c for c in free if c.line > after), free[0] if free else None)

    last = 0
    for section in outline.sections:
        if section.pattern is not None:
            found = [c for c in headings if section.title_matches(c.title)]
        else:
            found = by_title.get(loose_title(section.title), [])
        chosen = pick(found, last)
        if chosen is not None:
            matched[section.id] = chosen
            used.add(id(chosen))
            last = chosen.line
    for section in outline.sections:
        if section.id not in matched and section.number:
            chosen = pick([c for c in headings if c.number == section.number], 0)
            if chosen is not None:
                matched[section.id] = chosen
                used.add(id(chosen))
    for section in outline.sections:
        if section.id not in matched:
            chosen = pick([c for c in others if c.may_be(section) and section.title_matches(c.title)], 0)
            if chosen is not None:
                matched[section.id] = chosen
                used.add(id(chosen))
    return matched
