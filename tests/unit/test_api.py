"""The embedding API: ``compass_lint.lint_text`` and ``compass_lint.lint_paths``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import compass_lint
from compass_lint.core.finding import Finding
from compass_lint.core.settings import Config
from compass_lint.engine.config import CONFIG_FILE
from compass_lint.reporters.text import format_finding

REPO = Path(__file__).resolve().parents[2]
FEBRUARY = "fixtures/demo/2026-02-27.md"


def readme_demo_lines() -> list[str]:
    """The finding lines the README shows for ``compass-lint check fixtures/demo/``."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return [line for line in readme.splitlines() if line.startswith("fixtures/demo/")]


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


@pytest.mark.usefixtures("in_repo")
def test_lint_paths_gives_the_readme_demo_findings() -> None:
    findings = compass_lint.lint_paths(["fixtures/demo/"])
    assert len(findings) == 7
    assert [format_finding(f, mark_fixable=True) for f in findings] == readme_demo_lines()
    assert all(isinstance(f, Finding) for f in findings)


@pytest.mark.usefixtures("in_repo")
def test_lint_paths_without_history_drops_the_series_rules() -> None:
    findings = compass_lint.lint_paths([Path("fixtures/demo")], history=False)
    expected = [line for line in readme_demo_lines() if " CL3" not in line]
    assert [format_finding(f, mark_fixable=True) for f in findings] == expected
    assert compass_lint.lint_paths([]) == []


@pytest.mark.usefixtures("in_repo")
def test_lint_text_gives_the_february_reports_own_findings_on_their_lines() -> None:
    text = (REPO / FEBRUARY).read_text(encoding="utf-8")
    findings = compass_lint.lint_text(text, path=FEBRUARY)
    # The README's findings but those comparing February with January (CL3xx).
    expected = [line for line in readme_demo_lines() if " CL3" not in line]
    assert [format_finding(f, mark_fixable=True) for f in findings] == expected
    assert [(f.line, f.code) for f in findings] == [(9, "CL204"), (24, "CL103"), (29, "CL106"), (44, "CL101")]
    # Without a path the findings name "<text>"; nothing else changes.
    anonymous = compass_lint.lint_text(text)
    assert {f.path for f in anonymous} == {"<text>"}
    assert [f._replace(path=FEBRUARY) for f in anonymous] == findings


def test_lint_text_takes_a_config_and_a_schema(tmp_path: Path) -> None:
    text = (REPO / FEBRUARY).read_text(encoding="utf-8")
    ignoring = Config(ignore=("CL101",))
    codes = [f.code for f in compass_lint.lint_text(text, config=ignoring)]
    assert codes == ["CL204", "CL103", "CL106"]
    # A schema that asks for nothing: the outline's findings go (its fields' too).
    schema = tmp_path / "bare.schema.json"
    schema.write_text('{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}')
    assert compass_lint.lint_text(text, config=Config(), schema=str(schema)) == []


def test_errors_raise_instead_of_exiting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "report.md").write_text("# Report\n", encoding="utf-8")
    with pytest.raises(compass_lint.SchemaLoadError, match=r"missing\.json"):
        compass_lint.lint_paths(["report.md"], config=Config(), schema="missing.json")
    with pytest.raises(compass_lint.PathError, match=r"nowhere\.md"):
        compass_lint.lint_paths(["nowhere.md"], config=Config())
    (tmp_path / CONFIG_FILE).write_text("select = [\n", encoding="utf-8")
    with pytest.raises(compass_lint.ConfigError, match="not valid TOML"):
        compass_lint.lint_text("# Report\n")
    with pytest.raises(compass_lint.ConfigError):
        compass_lint.lint_paths(["report.md"])


def test_every_exported_name_resolves() -> None:
    for name in compass_lint.__all__:
        assert getattr(compass_lint, name) is not None
    assert compass_lint.Finding is Finding
    with pytest.raises(AttributeError):
        compass_lint.not_a_name  # noqa: B018 - the attribute access is the test


def test_importing_compass_lint_loads_no_engine() -> None:
    code = (
        "import sys, compass_lint; "
        "print(sorted(m for m in sys.modules if m.startswith(('compass_lint', 'mistune', 'jsonschema', 'click'))))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "['compass_lint']"
