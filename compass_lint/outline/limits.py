"""Limits on what a user's schema may cost: size, nesting and validation work.

Every limit here counts something (bytes, levels, keyword evaluations), never
seconds: the same schema and report give the same answer on a laptop, under
``--jobs 8`` and on a loaded CI runner. ``check_schema`` lets through schemas
that validate for seconds (exponential ``anyOf``/``$ref`` chains); counting the
keyword evaluations of one validation stops them after a fixed amount of work.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

MAX_SCHEMA_BYTES = 256 * 1024
MAX_SCHEMA_DEPTH = 64
# Keyword evaluations in one validation of one report. The builtin outline, compiled as a
# user schema, needs at most 60 on 959 real and fixture reports; an exponential schema, millions.
# 10,000 steps take about 0.25 s (each anyOf branch builds its errors).
MAX_VALIDATION_STEPS = 10_000

Keyword = Callable[[Any, Any, Any, Any], Any]


class TooMuchWork(Exception):
    """A validation passed ``MAX_VALIDATION_STEPS`` keyword evaluations."""


def depth(value: Any, limit: int) -> int:
    """How deeply ``value`` nests (counted up to just past ``limit``), without recursion."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    deepest = 0
    while stack:
        current, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > limit:
            return deepest
        if isinstance(current, dict):
            stack.extend((v, level + 1) for v in current.values())
        elif isinstance(current, list):
            stack.extend((v, level + 1) for v in current)
    return deepest


class StepCounter:
    """Counts the keyword evaluations of one validation; ``TooMuchWork`` past the limit."""

    def __init__(self, limit: int = MAX_VALIDATION_STEPS) -> None:
        self.limit = limit
        self.left = limit

    def reset(self) -> None:
        """Start counting a new validation."""
        self.left = self.limit

    def counted(self, keywords: Mapping[str, Keyword]) -> dict[str, Keyword]:
        """The same keyword functions, each evaluation counted (``$ref`` and ``anyOf`` included)."""
        return {name: self._counting(function) for name, function in keywords.items()}

    def _counting(self, function: Keyword) -> Keyword:
        def step(validator: Any, value: Any, instance: Any, schema: Any) -> Any:
            self.left -= 1
            if self.left < 0:
                raise TooMuchWork
            return function(validator, value, instance, schema)

        return step
