"""Which items of two consecutive reports are the same action: one-to-one pairs by score.

Two items are the same action when their normalised texts are equal (the
best pair), when their primary (first) issue or pull-request links are the
same, or when their texts are similar: rapidfuzz's ``token_set_ratio`` at or
above ``match-threshold`` (0-100, default 85). Two items whose primary links
differ are not the same on that ground; one whose primary link is the
other's secondary one ranks after every pair that reaches the threshold
(two shared secondary links are nothing). Last come one owner's
paraphrases: the same owner and a shared distinctive keyword (a code span,
an identifier such as ``widget-x``). See docs/history.md for why these measures and this default.
"""

from __future__ import annotations

from functools import cache, lru_cache
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from compass_lint.model.actions import ActionInfo

_MIN_SHARED_WORDS = 3
SECONDARY = 0.0  # one's primary link is the other's secondary: after every pair that reaches the threshold
PARAPHRASE = -1.0  # last


@cache
def _fuzz() -> ModuleType:
    # Imported on first use (only history needs it), and once: an import
    # statement here would run import machinery for every pair of items.
    # start-up: rapidfuzz loads on first use: only history needs it
    from rapidfuzz import fuzz

    return fuzz


# The same pairs of texts meet again in every pair of consecutive reports.
@lru_cache(maxsize=2048)
def _similarity(a_key: str, b_key: str, a_link: str | None, b_link: str | None) -> float:
    """0-100 for two items' keys and primary links: 100 for the same text or link, else the text similarity."""
    if a_link and b_link and a_link != b_link:
        # Both point first at issues, and not at the same one: different actions.
        return 0.0
    if a_key == b_key:
        return 100.0  # a carried action, word for word (``match_items`` ranks it above a shared link)
    if a_link and a_link == b_link:
        return 100.0
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


def _crossed(item: ActionInfo, before: ActionInfo) -> bool:
    """One item's primary link is a secondary link of the other ("Topic #1, related #2" → "#2")."""
    return bool(
        (item.primary and item.primary != before.primary and item.primary in before.links)
        or (before.primary and before.primary != item.primary and before.primary in item.links)
    )


def _paraphrase(item: ActionInfo, before: ActionInfo) -> bool:
    """One owner's item, reworded, with a distinctive keyword kept ("Continue with `widget-x` work (AB)")."""
    return bool(
        item.owner
        and before.owner
        and item.owner.casefold() == before.owner.casefold()
        and item.keywords & before.keywords
        and not (item.primary and before.primary and item.primary != before.primary)
    )


def match_items(current: list[ActionInfo], previous: list[ActionInfo], threshold: float) -> dict[int, int]:
    """One-to-one pairs ``current index -> previous index``, best scores first.

    A pair scores by text or primary link (``_similarity``); below every such
    pair come an item whose primary link is the other's secondary one, then
    one owner's paraphrase sharing a distinctive keyword.
    """
    scored = []
    for i, item in enumerate(current):
        if not item.key:
            continue
        for j, before in enumerate(previous):
            if not before.key:
                continue
            score = _similarity(item.key, before.key, item.primary, before.primary)
            if score >= threshold:
                # Equal scores: the same text first, then the same link.
                scored.append((-score, item.key != before.key, i, j))
            elif _crossed(item, before):
                scored.append((-SECONDARY, False, i, j))
            elif _paraphrase(item, before):
                scored.append((-PARAPHRASE, False, i, j))
    scored.sort()
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, i, j in scored:
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    return pairs
