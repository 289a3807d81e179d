"""A line scanner for plain reports: the block parse of ``parse.py``, without mistune.

Why: mistune's block parser spends most of its time on lists (every list
item's text is cut out, re-indented and parsed again by a child parser), and
``compass_lint.markdown.parse`` then searches the source for each token's line.
For a typical report the block structure can be read line by line, with each
node's line known as it is read.

Scope (frozen: widen it only with a case in ``tests/test_scan.py`` first)

* Read here: ATX and setext headings, paragraphs, bullet and ordered lists
  (nested up to ``MAX_DEPTH``), block quotes with lazy lines, thematic breaks,
  fenced code, HTML comments, and a YAML front-matter block. Tables are
  paragraph text, as in mistune without its table plugin.
* Handed to mistune's own block rules: a line that starts with a tag, alone
  before a blank line (``LeafReader.html_line``), and a one-line link
  reference definition at the top level (``LeafReader.definition``, mistune's
  ``parse_ref_link``).
* Declined (``scan`` returns ``None`` and the caller parses the whole text with
  mistune): indented code, unclosed fences, other HTML, link reference
  definitions over several lines or in list items and quotes, tabs and odd
  whitespace (``ODD_CHARACTERS``), lines of five spaces or more outside list
  items, empty items with content, headings, quotes and rules indented short
  of a list item's text, nesting deeper than ``MAX_DEPTH``: wherever the two
  could disagree. ``COMPASS_LINT_NO_SCAN=1`` turns the scanner off.

``scan`` builds exactly the ``Document`` that ``parse`` builds from mistune's
tokens, mistune's quirks included (a lazy line keeps its indentation, a list
item's text is parsed again inside it). ``tests/test_scan.py`` holds it to
that: a differential test compares the two node for node on every fixture,
every real report of the shared corpus, the generated benchmark corpus and
hypothesis documents made of report lines.

Modules: ``scan_lines`` (what a line may start, the expressions, when to
decline), ``scan_leaves`` (paragraphs, headings, fences, HTML, definitions),
and this one (lists and quotes, and the dispatch of each line).
"""

from __future__ import annotations

import re

from compass_lint.markdown.document import Document, Node, front_matter_span
from compass_lint.markdown.scan_leaves import LeafReader
from compass_lint.markdown.scan_lines import (
    AUTOLINK,
    LIST,
    MAX_DEPTH,
    MAY_START_BLOCK,
    RULE_STRIP,
    SETEXT,
    SPACES_LINE,
    Line,
    Unsupported,
    has_odd_characters,
    indent_of,
    is_reference,
    kind_of,
    quote_content,
    refuse_unread_blocks,
    starts_at_one,
)
from compass_lint.markdown.syntax import ATX_PREFIX, THEMATIC_BREAK


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


