"""How history reads a report's bytes: from disk, or through a reader given to it.

The language server gives its own reader: a report open in the editor is
read from the editor's buffer, not from the file, which may be older.
"""

from __future__ import annotations

from collections.abc import Callable

from compass_lint.core.settings import DEFAULT_MAX_FILE_SIZE
from compass_lint.markdown.source import read_regular

# A report's bytes by its resolved path (None: it cannot be read).
Reader = Callable[[str], "bytes | None"]


def read_file(key: str, limit: int = DEFAULT_MAX_FILE_SIZE) -> bytes | None:
    """A regular file's bytes from disk, at most ``limit`` + 1 of them (None when it cannot be read)."""
    try:
        return read_regular(key, limit)
    except OSError:  # also a FIFO, a device, or a file over the limit: never read
        return None
