"""docs/rules.md, generated from the rules' docstrings (a test keeps it in sync).

Regenerate with ``python -m compass_lint.rules.docs > docs/rules.md``.
"""

from __future__ import annotations

from compass_lint.rules import ALL_RULES


def render_markdown() -> str:
    """Every rule: code, name, default severity, scope and documentation."""
    lines = [
        "# Rules",
        "",
        "Generated from the rules' docstrings by `python -m compass_lint.rules.docs`; also shown by",
        "`compass-lint rules` and `compass-lint explain CODE`. Codes are a public contract: they are never",
        "renumbered or reused.",
        "",
        "| code | name | default | scope | summary |",
        "|---|---|---|---|---|",
    ]
    ordered = sorted(ALL_RULES, key=lambda r: r.code)
    for rule in ordered:
        default = rule.severity.value if getattr(rule, "enabled_by_default", True) else "off"
        lines.append(f"| {rule.code} | {rule.name} | {default} | {rule.scope} | {rule.summary()} |")
    for rule in ordered:
        lines += ["", f"## {rule.code} {rule.name}", "", rule.documentation()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render_markdown(), end="")
