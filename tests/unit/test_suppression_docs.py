"""docs/suppressions.md says what the comments do: its examples run on the demo reports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from builders import Cli

ROOT = Path(__file__).resolve().parents[2]
FEBRUARY = "2026-02-27.md"  # CL204 9, CL103 24, CL106 29, CL301 35 and 36, CL303 37, CL101 44
GUIDE = "- Write the contributor onboarding guide (Priya)\n"
CALENDAR = "- Set up the shared calendar for the release train [RM]\n"


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    for report in (ROOT / "fixtures" / "demo").glob("*.md"):
        shutil.copyfile(report, tmp_path / report.name)
    return tmp_path


def _edit(demo: Path, old: str, new: str) -> None:
    path = demo / FEBRUARY
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _codes(demo: Path, cli: Cli) -> list[str]:
    return [finding["code"] for finding in cli("check", "--format", "json", FEBRUARY, cwd=demo).findings()]


def test_the_documented_comments_exist() -> None:
    doc = (ROOT / "docs" / "suppressions.md").read_text(encoding="utf-8")
    for verb in ("disable", "enable", "disable-next-line", "disable-file"):
        assert f"<!-- compass-lint {verb} " in doc
    assert "docs/suppressions.md" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_disable_next_line(demo: Path, cli: Cli) -> None:
    _edit(demo, GUIDE, "<!-- compass-lint disable-next-line CL301 -->\n" + GUIDE)
    assert _codes(demo, cli).count("CL301") == 1, "the calendar item is still reported"


def test_disable_and_enable(demo: Path, cli: Cli) -> None:
    _edit(demo, GUIDE + CALENDAR, "<!-- compass-lint disable CL301 -->\n" + GUIDE + CALENDAR)
    _edit(demo, "- Rotate", "<!-- compass-lint enable CL301 -->\n- Rotate")
    codes = _codes(demo, cli)
    assert "CL301" not in codes
    assert "CL303" in codes


def test_enable_of_one_code_does_not_cut_a_disable_all(demo: Path, cli: Cli) -> None:
    _edit(demo, GUIDE, "<!-- compass-lint disable -->\n<!-- compass-lint enable CL301 -->\n" + GUIDE)
    codes = _codes(demo, cli)
    assert codes == ["CL204", "CL103", "CL106"], "everything from the disable on is off"


def test_disable_file_with_commas(demo: Path, cli: Cli) -> None:
    _edit(demo, "# Lighthouse", "<!-- compass-lint disable-file CL101, CL103, CL106 -->\n# Lighthouse")
    assert sorted(set(_codes(demo, cli))) == ["CL204", "CL301", "CL303"]


def test_an_unknown_code_is_cl904(demo: Path, cli: Cli) -> None:
    _edit(demo, GUIDE, "<!-- compass-lint disable CL999 -->\n" + GUIDE)
    result = cli("check", FEBRUARY, cwd=demo)
    assert "CL904 unknown rule code 'CL999' in a compass-lint comment [warning]" in result.out
