"""Report series and stale actions: CL301/CL302/CL303, batching, the tracker, real series."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any

import pytest
from builders import Cli
from hypothesis import example, given
from hypothesis import strategies as st

from compass_lint.model.actions import issue_links, normalise
from compass_lint.model.completion import is_completed
from compass_lint.model.owners import owner

ROOT = Path(__file__).resolve().parents[2]
SERIES = ROOT / "fixtures" / "series" / "three-months"
CORPUS = ROOT.parent / "shared" / "corpus"
MARKERS = ("COMPLETED", "DONE", "RESOLVED")


def _findings(cli: Cli, *args: str) -> list[dict[str, Any]]:
    done = cli("check", "--no-cache", "--format", "json", *args)
    assert done.code in (0, 1), done.out
    return done.findings()


@pytest.fixture
def series(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for report in SERIES.glob("*.md"):
        shutil.copy(report, folder / report.name)
    monkeypatch.chdir(tmp_path)
    return folder


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, start=1) if text in line)


def test_three_month_series(series: Path, cli: Cli) -> None:
    found = _findings(cli, "--select", "CL3", "reports")
    got = sorted((Path(str(f["path"])).name, f["line"], f["code"]) for f in found)
    feb, mar = series / "2026-02-27.md", series / "2026-03-27.md"
    expected = sorted(
        [
            ("2026-02-27.md", _line_of(feb, "onboarding guide"), "CL301"),
            ("2026-02-27.md", _line_of(feb, "Migrate all CI runners"), "CL301"),  # reworded, still matched
            ("2026-02-27.md", _line_of(feb, "Book the venue"), "CL301"),
            ("2026-03-27.md", _line_of(mar, "onboarding guide"), "CL301"),
            ("2026-03-27.md", _line_of(mar, "Rotate the signing keys"), "CL303"),
        ]
    )
    assert got == expected
    # Completed in month 2 (the security review) and new in month 3 (the sprint): never flagged.
    messages = " ".join(str(f["message"]) for f in found)
    assert "security policy" not in messages and "documentation sprint" not in messages


def test_stale_action_message_and_related(series: Path, cli: Cli) -> None:
    found = _findings(cli, "--select", "CL301", "reports/2026-03-27.md")
    assert len(found) == 1
    stale = found[0]
    assert "open since 2026-01-30.md (3 reports, carried 2x)" in str(stale["message"])
    related = stale["related"]
    assert isinstance(related, list)
    assert [Path(r["path"]).name for r in related] == ["2026-01-30.md", "2026-02-27.md"]
    january = series / "2026-01-30.md"
    assert related[0]["line"] == _line_of(january, "onboarding guide")


def test_checking_only_the_newest_file_finds_its_stale_items(series: Path, cli: Cli) -> None:
    found = _findings(cli, "--select", "CL3", "reports/2026-03-27.md")
    assert {str(f["path"]) for f in found} == {"reports/2026-03-27.md"}
    assert sorted(str(f["code"]) for f in found) == ["CL301", "CL303"]


def test_dropped_actions_only_when_enabled(series: Path, cli: Cli) -> None:
    assert not [f for f in _findings(cli, "reports/2026-03-27.md") if f["code"] == "CL302"]
    dropped = [f for f in _findings(cli, "--extend-select", "CL302", "reports/2026-03-27.md") if f["code"] == "CL302"]
    texts = sorted(str(f["message"]).split(": ", 1)[1] for f in dropped)
    assert texts == ["'Book the venue for the spring sprint'", "'Migrate all CI runners over to the new cluster [RM]'"]
    actions_heading = _line_of(series / "2026-03-27.md", "## 3. Next actions (team)")
    assert {f["line"] for f in dropped} == {actions_heading}


def test_no_history_turns_the_pair_rules_off(series: Path, cli: Cli) -> None:
    found = _findings(cli, "--no-history", "reports")
    assert not [f for f in found if str(f["code"]).startswith(("CL3", "CL205"))]


def _long_series(folder: Path, months: int) -> None:
    """A generated monthly series: one action carried all along, one new each month."""
    template = (SERIES / "2026-01-30.md").read_text(encoding="utf-8")
    start = template.index("## 3. Next actions (team)\n") + len("## 3. Next actions (team)\n\n")
    end = template.index("\n---\n", start)
    for month in range(1, months + 1):
        year, index = 2024 + (month - 1) // 12, (month - 1) % 12 + 1
        text = (
            template[:start]
            + f"- Keep the release notes in sync with the changelog\n- {_ONE_OFF[month - 1]}\n"
            + template[end:]
        )
        text = text.replace("01 Jan 2026", f"01 {_MONTHS[index - 1]} {year}")
        text = text.replace("30 Jan 2026", f"28 {_MONTHS[index - 1]} {year}")
        (folder / f"{year}-{index:02d}-28.md").write_text(text, encoding="utf-8")


_ONE_OFF = [
    "Order stickers for the booth",
    "Invite a guest speaker from the university",
    "Renew the domain registration",
    "Archive the old wiki pages",
    "Test the installer on ARM laptops",
    "Write a blog post about accessibility",
    "Collect feedback from first-time contributors",
    "Update the logo files in the press kit",
    "Audit third-party licences",
    "Record a demo video of the dashboard",
    "Plan the mentoring programme",
    "Migrate mailing list archives",
    "Translate the quick-start into Spanish",
    "Survey users about release cadence",
    "Fix the broken links on the homepage",
    "Prepare the annual budget request",
]
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@pytest.mark.parametrize("batches", [1, 2, 4, 16])
def test_findings_do_not_depend_on_batching(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli, batches: int
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    _long_series(folder, 16)
    monkeypatch.chdir(tmp_path)
    files = sorted(f"reports/{p.name}" for p in folder.glob("*.md"))
    whole = _findings(cli, "--select", "CL3", *files)
    assert len([f for f in whole if f["code"] == "CL301"]) == 15  # months 2..16 carry it
    shuffled = files[:]
    random.Random(batches).shuffle(shuffled)
    parts = [shuffled[i::batches] for i in range(batches)]
    combined = [finding for part in parts if part for finding in _findings(cli, "--select", "CL3", *part)]
    key = lambda f: (f["path"], f["line"], f["code"], f["message"])  # noqa: E731
    assert sorted(combined, key=key) == sorted(whole, key=key)


def test_tracker_json(series: Path, cli: Cli) -> None:
    done = cli("actions", "--format", "json", "reports")
    assert done.code == 0
    data = json.loads(done.out)
    actions = {a["text"].split(" (")[0].split(" [")[0]: a for a in data[0]["actions"]}
    guide = actions["Write the contributor onboarding guide"]
    assert (guide["status"], guide["carried"], guide["owner"]) == ("open", 2, "Priya")
    assert Path(guide["first_path"]).name == "2026-01-30.md"
    keys = Path(actions["Rotate the signing keys before the release COMPLETED"]["status_report"]).name
    assert actions["Rotate the signing keys before the release COMPLETED"]["status"] == "completed"
    assert keys == "2026-02-27.md"
    venue = actions["Book the venue for the spring sprint"]
    assert (venue["status"], Path(venue["status_report"]).name) == ("dropped", "2026-03-27.md")
    done = cli("actions", "--open", "--format", "json", "reports")
    assert done.code == 0
    open_only = json.loads(done.out)[0]["actions"]
    assert {a["status"] for a in open_only} == {"open"}
    assert open_only[0]["text"].startswith("Write the contributor onboarding guide")


@pytest.mark.parametrize(
    ("text", "completed"),
    [
        ("Reach out to the journal **COMPLETED**", True),
        ("Reach out to the journal [COMPLETED]", True),
        ("The deadline has passed (Carol) - **RESOLVED**.", True),
        ("Ship it: Done", True),
        ("Ship it (done)", True),
        ("[x] Ship it", True),
        ("~~Ship it~~", True),
        ("Reach out to the journal **COMPLETED?**", False),
        ("Reach out to the journal **STATUS? Completed?**", False),
        ("Get it done before Friday", False),
        ("[ ] Ship it", False),
        ("Ship ~~it~~ now", False),
    ],
)
def test_completion_markers(text: str, completed: bool) -> None:
    assert is_completed(text, MARKERS) is completed


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("[CH] Review the docs", "CH"),
        ("\\[CH\\] Review the docs", "CH"),
        ("Review the docs (Carol)", "Carol"),
        ("**Erik** will review the docs", "Erik"),
        ("Review the docs", None),
    ],
)
def test_owner(text: str, who: str | None) -> None:
    assert owner(text) == who


def test_issue_links_are_normalised() -> None:
    a = issue_links("[PR](https://www.github.com/o/r/pulls/252)")
    b = issue_links("merged https://github.com/o/r/pull/252 (matrix)")
    assert a == b == frozenset({"github.com/o/r/pull/252"})


def test_normalise_strips_markup_markers_and_owners() -> None:
    assert normalise("[CH] **Write** the guide (Priya) **DONE**", MARKERS) == "write the guide"


@pytest.mark.corpus
def test_real_weekly_series(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    weekly = CORPUS / "team-compass" / "weekly-reports"
    if not weekly.is_dir():
        pytest.skip("../shared/corpus is absent: the real weekly reports are not available")
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".compass-lint.toml").write_text(
        '[[series]]\nname = "weekly"\nfiles = "weekly/*.md"\nexclude = ["*-rev*.md"]\n', encoding="utf-8"
    )
    shutil.copytree(weekly, tmp_path / "weekly")
    found = _findings(cli, "--select", "CL301", "weekly")
    stale = sorted((Path(str(f["path"])).name, str(f["message"])) for f in found)
    assert [name for name, _ in stale] == ["2017-12-31_weekly_report.md", "2018-01-26_weekly_report.md"]
    assert all("Please add yourself to the Team Organization list" in message for _, message in stale)
    assert "carried 2x" in stale[1][1]
    assert not any("COMPLETED" in message for _, message in stale)


def _series_of(months: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A generated series in ``reports/``, with the current folder set to ``tmp_path``."""
    folder = tmp_path / "reports"
    folder.mkdir()
    _long_series(folder, months)
    monkeypatch.chdir(tmp_path)
    return folder


