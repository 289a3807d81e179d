"""Options as ruff users type them: -o, --output-format, fix -q/--select/--ignore, check --fix --diff, rule names."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from builders import Cli

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "fixtures" / "demo"
BROKEN = "2026-02-27.md"  # CL204, CL103 (fix), CL106 (fix), CL101 (fix), CL301 x2, CL303 (unsafe fix)


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    for report in DEMO.glob("*.md"):
        shutil.copyfile(report, tmp_path / report.name)
    return tmp_path


def test_check_writes_to_dash_o(demo: Path, cli: Cli) -> None:
    long = cli("check", "--format", "json", "--output", "long.json", BROKEN, cwd=demo)
    short = cli("check", "--format", "json", "-o", "short.json", BROKEN, cwd=demo)
    assert long.code == short.code == 1
    assert (demo / "short.json").read_text(encoding="utf-8") == (demo / "long.json").read_text(encoding="utf-8")
    assert '"CL204"' in (demo / "short.json").read_text(encoding="utf-8")


def test_output_format_is_format(demo: Path, cli: Cli) -> None:
    ruff_style = cli("check", "--output-format", "json", BROKEN, cwd=demo)
    ours = cli("check", "--format", "json", BROKEN, cwd=demo)
    assert ruff_style.out == ours.out
    assert ruff_style.out.startswith("[")


@pytest.mark.parametrize("spelling", ["missing-section", "MISSING-SECTION", "CL101", "cl101", "missing-link,CL101"])
def test_select_takes_rule_names(demo: Path, cli: Cli, spelling: str) -> None:
    result = cli("check", "--select", spelling, BROKEN, cwd=demo)
    codes = {line.split()[1] for line in result.out.splitlines() if line.startswith(BROKEN)}
    assert "CL101" in codes
    assert codes <= {"CL101", "CL204"}
    assert ("CL204" in codes) is ("missing-link" in spelling)


def test_ignore_takes_rule_names(demo: Path, cli: Cli) -> None:
    result = cli("check", "--ignore", "stale-action,completed-action-kept", BROKEN, cwd=demo)
    assert "CL301" not in result.out and "CL303" not in result.out
    assert "CL204" in result.out


def test_an_unknown_name_is_exit_2(demo: Path, cli: Cli) -> None:
    result = cli("check", "--select", "missing-sectoin", BROKEN, cwd=demo)
    assert result.code == 2
    assert "'missing-sectoin' is not a rule code, prefix or name" in result.err


def test_check_fix_diff_previews_and_writes_nothing(demo: Path, cli: Cli) -> None:
    before = (demo / BROKEN).read_bytes()
    result = cli("check", "--fix", "--diff", BROKEN, cwd=demo)
    assert result.code == 1
    assert "-### 3.2 Open issues\n+### 1.2 Open issues\n" in result.out
    assert "+## 4. Team Metrics" in result.out
    assert "-- Rotate the signing keys" not in result.out, "unsafe fixes only with --unsafe-fixes"
    assert "1 unsafe fix(es) not applied" in result.err
    assert (demo / BROKEN).read_bytes() == before
    unsafe = cli("check", "--fix", "--diff", "--unsafe-fixes", BROKEN, cwd=demo)
    assert "-- Rotate the signing keys" in unsafe.out


def test_check_diff_on_a_clean_report_is_exit_0(demo: Path, cli: Cli) -> None:
    result = cli("check", "--fix", "--diff", "2026-01-30.md", cwd=demo)
    assert (result.code, result.out) == (0, "")


def test_fix_select_fixes_only_the_selected(demo: Path, cli: Cli) -> None:
    result = cli("fix", "--select", "not-a-heading", BROKEN, cwd=demo)
    text = (demo / BROKEN).read_text(encoding="utf-8")
    assert "## 2. Decisions needed" in text, "CL106 was fixed"
    assert "### 3.2 Open issues" in text, "CL103 was not selected"
    assert result.out.startswith(f"{BROKEN}: fixed 1 finding\n")


def test_fix_ignore_leaves_the_ignored(demo: Path, cli: Cli) -> None:
    cli("fix", "--ignore", "CL106", BROKEN, cwd=demo)
    text = (demo / BROKEN).read_text(encoding="utf-8")
    assert "**2. Decisions needed**" in text
    assert "### 1.2 Open issues" in text


def test_fix_quiet_prints_the_findings_left_only(demo: Path, cli: Cli) -> None:
    result = cli("fix", "-q", BROKEN, cwd=demo)
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines and all(line.startswith(f"{BROKEN}:") and line.endswith("]") for line in lines)
    assert "CL204" in result.out
