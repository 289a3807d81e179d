"""The hook manifest and action.yml validate against pre-commit's and GitHub's schemas (as .ci/run checks)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False, timeout=120)


def test_pre_commit_validates_the_hook_manifest() -> None:
    done = _run(sys.executable, "-m", "pre_commit", "validate-manifest", ".pre-commit-hooks.yaml")
    assert done.returncode == 0, done.stdout + done.stderr


def test_action_yml_validates_against_githubs_schema(tmp_path: Path) -> None:
    checker = str(BIN / "check-jsonschema")
    done = _run(checker, "--builtin-schema", "vendor.github-actions", "action.yml")
    assert done.returncode == 0, done.stdout + done.stderr
    # The check can fail: an action without its "runs" is refused.
    broken = tmp_path / "action.yml"
    broken.write_text((ROOT / "action.yml").read_text(encoding="utf-8").replace("runs:", "runz:", 1), "utf-8")
    refused = _run(checker, "--builtin-schema", "vendor.github-actions", str(broken))
    assert refused.returncode == 1
