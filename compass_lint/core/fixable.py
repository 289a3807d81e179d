"""Which rules can fix their findings, and how safely: what the text output marks ``[*]``.

The rules say it themselves (``Rule.fix_safety``); this table repeats it so
that printing a finding does not import the rule modules (and with them
jsonschema and mistune), which a run served from the cache never loads.
``tests/unit/test_fixable.py`` holds the two in step.
"""

from __future__ import annotations

from collections.abc import Mapping

SAFE = "safe"
UNSAFE = "unsafe"
# Safe in the usual case, unsafe in another (CL106 on a list item with nested lines):
# marked fixable, as what ``compass-lint fix`` usually repairs.
DEPENDS = "safe or unsafe"

FIX_SAFETY: Mapping[str, str] = {
    "CL101": SAFE,
    "CL103": SAFE,
    "CL106": DEPENDS,
    "CL303": UNSAFE,
    "CL401": UNSAFE,
}


def fixable(code: str) -> bool:
    """Whether ``compass-lint fix`` repairs findings of ``code`` without ``--unsafe-fixes``."""
    return FIX_SAFETY.get(code, UNSAFE) != UNSAFE


def fix_counts(counts: Mapping[str, int]) -> tuple[int, int]:
    """Of findings counted by code: how many ``fix`` repairs, and how many only ``fix --unsafe-fixes`` does."""
    safe = sum(count for code, count in counts.items() if fixable(code))
    unsafe = sum(count for code, count in counts.items() if FIX_SAFETY.get(code) == UNSAFE)
    return safe, unsafe
