"""A long series costs each report the same: threads are read in O(1), CL301's related list is bounded.

Issue 20: a series of 1,000 weekly reports with 20 items nobody closes took 76 s
and 3.7 GB, because every CL301 finding listed every earlier occurrence of its
item (20 x 1,000 x 1,000 / 2 locations) and each thread copied its whole run.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from compass_lint import lint_paths
from compass_lint.model.actions import ActionInfo
from compass_lint.rules.series import RELATED_LIMIT
from compass_lint.series.timeline import Timeline


def item(text: str, completed: bool = False) -> ActionInfo:
    return ActionInfo(10, 1, text, " ".join(text.lower().split()), completed, None, frozenset())


def build(reports: dict[str, list[ActionInfo]]) -> Timeline:
    return Timeline(list(reports), reports.__getitem__, threshold=85.0)


def test_a_thread_knows_its_open_run_without_walking_it() -> None:
    done = item("Write the guide", completed=True)
    plain = item("Write the guide")
    # Open in r0-r2, completed in r3, listed again and open from r4 on.
    reports: dict[str, list[ActionInfo]] = {f"r{k}": [done if k == 3 else plain] for k in range(8)}
    timeline = build(reports)
    counts, firsts, befores = [], [], []
    for k in range(8):
        (thread,) = timeline.threads(k)
        counts.append(thread.open_count)
        firsts.append(None if thread.open_first is None else thread.open_first.path)
        befores.append(None if thread.before is None else thread.before.path)
        assert [o.path for o in thread.open_run] == [f"r{j}" for j in range(k + 1 - thread.open_count, k + 1)]
    assert counts == [1, 2, 3, 0, 1, 2, 3, 4]
    assert firsts == ["r0", "r0", "r0", None, "r4", "r4", "r4", "r4"]
    assert befores == [None, "r0", "r1", "r2", "r3", "r4", "r5", "r6"]


def test_related_keeps_the_first_and_the_newest_occurrences() -> None:
    timeline = build({f"r{k:03}": [item("Standing item nobody closes")] for k in range(300)})
    timeline.read_all()
    (thread,) = timeline.threads(299)
    related = [o.path for o in thread.open_related(RELATED_LIMIT)]
    assert len(related) == RELATED_LIMIT
    assert related == ["r000", *[f"r{k:03}" for k in range(299 - RELATED_LIMIT + 1, 299)]]
    (short,) = timeline.threads(5)
    assert [o.path for o in short.open_related(RELATED_LIMIT)] == ["r000", "r001", "r002", "r003", "r004"]


def test_undo_forgets_the_open_run_of_the_newest_report() -> None:
    reports = {"a": [item("Keep it")], "b": [item("Keep it")]}
    timeline = build(reports)
    timeline.read_all()
    timeline.forget_newest()
    reports["b"] = [item("Keep it", completed=True)]
    (thread,) = timeline.threads(1)
    assert (thread.open_count, thread.open_first) == (0, None)


REPORT = """\
# Team meeting

#### Opening Date: {opening:%d %b %Y}

#### Closing Date: {closing:%d %b %Y}

## 3. Next actions (team)

- Write the contributor onboarding guide
- Rotate the signing keys
"""


def test_cl301_in_a_long_series_says_how_long_and_lists_a_bounded_thread(tmp_path: Path) -> None:
    closing = dt.date(2020, 1, 3)
    for _ in range(RELATED_LIMIT + 15):
        text = REPORT.format(opening=closing - dt.timedelta(days=6), closing=closing)
        (tmp_path / f"{closing:%Y-%m-%d}.md").write_text(text, encoding="utf-8")
        closing += dt.timedelta(days=7)
    findings = [f for f in lint_paths([tmp_path]) if f.code == "CL301"]
    newest = [f for f in findings if f.path.endswith(f"{closing - dt.timedelta(days=7):%Y-%m-%d}.md")]
    assert len(newest) == 2
    assert f"({RELATED_LIMIT + 15} reports, carried {RELATED_LIMIT + 14}x)" in newest[0].message
    assert len(newest[0].related) == RELATED_LIMIT
    assert newest[0].related[0].path.endswith("2020-01-03.md")
    # Reports with fewer earlier occurrences than the limit list them all.
    assert sorted({len(f.related) for f in findings}) == list(range(1, RELATED_LIMIT + 1))
