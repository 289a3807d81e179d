"""Rules across a report series: CL301–CL303 (actions) and CL205 (periods)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from functools import lru_cache
from typing import ClassVar

from compass_lint.core.finding import Finding, Location, Problem, Severity
from compass_lint.markdown.textedit import Edit, Fix, FixSafety
from compass_lint.model.report import Report
from compass_lint.rules.base import PairContext, PairRule
from compass_lint.series.layout import report_name
from compass_lint.series.thread import Occurrence

# CL301's related locations: the first occurrence and the newest before the current one.
RELATED_LIMIT = 20


def display_path(path: str) -> str:
    """A path as users see it: relative to the current folder when below it."""
    return _relative(path, os.getcwd())


@lru_cache(maxsize=512)  # asked for every occurrence of every action, a series at a time
def _relative(path: str, cwd: str) -> str:
    relative = os.path.relpath(path, cwd)
    return path if relative.startswith("..") else relative


def _where(occurrence: Occurrence) -> Location:
    return Location(display_path(occurrence.path), occurrence.line)


class StaleAction(PairRule):
    """An incomplete action item carried from the previous report, where it was also incomplete.

    Reported at the item's line. The message says since which report it has
    been open and for how many reports; ``related`` lists the earlier
    occurrences, oldest first: the first and at most the 19 newest (in a long
    series every finding would otherwise be as long as the series, and the
    output quadratic in its length). ``stale-after`` (default 1) is how many carries
    it takes to fire. Items are the same when their normalised texts are
    equal or similar (``match-threshold``), or they link the same issue or
    pull request first.

    An item marked ``(standing)``, or ``snooze until 2027-03`` while the
    report's date is before that, is not stale. With ``stale-report =
    "latest"`` an action is reported once, in the newest report of its series
    that carries it, instead of in every report.

    Fails (the second report)::

        ## 3. Next actions (team)
        - Write the onboarding guide (Priya)
        ---
        ## 3. Next actions (team)
        - Write the onboarding guide (Priya)

    Passes (the second report)::

        ## 3. Next actions (team)
        - Write the onboarding guide (Priya) **DONE**
    """

    code = "CL301"
    name = "stale-action"
    severity = Severity.WARNING
    reads = ("x-actions",)  # which sections hold action items (for CL302 and CL303 too)

    @classmethod
    def check(cls, pair: PairContext) -> Iterator[Problem]:
        latest_only = pair.config.stale_report == "latest"
        for thread in pair.threads:
            reports = thread.open_count
            carries = reports - 1
            current, first = thread.current, thread.open_first
            if carries < max(pair.config.stale_after, 1) or first is None or current.info.hold is not None:
                continue
            if latest_only and thread.carried_later:
                continue
            related = thread.open_related(RELATED_LIMIT)
            yield Problem(
                current.line,
                current.info.column,
                cls.code,
                f"action open since {report_name(first.path)} ({reports} reports, carried {carries}x):"
                f" '{current.info.display}'",
                related=tuple(_where(o) for o in related),
                # The newest owner written: a later report may name one the first did not. (Looked for
                # among the occurrences listed, not the whole run: a long series stays linear.)
                owner=next((o.info.owner for o in (current, *reversed(related)) if o.info.owner), None),
            )


class DroppedAction(PairRule):
    """An incomplete action of the previous report disappeared without a completion marker.

    Off by default (many teams drop done items silently); enable it with
    ``extend-select = ["CL302"]``. Reported at the current report's actions
    section heading; ``related`` is the item in the previous report.

    Fails: the previous report lists ``- Book the venue`` and the current
    report's actions section no longer does.

    Passes: the previous report lists ``- Book the venue **DONE**``.
    """

    code = "CL302"
    name = "dropped-action"
    severity = Severity.WARNING
    enabled_by_default: ClassVar[bool] = False

    @classmethod
    def check(cls, pair: PairContext) -> Iterator[Problem]:
        current = pair.current
        line = current.actions_line if current.actions_line is not None else current.title_line
        # An action has one occurrence per report: the one before the current is the only one that
        # can be in the previous report (the whole thread would make a long series quadratic).
        carried = {(o.path, o.line) for thread in pair.threads if (o := thread.before) is not None}
        previous = pair.previous.path
        for info in pair.previous.actions:
            if info.key and not info.completed and (previous, info.line) not in carried:
                yield Problem(
                    line,
                    1,
                    cls.code,
                    f"action from {report_name(previous)} dropped without a completion marker: '{info.display}'",
                    related=(Location(display_path(previous), info.line),),
                )


class CompletedActionKept(PairRule):
    """An action already marked completed in the previous report is still listed.

    Reported at the item; ``related`` is the completed occurrence.

    Fails (the second report)::

        - Rotate the signing keys **COMPLETED**
        ---
        - Rotate the signing keys **COMPLETED**

    Passes: the completed item is removed from the second report.
    """

    code = "CL303"
    name = "completed-action-kept"
    severity = Severity.INFO

    @classmethod
    def check(cls, pair: PairContext) -> Iterator[Problem]:
        for thread in pair.threads:
            before, current = thread.before, thread.current
            if before is not None and before.info.completed:
                yield Problem(
                    current.line,
                    current.info.column,
                    cls.code,
                    f"action was already completed in {report_name(before.path)}: '{current.info.display}'",
                    related=(_where(before),),
                )

    # Removing an item removes what was written in it.
    fix_safety = FixSafety.UNSAFE

    @classmethod
    def fix(cls, report: Report, finding: Finding) -> Fix | None:
        """Remove the completed action (with its nested lines)."""
        for item in report.action_items():
            if item.line == finding.line:
                return Fix(finding, (Edit(item.line, item.node.end_line, ()),), False, "remove completed action")
        return None


class PeriodContinuity(PairRule):
    """The opening date is not the day after the previous report's closing date.

    A gap or an overlap between consecutive reports usually means a wrong
    date. The dates are the fields whose outline role (``x-role``) is
    ``opening`` and ``closing``: ``Opening Date`` and ``Closing Date`` in the
    builtin outline. Reported at the opening date field, with both dates in
    the message.

    Fails: the previous report closes on 25 Dec 2017 and this one opens on 01 Jan 2018.

    Passes: the previous report closes on 31 Dec 2017 and this one opens on 01 Jan 2018.
    """

    code = "CL205"
    name = "period-continuity"
    severity = Severity.WARNING

    @classmethod
    def check(cls, pair: PairContext) -> Iterator[Problem]:
        opening = pair.current.roles.get("opening")
        closing = pair.previous.roles.get("closing")
        if not (opening and closing and opening.date and closing.date):
            return
        expected = closing.date + timedelta(days=1)
        if opening.date != expected:
            kind = "a gap" if opening.date > expected else "an overlap"
            yield Problem(
                opening.line,
                opening.column,
                cls.code,
                f"{opening.name} {opening.date.isoformat()} leaves {kind} after the previous report's"
                f" {closing.name} {closing.date.isoformat()} ({report_name(pair.previous.path)})",
                related=(Location(display_path(pair.previous.path), closing.line),),
            )


RULES: tuple[type[PairRule], ...] = (PeriodContinuity, StaleAction, DroppedAction, CompletedActionKept)
