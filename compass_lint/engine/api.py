"""What ``compass_lint.lint_text`` and ``compass_lint.lint_paths`` do (see their docstrings there).

The package root only forwards here, so that ``import compass_lint`` stays
cheap: the engine, mistune and jsonschema load on the first call.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from compass_lint.core.finding import Finding
from compass_lint.core.settings import Config
from compass_lint.engine.config import load_config
from compass_lint.engine.context import identity_for
from compass_lint.engine.paths import expand_paths
from compass_lint.engine.runner import RunOptions, check_file, run
from compass_lint.series.history import History


def lint_text(text: str, path: str, config: Config | None, schema: str | None) -> list[Finding]:
    """One report's findings from its own rules (no history), as if it were at ``path``."""
    config = config if config is not None else load_config()
    options = RunOptions(schema_override=schema, history=False)
    # With history off, nothing is ever read from this store.
    history = History(config, lambda p: identity_for(p, config, schema).outline)
    return check_file(path, config, options, history, text.encode("utf-8"))


def lint_paths(
    paths: Iterable[str | os.PathLike[str]], config: Config | None, schema: str | None, history: bool
) -> list[Finding]:
    """Every finding ``check`` reports for ``paths``, in its order (one process, no cache)."""
    config = config if config is not None else load_config()
    arguments = [os.fspath(path) for path in paths]
    if not arguments:
        return []
    files = expand_paths(arguments, config, schema)
    options = RunOptions(schema_override=schema, history=history, jobs=1)
    return run(files, config, options, verdicts=files.verdicts).findings
