"""Outline schemas compiled with the rules' ``x-`` keywords: what the engine, the CLI and tests load.

The outline layer compiles schemas but cannot know the keywords (the rules
sit above it); this joins the two. Importing it imports the rules and
jsonschema, so the runner imports it only when a file has to be linted.
"""

from __future__ import annotations

from typing import Any

from compass_lint.outline import schema as outline_schema
from compass_lint.outline.schema import CompiledSchema
from compass_lint.rules import keyword_validators


def load_schema(reference: str) -> CompiledSchema:
    """A builtin schema by name or a schema file by path, compiled once per reference."""
    return outline_schema.load_schema(reference, keyword_validators)


def compile_schema(name: str, schema: dict[str, Any]) -> CompiledSchema:
    """Check a schema document and build its validator (``compass-lint schema init`` checks its output so)."""
    return outline_schema.compile_schema(name, schema, keyword_validators)
