"""Only regular files are read, and the size limit comes before the read (issue 20, section 1)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from attacks import Attack

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")

GIB = 1024**3


def test_fifo_named_md_is_refused_not_waited_on(attack: Attack) -> None:
    os.mkfifo(attack.folder / "x.md")
    result = attack.run("check", "x.md")
    assert result.code == 1
    assert "x.md:1:1: CL901 cannot read file (not a regular file)" in result.out


def test_fifo_in_a_series_folder_without_cache(attack: Attack) -> None:
    # A sibling is read for history (ordering, predecessor): it must not block either.
    attack.write("a.md", attack.REPORT)
    os.mkfifo(attack.folder / "b.md")
    result = attack.run("check", "--no-cache", ".")
    assert result.code == 1
    # A folder walk never waits on it: it is not a report (discovery cannot read its head).
    assert "1 report checked, 1 Markdown file is not a report" in result.out
    assert "time budget" not in result.out
    named = attack.run("check", "--no-cache", "b.md")  # named, it is checked: CL901, not a hang
    assert "b.md:1:1: CL901 cannot read file (not a regular file)" in named.out


def test_fifo_is_not_fixed(attack: Attack) -> None:
    os.mkfifo(attack.folder / "x.md")
    result = attack.run("fix", "x.md")
    assert "x.md: not fixed: x.md: is not a regular file" in result.err
    assert result.code == 1


@pytest.mark.parametrize("command", [["check"], ["actions"], ["schema", "check"]])
def test_schema_that_is_a_device_is_refused_before_reading(attack: Attack, command: list[str]) -> None:
    attack.write("a.md", attack.REPORT)
    args = [*command, "--schema", "/dev/zero", "a.md"] if command != ["schema", "check"] else [*command, "/dev/zero"]
    result = attack.run(*args)
    assert result.code == 2
    assert "/dev/zero: cannot read schema (not a regular file)" in result.err


def test_endless_standard_input_is_cut_at_the_size_limit(attack: Attack) -> None:
    with open("/dev/zero", "rb") as endless:
        result = attack.run("check", "-", stdin=endless)
    assert result.code == 1
    assert "-:1:1: CL901 standard input is larger than max-file-size (1,048,576 bytes)" in result.out


def test_huge_sparse_report_and_sibling_are_not_read(attack: Attack) -> None:
    # 4 GiB each, sparse: reading either whole would take far longer than the timeout.
    attack.write("a.md", attack.REPORT)
    for name in ("b.md", "c.md"):
        with open(attack.folder / name, "wb") as stream:
            stream.truncate(4 * GIB)
    result = attack.run("check", "--no-cache", ".")
    assert result.code == 1
    # A folder walk reads their heads only (NUL bytes: not reports); named, they get CL901 by size.
    assert "1 report checked, 2 Markdown files are not reports" in result.out
    named = attack.run("check", "--no-cache", "a.md", "b.md", "c.md")
    assert "b.md:1:1: CL901 file is 4,294,967,296 bytes, larger than max-file-size (1,048,576 bytes)" in named.out
    assert "c.md:1:1: CL901 file is 4,294,967,296 bytes" in named.out


def test_config_that_is_a_fifo_is_not_waited_on(attack: Attack) -> None:
    attack.write("a.md", attack.REPORT)
    os.mkfifo(attack.folder / "pyproject.toml")
    os.mkfifo(attack.folder / "conf.toml")
    assert attack.run("check", "a.md").code == 1  # the FIFO pyproject.toml is not a config: defaults
    result = attack.run("check", "--config", "conf.toml", "a.md")
    assert result.code == 2
    assert "conf.toml" in result.err


def test_huge_config_is_refused_by_size(attack: Attack, tmp_path: Path) -> None:
    attack.write("a.md", attack.REPORT)
    with open(attack.folder / ".compass-lint.toml", "wb") as stream:
        stream.truncate(GIB)
    result = attack.run("check", "a.md")
    assert result.code == 2
    assert "config is over the 1,048,576 byte cap" in result.err
