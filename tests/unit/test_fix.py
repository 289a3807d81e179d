"""``compass-lint fix`` and ``check --fix``: what each fix does, byte preservation, safety, exit codes, idempotency.

Every test works on copies in a throwaway git repository under ``tmp_path`` (the fixer refuses to write
outside the git work tree around the current folder), and runs the real command line in-process. Findings
before and after a fix are compared through ``check --format json``. The fixtures under ``fixtures/`` and
the real reports in ``../shared/corpus/`` are only ever read.

Tests marked ``xfail(strict=True, reason="BUG: ...")`` pin down bugs found while writing these tests: they
pass (and so fail the run, being strict) once the bug is fixed, and should then lose their mark.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from builders import CliResult, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from compass_lint.core.finding import Finding, Severity
from compass_lint.edit.fixes import verified
from compass_lint.markdown.textedit import Edit, Fix
from compass_lint.model.report import Report

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
DEMO = FIXTURES / "demo"
JANUARY = DEMO / "2026-01-30.md"
FEBRUARY = DEMO / "2026-02-27.md"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
BOM = b"\xef\xbb\xbf"
OLD = 1_000_000_000  # an mtime (2001) that no write made now can have


# --- Helpers ----------------------------------------------------------------------------------


def fixed_files(done: CliResult) -> list[str]:
    """The ``PATH: fixed N findings`` lines of a run: one per file written."""
    return re.findall(r"^(.+): fixed \d+ findings?$", done.out, re.M)


def git_repo(path: Path) -> Path:
    """A fresh git repository (the fixer's working tree) at ``path``."""
    path.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    subprocess.run(["git", "init", "-q", str(path)], check=True, env=env, capture_output=True)
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return git_repo(tmp_path / "repo")


def put(repo: Path, name: str, data: bytes | str) -> Path:
    """Write a file into the repository (text is written as UTF-8, newlines untranslated)."""
    target = repo / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return target


def copy_fixture(relative: str, repo: Path, name: str | None = None) -> Path:
    """Copy ``fixtures/RELATIVE`` into the repository root (as ``name``)."""
    return put(repo, name or Path(relative).name, (FIXTURES / relative).read_bytes())


def copy_demo(repo: Path, folder: str = "meetings") -> Path:
    """Both demo reports in ``repo/folder``; returns the February one (the broken one)."""
    for source in (JANUARY, FEBRUARY):
        put(repo, f"{folder}/{source.name}", source.read_bytes())
    return repo / folder / FEBRUARY.name


def lines(text: str) -> list[str]:
    """Lines split on LF only, without a last empty string for a final newline."""
    parts = text.split("\n")
    return parts[:-1] if parts[-1] == "" else parts


def findings(repo: Path, *paths: str, history: bool = True) -> Counter[tuple[str, str]]:
    """(code, message) of every finding ``check --format json`` reports (line numbers move when fixing)."""
    done = run_cli("check", "--no-cache", "--format", "json", *([] if history else ["--no-history"]), *paths, cwd=repo)
    assert done.code in (0, 1), done.err
    return Counter((f["code"], f["message"]) for f in json.loads(done.out))


def byte_lines(data: bytes) -> list[bytes]:
    """Lines with their own ending (CRLF, CR or LF); the last one may have none."""
    found: list[bytes] = []
    start = index = 0
    while index < len(data):
        if data[index : index + 2] == b"\r\n":
            index += 2
        elif data[index : index + 1] in (b"\r", b"\n"):
            index += 1
        else:
            index += 1
            continue
        found.append(data[start:index])
        start = index
    if start < len(data):
        found.append(data[start:])
    return found


def ending(line: bytes) -> bytes:
    return line[len(line.rstrip(b"\r\n")) :]


def stamp(path: Path) -> tuple[bytes, int, int]:
    """Bytes, mtime and inode: a rewrite (even of the same bytes) changes the last two."""
    info = path.stat()
    return path.read_bytes(), info.st_mtime_ns, info.st_ino


def age(path: Path) -> Path:
    """Give the file an old mtime, so that any write shows."""
    os.utime(path, (OLD, OLD))
    return path


def january_with(old: str, new: str) -> str:
    """The clean January demo report with one replacement (which must apply exactly once)."""
    text = JANUARY.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"the demo report changed: {old!r} is not there exactly once"
    return text.replace(old, new)


# --- CL101: insert the missing section -------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "message", "heading", "before"),
    [
        (
            "missing-metrics",
            "missing section 4 'Team Metrics'",
            "## 4. Team Metrics",
            "## 5. Team News and Informational items",
        ),
        (
            "missing-open-issues",
            "missing section 1.2 'Open issues'",
            "### 1.2 Open issues",
            "## 2. Decisions needed",
        ),
        (
            "missing-last-subsection",
            "missing section 5.4 'Related projects'",
            "### 5.4 Related projects",
            "## 6. Thanks, Things to Celebrate,",
        ),
        (
            "missing-actions-group",
            "missing section 'Actions'",
            "## Actions",
            "## 1. Help or discussion needed; Agenda Items for Monthly Meeting",
        ),
    ],
    ids=["missing-metrics", "missing-open-issues", "missing-last-subsection", "missing-actions-group"],
)
def test_cl101_inserts_heading_and_placeholder_before_the_next_section(
    repo: Path, fixture: str, message: str, heading: str, before: str
) -> None:
    target = copy_fixture(f"CL101/fail/{fixture}.md", repo)
    original = lines(target.read_text(encoding="utf-8"))
    assert findings(repo, target.name) == Counter({("CL101", message): 1})
    done = run_cli("fix", target.name, cwd=repo)
    assert done.code == 0, done.out + done.err
    assert fixed_files(done) == [target.name]
    fixed = lines(target.read_text(encoding="utf-8"))
    at = fixed.index(heading)
    # The heading, a blank line, the empty placeholder and a blank line, right before the next section.
    assert fixed[at : at + 4] == [heading, "", "-", ""]
    assert fixed[at + 4].startswith(before)
    assert fixed[at - 1] == ""
    assert fixed[:at] + fixed[at + 4 :] == original, "only the four new lines differ"
    assert findings(repo, target.name) == Counter()


