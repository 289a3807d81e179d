"""Running the linter over many files: schemas per file, errors contained.

A failure inside compass-lint on one file becomes finding CL900 for that
file and the run goes on: no traceback ever reaches the user.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from compass_lint.core.deadline import deadline
from compass_lint.core.digest import digest
from compass_lint.core.finding import Finding, Problem, Tally
from compass_lint.core.settings import Config
from compass_lint.engine.cache import Cache, code_fingerprint
from compass_lint.engine.context import config_for, identity_for, schema_for
from compass_lint.engine.outbox import InOrder, Sink, progress
from compass_lint.markdown.source import FileTooLarge, read_capped, read_regular, refuse_outside
from compass_lint.outline.schema import CompiledSchema, SchemaLoadError
from compass_lint.series.discovery import Verdict
from compass_lint.series.history import History

if TYPE_CHECKING:
    from compass_lint.engine.linter import FileResult

# The linter (and with it mistune, jsonschema and the rules) is imported when a
# file has to be linted: a run served from the cache never needs it.


class OverBudget(Exception):
    """Raised by the timer when a file exceeds its time budget."""


def budget_message(seconds: float) -> str:
    """What CL902 and the notes of ``fix`` say: the limit is wall-clock time, so it is not a result."""
    return f"gave up after the {seconds:g} s time budget (wall clock; a re-run may pass)"


@dataclass
class RunResult:
    """A run's findings in output order (unless they were streamed out), and counts."""

    findings: list[Finding] = field(default_factory=list)
    files_checked: int = 0
    cache_hits: int = 0
    tally: Tally = field(default_factory=Tally)


def read_input(path: str, limit: int, root: Path | None = None) -> bytes:
    """The bytes of a report (``-`` is standard input), at most ``limit`` (see ``read_regular``).

    With ``root``, a symbolic link out of it is refused (``OutsideRoot``): its lines would be quoted.
    """
    if path == "-":
        return read_capped(sys.stdin.buffer, limit, "standard input")
    if root is not None:
        refuse_outside(path, root)
    return read_regular(path, limit)


def unreadable(path: str, error: OSError, config: Config) -> FileResult:
    """The CL901 result for a file that could not be read."""
    # start-up: see lint_one
    from compass_lint.engine.linter import FileResult, stamp

    if isinstance(error, FileTooLarge):
        message = str(error.strerror)  # the same wording as a size found after the read
    else:
        message = f"cannot read file ({error.strerror or error})"
    return FileResult(path, stamp(path, [Problem(1, 1, "CL901", message)], config))


def lint_one(path: str, config: Config, schema: CompiledSchema, data: bytes | None = None) -> FileResult:
    """Lint one file, turning read errors into CL901 and crashes into CL900."""
    # start-up: the linter (mistune, jsonschema, the rules) loads only when a file is linted:
    # a run served from the cache never needs it
    from compass_lint.engine.linter import FileResult, lint_bytes, stamp

    try:
        raw = data if data is not None else read_input(path, config.max_file_size, config.root)
    except OSError as error:
        return unreadable(path, error, config)
    try:
        return lint_bytes(path, raw, schema, config)
    except RecursionError:
        problem = Problem(1, 1, "CL902", "the file is nested too deeply to check")
        return FileResult(path, stamp(path, [problem], config))
    except (OverBudget, SchemaLoadError):
        raise
    except Exception as error:  # noqa: BLE001 - one bad file must not stop the run
        problem = Problem(
            1,
            1,
            "CL900",
            f"compass-lint failed on this file ({type(error).__name__}: {error}); please report it",
        )
        return FileResult(path, stamp(path, [problem], config))


