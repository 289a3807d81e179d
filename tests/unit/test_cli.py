"""The ``compass-lint`` command line: exit codes, output formats, file discovery."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from builders import Cli, CliResult

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
CLEAN = FIXTURES / "CL101" / "pass" / "complete.md"
ERRORS = FIXTURES / "demo" / "2026-02-27.md"  # four errors of four rules, one at column 6
WARNING_ONLY = FIXTURES / "CL105" / "fail" / "renamed-metrics.md"
JSON_KEYS = [
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "code",
    "name",
    "severity",
    "message",
    "related",
]
SUMMARY = re.compile(r"^(No problems found|Found .+ in \d+ files?) \(\d+ files? checked\)\.$")
FINDING = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<code>CL\d{3}) .* \[(error|warning|info)\]$")


@pytest.fixture(autouse=True)
def _in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every run here starts in ``tmp_path`` (or the ``cwd`` it names)."""
    monkeypatch.chdir(tmp_path)


def _copy(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


# --- Exit codes ---------------------------------------------------------------------------


def test_clean_report_exits_0(cli: Cli, tmp_path: Path) -> None:
    _copy(CLEAN, tmp_path / "report.md")
    result = cli("check", "report.md")
    assert result.code == 0
    assert result.out == "No problems found (1 file checked).\n"


def test_errors_exit_1(cli: Cli, tmp_path: Path) -> None:
    _copy(ERRORS, tmp_path / "report.md")
    result = cli("check", "report.md")
    assert result.code == 1
    assert result.out.splitlines()[-2:] == [
        "Found 4 errors in 1 file (1 file checked).",
        "[*] 3 fixable with `compass-lint fix`.",
    ]


def test_exit_zero_wins_over_errors(cli: Cli, tmp_path: Path) -> None:
    _copy(ERRORS, tmp_path / "report.md")
    result = cli("check", "--exit-zero", "report.md")
    assert result.code == 0
    assert "CL106" in result.out


def test_warnings_fail_only_with_strict(cli: Cli, tmp_path: Path) -> None:
    _copy(WARNING_ONLY, tmp_path / "report.md")
    plain = cli("check", "report.md")
    assert (plain.code, plain.out.splitlines()[-1]) == (0, "Found 1 warning in 1 file (1 file checked).")
    assert cli("check", "--strict", "report.md").code == 1
    assert cli("check", "--strict", "--exit-zero", "report.md").code == 0


def test_strict_on_a_clean_report_exits_0(cli: Cli, tmp_path: Path) -> None:
    _copy(CLEAN, tmp_path / "report.md")
    assert cli("check", "--strict", "report.md").code == 0


def test_nonexistent_path_exits_2(cli: Cli) -> None:
    result = cli("check", "no-such-report.md")
    assert result.code == 2
    assert "no-such-report.md: no such file or directory" in result.err
    assert result.out == ""


def test_unknown_schema_name_exits_2(cli: Cli, tmp_path: Path) -> None:
    _copy(CLEAN, tmp_path / "report.md")
    result = cli("check", "--schema", "no-such-schema", "report.md")
    assert result.code == 2
    assert "no-such-schema" in result.err
    assert "cannot read schema" in result.err
    assert "team-compass" in result.err  # the builtin names are offered


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"type": 5}', "invalid schema at $.type"),
        ("not json at all", "not a JSON document"),
        ("[1, 2]", "a schema must be a JSON object"),
        ('{"properties": {"sections": {"properties": {"4": {"x-parent": "nowhere"}}}}}', "x-parent"),
    ],
    ids=["bad-type", "not-json", "not-object", "bad-x-keyword"],
)
def test_invalid_schema_file_exits_2_with_reason(cli: Cli, tmp_path: Path, content: str, reason: str) -> None:
    _copy(CLEAN, tmp_path / "report.md")
    (tmp_path / "outline.json").write_text(content, encoding="utf-8")
    result = cli("check", "--schema", "outline.json", "report.md")
    assert result.code == 2
    assert "outline.json" in result.err
    assert reason in result.err
    assert result.out == ""


@pytest.mark.parametrize(
    ("filename", "content", "key"),
    [
        (".compass-lint.toml", "colour = true\n", "colour"),
        (".compass-lint.toml", 'max-file-size = "big"\n', "max-file-size"),
        (".compass-lint.toml", 'severity = { CL105 = "loud" }\n', "severity.CL105"),
        ("pyproject.toml", '[project]\nname = "x"\n\n[tool.compass-lint]\nselekt = ["CL1"]\n', "selekt"),
        ("pyproject.toml", '[tool.compass-lint]\nignore = "CL104"\n', "ignore"),
    ],
    ids=["unknown-key", "bad-value", "bad-severity", "pyproject-unknown-key", "pyproject-bad-value"],
)
def test_invalid_config_exits_2_naming_key_and_file(
    cli: Cli, tmp_path: Path, filename: str, content: str, key: str
) -> None:
    _copy(CLEAN, tmp_path / "report.md")
    (tmp_path / filename).write_text(content, encoding="utf-8")
    result = cli("check", "report.md")
    assert result.code == 2
    assert str(tmp_path / filename) in result.err
    assert f"'{key}'" in result.err
    assert result.out == ""


