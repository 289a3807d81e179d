"""``compass-lint init``: find a repository's report series and write the configuration for them.

1. The repository's Markdown files are walked as ``check .`` walks them (files git
   ignores and hidden folders skipped).
2. Templates are found: ``*template*.md`` files, the Markdown files of
   ``.github/*TEMPLATE*/`` and ``.github/*-templates/`` folders.
3. The reports among the files (``series.discovery``) are grouped into series
   (``series.layout``): folders of dated files, several series in one folder told
   apart by the name after the date, folder-per-meeting layouts and year folders.
4. Each series' outline schema is derived from its template when one belongs to
   it (in its folder, or named after it, or the only template of a repository
   with one series), else from its reports (``edit.derive``).
5. The schemas go to ``.compass-lint/schemas/<series>.schema.json`` and the
   configuration to ``.compass-lint.toml``, or to a ``[tool.compass-lint]`` table
   appended to an existing ``pyproject.toml`` (its bytes are kept as they are).

``plan`` does steps 1-4 without writing anything; ``edit.init_write`` does step 5.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compass_lint.core.finding import Finding
from compass_lint.core.settings import SeriesConfig
from compass_lint.edit.derive import schema_from_reports, schema_from_template
from compass_lint.series.membership import in_series

SCHEMA_FOLDER = Path(".compass-lint") / "schemas"
_TEMPLATE_FOLDER = re.compile(r"(?i)template")
_UNSAFE_NAME = re.compile(r"[^a-z0-9]+")


class InitError(Exception):
    """Why ``init`` cannot do what was asked (exit 2)."""


@dataclass
class FoundSeries:
    """One series of reports and what ``init`` derived for it."""

    name: str
    files: str  # the glob, relative to the repository root, '/'-separated
    reports: list[Path]
    template: Path | None
    schema: dict[str, Any]
    options: dict[str, Any] = field(default_factory=dict)  # more keys of its [[series]] entry
    notes: list[str] = field(default_factory=list)  # comments written above the entry

    @property
    def schema_path(self) -> str:
        """Where its schema is written, relative to the root."""
        return (SCHEMA_FOLDER / f"{self.name}.schema.json").as_posix()


@dataclass
class InitPlan:
    """What ``init`` found in a repository."""

    root: Path
    series: list[FoundSeries]
    templates: list[Path]
    not_reports: list[Path]


def is_template(relative: str) -> bool:
    """Whether a Markdown file (path relative to the root, '/'-separated) is a report template."""
    parts = relative.split("/")
    if "template" in parts[-1].casefold():
        return True
    return len(parts) >= 3 and parts[0] == ".github" and bool(_TEMPLATE_FOLDER.search(parts[1]))


def series_name(glob: str) -> str:
    """A series' name from its glob: ``meeting-notes/*-community/index.md`` -> ``meeting-notes-community``."""
    words = [w for w in _UNSAFE_NAME.split(glob.casefold().replace("index.md", "").replace(".md", "")) if w]
    return "-".join(words) or "reports"


def _suffix(glob: str) -> str:
    """What tells a series apart in its glob: ``meetings/*-community.md`` -> ``community`` ("" for a plain series)."""
    last = glob.removesuffix("/index.md").rsplit("/", 1)[-1].removesuffix(".md")
    return last.replace("*", "").strip("-_ .").casefold()


def _template_for(
    glob: str, reports: list[Path], templates: list[Path], suffixes: set[str], alone: bool
) -> Path | None:
    """The template of a series: named after it, else beside its reports and named after no other series."""
    own = _suffix(glob)
    if own:
        named = [t for t in templates if own in t.stem.casefold()]
        if named:
            return named[0]
    others = suffixes - {own}
    folders = {report.parent for report in reports} | {report.parent.parent for report in reports}
    for template in templates:
        if template.parent in folders and not any(other in template.stem.casefold() for other in others if other):
            return template
    return templates[0] if alone and len(templates) == 1 else None