def history_findings(
    path: str, outcome: FileResult, history: History, config: Config, on_disk: bool = False
) -> list[Finding]:
    """Findings of the rules that compare a report with its predecessor (``on_disk``: see ``History.remember``)."""
    # start-up: the linter loads only when a file is linted (see lint_one)
    from compass_lint.engine.linter import stamp
    from compass_lint.rules import PAIR_RULES, PairContext

    if outcome.report is None or outcome.source is None or path == "-":
        return []
    history.remember(path, outcome.report, outcome.source, on_disk)
    previous = history.previous(path)
    if previous is None:
        return []
    pair = PairContext(
        current=history.load(path),
        previous=history.load(previous),
        threads=history.threads(path, to_end=config.stale_report == "latest"),
        config=config,
    )
    problems = [problem for rule in PAIR_RULES for problem in rule.check(pair)]
    return stamp(path, problems, config, outcome.report.suppressions)


class RunOptions(NamedTuple):
    """How a run is done (beyond the configuration)."""

    schema_override: str | None = None
    history: bool = True
    stdin_filename: str | None = None
    jobs: int | None = None
    cache_dir: Path | None = None
    progress: bool = False


def time_budget(seconds: float) -> AbstractContextManager[None]:
    """Interrupt the block with ``OverBudget`` after ``seconds`` (see ``compass_lint.core.deadline``)."""
    return deadline(seconds, OverBudget)


def check_file(path: str, config: Config, options: RunOptions, history: History, data: bytes | None) -> list[Finding]:
    """All findings for one file, within the configured time budget."""
    # start-up: the linter loads only when a file is linted (see lint_one)
    from compass_lint.engine.linter import stamp

    file_config = config_for(path, config)
    schema = schema_for(path, config, options.schema_override)
    try:
        with time_budget(file_config.time_budget):
            outcome = lint_one(path, file_config, schema, data)
            if options.history and outcome.report is not None:
                try:
                    on_disk = data is None  # read from the file, not standard input
                    outcome.findings.extend(history_findings(path, outcome, history, file_config, on_disk))
                except (OverBudget, RecursionError, SchemaLoadError):
                    raise
                except Exception as error:  # noqa: BLE001 - history must not stop the run
                    problem = Problem(1, 1, "CL900", f"history check failed ({type(error).__name__}: {error})")
                    outcome.findings.extend(stamp(path, [problem], file_config))
    except OverBudget:
        return stamp(path, [Problem(1, 1, "CL902", budget_message(file_config.time_budget))], file_config)
    return sorted(outcome.findings, key=lambda f: f.sort_key)


def _lint_batch(
    batch: list[tuple[int, str]], config: Config, options: RunOptions
) -> Iterator[tuple[int, list[Finding]]]:
    """Worker: lint a batch of files with a history store of its own, yielding each file's findings when done."""
    history = History(config, lambda p: identity_for(p, config, options.schema_override).outline)
    for index, path in batch:
        yield index, check_file(path, config, options, history, None)


_BATCH = 1000


