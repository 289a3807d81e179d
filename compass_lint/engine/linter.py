"""The pipeline: read → parse → model → checks → filter, for one report.

Checks only say where and what (``Problem``); the linter stamps the path,
the rule name and the configured severity, and drops what is switched off.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from compass_lint.core.finding import Finding, Problem, Severity
from compass_lint.core.safetext import capped_message
from compass_lint.core.settings import Config
from compass_lint.markdown.parse import parse
from compass_lint.markdown.source import SourceText, Unreadable, decode
from compass_lint.model.instance import to_instance
from compass_lint.model.report import Report, build_report
from compass_lint.model.suppressions import Suppressions, read_suppressions
from compass_lint.outline.schema import CompiledSchema
from compass_lint.rules import REPORT_RULES, RULES_BY_CODE, SchemaContext, rule_for_error
from compass_lint.rules.other_outline import OtherOutline


@dataclass
class FileResult:
    """The outcome for one file: its findings and, when it parsed, its model."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    report: Report | None = None
    source: SourceText | None = None


def stamp(
    path: str, problems: Iterable[Problem], config: Config, suppressions: Suppressions | None = None
) -> list[Finding]:
    """Turn problems into findings with name and effective severity; drop disabled ones."""
    findings: list[Finding] = []
    # A report's findings share a few codes: work each one's name and severity out once.
    known: dict[str, tuple[str, Severity]] = {}
    for problem in problems:
        if suppressions is not None and suppressions.suppressed(problem.line, problem.code):
            continue
        if problem.code not in known:
            rule = RULES_BY_CODE[problem.code]
            enabled = getattr(rule, "enabled_by_default", True)
            known[problem.code] = (rule.name, config.severity_of(problem.code, rule.severity, enabled))
        name, severity = known[problem.code]
        if severity is Severity.OFF:
            continue
        findings.append(
            Finding(
                path=path,
                # Lines are 1-based and never missing, whatever a rule computed.
                line=max(problem.line, 1),
                column=max(problem.column, 1),
                code=problem.code,
                name=name,
                severity=severity,
                message=capped_message(problem.message),
                end_line=problem.end_line,
                end_column=problem.end_column,
                related=problem.related,
                json_path=problem.json_path,
                owner=problem.owner,
            )
        )
    return sorted(findings, key=lambda f: f.sort_key)


def check_report(report: Report, schema: CompiledSchema, config: Config) -> Iterator[Problem]:
    """Every single-report problem: schema errors mapped to rules, then report rules."""
    instance = to_instance(report)
    context = SchemaContext(report=report, instance=instance)
    for error in schema.iter_errors(instance.data):
        yield from rule_for_error(error).problems(error, context)
    options = {"config": config}
    for rule in REPORT_RULES:
        yield from rule.check(report, options)


def lint_bytes(path: str, data: bytes, schema: CompiledSchema, config: Config) -> FileResult:
    """Lint one report's bytes (without cross-report rules)."""
    source = decode(data, config.max_file_size)
    if isinstance(source, Unreadable):
        problem = Problem(source.line, source.column, "CL901", source.message)
        return FileResult(path, stamp(path, [problem], config))
    document = parse(source.text)
    report = build_report(document, schema.outline, config.date_formats)
    report.path = path
    report.suppressions, directive_problems = read_suppressions(document, set(RULES_BY_CODE))
    problems = [*check_report(report, schema, config), *directive_problems]
    findings = OtherOutline.keep(stamp(path, problems, config, report.suppressions))
    return FileResult(path, findings, report, source)
