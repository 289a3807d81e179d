"""Findings: the immutable result of every check, and their severities."""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable
from operator import attrgetter
from typing import NamedTuple


class Severity(enum.Enum):
    """How much a finding matters; ``OFF`` only appears in configuration."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    OFF = "off"

    # Members are singletons and compare by identity: hash them so too. Enum's
    # own __hash__ is Python code, and a run counts every finding by severity.
    __hash__ = object.__hash__

    @property
    def rank(self) -> int:
        """Higher is more severe (used to order and to decide exit codes)."""
        return {"error": 3, "warning": 2, "info": 1, "off": 0}[self.value]


class Location(NamedTuple):
    """A place in a file, 1-based, used for related locations."""

    path: str
    line: int


class Finding(NamedTuple):
    """One problem at one place.

    ``line`` and ``column`` are 1-based and never missing: a finding about a
    whole section sits on the section's heading, one about a whole file on
    line 1.
    """

    path: str
    line: int
    column: int
    code: str
    name: str
    severity: Severity
    message: str
    end_line: int | None = None
    end_column: int | None = None
    related: tuple[Location, ...] = ()
    json_path: str | None = None
    owner: str | None = None  # an action item's owner (CL301), as data for the job summary

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Findings are always shown in this order."""
        return (self.path, self.line, self.column, self.code, self.message)


class Problem(NamedTuple):
    """What a check yields before the linter stamps path, name and severity.

    Checks only know where and what; which file, which rule name and what
    severity the user configured are the linter's business (as in yamllint).
    """

    line: int
    column: int
    code: str
    message: str
    end_line: int | None = None
    end_column: int | None = None
    related: tuple[Location, ...] = ()
    json_path: str | None = None
    owner: str | None = None


class Tally:
    """What a run's summary, statistics and exit code need: counts, not the findings.

    A run over many files streams its findings out and keeps only this, so
    its memory does not grow with the number of findings.
    """

    def __init__(self, findings: Iterable[Finding] = ()) -> None:
        self.severities: Counter[Severity] = Counter()
        self.rules: Counter[tuple[str, str]] = Counter()
        self.paths: set[str] = set()
        self.add(findings)

    def add(self, findings: Iterable[Finding]) -> None:
        """Count more findings."""
        if not isinstance(findings, (list, tuple)):
            findings = list(findings)
        # Three passes that count in C beat one Python loop over every finding.
        self.severities.update(map(attrgetter("severity"), findings))
        self.rules.update(map(attrgetter("code", "name"), findings))
        self.paths.update(map(attrgetter("path"), findings))

    @property
    def total(self) -> int:
        """How many findings were counted."""
        return sum(self.severities.values())
