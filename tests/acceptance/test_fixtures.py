"""Golden tests over ``fixtures/<code>/{pass,fail}/*.md``.

Every ``fail/*.md`` has a sibling ``.expected`` holding the exact output of

    compass-lint check --format text --quiet fixtures/<code>/fail/<name>.md

run from the repository root (the tests add ``--no-cache``, which does not change the
output). Every ``pass/*.md`` must produce no finding of its folder's code (and, unless
listed in ``PASS_EXTRA_CODES``, no finding at all). Each finding of a fail fixture is
also checked against the source: the reported line must really hold the element the
message names (``_check_location``, which must learn every new code).

To rewrite the goldens after an intended change of output, run

    COMPASS_LINT_UPDATE_GOLDEN=1 python -m pytest tests/acceptance/test_fixtures.py

and then read every changed ``.expected`` (``git diff fixtures/``) before
committing it: a golden is only as good as the eyes that checked it.

The files of one fixture folder form a report series for the history rules
(CL205, CL301, ...), so the fixtures are written to be history-neutral: their
periods follow on from each other in file-name order and they carry no action
items. ``test_fail_fixture_is_focused`` keeps it that way.

The rules that compare reports are tested on series cases instead: a folder
``fixtures/<code>/<case>/`` (any name but ``pass`` and ``fail``) holds two or three
consecutive reports and ``check.expected``, the exact output of

    compass-lint check --format text --quiet fixtures/<code>/<case>/

with ``--config fixtures/<code>/<case>/.compass-lint.toml`` added when the case has
one (to turn on a rule that is off by default). An empty ``check.expected`` is a
case where the rule must not fire.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from builders import Cli

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
SCHEMA = ROOT / "schemas" / "team-compass.schema.json"
UPDATE = os.environ.get("COMPASS_LINT_UPDATE_GOLDEN") == "1"

FINDING = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<code>CL\d{3}) (?:\[\*\] )?(?P<message>.*)"
    r" \[(?P<severity>error|warning|info)\]$"
)

# Pass fixtures that are clean for their own rule but show another one on purpose.
PASS_EXTRA_CODES: dict[str, set[str]] = {
    "CL101/pass/section-as-bold-line.md": {"CL106"},
    "CL101/pass/sections-as-list-items.md": {"CL106"},
}
# Fail fixtures allowed to show codes besides their folder's (none so far).
FAIL_EXTRA_CODES: dict[str, set[str]] = {}


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _cases(kind: str) -> list[Path]:
    return sorted(FIXTURES.glob(f"CL[0-9][0-9][0-9]/{kind}/*.md"))


def _run(args: list[str], cli: Cli) -> str:
    # --no-cache: the result cache is keyed by compass-lint's version, not its code, so a cached
    # result could hide a change in behaviour; the goldens must meet what the code does now.
    done = cli("check", "--no-cache", *args, cwd=ROOT)
    assert done.code in (0, 1), done.err
    return done.out


def _text_output(path: Path, cli: Cli) -> str:
    return _run(["--format", "text", "--quiet", _relative(path)], cli)


def _parse_output(output: str) -> list[dict[str, str]]:
    rows = []
    for row in output.splitlines():
        match = FINDING.match(row)
        assert match, f"not a finding line: {row!r}"
        rows.append(match.groupdict())
    return rows


def _key(path: Path) -> str:
    return path.relative_to(FIXTURES).as_posix()


FAIL_CASES = _cases("fail")
PASS_CASES = _cases("pass")


@pytest.mark.parametrize("path", FAIL_CASES, ids=_key)
def test_fail_fixture_matches_golden(path: Path, cli: Cli) -> None:
    expected_file = path.with_suffix(".expected")
    actual = _text_output(path, cli)
    if UPDATE:
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.is_file(), f"{_relative(expected_file)} is missing"
    assert actual == expected_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", FAIL_CASES, ids=_key)
def test_fail_fixture_is_focused(path: Path) -> None:
    """A fail fixture shows its folder's rule, and (unless listed) nothing else."""
    code = path.parent.parent.name
    rows = _parse_output(path.with_suffix(".expected").read_text(encoding="utf-8"))
    codes = {row["code"] for row in rows}
    assert code in codes
    assert codes - {code} <= FAIL_EXTRA_CODES.get(_key(path), set())
    assert all(row["path"] == _relative(path) for row in rows)


@pytest.mark.parametrize("path", PASS_CASES, ids=_key)
def test_pass_fixture_has_no_finding_of_its_rule(path: Path, cli: Cli) -> None:
    code = path.parent.parent.name
    findings = json.loads(_run(["--format", "json", _relative(path)], cli))
    codes = {finding["code"] for finding in findings}
    assert code not in codes, findings
    assert codes <= PASS_EXTRA_CODES.get(_key(path), set()), findings


def test_every_golden_has_its_fixture() -> None:
    for expected in FIXTURES.glob("CL[0-9][0-9][0-9]/*/*.expected"):
        if expected.name == SERIES_GOLDEN:
            assert expected.parent in SERIES_CASES, f"golden of no series case: {_relative(expected)}"
            continue
        assert expected.with_suffix(".md").is_file(), f"orphan golden {_relative(expected)}"
        assert expected.parent.name == "fail", f"golden outside fail/: {_relative(expected)}"


