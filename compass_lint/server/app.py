"""The language server: pygls handlers over ``Session``, diagnostics published per document version.

Every handler runs on the main thread, in the order the client sent its
messages: the time budget (``compass_lint.core.deadline``, SIGALRM) can
only interrupt the main thread, and a lint of a 10 KB report takes a few
milliseconds, so a document is linted as soon as it changes, with no
debounce delay. A result is published only while its version is still the
document's (a newer change drops it), and a document's diagnostics always
carry the version they were computed for.

Nothing a client sends may stop the server: a handler's failure, a message
that is not JSON, an unknown method, an invalid range are logged to the
client (``window/logMessage``) and the server goes on.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from compass_lint import __version__
from compass_lint.core.deadline import deadline
from compass_lint.server.actions import FIX_ALL, Change, Fixer, code_action, wanted
from compass_lint.server.convert import diagnostics, split_lines
from compass_lint.server.outline import hover, symbols
from compass_lint.server.session import CONFIG_NAMES, SCHEMA_SUFFIXES, Linted, OverBudget, Session

_WATCHED = ("**/*.md", "**/.compass-lint.toml", "**/pyproject.toml", "**/*.json")


class CompassServer(LanguageServer):
    """The server's state: the session, each open document's path and its last published findings."""

    def __init__(self) -> None:
        super().__init__("compass-lint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.session = Session(self._open_buffer, self.log)
        self.paths: dict[str, str] = {}  # open documents: resolved path -> uri
        self.linted: dict[str, Linted] = {}  # by uri: what was last published
        self.fixers: dict[str, tuple[int | None, Fixer]] = {}  # by uri: the fixes of one version

    def log(self, message: str, kind: types.MessageType = types.MessageType.Warning) -> None:
        """Tell the client (``window/logMessage``)."""
        self.window_log_message(types.LogMessageParams(type=kind, message=f"compass-lint: {message}"))

    def report_server_error(self, error: Exception, source: Any) -> None:
        """pygls's own errors (a message that is not JSON …) are logged by ``_ToClient``, not shown as pop-ups."""

    def _open_buffer(self, key: str) -> bytes | None:
        uri = self.paths.get(key)
        if uri is None:
            return None
        return self.workspace.get_text_document(uri).source.encode("utf-8", "surrogatepass")

    @property
    def encoding(self) -> str:
        """The position encoding agreed with the client."""
        return str(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)

    def path_of(self, uri: str) -> str | None:
        """The resolved file path of a ``file:`` URI (None for other schemes)."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        return os.path.realpath(path) if path else None

    def lint(self, uri: str) -> None:
        """Lint an open document and publish its diagnostics, unless a newer version came meanwhile."""
        document = self.workspace.text_documents.get(uri)
        path = self.path_of(uri)
        if document is None or path is None:
            return
        version, text = document.version, document.source
        try:
            linted = self.session.lint(path, text.encode("utf-8", "surrogatepass"), version)
        except Exception as error:  # noqa: BLE001 - one document must not stop the server
            self.log(f"{path}: could not be checked ({type(error).__name__}: {error})", types.MessageType.Error)
            return
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version:
            return  # a newer version is on its way: never publish a stale one
        self.linted[uri] = linted
        found = diagnostics(linted.findings, text, self.encoding)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=version)
        )

    def lint_others(self, uri: str | None = None) -> None:
        """Lint the open documents (but ``uri``) again: a report they read changed.

        With ``uri``, only those that may read it: in its folder, or anywhere when series are configured.
        """
        path = self.path_of(uri) if uri is not None else None
        folder = os.path.dirname(path) if path is not None else None
        everywhere = folder is None or bool(self.session.config(folder).series)
        for key, other in list(self.paths.items()):
            if other != uri and (everywhere or os.path.dirname(key) == folder):
                self.lint(other)

    def fixer(self, uri: str) -> Fixer | None:
        """The fixes of the document's current version (made once per version)."""
        document = self.workspace.text_documents.get(uri)
        path = self.path_of(uri)
        if document is None or path is None:
            return None
        cached = self.fixers.get(uri)
        if cached is None or cached[0] != document.version:
            cached = self.fixers[uri] = (document.version, Fixer(self.session, path, document.source))
        return cached[1]


class _ToClient(logging.Handler):
    """pygls's warnings and errors (unknown methods, messages that do not parse, failed handlers) as logMessage."""

    def __init__(self, server: CompassServer) -> None:
        super().__init__(logging.WARNING)
        self.server = server
        self.busy = False

    def emit(self, record: logging.LogRecord) -> None:
        if self.busy:
            return  # sending the message failed and logged: no loop
        self.busy = True
        try:
            kind = types.MessageType.Error if record.levelno >= logging.ERROR else types.MessageType.Warning
            text = record.getMessage().split("\n", 1)[0]
            if record.exc_info and record.exc_info[1] is not None:
                text += f" ({type(record.exc_info[1]).__name__}: {record.exc_info[1]})"
            self.server.log(text, kind)
        except Exception:  # noqa: BLE001 - logging must never raise
            pass
        finally:
            self.busy = False