class _Scanner(LeafReader):
    """Reads containers (lists, block quotes) and dispatches each line to its block's reader."""

    def blocks(self, lines: list[Line], depth: int) -> list[Node]:
        nodes: list[Node] = []
        position = 0
        count = len(lines)
        while position < count:
            index, text, lazy = lines[position]
            body = text.lstrip(" ")
            if not body:
                if len(text) > 4:
                    raise Unsupported(SPACES_LINE)
                position += 1
                continue
            if lazy:
                raise Unsupported("lazy line with no paragraph to continue")
            if len(text) - len(body) >= 4:
                raise Unsupported("indented code")
            if body[0] not in MAY_START_BLOCK:
                # Most blocks: text that can only start a paragraph.
                position = self.paragraph(lines, position, nodes)
                continue
            heading = ATX_PREFIX.match(body) if body[0] == "#" else None
            if heading is not None:
                nodes.append(self.heading(index, heading))
                position += 1
            elif body[0] in "-*_" and not body.strip(RULE_STRIP[body[0]]) and THEMATIC_BREAK.match(body):
                nodes.append(Node("rule", index + 1, end_line=index + 1))
                position += 1
            elif (first_item := LIST.match(body)) is not None:
                position = self.listing(lines, position, nodes, depth, first_item)
            elif body[0] == ">":
                position = self.quote(lines, position, nodes, depth)
            elif body.startswith("<!--"):
                position = self.comment(lines, position, nodes)
            elif body.startswith(("```", "~~~")):
                position = self.fence(lines, position, nodes)
            elif body[0] == "<" and not AUTOLINK.match(body):
                position = self.html_line(lines, position, nodes)
            elif depth > 0 and body[0] == "[" and is_reference(body):
                self.definition(lines, position, nested=True)  # raises unless the line is text
                position = self.paragraph(lines, position, nodes)
            elif depth == 0 and body[0] == "[" and is_reference(body):
                after = self.definition(lines, position)
                # Not a definition: mistune reads the line as the start of a paragraph.
                position = after if after is not None else self.paragraph(lines, position, nodes)
            else:
                refuse_unread_blocks(body)
                position = self.paragraph(lines, position, nodes)
        return nodes

    def quote(self, lines: list[Line], start: int, nodes: list[Node], depth: int) -> int:
        """A block quote: its ``>`` lines and lazy lines, parsed again inside (as mistune does)."""
        if depth >= MAX_DEPTH:
            raise Unsupported("deep nesting")
        index, text, _ = lines[start]
        first = quote_content(text)
        if not first.strip(" ") or indent_of(first) >= 4 or first.lstrip(" ").startswith(("```", "~~~")):
            # mistune then requires a ">" on every line: no lazy lines.
            raise Unsupported("a quote that starts blank or with code")
        content: list[Line] = [(index, first, False)]
        blank_before = False
        position = start + 1
        while position < len(lines):
            index2, text2, lazy2 = lines[position]
            body2 = text2.lstrip(" ")
            if body2.startswith(">") and len(text2) - len(body2) < 4:
                quoted = quote_content(text2)
                content.append((index2, quoted, lazy2))
                blank_before = not quoted.strip(" ")
                position += 1
                continue
            if blank_before or not body2:
                break
            if len(text2) - len(body2) < 4:
                # mistune ends a quote at a rule, a comment or a list, read next as blocks of their own.
                if body2.startswith("<!--") or (
                    body2[0] in "-*_" and not body2.strip(RULE_STRIP[body2[0]]) and THEMATIC_BREAK.match(body2)
                ):
                    break
                item = LIST.match(body2)
                if item is not None:
                    if not body2[item.end() :].strip(" ") or not starts_at_one(item.group(1)):
                        # Its list parser adds this line to the paragraph before the quote, if there is one.
                        raise Unsupported("an item that cannot interrupt a paragraph, after a quote")
                    break
                if body2[0] in "=-" and SETEXT.match(body2):
                    raise Unsupported("an underline right after a quote")
            refuse_unread_blocks(body2)
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
        """A list, from its first item's line (``first_item``: ``LIST`` matched on it)."""
        if depth >= MAX_DEPTH:
            raise Unsupported("deep nesting")
        index, text, _ = lines[start]
        body = text.lstrip(" ")
        indent = len(text) - len(body)
        match: re.Match[str] | None = first_item
        kind = kind_of(first_item.group(1))
        ordered = kind in ".)"
        items: list[Node] = []
        position = start
        # Each turn reads one item; ``match`` is the next sibling's marker (on ``body``).
        while match is not None:
            marker, spaces = match.group(1), match.group(2)
            rest = body[match.end() :]
            empty = not rest.strip(" ")
            if empty:
                # An empty item ("-" alone): its content starts one column after the marker.
                width, rest = indent + len(marker) + 1, ""
            else:
                if len(spaces) >= 5:
                    raise Unsupported("code in a list item")
                if rest[0] in MAY_START_BLOCK:
                    if rest[0] not in "<[":  # a tag or "[label]:" is read with the item's content (blocks)
                        refuse_unread_blocks(rest)
                    if rest[0] in "-*_" and not rest.strip(RULE_STRIP[rest[0]]) and THEMATIC_BREAK.match(rest):
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
                    or (first in "-*_" and not body2.strip(RULE_STRIP[first]) and THEMATIC_BREAK.match(body2))
                    or (first == "#" and ATX_PREFIX.match(body2))
                ):
                    # mistune ends the list there (when not indented past the marker).
                    if indent2 > indent:
                        raise Unsupported("an indented heading, quote or rule after a list item")
                    break
                sibling = LIST.match(body2)
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
                    if kind_of(sibling.group(1)) == kind:
                        match, next_item = sibling, (index2, text2, body2)
                    break
                if blank_before:
                    break
                refuse_unread_blocks(body2)
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
        if rest and rest[0] not in MAY_START_BLOCK:
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
