"""The order of sections: CL102 and its ``x-order`` keyword."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import pairwise
from typing import Any

from jsonschema import ValidationError
from jsonschema.protocols import Validator

from compass_lint.core.finding import Severity
from compass_lint.rules.base import SchemaContext, SchemaRule
from compass_lint.rules.sectionref import error_label


class SectionOrder(SchemaRule):
    """A section is out of the outline's order.

    The longest run of sections in outline order is kept; every other section
    is reported at its heading.

    Fails::

        ## 2. Decisions needed
        ## 1. Help or discussion needed; Agenda Items for Monthly Meeting

    Passes::

        ## 1. Help or discussion needed; Agenda Items for Monthly Meeting
        ## 2. Decisions needed
    """

    code = "CL102"
    name = "section-order"
    severity = Severity.ERROR
    keywords = ("x-order",)
    defines = "x-order"

    @classmethod
    def validate(
        cls, validator: Validator, value: Any, instance: Any, schema: Mapping[str, Any]
    ) -> Iterator[ValidationError]:
        """Sections appear in the order of ``properties`` (longest ordered run kept)."""
        if not value or not isinstance(instance, dict):
            return
        order = list(schema.get("properties", {}))
        present = sorted(
            (section["position"], order.index(key), key)
            for key, section in instance.items()
            if key in order and isinstance(section, dict)
        )
        ranks = [rank for _, rank, _ in present]
        if all(a < b for a, b in pairwise(ranks)):
            return  # in order, as most reports are: no subsequence to search for
        keep = longest_increasing(ranks)
        specs = schema.get("properties", {})
        for index, (_, rank, key) in enumerate(present):
            if index not in keep:
                before = next((k for _, r, k in present if r > rank), None)
                where = f", before {_spec_label(before, specs.get(before, {}))}" if before else ""
                yield ValidationError(f"is out of outline order{where}", path=[key])

    @classmethod
    def message(cls, error: ValidationError, context: SchemaContext) -> str:
        return f"{error_label(context, error)} {error.message}"


def _spec_label(key: str, spec: Mapping[str, Any]) -> str:
    number, title = spec.get("x-number"), spec.get("x-title", key)
    return f"section {number} '{title}'" if number else f"section '{title}'"


def longest_increasing(values: list[int]) -> set[int]:
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
