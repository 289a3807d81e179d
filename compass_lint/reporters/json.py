"""The JSON reporter: an array of findings, written object by object.

``JsonArray`` writes any array element by element exactly as
``json.dumps(items, indent=2, ensure_ascii=False)`` would, at any depth: the
GitLab and SARIF reporters stream theirs with it too.
"""

from __future__ import annotations

import json
from typing import Any

from compass_lint.core.finding import Finding
from compass_lint.reporters import Reporter, RunSummary


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


class JsonArray:
    """The text of a JSON array, element by element, as ``json.dumps(..., indent=2)`` lays it out.

    ``depth`` is how deep the array sits in the document (0 at the top).
    """

    def __init__(self, depth: int = 0) -> None:
        self.depth = depth
        self.count = 0
        self._pad = "\n" + "  " * (depth + 1)

    def items(self, values: list[Any]) -> str:
        """The text for these elements (and the opening bracket before the first)."""
        parts = []
        for value in values:
            # Strings in JSON never hold a raw newline: every "\n" here starts a line to indent.
            text = json.dumps(value, indent=2, ensure_ascii=False).replace("\n", self._pad)
            parts.append(("[" if self.count == 0 else ",") + self._pad + text)
            self.count += 1
        return "".join(parts)

    def close(self) -> str:
        """The closing bracket (the whole array, ``[]``, when it has no element)."""
        return "\n" + "  " * self.depth + "]" if self.count else "[]"


class JsonReporter(Reporter):
    """A JSON array of findings (see ``finding_to_dict``), written file by file."""

    def start(self) -> None:
        """Begin the array."""
        self.array = JsonArray()

    def handle(self, path: str, findings: list[Finding]) -> None:
        """Write the file's findings."""
        if findings:
            self.out.write(self.array.items([finding_to_dict(f) for f in findings]))

    def finish(self, summary: RunSummary) -> None:
        """Close the array."""
        self.out.write(self.array.close() + "\n")
