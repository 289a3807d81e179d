"""The builtin schemas shipped with compass-lint, and where they are."""

from __future__ import annotations

from pathlib import Path

BUILTIN_SCHEMAS = ("team-compass",)


def schema_directory() -> Path:
    """Where the builtin schemas are: inside the wheel, or the source checkout.

    Found beside this module, not with ``importlib.resources``: for a package
    installed as files (the only kind whose data is a folder) both give the same
    folder, and importing ``importlib.resources`` (zipfile, tempfile, shutil)
    cost a one-file run about 10 ms.
    """
    package = Path(__file__).parent.parent  # compass_lint/
    packaged = package / "schemas"
    if packaged.is_dir():
        return packaged
    return package.resolve().parent / "schemas"


def builtin_path(name: str) -> Path:
    """The file of a builtin schema."""
    return schema_directory() / f"{name}.schema.json"
