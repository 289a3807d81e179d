"""compass-lint: a linter for recurring team meeting reports."""

from __future__ import annotations

__version__ = "0.1.0"
