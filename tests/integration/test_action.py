"""The GitHub Action (``action.yml`` and ``scripts/action-run.sh``).

The structure of ``action.yml`` is checked as data, then its "Run compass-lint" step is executed the way the
runner executes it: the step's ``run:`` body in ``bash --noprofile --norc -eo pipefail``, with the step's
``env:`` (its ``${{ inputs.* }}`` expressions evaluated here) and the variables GitHub sets, in a git
repository whose pull request adds a report. The install step is replaced by the compass-lint already
installed next to this Python.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
ACTION = REPO / "action.yml"
SCRIPT = REPO / "scripts" / "action-run.sh"
DEMO = REPO / "fixtures" / "demo"
BIN = Path(sys.executable).parent
JANUARY = "meetings/2026-01-30.md"
FEBRUARY = "meetings/2026-02-27.md"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
INPUTS = {"paths", "args", "config", "fail-on", "sarif-file", "summary", "python-version"}
ALLOWED_COMMANDS = {"error", "warning", "notice", "group", "endgroup", "stop-commands"}


def load_action() -> dict[str, Any]:
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert isinstance(action, dict)
    return action


def steps() -> list[dict[str, Any]]:
    return list(load_action()["runs"]["steps"])


def run_step() -> dict[str, Any]:
    """The step that runs scripts/action-run.sh."""
    found = [step for step in steps() if "scripts/action-run.sh" in step.get("run", "")]
    assert len(found) == 1, "exactly one step runs scripts/action-run.sh"
    return found[0]


# --- action.yml as data ------------------------------------------------------------------------------


def test_action_is_composite_with_documented_inputs() -> None:
    action = load_action()
    assert action["runs"]["using"] == "composite"
    assert action["name"] and action["description"]
    inputs = action["inputs"]
    assert set(inputs) == INPUTS
    assert all(spec.get("description") and spec.get("required") is False for spec in inputs.values())
    defaults = {name: str(spec["default"]) for name, spec in inputs.items()}
    assert defaults == {
        "paths": "",
        "args": "",
        "config": "",
        "fail-on": "error",
        "sarif-file": "",
        "summary": "true",
        "python-version": "3.12",
    }


def test_steps_set_up_python_install_from_the_action_checkout_and_run_the_script() -> None:
    setup, install, run = steps()
    assert setup["uses"] == "actions/setup-python@v5"
    assert setup["with"]["python-version"] == "${{ inputs.python-version }}"
    # The caller's later steps keep their own Python.
    assert setup["with"]["update-environment"] is False
    assert "pip install" in install["run"] and '"$GITHUB_ACTION_PATH"' in install["run"]
    assert run["run"].strip() == 'bash "$GITHUB_ACTION_PATH/scripts/action-run.sh"'
    assert SCRIPT.is_file()


def test_no_expression_inside_shell_code() -> None:
    """``${{ }}`` in a run: body is pasted into the script before bash sees it: an injection hole."""
    for step in steps():
        if "run" in step:
            assert step["shell"] == "bash"
            assert "${{" not in step["run"], step["run"]
            done = subprocess.run(["bash", "-n"], input=step["run"], capture_output=True, text=True, check=False)
            assert done.returncode == 0, done.stderr
    done = subprocess.run(["bash", "-n", str(SCRIPT)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_every_input_reaches_the_script_through_the_environment() -> None:
    env = run_step()["env"]
    for name in INPUTS - {"python-version"}:
        variable = "INPUT_" + name.upper().replace("-", "_")
        assert env[variable] == f"${{{{ inputs.{name} }}}}"
        assert variable in SCRIPT.read_text(encoding="utf-8")


# --- executing the run step -------------------------------------------------------------------------


def git(cwd: Path, *args: str) -> str:
    identity = [
        "-c",
        "user.name=compass-lint tests",
        "-c",
        "user.email=tests@example.org",
        "-c",
        "commit.gpgsign=false",
    ]
    done = subprocess.run(
        ["git", *identity, *args], cwd=cwd, env=base_env(), capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"git {' '.join(args)} failed:\n{done.stderr}"
    return done.stdout


def base_env() -> dict[str, str]:
    """The environment without the caller's git, GitHub, runner and input variables."""
    prefixes = ("GIT_", "GITHUB_", "RUNNER_", "INPUT_", "COMPASS_LINT")
    env = {k: v for k, v in os.environ.items() if not k.startswith(prefixes)}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    return env


