"""The report model: title, fields, outline sections, action items, template.

Built from located parse nodes and the outline (sections are found by
``compass_lint.model.matching``); a section matched in a non-heading form is
reported as CL106 and is not also "missing". Everything after the "Do not
edit below" marker is the template block, kept apart so its copy of the
outline is not read as sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from compass_lint.core.dates import DEFAULT_DATE_FORMATS
from compass_lint.markdown.document import Document, Node
from compass_lint.model.dated import looks_dated
from compass_lint.model.fields import FIELD_LINE, Field, read_fields
from compass_lint.model.items import ActionItem, SubHeading, section_items
from compass_lint.model.matching import HEADING, Candidate, candidates, match_sections, own_text, title_parts
from compass_lint.model.suppressions import Suppressions
from compass_lint.outline.spec import Outline

_MARKER_TEXT = "do not edit below"
_TEMPLATE_MARKER = re.compile(_MARKER_TEXT, re.IGNORECASE)


@dataclass
class Section:
    """A report section matched to the outline (``id``) or an extra one (``id`` None)."""

    id: str | None
    candidate: Candidate
    end_line: int = 0
    actions: list[ActionItem] = field(default_factory=list)
    duplicate_of: str | None = None

    @property
    def line(self) -> int:
        """Where the section starts (its heading, item or bold line)."""
        return self.candidate.line


@dataclass
class TemplateEntry:
    """A line of the "Do not edit below" outline copy."""

    number: str | None
    title: str
    line: int


@dataclass
class Template:
    """The "Do not edit below" block: its marker line and outline entries."""

    line: int
    entries: list[TemplateEntry]


@dataclass
class Report:
    """Everything the checks need to know about one report."""

    document: Document
    outline: Outline
    path: str = ""
    title: str | None = None
    title_line: int = 1
    fields: dict[str, Field] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    template: Template | None = None
    body_end: int = 0
    suppressions: Suppressions = field(default_factory=Suppressions)

    @property
    def lines(self) -> list[str]:
        """The report's source lines."""
        return self.document.lines

    def section(self, section_id: str) -> Section | None:
        """The matched section with this outline id."""
        for section in self.sections:
            if section.id == section_id:
                return section
        return None

    def field_with(self, role: str) -> Field | None:
        """The report's field that plays ``role`` in its outline (``opening``, ``closing``, ...)."""
        spec = self.outline.field_with(role)
        return self.fields.get(spec.name) if spec is not None else None

    def action_items(self) -> list[ActionItem]:
        """All action items, in document order."""
        return [item for s in self.sections for item in s.actions]


def _template(nodes: list[Node], start: int) -> Template:
    entries: list[TemplateEntry] = []
    for node in nodes:
        for inner in node.walk():
            if inner.line <= start or inner.kind not in ("heading", "list_item"):
                continue
            number, title = title_parts(own_text(inner))
            if inner.kind == "list_item" and inner.ordered and number is None:
                number = inner.marker.rstrip(".)")
            if title:
                entries.append(TemplateEntry(number, title, inner.line))
    return Template(start, entries)


def _subsection_end(sections: list[Section], index: int, body_end: int) -> int:
    """Last line of a section including extra sub-headings (deeper, not in the outline)."""
    own = sections[index]
    for later in sections[index + 1 :]:
        deeper = later.id is None and later.candidate.form == HEADING and later.candidate.level > own.candidate.level
        if not deeper:
            return later.line - 1
    return body_end - 1


def marker_line(source: str) -> int | None:
    """The 1-based line where ``_TEMPLATE_MARKER`` first matches in ``source`` (None: nowhere)."""
    found = _TEMPLATE_MARKER.search(source)
    return source.count("\n", 0, found.start()) + 1 if found is not None else None


def _marker_paragraph(nodes: list[Node], first_line: int) -> int | None:
    """The line of the first paragraph (in document order) holding the template marker.

    ``first_line``: the first source line holding it. A paragraph's text is made of
    its source lines, so blocks that end before that line are passed over unopened.
    """
    for node in nodes:
        if node.end_line < first_line:
            continue
        if node.kind == "paragraph":
            if _TEMPLATE_MARKER.search(node.text):
                return node.line
        elif node.children:
            found = _marker_paragraph(node.children, first_line)
            if found is not None:
                return found
    return None


def build_report(document: Document, outline: Outline, date_formats: tuple[str, ...] = DEFAULT_DATE_FORMATS) -> Report:
    """Turn a parsed document into the report model for ``outline``."""
    report = Report(document=document, outline=outline)
    nodes = document.nodes
    # A paragraph's lines are (parts of) source lines: look there before walking every node.
    source = "\n".join(document.lines)
    marked = marker_line(source)
    template_start = _marker_paragraph(nodes, marked) if marked is not None else None
    body_end = template_start if template_start is not None else len(document.lines) + 1
    report.body_end = body_end
    if template_start is not None:
        report.template = _template([n for n in nodes if n.end_line >= template_start], template_start)

    headings = candidates(nodes, body_end, headings_only=True)
    matched = match_sections(
        outline, headings, lambda keep: [c for c in candidates(nodes, body_end, keep=keep) if c.form != HEADING]
    )
    matched_ids = {id(c): section_id for section_id, c in matched.items()}
    # Every heading, and the list items and bold lines taken as sections, in document order.
    chosen = [*headings, *(c for c in matched.values() if c.form != HEADING)]
    for candidate in sorted(chosen, key=lambda c: (c.line, c.column)):
        report.sections.append(Section(matched_ids.get(id(candidate)), candidate))
    found_by_heading = [outline.by_id(sid) for sid, c in matched.items() if c.form == HEADING]
    for section in report.sections:
        if section.id is None:
            # A second heading of a section already found: a copy, not a stranger.
            title = section.candidate.title
            section.duplicate_of = next((s.id for s in found_by_heading if s.title_matches(title)), None)

    title_heading = next((s for s in report.sections if s.id is None and s.candidate.level == 1), None)
    first_section_line = min((c.line for c in matched.values()), default=body_end)
    if title_heading is not None and title_heading.line <= first_section_line:
        report.title = title_heading.candidate.node.text
        report.title_line = title_heading.line
        report.sections.remove(title_heading)
    # Headings before the first section that are fields (``#### Opening Date: …``)
    # belong to the preamble, and the first other one, when it carries a date
    # (``## 03.24.21 Meeting Minutes``), is the title line: neither is part of the outline.
    head = [s for s in report.sections if s.id is None and s.line <= first_section_line]
    fields = {id(s) for s in head if FIELD_LINE.match(s.candidate.title)}
    first = next((s for s in head if id(s) not in fields), None)
    if first is not None and looks_dated(first.candidate.node.text):
        fields.add(id(first))
        if report.title is None:
            report.title, report.title_line = first.candidate.node.text, first.line
    report.sections = [s for s in report.sections if id(s) not in fields]

    starts = [s.line for s in report.sections] + [body_end]
    for index, section in enumerate(report.sections):
        section.end_line = starts[index + 1] - 1
    for index, section in enumerate(report.sections):
        spec = outline.by_id(section.id) if section.id is not None else None
        if spec is not None and spec.holds_actions:
            end = _subsection_end(report.sections, index, body_end)
            inside = [
                SubHeading(later.line, later.candidate.level, later.candidate.title)
                for later in report.sections[index + 1 :]
                if later.line <= end and later.candidate.form == HEADING
            ]
            section.actions = section_items(document, section.candidate, end, spec.actions == "linked", inside)
    read_fields(report.fields, outline, document, nodes, report.lines, first_section_line, date_formats)
    return report
