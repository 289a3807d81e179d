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
from datetime import date, datetime
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from compass_lint.core.linktemplate import template_problem
from compass_lint.core.patterns import PatternError, compile_user_pattern
from compass_lint.core.safetext import quoted

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


def check_values(table: dict[str, Any]) -> str | None:
    """What the schema cannot check of a schema-valid table: the first problem, naming its key."""
    found = _numbers(table, "")
    if found:
        return found
    for index, fmt in enumerate(table.get("date-formats", ())):
        problem = date_format_problem(fmt)
        if problem:
            return f"invalid config key 'date-formats[{index}]': '{quoted(fmt)}': {problem}"
    for index, pattern in enumerate(table.get("exempt-actions", ())):
        try:
            compile_user_pattern(pattern, f"invalid config key 'exempt-actions[{index}]'", ignore_case=True)
        except PatternError as error:
            return str(error)
    templates = [("link-template", table.get("link-template"))]
    templates += [(f"series[{i}].link-template", e.get("link-template")) for i, e in enumerate(table.get("series", ()))]
    for key, template in templates:
        problem = template_problem(template) if template is not None else None
        if problem:
            return f"invalid config key '{key}': {problem}"
    for index, entry in enumerate(table.get("series", ())):
        # (series[].files: the schema refuses an absolute glob itself)
        for position, glob in enumerate(entry.get("exclude", ())):
            if _absolute(glob):
                return f"invalid config key 'series[{index}].exclude[{position}]': '{quoted(glob)}' is absolute"
    return None
