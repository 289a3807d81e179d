"""The GitHub Actions reporter: escaping, annotation limits, a command-proof log, job summary."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from builders import Cli, make_finding
from hypothesis import given, settings
from hypothesis import strategies as st

from compass_lint.core.finding import Finding, Severity
from compass_lint.reporters import REPORTERS, RunSummary
from compass_lint.reporters.github import escape_data, escape_property, job_summary

REPO = Path(__file__).resolve().parents[2]
SUMMARY = RunSummary(files_checked=2)
ANNOTATION = re.compile(r"::(error|warning|notice)(?: ([^:]*))?::(.*)")


def finding(path: str = "docs/2026-02-27.md", **fields: Any) -> Finding:
    return make_finding(path, **fields)


def unescape(text: str) -> str:
    for escaped, plain in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, plain)
    return text


def split_log(out: str) -> tuple[list[str], list[str]]:
    """(lines outside the stop-commands block, lines inside it)."""
    outside: list[str] = []
    inside: list[str] = []
    token = None
    # The runner reads lines as .NET's ReadLine does: "\n", "\r" and "\r\n" end a line.
    for line in re.split(r"\r\n|\r|\n", out.removesuffix("\n")):
        if token is None:
            match = re.fullmatch(r"::stop-commands::([0-9a-f]{32})", line)
            if match:
                token = match.group(1)
            else:
                outside.append(line)
        elif line == f"::{token}::":
            token = None
        else:
            inside.append(line)
    assert token is None, "the stop-commands block is never closed"
    return outside, inside


def workflow_commands(out: str) -> list[tuple[str, dict[str, str], str]]:
    """Every workflow command outside the block, parsed; fails on any other ``::`` line."""
    parsed = []
    for line in split_log(out)[0]:
        if not line.startswith("::"):
            continue
        match = ANNOTATION.fullmatch(line)
        assert match, f"unexpected workflow command: {line!r}"
        kind, properties, data = match.groups()
        pairs = [pair.split("=", 1) for pair in properties.split(",")] if properties else []
        parsed.append((kind, {key: unescape(value) for key, value in pairs}, unescape(data)))
    return parsed


def render(findings: list[Finding]) -> str:
    return REPORTERS["github"](findings, SUMMARY)


def test_escaping_follows_the_actions_toolkit() -> None:
    assert escape_data("100%\r\nok: a,b") == "100%25%0D%0Aok: a,b"
    assert escape_property("C:\\x,y%0A\n") == "C%3A\\x%2Cy%250A%0A"


def test_one_annotation_per_finding() -> None:
    out = render(
        [
            finding(line=9, column=6, code="CL204", message="Next monthly meeting has no link"),
            finding(line=3, code="CL105", severity=Severity.WARNING, end_line=4, end_column=12),
            finding(line=5, code="CL105", severity=Severity.INFO, message="50% done\nsecond line"),
        ]
    )
    lines = out.splitlines()
    assert lines[0] == (
        "::error file=docs/2026-02-27.md,line=9,col=6,title=CL204 missing-link::Next monthly meeting has no link"
    )
    assert lines[1] == (
        "::warning file=docs/2026-02-27.md,line=3,col=1,endLine=4,endColumn=12,"
        "title=CL105 section-title::missing section 4 'Team Metrics'"
    )
    assert lines[2] == (
        "::notice file=docs/2026-02-27.md,line=5,col=1,title=CL105 section-title::50%25 done%0Asecond line"
    )
    assert lines[-1] == "Found 1 error, 1 warning, 1 info finding in 1 file (2 files checked)."


def test_limits_errors_first_and_an_overflow_notice() -> None:
    errors = [finding(line=n, message=f"error {n}") for n in range(1, 26)]
    warnings = [finding(line=n, severity=Severity.WARNING, message=f"warning {n}") for n in range(1, 13)]
    infos = [finding(line=n, severity=Severity.INFO, message=f"info {n}") for n in range(1, 11)]
    findings = sorted(infos + warnings + errors, key=lambda f: f.sort_key)
    parsed = workflow_commands(render(findings))
    kinds = [kind for kind, _, _ in parsed]
    assert kinds == ["error"] * 10 + ["warning"] * 10 + ["notice"] * 10
    assert [data for _, _, data in parsed[:10]] == [f"error {n}" for n in range(1, 11)]
    assert [data for _, _, data in parsed[20:29]] == [f"info {n}" for n in range(1, 10)]
    kind, properties, data = parsed[-1]
    assert (kind, properties) == ("notice", {})
    # 15 errors, 2 warnings and 1 info (9 infos leave room for this notice) were left out.
    assert data.startswith("18 more findings are not annotated")
    assert "job summary" in data and "--format text" in data


def test_no_overflow_notice_when_everything_fits() -> None:
    findings = [finding(line=n, severity=severity) for severity in Severity if severity is not Severity.OFF
                for n in range(1, 11)]  # fmt: skip
    parsed = workflow_commands(render(findings))
    assert len(parsed) == 30
    assert all(properties for _, properties, _ in parsed)


def test_overflow_of_one_kind_makes_room_among_notices() -> None:
    findings = [finding(line=n) for n in range(1, 12)] + [finding(line=n, severity=Severity.INFO) for n in range(1, 11)]
    parsed = workflow_commands(render(findings))
    assert [kind for kind, _, _ in parsed].count("notice") == 10
    assert parsed[-1][2].startswith("2 more findings are not annotated")


def test_every_finding_in_the_inert_block() -> None:
    findings = [finding(line=n, message=f"m{n}") for n in range(1, 31)]
    out = render(findings)
    _, inside = split_log(out)
    assert inside == [f"docs/2026-02-27.md:{n}:1: CL101 m{n} [error]" for n in range(1, 31)]
    tokens = {re.search(r"::stop-commands::(\w+)", render(findings)).group(1) for _ in range(5)}  # type: ignore[union-attr]
    assert len(tokens) == 5


def test_report_text_cannot_issue_commands() -> None:
    hostile = "::add-mask::secret\n::set-env name=A::b\r\n::error::boom %0A"
    out = render([finding(path="evil,line=1:x.md", message=hostile, code="CL105", severity=Severity.INFO)])
    outside, inside = split_log(out)
    assert not any(line.startswith("::add-mask") or line.startswith("::set-env") for line in outside)
    [(kind, properties, data)] = workflow_commands(out)
    assert kind == "notice"
    assert properties == {
        "file": "evil,line=1:x.md",
        "line": "44",
        "col": "1",
        "title": "CL105 section-title",
    }
    assert data == hostile
    # The human log (inside its stop-commands block too) shows the text escaped, on one line.
    assert not any(line.startswith("::set-env") for line in inside)
    assert "::add-mask::secret\\x0a::set-env name=A::b\\x0d\\x0a::error::boom %0A" in "\n".join(inside)


@settings(max_examples=80, deadline=None)
@given(path=st.text(min_size=1), message=st.text())
def test_any_text_round_trips_and_stays_inert(path: str, message: str) -> None:
    out = render([finding(path=path, message=message), finding(path=path, severity=Severity.WARNING)])
    parsed = workflow_commands(out)
    assert [(p["file"], data) for _, p, data in parsed] == [
        (path, message),
        (path, "missing section 4 'Team Metrics'"),
    ]


def _cells(row: str) -> list[str]:
    # GFM splits table rows on pipes not escaped by a backslash (an escaped backslash does not escape).
    assert row.startswith("| ") and row.endswith(" |")
    return re.findall(r"((?:\\.|[^|\\])*)\|", row[1:])


def test_job_summary_tables_per_file() -> None:
    findings = [
        finding(path="a/one.md", line=3, message="a | b"),
        finding(path="a/one.md", line=7, message="line\nbreak <script>alert(1)</script> \\| x"),
        finding(path="b_two.md", line=1, code="CL105", severity=Severity.WARNING, message="*not* bold"),
    ]
    markdown = job_summary(findings, SUMMARY)
    lines = markdown.splitlines()
    assert lines[0] == "## compass-lint"
    assert "Found 2 errors, 1 warning in 2 files (2 files checked)." in markdown
    assert "### a/one.md" in lines and "### b\\_two.md" in lines
    rows = [line for line in lines if re.match(r"\| \d", line)]
    assert len(rows) == 3
    for row in rows:
        assert len(_cells(row)) == 4, row
    assert _cells(rows[0])[3].strip() == "a \\| b"
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown
    assert "line<br>break" in rows[1]
    assert "\\*not\\* bold" in rows[2]
    assert "_omitted_" not in markdown and "not shown" not in markdown


def test_job_summary_with_stale_items_and_no_findings() -> None:
    markdown = job_summary([], SUMMARY, stale=["Write the guide (Priya) | open since 2026-01-30.md"])
    assert "No problems found (2 files checked)." in markdown
    assert "### Stale action items (1)" in markdown
    assert "- Write the guide (Priya) \\| open since 2026-01-30.md" in markdown


def test_job_summary_stays_under_one_mebibyte() -> None:
    # 50,000 findings in 500 files: tables for the first files only, then a line for the rest.
    message = "x" * 30 + " | <b>"
    findings = [finding(path=f"docs/{n // 100:04d}.md", line=n, message=message) for n in range(50_000)]
    markdown = job_summary(findings, SUMMARY, stale=[f"item {n}" for n in range(1_000)])
    size = len(markdown.encode("utf-8"))
    assert size < 100_000
    rows = [line for line in markdown.splitlines() if re.match(r"\| \d", line)]
    assert 0 < len(rows) < 5_000
    assert "_480 more files with 48,000 findings not shown here" in markdown
    assert "more stale action items not shown" in markdown


def test_job_summary_caps_a_huge_message() -> None:
    markdown = job_summary([finding(message="y" * 2_000_000)], SUMMARY)
    assert len(markdown.encode("utf-8")) < 10_000
    assert "…" in markdown


def test_cli_demo_reports(cli: Cli) -> None:
    text = cli("check", "--format", "text", "fixtures/demo/", cwd=REPO)
    github = cli("check", "--format", "github", "fixtures/demo/", cwd=REPO)
    assert (text.code, github.code) == (1, 1)
    text_lines = text.out.splitlines()
    out = github.out
    outside, inside = split_log(out)
    # The text output marks fixable findings ([*]) and ends with two summary lines.
    assert inside == [line.replace(" [*] ", " ") for line in text_lines[:-2]]
    assert outside[-1] == text_lines[-2]
    parsed = workflow_commands(out)
    assert len(parsed) == len(inside) <= 30
    assert {p["file"] for _, p, _ in parsed} == {"fixtures/demo/2026-02-27.md"}
    assert ("error", "CL204 missing-link") in {(kind, p["title"]) for kind, p, _ in parsed}
