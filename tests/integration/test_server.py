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
from functools import partial
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pytest_lsp", reason="the server extra and pytest-lsp are not installed (pip install '.[test]')")

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from compass_lint.rules import RULES_BY_CODE

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "fixtures" / "demo"
PUBLISH = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
TIMEOUT = 60.0  # the first lint imports the engine; a shared machine may be slow
INITIALIZED: dict[int, types.InitializeResult] = {}  # each test's client: what the server answered
REGISTERED: dict[int, list[types.Registration]] = {}  # each test's client: what the server registered
PUBLISHED: dict[int, list[types.PublishDiagnosticsParams]] = {}  # each test's client: every publication
pytestmark = pytest.mark.asyncio


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The two demo reports, alone in a folder (the server's series is the folder)."""
    reports = tmp_path / "reports"
    reports.mkdir()
    for report in DEMO.glob("*.md"):
        shutil.copy(report, reports / report.name)
    return reports


@pytest_lsp.fixture(  # type: ignore[untyped-decorator]  # pytest-lsp's decorator is not typed
    config=ClientServerConfig(server_command=[sys.executable, "-m", "compass_lint", "server"])
)
async def client(lsp_client: LanguageClient, folder: Path) -> Any:
    # pytest-lsp's client announces dynamic registration (as VS Code does) but has no handler for it.
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)  # type: ignore[untyped-decorator]
    def register(params: types.RegistrationParams) -> None:
        REGISTERED.setdefault(id(lsp_client), []).extend(params.registrations)

    # Every publication is kept: waiting for "the next one" would miss one that follows another closely.
    def publish(params: types.PublishDiagnosticsParams) -> None:
        PUBLISHED.setdefault(id(lsp_client), []).append(params)
        lsp_client.diagnostics[params.uri] = params.diagnostics

    lsp_client.protocol.fm.features[PUBLISH] = publish
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
    """Send something, then wait for the next diagnostics of ``uri`` at ``version`` (None: any version)."""
    seen = PUBLISHED.setdefault(id(client), [])
    start = len(seen)
    result = send()
    if isinstance(result, Awaitable):
        await result

    async def until() -> list[types.Diagnostic]:
        while True:
            for params in seen[start:]:
                if params.uri == uri and (version is None or params.version == version):
                    return list(params.diagnostics)
            await asyncio.sleep(0.005)

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
    # The server asks to hear of reports, configurations and schemas changed on disk.
    for _ in range(200):
        if id(client) in REGISTERED:
            break
        await asyncio.sleep(0.01)
    [registration] = REGISTERED[id(client)]
    assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    options = client.protocol._converter.structure(
        registration.register_options, types.DidChangeWatchedFilesRegistrationOptions
    )
    assert [w.glob_pattern for w in options.watchers] == [
        "**/*.md",
        "**/.compass-lint.toml",
        "**/pyproject.toml",
        "**/*.json",
    ]


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


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply text edits (ASCII text: characters are UTF-16 units) the way an editor does."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def offset(where: types.Position) -> int:
        return min(offsets[where.line] + where.character, len(text))

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


async def actions_for(
    client: LanguageClient, path: Path, line: int, only: list[str] | None = None
) -> list[types.CodeAction]:
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            range=types.Range(start=types.Position(line=line, character=0), end=types.Position(line=line, character=0)),
            context=types.CodeActionContext(diagnostics=[], only=only),
        )
    )
    return [action for action in found or [] if isinstance(action, types.CodeAction)]


def edits_of(action: types.CodeAction, path: Path) -> list[types.TextEdit]:
    assert action.edit is not None and action.edit.changes is not None
    return [e for e in action.edit.changes[path.as_uri()] if isinstance(e, types.TextEdit)]


