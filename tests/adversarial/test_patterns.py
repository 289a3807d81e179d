"""Regular expressions from the config and schemas cannot hang compass-lint (issue 20, section 1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from attacks import Attack

ROOT = Path(__file__).resolve().parents[2]
NEAR_MISS = "a" * 40 + "!"


def _report_with_item(attack: Attack, item: str) -> None:
    text = (ROOT / "fixtures" / "demo" / "2026-01-30.md").read_text(encoding="utf-8")
    attack.write("r.md", text.replace("## 3. Next actions (team)\n", f"## 3. Next actions (team)\n\n- {item}\n", 1))


@pytest.mark.parametrize("pattern", ["^(a+)+$", "^(a|a)+$", "^(a|aa)+$", "^(a|a?)+$"])
@pytest.mark.parametrize("command", [["fix"], ["actions"], ["check", "--no-cache"]])
def test_exempt_actions_pattern_cannot_hang(attack: Attack, pattern: str, command: list[str]) -> None:
    _report_with_item(attack, NEAR_MISS)
    attack.write(".compass-lint.toml", f"exempt-actions = [{json.dumps(pattern)}]\n")
    result = attack.run(*command, "r.md", timeout=8)
    assert "Traceback" not in result.err
    assert result.code in (0, 1)
    if command == ["actions"]:
        assert NEAR_MISS in result.out  # not exempt: the pattern does not match it


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [("(a)\\\\1", "invalid escape sequence"), ("a(?=b)", "invalid perl operator"), ("a{99999999}", "repetition")],
)
def test_exempt_actions_re2_cannot_run_is_exit_2(attack: Attack, pattern: str, reason: str) -> None:
    _report_with_item(attack, NEAR_MISS)
    attack.write(".compass-lint.toml", f'exempt-actions = ["x", "{pattern}"]\n')
    result = attack.run("check", "r.md")
    assert result.code == 2
    assert "invalid config key 'exempt-actions[1]'" in result.err
    assert reason in result.err
    assert len(result.err.strip().splitlines()) == 1


@pytest.mark.parametrize("pattern", ["^(a|a)*$", "^(a|aa)+$", "^(a+)+$"])
def test_title_pattern_cannot_hang(attack: Attack, pattern: str) -> None:
    schema = json.loads((ROOT / "schemas" / "team-compass.schema.json").read_text(encoding="utf-8"))
    section = next(iter(schema["properties"]["sections"]["properties"].values()))
    section["x-title-pattern"] = pattern
    attack.write("outline.json", json.dumps(schema))
    _report_with_item(attack, "x")
    text = (attack.folder / "r.md").read_text(encoding="utf-8").replace("## Actions\n", f"## {NEAR_MISS}\n", 1)
    attack.write("r.md", text)
    assert attack.run("schema", "check", "outline.json").code == 0
    result = attack.run("check", "--no-cache", "--schema", "outline.json", "r.md", timeout=8)
    assert result.code == 1
    assert "CL902" not in result.out


def test_title_pattern_re2_cannot_run_is_refused_by_schema_check(attack: Attack) -> None:
    schema = json.loads((ROOT / "schemas" / "team-compass.schema.json").read_text(encoding="utf-8"))
    section_id = next(iter(schema["properties"]["sections"]["properties"]))
    schema["properties"]["sections"]["properties"][section_id]["x-title-pattern"] = "(?<!x)Actions"
    attack.write("outline.json", json.dumps(schema))
    result = attack.run("schema", "check", "outline.json")
    assert result.code == 2
    where = f"$.properties.sections.properties.{section_id}.x-title-pattern"
    assert f"{where}: the regular expression '(?<!x)Actions' cannot be used" in result.err
