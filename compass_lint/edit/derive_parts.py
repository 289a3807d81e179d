"""What schema derivation reads from one Markdown text, and the rules it shares.

``read_skeleton`` turns a template or a report into its skeleton: the title
(the H1, else the title line), the outline headings in order, the head's
``Name: value`` fields with their kinds and roles, and whether it has a "Do
not edit below" block. ``derive_template`` and
``derive_reports`` build schemas from skeletons with the rules here:

* a heading that carries a date or a date placeholder (``## 03.24.21 Meeting
  Minutes``, ``## February 24, 2025``, ``# Sync {{date}}``) is the title line,
  never a section or a section number: its date changes with every report
  (the report model sets it apart, ``compass_lint.model.dated``, and takes
  it for the title when there is no H1, so its date is the report's own);
* a heading's parent is the nearest heading above it of a lower level (a
  numbered one, the section whose number prefixes its own); a roll-call
  section (``Attendees``) holds names, never sub-sections, so a heading
  below it (``### Standing items``) is its sibling;
* a section holds action items when its title says so (``Action items``,
  ``Next steps``, ``Follow-up``, ``Pushed to next meeting``, ``TODO``, …),
  unless it is a group heading over numbered or deeper sections;
* a field's role (``x-role``) follows its name: ``Date``/``Meeting date``/
  ``When`` is the meeting date, ``Next meeting`` the next one, ``Opening
  Date``/``Closing Date`` the period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from compass_lint.core.dates import parse_date
from compass_lint.markdown.parse import parse
from compass_lint.model.dated import looks_dated
from compass_lint.model.matching import HEADING
from compass_lint.model.report import build_report
from compass_lint.outline.spec import Outline, loose_title, normalise_title

_ACTIONS = re.compile(
    r"^(?:review (?:of )?(?:the )?)?(?:(?:next|open|new|outstanding|previous|past|old|carried)\s+)?"
    r"(?:actions?(?: items?| points?)?|next steps?|follow[- ]?ups?|to-?dos?|tasks?"
    r"|pushed to (?:the )?next meeting)(?:\s+(?:from|since|for|of)\b.*)?$"
)
_ROLL_CALL = re.compile(r"^(?:attendees|attendance|attending|present|participants|roll[- ]call|apologies|regrets)$")
_ROLE_BY_NAME = (
    ("opening", re.compile(r"^(?:opening|start)(?: date)?$")),
    ("closing", re.compile(r"^(?:closing|end)(?: date)?$")),
    ("next-meeting", re.compile(r"^next\b.*\b(?:meeting|call|sync)\b(?: date)?$")),
    ("meeting-date", re.compile(r"^(?:(?:meeting|call) )?(?:date|when)$|^date of (?:the )?(?:meeting|call)$")),
)


def holds_actions(title: str) -> bool:
    """Whether a section's title says it holds action items ("Next steps", "Follow-up", …)."""
    return _ACTIONS.match(loose_title(title)) is not None


def is_roll_call(title: str) -> bool:
    """Whether a section lists who came (``Attendees``): such a section holds no sub-sections."""
    return _ROLL_CALL.match(loose_title(title)) is not None


def field_role(name: str) -> str | None:
    """The role (``x-role``) a field's name gives it, if any."""
    key = normalise_title(name)
    return next((role for role, pattern in _ROLE_BY_NAME if pattern.match(key)), None)


def field_kind(name: str, role: str | None, has_link: bool, has_date: bool) -> str:
    """``text``, ``date``, ``link`` or ``date-link``: what a field's value is."""
    is_date = has_date or role is not None or name.casefold().endswith("date")
    if is_date and has_link:
        return "date-link"
    if has_link:
        return "link"
    return "date" if is_date else "text"


@dataclass(frozen=True)
class HeadingSeen:
    """A heading of the outline: its level, number, plain title and whether text follows it."""

    level: int
    number: str | None
    title: str
    line: int
    has_content: bool
    in_template: bool = True


@dataclass(frozen=True)
class FieldSeen:
    """A ``Name: value`` field of the head: its name, kind and role."""

    name: str
    kind: str
    role: str | None


@dataclass(frozen=True)
class Skeleton:
    """What derivation reads from one template or report."""

    title: str | None
    headings: tuple[HeadingSeen, ...]
    fields: tuple[FieldSeen, ...]
    has_template: bool
    dated_headings: int = 0


