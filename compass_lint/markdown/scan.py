"""A fast line scanner for plain reports, checked against mistune.

mistune's block parser spends most of its time on lists: every list item's
text is cut out, re-indented and parsed again by a child parser, and then
``compass_lint.markdown.parse`` searches the source for each token's line. A typical
report is ATX or setext headings, paragraphs, bullet lists, block quotes,
thematic breaks, fenced code and HTML comments; for those the block structure
can be read line by line, with each node's line known as it is read.

``scan`` builds exactly the ``Document`` that ``compass_lint.markdown.parse`` builds
from mistune's tokens (mistune's quirks included: a lazy line keeps its
indentation, a list item's text is parsed again inside it), or returns
``None`` as soon as it meets anything outside that plain subset: indented
code, unclosed fences, HTML other than comments and a tag alone before a blank
line (see ``html_line``), link reference definitions over several lines or
in list items and quotes (one-line ones at the top level are read by
mistune's own ``parse_ref_link``), tabs and odd whitespace, lines
of five spaces or more outside list items, empty items with content,
headings, quotes and rules indented short of a list item's text, deep
nesting. The caller then parses with mistune. Where the
two could disagree the scanner declines: tests compare them node for node on
every fixture, every real report of the shared corpus, the generated
benchmark corpus and hypothesis documents. ``COMPASS_LINT_NO_SCAN=1`` turns
the scanner off.
"""

from __future__ import annotations

import re
from typing import Any

from compass_lint.markdown.document import Document, Node, front_matter_span
from compass_lint.markdown.parser import block_state, markdown

# Characters outside the plain subset anywhere in the text: tabs and odd
# whitespace (mistune and str.strip disagree on them) and control characters.
# Quotes, fences, HTML and link reference definitions are refused where a
# line starts a block (``_refuse_unread_blocks``).
_ODD_CHARACTERS = re.compile(
    r"[\t\r\x00-\x08\x0b-\x1f\x7f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
)
_ATX = re.compile(r"(#{1,6})(?: +(.*)|)$")
_THEMATIC = re.compile(r"(?:(?:- *){3,}|(?:_ *){3,}|(?:\* *){3,})$")
_SETEXT = re.compile(r"(?:=+|-+) *$")
# A URI autolink (<https://...>) at the start of a line is text, never HTML.
_AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:")
_FENCE = re.compile(r"(`{3,}|~{3,}) *(.*?)$")
_REFERENCE = re.compile(r"\[[^\]]*\]:")
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
_LIST = re.compile(r"([-*+]|(\d{1,9})[.)])( +|$)")
_MAY_START_BLOCK = frozenset("#-*+_=0123456789>`~<[ ")
# A thematic break holds only its character and spaces: str.strip rules most
# lines out before the regular expression is tried (a list item starts like a rule).
_RULE_STRIP = {"-": "- ", "*": "* ", "_": "_ ", "=": "= "}  # "=": setext underlines, likewise
# mistune's indented-code rule takes four spaces and anything after them, a space
# included: a line of five spaces or more is code (" ") or paragraph text, not blank.
_SPACES_LINE = "a line of five spaces or more"
# Deeper nesting goes to mistune (whose own limit, 20 levels, changes how it nests).
_MAX_DEPTH = 8

# A content line: its 0-based index in the source, its text inside the
# current container, and whether it is a lazy paragraph continuation.
Line = tuple[int, str, bool]


class Unsupported(Exception):
    """The text leaves the plain subset: parse it with mistune."""


def scan(text: str) -> Document | None:
    """The located block nodes of a plain report, or ``None`` outside the subset."""
    if has_odd_characters(text):
        return None
    lines = text.split("\n")
    front = front_matter_span(lines)
    start = 0 if front is None else front[1] + 1
    scanner = _Scanner(lines)
    try:
        nodes = scanner.blocks([(index, lines[index], False) for index in range(start, len(lines))], 0)
    except Unsupported:
        return None
    return Document(lines=lines, nodes=nodes, front_matter=front, env={"ref_links": scanner.references})


