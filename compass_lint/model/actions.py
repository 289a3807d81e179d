"""Action items as history sees them: key, completion, owner, links, standing marks.

Completion is read by ``compass_lint.model.completion`` (a marker in the
item's own text, or a status reply nested directly under it), the owner by
``compass_lint.model.owners``. Which items of consecutive reports are the
same action is decided in ``compass_lint.series.pairing``.

An item gets an empty key, and so is never tracked, when it is exempt:

* its first line (plain text, task box ``[ ]``/``[x]`` stripped) matches one of
  ``exempt-actions`` / ``extend-exempt-actions``;
* it is a placeholder: empty (``- [ ]``), or all in italics (``*please add more items*``);
* it sits under a sub-heading named in ``exempt-sections``;
* its key is the key of an action-section bullet of the series' ``template``.

A report can also say that an item is not stale (yet): ``(standing)`` marks a
standing item, and ``snooze until 2027-03`` (or ``snoozed until 2027-03-15``)
holds until that date, compared with the report's own date (``hold``).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from compass_lint.core.patterns import UserPattern, compile_user_pattern
from compass_lint.markdown.inline import inline_tokens, links, plain_text
from compass_lint.model.completion import TASK_BOX, is_completed, strip_markers
from compass_lint.model.items import ActionItem
from compass_lint.model.owners import HACKMD_NAME, OWNER_PREFIX, OWNER_SUFFIX, PAREN_PREFIX, TRAILING_INITIALS, owner
from compass_lint.outline.spec import loose_title

_ISSUE_URL = re.compile(r"https?://(?:www\.)?([^/\s]+/[^/\s]+/[^/\s]+/(?:issues|pull|pulls|discussions)/\d+)", re.I)
_BARE_URL = re.compile(r"https?://[^\s<>()\[\]]+")
_LEAD_IN = re.compile(r"^\s*(?:\*\*)?(?:TODO|ACTION ITEM|ACTION|Action)(?:\*\*)?\s*:\s*", re.I)
_STANDING = re.compile(r"[(\[]\s*standing\s*[)\]]", re.I)
_SNOOZE = re.compile(
    r"[(\[]?\s*\bsnooze(?:d)?\s+until\s+(?P<year>\d{4})-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?\b\s*[)\]]?", re.I
)
_CODE_SPAN = re.compile(r"`([^`\n]+)`")
# An identifier-like word: letters with a digit, "-", "_", "." or "/" inside (``widget-x``, ``v8``, ``node-gyp``).
_IDENTIFIER = re.compile(r"(?<![\w/.-])(?=[\w./-]*[A-Za-z])(?=[\w./-]*[\d_./-])[A-Za-z\d][\w./-]*[A-Za-z\d](?![\w/-])")
MAX_ACTION_CHARS = 2000
_PUNCTUATION = re.compile(r"[^\w\s]", re.UNICODE)


def issue_links(raw: str) -> frozenset[str]:
    """Issue and pull-request URLs of an item, normalised (scheme, www, /pulls)."""
    targets = [*links(raw), *_BARE_URL.findall(raw)]
    found = set()
    for target in targets:
        match = _ISSUE_URL.match(target)
        if match:
            found.add(_normal_url(match.group(1)))
    return frozenset(found)


def ordered_links(raw: str, found: frozenset[str]) -> tuple[str, ...]:
    """``found`` (an item's ``issue_links``) in the order the item writes them: the first is its primary link."""
    ordered = [url for m in _ISSUE_URL.finditer(raw) if (url := _normal_url(m.group(1))) in found]
    return tuple(dict.fromkeys([*ordered, *sorted(found)]))


def _normal_url(url: str) -> str:
    return url.lower().replace("/pulls/", "/pull/")


def _without_marks(text: str) -> str:
    return _SNOOZE.sub(" ", _STANDING.sub(" ", text))


def normalise(raw: str, markers: tuple[str, ...]) -> str:
    """Comparable text: no markup, markers, owner tags, standing marks, case or punctuation."""
    text = TASK_BOX.sub("", raw)
    text = _LEAD_IN.sub("", text)
    prefix = OWNER_PREFIX.match(text)
    if prefix and prefix.group("initials"):
        text = text[prefix.end() :]
    text = TRAILING_INITIALS.sub("", HACKMD_NAME.sub(" ", text))
    text = plain_text(text)
    text = PAREN_PREFIX.sub("", text)
    text = strip_markers(_without_marks(text), markers)
    text = OWNER_SUFFIX.sub("", text)
    text = _PUNCTUATION.sub(" ", text.casefold())
    return " ".join(text.split())


def keywords(raw: str) -> frozenset[str]:
    """Distinctive words of an item: its code spans and identifier-like words (``widget-x``), casefolded."""
    found = {span.strip().casefold() for span in _CODE_SPAN.findall(raw) if span.strip()}
    text = _BARE_URL.sub(" ", plain_text(raw))
    found.update(word.casefold() for word in _IDENTIFIER.findall(text))
    return frozenset(found)


class ActionInfo(NamedTuple):
    """What history needs to know about one action item.

    ``ordered``: ``links`` in the order written, the first being the item's primary link.
    ``hold``: ``"standing"`` or ``"snoozed until …"`` while the item's mark holds.
    """

    line: int
    column: int
    text: str
    key: str
    completed: bool
    owner: str | None
    links: frozenset[str]
    hold: str | None = None
    keywords: frozenset[str] = frozenset()
    ordered: tuple[str, ...] = ()

    @property
    def primary(self) -> str | None:
        """The item's first issue or pull-request link (without ``ordered``, the least one)."""
        if self.ordered:
            return self.ordered[0]
        return min(self.links) if self.links else None

    @property
    def display(self) -> str:
        """Short plain text (its first line) for messages."""
        shown = " ".join(plain_text(self.text.split("\n", 1)[0]).split())
        return shown if len(shown) <= 80 else shown[:77] + "..."


class Exemptions(NamedTuple):
    """What makes an item exempt: patterns, sub-heading titles, a template's keys."""

    patterns: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    template_keys: frozenset[str] = frozenset()


@lru_cache(maxsize=8)
def _exempt_pattern(patterns: tuple[str, ...]) -> UserPattern | None:
    # On RE2: a config's pattern such as ^(a+)+$ must not hang on an action item (core/patterns).
    joined = "|".join(f"(?:{p})" for p in patterns)
    return compile_user_pattern(joined, "exempt-actions", ignore_case=True) if patterns else None


@lru_cache(maxsize=8)
def _section_titles(sections: tuple[str, ...]) -> frozenset[str]:
    return frozenset(loose_title(title) for title in sections)


NO_EXEMPTIONS = Exemptions()


def describe(
    item: ActionItem, markers: tuple[str, ...], exempt: Exemptions = NO_EXEMPTIONS, on: date | None = None
) -> ActionInfo:
    """Analyse one model action item; an exempt one gets an empty key (never matched).

    ``on``: the report's date, against which a ``snooze until`` mark is read
    (None: the mark holds). Only the first ``MAX_ACTION_CHARS`` of an item are
    analysed: enough to identify it, and a bound on mistune's inline parser,
    which is super-linear on hostile markup (nested emphasis).
    """
    text = item.text[:MAX_ACTION_CHARS]
    key, completed, who, targets, words = _analyse(text, item.replies, markers, exempt.patterns)
    titles = _section_titles(exempt.sections) if exempt.sections else frozenset()
    if (titles and any(loose_title(title) in titles for title in item.under)) or key in exempt.template_keys:
        key = ""
    return ActionInfo(
        line=item.line,
        column=item.column,
        text=text,
        key=key,
        completed=completed,
        owner=who,
        links=targets,
        hold=_hold(text, on),
        keywords=words,
        ordered=ordered_links(text, targets),
    )


def _hold(text: str, on: date | None) -> str | None:
    """``standing``, or ``snoozed until …`` while that date is after ``on``; else None."""
    if "standing" not in text.casefold() and "snooze" not in text.casefold():
        return None
    if _STANDING.search(text):
        return "standing"
    snooze = _SNOOZE.search(text)
    if snooze is None:
        return None
    year, month, day = int(snooze["year"]), int(snooze["month"]), int(snooze["day"] or 1)
    try:
        until = date(year, month, day)
    except ValueError:
        return None
    written = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if snooze["day"] else "")
    return f"snoozed until {written}" if on is None or on < until else None


def _placeholder(text: str) -> bool:
    """An empty item (``- [ ]``), or one all in italics (``*please add more items*``)."""
    body = TASK_BOX.sub("", text).strip()
    if not body or body in ("[ ]", "[x]", "[X]"):
        return True
    if body[0] not in "*_" or body[:2] in ("**", "__"):
        return False
    tokens = [t for t in inline_tokens(body) if not (t["type"] == "text" and not t.get("raw", "").strip())]
    return len(tokens) == 1 and tokens[0]["type"] == "emphasis"


# Carried actions repeat word for word from report to report: analyse each text once.
# Reports are checked series by series, so a small cache holds what is needed.
@lru_cache(maxsize=1024)
def _analyse(
    text: str, replies: tuple[str, ...], markers: tuple[str, ...], exempt: tuple[str, ...]
) -> tuple[str, bool, str | None, frozenset[str], frozenset[str]]:
    pattern = _exempt_pattern(exempt)
    first = TASK_BOX.sub("", text.split("\n", 1)[0])
    skip = _placeholder(text) or (pattern is not None and bool(pattern.search(plain_text(first).strip())))
    key = "" if skip else normalise(text, markers)
    return key, is_completed(text, markers, replies), owner(text), issue_links(text), keywords(text)
