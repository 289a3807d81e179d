"""Running over many files: --jobs, the cache, the time budget, standard input, --output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders import Cli

from compass_lint.core.finding import Finding
from compass_lint.core.settings import Config
from compass_lint.engine.cache import CACHE_DIR
from compass_lint.engine.runner import RunOptions, run

ROOT = Path(__file__).resolve().parents[2]


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*.md"))


def _key(result: object) -> list[tuple[object, ...]]:
    findings = result.findings  # type: ignore[attr-defined]
    return [(f.path, f.line, f.column, f.code, f.message, f.related) for f in findings]


def test_jobs_give_identical_results_in_the_same_order(workspace: Path) -> None:
    files = _files(workspace)
    one = run(files, Config(), RunOptions(jobs=1))
    two = run(files, Config(), RunOptions(jobs=2))
    assert one.findings, "the workspace has failing reports"
    assert _key(two) == _key(one)
    assert two.files_checked == one.files_checked == len(files)


def test_many_small_batches_give_identical_results(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Batches are capped (the main process holds a batch's findings until the ones
    # before it are written); a batch that starts mid-series re-reads its predecessors.
    import compass_lint.engine.runner as runner

    files = _files(workspace)
    one = run(files, Config(), RunOptions(jobs=1))
    monkeypatch.setattr(runner, "_BATCH", 2)
    many = run(files, Config(), RunOptions(jobs=2))
    assert [f.code for f in one.findings].count("CL301") > 0, "history findings cross batch borders"
    assert _key(many) == _key(one)


def test_warm_run_uses_the_cache_and_gives_the_same_findings(workspace: Path) -> None:
    files = _files(workspace)
    options = RunOptions(cache_dir=workspace / CACHE_DIR)
    cold = run(files, Config(), options)
    warm = run(files, Config(), options)
    assert (cold.cache_hits, warm.cache_hits) == (0, len(files))
    assert _key(warm) == _key(cold)
    assert (workspace / CACHE_DIR / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")
    entries = sorted(p.name for p in (workspace / CACHE_DIR).rglob("*") if p.is_file())
    assert len(entries) == len(files) + 1, "one entry per file and the .gitignore, no temporary files left"


def test_cache_follows_a_neighbour_report(workspace: Path) -> None:
    """History rules read the predecessor: editing it must invalidate the newer report's entry."""
    options = RunOptions(cache_dir=workspace / CACHE_DIR)
    newest = "series/2026-03-27.md"
    before = [f for f in run([newest], Config(), options).findings if f.code == "CL301"]
    assert len(before) == 1
    february = workspace / "series" / "2026-02-27.md"
    text = february.read_text(encoding="utf-8")
    february.write_text(text.replace("- Write the contributor onboarding guide (Priya)", "- Write the guide **DONE**"))
    after = run([newest], Config(), options)
    assert after.cache_hits == 0
    stale = [f for f in after.findings if f.code == "CL301"]
    assert stale == [], "the chain was broken in February, so March's item is no longer stale"


def test_corrupt_or_foreign_cache_entries_are_ignored(workspace: Path) -> None:
    files = ["demo/2026-02-27.md"]
    options = RunOptions(cache_dir=workspace / CACHE_DIR)
    expected = _key(run(files, Config(), options))
    entries = list((workspace / CACHE_DIR).rglob("*.json"))
    assert entries
    for garbage in (b"\x00\xff not json", b'{"key": 1}', b"[]", b'{"key": "x", "version": "0", "findings": 5}'):
        for entry in entries:
            entry.write_bytes(garbage)
        again = run(files, Config(), options)
        assert again.cache_hits == 0
        assert _key(again) == expected


def test_no_cache_and_clean(workspace: Path, cli: Cli) -> None:
    assert cli("check", "--no-cache", "-q", "demo").code == 1
    assert not (workspace / CACHE_DIR).exists()
    assert cli("check", "-q", "demo").code == 1
    assert (workspace / CACHE_DIR).is_dir()
    cleaned = cli("clean")
    assert cleaned.code == 0
    assert "removed" in cleaned.out
    assert not (workspace / CACHE_DIR).exists()


def test_time_budget_gives_cl902_and_the_run_goes_on(workspace: Path, cli: Cli) -> None:
    hostile = workspace / "hostile.md"
    # 4,000 nested one-line lists and 60,000 items: parsing takes seconds, far over the 0.5 s budget,
    # while the clean report next to it takes milliseconds.
    hostile.write_text("# T\n\n" + "- " * 4000 + "x\n" + "- item\n" * 60000, encoding="utf-8")
    (workspace / ".compass-lint.toml").write_text("time-budget = 0.5\n", encoding="utf-8")
    done = cli("check", "--no-cache", "--format", "json", "hostile.md", "demo/2026-01-30.md")
    found = done.findings()
    assert done.code == 1
    budget = [f for f in found if f["code"] == "CL902"]
    assert [(f["path"], f["line"]) for f in budget] == [("hostile.md", 1)]
    assert "0.5 s time budget" in budget[0]["message"]
    assert not [f for f in found if f["path"] == "demo/2026-01-30.md"], "the clean report is still checked"


