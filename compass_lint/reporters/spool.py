"""Output held aside until what must come before it is known.

A SARIF log lists its rules before its results, and a JUnit suite its counts
before its test cases; GitHub's annotations come before the full log. Those
reporters write the later part here as the run goes and copy it out at the
end: it stays in memory while small and moves to a temporary file beyond
``IN_MEMORY`` bytes, so memory stays flat however many findings a run has.
"""

from __future__ import annotations

import codecs
import tempfile

from compass_lint.reporters import Output

IN_MEMORY = 1 << 18
_CHUNK = 1 << 16
# Any str round-trips, even lone surrogates from undecodable file names; the
# output stream then decides, as it would have without the spool.
_ERRORS = "surrogatepass"


class Spool:
    """Text written now and copied to an output later, whole or by the pieces ``write`` returned."""

    def __init__(self) -> None:
        self._file = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY)  # noqa: SIM115 - see close()
        self._end = 0

    def write(self, text: str) -> tuple[int, int]:
        """Append ``text``; returns its place (offset and size, in bytes) for ``copy_piece``."""
        data = text.encode("utf-8", _ERRORS)
        self._file.write(data)
        start = self._end
        self._end += len(data)
        return start, len(data)

    def copy_piece(self, out: Output, place: tuple[int, int]) -> None:
        """Write the text stored at ``place`` to ``out``."""
        start, size = place
        self._file.seek(start)
        out.write(self._file.read(size).decode("utf-8", _ERRORS))
        self._file.seek(self._end)

    def copy_to(self, out: Output) -> None:
        """Write everything stored to ``out``, a piece at a time, and free the spool."""
        self._file.seek(0)
        # A piece may end inside a character: the decoder keeps its first bytes for the next.
        decoder = codecs.getincrementaldecoder("utf-8")(_ERRORS)
        while chunk := self._file.read(_CHUNK):
            out.write(decoder.decode(chunk))
        if tail := decoder.decode(b"", final=True):
            out.write(tail)
        self.close()

    def close(self) -> None:
        """Free the spool (its temporary file, if it has one)."""
        self._file.close()
