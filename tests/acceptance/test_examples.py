"""The example configurations in examples/ against the real report series they describe.

Each example folder holds an outline schema and a ``compass-lint.toml`` template. A test
copies one corpus folder of ../shared/corpus into a temporary folder laid out like the
team's repository, puts the template there as ``.compass-lint.toml`` next to the schema,
and runs ``compass-lint check`` and ``compass-lint actions`` in that folder. Nothing from
the corpus is ever written into this repository.

The expected findings below are the ones examples/README.md explains: every file of a
series conforms except the ones listed, and each listed finding is either an irregularity
the corpus README documents or one examples/README.md explains. Behaviour the library keeps
on purpose although these series would want otherwise (it follows the spec) is an
``xfail(strict=True)`` test with the reason.
"""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from builders import run_cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the real report corpus is not in {CORPUS} (../shared is absent)"),
]

HISTORY_CODES = ("CL205", "CL301", "CL302", "CL303")


@dataclass(frozen=True)
class Example:
    """One example folder and the corpus folder it is checked against."""

    name: str  # folder under examples/
    corpus: str  # folder under ../shared/corpus
    layout: str  # where the reports live in the team's repository
    series: Callable[[str], bool]  # which corpus file names belong to the series


def _monthly_member(name: str) -> bool:
    # Outline variant C: 2018-09-20 onward, without the earlier revisions, the side-branch
    # copies and the maintenance-planning notes (not a monthly meeting).
    return name >= "2018-09-20" and re.fullmatch(r"\d{4}-\d{2}-\d{2}\.md", name) is not None


def _hpc_member(name: str) -> bool:
    return re.fullmatch(r"\d{4}-\d{2}-\d{2}\.md", name) is not None


def _nodejs_member(name: str) -> bool:
    # 2018 onward; the 2016 minutes use another outline and 2018-01-31-V8.md is a one-off
    # meeting with the V8 team.
    return name >= "2018" and re.fullmatch(r"\d{4}-\d{2}-\d{2}\.md", name) is not None


MONTHLY = Example("team-compass-monthly", "team-compass/monthly-meeting", "docs/meetings/community", _monthly_member)
HPC = Example("team-compass-hpc", "team-compass/hpc", "docs/meetings/hpc", _hpc_member)
NODEJS = Example("nodejs-tsc", "nodejs-TSC", "meetings", _nodejs_member)
EXAMPLE_LIST = (MONTHLY, HPC, NODEJS)


@dataclass
class Run:
    """The outcome of ``compass-lint check`` over one series."""

    root: Path
    example: Example
    exit_code: int
    files_checked: int
    findings: list[dict[str, Any]]
    _tracked: dict[str, dict[str, Any]] = field(default_factory=dict)

    def schema_findings(self) -> dict[str, set[tuple[str, int]]]:
        """Non-history findings as ``{file name: {(code, line)}}``."""
        found: dict[str, set[tuple[str, int]]] = {}
        for finding in self.findings:
            if finding["code"] not in HISTORY_CODES:
                found.setdefault(Path(finding["path"]).name, set()).add((finding["code"], finding["line"]))
        return found

    def errors_by_file(self) -> dict[str, list[dict[str, Any]]]:
        """Error-severity findings per file name."""
        found: dict[str, list[dict[str, Any]]] = {}
        for finding in self.findings:
            if finding["severity"] == "error":
                found.setdefault(Path(finding["path"]).name, []).append(finding)
        return found

    def counts(self) -> dict[str, int]:
        """How many findings of each code."""
        return dict(Counter(f["code"] for f in self.findings))

    def tracker(self, report: str | None = None) -> dict[str, Any]:
        """``compass-lint actions --format json`` for the series of ``report`` (by default its
        newest report): its reports, in series order, and its tracked actions (run once per
        report)."""
        report = report or _series_files(self.example)[-1]
        if report not in self._tracked:
            output = self.root / f"actions-{report}.json"
            argv = ["actions", "--format", "json", "-o", str(output), f"{self.example.layout}/{report}"]
            assert run_cli(*argv, cwd=self.root).code == 0
            data = json.loads(output.read_text(encoding="utf-8"))
            assert len(data) == 1, "one report names one series"
            self._tracked[report] = data[0]
        return self._tracked[report]

    def actions(self, report: str | None = None) -> list[dict[str, Any]]:
        """The tracked actions of the series of ``report``."""
        actions: list[dict[str, Any]] = self.tracker(report)["actions"]
        return actions

    def order(self, report: str | None = None) -> list[str]:
        """The file names of the series of ``report``, in series order."""
        return [Path(p).name for p in self.tracker(report)["reports"]]


