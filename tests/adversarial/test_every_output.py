"""Every command and every output format, on a checkout whose file and folder names and texts carry a
newline and a terminal escape: no line of any stream starts a workflow command, and no ESC or BEL is
written raw (issue 20, 3: "never print a raw newline from untrusted text, on any stream, in any command")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from attacks import Attack

ROOT = Path(__file__).resolve().parents[2]
DEMO = (ROOT / "fixtures" / "demo" / "2026-01-30.md").read_text(encoding="utf-8")
OSC52 = "\x1b]52;c;SGVsbG8=\x07"
NAME = "a\n::add-mask::x.md"
FOLDER = "d\n::add-mask::y"
# The demo report with a finding (a bold-line section), an escape in a title and in an open action.
HOSTILE = DEMO.replace("## 2. Decisions needed", f"**2. Decisions {OSC52}needed**", 1).replace(
    "Write the contributor onboarding guide", f"Write the {OSC52}onboarding guide", 1
)

COMMANDS = [
    *(["check", "--no-cache", "--format", name, NAME] for name in ("text", "json", "github", "sarif", "junit")),
    ["check", "--no-cache", "--format", "gitlab", NAME],
    ["check", "--no-cache", "--statistics", NAME],
    ["check", "--no-cache", "--format", "github", "."],
    ["actions", NAME],
    ["actions", "--format", "json", NAME],
    ["actions", "--format", "html", NAME],
    ["actions", "--format", "html", FOLDER],
    ["fix", "--diff", NAME],
    ["check", "--fix", "--diff", NAME],
    ["init", "--dry-run"],
    ["new", FOLDER, "-o", "-"],
]


def _injected(raw: bytes) -> list[bytes]:
    return [line for line in raw.replace(b"\r", b"\n").split(b"\n") if line.lstrip().startswith(b"::add-mask::")]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c).replace("\n", "\\n"))
def test_no_output_line_starts_a_workflow_command(attack: Attack, command: list[str]) -> None:
    attack.write(NAME, HOSTILE)
    attack.write(f"{FOLDER}/2026-01-30.md", DEMO)
    attack.write(f"{FOLDER}/2026-02-27.md", HOSTILE.replace("2026-01-30", "2026-02-27"))
    result = attack.run(*command)
    assert result.code in (0, 1), result.err
    raw = result.raw_out + result.raw_err
    assert _injected(raw) == [], raw.decode("utf-8", "replace")[-2000:]
    if "json" in command or "sarif" in command:
        json.loads(result.out)  # a machine format stays what it is (its encoder escapes the text)
    elif "--diff" in command:
        # In a pipe a diff keeps the file's bytes, so that patch can apply it; each of its lines
        # starts with its mark. (On a terminal it is escaped: tests/integration/test_terminal.py.)
        assert OSC52.encode() in result.raw_out
        assert all(line[:1] in (b"", b"-", b"+", b" ", b"@") for line in result.raw_out.split(b"\n")), raw
    else:
        assert b"\x1b" not in raw and b"\x07" not in raw
