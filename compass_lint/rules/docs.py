"""docs/rules.md, generated from the rules' docstrings (tests/test_rules_doc.py keeps it in sync).

Regenerate with ``python -m compass_lint.rules.docs > docs/rules.md``.
"""

from __future__ import annotations

import re

from compass_lint.rules import ALL_RULES
from compass_lint.rules.base import Rule, SchemaRule


def _facts(rule: type[Rule]) -> str:
    """The rule's outline keywords and fix, as a line under its heading ("" when it has neither)."""
    defines = rule.defines if issubclass(rule, SchemaRule) else None
    keywords = [f"`{keyword}`" for keyword in (defines, *rule.reads) if keyword]
    facts = []
    if keywords:
        facts.append(f"Outline keywords: {', '.join(keywords)}.")
    if rule.fix_safety is not None:
        facts.append(f"Fix: {rule.fix_safety.value} (`compass-lint fix`).")
    return " ".join(facts)


_LITERAL = re.compile(r"``(.+?)``", re.DOTALL)  # inline code may wrap onto the next line


def plain_text(documentation: str) -> str:
    """A rule's docstring as a terminal shows it (``compass-lint explain``), not as raw reStructuredText.

    The docstrings use a small part of reStructuredText: ``Fails::`` opens an
    indented literal block (shown as ``Fails:``, the block kept as written) and
    double backquotes mark code (shown with single ones, as Markdown writes it).
    Inside a literal block nothing is touched: it is the report text to type.
    """
    out: list[str] = []
    prose: list[str] = []  # the prose lines since the last literal block
    literal = False  # inside an indented block opened by "::"
    for line in documentation.splitlines():
        if literal and line and not line.startswith((" ", "\t")):
            literal = False
        if literal:
            out.append(line)
            continue
        if line.rstrip().endswith("::"):
            literal = True
            head = line.rstrip()[:-2].rstrip()
            line = head if not head or line.rstrip()[-3:-2].isspace() else head + ":"
        if line or not literal:  # a lone "::" introduces the block and shows nothing
            prose.append(line)
        if literal:
            out.append(_LITERAL.sub(r"`\1`", "\n".join(prose)))
            prose = []
    if prose:
        out.append(_LITERAL.sub(r"`\1`", "\n".join(prose)))
    return "\n".join(out)


def render_markdown() -> str:
    """Every rule: code, name, default severity, scope, fix, keywords and documentation."""
    lines = [
        "# Rules",
        "",
        "Generated from the rules' docstrings by `python -m compass_lint.rules.docs`; also shown by",
        "`compass-lint rules` and `compass-lint explain CODE`. Codes are a public contract: they are never",
        "renumbered or reused.",
        "",
        "| code | name | default | scope | fix | summary |",
        "|---|---|---|---|---|---|",
    ]
    ordered = sorted(ALL_RULES, key=lambda r: r.code)
    for rule in ordered:
        default = rule.severity.value if getattr(rule, "enabled_by_default", True) else "off"
        fix = rule.fix_safety.value if rule.fix_safety is not None else ""
        lines.append(f"| {rule.code} | {rule.name} | {default} | {rule.scope} | {fix} | {rule.summary()} |")
    for rule in ordered:
        facts = _facts(rule)
        lines += ["", f"## {rule.code} {rule.name}", "", *([facts, ""] if facts else []), rule.documentation()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render_markdown(), end="")
