"""Untrusted text stays text: no raw newline or escape in human output, bounded quotes, no leaks (issue 20, 3)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from attacks import Attack

ROOT = Path(__file__).resolve().parents[2]
DEMO = (ROOT / "fixtures" / "demo" / "2026-01-30.md").read_text(encoding="utf-8")
OSC52 = "\x1b]52;c;SGVsbG8=\x07"
NEWLINE_NAME = "a\n::add-mask::x.md"


def _no_injection(raw: bytes) -> None:
    assert b"\x1b" not in raw and b"\x07" not in raw
    assert not any(line.startswith(b"::add-mask::") for line in raw.split(b"\n"))


def test_osc52_in_a_section_title_is_escaped_in_text_and_kept_in_json(attack: Attack) -> None:
    attack.write("r.md", DEMO.replace("## 2. Decisions needed", f"## 2. Decisions {OSC52}needed", 1))
    text = attack.run("check", "--no-cache", "r.md")
    _no_injection(text.raw_out + text.raw_err)
    assert "\\x1b]52;c;SGVsbG8=\\x07" in text.out
    found = json.loads(attack.run("check", "--no-cache", "--format", "json", "r.md").out)
    assert any(OSC52 in finding["message"] for finding in found), "JSON keeps the original text"


@pytest.mark.parametrize("command", [["check", "--no-cache"], ["fix"], ["check", "--fix", "--no-cache"]])
def test_newline_in_a_file_name_cannot_start_a_workflow_command(attack: Attack, command: list[str]) -> None:
    attack.write(NEWLINE_NAME, DEMO.replace("## 2. Decisions needed", "**2. Decisions needed**", 1))
    result = attack.run(*command, NEWLINE_NAME)
    _no_injection(result.raw_out + result.raw_err)
    assert "a\\x0a::add-mask::x.md" in result.out + result.err


def test_newline_in_a_config_key_or_schema_key(attack: Attack) -> None:
    attack.write(".compass-lint.toml", '"x\\n::add-mask::secret" = 1\n')
    attack.write("2026-02-27.md", DEMO)  # a report by its name: no note besides the one error line
    result = attack.run("check", "2026-02-27.md")
    assert result.code == 2
    _no_injection(result.raw_err)
    assert len(result.err.splitlines()) == 1
    os.unlink(attack.folder / ".compass-lint.toml")
    schema = {"properties": {"sections": {"properties": {"x\n::add-mask::y": {"x-title": 5}}}}}
    attack.write("s.json", json.dumps(schema))
    result = attack.run("check", "--schema", "s.json", "2026-02-27.md")
    assert result.code == 2
    _no_injection(result.raw_err)
    assert len(result.err.splitlines()) == 1


@pytest.mark.skipif(os.name != "posix", reason="non-UTF-8 file names are a POSIX thing")
@pytest.mark.parametrize("output", [["check", "--format", "sarif"], ["actions", "--format", "html"]])
def test_non_utf8_file_name(attack: Attack, output: list[str]) -> None:
    name = os.fsdecode(b"bad\xffname.md")
    (attack.folder / name).write_text(DEMO.replace("## 2. Decisions needed", "**2. Decisions needed**", 1), "utf-8")
    result = attack.run(*output, "--no-cache", ".") if output[0] == "check" else attack.run(*output, ".")
    assert "internal error" not in result.err
    assert result.code in (0, 1)
    assert b"bad%FFname.md" in result.raw_out if output[0] == "check" else b"bad" in result.raw_out


def test_a_30kb_title_is_quoted_cut(attack: Attack) -> None:
    # CL001 quotes the instance jsonschema quotes: a 30 KB report title, whole.
    attack.write("s.json", json.dumps({"properties": {"title": {"maxLength": 100}}}))
    attack.write("r.md", DEMO.replace("# Lighthouse Project Team Meeting", "# " + "T" * 30_000, 1))
    found = json.loads(attack.run("check", "--no-cache", "--schema", "s.json", "--format", "json", "r.md").out)
    longest = max(found, key=lambda f: len(f["message"]))
    assert len(longest["message"]) < 600
    assert "(message cut at 500 of " in longest["message"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_out_of_the_project_is_not_read(attack: Attack, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("# TOPSECRET token=abc123\n", encoding="utf-8")
    attack.write(".compass-lint.toml", "")
    attack.write("2026-02-27.md", DEMO)
    (attack.folder / "2026-01-30.md").symlink_to(secret)
    (attack.folder / "inside.md").symlink_to(attack.folder / "2026-02-27.md")
    result = attack.run("check", "--no-cache", ".")
    assert "TOPSECRET" not in result.out + result.err
    assert "abc123" not in result.out + result.err
    # A folder walk does not take it as a report; named, it is refused without being read.
    named = attack.run("check", "--no-cache", "2026-01-30.md", "2026-02-27.md")
    assert "TOPSECRET" not in named.out + named.err and "abc123" not in named.out + named.err
    assert "2026-01-30.md:1:1: CL901 cannot read file (a symbolic link out of the project; not followed)" in named.out
    assert "inside.md:1:1: CL901" not in result.out, "a link inside the project is fine"
