"""``compass-lint init``, step 5: the configuration's text, and writing it and the schemas.

Nothing is written through a symbolic link (a cloned repository's link could send the
schemas elsewhere, or copy a linked ``pyproject.toml``'s bytes into the project), and
an existing ``pyproject.toml`` keeps every byte: the table is appended.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from compass_lint.core.safetext import escape_controls
from compass_lint.edit.init import InitError, InitPlan
from compass_lint.engine.config import MAX_CONFIG_BYTES
from compass_lint.markdown.source import read_regular
from compass_lint.markdown.textedit import write_atomic


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


def _refuse_links(path: Path, root: Path) -> None:
    """InitError when writing ``path`` would go through a symbolic link (the file, or a folder on the
    way from ``root``): a cloned repository's link could send the schemas, or the bytes of a linked
    pyproject.toml, somewhere else."""
    current = path
    while current != root and current != current.parent:
        if current.is_symlink():
            raise InitError(f"{escape_controls(str(current))} is a symbolic link; init writes no file through one")
        current = current.parent


def write(found: InitPlan, force: bool) -> list[Path]:
    """Write the schemas and the configuration; the paths written.

    Never overwrites a configuration without ``force``. In ``pyproject.toml`` the
    table is appended and every byte already there is kept; a table already there
    is never rewritten, even with ``force`` (remove it first).
    """
    target, table = config_target(found.root)
    for path in [target, *(found.root / series.schema_path for series in found.series)]:
        _refuse_links(path, found.root)
    try:
        existing = read_regular(target, MAX_CONFIG_BYTES) if target.exists() else None
    except OSError as error:  # FileTooLarge too
        raise InitError(f"{escape_controls(str(target))}: cannot read it ({error})") from None
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
        write_atomic(path, (json.dumps(series.schema, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
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
