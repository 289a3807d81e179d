"""A deterministic corpus of realistic monthly team reports for the benchmark.

Every report follows the reference outline of ``fixtures/demo/2026-01-30.md``
(title, goal, the three field headings, sections 1-6 with their sub-sections,
the notes and the "Do not edit below" copy of the outline) and is about 10 KB.
Reports come in monthly series of 12 per folder; the action items of section
3 are carried from month to month, some are completed (``**COMPLETED**``),
a few are still listed after being completed (CL303) or dropped. About one
report in ten has an outline mistake (a missing or renumbered section, a bold
line instead of a heading, a meeting date without a link), as real ones do.

``--action-dense`` writes one folder of monthly reports instead, each whose
actions section holds 10-30 action items with sub-bullets, one of them a GFM
table and one a fenced code block (carried, completed and dropped from month
to month as above): the series-heavy work (matching actions between reports)
on parse-heavy items.

The same ``(count, seed)`` always gives byte-identical files.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

REPORTS_PER_SERIES = 12
TEAMS = ["Lighthouse", "Harbor", "Compass", "Anchor", "Beacon", "Keel", "Mast", "Rudder", "Sextant", "Tide"]
PEOPLE = ["Priya", "Sam", "Ada", "Chris", "Jessica", "Loic", "Matthias", "Min", "Yuvi", "Erik", "Sarah", "Tim"]
PROJECTS = ["core", "docs", "proxy", "spawner", "builder", "helm-chart", "auth", "dashboard", "cli", "website"]
VERBS = ["Write", "Review", "Update", "Set up", "Draft", "Migrate", "Document", "Fix", "Plan", "Automate", "Audit"]
OBJECTS = [
    "the contributor onboarding guide",
    "the shared calendar for the release train",
    "the signing keys rotation checklist",
    "the spring release announcement",
    "the CI matrix for the new Python",
    "the security policy page",
    "the deployment runbook",
    "the metrics dashboard",
    "the issue templates",
    "the governance document",
    "the blog post about the sprint",
    "the code of conduct reporting form",
    "the funding report",
    "the on-call rotation",
    "the translation workflow",
    "the docs theme migration",
]
WORDS = [
    "the",
    "team",
    "agreed",
    "to",
    "revisit",
    "release",
    "process",
    "docs",
    "users",
    "upgrade",
    "path",
    "config",
    "proxy",
    "spawner",
    "helm",
    "chart",
    "test",
    "suite",
    "flaky",
    "windows",
    "build",
    "cache",
    "binder",
    "launch",
    "quota",
    "cluster",
    "costs",
    "grant",
    "report",
    "volunteers",
    "sprint",
    "meeting",
    "notes",
    "roadmap",
    "milestone",
    "review",
    "triage",
    "backlog",
    "labels",
    "maintainers",
    "newcomers",
    "tutorial",
    "workshop",
    "conference",
    "talk",
    "survey",
    "feedback",
    "performance",
    "memory",
    "regression",
    "benchmark",
    "dependency",
    "pin",
    "security",
    "advisory",
]
SECTION_1 = "1. Help or discussion needed; Agenda Items for Monthly Meeting"
TEMPLATE = """\
---
**Do not edit below**

*Outline template for meetings*

## Actions

- 1. Help or discussion needed; Agenda Items for Monthly Meeting
        - 1.1 Open PRs
        - 1.2 Open issues

- 2. Decisions needed

- 3. Next actions (team)


## News, Information, and Thanks

- 4. Team Metrics
- 5. Team News and Informational items
        - 5.1 Organization highlights
        - 5.2 BinderHub projects
        - 5.3 JupyterHub projects
        - 5.4 Related projects (repo2docker, nbgrader, others)

