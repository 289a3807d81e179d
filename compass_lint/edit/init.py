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

``plan`` does steps 1-4 without writing anything; ``write`` does step 5.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compass_lint.edit.derive import schema_from_reports, schema_from_template
from compass_lint.markdown.textedit import write_atomic

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


def _template_for(glob: str, reports: list[Path], templates: list[Path], root: Path, alone: bool) -> Path | None:
    folders = {report.parent for report in reports}
    suffix = glob.rsplit("*", 1)[-1].removesuffix(".md").removesuffix("/index").strip("-_/").casefold()
    for template in templates:
        if template.parent in folders or any(folder.parent == template.parent for folder in folders):
            return template
        if suffix and suffix in template.stem.casefold():
            return template
    return templates[0] if alone and len(templates) == 1 else None


def plan(
    root: Path,
    files: Iterable[Path],
    is_report: Callable[[Path], bool],
    group: Callable[[list[Path]], dict[str, list[Path]]],
) -> InitPlan:
    """Find the templates and series of ``files`` (below ``root``); derive each series' schema.

    ``is_report`` tells reports from other Markdown; ``group`` maps a series' glob
    (relative to ``root``) to its reports, in series order.
    """
    templates: list[Path] = []
    candidates: list[Path] = []
    for path in sorted(files):
        relative = path.relative_to(root).as_posix()
        (templates if is_template(relative) else candidates).append(path)
    reports = [path for path in candidates if is_report(path)]
    not_reports = [path for path in candidates if path not in set(reports)]
    groups = group(reports)
    found: list[FoundSeries] = []
    names: set[str] = set()
    for glob, members in sorted(groups.items()):
        name = series_name(glob)
        while name in names:
            name += "-2"
        names.add(name)
        template = _template_for(glob, members, templates, root, alone=len(groups) == 1)
        if template is not None:
            schema = schema_from_template(template.read_text(encoding="utf-8"), name)
        else:
            schema = schema_from_reports([member.read_text(encoding="utf-8") for member in members], name)
        found.append(FoundSeries(name, glob, members, template, schema))
    return InitPlan(root, found, templates, not_reports)


def _toml_string(value: str) -> str:
    """A TOML basic string (quotes, backslashes and control characters escaped)."""
    escaped = []
    for character in value:
        if character in '"\\':
            escaped.append("\\" + character)
        elif ord(character) < 0x20 or ord(character) == 0x7F:
            escaped.append(f"\\u{ord(character):04x}")
        else:
            escaped.append(character)
    return '"' + "".join(escaped) + '"'


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


def render_config(found: InitPlan, table: str = "") -> str:
    """The configuration text: top-level keys of ``table`` (``tool.compass-lint`` in pyproject) and series."""
    header = f"[{table}]\n" if table else ""
    series_table = f"[[{table}.series]]" if table else "[[series]]"
    lines = [
        "# Written by `compass-lint init`: one [[series]] entry per series of reports found.",
        "# The outline of each series is in its schema file; edit both as your reports change.",
    ]
    if header:
        lines.append(header.rstrip())
    for series in found.series:
        lines.append("")
        source = f"its template {series.template.relative_to(found.root).as_posix()}" if series.template else None
        lines.append(f"# {len(series.reports)} reports; outline derived from {source or 'the reports'}.")
        lines += [f"# {note}" for note in series.notes]
        lines.append(series_table)
        entry = {"name": series.name, "files": series.files, "schema": series.schema_path, **series.options}
        lines += [f"{key} = {_toml_value(value)}" for key, value in entry.items()]
    return "\n".join(lines) + "\n"


def config_target(root: Path) -> tuple[Path, str]:
    """Where the configuration goes: ``pyproject.toml``'s table when the file exists, else ``.compass-lint.toml``."""
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        return pyproject, "tool.compass-lint"
    return root / ".compass-lint.toml", ""


def _has_table(text: str) -> bool:
    return bool(re.search(r"(?m)^\s*\[\[?\s*tool\.\s*[\"']?compass-lint[\"']?\s*[.\]]", text))


def write(found: InitPlan, force: bool) -> list[Path]:
    """Write the schemas and the configuration; the paths written.

    Never overwrites a configuration without ``force``. In ``pyproject.toml`` the
    table is appended and every byte already there is kept; a table already there
    is never rewritten, even with ``force`` (remove it first).
    """
    target, table = config_target(found.root)
    existing = target.read_bytes() if target.exists() else None
    if table and existing is not None and _has_table(existing.decode("utf-8", "replace")):
        raise InitError(f"{target} already has a [tool.compass-lint] table; remove it to run init again")
    if not table and existing is not None and not force:
        raise InitError(f"{target} exists; use --force to replace it")
    written: list[Path] = []
    for series in found.series:
        path = found.root / series.schema_path
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and not force:
            raise InitError(f"{path} exists; use --force to replace it")
        path.write_text(json.dumps(series.schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    text = render_config(found, table)
    if table and existing is not None:
        separator = b"" if existing.endswith(b"\n\n") else (b"\n" if existing.endswith(b"\n") else b"\n\n")
        data = existing + separator + text.encode("utf-8")
    else:
        data = text.encode("utf-8")
    write_atomic(target, data)  # the file's mode is kept
    written.append(target)
    return written
