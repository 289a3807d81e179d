"""The one action timeline: identity, status, undo, and its cost over a series."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import compass_lint.series.pairing as pairing
import compass_lint.series.timeline as timeline_module
from compass_lint.model.actions import ActionInfo
from compass_lint.series.timeline import Timeline

ISSUE = "https://github.com/org/repo/issues/7"


def item(text: str, line: int = 10, completed: bool = False, links: tuple[str, ...] = ()) -> ActionInfo:
    key = " ".join(text.lower().split())
    normalised = frozenset(link.split("://", 1)[1] for link in links)
    return ActionInfo(line, 1, text, key, completed, None, normalised)


def build(reports: dict[str, list[ActionInfo]]) -> Timeline:
    names = list(reports)
    return Timeline(names, reports.__getitem__, threshold=85.0)


def test_an_item_skipped_for_one_meeting_with_its_issue_link_is_the_same_action() -> None:
    linked = item("Release plan for the next version", links=(ISSUE,))
    reworded = item("Completely different words", links=(ISSUE,))
    timeline = build({"a": [linked], "b": [], "c": [reworded]})
    series = timeline.read_all()
    assert len(series.actions) == 1
    (action,) = series.actions
    assert [o.path for o in action.occurrences] == ["a", "c"]
    assert action.status == "open"
    # CL301 reads the same thread: at "c", the action has been open since "a".
    (thread,) = timeline.threads(2)
    assert [o.path for o in thread.open_run] == ["a", "c"]


def test_text_alone_does_not_bridge_a_gap() -> None:
    words = item("Write the onboarding guide")
    timeline = build({"a": [words], "b": [], "c": [words]})
    series = timeline.read_all()
    assert [[o.path for o in a.occurrences] for a in series.actions] == [["a"], ["c"]]
    assert series.actions[0].status == "dropped" and series.actions[0].status_report == "b"


def test_a_gap_of_two_reports_is_not_bridged() -> None:
    linked = item("Release plan", links=(ISSUE,))
    series = build({"a": [linked], "b": [], "c": [], "d": [linked]}).read_all()
    assert len(series.actions) == 2


def test_completed_in_the_first_report_that_marks_it_even_if_listed_later() -> None:
    open_ = item("Rotate the keys")
    done = item("Rotate the keys", completed=True)
    series = build({"a": [open_], "b": [done], "c": [open_]}).read_all()
    (action,) = series.actions
    assert action.status == "completed" and action.status_report == "b"
    assert action.carried == 2


def test_exempt_items_are_not_actions_but_keep_a_thread_of_their_own() -> None:
    placeholder = ActionInfo(5, 1, "Add agenda item here", "", False, None, frozenset())
    timeline = build({"a": [placeholder], "b": [placeholder]})
    assert timeline.read_all().actions == []
    (thread,) = timeline.threads(1)
    assert [o.path for o in thread.occurrences] == ["b"]


def test_forgetting_the_newest_report_restores_the_timeline_exactly() -> None:
    stale = item("Write the guide")
    linked = item("Release plan", links=(ISSUE,))
    reports = {"a": [stale, linked], "b": [stale], "c": [stale, linked]}
    timeline = build(reports)
    timeline.read_to(2)
    before = [([o.path for o in a.occurrences], a.status, a.status_report) for a in timeline.actions]
    threads = [[o.path for o in t.occurrences] for t in timeline.threads(2)]
    timeline.forget_newest()
    assert timeline.read == 2
    # As of "b" again: the linked item was dropped there, and "c" is forgotten.
    assert [(a.status, a.status_report, len(a.occurrences)) for a in timeline.so_far().actions] == [
        ("open", None, 2),
        ("dropped", "b", 1),
    ]
    # Report "c" read again with other content: the fixed text of a report in memory.
    reports["c"] = [item("Something new")]
    timeline.read_to(2)
    assert [[o.path for o in t.occurrences] for t in timeline.threads(2)] == [["c"]]
    timeline.forget_newest()
    reports["c"] = [stale, linked]
    timeline.read_to(2)
    after = [([o.path for o in a.occurrences], a.status, a.status_report) for a in timeline.actions]
    assert after == before
    assert [[o.path for o in t.occurrences] for t in timeline.threads(2)] == threads


def test_a_series_is_paired_once_per_pair_of_consecutive_reports(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real: Callable[..., dict[int, int]] = pairing.match_items

    def counting(current: list[ActionInfo], previous: list[ActionInfo], threshold: float) -> dict[int, int]:
        calls.append(1)
        return real(current, previous, threshold)

    monkeypatch.setattr(timeline_module, "match_items", counting)
    standing = [item(f"Standing item number {n} of the team") for n in range(20)]
    reports = {f"r{k:03}": list(standing) for k in range(300)}
    timeline = build(reports)
    for k in range(300):  # what the runner does: each report's threads, in series order
        timeline.threads(k)
    assert len(calls) == 299
    (thread, *_) = timeline.threads(299)
    assert len(thread.open_run) == 300
