"""``compass-lint actions``: the action tracker of one or more series."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click

from compass_lint.cli.main import fail, load_run_config
from compass_lint.core.links import github_link_base, url_problem
from compass_lint.core.safetext import escape_controls, quoted
from compass_lint.core.settings import Config
from compass_lint.engine.paths import PathError, expand_paths
from compass_lint.outline.schema import SchemaLoadError
from compass_lint.rules.series import display_path
from compass_lint.series.layout import report_name, series_label
from compass_lint.series.thread import Action
from compass_lint.series.timeline import SeriesActions


def _status(action: Action) -> str:
    if action.hold is not None:
        return action.hold  # "standing", "snoozed until 2027-03"
    if action.status == "open":
        return "open"
    return f"{action.status} in {report_name(action.status_report or '')}"


def _row(action: Action) -> dict[str, Any]:
    first = action.first
    return {
        "text": action.latest.info.display,
        "owner": action.owner,
        "first_path": display_path(first.path),
        "first_line": first.line,
        "carried": action.carried,
        "status": action.status,
        "status_report": display_path(action.status_report) if action.status_report else None,
        "hold": action.hold,
        "occurrences": [{"path": display_path(o.path), "line": o.line} for o in action.occurrences],
    }


def _select(series: SeriesActions, only_open: bool) -> list[Action]:
    actions = series.actions
    if only_open:
        actions = [a for a in actions if a.status == "open"]
        order = {str(p): i for i, p in enumerate(series.reports)}
        actions = sorted(actions, key=lambda a: (order.get(a.first.path, 0), a.first.line))
    return actions


def render_text(all_series: list[SeriesActions], only_open: bool) -> str:
    """A table per series: first appearance, carries, status, owner, text."""
    lines: list[str] = []
    for series in all_series:
        folder = display_path(series_label([str(p) for p in series.reports]))
        lines.append(escape_controls(f"Series {folder} ({len(series.reports)} reports)"))
        lines.append(f"{'FIRST SEEN':<40} {'CARRIED':>7}  {'STATUS':<36} {'OWNER':<10} ACTION")
        for action in _select(series, only_open):
            row = _row(action)
            first = f"{row['first_path']}:{row['first_line']}"
            owner = row["owner"] or "-"
            row_text = f"{first:<40} {row['carried']:>7}  {_status(action):<36} {owner:<10} {row['text']}"
            lines.append(escape_controls(row_text))  # text from the reports: no escapes, no new lines
        lines.append("")
    return "\n".join(lines)


def link_base(option: str | None, config: Config) -> tuple[str | None, Path]:
    """The page's link base and the folder paths are taken from: ``--link-base``, else the
    ``link-base`` key, else GitHub's environment (its workspace being the root); else none."""
    if option is not None:
        if option == "":
            return None, config.root  # an empty --link-base turns a configured or GitHub base off
        problem = url_problem(option)
        if problem:
            fail(f"invalid --link-base '{quoted(option)}': {problem}")
        return option, config.root
    if config.link_base:
        return config.link_base, config.root
    workspace = os.environ.get("GITHUB_WORKSPACE")
    return github_link_base(os.environ), Path(workspace) if workspace else config.root


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
)
@click.option("--open", "only_open", is_flag=True, help="Only open actions, oldest first.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: found upward).")
@click.option("--schema", "schema_ref", help="Outline schema: a builtin name or a path.")
@click.option("-o", "--output", "output_path", type=click.Path(dir_okay=False), help="Write to this file.")
@click.option(
    "--link-base",
    "link_base_option",
    metavar="URL",
    help="HTML: link reports to URL + their path from the project root, e.g. https://github.com/ORG/REPO/blob/main/.",
)
def actions(
    paths: tuple[str, ...],
    output_format: str,
    only_open: bool,
    config_path: str | None,
    schema_ref: str | None,
    output_path: str | None,
    link_base_option: str | None,
) -> None:
    """Track every action item of the series of PATHS: first seen, carried, status, owner."""
    # start-up: each command imports what it runs: a pre-commit run of check loads neither fix nor the HTML page
    from compass_lint.engine.context import schema_for
    from compass_lint.engine.runner import budget_message
    from compass_lint.series.history import History

    config = load_run_config(config_path, (), (), ())
    base, root = link_base(link_base_option, config)
    try:
        files = expand_paths(paths, config, schema_ref)
        history = History(config, lambda p: schema_for(p, config, schema_ref).outline)
        seen: set[tuple[Path, ...]] = set()
        all_series: list[SeriesActions] = []
        for file in files:
            members = tuple(history.members(Path(file)))
            if members not in seen:
                seen.add(members)
                all_series.append(history.series_actions(Path(file)))
    except PathError as error:
        fail(str(error))
    except SchemaLoadError as error:
        fail(str(error))
    # A report of a series that was not read leaves the tracker incomplete (its items would
    # look dropped): say which, and exit 1 as check does for the same report (CL901, CL902).
    left_out = {path: budget_message(config.time_budget) for path in history.store.gave_up}
    left_out.update(history.store.unreadable)
    for skipped, why in sorted(left_out.items()):
        click.echo(f"{escape_controls(display_path(skipped))}: actions left out: {why}", err=True)
    if output_format == "json":
        data = [
            {
                "reports": [display_path(str(p)) for p in s.reports],
                "actions": [_row(a) for a in _select(s, only_open)],
            }
            for s in all_series
        ]
        rendered = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    elif output_format == "html":
        # start-up: the HTML page is built only for --format html
        from compass_lint.reporters.timeline import Links, render_timeline

        rendered = render_timeline(all_series, only_open, Links.make(base, root), history.store.dated)
    else:
        rendered = render_text(all_series, only_open)
    if output_path:
        try:
            # A file name that is not UTF-8 keeps its own bytes (the page is UTF-8 otherwise).
            Path(output_path).write_bytes(rendered.encode("utf-8", "surrogateescape"))
        except OSError as error:
            fail(f"{output_path}: cannot write ({error.strerror})")
    else:
        click.echo(rendered, nl=False)
    if left_out:
        click.get_current_context().exit(1)
