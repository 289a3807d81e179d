"""Running fixes on a file: plan, apply, verify, repeat; then write safely."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from compass_lint.core.finding import Finding
from compass_lint.core.safetext import escape_controls
from compass_lint.core.settings import Config
from compass_lint.edit.fixes import MAX_ROUNDS, FixOutcome, plan_fixes, verified
from compass_lint.engine.context import config_for, schema_for
from compass_lint.engine.runner import RunOptions, history_findings, lint_one
from compass_lint.markdown.source import BOM, detect_newline
from compass_lint.markdown.textedit import Fix, apply_edits
from compass_lint.model.report import Report
from compass_lint.series.history import History


@dataclass
class FileFix:
    """A file's fix result: its text before and after, and the findings left."""

    path: str
    original: bytes
    fixed: bytes
    outcome: FixOutcome
    remaining: list[Finding]

    @property
    def changed(self) -> bool:
        """Whether fixing changed any byte."""
        return self.original != self.fixed

    def diff(self) -> str:
        """A unified diff of the change."""
        before = self.original.decode("utf-8", "replace").splitlines(keepends=True)
        after = self.fixed.decode("utf-8", "replace").splitlines(keepends=True)
        # A name with control characters is quoted and escaped, as git does: a raw newline in a
        # header line could start a workflow command in a CI log.
        name = escape_controls(self.path)
        old, new = (f'"a/{name}"', f'"b/{name}"') if name != self.path else (f"a/{name}", f"b/{name}")
        return "".join(difflib.unified_diff(before, after, old, new))


def new_history(config: Config, options: RunOptions) -> History:
    """The history store of a fix run: one per run, so each series is read once, not once per file."""
    return History(config, lambda p: schema_for(p, config, options.schema_override).outline)


def analyse(
    path: str, data: bytes, config: Config, options: RunOptions, history: History | None = None
) -> tuple[Report | None, list[Finding]]:
    """Lint ``data`` as the content of ``path``; its predecessors are read from disk.

    The report itself is the text in memory: ``history`` reads it into its series'
    timeline again (``History.remember``), so one store serves every candidate.
    """
    file_config = config_for(path, config)
    schema = schema_for(path, config, options.schema_override)
    outcome = lint_one(path, file_config, schema, data)
    findings = list(outcome.findings)
    if options.history and outcome.report is not None:
        history = history if history is not None else new_history(config, options)
        findings += history_findings(path, outcome, history, file_config)
    return outcome.report, sorted(findings, key=lambda f: f.sort_key)


def _encode(text: str, bom: bool) -> bytes:
    return ((BOM if bom else "") + text).encode("utf-8")


def fix_file(
    path: str, data: bytes, config: Config, options: RunOptions, unsafe: bool, history: History | None = None
) -> FileFix:
    """Fix one file in memory; the result is verified but not written (``history``: see ``new_history``)."""
    history = history if history is not None else new_history(config, options)
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError:
        _, findings = analyse(path, data, config, options, history)
        return FileFix(path, data, data, FixOutcome(""), findings)
    bom = raw.startswith(BOM)
    text = raw[1:] if bom else raw
    newline = detect_newline(text)
    outcome = FixOutcome(text)
    report, findings = analyse(path, data, config, options, history)
    for _ in range(MAX_ROUNDS):
        if report is None:
            break
        fixes = plan_fixes(report, findings)
        usable = [f for f in fixes if f.safe or unsafe]
        outcome.unsafe_skipped = len(fixes) - len(usable)
        if not usable:
            break
        accepted, refused = _try(text, usable, findings, newline, bom, path, config, options, history)
        outcome.refused = refused
        if not accepted:
            break
        text = apply_edits(text, [e for f in accepted for e in f.edits], newline)
        outcome.applied += accepted
        report, findings = analyse(path, _encode(text, bom), config, options, history)
    outcome.text = text
    return FileFix(path, data, _encode(text, bom), outcome, findings)


def _try(
    text: str,
    fixes: list[Fix],
    before: list[Finding],
    newline: str,
    bom: bool,
    path: str,
    config: Config,
    options: RunOptions,
    history: History,
) -> tuple[list[Fix], list[tuple[Fix, str]]]:
    """All fixes at once if that verifies; otherwise each one alone."""

    def check(chosen: list[Fix]) -> str | None:
        candidate = apply_edits(text, [e for f in chosen for e in f.edits], newline)
        if candidate == text:
            return "the fix changes nothing"
        _, after = analyse(path, _encode(candidate, bom), config, options, history)
        return verified(before, after, [finding for f in chosen for finding in f.findings])

    if check(fixes) is None:
        return fixes, []
    accepted: list[Fix] = []
    refused: list[tuple[Fix, str]] = []
    for fix in fixes:
        reason = check([*accepted, fix])
        if reason is None:
            accepted.append(fix)
        else:
            refused.append((fix, reason))
    return accepted, refused


def working_tree_root(start: Path) -> Path:
    """The git work tree around ``start``, else ``start`` itself."""
    for folder in [start, *start.parents]:
        if (folder / ".git").exists():
            return folder
    return start
