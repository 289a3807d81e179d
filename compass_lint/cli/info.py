"""``compass-lint rules``, ``explain`` and ``schema``: the tool describing itself."""

from __future__ import annotations

import json
from pathlib import Path

import click

from compass_lint.cli.main import fail
from compass_lint.core.safetext import escape_controls
from compass_lint.markdown.textedit import FixSafety
from compass_lint.rules import ALL_RULES, RULES_BY_CODE, RULES_BY_NAME, Rule
from compass_lint.rules.docs import plain_text


def _default_severity(rule: type) -> str:
    if not getattr(rule, "enabled_by_default", True):
        return "off"
    return str(rule.severity.value)  # type: ignore[attr-defined]


def _fix(rule: type[Rule]) -> str | None:
    """How ``compass-lint fix`` treats the rule's findings: safe, unsafe (``--unsafe-fixes``), depends, or None."""
    if rule.fix_safety is None:
        return None
    return "depends" if rule.fix_safety is FixSafety.DEPENDS else rule.fix_safety.value


@click.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(output_format: str) -> None:
    """List every rule: code, name, default severity, fix (safe, unsafe, depends or -), summary."""
    ordered = sorted(ALL_RULES, key=lambda r: r.code)
    if output_format == "json":
        data = [
            {"code": r.code, "name": r.name, "severity": _default_severity(r), "fix": _fix(r), "summary": r.summary()}
            for r in ordered
        ]
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(f"{'CODE':<7}{'NAME':<25}{'SEVERITY':<9}{'FIX':<8}SUMMARY")
    for rule in ordered:
        click.echo(f"{rule.code}  {rule.name:<24} {_default_severity(rule):<8} {_fix(rule) or '-':<7} {rule.summary()}")


@click.command()
@click.argument("code")
def explain(code: str) -> None:
    """Print the full documentation of a rule (by code or name)."""
    rule = RULES_BY_CODE.get(code.upper()) or RULES_BY_NAME.get(code.lower())
    if rule is None:
        fail(f"unknown rule '{code}' (see 'compass-lint rules')")
    fix = rule.fix_safety
    command = "compass-lint fix --unsafe-fixes" if fix is FixSafety.UNSAFE else "compass-lint fix"
    fixes = f", fix: {fix.value} with {command}" if fix is not None else ""
    click.echo(f"{rule.code} {rule.name} (default: {_default_severity(rule)}{fixes})\n")
    click.echo(plain_text(rule.documentation()))


@click.group()
def schema() -> None:
    """Builtin outline schemas and checks of your own."""


@schema.command("list")
def schema_list() -> None:
    """List the builtin schemas."""
    # start-up: each command imports what it runs: a pre-commit run of check loads neither fix nor the HTML page
    from compass_lint.engine.schemas import load_schema
    from compass_lint.outline.resources import BUILTIN_SCHEMAS

    for name in BUILTIN_SCHEMAS:
        click.echo(f"{name}  {load_schema(name).schema.get('title', '')}")


@schema.command("show")
@click.argument("name")
def schema_show(name: str) -> None:
    """Print a builtin schema."""
    # start-up: each command imports what it runs: a pre-commit run of check loads neither fix nor the HTML page
    from compass_lint.outline.resources import BUILTIN_SCHEMAS, builtin_path

    if name not in BUILTIN_SCHEMAS:
        fail(f"no builtin schema '{name}' (builtin: {', '.join(BUILTIN_SCHEMAS)})")
    click.echo(builtin_path(name).read_text(encoding="utf-8"), nl=False)


