"""The job summary's overview and its caps (``compass_lint.reporters.job_summary``)."""

from __future__ import annotations

import re
from pathlib import Path

from builders import make_finding

import compass_lint
from compass_lint.core.finding import Finding, Location, Severity
from compass_lint.reporters import REPORTERS, RunSummary
from compass_lint.reporters.github import GitHubReporter, job_summary
from compass_lint.reporters.job_summary import ERROR_FILES_SHOWN, FILES_SHOWN, OLDEST_SHOWN, ROWS_PER_FILE

REPO = Path(__file__).resolve().parents[2]
SUMMARY = RunSummary(files_checked=3)


def stale(path: str, line: int, since: list[str], item: str, owner: str | None) -> Finding:
    """A CL301 finding as the rule words it: open since the first of ``since``, one report per entry plus this one."""
    first = Path(since[0]).name if since else Path(path).name
    message = f"action open since {first} ({len(since) + 1} reports, carried {len(since)}x): '{item}'"
    related = tuple(Location(where, line) for where in since)  # an action keeps its line here
    return make_finding(path, line, "CL301", message, Severity.WARNING, related=related, owner=owner)


def section(markdown: str, heading: str) -> str:
    """The text under ``### heading`` up to the next heading."""
    start = markdown.index(f"### {heading}")
    end = markdown.find("\n### ", start + 1)
    return markdown[start : end if end != -1 else len(markdown)]


def table_rows(text: str) -> list[list[str]]:
    rows = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| ---")]
    return [[cell.strip() for cell in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows[1:]]


def test_overview_counts_each_code_with_its_severity() -> None:
    findings = [
        make_finding("a.md", 3),
        make_finding("a.md", 9, "CL204", "no link"),
        make_finding("b.md", 2),
        stale("b.md", 35, ["old.md"], "Write the guide (Priya)", "Priya"),
    ]
    markdown = job_summary(findings, SUMMARY)
    counts = markdown[: markdown.index("### ")]
    assert table_rows(counts) == [
        ["CL101", "missing-section", "error", "2"],
        ["CL204", "missing-link", "error", "1"],
        ["CL301", "stale-action", "warning", "1"],
    ]


def test_oldest_stale_actions_with_owners_one_row_per_action() -> None:
    findings = []
    # Eleven actions open for 2..12 reports, each reported in every report that carries it.
    for age in range(2, 13):
        history = [f"s/{n:02d}.md" for n in range(age - 1)]
        for seen in range(1, len(history) + 1):
            where = f"s/{seen:02d}.md" if seen < len(history) else f"s/{age:02d}-now.md"
            findings.append(stale(where, 40 + age, history[:seen], f"Action {age}", None if age == 5 else f"P{age}"))
    findings.sort(key=lambda f: f.sort_key)
    markdown = job_summary(findings, SUMMARY)
    table = section(markdown, "Oldest stale actions")
    assert table.startswith(f"### Oldest stale actions (the {OLDEST_SHOWN} oldest of {len(findings)})")
    rows = table_rows(table)
    assert [row[1] for row in rows] == [f"Action {age}" for age in range(12, 2, -1)]
    assert [row[2] for row in rows] == [str(age) for age in range(12, 2, -1)]
    assert [row[0] for row in rows][7] == "—"  # "Action 5" has no owner
    assert rows[0][0] == "P12" and rows[0][3] == "s/00.md" and rows[0][4] == "s/12-now.md:52"


def test_files_with_errors_most_errors_first_then_capped() -> None:
    findings = []
    for n in range(ERROR_FILES_SHOWN + 5):
        errors = 1 + (n % 3)
        findings += [make_finding(f"f{n:03d}.md", line) for line in range(1, errors + 1)]
        findings.append(make_finding(f"f{n:03d}.md", 50, "CL105", "warn", Severity.WARNING))
    findings.append(make_finding("only-warnings.md", 1, "CL105", "warn", Severity.WARNING))
    markdown = job_summary(sorted(findings, key=lambda f: f.sort_key), SUMMARY)
    table = section(markdown, "Files with the most errors")
    assert table.startswith(f"### Files with the most errors ({ERROR_FILES_SHOWN} of {ERROR_FILES_SHOWN + 5})")
    rows = table_rows(table)
    assert len(rows) == ERROR_FILES_SHOWN
    assert [int(row[1]) for row in rows] == sorted((int(row[1]) for row in rows), reverse=True)
    assert rows[0] == ["f002.md", "3", "1"]  # three errors, the first such file in output order
    assert "_and 5 more files with errors._" in table
    assert "only-warnings.md" not in table


def test_tables_for_the_first_files_errors_first_and_rows_capped() -> None:
    findings = [make_finding(f"w{n:03d}.md", 1, "CL105", "warn", Severity.WARNING) for n in range(FILES_SHOWN)]
    findings += [make_finding("z-errors.md", line) for line in range(1, ROWS_PER_FILE + 8)]
    markdown = job_summary(findings, SUMMARY)
    headings = re.findall(r"(?m)^### (\S+\.md)$", markdown)
    assert len(headings) == FILES_SHOWN
    assert headings[0] == "z-errors.md" and headings[1:] == [f"w{n:03d}.md" for n in range(FILES_SHOWN - 1)]
    assert len(table_rows(section(markdown, "z-errors.md"))) == ROWS_PER_FILE
    assert "_7 more findings in this file not shown._" in markdown
    assert "_1 more file with 1 finding not shown here" in markdown


def test_the_reporter_builds_the_same_summary_as_it_streams(tmp_path: Path) -> None:
    findings = [make_finding(f"d/{n:04d}.md", line) for n in range(60) for line in (3, 9)]
    findings.append(stale("d/0061.md", 5, ["d/0001.md"], "Book the room (Ada)", "Ada"))
    out = tmp_path / "log"
    with out.open("w", encoding="utf-8") as stream:
        reporter = GitHubReporter(stream)
        reporter.start()
        for n in range(62):
            reporter.handle(f"d/{n:04d}.md", [f for f in findings if f.path == f"d/{n:04d}.md"])
        reporter.finish(SUMMARY)
        streamed = reporter.job_summary(SUMMARY)
        reporter.close()
    assert streamed == job_summary(findings, SUMMARY)
    assert "| Ada | Book the room (Ada) | 2 | d/0001.md | d/0061.md:5 |" in streamed
    assert REPORTERS["github"](findings, SUMMARY).count("::error ") == 10


def test_cl301_findings_carry_the_owner_as_data() -> None:
    found = compass_lint.lint_paths([REPO / "fixtures" / "demo"])
    owners = [(f.line, f.owner) for f in found if f.code == "CL301"]
    assert owners == [(35, "Priya"), (36, "RM")]
    assert {f.owner for f in found if f.code != "CL301"} == {None}