def test_config_is_found_upward(cli: Cli, tmp_path: Path) -> None:
    _copy(ERRORS, tmp_path / "reports" / "report.md")
    (tmp_path / ".compass-lint.toml").write_text('ignore = ["CL1", "CL2"]\n', encoding="utf-8")
    assert cli("check", "report.md", cwd=tmp_path / "reports").code == 0
    (tmp_path / ".compass-lint.toml").write_text("bogus = 1\n", encoding="utf-8")
    assert cli("check", "report.md", cwd=tmp_path / "reports").code == 2


def test_unknown_config_key_is_the_key_reported(cli: Cli, tmp_path: Path) -> None:
    _copy(CLEAN, tmp_path / "report.md")
    (tmp_path / ".compass-lint.toml").write_text("colour = true\n", encoding="utf-8")
    result = cli("check", "report.md")
    assert result.code == 2
    assert "config key 'colour'" in result.err
    assert "(top level)" not in result.err


@pytest.mark.parametrize("code", ["FOO", "CL9999", "CLX", "101"])
def test_malformed_select_code_exits_2(cli: Cli, tmp_path: Path, code: str) -> None:
    _copy(ERRORS, tmp_path / "report.md")
    result = cli("check", "--select", code, "report.md")
    assert result.code == 2
    assert f"'{code}' is not a rule code" in result.err


def test_unknown_select_code_exits_2(cli: Cli, tmp_path: Path) -> None:
    _copy(ERRORS, tmp_path / "report.md")
    result = cli("check", "--select", "CL999", "report.md")
    assert result.code == 2
    assert "CL999" in result.err
    assert result.out == ""
    assert cli("check", "--select", "CL1", "report.md").code == 1  # a prefix of real codes is fine


def test_select_and_ignore_filter_codes(cli: Cli, tmp_path: Path) -> None:
    _copy(ERRORS, tmp_path / "report.md")
    codes = {f["code"] for f in cli("check", "--format", "json", "report.md").findings()}
    assert codes == {"CL101", "CL103", "CL106", "CL204"}
    selected = cli("check", "--format", "json", "--select", "CL1", "report.md").findings()
    assert {f["code"] for f in selected} == {"CL101", "CL103", "CL106"}
    ignored = cli("check", "--format", "json", "--ignore", "CL101,CL204", "report.md").findings()
    assert {f["code"] for f in ignored} == {"CL103", "CL106"}


# --- Output -------------------------------------------------------------------------------


def test_json_output_shape(cli: Cli, tmp_path: Path) -> None:
    _copy(ERRORS, tmp_path / "a" / "report.md")
    _copy(WARNING_ONLY, tmp_path / "b" / "report.md")
    absolute = str(tmp_path / "b" / "report.md")
    result = cli("check", "--format", "json", "./a/report.md", absolute)
    assert result.code == 1
    findings = result.findings()
    assert len(findings) == 5
    for finding in findings:
        assert list(finding) == JSON_KEYS
        assert isinstance(finding["line"], int) and finding["line"] >= 1
        assert isinstance(finding["column"], int) and finding["column"] >= 1
        assert finding["severity"] in ("error", "warning", "info")
        assert isinstance(finding["related"], list)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", str(finding["name"]))
    assert {f["path"] for f in findings} == {"./a/report.md", absolute}
    by_code = {f["code"]: f for f in findings}
    assert by_code["CL204"]["line"] == 9 and by_code["CL204"]["column"] == 6
    assert by_code["CL204"]["name"] == "missing-link"
    assert by_code["CL105"]["severity"] == "warning"


def test_json_output_of_a_clean_run_is_an_empty_array(cli: Cli, tmp_path: Path) -> None:
    _copy(CLEAN, tmp_path / "report.md")
    result = cli("check", "--format", "json", "report.md")
    assert (result.code, json.loads(result.out)) == (0, [])


def test_text_output_is_sorted_and_ends_with_summary(cli: Cli, tmp_path: Path) -> None:
    _copy(ERRORS, tmp_path / "z" / "report.md")
    _copy(FIXTURES / "CL103" / "fail" / "auto-renumbered.md", tmp_path / "a" / "report.md")
    _copy(WARNING_ONLY, tmp_path / "m" / "report.md")
    _copy(CLEAN, tmp_path / "c" / "report.md")
    result = cli("check", "--format", "text", "z/report.md", "m/report.md", "a/report.md", "c/report.md")
    assert result.code == 1
    *rows, summary, fixes = result.out.splitlines()
    assert result.out.endswith("\n")
    assert summary == "Found 9 errors, 1 warning in 3 files (4 files checked)."
    assert fixes == "[*] 8 fixable with `compass-lint fix`."
    keys = []
    for row in rows:
        match = FINDING.match(row)
        assert match, row
        keys.append((match["path"], int(match["line"]), int(match["column"]), match["code"]))
    assert len(keys) == 10
    assert keys == sorted(keys)
    assert [k[0] for k in keys].count("z/report.md") == 4


