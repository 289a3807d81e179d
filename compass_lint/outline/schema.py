"""Outline schemas: find, load safely, compile once, validate instances.

Loading follows RELIABILITY-NOTES: the schema is checked against its
metaschema first, and the validator gets an empty ``referencing.Registry`` so
no remote or ``file://`` ``$ref`` is ever fetched (an unknown ``$ref`` raises
``Unresolvable``, reported as a schema error). Schema size and nesting are
capped, because ``check_schema`` lets through schemas that validate for
seconds or recurse without end.

The ``x-`` keywords come from the rules, a higher layer: whoever loads a
schema passes the table (``compass_lint.engine.schemas`` passes the rules').
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compass_lint.core.digest import digest
from compass_lint.core.patterns import PatternError, compile_user_pattern
from compass_lint.markdown.source import FileTooLarge, read_regular
from compass_lint.outline.limits import (
    MAX_SCHEMA_BYTES,
    MAX_SCHEMA_DEPTH,
    MAX_VALIDATION_STEPS,
    StepCounter,
    TooMuchWork,
    depth,
)
from compass_lint.outline.resources import BUILTIN_SCHEMAS, builtin_path
from compass_lint.outline.spec import Outline, outline_from_schema

if TYPE_CHECKING:
    from jsonschema import ValidationError


# The custom keywords a schema is compiled with, built for its outline (x-template needs it).
Keywords = Callable[[Outline], Mapping[str, Any]]


class SchemaLoadError(Exception):
    """A schema that cannot be used; the CLI exits 2 with this message."""


@dataclass(frozen=True)
class CompiledSchema:
    """A checked schema, its outline and its ready validator."""

    name: str
    schema: dict[str, Any]
    outline: Outline
    validator: Any
    trusted: bool = False
    steps: StepCounter | None = None  # counts the work of one validation (user schemas only)

    @property
    def fingerprint(self) -> str:
        """A digest of the schema (what cache keys use; see ``SchemaIdentity``)."""
        return _fingerprint(self.schema)

    def iter_errors(self, instance: dict[str, Any]) -> list[ValidationError]:
        """All validation errors, or a SchemaLoadError when the schema breaks or is too slow."""
        # start-up: see compile_schema
        import referencing.exceptions

        try:
            if self.steps is not None:
                self.steps.reset()
            return list(self.validator.iter_errors(instance))
        except TooMuchWork:
            raise SchemaLoadError(
                f"{self.name}: validating a report took over {MAX_VALIDATION_STEPS:,} schema steps; the schema"
                " is too complex (exponential anyOf/$ref chains?)"
            ) from None
        except referencing.exceptions.Unresolvable as error:
            raise SchemaLoadError(f"{self.name}: cannot resolve $ref {error}") from None
        except RecursionError:
            raise SchemaLoadError(f"{self.name}: schema recurses without end") from None


def _read(reference: str) -> tuple[str, bytes]:
    if reference in BUILTIN_SCHEMAS:
        return reference, builtin_path(reference).read_bytes()
    path = Path(reference)
    try:
        return str(path), read_regular(path, MAX_SCHEMA_BYTES)
    except FileTooLarge as error:
        size = f" is {error.size:,} bytes," if error.size is not None else ""
        raise SchemaLoadError(f"{reference}: schema{size} over the {MAX_SCHEMA_BYTES:,} byte cap") from None
    except OSError as error:
        builtin = ", ".join(BUILTIN_SCHEMAS)
        raise SchemaLoadError(
            f"{reference}: cannot read schema ({error.strerror}); builtin schemas: {builtin}"
        ) from None


def parse_schema(name: str, data: bytes) -> dict[str, Any]:
    """Decode and sanity-check a schema document."""
    try:
        schema = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SchemaLoadError(f"{name}: not a JSON document ({error})") from None
    except RecursionError:
        raise SchemaLoadError(f"{name}: nested too deeply") from None
    if not isinstance(schema, dict):
        raise SchemaLoadError(f"{name}: a schema must be a JSON object")
    if depth(schema, MAX_SCHEMA_DEPTH) > MAX_SCHEMA_DEPTH:
        raise SchemaLoadError(f"{name}: nested deeper than {MAX_SCHEMA_DEPTH} levels")
    return schema


def compile_schema(name: str, schema: dict[str, Any], keywords: Keywords, trusted: bool = False) -> CompiledSchema:
    """Check a schema and build its validator with ``keywords`` (no network, no file access)."""
    # start-up: jsonschema loads only when a schema is compiled or used (a cached run needs neither)
    import referencing
    from jsonschema import Draft202012Validator, validators
    from jsonschema.exceptions import SchemaError

    from compass_lint.outline.regex_keywords import REGEX_KEYWORDS

    base = validators.validator_for(schema, default=Draft202012Validator)
    try:
        if not trusted:
            base.check_schema(schema)
    except SchemaError as error:
        where = error.json_path if hasattr(error, "json_path") else "$"
        raise SchemaLoadError(f"{name}: invalid schema at {where}: {error.message}") from None
    except RecursionError:
        raise SchemaLoadError(f"{name}: schema recurses without end") from None
    # start-up: the meta-check loads its own validator; only a schema compiled this run needs it
    from compass_lint.outline.metacheck import check_outline_keywords

    problems = [] if trusted else check_outline_keywords(schema)
    if problems:
        raise SchemaLoadError(f"{name}: " + "; ".join(problems))
    try:
        outline = outline_from_schema(schema)
    except (re.error, TypeError, ValueError) as error:
        raise SchemaLoadError(f"{name}: cannot read the outline ({error})") from None
    # User schemas match their patterns on RE2 (builtin ones keep jsonschema's own keywords).
    regex = {} if trusted else REGEX_KEYWORDS
    table = {**base.VALIDATORS, **regex, **keywords(outline)}
    steps = None if trusted else StepCounter()
    extended = validators.extend(base, steps.counted(table) if steps else table)  # type: ignore[no-untyped-call]
    validator = extended(schema, registry=referencing.Registry())
    return CompiledSchema(name, schema, outline, validator, trusted=trusted, steps=steps)


def _patterns(value: Any, path: str = "$") -> list[tuple[str, str]]:
    """Every regular expression in a schema, with its JSON path."""
    found: list[tuple[str, str]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}"
            if key in ("pattern", "x-title-pattern") and isinstance(item, str):
                found.append((where, item))
            if key == "patternProperties" and isinstance(item, dict):
                found += [(f"{where}['{k}']", k) for k in item]
            found += _patterns(item, where)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _patterns(item, f"{path}[{index}]")
    return found


_NEAR_MISS = "a" * 40 + "!"
_PROBE: dict[str, Any] = {
    "title": _NEAR_MISS,
    "fields": {"Date": {"text": _NEAR_MISS, "date": None, "link": None}},
    "sections": {_NEAR_MISS: {"title": _NEAR_MISS, "number": "1", "level": 2, "form": "heading", "position": 0}},
}


def _probe(compiled: CompiledSchema) -> None:
    """Validate a small near-miss report: a schema too costly for it fails here, at load (see ``limits``)."""
    compiled.iter_errors(_PROBE)


class SchemaIdentity:
    """What a cache key and history need of a schema: its outline and fingerprint, no validator."""

    __slots__ = ("_fingerprint", "_schema", "outline")

    def __init__(self, outline: Outline, schema: dict[str, Any]) -> None:
        self.outline = outline
        self._schema = schema
        self._fingerprint: str | None = None

    @property
    def fingerprint(self) -> str:
        """A digest of the schema, computed when a cache key first needs it (hashing loads OpenSSL)."""
        if self._fingerprint is None:
            self._fingerprint = _fingerprint(self._schema)
        return self._fingerprint


@lru_cache(maxsize=32)
def schema_identity(reference: str) -> SchemaIdentity:
    """The outline and fingerprint of a schema, without importing jsonschema.

    A schema is only fully checked and compiled (``load_schema``) when a file
    has to be linted; a schema this cannot read is loaded fully, so its error
    is the usual one.
    """
    name, data = _read(reference)
    schema = parse_schema(name, data)
    try:
        outline = outline_from_schema(schema)
    except (re.error, TypeError, ValueError, AttributeError, KeyError):
        compiled = load_schema(reference, _no_keywords)
        return SchemaIdentity(compiled.outline, compiled.schema)
    return SchemaIdentity(outline, schema)


def _no_keywords(outline: Outline) -> dict[str, Any]:
    """No custom keywords: for a schema whose outline cannot be read, compiling fails before using any."""
    return {}


def _fingerprint(schema: dict[str, Any]) -> str:
    return digest(json.dumps(schema, sort_keys=True))


@lru_cache(maxsize=32)
def load_schema(reference: str, keywords: Keywords) -> CompiledSchema:
    """Load a builtin schema by name or a schema file by path, with ``keywords`` (cached).

    ``keywords`` is a constant of the code (the rules' table), so one compiled
    schema per reference is what the cache holds.
    """
    name, data = _read(reference)
    schema = parse_schema(name, data)
    if reference in BUILTIN_SCHEMAS:
        # Shipped schemas are checked by the test suite: skip the load-time
        # guards, which cost more than linting one report.
        return compile_schema(name, schema, keywords, trusted=True)
    # Every pattern runs on RE2 (linear time): one it cannot run is refused now, naming where it is.
    patterns = _patterns(schema)
    try:
        for where, pattern in patterns:
            compile_user_pattern(pattern, where)
    except PatternError as error:
        raise SchemaLoadError(f"{name}: {error}") from None
    if "unevaluatedProperties" in json.dumps(schema) and any("patternProperties" in w for w, _ in patterns):
        # jsonschema matches patternProperties with Python's re for unevaluatedProperties.
        raise SchemaLoadError(f"{name}: unevaluatedProperties together with patternProperties is not supported")
    compiled = compile_schema(name, schema, keywords)
    _probe(compiled)
    return compiled