def test_cl101_inserts_several_missing_sections_in_outline_order(repo: Path) -> None:
    metrics = "## 4. Team Metrics\n\n[Link to the PR metrics](https://example.org/lighthouse/metrics/2026-01.md)\n\n"
    text = january_with("## 2. Decisions needed\n\n- Pick a date for the spring release\n\n", "")
    assert text.count(metrics) == 1
    text = text.replace(metrics, "")
    target = put(repo, "2026-01-30.md", text)
    assert findings(repo, target.name) == Counter(
        {("CL101", "missing section 2 'Decisions needed'"): 1, ("CL101", "missing section 4 'Team Metrics'"): 1}
    )
    done = run_cli("fix", target.name, cwd=repo)
    assert done.code == 0, done.out + done.err
    fixed = lines(target.read_text(encoding="utf-8"))
    decisions, metrics_at = fixed.index("## 2. Decisions needed"), fixed.index("## 4. Team Metrics")
    assert fixed[decisions : decisions + 5] == ["## 2. Decisions needed", "", "-", "", "## 3. Next actions (team)"]
    assert fixed[metrics_at : metrics_at + 5] == [
        "## 4. Team Metrics",
        "",
        "-",
        "",
        "## 5. Team News and Informational items",
    ]
    assert findings(repo, target.name) == Counter()


# --- CL106: bold line, list item or wrong level -> heading ---------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "old", "new"),
    [
        ("CL106/fail/bold-line.md", "**2. Decisions needed**", "## 2. Decisions needed"),
        ("CL106/fail/wrong-heading-level.md", "### 4. Team Metrics", "## 4. Team Metrics"),
    ],
    ids=["bold-line", "wrong-heading-level"],
)
def test_cl106_rewrites_exactly_the_section_line(repo: Path, fixture: str, old: str, new: str) -> None:
    target = copy_fixture(fixture, repo)
    original = lines(target.read_text(encoding="utf-8"))
    done = run_cli("fix", target.name, cwd=repo)
    assert done.code == 0, done.out + done.err
    assert lines(target.read_text(encoding="utf-8")) == [new if line == old else line for line in original]
    assert original.count(old) == 1
    assert findings(repo, target.name) == Counter()


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("**2. Decisions needed (urgent)**", "## 2. Decisions needed (urgent)"),
        ("**2. Decisions [needed](https://example.org/d)**", "## 2. Decisions [needed](https://example.org/d)"),
        ("**2. _Decisions_ needed**", "## 2. _Decisions_ needed"),
        ("__2. Decisions needed__", "## 2. Decisions needed"),
        ("**Decisions needed**", "## 2. Decisions needed"),
        ("**3. Decisions needed**", "## 2. Decisions needed"),
        ("- Decisions needed", "## 2. Decisions needed"),
        ("#### 2. Decisions needed", "## 2. Decisions needed"),
    ],
)
def test_cl106_keeps_the_words_and_markup_of_the_line(repo: Path, written: str, expected: str) -> None:
    target = put(repo, "2026-01-30.md", january_with("## 2. Decisions needed\n", written + "\n"))
    assert {code for code, _ in findings(repo, target.name)} == {"CL106"}
    done = run_cli("fix", target.name, cwd=repo)
    assert done.code == 0, done.out + done.err
    assert target.read_text(encoding="utf-8") == JANUARY.read_text(encoding="utf-8").replace(
        "## 2. Decisions needed\n", expected + "\n"
    )


def test_cl106_list_items_without_nested_content_are_safe_fixes(repo: Path) -> None:
    target = copy_fixture("CL106/fail/sections-as-list-items.md", repo)
    original = lines(target.read_text(encoding="utf-8"))
    done = run_cli("fix", target.name, cwd=repo)
    assert done.code == 1, done.out + done.err  # items with nested lines are left for --unsafe-fixes
    assert "unsafe fix(es) not applied (use --unsafe-fixes)" in done.err
    fixed = lines(target.read_text(encoding="utf-8"))
    changed = {original[i]: fixed[i] for i in range(len(original)) if original[i] != fixed[i]}
    assert len(fixed) == len(original)
    assert changed == {
        "3. Next actions (team)": "## 3. Next actions (team)",
        "    - 5.4 Related projects (tools we depend on)": "### 5.4 Related projects (tools we depend on)",
    }
    # '5.2' has no nested lines either, but as a heading it would end the list holding 5.3: refused.
    assert re.search(
        r"^sections-as-list-items\.md:33: CL106 not fixed \([^)]*\): "
        r"the fix would leave or cause: CL101 missing section 5\.3 'JupyterHub projects'$",
        done.err,
        re.M,
    ), done.err


def test_cl106_list_item_with_nested_lines_is_unsafe_and_keeps_them(repo: Path) -> None:
    text = january_with(
        "## 2. Decisions needed\n\n- Pick a date for the spring release\n",
        "- Decisions needed\n    - Pick a date for the spring release\n    - Vote on the logo\n",
    )
    target = age(put(repo, "2026-01-30.md", text))
    done = run_cli("fix", target.name, cwd=repo)
    assert done.code == 1
    assert "1 unsafe fix(es) not applied (use --unsafe-fixes)" in done.err
    assert target.read_text(encoding="utf-8") == text
    assert target.stat().st_mtime_ns == OLD * 10**9

    done = run_cli("fix", "--unsafe-fixes", target.name, cwd=repo)
    assert done.code == 0, done.out + done.err
    fixed = lines(target.read_text(encoding="utf-8"))
    at = fixed.index("## 2. Decisions needed")
    assert fixed[at + 1] == ""
    assert [line.strip() for line in fixed[at + 2 : at + 4]] == [
        "- Pick a date for the spring release",
        "- Vote on the logo",
    ]
    assert findings(repo, target.name) == Counter()


# --- CL103: renumber ---------------------------------------------------------------------------


def test_cl103_renumbers_every_heading_and_keeps_titles(repo: Path) -> None:
    target = copy_fixture("CL103/fail/auto-renumbered.md", repo)
    original = lines(target.read_text(encoding="utf-8"))
    done = run_cli("fix", target.name, cwd=repo)
    assert done.code == 0, done.out + done.err
    assert fixed_files(done) == [target.name]
    fixed = lines(target.read_text(encoding="utf-8"))
    changed = [(a, b) for a, b in zip(original, fixed, strict=True) if a != b]
    assert changed == [
        ("## 1. Decisions needed", "## 2. Decisions needed"),
        ("## 1. Next actions (team)", "## 3. Next actions (team)"),
        ("## 1. Team Metrics", "## 4. Team Metrics"),
        ("## 1. Team News and Informational items", "## 5. Team News and Informational items"),
        (
            "## 1. Thanks, Things to Celebrate, and anything else",
            "## 6. Thanks, Things to Celebrate, and anything else",
        ),
    ]
    assert findings(repo, target.name) == Counter()


