"""The line scanner must build exactly what mistune's parse builds, or decline.

``compass_lint.markdown.scan`` is a fast path: for a plain report it builds the
located nodes itself, otherwise it returns ``None`` and the report goes to
mistune. Here every fixture, every real report of the shared corpus, the
generated benchmark corpus and hypothesis documents made of report lines are
parsed both ways; whenever the scanner accepts a text its ``Document`` must
equal mistune's, node for node (kind, line, column, end line, text, level,
marker, children).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from compass_lint.core.settings import Config
from compass_lint.engine.linter import lint_bytes
from compass_lint.engine.schemas import load_schema
from compass_lint.markdown.document import Document
from compass_lint.markdown.parse import parse, parse_with_mistune
from compass_lint.markdown.scan import scan
from compass_lint.markdown.source import SourceText, decode

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the checkout")


def same(text: str) -> Document | None:
    """The scanned document, after checking it equals mistune's (None when declined)."""
    scanned = scan(text)
    if scanned is None:
        return None
    reference = parse_with_mistune(text)
    assert reference.unlocated == 0
    assert scanned.nodes == reference.nodes
    assert scanned.lines == reference.lines
    assert scanned.front_matter == reference.front_matter
    assert scanned.env == reference.env
    return scanned


def text_of(path: Path) -> str | None:
    source = decode(path.read_bytes(), 10**8)
    return source.text if isinstance(source, SourceText) else None


def markdown_files(*roots: Path) -> list[Path]:
    return sorted(path for root in roots for path in root.rglob("*.md") if "node_modules" not in path.parts)


def test_fixtures_and_examples_scan_like_mistune() -> None:
    files = markdown_files(ROOT / "fixtures", ROOT / "examples")
    accepted = [path for path in files if (text := text_of(path)) is not None and same(text) is not None]
    # Most fixtures are plain reports: the fast path is really taken.
    assert len(accepted) >= 0.8 * len(files)
    assert ROOT / "fixtures" / "demo" / "2026-01-30.md" in accepted


@needs_corpus
def test_real_reports_scan_like_mistune() -> None:
    files = markdown_files(CORPUS)
    accepted = [path for path in files if (text := text_of(path)) is not None and same(text) is not None]
    # 860 of the 874 real reports are scanned; the rest (HTML, reference links, tabs) go to mistune.
    assert len(accepted) >= 0.85 * len(files)


def _generator() -> object:
    spec = importlib.util.spec_from_file_location("gen_corpus", ROOT / "bench" / "gen_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_corpus"] = module
    spec.loader.exec_module(module)
    return module


def test_generated_benchmark_reports_are_all_scanned(tmp_path: Path) -> None:
    generator = _generator()
    generator.generate(tmp_path, 24)  # type: ignore[attr-defined]
    files = markdown_files(tmp_path)
    assert len(files) == 24
    for path in files:
        text = text_of(path)
        assert text is not None and same(text) is not None, path


@pytest.mark.parametrize(
    "text",
    [
        ">\n> a quote that starts blank\n",
        "para\n> a quote\n2. then an item that cannot interrupt the paragraph\n",
        # mistune's indented-code rule takes four spaces and a fifth: code, not a blank line.
        "# Heading\n     \ntext\n",
        "para\n      \nmore\n",
        "```\nnever closed\n",
        "- ```\n  code on an item's first line\n  ```\n",
        "    indented code\n",
        "<div>\nhtml\n</div>\n",
        "- [ref]: https://example.org/a-definition-in-an-item\n",
        "> [ref]: https://example.org/a-definition-in-a-quote\n",
        "[ref]:\n  https://example.org/a-destination-on-the-next-line\n",
        "- item\n\tindented with a tab\n",
        "# Closed heading #\n",
        "word\u00a0nbsp\n",
        "para\n- - -\n",
        "- item\n ---\n",
    ],
)
def test_the_scanner_declines_what_it_does_not_handle(text: str) -> None:
    assert scan(text) is None
    assert parse(text).nodes == parse_with_mistune(text).nodes


@pytest.mark.parametrize(
    "text",
    [
        # Short of the item's text and past its marker: a lazy line, which
        # starts a list when the item's text is parsed again (real agendas).
        "-  a\n  - b\n",
        "- a\n  -  b\n    - c\n  -  d\n",
        "-   a\n   - b\n    - c\n",
        "-  a\n  * another bullet\n",
        "1.  a\n   - b\n",
        # After a blank line it ends the list instead.
        "-   a\n\n   - b\n",
    ],
)
def test_markers_short_of_an_items_text_are_read_as_mistune_reads_them(text: str) -> None:
    assert same(text) is not None


