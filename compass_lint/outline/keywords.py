"""compass-lint's own JSON Schema keywords (``x-…``), as jsonschema validators.

They extend Draft 2020-12, so an outline schema stays a standard schema that
any tool can read; the extra keywords only add checks that JSON Schema cannot
express: section titles compared the way people write them, numbering, the
heading form and level, the order of sections, field types and date order,
and the template block. Each error's ``validator`` names the keyword, which
is how the rules map errors to codes (see ``compass_lint.rules``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from itertools import pairwise
from typing import Any

from jsonschema import ValidationError
from jsonschema.protocols import Validator

from compass_lint.outline.spec import Outline, loose_title, normalise_title

_FORM_NAMES = {"list-item": "a list item", "bold-line": "a bold line"}


def _is_dict(value: Any) -> bool:
    return isinstance(value, dict)


def x_title(validator: Validator, value: Any, instance: Any, schema: Mapping[str, Any]) -> Iterator[ValidationError]:
    """The section's title equals ``x-title`` (or matches ``x-title-pattern``)."""
    if not _is_dict(instance) or instance.get("form") != "heading":
        return
    title = str(instance.get("title", ""))
    pattern = schema.get("x-title-pattern")
    if pattern:
        import re

        if re.search(pattern, title, re.IGNORECASE):
            return
    elif loose_title(title) == loose_title(str(value)):
        return
    yield ValidationError(f"title is '{title}', outline says '{value}'")


def x_number(validator: Validator, value: Any, instance: Any, schema: Mapping[str, Any]) -> Iterator[ValidationError]:
    """The section's number equals ``x-number``."""
    if not _is_dict(instance) or instance.get("form") != "heading":
        return
    number = instance.get("number")
    if number is None:
        yield ValidationError(f"has no number, outline numbers it {value}")
    elif number != value:
        yield ValidationError(f"is numbered {number}, outline numbers it {value}")


def x_level(validator: Validator, value: Any, instance: Any, schema: Mapping[str, Any]) -> Iterator[ValidationError]:
    """The section is a heading, of a level ``x-level`` allows."""
    if not _is_dict(instance):
        return
    form = instance.get("form")
    levels = [value] if isinstance(value, int) else list(value)
    wanted = " or ".join(f"level-{level}" for level in levels)
    if form != "heading":
        yield ValidationError(f"is written as {_FORM_NAMES.get(str(form), str(form))}, not as a {wanted} heading")
    elif instance.get("level") not in levels:
        yield ValidationError(f"is a level-{instance.get('level')} heading, outline says {wanted}")


def x_order(validator: Validator, value: Any, instance: Any, schema: Mapping[str, Any]) -> Iterator[ValidationError]:
    """Sections appear in the order of ``properties`` (longest ordered run kept)."""
    if not value or not _is_dict(instance):
        return
    order = list(schema.get("properties", {}))
    present = sorted(
        (section["position"], order.index(key), key)
        for key, section in instance.items()
        if key in order and _is_dict(section)
    )
    ranks = [rank for _, rank, _ in present]
    if all(a < b for a, b in pairwise(ranks)):
        return  # in order, as most reports are: no subsequence to search for
    keep = _longest_increasing(ranks)
    specs = schema.get("properties", {})
    for index, (_, rank, key) in enumerate(present):
        if index not in keep:
            before = next((k for _, r, k in present if r > rank), None)
            where = f", before {_label(before, specs.get(before, {}))}" if before else ""
            yield ValidationError(f"is out of outline order{where}", path=[key])


def _label(key: str, spec: Mapping[str, Any]) -> str:
    number, title = spec.get("x-number"), spec.get("x-title", key)
    return f"section {number} '{title}'" if number else f"section '{title}'"


def _longest_increasing(values: list[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence."""
    if not values:
        return set()
    best = [1] * len(values)
    previous = [-1] * len(values)
    for i in range(len(values)):
        for j in range(i):
            if values[j] < values[i] and best[j] + 1 > best[i]:
                best[i], previous[i] = best[j] + 1, j
    index = max(range(len(values)), key=lambda i: (best[i], -i))
    keep: set[int] = set()
    while index >= 0:
        keep.add(index)
        index = previous[index]
    return keep


def x_field(validator: Validator, value: Any, instance: Any, schema: Mapping[str, Any]) -> Iterator[ValidationError]:
    """A field's value has its type: ``date``, ``link`` or ``date-link``."""
    if not _is_dict(instance):
        return
    text = instance.get("text", "")
    if "date" in str(value).split("-") and instance.get("date") is None:
        yield ValidationError(f"'{text}' is not a valid date", validator="x-field:date")
    if "link" in str(value).split("-"):
        link = instance.get("link")
        if not link:
            yield ValidationError("has no link", validator="x-field:link")
        elif not _absolute_http(str(link)):
            yield ValidationError(f"link '{link}' is not an absolute http(s) URL", validator="x-field:link")


def _absolute_http(url: str) -> bool:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


_COMPARE = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
}


def x_date_order(
    validator: Validator, value: Any, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    """Pairs ``[earlier, "<" or "<=", later]`` of date fields are in order."""
    if not _is_dict(instance):
        return
    for earlier, operator, later in value:
        first, second = instance.get(earlier), instance.get(later)
        if not (_is_dict(first) and _is_dict(second)) or not (first.get("date") and second.get("date")):
            continue
        a, b = date.fromisoformat(first["date"]), date.fromisoformat(second["date"])
        if not _COMPARE[operator](a, b):
            relation = "after" if operator == "<" else "on or after"
            yield ValidationError(
                f"{later} ({second['text']}) must be {relation} {earlier} ({first['text']})",
                path=[later],
            )


def template_keyword(outline: Outline) -> Any:
    """``x-template``: the template block copies the outline (needs the outline)."""

    def x_template(
        validator: Validator, value: Any, instance: Any, schema: Mapping[str, Any]
    ) -> Iterator[ValidationError]:
        if not _is_dict(instance):
            return
        entries = instance.get("entries", [])
        wanted = [s for s in outline.sections if s.required and s.in_template]
        position = 0
        for section in wanted:
            found = None
            for index in range(position, len(entries)):
                entry = entries[index]
                if section.title_matches(entry["title"]) or (
                    normalise_title(entry["title"]) == normalise_title(section.title)
                ):
                    found = index
                    break
            if found is None:
                yield ValidationError(f"the template block lacks {section.label}", path=["entries"])
                continue
            entry = entries[found]
            if section.number and entry.get("number") != section.number:
                yield ValidationError(
                    f"the template block numbers {section.label} as {entry.get('number') or 'nothing'}",
                    path=["entries", found],
                )
            position = found + 1

    return x_template


def keywords(outline: Outline) -> dict[str, Any]:
    """All custom keywords, ready for ``jsonschema.validators.extend``."""
    return {
        "x-title": x_title,
        "x-number": x_number,
        "x-level": x_level,
        "x-order": x_order,
        "x-field": x_field,
        "x-date-order": x_date_order,
        "x-template": template_keyword(outline),
    }
