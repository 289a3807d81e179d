"""The ``server`` click command: start the language server, or say which extra it needs."""

from __future__ import annotations

from typing import Any

import click

_EXTRA_MISSING = "the language server needs pygls and lsprotocol: install 'compass-lint[server]'"


class _MissingExtra(click.ClickException):
    """The ``server`` extra is not installed: one line on stderr, exit 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"compass-lint: error: {self.format_message()}", err=True)


@click.command()
def server() -> None:
    """Run the language server on standard input and output (for editors)."""
    try:
        # start-up: pygls and lsprotocol (about 0.3 s to import) load only for this command
        from compass_lint.server.app import serve
    except ImportError as error:
        if (error.name or "").split(".")[0] in ("pygls", "lsprotocol", "cattrs", "attrs"):
            raise _MissingExtra(_EXTRA_MISSING) from None
        raise
    serve()
