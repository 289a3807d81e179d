"""``compass-lint init`` on a synthetic team repository (fixtures/init/team-repo), then ``check``."""

from __future__ import annotations

import shutil
from pathlib import Path

from builders import run_cli

ROOT = Path(__file__).resolve().parents[2]
REPO = ROOT / "fixtures" / "init" / "team-repo"


def _copy(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(REPO, repo)
    return repo


def test_dry_run_finds_the_series_and_writes_nothing(tmp_path: Path) -> None:
    repo = _copy(tmp_path)
    result = run_cli("init", "--dry-run", cwd=repo)
    assert result.code == 0, result.err
    assert "Found 4 series in 14 reports" in result.out
    for glob in ("meeting-notes/*/index.md", "meetings/*-community.md", "meetings/*-dev.md", "minutes/*/*.md"):
        assert f'files = "{glob}"' in result.out
    assert 'template = "meetings/community-template.md"' in result.out
    assert not (repo / ".compass-lint.toml").exists() and not (repo / ".compass-lint").exists()


def test_init_then_check_is_quiet_and_right(tmp_path: Path) -> None:
    repo = _copy(tmp_path)
    assert run_cli("init", cwd=repo).code == 0
    checked = run_cli("check", "--no-cache", "--format", "json", cwd=repo)
    findings = checked.findings()
    # No outline errors on reports that follow their own outline; only the carried actions.
    assert {f["code"] for f in findings} == {"CL301"}
    assert checked.code == 0
    paths = {f["path"] for f in findings}
    assert not any(p.startswith(("README", "CHANGELOG", "CONTRIBUTING", "docs/")) for p in paths)
    # The standing item of the template is never tracked.
    assert not any("project board" in f["message"] for f in findings)


def test_init_never_overwrites_a_config_without_force(tmp_path: Path) -> None:
    repo = _copy(tmp_path)
    (repo / ".compass-lint.toml").write_bytes(b"# mine\nexclude = []\n")
    refused = run_cli("init", cwd=repo)
    assert refused.code == 2 and "--force" in refused.err
    assert (repo / ".compass-lint.toml").read_bytes() == b"# mine\nexclude = []\n"
    assert run_cli("init", "--force", cwd=repo).code == 0
    assert b"[[series]]" in (repo / ".compass-lint.toml").read_bytes()


def test_init_appends_to_pyproject_keeping_its_bytes(tmp_path: Path) -> None:
    repo = _copy(tmp_path)
    original = b'[project]\nname = "team"\r\n# keep me\n'
    (repo / "pyproject.toml").write_bytes(original)
    assert run_cli("init", cwd=repo).code == 0
    written = (repo / "pyproject.toml").read_bytes()
    assert written.startswith(original) and b"[[tool.compass-lint.series]]" in written
    again = run_cli("init", "--force", cwd=repo)
    assert again.code == 2 and (repo / "pyproject.toml").read_bytes() == written
    assert run_cli("check", "--no-cache", cwd=repo).code == 0


def test_many_repeats_turn_on_stale_report_latest(tmp_path: Path) -> None:
    repo = _copy(tmp_path)
    source = (repo / "minutes" / "2025" / "2025-02-04.md").read_text(encoding="utf-8")
    for month in range(3, 13):
        day = f"2025-{month:02d}-04"
        (repo / "minutes" / "2025" / f"{day}.md").write_text(source.replace("2025-02-04", day), encoding="utf-8")
    assert run_cli("init", cwd=repo).code == 0
    config = (repo / ".compass-lint.toml").read_text(encoding="utf-8")
    entry = config.split('name = "minutes"', 1)[1].split("[[series]]", 1)[0]
    assert 'stale-report = "latest"' in entry
    assert "# stale-report = latest: per report, CL301 would give 12 findings for 1 stale actions" in config
    findings = run_cli("check", "--no-cache", "--format", "json", "minutes", cwd=repo).findings()
    assert [(f["path"], f["code"]) for f in findings] == [("minutes/2025/2025-12-04.md", "CL301")]
