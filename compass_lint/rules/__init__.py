"""The rule registry: every rule by code, the schema-error dispatch and the ``x-`` keyword table.

Adding a rule means adding its module (or its class to its family's module),
its fixtures, and one line here. Codes are a public contract: never renumber
or reuse one.
"""

from __future__ import annotations

from jsonschema import ValidationError

from compass_lint.outline.spec import Outline
from compass_lint.rules import fields, general, other_outline, section_form, section_order, sections, series, template
from compass_lint.rules.base import (
    KeywordValidator,
    PairContext,
    PairRule,
    ReportRule,
    Rule,
    SchemaContext,
    SchemaRule,
)

# One line per rule (SARIF lists them in this order).
ALL_RULES: tuple[type[Rule], ...] = (
    sections.MissingTitle,
    sections.MissingSection,
    section_order.SectionOrder,
    section_form.SectionNumber,
    sections.UnexpectedSection,
    section_form.SectionTitle,
    section_form.NotAHeading,
    sections.DuplicateSection,
    other_outline.OtherOutline,
    fields.MissingField,
    fields.InvalidDate,
    fields.DateOrder,
    fields.MissingLink,
    fields.FilenameDate,
    series.PeriodContinuity,
    series.StaleAction,
    series.DroppedAction,
    series.CompletedActionKept,
    general.SchemaViolation,
    template.TemplateModified,
    general.InternalError,
    general.UnreadableFile,
    general.TooComplex,
    general.UnknownRuleInComment,
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


def keyword_validators(outline: Outline) -> dict[str, KeywordValidator]:
    """The ``x-`` keywords outline schemas may use, each checked by the rule that defines it.

    What ``compass_lint.outline.schema.load_schema`` extends Draft 2020-12 with.
    """
    return {rule.defines: rule.keyword_validator(outline) for rule in SCHEMA_RULES if rule.defines is not None}


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
    "keyword_validators",
    "rule_for_error",
]
