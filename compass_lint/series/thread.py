"""An action's occurrences across a series, and one item's thread through them.

``series.timeline`` builds them; the rules (CL301-CL303), ``actions`` and its page read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from compass_lint.model.actions import ActionInfo


class Occurrence(NamedTuple):
    """One appearance of an action item in one report."""

    path: str
    line: int
    info: ActionInfo


@dataclass(eq=False)
class Action:
    """One action across the series: its occurrences, oldest first."""

    occurrences: list[Occurrence] = field(default_factory=list)
    dropped_in: str | None = None  # the report that no longer listed it, while it is not back
    # Per occurrence: where its run of incomplete occurrences starts (its own index + 1 when it is
    # completed). Kept as the timeline grows, so that a thread's open run costs O(1), not O(carries).
    open_from: list[int] = field(default_factory=list)

    def add(self, occurrence: Occurrence) -> None:
        """Append the action's occurrence in the next report that lists it."""
        index = len(self.occurrences)
        # A completed occurrence ends the run; an incomplete one continues the run before it.
        start = index + 1 if occurrence.info.completed else (self.open_from[-1] if index else 0)
        self.occurrences.append(occurrence)
        self.open_from.append(start)

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

    @property
    def completed_in(self) -> Occurrence | None:
        """The first occurrence that marks it completed."""
        return next((o for o in self.occurrences if o.info.completed), None)

    @property
    def status(self) -> str:
        """``completed``, ``dropped`` or ``open`` (as of the newest report read)."""
        if self.completed_in is not None:
            return "completed"
        return "dropped" if self.dropped_in is not None else "open"

    @property
    def hold(self) -> str | None:
        """``standing`` or ``snoozed until …`` while it is open and its newest occurrence is so marked."""
        return self.latest.info.hold if self.status == "open" else None

    @property
    def status_report(self) -> str | None:
        """The report where it was completed or dropped (None while open)."""
        done = self.completed_in
        return done.path if done is not None else self.dropped_in


class Thread:
    """One item followed back through the series, up to and including its ``current`` occurrence.

    ``action``: the item's action (None for an item that is not one), whose
    occurrences go on as far as the timeline has been read. What the rules read
    (``before``, ``open_count``, ``open_first``, ``open_related``) costs the same
    whatever the length of the series; ``occurrences`` and ``open_run`` copy the
    thread and are for callers that show all of it.
    """

    def __init__(self, current: Occurrence, action: Action | None = None, position: int = 0) -> None:
        self.current = current
        self.action = action
        self._position = position
        self._open_from = action.open_from[position] if action is not None else (1 if current.info.completed else 0)

    @property
    def occurrences(self) -> list[Occurrence]:
        """Every occurrence, oldest first."""
        if self.action is None:
            return [self.current]
        return self.action.occurrences[: self._position + 1]

    @property
    def before(self) -> Occurrence | None:
        """The occurrence before the current one (None for an item seen for the first time)."""
        return self.action.occurrences[self._position - 1] if self.action is not None and self._position else None

    @property
    def carried_later(self) -> bool:
        """Whether a later report read so far lists the action again."""
        return self.action is not None and self.action.latest != self.current

    @property
    def open_count(self) -> int:
        """The length of the newest run of incomplete occurrences (ending at the current one)."""
        return self._position + 1 - self._open_from

    @property
    def open_first(self) -> Occurrence | None:
        """The oldest occurrence of that run (None when the current occurrence is completed)."""
        if not self.open_count:
            return None
        return self.current if self.action is None else self.action.occurrences[self._open_from]

    def open_related(self, limit: int) -> list[Occurrence]:
        """The run's occurrences before the current one: its first and at most ``limit - 1`` newest."""
        earlier = self.open_count - 1
        if earlier <= 0 or self.action is None:
            return []
        occurrences, start = self.action.occurrences, self._open_from
        if earlier <= limit:
            return occurrences[start : self._position]
        return [occurrences[start], *occurrences[self._position - limit + 1 : self._position]]

    @property
    def open_run(self) -> list[Occurrence]:
        """The newest run of incomplete occurrences (ending at the current report)."""
        if self.action is None:
            return [self.current] if self.open_count else []
        return self.action.occurrences[self._open_from : self._position + 1]
