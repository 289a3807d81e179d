"""``--jobs`` workers exit when their parent is killed (issue 20, section 2)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from attacks import Attack

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")

SLOW = "# T\n\n" + "- " * 4000 + "x\n" + "- i\n" * 60000


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text(encoding="ascii")
        found |= {int(child) for child in text.split()}
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_exit_after_sigkill_of_the_parent(attack: Attack) -> None:
    attack.write(".compass-lint.toml", "time-budget = 5\n")
    for index in range(8):
        attack.write(f"slow-{index}.md", SLOW)
    parent = subprocess.Popen(
        # Named files are checked whatever discovery thinks of them.
        [
            sys.executable,
            "-m",
            "compass_lint",
            "check",
            "--no-cache",
            "--jobs",
            "2",
            *(f"slow-{i}.md" for i in range(8)),
        ],
        cwd=attack.folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        workers: set[int] = set()
        deadline = time.monotonic() + 8
        while len(workers) < 2 and time.monotonic() < deadline:
            workers = _children(parent.pid) if parent.poll() is None else workers
            time.sleep(0.05)
        assert len(workers) >= 2, "the pool started its workers"
        time.sleep(0.5)  # the workers are busy with a batch
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=5)
        deadline = time.monotonic() + 5
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in workers if _alive(pid)], "a worker outlived its parent"
    finally:
        for pid in _children(parent.pid) if parent.poll() is None else set():
            os.kill(pid, signal.SIGKILL)
        if parent.poll() is None:
            parent.kill()
