"""Whether an action item is completed: a marker in its own text, or a status reply nested under it.

An item is *completed* when its own text carries a completion marker: a
marker word (``COMPLETED``, ``DONE``, ``RESOLVED`` by default, any case) that
is bold, bracketed or parenthesised, or that ends the item; a checked task
box ``[x]``; or the whole item struck through. A marker followed by ``?``
(``**COMPLETED?**``, ``**STATUS? Completed?**``) is a question, not a
completion.

It is completed too when a bullet nested *directly* under it says so: the
bullet, or one of its clauses (split at ``,`` ``.`` ``;`` `` - `` and the words
``and``, ``so``, ``but``), starts with a status, possibly after a speaker's
lead-in: ``* Done``, ``Done - Yay``, ``Merged``, ``PR merged!``, ``landed.``,
✅, ``Issue closed, nothing to discuss``, ``Previously discussed, removed from
agenda``, ``Matteo: removed tsc-agenda``, ``agenda label has been removed``.
A status word must end its clause or be followed by a word such as ``as``,
``so``, ``now`` (``landed pull request that …`` is not one). Only the start
of a clause counts: ``we are not done yet`` is no status, and neither is a
question (``done?``, ``can we remove it from the agenda?``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from compass_lint.markdown.inline import is_struck_through, plain_text

TASK_BOX = re.compile(r"^\s*\[([ xX])\]\s+")

# A status word, then the end of the clause or a word that cannot make it a verb with an object
# ("landed." / "closed as decision made", not "landed pull request that …").
_DONE = (
    r"(?:done|completed?|resolved|fixed|finished|merged|landed|closed)"
    r"(?=\s*(?:$|[.,;:!)–—-])|\s+(?:as|so|in|on|by|and|now|already|nothing|no|out|yay|today)\b)"
)
_MODAL = (
    r"(?:(?:we\s+|had\s+)?agreed\s+(?:to\s+|we\s+(?:could|should|can)\s+|this\s+(?:can|could)\s+be\s+)"
    r"|will\s+|we\s+can\s+|we['’]?ll\s+|we\s+will\s+|can\s+(?:be\s+)?|going\s+to\s+|let['’]?s\s+|let\s+us\s+"
    r"|(?:i\s+|we\s+)?should\s+have\s+(?:been\s+)?|has\s+been\s+|have\s+been\s+|was\s+)?"
)
_AGENDA = r"(?:the\s+)?(?:tsc[\s_-]?)?agenda"
# What closes an item when a clause of a reply nested under it starts with it.
_STATUS = re.compile(
    rf"""(?ix)^(?:
        [✅✔☑]
      | (?:(?:the\s+)?(?:pr|pull\s+request|issue|vote|it|this)\s+)?
        (?:has\s+been\s+|have\s+been\s+|has\s+|was\s+|is\s+)?(?:already\s+|now\s+)?(?:approved\s+and\s+)?{_DONE}
      | agreed\s+to\s+close\b
      | (?:(?:the\s+)?(?:pr|issue|vote|it|this)\s+|we\s+)?can\s+(?:be\s+)?close[d]?\b
      | (?:(?!not\b|never\b)[a-z][\w.-]*\s+)?{_MODAL}
        (?:remove[ds]?|removing|take|taking|took|taken|drop|dropped)\s+
        (?:(?:it|this)\s+)?(?:from\s+|off\s+(?:of\s+)?)?
        (?:{_AGENDA}\b|(?:the\s+)?(?:tsc[\s_-]?)?(?:agenda\s+)?(?:label|tag)\b)
      | take\s+{_AGENDA}\s+(?:label|tag)\s+off\b
      | {_AGENDA}\s+(?:label|tag|item)\s+(?:has\s+been\s+|was\s+)?removed\b
    )""",
)
# "Matteo: ", "Rich, ", "@joyee - ": who said it, before the status.
_SPEAKER = re.compile(r"^@?[A-Za-z][\w.'’-]{0,30}(?:\s+[A-Z][\w.'’-]{0,30})?\s*[:,–—-]\s+")
# Where a reply's clauses start: after ",", ".", ";", " - ", " and ", " so ", " but ".
_STRAY_COMMA = re.compile(r"(?i)\b(remove[ds]?|removing),\s+(?=from\b)")
_CONJUNCTION = re.compile(r"^(?:and|so|but)\s+", re.I)
_CLAUSE = re.compile(r"[,.;!]\s+|\s+[-–—]\s+|\s+(?:and|so|but)\s+", re.I)


def is_status(reply: str) -> bool:
    """Whether a nested bullet says its item is done: one of its clauses starts with a status.

    ``Done - Yay``, ``merged``, ✅, ``Issue closed, nothing to discuss``,
    ``Previously discussed, removed from agenda``, ``Matteo: removed tsc-agenda``;
    not ``we are not done yet``, ``done?`` or ``can we remove it from the agenda?``.
    """
    text = " ".join(plain_text(TASK_BOX.sub("", reply)).split())
    text = _STRAY_COMMA.sub(r"\1 ", text)  # "Removed, from TSC agenda": one clause
    for clause in _CLAUSE.split(text):
        clause = _CONJUNCTION.sub("", clause.strip())
        if not clause or clause.endswith("?"):
            continue
        speaker = _SPEAKER.match(clause)
        if _STATUS.match(clause) or (speaker is not None and _STATUS.match(clause[speaker.end() :])):
            return True
    return False


@lru_cache(maxsize=8)
def marker_patterns(markers: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The wrapped (``**DONE**``, ``[done]``) and appended (``… - RESOLVED.``) forms of the markers."""
    words = "|".join(re.escape(m) for m in markers)
    # Bold, bracketed or parenthesised anywhere: **DONE**, [COMPLETED], (done).
    wrapped = re.compile(rf"(?:\*\*|__)\s*(?:{words})\s*(?:\*\*|__)(?!\?)|[\[(]\s*(?:{words})\s*[\])](?!\?)", re.I)
    # Or appended at the very end: "… - RESOLVED.", "…: Done".
    appended = re.compile(rf"(?:^|[\s:;,–—-])(?:{words})\s*[.!]*\s*$", re.I)
    return wrapped, appended


def strip_markers(text: str, markers: tuple[str, ...]) -> str:
    """``text`` without its completion markers."""
    wrapped, appended = marker_patterns(markers)
    return appended.sub(" ", wrapped.sub(" ", text))


def is_completed(raw: str, markers: tuple[str, ...], replies: tuple[str, ...] = ()) -> bool:
    """Whether an item is completed: by its own markdown text, or by a status reply nested directly under it."""
    return _marked(raw, markers) or any(is_status(reply) for reply in replies)


def _marked(raw: str, markers: tuple[str, ...]) -> bool:
    box = TASK_BOX.match(raw)
    if box:
        return box.group(1) in "xX"
    if "~~" in raw and is_struck_through(raw):  # a strikethrough span needs its "~~"
        return True
    wrapped, appended = marker_patterns(markers)
    if wrapped.search(raw):
        return True
    stripped = re.sub(r"[*_~`]+\s*$", "", raw.rstrip())
    return bool(appended.search(stripped))
