"""``compass-lint server`` end to end: a real server process over stdio, driven by pytest-lsp's client.

The demo February report and its January predecessor are copied to a
folder of their own; the server must give the findings ``check`` gives, at
the same places, and keep answering whatever the client sends.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pytest_lsp", reason="the server extra and pytest-lsp are not installed (pip install '.[test]')")

import pytest_lsp  # noqa: E402
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "fixtures" / "demo"
PUBLISH = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
TIMEOUT = 60.0  # the first lint imports the engine; a shared machine may be slow
INITIALIZED: dict[int, types.InitializeResult] = {}  # each test's client: what the server answered
REGISTERED: dict[int, list[types.Registration]] = {}  # each test's client: what the server registered
pytestmark = pytest.mark.asyncio


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The two demo reports, alone in a folder (the server's series is the folder)."""
    reports = tmp_path / "reports"
    reports.mkdir()
    for report in DEMO.glob("*.md"):
        shutil.copy(report, reports / report.name)
    return reports


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "compass_lint", "server"]))
async def client(lsp_client: LanguageClient, folder: Path) -> Any:
    # pytest-lsp's client announces dynamic registration (as VS Code does) but has no handler for it.
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        REGISTERED.setdefault(id(lsp_client), []).extend(params.registrations)

    INITIALIZED[id(lsp_client)] = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name="reports")],
        )
    )
    yield
    await lsp_client.shutdown_session()


async def published(
    client: LanguageClient, uri: str, version: int | None, send: Callable[[], object]
) -> list[types.Diagnostic]:
    """Send something and wait for the diagnostics of ``uri`` at ``version`` (None: any version)."""
    waiting = client.protocol.wait_for_notification(PUBLISH)
    result = send()
    if isinstance(result, Awaitable):
        await result

    async def until() -> list[types.Diagnostic]:
        nonlocal waiting
        while True:
            params: types.PublishDiagnosticsParams = await asyncio.wrap_future(waiting)
            waiting = client.protocol.wait_for_notification(PUBLISH)
            if params.uri == uri and (version is None or params.version == version):
                return list(params.diagnostics)

    return await asyncio.wait_for(until(), TIMEOUT)


def open_document(client: LanguageClient, path: Path, text: str | None = None, version: int = 1) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=path.as_uri(),
                language_id="markdown",
                version=version,
                text=path.read_text(encoding="utf-8") if text is None else text,
            )
        )
    )


def replace_all(client: LanguageClient, path: Path, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def cli_findings(folder: Path, name: str) -> list[dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, "-m", "compass_lint", "check", "--no-cache", "--format", "json", name],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    found: list[dict[str, Any]] = json.loads(done.stdout)
    return found


def place(diagnostic: types.Diagnostic) -> tuple[int, int, str]:
    return (diagnostic.range.start.line + 1, diagnostic.range.start.character + 1, str(diagnostic.code))


async def test_initialize_announces_the_features(client: LanguageClient) -> None:
    result = INITIALIZED[id(client)]
    assert result.server_info is not None
    assert result.server_info.name == "compass-lint"
    capabilities = result.capabilities
    assert capabilities.hover_provider
    assert capabilities.document_symbol_provider
    assert isinstance(capabilities.code_action_provider, types.CodeActionOptions)
    assert list(capabilities.code_action_provider.code_action_kinds or []) == ["quickfix", "source.fixAll.compass-lint"]
    assert isinstance(capabilities.text_document_sync, types.TextDocumentSyncOptions)
    assert capabilities.text_document_sync.change == types.TextDocumentSyncKind.Incremental


async def test_the_february_report_has_the_findings_of_check(client: LanguageClient, folder: Path) -> None:
    february = folder / "2026-02-27.md"
    found = await published(client, february.as_uri(), 1, lambda: open_document(client, february))
    expected = cli_findings(folder, "2026-02-27.md")
    assert len(expected) == 7
    assert [place(d) for d in found] == [(f["line"], f["column"], f["code"]) for f in expected]
    assert [d.message for d in found] == [f["message"] for f in expected]
    severities = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning}
    severities["info"] = types.DiagnosticSeverity.Information
    assert [d.severity for d in found] == [severities[f["severity"]] for f in expected]
    stale = next(d for d in found if d.code == "CL301")
    assert stale.code_description is not None
    assert stale.code_description.href.endswith("/docs/rules.md#cl301-stale-action")
    assert stale.related_information is not None
    first_seen = stale.related_information[0].location
    assert first_seen.uri == (folder / "2026-01-30.md").resolve().as_uri()
    assert first_seen.range.start.line == 34  # line 35 of January's report
    # Without an end of its own, a finding covers the rest of its line.
    lines = february.read_text(encoding="utf-8").split("\n")
    assert stale.range.end == types.Position(line=34, character=len(lines[34]))