def _install(example: Example, root: Path) -> Path:
    """Lay out a team repository: the corpus files, the config and the schema."""
    reports = root / example.layout
    reports.mkdir(parents=True)
    for source in sorted((CORPUS / example.corpus).glob("*.md")):
        if source.name not in ("SOURCE.md", "README.md"):
            shutil.copyfile(source, reports / source.name)
    folder = EXAMPLES / example.name
    shutil.copyfile(folder / "compass-lint.toml", root / ".compass-lint.toml")
    for schema in folder.glob("*.schema.json"):
        shutil.copyfile(schema, root / schema.name)
    return reports


def _check(example: Example, root: Path) -> Run:
    _install(example, root)
    output = root / "findings.json"
    done = run_cli("check", "--format", "json", "--output", str(output), example.layout, cwd=root)
    code = done.code
    summary = re.search(r"\((\d+) files? checked\)", done.out)
    assert summary, done.out
    findings = json.loads(output.read_text(encoding="utf-8"))
    return Run(root, example, code, int(summary.group(1)), findings)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """Each example checked once against its whole series."""
    return {example.name: _check(example, tmp_path_factory.mktemp(example.name)) for example in EXAMPLE_LIST}


def _series_files(example: Example) -> list[str]:
    return sorted(p.name for p in (CORPUS / example.corpus).glob("*.md") if example.series(p.name))


# Every finding other than the history rules (CL205, CL3xx), per file; every other file of
# the series has none. Error-severity ones are the files that do not conform.
EXPECTED = {
    MONTHLY.name: {
        # No date line at all (corpus README: "2018-09-20 and 2018-10-18 have no date").
        # Reports before 2019-02 put Reports after Agenda items: CL102 against this outline.
        "2018-09-20.md": {("CL201", 1), ("CL102", 70)},
        "2018-10-18.md": {("CL201", 1), ("CL102", 60)},
        # Template regression to variant B, title placeholder "- MonthY".
        "2018-11-15.md": {("CL001", 1), ("CL101", 73)},
        "2018-12-20.md": {("CL102", 151)},
        "2019-01-17.md": {("CL102", 87)},
        # A second "## Agenda items" (for proposals, line 10) above Welcome: the one at line 75,
        # after Reports, is the section; the earlier copy makes a CL107, reported at the later
        # heading (line 75) and naming line 10.
        "2019-05-16.md": {("CL107", 75)},
        # "Thursday, 20th June 2019".
        "2019-06-19.md": {("CL206", 5)},
        # Dates without a year ("Thursday, August 15, 7am UTC" in 2019-09-19 too).
        "2019-08-15.md": {("CL202", 5)},
        "2019-09-19.md": {("CL202", 5)},
        "2019-10-17.md": {("CL202", 5)},
        "2019-11-21.md": {("CL202", 5)},
        "2019-12-19.md": {("CL202", 6)},
        "2020-01-16.md": {("CL202", 5)},
        # "# Welcome to the Team Meeting" as an H1; no Agenda items section.
        "2020-02-20.md": {("CL106", 8), ("CL101", 52)},
    },
    HPC.name: {
        # "- **Date:** 2021-01-05".
        "2022-01-05.md": {("CL206", 7)},
        # A "## Other discussion" heading after Links Shared: closed outline.
        "2023-02-01.md": {("CL104", 77)},
    },
    NODEJS.name: {
        # The date in the title is not the file name's (there is no date field).
        "2018-07-12.md": {("CL206", 1)},
        "2018-12-12.md": {("CL206", 1)},
        "2019-02-14.md": {("CL206", 1)},
        "2019-03-14.md": {("CL206", 1)},
        "2019-07-29.md": {("CL206", 1)},
        # No "## Upcoming Meetings" (the seventh such file, 2018-01-31-V8.md, is not in the series).
        "2018-05-02.md": {("CL101", 90)},
        "2019-08-07.md": {("CL101", 71)},
        "2019-08-21.md": {("CL101", 118)},
        "2020-04-29.md": {("CL101", 109)},
        "2023-09-20.md": {("CL101", 53)},
        "2023-11-29.md": {("CL101", 80)},
        # No "## Agenda" (checkbox list under "### nodejs/node" instead).
        "2019-09-25.md": {("CL101", 70)},
    },
}

