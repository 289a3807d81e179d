"""Code actions: each fixable finding's fix, every safe fix at once, and a comment that disables a rule.

The edits are the ones ``compass-lint fix`` makes (``Rule.fix``, applied by
``compass_lint.markdown.textedit.apply_edits``) and are verified the same way
(``compass_lint.edit.fixes.verified``): the fixed text is linted again, and
a fix that leaves its finding or causes a new one is not offered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lsprotocol import types

from compass_lint.core.finding import Finding
from compass_lint.edit.apply import analyse, fix_file
from compass_lint.edit.fixes import verified
from compass_lint.markdown.source import detect_newline
from compass_lint.markdown.textedit import Edit, apply_edits
from compass_lint.model.report import Report
from compass_lint.rules import RULES_BY_CODE
from compass_lint.server.convert import line_edit
from compass_lint.server.session import Session

FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.compass-lint"
# Findings about the whole file (a crash, an unreadable file, the time budget) cannot be disabled per line.
_NOT_PER_LINE = ("CL900", "CL901", "CL902")
_INDENT = re.compile(r"[ \t>]*")


@dataclass(frozen=True)
class Change:
    """A verified change of a document: its title, the new text, and the findings it removes."""

    title: str
    text: str
    findings: tuple[Finding, ...]
    preferred: bool = False


class Fixer:
    """The changes on offer for one version of one document (its analysis made once)."""

    def __init__(self, session: Session, path: str, text: str) -> None:
        self.session = session
        self.path = path
        self.text = text
        self.config, self.history = session.context(path)
        self._before: tuple[Report | None, list[Finding]] | None = None
        self._tried = False  # the history holds a candidate text of this document, not the editor's

    def _lint(self, text: str) -> tuple[Report | None, list[Finding]]:
        self._tried = self._tried or text != self.text
        return analyse(self.path, text.encode("utf-8"), self.config, self.session.options, self.history)

    def restore(self) -> None:
        """Put the editor's text back into the history after trying fixed ones (other documents read it)."""
        if self._tried:
            self._lint(self.text)
            self._tried = False

    @property
    def before(self) -> tuple[Report | None, list[Finding]]:
        """The report and findings of the text as it is."""
        if self._before is None:
            self._before = self._lint(self.text)
        return self._before

    def _verified(self, candidate: str, fixed: tuple[Finding, ...]) -> bool:
        _, findings = self.before
        _, after = self._lint(candidate)
        return verified(findings, after, list(fixed)) is None

    def fix(self, finding: Finding) -> Change | None:
        """The rule's fix for ``finding``, when it has one that verifies."""
        report, findings = self.before
        rule = RULES_BY_CODE.get(finding.code)
        if report is None or rule is None or rule.fix_safety is None or finding not in findings:
            return None
        fix = rule.fix(report, finding)
        if fix is None:
            return None
        candidate = apply_edits(self.text, list(fix.edits), detect_newline(self.text))
        if candidate == self.text or not self._verified(candidate, fix.findings):
            return None
        safety = "" if fix.safe else " (unsafe)"
        return Change(f"{finding.code}: {fix.description}{safety}", candidate, fix.findings, preferred=fix.safe)

    def disable(self, finding: Finding) -> Change | None:
        """A ``disable-next-line`` comment above the finding's line, indented as that line."""
        _, findings = self.before
        if finding.code in _NOT_PER_LINE or finding not in findings:
            return None
        lines = self.text.split("\n")  # only the indentation of the line is read
        line = lines[finding.line - 1] if finding.line <= len(lines) else ""
        indent = _INDENT.match(line)
        prefix = indent.group() if indent is not None else ""
        comment = f"{prefix}<!-- compass-lint disable-next-line {finding.code} -->"
        edit = Edit(finding.line, finding.line - 1, (comment,))
        candidate = apply_edits(self.text, [edit], detect_newline(self.text))
        if not self._verified(candidate, (finding,)):
            return None
        return Change(f"Disable {finding.code} for this line", candidate, (finding,))

    def fix_all(self) -> Change | None:
        """Every safe fix, in rounds, as ``compass-lint fix`` applies them."""
        self._tried = True
        result = fix_file(self.path, self.text.encode("utf-8"), self.config, self.session.options, False, self.history)
        if not result.outcome.applied or result.outcome.text == self.text:
            return None
        fixed = tuple(f for fix in result.outcome.applied for f in fix.findings)
        return Change("Fix all safe compass-lint problems", result.outcome.text, fixed)


def code_action(
    change: Change, before: str, kind: str, uri: str, encoding: str, diagnostics: list[types.Diagnostic]
) -> types.CodeAction | None:
    """A change of the text ``before`` as a code action that edits the document (None: it changes nothing)."""
    edit = line_edit(before, change.text, encoding)
    if edit is None:
        return None
    return types.CodeAction(
        title=change.title,
        kind=kind,
        diagnostics=diagnostics or None,
        is_preferred=change.preferred or None,
        edit=types.WorkspaceEdit(changes={uri: [edit]}),
    )


def wanted(kind: str, only: list[str] | None) -> bool:
    """Whether the client asked for actions of ``kind`` (``only`` lists kinds or their parents)."""
    return only is None or any(kind == asked or kind.startswith(f"{asked}.") for asked in only)