@pytest.mark.parametrize("written", ["## IV. Decisions needed", "## Decisions needed", "## 7 Decisions needed"])
def test_cl103_renumbers_roman_missing_and_wrong_numbers(repo: Path, written: str) -> None:
    target = put(repo, "2026-01-30.md", january_with("## 2. Decisions needed\n", written + "\n"))
    assert {code for code, _ in findings(repo, target.name)} == {"CL103"}
    assert run_cli("fix", target.name, cwd=repo).code == 0
    assert target.read_text(encoding="utf-8") == JANUARY.read_text(encoding="utf-8")


# --- CL401 and CL303: unsafe --------------------------------------------------------------------


@pytest.mark.parametrize("fixture", ["CL401/fail/entry-removed.md", "CL401/fail/entry-renumbered.md"])
def test_cl401_template_restored_only_with_unsafe_fixes(repo: Path, fixture: str) -> None:
    target = age(copy_fixture(fixture, repo))
    original = target.read_bytes()
    done = run_cli("fix", target.name, cwd=repo)
    assert done.code == 0, done.out + done.err  # CL401 is a warning
    assert "1 unsafe fix(es) not applied (use --unsafe-fixes)" in done.err
    assert stamp(target)[:2] == (original, OLD * 10**9)

    done = run_cli("fix", "--unsafe-fixes", target.name, cwd=repo)
    assert done.code == 0, done.out + done.err
    assert fixed_files(done) == [target.name]
    fixed = target.read_text(encoding="utf-8")
    head = original.decode("utf-8").split("**Do not edit below**")[0]
    assert fixed.startswith(head + "**Do not edit below**\n"), "the report body is not touched"
    block = fixed.split("**Do not edit below**")[1]
    for entry in (
        "- 1. Help or discussion needed; Agenda Items for Monthly Meeting",
        "        - 1.1 Open PRs",
        "- 2. Decisions needed",
        "- 3. Next actions (team)",
        "        - 5.4 Related projects",
        "- 6. Thanks, Things to Celebrate, and anything else",
    ):
        assert entry in lines(block), entry
    assert findings(repo, target.name) == Counter()


def test_cl303_completed_action_removed_only_with_unsafe_fixes(repo: Path) -> None:
    february = copy_demo(repo)
    completed = "- Rotate the signing keys before the release **COMPLETED**"
    run_cli("fix", "meetings", cwd=repo)
    after_safe = lines(february.read_text(encoding="utf-8"))
    assert completed in after_safe
    message = "action was already completed in 2026-01-30.md: 'Rotate the signing keys before the release COMPLETED'"
    assert findings(repo, "meetings")["CL303", message] == 1

    done = run_cli("fix", "--unsafe-fixes", "meetings", cwd=repo)
    assert fixed_files(done) == ["meetings/2026-02-27.md"]
    fixed = lines(february.read_text(encoding="utf-8"))
    assert fixed == [line for line in after_safe if line != completed]
    assert {code for code, _ in findings(repo, "meetings")} == {"CL204", "CL301"}


def test_cl303_removes_the_completed_action_with_its_nested_bullets(repo: Path) -> None:
    copy_demo(repo)
    february = repo / "meetings" / FEBRUARY.name
    text = february.read_text(encoding="utf-8").replace(
        "- Rotate the signing keys before the release **COMPLETED**\n",
        "- Rotate the signing keys before the release **COMPLETED**\n    - done on 2 Feb by Sam\n",
    )
    february.write_text(text, encoding="utf-8")
    run_cli("fix", "--unsafe-fixes", "meetings", cwd=repo)
    fixed = february.read_text(encoding="utf-8")
    assert "Rotate the signing keys" not in fixed
    assert "done on 2 Feb by Sam" not in fixed
    actions = fixed.split("## 3. Next actions (team)\n")[1].split("\n---")[0]
    assert lines(actions.strip("\n")) == [
        "- Write the contributor onboarding guide (Priya)",
        "- Set up the shared calendar for the release train [RM]",
        "- Draft the spring release announcement (Sam)",
    ]


# --- --diff --------------------------------------------------------------------------------------


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_diff_prints_the_fix_and_writes_nothing(tmp_path: Path, unsafe: bool) -> None:
    flags = ["--unsafe-fixes"] if unsafe else []
    previewed = copy_demo(git_repo(tmp_path / "preview"))
    applied = copy_demo(git_repo(tmp_path / "apply"))
    age(previewed)
    before = stamp(previewed)

    done = run_cli("fix", "--diff", *flags, "meetings/2026-02-27.md", cwd=tmp_path / "preview")
    assert done.code == 1, done.err  # like ruff: a diff means the file is not as it should be
    assert stamp(previewed) == before, "--diff must not write (bytes, mtime and inode unchanged)"
    assert not [p for p in previewed.parent.iterdir() if p.name.startswith(".")], "no temporary file left"

    run_cli("fix", *flags, "meetings/2026-02-27.md", cwd=tmp_path / "apply")
    expected = difflib.unified_diff(
        FEBRUARY.read_text(encoding="utf-8").splitlines(keepends=True),
        applied.read_text(encoding="utf-8").splitlines(keepends=True),
        "a/meetings/2026-02-27.md",
        "b/meetings/2026-02-27.md",
    )
    assert done.out == "".join(expected)
    assert "-**2. Decisions needed**\n+## 2. Decisions needed\n" in done.out
    assert "+## 4. Team Metrics\n" in done.out
    assert ("-- Rotate the signing keys before the release **COMPLETED**\n" in done.out) is unsafe


def test_diff_on_a_clean_file_prints_nothing_and_exits_0(repo: Path) -> None:
    target = age(copy_fixture("CL101/pass/complete.md", repo))
    before = stamp(target)
    done = run_cli("fix", "--diff", target.name, cwd=repo)
    assert (done.code, done.out) == (0, "")
    assert stamp(target) == before


# --- Bytes outside the edits --------------------------------------------------------------------

STYLES = {"lf": ["\n"], "crlf": ["\r\n"], "cr": ["\r"], "mixed": ["\r\n", "\n", "\r"]}