# Findings by code over the whole series: the numbers in examples/README.md.
COUNTS = {
    MONTHLY.name: {
        "CL001": 1,
        "CL101": 3,
        "CL102": 4,
        "CL106": 1,
        "CL107": 1,
        "CL201": 2,
        "CL202": 6,
        "CL206": 1,
        "CL301": 7,
    },
    HPC.name: {"CL104": 1, "CL206": 1, "CL301": 32},
    NODEJS.name: {"CL101": 7, "CL206": 5, "CL301": 789, "CL303": 19},
}

FILES_CHECKED = {MONTHLY.name: 50, HPC.name: 35, NODEJS.name: 287}

# Reports with an error finding (the exit code is 1 when there is one).
ERROR_FILES = {MONTHLY.name: 13, HPC.name: 0, NODEJS.name: 7}


@pytest.mark.parametrize("example", EXAMPLE_LIST, ids=lambda e: e.name)
def test_schema_is_a_valid_outline_schema(example: Example) -> None:
    (schema,) = (EXAMPLES / example.name).glob("*.schema.json")
    assert run_cli("schema", "check", str(schema)).code == 0


@pytest.mark.parametrize("example", EXAMPLE_LIST, ids=lambda e: e.name)
def test_the_config_checks_exactly_the_series(example: Example, runs: dict[str, Run]) -> None:
    run = runs[example.name]
    assert run.files_checked == len(_series_files(example)) == FILES_CHECKED[example.name]
    # The series the history rules and the tracker use: the same files, because the
    # top-level exclude applies to series membership too.
    assert sorted(run.order()) == _series_files(example)
    config = tomllib.loads((EXAMPLES / example.name / "compass-lint.toml").read_text(encoding="utf-8"))
    assert config["exclude"]
    assert [series.get("exclude") for series in config["series"]] == [None]


@pytest.mark.parametrize("example", EXAMPLE_LIST, ids=lambda e: e.name)
def test_conforming_files_have_no_error(example: Example, runs: dict[str, Run]) -> None:
    run = runs[example.name]
    expected = EXPECTED[example.name]
    conforming = [name for name in _series_files(example) if name not in expected]
    errors = run.errors_by_file()
    assert {name: errors[name] for name in conforming if name in errors} == {}
    assert len(errors) == ERROR_FILES[example.name]
    assert run.exit_code == (1 if errors else 0)


@pytest.mark.parametrize("example", EXAMPLE_LIST, ids=lambda e: e.name)
def test_expected_findings(example: Example, runs: dict[str, Run]) -> None:
    assert runs[example.name].schema_findings() == EXPECTED[example.name]


@pytest.mark.parametrize("example", EXAMPLE_LIST, ids=lambda e: e.name)
def test_finding_counts_match_the_readme(example: Example, runs: dict[str, Run]) -> None:
    assert runs[example.name].counts() == COUNTS[example.name]


def _messages(run: Run, name: str, code: str) -> list[str]:
    return [f["message"] for f in run.findings if Path(f["path"]).name == name and f["code"] == code]


def _occurrences(action: dict[str, Any]) -> list[str]:
    return [Path(o["path"]).name for o in action["occurrences"]]


def _places(action: dict[str, Any]) -> list[tuple[str, int]]:
    return [(Path(o["path"]).name, o["line"]) for o in action["occurrences"]]


def _line(example: Example, name: str, line: int) -> str:
    return (CORPUS / example.corpus / name).read_text(encoding="utf-8").split("\n")[line - 1]


# --- (b) the irregularities the corpus README lists -------------------------------------


