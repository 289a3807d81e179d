"""Series membership from the layout of a repository, without configuration.

Pure functions of paths (and the paths beside them): nothing here reads a file.
Three layouts are told apart by the path alone (``scope``):

* **dated files** in one folder: ``minutes/2025-03-24.md``, ``minutes/2025-03-24-community.md``;
* **year folders**: ``meetings/2024/2024-05-14.md`` … ``meetings/2025/2025-01-07.md``, one series
  across the sibling year folders;
* **folder per meeting**: ``meeting-notes/20260512-community/index.md``, the files of one name in
  sibling dated folders.

A name's *shape* is its lower-cased stem with the date replaced by ``<date>``, separators folded
to ``-`` and a revision mark (``-rev2``) dropped: ``2025-03-24-Community-rev1.md`` has the shape
``<date>-community``. Several series interleaved in one folder are told apart by their shapes: a
shape is a series of its own when it recurs (two dates or more) and its dates interleave with
those of another recurring shape. Everything else (the plain ``<date>`` files, one-off names such
as ``2018-01-04_report.md``, a naming convention that changed over the years) is the folder's
plain series: renaming a series from ``2020-10-14-meeting.md`` to ``2021-03-03.md`` does not split
it, and a one-off meeting does not start a series.

Series keys read like the paths they stand for: ``minutes/<date>-dev.md``,
``meetings/<year>/*``, ``meeting-notes/<date>-community/index.md``; ``*`` marks a plain series.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from compass_lint.core.dates import date_in_folder_name, dated_span

PLAIN = "<date>"
_REVISION = re.compile(r"[-_. ]*rev\d*$")
_SEPARATORS = re.compile(r"[-_\s]+")
_YEAR = re.compile(r"(?:19|20|21)\d\d")


@dataclass(frozen=True)
class Scope:
    """Where a report's series may reach: its layout and the folder that holds it all."""

    kind: str  # "folder", "year-folders" or "dated-folders"
    folder: str  # the report's folder, or the parent of its year or dated folder


def _stem(name: str) -> tuple[str, str]:
    stem, extension = os.path.splitext(name)
    return stem, extension.lower()


def shape(name: str) -> str | None:
    """The shape of a dated file or folder name (see the module docstring); None when it has no date."""
    stem, _ = _stem(name)
    found = dated_span(stem)
    if found is None:
        return None
    _, start, end = found
    before, after = stem[:start].lower(), _REVISION.sub("", stem[end:].lower())
    return _SEPARATORS.sub("-", before) + PLAIN + _SEPARATORS.sub("-", after)


def scope(path: str) -> Scope:
    """The layout ``path`` is in, read from its folder names."""
    folder = os.path.dirname(path)
    parent = os.path.basename(folder)
    if parent and date_in_folder_name(parent) is not None:
        return Scope("dated-folders", os.path.dirname(folder))
    if _YEAR.fullmatch(parent) and shape(os.path.basename(path)) is not None:
        return Scope("year-folders", os.path.dirname(folder))
    return Scope("folder", folder)


def path_date(path: str) -> date | None:
    """The date the path carries: its folder's for a folder per meeting, else its file name's."""
    folder = os.path.dirname(path)
    if scope(path).kind == "dated-folders":
        return date_in_folder_name(os.path.basename(folder))
    found = dated_span(_stem(os.path.basename(path))[0])
    return found[0] if found is not None else None


def order_key(path: str, head: date | None = None) -> tuple[bool, date, str]:
    """Series order: the date the report's head carries, else its path's; ties broken by the full path.

    Reports with no date come last. The full path, never a listing order:
    ``…/index.md`` files of a folder per meeting all have one name.
    """
    when = head or path_date(path)
    return (when is None, when or date.min, path)