def test_quiet_drops_only_the_summary(cli: Cli, tmp_path: Path) -> None:
    _copy(ERRORS, tmp_path / "report.md")
    loud = cli("check", "--format", "text", "report.md").out.splitlines()
    quiet = cli("check", "--format", "text", "--quiet", "report.md").out.splitlines()
    assert quiet == loud[:-2]
    assert SUMMARY.match(loud[-2])
    assert loud[-1] == "[*] 3 fixable with `compass-lint fix`."


def test_no_colour_when_not_a_terminal(cli: Cli, tmp_path: Path) -> None:
    _copy(ERRORS, tmp_path / "report.md")
    result = cli("check", "--format", "text", "report.md")
    assert "CL106" in result.out
    assert "\x1b[" not in result.out
    # A real pipe, in a process of its own: tests/integration/test_cli_process.py.


def test_colour_on_a_terminal(cli: Cli, tmp_path: Path) -> None:
    """The control for the test above: the same run on a 'terminal' is coloured."""
    _copy(ERRORS, tmp_path / "report.md")
    result = cli("check", "--format", "text", "report.md", tty=True)
    assert "\x1b[" in result.out


# --- Which files a folder means -----------------------------------------------------------

# A meeting report to discovery (a dated title, an agenda) with findings, so every checked
# file shows in the JSON output.
REPORT = "# Team meeting 2026-01-30\n\n## Agenda\n\n## Notes\n"


def _tree(root: Path) -> None:
    for name in [
        "top.md",
        "sub/deep/inner.md",
        ".hidden/secret.md",
        "sub/.drafts/draft.md",
        "ignored/old.md",
        "build.md",
        "notes.txt",
        "sub/readme.markdown",
    ]:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(REPORT, encoding="utf-8")
    (root / ".gitignore").write_text("ignored/\nbuild.md\n", encoding="utf-8")


def _checked_paths(result: CliResult) -> set[str]:
    return {str(f["path"]) for f in result.findings()}


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_folder_skips_hidden_and_git_ignored(cli: Cli, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    _tree(repo)
    subprocess.run(["git", "init", "-q", str(repo)], check=True, capture_output=True, timeout=60)
    result = cli("check", "--format", "json", "--no-history", ".", cwd=repo)
    assert result.code == 1
    assert _checked_paths(result) == {"top.md", "sub/deep/inner.md"}
    text = cli("check", "--no-history", "repo", cwd=tmp_path)
    assert next(line for line in text.out.splitlines() if SUMMARY.match(line)).endswith("(2 files checked).")
    assert {m["path"] for m in map(FINDING.match, text.out.splitlines()[:-1]) if m} == {
        "repo/top.md",
        "repo/sub/deep/inner.md",
    }


def test_folder_outside_git_skips_hidden_only(cli: Cli, tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    _tree(plain)
    result = cli("check", "--format", "json", "--no-history", "plain", cwd=tmp_path)
    assert _checked_paths(result) == {
        "plain/top.md",
        "plain/sub/deep/inner.md",
        "plain/ignored/old.md",
        "plain/build.md",
    }


def test_file_named_explicitly_is_checked_even_if_hidden(cli: Cli, tmp_path: Path) -> None:
    _tree(tmp_path)
    result = cli("check", "--format", "json", "--no-history", ".hidden/secret.md")
    assert _checked_paths(result) == {".hidden/secret.md"}


# --- Line endings and BOM do not change findings ----------------------------------------


@pytest.mark.parametrize("source", [ERRORS, FIXTURES / "CL100" / "fail" / "no-title.md"], ids=["demo", "no-title"])
def test_crlf_cr_and_bom_variants_give_identical_findings(cli: Cli, tmp_path: Path, source: Path) -> None:
    text = source.read_text(encoding="utf-8")
    assert "\r" not in text
    variants = {
        "lf": text.encode(),
        "crlf": text.replace("\n", "\r\n").encode(),
        "cr": text.replace("\n", "\r").encode(),
        "bom": b"\xef\xbb\xbf" + text.encode(),
        "bom-crlf": b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(),
    }
    seen: dict[str, list[dict[str, object]]] = {}
    for name, data in variants.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "report.md").write_bytes(data)
        findings = cli("check", "--format", "json", f"{name}/report.md").findings()
        seen[name] = [{k: v for k, v in f.items() if k != "path"} for f in findings]
    assert seen["lf"], "the source must fail"
    for name, findings in seen.items():
        assert findings == seen["lf"], name