def test_standard_input_with_a_filename_gets_history(workspace: Path, cli: Cli) -> None:
    data = (workspace / "series" / "2026-03-27.md").read_bytes()
    done = cli("check", "--no-cache", "--format", "json", "--stdin-filename", "series/2026-03-27.md", "-", input=data)
    found = done.findings()
    assert done.code == 0
    assert {f["path"] for f in found} == {"series/2026-03-27.md"}
    assert sorted(f["code"] for f in found) == ["CL301", "CL303"]


def test_output_file_and_statistics(workspace: Path, cli: Cli) -> None:
    out = cli("check", "--no-cache", "--format", "json", "--output", "out.json", "--statistics", "demo")
    assert out.code == 1
    written = json.loads((workspace / "out.json").read_text(encoding="utf-8"))
    assert len(written) == 7
    assert "Found 4 errors, 2 warnings, 1 info finding in 1 file (2 files checked)." in out.out
    assert "    2  CL301  stale-action" in out.out + out.err


def test_cache_follows_the_file_itself_without_history(workspace: Path) -> None:
    options = RunOptions(cache_dir=workspace / CACHE_DIR, history=False)
    report = workspace / "demo" / "2026-01-30.md"
    assert run(["demo/2026-01-30.md"], Config(), options).findings == []
    report.write_text(report.read_text(encoding="utf-8").replace("## 2. Decisions needed", "**2. Decisions needed**"))
    after = run(["demo/2026-01-30.md"], Config(), options)
    assert after.cache_hits == 0
    assert [f.code for f in after.findings] == ["CL106"]


def test_schema_identity_matches_the_compiled_schema(tmp_path: Path) -> None:
    from compass_lint.engine.schemas import load_schema
    from compass_lint.outline.schema import schema_identity

    custom = tmp_path / "custom.schema.json"
    schema = json.loads((ROOT / "schemas" / "team-compass.schema.json").read_text(encoding="utf-8"))
    schema["title"] = "a custom outline"
    custom.write_text(json.dumps(schema), encoding="utf-8")
    for reference in ("team-compass", str(custom)):
        identity, compiled = schema_identity(reference), load_schema(reference)
        assert (identity.outline, identity.fingerprint) == (compiled.outline, compiled.fingerprint)
    assert schema_identity("team-compass").fingerprint != schema_identity(str(custom)).fingerprint


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("cached", [False, True])
def test_streamed_findings_come_file_by_file_in_sorted_order(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, jobs: int, cached: bool
) -> None:
    import compass_lint.engine.runner as runner

    files = _files(workspace)
    options = RunOptions(jobs=jobs, cache_dir=workspace / CACHE_DIR if cached else None)
    collected = run(list(reversed(files)), Config(), options)
    assert collected.findings == sorted(collected.findings, key=lambda f: f.sort_key)
    events: list[str] = []
    checking = runner.check_file

    def check_file(path: str, *args: object) -> object:
        events.append(f"check {path}")
        return checking(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "check_file", check_file)
    streamed: list[list[Finding]] = []

    def emit(findings: list[Finding]) -> None:
        events.append("emit")
        streamed.append(findings)

    # Given in reverse, the files still come out in path order, as the collected run sorts them.
    result = run(list(reversed(files)), Config(), options, emit)
    assert result.findings == []
    assert [f for batch in streamed for f in batch] == collected.findings
    assert len(streamed) == len(files)
    assert all(len({f.path for f in batch}) <= 1 for batch in streamed)
    assert result.tally.total == len(collected.findings)
    assert result.tally.paths == {f.path for f in collected.findings}
    if jobs == 1 and not cached:
        # Streamed as the run goes: the first file is out before the last is checked.
        assert events.index("emit") < events.index(f"check {files[-1]}")


def test_text_output_is_the_same_streamed_or_written_to_a_file(workspace: Path, cli: Cli) -> None:
    # stdout is streamed file by file; --output renders the whole list at once.
    first = cli("check", "--no-cache", "--statistics", ".")
    assert first.code == 1
    streamed = first.out
    second = cli("check", "--no-cache", "--statistics", "--output", "all.txt", ".")
    assert second.code == 1
    written = (workspace / "all.txt").read_text(encoding="utf-8")
    statistics = second.out
    assert streamed == written + statistics
    lines = streamed.splitlines()
    assert lines[-len(statistics.splitlines()) - 2].startswith("Found ")
    paths = [line.split(":", 1)[0] for line in lines if ":" in line and line.endswith("]")]
    assert paths == sorted(paths) and len(set(paths)) > 3
