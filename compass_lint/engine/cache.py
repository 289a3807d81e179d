"""The result cache: findings per file, reused while nothing they depend on changed.

Like ruff's cache: one entry per file under ``.compass-lint-cache/`` (with a
``.gitignore`` of its own), keyed by the file's content hash, the resolved
configuration, the schema, the compass-lint version and, for the history
rules, the contents of every earlier report of its series (a neighbour's edit
changes the key). A corrupt or foreign entry is ignored and rewritten, never
a crash; writes are atomic so parallel runs cannot leave half an entry.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from compass_lint import __version__
from compass_lint.core.digest import digest
from compass_lint.core.finding import Finding, Location, Severity
from compass_lint.markdown.source import read_regular

CACHE_DIR = ".compass-lint-cache"
_FORMAT = 3
_MAX_ENTRY_BYTES = 64 * 1024 * 1024


def _encode(finding: Finding) -> list[Any]:
    # A row, not the public JSON object: a warm run decodes every finding of the
    # run, and rows decode in about half the time of objects. The path is the key's.
    related = [[place.path, place.line] for place in finding.related]
    return [
        finding.line,
        finding.column,
        finding.code,
        finding.name,
        finding.severity.value,
        finding.message,
        finding.end_line,
        finding.end_column,
        related,
        finding.json_path,
        finding.owner,
    ]


_SEVERITIES = {severity.value: severity for severity in Severity}


# A committed cache folder is untrusted: a crafted row must be a miss, not a crash in a reporter.
_MAX_NUMBER = 10**9
_CODE = re.compile(r"CL[0-9]{3}")


def _number(value: Any, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if type(value) is not int or not 0 < value < _MAX_NUMBER:
        raise ValueError("bad number in a cache row")
    return value


def _text(value: Any, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if type(value) is not str:
        raise ValueError("bad text in a cache row")
    return value


def _decode(path: str, row: list[Any]) -> Finding:
    """A finding from a cache row; ValueError (a miss) for anything compass-lint did not write."""
    line, column, code, name, severity, message, end_line, end_column, related, json_path, owner = row
    if type(code) is not str or not _CODE.fullmatch(code):
        raise ValueError("bad code in a cache row")
    if type(related) is not list:
        raise ValueError("bad related places in a cache row")
    return Finding(
        path,
        _number(line) or 1,
        _number(column) or 1,
        code,
        _text(name) or "",
        _SEVERITIES[severity],  # KeyError (a miss) for an unknown one; a list is a TypeError
        _text(message) or "",
        _number(end_line, optional=True),
        _number(end_column, optional=True),
        # Most findings point nowhere else: no generator for them.
        tuple(Location(_text(where) or "", _number(number) or 1) for where, number in related) if related else (),
        _text(json_path, optional=True),
        _text(owner, optional=True),
    )


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The installed compass-lint code and schemas (names, sizes, mtimes).

    The version alone would let a development checkout serve findings that
    older code produced.
    """
    package = Path(__file__).resolve().parent.parent  # compass_lint/
    parts: list[str] = [__version__]
    folders = [package, *sorted(p for p in package.iterdir() if p.is_dir() and p.name != "__pycache__")]
    for folder in folders:
        if folder.is_dir():
            for item in sorted(folder.iterdir()):
                if item.suffix in (".py", ".json"):
                    info = item.stat()
                    parts += [item.name, str(info.st_size), str(info.st_mtime_ns)]
    return digest(*parts)


class Cache:
    """A folder of cache entries (``None`` folder: a cache that never hits)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.hits = 0
        self._prepared = False
        # Entry names are joined as strings: a warm run asks for one per file.
        self._entries = None if folder is None else os.path.join(folder, f"v{_FORMAT}", "")
        if folder is not None and _linked(folder):
            # A committed symbolic link would make the cache read and write wherever it points.
            self.folder = self._entries = None

    def _entry_name(self, path: str) -> str | None:
        if self._entries is None:
            return None
        return self._entries + digest(os.path.abspath(path))[:32] + ".json"

    def get(self, path: str, key: str) -> list[Finding] | None:
        """The cached findings of ``path`` for ``key``, or None."""
        entry = self._entry_name(path)
        if entry is None:
            return None
        try:
            # A committed cache folder is untrusted: a FIFO or a huge entry is a miss.
            data = json.loads(read_regular(entry, _MAX_ENTRY_BYTES))  # bytes: json detects UTF-8 itself
            if data.get("key") != key or data.get("version") != __version__:
                return None
            findings = [_decode(path, item) for item in data["findings"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        self.hits += 1
        return findings

    def put(self, path: str, key: str, findings: list[Finding]) -> None:
        """Store findings; a cache that cannot be written is silently skipped."""
        entry = self._entry_name(path)
        if entry is None:
            return
        try:
            self._prepare()
            payload = json.dumps({"key": key, "version": __version__, "findings": [_encode(f) for f in findings]})
            # Written beside the entry under a name no other run can pick, then renamed over
            # it: readers see the old entry or the new one, never half of one. Not
            # ``tempfile.mkstemp``: its module costs start-up, its names a loop of their own.
            temporary = f"{entry}.{os.getpid()}-{os.urandom(4).hex()}.tmp"
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except OSError:
            return
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(payload)
            os.replace(temporary, entry)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)  # a full disk must not leave half entries behind

    def _prepare(self) -> None:
        """Create the entries' folder and the ``.gitignore`` beside it, once per run."""
        if self._prepared or self.folder is None:
            return
        entries = self.folder / f"v{_FORMAT}"
        entries.mkdir(parents=True, exist_ok=True)
        if _linked(self.folder):
            raise OSError("the cache folder is a symbolic link")
        ignore = self.folder / ".gitignore"
        if not os.path.lexists(ignore):
            _write_atomic(str(ignore), b"# Created by compass-lint.\n*\n")
        self._prepared = True


def _linked(folder: Path) -> bool:
    """Whether the cache folder or its entries' folder is a symbolic link (never followed)."""
    return os.path.islink(folder) or os.path.islink(os.path.join(folder, f"v{_FORMAT}"))


def _write_atomic(target: str, data: bytes) -> None:
    """Write through a temporary file and a rename: a full disk leaves no empty or half file behind."""
    temporary = f"{target}.{os.getpid()}-{os.urandom(4).hex()}.tmp"
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def clean(folder: Path) -> str:
    """Remove a cache folder; what was done, in words."""
    # start-up: shutil is needed only by clean
    import shutil

    if os.path.islink(folder):
        return f"{folder} is a symbolic link, not a cache; left it alone"
    if not (folder / f"v{_FORMAT}").exists() and not (folder / ".gitignore").exists():
        return f"no cache at {folder}"
    if _linked(folder):
        return f"{folder / f'v{_FORMAT}'} is a symbolic link; left the cache alone"
    shutil.rmtree(folder, ignore_errors=True)
    if os.path.lexists(folder):
        return f"could not remove all of {folder}"
    return f"removed {folder}"
