"""Checks of an outline schema's own ``x-`` keywords (``compass-lint schema check``).

The JSON Schema metaschema accepts any unknown keyword, so a misspelt or
mistyped ``x-`` keyword would silently do nothing. These checks validate them
against ``schemas/outline-keywords.schema.json``, compile every title pattern,
and check that every ``x-parent`` names a section; each problem names its JSON
path.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import referencing
from jsonschema import Draft202012Validator

from compass_lint.core.patterns import PatternError, compile_user_pattern
from compass_lint.outline.resources import schema_directory


@lru_cache(maxsize=1)
def _keywords_validator() -> Draft202012Validator:
    path = schema_directory() / "outline-keywords.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    return Draft202012Validator(
        schema, registry=referencing.Registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def check_outline_keywords(schema: dict[str, Any]) -> list[str]:
    """Problems with the ``x-`` keywords of ``schema``, each naming its JSON path."""
    problems = [
        f"{error.json_path}: {error.message}"
        for error in sorted(_keywords_validator().iter_errors(schema), key=lambda e: e.json_path)
    ]
    fields = schema.get("properties", {}).get("fields", {}).get("properties", {})
    if isinstance(fields, dict):
        seen: dict[str, str] = {}
        for name, spec in fields.items():
            role = spec.get("x-role") if isinstance(spec, dict) else None
            if isinstance(role, str) and role in seen:
                where = f"$.properties.fields.properties['{name}'].x-role"
                problems.append(f"{where}: '{role}' is already the role of field '{seen[role]}'")
            elif isinstance(role, str):
                seen[role] = name
    sections = schema.get("properties", {}).get("sections", {}).get("properties", {})
    if not isinstance(sections, dict):
        return problems
    for section_id, spec in sections.items():
        if not isinstance(spec, dict):
            continue
        where = f"$.properties.sections.properties['{section_id}']"
        pattern = spec.get("x-title-pattern")
        if isinstance(pattern, str):
            try:
                compile_user_pattern(pattern, f"{where}.x-title-pattern")
            except PatternError as error:
                problems.append(str(error))
        parent = spec.get("x-parent")
        if isinstance(parent, str) and parent not in sections:
            problems.append(f"{where}.x-parent: no section '{parent}' in the outline")
    return problems