async def test_the_cl101_quick_fix_inserts_the_missing_section(client: LanguageClient, folder: Path) -> None:
    february = folder / "2026-02-27.md"
    text = february.read_text(encoding="utf-8")
    await published(client, february.as_uri(), 1, lambda: open_document(client, february))
    actions = await actions_for(client, february, 43)  # line 44: the missing section 4 goes before section 5
    titles = [a.title for a in actions]
    # Fix all is offered too wherever there is a finding (as ruff's server does).
    assert titles == [
        "CL101: insert missing sections",
        "Disable CL101 for this line",
        "Fix all safe compass-lint problems",
    ]
    fix = actions[0]
    assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
    assert fix.diagnostics is not None and [d.code for d in fix.diagnostics] == ["CL101"]
    fixed = apply(text, edits_of(fix, february))
    lines = text.split("\n")
    assert fixed == "\n".join([*lines[:42], "", "## 4. Team Metrics", "", "-", *lines[42:]])
    # The fixed text has no CL101 left, and nothing new.
    after = await published(client, february.as_uri(), 2, lambda: replace_all(client, february, fixed, 2))
    assert sorted(str(d.code) for d in after) == ["CL103", "CL106", "CL204", "CL301", "CL301", "CL303"]


async def test_disable_comment_and_fix_all(client: LanguageClient, folder: Path, tmp_path: Path) -> None:
    february = folder / "2026-02-27.md"
    text = february.read_text(encoding="utf-8")
    await published(client, february.as_uri(), 1, lambda: open_document(client, february))
    stale = await actions_for(client, february, 34)  # line 35: a stale action
    assert [a.title for a in stale] == ["Disable CL301 for this line", "Fix all safe compass-lint problems"]
    disabled = apply(text, edits_of(stale[0], february))
    assert disabled.split("\n")[34:36] == [
        "<!-- compass-lint disable-next-line CL301 -->",
        "- Write the contributor onboarding guide (Priya)",
    ]
    # Fix all: the same text as `compass-lint fix` writes.
    every = await actions_for(client, february, 0, only=["source.fixAll"])
    assert [(a.title, a.kind) for a in every] == [("Fix all safe compass-lint problems", "source.fixAll.compass-lint")]
    copy = tmp_path / "fixed"
    shutil.copytree(folder, copy)
    subprocess.run([sys.executable, "-m", "compass_lint", "fix", "2026-02-27.md"], cwd=copy, check=False)
    assert apply(text, edits_of(every[0], february)) == (copy / "2026-02-27.md").read_text(encoding="utf-8")


async def test_hover_explains_the_rule(client: LanguageClient, folder: Path) -> None:
    february = folder / "2026-02-27.md"
    await published(client, february.as_uri(), 1, lambda: open_document(client, february))

    async def hover(line: int) -> str | None:
        found = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=february.as_uri()),
                position=types.Position(line=line, character=3),
            )
        )
        if found is None:
            return None
        assert isinstance(found.contents, types.MarkupContent)
        return found.contents.value

    shown = await hover(34)
    assert shown is not None
    assert shown.startswith("**CL301 stale-action**")
    assert "action open since 2026-01-30.md" in shown
    assert shown.endswith(RULES_BY_CODE["CL301"].documentation())
    assert await hover(2) is None  # no finding on line 3


async def test_document_symbols_are_the_outline(client: LanguageClient, folder: Path) -> None:
    february = folder / "2026-02-27.md"
    await published(client, february.as_uri(), 1, lambda: open_document(client, february))
    found = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=february.as_uri()))
    )
    assert found is not None
    symbols = [s for s in found if isinstance(s, types.DocumentSymbol)]
    fields = [s.name for s in symbols if s.kind == types.SymbolKind.Field]
    assert fields == ["Goal", "Opening Date", "Closing Date", "Next monthly meeting"]
    sections = [s for s in symbols if s.kind == types.SymbolKind.Namespace]
    assert [s.name for s in sections] == ["Actions", "News, Information, and Thanks", "Notes about this document"]
    actions = sections[0]
    assert (actions.range.start.line, actions.range.end.line) == (11, 40)  # "## Actions" to the line before "# News"
    assert [c.name for c in actions.children or []] == [
        "1. Help or discussion needed; Agenda Items for Monthly Meeting",
        "2. Decisions needed",
        "3. Next actions (team)",
    ]
    first = (actions.children or [])[0]
    assert [(c.name, c.detail) for c in first.children or []] == [
        ("1.1 Open PRs", None),
        ("3.2 Open issues", "1.2 Open issues"),
    ]
    assert first.selection_range.start.line == 13


