"""The ``compass-lint`` command line (click).

Exit codes: 0 no error-severity findings; 1 error findings (or warnings with
``--strict``); 2 usage, configuration, schema or I/O error. ``main()`` turns
every failure into a message and one of these codes: no traceback reaches
the user.
"""

from __future__ import annotations

import gc
import os
import sys
from dataclasses import replace
from importlib import import_module
from pathlib import Path
from typing import Any, ClassVar, NoReturn

import click

from compass_lint import __version__
from compass_lint.core.finding import Severity, Tally
from compass_lint.core.safetext import escape_controls
from compass_lint.core.settings import Config
from compass_lint.engine.config import ConfigError, load_config

FORMATS = ("auto", "text", "json", "github", "sarif", "junit", "gitlab")
COLOR_CHOICES = ("auto", "always", "never")

# The options that check and fix share, spelled once.
color_option = click.option(
    "--color",
    "color_choice",
    type=click.Choice(COLOR_CHOICES),
    default="auto",
    show_default=True,
    help="Colour the text output (auto: on a terminal, unless NO_COLOR is set or FORCE_COLOR asks).",
)
force_exclude_option = click.option(
    "--force-exclude",
    is_flag=True,
    help="Filter files named on the command line like a folder walk: exclude, and reports only (for pre-commit).",
)


class UsageFailure(click.ClickException):
    """A configuration, schema or I/O problem: message on stderr, exit 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        # The message may quote a file name, a config key or a schema key: one line, no escapes.
        click.echo(f"compass-lint: error: {escape_controls(self.format_message())}", err=True)


def fail(message: str) -> NoReturn:
    """Stop with exit code 2."""
    raise UsageFailure(message)


def load_run_config(
    config_path: str | None, select: tuple[str, ...], ignore: tuple[str, ...], extend: tuple[str, ...]
) -> Config:
    """The configuration with CLI selections applied on top."""

    try:
        config = load_config(Path(config_path) if config_path else None)
    except ConfigError as error:
        fail(str(error))
    changes: dict[str, Any] = {}
    if select:
        changes["select"] = _codes(select)
    if ignore:
        changes["ignore"] = config.ignore + _codes(ignore)
    if extend:
        changes["extend_select"] = config.extend_select + _codes(extend)
    return replace(config, **changes) if changes else config


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    """Codes or prefixes (``CL101``, ``CL1``, ``ALL``) from a comma-separated list; a rule's name
    (``missing-section``) stands for its code."""
    # start-up: the rule registry loads every rule module: only a --select or --ignore needs it here
    from compass_lint.rules import RULES_BY_CODE, RULES_BY_NAME

    words = [word.strip() for value in values for word in value.split(",") if word.strip()]
    codes = []
    for word in words:
        rule = RULES_BY_NAME.get(word.lower())
        code = rule.code if rule is not None else word.upper()
        if code != "ALL" and not (code.startswith("CL") and code[2:].isdigit() and len(code) <= 5):
            fail(f"'{word}' is not a rule code, prefix or name (like CL101, CL1 or missing-section)")
        codes.append(code)
    for code in codes:
        if code != "ALL" and not any(known.startswith(code) for known in RULES_BY_CODE):
            fail(f"no rule has the code or prefix '{code}' (see 'compass-lint rules')")
    return tuple(codes)


def warn_nothing_to_check(arguments: tuple[str, ...], files: list[str]) -> None:
    """Warn on stderr about each folder named (or ``.``) that holds no report to check.

    As ruff does for a folder without Python files: a run that checked nothing
    must not read like a clean one. The exit code stays as it is.
    """
    found = [os.path.normpath(file) for file in files]
    for argument in arguments or (".",):
        if argument == "-" or not os.path.isdir(argument):
            continue
        folder = os.path.normpath(argument)
        prefix = "" if folder == "." else folder.rstrip(os.sep) + os.sep
        if not any(file.startswith(prefix) for file in found):
            click.echo(f"compass-lint: warning: no reports to check under {escape_controls(argument)}", err=True)


def exit_code(tally: Tally, strict: bool, exit_zero: bool) -> int:
    """0, or 1 when an error (or, with ``strict``, a warning) was found."""
    if exit_zero:
        return 0
    failing = (Severity.ERROR, Severity.WARNING) if strict else (Severity.ERROR,)
    return 1 if any(tally.severities[severity] for severity in failing) else 0


def use_color(choice: str, terminal: bool) -> bool:
    """Whether to write ANSI colours: ``--color``, then NO_COLOR, then FORCE_COLOR, then the terminal.

    An explicit ``--color always|never`` wins (no-color.org lets a command-line
    argument override the environment). ``NO_COLOR`` set to anything but the
    empty string turns colour off (no-color.org); ``FORCE_COLOR`` set to anything
    but the empty string turns it on, even in a pipe (force-color.org). When
    both are set, NO_COLOR wins: a user asking for no colour is never surprised.
    """
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return terminal


def resolve_format(name: str) -> str:
    """``auto`` is ``github`` inside GitHub Actions, else ``text``."""
    if name != "auto":
        return name
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command runs.

    Start-up time is most of a pre-commit run on one file: ``check`` should
    not pay for importing ``fix``, ``actions`` or the HTML page.
    """

    COMMANDS: ClassVar[dict[str, str]] = {
        "check": "compass_lint.cli.check:check",
        "fix": "compass_lint.cli.fix:fix",
        "new": "compass_lint.cli.fix:new",
        "actions": "compass_lint.cli.actions:actions",
        "rules": "compass_lint.cli.info:rules",
        "explain": "compass_lint.cli.info:explain",
        "schema": "compass_lint.cli.info:schema",
        "clean": "compass_lint.cli.info:clean",
        "init": "compass_lint.cli.init:init",
        # The language server's own package: pygls and lsprotocol load only when it runs.
        "server": "compass_lint.server.command:server",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = self.COMMANDS.get(cmd_name)
        if target is None:
            return None

        module, name = target.split(":")
        command = getattr(import_module(module), name)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="compass-lint")
def cli() -> None:
    """Lint recurring team meeting reports against their outline."""


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code."""
    try:
        # Without standalone mode click returns ``ctx.exit``'s code instead of exiting.
        returned = cli.main(args=argv, prog_name="compass-lint", standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.ClickException as error:
        error.show()
        return 2 if isinstance(error, click.UsageError) else int(error.exit_code)
    except click.exceptions.Abort:
        click.echo("compass-lint: aborted", err=True)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped to a closed reader (``| head``): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except Exception as error:  # noqa: BLE001 - the last line of defence
        shown = escape_controls(f"{type(error).__name__}: {error}")
        click.echo(f"compass-lint: internal error: {shown} (please report it)", err=True)
        return 2
    return returned if isinstance(returned, int) else 0


def run_main() -> None:
    """Console-script entry point (and ``python -m compass_lint``)."""
    _collect_garbage_less_often()
    sys.exit(main())


def _collect_garbage_less_often() -> None:
    """Tune the cyclic garbage collector for a run of the command.

    A run makes many short-lived objects (block nodes, tokens) and almost
    no reference cycles, and the modules loaded at start-up stay to the end.
    With the defaults the collector runs every 700 allocations and walks
    those modules' objects again and again; collecting every 10,000 and
    freezing what is loaded so far cut 3% of a run's instructions (cachegrind,
    150 generated reports). Only the command does this, not the library.
    """

    gc.freeze()
    gc.set_threshold(10_000, 20, 20)
