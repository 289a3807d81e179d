"""The JUnit reporter: one test case per checked file, right counts, valid and escaped XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from builders import Cli, make_finding
from hypothesis import given, settings
from hypothesis import strategies as st

from compass_lint.core.finding import Finding, Severity
from compass_lint.reporters import REPORTERS, RunSummary
from compass_lint.reporters.junit import xml_text
from compass_lint.reporters.text import format_finding

REPO = Path(__file__).resolve().parents[2]
SCHEMAS = Path(__file__).resolve().parents[3] / "shared" / "schemas-ext"
JENKINS = SCHEMAS / "junit-10-jenkins-xunit.xsd"
ANT = SCHEMAS / "junit-windyroad.xsd"
# What only the run (not a reporter) knows; the Ant schema requires it.
RUN_ONLY = {"timestamp": "2026-02-27T10:00:00", "hostname": "ci", "time": "0.5"}


def finding(path: str = "docs/b.md", **fields: Any) -> Finding:
    return make_finding(path, **fields)


def render(findings: list[Finding], paths: tuple[str, ...] = (), checked: int | None = None) -> str:
    summary = RunSummary(files_checked=len(paths) if checked is None else checked, paths=paths)
    return REPORTERS["junit"](findings, summary)


@pytest.fixture(scope="module")
def schemas() -> tuple[Any, Any]:
    xmlschema = pytest.importorskip("xmlschema", reason="xmlschema is needed to validate against the XSDs")
    if not (JENKINS.is_file() and ANT.is_file()):
        pytest.skip(f"the JUnit XSDs are not in {SCHEMAS} (../shared is absent)")
    return xmlschema.XMLSchema(str(JENKINS)), xmlschema.XMLSchema(str(ANT))


def assert_valid(xml: str, schemas: tuple[Any, Any]) -> None:
    jenkins, ant = schemas
    assert [f"{e.path}: {e.reason}" for e in jenkins.iter_errors(xml)] == []
    # The Ant schema finds nothing but the run-only attributes missing...
    reasons = {str(e.reason) for e in ant.iter_errors(xml)}
    assert reasons <= {f"missing required attribute {name!r}" for name in ("timestamp", "hostname", "time")}
    # ...and is satisfied once they are there.
    root = ET.fromstring(xml)
    for suite in root.iter("testsuite"):
        suite.attrib.update(RUN_ONLY)
    for case in root.iter("testcase"):
        case.set("time", "0.1")
    completed = ET.tostring(root, encoding="unicode")
    assert [f"{e.path}: {e.reason}" for e in ant.iter_errors(completed)] == []


def suite_of(xml: str) -> ET.Element:
    root = ET.fromstring(xml)
    assert root.tag == "testsuites"
    [suite] = list(root)
    assert suite.tag == "testsuite" and suite.get("name") == "compass-lint"
    return suite


def test_the_schemas_catch_a_broken_report(schemas: tuple[Any, Any]) -> None:
    xml = render([finding()], ("docs/b.md",)).replace(' name="docs/b.md"', "")
    assert list(schemas[0].iter_errors(xml))
    with pytest.raises(AssertionError):
        assert_valid(xml, schemas)


def test_one_case_per_file_and_right_counts(schemas: tuple[Any, Any]) -> None:
    findings = [
        finding(path="docs/b.md", line=9, column=6, code="CL204", message="Next monthly meeting has no link"),
        finding(path="docs/b.md", line=44),
        finding(path="docs/c.md", line=3, code="CL105", severity=Severity.WARNING, message="title differs"),
    ]
    xml = render(findings, ("docs/a.md", "docs/b.md", "docs/c.md"))
    assert_valid(xml, schemas)
    suite = suite_of(xml)
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "2", "0")
    cases = suite.findall("testcase")
    assert [(c.get("classname"), c.get("name")) for c in cases] == [
        ("compass-lint", "docs/a.md"),
        ("compass-lint", "docs/b.md"),
        ("compass-lint", "docs/c.md"),
    ]
    assert cases[0].findall("failure") == []
    [failure] = cases[1].findall("failure")
    assert failure.get("message") == "CL204 Next monthly meeting has no link (and 1 more)"
    assert failure.get("type") == "CL204 CL101"
    assert failure.text == "\n".join(format_finding(f) for f in findings[:2])
    [failure] = cases[2].findall("failure")
    assert (failure.get("message"), failure.get("type")) == ("CL105 title differs", "CL105")
    assert failure.text == "docs/c.md:3:1: CL105 title differs [warning]"
    assert int(suite.get("failures", "")) == sum(1 for c in cases if c.find("failure") is not None)


def test_failure_message_names_the_most_severe_finding() -> None:
    findings = [
        finding(line=1, code="CL105", severity=Severity.INFO, message="info first"),
        finding(line=2, code="CL105", severity=Severity.WARNING, message="then a warning"),
        finding(line=3, code="CL103", message="an error"),
    ]
    failure = suite_of(render(findings, ("docs/b.md",))).find("testcase/failure")
    assert failure is not None
    assert failure.get("message") == "CL103 an error (and 2 more)"
    assert failure.get("type") == "CL105 CL103"


def test_no_files(schemas: tuple[Any, Any]) -> None:
    xml = render([], ())
    assert_valid(xml, schemas)
    suite = suite_of(xml)
    assert (suite.get("tests"), suite.get("failures")) == ("0", "0")


def test_paths_only_findings_name_and_stdin() -> None:
    # A finding for a path the summary does not list still gets a test case.
    suite = suite_of(render([finding(path="z.md")], ("a.md",), checked=2))
    assert [c.get("name") for c in suite.findall("testcase")] == ["a.md", "z.md"]
    # Standard input shown as --stdin-filename: that name replaces "-", not added beside it.
    suite = suite_of(render([finding(path="docs/new.md")], ("a.md", "-"), checked=2))
    assert [c.get("name") for c in suite.findall("testcase")] == ["a.md", "docs/new.md"]
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")


def test_escaping_and_illegal_characters(schemas: tuple[Any, Any]) -> None:
    message = "a <b> & \"c\" 'd' ]]> \x00\x1b\x7f\ufffe\udc80 é 😀\nsecond line\r"
    path = 'odd "<&>" \x01name.md'
    xml = render([finding(path=path, message=message)], (path,))
    assert_valid(xml, schemas)
    case = suite_of(xml).find("testcase")
    assert case is not None and case.get("name") == 'odd "<&>" name.md'
    failure = case.find("failure")
    assert failure is not None
    expected = "a <b> & \"c\" 'd' ]]> \x7f é 😀\nsecond line\r"
    assert failure.get("message") == f"CL101 {expected}"
    # Element text: the human-readable finding line, its control characters escaped as in the text
    # output (a raw newline in it would start a line in a CI log).
    escaped = "a <b> & \"c\" 'd' ]]> \\x00\\x1b\\x7f\\x80 é 😀\\x0asecond line\\x0d"
    assert failure.text == f'odd "<&>" \\x01name.md:44:1: CL101 {escaped} [error]'
    xml.encode("utf-8")  # no lone surrogate left


@settings(max_examples=80, deadline=None)
@given(path=st.text(min_size=1), message=st.text())
def test_any_text_gives_well_formed_xml(path: str, message: str) -> None:
    xml = render([finding(path=path, message=message)], (path, "other.md"))
    suite = suite_of(xml)
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    failure = suite.find("testcase/failure")
    assert failure is not None
    # Attribute values round-trip except for what XML cannot hold (and normalised line ends).
    expected = xml_text(f"CL101 {message}").replace("\r\n", "\n").replace("\r", "\n")
    assert failure.get("message", "").replace("\r\n", "\n").replace("\r", "\n") == expected


def test_cli_demo_reports(schemas: tuple[Any, Any], cli: Cli) -> None:
    text = cli("check", "--format", "text", "fixtures/demo/", cwd=REPO)
    junit = cli("check", "--format", "junit", "fixtures/demo/", cwd=REPO)
    assert (text.code, junit.code) == (1, 1)
    text_lines = text.out.splitlines()
    xml = junit.out
    assert_valid(xml, schemas)
    suite = suite_of(xml)
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    names = [c.get("name") for c in suite.findall("testcase")]
    assert names == ["fixtures/demo/2026-01-30.md", "fixtures/demo/2026-02-27.md"]
    failure = suite.find("testcase[2]/failure")
    assert failure is not None and failure.text is not None
    # The text output marks fixable findings ([*]) and ends with two summary lines.
    assert failure.text.splitlines() == [line.replace(" [*] ", " ") for line in text_lines[:-2]]
