"""How history reads a report's bytes: from disk, or through a reader given to it.

The language server gives its own reader: a report open in the editor is
read from the editor's buffer, not from the file, which may be older.
"""

from __future__ import annotations

from collections.abc import Callable

# A report's bytes by its resolved path (None: it cannot be read).
Reader = Callable[[str], "bytes | None"]


def read_file(key: str) -> bytes | None:
    """A file's bytes from disk (None when it cannot be read)."""
    try:
        with open(key, "rb") as file:
            return file.read()
    except OSError:
        return None