def write(root: Path, name: str, text: str) -> None:
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / name).write_text(text, encoding="utf-8")


def stale_only_february() -> str:
    """February carrying January's actions, with no error: warnings (CL301) and an info (CL303) only."""
    text = (DEMO / "2026-01-30.md").read_text(encoding="utf-8")
    for old, new in (("01 Jan 2026", "31 Jan 2026"), ("30 Jan 2026", "27 Feb 2026"), ("February 5", "March 5")):
        assert text.count(old) == 1, f"the demo report changed: {old!r} is not there exactly once"
        text = text.replace(old, new)
    return text


class Workspace:
    """A checked-out repository: ``main`` has January's report, a pull request adds more.

    ``origin`` is a bare clone that is never fetched here: the script must fetch the base branch itself.
    After the pull request branched off, ``main`` moved on (it changed ``notes.md``, which is not a
    report): only a three-dot diff leaves that change out.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir()
        git(root, "init", "-q", "-b", "main")
        write(root, JANUARY, (DEMO / "2026-01-30.md").read_text(encoding="utf-8"))
        write(root, "notes.md", "# Notes\n")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "January")
        git(root, "checkout", "-q", "-b", "feature")

    def pull_request(self, files: dict[str, str], checkout: str = "merge") -> None:
        """Commit ``files`` on the branch, move ``main`` on, and check out as actions/checkout does."""
        for name, text in files.items():
            write(self.root, name, text)
        git(self.root, "add", "-A")
        git(self.root, "commit", "-q", "-m", "pull request")
        git(self.root, "checkout", "-q", "main")
        write(self.root, "notes.md", "# Notes\n\nMain moved on.\n")
        git(self.root, "commit", "-q", "-am", "main moves on")
        git(self.root, "clone", "-q", "--bare", ".", str(self.root.parent / "origin.git"))
        git(self.root, "remote", "add", "origin", str(self.root.parent / "origin.git"))
        if checkout == "merge":  # refs/pull/N/merge, the pull_request default
            git(self.root, "checkout", "-q", "--detach", "main")
            git(self.root, "merge", "-q", "--no-ff", "-m", "merge", "feature")
        else:  # ref: the pull request's head commit
            git(self.root, "checkout", "-q", "--detach", "feature")


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str
    summary: str

    def annotations(self) -> list[tuple[str, dict[str, str], str]]:
        """(kind, properties, message) of every error/warning/notice command the runner would run."""
        found = []
        for line in runner_lines(self.stdout):
            match = re.fullmatch(r"::(error|warning|notice)(?: ([^:]*))?::(.*)", line.lstrip())
            if match:
                kind, properties, message = match.groups()
                pairs = [pair.split("=", 1) for pair in properties.split(",")] if properties else []
                found.append((kind, {key: unescape(value) for key, value in pairs}, unescape(message)))
        return found

    def annotated_files(self) -> set[str]:
        return {properties["file"] for _, properties, _ in self.annotations() if "file" in properties}


def unescape(text: str) -> str:
    for escaped, plain in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, plain)
    return text


def runner_lines(out: str) -> list[str]:
    """The lines the runner reads as possible workflow commands: all but those in stop-commands blocks."""
    outside = []
    token = None
    for line in re.split(r"\r\n|\r|\n", out):
        command = line.lstrip()  # the runner trims leading blanks before looking for "::"
        if token is None:
            match = re.fullmatch(r"::stop-commands::(.+)", command)
            if match:
                token = match.group(1)
            outside.append(line)
        elif command == f"::{token}::":
            token = None
    assert token is None, "a stop-commands block is never closed"
    return outside


def evaluate(value: object, inputs: dict[str, str]) -> str:
    """An ``env:`` value with its ``${{ }}`` expressions evaluated as the runner would."""
    defaults = {name: str(spec.get("default", "")) for name, spec in load_action()["inputs"].items()}

    def value_of(match: re.Match[str]) -> str:
        expression = match.group(1)
        if expression.startswith("inputs."):
            return inputs.get(expression.removeprefix("inputs."), defaults[expression.removeprefix("inputs.")])
        if expression == "steps.install.outputs.compass-lint":
            return str(BIN / "compass-lint")
        raise AssertionError(f"this test cannot evaluate the expression {expression!r}")

    return EXPRESSION.sub(value_of, str(value))


def run_action(workspace: Workspace | Path, event: str = "pull_request", **inputs: str) -> Result:
    """Execute the "Run compass-lint" step with ``inputs`` (keyword names use ``_`` for ``-``)."""
    root = workspace if isinstance(workspace, Path) else workspace.root
    given = {name.replace("_", "-"): value for name, value in inputs.items()}
    assert set(given) <= INPUTS, f"unknown inputs {set(given) - INPUTS}"
    step = run_step()
    temp = root.parent / "runner-temp"
    temp.mkdir(exist_ok=True)
    summary = temp / "step-summary.md"
    summary.write_text("", encoding="utf-8")
    body = temp / "step.sh"
    body.write_text(step["run"], encoding="utf-8")
    env = base_env()
    env.update(
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        GITHUB_ACTIONS="true",
        GITHUB_EVENT_NAME=event,
        GITHUB_BASE_REF="main" if event.startswith("pull_request") else "",
        GITHUB_WORKSPACE=str(root),
        GITHUB_ACTION_PATH=str(REPO),
        GITHUB_STEP_SUMMARY=str(summary),
        RUNNER_TEMP=str(temp),
    )
    env.update({name: evaluate(value, given) for name, value in step["env"].items()})
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(body)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return Result(done.returncode, done.stdout, done.stderr, summary.read_text(encoding="utf-8"))


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return Workspace(tmp_path / "workspace")


@pytest.fixture
def broken_pr(workspace: Workspace) -> Workspace:
    """A pull request adding the February demo report: errors, two stale actions (CL301), a CL303."""
    workspace.pull_request({FEBRUARY: (DEMO / "2026-02-27.md").read_text(encoding="utf-8")})
    return workspace


@pytest.mark.parametrize("checkout", ["merge", "head"])
def test_pull_request_annotates_the_changed_report_only(workspace: Workspace, checkout: str) -> None:
    workspace.pull_request({FEBRUARY: (DEMO / "2026-02-27.md").read_text(encoding="utf-8")}, checkout)
    result = run_action(workspace)
    assert result.returncode == 1, result.stderr
    assert result.annotated_files() == {FEBRUARY}, result.stdout
    annotations = {(kind, props["line"], props["title"].split()[0]) for kind, props, _ in result.annotations()}
    assert annotations == {
        ("error", "9", "CL204"),
        ("error", "24", "CL103"),
        ("error", "29", "CL106"),
        ("error", "44", "CL101"),
        ("warning", "35", "CL301"),
        ("warning", "36", "CL301"),
        ("notice", "37", "CL303"),
    }
    messages = [message for kind, _, message in result.annotations() if kind == "warning"]
    assert messages == [
        "action open since 2026-01-30.md (2 reports, carried 1x): 'Write the contributor onboarding guide (Priya)'",
        "action open since 2026-01-30.md (2 reports, carried 1x): "
        "'Set up the shared calendar for the release train [RM]'",
    ]
    assert "Found 4 errors, 2 warnings, 1 info finding in 1 file (1 file checked)." in result.stdout


def test_shallow_checkout_of_the_merge_ref(workspace: Workspace) -> None:
    """What actions/checkout does by default (fetch-depth 1): the script fetches the rest it needs."""
    workspace.pull_request({FEBRUARY: (DEMO / "2026-02-27.md").read_text(encoding="utf-8")})
    git(workspace.root, "push", "-q", "origin", "HEAD:refs/pull/1/merge")
    shallow = workspace.root.parent / "shallow"
    shallow.mkdir()
    git(shallow, "init", "-q")
    git(shallow, "remote", "add", "origin", (workspace.root.parent / "origin.git").as_uri())
    git(shallow, "fetch", "-q", "--depth", "1", "origin", "+refs/pull/1/merge")
    git(shallow, "checkout", "-q", "--detach", "FETCH_HEAD")
    assert git(shallow, "rev-parse", "--is-shallow-repository").strip() == "true"
    result = run_action(shallow)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.annotated_files() == {FEBRUARY}
    assert "fetching the history" in result.stdout
    assert sum(1 for _, props, _ in result.annotations() if props["title"].startswith("CL301")) == 2


def test_job_summary_has_the_findings_table_and_the_stale_actions(broken_pr: Workspace) -> None:
    summary = run_action(broken_pr).summary
    assert summary.startswith("## compass-lint\n")
    assert f"### {FEBRUARY}\n\n| Line | Code | Severity | Message |" in summary
    assert "| 44 | CL101 | error | missing section 4 'Team Metrics' |" in summary
    assert "### Stale action items (2)" in summary
    assert f"- {FEBRUARY}:35 action open since 2026-01-30.md" in summary
    assert f"- {FEBRUARY}:36 action open since 2026-01-30.md" in summary
    assert JANUARY not in summary


def test_summary_false_writes_no_job_summary(broken_pr: Workspace) -> None:
    result = run_action(broken_pr, summary="false")
    assert result.returncode == 1
    assert result.summary == ""
    assert result.annotated_files() == {FEBRUARY}


@pytest.mark.parametrize(
    ("report", "fail_on", "expected"),
    [
        ("errors", "error", 1),
        ("errors", "warning", 1),
        ("errors", "never", 0),
        ("warnings", "error", 0),
        ("warnings", "warning", 1),
        ("warnings", "never", 0),
    ],
)
def test_fail_on(workspace: Workspace, report: str, fail_on: str, expected: int) -> None:
    text = (DEMO / "2026-02-27.md").read_text(encoding="utf-8") if report == "errors" else stale_only_february()
    workspace.pull_request({FEBRUARY: text})
    result = run_action(workspace, fail_on=fail_on)
    assert result.returncode == expected, result.stdout + result.stderr
    kinds = {kind for kind, _, _ in result.annotations()}
    assert kinds == ({"error", "warning", "notice"} if report == "errors" else {"warning", "notice"})


def test_bad_fail_on_is_a_usage_error(broken_pr: Workspace) -> None:
    result = run_action(broken_pr, fail_on="sometimes")
    assert result.returncode == 2
    assert "::error title=compass-lint::the fail-on input must be error, warning or never" in result.stdout


def test_sarif_file_is_written_by_a_second_run(broken_pr: Workspace) -> None:
    result = run_action(broken_pr, sarif_file="results/compass-lint.sarif")
    assert result.returncode == 1
    sarif = json.loads((broken_pr.root / "results" / "compass-lint.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {FEBRUARY}
    assert sorted(r["ruleId"] for r in results) == sorted(
        ["CL204", "CL103", "CL106", "CL101", "CL301", "CL301", "CL303"]
    )
    assert result.stdout.count("Found 4 errors") == 1, "one summary line in the log"
    assert result.annotated_files() == {FEBRUARY}


def test_no_sarif_file_unless_asked(broken_pr: Workspace) -> None:
    run_action(broken_pr)
    assert not list(broken_pr.root.rglob("*.sarif"))


def test_pull_request_without_markdown_changes(workspace: Workspace) -> None:
    workspace.pull_request({"src/app.py": "print('hello')\n"})
    result = run_action(workspace, sarif_file="compass-lint.sarif")
    assert result.returncode == 0, result.stderr
    assert result.annotations() == []
    assert "No Markdown file added or changed" in result.summary
    sarif = json.loads((workspace.root / "compass-lint.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"] == []


def test_push_checks_every_report(broken_pr: Workspace) -> None:
    result = run_action(broken_pr, event="push")
    assert result.returncode == 1
    # January and February; notes.md is not a report, so the folder walk leaves it out.
    assert "(2 reports checked, 1 Markdown file is not a report)" in result.stdout
    assert result.annotated_files() == {FEBRUARY}


def test_paths_input_overrides_the_changed_files(broken_pr: Workspace) -> None:
    result = run_action(broken_pr, paths=f"\n  {JANUARY}  \n\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.annotations() == []
    assert "No problems found (1 file checked)." in result.stdout


def test_inputs_are_never_run_as_shell_code(broken_pr: Workspace) -> None:
    marker = broken_pr.root.parent / "injected"
    hostile = f"$(touch {marker})"
    result = run_action(broken_pr, paths=f"{JANUARY}\n{hostile}\n`touch {marker}`")
    assert result.returncode == 2  # no such file: the path is taken literally
    assert result.stderr.count(f"{hostile}: no such file or directory") == 1, result.stderr
    result = run_action(broken_pr, config=f"x.toml; touch {marker}")
    assert result.returncode == 2, result.stderr  # no such config file
    result = run_action(broken_pr, sarif_file=f"{hostile}.sarif")
    assert result.returncode == 1, result.stderr
    assert (broken_pr.root / f"{hostile}.sarif").is_file()
    assert not marker.exists()


def test_reports_cannot_issue_workflow_commands(workspace: Workspace) -> None:
    """Report text and file names reach the log, but never as a workflow command."""
    hostile = "\n::add-mask::secret\n::error::pwned\n  ::error::pwned\n"
    february = (DEMO / "2026-02-27.md").read_text(encoding="utf-8")
    february = february.replace("## 3. Next actions (team)\n", "## ::error::pwned\n\n## 3. Next actions (team)\n")
    february = february.replace("- Draft the spring", "- ::add-mask::secret\n- ::error::pwned\n- Draft the spring")
    assert february.count("::error::pwned") == 2
    # Reports with one error each (no 'Next monthly meeting'), in a folder of their own (not in the series).
    january = (DEMO / "2026-01-30.md").read_text(encoding="utf-8")
    other = re.sub(r"(?m)^#### Next monthly meeting:.*\n", "", january) + hostile
    files = {
        FEBRUARY: february + hostile,
        "hostile/::error::pwned.md": other,
        "hostile/x\n::add-mask::secret\n::error::pwned.md": other,
    }
    workspace.pull_request(files)
    result = run_action(workspace, sarif_file="out.sarif")
    assert result.returncode == 1
    commands = [line.lstrip() for line in runner_lines(result.stdout) if line.lstrip().startswith("::")]
    assert commands, "the run printed no annotation at all"
    for command in commands:
        name = re.match(r"::([^ :]*)", command)
        assert name and name.group(1) in ALLOWED_COMMANDS, command
        assert not command.startswith(("::add-mask::", "::error::pwned")), command
    assert not [line for line in result.stderr.splitlines() if line.lstrip().startswith("::")]
    # The hostile file names are annotated, escaped, as the files they are.
    assert result.annotated_files() == set(files)
    # Proof that the hostile lines did reach the output, inside the stop-commands block.
    assert "::add-mask::secret" in result.stdout