def read_skeleton(text: str) -> Skeleton:
    """The skeleton of a template or report (see the module docstring)."""
    report = build_report(parse(text), Outline(sections=()))
    sections = [s for s in report.sections if s.candidate.form == HEADING]
    template_titles = {loose_title(e.title) for e in report.template.entries} if report.template else None
    headings: list[HeadingSeen] = []
    dated = 0
    for index, section in enumerate(sections):
        candidate = section.candidate
        if looks_dated(candidate.raw):
            dated += 1  # a dated heading below the title line (a running log's entry) recurs under no title
            continue
        end = sections[index + 1].line if index + 1 < len(sections) else report.body_end
        has_content = any(line.strip() for line in report.lines[section.line : end - 1])
        in_template = template_titles is None or loose_title(candidate.title) in template_titles
        headings.append(
            HeadingSeen(candidate.level, candidate.number, candidate.title, section.line, has_content, in_template)
        )
    first_line = headings[0].line if headings else report.body_end
    fields: list[FieldSeen] = []
    taken: set[str] = set()
    for name, found in report.fields.items():
        if found.line >= first_line:
            continue
        role = field_role(name)
        role = role if role not in taken else None
        if role is not None:
            taken.add(role)
        has_date = parse_date(found.text) is not None or looks_dated(found.text)
        fields.append(FieldSeen(name, field_kind(name, role, found.link is not None, has_date), role))
    return Skeleton(report.title, tuple(headings), tuple(fields), report.template is not None, dated)


def parents(headings: list[HeadingSeen]) -> list[int | None]:
    """Each heading's parent (an index into ``headings``): see the module docstring."""
    found: list[int | None] = []
    for index, heading in enumerate(headings):
        parent: int | None = None
        if heading.number and "." in heading.number:
            prefix = heading.number.rsplit(".", 1)[0]
            parent = next(
                (j for j in range(index - 1, -1, -1) if headings[j].number == prefix),
                None,
            )
            if parent is not None and headings[parent].level >= heading.level:
                parent = None
        if parent is None:
            above = next((j for j in range(index - 1, -1, -1) if headings[j].level < heading.level), None)
            parent = found[above] if above is not None and is_roll_call(headings[above].title) else above
        found.append(parent)
    return found


def is_group(headings: list[HeadingSeen], index: int) -> bool:
    """A heading with no text of its own over numbered or deeper headings (``## Actions`` over ``## 1. …``)."""
    heading = headings[index]
    if heading.has_content or index + 1 >= len(headings):
        return False
    following = headings[index + 1]
    return following.level > heading.level or (following.number is not None and heading.number is None)


def date_order(fields: list[FieldSeen]) -> list[list[str]]:
    """``x-date-order`` for the date fields in order: each before the next (``<``).

    An opening and closing date may be one day (``<=``), and so may the first
    pair when no field has a role: the outline then infers those two as the
    period, as it did before fields had roles.
    """
    dated = [f for f in fields if "date" in f.kind.split("-")]
    order: list[list[str]] = []
    for index in range(1, len(dated)):
        earlier, later = dated[index - 1], dated[index]
        period = (earlier.role, later.role) == ("opening", "closing")
        legacy = index == 1 and not any(f.role for f in dated)
        order.append([earlier.name, "<=" if period or legacy else "<", later.name])
    return order


_SLUG = re.compile(r"[^a-z0-9]+")


def slug(title: str) -> str:
    """A section id or schema name made of a title: ``Next steps`` -> ``next-steps``."""
    return _SLUG.sub("-", title.casefold()).strip("-") or "section"


def unique(base: str, taken: list[str]) -> str:
    """``base``, or ``base-2``, ``base-3``, … when an earlier section has it."""
    key, count = base, 2
    while key in taken:
        key, count = f"{base}-{count}", count + 1
    return key


def fields_schema(fields: list[FieldSeen], required: list[str]) -> dict[str, Any]:
    """``properties.fields``: each field's kind and role, the required ones, and the date order."""
    properties: dict[str, Any] = {}
    for found in fields:
        spec: dict[str, Any] = {"x-field": found.kind}
        if found.role is not None:
            spec["x-role"] = found.role
        properties[found.name] = spec
    schema: dict[str, Any] = {"type": "object", "required": required, "properties": properties}
    order = date_order(fields)
    if order:
        schema["x-date-order"] = order
    return schema


def outline_schema(
    name: str,
    title: str | None,
    fields: dict[str, Any],
    sections: dict[str, Any],
    *,
    title_required: bool = True,
    template: bool = False,
) -> dict[str, Any]:
    """A whole outline schema around its ``fields`` and ``sections`` objects."""
    required = ["title", "fields", "sections"] if title_required else ["fields", "sections"]
    properties: dict[str, Any] = {"title": {"type": "string", "minLength": 1}, "fields": fields, "sections": sections}
    if template:
        properties["template"] = {"x-template": "outline"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:compass-lint:schema:{slug(name)}",
        "title": f"Outline of {title if title and not looks_dated(title) else name}",
        "type": "object",
        "required": required,
        "properties": properties,
    }
