"""How an outline is written in a report: heading lines, number labels, the template block.

Fixes (CL101, CL103, CL106, CL401) and ``compass-lint new`` write the outline
the way the reference report does; they share these so both agree.
"""

from __future__ import annotations

from compass_lint.outline.spec import Outline, OutlineSection


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
