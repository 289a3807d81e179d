"""``compass-lint check``: lint reports and report the findings."""

from __future__ import annotations

import os
import sys
from io import StringIO
from pathlib import Path
from typing import TextIO

import click

from compass_lint.cli.main import (
    FORMATS,
    color_option,
    exit_code,
    fail,
    force_exclude_option,
    load_run_config,
    resolve_format,
    use_color,
    warn_nothing_to_check,
)
from compass_lint.core.finding import Tally
from compass_lint.core.safetext import escape_controls
from compass_lint.core.settings import Config
from compass_lint.engine.paths import PathError, expand_paths
from compass_lint.outline.schema import SchemaLoadError
from compass_lint.reporters import REPORTERS, RunSummary
from compass_lint.reporters.text import summary_line


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--format",
    "--output-format",
    "output_format",
    type=click.Choice(FORMATS),
    default="auto",
    show_default=True,
    help="Output format.",
)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: found upward).")
@click.option("--schema", "schema_ref", help="Outline schema: a builtin name or a path.")
@click.option("--select", multiple=True, help="Only these codes or prefixes (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these codes or prefixes.")
@click.option("--extend-select", multiple=True, help="Also enable these codes (e.g. off-by-default ones).")
@click.option("--strict/--no-strict", default=False, help="Warnings fail the run too (--no-strict: they do not).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 whatever is found.")
@click.option("--no-history", is_flag=True, help="Turn off the rules that compare a report with its predecessor.")
@click.option("-o", "--output", "output_path", type=click.Path(dir_okay=False), help="Write the report to this file.")
@click.option("--statistics", is_flag=True, help="Print a count per code.")
@click.option("--stdin-filename", help="Path to use for a report read from '-'.")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only, no summary or progress.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Processes to use (default: one per core for many files).",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option("--no-summary", is_flag=True, help="With --format github: do not write the job summary.")
@force_exclude_option
@click.option("--fix", "apply_fixes", is_flag=True, help="Apply safe fixes first (see 'compass-lint fix').")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix: also apply unsafe fixes.")
@click.option("--diff", "diff_only", is_flag=True, help="With --fix: print the fixes as a unified diff, write nothing.")
@color_option
@click.pass_context
def check(
    ctx: click.Context,
    paths: tuple[str, ...],
    output_format: str,
    config_path: str | None,
    schema_ref: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    strict: bool,
    exit_zero: bool,
    no_history: bool,
    output_path: str | None,
    statistics: bool,
    stdin_filename: str | None,
    quiet: bool,
    jobs: int | None,
    no_cache: bool,
    no_summary: bool,
    force_exclude: bool,
    apply_fixes: bool,
    unsafe_fixes: bool,
    diff_only: bool,
    color_choice: str,
) -> None:
    """Check reports (files or folders of *.md; default: the current folder)."""
    # start-up: the runner, its cache and the linter load when check runs, not when click lists commands
    from compass_lint.engine.cache import CACHE_DIR
    from compass_lint.engine.runner import RunOptions, per_file, run, shown_paths

    config = load_run_config(config_path, select, ignore, extend_select)
    try:
        files = expand_paths(paths, config, schema_ref, force_exclude)
    except PathError as error:
        fail(str(error))
    except SchemaLoadError as error:
        fail(str(error))
    if not quiet:
        for note in files.notes:
            click.echo(note, err=True)
    warn_nothing_to_check(paths, files)
    if diff_only:
        _preview_fixes(ctx, files, config, schema_ref, unsafe_fixes, not no_history)
    if apply_fixes:
        # start-up: fix's modules load only for check --fix
        from compass_lint.cli.fix import fix_paths

        try:
            _, lines, notes = fix_paths(files, config, schema_ref, unsafe_fixes, False, not no_history)
        except SchemaLoadError as error:
            fail(str(error))
        for line in [*lines, *notes]:
            click.echo(escape_controls(line), err=True)
    name = resolve_format(output_format)
    # A file named by --output gets colour only with --color always (FORCE_COLOR is about terminals).
    if output_path is None:
        color = name == "text" and use_color(color_choice, sys.stdout.isatty())
    else:
        color = name == "text" and color_choice == "always"
    progress = not quiet and sys.stderr.isatty() and not os.environ.get("CI")
    options = RunOptions(
        schema_override=schema_ref,
        history=not no_history,
        stdin_filename=stdin_filename,
        jobs=jobs,
        cache_dir=None if no_cache else config.root / CACHE_DIR,
        progress=progress,
    )
    # The reporter writes as the run goes (memory stays flat on big runs), except
    # on a terminal under a progress bar, which the lines would tear apart.
    held = StringIO() if output_path is None and progress and sys.stdout.isatty() else None
    out: StringIO | _FileOutput | _Echo = held if held is not None else _Echo(color)
    if output_path:
        out = _FileOutput(output_path)
    reporter = REPORTERS[name].reporter(out, color=color, quiet=quiet)
    shown = tuple(shown_paths(files, options))
    reporter.start()
    try:
        result = run(files, config, options, per_file(files, options, reporter.handle), files.verdicts)
        summary = RunSummary(result.files_checked, shown, color, files.not_reports)
        reporter.finish(summary)
        if isinstance(out, _FileOutput):
            out.write("")  # the file exists even when there is nothing to write (text --quiet)
    except SchemaLoadError as error:
        fail(str(error))
    finally:
        reporter.close()
        if isinstance(out, _FileOutput):
            out.close()
    if held is not None:
        click.echo(held.getvalue(), nl=False, color=color)
    tally = result.tally
    if output_path and name != "text":
        click.echo(summary_line(tally, summary))
    if name == "github" and os.environ.get("GITHUB_STEP_SUMMARY") and not no_summary:
        # start-up: only GitHub runs need the GitHub reporter's module.
        from compass_lint.reporters.github import GitHubReporter

        assert isinstance(reporter, GitHubReporter)
        _append_job_summary(Path(os.environ["GITHUB_STEP_SUMMARY"]), reporter.job_summary(summary))
    if statistics:
        click.echo(_statistics(tally), err=output_path is None and name != "text")
    ctx.exit(exit_code(tally, strict, exit_zero))