def _distinct(dated: Iterable[tuple[str, date]]) -> set[str]:
    """The shapes that are series of their own: recurring, and interleaved with another recurring shape."""
    dates: dict[str, set[date]] = defaultdict(set)
    for found_shape, when in dated:
        dates[found_shape].add(when)
    spans = {s: (min(d), max(d)) for s, d in dates.items() if len(d) >= 2}
    return {
        s
        for s, (first, last) in spans.items()
        if s != PLAIN and any(o != s and first <= o_last and o_first <= last for o, (o_first, o_last) in spans.items())
    }


def _unit(path: str, kind: str) -> str:
    """The name whose shape tells series apart: the dated folder's for a folder per meeting, else the file's."""
    return os.path.basename(os.path.dirname(path)) if kind == "dated-folders" else os.path.basename(path)


def _key(path: str, where: Scope, distinct: set[str]) -> str:
    unit = _unit(path, where.kind)
    found = shape(unit)
    part = f"{found}{_stem(unit)[1]}" if found in distinct else "*"
    if where.kind == "dated-folders":
        name = os.path.basename(path)
        named = shape(name)
        # The files of one name in the dated folders: ``index.md``, or ``<date>-notes.md`` when dated.
        return os.path.join(where.folder, part, f"{named}{_stem(name)[1]}" if named is not None else name.lower())
    if where.kind == "year-folders":
        return os.path.join(where.folder, "<year>", part)
    return os.path.join(where.folder, part)


def group_series(paths: Iterable[str]) -> dict[str, list[str]]:
    """The series the ``paths`` form, by series key, each in path order (``order_key`` without heads)."""
    by_scope: dict[Scope, list[str]] = defaultdict(list)
    for path in paths:
        by_scope[scope(path)].append(path)
    groups: dict[str, list[str]] = defaultdict(list)
    for where, members in by_scope.items():
        dated = []
        for member in members:
            unit = _unit(member, where.kind)
            found, when = shape(unit), path_date(member)
            if found is not None and when is not None:
                dated.append((found, when))
        distinct = _distinct(dated)
        for member in members:
            groups[_key(member, where, distinct)].append(member)
    return {key: sorted(members, key=order_key) for key, members in groups.items()}


def series_key(path: str, neighbours: Iterable[str] = ()) -> str:
    """The key of ``path``'s series among ``neighbours`` (the other reports near it)."""
    for key, members in group_series([*neighbours, path]).items():
        if path in members:
            return key
    raise AssertionError("group_series places every path")  # pragma: no cover


def report_name(path: str) -> str:
    """How messages name a report: its file name, with its folder when the name alone is not distinctive.

    A name without a date (``index.md``, ``README.md``, ``notes.md``) says
    nothing in a folder-per-meeting layout: ``20260512-community/index.md``.
    """
    name = os.path.basename(path)
    if dated_span(_stem(name)[0]) is not None:
        return name
    folder = os.path.basename(os.path.dirname(path))
    return f"{folder}/{name}" if folder else name


def holds(where: Scope, folder_name: str) -> bool:
    """Whether a subfolder named ``folder_name`` of ``where.folder`` holds reports of that scope."""
    if where.kind == "year-folders":
        return _YEAR.fullmatch(folder_name) is not None
    if where.kind == "dated-folders":
        return date_in_folder_name(folder_name) is not None
    return False


def series_label(paths: list[str]) -> str:
    """How the tracker heads a series: its folder, or its key when its reports live in several folders.

    ``meeting-notes/<date>-community/index.md`` and ``meeting-notes/<date>-dev/index.md``
    share a folder but are two series; their keys tell them apart.
    """
    folders = {os.path.dirname(path) for path in paths}
    if len(folders) <= 1:
        return folders.pop() if folders else ""
    # Every name of the series spelled out: the key says ``-community`` even when nothing interleaves.
    shapes = {shape(_unit(path, scope(path).kind)) or "" for path in paths}
    keys = {_key(path, scope(path), shapes) for path in paths}
    return keys.pop() if len(keys) == 1 else os.path.commonpath(paths)