def test_a_small_history_store_gives_the_same_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    # History keeps only the reports it used last (memory stays flat on big runs);
    # with room for 2 of 16 it re-reads the older ones, and nothing changes.
    import compass_lint.series.store as history

    _series_of(16, tmp_path, monkeypatch)
    roomy = _findings(cli, "reports")
    monkeypatch.setattr(history, "_KEEP_REPORTS", 2)
    cramped = _findings(cli, "reports")
    assert cramped == roomy
    assert len([f for f in roomy if f["code"] == "CL301"]) == 15
    assert max(len(f["related"]) for f in roomy if f["code"] == "CL301") == 15


def test_a_report_reached_through_a_symlink_is_one_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    folder = _series_of(3, tmp_path, monkeypatch)
    newest = sorted(folder.glob("*.md"))[-1]
    (tmp_path / "current.md").symlink_to(newest)
    direct = _findings(cli, "--select", "CL301", f"reports/{newest.name}")
    linked = _findings(cli, "--select", "CL301", "current.md")
    assert [f["line"] for f in linked] == [f["line"] for f in direct]
    assert len(direct) == 1


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("# Report\n\n### Opening Date: 2026-01-30\n", "2026-01-30"),
        ("# Report\n\n**opening date**: 2026-02-27\n", "2026-02-27"),
        ("# Report\n\nNo date field here.\n", None),
        ("# Bericht – März\n\n### Opening Date: 2026-03-27\n", "2026-03-27"),
        ("# Bericht – März\n\nKein Datum.\n", None),
    ],
)
def test_head_date_reads_the_first_date_field(head: str, expected: str | None) -> None:
    from compass_lint.core.settings import Config
    from compass_lint.engine.schemas import load_schema
    from compass_lint.series.head import head_date

    found = head_date(head, load_schema("team-compass").outline, Config())
    assert (found.isoformat() if found else None) == expected


