"""Structural autofix: text edits for outline findings, verified before writing.

Fixes (safe unless noted):

* CL101 missing section: insert the heading at the right place and level,
  with an empty ``-`` placeholder;
* CL106 section written as a bold line, a childless list item or a wrong
  heading level: turn it into a heading, text kept (a list item with nested
  content is unsafe: its nested lines are dedented);
* CL103 wrong number: renumber the heading;
* CL401 damaged template block: restore it from the schema (unsafe: the
  block's text is replaced);
* CL303 completed action still listed: remove it (unsafe).

Each round applies the fixes, re-parses and re-lints the result in memory,
and keeps it only if the fixed findings are gone and no new finding appeared;
otherwise fixes are tried one at a time and those that fail are left, with a
reason. Rounds repeat until nothing changes, so a second ``fix`` is a no-op.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from compass_lint.core.finding import Finding
from compass_lint.markdown.syntax import ATX_PREFIX, BOLD_ONLY_LINE, LIST_MARKER
from compass_lint.markdown.textedit import Edit
from compass_lint.model.matching import BOLD_LINE, HEADING, LIST_ITEM
from compass_lint.model.report import Report
from compass_lint.outline.spec import Outline, OutlineSection

_SECTION_ID = re.compile(r"^\$\.sections\['(?P<id>.+)'\]$")
_NUMBER = re.compile(r"^(?:(?:\d{1,3}\.)*\d{1,3}\.?|[IVXLC]{1,6}\.)(?=\s)")
# Any indentation: an outline section written as a nested list item is rewritten too.
_LIST_ITEM_PREFIX = re.compile(rf"^(?P<indent>[ \t]*)(?:{LIST_MARKER})(?P<space>[ \t]+|$)")
MAX_ROUNDS = 4

Linter = Callable[[str], list[Finding]]


@dataclass(frozen=True)
class Fix:
    """Edits that fix one finding (and ``also`` others the same edits fix)."""

    finding: Finding
    edits: tuple[Edit, ...]
    safe: bool
    description: str
    also: tuple[Finding, ...] = ()

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding these edits fix."""
        return (self.finding, *self.also)


@dataclass
class FixOutcome:
    """What fixing one file did."""

    text: str
    applied: list[Fix] = field(default_factory=list)
    refused: list[tuple[Fix, str]] = field(default_factory=list)
    unsafe_skipped: int = 0


def number_label(section: OutlineSection) -> str:
    """``4.`` for a top-level number, ``1.1`` for a nested one, as the reference report writes them."""
    if not section.number:
        return ""
    return section.number if "." in section.number else f"{section.number}."


def heading_text(section: OutlineSection, title: str | None = None) -> str:
    """The heading line for an outline section."""
    level = section.levels[0] if section.levels else 2
    label = number_label(section)
    words = title if title is not None else section.title
    return "#" * level + " " + (f"{label} {words}" if label else words)


def _section_of(finding: Finding, outline: Outline) -> OutlineSection | None:
    match = _SECTION_ID.match(finding.json_path or "")
    if not match:
        return None
    try:
        return outline.by_id(match.group("id"))
    except KeyError:
        return None


def _insert_missing(report: Report, sections: list[OutlineSection]) -> list[Edit]:
    """One insertion per place, the missing sections in outline order.

    Before a present section: ``heading, "", "-", ""``. After the last content
    of a parent: a blank line first, blank lines between sections, and one
    after only if the next line is not already blank (no doubled blank lines;
    at the very end of the file, nothing after, so a missing final newline
    stays missing).
    """
    order = [s.id for s in report.outline.sections]
    before_places: dict[int, list[str]] = {}
    after_places: dict[int, list[list[str]]] = {}
    for section in sorted(sections, key=lambda s: order.index(s.id)):
        before = next(
            (report.section(later) for later in order[order.index(section.id) + 1 :] if report.section(later)),
            None,
        )
        if before is not None:
            before_places.setdefault(before.line, []).extend([heading_text(section), "", "-", ""])
        else:
            after_places.setdefault(_end_of_parent(report, section) + 1, []).append([heading_text(section), "", "-"])
    edits = [Edit(at, at - 1, tuple(lines)) for at, lines in before_places.items()]
    for at, blocks in after_places.items():
        lines = [""]
        for index, block in enumerate(blocks):
            lines += ([""] if index else []) + block
        following = report.lines[at - 1] if at - 1 < len(report.lines) else None
        at_end = following is None or (following == "" and at == len(report.lines))
        if not at_end and following is not None and following.strip():
            lines.append("")
        edits.append(Edit(at, at - 1, tuple(lines)))
    return edits


def _end_of_parent(report: Report, section: OutlineSection) -> int:
    from compass_lint.rules.sections import missing_section_line

    return missing_section_line(report, report.outline, section.id)


