"""Who owns an action item, as teams write it.

Read from, in this order:

* initials in brackets before the text: ``[CH] …`` (``\\[CH\\]`` escaped);
* a bold lead-in: ``**Erik** …``, ``**Erik:** …``;
* HackMD's ``[name=Ada]`` anywhere in the item;
* a ``(Name)`` or ``(MJ)`` prefix: ``(Ada) Write the guide``;
* a ``Name:`` or ``A and B:`` lead-in: ``Simon: Move the meeting``, ``Ada and Bo: …``
  (a capitalised name, not a word such as ``Note:`` or ``Update:``);
* a ``(Carol)`` suffix, possibly followed by an emoji: ``… (MJ) 🚀``;
* trailing initials in brackets: ``… [RM]``.
"""

from __future__ import annotations

import re

from compass_lint.markdown.inline import plain_text
from compass_lint.model.completion import TASK_BOX

OWNER_PREFIX = re.compile(r"^\s*(?:\\?\[(?P<initials>[A-Z]{1,4})\\?\]|\*\*(?P<bold>[^*]{1,40}?)\*\*\s*:?)\s*")
_NAME = r"[A-Z][a-z][\w'’-]*(?: [A-Z][\w'’-]*\.?)?"
# "Simon: …", "Ada and Bo: …", "Ada, Bo & Cy: …".
LEAD_IN = re.compile(rf"^\s*(?P<name>{_NAME}(?:(?:,\s*|\s+and\s+|\s*&\s*){_NAME})*)\s*:\s+")
PAREN_PREFIX = re.compile(r"^\s*\((?P<name>[A-Z][\w'’.-]{0,20}(?: [A-Z][\w'’.-]{0,20})?)\)\s+")
HACKMD_NAME = re.compile(r"\[name=(?P<name>[^\]\n]{1,40})\]")
# A closing "(Carol)" or "(MJ)", then perhaps an emoji or two (no letters, digits or brackets).
OWNER_SUFFIX = re.compile(r"\((?P<name>[A-Z][a-zA-Z]+(?: [A-Z][a-zA-Z]*\.?)?)\)\s*[.!]?[^\w\s()\[\]]{0,6}\s*$")
TRAILING_INITIALS = re.compile(r"\s\\?\[(?P<initials>[A-Z]{1,4})\\?\]\s*[.!]?\s*$")
# Lead-ins that are labels, not people.
_NOT_NAMES = re.compile(
    r"(?i)(?:todo|action(?: items?)?|done|completed|resolved|notes?|updates?|reminders?|announcements?|questions?"
    r"|proposals?|status|next(?: steps?)?|fyi|agenda|discussion|topics?|summary|decisions?|related|context"
    r"|background|goals?|blocked|follow-?ups?|see also|news|ideas?|issues?|problems?|results?|outcome|owners?"
    r"|deadline|due|when|where|why|what|how|who)"
)


def _person(found: str | None) -> str | None:
    if not found:
        return None
    name = found.strip().rstrip(":").strip()
    return name if name and not _NOT_NAMES.fullmatch(name) else None


def owner(raw: str) -> str | None:
    """The owner written on an item (see the module docstring for the forms), or None."""
    text = TASK_BOX.sub("", raw)
    prefix = OWNER_PREFIX.match(text)
    if prefix:
        found = _person(prefix.group("initials") or prefix.group("bold"))
        if found:
            return found
    hackmd = HACKMD_NAME.search(text)
    if hackmd and hackmd.group("name").strip().casefold() != "myname":
        return hackmd.group("name").strip()
    plain = plain_text(text)
    for pattern in (PAREN_PREFIX, LEAD_IN):
        lead = pattern.match(plain)
        if lead and (found := _person(lead.group("name"))):
            return found
    suffix = OWNER_SUFFIX.search(plain)
    if suffix:
        return suffix.group("name")
    initials = TRAILING_INITIALS.search(text)
    return initials.group("initials") if initials else None