def test_the_head_pre_test_never_hides_a_field_the_regex_finds() -> None:
    import re
    import sys

    from compass_lint.series.head import ASCII_TWINS, _head_pattern, _may_name

    # The pre-test lowers the text; the regex matches case-insensitively, which
    # also pairs a few non-ASCII letters with ASCII ones. Those must all be known.
    letter = re.compile("(?i)[a-z]")
    twins = {chr(cp) for cp in range(128, sys.maxunicode + 1) if letter.fullmatch(chr(cp))}
    assert twins == set(ASCII_TWINS)
    names = ("Closing Date",)
    for line in ("Closing Date: 1", "CLOSING DATE: 1", "Clo\u017fing Date: 1", "\u0130 Closing Date: März 1"):
        assert _head_pattern(names).search(line), line
        assert _may_name(line, names), line
    assert not _may_name("Opening Date: 1\nDate – März: 1", names)


@given(
    st.lists(
        st.sampled_from(
            ["Closing", "CLOSING", "closing", " Date", " dATE", ": 1", "\n", "ä", "ü", "\u0130", "ſ", "😀", "*"]
        ),
        max_size=12,
    ).map("".join)
)
@example("ä\nCLOSING dATE: 1")
def test_the_head_pre_test_never_hides_a_generated_field(head: str) -> None:
    from compass_lint.series.head import _head_pattern, _may_name

    names = ("Closing Date",)
    if any(_head_pattern(names).search(line) for line in head.split("\n")):
        assert _may_name(head, names)