def convert(text: str, style: str, bom: bool, final_newline: bool) -> bytes:
    """An LF report rewritten with other line endings (``mixed`` cycles CRLF, LF, CR), a BOM, no final newline."""
    cycle = STYLES[style]
    body = lines(text)
    endings = [cycle[i % len(cycle)] for i in range(len(body))]
    if not final_newline:
        endings[-1] = ""
    return (BOM if bom else b"") + "".join(a + b for a, b in zip(body, endings, strict=True)).encode("utf-8")


# (fixture, --unsafe-fixes, the fix replaces a whole block: lines inside it may take other endings)
BYTE_CASES = [
    ("CL101/fail/missing-metrics.md", False, False),
    ("CL101/fail/missing-open-issues.md", False, False),
    ("CL101/fail/missing-nested-at-end-of-parent.md", False, False),
    ("CL106/fail/bold-line.md", False, False),
    ("CL106/fail/wrong-heading-level.md", False, False),
    ("CL106/fail/sections-as-list-items.md", True, False),
    ("CL103/fail/auto-renumbered.md", False, False),
    ("CL401/fail/entry-removed.md", True, True),
    ("demo/2026-02-27.md", True, False),
]


@pytest.mark.parametrize("final_newline", [True, False], ids=["final-newline", "no-final-newline"])
@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
@pytest.mark.parametrize("style", list(STYLES))
@pytest.mark.parametrize(
    ("fixture", "unsafe", "block"), BYTE_CASES, ids=[f"{c[0].split('/')[0]}-{Path(c[0]).stem}" for c in BYTE_CASES]
)
def test_bytes_outside_the_edits_are_kept(
    tmp_path: Path, fixture: str, unsafe: bool, block: bool, style: str, bom: bool, final_newline: bool
) -> None:
    source = FIXTURES / fixture
    flags = ["--unsafe-fixes"] if unsafe else []
    # The same fix on the LF original, for reference (the series' other reports come along for history).
    reference = git_repo(tmp_path / "reference")
    converted = git_repo(tmp_path / "converted")
    for sibling in source.parent.glob("*.md"):
        put(reference, sibling.name, sibling.read_bytes())
        if sibling != source:
            put(converted, sibling.name, sibling.read_bytes())
    assert fixed_files(run_cli("fix", *flags, source.name, cwd=reference)) == [source.name]
    expected = lines((reference / source.name).read_text(encoding="utf-8"))

    original = convert(source.read_text(encoding="utf-8"), style, bom, final_newline)
    target = put(converted, source.name, original)
    done = run_cli("fix", *flags, source.name, cwd=converted)
    assert fixed_files(done) == [source.name], done.err
    fixed = target.read_bytes()

    assert fixed.startswith(BOM) == bom
    assert fixed.endswith((b"\n", b"\r")) == final_newline
    before, after = byte_lines(original.removeprefix(BOM)), byte_lines(fixed.removeprefix(BOM))
    # The same edits as on the LF file...
    assert [line.rstrip(b"\r\n").decode("utf-8") for line in after] == expected
    # ...and every other line byte for byte, with its own ending.
    first = {"lf": b"\n", "crlf": b"\r\n", "cr": b"\r", "mixed": b"\r\n"}[style]
    reference_ops = difflib.SequenceMatcher(None, lines(source.read_text(encoding="utf-8")), expected, autojunk=False)
    byte_ops = difflib.SequenceMatcher(None, before, after, autojunk=False)
    if block:
        # A replaced block: what comes before its first changed line is identical.
        start = reference_ops.get_opcodes()[0][2] if reference_ops.get_opcodes()[0][0] == "equal" else 0
        assert after[:start] == before[:start]
        assert {ending(line) for line in after[start:-1]} <= {ending(line) for line in before}
    elif style == "mixed":
        kept = sum(match.size for match in byte_ops.get_matching_blocks())
        assert kept == sum(match.size for match in reference_ops.get_matching_blocks())
    else:
        assert byte_ops.get_opcodes() == reference_ops.get_opcodes()
    for tag, i1, i2, j1, j2 in byte_ops.get_opcodes():
        if tag == "insert" and not block:
            assert {ending(line) for line in after[j1:j2]} == {first}, "inserted lines take the file's first ending"
        if tag == "replace" and i2 - i1 == j2 - j1 and not block:
            assert [ending(line) for line in after[j1:j2]] == [ending(line) for line in before[i1:i2]]


# (0o444: a read-only file is refused since issue 20; tests/adversarial/test_fix_writes.py)
@pytest.mark.parametrize("mode", [0o640, 0o600, 0o755], ids=oct)
def test_file_mode_is_kept(repo: Path, mode: int) -> None:
    target = copy_fixture("CL106/fail/bold-line.md", repo)
    target.chmod(mode)
    try:
        done = run_cli("fix", target.name, cwd=repo)
        assert fixed_files(done) == [target.name], done.err
        assert (target.stat().st_mode & 0o7777) == mode
        assert "## 2. Decisions needed" in target.read_text(encoding="utf-8")
        assert sorted(p.name for p in repo.iterdir()) == [".git", target.name], "no temporary file left"
    finally:
        target.chmod(0o644)


# --- Safety: verification and refusals ------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "unsafe", "gone"),
    [
        ("CL101/fail/missing-metrics.md", False, {"CL101"}),
        ("CL101/fail/missing-nested-at-end-of-parent.md", False, {"CL101"}),
        ("CL106/fail/bold-line.md", False, {"CL106"}),
        ("CL106/fail/sections-as-list-items.md", True, {"CL106"}),
        ("CL106/fail/auto-renumbered-list-items.md", True, {"CL106"}),
        ("CL103/fail/auto-renumbered.md", False, {"CL103"}),
        ("CL103/fail/duplicate-number.md", False, {"CL103"}),
        ("CL103/fail/missing-number.md", False, {"CL103"}),
        ("CL401/fail/entry-renumbered.md", True, {"CL401"}),
        ("demo/2026-02-27.md", False, {"CL101", "CL103", "CL106"}),
        ("demo/2026-02-27.md", True, {"CL101", "CL103", "CL106", "CL303"}),
    ],
    ids=lambda value: Path(value).stem if isinstance(value, str) else None,
)
def test_fixed_findings_are_gone_and_nothing_new_appears(
    tmp_path: Path, fixture: str, unsafe: bool, gone: set[str]
) -> None:
    source = FIXTURES / fixture
    repo = git_repo(tmp_path / "repo")
    for sibling in source.parent.glob("*.md"):
        put(repo, sibling.name, sibling.read_bytes())
    before = findings(repo, source.name)
    assert gone <= {code for code, _ in before}
    done = run_cli("fix", *(["--unsafe-fixes"] if unsafe else []), source.name, cwd=repo)
    after = findings(repo, source.name)
    assert not {code for code, _ in after} & gone, after
    assert after - before == Counter(), "a fix caused a new finding"
    fixed = before - after
    assert f"{source.name}: fixed {fixed.total()} finding" in done.out
    assert all(code in gone for code, _ in fixed)


