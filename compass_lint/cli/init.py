"""``compass-lint init``: write the configuration and outline schemas for a repository's report series."""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import click

from compass_lint.cli.main import fail
from compass_lint.core.finding import Finding
from compass_lint.core.safetext import escape_controls
from compass_lint.core.settings import Config
from compass_lint.edit.init import InitError, InitPlan, choose_stale_report, plan
from compass_lint.edit.init_write import config_target, render_config, write
from compass_lint.engine.config import config_from_table
from compass_lint.engine.paths import PathError, expand_paths
from compass_lint.engine.runner import RunOptions, run
from compass_lint.outline.schema import SchemaLoadError
from compass_lint.series.layout import group_series


def _first_check(found: InitPlan, folder: Path) -> list[Finding]:
    """What ``check`` will report on the series' reports once the configuration is written."""
    series = []
    for entry in found.series:
        schema = folder / f"{entry.name}.schema.json"
        schema.write_text(json.dumps(entry.schema), encoding="utf-8")
        series.append({"name": entry.name, "files": entry.files, "schema": str(schema), **entry.options})
    table: dict[str, Any] = {"series": series}
    config = config_from_table(table, found.root / ".compass-lint.toml")
    files = [str(report) for entry in found.series for report in entry.reports]
    return run(files, config, RunOptions(jobs=1)).findings


@click.command()
@click.argument("root", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what init finds and would write; write nothing.")
@click.option("--force", is_flag=True, help="Replace an existing .compass-lint.toml and schemas.")
def init(root: Path, dry_run: bool, force: bool) -> None:
    """Find the report series below ROOT and write their configuration and outline schemas."""
    root = root.resolve()
    try:
        # The walk of ``check .`` without configuration: every Markdown file it sees, with its verdict.
        walked = expand_paths([str(root)], Config(root=root))
        verdicts = {Path(path).resolve(): verdict.report for path, verdict in walked.verdicts.items()}
        files = list(verdicts)
        found = plan(root, files, verdicts.__getitem__, group_series)
    except (PathError, OSError, UnicodeDecodeError) as error:
        fail(str(error))
    if not found.series:
        click.echo(
            f"compass-lint: no report series found below {escape_controls(str(root))} ({len(files)} Markdown files)",
            err=True,
        )
        return
    try:
        with tempfile.TemporaryDirectory(prefix="compass-lint-init-") as folder:
            findings = _first_check(found, Path(folder))
            if choose_stale_report(found, findings):
                findings = _first_check(found, Path(folder))
    except SchemaLoadError as error:
        fail(f"a derived schema does not load ({error}); please report it")
    per_file = Counter(finding.path for finding in findings)
    click.echo(f"Found {len(found.series)} series in {sum(len(s.reports) for s in found.series)} reports:")
    for entry in found.series:
        count = sum(per_file[str(report)] for report in entry.reports)
        source = escape_controls(entry.template.relative_to(root).as_posix()) if entry.template else "its reports"
        name, files_glob = escape_controls(entry.name), escape_controls(entry.files)
        click.echo(f"  {name}: {files_glob}, {len(entry.reports)} reports, outline from {source};")
        click.echo(f"    the first check gives {count} finding{'s' if count != 1 else ''}")
    if found.not_reports:
        click.echo(f"{len(found.not_reports)} Markdown files are not reports; {len(found.templates)} are templates.")
    target, table = config_target(root)
    if dry_run:
        click.echo(f"\nWould write {target.name} ({'table [' + table + ']' if table else 'new file'}):\n")
        click.echo(render_config(found, table), nl=False)
        click.echo("\n(dry run: nothing written)")
        return
    try:
        written = write(found, force)
    except (InitError, OSError) as error:
        fail(str(error))
    click.echo("Wrote " + ", ".join(escape_controls(path.relative_to(root).as_posix()) for path in written) + ".")
