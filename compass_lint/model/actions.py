"""Action items: completion, owner, issue links, normalised text.

An item is *completed* when its own text (never a nested bullet's) carries a
completion marker: a marker word (``COMPLETED``, ``DONE``, ``RESOLVED`` by
default, any case) that is bold, bracketed or parenthesised, or that ends the
item; a checked task box ``[x]``; or the whole item struck through. A marker
followed by ``?`` (``**COMPLETED?**``, ``**STATUS? Completed?**``) is a
question, not a completion.

Which items of consecutive reports are the same action is decided in
``compass_lint.series.pairing``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from compass_lint.core.patterns import UserPattern, compile_user_pattern
from compass_lint.markdown.inline import is_struck_through, links, plain_text
from compass_lint.model.report import ActionItem

_TASK_BOX = re.compile(r"^\s*\[([ xX])\]\s+")
_ISSUE_URL = re.compile(r"https?://(?:www\.)?([^/\s]+/[^/\s]+/[^/\s]+/(?:issues|pull|pulls|discussions)/\d+)", re.I)
_BARE_URL = re.compile(r"https?://[^\s<>()\[\]]+")
_OWNER_PREFIX = re.compile(r"^\s*(?:\\?\[(?P<initials>[A-Z]{1,4})\\?\]|\*\*(?P<bold>[^*]{1,40}?)\*\*\s*:?)\s*")
_OWNER_SUFFIX = re.compile(r"\((?P<name>[A-Z][a-zA-Z]+(?: [A-Z][a-zA-Z]*\.?)?)\)\s*[.!]?\s*$")
_LEAD_IN = re.compile(r"^\s*(?:\*\*)?(?:TODO|ACTION ITEM|ACTION|Action)(?:\*\*)?\s*:\s*", re.I)
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
def _exempt_pattern(patterns: tuple[str, ...]) -> UserPattern | None:
    # On RE2: a config's pattern such as ^(a+)+$ must not hang on an action item (core/patterns).
    joined = "|".join(f"(?:{p})" for p in patterns)
    return compile_user_pattern(joined, "exempt-actions", ignore_case=True) if patterns else None


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
