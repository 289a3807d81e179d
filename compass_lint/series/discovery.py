"""Which Markdown files are meeting reports: the one place that decides.

A folder walk (``check``, ``fix``, ``actions``, the Action), a series'
membership and ``new``'s choice of the latest report all ask ``is_report``.

With series configured (``[[tool.compass-lint.series]]``), a file is a report
exactly when a series' ``files`` glob matches it and neither the series'
``exclude`` nor the top-level ``exclude`` does.

Without series, a file is a report when it looks like one, read from its
name and its head (the first 80 lines, at most 8 KB: as cheap as ordering a
series already is). Never:

* project files: ``README*``, ``CHANGELOG*``, ``CONTRIBUTING*``,
  ``CODE_OF_CONDUCT*``, ``LICENSE*``, ``SECURITY*``, ``HISTORY*``,
  ``AUTHORS*``, ``GOVERNANCE*`` (any case);
* templates: any file whose name contains "template";
* anything under ``.github/``;
* index and listing pages: ``index.md`` or ``_index.md`` whose folder name
  has no date and whose head has no meeting date.

Otherwise it needs both:

* a meeting date: front matter ``date:``, a date field of the outline (the
  fields with the ``opening`` or ``meeting-date`` role), a date in its first
  heading, a date in its folder name (``20260512-community/index.md``) or in
  its file name (``2025-03-24.md``, ``2025-03-24-community.md``);
* the shape of meeting notes: at least two headings, bold lines or list
  items that name a meeting part (agenda, attendees, present, minutes,
  notes, action items, actions, next steps, decisions, updates,
  announcements, follow-up, discussion, open issues, open PRs) or one of
  the outline's own section titles. A title that names a meeting ("Team
  meeting", "Minutes", "Sync") or is only a date (``# 2019-04-11``) counts
  as one of the two.

docs/discovery.md says the same for users.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import NamedTuple

from compass_lint.core.dates import date_in_folder_name, date_in_name
from compass_lint.core.settings import Config
from compass_lint.markdown.source import read_regular_head
from compass_lint.outline.spec import Outline, loose_title, split_number
from compass_lint.series.head import _head, head_date
from compass_lint.series.membership import excluded, in_series

HEAD_BYTES = 8192


class Verdict(NamedTuple):
    """Whether a file is a meeting report, and why (for the note on an explicit path)."""

    report: bool
    reason: str


_PROJECT_FILE = re.compile(
    r"(?i)^(?:readme|changelog|contributing|code[-_ ]of[-_ ]conduct|license|licence|security|history|authors"
    r"|governance)"
)
_INDEX = ("index.md", "_index.md")

# Meeting parts, as headings, bold lines or the lead of a list item name them.
_PARTS = (
    "agenda",
    "attendees",
    "attendance",
    "present",
    "minutes",
    "notes",
    "action items",
    "actions",
    "next steps",
    "decisions",
    "updates",
    "announcements",
    "follow-up",
    "follow up",
    "discussion",
    "open issues",
    "open prs",
)
_PART_WORDS = "|".join(re.escape(part).replace(r"\-", "[- ]?").replace(r"\ ", r"\s+") for part in _PARTS)
# In a heading, anywhere ("Backport decisions", "CPC and Board Meeting Updates").
_PART_IN_HEADING = re.compile(rf"(?i)\b(?:{_PART_WORDS})\b")
# In a bold line or list item, only at its start ("**Attendees**:", "- Action items:"): a list
# of things anywhere in a document may mention "updates" in passing.
_PART_AT_START = re.compile(rf"(?i)^(?:{_PART_WORDS})\b")
_MEETING_TITLE = re.compile(r"(?i)\b(?:meeting|minutes|agenda|sync|standup|stand-up|call|notes|retro)\b")

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_BOLD = re.compile(r"^ {0,3}(?:\*\*|__)(.+?)(?:\*\*|__)")
_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?(?:\*\*|__)?(.*)$")


def head_of(text: str) -> str:
    """The part of a report discovery reads: its first 80 lines, at most ``HEAD_BYTES`` characters."""
    return _head(text[:HEAD_BYTES])


def read_head(path: str | os.PathLike[str]) -> str | None:
    """The head of the file at ``path`` (None when it cannot be read)."""
    try:
        # Four bytes a character at most: the head's characters are all read.
        data = read_regular_head(path, 4 * HEAD_BYTES)
    except OSError:  # also a FIFO or a device: never waited on, never a report
        return None
    return head_of(data.decode("utf-8", "replace").removeprefix("\ufeff"))


def is_report(path: str | os.PathLike[str], head: str | None, config: Config, outline: Outline | None) -> Verdict:
    """Whether the file at ``path`` with this ``head`` (None: unreadable) is a meeting report.

    ``outline`` is the outline that applies to the file (its date fields and
    section titles are meeting evidence); with series configured it is not read.
    """
    location = Path(path)
    if excluded(location, config.exclude, config.root):
        return Verdict(False, "the configuration excludes it")
    if config.series:
        for series in config.series:
            if in_series(location, series, config.root):
                return Verdict(True, f"in series '{series.name}'")
        return Verdict(False, "no configured series matches it")
    return _looks_like_report(location, head, config, outline)


def _looks_like_report(location: Path, head: str | None, config: Config, outline: Outline | None) -> Verdict:
    name = location.name
    if _PROJECT_FILE.match(name):
        return Verdict(False, "a project file, not a report")
    if "template" in name.casefold():
        return Verdict(False, "a template")
    if ".github" in os.fspath(location) and ".github" in _parts(location, config.root):
        return Verdict(False, "under .github/")
    if head is None:
        return Verdict(False, "cannot be read")
    folder_date = _date_in_folder(location.parent.name)
    if name.casefold() in _INDEX:
        when = folder_date or _head_date(head, config, outline)
        if when is None:
            return Verdict(False, "an index page")
    else:
        # The names first: they cost less to read than the head.
        when = date_in_name(name) or folder_date or _head_date(head, config, outline)
    if when is None:
        return Verdict(False, "no meeting date in its head, folder name or file name")
    parts = _meeting_parts(head, outline)
    if len(parts) < 2:
        found = f" (only {parts[0]!r})" if parts else ""
        return Verdict(False, f"no meeting sections such as agenda, attendees or action items{found}")
    return Verdict(True, f"dated {when.isoformat()}, with {', '.join(repr(p) for p in parts[:3])}")


def _parts(location: Path, root: Path) -> tuple[str, ...]:
    """The folders of ``location`` below ``root`` (as given, when it is not below it)."""
    try:
        return location.resolve().relative_to(root.resolve()).parts
    except (OSError, ValueError):
        return location.parts


def _date_in_folder(folder: str) -> date | None:
    """A date in a folder name: ``2026-05-12-community`` or ``20260512-community``."""
    return date_in_folder_name(folder)


def _head_date(head: str, config: Config, outline: Outline | None) -> date | None:
    """The meeting date the head carries: front matter, an outline date field, the H1 or first heading.

    The same sources, in the same order, as series order reads (``compass_lint.series.head``).
    """
    return head_date(head, outline if outline is not None else Outline(sections=()), config)


def _meeting_parts(head: str, outline: Outline | None, enough: int = 2) -> list[str]:
    """Up to ``enough`` lines of ``head`` that name a part of a meeting (a title naming a meeting counts once)."""
    titles = outline.loose_titles if outline is not None else frozenset()
    found: list[str] = []
    title_seen = False
    fenced = False
    for line in head.split("\n"):
        stripped = line.lstrip()
        # Most lines are prose: only a heading, bold line, list item or fence can count.
        if not stripped or stripped[0] not in _LEADS:
            continue
        if stripped.startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced:
            continue
        heading = _HEADING.match(line)
        if heading is not None:
            text = _plain(heading.group(2))
            if not title_seen:
                title_seen = True
                if _MEETING_TITLE.search(text) or _only_date(text):
                    found.append(text)
            elif (_may_name_part(text) and _PART_IN_HEADING.search(text)) or _known(text, titles):
                found.append(text)
        else:
            lead = _BOLD.match(line) or _ITEM.match(line)
            if lead is not None:
                text = _plain(lead.group(1))
                if (_may_name_part(text) and _PART_AT_START.match(text)) or _known(text, titles):
                    found.append(text)
        if len(found) >= enough:
            break
    return found


_LEADS = frozenset("#*_-+0123456789`~")
# A word of each part, lower case: a substring test rules most lines out before the regex.
_STEMS: tuple[str, ...] = ("agenda", "attend", "present", "minute", "note", "action", "step", "decision")
_STEMS += ("update", "announce", "follow", "discussion", "issue", "pr")


def _may_name_part(text: str) -> bool:
    """False when ``text`` cannot name a meeting part (``_PART_WORDS``)."""
    lowered = text.lower()
    return any(stem in lowered for stem in _STEMS)


def _only_date(text: str) -> bool:
    """Whether a title is a date and nothing else (``# 2019-04-11``): a dated entry, not a page."""
    found = date_in_name(text)
    return found is not None and not re.sub(r"[\d\s./-]", "", text)


def _plain(text: str) -> str:
    """Heading or item text without emphasis marks, numbering and a trailing colon."""
    text = text.replace("**", "").replace("__", "").strip(" *_:")
    return split_number(text)[1]


def _known(text: str, titles: frozenset[str]) -> bool:
    """Whether ``text`` is one of the outline's section titles (a short line only)."""
    return len(text) <= 80 and loose_title(text.split(":", 1)[0]) in titles
