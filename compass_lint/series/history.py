"""Report history: a report's series on disk, its predecessor, and the series' action timeline.

Series order (docs/history.md, "Series order"): by the meeting date, taken from
the first source that holds one: the front matter's ``date:``; the outline's
date field (``Opening Date`` in the builtin outline); a date in the H1 or the
first heading; the name of the report's dated folder (a folder per meeting:
``20260512-community/index.md``); the file name (``2018-01-26_weekly_report.md``,
``2026-04-2.md``). Ties are broken by the full path, never by a listing order.
Reports without any date come last.

Without configuration, a report's series follows the layout it is in
(``compass_lint.series.layout``): the reports of its folder whose head carries
a date (several series interleaved in one folder told apart by the name after
the date), the dated files of its sibling year folders, or the files of its
name in its sibling dated folders.

The reports themselves are read and kept by ``compass_lint.series.store``;
which items are the same action is the timeline's business
(``compass_lint.series.timeline``), built once per series.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from compass_lint.core.digest import digest
from compass_lint.core.settings import Config
from compass_lint.markdown.source import SourceText, leaves_root
from compass_lint.outline.spec import Outline
from compass_lint.series import layout
from compass_lint.series.discovery import Verdict, is_report, read_head
from compass_lint.series.membership import excluded, series_files, series_for
from compass_lint.series.reading import Reader, read_file
from compass_lint.series.store import Loaded, ReportStore, StrPath
from compass_lint.series.thread import Thread
from compass_lint.series.timeline import SeriesActions, Timeline

if TYPE_CHECKING:
    from compass_lint.model.actions import ActionInfo
    from compass_lint.model.report import Report


class History:
    """Per-run view of report series: members in order, predecessors, timelines.

    Methods take a ``str`` or a ``Path``; reports are keyed by their resolved path.
    ``read`` gives a report's bytes by that path (see ``ReportStore``); which
    files make up a series is still decided by the folder on disk.
    """

    def __init__(
        self,
        config: Config,
        outline_for: Callable[[str], Outline],
        keep_models: bool = False,
        want_digests: bool = False,
        read: Reader = read_file,
    ) -> None:
        self.config = config
        self.store = ReportStore(config, outline_for, keep_models, want_digests, read)
        self._groups: dict[str, list[str]] = {}
        self._positions: dict[str, dict[str, int]] = {}
        self._timelines: dict[str, Timeline] = {}
        self._chains: dict[tuple[str, str], str] = {}
        # Per layout scope (see ``layout.scope``): its members, and the series group of each.
        self._scopes: dict[layout.Scope, tuple[list[str], dict[str, str]]] = {}
        self._verdicts: dict[str, Verdict] = {}

    def load(self, path: StrPath) -> Loaded:
        """What history needs of a report, parsed once per run."""
        return self.store.load(path)

    def content_digest(self, path: StrPath) -> str | None:
        """A digest of the report's content on disk (None when it cannot be read)."""
        return self.store.content_digest(path)

    def verdict(self, path: StrPath) -> Verdict:
        """Whether ``path`` is a meeting report, and why (``compass_lint.series.discovery``), once per run."""
        key = self.store.key(path)
        found = self._verdicts.get(key)
        if found is None:
            outline = None if self.config.series else self.store.outline(key)
            found = self._verdicts[key] = is_report(key, read_head(key), self.config, outline)
        return found

    def judged(self, path: StrPath, verdict: Verdict) -> None:
        """What discovery already found about ``path`` (a folder walk judges every file it finds)."""
        self._verdicts.setdefault(self.store.key(path), verdict)

    def looks_like_report(self, path: StrPath, source: SourceText | None = None) -> bool:
        """Whether the head of ``path`` (of ``source`` when given: an editor's text) has the first date field."""
        return self.store.dated(path, source) is not None

    def remember(self, path: StrPath, report: Report, source: SourceText, on_disk: bool = False) -> None:
        """Reuse a report the linter already parsed (see ``ReportStore.remember``).

        A report whose text is not the one on disk (standard input, a fix in
        memory) is read into its series' timeline again.
        """
        self.store.remember(path, report, source, on_disk)
        if on_disk:
            return
        key = self.store.key(path)
        for group, timeline in list(self._timelines.items()):
            index = self._positions.get(group, {}).get(key)
            if index is None or index >= timeline.read:
                continue
            if index == timeline.read - 1 and timeline.can_forget_newest:
                timeline.forget_newest()
            else:
                del self._timelines[group]  # read again from the start when next asked

    def members(self, path: StrPath) -> list[Path]:
        """The series ``path`` belongs to, in series order (``path`` included)."""
        return [Path(member) for member in self._place(path)[1]]

    def previous(self, path: StrPath) -> str | None:
        """The report before ``path`` in its series (its resolved path)."""
        _, series, index = self._place(path)
        return series[index - 1] if index > 0 else None

    def timeline(self, path: StrPath) -> Timeline:
        """The action timeline of ``path``'s series, read up to ``path``."""
        group, series, index = self._place(path)
        timeline = self._timeline(group, series)
        timeline.read_to(index)
        return timeline

    def series_actions(self, path: StrPath) -> SeriesActions:
        """Every action of ``path``'s whole series, read to its newest report."""
        group, series, _ = self._place(path)
        return self._timeline(group, series).read_all()

    def threads(self, path: StrPath, to_end: bool = False) -> list[Thread]:
        """For each action item of ``path``: its action's occurrences up to ``path``.

        ``to_end``: read the series' timeline to its newest report first, so that
        each thread's action knows whether a later report carries it.
        """
        group, series, index = self._place(path)
        timeline = self._timeline(group, series)
        threads = timeline.threads(index)
        if to_end:
            timeline.read_all()
        return threads

    def _timeline(self, group: str | None, series: list[str]) -> Timeline:
        def actions(member: str) -> list[ActionInfo]:
            return self.load(member).actions

        if group is None:  # a file placed in a series it is not a member of: not kept
            return Timeline(series, actions, self.config.match_threshold)
        if group not in self._timelines:
            self._timelines[group] = Timeline(series, actions, self.config.match_threshold)
        return self._timelines[group]

    def _place(self, path: StrPath) -> tuple[str | None, list[str], int]:
        """``path``'s series group (None: not a member), the series in order, and its index there."""
        key = self.store.key(path)
        configured = series_for(Path(key), self.config) if self.config.series else None
        if configured is None:
            return self._place_by_layout(key)
        group = f"series:{configured.name}"
        if group not in self._groups:
            root = self.config.root
            found = [
                self.store.key(p) for p in series_files(configured, root) if not excluded(p, self.config.exclude, root)
            ]
            self._keep(group, found)
        return self._index(group, key)

    def _place_by_layout(self, key: str) -> tuple[str | None, list[str], int]:
        """Place ``key`` in the series its layout gives it (no series configured)."""
        where = layout.scope(key)
        if where not in self._scopes:
            # Members are the reports of the scope, as discovery tells them (a date and the parts
            # of meeting notes): a README, a template or an index page is never part of a series.
            members = [
                member
                for member in self._scope_files(where)
                if layout.scope(member) == where
                and not excluded(member, self.config.exclude, self.config.root)
                and self.verdict(member).report
            ]
            groups: dict[str, str] = {}
            for series_key, found in layout.group_series(members).items():
                self._keep(f"layout:{series_key}", found)
                groups.update(dict.fromkeys(found, f"layout:{series_key}"))
            self._scopes[where] = (members, groups)
        members, groups = self._scopes[where]
        group = groups.get(key)
        if group is None:  # not a member: the series it would join (asked again for each of its pair rules)
            group = groups[key] = f"layout:{layout.series_key(key, members)}"
        return self._index(group, key)

    def _keep(self, group: str, members: list[str]) -> None:
        """Keep a series in order, with the position of each member."""
        series = self._groups[group] = sorted(members, key=self._order_key)
        # Positions once per series: a linear search per report is quadratic in a long archive.
        self._positions[group] = {member: index for index, member in enumerate(series)}

    def _index(self, group: str, key: str) -> tuple[str | None, list[str], int]:
        series = self._groups.get(group, [])
        index = self._positions.get(group, {}).get(key)
        if index is None:
            # A file that does not look like a report still gets its place in the order.
            series = sorted([*series, key], key=self._order_key)
            return None, series, series.index(key)
        return group, series, index

    def _scope_files(self, where: layout.Scope) -> list[str]:
        """The ``*.md`` files a layout scope may hold: of its folder, or of its year or dated folders."""
        if where.kind == "folder":
            return self._markdown_files(where.folder)
        try:
            entries = list(os.scandir(where.folder))
        except OSError:
            return []
        found: list[str] = []
        for entry in sorted(entries, key=lambda e: e.name):
            if layout.holds(where, entry.name) and entry.is_dir():
                found.extend(self._markdown_files(os.path.realpath(entry.path)))
        return found

    def _markdown_files(self, folder: str) -> list[str]:
        """The ``*.md`` files of a (resolved) folder, resolved, in no particular order.

        ``os.scandir`` says whether an entry is a link or a file without a system
        call per file: a pre-commit run on one report reads its whole folder.
        """
        found: list[str] = []
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return found
        for entry in entries:
            if not entry.name.endswith(".md"):
                continue
            try:
                if entry.is_symlink():
                    target = self.store.key(entry.path)
                    # A link out of the project is not a sibling: it is never read (nor quoted).
                    if os.path.isfile(target) and not leaves_root(entry.path, self.store.config.root):
                        found.append(target)
                elif entry.is_file():
                    target = entry.path  # the folder joined with the name
                    self.store.known_plain(target)
                    found.append(target)
            except OSError:
                continue
        return list(dict.fromkeys(found))  # a link to a sibling is that sibling, once

    def _order_key(self, key: str) -> tuple[bool, date, str]:
        return layout.order_key(key, self.store.dated(key))

    def chain_digest(self, path: StrPath, to_end: bool = False) -> str:
        """A digest of every report of the series up to ``path`` (``to_end``: all of them): what history reads."""
        _, series, index = self._place(path)
        chain = ""
        for member in series if to_end else series[: index + 1]:
            link = (chain, member)
            if link not in self._chains:
                self._chains[link] = digest(chain, member, self.content_digest(member) or "-")
            chain = self._chains[link]
        return chain
