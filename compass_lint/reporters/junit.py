"""JUnit XML output, for CI systems that show test results (GitLab, Jenkins, Azure).

One ``<testsuite name="compass-lint">`` in ``<testsuites>``; each checked file
is one ``<testcase>`` (classname ``compass-lint``, name = the path). A file
with findings carries ONE ``<failure>`` listing all of them, one
``path:line:col: CODE message [severity]`` line each: its ``message`` is the
most severe finding's ``CODE message`` (plus "and N more"), its ``type`` the
codes found. One failure per file rather than per finding because the Ant
schema (windyroad ``JUnit.xsd``) allows only one, and Jenkins, Azure DevOps
and common GitHub JUnit actions show only the first of several. So
``tests`` counts files and ``failures`` files with findings.

The run's start time, duration and host are not known to a reporter, so the
Ant schema's required ``timestamp``, ``hostname`` and ``time`` attributes are
not written (the Surefire/Jenkins schema does not require them); the counts
sit on ``<testsuite>`` only, as the Ant schema allows no attributes on
``<testsuites>``. Characters XML 1.0 forbids are removed; everything else
is escaped by ElementTree.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from compass_lint import __version__
from compass_lint.core.finding import Finding
from compass_lint.reporters import RunSummary
from compass_lint.reporters.text import format_finding

NAME = "compass-lint"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (controls, lone surrogates)."""
    return _NOT_XML.sub("", text)


def checked_paths(findings: list[Finding], summary: RunSummary) -> list[str]:
    """The files checked, in order: ``summary.paths``, then any other path a finding names."""
    paths = list(dict.fromkeys(summary.paths))
    extra = sorted({f.path for f in findings} - set(paths))
    if extra and "-" in paths and len(paths) + len(extra) > summary.files_checked:
        # Standard input was shown under --stdin-filename: that name replaces "-".
        paths.remove("-")
    return paths + extra


def _failure(case: ET.Element, found: list[Finding]) -> None:
    first = max(found, key=lambda f: f.severity.rank)  # the first of the most severe
    message = f"{first.code} {first.message}"
    if len(found) > 1:
        message += f" (and {len(found) - 1} more)"
    codes = " ".join(dict.fromkeys(f.code for f in found))
    failure = ET.SubElement(case, "failure", message=xml_text(message), type=codes)
    failure.text = xml_text("\n".join(format_finding(f) for f in found))


def render(findings: list[Finding], summary: RunSummary) -> str:
    """The findings as JUnit XML (one test case per checked file)."""
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    paths = checked_paths(findings, summary)
    counts = {"tests": str(len(paths)), "failures": str(len(by_path)), "errors": "0"}
    # The Ant schema allows no attributes on <testsuites>; the one suite carries the counts.
    root = ET.Element("testsuites")
    suite_attributes = {"name": NAME, **counts, "skipped": "0", "package": NAME, "id": "0"}
    suite = ET.SubElement(root, "testsuite", suite_attributes)
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="compass-lint.version", value=__version__)
    for path in paths:
        case = ET.SubElement(suite, "testcase", classname=NAME, name=xml_text(path))
        if path in by_path:
            _failure(case, by_path[path])
    ET.SubElement(suite, "system-out")
    ET.SubElement(suite, "system-err")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
