"""Planning fixes through the rules, and verifying a fixed text.

Each fixable rule builds its own fix (``Rule.fix``; see the rule modules for
what each does and ``Rule.fix_safety`` for how safe it is): CL101 inserts
missing headings, CL103 renumbers, CL106 rewrites a bold line, list item or
wrong-level heading as the heading, CL401 restores the template block, CL303
removes a completed action.

Each round (``compass_lint.edit.apply``) applies the fixes, re-parses and
re-lints the result in memory, and keeps it only if the fixed findings are
gone and no new finding appeared; otherwise fixes are tried one at a time and
those that fail are left, with a reason. Rounds repeat until nothing changes,
so a second ``fix`` is a no-op.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from compass_lint.core.finding import Finding
from compass_lint.markdown.textedit import Fix
from compass_lint.model.report import Report
from compass_lint.rules import RULES_BY_CODE, Rule

MAX_ROUNDS = 4


@dataclass
class FixOutcome:
    """What fixing one file did."""

    text: str
    applied: list[Fix] = field(default_factory=list)
    refused: list[tuple[Fix, str]] = field(default_factory=list)
    unsafe_skipped: int = 0


def plan_fixes(report: Report, findings: list[Finding]) -> list[Fix]:
    """Every fix the rules know for these findings, in the findings' order (joint fixes last)."""
    fixes: list[Fix] = []
    joint: dict[type[Rule], list[Finding]] = {}
    for finding in findings:
        rule = RULES_BY_CODE.get(finding.code)
        if rule is None or rule.fix_safety is None:
            continue
        if rule.fix_jointly:
            joint.setdefault(rule, []).append(finding)
        elif (fix := rule.fix(report, finding)) is not None:
            fixes.append(fix)
    for rule, found in joint.items():
        if (fix := rule.fix_all(report, found)) is not None:
            fixes.append(fix)
    return fixes


def verified(before: list[Finding], after: list[Finding], fixed: list[Finding]) -> str | None:
    """None when ``after`` has no new finding and none of ``fixed``; else why not."""
    allowed = Counter((f.code, f.message) for f in before)
    allowed.subtract(Counter((f.code, f.message) for f in fixed))
    found = Counter((f.code, f.message) for f in after)
    worse = [f"{code} {message}" for (code, message), count in found.items() if count > allowed.get((code, message), 0)]
    return None if not worse else "the fix would leave or cause: " + "; ".join(sorted(worse)[:3])
