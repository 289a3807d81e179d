"""The GitLab Code Quality reporter: fields, severity mapping, fingerprints, schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from builders import Cli, make_finding
from jsonschema import Draft202012Validator
from jsonschema.validators import validator_for
from referencing import Registry

from compass_lint.core.finding import Finding, Severity
from compass_lint.reporters import REPORTERS, RunSummary

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(__file__).resolve().parents[3] / "shared"
SCHEMA = SHARED / "schemas-ext" / "gitlab-codequality.unofficial.schema.json"


def finding(path: str = "docs/2026-02-27.md", **fields: Any) -> Finding:
    return make_finding(path, **fields)


def render(findings: list[Finding]) -> str:
    return REPORTERS["gitlab"](findings, RunSummary(files_checked=1))


@pytest.fixture(scope="module")
def validator() -> Any:
    if not SCHEMA.is_file():
        pytest.skip(f"{SCHEMA} is absent (../shared is not there)")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = validator_for(schema, default=Draft202012Validator)
    assert cls is Draft202012Validator  # the file declares draft 2020-12
    cls.check_schema(schema)
    return cls(schema, registry=Registry(), format_checker=cls.FORMAT_CHECKER)


def parse_valid(out: str, validator: Any) -> list[dict[str, Any]]:
    raw = out.encode("utf-8")
    assert not raw.startswith(b"\xef\xbb\xbf")
    issues: list[dict[str, Any]] = json.loads(raw.decode("utf-8"))
    assert [f"{e.json_path}: {e.message}" for e in validator.iter_errors(issues)] == []
    return issues


def test_the_schema_rejects_a_broken_report(validator: Any) -> None:
    [issue] = json.loads(render([finding()]))
    issue["severity"] = "error"
    del issue["location"]["lines"]
    assert len(list(validator.iter_errors([issue]))) == 2


def test_empty(validator: Any) -> None:
    assert parse_valid(render([]), validator) == []


def test_issue_fields_and_severity_mapping(validator: Any) -> None:
    findings = [
        finding(line=9, column=6, code="CL204", message="Next monthly meeting has no link"),
        finding(line=3, code="CL105", severity=Severity.WARNING, end_line=5, message="title differs"),
        finding(line=7, code="CL105", severity=Severity.INFO, message="é 😀 <b>"),
    ]
    issues = parse_valid(render(findings), validator)
    first = dict(issues[0])
    fingerprint = first.pop("fingerprint")
    assert first == {
        "type": "issue",
        "description": "CL204 Next monthly meeting has no link",
        "check_name": "CL204",
        "severity": "major",
        "location": {"path": "docs/2026-02-27.md", "lines": {"begin": 9}},
    }
    assert len(fingerprint) == 64
    assert [i["severity"] for i in issues] == ["major", "minor", "info"]
    assert issues[1]["location"]["lines"] == {"begin": 3, "end": 5}
    assert issues[2]["description"] == "CL105 é 😀 <b>"


def test_fingerprints_unique_and_stable(validator: Any) -> None:
    findings = [finding(line=3), finding(line=9), finding(line=9, code="CL102"), finding(path="docs/x.md")]
    first = [i["fingerprint"] for i in parse_valid(render(findings), validator)]
    assert len(set(first)) == 4
    moved = [
        finding(line=4),
        finding(line=30),
        finding(line=31, code="CL102"),
        finding(path="docs/x.md", line=2),
    ]
    assert [i["fingerprint"] for i in json.loads(render(moved))] == first
    # The same finding as the SARIF reporter's fingerprint: one identity across formats.
    sarif = json.loads(REPORTERS["sarif"](findings, RunSummary(files_checked=1)))
    assert [r["partialFingerprints"]["compassLint/v1"] for r in sarif["runs"][0]["results"]] == first


def test_odd_paths(validator: Any) -> None:
    issues = parse_valid(render([finding(path="./my reports/été.md"), finding(path="a:b,c.md")]), validator)
    assert [i["location"]["path"] for i in issues] == ["my reports/été.md", "a:b,c.md"]


def test_cli_demo_reports(validator: Any, cli: Cli) -> None:
    plain = cli("check", "--format", "json", "fixtures/demo/", cwd=REPO)
    gitlab = cli("check", "--format", "gitlab", "fixtures/demo/", cwd=REPO)
    assert (plain.code, gitlab.code) == (1, 1)
    expected = plain.findings()
    issues = parse_valid(gitlab.out, validator)
    assert [(i["check_name"], i["location"]["lines"]["begin"]) for i in issues] == [
        (f["code"], f["line"]) for f in expected
    ]
    assert len({i["fingerprint"] for i in issues}) == len(issues) > 0