async def test_a_predecessor_changed_on_disk_updates_cl301(client: LanguageClient, folder: Path) -> None:
    february, january = folder / "2026-02-27.md", folder / "2026-01-30.md"
    before = await published(client, february.as_uri(), 1, lambda: open_document(client, february))
    assert [d.range.start.line + 1 for d in before if d.code == "CL301"] == [35, 36]
    text = january.read_text(encoding="utf-8")
    january.write_text(text.replace("- Write the contributor onboarding guide (Priya)\n", ""), encoding="utf-8")
    changed = types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=january.as_uri(), type=types.FileChangeType.Changed)]
    )
    after = await published(client, february.as_uri(), 1, lambda: client.workspace_did_change_watched_files(changed))
    assert [d.range.start.line + 1 for d in after if d.code == "CL301"] == [36]


async def test_an_open_predecessor_is_read_from_its_buffer(client: LanguageClient, folder: Path) -> None:
    february, january = folder / "2026-02-27.md", folder / "2026-01-30.md"
    await published(client, february.as_uri(), 1, lambda: open_document(client, february))
    edited = january.read_text(encoding="utf-8").replace(
        "- Set up the shared calendar for the release train [RM]\n", ""
    )
    # Opening January with other text than on disk lints February again, against the buffer.
    after = await published(client, february.as_uri(), 1, lambda: open_document(client, january, edited))
    assert [d.range.start.line + 1 for d in after if d.code == "CL301"] == [35]


async def hover_text(client: LanguageClient, path: Path, line: int) -> str | None:
    found = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            position=types.Position(line=line, character=0),
        )
    )
    return found.contents.value if found is not None and isinstance(found.contents, types.MarkupContent) else None


async def logged(client: LanguageClient, words: str) -> str:
    """The first logMessage holding ``words`` (waiting for it a while)."""
    for _ in range(int(TIMEOUT * 100)):
        for message in client.log_messages:
            if words in message.message:
                return message.message
        await asyncio.sleep(0.01)
    raise AssertionError(f"no logMessage with {words!r}: {[m.message for m in client.log_messages]}")


async def test_a_pathological_report_stops_at_the_time_budget(client: LanguageClient, folder: Path) -> None:
    february = folder / "2026-02-27.md"
    (folder / ".compass-lint.toml").write_text("time-budget = 0.5\n", encoding="utf-8")
    await published(client, february.as_uri(), 1, lambda: open_document(client, february))
    # 4,000 nested one-line lists and 60,000 items: parsing takes seconds (see tests/unit/test_runner.py).
    hostile = folder / "2026-03-27.md"
    text = (
        "# T\n\n#### Opening Date: 28 Feb 2026\n\n## Agenda\n\n## Action items\n\n"
        + "- " * 4000
        + "x\n"
        + "- item\n" * 60000
    )
    found = await published(client, hostile.as_uri(), 1, lambda: open_document(client, hostile, text))
    assert [(place(d), d.message) for d in found] == [
        ((1, 1, "CL902"), "gave up after the 0.5 s time budget (wall clock; a re-run may pass)")
    ]
    # The server answers the next requests, and does not parse the document again for them.
    assert (await hover_text(client, february, 34) or "").startswith("**CL301")
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=hostile.as_uri()))
    )
    assert symbols == []


