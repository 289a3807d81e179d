"""``link-base``: the config key, ``--link-base`` and GitHub's environment; validation (exit 2 naming the key
or the option); links as base + the path from the project root + ``#L<line>``, percent-encoded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from builders import run_cli
from timeline_page import MONTHS, parse_page, write_report

from compass_lint.core.links import github_link_base, repository_url, url_problem

BASE = "https://github.com/example/compass/blob/main/"
SHA = "0123456789abcdef0123456789abcdef01234567"
GITHUB = {
    "GITHUB_ACTIONS": "true",
    "GITHUB_SERVER_URL": "https://github.com",
    "GITHUB_REPOSITORY": "example/compass",
    "GITHUB_SHA": SHA,
}
BAD = [
    "javascript:alert(1)",
    "JavaScript:alert(1)//https://x",
    "data:text/html,<script>alert(1)</script>",
    "ftp://example.org/reports/",
    "https://",
    "//evil.example/",
    "https://example.org/a b/",
    'https://example.org/"><script>alert(1)</script>',
    "https://example.org/\x07/",
]


@pytest.fixture(autouse=True)
def no_github(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (*GITHUB, "GITHUB_WORKSPACE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``tmp_path/project/docs/meetings`` with two reports; the current folder is ``tmp_path/elsewhere``."""
    folder = tmp_path / "project" / "docs" / "meetings"
    folder.mkdir(parents=True)
    for month in MONTHS[:2]:
        write_report(folder, month)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    return tmp_path / "project"


def hrefs(project: Path, *extra: str) -> list[str]:
    out = project.parent / "actions.html"
    result = run_cli("actions", "--format", "html", *extra, "-o", str(out), str(project / "docs" / "meetings"))
    assert result.code == 0, result.err
    page = parse_page(out.read_text(encoding="utf-8"))
    return [a.attrs.get("href") or "" for table in page.iter("table") for a in table.iter("a")]


def report_links(found: list[str]) -> list[str]:
    return [h for h in found if ".md" in h]


def test_config_key_links_from_the_config_folder(project: Path) -> None:
    (project / ".compass-lint.toml").write_text(f'link-base = "{BASE}"\n', encoding="utf-8")
    found = report_links(hrefs(project, "--config", str(project / ".compass-lint.toml")))
    names = [m[3] for m in MONTHS[:2]]
    assert {h.split("#")[0] for h in found} == {f"{BASE}docs/meetings/{n}" for n in names}
    lines = [h for h in found if "#L" in h]
    assert lines and all(h.rsplit("#L", 1)[1].isdigit() for h in lines)


def test_pyproject_key_and_base_without_slash(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.compass-lint]\nlink-base = "https://git.example.org/team/compass/src/branch/main"\n', encoding="utf-8"
    )
    monkeypatch.chdir(project / "docs")  # the config is found upward; paths stay relative to its folder
    found = report_links(hrefs(project))
    assert found and all(
        h.startswith("https://git.example.org/team/compass/src/branch/main/docs/meetings/") for h in found
    )


@pytest.mark.parametrize("value", BAD)
def test_bad_config_value_is_exit_2_naming_the_key(project: Path, value: str) -> None:
    config = project / ".compass-lint.toml"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\x07", "\\u0007")
    config.write_text(f'link-base = "{escaped}"\n', encoding="utf-8")
    result = run_cli("actions", "--format", "html", "--config", str(config), str(project))
    assert result.code == 2 and "'link-base'" in result.err and str(config) in result.err
    assert "\x07" not in result.err


@pytest.mark.parametrize("value", BAD)
def test_bad_option_is_exit_2_naming_it(project: Path, value: str) -> None:
    result = run_cli("actions", "--format", "html", "--link-base", value, str(project))
    assert result.code == 2 and "--link-base" in result.err


