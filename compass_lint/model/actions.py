"""Action items: completion, owner, issue links, normalised text, matching.

An item is *completed* when its own text (never a nested bullet's) carries a
completion marker: a marker word (``COMPLETED``, ``DONE``, ``RESOLVED`` by
default, any case) that is bold, bracketed or parenthesised, or that ends the
item; a checked task box ``[x]``; or the whole item struck through. A marker
followed by ``?`` (``**COMPLETED?**``, ``**STATUS? Completed?**``) is a
question, not a completion.

Two items of consecutive reports are the *same action* when they point to the
same issue or pull-request URL, or when their normalised texts are similar:
rapidfuzz's ``token_set_ratio`` at or above ``match-threshold`` (0-100,
default 85). See docs/history.md for why this measure and this default.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from types import ModuleType
from typing import NamedTuple

from compass_lint.markdown.inline import is_struck_through, links, plain_text
from compass_lint.model.report import ActionItem

_TASK_BOX = re.compile(r"^\s*\[([ xX])\]\s+")
_ISSUE_URL = re.compile(r"https?://(?:www\.)?([^/\s]+/[^/\s]+/[^/\s]+/(?:issues|pull|pulls|discussions)/\d+)", re.I)
_BARE_URL = re.compile(r"https?://[^\s<>()\[\]]+")
_OWNER_PREFIX = re.compile(r"^\s*(?:\\?\[(?P<initials>[A-Z]{1,4})\\?\]|\*\*(?P<bold>[^*]{1,40}?)\*\*\s*:?)\s*")
_OWNER_SUFFIX = re.compile(r"\((?P<name>[A-Z][a-zA-Z]+(?: [A-Z][a-zA-Z]*\.?)?)\)\s*[.!]?\s*$")
_LEAD_IN = re.compile(r"^\s*(?:\*\*)?(?:TODO|ACTION ITEM|ACTION|Action)(?:\*\*)?\s*:\s*", re.I)
_MIN_SHARED_WORDS = 3
MAX_ACTION_CHARS = 2000
_PUNCTUATION = re.compile(r"[^\w\s]", re.UNICODE)


@lru_cache(maxsize=8)
def _marker_patterns(markers: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = "|".join(re.escape(m) for m in markers)
    # Bold, bracketed or parenthesised anywhere: **DONE**, [COMPLETED], (done).
    wrapped = re.compile(rf"(?:\*\*|__)\s*(?:{words})\s*(?:\*\*|__)(?!\?)|[\[(]\s*(?:{words})\s*[\])](?!\?)", re.I)
    # Or appended at the very end: "… - RESOLVED.", "…: Done".
    appended = re.compile(rf"(?:^|[\s:;,–—-])(?:{words})\s*[.!]*\s*$", re.I)
    return wrapped, appended


def _strip_markers(text: str, markers: tuple[str, ...]) -> str:
    wrapped, appended = _marker_patterns(markers)
    return appended.sub(" ", wrapped.sub(" ", text))


def is_completed(raw: str, markers: tuple[str, ...]) -> bool:
    """Whether an item's own markdown text marks it completed."""
    box = _TASK_BOX.match(raw)
    if box:
        return box.group(1) in "xX"
    if "~~" in raw and is_struck_through(raw):  # a strikethrough span needs its "~~"
        return True
    wrapped, appended = _marker_patterns(markers)
    if wrapped.search(raw):
        return True
    stripped = re.sub(r"[*_~`]+\s*$", "", raw.rstrip())
    return bool(appended.search(stripped))


def owner(raw: str) -> str | None:
    """The owner written on an item: ``[CH]`` prefix, ``**Erik**`` lead-in or ``(Carol)`` suffix."""
    text = _TASK_BOX.sub("", raw)
    prefix = _OWNER_PREFIX.match(text)
    if prefix:
        found = prefix.group("initials") or prefix.group("bold")
        if found and not re.fullmatch(r"(?i)todo|action( item)?|done|completed|resolved", found.strip()):
            return found.strip()
    suffix = _OWNER_SUFFIX.search(plain_text(text))
    return suffix.group("name") if suffix else None


def issue_links(raw: str) -> frozenset[str]:
    """Issue and pull-request URLs of an item, normalised (scheme, www, /pulls)."""
    targets = [*links(raw), *_BARE_URL.findall(raw)]
    found = set()
    for target in targets:
        match = _ISSUE_URL.match(target)
        if match:
            found.add(match.group(1).lower().replace("/pulls/", "/pull/"))
    return frozenset(found)


