"""The rule registry: every rule by code, and the schema-error dispatch.

Codes are a public contract: never renumber or reuse one.
"""

from __future__ import annotations

from jsonschema import ValidationError

from compass_lint.rules import fields, general, sections, series
from compass_lint.rules.base import PairContext, PairRule, ReportRule, Rule, SchemaContext, SchemaRule

ALL_RULES: tuple[type[Rule], ...] = (
    *sections.RULES,
    *fields.RULES,
    *series.RULES,
    *general.RULES,
)

RULES_BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in ALL_RULES}
RULES_BY_NAME: dict[str, type[Rule]] = {rule.name: rule for rule in ALL_RULES}

# Specific schema rules first; CL001 (which claims everything) last.
SCHEMA_RULES: tuple[type[SchemaRule], ...] = tuple(
    sorted(
        (rule for rule in ALL_RULES if issubclass(rule, SchemaRule)),
        key=lambda rule: rule.code == general.SchemaViolation.code,
    )
)
REPORT_RULES: tuple[type[ReportRule], ...] = tuple(rule for rule in ALL_RULES if issubclass(rule, ReportRule))

PAIR_RULES: tuple[type[PairRule], ...] = tuple(rule for rule in ALL_RULES if issubclass(rule, PairRule))


def rule_for_error(error: ValidationError) -> type[SchemaRule]:
    """The rule that reports a schema error (CL001 when no other claims it)."""
    for rule in SCHEMA_RULES:
        if rule.claims(error):
            return rule
    return general.SchemaViolation


__all__ = [
    "ALL_RULES",
    "PAIR_RULES",
    "REPORT_RULES",
    "RULES_BY_CODE",
    "RULES_BY_NAME",
    "SCHEMA_RULES",
    "PairContext",
    "Rule",
    "SchemaContext",
    "rule_for_error",
]
