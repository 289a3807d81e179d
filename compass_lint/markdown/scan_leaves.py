"""The leaf blocks the scanner reads: paragraphs, headings, fences, HTML, link definitions.

Each reader takes the container's content lines and the position of the
block's first line, appends its node and returns the position after it
(``compass_lint.markdown.scan`` adds the containers: lists and quotes).
"""

from __future__ import annotations

import re
from typing import Any

from compass_lint.markdown.document import Node
from compass_lint.markdown.parser import block_state, markdown
from compass_lint.markdown.scan_lines import (
    FENCE,
    MAY_START_BLOCK,
    MIXED_UNDERLINE,
    RULE_STRIP,
    SETEXT,
    SPACES_LINE,
    TAG,
    Line,
    Unsupported,
    interrupts,
    unindent,
)


class LeafReader:
    """Reads the leaf blocks of a report's lines (``lines``: the whole source, for columns)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.references: dict[str, Any] = {}  # link reference definitions, as mistune keeps them

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
        tag = TAG.match(body)
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
        title = match.string[match.end() :].strip(" ")
        if title.endswith("#"):
            raise Unsupported("closing sequence of an ATX heading")
        column = self.lines[index].find("#") + 1
        level = len(match.group("hashes"))
        return Node("heading", index + 1, column=column, end_line=index + 1, text=title, level=level)

    def paragraph(self, lines: list[Line], start: int, nodes: list[Node]) -> int:
        position = start + 1
        underline: str | None = None
        while position < len(lines):
            _, text, lazy = lines[position]
            body = text.lstrip(" ")
            if not body:
                if len(text) > 4:
                    raise Unsupported(SPACES_LINE)
                break
            if len(text) - len(body) < 4 and body[0] in MAY_START_BLOCK:
                if not lazy and body[0] in "=-" and not body.strip(RULE_STRIP[body[0]]) and SETEXT.match(body):
                    underline = body
                    break
                if body[0] in "=-" and MIXED_UNDERLINE.match(body) and not SETEXT.match(body):
                    raise Unsupported("an underline that mixes = and -")
                if interrupts(body):
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
        opening = FENCE.match(body)
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
            code = [unindent(line, indent) for line in code]
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
