"""``python -m compass_lint``."""

from __future__ import annotations

from compass_lint.cli.main import run_main

if __name__ == "__main__":
    run_main()
