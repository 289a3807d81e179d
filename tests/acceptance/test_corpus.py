"""The reference report and the real report corpus (../shared/, skipped when absent)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from compass_lint.core.finding import Finding, Severity
from compass_lint.core.settings import Config
from compass_lint.engine.paths import expand_paths
from compass_lint.engine.runner import RunResult, run
from compass_lint.markdown.source import SourceText, decode

SHARED = Path(__file__).resolve().parents[3] / "shared"
CORPUS = SHARED / "corpus"
SEED = SHARED / "seed-report.md"

pytestmark = pytest.mark.corpus


@cache
def _line_count(path: str) -> int:
    """Lines as an editor shows them: a final newline does not start another line."""
    source = decode(Path(path).read_bytes(), max_size=1 << 30)
    assert isinstance(source, SourceText), path
    text = source.text
    return max(1, text.count("\n") + (0 if text.endswith("\n") else 1))


@pytest.fixture(scope="module")
def corpus_run() -> tuple[list[str], RunResult]:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS} (it lives next to the repository, in ../shared/corpus)")
    files = expand_paths([str(CORPUS)])
    return files, run(files, Config())


def _outside(findings: list[Finding]) -> list[str]:
    problems = []
    for finding in findings:
        places = [(finding.path, finding.line)] + [(r.path, r.line) for r in finding.related]
        for path, line in places:
            if not 1 <= line <= _line_count(path):
                problems.append(f"{path}:{line} (of {_line_count(path)}) {finding.code} {finding.message}")
    return problems


def test_seed_report_has_no_errors() -> None:
    if not SEED.is_file():
        pytest.skip(f"reference report not found at {SEED}")
    result = run([str(SEED)], Config())
    assert result.files_checked == 1
    assert [f for f in result.findings if f.severity is Severity.ERROR] == []


def test_corpus_runs_without_internal_errors(corpus_run: tuple[list[str], RunResult]) -> None:
    files, result = corpus_run
    assert len(files) > 800
    assert len(set(files)) == len(files)
    assert all(path.endswith(".md") for path in files)
    assert result.files_checked == len(files)
    assert [f"{f.path}: {f.message}" for f in result.findings if f.code == "CL900"] == []
    # The corpus is real reports in many shapes: the linter must find things in it.
    assert {"CL101", "CL106", "CL201"} <= {f.code for f in result.findings}
    assert {f.path for f in result.findings} <= set(files)


def test_corpus_finding_lines_are_inside_their_files(corpus_run: tuple[list[str], RunResult]) -> None:
    _, result = corpus_run
    assert result.findings
    assert _outside(result.findings) == []
