"""Adversarial inputs × sizes, each linted in its own ``compass-lint check --no-cache`` process.

    python bench/hostile.py [--sizes 1024,16384,65536,1048576] [--repeat 1] [--only SHAPE]

Every cell records the wall time of the whole process, its exit code and the
rule codes found (``CL902``: gave up after the time budget, 5 s by default;
``CL901``: unreadable: NUL, invalid UTF-8, over ``max-file-size``). The run
prints the table, the worst time per size, and flags every input of 16 KB or
less that takes more than 1 s (a pre-commit hook should never wait that long
on a small file). Nothing is asserted: read the table.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import code_version, freeze_code

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
REFERENCE = ROOT / "fixtures" / "demo" / "2026-01-30.md"
RESULTS = BENCH / "results"
SIZES = (1024, 16 * 1024, 64 * 1024, 1024 * 1024)
SMALL = 16 * 1024
SLOW_SMALL = 1.0
TIMEOUT = 120.0


def _repeat(unit: str, size: int, head: str = "", tail: str = "") -> str:
    count = max(1, (size - len(head) - len(tail)) // len(unit))
    return head + unit * count + tail


def nested_emphasis(size: int) -> str:
    n = max(1, size // 14)
    return "*a **a " * n + "b" + " a** a*" * n + "\n"


def star_bracket(size: int) -> str:
    return _repeat("*[", size, tail="\n")


def wide_table(size: int) -> str:
    columns = max(2, size // 20)  # header, rule and two rows: about 18 bytes per column
    header = "|" + "|".join(f" c{i % 100} " for i in range(columns)) + "|\n"
    rule = "|" + "---|" * columns + "\n"
    row = "|" + " a |" * columns + "\n"
    return header + rule + row + row


def long_lines(size: int) -> str:
    width = min(size, 100_000)
    line = ("word " * (width // 5 + 1))[: width - 1] + "\n"
    return line * max(1, size // width)


def nested_quotes(size: int) -> str:
    return "> " * max(1, size // 2 - 1) + "a\n"


def nested_lists(size: int) -> str:
    return "- " * max(1, size // 2 - 1) + "a\n"


def nested_quote_lines(size: int) -> str:
    # Many lines, each one level deeper than the last, up to what fits.
    lines, used, depth = [], 0, 1
    while used + 2 * depth + 2 <= size:
        lines.append("> " * depth + "a")
        used += 2 * depth + 2
        depth += 1
    return "\n".join(lines) + "\n"


def backtick_runs(size: int) -> str:
    parts, used, i = [], 0, 0
    while used < size - 60:
        piece = "`" * (i % 50 + 1) + "x"
        parts.append(piece)
        used += len(piece)
        i += 1
    return "".join(parts) + "\n"


def angle_runs(size: int) -> str:
    return _repeat("<a <", size, tail="\n")


def entity_runs(size: int) -> str:
    return _repeat("&#", size // 2, tail="\n") + _repeat("&#1", size // 2, tail="\n")


def link_definitions(size: int) -> str:
    unit = "[label{0}]: https://example.org/{0} 'title {0}'\n"
    lines, used, i = [], 0, 0
    while used < size * 3 // 4:
        line = unit.format(i)
        lines.append(line)
        used += len(line)
        i += 1
    uses = "".join(f"[x][label{j}] " for j in range(0, i, max(1, i // 200)))
    return "".join(lines) + "\n" + uses + "\n"


def report_text() -> str:
    return REFERENCE.read_text(encoding="utf-8")


def report_sized(size: int) -> str:
    """The reference report repeated (sections grow) up to ``size``."""
    text = report_text()
    return (text + "\n") * max(1, size // (len(text) + 1))


def emphasis_in_action(size: int) -> str:
    # Inline parsing runs on action items: put the nested emphasis in section 3.
    text = report_text()
    payload = nested_emphasis(max(14, size - len(text))).rstrip("\n")
    first = "- Write the contributor onboarding guide (Priya)"
    return text.replace(first, f"- {payload}\n{first}")


def nul_bytes(size: int) -> bytes:
    data = report_sized(size).encode()
    middle = len(data) // 2
    return data[:middle] + b"\x00" + data[middle + 1 :]


def invalid_utf8(size: int) -> bytes:
    data = report_sized(size).encode()
    middle = len(data) // 2
    return data[:middle] + b"\xff\xfe" + data[middle + 2 :]


def line_ending_mix(size: int) -> bytes:
    lines = report_sized(size * 9 // 10).split("\n")  # CRLF adds a byte to every third line
    endings = ["\n", "\r\n", "\r"]
    return "".join(line + endings[i % 3] for i, line in enumerate(lines)).encode()


SHAPES: dict[str, Callable[[int], str | bytes]] = {
    "nested emphasis": nested_emphasis,
    "nested emphasis in an action item": emphasis_in_action,
    "*[ repeated": star_bracket,
    "wide table": wide_table,
    "long lines (100k chars)": long_lines,
    "> nested on one line": nested_quotes,
    "> one level deeper per line": nested_quote_lines,
    "- nested on one line": nested_lists,
    "backtick runs": backtick_runs,
    "< runs": angle_runs,
    "&# runs": entity_runs,
    "link reference definitions": link_definitions,
    "NUL byte in a report": nul_bytes,
    "invalid UTF-8 in a report": invalid_utf8,
    "CR / CRLF / LF mix": line_ending_mix,
}


def lint(path: Path, cwd: Path) -> tuple[float, int, list[str]]:
    """Wall time, exit code and the sorted distinct codes of one whole-process run."""
    command = [str(Path(sys.executable).parent / "compass-lint"), "check", "--no-cache", "--format", "json", str(path)]
    if not Path(command[0]).exists():
        command[:1] = [sys.executable, "-m", "compass_lint"]
    start = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, -1, ["TIMEOUT"]
    elapsed = time.perf_counter() - start
    try:
        codes = sorted({f["code"] for f in json.loads(done.stdout)})
    except ValueError:
        codes = ["NO-JSON: " + done.stderr.decode("utf-8", "replace")[-200:]]
    if done.returncode not in (0, 1) or b"Traceback" in done.stderr:
        codes.append("STDERR: " + done.stderr.decode("utf-8", "replace")[-300:])
    return elapsed, done.returncode, codes


def short(codes: list[str]) -> str:
    interesting = [c for c in codes if not c.startswith("CL1") and not c.startswith("CL2") and not c.startswith("CL4")]
    rest = len(codes) - len(interesting)
    return ",".join(interesting) + (f" +{rest} outline" if rest else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="input sizes in bytes")
    parser.add_argument("--repeat", type=int, default=1, help="runs per cell (median)")
    parser.add_argument("--only", action="append", help="shape names to run (substring)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    shapes = {k: v for k, v in SHAPES.items() if not args.only or any(o in k for o in args.only)}

    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="compass-hostile-") as scratch:
        work = Path(scratch)
        freeze_code(work / "code")  # one version of the code for the whole table (see run.py)
        print(f"compass-lint: a copy of {code_version()}", flush=True)
        for name, make in shapes.items():
            for size in sizes:
                content = make(size)
                data = content.encode("utf-8") if isinstance(content, str) else content
                folder = work / f"{len(results)}"
                folder.mkdir()
                path = folder / "report.md"
                path.write_bytes(data)
                runs = [lint(path, folder) for _ in range(args.repeat)]
                seconds = statistics.median(r[0] for r in runs)
                _, code, codes = runs[-1]
                results.append({"shape": name, "size": size, "bytes": len(data), "seconds": seconds, "exit": code})
                results[-1]["codes"] = codes
                print(f"{name:36} {size:>8} B  {seconds:6.2f} s  exit {code}  {','.join(codes)[:120]}", flush=True)

    label = {1024: "1 KB", 16384: "16 KB", 65536: "64 KB", 1048576: "1 MiB"}
    print("\n| shape | " + " | ".join(label.get(s, f"{s} B") for s in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for name in shapes:
        cells = []
        for size in sizes:
            r = next(x for x in results if x["shape"] == name and x["size"] == size)
            cells.append(f"{r['seconds']:.2f} s, exit {r['exit']} {short(r['codes'])}".rstrip())
        print(f"| {name} | " + " | ".join(cells) + " |")
    print("\n| size | worst s | shape |\n|---|---:|---|")
    for size in sizes:
        worst = max((x for x in results if x["size"] == size), key=lambda x: x["seconds"])
        print(f"| {label.get(size, size)} | {worst['seconds']:.2f} | {worst['shape']} |")
    slow = [x for x in results if int(x["bytes"]) <= SMALL and float(x["seconds"]) > SLOW_SMALL]
    bad = ("STDERR", "NO-JSON", "TIMEOUT")
    crashed = [x for x in results if x["exit"] not in (0, 1) or any(str(c).startswith(bad) for c in x["codes"])]
    print(f"\ninputs <= 16 KB slower than {SLOW_SMALL:g} s: {len(slow)}")
    for x in slow:
        print(f"  SLOW {x['shape']} {x['bytes']} B: {x['seconds']:.2f} s")
    print(f"runs with exit 2, a traceback or no JSON: {len(crashed)}")
    for x in crashed:
        print(f"  CRASH {x['shape']} {x['bytes']} B: exit {x['exit']} {x['codes']}")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"hostile-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"\nraw results: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
