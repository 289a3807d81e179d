"""The action tracker: every action item of a series, followed forward.

An action missing from just one report and back in the next with the same
issue link is the same action (agendas skip items for a meeting).

Each tracked action has its first appearance, its occurrences, how many
reports it has been carried, its owner (when written), and a status: open,
completed in report X, or dropped in report X (it vanished without a
completion marker).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from compass_lint.series.history import History, Occurrence


@dataclass
class TrackedAction:
    """One action across the series."""

    occurrences: list[Occurrence] = field(default_factory=list)
    status: str = "open"
    status_report: str | None = None

    @property
    def first(self) -> Occurrence:
        """Where the action first appeared."""
        return self.occurrences[0]

    @property
    def latest(self) -> Occurrence:
        """Its newest occurrence."""
        return self.occurrences[-1]

    @property
    def carried(self) -> int:
        """How many times it was carried to a later report."""
        return len(self.occurrences) - 1

    @property
    def owner(self) -> str | None:
        """The newest owner written on it."""
        for occurrence in reversed(self.occurrences):
            if occurrence.info.owner:
                return occurrence.info.owner
        return None


def _revive(dropped: list[TrackedAction], links: frozenset[str]) -> TrackedAction | None:
    """An action missing from one report that comes back with the same issue link.

    Agendas skip an item for a meeting and pick it up again; an issue link is
    identity enough to bridge that one-report gap (text alone is not).
    """
    if not links:
        return None
    for tracked in dropped:
        if tracked.latest.info.links & links:
            dropped.remove(tracked)
            tracked.status, tracked.status_report = "open", None
            return tracked
    return None


@dataclass
class SeriesActions:
    """The tracked actions of one series and its reports in order."""

    reports: list[Path]
    actions: list[TrackedAction]


def track(history: History, series: list[Path]) -> SeriesActions:
    """Follow every action item forward through ``series`` (in series order)."""
    actions: list[TrackedAction] = []
    open_by_index: dict[int, TrackedAction] = {}
    just_dropped: list[TrackedAction] = []
    for k, path in enumerate(series):
        loaded = history.load(path)
        pairs = history.match(path, series[k - 1]) if k > 0 else {}
        now: dict[int, TrackedAction] = {}
        for index, info in enumerate(loaded.actions):
            if not info.key:
                continue
            earlier = pairs.get(index)
            tracked = open_by_index.get(earlier) if earlier is not None else None
            if tracked is None:
                tracked = _revive(just_dropped, info.links)
            if tracked is None:
                tracked = TrackedAction()
                actions.append(tracked)
            tracked.occurrences.append(Occurrence(str(path), info.line, info))
            now[index] = tracked
        continued = {id(t) for t in now.values()}
        just_dropped = []
        for tracked in open_by_index.values():
            if id(tracked) not in continued and tracked.status == "open":
                completed = tracked.latest.info.completed
                tracked.status = "completed" if completed else "dropped"
                tracked.status_report = str(tracked.latest.path if completed else path)
                if not completed:
                    just_dropped.append(tracked)
        open_by_index = now
    for tracked in open_by_index.values():
        if tracked.latest.info.completed:
            tracked.status = "completed"
            tracked.status_report = tracked.latest.path
    for tracked in actions:
        # Completed in the first report that marked it, even if carried afterwards.
        done = next((o for o in tracked.occurrences if o.info.completed), None)
        if done is not None:
            tracked.status, tracked.status_report = "completed", done.path
    return SeriesActions(reports=series, actions=actions)
