"""The timeline page of a twelve-report series (tests/timeline_series.py), parsed with html.parser:
newest column first, ages, the owner summary, sorting hooks, and the links inside an action's text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from timeline_page import Node, body_rows, parse_page, render_cli, report_cells, row_of, series_tables
from timeline_series import (
    AUDIT,
    FLAKY,
    HOSTILE,
    MEETUP,
    NAMES,
    PLAN,
    RUNNERS,
    write_year,
)

from compass_lint.markdown.inline import plain_text

BASE = "https://github.com/example/compass/blob/main/"


def shown(text: str) -> str:
    return " ".join(plain_text(text).split())


def render(tmp_path: Path, *extra: str) -> Node:
    return parse_page(render_cli(tmp_path / "reports", tmp_path / "actions.html", *extra))


@pytest.fixture
def year(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_ACTIONS", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA", "GITHUB_WORKSPACE"):
        monkeypatch.delenv(name, raising=False)
    write_year(tmp_path / "reports")
    return tmp_path


def opened(month: int) -> date:
    return date(2026, month, 28)


def test_newest_report_first(year: Path) -> None:
    [table] = series_tables(render(year))
    heads = [th for th in table.iter("th") if th.attrs.get("scope") == "col"]
    assert [th.text for th in heads[:4]] == ["Action", "Owner", "Status", "Age"]
    assert [th.text for th in heads[4:]] == NAMES[::-1]
    assert [th.attrs.get("class") for th in heads[4:]] == ["latest"] + [None] * 11


def test_ages_of_open_actions(year: Path) -> None:
    page = render(year)
    for planned in PLAN:
        row = row_of(page, shown(planned.text) + (" DONE" if planned.done else ""))
        age = row.elements("td")[2]
        if planned.done or planned.last < 12:
            assert age.text == "" and age.attrs["data-key"] == "-1", planned.text
            continue
        reports = 12 - planned.first + 1
        days = (opened(12) - opened(planned.first)).days
        plural = "s" if reports > 1 else ""
        assert age.text == f"{reports} report{plural} · {days} day{'s' if days != 1 else ''}", planned.text
        assert int(age.attrs["data-key"] or "") == reports * 100_000 + days
        # The newest column holds this report's occurrence of every open action.
        assert list(report_cells(row, 12)[0].iter("a")), planned.text


def test_owner_summary(year: Path) -> None:
    page = render(year)
    [section] = [n for n in page.iter("section") if n.attrs.get("class") == "owners"]
    [table] = section.elements("table")
    rows = [r for tbody in table.elements("tbody") for r in tbody.elements("tr")]
    got = {r.elements("th")[0].text: [c.text for c in r.elements("td")] for r in rows}
    expected: dict[str, list[int]] = {}
    oldest: dict[str, int] = {}
    for planned in PLAN:
        if planned.done or planned.last < 12:
            continue
        owner = planned.text.rsplit("(", 1)[1].rstrip(")") if planned.text.endswith(")") else "(no owner)"
        counts = expected.setdefault(owner, [0, 0])
        counts[0] += 1
        counts[1] += planned.first < 12
        oldest[owner] = min(oldest.get(owner, 12), planned.first)
    assert sorted(got) == sorted(expected)
    for owner, (open_count, stale) in expected.items():
        cells = got[owner]
        assert [int(cells[0]), int(cells[1])] == [open_count, stale], owner
        reports = 12 - oldest[owner] + 1
        assert cells[2].startswith(f"{reports} report"), (owner, cells[2])
    # Most stale first, then the longest waiting.
    order = [r.elements("th")[0].text for r in rows]
    keys = [(-expected[o][1], oldest[o]) for o in order]
    assert keys == sorted(keys)


def test_sorting_hooks_without_script(year: Path) -> None:
    page = render(year)
    [table] = series_tables(page)
    heads = {th.text: th.attrs.get("data-sort-first") for th in table.iter("th") if th.attrs.get("scope") == "col"}
    assert (heads["Owner"], heads["Status"], heads["Age"]) == ("ascending", "ascending", "descending")
    assert not list(page.iter("button"))  # the script makes the buttons: without it, plain headers
    statuses = [int(r.elements("td")[1].attrs["data-key"] or "") for r in body_rows(page)]
    assert statuses[0] == 0 and max(statuses) == 4  # stale first; dropped ranks last


def links_in(row: Node) -> dict[str, str]:
    return {a.text: a.attrs["href"] or "" for a in row.elements("th")[0].iter("a")}


def test_links_in_action_text(year: Path) -> None:
    page = render(year, "--link-base", BASE)
    assert links_in(row_of(page, shown(RUNNERS))) == {"#42": "https://github.com/example/compass/issues/42"}
    assert links_in(row_of(page, shown(MEETUP))) == {
        "example/community#15": "https://github.com/example/community/issues/15"
    }
    assert links_in(row_of(page, shown(AUDIT))) == {"the security audit": "https://github.com/example/compass/issues/7"}
    # A bare URL, without the full stop that ends the sentence.
    flaky = row_of(page, shown(FLAKY) + " DONE")
    assert links_in(flaky) == {
        "https://github.com/example/compass/pull/88": "https://github.com/example/compass/pull/88"
    }
    hostile = row_of(page, shown(HOSTILE))
    assert links_in(hostile) == {} and hostile.elements("th")[0].text == shown(HOSTILE)
    hrefs = [a.attrs.get("href") or "" for a in page.iter("a")]
    assert not [h for h in hrefs if not h.startswith(("https://", "http://"))]
    assert not [h for h in hrefs if "javascript" in h.lower() or h.lower().startswith("data:")]


def test_issue_references_need_a_repository(year: Path) -> None:
    page = render(year)  # no link base, no GitHub environment: #42 stays text
    assert links_in(row_of(page, shown(RUNNERS))) == {}
    assert links_in(row_of(page, shown(MEETUP))) == {}
    assert links_in(row_of(page, shown(AUDIT))) == {"the security audit": "https://github.com/example/compass/issues/7"}
    hrefs = [a.attrs.get("href") or "" for row in body_rows(page) for a in row.elements("td")[2].iter("a")]
    assert not hrefs  # the age cell has no links
    cells = [a.attrs.get("href") or "" for row in body_rows(page) for td in row.elements("td") for a in td.iter("a")]
    assert cells and all(h.startswith("reports/2026-") and "#L" in h for h in cells)
