"""Which files a run checks.

A file named on the command line is checked as given, unless the config's
``exclude`` matches it (pre-commit names every file). A directory means
every ``*.md`` below it, skipping hidden folders and, inside a git work
tree, files git ignores (git itself answers, so every ``.gitignore`` rule
is honoured exactly). ``exclude`` globs from the config drop more.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from compass_lint.series.membership import excluded


class PathError(Exception):
    """A path on the command line that does not exist (exit 2)."""


def _git_visible(directory: Path) -> set[str] | None:
    """Files git tracks or would track below ``directory`` (relative, ``/``-separated); None outside git."""
    import subprocess  # start-up: only a folder argument asks git, not a pre-commit run on files

    try:
        result = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", "."],
            cwd=directory,
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    names = result.stdout.decode("utf-8", "surrogateescape").split("\0")
    # Compared as relative names: resolving every path costs more than the rest of a warm run.
    return {name for name in names if name}


def _walk_markdown(directory: str) -> Iterator[tuple[str, str]]:
    """Each ``*.md`` file below ``directory`` (hidden folders skipped), sorted: its path and
    its name relative to ``directory`` (``/``-separated).

    Strings, not ``Path`` objects: a warm run over a thousand reports spent a tenth
    of its time building and comparing paths here.
    """
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        below = os.path.relpath(root, directory)
        prefix = "" if below == "." else below.replace(os.sep, "/") + "/"
        for name in sorted(files):
            if name.endswith(".md"):
                yield os.path.join(root, name), prefix + name


def expand_paths(arguments: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    """The files to check, as display paths, in a stable order without duplicates."""
    patterns = tuple(exclude)
    out: list[str] = []
    seen: set[str] = set()
    for argument in arguments or ["."]:
        path = Path(argument)
        if path.is_dir():
            visible = _git_visible(path)
            for found, relative in _walk_markdown(str(path)):
                if visible is not None and relative not in visible:
                    continue
                if excluded(found, patterns):
                    continue
                display = os.path.normpath(found)
                if display not in seen:
                    seen.add(display)
                    out.append(display)
        elif path.exists() or argument == "-":
            # pre-commit and the Action name files one by one: the config's
            # exclude must apply to them too, or a README fails every commit.
            if argument != "-" and excluded(path, patterns):
                continue
            if argument not in seen:
                seen.add(argument)
                out.append(argument)
        else:
            raise PathError(f"{argument}: no such file or directory")
    return out
