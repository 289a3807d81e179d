"""``--jobs`` worker processes: they end when the process that started them dies.

A parent killed with SIGKILL cannot tell its workers; they would finish their
batch and then wait on their queue forever. Each worker runs a watchdog
thread that polls its parent id: when the parent is gone, the worker is
re-parented (its parent id changes) and exits at once. Polling is portable
(Linux's PR_SET_PDEATHSIG is tied to the thread that forked, which in a pool
need not be the main one).
"""

from __future__ import annotations

import os
import threading
import time

_POLL_SECONDS = 0.2


def watch_parent() -> None:
    """Pool initializer: start the watchdog of this worker."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_POLL_SECONDS)
        os._exit(1)  # no clean-up: the run it was part of is gone

    threading.Thread(target=watch, name="compass-lint-parent-watch", daemon=True).start()
