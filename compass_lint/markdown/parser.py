"""The one configured mistune block parser, shared by the scanner, the locator and inline parsing.

``markdown()`` is ``create_markdown(renderer=None, plugins=["strikethrough"])``
with two fixes of our own: link reference definitions get a token, and a
block quote's token stays where the quote began.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import mistune
from mistune.core import BlockState
from mistune.plugins import import_plugin

# The token ``_BlockParser`` gives a link reference definition (mistune gives none).
DEFINITION = "compass_lint_definition"


class QuoteOrderState(BlockState):
    """mistune's block state, with each block quote's token kept where the quote began.

    When a quote ends at a list, rule, fence or HTML block, mistune's
    ``parse_block_quote`` parses that block first and then inserts the quote's
    token "before the last token". That block can add several tokens (a list
    followed by the blocks that ended it) or none, so the quote lands after
    blocks below it, and the locator, which walks tokens in document order,
    puts them on the wrong lines. ``_BlockParser`` records where each quote
    began; ``prepend_token`` (called by mistune only there) inserts it there.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.quote_starts: list[int] = []

    def prepend_token(self, token: dict[str, Any]) -> None:
        if self.quote_starts:
            self.tokens.insert(self.quote_starts[-1], token)
        else:
            super().prepend_token(token)


class _BlockParser(mistune.BlockParser):
    def parse_ref_link(self, m: re.Match[str], state: BlockState) -> int | None:
        # mistune keeps a link reference definition in ``state.env`` and gives it no
        # token, so the locator could take the definition's line for the block after it
        # ("[#12]: https://..." then a paragraph "[#12]"). A token of our own marks the
        # lines it took. After paragraph text the line is that paragraph's, no definition.
        last = state.last_token()
        end = super().parse_ref_link(m, state)
        if end and not (last and last["type"] == "paragraph"):
            state.append_token({"type": DEFINITION, "raw": state.src[m.start() : end]})
        return end

    def parse_block_quote(self, m: re.Match[str], state: BlockState) -> int:
        if not isinstance(state, QuoteOrderState):
            return super().parse_block_quote(m, state)
        state.quote_starts.append(len(state.tokens))
        try:
            return super().parse_block_quote(m, state)
        finally:
            state.quote_starts.pop()


@lru_cache(maxsize=1)
def markdown() -> mistune.Markdown:
    """``create_markdown(renderer=None, plugins=["strikethrough"])``, with quotes kept in order."""
    inline = mistune.InlineParser()
    # As mistune.Markdown builds its block parser (3.4 shares the inline nesting limit; 3.3 has none).
    limit = getattr(inline, "max_nested_level", None)
    block = _BlockParser() if limit is None else _BlockParser(max_nested_level=limit)
    return mistune.Markdown(renderer=None, block=block, inline=inline, plugins=[import_plugin("strikethrough")])


def block_state(text: str) -> BlockState:
    """A fresh state for ``markdown().block.parse`` over ``text``."""
    state = QuoteOrderState()
    state.process(text)
    return state