def test_monthly_irregularities(runs: dict[str, Run]) -> None:
    run = runs[MONTHLY.name]
    # 2019-09-19 says "Thursday, August 15": no year, so no date, so CL202 (not CL206).
    assert _messages(run, "2019-09-19.md", "CL202") == ["Date: 'Thursday, August 15, 7am UTC' is not a valid date"]
    # 2019-06-19 says "20th June".
    assert _messages(run, "2019-06-19.md", "CL206") == ["file name date 2019-06-19 differs from Date 2019-06-20"]
    # 2018-09-20 and 2018-10-18 have no date at all.
    for name in ("2018-09-20.md", "2018-10-18.md"):
        assert _messages(run, name, "CL201") == ["missing field 'Date'"]
    # The "- MonthY" placeholder title, and 2018-11-15's return to the numbered outline.
    (title,) = _messages(run, "2018-11-15.md", "CL001")
    assert "MonthY" in title
    assert sorted(_messages(run, "2018-11-15.md", "CL101")) == [
        "missing section 'Agenda items'",
        "missing section 'Reports and celebrations'",
    ]
    # "# Welcome to the Team Meeting" written as an H1 in 2020-02-20.
    assert _messages(run, "2020-02-20.md", "CL106") == [
        "section 'Welcome to the Team Meeting' is a level-1 heading, outline says level-2"
    ]


def test_monthly_repeated_section_title(runs: dict[str, Run]) -> None:
    """2019-05-16 has two "## Agenda items": one for proposals above Welcome (line 10), and the
    real one after Reports (line 75). The one after the previous section of the outline is
    taken, so the report is in order (no CL102) and its actions are read from the second
    heading; the proposals heading is a duplicate section (CL107)."""
    assert _line(MONTHLY, "2019-05-16.md", 10) == _line(MONTHLY, "2019-05-16.md", 75) == "## Agenda items"
    run = runs[MONTHLY.name]
    assert run.schema_findings()["2019-05-16.md"] == {("CL107", 75)}
    lines = sorted(line for a in run.actions() for name, line in _places(a) if name == "2019-05-16.md")
    assert lines == [80, 90, 91, 94, 95]


def test_monthly_template_placeholder_is_exempt(runs: dict[str, Run]) -> None:
    """``* Add agenda item here [name, estimated time for conversation]`` is in the agenda of
    2019-04-11 … 2019-12-19: the default ``exempt-actions`` neither track nor flag it."""
    run = runs[MONTHLY.name]
    placeholder = "* Add agenda item here [name, estimated time for conversation]"
    assert _line(MONTHLY, "2019-05-16.md", 79) == placeholder
    assert not [a for a in run.actions() if "agenda item here" in a["text"].lower()]
    assert not [m for f in run.findings if f["code"] == "CL301" for m in [f["message"]] if "item here" in m]


def test_monthly_stale_actions_are_follow_ups(runs: dict[str, Run]) -> None:
    """The seven CL301: each is the same issue, pull request or proposal on the agenda of two
    meetings in a row. Five of them are linked items nested under a person's agenda item
    (``x-actions: "linked"``), matched by their link."""
    found = {(Path(f["path"]).name, f["line"]) for f in runs[MONTHLY.name].findings if f["code"] == "CL301"}
    assert found == {
        ("2019-03-21.md", 69),  # mybinder.org-deploy#759, federation
        ("2020-05-21.md", 105),  # jupyterhub/.github#1, support bots
        ("2021-04-15.md", 48),  # binderhub#1169
        ("2021-12-16.md", 109),  # nbgitpuller#194
        ("2022-02-17.md", 61),  # jupyterhub#3713, custom scopes
        ("2022-05-19.md", 52),  # "Simon: Move Europe morning meeting to Tuesday?"
        # team-compass#380 on the April and May agendas; the May draft (2021-05-20-rev1.md,
        # a report of the series) lacks it, and the timeline bridges one report by issue link.
        ("2021-05-20.md", 59),
    }


def test_hpc_irregularities(runs: dict[str, Run]) -> None:
    run = runs[HPC.name]
    # hpc/2022-01-05.md says "2021-01-05".
    assert _messages(run, "2022-01-05.md", "CL206") == ["file name date 2022-01-05 differs from Date 2021-01-05"]
    # The year is missing from the titles of 2020-11 and 2020-12: accepted (the Date has it).
    assert run.schema_findings().keys() == {"2022-01-05.md", "2023-02-01.md"}


def test_nodejs_irregularities(runs: dict[str, Run]) -> None:
    run = runs[NODEJS.name]
    assert _messages(run, "2019-09-25.md", "CL101") == ["missing section 'Agenda'"]
    without_upcoming = {
        Path(f["path"]).name
        for f in run.findings
        if f["code"] == "CL101" and f["message"] == "missing section 'Upcoming Meetings'"
    }
    assert len(without_upcoming) == 6
    # CRLF line endings (2026-04-01) and an HTML comment hiding attendees (2026-02-18)
    # change nothing: both files conform.
    schema_findings = run.schema_findings()
    assert "2026-04-01.md" not in schema_findings
    assert "2026-02-18.md" not in schema_findings


