"""Scaling rows for ``run.py``: one long series at 250, 500 and 1,000 reports, ``fix`` at 100 and 400.

    python bench/run.py --scaling-only            # just these rows
    python bench/scaling.py [--repeat 3]          # the same

The series (``gen_series.py``) carry 20 action items that nobody closes in
every report: ``plain`` items (CL301 in every report) and ``standing`` ones
(marked, with owners and issue links). ``check --no-cache`` runs on each, with
the default ``--jobs`` and with ``--jobs 1``; ``fix`` runs on 100 and 400 copies
of a report with fixable problems in one folder (a fresh copy each time, the
copying untimed). Every run is a fresh child process started through a small
Python wrapper that reports the wall time and
``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``: the peak RSS of the
command's largest process (with ``--jobs 2``, the largest of the main process
and its workers), untouched by earlier runs. Rows alternate within a round;
the table shows medians over the rounds and, per series, ratios against its
smallest size within each round: time per report and peak RSS should stay
near 1.00x, total time near the size ratio. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_series import generate_fixable, generate_series

SERIES_SIZES = (250, 500, 1000)
FIX_SIZES = (100, 400)
# Runs the command given as arguments and prints its wall time and peak RSS (KiB on Linux, bytes on macOS).
MEASURE = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n"
    "elapsed = time.perf_counter() - start\n"
    "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "rss = rss // 1024 if sys.platform == 'darwin' else rss\n"
    "print(elapsed, rss, code)\n"
)


@dataclass
class Row:
    """One command on one corpus size; ``group`` rows are compared with the group's first."""

    group: str
    size: int
    run: Callable[[], tuple[float, int]]
    seconds: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)


def measured(command: list[str], cwd: Path, ok: tuple[int, ...] = (0, 1)) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of ``command`` run in a fresh wrapper process."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], cwd=cwd, capture_output=True, text=True, check=True
    )
    elapsed, rss, code = done.stdout.split()
    if int(code) not in ok:
        raise SystemExit(f"bench: {' '.join(command)} exited {code}")
    return float(elapsed), int(rss)


def rows(scratch: Path, command: list[str]) -> list[Row]:
    """Generate the corpora under ``scratch``; one row per command and size."""
    out: list[Row] = []
    for shape in ("plain", "standing"):
        for jobs in ((), ("--jobs", "1")):
            for size in SERIES_SIZES:
                corpus = scratch / f"{shape}-{size}"
                if not corpus.exists():
                    generate_series(corpus, size, shape)
                check = [*command, "check", "-q", "--no-cache", *jobs, str(corpus)]
                group = f"check, {shape} items{', --jobs 1' if jobs else ''}"
                out.append(Row(group, size, lambda c=check: measured(c, scratch)))
    for size in FIX_SIZES:
        source = scratch / f"fixable-{size}"
        generate_fixable(source, size)
        out.append(Row("fix, copies of one fixable report", size, _fix(command, source, scratch)))
    return out


def _fix(command: list[str], source: Path, scratch: Path) -> Callable[[], tuple[float, int]]:
    def run() -> tuple[float, int]:
        target = scratch / "fix-target"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target)  # untimed: fix writes, each run starts from the same files
        return measured([*command, "fix", str(target)], scratch)

    return run


def measure(command: list[str], repeat: int) -> list[Row]:
    """Every row, ``repeat`` alternating rounds."""
    with tempfile.TemporaryDirectory(prefix="compass-bench-scaling-") as folder:
        table = rows(Path(folder), command)
        table[0].run()  # untimed: warm the page cache and the imports
        for number in range(1, repeat + 1):
            for row in table:
                seconds, rss = row.run()
                row.seconds.append(seconds)
                row.rss_kb.append(rss)
            line = "  ".join(f"{r.size}:{r.seconds[-1]:.2f}" for r in table)
            print(f"  scaling round {number}/{repeat}: {line}", flush=True)
    return table


def table(measured_rows: list[Row]) -> str:
    """Medians, and per group ratios against its smallest size (per round, then the median)."""
    out = [
        "| command | reports | median s | ms/report | peak RSS MB | time / smallest | per report / smallest"
        " | RSS / smallest |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in measured_rows:
        base = next(r for r in measured_rows if r.group == row.group)
        time_ratio = statistics.median(a / b for a, b in zip(row.seconds, base.seconds, strict=True))
        per_report = time_ratio * base.size / row.size
        rss_ratio = max(row.rss_kb) / max(base.rss_kb)
        median = statistics.median(row.seconds)
        out.append(
            f"| {row.group} | {row.size:,} | {median:.2f} | {1000 * median / row.size:.2f}"
            f" | {max(row.rss_kb) / 1024:.0f} | {time_ratio:.2f}x (size {row.size / base.size:.0f}x)"
            f" | {per_report:.2f}x | {rss_ratio:.2f}x |"
        )
    return "\n".join(out)


def as_json(measured_rows: list[Row]) -> list[dict[str, object]]:
    """The raw samples, for ``bench/results``."""
    return [{"group": r.group, "size": r.size, "seconds": r.seconds, "rss_kb": r.rss_kb} for r in measured_rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="alternating rounds (medians)")
    args = parser.parse_args(argv)
    script = Path(sys.executable).parent / "compass-lint"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "compass_lint"]
    result = measure(command, args.repeat)
    print()
    print(table(result))
    print(json.dumps(as_json(result)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
