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

The counts come before the test cases, so failures are written to a spool as
files are done and the suite is put together at the end: test cases follow
the order of the checked paths, which need not be the order of the run.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from compass_lint import __version__
from compass_lint.core.finding import Finding
from compass_lint.reporters import Reporter, RunSummary
from compass_lint.reporters.spool import Spool
from compass_lint.reporters.text import format_finding

NAME = "compass-lint"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (controls, lone surrogates)."""
    return _NOT_XML.sub("", text)


def checked_paths(summary: RunSummary, named: Iterable[str]) -> list[str]:
    """The files checked, in order: ``summary.paths``, then any other path in ``named`` (those with findings)."""
    paths = list(dict.fromkeys(summary.paths))
    extra = sorted(set(named) - set(paths))
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
    failure.text = xml_text("\n".join(format_finding(f, escape=True) for f in found))


def _case(path: str, found: list[Finding]) -> str:
    """One ``<testcase>`` as it sits in the indented suite."""
    case = ET.Element("testcase", classname=NAME, name=xml_text(path))
    if found:
        _failure(case, found)
        ET.indent(case, level=2)
    return ET.tostring(case, encoding="unicode")


def _suite(tests: int, failures: int) -> str:
    """The document without its test cases; they go before ``<system-out />``."""
    root = ET.Element("testsuites")
    counts = {"tests": str(tests), "failures": str(failures), "errors": "0"}
    # The Ant schema allows no attributes on <testsuites>; the one suite carries the counts.
    suite = ET.SubElement(root, "testsuite", {"name": NAME, **counts, "skipped": "0", "package": NAME, "id": "0"})
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="compass-lint.version", value=__version__)
    ET.SubElement(suite, "system-out")
    ET.SubElement(suite, "system-err")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


class JUnitReporter(Reporter):
    """The findings as JUnit XML (one test case per checked file)."""

    def start(self) -> None:
        """Open the spool for the failing test cases."""
        self.spool = Spool()
        self.failing: dict[str, tuple[int, int]] = {}

    def handle(self, path: str, findings: list[Finding]) -> None:
        """Spool the file's test case if it has findings (the others need nothing but the path)."""
        if findings:
            self.failing[path] = self.spool.write(_case(path, findings))

    def close(self) -> None:
        """Free the spool."""
        self.spool.close()

    def finish(self, summary: RunSummary) -> None:
        """Write the suite, its test cases in the order of the checked paths."""
        paths = checked_paths(summary, self.failing)
        head, _, tail = _suite(len(paths), len(self.failing)).rpartition("<system-out />")
        self.out.write(head)
        for path in paths:
            place = self.failing.get(path)
            if place is None:
                self.out.write(_case(path, []))
            else:
                self.spool.copy_piece(self.out, place)
            # Each case is followed by the indentation of the next element at its level.
            self.out.write("\n    ")
        self.out.write("<system-out />" + tail)