# --- Series cases: the rules that compare reports ----------------------------------------


SERIES_GOLDEN = "check.expected"
SERIES_CASES = sorted(
    case for case in FIXTURES.glob("CL[0-9][0-9][0-9]/*") if case.is_dir() and case.name not in ("pass", "fail")
)


def _series_output(case: Path, cli: Cli) -> str:
    config = case / ".compass-lint.toml"
    options = ["--config", _relative(config)] if config.is_file() else []
    return _run(["--format", "text", "--quiet", *options, _relative(case) + "/"], cli)


def _reports(case: Path) -> list[Path]:
    return sorted(case.glob("*.md"))


@pytest.mark.parametrize("case", SERIES_CASES, ids=_key)
def test_series_case_matches_golden(case: Path, cli: Cli) -> None:
    expected_file = case / SERIES_GOLDEN
    actual = _series_output(case, cli)
    if UPDATE:
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.is_file(), f"{_relative(expected_file)} is missing"
    assert actual == expected_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", SERIES_CASES, ids=_key)
def test_series_case_is_focused(case: Path) -> None:
    """Two or three reports, and only the folder's rule, on reports of the case."""
    assert 2 <= len(_reports(case)) <= 3, "a series case is two or three consecutive reports"
    rows = _parse_output((case / SERIES_GOLDEN).read_text(encoding="utf-8"))
    assert {row["code"] for row in rows} <= {case.parent.name}
    assert {row["path"] for row in rows} <= {_relative(report) for report in _reports(case)}


@pytest.mark.parametrize("case", SERIES_CASES, ids=_key)
def test_series_case_findings_sit_on_their_element(case: Path) -> None:
    for row in _parse_output((case / SERIES_GOLDEN).read_text(encoding="utf-8")):
        _check_location(row, (ROOT / row["path"]).read_text(encoding="utf-8").split("\n"))


def test_series_cases_cover_firing_and_quiet() -> None:
    """Each rule that compares reports has a case where it fires; CL301 also one where it must not."""
    fired = {case.parent.name for case in SERIES_CASES if (case / SERIES_GOLDEN).read_text(encoding="utf-8")}
    quiet = {case.parent.name for case in SERIES_CASES if not (case / SERIES_GOLDEN).read_text(encoding="utf-8")}
    assert {"CL205", "CL301", "CL302", "CL303"} <= fired
    assert "CL301" in quiet


# --- The reported line holds the element ------------------------------------------------


def _outline() -> list[tuple[str, str, str | None]]:
    """(id, title, title pattern) of every outline section, in outline order."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    sections = schema["properties"]["sections"]["properties"]
    return [(key, spec["x-title"], spec.get("x-title-pattern")) for key, spec in sections.items()]


_SECTION_PREFIX = r"^[ \t]*(?:[#>*_+-]+[ \t]*|\d{1,9}[.)][ \t]+)*(?:\d+(?:\.\d+)*\.?[ \t]+)?(?:\*\*|__)?"


def _section_line(lines: list[str], title: str, pattern: str | None) -> int | None:
    """1-based line where a section with this title is written, ignoring code and the template."""
    if pattern:
        wanted = re.compile(_SECTION_PREFIX + pattern.lstrip("^"), re.IGNORECASE)
    else:
        wanted = re.compile(_SECTION_PREFIX + re.escape(title) + r"\b", re.IGNORECASE)
    fenced = False
    for number, line in enumerate(lines, start=1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if "do not edit below" in line.lower():
            return None
        if not fenced and wanted.match(line):
            return number
    return None


def _body_end(lines: list[str]) -> int:
    """The last line of the report body with content (before the template marker and its ``---`` rule)."""
    end = next(
        (number - 1 for number, line in enumerate(lines, start=1) if "do not edit below" in line.lower()),
        len(lines),
    )
    while end > 1 and (not lines[end - 1].strip() or set(lines[end - 1].strip()) <= {"-", "*", "_", " "}):
        end -= 1
    return end


def _expected_missing_section_line(lines: list[str], title: str) -> int:
    """Where CL101 belongs: the next section of the outline that is present, else the body's end."""
    outline = _outline()
    index = next(i for i, (_, t, _) in enumerate(outline) if t == title)
    for _, later_title, pattern in outline[index + 1 :]:
        found = _section_line(lines, later_title, pattern)
        if found is not None:
            return found
    return _body_end(lines)


_QUOTED = re.compile(r"'([^']*)'")


