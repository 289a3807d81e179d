"""The JSON Schema keywords that run regular expressions, on RE2 for user schemas.

jsonschema runs ``pattern`` and ``patternProperties`` (and, through the
latter, ``additionalProperties``) with Python's backtracking ``re``; a user
schema's pattern such as ``^(a|aa)+$`` would then take exponential time on a
report. These versions give the same results and messages with the patterns
compiled once by ``compass_lint.core.patterns`` (linear time). Every pattern
was compiled when the schema was loaded, so none fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from compass_lint.core.patterns import UserPattern, compile_user_pattern

# jsonschema's own keyword, for objects without patternProperties (the same in every draft).
_additional_properties: Any = Draft202012Validator.VALIDATORS["additionalProperties"]


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> UserPattern:
    return compile_user_pattern(pattern, "pattern")


def pattern(validator: Any, expected: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    """``pattern``: the string matches somewhere."""
    if validator.is_type(instance, "string") and not _compiled(expected).search(instance):
        yield ValidationError(f"{instance!r} does not match {expected!r}")


def pattern_properties(validator: Any, patterns: dict[str, Any], instance: Any, schema: Any) -> Iterator[Any]:
    """``patternProperties``: each property whose name matches is checked against the subschema."""
    if not validator.is_type(instance, "object"):
        return
    for expected, subschema in patterns.items():
        for key, value in instance.items():
            if _compiled(expected).search(key):
                yield from validator.descend(value, subschema, path=key, schema_path=expected)


def additional_properties(validator: Any, allowed: Any, instance: Any, schema: Any) -> Iterator[Any]:
    """``additionalProperties``: names matched by ``patternProperties`` (on RE2) are not additional."""
    patterns = schema.get("patternProperties") if isinstance(schema, dict) else None
    if not patterns or not validator.is_type(instance, "object"):
        yield from _additional_properties(validator, allowed, instance, schema)
        return
    extras = sorted(k for k in instance if k not in schema.get("properties", {}) and not _matched(k, patterns))
    if validator.is_type(allowed, "object"):
        for extra in extras:
            yield from validator.descend(instance[extra], allowed, path=extra)
    elif not allowed and extras:
        verb = "does" if len(extras) == 1 else "do"
        joined = ", ".join(repr(each) for each in extras)
        names = ", ".join(repr(each) for each in sorted(patterns))
        yield ValidationError(f"{joined} {verb} not match any of the regexes: {names}")


def _matched(key: str, patterns: dict[str, Any]) -> bool:
    return any(_compiled(expected).search(key) for expected in patterns)


REGEX_KEYWORDS = {
    "pattern": pattern,
    "patternProperties": pattern_properties,
    "additionalProperties": additional_properties,
}
