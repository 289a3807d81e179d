"""The action timeline: every action item of one series, followed forward report by report.

This is the only code that says which items of consecutive reports are the same
action. CL301-CL303 read an item's thread (its occurrences up to a report),
``compass-lint actions`` and its HTML page read each action's occurrences and
status, and ``compass-lint new`` reads which actions are still open.

Identity, report ``k`` against report ``k - 1``:

1. items are paired one to one by ``match_items`` (the same issue link, or
   similar text; best scores first);
2. an item left without a pair that links the same issue as an action which
   report ``k - 1`` no longer listed (it was in ``k - 2``) continues that
   action: agendas skip an item for a meeting and pick it up again, and an
   issue link is identity enough to bridge that one-report gap (text is not);
3. any other item starts a new action. Exempt items (an empty key: template
   placeholders, ``exempt-actions``) are not actions.

Status: *completed* in the first report whose occurrence carries a completion
marker (even if it is still listed afterwards, which is CL303); else *dropped*
in the first report that no longer lists it; else *open*.

The timeline is built once per series and forward only, so checking a series
costs one pairing per pair of consecutive reports, whatever its length.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from compass_lint.series.pairing import match_items
from compass_lint.series.thread import Action, Occurrence, Thread

if TYPE_CHECKING:
    from compass_lint.model.actions import ActionInfo


class SeriesActions(NamedTuple):
    """A whole series' reports (in order) and its actions: what ``actions`` and its page show."""

    reports: list[Path]
    actions: list[Action]


Slot = tuple[Action, int] | None  # an item's action and its occurrence index; None: not an action


@dataclass
class _Undo:
    """What one step changed, so that the newest report can be read again (a fix in memory)."""

    actions: int
    occurrences: list[tuple[Action, int, str | None]]
    open: dict[int, Action]
    just_dropped: list[Action]
    previous: list[ActionInfo]


class Timeline:
    """The actions of one series (``reports`` in series order), read as far as asked.

    ``load(path)`` gives a report's action items; ``threshold`` is ``match-threshold``.
    """

    def __init__(self, reports: list[str], load: Callable[[str], list[ActionInfo]], threshold: float) -> None:
        self.reports = reports
        self.actions: list[Action] = []
        self._load = load
        self._threshold = threshold
        self._slots: list[list[Slot]] = []  # per report read: per item
        self._items: list[list[ActionInfo]] = []
        self._open: dict[int, Action] = {}  # item index in the newest report read -> its action
        self._just_dropped: list[Action] = []
        self._previous: list[ActionInfo] = []
        self._undo: _Undo | None = None

    @property
    def read(self) -> int:
        """How many reports of the series have been read."""
        return len(self._slots)

    def read_to(self, index: int) -> None:
        """Read the series up to and including report ``index``."""
        while self.read <= min(index, len(self.reports) - 1):
            self._step()

    def read_all(self) -> SeriesActions:
        """Read every report of the series; its reports and actions."""
        self.read_to(len(self.reports) - 1)
        return self.so_far()

    def so_far(self) -> SeriesActions:
        """The reports read so far and their actions, with each action's status as of the newest."""
        return SeriesActions([Path(report) for report in self.reports[: self.read]], self.actions)

    def forget_newest(self) -> None:
        """Undo the newest report read (only that one can be undone)."""
        undo = self._undo
        assert undo is not None and self._slots, "forget_newest follows a step"
        del self.actions[undo.actions :]
        for action, length, dropped_in in undo.occurrences:
            del action.occurrences[length:]
            del action.open_from[length:]
            action.dropped_in = dropped_in
        self._open, self._just_dropped, self._previous = undo.open, undo.just_dropped, undo.previous
        self._slots.pop()
        self._items.pop()
        self._undo = None

    @property
    def can_forget_newest(self) -> bool:
        """Whether ``forget_newest`` may be called."""
        return self._undo is not None

    def threads(self, index: int) -> list[Thread]:
        """For each item of report ``index``: its action's occurrences up to that report."""
        self.read_to(index)
        threads = []
        for item, slot in zip(self._items[index], self._slots[index], strict=True):
            if slot is None:
                threads.append(Thread(Occurrence(self.reports[index], item.line, item)))
            else:
                action, position = slot
                threads.append(Thread(action.occurrences[position], action, position))
        return threads

    def open_items(self, index: int) -> list[int]:
        """Indexes of the items of report ``index`` that are not completed actions (what ``new`` carries)."""
        self.read_to(index)
        return [i for i, slot in enumerate(self._slots[index]) if slot is None or slot[0].completed_in is None]

    def _step(self) -> None:
        k = self.read
        path = self.reports[k]
        items = self._load(path)
        undo = _Undo(len(self.actions), [], self._open, list(self._just_dropped), self._previous)
        touched: set[int] = set()

        def touch(action: Action) -> None:
            if id(action) not in touched:
                touched.add(id(action))
                undo.occurrences.append((action, len(action.occurrences), action.dropped_in))

        pairs = match_items(items, self._previous, self._threshold) if k > 0 else {}
        now: dict[int, Action] = {}
        slots: list[Slot] = []
        for index, info in enumerate(items):
            if not info.key:
                slots.append(None)
                continue
            earlier = pairs.get(index)
            action = self._open.get(earlier) if earlier is not None else None
            if action is None:
                action = self._revive(info.primary)
            if action is None:
                action = Action()
                self.actions.append(action)
            else:
                touch(action)
                action.dropped_in = None
            action.add(Occurrence(path, info.line, info))
            slots.append((action, len(action.occurrences) - 1))
            now[index] = action
        continued = {id(action) for action in now.values()}
        self._just_dropped = []
        for action in self._open.values():
            if id(action) not in continued and not action.latest.info.completed:
                touch(action)
                action.dropped_in = path
                self._just_dropped.append(action)
        self._open, self._previous = now, items
        self._slots.append(slots)
        self._items.append(items)
        self._undo = undo

    def _revive(self, link: str | None) -> Action | None:
        """An action missing from the previous report that comes back with the same primary issue link.

        Each dropped action is revived once (it leaves ``_just_dropped``): two items
        of one report never continue the same action.
        """
        if not link:
            return None
        for action in self._just_dropped:
            if action.latest.info.primary == link:
                self._just_dropped.remove(action)
                return action
        return None
