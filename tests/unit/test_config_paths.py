"""Configuration: bad TOML is exit 2 with the line, globs are relative to the config's folder, lists extend."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from builders import Cli

from compass_lint.core.dates import DEFAULT_DATE_FORMATS
from compass_lint.core.settings import DEFAULT_COMPLETION_MARKERS
from compass_lint.engine.config import LIST_KEYS, load_config
from compass_lint.series.membership import excluded, series_files

ROOT = Path(__file__).resolve().parents[2]
BROKEN = ROOT / "fixtures" / "demo" / "2026-02-27.md"


def test_a_malformed_pyproject_is_exit_2_with_its_line(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nversion = = 1\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    result = cli("check", cwd=tmp_path / "sub")
    assert result.code == 2
    assert result.err.startswith(f"compass-lint: error: {tmp_path / 'pyproject.toml'}: not valid TOML (")
    assert "at line 3" in result.err


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "docs" / "drafts").mkdir(parents=True)
    (tmp_path / "tools").mkdir()
    shutil.copyfile(BROKEN, tmp_path / "docs" / "2026-02-27.md")
    shutil.copyfile(BROKEN, tmp_path / "docs" / "drafts" / "2026-03-27.md")
    (tmp_path / ".compass-lint.toml").write_text('exclude = ["docs/drafts/"]\n', encoding="utf-8")
    return tmp_path


def _checked(result_out: str) -> set[str]:
    return {line.split(":", 1)[0] for line in result_out.splitlines() if line.endswith("]")}


@pytest.mark.parametrize(
    ("cwd", "argument"),
    [
        (".", "docs"),
        (".", "./docs/../docs"),
        ("tools", "../docs"),
        ("docs", "."),
        ("docs/drafts", "."),
        ("tools", "ABSOLUTE"),
    ],
)
def test_exclude_holds_whatever_the_folder_and_spelling(repo: Path, cli: Cli, cwd: str, argument: str) -> None:
    argument = str(repo / "docs") if argument == "ABSOLUTE" else argument
    result = cli("check", "--no-history", argument, cwd=repo / cwd)
    assert not any("drafts" in path or path.endswith("2026-03-27.md") for path in _checked(result.out)), result.out


def test_exclude_holds_for_a_file_named_by_pre_commit(repo: Path, cli: Cli) -> None:
    named = str(repo / "docs" / "drafts" / "2026-03-27.md")
    for cwd in (repo, repo / "tools"):
        assert cli("check", os.path.relpath(named, cwd), cwd=cwd).out.startswith("No problems found (0 files")


def test_gitignore_semantics() -> None:
    root = Path("/r")
    assert excluded("/r/a/README.md", ["README.md"], root), "no slash: any depth"
    assert excluded("/r/top.md", ["/top.md"], root)
    assert not excluded("/r/a/top.md", ["/top.md"], root), "a leading slash anchors"
    assert not excluded("/r/meetings/sub/a.md", ["meetings/*.md"], root), "* stops at /"
    assert excluded("/r/archive/2019/a.md", ["archive/**"], root)
    assert not excluded("/elsewhere/README.md", ["README.md"], root), "outside the config's folder"


def test_series_files_are_found_from_any_folder(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / "meetings" / "old").mkdir(parents=True)
    for name in ("2026-01-30.md", "2026-02-27.md"):
        shutil.copyfile(ROOT / "fixtures" / "demo" / name, tmp_path / "meetings" / name)
    shutil.copyfile(BROKEN, tmp_path / "meetings" / "old" / "2025-12-31.md")
    (tmp_path / ".compass-lint.toml").write_text(
        '[[series]]\nname = "monthly"\nfiles = "meetings/*.md"\n', encoding="utf-8"
    )
    config = load_config(start=tmp_path)
    found = [p.relative_to(tmp_path).as_posix() for p in series_files(config.series[0], config.root)]
    assert found == ["meetings/2026-01-30.md", "meetings/2026-02-27.md"]
    (tmp_path / "elsewhere").mkdir()
    for cwd, argument in ((tmp_path, "meetings/2026-02-27.md"), (tmp_path / "elsewhere", "../meetings/2026-02-27.md")):
        result = cli("check", "--select", "CL301", argument, cwd=cwd)
        assert result.out.count("CL301") == 2, "the series (and so the history) is found from any folder"


def test_extend_keeps_the_defaults(tmp_path: Path) -> None:
    (tmp_path / ".compass-lint.toml").write_text(
        'extend-date-formats = ["%d.%m.%Y"]\nextend-completion-markers = ["SHIPPED"]\n'
        'extend-exclude = ["b.md"]\nexclude = ["a.md"]\nextend-ignore = ["CL205"]\n',
        encoding="utf-8",
    )
    config = load_config(start=tmp_path)
    assert config.date_formats == (*DEFAULT_DATE_FORMATS, "%d.%m.%Y")
    assert config.completion_markers == (*DEFAULT_COMPLETION_MARKERS, "SHIPPED")
    assert config.exclude == ("a.md", "b.md")
    assert config.ignore == ("CL205",)


def test_extend_select_inside_a_series(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / "meetings").mkdir()
    for name in ("2026-01-30.md", "2026-02-27.md"):
        shutil.copyfile(ROOT / "fixtures" / "demo" / name, tmp_path / "meetings" / name)
    config = '[[series]]\nname = "monthly"\nfiles = "meetings/*.md"\nselect = ["CL2"]\n'
    (tmp_path / ".compass-lint.toml").write_text(config + 'extend-select = ["CL302"]\n', encoding="utf-8")
    result = cli("check", "--format", "json", "meetings", cwd=tmp_path)
    assert result.code == 1, result.err
    codes = {finding["code"] for finding in result.findings()}
    assert codes == {"CL204"}, "select replaced; CL302 (off by default) turned on but has nothing here"
    assert load_config(start=tmp_path).with_series(load_config(start=tmp_path).series[0]).extend_select == ("CL302",)


def test_the_readme_configuration_works_in_both_files(tmp_path: Path, cli: Cli) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("```toml\n")[1:]
    pyproject = next(b.split("```")[0] for b in blocks if b.startswith("# pyproject.toml"))
    dotfile = next(b.split("```")[0] for b in blocks if b.startswith("# .compass-lint.toml"))
    shutil.copyfile(ROOT / "fixtures" / "demo" / "2026-01-30.md", tmp_path / "2026-01-30.md")
    (tmp_path / "schemas").mkdir()
    (tmp_path / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    assert cli("check", "--no-history", cwd=tmp_path).code in (0, 1)
    (tmp_path / "pyproject.toml").unlink()
    (tmp_path / ".compass-lint.toml").write_text(dotfile, encoding="utf-8")
    done = cli("check", "--no-history", cwd=tmp_path)
    assert done.code in (0, 1), done.err


def test_every_key_is_in_the_configuration_table() -> None:
    schema = json.loads((ROOT / "schemas" / "config.schema.json").read_text(encoding="utf-8"))
    doc = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    keys = [*schema["properties"], *schema["$defs"]["series"]["properties"]]
    assert [key for key in keys if f"| `{key}` |" not in doc] == []
    # Every list key can be extended.
    assert [key for key in LIST_KEYS if f"extend-{key}" not in schema["properties"]] == []