def build() -> CompassServer:
    """The server with every feature registered."""
    server = CompassServer()
    logging.getLogger("pygls").addHandler(_ToClient(server))
    logging.getLogger("pygls").setLevel(logging.WARNING)

    @server.feature(types.INITIALIZED)
    def initialized(ls: CompassServer, params: types.InitializedParams) -> None:
        watched = ls.client_capabilities.workspace
        changes = watched.did_change_watched_files if watched is not None else None
        if changes is None or not changes.dynamic_registration:
            return
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=pattern) for pattern in _WATCHED]
        )
        registration = types.Registration(
            id="compass-lint-watched-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options
        )
        ls.client_register_capability(types.RegistrationParams(registrations=[registration]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CompassServer, params: types.DidOpenTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = ls.path_of(uri)
        if path is not None:
            ls.paths[path] = uri
        ls.lint(uri)
        ls.lint_others(uri)  # its buffer may not be what they read from disk

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CompassServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.lint(params.text_document.uri)
        if len(ls.paths) > 1:
            ls.lint_others(params.text_document.uri)  # a report open beside it may be its successor

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: CompassServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CompassServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = ls.path_of(uri)
        ls.paths.pop(path or "", None)
        ls.linted.pop(uri, None)
        ls.fixers.pop(uri, None)
        ls.session.forget_files()  # an unsaved buffer is gone: the file on disk is what others read now
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        ls.lint_others()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: CompassServer, params: types.DidChangeWatchedFilesParams) -> None:
        names = [os.path.basename(ls.path_of(change.uri) or change.uri) for change in params.changes]
        if any(name in CONFIG_NAMES or name.endswith(SCHEMA_SUFFIXES) for name in names):
            ls.session.forget_config()
        else:
            ls.session.forget_files()
        ls.fixers.clear()
        ls.lint_others()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: CompassServer, params: types.HoverParams) -> types.Hover | None:
        linted = ls.linted.get(params.text_document.uri)
        if linted is None:
            return None
        return hover(linted.findings, params.position.line + 1)

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def document_symbols(ls: CompassServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
        uri = params.text_document.uri
        linted, path = ls.linted.get(uri), ls.path_of(uri)
        document = ls.workspace.text_documents.get(uri)
        if linted is None or not linted.report or path is None or document is None or _gave_up(linted):
            return []
        try:
            report = ls.session.report(path, document.source.encode("utf-8", "surrogatepass"))
        except OverBudget:
            ls.log(f"{path}: outline not shown (over the time budget)")
            return []
        return [] if report is None else symbols(report, split_lines(document.source), ls.encoding)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]),
    )
    def code_actions(ls: CompassServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return _code_actions(ls, params)

    return server


def _gave_up(linted: Linted) -> bool:
    """Whether the last lint stopped at the time budget or could not read the text: nothing more to offer."""
    return any(f.code in ("CL901", "CL902") for f in linted.findings)


def _code_actions(ls: CompassServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    linted = ls.linted.get(uri)
    document = ls.workspace.text_documents.get(uri)
    fixer = ls.fixer(uri)
    if linted is None or document is None or fixer is None or _gave_up(linted) or linted.version != document.version:
        return []
    only = [str(kind) for kind in params.context.only] if params.context.only else None
    first, last = sorted((params.range.start.line + 1, params.range.end.line + 1))
    here = [f for f in linted.findings if first <= f.line <= last or f.line <= first <= (f.end_line or f.line)]
    found: list[types.CodeAction] = []

    def offer(change: Change | None, kind: str, related: list[types.Diagnostic]) -> None:
        if change is not None and (action := code_action(change, document.source, kind, uri, ls.encoding, related)):
            found.append(action)

    try:
        with deadline(fixer.config.time_budget, OverBudget):
            for finding in here:
                related = diagnostics((finding,), document.source, ls.encoding)
                if wanted(types.CodeActionKind.QuickFix, only):
                    offer(fixer.fix(finding), types.CodeActionKind.QuickFix, related)
                    offer(fixer.disable(finding), types.CodeActionKind.QuickFix, related)
            if wanted(FIX_ALL, only) and (only is not None or here):
                offer(fixer.fix_all(), FIX_ALL, [])
            fixer.restore()
    except OverBudget:
        ls.log(f"{fixer.path}: fixes not offered (over the time budget)")
    return found


def serve() -> None:
    """Run the server on standard input and output until the client says exit."""
    build().start_io()