def test_option_wins_and_empty_turns_it_off(project: Path) -> None:
    config = project / ".compass-lint.toml"
    config.write_text('link-base = "https://example.org/config/"\n', encoding="utf-8")
    other = "https://example.org/option/"
    assert all(h.startswith(other) for h in report_links(hrefs(project, "--config", str(config), "--link-base", other)))
    plain = report_links(hrefs(project, "--config", str(config), "--link-base", ""))
    # Without a base: paths as the command shows them (absolute here, the reports being outside the current folder).
    assert plain and all(h.startswith(f"{project}/docs/meetings/") for h in plain)


def test_github_environment_default(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in GITHUB.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(project))
    found = report_links(hrefs(project))
    assert found and all(h.startswith(f"https://github.com/example/compass/blob/{SHA}/docs/meetings/") for h in found)
    # A configured base wins over the environment.
    config = project / ".compass-lint.toml"
    config.write_text(f'link-base = "{BASE}"\n', encoding="utf-8")
    assert all(h.startswith(BASE) for h in report_links(hrefs(project, "--config", str(config))))


@pytest.mark.parametrize(
    ("name", "value"), [("GITHUB_ACTIONS", "false"), ("GITHUB_REPOSITORY", "a/b/../c"), ("GITHUB_SHA", "main")]
)
def test_github_environment_incomplete(project: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    for key, setting in GITHUB.items():
        monkeypatch.setenv(key, setting)
    monkeypatch.setenv(name, value)
    found = report_links(hrefs(project))
    assert found and all(h.startswith(f"{project}/docs/meetings/") for h in found)


def test_paths_are_percent_encoded_and_outside_the_root_stay_relative(project: Path, tmp_path: Path) -> None:
    folder = project / "docs" / "meetings"
    (folder / MONTHS[1][3]).rename(folder / "2026-02-27 team #2?.md")
    found = report_links(hrefs(project, "--config", str(_config(project)), "--link-base", BASE))
    assert f"{BASE}docs/meetings/2026-02-27%20team%20%232%3F.md" in found
    outside = tmp_path / "outside"
    outside.mkdir()
    write_report(outside, MONTHS[0])
    page = tmp_path / "outside.html"
    result = run_cli(
        "actions",
        "--format",
        "html",
        "--config",
        str(_config(project)),
        "--link-base",
        BASE,
        "-o",
        str(page),
        str(outside),
    )
    assert result.code == 0
    links = [a.attrs.get("href") or "" for a in parse_page(page.read_text(encoding="utf-8")).iter("a")]
    assert f"{outside}/2026-01-30.md" in links and not [h for h in links if h.startswith(BASE)]


def _config(project: Path) -> Path:
    config = project / ".compass-lint.toml"
    config.write_text("", encoding="utf-8")
    return config


def test_bad_config_in_a_real_process(project: Path) -> None:
    (project / ".compass-lint.toml").write_text('link-base = "javascript:alert(1)"\n', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "compass_lint", "actions", "--format", "html", str(project)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2 and "invalid config key 'link-base'" in done.stderr and not done.stdout


@pytest.mark.parametrize(
    ("value", "problem"),
    [("https://github.com/o/r/blob/main/", False), ("HTTP://example.org", False), ("javascript:alert(1)", True)],
)
def test_url_problem(value: str, problem: bool) -> None:
    assert (url_problem(value) is not None) == problem


def test_repository_url() -> None:
    assert repository_url("https://github.com/o/r/blob/main/") == ("https://github.com/o/r", "/issues/")
    assert repository_url("https://gitlab.com/g/sub/p/-/blob/main/") == ("https://gitlab.com/g/sub/p", "/-/issues/")
    assert repository_url("https://example.org/reports/") is None


def test_github_link_base_needs_every_variable() -> None:
    assert github_link_base(GITHUB) == f"https://github.com/example/compass/blob/{SHA}/"
    assert github_link_base({**GITHUB, "GITHUB_SERVER_URL": "javascript:alert(1)"}) is None
    assert github_link_base({k: v for k, v in GITHUB.items() if k != "GITHUB_SHA"}) is None
