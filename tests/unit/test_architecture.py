"""The code's shape: imports inside functions say why, modules stay small (ARCHITECTURE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "compass_lint"
MODULES = sorted(PACKAGE.rglob("*.py"))
# Modules that are still larger than the ~300 lines a module should have, each with
# the size it may not grow past; the list may only shrink.
LARGER = {"markdown/scan.py": 310, "engine/runner.py": 330}


def _deferred_imports(path: Path) -> list[tuple[int, str]]:
    """Imports inside functions without a ``# start-up:`` reason on their line or above their block."""
    lines = path.read_text(encoding="utf-8").splitlines()
    missing: list[tuple[int, str]] = []
    for function in ast.walk(ast.parse("\n".join(lines))):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        imports = [node for node in ast.walk(function) if isinstance(node, (ast.Import, ast.ImportFrom))]
        covered = {n for node in imports for n in range(node.lineno - 1, (node.end_lineno or node.lineno))}
        for node in imports:
            index = node.lineno - 1
            if "start-up" in lines[index]:
                continue
            above = index - 1  # up over the block of imports (and blank lines) to the comment that heads it
            while above >= 0 and (above in covered or not lines[above].strip()):
                above -= 1
            comment = []
            while above >= 0 and lines[above].strip().startswith("#"):
                comment.append(lines[above])
                above -= 1
            if not any("# start-up:" in line for line in comment):
                missing.append((node.lineno, lines[index].strip()))
    return missing


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_an_import_inside_a_function_says_it_is_for_start_up(path: Path) -> None:
    assert _deferred_imports(path) == [], "move the import to the top, or say why with '# start-up: ...' above it"


def test_the_check_finds_an_unexplained_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def f() -> None:\n    import json\n\n\ndef g() -> None:\n    # start-up: json is slow\n    import json\n",
        encoding="utf-8",
    )
    assert _deferred_imports(sample) == [(2, "import json")]


def test_modules_stay_small() -> None:
    sizes = {str(p.relative_to(PACKAGE)): len(p.read_text(encoding="utf-8").splitlines()) for p in MODULES}
    too_big = {name: size for name, size in sizes.items() if size > LARGER.get(name, 300)}
    assert not too_big, f"split these modules (about 300 lines at most): {too_big}"
    grandfathered = {name for name in LARGER if sizes.get(name, 0) <= 300}
    assert not grandfathered, f"now small enough: drop from LARGER: {grandfathered}"
