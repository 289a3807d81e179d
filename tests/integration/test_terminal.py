"""The CLI in a real pseudo-terminal: colour (``--color``, NO_COLOR, FORCE_COLOR) and the progress bar."""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ERRORS = ROOT / "fixtures" / "demo" / "2026-02-27.md"

ANSI = "\x1b["


def _environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "CI", "GITHUB_ACTIONS")}
    env.update(extra)
    return env


def run_in_pty(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """Run ``compass-lint ARGS`` with stdout and stderr on a pseudo-terminal; return its code and what it wrote."""
    code, reads = timed_run_in_pty(args, cwd, env)
    return code, "".join(text for _, text in reads)


def timed_run_in_pty(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, list[tuple[float, str]]]:
    """Like ``run_in_pty``, with each read from the terminal and when it came (seconds from the start)."""
    start = time.monotonic()
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "compass_lint", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
    )
    os.close(follower)
    chunks: list[tuple[float, bytes]] = []
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            process.kill()
            break
        try:
            data = os.read(leader, 65536)
        except OSError:  # the terminal closes when the process ends
            break
        if not data:
            break
        chunks.append((time.monotonic() - start, data))
    os.close(leader)
    return process.wait(timeout=60), [(when, data.decode("utf-8", "replace")) for when, data in chunks]


@pytest.fixture
def one_report(tmp_path: Path) -> Path:
    shutil.copyfile(ERRORS, tmp_path / "report.md")
    return tmp_path


def test_a_terminal_gets_colour(one_report: Path) -> None:
    code, output = run_in_pty(["check", "report.md"], one_report, _environment())
    assert code == 1
    assert f"{ANSI}31" in output, "errors are red on a terminal"


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        (["--color", "never"], {}, False),
        ([], {"NO_COLOR": "1"}, False),
        (["--color", "always"], {"NO_COLOR": "1"}, True),  # the command line overrides the environment
        ([], {"NO_COLOR": ""}, True),  # an empty NO_COLOR does not count (no-color.org)
        ([], {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
    ],
)
def test_colour_choices_on_a_terminal(one_report: Path, args: list[str], env: dict[str, str], coloured: bool) -> None:
    code, output = run_in_pty(["check", "report.md", *args], one_report, _environment(**env))
    assert code == 1
    assert "CL106" in output
    assert (ANSI in output) is coloured


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        ([], {}, False),
        ([], {"FORCE_COLOR": "1"}, True),
        (["--color", "always"], {}, True),
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
    ],
)
def test_colour_choices_in_a_pipe(one_report: Path, args: list[str], env: dict[str, str], coloured: bool) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "compass_lint", "check", "report.md", *args],
        cwd=one_report,
        env=_environment(**env),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 1
    assert "CL106" in done.stdout
    assert (ANSI in done.stdout) is coloured


def test_fix_takes_the_colour_option(one_report: Path) -> None:
    _, output = run_in_pty(["fix", "--color", "never", "report.md"], one_report, _environment())
    assert "CL204" in output, "a finding is left after the fix"
    assert ANSI not in output
    forced = subprocess.run(
        [sys.executable, "-m", "compass_lint", "fix", "--color", "always", "report.md"],
        cwd=one_report,
        env=_environment(),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert "CL204" in forced.stdout
    assert ANSI in forced.stdout


@pytest.fixture(scope="module")
def two_hundred(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    # bench/ is not a package: its generator runs as the script it is.
    generator = str(ROOT / "bench" / "gen_corpus.py")
    subprocess.run([sys.executable, generator, str(root / "reports"), "200"], check=True, capture_output=True)
    assert len(list((root / "reports").rglob("*.md"))) == 200
    return root


def test_the_progress_bar_moves_file_by_file(two_hundred: Path) -> None:
    code, reads = timed_run_in_pty(["check", "--no-cache", "-j", "2", "reports"], two_hundred, _environment())
    assert code == 1
    # When each percentage first showed: a bar fed in whole batches shows 0 %, then
    # every other value in one burst per batch (two here).
    first_seen: dict[str, float] = {}
    for when, text in reads:
        for percent in re.findall(r"Checking.*?(\d+)%", text):
            first_seen.setdefault(percent, when)
    assert first_seen.get("100") is not None
    moments = sorted({round(when, 2) for when in first_seen.values()})
    assert len(moments) > 8, f"the bar moved at only {moments} s"
    elapsed = reads[-1][0]
    output = "".join(text for _, text in reads)
    etas = [int(h) * 3600 + int(m) * 60 + int(s) for h, m, s in re.findall(r"(\d\d):(\d\d):(\d\d)", output)]
    # click shows an ETA after the first second (a fast run may never show one); the old
    # batch-fed bar said six minutes for a run of three seconds.
    longest = max(etas, default=0)
    assert longest <= max(10.0, 5 * elapsed), f"an ETA of {longest} s for a run of {elapsed:.1f} s"


def test_no_progress_bar_in_ci_or_a_pipe(two_hundred: Path) -> None:
    code, output = run_in_pty(["check", "--no-cache", "-j", "2", "reports"], two_hundred, _environment(CI="true"))
    assert code == 1
    assert "Checking" not in output
    done = subprocess.run(
        [sys.executable, "-m", "compass_lint", "check", "--no-cache", "-j", "2", "reports"],
        cwd=two_hundred,
        env=_environment(),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 1
    assert "Checking" not in done.stderr


def test_a_diff_on_a_terminal_escapes_the_files_control_characters(tmp_path: Path) -> None:
    report = (ROOT / "fixtures" / "demo" / "2026-01-30.md").read_text(encoding="utf-8")
    osc52 = "\x1b]52;c;SGVsbG8=\x07"
    (tmp_path / "r.md").write_text(report.replace("## 2. Decisions needed", f"**2. Decisions {osc52}needed**"))
    code, output = run_in_pty(["fix", "--diff", "r.md"], tmp_path, _environment())
    assert code == 1
    assert "\x1b]52" not in output and "\x07" not in output
    assert "**2. Decisions \\x1b]52;c;SGVsbG8=\\x07needed**" in output
    piped = subprocess.run(
        [sys.executable, "-m", "compass_lint", "fix", "--diff", "r.md"],
        cwd=tmp_path,
        env=_environment(),
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert osc52.encode() in piped.stdout, "in a pipe the diff keeps the file's bytes (patch applies it)"