NODEJS_TITLE_DATES = {
    "2018-07-12.md": "2018-07-11",
    "2018-12-12.md": "2018-12-05",
    "2019-02-14.md": "2019-02-13",
    "2019-03-14.md": "2019-03-13",
    "2019-07-29.md": "2019-07-31",
}


def test_nodejs_title_dates_differ_from_file_names() -> None:
    """The corpus facts the next test needs: these five titles, and no others, name another date."""
    differ = {}
    for name in _series_files(NODEJS):
        title = _line(NODEJS, name, 1)
        date = re.search(r" Meeting (\d{4}-\d{2}-\d{2})\s*$", title)
        assert date, title
        if date.group(1) != name[:10]:
            differ[name] = date.group(1)
    assert differ == NODEJS_TITLE_DATES


def test_nodejs_title_date_differs_from_file_name(runs: dict[str, Run]) -> None:
    """The minutes have no date field: CL206 compares the file name with the title's date."""
    run = runs[NODEJS.name]
    flagged = {Path(f["path"]).name: f["message"] for f in run.findings if f["code"] == "CL206"}
    assert flagged == {
        name: f"file name date {name[:10]} differs from the title's date {date}"
        for name, date in NODEJS_TITLE_DATES.items()
    }


def test_nodejs_closed_outline_allows_repo_headings(runs: dict[str, Run]) -> None:
    """CL104 honours ``patternProperties`` on ``sections``: a closed variant of the outline
    that allows the ``### nodejs/<repo>`` and standing Agenda sub-headings flags only the
    other headings. The example stays open because those are mostly the topic headings of
    Strategic Initiatives (2020-04-16 here), which are not wrong (see examples/README.md)."""
    root = runs[NODEJS.name].root
    schema = json.loads((root / "nodejs-tsc.schema.json").read_text(encoding="utf-8"))
    sections = schema["properties"]["sections"]
    sections["additionalProperties"] = False
    sections["patternProperties"] = {r"^(?:nodejs/|Announcements |Reminders |CPC and Board Meeting Updates )": {}}
    (root / "closed.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    config = (root / ".compass-lint.toml").read_text(encoding="utf-8")
    (root / "closed.toml").write_text(config.replace("nodejs-tsc.schema.json", "closed.schema.json"), encoding="utf-8")
    reports = ["2020-04-16.md", "2024-05-15.md", "2025-01-08.md"]
    output = root / "closed.json"
    argv = ["check", "--config", "closed.toml", "--select", "CL104", "--format", "json", "--output", str(output)]
    run_cli(*argv, *(f"{NODEJS.layout}/{name}" for name in reports), cwd=root)
    flagged = [(Path(f["path"]).name, f["message"]) for f in json.loads(output.read_text(encoding="utf-8"))]
    topics = ("V8 currency", "QUIC", "Build resources update", "Modules update", "Core promise APIs (@mcollina)")
    expected = [("2020-04-16.md", title) for title in (*topics, "Startup Performance")]
    expected.append(("2025-01-08.md", "openjs-foundation/summit"))
    assert flagged == [(name, f"heading '{title}' is not part of the outline") for name, title in expected]


# --- (c) actions carried between meetings, tracked by their issue link -----------------


def test_nodejs_default_branch_rename_is_one_action(runs: dict[str, Run]) -> None:
    """nodejs/node#33864 is on the agenda of 63 of the 65 meetings 2020-07-02 … 2022-06-15.

    The tracker follows it as one action: across the 2021-07 rewording ("or something
    similar" dropped), matched by the shared issue link, and across the two meetings
    without it (2022-01-19 and 2022-04-20), bridged because it comes back with the link.
    """
    series = [n for n in _series_files(NODEJS) if "2020-07-02.md" <= n <= "2022-06-15.md"]
    assert len(series) == 65
    (rename,) = [a for a in runs[NODEJS.name].actions() if "#33864" in a["text"]]
    assert _occurrences(rename) == [n for n in series if n not in ("2022-01-19.md", "2022-04-20.md")]
    assert rename["carried"] == 62
    texts = {_line(NODEJS, name, line) for name, line in _places(rename)}
    assert any("or something similar" in t for t in texts)
    assert any("or something similar" not in t for t in texts)
    # CL301 reads the same timeline: one action, stale at every occurrence after its first,
    # the gaps bridged (it restarted after each gap while the rule had a timeline of its own),
    # except the last: "* Done - Yay" nested under it in 2022-06-15 completes it there.
    flagged = [f for f in runs[NODEJS.name].findings if f["code"] == "CL301" and "#33864" in f["message"]]
    assert len(flagged) == 63 - 2
    (message,) = [m for m in _messages(runs[NODEJS.name], "2022-02-03.md", "CL301") if "#33864" in m]
    assert message.startswith("action open since 2020-07-02.md (47 reports, carried 46x): 'Rename default branch")


def test_nodejs_default_branch_rename_is_completed(runs: dict[str, Run]) -> None:
    """A nested status bullet completes its item: ``  * Done - Yay`` under #33864 in 2022-06-15."""
    (rename,) = [a for a in runs[NODEJS.name].actions() if "#33864" in a["text"]]
    assert rename["status"] == "completed"
    assert rename["status_report"].endswith("2022-06-15.md")


def test_nodejs_link_on_a_wrapped_line(runs: dict[str, Run]) -> None:
    """An item's text is its whole paragraph: in 2019-08-28 the link to nodejs/node#29207 is on
    the announcement's second line. The example's ``exempt-sections`` leaves announcements out
    of the actions, so the agenda item of 2019-09-11 starts the action; read as an action, the
    announcement carries the link."""
    from compass_lint.markdown.parse import parse
    from compass_lint.model.actions import describe
    from compass_lint.model.report import build_report
    from compass_lint.outline.schema import schema_identity

    assert "29207" not in _line(NODEJS, "2019-08-28.md", 25)
    assert "29207" in _line(NODEJS, "2019-08-28.md", 26)
    outline = schema_identity(str(EXAMPLES / NODEJS.name / "nodejs-tsc.schema.json")).outline
    report = build_report(parse((CORPUS / NODEJS.corpus / "2019-08-28.md").read_text(encoding="utf-8")), outline)
    (item,) = [i for i in report.action_items() if i.line == 25]
    assert item.under == ("Announcements",)
    assert describe(item, ("DONE",)).links == frozenset({"github.com/nodejs/node/pull/29207"})
    (action,) = [a for a in runs[NODEJS.name].actions() if ("2019-09-11.md", 65) in _places(a)]
    assert _places(action) == [("2019-09-11.md", 65), ("2019-09-18.md", 43)]
    assert "make ^C print a JS stack trace" in action["text"]


# The config's exempt-actions, and items each one exempts (first line, as written).
NODEJS_EXEMPT = {
    "2018-01-10.md": "Strategic Initiatives - Tracking Issue",
    "2019-01-02.md": "Tracking issue for updating TSC on Board Meetings",
    "2026-04-01.md": "Remember to nominate people for the",  # the link is on the next line
    "2022-06-15.md": "No announcements for this week",
    "2021-09-23.md": "No CPC updates this week.",
    "2019-08-28.md": "Board",
}


def test_nodejs_standing_items_are_exempt(runs: dict[str, Run]) -> None:
    """The standing tracking issues #423 and #476, the ``### Reminders`` bullet and the
    "nothing to report" lines are repeated by design: never tracked, never flagged."""
    config = tomllib.loads((EXAMPLES / NODEJS.name / "compass-lint.toml").read_text(encoding="utf-8"))
    exempt = re.compile("|".join(config["exempt-actions"]), re.IGNORECASE)
    run = runs[NODEJS.name]
    for name, text in NODEJS_EXEMPT.items():
        assert f"* {text}" in (CORPUS / NODEJS.corpus / name).read_text(encoding="utf-8")
        assert exempt.search(text), text
    tracked = [a["text"] for a in run.actions() if exempt.search(a["text"].split("\n", 1)[0])]
    assert tracked == []
    # The tracker shows an action's plain text (a link as its text, "#423").
    assert [a["text"] for a in run.actions() if re.search(r"#(?:423|476)\b", a["text"])] == []
    flagged = [
        f["message"] for f in run.findings if f["code"] == "CL301" and re.search(r"#(?:423|476)\b", f["message"])
    ]
    assert flagged == []


# Where https://github.com/jupyterhub/batchspawner/pull/252 is written in the HPC reports.
BATCHSPAWNER_252 = {"2022-12-07.md": 50, "2023-01-04.md": 44, "2023-02-01.md": 49, "2023-03-01.md": 49}


def test_hpc_batchspawner_252_lines() -> None:
    """The corpus facts the next test needs: the PR link, reworded each month, four levels deep."""
    for name, line in BATCHSPAWNER_252.items():
        text = _line(HPC, name, line)
        assert "batchspawner/pull/252" in text
        assert text.startswith(" " * 12 + "- ")


def test_hpc_batchspawner_252_is_tracked_by_its_link(runs: dict[str, Run]) -> None:
    """``x-actions: "linked"``: the PR, nested under ``- **All:** Standing project items:``, is an
    action of its own, followed by its link through four rewordings ("PR updating test
    matrix", "merge test matrix updates", "merged PR #252")."""
    tracked = [a for a in runs[HPC.name].actions() if set(BATCHSPAWNER_252.items()) & set(_places(a))]
    assert [_places(a) for a in tracked] == [list(BATCHSPAWNER_252.items())]
    # "merged [PR #252](…)" is prose, not a completion marker: the action is "dropped" in the
    # next report, and 2023-03-01 is flagged as open (a false positive, see the README).
    assert (tracked[0]["status"], Path(tracked[0]["status_report"]).name) == ("dropped", "2023-04-05.md")
    assert _messages(runs[HPC.name], "2023-03-01.md", "CL301") == [
        "action open since 2022-12-07.md (4 reports, carried 3x): 'merged PR #252 (test matrix updates)'"
    ]


def test_hpc_group_headers_are_not_actions(runs: dict[str, Run]) -> None:
    """``- **All:** Standing project items:``, ``- Workshop/conference news:`` and ``- **Rollin:**``
    end with ":" and hold nested items: labels, not actions. And the short ``Community``
    (2023-03-01, 2023-04-05) is no longer the same action as ``Community management``."""
    actions = runs[HPC.name].actions()
    labels = re.compile(r"^(?:Standing|All: Standing|Workshop/conference|Rollin:?$)")
    assert [a["text"] for a in actions if labels.search(a["text"])] == []
    community = {a["text"]: _occurrences(a) for a in actions if a["text"].startswith("Community")}
    assert community == {
        "Community management": ["2023-02-01.md"],
        "Community": ["2023-03-01.md", "2023-04-05.md"],
    }


def test_hpc_wrong_date_moves_a_report_in_the_series(runs: dict[str, Run]) -> None:
    """The series is ordered by the Date field first: 2022-01-05.md (Date 2021-01-05) comes
    between 2020-12-02 and 2021-02-03, so its history is compared with the wrong reports."""
    order = runs[HPC.name].order()
    assert order[:4] == ["2020-11-04.md", "2020-12-02.md", "2022-01-05.md", "2021-02-03.md"]


@pytest.mark.xfail(
    strict=True,
    reason="deliberate (the spec): a series is ordered by its first date field, then by the file "
    "name's date, so a report whose Date is wrong (CL206 fires on it) is also misplaced in its "
    "series; here the file name was right",
)
def test_hpc_series_follows_file_names(runs: dict[str, Run]) -> None:
    assert runs[HPC.name].order() == _series_files(HPC)


# --- library bugs found while measuring ------------------------------------------------


def test_duplicate_section_is_reported_at_the_second_heading(tmp_path: Path) -> None:
    outline = {
        "type": "object",
        "properties": {
            "sections": {
                "type": "object",
                "x-order": True,
                "required": ["welcome", "agenda"],
                "properties": {"welcome": {"x-title": "Welcome"}, "agenda": {"x-title": "Agenda items"}},
            }
        },
    }
    (tmp_path / "outline.schema.json").write_text(json.dumps(outline), encoding="utf-8")
    (tmp_path / "2024-01-01.md").write_text(
        "# Meeting\n\n## Agenda items\n\nProposals.\n\n## Welcome\n\n## Agenda items\n\n- item\n",
        encoding="utf-8",
    )
    output = tmp_path / "findings.json"
    argv = ["check", "--no-cache", "--schema", "outline.schema.json", "--format", "json", "--output", str(output)]
    run_cli(*argv, "2024-01-01.md", cwd=tmp_path)
    (finding,) = json.loads(output.read_text(encoding="utf-8"))
    assert finding["code"] == "CL107"
    assert (finding["line"], finding["message"]) == (9, "section 'Agenda items' appears again (first at line 3)")
