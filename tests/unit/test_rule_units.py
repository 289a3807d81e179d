"""Each rule is a unit: it owns its ``x-`` keywords, its fix and its fixtures (see STYLE.md, ruff's rule files).

``tests/test_meta.py`` checks names, docstring examples and the pass/fail
fixtures of report rules; this checks what makes a rule module whole: every
outline keyword has one owner, the keyword table comes from the rules, each
fixable rule builds fixes of the safety it declares, and every rule without a
``fixtures/<CODE>/`` folder says why.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from compass_lint.core.settings import Config
from compass_lint.edit.apply import analyse
from compass_lint.edit.fixes import plan_fixes
from compass_lint.engine.runner import RunOptions
from compass_lint.markdown.textedit import FixSafety
from compass_lint.outline.schema import load_schema
from compass_lint.rules import ALL_RULES, RULES_BY_CODE, SCHEMA_RULES, Rule, keyword_validators
from compass_lint.rules.base import SchemaRule

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
KEYWORDS_SCHEMA = ROOT / "schemas" / "outline-keywords.schema.json"
RULE_MODULES = ROOT / "compass_lint" / "rules"

# Rules with no fixtures/<CODE>/ folder, and why.
NO_FIXTURE_FOLDER: dict[str, str] = {
    "CL001": "only a custom schema's own constraints produce it (tests/acceptance/test_examples.py)",
    "CL900": "a crash: no committed report may cause one (tests/unit/test_fuzz.py, tests/acceptance/test_corpus.py)",
    "CL901": "unreadable bytes (bad UTF-8, NUL, oversize) are made by the tests (tests/unit/test_source.py)",
    "CL902": "a time-out needs a pathological file made by the tests (tests/unit/test_runner.py)",
}
MAX_MODULE_LINES = 300


def _id(rule: type[Rule]) -> str:
    return rule.code


def _x_keywords(value: Any) -> set[str]:
    """Every ``x-`` keyword the keywords schema describes (as a property or in the allowed list)."""
    found: set[str] = set()
    if isinstance(value, dict):
        found |= {key for key in value if key.startswith("x-")}
        for item in value.values():
            found |= _x_keywords(item)
    elif isinstance(value, list):
        found |= {item for item in value if isinstance(item, str) and item.startswith("x-")}
        for item in value:
            found |= _x_keywords(item)
    return found


def _owned(rule: type[Rule]) -> tuple[str, ...]:
    defines = rule.defines if issubclass(rule, SchemaRule) else None
    return (*([defines] if defines else []), *rule.reads)


def test_every_outline_keyword_has_exactly_one_owning_rule() -> None:
    described = _x_keywords(json.loads(KEYWORDS_SCHEMA.read_text(encoding="utf-8")))
    assert "x-title" in described and "x-template" in described
    owners: dict[str, list[str]] = {}
    for rule in ALL_RULES:
        for keyword in _owned(rule):
            owners.setdefault(keyword, []).append(rule.code)
    for keyword in sorted(described):
        assert len(owners.get(keyword, [])) == 1, f"{keyword} is owned by {owners.get(keyword, [])}"
    assert set(owners) <= described, f"rules own keywords the keywords schema lacks: {set(owners) - described}"


def test_the_keyword_table_is_built_from_the_rules_that_define_keywords() -> None:
    outline = load_schema("team-compass", keyword_validators).outline
    table = keyword_validators(outline)
    defining = [rule for rule in SCHEMA_RULES if rule.defines]
    assert sorted(table) == sorted(rule.defines for rule in defining if rule.defines)
    for rule in defining:
        assert rule.defines in rule.keywords or any(k.startswith(f"{rule.defines}:") for k in rule.keywords), (
            f"{rule.code} defines {rule.defines} but claims none of its errors"
        )


def test_every_claimed_x_error_comes_from_a_defined_keyword() -> None:
    defined = {rule.defines for rule in SCHEMA_RULES if rule.defines}
    for rule in SCHEMA_RULES:
        for claimed in rule.keywords:
            if claimed.startswith("x-"):
                assert claimed.split(":")[0] in defined, f"{rule.code} claims {claimed}, which no rule defines"


@pytest.mark.parametrize("rule", ALL_RULES, ids=_id)
def test_a_fix_safety_goes_with_a_fix(rule: type[Rule]) -> None:
    builds = "fix_all" if rule.fix_jointly else "fix"
    overridden = any(builds in vars(klass) for klass in rule.__mro__[: rule.__mro__.index(Rule)])
    assert overridden == (rule.fix_safety is not None), f"{rule.code}: fix_safety and a fix go together"


def _fixed_cases() -> list[Path]:
    cases = sorted(FIXTURES.glob("CL*/fail/*.md"))
    return [*cases, *sorted((FIXTURES / "series" / "three-months").glob("*.md"))]


def test_each_fixable_rule_plans_fixes_of_its_declared_safety() -> None:
    seen: set[str] = set()
    for path in _fixed_cases():
        report, findings = analyse(str(path), path.read_bytes(), Config(), RunOptions())
        assert report is not None, path
        for fix in plan_fixes(report, findings):
            for finding in fix.findings:
                rule = RULES_BY_CODE[finding.code]
                assert rule.fix_safety is not None, f"{path}: a fix for {finding.code}, which has none"
                if rule.fix_safety is not FixSafety.DEPENDS:
                    assert fix.safe == (rule.fix_safety is FixSafety.SAFE), f"{path}: {finding.code}"
                seen.add(finding.code)
    fixable = {rule.code for rule in ALL_RULES if rule.fix_safety is not None}
    assert seen == fixable, f"fixable rules whose fixtures never get a fix: {fixable - seen}"


@pytest.mark.parametrize("rule", ALL_RULES, ids=_id)
def test_rule_has_a_fixture_folder_or_a_reason(rule: type[Rule]) -> None:
    folder = FIXTURES / rule.code
    if rule.code in NO_FIXTURE_FOLDER:
        assert NO_FIXTURE_FOLDER[rule.code].strip(), f"{rule.code}: say why it has no fixtures"
        assert not folder.exists(), f"{rule.code} has fixtures/{rule.code}/ now: drop it from NO_FIXTURE_FOLDER"
    else:
        assert folder.is_dir(), f"no fixtures/{rule.code}/ (add fixtures, or a reason to NO_FIXTURE_FOLDER)"


def test_exemptions_name_registered_rules() -> None:
    assert set(NO_FIXTURE_FOLDER) <= set(RULES_BY_CODE)


def test_rule_modules_stay_small() -> None:
    sizes = {path.name: len(path.read_text(encoding="utf-8").splitlines()) for path in RULE_MODULES.glob("*.py")}
    assert sizes
    too_big = {name: lines for name, lines in sizes.items() if lines > MAX_MODULE_LINES}
    assert not too_big, f"split these rule modules by family: {too_big}"