@given(st.text(alphabet="ab\n", max_size=200))
def test_the_head_is_the_first_lines_of_the_text(text: str) -> None:
    from compass_lint.series.head import _HEAD_LINES, _head

    assert _head(text).split("\n") == text.split("\n", _HEAD_LINES)[:_HEAD_LINES]


def test_history_hashes_reports_only_for_cache_keys(series: Path) -> None:
    # Without the cache a run never asks for a digest: hashing every report of a
    # series would be wasted work (and memory) on every run.
    from compass_lint.core.settings import Config
    from compass_lint.engine.schemas import load_schema
    from compass_lint.series.history import History

    outline = load_schema("team-compass").outline
    newest = sorted(series.glob("*.md"))[-1]
    plain = History(Config(), lambda _: outline)
    assert plain.previous(newest) is not None
    assert plain.store._digests == {}
    keyed = History(Config(), lambda _: outline, want_digests=True)
    assert keyed.previous(newest) is not None
    assert len(keyed.store._digests) == len(list(series.glob("*.md")))
    assert keyed.content_digest(newest) == plain.content_digest(newest)


@pytest.mark.parametrize("on_disk", [False, True])
def test_a_remembered_report_dates_from_its_text_unless_read_from_the_file(series: Path, on_disk: bool) -> None:
    # Standard input (or a fix in memory) may differ from the disk: its own date counts.
    # A report the runner read from the file keeps the date already read from the disk.
    from datetime import date

    from compass_lint.core.settings import Config
    from compass_lint.engine.linter import lint_bytes
    from compass_lint.engine.schemas import load_schema
    from compass_lint.series.history import History

    schema = load_schema("team-compass")
    history = History(Config(), lambda _: schema.outline)
    middle = series / "2026-02-27.md"
    assert history.previous(series / "2026-03-27.md") == str(middle.resolve())
    edited = middle.read_bytes().replace(b"Opening Date: 31 Jan 2026", b"Opening Date: 02 Apr 2026")
    outcome = lint_bytes(str(middle), edited, schema, Config())
    assert outcome.report is not None and outcome.source is not None
    history.remember(middle, outcome.report, outcome.source, on_disk=on_disk)
    assert history.store.dated(middle) == (date(2026, 1, 31) if on_disk else date(2026, 4, 2))


@given(st.text(alphabet="ab c", min_size=1, max_size=30).map(lambda text: " ".join(text.split())).filter(bool))
def test_a_carried_action_word_for_word_scores_what_rapidfuzz_gives_it(key: str) -> None:
    # _similarity answers 100 for identical keys without asking rapidfuzz: it must agree.
    from rapidfuzz import fuzz

    from compass_lint.series.pairing import _similarity

    expected = fuzz.token_set_ratio(key, key) if len(set(key.split())) >= 3 else fuzz.ratio(key, key)
    assert _similarity(key, key, frozenset(), frozenset()) == expected == 100.0


def test_history_keys_a_file_by_its_resolved_path_whatever_form_it_is_named_in(
    series: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # History keeps resolved path strings (Path objects cost ~1 KB each over a run of
    # thousands of reports): a relative str, an absolute Path and a path through a
    # linked folder are one report, with one place in its series.
    from compass_lint.core.settings import Config
    from compass_lint.engine.schemas import load_schema
    from compass_lint.series.history import History

    outline = load_schema("team-compass").outline
    reports = sorted(series.glob("*.md"))
    linked = series.parent / "linked"
    linked.symlink_to(series, target_is_directory=True)
    monkeypatch.chdir(series.parent)
    history = History(Config(), lambda _: outline)
    names: list[str | Path] = [
        f"{series.name}/{reports[-1].name}",
        reports[-1],
        linked / reports[-1].name,
        f"./{series.name}//{reports[-1].name}",
    ]
    previous = {history.previous(name) for name in names}
    assert previous == {str(reports[-2].resolve())}
    assert history.members(names[0]) == [path.resolve() for path in reports]
    assert history.load(names[2]) is history.load(names[1])


@given(st.lists(st.sampled_from(["a", "b.md", "/", ".", "..", "./", "//", " ", "é"]), max_size=8).map("".join))
@example("/a.md")
@example("a.md")
@example("x/../a.md")
@example("a/.")
def test_a_history_key_splits_a_path_as_pathlib_does(text: str) -> None:
    from compass_lint.series.store import _split

    parsed = Path(text)
    assert _split(text) == (str(parsed.parent), parsed.name)
