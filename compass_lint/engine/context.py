"""The per-path context of a run: which configuration and which outline schema apply to a file.

A file's series (``[[series]]`` in the configuration) may bring its own schema
and rule overrides; the command line's ``--schema`` overrides both.
"""

from __future__ import annotations

from pathlib import Path

from compass_lint.core.settings import Config
from compass_lint.markdown.source import leaves_root
from compass_lint.outline.resources import BUILTIN_SCHEMAS
from compass_lint.outline.schema import CompiledSchema, SchemaIdentity, SchemaLoadError, schema_identity
from compass_lint.series.membership import series_for


def resolve_schema(config: Config, reference: str | None = None) -> str:
    """A schema reference as a builtin name or an absolute path (relative to the config's folder).

    A path that reaches out of the project through a symbolic link (the file or
    a folder on the way) is refused as a report would be: a pull request can
    plant the link, and the schema's text would be quoted in errors and findings.
    The message names the reference as written, never where the link points.
    """
    reference = reference or config.schema
    if reference in BUILTIN_SCHEMAS:
        return reference
    path = config.root / reference
    if leaves_root(path, config.root):
        raise SchemaLoadError(f"{reference}: schema is a symbolic link out of the project; not followed")
    return str(path.resolve())


def schema_reference(path: str, config: Config, override: str | None = None) -> str:
    """Which schema applies to ``path`` (CLI override, series, config)."""
    if override:
        return resolve_schema(config, override)
    if not config.series:
        return resolve_schema(config)

    series = series_for(Path(path), config)
    if series is not None and series.schema:
        return resolve_schema(config, series.schema)
    return resolve_schema(config)


def schema_for(path: str, config: Config, override: str | None = None) -> CompiledSchema:
    """The compiled schema that applies to ``path``."""
    # start-up: compiling needs the rules' keywords (and jsonschema); a run served from the cache never does
    from compass_lint.engine.schemas import load_schema

    return load_schema(schema_reference(path, config, override))


def identity_for(path: str, config: Config, override: str | None = None) -> SchemaIdentity:
    """The outline and fingerprint of the schema that applies to ``path`` (nothing compiled)."""
    return schema_identity(schema_reference(path, config, override))


def config_for(path: str, config: Config) -> Config:
    """The configuration for ``path``: its series' overrides applied."""
    if not config.series:
        return config

    series = series_for(Path(path), config)
    return config.with_series(series) if series is not None else config
