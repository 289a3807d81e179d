"""Report series and ``exclude``: which reports follow each other, which files are left out.

A series is configured with ``[[tool.compass-lint.series]]`` (a ``name``, a
``files`` glob, optional ``exclude`` globs and a ``schema``). Without
configuration, a report's series follows its layout
(``compass_lint.series.layout``): its folder's dated reports, its year folders,
or its sibling dated folders.

Every glob here (``exclude``, a series' ``files`` and ``exclude``) has one
meaning: a ``.gitignore`` line (pathspec's git wildmatch), matched against
the file's path relative to the folder of the config file. So the answer is
the same whatever the current folder and however the path was typed
(``docs/a.md``, ``./docs/../docs/a.md``, ``/abs/docs/a.md``). As in
``.gitignore``: a glob without a ``/`` matches a name at any depth
(``*-draft.md``, ``README.md``); one with a ``/`` is anchored at that folder
(``meetings/*.md``); ``*`` stops at ``/`` and ``**`` crosses folders
(``archive/**``). A file outside the config's folder matches no glob.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from compass_lint.core.settings import Config, SeriesConfig


@lru_cache(maxsize=64)
def _spec(patterns: tuple[str, ...]) -> Any:
    # start-up: pathspec loads only when a configuration has globs
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def matches(relative: str, patterns: Iterable[str]) -> bool:
    """Whether a ``/``-separated path relative to the config's folder matches one of ``patterns``."""
    patterns = tuple(patterns)
    return bool(patterns) and bool(_spec(patterns).match_file(relative))


def relative_to(path: Path | str, root: Path) -> str | None:
    """``path`` relative to ``root`` (``/``-separated), or None when it lies outside."""
    # Tried without resolving links first: a linked file keeps the place it was named at.
    for candidate in (Path(os.path.abspath(path)), Path(path).resolve()):
        try:
            return candidate.relative_to(root).as_posix()
        except ValueError:
            continue
    return None


def in_series(path: Path, series: SeriesConfig, root: Path) -> bool:
    """Whether ``path`` belongs to ``series`` (its glob, minus its excludes)."""
    relative = relative_to(path, root)
    if relative is None:
        return False
    return matches(relative, (series.files,)) and not matches(relative, series.exclude)


def series_for(path: Path, config: Config) -> SeriesConfig | None:
    """The first configured series ``path`` belongs to."""
    for series in config.series:
        if in_series(path, series, config.root):
            return series
    return None


def series_files(series: SeriesConfig, root: Path) -> list[Path]:
    """Every file of ``series`` under ``root``, sorted (hidden folders skipped).

    The walk starts at the glob's folder part before its first wildcard
    (``meetings`` for ``meetings/*.md``), not at the top of the repository.
    """
    fixed = series.files.lstrip("/").split("/")[:-1]
    start = root.joinpath(*_until_wildcard(fixed))
    found: list[Path] = []
    for folder, dirs, files in os.walk(start):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            path = Path(folder) / name
            if in_series(path, series, root):
                found.append(path)
    return sorted(found)


def _until_wildcard(parts: list[str]) -> Iterable[str]:
    for part in parts:
        if any(char in part for char in "*?[\\"):
            return
        yield part


def excluded(path: Path | str, patterns: Iterable[str], root: Path | None = None) -> bool:
    """Whether ``path`` matches one of the ``exclude`` globs, relative to ``root`` (the config's folder;
    by default the current folder)."""
    patterns = tuple(patterns)
    if not patterns:
        return False
    relative = relative_to(path, root if root is not None else Path.cwd())
    return relative is not None and matches(relative, patterns)
