"""The GitHub Action's outputs, its ``args`` input, globs in ``paths``, and the recipe of docs/actions.md.

As in test_action.py, the steps of ``action.yml`` run as the runner runs them: their ``run:`` bodies in
``bash --noprofile --norc -eo pipefail`` with their ``env:`` evaluated, in a git work tree, with the
variables GitHub sets. Here ``$GITHUB_OUTPUT`` and ``$GITHUB_PATH`` are files too, read back as the
runner reads them. The recipe test installs compass-lint with the install step itself (pip, into
``$RUNNER_TEMP``), then runs the recipe's steps with only ``$GITHUB_PATH`` to find ``compass-lint``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_action import (
    BIN,
    DEMO,
    EXPRESSION,
    FEBRUARY,
    JANUARY,
    REPO,
    Result,
    Workspace,
    base_env,
    load_action,
    run_step,
    stale_only_february,
    write,
)

TOOLS = REPO / "scripts" / "action-tools.py"


def read_outputs(path: Path) -> dict[str, str]:
    """``$GITHUB_OUTPUT`` as the runner reads it: ``name=value`` lines and ``name<<DELIMITER`` blocks."""
    outputs: dict[str, str] = {}
    lines = iter(path.read_text(encoding="utf-8").splitlines())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            value = []
            for inner in lines:
                if inner == delimiter:
                    break
                value.append(inner)
            else:
                raise AssertionError(f"the delimiter of {name} is never closed")
            outputs[name] = "\n".join(value)
        elif line:
            name, value_text = line.split("=", 1)
            outputs[name] = value_text
    return outputs


class Run(Result):
    outputs: dict[str, str]


def evaluator(context: dict[str, str]) -> Any:
    """A function that evaluates the ``${{ }}`` expressions of a value from ``context``."""

    def evaluate(value: object) -> str:
        def value_of(match: re.Match[str]) -> str:
            expression = match.group(1)
            assert expression in context, f"this test cannot evaluate {expression!r}"
            return context[expression]

        return EXPRESSION.sub(value_of, str(value))

    return evaluate


def inputs_context(**inputs: str) -> dict[str, str]:
    given = {name.replace("_", "-"): value for name, value in inputs.items()}
    declared = load_action()["inputs"]
    assert set(given) <= set(declared), f"unknown inputs {set(given) - set(declared)}"
    return {f"inputs.{name}": given.get(name, str(spec.get("default", ""))) for name, spec in declared.items()}


def runner_env(root: Path, temp: Path, event: str) -> dict[str, str]:
    env = base_env()
    for name in ("step-summary.md", "output", "path"):
        (temp / name).write_text("", encoding="utf-8")
    env.update(
        GITHUB_ACTIONS="true",
        GITHUB_EVENT_NAME=event,
        GITHUB_BASE_REF="main" if event.startswith("pull_request") else "",
        GITHUB_WORKSPACE=str(root),
        GITHUB_ACTION_PATH=str(REPO),
        GITHUB_STEP_SUMMARY=str(temp / "step-summary.md"),
        GITHUB_OUTPUT=str(temp / "output"),
        GITHUB_PATH=str(temp / "path"),
        RUNNER_TEMP=str(temp),
    )
    return env


def bash(body: str, cwd: Path, env: dict[str, str], temp: Path) -> subprocess.CompletedProcess[str]:
    script = temp / "step.sh"
    script.write_text(body, encoding="utf-8")
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def run_action(workspace: Workspace | Path, event: str = "pull_request", **inputs: str) -> Run:
    """The "Run compass-lint" step with ``inputs``; the installed compass-lint is the one beside this Python."""
    root = workspace if isinstance(workspace, Path) else workspace.root
    temp = root.parent / "runner-temp"
    temp.mkdir(exist_ok=True)
    env = runner_env(root, temp, event)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    context = inputs_context(**inputs) | {"steps.install.outputs.compass-lint": str(BIN / "compass-lint")}
    step = run_step()
    env.update({name: evaluator(context)(value) for name, value in step["env"].items()})
    done = bash(step["run"], root, env, temp)
    run = Run(done.returncode, done.stdout, done.stderr, (temp / "step-summary.md").read_text(encoding="utf-8"))
    run.outputs = read_outputs(temp / "output")
    return run


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return Workspace(tmp_path / "workspace")


@pytest.fixture
def broken_pr(workspace: Workspace) -> Workspace:
    """A pull request adding the February demo report: 4 errors, 2 stale actions (CL301), 1 CL303."""
    workspace.pull_request({FEBRUARY: (DEMO / "2026-02-27.md").read_text(encoding="utf-8")})
    return workspace


# --- outputs -----------------------------------------------------------------------------------------


def test_outputs_count_the_findings(broken_pr: Workspace) -> None:
    result = run_action(broken_pr)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.outputs == {"errors": "4", "warnings": "2", "stale-actions": "2", "sarif-file": ""}
    assert result.stdout.count("Found 4 errors") == 1, "one summary line in the log"


def test_outputs_with_a_sarif_file(broken_pr: Workspace) -> None:
    result = run_action(broken_pr, sarif_file="out/compass-lint.sarif", fail_on="never")
    assert result.returncode == 0
    assert result.outputs == {
        "errors": "4",
        "warnings": "2",
        "stale-actions": "2",
        "sarif-file": "out/compass-lint.sarif",
    }
    sarif = json.loads((broken_pr.root / "out" / "compass-lint.sarif").read_text(encoding="utf-8"))
    assert len(sarif["runs"][0]["results"]) == 7


def test_outputs_of_warnings_only(workspace: Workspace) -> None:
    workspace.pull_request({FEBRUARY: stale_only_february()})
    result = run_action(workspace)
    assert result.returncode == 0
    assert (result.outputs["errors"], result.outputs["warnings"], result.outputs["stale-actions"]) == ("0", "2", "2")


def test_a_sarif_file_name_cannot_inject_outputs(broken_pr: Workspace) -> None:
    result = run_action(broken_pr, sarif_file="x.sarif\nerrors=0\nsarif-file<<EOF\nowned\nEOF")
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.outputs["errors"] == "4"
    assert result.outputs["sarif-file"] == "x.sarif\nerrors=0\nsarif-file<<EOF\nowned\nEOF"


def test_no_counts_after_a_usage_error(broken_pr: Workspace) -> None:
    result = run_action(broken_pr, paths="no/such/report.md")
    assert result.returncode == 2
    assert result.outputs == {"sarif-file": ""}


def test_nothing_to_check_counts_zero(workspace: Workspace) -> None:
    workspace.pull_request({"src/app.py": "print('hello')\n"})
    result = run_action(workspace)
    assert result.returncode == 0
    assert result.outputs == {"errors": "0", "warnings": "0", "stale-actions": "0", "sarif-file": ""}


def test_action_tools_count_json_and_sarif_alike(broken_pr: Workspace) -> None:
    counts = {}
    for name in ("json", "sarif"):
        out = broken_pr.root.parent / f"findings.{name}"
        subprocess.run(
            [BIN / "compass-lint", "check", "--format", name, "--output", out, "--exit-zero", FEBRUARY],
            cwd=broken_pr.root,
            capture_output=True,
            check=True,
        )
        done = subprocess.run([BIN / "python", TOOLS, "counts", out], capture_output=True, text=True, check=True)
        counts[name] = done.stdout
    assert counts["json"] == counts["sarif"] == "errors=4\nwarnings=2\nstale-actions=2"


# --- the args input ---------------------------------------------------------------------------------


def test_args_are_passed_to_check_word_by_word(broken_pr: Workspace) -> None:
    result = run_action(broken_pr, args="--select=CL3\n  --ignore\tCL303 ", sarif_file="out.sarif")
    assert result.returncode == 0, result.stdout + result.stderr
    assert {props["title"].split()[0] for _, props, _ in result.annotations()} == {"CL301"}
    assert result.outputs["errors"] == "0" and result.outputs["warnings"] == "2"
    sarif = json.loads((broken_pr.root / "out.sarif").read_text(encoding="utf-8"))
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} == {"CL301"}, "the SARIF run got the args too"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ("--select 'CL1, CL2'", "without quotes or backslashes"),
        ('--select "CL1"', "without quotes or backslashes"),
        ("--format json", "cannot set the output (--format)"),
        ("-o x.txt", "cannot set the output (-o)"),
        ("--strict", "use the fail-on input"),
        ("--no-summary", "use the summary input"),
        ("--no-history\n::add-mask::x", "a word starting with '::'"),
    ],
)
def test_args_that_are_refused(broken_pr: Workspace, args: str, message: str) -> None:
    result = run_action(broken_pr, args=args)
    assert result.returncode == 2
    errors = [m for kind, _, m in result.annotations() if kind == "error"]
    assert len(errors) == 1 and message in errors[0], result.stdout
    assert "outputs" not in result.stdout and not result.outputs


def test_args_are_never_shell_code(broken_pr: Workspace) -> None:
    marker = broken_pr.root.parent / "injected"
    result = run_action(broken_pr, args=f"--no-history $(touch {marker}) `touch {marker}` ;")
    assert not marker.exists()
    # Each word reached check as it was written, as a path that does not exist.
    assert result.returncode == 2
    assert "$(touch: no such file or directory" in result.stderr
    # No glob either: "*" would match meetings/ and notes.md in the workspace.
    result = run_action(broken_pr, args="--no-history *")
    assert result.returncode == 2
    assert "*: no such file or directory" in result.stderr


# --- globs in paths ---------------------------------------------------------------------------------


@pytest.fixture
def reports(broken_pr: Workspace) -> Path:
    """Three reports (two in meetings/, one in team/b/), a README in meetings/, notes.md at the top."""
    root = broken_pr.root
    write(root, "team/b/2026-01-30.md", (DEMO / "2026-01-30.md").read_text(encoding="utf-8"))
    write(root, "meetings/README.md", "# About these meetings\n")
    return root


def test_a_glob_checks_the_reports_it_matches(reports: Path) -> None:
    result = run_action(reports, event="push", paths="meetings/*.md")
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.annotated_files() == {FEBRUARY}
    # README.md matched too, and is filtered out as a folder walk would (not a report).
    assert "(2 reports checked, 1 Markdown file is not a report)" in result.stdout
    assert "::group::compass-lint: 3 path(s) to check" in result.stdout


def test_double_star_and_question_mark(reports: Path) -> None:
    result = run_action(reports, event="push", paths="**/2026-0?-*.md")
    assert result.returncode == 1
    assert "::group::compass-lint: 3 path(s) to check" in result.stdout
    assert "(3 files checked)" in result.stdout


def test_a_glob_matching_nothing_is_a_warning(reports: Path) -> None:
    result = run_action(reports, event="push", paths=f"minutes/*.md\n{JANUARY}")
    assert result.returncode == 0, result.stdout + result.stderr
    warnings = [(props, m) for kind, props, m in result.annotations() if kind == "warning"]
    assert warnings == [({"title": "compass-lint"}, "the paths glob minutes/*.md matches no file or folder")]
    assert "No problems found (1 file checked)." in result.stdout


def test_only_globs_matching_nothing_is_nothing_to_check(reports: Path) -> None:
    result = run_action(reports, event="push", paths="minutes/**/*.md", sarif_file="out.sarif")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no file or folder matches the paths input; nothing to check." in result.stdout
    assert "No file or folder matches the `paths` input." in result.summary
    assert result.outputs == {"errors": "0", "warnings": "0", "stale-actions": "0", "sarif-file": "out.sarif"}
    assert json.loads((reports / "out.sarif").read_text(encoding="utf-8"))["runs"][0]["results"] == []


def test_an_existing_path_with_glob_characters_is_taken_literally(reports: Path) -> None:
    write(reports, "meetings/[draft] 2026-03-27.md", stale_only_february())
    result = run_action(reports, event="push", paths="meetings/[draft] 2026-03-27.md")
    assert "::group::compass-lint: 1 path(s) to check" in result.stdout
    assert result.annotated_files() == {"meetings/[draft] 2026-03-27.md"}


def test_globs_skip_symlinks_and_stay_in_the_workspace(reports: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    write(outside, "2026-01-30.md", (DEMO / "2026-02-27.md").read_text(encoding="utf-8"))
    (reports / "linked").symlink_to(outside, target_is_directory=True)
    (reports / "meetings" / "link.md").symlink_to(reports / FEBRUARY)
    done = subprocess.run([BIN / "python", TOOLS, "glob", "**/*.md"], cwd=reports, capture_output=True, check=True)
    matches = done.stdout.decode().split("\0")
    assert matches[-1] == "" and "linked/2026-01-30.md" not in matches and "meetings/link.md" not in matches
    assert sorted(matches[:-1]) == sorted([JANUARY, FEBRUARY, "meetings/README.md", "notes.md", "team/b/2026-01-30.md"])


# --- the recipe of docs/actions.md ------------------------------------------------------------------


def recipe_steps() -> list[dict[str, Any]]:
    text = (REPO / "docs" / "actions.md").read_text(encoding="utf-8")
    section = text[text.index("### Publishing it from GitHub Actions") :]
    block = re.search(r"^```yaml\n(.*?)^```$", section, re.S | re.M)
    assert block, "the recipe's YAML block"
    steps = yaml.safe_load(block.group(1))
    assert isinstance(steps, list)
    return steps


def test_the_recipe_finds_compass_lint_on_path(tmp_path: Path) -> None:
    """Install with the action's own install step, then run the recipe's steps with the runner's PATH."""
    root = tmp_path / "workspace"
    for name in ("2026-01-30.md", "2026-02-27.md"):
        write(root, f"docs/meetings/{name}", (DEMO / name).read_text(encoding="utf-8"))
    temp = tmp_path / "runner-temp"
    temp.mkdir()
    env = runner_env(root, temp, "push")
    # The job's PATH, without any compass-lint on it: only $GITHUB_PATH can put one there.
    system = [d for d in env.get("PATH", "").split(os.pathsep) if d and not (Path(d) / "compass-lint").exists()]
    env["PATH"] = os.pathsep.join(system)
    _, install, run = load_action()["runs"]["steps"]  # actions/setup-python: this Python stands in
    env["PYTHON"] = str(Path(os.path.realpath(BIN / "python")))  # what actions/setup-python gives
    done = bash(install["run"], root, env, temp)
    if done.returncode and "No matching distribution" in done.stderr:
        pytest.skip("no package index for pip to install compass-lint's dependencies")
    assert done.returncode == 0, done.stderr
    installed = read_outputs(temp / "output")["compass-lint"]
    context = {
        "github.server_url": "https://github.com",
        "github.repository": "octo/meetings",
        "github.run_id": "42",
    }
    # Later steps: the runner puts each $GITHUB_PATH line in front of PATH.
    added = [line for line in (temp / "path").read_text(encoding="utf-8").splitlines() if line]
    assert added and sorted(p.name for p in Path(added[0]).iterdir()) == ["compass-lint"]
    env["PATH"] = os.pathsep.join([*reversed(added), *system])
    ran = []
    for step in recipe_steps():
        if "uses" in step and step["uses"].startswith("compass-lint/compass-lint@"):
            # The action itself: its run step, with what the install step gave.
            action_env = env | {
                name: evaluator(
                    inputs_context(**step.get("with", {})) | {"steps.install.outputs.compass-lint": installed}
                )(value)
                for name, value in run["env"].items()
            }
            done = bash(run["run"], root, action_env, temp)
            assert done.returncode == 1, done.stdout + done.stderr  # the demo's errors
            for name, value in read_outputs(temp / "output").items():
                context[f"steps.{step['id']}.outputs.{name}"] = value
            ran.append("action")
            continue
        if "run" not in step:
            continue  # actions/checkout, actions/upload-artifact
        step_env = env | {name: evaluator(context)(value) for name, value in step.get("env", {}).items()}
        done = bash(evaluator(context)(step["run"]), root, step_env, temp)
        assert done.returncode == 0, f"{step.get('name')}: {done.stderr}"
        assert "command not found" not in done.stderr
        ran.append(step["name"])
    assert ran[0] == "action" and len(ran) >= 3
    assert (root / "actions.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    summary = (temp / "step-summary.md").read_text(encoding="utf-8")
    assert "### Action timeline (2 stale)" in summary  # the action's stale-actions output
    assert "https://github.com/octo/meetings/actions/runs/42#artifacts" in summary
    assert "Write the contributor onboarding guide" in summary  # the open actions, from compass-lint on PATH
