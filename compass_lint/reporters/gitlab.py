"""GitLab Code Quality output (a subset of the Code Climate issue format).

A JSON array with one issue per finding::

    {"type": "issue", "description": "CL101 missing section 4 'Team Metrics'",
     "check_name": "CL101", "fingerprint": "<sha256>", "severity": "major",
     "location": {"path": "docs/2026-02-27.md", "lines": {"begin": 44}}}

Severities map as: ``info`` -> ``info``, ``warning`` -> ``minor``,
``error`` -> ``major`` (GitLab's ``critical`` and ``blocker`` are not used:
a malformed meeting report does not block anything the way a security hole
does). Fingerprints are the SARIF reporter's: stable when lines move, unique
per finding, so GitLab can tell new findings from fixed ones. Paths use
forward slashes; the text is UTF-8 without a byte order mark (GitLab rejects
one).
"""

from __future__ import annotations

from typing import Any

from compass_lint.core.finding import Finding, Severity
from compass_lint.reporters import Reporter, RunSummary
from compass_lint.reporters.json import JsonArray
from compass_lint.reporters.sarif import fingerprints, portable_path

SEVERITIES = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}


def _issue(finding: Finding, fingerprint: str) -> dict[str, Any]:
    lines = {"begin": max(1, finding.line)}
    if finding.end_line is not None and finding.end_line >= lines["begin"]:
        lines["end"] = finding.end_line
    return {
        "type": "issue",
        "description": f"{finding.code} {finding.message}",
        "check_name": finding.code,
        "fingerprint": fingerprint,
        "severity": SEVERITIES.get(finding.severity, "info"),
        "location": {"path": portable_path(finding.path), "lines": lines},
    }


class GitLabReporter(Reporter):
    """The findings as a GitLab Code Quality report, written file by file."""

    def start(self) -> None:
        """Begin the array."""
        self.array = JsonArray()

    def handle(self, path: str, findings: list[Finding]) -> None:
        """Write the file's issues (fingerprints count repeats within a file, so per file is enough)."""
        if findings:
            issues = [_issue(f, fp) for f, fp in zip(findings, fingerprints(findings), strict=True)]
            self.out.write(self.array.items(issues))

    def finish(self, summary: RunSummary) -> None:
        """Close the array."""
        self.out.write(self.array.close() + "\n")