# Printable ASCII and the line feed: what is left of an ASCII text without them is
# exactly the ASCII part of _ODD_CHARACTERS (the controls but "\n", and DEL).
_PLAIN_ASCII = bytes(range(0x20, 0x7F)) + b"\n"


def has_odd_characters(text: str) -> bool:
    """Whether ``_ODD_CHARACTERS`` occurs in ``text``.

    The expression takes about 5 ns a character. Instead the text's plain ASCII
    bytes are deleted from its UTF-8 form (which never holds them inside a
    longer character's bytes): what is left is the controls and the characters
    outside ASCII, usually few or none, and the expression looks at those.
    """
    rest = text.encode("utf-8", "surrogatepass").translate(None, _PLAIN_ASCII)
    return bool(rest) and _ODD_CHARACTERS.search(rest.decode("utf-8", "surrogatepass")) is not None


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _kind(marker: str) -> str:
    """What siblings of a list item must share: the bullet or the delimiter."""
    return marker[-1]


class _Scanner:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.references: dict[str, Any] = {}  # link reference definitions, as mistune keeps them

    def blocks(self, lines: list[Line], depth: int) -> list[Node]:
        nodes: list[Node] = []
        position = 0
        count = len(lines)
        while position < count:
            index, text, lazy = lines[position]
            body = text.lstrip(" ")
            if not body:
                if len(text) > 4:
                    raise Unsupported(_SPACES_LINE)
                position += 1
                continue
            if lazy:
                raise Unsupported("lazy line with no paragraph to continue")
            if len(text) - len(body) >= 4:
                raise Unsupported("indented code")
            if body[0] not in _MAY_START_BLOCK:
                # Most blocks: text that can only start a paragraph.
                position = self.paragraph(lines, position, nodes)
                continue
            heading = _ATX.match(body) if body[0] == "#" else None
            if heading is not None:
                nodes.append(self.heading(index, heading))
                position += 1
            elif body[0] in "-*_" and not body.strip(_RULE_STRIP[body[0]]) and _THEMATIC.match(body):
                nodes.append(Node("rule", index + 1, end_line=index + 1))
                position += 1
            elif (first_item := _LIST.match(body)) is not None:
                position = self.listing(lines, position, nodes, depth, first_item)
            elif body[0] == ">":
                position = self.quote(lines, position, nodes, depth)
            elif body.startswith("<!--"):
                position = self.comment(lines, position, nodes)
            elif body.startswith(("```", "~~~")):
                position = self.fence(lines, position, nodes)
            elif body[0] == "<" and not _AUTOLINK.match(body):
                position = self.html_line(lines, position, nodes)
            elif depth > 0 and body[0] == "[" and _is_reference(body):
                self.definition(lines, position, nested=True)  # raises unless the line is text
                position = self.paragraph(lines, position, nodes)
            elif depth == 0 and body[0] == "[" and _is_reference(body):
                after = self.definition(lines, position)
                # Not a definition: mistune reads the line as the start of a paragraph.
                position = after if after is not None else self.paragraph(lines, position, nodes)
            else:
                _refuse_unread_blocks(body)
                position = self.paragraph(lines, position, nodes)
        return nodes

    def definition(self, lines: list[Line], start: int, nested: bool = False) -> int | None:
        """A top-level link reference definition: the position after it, or None when it is not one.

        mistune's own ``parse_ref_link`` reads it (destination, title, escapes,
        the first definition of a label wins). A
        definition only ever starts a block here: after paragraph text,
        ``paragraph`` has already taken the line, as mistune does. Only
        one-line definitions are taken (the usual kind). ``nested``: the line
        is in a list item or quote, where only a line that is no definition
        (``- [name=Luke]: helping run the cluster``) is read, as text.
        """
        # The line and the next (unless blank): enough to tell a one-line definition from
        # a longer one, which is declined below (reading on to the next blank line would
        # make a report of 20,000 definitions quadratic).
        end = start + 2 if start + 1 < len(lines) and lines[start + 1][1].strip(" ") else start + 1
        source = "\n".join(text for _, text, _ in lines[start:end]) + "\n"
        parser = markdown().block
        match = re.compile(parser.specification["ref_link"], parser.sc_flag).match(source)  # re caches it
        if match is None:
            return None
        state = block_state(source)
        finished = parser.parse_ref_link(match, state)
        if not finished:
            if end < len(lines) and lines[end][1].strip(" "):
                # A title may go on past the two lines read: what mistune makes of it is unknown.
                raise Unsupported("a link reference definition that may go on")
            return None
        consumed = source.count("\n", 0, finished)
        if consumed > 1:
            # A destination or title on the next line: a title may go on past the lines read.
            raise Unsupported("a link reference definition over several lines")
        if nested:
            raise Unsupported("a link reference definition in a list item or quote")
        for key, value in state.env["ref_links"].items():
            self.references.setdefault(key, value)
        return start + consumed

    def html_line(self, lines: list[Line], start: int, nodes: list[Node]) -> int:
        """A line that starts with a tag, alone before a blank line: what mistune makes of it.

        Real agendas keep placeholders such as ``<Here group MCPs blocked on
        unresolved concerns>`` as list items: mistune reads a complete tag as an
        HTML block (to the next blank line) and an incomplete one as text. The
        line is given to mistune's own block parser; HTML that can run past a
        blank line (``<pre>``, ``<script>``, ``<style>``, ``<textarea>``,
        ``<?``, ``<!``) or past this line is declined.
        """
        index, text, _ = lines[start]
        body = text.lstrip(" ")
        tag = _TAG.match(body)
        if tag is None or tag.group(1).lower() in ("pre", "script", "style", "textarea"):
            raise Unsupported("HTML that may run past a blank line")
        if start + 1 < len(lines) and lines[start + 1][1].strip(" "):
            raise Unsupported("HTML followed by more lines")
        state = block_state(text + "\n")
        markdown().block.parse(state)
        kinds = [token["type"] for token in state.tokens]
        if kinds == ["paragraph"]:
            return self.paragraph(lines, start, nodes)  # not a complete tag: text
        if kinds != ["block_html"]:
            raise Unsupported("HTML mistune does not read as one block")
        raw = state.tokens[0]["raw"]
        column = max(self.lines[index].find(raw.split("\n", 1)[0].strip()), 0) + 1
        nodes.append(Node("html", index + 1, column=column, end_line=index + 1, text=raw))
        return start + 1

    def heading(self, index: int, match: re.Match[str]) -> Node:
        title = (match.group(2) or "").strip(" ")
        if title.endswith("#"):
            raise Unsupported("closing sequence of an ATX heading")
        column = self.lines[index].find("#") + 1
        level = len(match.group(1))
        return Node("heading", index + 1, column=column, end_line=index + 1, text=title, level=level)

    def paragraph(self, lines: list[Line], start: int, nodes: list[Node]) -> int:
        position = start + 1
        underline: str | None = None
        while position < len(lines):
            _, text, lazy = lines[position]
            body = text.lstrip(" ")
            if not body:
                if len(text) > 4:
                    raise Unsupported(_SPACES_LINE)
                break
            if len(text) - len(body) < 4 and body[0] in _MAY_START_BLOCK:
                if not lazy and body[0] in "=-" and not body.strip(_RULE_STRIP[body[0]]) and _SETEXT.match(body):
                    underline = body
                    break
                if _interrupts(body):
                    break
            position += 1
        part = [text for _, text, _ in lines[start:position]]
        first_index = lines[start][0]
        body = "\n".join(part) + "\n"
        if underline is not None:
            # A setext heading: the paragraph's lines, underlined by "===" or "---".
            level = 1 if underline[0] == "=" else 2
            end_line = lines[position][0] + 1
            heading = Node("heading", first_index + 1, end_line=end_line, text=body.strip(), level=level)
            # A lone "-" under an instruction line is a placeholder bullet in real reports.
            heading.placeholder_underline = underline.strip(" ") == "-"
            nodes.append(heading)
            return position + 1
        first = part[0].strip(" ")
        column = max(self.lines[first_index].find(first), 0) + 1
        # Node's first fields in order (kind, line, column, end_line, text): the scanner builds a
        # paragraph per item, and keyword arguments to a class cost a dictionary each call.
        nodes.append(Node("paragraph", first_index + 1, column, first_index + len(part), body))
        return position

    def fence(self, lines: list[Line], start: int, nodes: list[Node]) -> int:
        """A fenced code block, to its closing fence (as mistune reads it)."""
        index, text, _ = lines[start]
        body = text.lstrip(" ")
        indent = len(text) - len(body)
        opening = _FENCE.match(body)
        if opening is None or (opening.group(1)[0] == "`" and "`" in opening.group(2)):
            raise Unsupported("not a fence mistune accepts")
        marker = opening.group(1)
        closing = re.compile(r" {0,3}" + re.escape(marker[0]) + "{" + str(len(marker)) + r",} *$")
        end = start + 1
        while end < len(lines) and not closing.match(lines[end][1]):
            end += 1
        if end == len(lines):
            raise Unsupported("a fence that is never closed")
        code = [line[1] for line in lines[start + 1 : end]]
        if indent:
            code = [_unindent(line, indent) for line in code]
        raw = "\n".join(code) + "\n" if code else ""
        # The line span parse.py gives a code block: its text's lines, then the closing fence if it is there.
        last = index + 1 + raw.count("\n")
        if last < len(self.lines) and self.lines[last].strip().startswith(marker[:3]):
            last += 1
        nodes.append(Node("code", index + 1, end_line=last, text=raw))
        return end + 1

    def comment(self, lines: list[Line], start: int, nodes: list[Node]) -> int:
        """An HTML comment block: to the end of the line that closes it (as mistune reads it)."""
        index, text, _ = lines[start]
        after = text.index("<!--") + 4
        position = start
        while "-->" not in (text[after:] if position == start else lines[position][1]):
            position += 1
            if position == len(lines):
                raise Unsupported("an HTML comment that is never closed")
        raw = "\n".join(line for _, line, _ in lines[start : position + 1]) + "\n"
        first = text.strip(" ")
        column = max(self.lines[index].find(first), 0) + 1
        nodes.append(Node("html", index + 1, column=column, end_line=index + position - start + 1, text=raw))
        return position + 1

    def quote(self, lines: list[Line], start: int, nodes: list[Node], depth: int) -> int:
        """A block quote: its ``>`` lines and lazy lines, parsed again inside (as mistune does)."""
        if depth >= _MAX_DEPTH:
            raise Unsupported("deep nesting")
        index, text, _ = lines[start]
        first = _quoted(text)
        if not first.strip(" ") or _indent(first) >= 4 or first.lstrip(" ").startswith(("```", "~~~")):
            # mistune then requires a ">" on every line: no lazy lines.
            raise Unsupported("a quote that starts blank or with code")
        content: list[Line] = [(index, first, False)]
        blank_before = False
        position = start + 1
        while position < len(lines):
            index2, text2, lazy2 = lines[position]
            body2 = text2.lstrip(" ")
            if body2.startswith(">") and len(text2) - len(body2) < 4:
                quoted = _quoted(text2)
                content.append((index2, quoted, lazy2))
                blank_before = not quoted.strip(" ")
                position += 1
                continue
            if blank_before or not body2:
                break
            if len(text2) - len(body2) < 4:
                # mistune ends a quote at a rule, a comment or a list, read next as blocks of their own.
                if body2.startswith("<!--") or (
                    body2[0] in "-*_" and not body2.strip(_RULE_STRIP[body2[0]]) and _THEMATIC.match(body2)
                ):
                    break
                item = _LIST.match(body2)
                if item is not None:
                    number = item.group(2)
                    if not body2[item.end() :].strip(" ") or (number is not None and int(number) != 1):
                        # Its list parser adds this line to the paragraph before the quote, if there is one.
                        raise Unsupported("an item that cannot interrupt a paragraph, after a quote")
                    break
                if body2[0] in "=-" and _SETEXT.match(body2):
                    raise Unsupported("an underline right after a quote")
            _refuse_unread_blocks(body2)
            content.append((index2, text2, True))  # a lazy continuation line
            position += 1
        node = Node("quote", index + 1, column=self.lines[index].find(">") + 1)
        node.children = self.blocks(content, depth + 1)
        leaf = node
        while leaf.children:
            leaf = leaf.children[0]
        if leaf.kind not in ("paragraph", "heading") or leaf.line != node.line:
            # parse.py places a quote by its first text, wherever that is.
            raise Unsupported("a quote that does not start with text")
        node.end_line = max([node.line, *(child.end_line for child in node.children)])
        nodes.append(node)
        return position

    def listing(self, lines: list[Line], start: int, nodes: list[Node], depth: int, first_item: re.Match[str]) -> int:
        """A list, from its first item's line (``first_item``: ``_LIST`` matched on it)."""
        if depth >= _MAX_DEPTH:
            raise Unsupported("deep nesting")
        index, text, _ = lines[start]
        body = text.lstrip(" ")
        indent = len(text) - len(body)
        match: re.Match[str] | None = first_item
        kind = _kind(first_item.group(1))
        ordered = kind in ".)"
        items: list[Node] = []
        position = start
        # Each turn reads one item; ``match`` is the next sibling's marker (on ``body``).
        while match is not None:
            marker, spaces = match.group(1), match.group(3)
            rest = body[match.end() :]
            empty = not rest.strip(" ")
            if empty:
                # An empty item ("-" alone): its content starts one column after the marker.
                width, rest = indent + len(marker) + 1, ""
            else:
                if len(spaces) >= 5:
                    raise Unsupported("code in a list item")
                if rest[0] in _MAY_START_BLOCK:
                    if rest[0] not in "<[":  # a tag or "[label]:" is read with the item's content (blocks)
                        _refuse_unread_blocks(rest)
                    if rest[0] in "-*_" and not rest.strip(_RULE_STRIP[rest[0]]) and _THEMATIC.match(rest):
                        raise Unsupported("a rule on a list item's first line")
                width = indent + len(marker) + len(spaces)
            content: list[Line] = [(index, rest, False)]
            position += 1
            match = None
            next_item = (index, text, body)
            blank_before = False
            count = len(lines)
            while position < count:
                index2, text2, lazy2 = lines[position]
                body2 = text2.lstrip(" ")
                if not body2:
                    content.append((index2, "", False))
                    blank_before = True
                    position += 1
                    continue
                indent2 = len(text2) - len(body2)
                # A lazy line of an outer item is an ordinary line in here: mistune
                # parses the item's text again, indentation and all.
                if indent2 >= width:
                    if empty:
                        if blank_before and len(content) == 2:
                            break  # mistune: a list item can begin with at most one blank line
                        raise Unsupported("an empty list item with content below it")
                    if lazy2 and blank_before:
                        raise Unsupported("lazy line after a blank line")
                    content.append((index2, text2[width:], lazy2))
                    blank_before = False
                    position += 1
                    continue
                first = body2[0]
                if (
                    first == ">"
                    or (first == "<" and body2.startswith("<!--"))
                    or (first in "-*_" and not body2.strip(_RULE_STRIP[first]) and _THEMATIC.match(body2))
                    or (first == "#" and _ATX.match(body2))
                ):
                    # mistune ends the list there (when not indented past the marker).
                    if indent2 > indent:
                        raise Unsupported("an indented heading, quote or rule after a list item")
                    break
                sibling = _LIST.match(body2)
                if sibling is not None:
                    # Short of this item's content: as mistune reads it, a marker indented no
                    # more than the item's own marker ends (at most three spaces) is the next
                    # item, or with another bullet the start of a new list; one indented
                    # further is a lazy line of the item's text, kept as written, so that the
                    # item's text parsed again may start a list of its own there.
                    if indent2 > min(indent + len(marker), 3):
                        if blank_before:
                            break
                        content.append((index2, text2, lazy2))
                        position += 1
                        continue
                    if _kind(sibling.group(1)) == kind:
                        match, next_item = sibling, (index2, text2, body2)
                    break
                if blank_before:
                    break
                _refuse_unread_blocks(body2)
                # mistune keeps a lazy line's indentation as written.
                content.append((index2, text2, True))
                position += 1
            # The marker's 1-based column in the source line (``text`` is a suffix of it).
            column = len(self.lines[index]) - len(text) + indent + 1
            items.append(self.item(content, marker, column, ordered, depth))
            if match is not None:
                index, text, body = next_item
                indent = len(text) - len(body)  # each item keeps its own indentation
        # Blocks follow one another: the last one ends last.
        end_line = max(items[0].line, items[-1].end_line)
        node = Node("list", items[0].line, end_line=end_line, children=items, ordered=ordered)
        nodes.append(node)
        return position

    def item(self, content: list[Line], marker: str, column: int, ordered: bool, depth: int) -> Node:
        index = content[0][0]
        while content and not content[-1][1]:
            content.pop()
        rest = content[0][1] if len(content) == 1 else ""
        if rest and rest[0] not in _MAY_START_BLOCK:
            # The common item: one line of text (checked by ``listing``).
            first = rest.strip(" ")
            column_text = max(self.lines[index].find(first), 0) + 1
            children = [Node("paragraph", index + 1, column_text, index + 1, rest + "\n")]  # see paragraph()
        else:
            children = self.blocks(content, depth + 1)
        node = Node("list_item", index + 1, column)  # kind, line, column: positional, as in paragraph()
        node.ordered = ordered
        node.marker = marker
        node.children = children
        own = children[0] if children else None
        if own is not None and own.kind == "paragraph" and own.line == node.line:
            node.text = own.text
        node.end_line = max(node.line, children[-1].end_line) if children else node.line
        return node


