"""Worker processes that hand back each file's result as soon as it is done.

A worker lints a whole contiguous batch (a report's predecessors are usually
its neighbours, so it parses each once), but it does not wait for the end of
the batch to return anything: each item's result goes through a queue the
moment it is known. The main process can then write findings and move the
progress bar file by file instead of in jumps of a thousand.
"""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from compass_lint.engine.workers import watch_parent

T = TypeVar("T")

Work = Callable[..., Iterator[tuple[int, T]]]
"""A worker function: given a batch of ``(index, item)`` (and more arguments), yields ``(index, result)``."""

_OUTBOX: Any = None  # the queue, in a worker process (set by its initializer)

# How long the main process waits for a result before it looks whether a worker failed.
_POLL_SECONDS = 0.2


def _start_worker(outbox: Any) -> None:
    global _OUTBOX  # one queue per worker process, set once at its start
    _OUTBOX = outbox
    watch_parent()  # a worker whose parent was killed exits instead of waiting on the queue forever


def _run_batch(work: Work[T], batch: Sequence[tuple[int, Any]], arguments: tuple[Any, ...]) -> None:
    for index, result in work(batch, *arguments):
        _OUTBOX.put((index, result))


def stream(
    jobs: int, work: Work[T], batches: Sequence[Sequence[tuple[int, Any]]], arguments: tuple[Any, ...]
) -> Iterator[tuple[int, T]]:
    """Run ``work(batch, *arguments)`` for every batch in ``jobs`` processes; yield each ``(index, result)``
    as it arrives (one batch's items in order; batches interleaved).

    A worker's exception (or a worker killed) is raised here, not waited on forever.
    """
    expected = sum(len(batch) for batch in batches)
    outbox: Any = multiprocessing.get_context().Queue()
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(outbox,)) as pool:
        futures: list[Future[None]] = [pool.submit(_run_batch, work, batch, arguments) for batch in batches]
        received = 0
        while received < expected:
            try:
                item: tuple[int, T] = outbox.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                _raise_failure(futures)
                continue
            received += 1
            yield item
    outbox.close()


def _raise_failure(futures: list[Future[None]]) -> None:
    """Raise the first worker failure; results of finished batches may still be in the queue."""
    for future in futures:
        if future.done():
            error = future.exception()
            if error is not None:
                raise error
