"""``compass-lint fix``: apply safe structural fixes (``--unsafe-fixes`` for the rest)."""

from __future__ import annotations

import sys
from datetime import datetime
from io import StringIO
from itertools import groupby
from operator import attrgetter
from pathlib import Path

import click

from compass_lint.cli.main import (
    color_option,
    exit_code,
    fail,
    force_exclude_option,
    load_run_config,
    use_color,
    warn_nothing_to_check,
)
from compass_lint.core.finding import Tally
from compass_lint.core.safetext import escape_controls
from compass_lint.core.settings import Config
from compass_lint.engine.paths import PathError, expand_paths
from compass_lint.outline.schema import SchemaLoadError
from compass_lint.reporters import REPORTERS, RunSummary


class Unwritten(str):
    """A note about a fix that was made but not written (the file changed meanwhile): fix exits 1."""

    __slots__ = ()


def fix_paths(
    files: list[str], config: Config, schema_ref: str | None, unsafe: bool, diff_only: bool, history: bool
) -> tuple[int, list[str], list[str]]:
    """Fix files; returns (files changed, lines to print, refusals)."""
    # start-up: each command imports what it runs: a pre-commit run of check loads neither fix nor the HTML page
    from compass_lint.edit.apply import fix_file, new_history, working_tree_root
    from compass_lint.engine.context import config_for
    from compass_lint.engine.runner import OverBudget, RunOptions, budget_message, time_budget
    from compass_lint.markdown.source import read_regular
    from compass_lint.markdown.textedit import ChangedMeanwhile, UnsafeWrite, check_writable, write_atomic

    options = RunOptions(schema_override=schema_ref, history=history)
    root = working_tree_root(Path.cwd().resolve())
    reports = new_history(config, options)  # one store for the run: each series is read once
    changed = 0
    output: list[str] = []
    notes: list[str] = []
    for path in files:
        if path == "-":
            notes.append("-: fix reads files, not standard input; skipped")
            continue
        target = Path(path)
        try:
            check_writable(target, root)
            data = read_regular(target, config_for(path, config).max_file_size)
        except UnsafeWrite as error:
            notes.append(f"{path}: not fixed: {error}")
            continue
        except OSError as error:
            notes.append(f"{path}: not fixed: {error.strerror or error}")
            continue
        seconds = config_for(path, config).time_budget
        try:
            with time_budget(seconds):
                result = fix_file(path, data, config, options, unsafe, reports)
        except OverBudget:
            notes.append(f"{path}: not fixed: {budget_message(seconds)}")
            continue
        for fix, reason in result.outcome.refused:
            for finding in fix.findings:
                notes.append(f"{path}:{finding.line}: {finding.code} not fixed ({fix.description}): {reason}")
        if result.outcome.unsafe_skipped:
            notes.append(f"{path}: {result.outcome.unsafe_skipped} unsafe fix(es) not applied (use --unsafe-fixes)")
        if not result.changed:
            continue
        changed += 1
        if diff_only:
            output.append(result.diff())
            continue
        try:
            write_atomic(target, result.fixed, expected=data)
        except ChangedMeanwhile as error:
            notes.append(Unwritten(str(error)))
            continue
        except OSError as error:
            notes.append(f"{path}: not written: {error}")
            continue
        fixed = sum(len(fix.findings) for fix in result.outcome.applied)
        output.append(f"{path}: fixed {fixed} finding{'s' if fixed != 1 else ''}")
    return changed, output, notes


