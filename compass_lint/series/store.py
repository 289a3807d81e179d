"""The store of reports read for history: resolved paths, head dates, digests, loaded models.

pre-commit passes only changed files, in shuffled parallel batches, so a
report's predecessor is always read from disk, never taken from the batch:
the findings for a file depend only on the files on disk, not on which other
files were passed with it.
"""

from __future__ import annotations

import os
import re
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from compass_lint.core.dates import parse_date
from compass_lint.core.digest import digest
from compass_lint.core.settings import Config
from compass_lint.markdown.source import SourceText, decode, read_regular
from compass_lint.outline.spec import ROLES, Outline

if TYPE_CHECKING:
    from compass_lint.model.actions import ActionInfo
    from compass_lint.model.report import Field, Report

# start-up: parsing, the model and action analysis (mistune) are imported where a report is
# read (in ``load`` and ``_describe``): ordering a series and cache keys need only the heads of files.

_HEAD_LINES = 80
# Bounded: a run over 10,000 reports must not hold them all. A series is read in
# order, so what a report's history needs was read just before.
_KEEP_REPORTS = 256

Key = TypeVar("Key", bound=Hashable)
StrPath = str | os.PathLike[str]
Value = TypeVar("Value")


class _Recent(Generic[Key, Value]):
    """A mapping that keeps only the ``size`` entries used last."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Key, Value] = OrderedDict()

    def get(self, key: Key) -> Value | None:
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
        return found

    def put(self, key: Key, value: Value) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        if len(self._items) > self.size:
            self._items.popitem(last=False)


@dataclass
class Loaded:
    """What history keeps of a report: its fields, actions and where they are.

    The full model is kept only when asked for (``compass-lint new``): a run
    over thousands of reports must not hold every parsed document.
    """

    path: str  # resolved
    actions: list[ActionInfo]
    fields: dict[str, Field] = field(default_factory=dict)
    roles: dict[str, Field] = field(default_factory=dict)  # the fields by outline role
    title_line: int = 1
    actions_line: int | None = None
    report: Report | None = None
    gave_up: bool = False  # parsing it ran over the time budget: no actions known


def _date_field_names(outline: Outline) -> tuple[str, ...]:
    """The field whose date orders a series: the opening date, else the meeting date, else the first date field."""
    spec = outline.field_with("opening") or outline.field_with("meeting-date")
    if spec is None:
        spec = next((s for s in outline.fields if "date" in s.kind.split("-")), None)
    return (spec.name, *spec.aliases) if spec is not None else ()


@lru_cache(maxsize=32)
def _head_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?i)(?:^|[\s*_#-])(?:{alternatives})\s*[*_]*\s*:\s*[*_]*\s*(?P<value>.+)$")


# The only non-ASCII characters that Python's case-insensitive matching pairs
# with ASCII letters (tests/test_history.py checks every code point).
ASCII_TWINS = ("\u0130", "\u0131", "\u017f", "\u212a")


def _may_name(head: str, names: tuple[str, ...]) -> bool:
    """False when no line of ``head`` can hold one of ``names``: a substring test, not a regex per line.

    Ordering a series reads the head of every report in its folder, and most
    files of a large archive hold no date field at all.
    """
    if not all(name.isascii() for name in names):
        return True
    if any(twin in head for twin in ASCII_TWINS):
        return True  # rare: leave it to the regex
    # UTF-8 bytes lowercase only their ASCII letters, faster than str.lower outside ASCII; a
    # character outside ASCII holds no ASCII byte, so it cannot take part in a name.
    lowered = head.encode("utf-8", "surrogatepass").lower()
    return any(name.lower().encode("ascii") in lowered for name in names)


# The first _HEAD_LINES lines, cut in one match: splitting the whole text copied
# the rest of it, and joining the lines again copied the head.
_HEAD = re.compile(r"(?:[^\n]*\n){0," + str(_HEAD_LINES - 1) + r"}[^\n]*")


def _head(text: str) -> str:
    """The first ``_HEAD_LINES`` lines of ``text`` (without the newline after the last)."""
    found = _HEAD.match(text)
    assert found is not None  # the pattern matches any text, if only the empty string
    return found.group()


def head_date(text: str, outline: Outline, config: Config) -> date | None:
    """The first date field's date, read from the head of a report."""
    names = _date_field_names(outline)
    if not names:
        return None  # an outline without a date field: the series is ordered by file names
    head = _head(text)
    if not _may_name(head, names):
        return None
    pattern = _head_pattern(names)
    for line in head.split("\n"):
        match = pattern.search(line)
        if match:
            return parse_date(match.group("value"), config.date_formats)
    return None


_POSIX = os.sep == "/" and os.altsep is None  # elsewhere "\\" separates too: pathlib splits those paths


def _split(text: str) -> tuple[str, str]:
    """``Path(text)``'s parent and name as strings ("a//b/." is "a/b": parent "a", name "b").

    A POSIX path without doubled slashes or "." parts (what folder walks and
    the command line usually give) is split as it is, without building a ``Path``.
    """
    plain = text and "//" not in text and "/./" not in text and not text.startswith("./") and text[-1] not in "/."
    if plain and _POSIX:
        head, _, name = text.rpartition("/")
        return (head or ("/" if text.startswith("/") else ".")), name
    parsed = Path(text)
    return os.fspath(parsed.parent), parsed.name


