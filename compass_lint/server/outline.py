"""The report's outline as document symbols, and rule explanations as hovers.

Symbols are the report model's sections (``compass_lint.model.report``),
nested under their outline parent (else under the nearest heading of a
higher level), and its fields: the editor's outline view and breadcrumbs.
"""

from __future__ import annotations

from lsprotocol import types

from compass_lint.core.finding import Finding
from compass_lint.model.report import Report, Section
from compass_lint.rules import RULES_BY_CODE
from compass_lint.server.convert import units


def _range(lines: list[str], first: int, last: int, encoding: str) -> types.Range:
    """Lines ``first``..``last`` (1-based, clamped into the text) whole."""
    first = min(max(first, 1), len(lines))
    last = min(max(last, first), len(lines))
    end = types.Position(line=last - 1, character=units(lines[last - 1], encoding))
    return types.Range(start=types.Position(line=first - 1, character=0), end=end)


def _title(section: Section, report: Report) -> tuple[str, str | None]:
    candidate = section.candidate
    written = candidate.raw.strip() or candidate.title or "(untitled)"
    spec = report.outline.by_id(section.id) if section.id is not None else None
    detail = None if spec is None else " ".join(filter(None, (spec.number, spec.title)))
    return written, detail if detail != written else None


def symbols(report: Report, lines: list[str], encoding: str) -> list[types.DocumentSymbol]:
    """The report's fields, then its sections with their sub-sections as children."""
    found: list[types.DocumentSymbol] = [
        types.DocumentSymbol(
            name=field.name,
            detail=field.text.strip() or None,
            kind=types.SymbolKind.Field,
            range=_range(lines, field.line, field.line, encoding),
            selection_range=_range(lines, field.line, field.line, encoding),
        )
        for field in sorted(report.fields.values(), key=lambda f: f.line)
    ]
    # Each open section with its symbol and children, innermost last: a section closes when one of its
    # level or higher starts.
    stack: list[tuple[Section, types.DocumentSymbol, list[types.DocumentSymbol]]] = []
    for section in report.sections:
        name, detail = _title(section, report)
        children: list[types.DocumentSymbol] = []
        symbol = types.DocumentSymbol(
            name=name,
            detail=detail,
            kind=types.SymbolKind.Namespace,
            range=_range(lines, section.line, section.end_line, encoding),
            selection_range=_range(lines, section.line, section.line, encoding),
            children=children,
        )
        parent = _parent_id(section, report)
        while stack and not _holds(stack[-1][0], section, parent):
            stack.pop()
        if stack:
            stack[-1][2].append(symbol)
            _stretch([open_symbol for _, open_symbol, _ in stack], symbol.range.end)
        else:
            found.append(symbol)
        stack.append((section, symbol, children))
    return found


def _parent_id(section: Section, report: Report) -> str | None:
    spec = report.outline.by_id(section.id) if section.id is not None else None
    return spec.parent if spec is not None else None


def _holds(outer: Section, inner: Section, parent: str | None) -> bool:
    """Whether ``inner`` is a sub-section of ``outer``: by the outline when it says, else by heading level."""
    if parent is not None and outer.id is not None:
        return outer.id == parent
    return outer.candidate.level < inner.candidate.level


def _stretch(parents: list[types.DocumentSymbol], end: types.Position) -> None:
    """A parent's range covers its children's (a section's own range ends where the next heading starts)."""
    for symbol in parents:
        if (end.line, end.character) > (symbol.range.end.line, symbol.range.end.character):
            symbol.range = types.Range(start=symbol.range.start, end=end)


def hover(findings: tuple[Finding, ...], line: int) -> types.Hover | None:
    """The explanation of each rule with a finding on ``line`` (1-based)."""
    here = [f for f in findings if f.line <= line <= (f.end_line or f.line)]
    parts: list[str] = []
    for code in dict.fromkeys(f.code for f in here):
        rule = RULES_BY_CODE.get(code)
        if rule is None:
            continue
        messages = "\n".join(f"- {f.message}" for f in here if f.code == code)
        parts.append(f"**{code} {rule.name}**\n\n{messages}\n\n{rule.documentation()}")
    if not parts:
        return None
    content = types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts))
    return types.Hover(contents=content)
