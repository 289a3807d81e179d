"""Inline helpers: their shortcuts give what mistune's inline parser gives."""

from __future__ import annotations

from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from compass_lint.markdown.inline import _parse_inline, link_targets, links

# Link syntax (inline, reference, autolink, email) and the characters around it.
PIECES = st.sampled_from(
    ["[", "]", "(", ")", "<", ">", "!", "a", "b", " ", ":", "/", "https", "://", "x.org", "@", "*", "`", "\\", "&lt;"]
)
# As mistune keeps a definition (its key upper-cased).
DEFINITIONS: dict[str, Any] = {"ref_links": {"A": {"url": "https://a.example", "label": "a"}}}


def _links_by_parsing(text: str, env: dict[str, Any]) -> list[str]:
    # Always through mistune: the shortcut in ``links`` is what is tested.
    return link_targets(_parse_inline(text, dict(env)))


@given(st.lists(PIECES, max_size=14).map("".join), st.booleans())
@example("see https://x.org/a/issues/1 and a@x.org", False)
@example("[a] and <https://x.org>", True)
@example("<https://x.org/a/issues/1> or <a@x.org>", False)
def test_links_match_mistune(text: str, defined: bool) -> None:
    env = DEFINITIONS if defined else {}
    assert links(text, env) == _links_by_parsing(text, env)


def test_links_finds_inline_reference_and_autolinks() -> None:
    text = "[one](https://x.org/1), [a] and <https://x.org/3>; bare https://x.org/4 is text"
    assert links(text, DEFINITIONS) == ["https://x.org/1", "https://a.example", "https://x.org/3"]
