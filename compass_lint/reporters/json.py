"""Machine-readable reporters: JSON."""

from __future__ import annotations

import json
from typing import Any

from compass_lint.core.finding import Finding
from compass_lint.reporters import RunSummary


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """The public JSON shape of a finding (a stable contract)."""
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "message": finding.message,
        "related": [{"path": r.path, "line": r.line} for r in finding.related],
    }


def render_json(findings: list[Finding], summary: RunSummary) -> str:
    """A JSON array of findings."""
    return json.dumps([finding_to_dict(f) for f in findings], indent=2, ensure_ascii=False) + "\n"
