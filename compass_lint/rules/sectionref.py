"""Which outline section a schema error or a finding is about (shared by the section rules)."""

from __future__ import annotations

import re

from jsonschema import ValidationError

from compass_lint.core.finding import Finding
from compass_lint.outline.spec import Outline, OutlineSection
from compass_lint.rules.base import SchemaContext

_SECTION_ID = re.compile(r"^\$\.sections\['(?P<id>.+)'\]$")


def error_section(context: SchemaContext, error: ValidationError) -> OutlineSection | None:
    """The outline section at the error's path (``sections/<id>/…``), if any."""
    path = tuple(error.absolute_path)
    if len(path) >= 2 and path[0] == "sections":
        try:
            return context.report.outline.by_id(str(path[1]))
        except KeyError:
            return None
    return None


def error_label(context: SchemaContext, error: ValidationError) -> str:
    """How a message names the section of an error: ``section 4 'Team Metrics'``."""
    section = error_section(context, error)
    if section is not None:
        return section.label
    path = tuple(error.absolute_path)
    return f"section '{path[1]}'" if len(path) >= 2 else "section"


def finding_section(finding: Finding, outline: Outline) -> OutlineSection | None:
    """The outline section a finding is about, read back from its JSON path."""
    match = _SECTION_ID.match(finding.json_path or "")
    if not match:
        return None
    try:
        return outline.by_id(match.group("id"))
    except KeyError:
        return None
