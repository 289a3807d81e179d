"""A report's fields: the ``Name: value`` lines of its head (``Opening Date: 01 Jan 2018``).

A field's name is matched to the outline's fields (and their ``x-aliases``);
dates are parsed only for fields the outline types as dates, or whose name
says "date".
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from compass_lint.core.dates import parse_date
from compass_lint.markdown.document import Document, Node
from compass_lint.markdown.inline import links, plain_text
from compass_lint.outline.spec import Outline, normalise_title

_FIELD_SHAPE = re.compile(r"^[\s>#*_-]{0,12}(?:\\?\[[^\]]{0,20}\\?\][ \t]*)?[A-Za-z][^:\n]{0,60}:")
# Fields are read from the head of a report (before the first section, and
# within its first lines): scanning a whole long report for "Name: value"
# lines costs more than all the checks together.
_FIELDS_HEAD_LINES = 100
FIELD_LINE = re.compile(r"^\s*(?P<name>[A-Za-z][A-Za-z0-9 '/()-]{0,40}?)\s*:\s*(?P<value>.*)$")


class Field(NamedTuple):
    """A ``Name: value`` line before the first section."""

    name: str
    text: str
    line: int
    column: int
    date: date | None = None
    link: str | None = None


def read_fields(
    fields: dict[str, Field],
    outline: Outline,
    document: Document,
    nodes: list[Node],
    lines: list[str],
    end_line: int,
    formats: tuple[str, ...],
) -> None:
    """Add the ``Name: value`` lines of the head (before ``end_line``) to ``fields``, first one of a name wins."""
    known = {name: spec.name for spec in outline.fields for name in spec.names()}
    # Dates are parsed only where a date is expected: strptime over every
    # "Name: value" line of a long report is the slowest part of the model.
    dated = {spec.name for spec in outline.fields if "date" in spec.kind.split("-")}
    end_line = min(end_line, _FIELDS_HEAD_LINES + 1)
    last_line = len(lines) - (1 if lines and lines[-1] == "" else 0)
    for node in nodes:
        if node.line >= end_line:
            break
        for inner in node.walk():
            if inner.line >= end_line or inner.kind not in ("heading", "paragraph"):
                continue
            for offset, raw in enumerate(inner.text.split("\n")):
                if inner.line + offset > last_line:
                    break  # a mislocated block (mistune out of order) must not point past the file
                # Cheap test first: inline parsing every line of a long report is costly.
                if ":" not in raw or not _FIELD_SHAPE.match(raw):
                    continue
                early = written_name(raw)
                if early == "" or (early and known.get(normalise_title(early), early) in fields):
                    continue  # not a field, or a field already found: no need for its plain text
                match = FIELD_LINE.match(_field_text(raw, document))
                if not match:
                    continue
                written = " ".join(match.group("name").split())
                name = known.get(normalise_title(written), written)
                if name in fields:
                    continue
                value = match.group("value").strip()
                targets = links(raw, document.env)
                fields[name] = Field(
                    name=name,
                    text=value,
                    line=inner.line + offset,
                    column=max(lines[inner.line + offset - 1].find(written[:1]), 0) + 1,
                    date=parse_date(value, formats) if name in dated or "date" in name.casefold() else None,
                    link=targets[0] if targets else None,
                )


# Characters that can start inline markup, or that plain text changes (a
# no-break space becomes a space).
_MARKUP_OR_NBSP = re.compile(r"[*_\[\]`<>&!~\\\n\xa0]")
_LINK_TARGET = re.compile(r"\]\([^()]*\)")


def written_name(raw: str) -> str | None:
    """A field line's name read without inline parsing: "" when it is surely not a field, None when unsure.

    Before its first colon a line without markup is its own plain text, so
    the name ``FIELD_LINE`` finds in the plain text is the one found here.
    """
    colon = raw.find(":")
    if colon < 0:
        return None
    if not _MARKUP_OR_NBSP.search(raw, 0, colon):
        match = FIELD_LINE.match(raw[: colon + 1])
        return " ".join(match.group("name").split()) if match else ""
    if "&" not in raw and ":" not in _LINK_TARGET.sub("", raw):
        # Every colon is in a link's destination, which the plain text leaves out (or,
        # when the brackets are no link, after a "]" no field name can hold): no field.
        return ""
    return None


def _field_text(raw: str, document: Document) -> str:
    """A field line's plain text, a reference link shown by its text only."""
    text = plain_text(raw)
    if document.env.get("ref_links") and "][" in text:
        text = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", text)
    return text
