"""Byte-preserving line edits and safe file writing.

Fixes are edits on the original text, never a re-rendering: the text is cut
into lines that keep their own line endings (``\\r\\n``, ``\\r`` or ``\\n``,
mixed if the file mixes them), edited lines keep their ending, inserted lines
take the file's first ending, and the BOM and a missing final newline stay as
they were. A ``Fix`` is the plan of one fix: a rule builds it (the rule owns
its fix, as ruff's rules do) and ``compass_lint.edit`` applies and verifies
it. Writing goes to a temporary file in the same folder, is flushed to
disk and then renamed over the original, keeping its mode; symlinks,
hard-linked files and paths outside the working tree are refused.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from compass_lint.core.finding import Finding

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


class UnsafeWrite(Exception):
    """A file compass-lint refuses to write, and why."""


@dataclass(frozen=True, order=True)
class Edit:
    """Replace lines ``first``..``last`` (1-based, inclusive) by ``lines``.

    ``last == first - 1`` inserts before ``first`` without replacing anything.
    """

    first: int
    last: int
    lines: tuple[str, ...]


class FixSafety(Enum):
    """Whether a rule's fixes run by default (safe) or only with ``--unsafe-fixes``."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    # Safe in the usual case, unsafe in another (each Fix says which it is).
    DEPENDS = "safe or unsafe"


@dataclass(frozen=True)
class Fix:
    """Edits that fix one finding (and ``also`` others the same edits fix)."""

    finding: Finding
    edits: tuple[Edit, ...]
    safe: bool
    description: str
    also: tuple[Finding, ...] = ()

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding these edits fix."""
        return (self.finding, *self.also)


def split_keepends(text: str) -> list[str]:
    """Lines with their own endings; ``"".join`` gives back ``text`` exactly."""
    return _LINE.findall(text)


def _ending(line: str) -> str:
    if line.endswith("\r\n"):
        return "\r\n"
    if line.endswith(("\r", "\n")):
        return line[-1]
    return ""


def apply_edits(text: str, edits: list[Edit], newline: str) -> str:
    """Apply non-overlapping edits (later ones first); overlapping ones are dropped."""
    lines = split_keepends(text)
    chosen: list[Edit] = []
    for edit in sorted(edits):
        if chosen and edit.first <= chosen[-1].last:
            continue
        chosen.append(edit)
    for edit in reversed(chosen):
        start, end = edit.first - 1, edit.last
        if edit.lines and start >= len(lines) and lines and not _ending(lines[-1]):
            # Appending after a last line without a newline: that line gets one,
            # and the appended block ends without one, as the file did.
            lines[-1] += newline
            lines.extend(content + newline for content in edit.lines[:-1])
            lines.append(edit.lines[-1])
            continue
        replaced = lines[start:end]
        if replaced and not edit.lines and end >= len(lines) and not _ending(replaced[-1]) and start > 0:
            # Removing the last line of a file without a final newline: the line
            # before becomes the last one, and loses its newline the same way.
            lines[start - 1] = lines[start - 1].rstrip("\r\n")
        endings = _endings(replaced, len(edit.lines), newline)
        lines[start:end] = [content + ending for content, ending in zip(edit.lines, endings, strict=True)]
    return "".join(lines)


def _endings(replaced: list[str], count: int, newline: str) -> list[str]:
    """Line endings for ``count`` new lines replacing ``replaced``.

    Replaced lines lend their endings in order; the block's last ending (none,
    at the end of a file without a final newline) stays last.
    """
    old = [_ending(line) for line in replaced]
    if not old:
        return [newline] * count
    if count >= len(old):
        return old[:-1] + [newline] * (count - len(old)) + old[-1:]
    return old[: count - 1] + old[-1:] if count else []


def check_writable(path: Path, root: Path) -> None:
    """Refuse what compass-lint must not overwrite."""
    if path.is_symlink():
        raise UnsafeWrite(f"{path}: is a symbolic link; not writing through it")
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        raise UnsafeWrite(f"{path}: is outside the working tree ({root}); not writing it") from None
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeWrite(f"{path}: is not a regular file")
    if info.st_nlink > 1:
        raise UnsafeWrite(f"{path}: has {info.st_nlink} hard links; replacing it would split them")
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise UnsafeWrite(f"{path}: is read-only; not writing it")


def _new_file_mode() -> int:
    """The mode ``open()`` would give a new file (mkstemp's is 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


class ChangedMeanwhile(UnsafeWrite):
    """The file changed on disk after it was read: writing would lose that edit."""


def _keep_metadata(source: int, target: int) -> None:
    """Give ``target`` the owner and extended attributes of ``source`` where the OS allows (best effort)."""
    info = os.fstat(source)
    if hasattr(os, "fchown"):
        # Only root may give a file away; anyone may keep the group of a group they are in.
        for owner in (info.st_uid, -1):
            try:
                os.fchown(target, owner, info.st_gid)
                break
            except OSError:
                continue
    _keep_xattrs(source, target)


def _keep_xattrs(source: int, target: int) -> None:
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(source)
    except OSError:
        return
    for name in names:
        try:
            os.setxattr(target, name, os.getxattr(source, name))
        except OSError:
            continue  # e.g. security.* without the privilege: keep what can be kept


def write_atomic(path: Path, data: bytes, exclusive: bool = False, expected: bytes | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename, keeping mode, owner and xattrs.

    ``exclusive`` refuses to replace an existing file (used by ``new``).
    ``expected``: the bytes the change was computed from; when the file no
    longer holds them (an editor saved it meanwhile), ``ChangedMeanwhile`` is
    raised and the file is left alone.
    """
    folder = path.parent if str(path.parent) else Path(".")
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else _new_file_mode()
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
            if expected is not None:
                with open(path, "rb") as original:
                    _keep_metadata(original.fileno(), stream.fileno())
                    # Compared last, just before the rename: the window for a lost edit is as short as it gets.
                    if original.read(len(expected) + 1) != expected:
                        raise ChangedMeanwhile(f"{path}: changed on disk while fix ran; left as it is")
        os.chmod(temporary, mode)
        if exclusive:
            # link() fails if the target exists: no window in which we could overwrite.
            os.link(temporary, path)
            os.unlink(temporary)
        else:
            os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
