"""compass-lint: a linter for recurring team meeting reports.

For programs that embed it::

    import compass_lint

    findings = compass_lint.lint_paths(["docs/reports"])
    findings = compass_lint.lint_text(markdown, path="docs/reports/2026-02-27.md")

Both return ``Finding`` tuples sorted by path, line and column, print
nothing and never exit: a bad configuration raises ``ConfigError``, a bad
schema ``SchemaLoadError``, a missing path ``PathError``. The engine is
imported on the first call, so ``import compass_lint`` stays cheap.
"""

from __future__ import annotations

# Not typing.TYPE_CHECKING: importing typing alone would double what `import compass_lint` costs.
# (mypy treats any name TYPE_CHECKING as true.)
TYPE_CHECKING = False
if TYPE_CHECKING:
    import os
    from collections.abc import Iterable

    from compass_lint.core.finding import Finding, Location, Severity
    from compass_lint.core.settings import Config
    from compass_lint.engine.config import ConfigError
    from compass_lint.engine.paths import PathError
    from compass_lint.outline.schema import SchemaLoadError

__version__ = "0.1.0"

__all__ = [
    "Config",
    "ConfigError",
    "Finding",
    "Location",
    "PathError",
    "SchemaLoadError",
    "Severity",
    "__version__",
    "lint_paths",
    "lint_text",
]

# The names above that live in the layers, imported when first asked for (start-up).
_LAZY = {
    "Config": "compass_lint.core.settings",
    "ConfigError": "compass_lint.engine.config",
    "Finding": "compass_lint.core.finding",
    "Location": "compass_lint.core.finding",
    "PathError": "compass_lint.engine.paths",
    "SchemaLoadError": "compass_lint.outline.schema",
    "Severity": "compass_lint.core.finding",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'compass_lint' has no attribute {name!r}")
    # start-up: the layers load only when an embedder asks for one of their names.
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def lint_text(
    text: str, *, path: str = "<text>", config: Config | None = None, schema: str | None = None
) -> list[Finding]:
    """The findings of one report's own rules for Markdown ``text``, as if it were at ``path``.

    ``path`` names the report in the findings and picks its series (and so
    its schema and settings) from the configuration; the file need not
    exist and is never read. The rules that compare a report with its
    predecessor (CL3xx) do not run: use ``lint_paths`` for a series.
    ``config`` defaults to the configuration ``check`` would find (upward
    from the current directory, else the defaults); ``schema`` is a builtin
    schema name or a path, as ``check --schema`` takes.
    """
    # start-up: the engine (mistune, jsonschema, the rules) loads on the first call.
    from compass_lint.engine import api

    return api.lint_text(text, path, config, schema)


def lint_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    config: Config | None = None,
    schema: str | None = None,
    history: bool = True,
) -> list[Finding]:
    """Every finding ``compass-lint check PATHS`` reports, without printing anything.

    Folders are searched for ``*.md`` as ``check`` does (the configuration's
    ``exclude`` applies); an empty ``paths`` gives no findings (``check``
    would take the current folder). ``history=False`` is ``--no-history``.
    The run uses one process and no cache. ``config`` and ``schema`` are as
    for ``lint_text``.
    """
    # start-up: the engine (mistune, jsonschema, the rules) loads on the first call.
    from compass_lint.engine import api

    return api.lint_paths(paths, config, schema, history)
