"""Inline markdown on demand: plain text, links and strikethrough of short texts.

The checks need inline parsing only for headings, fields and action items, so
it is done here, per text, rather than for the whole document (mistune's
inline parser is the slow half of a full parse, and super-linear on nested
emphasis).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

from compass_lint.markdown.parser import markdown

# Characters that can start inline markup (emphasis, links, code, HTML,
# entities, escapes, strikethrough) or a line break.
_INLINE_SPECIAL = re.compile(r"[*_\[\]`<>&!~\\\n]")


def inline_tokens(text: str, env: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """mistune's inline tokens for a piece of markdown text (``env``: link definitions).

    The same text is asked for several times (an action item's completion,
    owner, links and key): without link definitions the tokens are cached.
    """
    if not env or not env.get("ref_links"):
        return list(_cached_tokens(text))
    return _parse_inline(text, env)


def _parse_inline(text: str, env: dict[str, Any]) -> list[dict[str, Any]]:
    md = markdown()
    state = md.inline.state_cls(env)
    state.src = text
    md.inline.parse(state)
    return list(state.tokens)


@lru_cache(maxsize=1024)
def _cached_tokens(text: str) -> tuple[dict[str, Any], ...]:
    # Callers only read the tokens; a tuple keeps the cached list from being reordered.
    return tuple(_parse_inline(text, {}))


def plain_text(text: str) -> str:
    """The visible text of inline markdown: emphasis, links and code unwrapped."""
    if not _INLINE_SPECIAL.search(text):
        # Nothing inline markup could act on: the text is its own plain text.
        return text
    out: list[str] = []

    def visit(tokens: list[dict[str, Any]]) -> None:
        for token in tokens:
            if "children" in token:
                visit(token["children"])
            elif token["type"] in ("softbreak", "linebreak"):
                out.append(" ")
            elif token["type"] == "inline_html":
                continue  # <a name="…"></a>, <!-- … -->: nothing a reader sees
            else:
                out.append(str(token.get("raw", token.get("text", ""))))

    visit(inline_tokens(text))
    # Entities mistune leaves as written (&nbsp;) render as their character.
    return html.unescape("".join(out)).replace("\xa0", " ")


def linked_text(text: str) -> list[tuple[str, str | None]]:
    """The visible text of inline markdown (as ``plain_text``) in pieces, each with its link target or None.

    Joined, the pieces are ``plain_text(text)``. The targets are as written: a caller that makes them
    links decides which schemes it allows.
    """
    pieces: list[tuple[str, str | None]] = []

    def visit(tokens: list[dict[str, Any]], target: str | None) -> None:
        for token in tokens:
            if token["type"] == "link":
                visit(token.get("children", []), str(token.get("attrs", {}).get("url", "")))
            elif "children" in token:
                visit(token["children"], target)
            elif token["type"] in ("softbreak", "linebreak"):
                pieces.append((" ", target))
            elif token["type"] != "inline_html":
                pieces.append((str(token.get("raw", token.get("text", ""))), target))

    visit(inline_tokens(text), None)
    merged: list[tuple[str, str | None]] = []
    for piece, target in pieces:
        if merged and merged[-1][1] == target:
            merged[-1] = (merged[-1][0] + piece, target)
        else:
            merged.append((piece, target))
    # Unescaped per piece: an entity never spans two tokens of different targets.
    return [(html.unescape(piece).replace("\xa0", " "), target) for piece, target in merged]


def links(text: str, env: dict[str, Any] | None = None) -> list[str]:
    """Every link target in inline markdown, in order (autolinks and reference links included)."""
    if "[" not in text and "<" not in text:
        # Every link mistune reads starts with "[" (inline, reference) or "<" (autolink):
        # an action item's text is asked for its links even when it has none.
        return []
    return link_targets(inline_tokens(text, env))


def link_targets(tokens: list[dict[str, Any]]) -> list[str]:
    """The targets of the links among mistune's inline tokens, nested ones included, in order."""
    found: list[str] = []

    def visit(tokens: list[dict[str, Any]]) -> None:
        for token in tokens:
            if token["type"] == "link":
                found.append(str(token.get("attrs", {}).get("url", "")))
            if "children" in token:
                visit(token["children"])

    visit(tokens)
    return found


def is_struck_through(text: str) -> bool:
    """True when the whole inline text is one strikethrough span."""
    tokens = [t for t in inline_tokens(text.strip()) if not (t["type"] == "text" and not t.get("raw", "").strip())]
    return len(tokens) == 1 and tokens[0]["type"] == "strikethrough"
