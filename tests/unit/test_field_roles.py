"""Field roles (``x-role``): the date rules and ``new`` work on outlines with any field names."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from compass_lint.cli.main import main
from compass_lint.outline.spec import outline_from_schema


def outline_schema(
    fields: dict[str, Any], required: list[str], date_order: list[list[str]] | None = None
) -> dict[str, Any]:
    field_schema: dict[str, Any] = {"type": "object", "required": required, "properties": fields}
    if date_order is not None:
        field_schema["x-date-order"] = date_order
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["title", "fields", "sections"],
        "properties": {
            "title": {"type": "string"},
            "fields": field_schema,
            "sections": {
                "type": "object",
                "required": ["agenda", "actions"],
                "properties": {
                    "agenda": {"x-title": "Agenda", "x-level": 2},
                    "actions": {"x-title": "Action items", "x-level": 2, "x-actions": True},
                },
            },
        },
    }


SPRINT = outline_schema(
    {
        "Sprint start": {"x-field": "date", "x-role": "opening"},
        "Sprint end": {"x-field": "date", "x-role": "closing"},
        "Next review": {"x-field": "date", "x-role": "next-meeting"},
    },
    ["Sprint start", "Sprint end"],
)
WEEKLY = outline_schema(
    {"Meeting date": {"x-field": "date"}, "Next meeting": {"x-field": "date-link"}},
    ["Meeting date"],
)


def sprint_report(start: str, end: str, actions: list[str]) -> str:
    items = "\n".join(f"- {a}" for a in actions)
    return (
        f"# Sprint review\n\nSprint start: {start}\n\nSprint end: {end}\n\nNext review: 2026-06-01\n\n"
        f"## Agenda\n\n- Demo\n\n## Action items\n\n{items}\n"
    )


def weekly_report(day: str, next_day: str | None, actions: list[str]) -> str:
    upcoming = f"Next meeting: [{next_day}](https://meet.example/weekly)\n\n" if next_day else ""
    items = "\n".join(f"- {a}" for a in actions)
    return f"# Weekly call\n\nMeeting date: {day}\n\n{upcoming}## Agenda\n\n- Roll call\n\n## Action items\n\n{items}\n"


def run_json(
    folder: Path, *args: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> list[Any]:
    monkeypatch.chdir(folder)
    capsys.readouterr()
    main(["check", "--no-cache", "--schema", "outline.schema.json", "--format", "json", *args])
    found: list[Any] = json.loads(capsys.readouterr().out)
    return found


def test_roles_are_read_and_inferred_from_field_types_not_names() -> None:
    roles = {spec.name: spec.role for spec in outline_from_schema(SPRINT).fields}
    assert roles == {"Sprint start": "opening", "Sprint end": "closing", "Next review": "next-meeting"}
    inferred = outline_schema(
        {"From": {"x-field": "date"}, "To": {"x-field": "date"}, "Then": {"x-field": "date-link"}},
        ["From", "To"],
        [["From", "<=", "To"], ["To", "<", "Then"]],
    )
    assert {s.name: s.role for s in outline_from_schema(inferred).fields} == {
        "From": "opening",
        "To": "closing",
        "Then": "next-meeting",
    }
    assert {s.name: s.role for s in outline_from_schema(WEEKLY).fields} == {
        "Meeting date": "meeting-date",
        "Next meeting": "next-meeting",
    }


def test_a_role_given_to_two_fields_is_a_schema_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = outline_schema(
        {"A": {"x-field": "date", "x-role": "opening"}, "B": {"x-field": "date", "x-role": "opening"}}, ["A"]
    )
    path = tmp_path / "broken.schema.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    assert main(["schema", "check", str(path)]) == 2
    assert "'opening' is already the role of field 'A'" in capsys.readouterr().err


def test_period_continuity_and_file_date_use_the_roles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "outline.schema.json").write_text(json.dumps(SPRINT), encoding="utf-8")
    (tmp_path / "2026-05-01.md").write_text(sprint_report("2026-04-18", "2026-05-01", ["Ship it"]), encoding="utf-8")
    # Opens two days after the previous sprint ended (a gap); named for a day outside its sprint.
    (tmp_path / "2026-05-20.md").write_text(sprint_report("2026-05-04", "2026-05-15", ["New"]), encoding="utf-8")
    found = {
        (f["path"], f["code"], f["message"]) for f in run_json(tmp_path, ".", monkeypatch=monkeypatch, capsys=capsys)
    }
    assert found == {
        (
            "2026-05-20.md",
            "CL205",
            "Sprint start 2026-05-04 leaves a gap after the previous report's Sprint end 2026-05-01 (2026-05-01.md)",
        ),
        ("2026-05-20.md", "CL206", "file name date 2026-05-20 is outside the report's period 2026-05-04 to 2026-05-15"),
    }


def test_the_file_date_is_compared_with_the_meeting_not_the_next_meeting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "outline.schema.json").write_text(json.dumps(WEEKLY), encoding="utf-8")
    (tmp_path / "2026-05-12.md").write_text(weekly_report("2026-05-12", "2026-05-19", ["Fix CI"]), encoding="utf-8")
    assert run_json(tmp_path, "2026-05-12.md", monkeypatch=monkeypatch, capsys=capsys) == []
    # No meeting date written, only the next meeting's: nothing to compare the file name with
    # (it used to be compared with the next meeting's date).
    no_date = weekly_report("2026-05-12", "2026-05-19", []).replace("Meeting date: 2026-05-12\n\n", "")
    (tmp_path / "2026-05-12.md").write_text(no_date, encoding="utf-8")
    found = run_json(tmp_path, "--select", "CL206", "2026-05-12.md", monkeypatch=monkeypatch, capsys=capsys)
    assert found == []
    (tmp_path / "2026-05-13.md").write_text(weekly_report("2026-05-12", "2026-05-19", []), encoding="utf-8")
    [finding] = run_json(tmp_path, "2026-05-13.md", monkeypatch=monkeypatch, capsys=capsys)
    assert finding["message"] == "file name date 2026-05-13 differs from Meeting date 2026-05-12"


@pytest.mark.parametrize(
    ("next_day", "expected_name", "expected_date"),
    [("2026-05-21", "2026-05-21.md", "2026-05-21"), (None, "2026-05-19.md", "2026-05-19")],
)
def test_new_continues_a_series_of_single_date_reports(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    next_day: str | None,
    expected_name: str,
    expected_date: str,
) -> None:
    (tmp_path / "outline.schema.json").write_text(json.dumps(WEEKLY), encoding="utf-8")
    (tmp_path / "2026-05-05.md").write_text(weekly_report("2026-05-05", None, ["Old done DONE"]), encoding="utf-8")
    latest = weekly_report("2026-05-12", next_day, ["Fix CI (Ana)", "Ship docs DONE"])
    (tmp_path / "2026-05-12.md").write_text(latest, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["new", "--schema", "outline.schema.json", "."]) == 0
    written = (tmp_path / expected_name).read_text(encoding="utf-8")
    assert f"\nMeeting date: {expected_date}\n" in written  # as the latest report writes it
    assert "- Fix CI (Ana)" in written and "Ship docs" not in written  # the open action only
