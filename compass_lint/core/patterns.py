"""Regular expressions written by users (config and schemas), run on a linear-time engine.

Python's ``re`` backtracks: ``^(a|aa)+$`` takes exponential time on a near
miss, and no shape-guessing guard catches every such pattern. A pull request
can change the config and the schemas, so their patterns run on RE2
(google-re2), whose matching time is linear in the text whatever the pattern.
RE2 has no backreferences and no lookaround; a pattern using them, or one
too large to compile (``a{99999999}``), is refused when the config or schema
is loaded, with an error naming where it was written (the CLI exits 2).
"""

from __future__ import annotations

from typing import Any

import re2  # type: ignore[import-untyped]

from compass_lint.core.safetext import escape_controls, quoted

# Long enough to recognise a pattern in an error, short enough for one line.
_SHOWN = 80


class PatternError(ValueError):
    """A user pattern RE2 cannot run; the message names where it was written."""


class UserPattern:
    """A compiled user pattern: ``search`` only (all that compass-lint asks of one)."""

    __slots__ = ("_compiled", "ignore_case", "pattern")

    def __init__(self, pattern: str, compiled: Any, ignore_case: bool) -> None:
        self.pattern = pattern
        self.ignore_case = ignore_case
        self._compiled = compiled

    def search(self, text: str) -> bool:
        """Whether the pattern matches anywhere in ``text``."""
        return self._compiled.search(text) is not None

    def __eq__(self, other: object) -> bool:
        # Outlines compare equal when read from equal schemas: compare what was written.
        if not isinstance(other, UserPattern):
            return NotImplemented
        return (self.pattern, self.ignore_case) == (other.pattern, other.ignore_case)

    def __hash__(self) -> int:
        return hash((self.pattern, self.ignore_case))

    def __repr__(self) -> str:
        return f"UserPattern({self.pattern!r})"


def _reason(error: Exception) -> str:
    raw = error.args[0] if error.args else str(error)
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    return escape_controls(text)


def compile_user_pattern(pattern: str, where: str, ignore_case: bool = False) -> UserPattern:
    """Compile ``pattern`` for RE2; ``PatternError`` naming ``where`` when RE2 cannot run it."""
    options = re2.Options()
    options.log_errors = False  # RE2 would print its own copy of the error on stderr
    options.case_sensitive = not ignore_case
    try:
        compiled = re2.compile(pattern, options=options)
    except (re2.error, TypeError, ValueError, OverflowError) as error:
        raise PatternError(
            f"{where}: the regular expression '{quoted(pattern, _SHOWN)}' cannot be used"
            f" ({_reason(error)}); compass-lint runs user patterns on RE2, which has no backreferences,"
            " lookaround or repeat counts over 1000"
        ) from None
    return UserPattern(pattern, compiled, ignore_case)
