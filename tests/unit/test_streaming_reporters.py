"""Streaming reporters: memory stays flat as findings grow, and streamed output is the whole output."""

from __future__ import annotations

import json
import tracemalloc
import xml.etree.ElementTree as ET
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from builders import make_finding
from hypothesis import given, settings
from hypothesis import strategies as st

from compass_lint.cli.main import main
from compass_lint.core.finding import Finding, Severity
from compass_lint.reporters import REPORTERS, Reporter, RunSummary, spool
from compass_lint.reporters.json import JsonArray

PER_FILE = 5
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


class Counting:
    """An output that keeps nothing but how much was written."""

    def __init__(self) -> None:
        self.size = 0

    def write(self, text: str) -> int:
        self.size += len(text)
        return len(text)


def file_findings(number: int) -> list[Finding]:
    path = f"team-{number // 12:04d}/2026-{number % 12 + 1:02d}-27.md"
    return [
        make_finding(
            path,
            line=10 * k + 1,
            severity=SEVERITIES[k % 3],
            message=f"missing section {k} 'Team Metrics' (line {number}) " + "x" * 40,
        )
        for k in range(PER_FILE)
    ]


def peak_memory(make: Callable[[Counting], Reporter], files: int) -> int:
    """Peak traced bytes while ``files`` files of findings go through a reporter."""
    out = Counting()
    tracemalloc.start()
    try:
        reporter = make(out)
        reporter.start()
        for number in range(files):
            findings = file_findings(number)
            reporter.handle(findings[0].path, findings)
        reporter.finish(RunSummary(files_checked=files))
        reporter.close()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert out.size > files * PER_FILE * 100, "the findings were written"
    return peak


class Collecting(Reporter):
    """The control: renders everything at the end, as the reporters used to."""

    def __init__(self, out: Counting, name: str) -> None:
        super().__init__(out)
        self.name = name
        self.findings: list[Finding] = []

    def handle(self, path: str, findings: list[Finding]) -> None:
        self.findings.extend(findings)

    def finish(self, summary: RunSummary) -> None:
        self.out.write(REPORTERS[self.name](self.findings, summary))


@pytest.mark.parametrize("name", ["json", "sarif"])
def test_memory_stays_flat_as_findings_grow(name: str) -> None:
    def streaming(out: Counting) -> Reporter:
        return REPORTERS[name].reporter(out)

    def collecting(out: Counting) -> Reporter:
        return Collecting(out, name)

    # 500 findings, then 5,000: both past the spool's in-memory part (SARIF results go to disk).
    small, large = peak_memory(streaming, 100), peak_memory(streaming, 1_000)
    assert large < 2 * small, (small, large)
    # The measure does see growth: keeping the findings makes the peak grow with them.
    kept_small, kept_large = peak_memory(collecting, 100), peak_memory(collecting, 1_000)
    assert kept_large > 5 * kept_small, (kept_small, kept_large)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=12,
)


@settings(max_examples=80, deadline=None)
@given(values=st.lists(json_values, max_size=6), cut=st.integers(0, 6), wrappers=st.lists(st.booleans(), max_size=3))
def test_a_json_array_written_in_pieces_is_what_json_dumps_writes(
    values: list[Any], cut: int, wrappers: list[bool]
) -> None:
    def nest(array: list[Any]) -> Any:
        document: Any = array
        for in_object in wrappers:
            document = {"results": document} if in_object else [document]
        return document

    # The array sits inside len(wrappers) objects and lists; the empty skeleton shows where.
    skeleton = json.dumps(nest([]), indent=2, ensure_ascii=False)
    cut_at = skeleton.rindex("[]")
    array = JsonArray(depth=len(wrappers))
    pieces = array.items(values[:cut]) + array.items(values[cut:]) + array.close()
    expected = json.dumps(nest(values), indent=2, ensure_ascii=False)
    assert skeleton[:cut_at] + pieces + skeleton[cut_at + 2 :] == expected


def test_the_spool_gives_back_every_character_across_pieces_and_the_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    # Tiny sizes: the spool moves to a file at once and is read back three bytes at a time,
    # so multi-byte characters are cut between reads.
    monkeypatch.setattr(spool, "IN_MEMORY", 4)
    monkeypatch.setattr(spool, "_CHUNK", 3)
    texts = ["plain ", "é𝄞ü", "", "\udc80 lone surrogate ", "中文 end\n"]
    stored = spool.Spool()
    places = [stored.write(text) for text in texts]
    piece = StringIO()
    stored.copy_piece(piece, places[1])
    assert piece.getvalue() == "é𝄞ü"
    out = StringIO()
    stored.copy_to(out)
    assert out.getvalue() == "".join(texts)


def test_junit_cases_follow_the_checked_paths_not_the_run_order() -> None:
    out = StringIO()
    reporter = REPORTERS["junit"].reporter(out)
    reporter.start()
    # The run passes files on sorted; the suite lists them as they were given.
    reporter.handle("a.md", [make_finding("a.md")])
    reporter.handle("b.md", [])
    reporter.handle("c.md", [make_finding("c.md", code="CL102")])
    reporter.finish(RunSummary(files_checked=3, paths=("c.md", "b.md", "a.md")))
    reporter.close()
    suite = ET.fromstring(out.getvalue()).find("testsuite")
    assert suite is not None
    assert [(case.get("name"), case.find("failure") is not None) for case in suite.iter("testcase")] == [
        ("c.md", True),
        ("b.md", False),
        ("a.md", True),
    ]
    assert (suite.get("tests"), suite.get("failures")) == ("3", "2")


@pytest.mark.parametrize("name", ["text", "json", "gitlab"])
def test_the_cli_writes_each_file_before_checking_the_next(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import compass_lint.engine.runner as runner

    february = Path(__file__).resolve().parents[2] / "fixtures" / "demo" / "2026-02-27.md"
    for stem in ("a", "b"):
        (tmp_path / f"{stem}.md").write_bytes(february.read_bytes())
    monkeypatch.chdir(tmp_path)
    events: list[str] = []
    checking = runner.check_file

    def check_file(path: str, *args: object) -> object:
        events.append(f"check {path}")
        return checking(path, *args)  # type: ignore[arg-type]

    def write(self: object, text: str) -> int:
        events.append(text)
        return len(text)

    monkeypatch.setattr(runner, "check_file", check_file)
    monkeypatch.setattr("compass_lint.cli.check._Echo.write", write)
    argv = ["check", "--no-cache", "--no-history", "--jobs", "1", "--format", name, "b.md", "a.md"]
    assert main(argv) == 1
    assert events[0] == "check a.md"
    # a.md's findings are out before b.md is checked, and the whole is the usual output.
    assert "a.md:" in events[1] or '"a.md"' in events[1]
    assert events.index("check b.md") > 1
    streamed = "".join(event for event in events if not event.startswith("check "))
    assert streamed.count("Next monthly meeting has no link") == 2


def test_output_file_with_quiet_text_and_nothing_found_is_created_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo = Path(__file__).resolve().parents[2] / "fixtures" / "demo" / "2026-01-30.md"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "report.md").write_bytes(demo.read_bytes())
    assert main(["check", "--no-cache", "--no-history", "-q", "--output", "out.txt", "report.md"]) == 0
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == ""


def test_a_schema_error_leaves_the_output_file_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "report.md").write_text("# Report\n", encoding="utf-8")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "out.json").write_text("kept", encoding="utf-8")
    argv = ["check", "--no-cache", "--schema", "broken.json", "--format", "json", "--output", "out.json", "report.md"]
    assert main(argv) == 2
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == "kept"
