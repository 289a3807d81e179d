"""Builders shared by the reporter tests."""

from __future__ import annotations

from typing import Any

from compass_lint.finding import Finding, Severity
from compass_lint.rules import RULES_BY_CODE


def make_finding(
    path: str,
    line: int = 44,
    code: str = "CL101",
    message: str = "missing section 4 'Team Metrics'",
    severity: Severity = Severity.ERROR,
    **extra: Any,
) -> Finding:
    """A finding as the linter would stamp it (a made-up code gets the name ``custom-rule``)."""
    name = RULES_BY_CODE[code].name if code in RULES_BY_CODE else "custom-rule"
    return Finding(path, line, extra.pop("column", 1), code, name, severity, message, **extra)
