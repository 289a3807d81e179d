"""The SARIF reporter: every log we produce validates against the SARIF 2.1.0 schemas."""

from __future__ import annotations

import email.message
import json
import re
from pathlib import Path
from typing import Any

import pytest
from builders import Cli, make_finding
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft4Validator, Draft202012Validator
from jsonschema.protocols import Validator
from referencing import Registry
from referencing.jsonschema import DRAFT4

import compass_lint
from compass_lint.core.finding import Finding, Location, Severity
from compass_lint.reporters import REPORTERS, RunSummary, sarif
from compass_lint.rules import ALL_RULES

REPO = Path(__file__).resolve().parents[2]
SCHEMAS = Path(__file__).resolve().parents[3] / "shared" / "schemas-ext"
needs_schemas = pytest.mark.skipif(
    not (SCHEMAS / "sarif-2.1.0.json").is_file(),
    reason=f"the SARIF schemas are not in {SCHEMAS} (../shared is absent)",
)
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# RFC 3986 URI-reference characters; "%" only as the start of an escape.
URI_REFERENCE = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*")


def finding(path: str = "docs/2026-02-27.md", **fields: Any) -> Finding:
    return make_finding(path, **fields)


def sarif_of(findings: list[Finding]) -> dict[str, Any]:
    out = REPORTERS["sarif"](findings, RunSummary(files_checked=1))
    parsed: dict[str, Any] = json.loads(out)
    return parsed


def _load(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def validators() -> list[Validator]:
    if not (SCHEMAS / "sarif-2.1.0.json").is_file():
        pytest.skip(f"the SARIF schemas are not in {SCHEMAS} (../shared is absent)")
    oasis = _load("sarif-2.1.0.json")
    Draft4Validator.check_schema(oasis)
    # No retrieval: the registry holds only the schema itself (its refs are all local).
    registry = Registry().with_resource(oasis["id"], DRAFT4.create_resource(oasis))
    found: list[Validator] = [Draft4Validator(oasis, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER)]
    # GitHub's upload-sarif copy fails check_schema (SOURCE.md), but validates fine without it.
    codeql = _load("sarif-2.1.0.codeql-action.json")
    found.append(Draft202012Validator(codeql, registry=Registry()))
    return found


def assert_valid(log: dict[str, Any], validators: list[Any]) -> None:
    for validator in validators:
        errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(log)]
        assert errors == [], validator.schema.get("$id", validator.schema.get("id"))
    for result in log["runs"][0]["results"]:
        locations = result["locations"] + result.get("relatedLocations", [])
        for location in locations:
            uri = location["physicalLocation"]["artifactLocation"]["uri"]
            assert URI_REFERENCE.fullmatch(uri), uri


def test_the_schemas_reject_a_broken_log(validators: list[Any]) -> None:
    log = sarif_of([finding()])
    del log["runs"][0]["tool"]["driver"]["name"]
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    for validator in validators:
        assert len(list(validator.iter_errors(log))) >= 2


def test_empty_run_lists_every_rule(validators: list[Any]) -> None:
    log = sarif_of([])
    assert_valid(log, validators)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    assert run["results"] == []
    driver = run["tool"]["driver"]
    assert driver["name"] == "compass-lint"
    assert driver["version"] == compass_lint.__version__
    assert [rule["id"] for rule in driver["rules"]] == [rule.code for rule in ALL_RULES]
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    for descriptor, rule in zip(driver["rules"], ALL_RULES, strict=True):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary()
        assert descriptor["fullDescription"]["text"] == rule.documentation()
        assert descriptor["help"]["text"] == rule.documentation()
        assert descriptor["defaultConfiguration"]["level"] == levels[rule.severity]


