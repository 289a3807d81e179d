"""Which files a run checks.

A directory means every report below it: every ``*.md`` file, skipping
hidden folders and, inside a git work tree, files git ignores (git itself
answers, so every ``.gitignore`` rule is honoured exactly); ``exclude`` globs
from the config drop more, and ``compass_lint.series.discovery`` keeps the
meeting reports (the others are counted for the summary).

A file named on the command line is checked unless ``exclude`` matches it
(as before: pre-commit names every file), even when it does not look like a
report, as ruff checks an explicit path: then a note says so. With
``--force-exclude`` (the pre-commit hooks and the Action pass it, since they
name every changed Markdown file) it is filtered exactly like a folder walk:
``exclude`` and discovery, silently.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from compass_lint.core.settings import Config
from compass_lint.outline.spec import Outline
from compass_lint.series.discovery import Verdict, is_report, read_head
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


class Discovered(list[str]):
    """The files to check, as display paths, and what discovery left out.

    ``not_reports``: Markdown files a folder walk (or ``--force-exclude``) found
    that are not reports; ``notes``: one line per file named on the command line
    that does not look like a report but is checked anyway; ``verdicts``: what
    discovery found for each file it read (the run's history need not read it again).
    """

    def __init__(self) -> None:
        super().__init__()
        self.not_reports = 0
        self.notes: list[str] = []
        self.verdicts: dict[str, Verdict] = {}


def expand_paths(
    arguments: Iterable[str],
    config: Config | None = None,
    schema: str | None = None,
    force_exclude: bool = False,
) -> Discovered:
    """The files to check, as display paths, in a stable order without duplicates.

    ``schema`` (a ``--schema`` reference) picks the outline discovery reads
    without configured series; ``force_exclude`` filters files named on the
    command line like a folder walk.
    """
    config = config if config is not None else Config()
    judge = _Judge(config, schema)
    out = Discovered()
    seen: set[str] = set()
    for argument in arguments or ["."]:
        path = Path(argument)
        if path.is_dir():
            visible = _git_visible(path)
            for found, relative in _walk_markdown(str(path)):
                if visible is not None and relative not in visible:
                    continue
                if excluded(found, config.exclude, config.root):
                    continue
                display = os.path.normpath(found)
                if display in seen:
                    continue
                seen.add(display)
                verdict = out.verdicts[display] = judge(display)
                if verdict.report:
                    out.append(display)
                else:
                    out.not_reports += 1
        elif path.exists() or argument == "-":
            if argument in seen:
                continue
            seen.add(argument)
            if argument == "-":
                out.append(argument)  # standard input is always checked
                continue
            # pre-commit and the Action name files one by one: the config's
            # exclude must apply to them too, or a README fails every commit.
            if excluded(path, config.exclude, config.root):
                continue
            verdict = out.verdicts[argument] = judge(argument)
            if verdict.report:
                out.append(argument)
            elif force_exclude:
                out.not_reports += 1  # pre-commit and the Action name every changed file
            else:
                # Named on purpose: checked, as ruff checks an explicit path, with a word why.
                out.append(argument)
                out.notes.append(f"{argument}: does not look like a meeting report ({verdict.reason}); checked anyway")
        else:
            raise PathError(f"{argument}: no such file or directory")
    return out


class _Judge:
    """``is_report`` for one run: the outline is looked up once, and only when discovery needs it."""

    def __init__(self, config: Config, schema: str | None) -> None:
        self.config = config
        self.schema = schema
        self._outline: Outline | None = None

    def __call__(self, path: str) -> Verdict:
        outline = None
        if not self.config.series:  # configured series decide without reading the file
            if self._outline is None:
                # start-up: the schema is read only when a run has files to judge.
                from compass_lint.engine.context import identity_for

                self._outline = identity_for(path, self.config, self.schema).outline
            outline = self._outline
        head = read_head(path) if outline is not None else None
        return is_report(path, head, self.config, outline)