@schema.command("check")
@click.argument("path", type=click.Path(dir_okay=False))
def schema_check(path: str) -> None:
    """Validate an outline schema: metaschema, x- keywords, patterns."""
    # start-up: each command imports what it runs: a pre-commit run of check loads neither fix nor the HTML page
    from compass_lint.engine.schemas import load_schema
    from compass_lint.outline.schema import SchemaLoadError

    try:
        compiled = load_schema(path)
    except SchemaLoadError as error:
        fail(str(error))
    sections = len(compiled.outline.sections)
    click.echo(
        f"{escape_controls(path)}: valid outline schema ({sections} sections, {len(compiled.outline.fields)} fields)"
    )


@schema.command("init")
@click.option(
    "--from-template",
    "template",
    type=click.Path(dir_okay=False, exists=True),
    help="A template report.",
)
@click.option(
    "--from-reports",
    "reports",
    multiple=True,
    type=click.Path(exists=True),
    help="Reports of one series: a folder (its *.md files) or report files; repeatable.",
)
@click.option(
    "-o",
    "--output",
    "output_path",
    type=click.Path(dir_okay=False),
    help="Write the schema here (default: stdout).",
)
@click.argument("more_reports", nargs=-1, type=click.Path(exists=True))
def schema_init(
    template: str | None, reports: tuple[str, ...], output_path: str | None, more_reports: tuple[str, ...]
) -> None:
    """Derive an outline schema from a template report, or from a series' reports.

    ``--from-reports a.md b.md c.md``: report files after the first are MORE_REPORTS.
    """
    # start-up: each command imports what it runs: a pre-commit run of check loads neither fix nor the HTML page
    from compass_lint.core.settings import DEFAULT_MAX_FILE_SIZE
    from compass_lint.edit.derive import schema_from_reports, schema_from_template
    from compass_lint.engine.schemas import compile_schema
    from compass_lint.markdown.source import Unreadable, decode, read_regular
    from compass_lint.outline.schema import SchemaLoadError

    if (template is None) == (not reports) or (more_reports and not reports):
        fail("give either --from-template TEMPLATE or --from-reports FOLDER|REPORT...")
    reports += more_reports

    def read(path: Path) -> str:
        try:
            source = decode(read_regular(path, DEFAULT_MAX_FILE_SIZE))
        except OSError as error:
            fail(f"{path}: cannot read ({error.strerror or error})")
        if isinstance(source, Unreadable):
            fail(f"{path}: {source.message}")
        return source.text

    if template is not None:
        origin = template
        derived = schema_from_template(read(Path(template)), Path(template).stem)
    else:
        files = [p for given in map(Path, reports) for p in (sorted(given.glob("*.md")) if given.is_dir() else [given])]
        # A folder's template or README sits beside its reports but is not one of them.
        files = [p for p in files if not p.is_dir() and "template" not in p.stem.lower() and p.stem.lower() != "readme"]
        if not files:
            fail(f"no reports (*.md) in {', '.join(reports)}")
        origin = reports[0]
        name = Path(reports[0]).resolve().name if len(reports) == 1 else "custom"
        derived = schema_from_reports([read(p) for p in files], Path(name).stem)
    try:
        compile_schema(origin, derived)
    except SchemaLoadError as error:
        fail(f"the derived schema is not valid: {error}")
    text = json.dumps(derived, indent=2, ensure_ascii=False) + "\n"
    if output_path is None:
        click.echo(text, nl=False)
        return
    target = Path(output_path)
    if target.exists():
        fail(f"{output_path} exists; not overwriting it")
    target.write_text(text, encoding="utf-8")
    click.echo(f"wrote {output_path} ({len(derived['properties']['sections']['properties'])} sections)")


@click.command()
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: found upward).")
def clean(config_path: str | None) -> None:
    """Remove the result cache (.compass-lint-cache/)."""
    # start-up: each command imports what it runs: a pre-commit run of check loads neither fix nor the HTML page
    from compass_lint.cli.main import load_run_config
    from compass_lint.engine.cache import CACHE_DIR
    from compass_lint.engine.cache import clean as remove

    folder = load_run_config(config_path, (), (), ()).root / CACHE_DIR
    click.echo(remove(folder))