def _interrupts(body: str) -> bool:
    """Whether a line ends the paragraph above it (raises when unsure)."""
    first = body[0]
    if first == "#" and _ATX.match(body):
        return True
    if first == ">" or body.startswith("<!--"):
        return True
    if first in "`~" and body.startswith(("```", "~~~")):
        return True
    if first == "<":
        _refuse_unread_blocks(body)
    if first in "-*_=" and not body.strip(_RULE_STRIP[first]) and (_THEMATIC.match(body) or _SETEXT.match(body)):
        raise Unsupported("setext heading or thematic break after a paragraph")
    match = _LIST.match(body)
    if match is None:
        return False
    # An empty item, or a numbered one that does not start at 1, cannot interrupt a
    # paragraph: mistune, as CommonMark, reads the line as the paragraph's text
    # (a note's empty sub-bullet "  *" under its item's first line).
    number = match.group(2)
    return bool(body[match.end() :].strip(" ")) and (number is None or int(number) == 1)


def _unindent(line: str, width: int) -> str:
    """A code line without the fence's indentation (up to ``width`` spaces)."""
    return line[min(width, len(line) - len(line.lstrip(" "))) :]


def _quoted(text: str) -> str:
    """A quote line's text: after the ``>`` and one optional space."""
    after = text.lstrip(" ")[1:]
    return after[1:] if after.startswith(" ") else after


def _is_reference(body: str) -> bool:
    """Whether a line starting with "[" starts like a link reference definition (``[label]:``)."""
    # Most such lines are links ("[#12](https://…)"): no "]:", no expression.
    return "]:" in body and _REFERENCE.match(body) is not None


def _refuse_unread_blocks(body: str) -> None:
    """Fences where the scanner does not read them, HTML (but comments) and link references go to mistune."""
    first = body[0]
    if (
        (first == "<" and not _AUTOLINK.match(body) and not body.startswith("<!--"))
        or (first in "`~" and body.startswith(("```", "~~~")))
        or (first == "[" and _is_reference(body))
    ):
        raise Unsupported("a quote, code, HTML or link reference definition")
