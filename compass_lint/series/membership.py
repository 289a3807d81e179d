"""Report series: which reports follow each other.

A series is configured with ``[[tool.compass-lint.series]]`` (a ``name``, a
``files`` glob relative to the config file, optional ``exclude`` globs and a
``schema``). Without configuration, a report's series follows its layout
(``compass_lint.series.layout``): its folder's dated reports, its year folders,
or its sibling dated folders.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from pathlib import Path

from compass_lint.core.settings import Config, SeriesConfig


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return None


def in_series(path: Path, series: SeriesConfig, root: Path) -> bool:
    """Whether ``path`` belongs to ``series`` (its glob, minus its excludes)."""
    relative = _relative(path, root)
    if relative is None:
        return False
    if not fnmatch.fnmatch(relative, series.files):
        return False
    return not any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(path.name, p) for p in series.exclude)


def series_for(path: Path, config: Config) -> SeriesConfig | None:
    """The first configured series ``path`` belongs to."""
    for series in config.series:
        if in_series(path, series, config.root):
            return series
    return None


def excluded(path: Path | str, patterns: Iterable[str]) -> bool:
    """Whether ``path`` matches one of the ``exclude`` globs (by path or name)."""
    if not patterns:
        return False
    posix = Path(path)
    text, name = posix.as_posix(), posix.name
    return any(fnmatch.fnmatch(text, p) or fnmatch.fnmatch(name, p) for p in patterns)