def glob_for(key: str) -> str:
    """A series key of ``series.layout`` as a configuration glob: ``minutes/<date>-dev.md`` -> ``minutes/*-dev.md``."""
    glob = key.replace("<date>", "*").replace("<year>", "*")
    return glob + ".md" if glob.endswith("/*") or glob == "*" else glob


def _plain_last(item: tuple[str, list[Path]]) -> tuple[bool, str]:
    # The first configured series that matches a file takes it: the series told apart by a
    # name (``*-dev.md``) come before the folder's plain series (``*.md``) that also matches them.
    return (item[0].rsplit("/", 1)[-1] in ("*", "*.md"), item[0])


def plan(
    root: Path,
    files: Iterable[Path],
    is_report: Callable[[Path], bool],
    group: Callable[[list[str]], dict[str, list[str]]],
) -> InitPlan:
    """Find the templates and series of ``files`` (below ``root``); derive each series' schema.

    ``is_report`` tells reports from other Markdown; ``group`` maps series keys to their
    members (relative, '/'-separated paths), as ``series.layout.group_series`` does.
    """
    templates: list[Path] = []
    candidates: list[Path] = []
    for path in sorted(files):
        relative = path.relative_to(root).as_posix()
        (templates if is_template(relative) else candidates).append(path)
    reports = [path for path in candidates if is_report(path)]
    chosen = set(reports)
    not_reports = [path for path in candidates if path not in chosen]
    groups = {
        glob_for(key): [root / member for member in members]
        for key, members in group([report.relative_to(root).as_posix() for report in reports]).items()
    }
    suffixes = {_suffix(glob) for glob in groups}
    found: list[FoundSeries] = []
    names: set[str] = set()
    claimed: set[Path] = set()
    for glob, members in sorted(groups.items(), key=_plain_last):
        name = series_name(glob)
        while name in names:
            name += "-2"
        names.add(name)
        template = _template_for(glob, members, templates, suffixes, alone=len(groups) == 1)
        if template is not None:
            schema = schema_from_template(template.read_text(encoding="utf-8"), name)
        else:
            schema = schema_from_reports([member.read_text(encoding="utf-8") for member in members], name)
        entry = FoundSeries(name, glob, members, template, schema)
        # The glob may take files that are not this series' reports (a README, another series'
        # file): exclude them by path, so that the configuration says exactly what init found.
        matched = {p for p in files_matching(glob, candidates, root) if p not in claimed}
        extra = sorted(matched - set(members))
        if extra:
            entry.options["exclude"] = [path.relative_to(root).as_posix() for path in extra]
        if template is not None:
            entry.options["template"] = template.relative_to(root).as_posix()
        claimed |= matched
        found.append(entry)
    return InitPlan(root, found, templates, not_reports)


def files_matching(glob: str, files: Iterable[Path], root: Path) -> list[Path]:
    """The ``files`` a series glob takes, matched as ``check`` will match them."""
    probe = SeriesConfig(name="probe", files=glob)
    return [path for path in files if in_series(path, probe, root)]


# Per-report stale findings repeat each action in every report that carries it. Past this many
# findings per distinct stale action (and this many findings), init reports each action once.
REPEATS_FOR_LATEST = 3
FINDINGS_FOR_LATEST = 10


def choose_stale_report(found: InitPlan, findings: list[Finding]) -> bool:
    """Turn ``stale-report = "latest"`` on for series whose CL301 would repeat the same actions; True if any."""
    changed = False
    for series in found.series:
        paths = {str(report) for report in series.reports}
        stale = [f for f in findings if f.code == "CL301" and f.path in paths]
        # An action is known by where it was first seen: its first related place, else itself.
        actions = {f.related[0] if f.related else (f.path, f.line) for f in stale}
        if len(stale) >= FINDINGS_FOR_LATEST and len(stale) >= REPEATS_FOR_LATEST * len(actions):
            series.options["stale-report"] = "latest"
            series.notes.append(
                f"stale-report = latest: per report, CL301 would give {len(stale)} findings for"
                f" {len(actions)} stale actions; each is reported once, in the newest report carrying it."
            )
            changed = True
    return changed
