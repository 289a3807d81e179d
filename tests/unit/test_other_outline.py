"""CL108 other-outline: one finding instead of one per missing section, and only then."""

from __future__ import annotations

import re
from pathlib import Path

from compass_lint import lint_text
from compass_lint.core.settings import Config

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "demo" / "2026-01-30.md"

OTHER = """# Infrastructure Working Group Meeting 2026-03-04

## 1. Help or discussion needed; Agenda Items for Monthly Meeting

- The runners

### 1.1 Open PRs

- none

### 1.2 Open issues

- none

## Present

## Links

## Q&A
"""


def _codes(text: str, config: Config | None = None) -> list[str]:
    return [finding.code for finding in lint_text(text, path="2026-03-04.md", config=config or Config())]


def test_three_of_fourteen_sections_is_another_outline() -> None:
    findings = lint_text(OTHER, path="2026-03-04.md", config=Config())
    assert [(f.line, f.code) for f in findings] == [(1, "CL108")]
    assert "(3 of 14 required sections found; its own sections: 'Present', 'Links', 'Q&A')" in findings[0].message
    assert "'JupyterHub/BinderHub team compass report'" in findings[0].message


def test_ignoring_cl108_brings_the_section_findings_back() -> None:
    codes = _codes(OTHER, Config(ignore=("CL108",)))
    assert "CL108" not in codes
    assert codes.count("CL101") == 11 and "CL104" in codes and "CL201" in codes


def test_a_report_close_to_the_outline_keeps_its_findings() -> None:
    text = DEMO.read_text(encoding="utf-8")
    # Drop sections 4 to 6 (five of the fourteen required, with 5.1 to 5.4 counted once each).
    cut = re.sub(r"(?ms)^## 4\. Team Metrics.*?(?=^---$)", "", text, count=1)
    assert cut != text
    codes = _codes(cut)
    assert "CL108" not in codes
    assert codes.count("CL101") >= 5


def test_a_title_alone_is_no_other_outline() -> None:
    # No headings of its own: nothing shows another outline, so the missing sections are reported.
    codes = _codes("# Team meeting\n\nWe talked.\n")
    assert "CL108" not in codes
    assert codes.count("CL101") == 14


def test_a_quarter_of_the_sections_is_the_outline_with_gaps() -> None:
    # Four of fourteen required sections (29 %): the outline with gaps, section by section.
    codes = _codes(OTHER.replace("## Present", "## 2. Decisions needed\n\n## Present"))
    assert "CL108" not in codes
    assert codes.count("CL101") == 10