def _check_location(row: dict[str, str], lines: list[str]) -> None:
    code, message = row["code"], row["message"]
    number, column = int(row["line"]), int(row["column"])
    last = len(lines) - 1 if lines[-1] == "" else len(lines)
    assert 1 <= number <= (last if code == "CL401" else _body_end(lines)), row
    line = lines[number - 1]
    quoted = _QUOTED.findall(message)
    if code == "CL100":
        assert number == 1
    elif code == "CL101":
        assert column == 1
        assert number == _expected_missing_section_line(lines, quoted[0]), row
    elif code in ("CL102", "CL103", "CL106"):
        label = re.match(r"section ([\d.]+ )?'", message)
        assert label, message
        assert quoted[0].casefold() in line.casefold(), (row, line)
        numbered = re.search(r"is numbered ([\d.]+),", message)
        if numbered:
            assert re.search(rf"(?<![\d.]){re.escape(numbered.group(1))}(?![\d])", line), (row, line)
        if "as a list item" in message:
            assert re.match(r"([-*+]|\d{1,9}[.)])[ \t]", line[column - 1 :]), (row, line)
        if "as a bold line" in message:
            assert line[column - 1 :].startswith(("**", "__")), (row, line)
        level = re.search(r"is a level-(\d) heading", message)
        if level:
            assert line[column - 1 :].startswith("#" * int(level.group(1)) + " "), (row, line)
    elif code == "CL104":
        assert quoted[0] in line and line.lstrip().startswith("#"), (row, line)
    elif code == "CL105":
        assert quoted[1] in line, (row, line)
    elif code == "CL201":
        assert line.startswith("# "), (row, line)
    elif code in ("CL202", "CL203", "CL204"):
        field = re.match(r"(Opening Date|Closing Date|Next monthly meeting)\b", message)
        assert field, message
        assert line[column - 1 :].startswith(field.group(1)), (row, line)
        value = re.match(r"[^(']*[('](.*?)[)']", message)
        if value and code != "CL204":
            assert value.group(1) in line, (row, line)
        if code == "CL204" and quoted:
            assert f"({quoted[0]})" in line, (row, line)
    elif code == "CL206":
        assert line[column - 1 :].startswith("Opening Date"), (row, line)
        named = re.match(r"file name date (\d{4})-(\d\d)-(\d\d) ", message)
        in_name = re.search(r"(\d{4})-(\d{1,2})-(\d{1,2})", Path(row["path"]).name)
        assert named and in_name, (message, row["path"])
        assert [int(part) for part in named.groups()] == [int(part) for part in in_name.groups()]
    elif code == "CL904":
        assert line[column - 1 :].startswith("<!--") and "compass-lint" in line and quoted[0] in line, (
            row,
            line,
        )
    elif code == "CL108":
        assert line.startswith("# ") and "follows another outline" in message, (row, line)
        own = re.search(r"its own sections: '([^']*)'", message)
        assert own and any(own.group(1) in later for later in lines[number:]), (row, own)
    elif code == "CL107":
        first = re.search(r"\(first at line (\d+)\)", message)
        assert first and line.lstrip().startswith("#") and quoted[0] in line, (row, line)
        assert lines[int(first.group(1)) - 1] == line, (row, lines[int(first.group(1)) - 1])
    elif code == "CL205":
        assert line[column - 1 :].startswith("Opening Date"), (row, line)
    elif code in ("CL301", "CL303"):
        # The item's text as shown (markup such as **DONE** dropped): every word is on the line.
        assert re.match(r"([-*+]|\d{1,9}[.)])[ \t]", line[column - 1 :]), (row, line)
        assert all(word in line for word in quoted[0].split()), (row, line)
    elif code == "CL302":
        # Reported at the actions section heading of the report that dropped the item.
        assert line.startswith("## ") and "actions" in line.lower(), (row, line)
    elif code == "CL401":
        if "lacks" in message:
            assert "do not edit below" in line.lower(), (row, line)
        else:
            wrong = re.search(r" as (\S+)$", message)
            assert wrong and quoted[0] in line and wrong.group(1) in line, (row, line)
    else:
        pytest.fail(f"no location check for {code}: add one to _check_location")


@pytest.mark.parametrize("path", FAIL_CASES, ids=_key)
def test_fail_fixture_findings_sit_on_their_element(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    rows = _parse_output(path.with_suffix(".expected").read_text(encoding="utf-8"))
    assert rows
    for row in rows:
        _check_location(row, lines)


def test_missing_section_at_end_of_report_is_inside_the_file(tmp_path: Path, cli: Cli) -> None:
    text = (FIXTURES / "CL101" / "fail" / "missing-nested-at-end-of-parent.md").read_text(encoding="utf-8")
    text = text[: text.index("---\n**Do not edit below**")]
    (tmp_path / "report.md").write_text(text, encoding="utf-8")
    done = cli("check", "--no-cache", "--format", "json", "--select", "CL101", "report.md", cwd=tmp_path)
    assert done.code == 1
    findings = done.findings()
    lines = text.split("\n")
    assert [f["message"] for f in findings] == [
        "missing section 5.4 'Related projects'",
        "missing section 6 'Thanks, Things to Celebrate, and anything else'",
    ]
    # The file ends in a blank line; the findings sit on the last line of section 5.3's text.
    assert lines[-2:] == ["", ""]
    for finding in findings:
        assert finding["line"] == _body_end(lines) == len(lines) - 2
        assert lines[finding["line"] - 1] == "- The login page got the new colour scheme."
