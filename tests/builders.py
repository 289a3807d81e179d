"""Builders and constants shared by the tests."""

from __future__ import annotations

from typing import Any

from compass_lint.core.finding import Finding, Severity
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


# The reference outline's headings, as fixtures/demo writes them (without the notes heading).
OUTLINE_HEADINGS = [
    "## Actions",
    "## 1. Help or discussion needed; Agenda Items for Monthly Meeting",
    "### 1.1 Open PRs",
    "### 1.2 Open issues",
    "## 2. Decisions needed",
    "## 3. Next actions (team)",
    "# News, Information, and Thanks",
    "## 4. Team Metrics",
    "## 5. Team News and Informational items",
    "### 5.1 Organization highlights",
    "### 5.2 BinderHub projects",
    "### 5.3 JupyterHub projects",
    "### 5.4 Related projects",
    "## 6. Thanks, Things to Celebrate, and anything else",
]