async def test_malformed_messages_and_unknown_methods_are_logged(client: LanguageClient, folder: Path) -> None:
    february = folder / "2026-02-27.md"
    await published(client, february.as_uri(), 1, lambda: open_document(client, february))
    server = client._server
    assert server is not None and server.stdin is not None
    server.stdin.write(b"Content-Length: 7\r\n\r\n{oops!}")
    await server.stdin.drain()
    assert "Unable to handle message" in await logged(client, "Unable to handle message")
    with pytest.raises(Exception, match="compass/nothing"):
        await client.protocol.send_request_async("compass/nothing", {})  # type: ignore[no-untyped-call]
    client.protocol.notify("compass/nothingEither", {})
    assert "compass/nothingEither" in await logged(client, "compass/nothingEither")
    assert (await hover_text(client, february, 34) or "").startswith("**CL301")


async def test_nul_bytes_and_invalid_ranges_do_not_stop_the_server(client: LanguageClient, folder: Path) -> None:
    february = folder / "2026-02-27.md"
    text = february.read_text(encoding="utf-8")
    with_nul = text.replace("Pick a date", "Pick\x00 a date")
    found = await published(client, february.as_uri(), 1, lambda: open_document(client, february, with_nul))
    assert [(place(d), d.message) for d in found] == [((31, 1, "CL901"), "file looks binary (it contains a NUL byte)")]
    assert await actions_for(client, february, 30) == []
    # A change far past the end of the document, and one whose start comes after its end.
    for version, (start, end) in enumerate([((500, 0), (501, 0)), ((20, 5), (10, 0))], start=2):
        change = types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(*start), end=types.Position(*end)), text="x"
        )
        params = types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=february.as_uri(), version=version),
            content_changes=[change],
        )
        await published(client, february.as_uri(), version, partial(client.text_document_did_change, params))
    # Requests about places that do not exist get empty answers.
    assert await hover_text(client, february, 10_000) is None
    assert await actions_for(client, february, 10_000) == []
    fixed = await published(client, february.as_uri(), 9, lambda: replace_all(client, february, text, 9))
    assert len(fixed) == 7


async def test_a_configuration_broken_while_open_is_logged(client: LanguageClient, folder: Path) -> None:
    february = folder / "2026-02-27.md"
    config = folder / ".compass-lint.toml"
    config.write_text('ignore = ["CL3"]\n', encoding="utf-8")
    first = await published(client, february.as_uri(), 1, lambda: open_document(client, february))
    assert sorted(str(d.code) for d in first) == ["CL101", "CL103", "CL106", "CL204"]
    config.write_text("ignore = [\n", encoding="utf-8")
    event = types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]
    )
    broken = await published(client, february.as_uri(), 1, lambda: client.workspace_did_change_watched_files(event))
    assert sorted(str(d.code) for d in broken) == ["CL101", "CL103", "CL106", "CL204"], "the last good one stays"
    assert "not valid TOML" in await logged(client, "configuration not used")
    config.write_text('ignore = ["CL1"]\n', encoding="utf-8")
    mended = await published(client, february.as_uri(), 1, lambda: client.workspace_did_change_watched_files(event))
    assert sorted(str(d.code) for d in mended) == ["CL204", "CL301", "CL301", "CL303"]


async def test_markdown_that_is_not_a_report_gets_nothing(client: LanguageClient, folder: Path) -> None:
    # The server asks discovery, as `check .` does: a README is never a report.
    readme = folder / "README.md"
    meeting = "# Team meeting\n\n#### Opening Date: 1 Jan 2026\n\n## Agenda\n"
    found = await published(client, readme.as_uri(), 1, lambda: open_document(client, readme, meeting))
    assert found == []
    notes = folder / "notes.md"
    found = await published(client, notes.as_uri(), 1, lambda: open_document(client, notes, "# Notes\n\n## 9. Odd\n"))
    assert found == []
    # Once it has a meeting date and meeting sections, it is a report.
    readme = notes
    dated = meeting
    again = await published(client, readme.as_uri(), 2, lambda: replace_all(client, readme, dated, 2))
    assert "CL101" in {str(d.code) for d in again}
