"""Untrusted text shown to people: control characters escaped, length capped.

File names, titles, config keys and schema keys come from the checkout, which
a pull request controls. A raw newline in them starts a new line in the log,
and GitHub Actions reads every line of a job's output for workflow commands
(``::add-mask::``); an escape sequence (OSC 52, ``ESC ] 52 ; c ; … BEL``)
writes the reader's clipboard. Human-readable output therefore shows C0 and
C1 control characters, DEL, the Unicode line and paragraph separators and the
bidirectional overrides as ``\\xNN`` / ``\\uNNNN``. Machine formats (JSON,
SARIF) keep the original text: their encoders escape it.
"""

from __future__ import annotations

import html
import re

# C0, DEL, C1, line/paragraph separators, bidi embeddings/overrides/isolates, BOM.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
# What a message may quote of untrusted text: GitHub cuts an annotation at 4 KB.
QUOTE_LIMIT = 200
CUT = "…"


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """``text`` with every control character written as an escape (no raw newline, no ESC)."""
    # Lone surrogates (a file name that is not UTF-8, decoded with surrogateescape) would not encode.
    if any("\ud800" <= c <= "\udfff" for c in text):
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _CONTROL.sub(_escaped, text)


def capped(text: str, limit: int = QUOTE_LIMIT) -> str:
    """At most ``limit`` characters of ``text``, ending in "…" where it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + CUT


def quoted(text: str, limit: int = QUOTE_LIMIT) -> str:
    """Untrusted text for a message: capped, then escaped."""
    return escape_controls(capped(text, limit))


# A whole finding message: far above any real one (the longest in the corpus is 221 characters),
# far below GitHub's 4 KB annotation cut, which would drop the end silently.
MESSAGE_LIMIT = 500


def capped_message(message: str, limit: int = MESSAGE_LIMIT) -> str:
    """``message``, cut at ``limit`` characters with a note saying so (a 30 KB title is quoted whole otherwise)."""
    if len(message) <= limit:
        return message
    return f"{message[:limit]}{CUT} (message cut at {limit} of {len(message):,} characters)"


def escape_html(text: object) -> str:
    """Text for an HTML page, in content or a quoted attribute: control characters escaped as in the
    text output (no raw newline or ESC reaches the page, which a CI log or a terminal may print),
    then ``&<>"'`` escaped."""
    return html.escape(escape_controls(str(text)), quote=True)