class ReportStore:
    """Per-run store of reports read for history.

    Every path is kept as the string of its resolved form: a run over 10,000
    reports asks for the same paths many times per file, and ``Path`` objects
    cost about 1 KB each and a parse per operation. Methods take a ``str`` or
    a ``Path``.
    """

    def __init__(
        self,
        config: Config,
        outline_for: Callable[[str], Outline],
        keep_models: bool = False,
        want_digests: bool = False,
    ) -> None:
        self.config = config
        self._outline_for = outline_for
        self._keep_models = keep_models
        self._loaded: _Recent[str, Loaded] = _Recent(_KEEP_REPORTS)
        # Per file: its head's date (None: none, or unreadable) and, for cache
        # keys only, a digest of its content (None: unreadable).
        self._dates: dict[str, date | None] = {}
        self._digests: dict[str, str | None] = {}
        self._want_digests = want_digests
        self._resolved: dict[str, str] = {}
        self.plain: set[str] = set()  # resolved files a folder listing showed are not links
        self.gave_up: set[str] = set()  # reports whose parsing ran over the time budget (see Loaded)
        self._outline: Outline | None = None  # the one outline of a run without series

    def key(self, path: StrPath) -> str:
        """``path.resolve()`` as a string, once per path: a run asks for the same few paths over and over.

        A folder is resolved once for all its files; only a file that is itself
        a symbolic link is resolved on its own.
        """
        text = os.fspath(path)
        found = self._resolved.get(text)
        if found is None:
            parent, name = _split(text)
            folder = self._resolved.get(parent)
            if folder is None:
                folder = self._resolved[parent] = os.path.realpath(parent)
            found = os.path.join(folder, name)
            # A folder already listed says which of its files are plain files, not links.
            if found not in self.plain and (os.path.islink(text) or not name):
                found = os.path.realpath(text)
            # One string per file: the folder listing made an equal one (a resolved path is its own key).
            found = self._resolved[text] = self._resolved.setdefault(found, found)
        return found

    def known_plain(self, path: str) -> None:
        """``path`` (a resolved folder joined with a name) was listed as a plain file, not a link."""
        self._resolved.setdefault(path, path)
        self.plain.add(path)

    def outline(self, path: StrPath) -> Outline:
        """The outline that applies to ``path``."""
        if self.config.series:
            return self._outline_for(os.fspath(path))
        # Without series one schema applies to every file: ask once, not per file.
        if self._outline is None:
            self._outline = self._outline_for(os.fspath(path))
        return self._outline

    def text(self, path: StrPath) -> SourceText | None:
        """A report's decoded text, read from disk (None when unreadable)."""
        try:
            key = self.key(path)
        except OSError:
            return None
        return self._contents(key)[1]

    def _contents(self, key: str) -> tuple[bytes | None, SourceText | None]:
        """A file's bytes (None: cannot be read) and its decoded text (None: unreadable)."""
        try:
            data = read_regular(key, self.config.max_file_size)
        except OSError:  # also a FIFO, a device, or a file over max-file-size: never read
            return None, None
        decoded = decode(data, self.config.max_file_size)
        return data, decoded if isinstance(decoded, SourceText) else None

    def dated(self, path: StrPath, source: SourceText | None = None) -> date | None:
        """The head's date of ``path`` (of ``source`` when given: stdin need not match the disk)."""
        key = self.key(path)
        if source is not None:
            self._dates[key] = head_date(source.text, self.outline(key), self.config)
        elif key not in self._dates:
            self._read(key, self._want_digests)
        return self._dates[key]

    def content_digest(self, path: StrPath) -> str | None:
        """A digest of the report's content on disk (None when it cannot be read)."""
        key = self.key(path)
        if key not in self._digests:
            self._read(key, True)
        return self._digests[key]

    def _read(self, key: str, with_digest: bool) -> None:
        # The digest is for cache keys only: hashing every report of a run without
        # the cache would be wasted. It hashes the bytes read (encoding the text
        # again would cost as much as the hash).
        data, source = self._contents(key)
        if key not in self._dates:
            self._dates[key] = head_date(source.text, self.outline(key), self.config) if source is not None else None
        if with_digest:
            self._digests[key] = digest(data) if data is not None and source is not None else None

    def remember(self, path: StrPath, report: Report, source: SourceText, on_disk: bool = False) -> None:
        """Reuse a report the linter already parsed.

        Its head's date is taken from ``source``: standard input, or a fix in
        memory, need not match the disk. ``on_disk``: ``source`` was just read
        from the file itself, so a date already read from the disk (placing an
        earlier report of the series reads them all) stands; reading it again
        cost every report a second parse of its head.
        """
        key = self.key(path)
        if not (on_disk and key in self._dates):
            self.dated(key, source)
        self._loaded.put(key, self._light(key, report))

    def _light(self, key: str, report: Report) -> Loaded:
        sections = [s for s in report.sections if s.id and report.outline.by_id(s.id).holds_actions]
        return Loaded(
            key,
            self._describe(report),
            fields=dict(report.fields),
            roles={role: found for role in ROLES if (found := report.field_with(role)) is not None},
            title_line=report.title_line,
            actions_line=sections[0].line if sections else None,
            report=report if self._keep_models else None,
        )

    def _describe(self, report: Report) -> list[ActionInfo]:
        # start-up: see the note at the top
        from compass_lint.model.actions import describe

        markers, exempt = self.config.completion_markers, self.config.exempt_actions
        return [describe(item, markers, exempt) for item in report.action_items()]

    def load(self, path: StrPath) -> Loaded:
        """What history needs of a report, parsed once per run."""
        key = self.key(path)
        found = self._loaded.get(key)
        if found is None:
            # start-up: see the note at the top
            from compass_lint.series.parsing import parse_within

            source = self.text(key)
            report = None if source is None else parse_within(source, self.outline(key), self.config)
            found = self._light(key, report) if report is not None else Loaded(key, [], gave_up=source is not None)
            if found.gave_up:
                self.gave_up.add(key)
            self._loaded.put(key, found)
        return found