def _jobs(requested: int | None, count: int) -> int:
    if requested is not None:
        return max(1, min(requested, count))
    # Process start-up costs about as much as checking a dozen reports.
    return max(1, min(os.cpu_count() or 1, count // 16))


def _cache_key(path: str, config: Config, options: RunOptions, history: History) -> str | None:
    # With history on, the chain covers every earlier report of the series too.
    # (Asked first: listing the folder tells which files are plain files, not links.)
    # With ``stale-report = "latest"``, CL301 in a report depends on the later reports too.
    whole = config_for(path, config).stale_report == "latest"
    chain = history.chain_digest(path, whole) if options.history else ""
    content = history.content_digest(path)
    if content is None:
        return None
    schema = identity_for(path, config, options.schema_override)
    parts = (repr(config_for(path, config)), schema.fingerprint, repr(options.history), content, chain)
    return digest(*parts, code_fingerprint())


def shown_paths(files: list[str], options: RunOptions) -> list[str]:
    """The path each file's findings carry: standard input's is ``--stdin-filename`` (or ``-``)."""
    return [(options.stdin_filename or "-") if path == "-" else path for path in files]


def per_file(files: list[str], options: RunOptions, handle: Callable[[str, list[Finding]], None]) -> Sink:
    """A sink for ``run`` that passes each file's findings on to ``handle`` with the file's path.

    ``run`` calls its sink once per file, in the order of the paths findings carry.
    """
    paths = iter(sorted(shown_paths(files, options)))
    return lambda findings: handle(next(paths), findings)


def run(
    files: list[str],
    config: Config,
    options: RunOptions | None = None,
    emit: Sink | None = None,
    verdicts: Mapping[str, Verdict] | None = None,
) -> RunResult:
    """Lint every file (in parallel and from the cache when possible), in a stable order.

    ``verdicts``: what discovery found for these files (``Discovered.verdicts``),
    so that history does not judge them again.

    Findings come sorted by path, line and column. With ``emit``, each file's
    findings are handed to it in that order as soon as they are known, and
    the result keeps only the tally: memory then stays flat however many
    files and findings a run has.
    """
    options = options or RunOptions()
    result = RunResult(files_checked=len(files))

    def sink(findings: list[Finding]) -> None:
        result.tally.add(findings)
        if emit is not None:
            emit(findings)
        else:
            result.findings.extend(findings)

    history = History(
        config,
        lambda p: identity_for(p, config, options.schema_override).outline,
        want_digests=options.cache_dir is not None,
    )
    # The folder walk judged every file already: each series then reads only its other members' heads.
    for path, verdict in (verdicts or {}).items():
        history.judged(path, verdict)
    cache = Cache(options.cache_dir)
    shown = shown_paths(files, options)
    # Every finding of a file carries its path: files in path order give findings in sort order.
    order = sorted(range(len(files)), key=shown.__getitem__)
    outbox = InOrder(order, sink)
    keys: dict[int, str] = {}
    todo: list[int] = []
    for index in order:
        path = files[index]
        if path == "-":
            try:
                data = read_input("-", config_for(shown[index], config).max_file_size)
            except OSError as error:
                outbox.done(index, unreadable(shown[index], error, config).findings)
                continue
            history_on = options.history and options.stdin_filename is not None
            single = options._replace(history=history_on)
            outbox.done(index, check_file(shown[index], config, single, history, data))
            continue
        key = _cache_key(path, config, options, history) if options.cache_dir else None
        cached = cache.get(path, key) if key else None
        if cached is not None:
            outbox.done(index, cached)
            continue
        if key:
            keys[index] = key
        todo.append(index)

    def finish(index: int, findings: list[Finding]) -> None:
        key = keys.pop(index, None)
        # A run out of time is no result: a re-run on a quiet machine may pass, so it is never stored.
        if key is not None and not any(f.code == "CL902" for f in findings):
            cache.put(files[index], key, findings)
        outbox.done(index, findings)

    jobs = _jobs(options.jobs, len(todo))
    # Contiguous batches: a report's predecessors are usually its neighbours in
    # the list, so each worker parses what it needs once instead of twice. About
    # _BATCH files each at most, as many per worker (so no worker is left alone
    # with the last one): the main process holds a batch's findings until the
    # batches before it are written; a batch start re-reads a few predecessors.
    rounds = -(-len(todo) // (jobs * _BATCH)) if todo else 1
    size = -(-len(todo) // (jobs * rounds)) if todo else 1
    batches = [todo[i : i + size] for i in range(0, len(todo), size)] or [todo]
    with progress(options.progress and len(todo) > 50, len(todo)) as advance:
        if jobs > 1:
            # start-up: it pulls in multiprocessing, logging and sockets, which a one-file pre-commit run never needs
            from compass_lint.engine.pool import stream

            work = [[(index, files[index]) for index in batch] for batch in batches]
            # Each file's findings arrive as soon as its worker is done with it.
            for index, findings in stream(jobs, _lint_batch, work, (config, options)):
                finish(index, findings)
                advance()
        else:
            for index in todo:
                finish(index, check_file(files[index], config, options, history, None))
                advance()
    assert outbox.finished, "every file is passed on"
    result.cache_hits = cache.hits
    return result
