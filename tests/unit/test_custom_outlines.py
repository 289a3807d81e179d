"""Custom outlines: schema init from a template, schema commands, rule control per series."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from builders import Cli

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
SEED = ROOT.parent / "shared" / "seed-report.md"
TEMPLATE = FIXTURES / "demo" / "2026-01-30.md"
# Rules about the outline itself: a derived schema must report exactly what the builtin one does.
OUTLINE_CODES = (
    "CL100",
    "CL101",
    "CL102",
    "CL103",
    "CL104",
    "CL105",
    "CL106",
    "CL107",
    "CL201",
    "CL202",
    "CL203",
    "CL204",
    "CL401",
)


def _findings(cli: Cli, *args: str) -> list[tuple[int, str, str]]:
    done = cli("check", "--no-cache", "--no-history", "--format", "json", *args)
    assert done.code in (0, 1), done.out
    return sorted((f["line"], f["code"], f["message"]) for f in done.findings())


def _derive(template: Path, target: Path, cli: Cli) -> Path:
    assert cli("schema", "init", "--from-template", str(template), "-o", str(target)).code == 0
    return target


def _mutated_fixtures() -> list[Path]:
    return sorted(p for code in OUTLINE_CODES for p in (FIXTURES / code / "fail").glob("*.md"))


@pytest.fixture
def derived(tmp_path: Path, cli: Cli) -> Path:
    return _derive(TEMPLATE, tmp_path / "derived.schema.json", cli)


def test_derived_schema_accepts_its_template(derived: Path, cli: Cli) -> None:
    assert _findings(cli, "--schema", str(derived), str(TEMPLATE)) == []
    schema = json.loads(derived.read_text(encoding="utf-8"))
    sections = schema["properties"]["sections"]["properties"]
    assert list(sections)[:4] == ["actions", "1", "1.1", "1.2"]
    assert sections["1.1"] == {"x-number": "1.1", "x-title": "Open PRs", "x-parent": "1", "x-level": 3}
    assert sections["3"]["x-actions"] is True
    fields = schema["properties"]["fields"]
    assert fields["required"] == ["Opening Date", "Closing Date", "Next monthly meeting"]
    assert fields["properties"]["Next monthly meeting"] == {"x-field": "date-link", "x-role": "next-meeting"}


@pytest.mark.parametrize("fixture", _mutated_fixtures(), ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_derived_schema_flags_the_same_mutations(fixture: Path, derived: Path, cli: Cli) -> None:
    select = ",".join(OUTLINE_CODES)
    builtin = _findings(cli, "--select", select, str(fixture))
    custom = _findings(cli, "--select", select, "--schema", str(derived), str(fixture))
    assert builtin, "a fail fixture must fail"
    # Every mutation the builtin schema flags, the derived one flags at the same place.
    missing = {(line, code) for line, code, _ in builtin} - {(line, code) for line, code, _ in custom}
    assert not missing, missing
    # The derived schema may be stricter only where the template is: its unnumbered groups are
    # required and at the level the template writes them (the builtin allows H1 or H2, notes optional).
    extra = [message for line, code, message in custom if (line, code) not in {(b[0], b[1]) for b in builtin}]
    assert all(message.startswith(("missing section '", "section '")) for message in extra), extra


def test_seed_report_derived_schema(tmp_path: Path, cli: Cli) -> None:
    if not SEED.is_file():
        pytest.skip("../shared/seed-report.md is absent")
    derived = _derive(SEED, tmp_path / "seed.schema.json", cli)
    assert _findings(cli, "--schema", str(derived), str(SEED)) == []
    assert _findings(cli, str(SEED)) == [], "the reference report is clean under the builtin schema too"


def test_init_never_overwrites(derived: Path, cli: Cli) -> None:
    before = derived.read_bytes()
    done = cli("schema", "init", "--from-template", str(TEMPLATE), "-o", str(derived))
    assert done.code == 2
    assert "exists" in done.err
    assert derived.read_bytes() == before


def test_schema_list_and_show(cli: Cli) -> None:
    listed = cli("schema", "list")
    assert listed.code == 0
    assert listed.out.startswith("team-compass ")
    shown = cli("schema", "show", "team-compass")
    assert shown.code == 0
    assert json.loads(shown.out)["properties"]["sections"]["x-order"] is True
    assert cli("schema", "show", "nope").code == 2


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"x-level": "two"}, "$.properties.sections.properties['4']"),
        ({"x-title-pattern": "(unclosed"}, "x-title-pattern"),
        ({"x-parent": "nowhere"}, "x-parent"),
        ({"x-actoins": True}, "x-actoins"),
    ],
)
def test_schema_check_names_the_json_path(tmp_path: Path, cli: Cli, change: dict[str, object], where: str) -> None:
    schema = json.loads((ROOT / "schemas" / "team-compass.schema.json").read_text(encoding="utf-8"))
    schema["properties"]["sections"]["properties"]["4"].update(change)
    path = tmp_path / "bad.schema.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    done = cli("schema", "check", str(path))
    assert done.code == 2
    err = done.err
    assert err.startswith("compass-lint: error:") and where in err, err


def test_schema_check_accepts_a_valid_schema(derived: Path, cli: Cli) -> None:
    done = cli("schema", "check", str(derived))
    assert done.code == 0
    assert "valid outline schema (15 sections, 4 fields)" in done.out


def test_per_series_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    for folder in ("strict", "relaxed"):
        (tmp_path / folder).mkdir()
        shutil.copy(FIXTURES / "demo" / "2026-02-27.md", tmp_path / folder / "2026-02-27.md")
    (tmp_path / ".compass-lint.toml").write_text(
        'ignore = ["CL3"]\n'
        # With series configured, a file is a report when a series takes it.
        '[[series]]\nname = "strict"\nfiles = "strict/*.md"\n'
        '[[series]]\nname = "relaxed"\nfiles = "relaxed/*.md"\nignore = ["CL1"]\nseverity = { CL204 = "warning" }\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    strict = _findings(cli, "strict")
    relaxed = _findings(cli, "relaxed")
    assert {code for _, code, _ in strict} == {"CL101", "CL103", "CL106", "CL204"}
    assert {code for _, code, _ in relaxed} == {"CL204"}
    done = cli("check", "--no-cache", "--format", "json", "relaxed")
    assert done.code == 0  # CL204 is only a warning there
    assert done.findings()[0]["severity"] == "warning"


def test_inline_comments(tmp_path: Path, cli: Cli) -> None:
    text = (FIXTURES / "demo" / "2026-02-27.md").read_text(encoding="utf-8")
    text = text.replace(
        "**2. Decisions needed**", "<!-- compass-lint disable-next-line CL106 -->\n**2. Decisions needed**"
    )
    text = text.replace("### 3.2 Open issues", "<!-- compass-lint disable all -->\n### 3.2 Open issues")
    text = text.replace("## 5. Team News", "<!-- compass-lint enable all -->\n## 5. Team News")
    path = tmp_path / "report.md"
    path.write_text(text, encoding="utf-8")
    codes = {code for _, code, _ in _findings(cli, str(path))}
    assert codes == {"CL101", "CL204"}, "CL103 and CL106 are switched off, CL101 (at section 5) is after enable"
