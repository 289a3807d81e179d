"""Every rule is registered, named, documented, listed and has fixtures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from builders import Cli

from compass_lint.rules import ALL_RULES, RULES_BY_CODE, RULES_BY_NAME, Rule
from compass_lint.rules.docs import plain_text

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"

# File-level outcomes that no report text can reliably produce from a committed fixture:
# schema errors of custom schemas, crashes, unreadable files (made in tests), time-outs.
NO_FIXTURES = {"CL001", "CL900", "CL901", "CL902"}
# Rules comparing a report with its predecessor use fixtures/<code>/<case>/{previous,current}.md
# (STYLE.md); they are outside this suite's pass/fail layout.
PAIR_SCOPE = "pair"


def _id(rule: type[Rule]) -> str:
    return rule.code


def test_there_are_rules() -> None:
    assert len(ALL_RULES) >= 16


def test_codes_and_names_are_unique() -> None:
    codes = [rule.code for rule in ALL_RULES]
    names = [rule.name for rule in ALL_RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    assert set(RULES_BY_CODE) == set(codes)
    assert set(RULES_BY_NAME) == set(names)


@pytest.mark.parametrize("rule", ALL_RULES, ids=_id)
def test_code_and_name_format(rule: type[Rule]) -> None:
    assert re.fullmatch(r"CL\d{3}", rule.code)
    assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", rule.name)


@pytest.mark.parametrize("rule", ALL_RULES, ids=_id)
def test_docstring_has_summary_and_examples(rule: type[Rule]) -> None:
    doc = rule.documentation()
    assert rule.__doc__, f"{rule.code} has no docstring of its own"
    lines = doc.split("\n")
    summary = lines[0]
    assert summary.strip() and summary == rule.summary()
    assert summary.endswith("."), summary
    assert len(lines) == 1 or lines[1] == "", "the summary is one line followed by a blank line"
    assert re.search(r"^Fails\b", doc, re.MULTILINE), f"{rule.code}: no 'Fails' example"
    assert re.search(r"^Passes\b", doc, re.MULTILINE), f"{rule.code}: no 'Passes' example"
    assert doc.index("Fails") < doc.index("Passes")


def test_rules_command_lists_every_rule(cli: Cli) -> None:
    done = cli("rules")
    assert done.code == 0
    header, *rows = done.out.splitlines()
    assert header.split() == ["CODE", "NAME", "SEVERITY", "FIX", "SUMMARY"]
    listed = {}
    for row in rows:
        code, name, severity, _fix, summary = re.split(r"\s+", row, maxsplit=4)
        listed[code] = (name, severity, summary)
    assert list(listed) == sorted(listed)
    for rule in ALL_RULES:
        assert rule.code in listed, rule.code
        name, severity, summary = listed[rule.code]
        assert name == rule.name
        assert severity in ("error", "warning", "info", "off")
        assert summary == rule.summary()
    assert len(rows) == len(ALL_RULES)


def test_rules_command_columns_line_up(cli: Cli) -> None:
    done = cli("rules")
    assert done.code == 0
    rows = done.out.splitlines()[1:]
    matches = [re.search(r"\s(error|warning|info|off)\s", row) for row in rows]
    assert all(matches)
    assert len({match.start(1) for match in matches if match}) == 1


@pytest.mark.parametrize("rule", ALL_RULES, ids=_id)
def test_explain_prints_the_documentation(rule: type[Rule], cli: Cli) -> None:
    done = cli("explain", rule.code)
    assert done.code == 0
    out = done.out
    assert out.startswith(f"{rule.code} {rule.name} ")
    assert plain_text(rule.summary()) in out


def _needs_fixtures(rule: type[Rule]) -> bool:
    return rule.code not in NO_FIXTURES and rule.scope != PAIR_SCOPE


@pytest.mark.parametrize("rule", [r for r in ALL_RULES if _needs_fixtures(r)], ids=_id)
def test_rule_has_pass_and_fail_fixtures(rule: type[Rule]) -> None:
    folder = FIXTURES / rule.code
    for kind in ("pass", "fail"):
        files = sorted((folder / kind).glob("*.md"))
        assert files, f"no fixtures/{rule.code}/{kind}/*.md"
    for report in (folder / "fail").glob("*.md"):
        assert report.with_suffix(".expected").is_file(), f"{report} has no .expected golden"


@pytest.mark.parametrize("rule", [r for r in ALL_RULES if r.scope == PAIR_SCOPE], ids=_id)
def test_pair_rule_has_a_series_case(rule: type[Rule]) -> None:
    """A rule that compares reports has a case folder of reports and its golden (tests/acceptance)."""
    cases = [p for p in (FIXTURES / rule.code).glob("*/check.expected") if len(list(p.parent.glob("*.md"))) >= 2]
    assert cases, f"no fixtures/{rule.code}/<case>/check.expected"


def test_fixture_folders_name_real_rules() -> None:
    folders = [p.name for p in FIXTURES.iterdir() if p.is_dir() and re.fullmatch(r"CL\d{3}", p.name)]
    assert folders
    for name in folders:
        assert name in RULES_BY_CODE, f"fixtures/{name} is not a rule code"
        assert name not in NO_FIXTURES