- 6. Thanks, Things to Celebrate, and anything else
"""


@dataclass
class Action:
    """An action item of section 3 and where it is in its life."""

    text: str
    completed_in: int | None = None  # month index when marked COMPLETED


def _last_friday(year: int, month: int) -> dt.date:
    day = dt.date(year, month, calendar.monthrange(year, month)[1])
    return day - dt.timedelta(days=(day.weekday() - 4) % 7)


def _add_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


class _Writer:
    """One series: its random stream, open actions and numbering."""

    def __init__(self, rng: random.Random, team: str, slug: str) -> None:
        self.rng = rng
        self.team = team
        self.slug = slug
        self.actions: list[Action] = []
        self.issue = rng.randint(10, 900)

    def sentence(self, low: int = 6, high: int = 16) -> str:
        words = self.rng.choices(WORDS, k=self.rng.randint(low, high))
        text = " ".join(words)
        if self.rng.random() < 0.25:
            text += f" `{self.rng.choice(PROJECTS)}.yaml`"
        if self.rng.random() < 0.2:
            text = text.replace(words[0], f"*{words[0]}*", 1)
        if self.rng.random() < 0.2:
            text += f" (@{self.rng.choice(PEOPLE).lower()})"
        return text[0].upper() + text[1:]

    def link(self, kind: str) -> str:
        self.issue += self.rng.randint(1, 9)
        project = self.rng.choice(PROJECTS)
        title = self.sentence(3, 8)
        return f"[{title}](https://example.org/{self.slug}/{project}/{kind}/{self.issue})"

    def bullets(self, count: int, kind: str | None = None, nested: float = 0.3) -> list[str]:
        out: list[str] = []
        for _ in range(count):
            out.append("- " + (self.link(kind) if kind else self.sentence()))
            while self.rng.random() < nested:
                out.append("    - " + self.sentence(4, 10))
                if self.rng.random() < 0.15:
                    out.append("        - " + self.sentence(3, 8))
        return out

    def next_actions(self, month: int) -> list[str]:
        kept: list[Action] = []
        lines: list[str] = []
        for action in self.actions:
            if action.completed_in is not None:
                # Completed last month: normally gone now, sometimes still listed (CL303).
                if self.rng.random() < 0.08:
                    lines.append(f"- {action.text} **COMPLETED**")
                continue
            roll = self.rng.random()
            if roll < 0.3:
                action.completed_in = month
                lines.append(f"- {action.text} **COMPLETED**")
                kept.append(action)
            elif roll < 0.38:
                continue  # dropped without a word
            else:
                lines.append(f"- {action.text}")
                kept.append(action)
                if self.rng.random() < 0.25:
                    lines.append("    - " + self.sentence(4, 10))
        for _ in range(self.rng.randint(1, 4)):
            owner = self.rng.choice(PEOPLE)
            text = f"{self.rng.choice(VERBS)} {self.rng.choice(OBJECTS)} for {self.rng.choice(PROJECTS)} ({owner})"
            if any(a.text == text for a in kept):
                continue
            action = Action(text)
            kept.append(action)
            lines.append(f"- {text}")
        self.actions = kept
        return lines

    def report(self, month: int, opening: dt.date, closing: dt.date, target: int) -> str:
        rng = self.rng
        mistake = rng.choice(["missing-4", "renumbered", "bold-2", "no-link"]) if rng.random() < 0.1 else None
        nxt = closing + dt.timedelta(days=rng.randint(5, 9))
        next_text = f"{nxt:%B} {nxt.day}, {nxt.year} 4pm UTC"
        self.issue += rng.randint(1, 5)
        next_line = (
            next_text
            if mistake == "no-link"
            else f"[{next_text}](https://example.org/{self.slug}/team/issues/{self.issue})"
        )
        sec1 = self.bullets(rng.randint(2, 4), nested=0.4)
        prs = self.bullets(rng.randint(3, 6), "pull", nested=0.2)
        issues = self.bullets(rng.randint(3, 6), "issues", nested=0.45)
        decisions = self.bullets(rng.randint(1, 3))
        actions = self.next_actions(month)
        news = [self.bullets(rng.randint(1, 3)) for _ in range(5)]
        thanks = self.bullets(rng.randint(1, 3), nested=0.1)

        def render() -> str:
            issues_heading = "### 3.2 Open issues" if mistake == "renumbered" else "### 1.2 Open issues"
            decisions_heading = "**2. Decisions needed**" if mistake == "bold-2" else "## 2. Decisions needed"
            metrics = (
                []
                if mistake == "missing-4"
                else [
                    "## 4. Team Metrics",
                    "",
                    f"[Link to the PR metrics](https://example.org/{self.slug}/metrics/{closing:%Y-%m}.md)",
                    "",
                ]
            )
            parts = [
                f"# {self.team} Project Team Meeting",
                "",
                "**Goal: Keep the team pointed the same way.**",
                "",
                f"#### Opening Date: {opening:%d %b %Y}",
                "",
                f"#### Closing Date: {closing:%d %b %Y}",
                "",
                f"#### Next monthly meeting: {next_line}",
                "",
                "---",
                "## Actions",
                "",
                f"## {SECTION_1}",
                "",
                "*Items that you wish to raise for team input. Include Project Name.*",
                "",
                *sec1,
                "",
                "### 1.1 Open PRs",
                "",
                *prs,
                "",
                issues_heading,
                "",
                *issues,
                "",
                decisions_heading,
                "",
                *decisions,
                "",
                "## 3. Next actions (team)",
                "",
                *actions,
                "",
                "---",
                "",
                "# News, Information, and Thanks",
                "",
                *metrics,
                "## 5. Team News and Informational items",
                "",
                *news[0],
                "",
                "### 5.1 Organization highlights",
                "",
                *news[1],
                "",
                "### 5.2 BinderHub projects",
                "",
                *news[2],
                "",
                "### 5.3 JupyterHub projects",
                "",
                *news[3],
                "",
                "### 5.4 Related projects",
                "",
                *news[4],
                "",
                "## 6. Thanks, Things to Celebrate, and anything else",
                "",
                *thanks,
                "",
                "---",
                "",
                "# Notes about this document",
                "",
                "- Monthly team meeting agenda items should be placed in section 1.",
                "",
            ]
            return "\n".join(parts) + TEMPLATE

        # Grow the busy sections (PRs, issues, news) until the report reaches its size.
        size = len(render().encode())
        pools = [prs, issues, news[0], news[1], sec1]
        turn = 0
        while size < target:
            pool = pools[turn % len(pools)]
            kind = "pull" if pool is prs else "issues" if pool is issues else None
            added = self.bullets(1, kind, nested=0.3)
            pool.extend(added)
            size += sum(len(line.encode()) + 1 for line in added)
            turn += 1
        return render()


class _DenseWriter(_Writer):
    """A series whose actions section is long: 10-30 items with sub-bullets, a table and code."""

    def next_actions(self, month: int) -> list[str]:
        rng = self.rng
        kept: list[Action] = []
        items: list[list[str]] = []
        for action in self.actions:
            if action.completed_in is not None:
                if rng.random() < 0.08:
                    items.append([f"- {action.text} **COMPLETED**"])
                continue
            roll = rng.random()
            if roll < 0.3:
                action.completed_in = month
                items.append([f"- {action.text} **COMPLETED**"])
            elif roll < 0.38:
                continue
            else:
                items.append([f"- {action.text}"])
            kept.append(action)
        target = rng.randint(10, 30)
        while len(items) < target:
            self.issue += 1
            text = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} for {rng.choice(PROJECTS)} ({rng.choice(PEOPLE)})"
            text += f" [#{self.issue}](https://example.org/{self.slug}/team/issues/{self.issue})"
            if any(a.text == text for a in kept):
                continue
            kept.append(Action(text))
            items.append([f"- {text}"])
        self.actions = kept
        for item in items:
            for _ in range(rng.randint(1, 3)):
                item.append("    - " + self.sentence(4, 10))
                if rng.random() < 0.2:
                    item.append("        - " + self.sentence(3, 8))
        table, code = rng.sample(range(len(items)), 2)
        items[table] += ["", "    | step | owner | state |", "    |---|---|---|"]
        for _ in range(rng.randint(2, 5)):
            state = rng.choice(["open", "done"])
            items[table].append(f"    | {self.sentence(2, 4)} | {rng.choice(PEOPLE)} | {state} |")
        items[table].append("")
        items[code] += ["", "    ```yaml", f"    {rng.choice(PROJECTS)}:", f"      version: {month}.0", "    ```", ""]
        return [line for item in items for line in item]


def generate_action_dense(root: Path, count: int, seed: int = 8) -> list[Path]:
    """Write ``count`` monthly reports of one series under ``root`` (one folder); return their paths."""
    rng = random.Random(f"compass-lint-bench-dense:{seed}:{count}")
    folder = root / "dense-meetings"
    folder.mkdir(parents=True, exist_ok=True)
    writer = _DenseWriter(random.Random(rng.getrandbits(64)), "Dense", "dense")
    # Early enough that ``count`` months end before today (1,000 months: 83 years).
    year, month = 1940, 1
    opening = dt.date(year, month, 1)
    written: list[Path] = []
    for index in range(count):
        closing = _last_friday(year, month)
        path = folder / f"{closing:%Y-%m-%d}.md"
        path.write_text(writer.report(index, opening, closing, writer.rng.randint(9_000, 11_000)), encoding="utf-8")
        written.append(path)
        opening = closing + dt.timedelta(days=1)
        year, month = _add_month(year, month)
    return written


def generate(root: Path, count: int, seed: int = 8) -> list[Path]:
    """Write ``count`` reports under ``root`` (series folders of 12); return their paths."""
    rng = random.Random(f"compass-lint-bench:{seed}:{count}")
    written: list[Path] = []
    series = 0
    while len(written) < count:
        team = TEAMS[series % len(TEAMS)]
        slug = f"{team.lower()}-{series:04d}"
        folder = root / f"{slug}-meetings"
        folder.mkdir(parents=True, exist_ok=True)
        writer = _Writer(random.Random(rng.getrandbits(64)), team, slug)
        year, month = 2024 + series % 3, 1 + series % 12
        opening = dt.date(year, month, 1)
        for index in range(min(REPORTS_PER_SERIES, count - len(written))):
            closing = _last_friday(year, month)
            target = writer.rng.randint(9_000, 11_000)
            path = folder / f"{closing:%Y-%m-%d}.md"
            path.write_text(writer.report(index, opening, closing, target), encoding="utf-8")
            written.append(path)
            opening = closing + dt.timedelta(days=1)
            year, month = _add_month(year, month)
        series += 1
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the reports under")
    parser.add_argument("count", type=int, nargs="?", default=24, help="number of reports (default 24)")
    parser.add_argument("--seed", type=int, default=8, help="the same count and seed give the same files")
    parser.add_argument(
        "--action-dense", action="store_true", help="one folder of monthly reports with 10-30 rich action items each"
    )
    args = parser.parse_args(argv)
    write = generate_action_dense if args.action_dense else generate
    files = write(args.out, args.count, args.seed)
    sizes = sorted(p.stat().st_size for p in files)
    print(f"{len(files)} reports under {args.out}; size median {sizes[len(sizes) // 2]:,} B, total {sum(sizes):,} B")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
