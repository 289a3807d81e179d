"""The baseline language server: pygls, a mistune parse of each version, one diagnostic per heading.

    python bench/bare_server.py

What an editor gets from the least a Python Markdown server can do; the
benchmark compares ``compass-lint server`` with it (``bench/run.py``).
"""

from __future__ import annotations

from typing import Any

import mistune
from lsprotocol import types
from pygls.lsp.server import LanguageServer

server = LanguageServer("bare-mistune", "1", text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
markdown = mistune.create_markdown(renderer=None)


def _headings(tokens: list[dict[str, Any]]) -> list[str]:
    found: list[str] = []
    for token in tokens:
        if token.get("type") == "heading":
            found.append("".join(str(child.get("raw", "")) for child in token.get("children", [])))
        found.extend(_headings(token.get("children", [])))
    return found


def publish(ls: LanguageServer, uri: str) -> None:
    document = ls.workspace.get_text_document(uri)
    tokens: Any = markdown(document.source)
    zero = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0))
    found = [types.Diagnostic(range=zero, message=title, source="bare") for title in _headings(tokens)]
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=document.version)
    )


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: LanguageServer, params: types.DidOpenTextDocumentParams) -> None:
    publish(ls, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: LanguageServer, params: types.DidChangeTextDocumentParams) -> None:
    publish(ls, params.text_document.uri)


if __name__ == "__main__":
    server.start_io()
