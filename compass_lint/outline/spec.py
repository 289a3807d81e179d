"""The required outline, read from an outline schema's ``x-`` keywords.

The schema is the single source of truth: ``properties.sections.properties``
lists the sections in outline order, each with ``x-title``, optional
``x-number``, ``x-parent``, ``x-level``, ``x-title-pattern`` and
``x-actions`` and ``x-in-template``; ``properties.fields.properties`` lists the fields with
``x-field`` (their type) and ``x-aliases``. See docs/schema.md.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, NamedTuple

from compass_lint.core.patterns import UserPattern, compile_user_pattern

_NUMBER_PREFIX = re.compile(r"^\s*(?P<number>(?:\d{1,3}\.)*\d{1,3}\.?|[IVXLC]{1,6}\.)\s+(?P<rest>\S.*)$")
_TRAILING_PARENTHETICAL = re.compile(r"\s*\([^()]*\)\s*$")


def split_number(title: str) -> tuple[str | None, str]:
    """``"1.1. Open PRs"`` -> ``("1.1", "Open PRs")``; no number -> ``(None, title)``."""
    match = _NUMBER_PREFIX.match(title)
    if not match:
        return None, title.strip()
    return match.group("number").rstrip("."), match.group("rest").strip()


def normalise_title(title: str) -> str:
    """Comparable form of a section title: case, spacing, end punctuation."""
    title = " ".join(title.split()).casefold()
    return title.rstrip(" :.").strip()


@lru_cache(maxsize=1024)  # the outline's titles recur; dated ones never do
def loose_title(title: str) -> str:
    """Normalised title without a trailing parenthetical, for recognising a section."""
    return normalise_title(_TRAILING_PARENTHETICAL.sub("", title)) or normalise_title(title)


class OutlineSection(NamedTuple):
    """One section the outline requires (or allows)."""

    id: str
    title: str
    number: str | None = None
    parent: str | None = None
    levels: tuple[int, ...] = ()
    pattern: UserPattern | None = None
    required: bool = True
    actions: str | None = None
    in_template: bool = True

    @property
    def holds_actions(self) -> bool:
        """Whether the section's list items are action items."""
        return self.actions is not None

    @property
    def label(self) -> str:
        """How messages name the section: ``section 4 'Team Metrics'``."""
        if self.number:
            return f"section {self.number} '{self.title}'"
        return f"section '{self.title}'"

    def title_matches(self, title: str) -> bool:
        """Whether a (number-stripped, plain-text) title names this section."""
        if self.pattern is not None:
            return bool(self.pattern.search(title.strip()))
        return loose_title(title) == loose_title(self.title)


ROLES = ("opening", "closing", "meeting-date", "next-meeting")


class FieldSpec(NamedTuple):
    """A ``Name: value`` field the outline knows, and its role (``x-role``), if it has one."""

    name: str
    kind: str = "text"
    aliases: tuple[str, ...] = ()
    required: bool = False
    role: str | None = None

    def names(self) -> tuple[str, ...]:
        """The normalised names this field may be written under."""
        return tuple(normalise_title(n) for n in (self.name, *self.aliases))


@dataclass(frozen=True)
class Outline:
    """Sections in outline order, fields, and whether the outline is closed."""

    sections: tuple[OutlineSection, ...]
    fields: tuple[FieldSpec, ...] = ()
    closed: bool = False
    template: bool = False
    children: Mapping[str | None, tuple[str, ...]] = field(default_factory=dict)
    title: str = ""  # the schema's "title": how messages name the outline

    def field_with(self, role: str) -> FieldSpec | None:
        """The field that plays ``role`` (one of ``ROLES``) in this outline, if any."""
        return next((spec for spec in self.fields if spec.role == role), None)

    def by_id(self, section_id: str) -> OutlineSection:
        """The section with this id."""
        return self._by_id[section_id]

    @cached_property
    def loose_titles(self) -> frozenset[str]:
        """Every section title in the comparable form of ``loose_title``."""
        return frozenset(loose_title(section.title) for section in self.sections)

    @cached_property
    def _by_id(self) -> dict[str, OutlineSection]:
        # Asked for about a hundred times a report.
        return {section.id: section for section in self.sections}


