"""One long weekly series whose action items are never closed, for the scaling rows of ``run.py``.

    python bench/gen_series.py OUT [COUNT] [--shape plain|standing] [--seed N]

Every report is a team-compass report of about 4 KB (see ``gen_corpus.py``)
whose actions section carries the same 20 items from the first report to the
last, as a team does with items nobody closes:

- ``plain``: the items as written, word for word (each is stale, CL301, in
  every report after the first);
- ``standing``: the same items marked ``(standing)``, with an owner and an
  issue link (the shape that made the run jump once a series passed the
  store's 256 reports: an item's first report is as old as the series).

``--fixable`` writes COUNT copies of one report with fixable problems instead
(the ``fix`` rows): one folder, one series.

The same arguments always give byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_corpus import OBJECTS, PEOPLE, PROJECTS, VERBS, _Writer

ITEMS = 20
SHAPES = ("plain", "standing")
REPORT_BYTES = 4_000
# The demo February report: a bold line instead of a heading, a missing section (fixable).
FIXABLE = Path(__file__).resolve().parent.parent / "fixtures" / "demo" / "2026-02-27.md"


class _StandingWriter(_Writer):
    """A series whose actions section is the same ``ITEMS`` open items in every report."""

    def __init__(self, rng: random.Random, shape: str) -> None:
        super().__init__(rng, "Standing", "standing")
        self.items: list[str] = []
        while len(self.items) < ITEMS:
            text = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} for {rng.choice(PROJECTS)}"
            if shape == "standing":
                self.issue += 1
                text += f" ({rng.choice(PEOPLE)}) (standing) [#{self.issue}](https://example.org/s/issues/{self.issue})"
            if text not in self.items:
                self.items.append(text)

    def next_actions(self, month: int) -> list[str]:
        return [f"- {text}" for text in self.items]


def generate_series(root: Path, count: int, shape: str = "plain", seed: int = 8) -> list[Path]:
    """Write ``count`` weekly reports of one series under ``root`` (one folder); return their paths."""
    if shape not in SHAPES:
        raise ValueError(f"shape must be one of {', '.join(SHAPES)}")
    rng = random.Random(f"compass-lint-bench-series:{shape}:{seed}:{count}")
    folder = root / f"{shape}-meetings"
    folder.mkdir(parents=True, exist_ok=True)
    writer = _StandingWriter(random.Random(rng.getrandbits(64)), shape)
    # Early enough that ``count`` weeks end before today (1,000 weeks: 19 years).
    closing = dt.date(1990, 1, 5)
    written: list[Path] = []
    for index in range(count):
        opening = closing - dt.timedelta(days=6)
        path = folder / f"{closing:%Y-%m-%d}.md"
        path.write_text(writer.report(index, opening, closing, REPORT_BYTES), encoding="utf-8")
        written.append(path)
        closing += dt.timedelta(days=7)
    return written


def generate_fixable(root: Path, count: int) -> list[Path]:
    """Write ``count`` copies of the demo February report (fixable problems) into one folder."""
    folder = root / "fixable-meetings"
    folder.mkdir(parents=True, exist_ok=True)
    text = FIXABLE.read_text(encoding="utf-8")
    start = dt.date(1990, 1, 5)
    written = []
    for index in range(count):
        path = folder / f"{start + dt.timedelta(days=7 * index):%Y-%m-%d}.md"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the series under")
    parser.add_argument("count", type=int, nargs="?", default=250, help="number of reports (default 250)")
    parser.add_argument("--shape", choices=SHAPES, default="plain", help="how the items are carried")
    parser.add_argument("--fixable", action="store_true", help="copies of one report with fixable problems")
    parser.add_argument("--seed", type=int, default=8, help="the same arguments give the same files")
    args = parser.parse_args(argv)
    files = (
        generate_fixable(args.out, args.count)
        if args.fixable
        else generate_series(args.out, args.count, args.shape, args.seed)
    )
    print(f"{len(files)} reports under {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
