"""Deriving an outline schema from a template report (``schema init --from-template``).

The template's headings become the outline, in order, with their numbers and
levels, all required; the outline is closed and ordered. A heading that
carries a date is the title line, not a section; the title is required when
the template has one (an H1, or that title line). Parents, the actions sections and field roles
follow the rules of ``compass_lint.edit.derive_parts``. ``Name: value`` lines
before the first section become fields: a value with a link is a ``link``
field, one that reads as a date (or a date placeholder, or a field named
``… Date``, or one with a date role) a ``date`` field, both a ``date-link``;
date and link fields are required, text fields optional. A "Do not edit
below" block makes the template block checked too; a section it does not
list gets ``"x-in-template": false``.
"""

from __future__ import annotations

from typing import Any

from compass_lint.edit.derive_parts import (
    fields_schema,
    holds_actions,
    is_group,
    outline_schema,
    parents,
    read_skeleton,
    slug,
    unique,
)


def schema_from_template(text: str, name: str = "custom") -> dict[str, Any]:
    """An outline schema (a JSON-able dict) derived from the Markdown text of a template report.

    Pure: ``text`` in, schema out (``name`` goes into ``$id`` and, when the
    template has no title, the schema's ``title``). The result passes
    ``compass-lint schema check``.
    """
    skeleton = read_skeleton(text)
    headings = list(skeleton.headings)
    ids: list[str] = []
    for heading in headings:
        ids.append(unique(heading.number or slug(heading.title), ids))
    found_parents = parents(headings)

    properties: dict[str, Any] = {}
    for index, (heading, key) in enumerate(zip(headings, ids, strict=True)):
        spec: dict[str, Any] = {}
        if heading.number:
            spec["x-number"] = heading.number
        spec["x-title"] = heading.title
        parent = found_parents[index]
        if parent is not None:
            spec["x-parent"] = ids[parent]
        spec["x-level"] = heading.level
        if holds_actions(heading.title) and not is_group(headings, index):
            spec["x-actions"] = True
        if not heading.in_template:
            spec["x-in-template"] = False
        properties[key] = spec

    fields = list(skeleton.fields)
    required_fields = [f.name for f in fields if f.kind != "text"]
    sections = {
        "type": "object",
        "x-order": True,
        "required": ids,
        "additionalProperties": False,
        "properties": properties,
    }
    return outline_schema(
        name,
        skeleton.title,
        fields_schema(fields, required_fields),
        sections,
        title_required=skeleton.title is not None,
        template=skeleton.has_template,
    )
