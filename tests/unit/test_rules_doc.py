"""docs/rules.md is what ``compass_lint.rules.docs`` renders from the rules themselves."""

from __future__ import annotations

import re
from pathlib import Path

from compass_lint.rules import ALL_RULES
from compass_lint.rules.docs import render_markdown

ROOT = Path(__file__).resolve().parents[2]
RULES_MD = ROOT / "docs" / "rules.md"


def test_docs_rules_md_is_up_to_date() -> None:
    committed = RULES_MD.read_text(encoding="utf-8")
    assert committed == render_markdown(), (
        "docs/rules.md is stale: run `python -m compass_lint.rules.docs > docs/rules.md` and commit it"
    )


def test_the_table_shows_each_rules_fix_safety() -> None:
    rows = {}
    for line in render_markdown().splitlines():
        match = re.fullmatch(r"\| (CL\d{3}) \| [^|]+ \| [^|]+ \| [^|]+ \| ([^|]*) \| .*", line)
        if match:
            rows[match.group(1)] = match.group(2).strip()
    assert set(rows) == {rule.code for rule in ALL_RULES}
    for rule in ALL_RULES:
        assert rows[rule.code] == (rule.fix_safety.value if rule.fix_safety else ""), rule.code
    # The README's fix table: CL101, CL103 safe; CL106 depends on the case; CL401, CL303 unsafe.
    fixable = {code: safety for code, safety in rows.items() if safety}
    assert fixable == {
        "CL101": "safe",
        "CL103": "safe",
        "CL106": "safe or unsafe",
        "CL303": "unsafe",
        "CL401": "unsafe",
    }
