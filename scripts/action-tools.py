"""Helpers of the GitHub Action's run step (scripts/action-run.sh), run by compass-lint's own Python.

``glob PATTERN``
    The files and folders that match a glob of the ``paths`` input, relative to the
    current folder (the workspace), sorted, each ended by a NUL byte. ``*`` and ``?``
    match within a name, ``**`` any folders (none included), ``[...]`` one character
    of a set; names starting with a dot are matched only by a pattern that says so.
    Symbolic links and anything outside the workspace are left out, as the folder
    walk and the pull-request listing leave them out.

``counts FILE``
    ``errors=N``, ``warnings=N`` and ``stale-actions=N`` (CL301 findings) from what
    ``compass-lint check --format json`` or ``--format sarif`` wrote: counted from the
    data, not from the text of the log.

Only the standard library: it runs before anything else is known about the environment.
"""

from __future__ import annotations

import glob
import json
import os
import sys

STALE_ACTION = "CL301"


def expand(pattern: str) -> list[str]:
    """The matches of ``pattern`` inside the current folder (see the module docstring)."""
    root = os.path.realpath(os.curdir)
    found = []
    for match in glob.glob(pattern, recursive=True):
        if os.path.islink(match.rstrip("/\\")):
            continue
        real = os.path.realpath(match)
        if real == root or real.startswith(root + os.sep):
            found.append(match)
    return sorted(set(found))


def counts(path: str) -> dict[str, int]:
    """The outputs' counts from compass-lint's JSON findings or from its SARIF log."""
    with open(path, encoding="utf-8") as stream:
        data = json.load(stream)
    found = {"errors": 0, "warnings": 0, "stale-actions": 0}
    if isinstance(data, list):  # --format json: one object per finding
        levels_and_codes = [(finding["severity"], finding["code"]) for finding in data]
    else:  # SARIF 2.1.0: info findings are "note"; a result without a level is a warning
        levels_and_codes = [
            (result.get("level", "warning"), result.get("ruleId")) for run in data["runs"] for result in run["results"]
        ]
    for level, code in levels_and_codes:
        if level == "error":
            found["errors"] += 1
        elif level == "warning":
            found["warnings"] += 1
        if code == STALE_ACTION:
            found["stale-actions"] += 1
    return found


def main(arguments: list[str]) -> int:
    """Run one helper (see the module docstring); 2 for a wrong call."""
    if len(arguments) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    command, value = arguments
    if command == "glob":
        # Bytes: a file name need not be valid UTF-8 (os.fsencode gives back what the folder holds).
        sys.stdout.buffer.write(b"".join(os.fsencode(match) + b"\0" for match in expand(value)))
        return 0
    if command == "counts":
        sys.stdout.write("\n".join(f"{name}={count}" for name, count in counts(value).items()))
        return 0
    print(f"unknown command {command!r}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
