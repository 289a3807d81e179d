"""Schema derivation (``schema init --from-template`` / ``--from-reports``) on the shapes of issue 18.

Each case under ``fixtures/derive/<case>/`` holds reports (and a template, when
the series has one) and the derived schema, checked by eye
(``expected.schema.json``). The key test: the case's reports, checked against
the derived schema, give no finding but the ones planted on purpose.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compass_lint import lint_text
from compass_lint.cli.main import main
from compass_lint.edit.derive import schema_from_reports, schema_from_template
from compass_lint.edit.derive_parts import holds_actions
from compass_lint.model.dated import looks_dated

CASES = Path(__file__).resolve().parents[2] / "fixtures" / "derive"
# (file, line, code) of every finding planted on purpose; anything else is a derivation bug.
PLANTED: dict[str, list[tuple[str, int, str]]] = {
    "team-compass": [],
    "hackmd": [],
    "date-headed": [],
    # 2025-01-21 has no Discussion (4 of 5 reports do: required); 2025-01-28's extra
    # Announcements is in 1 report only, so it is left out and the outline stays open.
    "no-template": [("2025-01-21.md", 14, "CL101")],
}


def _derive(case: Path, target: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    source = ["--from-template", str(case / "template.md")] if (case / "template.md").exists() else []
    source = source or ["--from-reports", str(case / "reports")]
    assert main(["schema", "init", *source, "-o", str(target)]) == 0
    capsys.readouterr()
    derived: dict[str, object] = json.loads(target.read_text(encoding="utf-8"))
    return derived


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_derived_schema_is_the_golden_one(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    derived = _derive(CASES / name, tmp_path / "derived.json", capsys)
    expected = json.loads((CASES / name / "expected.schema.json").read_text(encoding="utf-8"))
    assert derived == expected


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_reports_give_only_the_planted_findings(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schema = tmp_path / "derived.json"
    _derive(CASES / name, schema, capsys)
    assert main(["schema", "check", str(schema)]) == 0
    capsys.readouterr()
    code = main(["check", "--no-cache", "--format", "json", "--schema", str(schema), str(CASES / name / "reports")])
    findings = json.loads(capsys.readouterr().out)
    assert code == (1 if PLANTED[name] else 0)
    assert sorted((Path(f["path"]).name, f["line"], f["code"]) for f in findings) == PLANTED[name]


def test_the_cases_reports_fail_the_builtin_outline(capsys: pytest.CaptureFixture[str]) -> None:
    # The test above would pass vacuously if the reports were never checked.
    assert main(["check", "--no-cache", "--no-history", "--format", "json", str(CASES / "hackmd" / "reports")]) == 1
    assert json.loads(capsys.readouterr().out)


def _sections(schema: dict[str, object]) -> dict[str, dict[str, object]]:
    return schema["properties"]["sections"]["properties"]  # type: ignore[index,no-any-return]


@pytest.mark.parametrize(
    "heading",
    ["## February 24, 2025", "## 03.24.21 Meeting Minutes", "## YYYY-MM-DD", "## Sync <date>", "## Sync {{date}}"],
)
def test_a_date_heading_is_the_title_line(heading: str) -> None:
    schema = schema_from_template(f"{heading}\n\n## Agenda\n\n- \n\n## Next steps\n\n- \n")
    assert list(_sections(schema)) == ["agenda", "next-steps"]
    assert "x-number" not in json.dumps(schema)
    assert schema["required"] == ["title", "fields", "sections"]


def test_a_dated_first_heading_is_the_reports_title() -> None:
    text = "## 04.07.21 Meeting Minutes\n\n### Agenda\n\n- a\n"
    findings = [(f.code, f.message) for f in lint_text(text, path="2021-04-07.md")]
    assert not [f for f in findings if f[0] == "CL100" or "Minutes" in f[1]], findings
    assert "CL100" in [f.code for f in lint_text("### Agenda\n\n- a\n", path="2021-04-07.md")]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Action items", True),
        ("3. Actions", True),
        ("NEXT STEPS", True),
        ("Action items from last meeting", True),
        ("Follow-up", True),
        ("Follow ups", True),
        ("Pushed to next meeting", True),
        ("TODO", True),
        ("Tasks", True),
        ("Next actions (team)", True),
        ("Agenda", False),
        ("Decisions needed", False),
        ("Standing items", False),
    ],
)
def test_actions_sections_by_title(title: str, expected: bool) -> None:
    assert holds_actions(title.split(". ", 1)[-1]) is expected


def test_standing_items_under_attendees_are_a_sibling() -> None:
    text = "# Sync\n\n## Attendees\n\n- A\n\n### Standing items\n\n- board\n\n## Agenda\n\n### Topic\n\n- x\n"
    sections = _sections(schema_from_template(text))
    assert "x-parent" not in sections["standing-items"]
    assert sections["topic"]["x-parent"] == "agenda"


def test_a_group_heading_does_not_hold_actions() -> None:
    sections = _sections(schema_from_template("# T\n\n## Actions\n\n## 1. Decisions\n\n- a\n\n## Next steps\n"))
    assert "x-actions" not in sections["actions"]
    assert sections["next-steps"]["x-actions"] is True


def test_fields_get_roles() -> None:
    text = "# T\n\nWhen: <date>\n\nNext meeting: [2025-03-01](https://example.org/1)\n\n## Agenda\n"
    fields = schema_from_template(text)["properties"]["fields"]
    assert fields["properties"] == {
        "When": {"x-field": "date", "x-role": "meeting-date"},
        "Next meeting": {"x-field": "date-link", "x-role": "next-meeting"},
    }
    assert fields["x-date-order"] == [["When", "<", "Next meeting"]]


def _report(*sections: str, number: bool = False) -> str:
    body = "".join(f"## {index + 1 if number else ''} {title}\n\n- x\n\n" for index, title in enumerate(sections))
    return f"# Call\n\nDate: 2025-01-0{len(sections)}\n\n{body}"


def test_reports_required_optional_and_left_out() -> None:
    texts = [_report("A", "B", "C")] * 3 + [_report("A", "C", "D"), _report("A", "D", "E")]
    schema = schema_from_reports(texts)
    sections = schema["properties"]["sections"]
    # A 5/5, C 4/5 and B 3/5 reach 60 %; D 2/5 is optional; E (1 report) is left out.
    assert list(sections["properties"]) == ["a", "b", "c", "d"]
    assert sections["required"] == ["a", "b", "c"]
    assert sections["x-order"] is True
    assert "additionalProperties" not in sections  # E is outside: the outline stays open
    fields = schema["properties"]["fields"]
    assert fields["properties"]["Date"] == {"x-field": "date", "x-role": "meeting-date"}


def test_reports_order_and_numbers_only_when_they_agree() -> None:
    agreeing = schema_from_reports([_report("A", "B", number=True)] * 3)
    assert [s.get("x-number") for s in _sections(agreeing).values()] == ["1", "2"]
    assert agreeing["properties"]["sections"]["additionalProperties"] is False
    mixed = schema_from_reports([_report("A", "B", number=True)] * 3 + [_report("B", "A", number=True)])
    assert [s.get("x-number") for s in _sections(mixed).values()] == [None, None]
    assert list(_sections(mixed)) == ["a", "b"]  # the order most reports use
    assert "x-order" not in mixed["properties"]["sections"]


def test_looks_dated_spares_section_numbers_and_links() -> None:
    assert looks_dated("09/26/22 @ 20:30 UTC") and looks_dated("TSC Meeting 2019-10-28T12:00Z")
    assert not looks_dated("1.2.10 Open PRs")
    assert not looks_dated("[Last report](https://example.org/2018-01-26.md)")


def test_from_reports_needs_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "init", "--from-reports", str(tmp_path)]) == 2
    assert "no reports" in capsys.readouterr().err
    assert main(["schema", "init"]) == 2
    with pytest.raises(ValueError, match="no reports"):
        schema_from_reports([])
