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
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compass_lint.core.deadline import deadline
from compass_lint.core.digest import digest
from compass_lint.markdown.source import FileTooLarge, read_regular
from compass_lint.outline.resources import BUILTIN_SCHEMAS, builtin_path
from compass_lint.outline.spec import Outline, outline_from_schema

if TYPE_CHECKING:
    from jsonschema import ValidationError

# The regex parser is private (re._parser); the public sre_parse alias warns.
sre_parse: Any = import_module("re._parser")
sre_constants: Any = import_module("re._constants")
MAX_SCHEMA_BYTES = 256 * 1024

# The custom keywords a schema is compiled with, built for its outline (x-template needs it).
Keywords = Callable[[Outline], Mapping[str, Any]]
MAX_SCHEMA_DEPTH = 64


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

    @property
    def fingerprint(self) -> str:
        """A digest of the schema (what cache keys use; see ``SchemaIdentity``)."""
        return _fingerprint(self.schema)

    def iter_errors(self, instance: dict[str, Any]) -> list[ValidationError]:
        """All validation errors, or a SchemaLoadError when the schema breaks or is too slow."""
        # start-up: see compile_schema
        import referencing.exceptions

        try:
            if self.trusted:
                return list(self.validator.iter_errors(instance))
            with _deadline(VALIDATION_SECONDS, self.name):
                return list(self.validator.iter_errors(instance))
        except referencing.exceptions.Unresolvable as error:
            raise SchemaLoadError(f"{self.name}: cannot resolve $ref {error}") from None
        except RecursionError:
            raise SchemaLoadError(f"{self.name}: schema recurses without end") from None


def _depth(value: Any, limit: int) -> int:
    stack: list[tuple[Any, int]] = [(value, 1)]
    deepest = 0
    while stack:
        current, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        if isinstance(current, dict):
            stack.extend((v, depth + 1) for v in current.values())
        elif isinstance(current, list):
            stack.extend((v, depth + 1) for v in current)
    return deepest


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
    if _depth(schema, MAX_SCHEMA_DEPTH) > MAX_SCHEMA_DEPTH:
        raise SchemaLoadError(f"{name}: nested deeper than {MAX_SCHEMA_DEPTH} levels")
    return schema


def compile_schema(name: str, schema: dict[str, Any], keywords: Keywords, trusted: bool = False) -> CompiledSchema:
    """Check a schema and build its validator with ``keywords`` (no network, no file access)."""
    # start-up: jsonschema loads only when a schema is compiled or used (a cached run needs neither)
    import referencing
    from jsonschema import Draft202012Validator, validators
    from jsonschema.exceptions import SchemaError

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
    extended = validators.extend(base, dict(keywords(outline)))  # type: ignore[no-untyped-call]
    validator = extended(schema, registry=referencing.Registry())
    return CompiledSchema(name=name, schema=schema, outline=outline, validator=validator, trusted=trusted)


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


def _nested_quantifier(pattern: str) -> bool:
    """Whether a repeat contains an unbounded repeat: ``(a+)+``, ``(a*b?)*`` …

    Such "star height 2" patterns backtrack exponentially on a near-miss; the
    metaschema accepts them, so they are refused here.
    """
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return False

    def walk(items: Any, inside_repeat: bool) -> bool:
        for op, arg in items:
            if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
                _low, high, sub = arg
                unbounded = high == sre_constants.MAXREPEAT or high > 100
                if unbounded and inside_repeat:
                    return True
                if walk(sub, inside_repeat or unbounded):
                    return True
            elif op == sre_constants.SUBPATTERN:
                if walk(arg[-1], inside_repeat):
                    return True
            elif op == sre_constants.BRANCH:
                if any(walk(branch, inside_repeat) for branch in arg[1]):
                    return True
            elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT) and walk(arg[1], inside_repeat):
                return True
        return False

    return walk(parsed, False)


def _deadline(seconds: float, name: str) -> AbstractContextManager[None]:
    """Raise SchemaLoadError when the block runs longer than ``seconds``."""
    message = (
        f"{name}: validating a report took over {seconds:g} s; the schema is too complex"
        " (exponential anyOf/$ref chains?)"
    )
    return deadline(seconds, lambda: SchemaLoadError(message))


_NEAR_MISS = "a" * 40 + "!"
_PROBE: dict[str, Any] = {
    "title": _NEAR_MISS,
    "fields": {"Date": {"text": _NEAR_MISS, "date": None, "link": None}},
    "sections": {_NEAR_MISS: {"title": _NEAR_MISS, "number": "1", "level": 2, "form": "heading", "position": 0}},
}
PROBE_SECONDS = 1.0
# A user schema's validation of one report; real ones take milliseconds.
VALIDATION_SECONDS = 1.0


def _probe(compiled: CompiledSchema) -> None:
    """Validate a small near-miss report under a deadline: slow schemas fail here, at load."""
    with _deadline(PROBE_SECONDS, compiled.name):
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
    slow = [where for where, pattern in _patterns(schema) if _nested_quantifier(pattern)]
    if slow:
        raise SchemaLoadError(
            f"{name}: the regular expression at {slow[0]} nests quantifiers (like (a+)+) and can take"
            " exponential time; rewrite it without a repeat inside a repeat"
        )
    compiled = compile_schema(name, schema, keywords)
    _probe(compiled)
    return compiled
