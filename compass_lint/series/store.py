"""The store of reports read for history: resolved paths, head dates, digests, loaded models.

pre-commit passes only changed files, in shuffled parallel batches, so a
report's predecessor is always read from disk, never taken from the batch:
the findings for a file depend only on the files on disk, not on which other
files were passed with it.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from compass_lint.core.digest import digest
from compass_lint.core.settings import Config
from compass_lint.markdown.source import SourceText, Unreadable, decode
from compass_lint.outline.spec import ROLES, Outline
from compass_lint.series.described import ActionReader, report_date
from compass_lint.series.head import head_date
from compass_lint.series.reading import Reader, read_file

if TYPE_CHECKING:
    from compass_lint.model.actions import ActionInfo
    from compass_lint.model.fields import Field
    from compass_lint.model.report import Report

# start-up: parsing and the model (mistune) are imported where a report is read (in
# ``load``; action analysis in ``compass_lint.series.described``): ordering a series and
# cache keys need only the heads of files.

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
    a ``Path``. Reports are read through ``read`` (the disk by default; the
    language server reads an editor's open buffer instead).
    """

    def __init__(
        self,
        config: Config,
        outline_for: Callable[[str], Outline],
        keep_models: bool = False,
        want_digests: bool = False,
        read: Reader | None = None,
    ) -> None:
        self.config = config
        # Regular files only, and no more than max-file-size of them (a FIFO or /dev/zero is never read).
        self._read_bytes = read or (lambda key: read_file(key, config.max_file_size))
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
        self.unreadable: dict[str, str] = {}  # reports loaded for history that could not be read: why
        self._outline: Outline | None = None  # the one outline of a run without series
        self._reader = ActionReader(config, self.text)

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
        data = self._read_bytes(key)
        if data is None:
            return None, None
        decoded = decode(data, self.config.max_file_size)
        return data, decoded if isinstance(decoded, SourceText) else None

    def _why_unreadable(self, key: str) -> str:
        """CL901's reason for a file ``text`` could not give (read again: this is the rare case)."""
        data = self._read_bytes(key)
        decoded = None if data is None else decode(data, self.config.max_file_size)
        return f"cannot read file ({decoded.message})" if isinstance(decoded, Unreadable) else "cannot read file"

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
        roles = {role: found for role in ROLES if (found := report.field_with(role)) is not None}
        return Loaded(
            key,
            self._reader.describe(key, report, report_date(key, roles)),
            fields=dict(report.fields),
            roles=roles,
            title_line=report.title_line,
            actions_line=sections[0].line if sections else None,
            report=report if self._keep_models else None,
        )

    def load(self, path: StrPath) -> Loaded:
        """What history needs of a report, parsed once per run."""
        key = self.key(path)
        found = self._loaded.get(key)
        if found is None:
            # start-up: see the note at the top
            from compass_lint.series.parsing import parse_within

            source = self.text(key)
            if source is None:
                self.unreadable[key] = self._why_unreadable(key)
            report = None if source is None else parse_within(source, self.outline(key), self.config)
            found = self._light(key, report) if report is not None else Loaded(key, [], gave_up=source is not None)
            if found.gave_up:
                self.gave_up.add(key)
            self._loaded.put(key, found)
        return found
