"""Compare two versions of compass-lint by the instructions a run executes (valgrind).

    python bench/instructions.py [--base REV] [--files N] [--corpus PATH] [--warm]

Wall time on a shared machine moves by 10-20 % between runs of the same
code, so a change worth 3 % cannot be seen in ``run.py``'s medians.
Instruction counts (valgrind's cachegrind, ``I refs``) of the same command
on the same files are the same from run to run, and they fall and rise with
the Python work done; they do not count waiting for the disk, and they
overstate C code that valgrind runs without its CPU extensions (SHA-256
hashing). Use them to decide between two versions of a change, and
``run.py`` for what a user waits.

Both versions are copied out and byte-compiled: ``--base`` (a git revision,
default ``HEAD``) and the working tree. Each runs ``compass-lint check -q
--jobs 1`` (one process: valgrind follows no children) on about ``--files``
reports (default 150, whole series folders) of a generated corpus, or of
``--corpus``, each version in a folder of its own; and on the first of those
reports alone, which counts start-up and the modules loaded on first use.
The difference, divided by the other reports, is the work per report.
``--warm`` primes each version's cache first and counts warm runs.
"""

from __future__ import annotations

import argparse
import compileall
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_corpus import generate

ROOT = Path(__file__).resolve().parent.parent
_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def _copy(revision: str | None, target: Path) -> Path:
    """compass_lint and schemas of ``revision`` (None: the working tree), byte-compiled."""
    target.mkdir(parents=True)
    if revision is None:
        for part in ("compass_lint", "schemas"):
            shutil.copytree(ROOT / part, target / part, ignore=shutil.ignore_patterns("__pycache__"))
    else:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", revision, "compass_lint", "schemas"], capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    compileall.compile_dir(str(target), quiet=1)
    return target


def _files(corpus: Path, count: int, folder: Path) -> Path:
    """A folder holding the first ``count`` reports of ``corpus`` (whole series folders)."""
    folder.mkdir()
    taken = 0
    for series in sorted(path for path in corpus.iterdir() if path.is_dir()):
        if taken >= count:
            break
        shutil.copytree(series, folder / series.name, ignore=shutil.ignore_patterns(".compass-lint-cache"))
        taken += sum(1 for _ in (folder / series.name).rglob("*.md"))
    return folder


def _instructions(code: Path, arguments: list[str], cwd: Path) -> int:
    command = [sys.executable, "-m", "compass_lint", "check", "-q", "--jobs", "1", *arguments]
    environment = {"PYTHONPATH": str(code), "PYTHONHASHSEED": "0", "PATH": "/usr/bin:/bin"}
    run = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", *command],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
    )
    found = _REFS.search(run.stderr)
    if found is None:
        raise SystemExit(f"valgrind gave no count:\n{run.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="HEAD", help="git revision to compare the working tree with")
    parser.add_argument("--files", type=int, default=150, help="about how many reports (whole series)")
    parser.add_argument("--corpus", type=Path, help="a folder of series folders (default: a generated corpus)")
    parser.add_argument("--warm", action="store_true", help="count warm runs (each version's cache primed first)")
    options = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: nothing to count", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="compass-instructions-") as scratch:
        root = Path(scratch)
        source = options.corpus
        if source is None:
            source = root / "generated"
            generate(source, options.files)
        counts: dict[str, tuple[int, int]] = {}
        count = 0
        for label, revision in ((f"base {options.base}", options.base), ("working tree", None)):
            code = _copy(revision, root / f"code-{len(counts)}")
            reports = _files(source, options.files, root / f"reports-{len(counts)}")
            first = str(min(reports.rglob("*.md")).relative_to(reports))
            count = sum(1 for _ in reports.rglob("*.md"))
            cache = [] if options.warm else ["--no-cache"]
            if options.warm:
                subprocess.run(
                    [sys.executable, "-m", "compass_lint", "check", "-q", "--jobs", "1", "."],
                    cwd=reports,
                    env={"PYTHONPATH": str(code), "PATH": "/usr/bin:/bin"},
                    capture_output=True,
                )
            single = _instructions(code, [*cache, first], reports)
            counts[label] = (_instructions(code, [*cache, "."], reports), single)
        print(f"{count} reports, {'warm' if options.warm else 'cold'} runs")
        for label, (total, single) in counts.items():
            print(
                f"  {label:>16}: {total / 1e6:9.1f}M instructions, {single / 1e6:.1f}M for the first report alone,"
                f" {(total - single) / max(count - 1, 1) / 1e6:.2f}M per further report"
            )
        (base_total, base_single), (tree_total, tree_single) = counts.values()
        print(
            f"  working tree / base: {tree_total / base_total:.3f} in all, {tree_single / base_single:.3f} for one"
            f" report, {(tree_total - tree_single) / (base_total - base_single):.3f} per further report"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