def _nested_news(missing: tuple[str, ...]) -> str:
    """January with the 5.x subsections written as items nested under a bullet, some of them missing."""
    items = {
        "5.1 Organization highlights": "Two talks accepted at the spring conference.",
        "5.2 BinderHub projects": "Nothing this month.",
        "5.3 JupyterHub projects": "The proxy rewrite reached feature parity.",
        "5.4 Related projects": "The packaging helper had its first release.",
    }
    nested = "".join(f"    - {title}\n        - {text}\n" for title, text in items.items() if title[:3] not in missing)
    text = JANUARY.read_text(encoding="utf-8")
    start, end = text.index("## 5. Team News"), text.index("## 6. Thanks")
    news = "## 5. Team News and Informational items\n\n- The lighthouse mailing list moved to the new host.\n"
    return text[:start] + news + nested + "\n" + text[end:]


def test_fix_that_would_cause_a_new_finding_is_refused_with_a_reason(repo: Path) -> None:
    # Inserting '### 5.2' before the nested item '5.3' would end the list that holds 5.3 and 5.4:
    # they would become 'missing' (CL101). Their own fixes are unsafe, so nothing is left to apply.
    target = age(put(repo, "2026-01-30.md", _nested_news(("5.2",))))
    before = stamp(target)
    assert findings(repo, target.name) == Counter(
        {
            ("CL101", "missing section 5.2 'BinderHub projects'"): 1,
            ("CL106", "section 5.1 'Organization highlights' is written as a list item, not as a level-3 heading"): 1,
            ("CL106", "section 5.3 'JupyterHub projects' is written as a list item, not as a level-3 heading"): 1,
            ("CL106", "section 5.4 'Related projects' is written as a list item, not as a level-3 heading"): 1,
        }
    )
    done = run_cli("fix", target.name, cwd=repo)
    assert done.code == 1
    assert stamp(target) == before, "a refused fix leaves the file untouched"
    assert fixed_files(done) == []
    assert re.search(
        r"^2026-01-30\.md:\d+: CL101 not fixed \([^)]*\): the fix would leave or cause: "
        r"CL101 missing section 5\.3 'JupyterHub projects'",
        done.err,
        re.M,
    ), done.err
    diff = run_cli("fix", "--diff", target.name, cwd=repo)
    assert diff.out == ""
    assert stamp(target) == before


def _finding(code: str, message: str, line: int = 1) -> Finding:
    return Finding("r.md", line, 1, code, "rule", Severity.ERROR, message)


def test_verified_accepts_only_when_fixed_findings_go_and_nothing_new_comes() -> None:
    missing = _finding("CL101", "missing section 4 'Team Metrics'", 44)
    bold = _finding("CL106", "section 2 'Decisions needed' is written as a bold line", 29)
    link = _finding("CL204", "Next monthly meeting has no link", 9)
    # Gone as planned; the untouched finding may stay, at another line.
    assert verified([missing, bold, link], [_finding("CL204", link.message, 13)], [missing, bold]) is None
    assert verified([missing], [], [missing]) is None
    # A fixed finding still there.
    reason = verified([missing, link], [missing, link], [missing])
    assert reason is not None
    assert "CL101 missing section 4 'Team Metrics'" in reason
    # A new finding.
    new = _finding("CL107", "section 4 'Team Metrics' appears again (first at line 41)")
    reason = verified([missing], [new], [missing])
    assert reason is not None
    assert new.message in reason
    # One more of a finding that was there before is new too.
    assert verified([link], [link, link], []) is not None
    # Fixing one of two identical findings must leave exactly one.
    assert verified([link, link], [link], [link]) is None
    assert verified([link, link], [link, link], [link]) is not None


def _harmful(report: Report, found: list[Finding]) -> list[Fix]:
    """A 'fix' for the CL106 finding that adds a heading the outline does not have (CL104) elsewhere."""
    return [Fix(f, (Edit(3, 2, ("## Random thoughts", "")),), True, "harmful") for f in found if f.code == "CL106"][:1]


