"""``python -m compass_lint``."""

from __future__ import annotations

import sys

from compass_lint.cli import main

if __name__ == "__main__":
    sys.exit(main())
