"""A minimal Language Server Protocol client over stdio, for timing servers (standard library only).

    python bench/lsp_client.py REPORT.md [--edits 25] -- SERVER COMMAND...

prints the start-up to the first diagnostics and the median re-lint after
one keystroke (``measure``). An edit types a character at the end of a line
of the report (and the next one deletes it, so the text stays near the
original); its time runs from sending ``didChange`` to receiving the
diagnostics that carry its version.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any, NamedTuple


class Timing(NamedTuple):
    """Seconds from spawn to the first diagnostics, and each edit's seconds to its diagnostics."""

    start: float
    edits: list[float]


class Connection:
    """JSON-RPC with Content-Length framing over a child's pipes."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        self.child = subprocess.Popen(
            command, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        assert self.child.stdin is not None and self.child.stdout is not None
        self._in: IO[bytes] = self.child.stdin
        self._out: IO[bytes] = self.child.stdout
        self._next_id = 0

    def send(self, method: str, params: Any, request: bool = False) -> int | None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        sent = None
        if request:
            self._next_id += 1
            sent = message["id"] = self._next_id
        body = json.dumps(message).encode("utf-8")
        self._in.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self._in.flush()
        return sent

    def receive(self) -> dict[str, Any]:
        length = 0
        while True:
            line = self._out.readline()
            if not line:
                raise SystemExit("lsp_client: the server closed its output")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        message: dict[str, Any] = json.loads(self._out.read(length))
        if "method" in message and "id" in message:  # a request of the server's: answer it, empty
            body = json.dumps({"jsonrpc": "2.0", "id": message["id"], "result": None}).encode("utf-8")
            self._in.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
            self._in.flush()
        return message

    def until(self, method: str | None = None, answer: int | None = None, version: int | None = None) -> None:
        """Read until a notification ``method`` (at ``version``), or the answer to request ``answer``."""
        while True:
            message = self.receive()
            if answer is not None and message.get("id") == answer and "method" not in message:
                return
            at = version is None or message.get("params", {}).get("version") == version
            if method is not None and message.get("method") == method and at:
                return

    def close(self) -> None:
        try:
            self.until(answer=self.send("shutdown", None, request=True))
            self.send("exit", None)
            self.child.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired, SystemExit):
            self.child.kill()
            self.child.wait()


def measure(command: list[str], report: Path, edits: int) -> Timing:
    """Start a server, open ``report``, time its first diagnostics and ``edits`` keystrokes."""
    text = report.read_text(encoding="utf-8")
    lines = text.split("\n")
    uri = report.resolve().as_uri()
    start = time.perf_counter()
    server = Connection(command, report.parent)
    try:
        root = report.parent.resolve()
        initialize = {"processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": {}}
        server.until(answer=server.send("initialize", initialize, request=True))
        server.send("initialized", {})
        item = {"uri": uri, "languageId": "markdown", "version": 1, "text": text}
        server.send("textDocument/didOpen", {"textDocument": item})
        server.until("textDocument/publishDiagnostics", version=1)
        started = time.perf_counter() - start
        # Type at the end of the longest of the report's middle lines (an action item in most reports).
        middle = lines[len(lines) // 4 : 3 * len(lines) // 4] or lines
        line = lines.index(max(middle, key=len))
        column = len(lines[line])
        timings: list[float] = []
        for version in range(2, edits + 2):
            typed = version % 2 == 0
            end = column if typed else column + 1
            change = {
                "range": {"start": {"line": line, "character": column}, "end": {"line": line, "character": end}},
                "text": "x" if typed else "",
            }
            params = {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}
            sent = time.perf_counter()
            server.send("textDocument/didChange", params)
            server.until("textDocument/publishDiagnostics", version=version)
            timings.append(time.perf_counter() - sent)
        return Timing(started, timings)
    finally:
        server.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("--edits", type=int, default=25)
    parser.add_argument("command", nargs="+")
    args = parser.parse_args(argv)
    timing = measure(args.command, args.report, args.edits)
    median = statistics.median(timing.edits) if timing.edits else float("nan")
    print(f"start-up to first diagnostics: {timing.start * 1000:.0f} ms")
    print(f"re-lint after a keystroke: {median * 1000:.1f} ms (median of {len(timing.edits)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