def normalise(raw: str, markers: tuple[str, ...]) -> str:
    """Comparable text: no markup, markers, owner tags, case or punctuation."""
    text = _TASK_BOX.sub("", raw)
    text = _LEAD_IN.sub("", text)
    prefix = _OWNER_PREFIX.match(text)
    if prefix and prefix.group("initials"):
        text = text[prefix.end() :]
    text = plain_text(text)
    text = _strip_markers(text, markers)
    text = _OWNER_SUFFIX.sub("", text)
    text = _PUNCTUATION.sub(" ", text.casefold())
    return " ".join(text.split())


class ActionInfo(NamedTuple):
    """What history needs to know about one action item."""

    line: int
    column: int
    text: str
    key: str
    completed: bool
    owner: str | None
    links: frozenset[str]

    @property
    def display(self) -> str:
        """Short plain text (its first line) for messages."""
        shown = " ".join(plain_text(self.text.split("\n", 1)[0]).split())
        return shown if len(shown) <= 80 else shown[:77] + "..."


@lru_cache(maxsize=8)
def _exempt_pattern(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None


def describe(item: ActionItem, markers: tuple[str, ...], exempt: tuple[str, ...] = ()) -> ActionInfo:
    """Analyse one model action item; an exempt one gets an empty key (never matched).

    Only the first ``MAX_ACTION_CHARS`` of an item are analysed: enough to
    identify it, and a bound on mistune's inline parser, which is
    super-linear on hostile markup (nested emphasis).
    """
    text = item.text[:MAX_ACTION_CHARS]
    key, completed, who, targets = _analyse(text, markers, exempt)
    return ActionInfo(
        line=item.line, column=item.column, text=text, key=key, completed=completed, owner=who, links=targets
    )


# Carried actions repeat word for word from report to report: analyse each text once.
# Reports are checked series by series, so a small cache holds what is needed.
@lru_cache(maxsize=1024)
def _analyse(
    text: str, markers: tuple[str, ...], exempt: tuple[str, ...]
) -> tuple[str, bool, str | None, frozenset[str]]:
    pattern = _exempt_pattern(exempt)
    skip = pattern is not None and bool(pattern.search(plain_text(text.split("\n", 1)[0]).strip()))
    key = "" if skip else normalise(text, markers)
    return key, is_completed(text, markers), owner(text), issue_links(text)


@cache
def _fuzz() -> ModuleType:
    # Imported on first use (only history needs it), and once: an import
    # statement here would run import machinery for every pair of items.
    from rapidfuzz import fuzz

    return fuzz


# The same pairs of texts meet again in every pair of consecutive reports.
@lru_cache(maxsize=2048)
def _similarity(a_key: str, b_key: str, a_links: frozenset[str], b_links: frozenset[str]) -> float:
    """0-100 for two items' keys and links: 100 for a shared issue link, else the text similarity."""
    if a_links and a_links & b_links:
        return 100.0
    if a_links and b_links:
        # Both point at issues, and not at the same one: different actions.
        return 0.0
    if a_key == b_key:
        return 100.0  # a carried action, word for word: both measures below give 100
    fuzz = _fuzz()
    shared = _words(a_key) & _words(b_key)
    if len(shared) < _MIN_SHARED_WORDS:
        # token_set_ratio scores a text 100 against any text containing all its
        # words ("Community" vs "Community management"): short texts need a
        # whole-string comparison instead.
        return float(fuzz.ratio(a_key, b_key))
    return float(fuzz.token_set_ratio(a_key, b_key))


@lru_cache(maxsize=1024)
def _words(key: str) -> frozenset[str]:
    # A key meets every key of the other report: split it once.
    return frozenset(key.split())


def match_items(current: list[ActionInfo], previous: list[ActionInfo], threshold: float) -> dict[int, int]:
    """One-to-one pairs ``current index -> previous index``, best scores first."""
    scored = []
    for i, item in enumerate(current):
        if not item.key:
            continue
        for j, before in enumerate(previous):
            if not before.key:
                continue
            score = _similarity(item.key, before.key, item.links, before.links)
            if score >= threshold:
                scored.append((-score, i, j))
    scored.sort()
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, i, j in scored:
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    return pairs
