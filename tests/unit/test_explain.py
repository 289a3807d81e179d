"""``compass-lint explain`` prints readable text, not raw reStructuredText."""

from __future__ import annotations

import pytest
from builders import Cli

from compass_lint.rules import ALL_RULES, Rule
from compass_lint.rules.docs import plain_text


def test_literal_blocks_and_code_are_rendered() -> None:
    doc = "With ``x-level``.\n\nFails::\n\n    **2. Decisions ``kept``**\n\nPasses ::\n\n    ## 2. Done\n\nAfter."
    assert plain_text(doc) == (
        "With `x-level`.\n\nFails:\n\n    **2. Decisions ``kept``**\n\nPasses\n\n    ## 2. Done\n\nAfter."
    )


def test_a_lone_double_colon_line_disappears() -> None:
    assert plain_text("Text\n\n::\n\n    block ``a``\nend ``b``") == "Text\n\n\n    block ``a``\nend `b`"
    assert plain_text("a ``wrapped\ncode`` b") == "a `wrapped\ncode` b"


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_explain_has_no_rst_left(rule: type[Rule], cli: Cli) -> None:
    done = cli("explain", rule.code)
    assert done.code == 0
    prose = [line for line in done.out.splitlines() if not line.startswith("    ")]
    assert not any(line.rstrip().endswith("::") for line in prose), done.out
    assert not any("``" in line for line in prose), done.out


def test_explain_shows_the_example_and_the_fix(cli: Cli) -> None:
    out = cli("explain", "not-a-heading").out
    assert out.startswith("CL106 not-a-heading (default: error, fix: safe or unsafe with compass-lint fix)\n")
    assert "\nFails:\n\n    **2. Decisions needed**\n\nPasses:\n\n    ## 2. Decisions needed\n" in out
    assert "fix: unsafe with compass-lint fix --unsafe-fixes)" in cli("explain", "CL303").out
    assert cli("explain", "CL904").out.splitlines()[2] == (
        "A `<!-- compass-lint … -->` comment names a rule code that does not exist."
    )
