"""Reading: bytes to normalised text, or a reason why the file cannot be read.

Line numbers are counted on ``\\n`` only after CRLF and CR have been
normalised; ``str.splitlines`` is never used because it also splits on
U+2028, ``\\x0b``, ``\\x0c`` and ``\\x85``, which would shift every line after
such a character.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO, NamedTuple

from compass_lint.core.settings import DEFAULT_MAX_FILE_SIZE

BOM = "\ufeff"


class SourceText(NamedTuple):
    """A decoded report: normalised text plus facts about the original bytes."""

    text: str
    had_bom: bool = False
    newline: str = "\n"

    @property
    def lines(self) -> list[str]:
        """The lines of the text, split on ``\\n`` only."""
        return self.text.split("\n")


class Unreadable(NamedTuple):
    """Why a file could not be turned into text (becomes finding CL901)."""

    message: str
    line: int = 1
    column: int = 1


def detect_newline(text: str) -> str:
    """The first line ending used in ``text`` (``\\n`` when there is none)."""
    # str.find runs in C: a loop over the characters of a long first line did not.
    carriage = text.find("\r")
    if carriage < 0 or text.find("\n", 0, carriage) >= 0:
        return "\n"
    return "\r\n" if text[carriage + 1 : carriage + 2] == "\n" else "\r"


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    if "\r" not in text:
        return text  # most reports: no copy
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes, max_size: int = DEFAULT_MAX_FILE_SIZE) -> SourceText | Unreadable:
    """Decode report bytes, refusing what a linter cannot read safely."""
    if len(data) > max_size:
        return Unreadable(too_large_message(len(data), max_size))
    if b"\x00" in data:
        head = data[: data.index(b"\x00")].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        return Unreadable("file looks binary (it contains a NUL byte)", line=head.count(b"\n") + 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = normalise_newlines(data[: error.start].decode("utf-8", "replace"))
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        return Unreadable(
            f"file is not valid UTF-8: byte 0x{data[error.start]:02x} at offset {error.start}",
            line=line,
            column=column,
        )
    had_bom = text.startswith(BOM)
    if had_bom:
        # mistune would turn a first-line heading into a paragraph otherwise.
        text = text[1:]
    return SourceText(normalise_newlines(text), had_bom=had_bom, newline=detect_newline(text))


class NotRegularFile(OSError):
    """A path that is a FIFO, a device, a socket or a folder: never read."""


class FileTooLarge(OSError):
    """A file over its size limit, refused before it is read; ``size`` is None when unknown (a stream)."""

    size: int | None = None


_NONBLOCK = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def too_large_message(size: int | None, limit: int, what: str = "file") -> str:
    """The one wording of "over the size limit" (CL901 quotes it)."""
    if size is None:
        return f"{what} is larger than max-file-size ({limit:,} bytes)"
    return f"{what} is {size:,} bytes, larger than max-file-size ({limit:,} bytes)"


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file ``path``, refusing anything else before reading it.

    Opened without blocking, so a FIFO does not wait for a writer; the type and
    size are taken from the open file (no window in which the path is swapped);
    at most ``limit + 1`` bytes are read, so a file that grows while it is read,
    or a device that reports size 0 (``/dev/zero``), is still cut off.
    Raises ``NotRegularFile``, ``FileTooLarge`` or the ``OSError`` of opening.
    """
    handle = os.open(path, os.O_RDONLY | _NONBLOCK)
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file", os.fspath(path))
        if info.st_size > limit:
            error = FileTooLarge(errno.EFBIG, too_large_message(info.st_size, limit), os.fspath(path))
            error.size = info.st_size
            raise error
        if _NONBLOCK:
            os.set_blocking(handle, True)
        with os.fdopen(handle, "rb", closefd=False) as stream:
            return read_capped(stream, limit)
    finally:
        os.close(handle)


def read_regular_head(path: str | os.PathLike[str], count: int) -> bytes:
    """The first ``count`` bytes of the regular file ``path`` (opened as ``read_regular`` opens it).

    Raises ``NotRegularFile`` (a FIFO, a device) or the ``OSError`` of opening: a
    FIFO named ``x.md`` must not make a folder walk wait for a writer.
    """
    handle = os.open(path, os.O_RDONLY | _NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file", os.fspath(path))
        if _NONBLOCK:
            os.set_blocking(handle, True)
        with os.fdopen(handle, "rb", closefd=False) as stream:
            return stream.read(count)
    finally:
        os.close(handle)


def read_capped(stream: BinaryIO, limit: int, what: str = "file") -> bytes:
    """At most ``limit`` bytes of ``stream`` (standard input); ``FileTooLarge`` when there are more."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(errno.EFBIG, too_large_message(None, limit, what))
    return data


class OutsideRoot(OSError):
    """A path that reaches outside the project through a symbolic link: never read, never quoted."""


def leaves_root(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> bool:
    """Whether ``path`` goes through a symbolic link to somewhere outside ``root``.

    A path named outside the project without any link (``check /elsewhere/a.md``)
    is the user's own choice; a link in a checkout is the checkout's, and git
    stores it as a link, not as the file it points to.
    """
    real = os.path.realpath(path)
    if real == os.path.abspath(path):
        return False
    base = os.path.realpath(root)
    return os.path.commonpath([real, base]) != base


def refuse_outside(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> None:
    """Raise ``OutsideRoot`` when ``path`` is a link out of ``root`` (see ``leaves_root``)."""
    if leaves_root(path, root):
        raise OutsideRoot(errno.EACCES, "a symbolic link out of the project; not followed", os.fspath(path))
