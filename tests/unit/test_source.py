"""Reading: ``compass_lint.markdown.source.decode`` and what it means for line numbers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from builders import Cli
from hypothesis import given
from hypothesis import strategies as st

from compass_lint.markdown.parse import parse
from compass_lint.markdown.source import SourceText, Unreadable, decode, detect_newline, normalise_newlines

ROOT = Path(__file__).resolve().parents[2]
# A failing report: section 4 is missing, reported at the heading of section 5.
MISSING_METRICS = ROOT / "fixtures" / "CL101" / "fail" / "missing-metrics.md"


def _text(result: SourceText | Unreadable) -> SourceText:
    assert isinstance(result, SourceText), result
    return result


def _unreadable(result: SourceText | Unreadable) -> Unreadable:
    assert isinstance(result, Unreadable), result
    return result


def _lint_json(tmp_path: Path, data: bytes, cli: Cli) -> list[dict[str, Any]]:
    (tmp_path / "report.md").write_bytes(data)
    done = cli("check", "--format", "json", "report.md", cwd=tmp_path)
    assert done.code in (0, 1), done.err
    return done.findings()


# --- BOM and newlines -------------------------------------------------------------------


def test_bom_is_stripped_and_remembered() -> None:
    source = _text(decode(b"\xef\xbb\xbf# Harbor Team Meeting\n\nText\n"))
    assert source.text == "# Harbor Team Meeting\n\nText\n"
    assert source.had_bom is True
    assert _text(decode(b"# Harbor Team Meeting\n")).had_bom is False


def test_first_line_heading_after_bom_is_still_a_heading() -> None:
    source = _text(decode("\ufeff# Harbor Team Meeting\n\nSome text.\n".encode()))
    first = parse(source.text).nodes[0]
    assert (first.kind, first.line, first.level, first.text) == ("heading", 1, 1, "Harbor Team Meeting")


def test_bom_report_keeps_its_title(tmp_path: Path, cli: Cli) -> None:
    data = MISSING_METRICS.read_bytes()
    plain = _lint_json(tmp_path, data, cli)
    with_bom = _lint_json(tmp_path, b"\xef\xbb\xbf" + data, cli)
    assert [f["code"] for f in with_bom] == ["CL101"]
    assert [(f["line"], f["column"], f["message"]) for f in with_bom] == [
        (f["line"], f["column"], f["message"]) for f in plain
    ]


@pytest.mark.parametrize(
    ("data", "newline"),
    [
        (b"# T\r\n\r\nline\r\nlast", "\r\n"),
        (b"# T\r\rline\rlast", "\r"),
        (b"# T\n\nline\nlast", "\n"),
        (b"# T\r\n\rline\nlast", "\r\n"),
    ],
    ids=["crlf", "cr", "lf", "mixed"],
)
def test_newlines_are_normalised(data: bytes, newline: str) -> None:
    source = _text(decode(data))
    assert source.text == "# T\n\nline\nlast"
    assert source.newline == newline
    assert source.lines == ["# T", "", "line", "last"]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x0b", "\x0c", "\x85", "\x1c", "\x1d", "\x1e"])
def test_only_newline_ends_a_line(separator: str) -> None:
    source = _text(decode(f"# T{separator}x\nsecond{separator}half\nthird\n".encode()))
    assert source.lines == [f"# T{separator}x", f"second{separator}half", "third", ""]
    document = parse(source.text)
    assert [(node.kind, node.line) for node in document.nodes] == [("heading", 1), ("paragraph", 2)]


@pytest.mark.parametrize("separator", ["\u2028", "\x0b", "\x0c", "\x85"])
def test_line_separators_do_not_shift_finding_lines(separator: str, tmp_path: Path, cli: Cli) -> None:
    text = MISSING_METRICS.read_text(encoding="utf-8")
    expected = text.split("\n").index("## 5. Team News and Informational items") + 1
    lines = [line + separator if line.startswith("#### Closing Date:") else line for line in text.split("\n")]
    text = (
        "\n".join(lines)
        .replace("Ship small, ship often.", f"Ship small,{separator}ship often.")
        .replace("Agenda Items for", f"Agenda{separator}Items for")
        .replace("- Keep or retire", f"- Keep{separator}or retire")
    )
    assert text.count(separator) >= 4
    findings = _lint_json(tmp_path, text.encode(), cli)
    assert [(f["code"], f["line"], f["column"]) for f in findings] == [("CL101", expected, 1)]


# --- Unreadable files -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"\x00# T\n", 1),
        (b"# T\n\nsome text\nbin\x00ary\n", 4),
        (b"# T\r\n\r\nsome text\r\nbin\x00ary\r\n", 4),
    ],
    ids=["first-line", "lf", "crlf"],
)
def test_nul_byte_is_unreadable_at_its_line(data: bytes, line: int) -> None:
    result = _unreadable(decode(data))
    assert "NUL" in result.message
    assert result.line == line


def test_nul_byte_line_in_cr_only_file() -> None:
    assert _unreadable(decode(b"# T\r\rsome text\rbin\x00ary\r")).line == 4


@pytest.mark.parametrize(
    ("data", "line", "column", "offset"),
    [
        (b"caf\xe9\n", 1, 4, 3),
        (b"# T\n\nabc \xff def\n", 3, 5, 9),
        (b"# T\r\n\r\nabc \xff def\r\n", 3, 5, 11),
        (b"# T\r\rabc \xff def\r", 3, 5, 9),
        (b"# T\n\nok\n\xc3(\n", 4, 1, 8),
    ],
    ids=["latin-1", "lf", "crlf", "cr", "truncated-sequence"],
)
def test_bad_utf8_is_unreadable_at_first_bad_byte(data: bytes, line: int, column: int, offset: int) -> None:
    result = _unreadable(decode(data))
    assert "not valid UTF-8" in result.message
    assert f"0x{data[offset]:02x} at offset {offset}" in result.message
    assert (result.line, result.column) == (line, column)


def test_bad_utf8_column_counts_characters() -> None:
    # 'café ' is five characters (six bytes); the bad byte is the sixth character.
    assert _unreadable(decode("# T\ncafé ".encode() + b"\xff\n")).column == 6


def test_size_cap() -> None:
    assert _text(decode(b"x" * 100, max_size=100)).text == "x" * 100
    result = _unreadable(decode(b"x" * 101, max_size=100))
    assert "101 bytes" in result.message
    assert "max-file-size (100 bytes)" in result.message
    assert (result.line, result.column) == (1, 1)


def test_default_size_cap_is_one_mebibyte() -> None:
    assert isinstance(decode(b"a\n" * (512 * 1024)), SourceText)
    assert isinstance(decode(b"a\n" * (512 * 1024) + b"b"), Unreadable)


# --- CL901 through the command line -----------------------------------------------------


def test_binary_file_is_cl901(tmp_path: Path, cli: Cli) -> None:
    findings = _lint_json(tmp_path, b"# T\n\nabc\x00def\n", cli)
    assert [(f["code"], f["line"], f["severity"]) for f in findings] == [("CL901", 3, "error")]
    assert "NUL" in str(findings[0]["message"])


def test_bad_utf8_file_is_cl901(tmp_path: Path, cli: Cli) -> None:
    findings = _lint_json(tmp_path, b"# Caf\xe9 meeting\n\nok\n", cli)
    assert [(f["code"], f["line"], f["column"]) for f in findings] == [("CL901", 1, 6)]
    assert "not valid UTF-8" in str(findings[0]["message"])


def test_file_over_configured_max_file_size_is_cl901(tmp_path: Path, cli: Cli) -> None:
    data = MISSING_METRICS.read_bytes()
    (tmp_path / ".compass-lint.toml").write_text(f"max-file-size = {len(data) - 1}\n", encoding="utf-8")
    findings = _lint_json(tmp_path, data, cli)
    assert [(f["code"], f["line"], f["column"]) for f in findings] == [("CL901", 1, 1)]
    assert f"larger than max-file-size ({len(data) - 1:,} bytes)" in str(findings[0]["message"])
    (tmp_path / ".compass-lint.toml").write_text(f"max-file-size = {len(data)}\n", encoding="utf-8")
    assert [f["code"] for f in _lint_json(tmp_path, data, cli)] == ["CL101"]


def test_unreadable_file_does_not_stop_the_run(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "binary.md").write_bytes(b"\x00")
    (tmp_path / "b" / "report.md").write_bytes(MISSING_METRICS.read_bytes())
    done = cli("check", "--format", "json", "a/binary.md", "b/report.md", cwd=tmp_path)
    assert done.code == 1
    findings = done.findings()
    assert [(f["path"], f["code"]) for f in findings] == [("a/binary.md", "CL901"), ("b/report.md", "CL101")]


def _first_line_ending(text: str) -> str:
    """The reference: the first "\\r", "\\r\\n" or "\\n", character by character."""
    for index, char in enumerate(text):
        if char == "\r":
            return "\r\n" if text[index + 1 : index + 2] == "\n" else "\r"
        if char == "\n":
            return "\n"
    return "\n"


@given(st.text(alphabet="ab\r\n", max_size=12))
def test_the_first_line_ending_is_found_as_a_reader_would_find_it(text: str) -> None:
    assert detect_newline(text) == _first_line_ending(text)
    normalised = normalise_newlines(text)
    assert "\r" not in normalised
    assert normalised == text.replace("\r\n", "\n").replace("\r", "\n")