@pytest.mark.parametrize(
    ("text", "labels", "paragraphs"),
    [
        ("[ref]: https://example.org\n", ["REF"], 0),
        ('# T\n\ntext\n\n[Ref]: <https://example.org/a b> "title"\n[ref]: /second\n[b]: /b\n', ["REF", "B"], 1),
        ("[name=Luke]: helping run the cluster\n[x]: /u\n", [], 1),  # a paragraph: no def after text
        ("para\n[ref]: /u\n\n[other]: /v 'bad' title\n", [], 2),
        # Blocks after a definition (parse.py gives definitions a token, so the mistune
        # path's locator no longer takes the definition's line for them).
        ("[ref]: /u\n\ntext after a definition\n", ["REF"], 1),
        ("[ref]: /u\n[x]: not a definition\n", ["REF"], 1),
        ("# T\n\n[#12]: https://example.org/12\n\n[#12]\n\n- [#12]\n", ["#12"], 1),
    ],
)
def test_top_level_link_definitions_are_read_as_mistune_reads_them(
    text: str, labels: list[str], paragraphs: int
) -> None:
    scanned = same(text)
    assert scanned is not None
    assert list(scanned.env["ref_links"]) == labels
    assert [node.kind for node in scanned.nodes].count("paragraph") == paragraphs


@pytest.mark.parametrize(
    "text",
    [
        "# Title\n\n- a\n  - b\n    - c\n- d\n",
        "- 1. Help\n  - 1.1 Open PRs\n- 2. Decisions\n",
        "1. one\n2. two\n\n   para in two\n3) other list\n",
        "- item\nlazy line\n   more\n- next\n",
        "-\n- \n-\n\n  after an empty item\n",
        "---\ntitle: front matter\n---\n# Title\n",
        "para\n# heading interrupts\n- list interrupts\n***\n",
        "- <https://example.org/autolink>\n<https://example.org/x> text\n",
        "  # indented heading\n   para\n",
        "> a quote\nlazy line\n> > nested\n\n- > quote in an item\n",
        "<!-- a comment\nover lines -->\npara\n<!-- interrupts -->\n",
        "para\n```sh\ncode\n\n  indented\n```\n  ~~~\n   x\n  ~~~~\n```\n```\n",
        "- item\n  ```\n  code in an item\n  ```\n",
        "Setext\n======\n",
        "Two lines\n   of setext\n---\n",
        "An instruction line\n-\n",
        "- item\n  ---\n",
        # Items that cannot interrupt a paragraph are its text: empty, or numbered from 2.
        "para\n2. an ordered item cannot interrupt\n",
        "-  a\n  2. nor in an item's text parsed again\n",
        "* util: add parseArgs\n  *\n\n* next\n  * \n  1.\n",
        # A rule, comment or list ends a quote (mistune's token order mended in parse.py).
        "> a quote\n- then a list\n",
        "> q\n---\n> q\n<!-- c -->\n> q\n   * * *\n> q\n1. one\n",
        "> q\n    - indented four: lazy text\n",
        "- a\n       \n  spaces in an item are blank\n",
    ],
)
def test_the_scanner_matches_mistune_on_plain_shapes(text: str) -> None:
    assert same(text) is not None


def test_findings_are_the_same_with_the_scanner_off(monkeypatch: pytest.MonkeyPatch) -> None:
    schema = load_schema("team-compass")
    path = ROOT / "fixtures" / "demo" / "2026-01-30.md"
    mutated = path.read_bytes().replace(b"## 2. Decisions needed", b"- 2. Decisions needed")
    fast = lint_bytes(str(path), mutated, schema, Config()).findings
    monkeypatch.setenv("COMPASS_LINT_NO_SCAN", "1")
    slow = lint_bytes(str(path), mutated, schema, Config()).findings
    assert fast == slow
    assert [(finding.code, finding.line) for finding in fast] == [("CL106", 29)]


# -- hypothesis: documents made of report lines ------------------------------------------------------------------

LINE_PIECES = [
    "",
    "",
    "   ",
    "# Title",
    "## 3. Next actions (team)",
    "### 1.1 Open PRs",
    "#### Opening Date: 01 Jan 2026",
    "#notaheading",
    "Plain paragraph text with a [link](https://example.org/1).",
    "**Do not edit below**",
    "*Outline template for meetings*",
    "- Write the guide (Priya)",
    "- Rotate the keys **COMPLETED**",
    "* star bullet",
    "+ plus bullet",
    "-",
    "- ",
    "      ",
    "  *",
    "  1.",
    "   2) numbered from two",
    "1. Help or discussion needed",
    "2. Decisions needed",
    "10) paren item",
    "- 1. Help",
    "- - nested on one line",
    "  - nested two",
    "-  two spaces after the marker",
    "-   three spaces after the marker",
    "1.  two after an ordered marker",
    "  -  nested two, two after",
    "   -  nested three, two after",
    " - odd one",
    "  1. odd ordered two",
    "   * odd star three",
    "    - nested four",
    "      - nested six",
    "   three spaces",
    "  continuation",
    "     five spaces",
    "        eight spaces",
    "---",
    "***",
    "- - -",
    "___",
    "===",
    "- <https://example.org/auto>",
    "<https://example.org/auto> at the start",
    "> quote",
    ">",
    "> > nested quote",
    "> - item in a quote",
    ">     code in a quote",
    "> # heading in a quote",
    "- > quote in an item",
    "  > indented quote",
    " > one space",
    ">  two spaces",
    "> ---",
    "> 1. one",
    ">   - nested in a quote",
    "```",
    "<div>",
    "```python",
    "````",
    "  ```",
    "~~~~ tilde fence",
    "``` info with `backticks`",
    "<!-- a comment -->",
    "<Here a placeholder tag>",
    "- <Here group items blocked on concerns>",
    "  - <Placeholder>",
    "<span>inline</span> text",
    "</div>",
    "<pre>",
    "<a href='x'>",
    "<Tag incomplete",
    "<!-- an open comment",
    "closed -->",
    "- <!-- a comment in an item -->",
    "  <!-- an indented comment --> and text",
    "<!-->",
    "[ref]: https://example.org",
    # Link reference definitions (read at the top level, by mistune's own code) and lines
    # that look like one and are not.
    '[Ref]: <https://example.org/angle> "a title"',
    "[ref]:",
    "  https://example.org/next-line",
    '"a title on its own line"',
    '[ref]: /url "a title that goes',
    'on to the next line"',
    "[other]: /u (a title in parentheses)",
    "[name=Luke]: helping run the cluster",
    "- [name=Luke]: helping run the cluster",
    "  * [name=Chris]: [a link](https://example.org/3) in an item",
    "> [name=Kirstie]: what was the biggest thing",
    "- [ref]: /in-an-item 'with a title'",
    "[x]: /url 'title' and more",
    "[]: /empty-label",
    "[#123]: https://github.com/org/repo/pull/123",
    "See [ref] and [#123] and [other][].",
    "text # with hash",
    "`inline code` first",
    "  `indented code span`",
    "~~struck~~ text",
    "~~~",
    "[a link](https://example.org/2) first",
    "- [ref]: https://example.org/in-an-item",
    "  [ref]: https://example.org/indented",
    "##",
    "## Heading ##",
]