def _levels(value: Any) -> tuple[int, ...]:
    if isinstance(value, int):
        return (value,)
    if isinstance(value, list):
        return tuple(int(v) for v in value)
    return ()


def _actions_mode(value: Any) -> str | None:
    """``x-actions``: false, true (= "top-level") or "linked"."""
    if value is True:
        return "top-level"
    return str(value) if value else None


def outline_from_schema(schema: Mapping[str, Any]) -> Outline:
    """Read the outline out of a (validated) outline schema."""
    properties = schema.get("properties", {})
    sections_schema = properties.get("sections", {})
    required = set(sections_schema.get("required", []))
    sections: list[OutlineSection] = []
    for section_id, spec in sections_schema.get("properties", {}).items():
        pattern = spec.get("x-title-pattern")
        sections.append(
            OutlineSection(
                id=section_id,
                title=str(spec.get("x-title", section_id)),
                number=spec.get("x-number"),
                parent=spec.get("x-parent"),
                levels=_levels(spec.get("x-level")),
                pattern=compile_user_pattern(pattern, f"x-title-pattern of '{section_id}'", True) if pattern else None,
                required=section_id in required,
                actions=_actions_mode(spec.get("x-actions", False)),
                in_template=bool(spec.get("x-in-template", True)),
            )
        )
    fields_schema = properties.get("fields", {})
    required_fields = set(fields_schema.get("required", []))
    fields = _with_roles(
        [
            FieldSpec(
                name=name,
                kind=str(spec.get("x-field", "text")),
                aliases=tuple(spec.get("x-aliases", ())),
                required=name in required_fields,
                role=spec.get("x-role"),
            )
            for name, spec in fields_schema.get("properties", {}).items()
        ],
        fields_schema.get("x-date-order", []),
    )
    children: dict[str | None, list[str]] = {}
    for section in sections:
        children.setdefault(section.parent, []).append(section.id)
    return Outline(
        sections=tuple(sections),
        fields=fields,
        closed=sections_schema.get("additionalProperties", True) is False,
        template="x-template" in properties.get("template", {}),
        children={key: tuple(value) for key, value in children.items()},
        title=str(schema.get("title", "")),
    )


def _with_roles(fields: list[FieldSpec], date_order: Any) -> tuple[FieldSpec, ...]:
    """The fields, with the roles that no field declares (``x-role``) inferred from their types.

    Inferred, in this order, for an outline that leaves a role out: ``next-meeting`` is
    the first ``date-link`` field; ``opening`` and ``closing`` are the first pair of
    ``date`` fields that ``x-date-order`` orders with ``<=``; ``meeting-date`` is the
    only ``date`` field left, when there is exactly one. No field name is assumed.
    """
    taken = {spec.role for spec in fields if spec.role}
    kinds = {spec.name: spec.kind for spec in fields}
    roles: dict[str, str] = {}
    if "next-meeting" not in taken:
        linked = next((spec.name for spec in fields if spec.kind == "date-link" and not spec.role), None)
        if linked is not None:
            roles[linked] = "next-meeting"
    if not {"opening", "closing"} & taken and isinstance(date_order, list):
        for rule in date_order:
            if isinstance(rule, list) and len(rule) == 3 and rule[1] == "<=":
                first, second = str(rule[0]), str(rule[2])
                if kinds.get(first) == kinds.get(second) == "date" and first != second:
                    roles.setdefault(first, "opening")
                    roles.setdefault(second, "closing")
                    break
    if not {"meeting-date", "opening", "closing"} & (taken | set(roles.values())):
        dated = [spec.name for spec in fields if spec.kind == "date" and not spec.role and spec.name not in roles]
        if len(dated) == 1:
            roles[dated[0]] = "meeting-date"
    return tuple(spec._replace(role=spec.role or roles.get(spec.name)) for spec in fields)
