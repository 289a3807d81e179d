"""Benchmark compass-lint against its floor and baselines on generated and real corpora.

    python bench/run.py [--sizes 100,1000] [--repeat 3] [--corpus PATH] [--skip-markdownlint]
    python bench/run.py --scaling-only     # one long series at 250/500/1,000 reports, fix at 100/400


For each corpus (generated reports of each size, see ``gen_corpus.py``, plus
``../shared/corpus`` or ``--corpus PATH`` when present) every variant is run
once per round, the variants alternating (A B C … A B C …) so that a slow
patch of a noisy machine hits all of them alike; the table shows medians over
``--repeat`` rounds and ratios against the baselines. Whole-process variants
run as child processes: wall time from spawn to exit; peak RSS and CPU time
from GNU time (``/usr/bin/time -f "%M %U %S"``, else ``os.wait4``): the
largest of the child and the children it waited for, so ``--jobs 2`` counts
its biggest process, not the sum. Nothing here asserts a time: read the
ratios.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import mistune

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_corpus import generate, generate_action_dense
from lsp_client import measure as measure_server
from scaling import as_json as scaling_json
from scaling import measure as measure_scaling
from scaling import table as scaling_table

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
MARKDOWNLINT = BENCH / "node_modules" / ".bin" / "markdownlint-cli2"
MARKDOWNLINT_CONFIG = BENCH / ".markdownlint-cli2.jsonc"
RESULTS = BENCH / "results"
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").is_file() and sys.platform == "linux" else None

READ_ONLY = (
    "import pathlib, sys\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.md')):\n"
    "    p.read_bytes().decode('utf-8')\n"
)
MISTUNE_FULL = (
    "import pathlib, sys, mistune\n"
    "md = mistune.create_markdown(renderer=None)\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.md')):\n"
    "    md(p.read_text(encoding='utf-8'))\n"
)
BARE_IMPORT = "import mistune, jsonschema, click"
BARE_SERVER = BENCH / "bare_server.py"
KEYSTROKES = 25  # edits per server session: the row is their median
# Rows timed once per file, not per corpus: no ms/file column.
SINGLE_ROWS = ("single", "import", "lsp_start", "bare_start", "lsp_edit", "bare_edit")


@dataclass
class Sample:
    """One timed run."""

    seconds: float
    rss_kb: int | None = None
    cpu: float | None = None  # user + system seconds of the child and the children it waited for


@dataclass
class Variant:
    """A row of the table: how to run it once, and which exit codes are fine."""

    key: str
    label: str
    run: Callable[[], Sample]
    samples: list[Sample] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def cpu_median(self) -> float | None:
        values = [s.cpu for s in self.samples if s.cpu is not None]
        return statistics.median(values) if values else None

    @property
    def rss_mb(self) -> float | None:
        values = [s.rss_kb for s in self.samples if s.rss_kb is not None]
        return max(values) / 1024 if values else None


def code_version() -> str:
    """The git commit of the checkout and a fingerprint of the installed code (an editable install follows edits)."""
    fingerprint = subprocess.run(
        [sys.executable, "-c", "import compass_lint.engine.cache as c; print(c.code_fingerprint()[:12], c.__file__)"],
        cwd=tempfile.gettempdir(),  # not the checkout: "" on sys.path would import it
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "describe", "--always", "--dirty"], capture_output=True, text=True, check=False
    ).stdout.strip()
    fingerprint, _, where = fingerprint.partition(" ")
    where = str(Path(where).parent.parent) if where else "?"
    return f"{commit or 'unknown commit'}, code {fingerprint or 'unknown'} from {where}"


def freeze_code(folder: Path) -> Path:
    """Copy the installed compass_lint (and its schemas) to ``folder``; children import it via PYTHONPATH.

    With an editable install every child process would import whatever the checkout holds at that moment,
    so a commit during a long run would mix code versions between rows; the copy keeps one for the run.
    """
    spec = importlib.util.find_spec("compass_lint")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("bench: compass_lint is not installed in this Python")
    package = Path(next(iter(spec.submodule_search_locations)))
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(package, folder / "compass_lint", ignore=ignore)  # copy2 keeps mtimes: same fingerprint
    if not (package / "schemas").is_dir() and (package.parent / "schemas").is_dir():
        shutil.copytree(package.parent / "schemas", folder / "schemas", ignore=ignore)
    # Byte-compile the copy as pip does when it installs a wheel: with PYTHONDONTWRITEBYTECODE set (as on
    # these machines) every child would otherwise compile compass_lint from source at start-up, while its
    # dependencies load from their .pyc files.
    compileall.compile_dir(folder / "compass_lint", quiet=1)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(folder), os.environ.get("PYTHONPATH")]))
    return folder


def compass_lint_command() -> list[str]:
    """The console script next to this Python, as pre-commit would run it."""
    script = Path(sys.executable).parent / "compass-lint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "compass_lint"]


def spawn(command: list[str], cwd: Path, ok: tuple[int, ...] = (0,)) -> Sample:
    """Run a child process to completion: wall time, its peak RSS and CPU time.

    A forked child's ``ru_maxrss`` includes the parent's pages at the fork, so the child is started through
    GNU time (a small process) when it exists and its own ``%M`` is used; else ``os.wait4`` (an RSS below
    this benchmark process's own size is then hidden by it).
    """
    with tempfile.TemporaryFile() as errors, tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        wrapped = [GNU_TIME, "-f", "%M %U %S", "-o", report.name, *command] if GNU_TIME else command
        start = time.perf_counter()
        child = subprocess.Popen(wrapped, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode not in ok:
            errors.seek(0)
            tail = errors.read()[-2000:].decode("utf-8", "replace")
            raise SystemExit(f"bench: {' '.join(command)} exited {child.returncode}:\n{tail}")
        if GNU_TIME:
            # The last line (GNU time puts "Command exited with non-zero status N" before it).
            rss_kb, user, system = report.read().split("\n")[-2].split()
            return Sample(elapsed, int(rss_kb), float(user) + float(system))
    # ru_maxrss is in KiB on Linux, bytes on macOS.
    rss = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return Sample(elapsed, rss, usage.ru_utime + usage.ru_stime)


def in_process_mistune(corpus: Path) -> Sample:
    md = mistune.create_markdown(renderer=None)
    start = time.perf_counter()
    for path in sorted(corpus.rglob("*.md")):
        md(path.read_text(encoding="utf-8"))
    return Sample(time.perf_counter() - start, cpu=None)


def pick_single(files: list[Path]) -> Path:
    """A report with a predecessor in its folder (the pre-commit case reads it too)."""
    by_folder: dict[Path, list[Path]] = {}
    for path in files:
        by_folder.setdefault(path.parent, []).append(path)
    folders = sorted(by_folder, key=lambda f: (-len(by_folder[f]), str(f)))
    members = sorted(by_folder[folders[0]])
    return members[len(members) // 2]


def variants(corpus: Path, work: Path, with_markdownlint: bool) -> list[Variant]:
    """Every row, as closures over the corpus and a scratch folder (cwd, cache)."""
    py = sys.executable
    cl = compass_lint_command()
    files = sorted(p for p in corpus.rglob("*.md") if not any(part.startswith(".") for part in p.parts))
    single = pick_single(files)

    def warm() -> Sample:
        # Prime (untimed) right before: an edit to compass-lint's code during the run (an editable install)
        # changes the cache key, and the timed run would be cold again.
        spawn([*cl, "check", "-q", str(corpus)], work, (0, 1))
        return spawn([*cl, "check", "-q", str(corpus)], work, (0, 1))

    rows = [
        Variant("read", "read + decode every file (floor)", lambda: spawn([py, "-c", READ_ONLY, str(corpus)], work)),
        Variant(
            "mistune",
            "mistune full AST, 1 process (baseline)",
            lambda: spawn([py, "-c", MISTUNE_FULL, str(corpus)], work),
        ),
        Variant("mistune_inproc", "mistune full AST, in-process (no start-up)", lambda: in_process_mistune(corpus)),
        Variant(
            "cold1",
            "compass-lint check --no-cache --jobs 1",
            lambda: spawn([*cl, "check", "-q", "--no-cache", "--jobs", "1", str(corpus)], work, (0, 1)),
        ),
        Variant(
            "cold2",
            "compass-lint check --no-cache --jobs 2",
            lambda: spawn([*cl, "check", "-q", "--no-cache", "--jobs", "2", str(corpus)], work, (0, 1)),
        ),
        Variant("warm", "compass-lint check (warm cache, files unchanged)", warm),
        Variant(
            "single",
            "compass-lint check --no-cache ONE.md (pre-commit case)",
            lambda: spawn([*cl, "check", "-q", "--no-cache", str(single)], work, (0, 1)),
        ),
        Variant("import", f'python -c "{BARE_IMPORT}"', lambda: spawn([py, "-c", BARE_IMPORT], work)),
    ]
    if importlib.util.find_spec("pygls") is not None:
        rows += server_rows(single, [*cl, "server"], [py, str(BARE_SERVER)])
    if with_markdownlint:
        command = [str(MARKDOWNLINT), "--config", str(MARKDOWNLINT_CONFIG), "**/*.md"]
        rows.append(Variant("mdl", "markdownlint-cli2, MD043 only", lambda: spawn(command, corpus, (0, 1))))
    return rows


def server_rows(report: Path, server: list[str], bare: list[str]) -> list[Variant]:
    """The language server against a bare pygls + mistune one, each driven by a client over stdio.

    Start-up: from spawning the server to the first diagnostics of ``report``
    (initialize, didOpen, publishDiagnostics). Keystroke: in a warm server,
    from a didChange that types or deletes one character to the diagnostics
    of that version; the median of ``KEYSTROKES`` edits, one session per round.
    """

    def start(command: list[str]) -> Callable[[], Sample]:
        return lambda: Sample(measure_server(command, report, 0).start)

    def keystroke(command: list[str]) -> Callable[[], Sample]:
        return lambda: Sample(statistics.median(measure_server(command, report, KEYSTROKES).edits))

    ours, baseline = "compass-lint server", "bare pygls + mistune server"
    edit = f"re-lint after a keystroke (median of {KEYSTROKES})"
    return [
        Variant("lsp_start", f"{ours}: start-up to first diagnostics", start(server)),
        Variant("bare_start", f"{baseline}: start-up to first diagnostics", start(bare)),
        Variant("lsp_edit", f"{ours}: {edit}", keystroke(server)),
        Variant("bare_edit", f"{baseline}: {edit}", keystroke(bare)),
    ]


def measure(
    name: str, corpus: Path, repeat: int, with_markdownlint: bool, only: tuple[str, ...] = ()
) -> dict[str, Any]:
    """All rows for one corpus (``only``: those rows), ``repeat`` alternating rounds."""
    files = [p for p in corpus.rglob("*.md") if not any(part.startswith(".") for part in p.parts)]
    size = sum(p.stat().st_size for p in files)
    print(f"\n== {name}: {len(files):,} files, {size / 1e6:.1f} MB ({corpus})", flush=True)
    work = Path(tempfile.mkdtemp(prefix="compass-bench-work-"))
    try:
        rows = [r for r in variants(corpus, work, with_markdownlint) if not only or r.key in only]
        # One untimed read first: the page cache is warm for every row alike (the warm row primes its own cache).
        rows[0].run()
        for round_number in range(1, repeat + 1):
            for row in rows:
                row.samples.append(row.run())
            line = "  ".join(f"{r.key} {r.samples[-1].seconds:.2f}" for r in rows)
            print(f"  round {round_number}/{repeat}: {line}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {
        "name": name,
        "files": len(files),
        "bytes": size,
        "rows": {
            r.key: {
                "label": r.label,
                "median": r.median,
                "seconds": [s.seconds for s in r.samples],
                "rss_mb": r.rss_mb,
                "cpu_median": r.cpu_median,
            }
            for r in rows
        },
    }


RATIOS = [
    ("cold1", "mistune", "cold --jobs 1 / mistune full AST (1 process)"),
    ("cold1", "read", "cold --jobs 1 / read only"),
    ("cold1", "mdl", "cold --jobs 1 / markdownlint-cli2 MD043"),
    # markdownlint-cli2 uses more than one core by default, as compass-lint does (--jobs 2 on two cores).
    ("cold2", "mdl", "cold --jobs 2 / markdownlint-cli2 MD043 (each as run by default)"),
    ("warm", "cold1", "warm / cold --jobs 1"),
    ("cold2", "cold1", "--jobs 2 / --jobs 1"),
    ("single", "import", "one file / bare import"),
    ("lsp_edit", "bare_edit", "server re-lint after a keystroke / bare pygls + mistune server (target ≤ 2x)"),
    ("lsp_start", "bare_start", "server start-up to first diagnostics / bare server (target ≤ 1.2x)"),
]


def round_ratios(top: list[float], bottom: list[float]) -> list[float]:
    """The ratio within each round: the two rows ran minutes apart at most, so a slow
    patch of the machine that spans a round weighs on both (the medians of the rows
    may come from different rounds)."""
    return [a / b for a, b in zip(top, bottom, strict=False) if b > 0]


def table(result: dict[str, Any]) -> str:
    rows: dict[str, dict[str, Any]] = result["rows"]
    files = int(result["files"])
    out = [
        f"### {result['name']}: {files:,} files, {int(result['bytes']) / 1e6:.1f} MB",
        "",
        "| row | median s | ms/file | runs (s) | CPU s (median) | peak RSS MB |",
        "|---|---:|---:|---|---:|---:|",
    ]
    for key, row in rows.items():
        per_file = "" if key in SINGLE_ROWS else f"{1000 * float(row['median']) / files:.2f}"
        runs = " ".join(f"{s:.2f}" for s in row["seconds"])
        rss = "" if row["rss_mb"] is None else f"{row['rss_mb']:.0f}"
        cpu = "" if row.get("cpu_median") is None else f"{row['cpu_median']:.2f}"
        out.append(f"| {row['label']} | {float(row['median']):.3f} | {per_file} | {runs} | {cpu} | {rss} |")
    out += ["", "| ratio | of the medians | per round: median (lowest-highest) |", "|---|---:|---:|"]
    for top, bottom, label in RATIOS:
        if top in rows and bottom in rows:
            value = float(rows[top]["median"]) / float(rows[bottom]["median"])
            paired = round_ratios(rows[top]["seconds"], rows[bottom]["seconds"])
            spread = f"{statistics.median(paired):.2f}x ({min(paired):.2f}-{max(paired):.2f})" if paired else ""
            out.append(f"| {label} | {value:.2f}x | {spread} |")
    if rows.get("cold1", {}).get("cpu_median") and rows.get("cold2", {}).get("cpu_median"):
        value = rows["cold2"]["cpu_median"] / rows["cold1"]["cpu_median"]
        out.append(f"| CPU time (user+sys) of --jobs 2 / --jobs 1 | {value:.2f}x | |")
    return "\n".join(out)


def memory_table(results: list[dict[str, Any]]) -> str:
    """Peak RSS of each whole-process row per generated size: flat or growing?"""
    generated = [r for r in results if str(r["name"]).startswith("generated")]
    if len(generated) < 2:
        return ""
    keys = [k for k, v in generated[0]["rows"].items() if v["rss_mb"] is not None]
    head = " | ".join(f"{int(r['files']):,} files" for r in generated)
    out = [f"| peak RSS MB | {head} | growth, last/first |", "|---|" + "---:|" * (len(generated) + 1)]
    for key in keys:
        values = [float(r["rows"][key]["rss_mb"]) for r in generated]
        label = generated[0]["rows"][key]["label"]
        cells = " | ".join(f"{v:.0f}" for v in values)
        out.append(f"| {label} | {cells} | {values[-1] / values[0]:.2f}x |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="generated corpus sizes (10000 on request)")
    parser.add_argument("--repeat", type=int, default=3, help="alternating rounds per corpus (medians)")
    parser.add_argument("--corpus", type=Path, help=f"a real corpus to run too (default {SHARED_CORPUS} when present)")
    parser.add_argument("--no-real-corpus", action="store_true", help="only the generated corpora")
    parser.add_argument("--skip-markdownlint", action="store_true", help="leave out markdownlint-cli2")
    parser.add_argument("--seed", type=int, default=8, help="corpus seed (the same seed gives the same files)")
    parser.add_argument(
        "--action-dense",
        type=int,
        default=1000,
        metavar="N",
        help="reports of the action-dense series (gen_corpus.py --action-dense), cold against mistune; 0: none",
    )
    parser.add_argument(
        "--no-scaling", action="store_true", help="leave out the scaling rows (scaling.py: a long series, fix)"
    )
    parser.add_argument("--scaling-only", action="store_true", help="only the scaling rows")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.scaling_only:
        sizes, args.action_dense, args.no_real_corpus = [], 0, True

    with_markdownlint = not args.skip_markdownlint and not args.scaling_only
    if with_markdownlint and not MARKDOWNLINT.exists():
        if shutil.which("npm") is None:
            print("bench: npm not found, markdownlint-cli2 row skipped", file=sys.stderr)
            with_markdownlint = False
        else:
            print("bench: installing markdownlint-cli2 under bench/node_modules (npm ci)", flush=True)
            subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=BENCH, check=True)

    versions = f"python {platform.python_version()}, mistune {mistune.__version__}"
    print(f"{versions}, {os.cpu_count()} CPUs, {platform.platform()}")
    live = code_version()
    results: list[dict[str, Any]] = []
    scratch = Path(tempfile.mkdtemp(prefix="compass-bench-corpus-"))
    try:
        freeze_code(scratch / "code")
        frozen = code_version()
        print(f"compass-lint: a copy of {frozen} (checkout: {live})", flush=True)
        for count in sizes:
            corpus = scratch / f"n{count}"
            start = time.perf_counter()
            generate(corpus, count, args.seed)
            print(f"generated {count:,} reports in {time.perf_counter() - start:.1f} s", flush=True)
            results.append(measure(f"generated {count:,}", corpus, args.repeat, with_markdownlint))
            shutil.rmtree(corpus, ignore_errors=True)
        if args.action_dense:
            corpus = scratch / "dense"
            generate_action_dense(corpus, args.action_dense, args.seed)
            # One long series with 10-30 rich action items a report: the action timeline's share of a cold run.
            name = f"action-dense series {args.action_dense:,}"
            results.append(measure(name, corpus, args.repeat, False, only=("read", "mistune", "cold1")))
            shutil.rmtree(corpus, ignore_errors=True)
        real = args.corpus or (SHARED_CORPUS if SHARED_CORPUS.is_dir() else None)
        if real is not None and not args.no_real_corpus:
            results.append(measure(f"real corpus {real.name}", real.resolve(), args.repeat, with_markdownlint))
        scaling = [] if args.no_scaling else measure_scaling(compass_lint_command(), args.repeat)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print()
    for result in results:
        print(table(result), end="\n\n")
    memory = memory_table(results)
    if memory:
        print(memory)
    if scaling:
        print("\n### One long series (20 items nobody closes) and fix: time and memory per report\n")
        print(scaling_table(scaling))
    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    payload = {"code": frozen, "results": results, "scaling": scaling_json(scaling)}
    (RESULTS / f"run-{stamp}.json").write_text(json.dumps(payload, indent=1), encoding="utf-8")
    print(f"\nraw results: {RESULTS / f'run-{stamp}.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