def test_information_uri_comes_from_package_metadata(validators: list[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    meta = email.message.Message()
    meta["Project-URL"] = "Homepage, https://example.org/compass-lint"
    monkeypatch.setattr("compass_lint.reporters.sarif.metadata.metadata", lambda name: meta)
    sarif.information_uri.cache_clear()
    try:
        log = sarif_of([])
    finally:
        sarif.information_uri.cache_clear()
    assert log["runs"][0]["tool"]["driver"]["informationUri"] == "https://example.org/compass-lint"
    assert_valid(log, validators)


def test_results_point_at_their_rules(validators: list[Any]) -> None:
    codes = [rule.code for rule in ALL_RULES]
    severities = [Severity.ERROR, Severity.WARNING, Severity.INFO]
    findings = [
        finding(line=n + 1, code=codes[n % len(codes)], severity=severities[n % 3], message=f"problem {n}")
        for n in range(300)
    ]
    log = sarif_of(findings)
    assert_valid(log, validators)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    results = log["runs"][0]["results"]
    assert len(results) == 300
    for result, source in zip(results, findings, strict=True):
        assert result["ruleId"] == source.code
        assert rules[result["ruleIndex"]]["id"] == source.code
        assert result["level"] == LEVELS[source.severity.value]
        assert result["message"]["text"] == source.message
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region == {"startLine": source.line, "startColumn": 1}
    assert len({r["partialFingerprints"]["compassLint/v1"] for r in results}) == 300


def test_end_positions_only_when_known_and_sane(validators: list[Any]) -> None:
    findings = [
        finding(line=3, column=2, end_line=5, end_column=7),
        finding(line=3, column=9, end_line=3, end_column=4),  # ends before it starts: dropped
        finding(line=4, end_line=2),
    ]
    log = sarif_of(findings)
    assert_valid(log, validators)
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in log["runs"][0]["results"]]
    assert regions[0] == {"startLine": 3, "startColumn": 2, "endLine": 5, "endColumn": 7}
    assert regions[1] == {"startLine": 3, "startColumn": 9, "endLine": 3}
    assert regions[2] == {"startLine": 4, "startColumn": 1}


def test_related_locations(validators: list[Any]) -> None:
    related = (Location("docs/2026-01-30.md", 35), Location("docs/old reports/2025-12.md", 7))
    log = sarif_of([finding(code="CL105", severity=Severity.WARNING, related=related)])
    assert_valid(log, validators)
    [result] = log["runs"][0]["results"]
    assert [r["id"] for r in result["relatedLocations"]] == [1, 2]
    places = [r["physicalLocation"] for r in result["relatedLocations"]]
    assert places[0] == {"artifactLocation": {"uri": "docs/2026-01-30.md"}, "region": {"startLine": 35}}
    assert places[1]["artifactLocation"]["uri"] == "docs/old%20reports/2025-12.md"
    assert all(r["message"]["text"] for r in result["relatedLocations"])
    assert "relatedLocations" not in sarif_of([finding()])["runs"][0]["results"][0]


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("my reports/2026 01.md", "my%20reports/2026%2001.md"),
        ("./docs/a.md", "docs/a.md"),
        ("C:notes.md", "C%3Anotes.md"),
        ("100%#?.md", "100%25%23%3F.md"),
        ("réunion/été.md", "r%C3%A9union/%C3%A9t%C3%A9.md"),
        ("/srv/team compass/x.md", "file:///srv/team%20compass/x.md"),
    ],
)
def test_odd_paths_become_uri_references(path: str, uri: str, validators: list[Any]) -> None:
    log = sarif_of([finding(path=path, related=(Location(path, 2),))])
    assert_valid(log, validators)
    [result] = log["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri
    assert result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri


def test_unknown_code_gets_a_descriptor(validators: list[Any]) -> None:
    log = sarif_of([finding(code="CL999", message="from a plugin")])
    assert_valid(log, validators)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    [result] = log["runs"][0]["results"]
    assert rules[result["ruleIndex"]]["id"] == "CL999"
    assert len(rules) == len(ALL_RULES) + 1


def _fingerprint(one: Finding) -> str:
    [result] = sarif_of([one])["runs"][0]["results"]
    value: str = result["partialFingerprints"]["compassLint/v1"]
    return value


def test_fingerprints_survive_moved_lines() -> None:
    before = finding(line=44, message="section 2 duplicates section 2 (line 12)")
    after = finding(line=51, column=3, message="section 2 duplicates section 2 (line 19)")
    assert _fingerprint(before) == _fingerprint(after)
    assert re.fullmatch(r"[0-9a-f]{64}", _fingerprint(before))


def test_fingerprints_tell_findings_apart() -> None:
    base = _fingerprint(finding())
    assert base != _fingerprint(finding(path="docs/other.md"))
    assert base != _fingerprint(finding(code="CL102"))
    assert base != _fingerprint(finding(message="missing section 5 'Team News'"))
    # The same message twice in a file: still two fingerprints, each stable.
    twice = [finding(line=3), finding(line=9)]
    first = [r["partialFingerprints"]["compassLint/v1"] for r in sarif_of(twice)["runs"][0]["results"]]
    moved = [finding(line=5), finding(line=20)]
    second = [r["partialFingerprints"]["compassLint/v1"] for r in sarif_of(moved)["runs"][0]["results"]]
    assert first[0] != first[1]
    assert first == second


def test_fingerprints_ignore_the_path_separator(monkeypatch: pytest.MonkeyPatch) -> None:
    posix = _fingerprint(finding(path="docs/a.md"))
    monkeypatch.setattr("compass_lint.reporters.sarif.os.sep", "\\")
    assert _fingerprint(finding(path="docs\\a.md")) == posix


@settings(max_examples=60, deadline=None)
@given(
    path=st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\0"), min_size=1),
    message=st.text(st.characters(exclude_categories=["Cs"])),
    line=st.integers(1, 10**6),
)
def test_any_path_and_message_validate(path: str, message: str, line: int) -> None:
    if not (SCHEMAS / "sarif-2.1.0.json").is_file():
        pytest.skip(f"the SARIF schemas are not in {SCHEMAS}")
    validator = Draft4Validator(_load("sarif-2.1.0.json"), registry=Registry())
    log = sarif_of([finding(path=path, line=line, message=message)])
    assert_valid(log, [validator])
    assert log["runs"][0]["results"][0]["message"]["text"] == (message or "missing-section")


@needs_schemas
def test_cli_demo_reports(validators: list[Any], cli: Cli) -> None:
    plain = cli("check", "--format", "json", "fixtures/demo/", cwd=REPO)
    sarif = cli("check", "--format", "sarif", "fixtures/demo/", cwd=REPO)
    assert (plain.code, sarif.code) == (1, 1)
    expected = plain.findings()
    log = json.loads(sarif.out)
    assert_valid(log, validators)
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == [f["code"] for f in expected]
    assert [r["message"]["text"] for r in results] == [f["message"] for f in expected]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"fixtures/demo/2026-02-27.md"}
    assert any(r["ruleId"] == "CL204" for r in results)