def echo_diff(diff: str) -> None:
    """Print a diff: to a pipe as it is (``patch`` applies it; each line starts with its +/-/space
    mark, so no file line can start a workflow command); to a terminal with the control characters
    of the file's lines escaped, as everywhere else a person reads them."""
    if sys.stdout.isatty():
        diff = "\n".join(escape_controls(line) for line in diff.split("\n"))
    click.echo(diff, nl=not diff.endswith("\n"))


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: found upward).")
@click.option("--schema", "schema_ref", help="Outline schema: a builtin name or a path.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that replace or remove text.")
@click.option("--diff", "diff_only", is_flag=True, help="Print a unified diff and write nothing.")
@click.option("--exit-non-zero-on-fix", is_flag=True, help="Exit 1 when any file was changed (for pre-commit).")
@click.option("--no-history", is_flag=True, help="Turn off the rules that compare a report with its predecessor.")
@click.option("--select", multiple=True, help="Only fix (and report) these codes, prefixes or names.")
@click.option("--ignore", multiple=True, help="Neither fix nor report these codes, prefixes or names.")
@click.option("--quiet", "-q", is_flag=True, help="Print the findings left only, no summary.")
@force_exclude_option
@color_option
@click.pass_context
def fix(
    ctx: click.Context,
    paths: tuple[str, ...],
    config_path: str | None,
    schema_ref: str | None,
    unsafe_fixes: bool,
    diff_only: bool,
    exit_non_zero_on_fix: bool,
    no_history: bool,
    force_exclude: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    quiet: bool,
    color_choice: str,
) -> None:
    """Fix what can be fixed safely, then report what is left."""
    # start-up: each command imports what it runs: a pre-commit run of check loads neither fix nor the HTML page
    from compass_lint.engine.runner import RunOptions, run

    config = load_run_config(config_path, select, ignore, ())
    try:
        files = expand_paths(paths, config, schema_ref, force_exclude)
        for note in files.notes:
            click.echo(note, err=True)
        warn_nothing_to_check(paths, files)
        changed, output, notes = fix_paths(files, config, schema_ref, unsafe_fixes, diff_only, not no_history)
        options = RunOptions(schema_override=schema_ref, history=not no_history)
        remaining = run(files, config, options, verdicts=files.verdicts).findings
    except PathError as error:
        fail(str(error))
    except SchemaLoadError as error:
        fail(str(error))
    for line in output:
        if diff_only:
            echo_diff(line)
        elif not quiet:  # -q: the findings left only
            click.echo(escape_controls(line))
    for note in notes:
        click.echo(escape_controls(note), err=True)
    if diff_only:
        ctx.exit(1 if changed else exit_code(Tally(remaining), False, False))
    color = use_color(color_choice, sys.stdout.isatty())
    summary = RunSummary(len(files), not_reports=files.not_reports, color=color)
    out = StringIO()
    reporter = REPORTERS["text"].reporter(out, color=color, quiet=quiet)
    reporter.start()
    for path, group in groupby(remaining, key=attrgetter("path")):
        reporter.handle(path, list(group))
    reporter.finish(summary)
    reporter.close()
    click.echo(out.getvalue(), nl=False, color=color)
    if any(isinstance(note, Unwritten) for note in notes):
        ctx.exit(1)
    if exit_non_zero_on_fix and changed:
        ctx.exit(1)
    ctx.exit(exit_code(Tally(remaining), False, False))


@click.command()
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=str))
@click.option("--series", "series_name", help="A series configured in [[tool.compass-lint.series]].")
@click.option(
    "--date",
    "closing",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The new report's date: its closing date, or its meeting date.",
)
@click.option("-o", "--output", "output_path", type=click.Path(dir_okay=False), help="Path of the new report.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: found upward).")
@click.option("--schema", "schema_ref", help="Outline schema: a builtin name or a path.")
def new(
    folder: str | None,
    series_name: str | None,
    closing: object,
    output_path: str | None,
    config_path: str | None,
    schema_ref: str | None,
) -> None:
    """Write the next report of a series (FOLDER, or --series), carrying its open actions."""

    # start-up: each command imports what it runs: a pre-commit run of check loads neither fix nor the HTML page
    from compass_lint.edit.next_report import ScaffoldError, next_path
    from compass_lint.edit.scaffold import next_report
    from compass_lint.engine.context import schema_for
    from compass_lint.markdown.textedit import write_atomic
    from compass_lint.series.history import History
    from compass_lint.series.layout import report_name
    from compass_lint.series.membership import series_files

    config = load_run_config(config_path, (), (), ())
    if (folder is None) == (series_name is None):
        fail("name either a FOLDER or --series NAME")
    history = History(config, lambda p: schema_for(p, config, schema_ref).outline, keep_models=True)
    try:
        if series_name is not None:
            matching = [s for s in config.series if s.name == series_name]
            if not matching:
                fail(f"no series named '{series_name}' in the configuration")
            candidates = series_files(matching[0], config.root)
        else:
            # Reports only: a README or index page in the folder is not the latest report. A folder of
            # year folders or of a folder per meeting holds its reports one level down.
            candidates = [p for p in sorted(Path(folder or ".").glob("*.md")) if history.verdict(p).report]
            candidates = candidates or [
                p for p in sorted(Path(folder or ".").glob("*/*.md")) if history.verdict(p).report
            ]
        if not candidates:
            fail("the series has no report to continue from")
        series = history.members(candidates[-1])
        latest_path = series[-1]
        when = closing.date() if isinstance(closing, datetime) else None
        period, text = next_report(history, config, series, when)
        target = Path(output_path) if output_path else next_path(latest_path, period.closing)
    except ScaffoldError as error:
        fail(str(error))
    except SchemaLoadError as error:
        fail(str(error))
    if target.exists():
        fail(f"{target} exists; compass-lint new never overwrites a file")
    try:
        if not output_path and not target.parent.exists():
            target.parent.mkdir()  # the new meeting's dated folder, or the new year's folder
        write_atomic(target, text.encode("utf-8"), exclusive=True)
    except FileExistsError:
        fail(f"{target} exists; compass-lint new never overwrites a file")
    except OSError as error:
        fail(f"{target}: cannot write ({error.strerror})")
    click.echo(escape_controls(f"wrote {target} (from {report_name(str(latest_path))})"))
