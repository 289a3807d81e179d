"""Configuration: found upward, validated by a schema, merged over defaults.

Sources, first found wins: ``--config FILE``; else walking up from the
current directory, ``.compass-lint.toml`` or a ``pyproject.toml`` with a
``[tool.compass-lint]`` table. Keys are validated against
``schemas/config.schema.json``; an unknown key or bad value raises
``ConfigError`` naming the key and the file (exit 2).
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from compass_lint.core.finding import Severity
from compass_lint.core.settings import Config, SeriesConfig
from compass_lint.engine.config_values import check_values
from compass_lint.markdown.source import FileTooLarge, read_regular

CONFIG_FILE = ".compass-lint.toml"
# A config (or pyproject.toml) is a few KB; a PR must not make the run read gigabytes.
MAX_CONFIG_BYTES = 1024 * 1024


class ConfigError(Exception):
    """Configuration that cannot be used; the CLI exits 2 with this message."""


@lru_cache(maxsize=1)
def _validator() -> Any:
    # start-up: jsonschema and referencing load only when there is a config file to validate
    import referencing
    from jsonschema import Draft202012Validator

    from compass_lint.outline.resources import schema_directory

    schema = json.loads((schema_directory() / "config.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(
        schema, registry=referencing.Registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above ``start``."""
    for folder in [start, *start.parents]:
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(path: Path) -> bool:
    # A pyproject.toml that does not parse is an error, not "no config here": going on
    # upward would lint with another folder's settings (or none) without a word.
    tool = _read_toml(path).get("tool", {})
    return isinstance(tool, dict) and "compass-lint" in tool


def _read_toml(path: Path) -> dict[str, Any]:
    """The TOML document at ``path``; ConfigError naming the file (and the line, from tomllib)."""
    # start-up: tomllib loads only when there is a config file to read
    import tomllib

    try:
        return tomllib.loads(read_regular(path, MAX_CONFIG_BYTES).decode("utf-8"))
    except FileTooLarge:
        raise ConfigError(f"{path}: config is over the {MAX_CONFIG_BYTES:,} byte cap") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read config ({error.strerror})") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML (not UTF-8: {error.reason} at byte {error.start})") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from None


def _read_table(path: Path) -> dict[str, Any]:
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("compass-lint", {})
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: invalid config key 'tool.compass-lint': must be a table")
        return table
    return data


def _severities(raw: dict[str, str]) -> dict[str, Severity]:
    return {code: Severity(level) for code, level in raw.items()}


def load_config(explicit: Path | None = None, start: Path | None = None) -> Config:
    """Find, read and validate the configuration (defaults when there is none)."""
    path = explicit if explicit is not None else find_config((start or Path.cwd()).resolve())
    if path is None:
        return Config()
    if explicit is not None and not explicit.is_file():
        raise ConfigError(f"{explicit}: config file not found")
    table = _read_table(path)
    errors = sorted(_validator().iter_errors(table), key=lambda e: e.json_path)
    if errors:
        error = errors[0]
        parts = [str(p) for p in error.absolute_path]
        if error.validator == "additionalProperties":
            allowed = set(error.schema.get("properties", {})) if isinstance(error.schema, dict) else set()
            unknown = sorted(k for k in error.instance if k not in allowed) if isinstance(error.instance, dict) else []
            key = ".".join([*parts, unknown[0]]) if unknown else ".".join(parts)
            raise ConfigError(f"{path}: unknown config key '{key}'")
        key = ".".join(parts) or "(top level)"
        described = error.schema.get("description") if isinstance(error.schema, dict) else None
        # A "not" error repeats the pattern; the key's description says what is wrong in words.
        message = f"{error.instance!r} is not allowed: {described}" if error.validator == "not" else error.message
        raise ConfigError(f"{path}: invalid config key '{key}': {message}")
    problem = check_values(table, path.parent)
    if problem:
        raise ConfigError(f"{path}: {problem}")
    return config_from_table(table, path)


# List keys. Each also has an ``extend-KEY`` form that adds to the value (given, or
# the default) instead of replacing it, as ruff's ``extend-select``; ``extend-select``
# is a key of its own (it also turns on rules that are off by default).
LIST_KEYS = ("select", "ignore", "date-formats", "exclude", "completion-markers", "exempt-actions", "exempt-sections")
SERIES_LIST_KEYS = ("select", "ignore", "exclude")


def extended(table: dict[str, Any], key: str, default: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """``table[key]`` (else ``default``) followed by ``table["extend-" + key]``; None when neither is set."""
    extension = tuple(table.get(f"extend-{key}", ()))
    base = tuple(table[key]) if key in table else default
    if not extension:
        return base
    return (base or ()) + extension


def config_from_table(table: dict[str, Any], path: Path | None = None) -> Config:
    """A Config from a validated table of config keys."""
    config = Config(source=path, root=path.parent.resolve() if path else Path.cwd())
    simple = {
        "schema": "schema",
        "max-file-size": "max_file_size",
        "time-budget": "time_budget",
        "stale-after": "stale_after",
        "match-threshold": "match_threshold",
        "template": "template",
        "stale-report": "stale_report",
        "link-base": "link_base",
        "link-template": "link_template",
    }
    changes: dict[str, Any] = {attr: table[key] for key, attr in simple.items() if key in table}
    if "extend-select" in table:
        changes["extend_select"] = tuple(table["extend-select"])
    for key in LIST_KEYS:
        if key == "select":  # extend-select is its own setting (see LIST_KEYS)
            value = tuple(table["select"]) if "select" in table else None
        else:
            value = extended(table, key, getattr(config, key.replace("-", "_")))
        if value is not None and (key in table or f"extend-{key}" in table):
            changes[key.replace("-", "_")] = value
    if "severity" in table:
        changes["severity"] = _severities(table["severity"])
    if "series" in table:
        changes["series"] = tuple(_series(entry) for entry in table["series"])
    return replace(config, **changes)


def _series(entry: dict[str, Any]) -> SeriesConfig:
    """A ``[[series]]`` entry: its lists extend the top-level ones (``select`` replaces, as at the top)."""
    return SeriesConfig(
        name=entry["name"],
        files=entry["files"],
        exclude=extended(entry, "exclude", ()) or (),
        schema=entry.get("schema"),
        select=tuple(entry["select"]) if "select" in entry else None,
        extend_select=tuple(entry.get("extend-select", ())),
        ignore=extended(entry, "ignore", ()) or (),
        severity=_severities(entry.get("severity", {})),
        template=entry.get("template"),
        stale_report=entry.get("stale-report"),
        link_template=entry.get("link-template"),
    )