@given(st.lists(st.sampled_from(LINE_PIECES), max_size=40), st.booleans())
@settings(max_examples=6 * settings().max_examples)  # 300 under the ci profile
@example(["- a", "", "  b", "c"], False)
@example(["-", "", "  b"], True)
@example(["- a", "  - b", "c", "", "- d"], True)
@example(["- a", " - b at an odd indentation", "- c", "  1. another kind"], True)
def test_scanned_documents_equal_mistunes(lines: list[str], final_newline: bool) -> None:
    text = "\n".join(lines) + ("\n" if final_newline else "")
    same(text)


# Without the pieces the scanner always declines, most documents take the fast path.
PLAIN_PIECES = [piece for piece in LINE_PIECES if not piece.startswith(("<div", "===", "     "))]


@given(st.lists(st.sampled_from(PLAIN_PIECES), max_size=15))
@settings(max_examples=6 * settings().max_examples)
@example(["```", "", "", "```", "```", "```"])  # code ending in blank lines, then more code
def test_plain_documents_are_mostly_scanned_and_equal_mistunes(lines: list[str]) -> None:
    same("\n".join(lines) + "\n")


def test_an_item_nested_on_the_line_of_a_two_digit_marker_is_placed_after_it() -> None:
    # The mistune path searched for the inner marker from the outer marker's second
    # character, and took the "0." of "10." for it (the list fuzzer found it).
    for document in (scan("10. - d\n"), parse_with_mistune("10. - d\n")):
        assert document is not None
        inner = document.nodes[0].children[0].children[0].children[0]
        assert (inner.kind, inner.marker, inner.column) == ("list_item", "-", 5)


def test_code_ending_in_blank_lines_spans_to_its_closing_fence() -> None:
    # Both parsers once ended such a block early (trailing blank lines were not
    # counted), and the mistune path then put the next block on the closing fence.
    text = "```\n\n\n```\n```\n```\n"
    for document in (scan(text), parse_with_mistune(text)):
        assert document is not None
        assert [(node.kind, node.line, node.end_line) for node in document.nodes] == [("code", 1, 4), ("code", 5, 6)]


def test_each_definition_is_read_from_its_own_two_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    # Reading on to the next blank line made a run of definitions quadratic: 4,000 of them
    # took 12 s. Each definition is now given its line and the next, whatever follows.
    from mistune.core import BlockState

    given: list[str] = []
    process = BlockState.process

    def spy(self: BlockState, src: str) -> None:
        given.append(src)
        process(self, src)

    monkeypatch.setattr(BlockState, "process", spy)
    text = "# T\n\n" + "".join(f"[r{number}]: https://example.org/{number}\n" for number in range(500))
    scanned = scan(text)
    assert scanned is not None and len(scanned.env["ref_links"]) == 500
    assert len(given) == 500
    assert max(source.count("\n") for source in given) == 2


@given(
    st.text(
        alphabet=st.sampled_from([*map(chr, range(0x80)), "\x85", "\xa0", "\u2028", "\ufeff", "é", "—", "\ud800", "😀"])
    )
)
@example("plain text\nover lines\n")
@example("a tab\there")
@example("carriage\r\nreturn")
@example("del \x7f")
def test_odd_characters_are_found_as_the_expression_finds_them(text: str) -> None:
    from compass_lint.markdown.scan_lines import ODD_CHARACTERS, has_odd_characters

    assert has_odd_characters(text) == (ODD_CHARACTERS.search(text) is not None)