def _heading_fix(report: Report, finding: Finding, section: OutlineSection) -> Fix | None:
    present = report.section(section.id)
    if present is None:
        return None
    candidate = present.candidate
    line = report.lines[candidate.line - 1]
    if candidate.form == BOLD_LINE:
        bold = BOLD_ONLY_LINE.match(line)
        title = _NUMBER.sub("", bold.group("inner")).strip() if bold else candidate.title
        return Fix(
            finding,
            (Edit(candidate.line, candidate.line, (heading_text(section, title),)),),
            True,
            "bold line to heading",
        )
    if candidate.form == HEADING:
        prefix = ATX_PREFIX.match(line)
        if prefix is None:
            return None
        level = section.levels[0] if section.levels else 2
        fixed = prefix.group("indent") + "#" * level + (prefix.group("space") or " ") + line[prefix.end() :]
        return Fix(finding, (Edit(candidate.line, candidate.line, (fixed,)),), True, "heading level")
    if candidate.form == LIST_ITEM:
        return _list_item_fix(report, finding, section)
    return None


def _list_item_fix(report: Report, finding: Finding, section: OutlineSection) -> Fix | None:
    present = report.section(section.id)
    assert present is not None
    node = present.candidate.node
    line = report.lines[node.line - 1]
    marker = _LIST_ITEM_PREFIX.match(line)
    if marker is None or node.column - 1 != len(marker.group("indent")):
        # Nested on the same line as another item (``- 1. …``): too tangled to rewrite.
        return None
    title = _NUMBER.sub("", line[marker.end() :]).strip()
    heading = heading_text(section, title)
    width = marker.end()
    nested = node.children[1:] if node.text else list(node.children)
    if not nested:
        return Fix(finding, (Edit(node.line, node.line, (heading,)),), True, "list item to heading")
    body = report.lines[node.line : node.end_line]
    dedented = tuple(text[width:] if text[:width].strip() == "" else text.lstrip() for text in body)
    return Fix(
        finding,
        (Edit(node.line, node.end_line, (heading, "", *dedented)),),
        False,
        "list item to heading, nested lines dedented",
    )


def _number_fix(report: Report, finding: Finding, section: OutlineSection) -> Fix | None:
    present = report.section(section.id)
    if present is None or present.candidate.form != HEADING or not section.number:
        return None
    line = report.lines[present.line - 1]
    prefix = ATX_PREFIX.match(line)
    if prefix is None:
        return None
    rest = _NUMBER.sub("", line[prefix.end() :], count=1).lstrip()
    fixed = line[: prefix.end()] + f"{number_label(section)} {rest}"
    return Fix(finding, (Edit(present.line, present.line, (fixed,)),), True, "renumber heading")


def template_lines(outline: Outline) -> list[str]:
    """The "Do not edit below" outline copy, in the reference report's shape."""
    lines: list[str] = ["", "*Outline template for meetings*", ""]
    depth: dict[str, int] = {}
    for section in outline.sections:
        if not section.required or not section.in_template:
            continue
        parent_depth = depth.get(section.parent or "", -1)
        if not section.number:
            depth[section.id] = -1
            lines += ["", f"## {section.title}", ""]
            continue
        depth[section.id] = parent_depth + 1
        indent = "        " * max(depth[section.id], 0)
        lines.append(f"{indent}- {number_label(section)} {section.title}")
    return lines


def _template_fix(report: Report, finding: Finding) -> Fix | None:
    if report.template is None:
        return None
    start = report.template.line
    end = len(report.lines) - (1 if report.lines and report.lines[-1] == "" else 0)
    return Fix(
        finding,
        (Edit(start + 1, end, tuple(template_lines(report.outline))),),
        False,
        "restore template block",
    )


def _completed_kept_fix(report: Report, finding: Finding) -> Fix | None:
    for item in report.action_items():
        if item.line == finding.line:
            return Fix(finding, (Edit(item.line, item.node.end_line, ()),), False, "remove completed action")
    return None


def plan_fixes(report: Report, findings: list[Finding]) -> list[Fix]:
    """Every fix compass-lint knows for these findings."""
    fixes: list[Fix] = []
    missing: list[tuple[Finding, OutlineSection]] = []
    for finding in findings:
        section = _section_of(finding, report.outline)
        fix: Fix | None = None
        if finding.code == "CL101" and section is not None:
            missing.append((finding, section))
        elif finding.code == "CL106" and section is not None:
            fix = _heading_fix(report, finding, section)
        elif finding.code == "CL103" and section is not None:
            fix = _number_fix(report, finding, section)
        elif finding.code == "CL401":
            fix = _template_fix(report, finding)
        elif finding.code == "CL303":
            fix = _completed_kept_fix(report, finding)
        if fix is not None:
            fixes.append(fix)
    if missing:
        # All insertions travel together: several missing sections may share a place.
        edits = tuple(_insert_missing(report, [s for _, s in missing]))
        first, *others = [finding for finding, _ in missing]
        fixes.append(Fix(first, edits, True, "insert missing sections", also=tuple(others)))
    return fixes


def verified(before: list[Finding], after: list[Finding], fixed: list[Finding]) -> str | None:
    """None when ``after`` has no new finding and none of ``fixed``; else why not."""
    allowed = Counter((f.code, f.message) for f in before)
    allowed.subtract(Counter((f.code, f.message) for f in fixed))
    found = Counter((f.code, f.message) for f in after)
    worse = [f"{code} {message}" for (code, message), count in found.items() if count > allowed.get((code, message), 0)]
    return None if not worse else "the fix would leave or cause: " + "; ".join(sorted(worse)[:3])