def _preview_fixes(
    ctx: click.Context, files: list[str], config: Config, schema_ref: str | None, unsafe: bool, history: bool
) -> None:
    """``--diff`` (as in ruff, it implies ``--fix``, writing nothing): the diff, exit 1 when there is one."""
    # start-up: fix's modules load only for check --fix
    from compass_lint.cli.fix import echo_diff, fix_paths

    try:
        changed, lines, notes = fix_paths(files, config, schema_ref, unsafe, True, history)
    except SchemaLoadError as error:
        fail(str(error))
    for line in lines:
        echo_diff(line)
    for note in notes:
        click.echo(escape_controls(note), err=True)
    ctx.exit(1 if changed else 0)


class _Echo:
    """Standard output through click (which knows terminals, colours and Windows consoles).

    ``color`` is passed on: click would otherwise strip the colours of
    ``--color always`` or ``FORCE_COLOR`` in a pipe.
    """

    def __init__(self, color: bool) -> None:
        self.color = color

    def write(self, text: str) -> int:
        click.echo(text, nl=False, color=self.color)
        return len(text)


class _FileOutput:
    """The ``--output`` file, created on the first write (a run that fails first leaves it alone)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.stream: TextIO | None = None

    def write(self, text: str) -> int:
        try:
            if self.stream is None:
                self.stream = open(self.path, "w", encoding="utf-8")  # noqa: SIM115 - see close()
            return self.stream.write(text)
        except OSError as error:
            fail(f"{self.path}: cannot write ({error.strerror})")

    def close(self) -> None:
        try:
            if self.stream is not None:
                self.stream.close()
        except OSError as error:
            fail(f"{self.path}: cannot write ({error.strerror})")


def _append_job_summary(target: Path, markdown: str) -> None:
    """Append the Markdown job summary for GitHub."""
    try:
        with target.open("a", encoding="utf-8") as stream:
            stream.write(markdown)
    except OSError as error:
        click.echo(f"compass-lint: warning: cannot write the job summary ({error.strerror})", err=True)


def _statistics(tally: Tally) -> str:
    rows = [f"{count:5d}  {code}  {name}" for (code, name), count in sorted(tally.rules.items())]
    return "\n".join(rows) if rows else "    0  (no findings)"
