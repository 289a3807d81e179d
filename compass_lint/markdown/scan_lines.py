"""The scanner's view of one line: what block a line may start, and when it declines.

``compass_lint.markdown.scan`` reads a report line by line; these are the
expressions and tests it applies to a line's text (indentation removed), and
``Unsupported``, raised wherever the text leaves the plain subset.
"""

from __future__ import annotations

import re

from compass_lint.markdown.syntax import ATX_PREFIX, LIST_MARKER, THEMATIC_BREAK

# Characters outside the plain subset anywhere in the text: tabs and odd
# whitespace (mistune and str.strip disagree on them) and control characters.
# Quotes, fences, HTML and link reference definitions are refused where a
# line starts a block (``refuse_unread_blocks``).
ODD_CHARACTERS = re.compile(
    r"[\t\r\x00-\x08\x0b-\x1f\x7f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
)
SETEXT = re.compile(r"(?:=+|-+) *$")
# mistune's underline: "=" and "-" mixed ("-=", "=-="), its level from the last character. CommonMark
# reads such a line as paragraph text; the scanner leaves it to mistune, the one reference.
MIXED_UNDERLINE = re.compile(r"(?:=|-)+[ \t]*$")
# A URI autolink (<https://...>) at the start of a line is text, never HTML.
AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:")
FENCE = re.compile(r"(`{3,}|~{3,}) *(.*?)$")
REFERENCE = re.compile(r"\[[^\]]*\]:")
TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
# A list item's marker and the spaces after it (not tabs: a text with tabs is declined).
LIST = re.compile(rf"({LIST_MARKER})( +|$)")
MAY_START_BLOCK = frozenset("#-*+_=0123456789>`~<[ ")
# A thematic break holds only its character and spaces: str.strip rules most
# lines out before the regular expression is tried (a list item starts like a rule).
RULE_STRIP = {"-": "- ", "*": "* ", "_": "_ ", "=": "= "}  # "=": setext underlines, likewise
# mistune's indented-code rule takes four spaces and anything after them, a space
# included: a line of five spaces or more is code (" ") or paragraph text, not blank.
SPACES_LINE = "a line of five spaces or more"
# Deeper nesting goes to mistune (whose own limit, 20 levels, changes how it nests).
MAX_DEPTH = 8

# A content line: its 0-based index in the source, its text inside the
# current container, and whether it is a lazy paragraph continuation.
Line = tuple[int, str, bool]


class Unsupported(Exception):
    """The text leaves the plain subset: parse it with mistune."""


# Printable ASCII and the line feed: what is left of an ASCII text without them is
# exactly the ASCII part of ODD_CHARACTERS (the controls but "\n", and DEL).
_PLAIN_ASCII = bytes(range(0x20, 0x7F)) + b"\n"


def has_odd_characters(text: str) -> bool:
    """Whether ``ODD_CHARACTERS`` occurs in ``text``.

    The expression takes about 5 ns a character. Instead the text's plain ASCII
    bytes are deleted from its UTF-8 form (which never holds them inside a
    longer character's bytes): what is left is the controls and the characters
    outside ASCII, usually few or none, and the expression looks at those.
    """
    rest = text.encode("utf-8", "surrogatepass").translate(None, _PLAIN_ASCII)
    return bool(rest) and ODD_CHARACTERS.search(rest.decode("utf-8", "surrogatepass")) is not None


def indent_of(text: str) -> int:
    """The number of spaces a line starts with."""
    return len(text) - len(text.lstrip(" "))


def kind_of(marker: str) -> str:
    """What siblings of a list item must share: the bullet or the delimiter."""
    return marker[-1]


def interrupts(body: str) -> bool:
    """Whether a line ends the paragraph above it (raises when unsure)."""
    first = body[0]
    if first == "#" and ATX_PREFIX.match(body):
        return True
    if first == ">" or body.startswith("<!--"):
        return True
    if first in "`~" and body.startswith(("```", "~~~")):
        return True
    if first == "<":
        refuse_unread_blocks(body)
    if first in "-*_=" and not body.strip(RULE_STRIP[first]) and (THEMATIC_BREAK.match(body) or SETEXT.match(body)):
        raise Unsupported("setext heading or thematic break after a paragraph")
    match = LIST.match(body)
    if match is None:
        return False
    # An empty item, or a numbered one that does not start at 1, cannot interrupt a
    # paragraph: mistune, as CommonMark, reads the line as the paragraph's text
    # (a note's empty sub-bullet "  *" under its item's first line).
    return bool(body[match.end() :].strip(" ")) and starts_at_one(match.group(1))


def starts_at_one(marker: str) -> bool:
    """Whether a list marker is a bullet or a number 1 (the items that may interrupt a paragraph)."""
    return marker[-1] not in ".)" or int(marker[:-1]) == 1


def unindent(line: str, width: int) -> str:
    """A code line without the fence's indentation (up to ``width`` spaces)."""
    return line[min(width, len(line) - len(line.lstrip(" "))) :]


def quote_content(text: str) -> str:
    """A quote line's text: after the ``>`` and one optional space."""
    after = text.lstrip(" ")[1:]
    return after[1:] if after.startswith(" ") else after


def is_reference(body: str) -> bool:
    """Whether a line starting with "[" starts like a link reference definition (``[label]:``)."""
    # Most such lines are links ("[#12](https://…)"): no "]:", no expression.
    return "]:" in body and REFERENCE.match(body) is not None


def refuse_unread_blocks(body: str) -> None:
    """Fences where the scanner does not read them, HTML (but comments) and link references go to mistune."""
    first = body[0]
    if (
        (first == "<" and not AUTOLINK.match(body) and not body.startswith("<!--"))
        or (first in "`~" and body.startswith(("```", "~~~")))
        or (first == "[" and is_reference(body))
    ):
        raise Unsupported("a quote, code, HTML or link reference definition")