def test_harmful_planned_fix_is_refused_and_the_file_untouched(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import compass_lint.edit.apply

    monkeypatch.setattr(compass_lint.edit.apply, "plan_fixes", _harmful)
    target = age(copy_fixture("CL106/fail/bold-line.md", repo))
    before = stamp(target)
    done = run_cli("fix", target.name, cwd=repo)
    assert done.code == 1
    assert stamp(target) == before
    assert fixed_files(done) == []
    assert re.search(r"^bold-line\.md:29: CL106 not fixed \(harmful\): the fix would leave or cause: ", done.err, re.M)
    assert "CL104 heading 'Random thoughts' is not part of the outline" in done.err


def test_harmful_fix_is_refused_and_the_good_ones_still_applied(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import compass_lint.edit.apply
    from compass_lint.edit.fixes import plan_fixes

    def planned(report: Report, found: list[Finding]) -> list[Fix]:
        return [*plan_fixes(report, found), *_harmful(report, found)]

    monkeypatch.setattr(compass_lint.edit.apply, "plan_fixes", planned)
    february = copy_demo(repo)
    done = run_cli("fix", "meetings/2026-02-27.md", cwd=repo)
    assert "CL106 not fixed (harmful)" in done.err
    fixed = february.read_text(encoding="utf-8")
    assert "Random thoughts" not in fixed
    assert "## 2. Decisions needed\n" in fixed
    assert "### 1.2 Open issues\n" in fixed
    assert "## 4. Team Metrics\n" in fixed


def test_symlink_is_refused(repo: Path, tmp_path: Path) -> None:
    real = age(copy_fixture("CL106/fail/bold-line.md", repo, "real.md"))
    outside = age(copy_fixture("CL106/fail/bold-line.md", tmp_path, "outside.md"))
    (repo / "link.md").symlink_to("real.md")
    (repo / "far.md").symlink_to(outside)
    before, before_outside = stamp(real), stamp(outside)
    done = run_cli("fix", "link.md", "far.md", cwd=repo)
    assert done.code == 1  # the files are still broken
    assert "link.md: not fixed: link.md: is a symbolic link; not writing through it" in done.err
    assert "far.md: not fixed: far.md: is a symbolic link; not writing through it" in done.err
    assert (stamp(real), stamp(outside)) == (before, before_outside)
    assert (repo / "link.md").is_symlink()
    assert (repo / "far.md").is_symlink()
    assert fixed_files(done) == []


def test_hard_linked_file_is_refused(repo: Path) -> None:
    first = age(copy_fixture("CL106/fail/bold-line.md", repo, "first.md"))
    os.link(first, repo / "second.md")
    before = stamp(first)
    done = run_cli("fix", "first.md", cwd=repo)
    assert done.code == 1
    assert "first.md: not fixed: first.md: has 2 hard links; replacing it would split them" in done.err
    assert stamp(first) == before
    assert stamp(repo / "second.md") == before
    assert first.stat().st_nlink == 2


def test_path_outside_the_working_tree_is_refused(tmp_path: Path) -> None:
    here = git_repo(tmp_path / "here")
    elsewhere = git_repo(tmp_path / "elsewhere")
    target = age(copy_fixture("CL106/fail/bold-line.md", elsewhere, "report.md"))
    (here / "linked").symlink_to(elsewhere, target_is_directory=True)
    before = stamp(target)
    for path in ("../elsewhere/report.md", str(target), "linked/report.md"):
        done = run_cli("fix", path, cwd=here)
        assert done.code == 1, path
        assert f"{path}: not fixed: {path}: is outside the working tree" in done.err, done.err
        assert stamp(target) == before, path


def test_working_tree_is_the_git_repository_not_the_current_folder(repo: Path) -> None:
    (repo / "docs").mkdir()
    target = copy_fixture("CL106/fail/bold-line.md", repo / "meetings", "report.md")
    done = run_cli("fix", "../meetings/report.md", cwd=repo / "docs")
    assert done.code == 0, done.err
    assert "## 2. Decisions needed" in target.read_text(encoding="utf-8")


# --- Exit codes ---------------------------------------------------------------------------------


def _february_with_link(repo: Path) -> Path:
    february = copy_demo(repo)
    text = february.read_text(encoding="utf-8").replace(
        "March 5, 2026 4pm UTC", "[March 5, 2026 4pm UTC](https://example.org/lighthouse/team/issues/42)"
    )
    february.write_text(text, encoding="utf-8")
    return february


def test_exit_0_when_only_warnings_are_left(repo: Path) -> None:
    _february_with_link(repo)
    done = run_cli("fix", "meetings", cwd=repo)
    assert done.code == 0, done.out
    assert fixed_files(done) == ["meetings/2026-02-27.md"]
    assert "Found 2 warnings, 1 info finding in 1 file (2 files checked)." in done.out


def test_exit_1_when_errors_are_left(repo: Path) -> None:
    copy_demo(repo)
    done = run_cli("fix", "meetings", cwd=repo)
    assert done.code == 1
    assert fixed_files(done) == ["meetings/2026-02-27.md"]
    assert "meetings/2026-02-27.md:9:6: CL204 Next monthly meeting has no link [error]" in done.out
    assert "Found 1 error, 2 warnings, 1 info finding in 1 file (2 files checked)." in done.out


def test_exit_0_when_everything_was_fixed(repo: Path) -> None:
    copy_fixture("CL106/fail/bold-line.md", repo)
    done = run_cli("fix", "bold-line.md", cwd=repo)
    assert (done.code, done.out) == (0, "bold-line.md: fixed 1 finding\nNo problems found (1 file checked).\n")


def test_exit_1_when_nothing_can_be_fixed_and_errors_remain(repo: Path) -> None:
    target = age(copy_fixture("CL204/fail/no-link.md", repo))
    before = stamp(target)
    for flags in ([], ["--exit-non-zero-on-fix"], ["--unsafe-fixes"]):
        done = run_cli("fix", *flags, target.name, cwd=repo)
        assert done.code == 1, flags
        assert fixed_files(done) == []
    assert stamp(target) == before


@pytest.mark.parametrize("broken", ["bold-line", "warnings-left"])
def test_exit_non_zero_on_fix_exits_1_when_a_file_changed(repo: Path, broken: str) -> None:
    if broken == "bold-line":
        copy_fixture("CL106/fail/bold-line.md", repo, "meetings/bold-line.md")
    else:
        _february_with_link(repo)
    assert run_cli("fix", "--exit-non-zero-on-fix", "meetings", cwd=repo).code == 1
    # Nothing left to change: exit 0 again (the remaining findings are not errors).
    done = run_cli("fix", "--exit-non-zero-on-fix", "meetings", cwd=repo)
    assert (done.code, fixed_files(done)) == (0, [])


def test_clean_file_is_not_rewritten(repo: Path) -> None:
    target = age(copy_fixture("CL101/pass/complete.md", repo))
    before = stamp(target)
    done = run_cli("fix", "--unsafe-fixes", "--exit-non-zero-on-fix", target.name, cwd=repo)
    assert (done.code, fixed_files(done), done.err) == (0, [], "")
    assert stamp(target) == before


# --- check --fix -------------------------------------------------------------------------------


def test_check_fix_applies_safe_fixes_then_reports(repo: Path) -> None:
    february = copy_demo(repo)
    done = run_cli("check", "--no-cache", "--fix", "meetings", cwd=repo)
    assert done.code == 1
    assert "meetings/2026-02-27.md: fixed 3 findings" in done.err
    assert "1 unsafe fix(es) not applied (use --unsafe-fixes)" in done.err
    assert re.findall(r" (CL\d+) ", done.out) == ["CL204", "CL301", "CL301", "CL303"]
    text = february.read_text(encoding="utf-8")
    assert "## 2. Decisions needed\n" in text
    assert "Rotate the signing keys" in text


def test_check_fix_unsafe_with_json_output(repo: Path) -> None:
    february = copy_demo(repo)
    done = run_cli("check", "--no-cache", "--fix", "--unsafe-fixes", "--format", "json", "meetings", cwd=repo)
    assert done.code == 1
    found = json.loads(done.out)  # the fix messages go to stderr, stdout stays JSON
    assert [f["code"] for f in found] == ["CL204", "CL301", "CL301"]
    assert "Rotate the signing keys" not in february.read_text(encoding="utf-8")


def test_check_fix_exit_0_when_fixed_clean_and_check_alone_never_writes(repo: Path) -> None:
    target = age(copy_fixture("CL106/fail/bold-line.md", repo))
    before = stamp(target)
    assert run_cli("check", "--no-cache", "--unsafe-fixes", target.name, cwd=repo).code == 1
    assert stamp(target) == before, "check without --fix does not write"
    done = run_cli("check", "--no-cache", "--fix", target.name, cwd=repo)
    assert done.code == 0
    assert done.out == "No problems found (1 file checked).\n"


# --- Idempotency --------------------------------------------------------------------------------

EVERY_FIXTURE = sorted(FIXTURES.rglob("*.md"))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.md"))}


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("fixture", EVERY_FIXTURE, ids=[p.relative_to(FIXTURES).as_posix() for p in EVERY_FIXTURE])
def test_second_fix_changes_nothing_on_every_fixture(repo: Path, fixture: Path, unsafe: bool) -> None:
    flags = ["--unsafe-fixes"] if unsafe else []
    folder = fixture.parent.relative_to(FIXTURES).as_posix()
    for sibling in fixture.parent.glob("*.md"):  # the folder is the report's series
        put(repo, f"{folder}/{sibling.name}", sibling.read_bytes())
    name = f"{folder}/{fixture.name}"
    first = run_cli("fix", *flags, name, cwd=repo)
    assert first.code in (0, 1), first.err
    after_first = _snapshot(repo)
    second = run_cli("fix", *flags, name, cwd=repo)
    assert fixed_files(second) == []
    assert _snapshot(repo) == after_first
    assert second.code == first.code


def test_fixture_list_covers_every_fixable_rule() -> None:
    folders = {p.relative_to(FIXTURES).parts[0] for p in EVERY_FIXTURE}
    assert {"CL101", "CL103", "CL106", "CL401", "demo"} <= folders
    assert len(EVERY_FIXTURE) >= 60


SECTIONS = [
    (None, "Actions", 2),
    ("1", "Help or discussion needed; Agenda Items for Monthly Meeting", 2),
    ("1.1", "Open PRs", 3),
    ("1.2", "Open issues", 3),
    ("2", "Decisions needed", 2),
    ("3", "Next actions (team)", 2),
    (None, "News, Information, and Thanks", 1),
    ("4", "Team Metrics", 2),
    ("5", "Team News and Informational items", 2),
    ("5.1", "Organization highlights", 3),
    ("5.2", "BinderHub projects", 3),
    ("5.3", "JupyterHub projects", 3),
    ("5.4", "Related projects", 3),
    ("6", "Thanks, Things to Celebrate, and anything else", 2),
]
BODY = [
    "- Ship the release (Ana)",
    "- [Fix the flaky test](https://example.org/x/issues/1)",
    "    - a nested note",
    "- Rotate the keys **COMPLETED**",
    "* a star bullet",
    "A plain paragraph with a\\*b* in it.",
    "1. an ordered item",
    "-",
    "**Bold but not a section**",
]
TEMPLATE = [
    "---",
    "**Do not edit below**",
    "",
    "## Actions",
    "",
    "- 1. Help or discussion needed; Agenda Items for Monthly Meeting",
    "        - 1.1 Open PRs",
    "        - 1.2 Open issues",
]


@st.composite
def section_line(draw: st.DrawFn, number: str | None, title: str, level: int) -> str:
    """A section in one of the forms real reports use, with a right, wrong or missing number."""
    written = draw(st.sampled_from([number, number, None, "7", "3.2", "IV"])) if number else None
    label = "" if written is None else (written if "." in written and written[-1] != "." else f"{written}.")
    words = f"{label} {title}".strip()
    form = draw(st.sampled_from(["heading", "heading", "bold", "item", "ordered", "nested"]))
    if form == "heading":
        return "#" * draw(st.sampled_from([level, level, 1, 2, 3, 4])) + " " + words
    if form == "bold":
        return f"**{words}**"
    if form == "item":
        return f"- {words}"
    if form == "ordered":
        return f"{written}. {title}" if written and "." not in written else f"1. {title}"
    return f"    - {words}"


@st.composite
def report_bytes(draw: st.DrawFn) -> bytes:
    """Report-like Markdown: the outline in random forms, bullets, blanks, line endings, BOM, final newline."""
    out = ["# Team Meeting", ""]
    if draw(st.booleans()):
        out += [
            "#### Opening Date: 01 Jan 2026",
            "",
            "#### Closing Date: 30 Jan 2026",
            "",
            "#### Next monthly meeting: [February 5, 2026](https://example.org/i/1)",
            "",
        ]
    for number, title, level in SECTIONS:
        if draw(st.integers(0, 7)) == 0:
            continue  # a missing section
        out.append(draw(section_line(number, title, level)))
        out += [""] * draw(st.integers(0, 1))
        out += draw(st.lists(st.sampled_from(BODY), max_size=3))
        out += [""] * draw(st.integers(0, 2))
    if draw(st.booleans()):
        out += TEMPLATE
    style = draw(st.sampled_from(list(STYLES)))
    cycle = STYLES[style]
    start = draw(st.integers(0, 2))
    text = "".join(line + cycle[(start + i) % len(cycle)] for i, line in enumerate(out))
    if not draw(st.booleans()):
        text = text.rstrip("\r\n")
    return (BOM if draw(st.booleans()) else b"") + text.encode("utf-8")


def _line_endings(data: bytes) -> set[bytes]:
    return {ending(line) for line in byte_lines(data)} - {b""}


@settings(max_examples=60, deadline=None)
@given(data=report_bytes())
def test_second_fix_changes_nothing_on_fuzzed_reports(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    repo = git_repo(tmp_path_factory.mktemp("fuzz"))
    target = put(repo, "report.md", data)
    before = findings(repo, "report.md")
    for flags in ([], ["--unsafe-fixes"]):
        target.write_bytes(data)
        first = run_cli("fix", *flags, "report.md", cwd=repo)
        assert first.code in (0, 1), first.err
        fixed = target.read_bytes()
        assert fixed_files(run_cli("fix", *flags, "report.md", cwd=repo)) == []
        assert target.read_bytes() == fixed, f"second fix{flags} changed the file"
        assert fixed.startswith(BOM) == data.startswith(BOM)
        assert _line_endings(fixed) <= (_line_endings(data) or {b"\n"}), "only the file's own line endings"
        assert findings(repo, "report.md") - before == Counter(), f"fix{flags} caused a new finding"


REVISION = re.compile(r"-rev\d+\.md$|-jupyterbook-main\.md$")


def _corpus_subset() -> list[Path]:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS} (it lives next to the repository, in ../shared/corpus)")
    team = CORPUS / "team-compass"
    weekly = sorted((team / "weekly-reports").glob("*.md"))
    # The current monthly reports (their earlier revisions, -revN, would double the run time).
    monthly = [
        p for p in sorted((team / "monthly-meeting").glob("*.md")) if not re.search(r"-rev\d|-jupyterbook", p.name)
    ]
    nodejs = sorted((CORPUS / "nodejs-TSC").glob("*.md"))[:30]
    assert weekly and monthly and len(nodejs) == 30
    return weekly + monthly + nodejs


def _digest(paths: list[Path]) -> dict[Path, str]:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_second_fix_changes_nothing_on_real_reports(tmp_path: Path, unsafe: bool) -> None:
    sources = _corpus_subset()
    originals = _digest(sources)
    repo = git_repo(tmp_path / "repo")
    for source in sources:
        target = repo / source.relative_to(CORPUS)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)  # not copy2: the originals are read-only
    folders = sorted({p.parent.relative_to(CORPUS).as_posix() for p in sources})
    flags = ["--unsafe-fixes"] if unsafe else []
    try:
        first = run_cli("fix", *flags, *folders, cwd=repo)
        assert first.code in (0, 1), first.err
        # Reports that follow another outline (CL108: nodejs, the later monthly ones) get no
        # section fixes; the weekly and early monthly reports do.
        assert len(fixed_files(first)) > len(sources) // 8, "the corpus has many fixable reports"
        after_first = _snapshot(repo)
        second = run_cli("fix", *flags, *folders, cwd=repo)
        assert fixed_files(second) == []
        changed = [name for name, data in _snapshot(repo).items() if after_first[name] != data]
        assert changed == []
    finally:
        assert _digest(sources) == originals, "the corpus was modified"


# --- Found by these tests (fixed in f554641; regression tests now) ------------------------------


def _without_template(text: str) -> str:
    return text.split("\n---\n**Do not edit below**")[0]


def test_missing_final_newline_kept_when_the_last_line_is_removed(repo: Path) -> None:
    copy_demo(repo)
    february = repo / "meetings" / FEBRUARY.name
    text = _without_template(february.read_text(encoding="utf-8"))
    actions = text.index("## 3. Next actions (team)")
    news = text.index("---\n\n# News")
    # The actions section moved to the end, its completed item last, no final newline.
    moved = text[:actions] + text[news:].rstrip("\n") + "\n\n" + text[actions:news].rstrip("\n")
    moved = moved.replace(
        "- Rotate the signing keys before the release **COMPLETED**\n- Draft the spring release announcement (Sam)",
        "- Draft the spring release announcement (Sam)\n- Rotate the signing keys before the release **COMPLETED**",
    )
    assert moved.endswith("**COMPLETED**")
    february.write_text(moved, encoding="utf-8")
    done = run_cli("fix", "--unsafe-fixes", "meetings/2026-02-27.md", cwd=repo)
    assert fixed_files(done) == ["meetings/2026-02-27.md"]
    assert february.read_bytes().endswith(b"\n- Draft the spring release announcement (Sam)")


def test_cl101_insertion_at_the_end_stays_before_the_template_separator(repo: Path) -> None:
    # Was: inserted after the '---' that opens the template block, the '-' placeholder glued to
    # '**Do not edit below**' (mistune then read that line as the placeholder's text).
    target = copy_fixture("CL101/fail/missing-nested-at-end-of-parent.md", repo)
    run_cli("fix", target.name, cwd=repo)
    fixed = lines(target.read_text(encoding="utf-8"))
    marker = fixed.index("**Do not edit below**")
    assert fixed[marker - 1] == "---", "the separator stays right before the template block"
    assert fixed.index("### 5.4 Related projects") < marker - 1
    assert fixed.index("## 6. Thanks, Things to Celebrate, and anything else") < marker - 1
    assert fixed[marker - 2] == ""
    placeholder = fixed.index("## 6. Thanks, Things to Celebrate, and anything else") + 2
    assert fixed[placeholder : placeholder + 2] == ["-", ""]


def test_every_refused_finding_gets_the_real_reason(repo: Path) -> None:
    # Was: the second finding sharing the refused insertion got 'the fix changes nothing'.
    target = put(repo, "2026-01-30.md", _nested_news(("5.2", "5.3")))
    done = run_cli("fix", target.name, cwd=repo)
    refusals = [line for line in done.err.splitlines() if " CL101 not fixed " in line]
    assert len(refusals) == 2, done.err
    assert not [line for line in refusals if "the fix changes nothing" in line], refusals
    assert all("the fix would leave or cause: CL101 missing section 5.4 'Related projects'" in r for r in refusals)


# --- Bugs ----------------------------------------------------------------------------------------


def test_missing_final_newline_kept_when_a_section_is_appended_at_the_end(repo: Path) -> None:
    text = _without_template(JANUARY.read_text(encoding="utf-8"))
    cut = text.index("## 6. Thanks")
    target = put(repo, "2026-01-30.md", text[:cut].rstrip("\n"))
    done = run_cli("fix", target.name, cwd=repo)
    assert fixed_files(done) == [target.name]
    fixed = target.read_text(encoding="utf-8")
    assert "\n## 6. Thanks, Things to Celebrate, and anything else\n\n-" in fixed
    assert not fixed.endswith("\n"), "the file had no final newline and must still have none"


@pytest.mark.parametrize("case", ["end-of-parent", "end-of-body"])
def test_inserted_sections_add_no_double_blank_lines(repo: Path, case: str) -> None:
    if case == "end-of-parent":
        target = copy_fixture("CL101/fail/missing-nested-at-end-of-parent.md", repo)
    else:
        text = _without_template(JANUARY.read_text(encoding="utf-8"))
        target = put(repo, "2026-01-30.md", text[: text.index("## 6. Thanks")])
    original = target.read_text(encoding="utf-8")
    assert fixed_files(run_cli("fix", target.name, cwd=repo)) == [target.name]
    fixed = target.read_text(encoding="utf-8")
    assert fixed.count("\n\n\n") == original.count("\n\n\n"), fixed
