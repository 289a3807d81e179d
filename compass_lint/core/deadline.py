"""Time limits for pure-Python work that may not end (hostile Markdown or schemas).

SIGALRM interrupts the running code with an exception. The timer re-fires
every 50 ms after the first expiry, because library code with a broad
``except`` could swallow the first one; disarming retries until no alarm is
pending, so a late alarm cannot escape the block. Nested limits restore the
outer one. Only the main thread of a POSIX process can use SIGALRM: elsewhere
the block simply runs unbounded.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

_REFIRE = 0.05


@contextmanager
def deadline(seconds: float, error: Callable[[], BaseException]) -> Iterator[None]:
    """Raise ``error()`` in the block once it has run ``seconds``."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or seconds <= 0:
        yield
        return
    armed = True

    def expire(signum: int, frame: FrameType | None) -> None:
        # An exception raised inside a garbage-collector callback is printed
        # and dropped ("Exception ignored in"); the re-fire 50 ms later lands
        # in ordinary code instead.
        if armed and not (frame is not None and "gc_callback" in frame.f_code.co_name):
            raise error()

    previous = signal.signal(signal.SIGALRM, expire)
    outer = signal.setitimer(signal.ITIMER_REAL, seconds, _REFIRE)[0]
    try:
        yield
    finally:
        while True:
            try:
                armed = False
                signal.setitimer(signal.ITIMER_REAL, 0)
                break
            except BaseException:  # noqa: BLE001 - an alarm that landed during clean-up
                continue
        signal.signal(signal.SIGALRM, previous)
        if outer:
            signal.setitimer(signal.ITIMER_REAL, outer, _REFIRE)
