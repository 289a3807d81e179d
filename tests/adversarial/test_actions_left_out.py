"""``actions`` on a series with a report it could not read says which, and exits 1 (issue 20, 1).

Its items would otherwise look dropped in that report and found again after it,
with exit 0: a tracker that is silently wrong. Exit 1, as ``check`` gives for
the same report (CL901 or CL902, both errors): the files and the invocation
are fine (not 2), the result is incomplete, and a re-run on a quiet machine may
pass where the time budget ran out.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from attacks import Attack

ROOT = Path(__file__).resolve().parents[2]
JANUARY = (ROOT / "fixtures" / "demo" / "2026-01-30.md").read_text(encoding="utf-8")
FEBRUARY = (ROOT / "fixtures" / "demo" / "2026-02-27.md").read_text(encoding="utf-8")
MARCH = FEBRUARY.replace("31 Jan 2026", "28 Feb 2026").replace("27 Feb 2026", "27 Mar 2026")
# Parsing takes seconds, far over a 0.5 s budget (as in test_budget.py), in a report of the series.
SLOW = FEBRUARY + "\n" + "- " * 4000 + "x\n" + "- item\n" * 60000


def _series(attack: Attack, february: bytes) -> None:
    attack.write(".compass-lint.toml", "time-budget = 0.5\n")
    attack.write("2026-01-30.md", JANUARY)
    (attack.folder / "2026-02-27.md").write_bytes(february)
    attack.write("2026-03-27.md", MARCH)


@pytest.mark.parametrize(
    ("february", "why"),
    [
        (SLOW.encode(), "gave up after the 0.5 s time budget (wall clock; a re-run may pass)"),
        (FEBRUARY.encode() + b"\xff\n", "cannot read file (file is not valid UTF-8: byte 0xff at offset"),
    ],
    ids=["time-budget", "not-utf8"],
)
@pytest.mark.parametrize("output", ["text", "json", "html"])
def test_a_report_not_read_is_named_and_the_exit_code_is_1(
    attack: Attack, february: bytes, why: str, output: str
) -> None:
    _series(attack, february)
    result = attack.run("actions", "--format", output, ".")
    assert result.code == 1
    assert result.err.startswith(f"2026-02-27.md: actions left out: {why}")
    assert len(result.err.splitlines()) == 1
    assert "2026-01-30.md" in result.out, "what was read is still shown"
    if output == "json":
        (series,) = json.loads(result.out)
        assert len(series["reports"]) == 3


def test_a_series_read_whole_exits_0(attack: Attack) -> None:
    _series(attack, FEBRUARY.encode())
    result = attack.run("actions", ".")
    assert (result.code, result.err) == (0, "")
    assert "Draft the spring release announcement (Sam)" in result.out
