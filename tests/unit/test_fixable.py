"""Fixable findings are visible: ``[*]`` in the text output, a count in the summary, a column in ``rules``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from builders import Cli

from compass_lint.core.finding import Finding, Severity, Tally
from compass_lint.core.fixable import FIX_SAFETY
from compass_lint.reporters.text import fixable_line, format_finding
from compass_lint.rules import ALL_RULES

ROOT = Path(__file__).resolve().parents[2]


def test_the_table_says_what_the_rules_say() -> None:
    # The table exists so that printing does not import the rules: it must not drift from them.
    declared = {rule.code: rule.fix_safety.value for rule in ALL_RULES if rule.fix_safety is not None}
    assert dict(FIX_SAFETY) == declared


def _finding(code: str) -> Finding:
    return Finding("r.md", 3, 1, code, "name", Severity.ERROR, "message")


def test_a_fixable_finding_is_marked_as_ruff_marks_it() -> None:
    assert format_finding(_finding("CL103"), mark_fixable=True) == "r.md:3:1: CL103 [*] message [error]"
    assert format_finding(_finding("CL106"), mark_fixable=True) == "r.md:3:1: CL106 [*] message [error]"
    # An unsafe fix waits for --unsafe-fixes: not marked (ruff hides those too).
    assert format_finding(_finding("CL303"), mark_fixable=True) == "r.md:3:1: CL303 message [error]"
    assert format_finding(_finding("CL204"), mark_fixable=True) == "r.md:3:1: CL204 message [error]"
    assert format_finding(_finding("CL103")) == "r.md:3:1: CL103 message [error]", "other formats stay unmarked"


def test_the_summary_counts_the_fixes() -> None:
    tally = Tally([_finding("CL103"), _finding("CL101"), _finding("CL303"), _finding("CL204")])
    assert (
        fixable_line(tally) == "[*] 2 fixable with `compass-lint fix` (1 more with `compass-lint fix --unsafe-fixes`)."
    )
    assert fixable_line(Tally([_finding("CL101")])) == "[*] 1 fixable with `compass-lint fix`."
    assert fixable_line(Tally([_finding("CL401")])) == (
        "No fixes without --unsafe-fixes (1 more with `compass-lint fix --unsafe-fixes`)."
    )
    assert fixable_line(Tally([_finding("CL204")])) is None


def test_check_marks_and_counts_and_fix_repairs_that_many(tmp_path: Path, cli: Cli) -> None:
    for report in (ROOT / "fixtures" / "demo").glob("*.md"):
        shutil.copyfile(report, tmp_path / report.name)
    before = cli("check", ".", cwd=tmp_path)
    marked = [line for line in before.out.splitlines() if " [*] " in line]
    assert [line.split()[1] for line in marked] == ["CL103", "CL106", "CL101"]
    assert before.out.endswith(
        "[*] 3 fixable with `compass-lint fix` (1 more with `compass-lint fix --unsafe-fixes`).\n"
    )
    fixed = cli("fix", ".", cwd=tmp_path)
    assert "2026-02-27.md: fixed 3 findings" in fixed.out
    after = cli("check", ".", cwd=tmp_path)
    assert " [*] " not in after.out
    assert after.out.endswith("No fixes without --unsafe-fixes (1 more with `compass-lint fix --unsafe-fixes`).\n")


def test_rules_has_a_fix_column(cli: Cli) -> None:
    rows = {line.split()[0]: line.split()[3] for line in cli("rules").out.splitlines()[1:]}
    assert (rows["CL101"], rows["CL106"], rows["CL303"], rows["CL204"]) == ("safe", "depends", "unsafe", "-")
    data = json.loads(cli("rules", "--format", "json").out)
    assert {row["code"]: row["fix"] for row in data}["CL401"] == "unsafe"
