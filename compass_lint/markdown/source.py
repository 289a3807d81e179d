"""Reading: bytes to normalised text, or a reason why the file cannot be read.

Line numbers are counted on ``\\n`` only after CRLF and CR have been
normalised; ``str.splitlines`` is never used because it also splits on
U+2028, ``\\x0b``, ``\\x0c`` and ``\\x85``, which would shift every line after
such a character.
"""

from __future__ import annotations

from typing import NamedTuple

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
        return Unreadable(f"file is {len(data):,} bytes, larger than max-file-size ({max_size:,} bytes)")
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
