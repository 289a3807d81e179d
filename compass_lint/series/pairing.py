"""Which items of two consecutive reports are the same action: one-to-one pairs by score.

Two items are the same action when they point to the same issue or
pull-request URL, or when their normalised texts are similar: rapidfuzz's
``token_set_ratio`` at or above ``match-threshold`` (0-100, default 85). See
docs/history.md for why this measure and this default.
"""

from __future__ import annotations

from functools import cache, lru_cache
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from compass_lint.model.actions import ActionInfo

_MIN_SHARED_WORDS = 3


@cache
def _fuzz() -> ModuleType:
    # Imported on first use (only history needs it), and once: an import
    # statement here would run import machinery for every pair of items.
    # start-up: rapidfuzz loads on first use: only history needs it
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
