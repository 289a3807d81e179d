"""Deriving an outline schema from the reports of a series (``schema init --from-reports``).

For a series without a template: what most reports do becomes the outline.

* A section (headings compared by their loose title: case, spacing, end
  punctuation and a trailing parenthetical aside) that at least
  ``REQUIRED_SHARE`` (60 %) of the reports have is required; one seen in at
  least two reports but fewer than that is optional (listed, not required);
  one seen in a single report is left out. A title a report repeats
  (``### Notes`` under every agenda item) is a sub-heading, not a section,
  and is left out too.
* Order is the order most reports use (each pair of sections goes the way
  most reports put it). ``x-order`` is set only when at least
  ``ORDER_AGREEMENT`` (90 %) of the reports follow that order.
* A section keeps the title most reports write, its number (``x-number``)
  only when every report that has it writes the same number, its level (or
  the levels seen), the parent most reports give it and ``x-actions`` when its
  title names actions (``compass_lint.edit.derive_parts``).
* The outline is closed (``additionalProperties: false``) only when no report
  has a heading outside it; otherwise other headings stay allowed.
* The title (an H1, else a heading that carries a date) is required when 60 %
  of the reports have one.
* A field found in the head of 60 % of the reports is included with its most
  common kind and the role its name gives it; date and link fields are
  required, as for templates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from compass_lint.edit.derive_parts import (
    FieldSeen,
    HeadingSeen,
    Skeleton,
    fields_schema,
    holds_actions,
    is_group,
    outline_schema,
    parents,
    read_skeleton,
    slug,
    unique,
)
from compass_lint.outline.spec import loose_title, normalise_title

REQUIRED_SHARE = 0.6
ORDER_AGREEMENT = 0.9


class _Seen:
    """One section key across the reports: how each report writes it."""

    def __init__(self) -> None:
        self.reports = 0
        self.titles: Counter[str] = Counter()
        self.numbers: Counter[str | None] = Counter()
        self.levels: set[int] = set()
        self.parents: Counter[str | None] = Counter()
        self.groups = 0


def _sections_of(skeleton: Skeleton) -> list[tuple[str, HeadingSeen, str | None, bool]]:
    """Each heading once, by key: ``(key, heading, parent key, is a group)``; repeated titles dropped."""
    headings = list(skeleton.headings)
    keys = [loose_title(h.title) for h in headings]
    repeated = {key for key, count in Counter(keys).items() if count > 1}
    found = parents(headings)
    return [
        (key, heading, keys[parent] if parent is not None else None, is_group(headings, index))
        for index, (key, heading, parent) in enumerate(zip(keys, headings, found, strict=True))
        if key not in repeated
    ]


def _consensus(sequences: list[list[str]], kept: list[str]) -> list[str]:
    """``kept`` in the order most reports use: each key is ranked by how many others most reports put after it."""
    before: Counter[tuple[str, str]] = Counter()
    for sequence in sequences:
        for index, earlier in enumerate(sequence):
            for later in sequence[index + 1 :]:
                before[earlier, later] += 1
    wins = {key: sum(1 for other in kept if before[key, other] > before[other, key]) for key in kept}
    return sorted(kept, key=lambda key: (-wins[key], kept.index(key)))


def _follows(sequence: list[str], order: list[str]) -> bool:
    rank = {key: index for index, key in enumerate(order)}
    ranks = [rank[key] for key in sequence if key in rank]
    return ranks == sorted(ranks)


def _fields(skeletons: list[Skeleton]) -> list[FieldSeen]:
    """The fields in most heads, with their most common name and kind; each role once."""
    counts: Counter[str] = Counter()
    names: dict[str, Counter[str]] = {}
    kinds: dict[str, Counter[str]] = {}
    roles: dict[str, str | None] = {}
    for skeleton in skeletons:
        for found in skeleton.fields:
            key = normalise_title(found.name)
            counts[key] += 1
            names.setdefault(key, Counter())[found.name] += 1
            kinds.setdefault(key, Counter())[found.kind] += 1
            roles.setdefault(key, found.role)
    fields: list[FieldSeen] = []
    taken: set[str] = set()
    for key, count in counts.items():
        if count < REQUIRED_SHARE * len(skeletons):
            continue
        role = roles[key] if roles[key] not in taken else None
        if role is not None:
            taken.add(role)
        fields.append(FieldSeen(names[key].most_common(1)[0][0], kinds[key].most_common(1)[0][0], role))
    return fields


def schema_from_reports(texts: Sequence[str], name: str = "custom") -> dict[str, Any]:
    """An outline schema (a JSON-able dict) derived from the Markdown texts of one series' reports.

    Pure: ``texts`` in, schema out (``name`` goes into ``$id`` and the schema's
    ``title``); the rules are in the module docstring. The result passes
    ``compass-lint schema check``. Raises ValueError when ``texts`` is empty.
    """
    if not texts:
        raise ValueError("no reports to derive an outline from")
    skeletons = [read_skeleton(text) for text in texts]
    share = REQUIRED_SHARE * len(skeletons)
    seen: dict[str, _Seen] = {}
    sequences: list[list[str]] = []
    for skeleton in skeletons:
        found = _sections_of(skeleton)
        sequences.append([key for key, *_ in found])
        for key, heading, parent, group in found:
            entry = seen.setdefault(key, _Seen())
            entry.reports += 1
            entry.titles[heading.title] += 1
            entry.numbers[heading.number] += 1
            entry.levels.add(heading.level)
            entry.parents[parent] += 1
            entry.groups += group
    kept = [key for key, entry in seen.items() if entry.reports >= 2 or entry.reports >= share]
    order = _consensus(sequences, kept)

    ids: dict[str, str] = {}
    for key in order:
        entry = seen[key]
        number = next(iter(entry.numbers)) if len(entry.numbers) == 1 else None
        ids[key] = unique(number or slug(entry.titles.most_common(1)[0][0]), list(ids.values()))

    properties: dict[str, Any] = {}
    for key in order:
        entry = seen[key]
        title = entry.titles.most_common(1)[0][0]
        spec: dict[str, Any] = {}
        number = next(iter(entry.numbers)) if len(entry.numbers) == 1 else None
        if number is not None:
            spec["x-number"] = number
        spec["x-title"] = title
        parent = entry.parents.most_common(1)[0][0]
        if parent in ids and order.index(parent) < order.index(key):
            spec["x-parent"] = ids[parent]
        levels = sorted(entry.levels)
        spec["x-level"] = levels[0] if len(levels) == 1 else levels
        if holds_actions(title) and entry.groups * 2 < entry.reports:
            spec["x-actions"] = True
        properties[ids[key]] = spec

    sections: dict[str, Any] = {"type": "object"}
    if sum(_follows(sequence, order) for sequence in sequences) >= ORDER_AGREEMENT * len(sequences):
        sections["x-order"] = True
    sections["required"] = [ids[key] for key in order if seen[key].reports >= share]
    if all(loose_title(h.title) in ids for s in skeletons for h in s.headings) and not any(
        s.dated_headings for s in skeletons
    ):
        sections["additionalProperties"] = False
    sections["properties"] = properties

    fields = _fields(skeletons)
    titled = sum(s.title is not None for s in skeletons)
    return outline_schema(
        name,
        None,
        fields_schema(fields, [f.name for f in fields if f.kind != "text"]),
        sections,
        title_required=titled >= share,
    )
