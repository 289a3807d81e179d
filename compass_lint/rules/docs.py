"""docs/rules.md, generated from the rules' docstrings (tests/test_rules_doc.py keeps it in sync).

Regenerate with ``python -m compass_lint.rules.docs > docs/rules.md``.
"""

from __future__ import annotations

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
