"""The one validation step after ``schemas/config.schema.json``: what JSON Schema cannot say.

JSON Schema's numeric bounds let NaN and infinity through (TOML has both:
``match-threshold = nan`` compares false with everything and silently hid
CL301), it cannot tell whether ``strptime`` reads a date format, whether
RE2 can run a pattern, nor whether a ``link-template`` builds a plain http(s)
URL (``compass_lint.core.linktemplate``). Each check names the key it refuses, as the schema's
errors do; the schema and this module together are the contract.
"""

from __future__ import annotations

import math
import os
from datetime import date, datetime
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from compass_lint.core.links import url_problem
from compass_lint.core.linktemplate import template_problem
from compass_lint.core.patterns import PatternError, compile_user_pattern
from compass_lint.core.safetext import quoted
from compass_lint.outline.resources import BUILTIN_SCHEMAS

# A day and month that no format can read by accident (day > 12, month != day).
_SAMPLE = date(2024, 3, 17)


def _numbers(value: Any, key: str) -> str | None:
    """The first NaN or infinity below ``value``, as an error naming its key."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"invalid config key '{key}': {value!r} is not a finite number"
    if isinstance(value, dict):
        for name, item in value.items():
            found = _numbers(item, f"{key}.{name}" if key else str(name))
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _numbers(item, f"{key}[{index}]")
            if found:
                return found
    return None


def date_format_problem(fmt: str) -> str | None:
    """Why ``fmt`` cannot read dates (None when it reads back the day and month it writes)."""
    try:
        written = _SAMPLE.strftime(fmt)
        read = datetime.strptime(written, fmt).date()
    except (ValueError, TypeError) as error:
        return f"strptime cannot use it ({error})"
    if (read.month, read.day) != (_SAMPLE.month, _SAMPLE.day):
        return "it does not read a day and a month (use directives such as %d, %b, %m, %Y)"
    return None


def _absolute(glob: str) -> bool:
    return PurePosixPath(glob).is_absolute() or bool(PureWindowsPath(glob).anchor)


def _files_outside(table: dict[str, Any], root: Path) -> str | None:
    """The first outline schema or template the config names outside its own folder.

    The config is untrusted (a pull request can change it): a path to a file elsewhere on the
    runner (``/home/runner/.docker/config.json``, ``../../secrets.json``, or a link out) would be
    read as a schema or a template, and its text could reach a finding or an error message.
    """
    base = os.path.realpath(root)
    named = [(key, table.get(key)) for key in ("schema", "template")]
    for index, entry in enumerate(table.get("series", ())):
        named += [(f"series[{index}].{key}", entry.get(key)) for key in ("schema", "template")]
    for key, value in named:
        if not isinstance(value, str) or value in BUILTIN_SCHEMAS:
            continue
        target = os.path.realpath(os.path.join(base, value))
        if os.path.commonpath([target, base]) != base:
            return f"invalid config key '{key}': '{quoted(value)}' is outside the project (the config file's folder)"
    return None


def check_values(table: dict[str, Any], root: Path | None = None) -> str | None:
    """What the schema cannot check of a schema-valid table: the first problem, naming its key.

    ``root``: the folder of the config file, which the files it names must not leave.
    """
    found = _numbers(table, "")
    if found:
        return found
    if root is not None:
        found = _files_outside(table, root)
        if found:
            return found
    for key in ("date-formats", "extend-date-formats"):
        for index, fmt in enumerate(table.get(key, ())):
            problem = date_format_problem(fmt)
            if problem:
                return f"invalid config key '{key}[{index}]': '{quoted(fmt)}': {problem}"
    for key in ("exempt-actions", "extend-exempt-actions"):
        for index, pattern in enumerate(table.get(key, ())):
            try:
                compile_user_pattern(pattern, f"invalid config key '{key}[{index}]'", ignore_case=True)
            except PatternError as error:
                return str(error)
    link_problem = url_problem(table["link-base"]) if "link-base" in table else None
    if link_problem:
        return f"invalid config key 'link-base': '{quoted(table['link-base'])}': {link_problem}"
    templates = [("link-template", table.get("link-template"))]
    templates += [(f"series[{i}].link-template", e.get("link-template")) for i, e in enumerate(table.get("series", ()))]
    for key, template in templates:
        problem = template_problem(template) if template is not None else None
        if problem:
            return f"invalid config key '{key}': {problem}"
    for index, entry in enumerate(table.get("series", ())):
        # (series[].files: the schema refuses an absolute glob itself)
        for key in ("exclude", "extend-exclude"):
            for position, glob in enumerate(entry.get(key, ())):
                if _absolute(glob):
                    return f"invalid config key 'series[{index}].{key}[{position}]': '{quoted(glob)}' is absolute"
    return None
