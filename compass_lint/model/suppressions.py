"""Inline rule control: HTML comments that switch rules off for some lines.

``<!-- compass-lint disable CL301 -->`` … ``<!-- compass-lint enable CL301 -->``
switches codes off between the two comments; ``disable-next-line`` for the
next line only; ``disable-file`` for the whole file. Codes are separated by
spaces or commas; ``all`` (or no code) means every rule. Comments inside code
blocks are ignored. An unknown code in a comment is itself reported (CL904).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from compass_lint.core.finding import Problem
from compass_lint.markdown.document import Document

_DIRECTIVE = re.compile(
    r"<!--\s*compass-lint\s+(?P<verb>disable-next-line|disable-file|disable|enable)\b(?P<codes>[^>]*?)\s*-->",
    re.IGNORECASE,
)
ALL = "all"


@dataclass
class Suppressions:
    """Which codes are switched off on which lines."""

    file_codes: set[str] = field(default_factory=set)
    ranges: list[tuple[int, int, str]] = field(default_factory=list)  # first line, last line, code

    def suppressed(self, line: int, code: str) -> bool:
        """Whether ``code`` is switched off at ``line``."""
        if ALL in self.file_codes or code in self.file_codes:
            return True
        return any(first <= line <= last and c in (ALL, code) for first, last, c in self.ranges)


def _code_lines(document: Document) -> set[int]:
    lines: set[int] = set()
    for node in document.walk():
        if node.kind == "code":
            lines.update(range(node.line, max(node.end_line, node.line) + 1))
    return lines


def read_suppressions(document: Document, known: set[str]) -> tuple[Suppressions, list[Problem]]:
    """Parse the directives of a document; unknown codes become CL904 problems."""
    result = Suppressions()
    problems: list[Problem] = []
    skip: set[int] | None = None  # code-block lines, found only when a line names compass-lint
    open_since: dict[str, int] = {}
    last_line = len(document.lines)
    for number, text in enumerate(document.lines, start=1):
        if "compass-lint" not in text:
            continue
        if skip is None:
            skip = _code_lines(document)
        if number in skip:
            continue
        for match in _DIRECTIVE.finditer(text):
            codes = [c for c in re.split(r"[\s,]+", match.group("codes").strip()) if c] or [ALL]
            valid: list[str] = []
            for code in codes:
                normal = ALL if code.lower() == ALL else code.upper()
                if normal != ALL and normal not in known:
                    problems.append(
                        Problem(
                            number,
                            match.start() + 1,
                            "CL904",
                            f"unknown rule code '{code}' in a compass-lint comment",
                        )
                    )
                    continue
                valid.append(normal)
            verb = match.group("verb").lower()
            for code in valid:
                if verb == "disable-file":
                    result.file_codes.add(code)
                elif verb == "disable-next-line":
                    result.ranges.append((number + 1, number + 1, code))
                elif verb == "disable":
                    open_since.setdefault(code, number)
                elif code in open_since:
                    result.ranges.append((open_since.pop(code), number, code))
                elif code == ALL:
                    for other, start in list(open_since.items()):
                        result.ranges.append((start, number, other))
                    open_since.clear()
    for code, start in open_since.items():
        result.ranges.append((start, last_line, code))
    return result, problems
