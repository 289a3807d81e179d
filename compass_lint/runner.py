"""Running the linter over many files: schemas per file, errors contained.

A failure inside compass-lint on one file becomes finding CL900 for that
file and the run goes on: no traceback ever reaches the user.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from compass_lint.config import Config
from compass_lint.finding import Finding, Problem
from compass_lint.history import History
from compass_lint.linter import FileResult, lint_bytes, stamp
from compass_lint.rules import PAIR_RULES, PairContext
from compass_lint.schema import CompiledSchema, load_schema


@dataclass
class RunResult:
    """All findings of a run, sorted, and how many files were checked."""

    findings: list[Finding] = field(default_factory=list)
    files_checked: int = 0
    results: list[FileResult] = field(default_factory=list)


def schema_for(path: str, config: Config, override: str | None = None) -> CompiledSchema:
    """The compiled schema that applies to ``path`` (CLI override, series, config)."""
    if override:
        return load_schema(config.resolve_schema(override))
    from compass_lint.series import series_for

    series = series_for(Path(path), config)
    if series is not None and series.schema:
        return load_schema(config.resolve_schema(series.schema))
    return load_schema(config.resolve_schema())


def config_for(path: str, config: Config) -> Config:
    """The configuration for ``path``: its series' overrides applied."""
    from compass_lint.series import series_for

    series = series_for(Path(path), config)
    return config.with_series(series) if series is not None else config


def read_input(path: str) -> bytes:
    """The bytes of a report (``-`` is standard input)."""
    if path == "-":
        return sys.stdin.buffer.read()
    return Path(path).read_bytes()


def lint_one(path: str, config: Config, schema: CompiledSchema, data: bytes | None = None) -> FileResult:
    """Lint one file, turning read errors into CL901 and crashes into CL900."""
    try:
        raw = data if data is not None else read_input(path)
    except OSError as error:
        problem = Problem(1, 1, "CL901", f"cannot read file ({error.strerror or error})")
        return FileResult(path, stamp(path, [problem], config))
    try:
        return lint_bytes(path, raw, schema, config)
    except RecursionError:
        problem = Problem(1, 1, "CL902", "the file is nested too deeply to check")
        return FileResult(path, stamp(path, [problem], config))
    except Exception as error:  # noqa: BLE001 - one bad file must not stop the run
        problem = Problem(1, 1, "CL900", f"compass-lint failed on this file ({type(error).__name__}: {error}); please report it")
        return FileResult(path, stamp(path, [problem], config))


def history_findings(path: str, outcome: FileResult, history: History, config: Config) -> list[Finding]:
    """Findings of the rules that compare a report with its predecessor."""
    if outcome.report is None or outcome.source is None or path == "-":
        return []
    location = Path(path)
    history.remember(location, outcome.report, outcome.source)
    previous = history.previous(location)
    if previous is None:
        return []
    pair = PairContext(
        current=history.load(location),
        previous=history.load(previous),
        threads=history.threads(location),
        config=config,
    )
    problems = [problem for rule in PAIR_RULES for problem in rule.check(pair)]
    return stamp(path, problems, config, outcome.report.suppressions)


def run(
    files: list[str],
    config: Config,
    schema_override: str | None = None,
    history: bool = True,
    stdin_filename: str | None = None,
) -> RunResult:
    """Lint every file, with the cross-report rules unless ``history`` is off."""
    result = RunResult()
    store = History(config, lambda p: schema_for(p, config, schema_override).outline)
    for path in files:
        shown = stdin_filename if path == "-" and stdin_filename else path
        schema = schema_for(shown, config, schema_override)
        file_config = config_for(shown, config)
        data = read_input(path) if path == "-" else None
        outcome = lint_one(shown, file_config, schema, data)
        if history and (path != "-" or stdin_filename):
            try:
                outcome.findings.extend(history_findings(shown, outcome, store, file_config))
            except Exception as error:  # noqa: BLE001 - history must not stop the run
                problem = Problem(1, 1, "CL900", f"history check failed ({type(error).__name__}: {error})")
                outcome.findings.extend(stamp(shown, [problem], file_config))
            outcome.findings.sort(key=lambda f: f.sort_key)
        result.results.append(outcome)
        result.findings.extend(outcome.findings)
        result.files_checked += 1
    result.findings.sort(key=lambda f: f.sort_key)
    return result
