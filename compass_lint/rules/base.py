"""What every rule is: a code, a name, a default severity, its docs, its check and its fix.

A rule's docstring is its documentation (``compass-lint explain CODE`` prints
it), with a failing and a passing example. Rules come in three scopes:

* ``schema`` rules turn outline-schema validation errors into problems: they
  claim errors by keyword (``validator``) and by where the error sits. A rule
  that adds an ``x-`` keyword to JSON Schema names it in ``defines`` and holds
  its validator (``validate``), so the check lives with its message;
* ``report`` rules look at one report model;
* ``pair`` rules look at a report and its predecessor in the series.

A rule that can fix its findings says how safely (``fix_safety``) and builds
the ``Fix`` itself (``fix``); ``compass_lint.edit`` applies and verifies it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from jsonschema import ValidationError
from jsonschema.protocols import Validator

from compass_lint.core.finding import Finding, Problem, Severity
from compass_lint.markdown.textedit import Fix, FixSafety

if TYPE_CHECKING:
    from compass_lint.core.settings import Config
    from compass_lint.model.instance import Instance
    from compass_lint.model.report import Report
    from compass_lint.outline.spec import Outline
    from compass_lint.series.store import Loaded
    from compass_lint.series.thread import Thread

# A jsonschema keyword function: (validator, the keyword's value, the instance, the schema) -> errors.
KeywordValidator = Callable[[Validator, Any, Any, Mapping[str, Any]], Iterator[ValidationError]]


class SchemaContext(NamedTuple):
    """What a schema rule may look at to place and word its problem."""

    report: Report
    instance: Instance


def missing_property(error: ValidationError) -> str | None:
    """The property a ``required`` error is about (jsonschema yields one per property)."""
    required: Any = error.validator_value
    instance: Any = error.instance
    for key in required:
        if key not in instance and str(error.message).startswith(repr(key)):
            return str(key)
    return None


class Rule:
    """Base class of all rules; subclasses set the class attributes."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    scope: ClassVar[str] = "report"
    # Outline ``x-`` keywords without a validator of their own that belong to
    # this rule: they tune its check (``x-title-pattern``, ``x-parent`` …).
    reads: ClassVar[tuple[str, ...]] = ()
    # None: the rule has no fix.
    fix_safety: ClassVar[FixSafety | None] = None
    # One fix for all of the rule's findings in a report (``fix_all``), planned
    # after the others: CL101's insertions may share a place.
    fix_jointly: ClassVar[bool] = False

    @classmethod
    def fix(cls, report: Report, finding: Finding) -> Fix | None:
        """The fix for one of this rule's findings, if one can be made."""
        return None

    @classmethod
    def fix_all(cls, report: Report, findings: list[Finding]) -> Fix | None:
        """One fix for all of these findings (rules with ``fix_jointly``)."""
        return None

    @classmethod
    def documentation(cls) -> str:
        """The rule's docstring, dedented."""
        return inspect.getdoc(cls) or ""

    @classmethod
    def summary(cls) -> str:
        """The first line of the documentation."""
        return cls.documentation().split("\n", 1)[0]


class SchemaRule(Rule):
    """A rule fed by outline-schema errors."""

    scope: ClassVar[str] = "schema"
    keywords: ClassVar[tuple[str, ...]] = ()
    parent_path: ClassVar[tuple[str, ...] | None] = None
    # The ``x-`` keyword this rule adds to JSON Schema (its errors carry it as
    # ``validator``), checked by ``keyword_validator``.
    defines: ClassVar[str | None] = None

    @classmethod
    def validate(
        cls, validator: Validator, value: Any, instance: Any, schema: Mapping[str, Any]
    ) -> Iterator[ValidationError]:
        """The errors of ``defines`` for one instance (rules that define a keyword override this)."""
        return iter(())

    @classmethod
    def keyword_validator(cls, outline: Outline) -> KeywordValidator:
        """The jsonschema function for ``defines``; a keyword that needs the outline overrides this."""
        return cls.validate

    @classmethod
    def claims(cls, error: ValidationError) -> bool:
        """Whether this rule reports ``error``."""
        if error.validator not in cls.keywords:
            return False
        if cls.parent_path is None:
            return True
        path = tuple(error.absolute_path)
        return path[: len(cls.parent_path)] == cls.parent_path

    @classmethod
    def problems(cls, error: ValidationError, context: SchemaContext) -> Iterator[Problem]:
        """The problems for one claimed error (default: at the error's path)."""
        path = tuple(error.absolute_path)
        line, column = context.instance.locate(path)
        yield Problem(line, column, cls.code, cls.message(error, context), json_path=error.json_path)

    @classmethod
    def message(cls, error: ValidationError, context: SchemaContext) -> str:
        """The human message for one error."""
        return str(error.message)


class ReportRule(Rule):
    """A rule that inspects one report."""

    scope: ClassVar[str] = "report"

    @classmethod
    def check(cls, report: Report, options: dict[str, Any]) -> Iterator[Problem]:
        """Yield the rule's problems for ``report``."""
        raise NotImplementedError


class PairContext(NamedTuple):
    """A report, its predecessor in the series, and the threads of its actions."""

    current: Loaded
    previous: Loaded
    threads: list[Thread]
    config: Config


class PairRule(Rule):
    """A rule that compares a report with its predecessor (off with ``--no-history``)."""

    scope: ClassVar[str] = "pair"

    @classmethod
    def check(cls, pair: PairContext) -> Iterator[Problem]:
        """Yield the rule's problems for the current report of ``pair``."""
        raise NotImplementedError
