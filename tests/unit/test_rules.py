"""Rules on small edits of a clean report: what stays clean, what is found, and known bugs.

Each case replaces one piece of ``fixtures/CL101/pass/complete.md`` (a clean report) and
lints the result alone in a temporary folder, so no other report forms a series with it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from builders import Cli

ROOT = Path(__file__).resolve().parents[2]
CLEAN = (ROOT / "fixtures" / "CL101" / "pass" / "complete.md").read_text(encoding="utf-8")
METRICS = "## 4. Team Metrics"
Lint = Callable[[str], list[tuple[int, str, str]]]
NEXT_MEETING = "#### Next monthly meeting: [February 8, 2025 3pm UTC](https://example.org/tidewater/meta/issues/57)"


def _line(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), start=1) if line.startswith(start))


@pytest.fixture
def lint(tmp_path: Path, cli: Cli) -> Lint:
    """``lint(text)`` -> [(line, code, message)] for a report with that text."""

    def run(text: str) -> list[tuple[int, str, str]]:
        (tmp_path / "report.md").write_text(text, encoding="utf-8")
        done = cli("check", "--no-cache", "--format", "json", "report.md", cwd=tmp_path)
        assert done.code in (0, 1), done.err
        return [(f["line"], f["code"], f["message"]) for f in done.findings()]

    return run


def _edit(old: str, new: str) -> str:
    assert CLEAN.count(old) == 1, old
    return CLEAN.replace(old, new)


def test_the_base_report_is_clean(lint: Lint) -> None:
    assert lint(CLEAN) == []
    assert CLEAN.count(NEXT_MEETING) == 1


@pytest.mark.parametrize(
    "heading",
    [
        "## 4. Team Metrics ##",
        "## 4. Team `Metrics`",
        "## 4.  Team   Metrics",
        "##   4. Team Metrics",
        "## 4. TEAM METRICS",
        "## 4. **Team Metrics**",
        "## 4. [Team Metrics](https://example.org/tidewater/metrics)",
        "## 4 Team Metrics",
        "## 4. Team Metrics:",
        "## 4. Team Metrics (monthly)",
        "Team Metrics\n------------",
    ],
)
def test_heading_spellings_that_stay_clean(lint: Lint, heading: str) -> None:
    findings = lint(_edit(METRICS, heading))
    if heading.startswith("Team Metrics\n"):
        # A setext heading cannot carry the number: only the number is reported.
        assert [(code, message) for _, code, message in findings] == [
            ("CL103", "section 4 'Team Metrics' has no number, outline numbers it 4")
        ]
    else:
        assert findings == []


@pytest.mark.parametrize(
    "value",
    [
        "[Thursday, 8th February 2025 3pm UTC](https://example.org/m/57)",
        "[8 February 2025](https://example.org/m/57)",
        "[2025-02-08 15:00 UTC](https://example.org/m/57)",
        "February 8, 2025 ([issue](https://example.org/m/57))",
        "<https://example.org/m/57> February 8, 2025",
    ],
)
def test_next_meeting_forms_that_stay_clean(lint: Lint, value: str) -> None:
    findings = lint(_edit(NEXT_MEETING, f"#### Next monthly meeting: {value}"))
    if value.startswith("<"):
        # The date must lead the value: a link first leaves no date to read.
        assert [code for _, code, _ in findings] == ["CL202"]
    else:
        assert findings == []


def test_heading_in_the_template_block_is_not_a_section(lint: Lint) -> None:
    text = CLEAN + "\n## 7. Random thoughts\n"
    assert lint(text) == []


def test_suppression_comment_hides_only_the_next_line(lint: Lint) -> None:
    extra = "### Attendance\n\n- Noor, Lee, Ines\n"
    text = _edit("## 6. Thanks", extra + "\n" + extra + "\n## 6. Thanks")
    both = lint(text)
    assert [code for _, code, _ in both] == ["CL104", "CL104"]
    text = _edit(
        "## 6. Thanks", "<!-- compass-lint disable-next-line CL104 -->\n" + extra + "\n" + extra + "\n## 6. Thanks"
    )
    assert [(line, code) for line, code, _ in lint(text)] == [(both[1][0] + 1, "CL104")]


# --- Known bugs -------------------------------------------------------------------------


def test_duplicated_section_is_not_called_unknown(lint: Lint) -> None:
    section = "## 2. Decisions needed\n\n- Keep or retire the legacy XML endpoint\n\n"
    text = _edit(section, section + section)
    findings = lint(text)
    second = [n for n, line in enumerate(text.split("\n"), start=1) if line == "## 2. Decisions needed"][1]
    assert findings, "a duplicated section should be reported"
    assert all("not part of the outline" not in message for _, _, message in findings), findings
    assert [(line, code) for line, code, _ in findings] == [(second, "CL107")]


def test_reference_link_in_next_meeting_field(lint: Lint) -> None:
    text = _edit(NEXT_MEETING, "#### Next monthly meeting: [February 8, 2025 3pm UTC][meeting]").replace(
        "\n---\n## Actions", "\n[meeting]: https://example.org/tidewater/meta/issues/57\n\n---\n## Actions", 1
    )
    assert "[meeting]: https://" in text
    assert lint(text) == []


def test_html_anchor_in_heading(lint: Lint) -> None:
    assert lint(_edit(METRICS, '## <a name="metrics"></a>4. Team Metrics')) == []


def test_html_entity_in_heading(lint: Lint) -> None:
    assert lint(_edit(METRICS, "## 4. Team&nbsp;Metrics")) == []
