"""Finding the outline's sections in a report: candidates and matching.

Sections are recognised in three forms, because real reports write them all:
headings, list items (``1. Help or discussion needed``) and bold lines
(``**2. Decisions needed**``). A section is matched to the outline by title
first, then (headings only) by number; the other forms are tried last.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from compass_lint.markdown.document import Node
from compass_lint.markdown.inline import plain_text
from compass_lint.markdown.syntax import BOLD_ONLY_LINE
from compass_lint.outline.spec import Outline, OutlineSection, loose_title, split_number

HEADING = "heading"
LIST_ITEM = "list-item"
BOLD_LINE = "bold-line"
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
    _folded: str | None = None

    def _parse(self) -> tuple[str | None, str]:
        if self._parsed is None:
            number, title = title_parts(self.raw[:_MAX_TITLE_LENGTH])
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

    @property
    def folded(self) -> str:
        """The raw text, case-folded (once: it is compared with every section)."""
        if self._folded is None:
            self._folded = self.raw.casefold()
        return self._folded


@lru_cache(maxsize=1024)  # large enough for the recurring titles, small enough to fill early
def title_parts(raw: str) -> tuple[str | None, str]:
    """The number and plain-text title of a heading or item's markdown text.

    Every report of a team repeats the outline's headings (and its template
    block): each distinct text is parsed once. Candidates pass only a title's
    first characters: parsing a hostile 50 KB heading inline would be
    super-linear.
    """
    return split_number(plain_text(raw).strip())


def may_be(section: OutlineSection) -> Callable[[Candidate], bool]:
    """A cheap test on a candidate's raw text before the real (parsed) comparison.

    A matching title holds every word of the section's title, and is not much
    longer (a number, emphasis markup, a parenthetical). The test is built once
    per section: a long report has thousands of list items to try.
    """
    pattern = section.pattern
    if pattern is not None:
        return lambda c: bool(pattern.search(c.raw)) or "\\" in c.raw or "&" in c.raw
    title = loose_title(section.title)
    longest = len(title) + _TITLE_SLACK
    words = sorted(set(title.split()), key=len, reverse=True)  # the longest word fails first

    def test(candidate: Candidate) -> bool:
        if len(candidate.raw) > longest:
            return False
        folded = candidate.folded
        for word in words:  # noqa: SIM110 - four times faster than all() over a generator
            if word not in folded:
                return False
        return True

    return test


def own_text(node: Node) -> str:
    return node.text.split("\n", 1)[0] if node.text else ""


def candidates(
    nodes: list[Node],
    end_line: int,
    depth: int = 0,
    headings_only: bool = False,
    keep: Callable[[str], bool] | None = None,
) -> list[Candidate]:
    """Headings, list items and bold lines before ``end_line``, in document order.

    With ``headings_only`` the other forms are skipped: they are looked at only
    when a section is missing from the headings. ``keep`` (on the raw text)
    skips items and bold lines that cannot be a missing section.
    """
    found: list[Candidate] = []
    for node in nodes:
        if node.line >= end_line:
            break
        kind = node.kind
        if kind == "heading" and not node.placeholder_underline:
            found.append(Candidate(HEADING, node.line, node.column, node.level, node, node.text))
        elif headings_only and kind == "paragraph":
            continue
        elif kind == "paragraph" and depth == 0:
            match = BOLD_ONLY_LINE.match(own_text(node))
            if match and "\n" not in node.text.strip() and (keep is None or keep(match.group("inner"))):
                found.append(Candidate(BOLD_LINE, node.line, node.column, 0, node, match.group("inner")))
        elif kind == "list_item":
            if not headings_only:
                own = own_text(node)
                # Section titles are short: a long item is never one.
                if len(own) <= _MAX_TITLE_LENGTH and own.strip() and (keep is None or keep(own)):
                    found.append(Candidate(LIST_ITEM, node.line, node.column, depth, node, own))
            children = node.children
            # Most items hold just their own paragraph, which is never a candidate below the top.
            if len(children) > 1 or (children and children[0].kind != "paragraph"):
                found.extend(candidates(children, end_line, depth + 1, headings_only, keep))
        elif kind in ("list", "quote"):
            found.extend(candidates(node.children, end_line, depth + (kind == "quote"), headings_only, keep))
    return found


@lru_cache(maxsize=256)  # built once per set of missing sections
def worth_keeping(missing: tuple[OutlineSection, ...]) -> Callable[[str], bool] | None:
    """A test on raw text that every candidate for a ``missing`` section passes (None: keep all).

    A section without a pattern needs its title's longest word; one with a
    pattern needs the pattern (or an escape or entity that plain text may
    turn into it). Long reports without the outline have thousands of items:
    most are dropped here, before any is parsed.
    """
    plain = [section for section in missing if section.pattern is None]
    patterns = [section.pattern for section in missing if section.pattern is not None]
    words = [loose_title(section.title).split() for section in plain]
    if not all(words):
        return None
    # Substring tests, not one alternation: the expression tries every word at every position.
    longest = tuple(dict.fromkeys(max(title, key=len) for title in words))

    def keep(raw: str) -> bool:
        if longest:
            folded = raw.casefold()
            for word in longest:
                if word in folded:
                    return True
        return bool(patterns) and ("\\" in raw or "&" in raw or any(p.search(raw) for p in patterns))

    return keep


def match_sections(
    outline: Outline,
    headings: list[Candidate],
    other_forms: Callable[[Callable[[str], bool] | None], list[Candidate]],
) -> dict[str, Candidate]:
    """Pair outline sections with candidates: title, then number, then other forms.

    Among several candidates with the right title, the first one after the
    previously matched section wins, so a repeated title (an ``Agenda items``
    note above the welcome) does not steal the section. ``other_forms`` (list
    items and bold lines, in document order) is called only when a section is
    still missing (with a test that drops what cannot be one): in most
    reports every section is a heading.
    """
    matched: dict[str, Candidate] = {}
    used: set[int] = set()
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
    by_number: dict[str | None, list[Candidate]] | None = None
    for section in outline.sections:
        if section.id not in matched and section.number:
            if by_number is None:
                by_number = {}
                for candidate in headings:
                    by_number.setdefault(candidate.number, []).append(candidate)
            chosen = pick(by_number.get(section.number, []), 0)
            if chosen is not None:
                matched[section.id] = chosen
                used.add(id(chosen))
    missing = [section for section in outline.sections if section.id not in matched]
    others = other_forms(worth_keeping(tuple(missing))) if missing else []
    for section in missing:
        test = may_be(section)
        # The first free candidate in document order (what pick(..., 0) takes), tested no further.
        chosen = next((c for c in others if id(c) not in used and test(c) and section.title_matches(c.title)), None)
        if chosen is not None:
            matched[section.id] = chosen
            used.add(id(chosen))
    return matched
