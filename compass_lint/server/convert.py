"""Findings as protocol diagnostics, and positions between compass-lint and the editor.

compass-lint counts lines and columns from 1, in characters, with lines split
on ``\\r\\n``, ``\\r`` and ``\\n`` only (``compass_lint.markdown.source``):
the protocol counts from 0, splits lines the same way, and counts columns in
the code units the client and server agreed on (UTF-16 unless the client
offered UTF-8 or UTF-32).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from lsprotocol import types

from compass_lint.core.finding import Finding, Severity
from compass_lint.markdown.textedit import split_keepends
from compass_lint.rules import RULES_BY_CODE

DOCS = "https://github.com/compass-lint/compass-lint/blob/main/docs/rules.md"
SOURCE = "compass-lint"
_BREAK = re.compile(r"\r\n|\r|\n")
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` without their endings, split as the protocol splits them."""
    return _BREAK.split(text)


def units(text: str, encoding: str) -> int:
    """How many code units of ``encoding`` (``utf-8``, ``utf-16`` or ``utf-32``) ``text`` takes."""
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    if encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def position(lines: list[str], line: int, column: int, encoding: str) -> types.Position:
    """The protocol position of a 1-based line and character column, clamped into the text."""
    index = min(max(line, 1), len(lines)) - 1
    text = lines[index]
    return types.Position(line=index, character=units(text[: max(column, 1) - 1], encoding))


def finding_range(finding: Finding, lines: list[str], encoding: str) -> types.Range:
    """Where a finding sits: its own end when it has one, else the rest of its line."""
    start = position(lines, finding.line, finding.column, encoding)
    if finding.end_line is not None and finding.end_column is not None:
        end = position(lines, finding.end_line, finding.end_column, encoding)
        if (end.line, end.character) >= (start.line, start.character):
            return types.Range(start=start, end=end)
    rest = units(lines[start.line], encoding)
    return types.Range(start=start, end=types.Position(line=start.line, character=max(rest, start.character)))


def docs_url(code: str) -> str:
    """The rule's section of docs/rules.md."""
    rule = RULES_BY_CODE.get(code)
    anchor = f"{code.lower()}-{rule.name}" if rule is not None else code.lower()
    return f"{DOCS}#{anchor}"


def _uri(path: str, base: str) -> str:
    target = Path(path if os.path.isabs(path) else os.path.join(os.path.dirname(base), path))
    return target.resolve().as_uri()


def diagnostic(finding: Finding, lines: list[str], encoding: str) -> types.Diagnostic:
    """One finding as a diagnostic: range, code with its docs, severity, where a stale action was first seen."""
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(
                uri=_uri(place.path, finding.path),
                range=types.Range(
                    start=types.Position(line=max(place.line, 1) - 1, character=0),
                    end=types.Position(line=max(place.line, 1) - 1, character=0),
                ),
            ),
            message=f"first seen in {os.path.basename(place.path)}, line {place.line}",
        )
        for place in finding.related
    ]
    return types.Diagnostic(
        range=finding_range(finding, lines, encoding),
        message=finding.message,
        severity=_SEVERITY.get(finding.severity, types.DiagnosticSeverity.Hint),
        code=finding.code,
        code_description=types.CodeDescription(href=docs_url(finding.code)),
        source=SOURCE,
        related_information=related or None,
        data={"name": finding.name},
    )


def diagnostics(findings: tuple[Finding, ...], text: str, encoding: str) -> list[types.Diagnostic]:
    """Every finding of a document as a diagnostic, in the findings' order."""
    lines = split_lines(text)
    return [diagnostic(finding, lines, encoding) for finding in findings]


def line_edit(before: str, after: str, encoding: str) -> types.TextEdit | None:
    """One edit that turns ``before`` into ``after``: the changed lines only (None: no change).

    A whole-document replacement would move the editor's cursor and folds; the
    lines both texts share at their start and end are left alone.
    """
    if before == after:
        return None
    old = split_keepends(before)
    new = split_keepends(after)
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    last = len(old) - end  # the first old line kept after the change
    if last < len(old) or not old or old[-1].endswith(("\n", "\r")):
        stop = types.Position(line=last, character=0)
    else:  # the change runs to the end of a text without a final line ending
        stop = types.Position(line=len(old) - 1, character=units(old[-1], encoding))
    return types.TextEdit(
        range=types.Range(start=types.Position(line=start, character=0), end=stop),
        new_text="".join(new[start : len(new) - end]),
    )
