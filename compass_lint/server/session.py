"""What the language server knows between requests: configurations, histories, and how to lint a buffer.

Nothing here speaks the protocol. A document is linted through the engine
(``compass_lint.engine.runner.check_file``), exactly as ``check`` lints a
file, with its text taken from the editor. Its predecessors are read through
``History`` with a reader that prefers an open buffer to the file on disk.

One ``History`` per configuration file lives as long as the files it read
stay as they were: an open buffer that changes is read into it again by
``check_file`` itself (``History.remember``); a file changed on disk, or a
buffer closed without saving, drops it (``forget_files``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from compass_lint.core.deadline import deadline
from compass_lint.core.finding import Finding
from compass_lint.core.settings import Config
from compass_lint.engine.config import ConfigError, load_config
from compass_lint.engine.context import config_for, identity_for, schema_for
from compass_lint.engine.runner import RunOptions, check_file, lint_one
from compass_lint.markdown.source import SourceText, decode
from compass_lint.model.report import Report
from compass_lint.outline import schema as outline_schema
from compass_lint.outline.spec import Outline
from compass_lint.series.discovery import head_of, is_report
from compass_lint.series.history import History
from compass_lint.series.membership import excluded
from compass_lint.series.reading import Reader, read_file

# Files whose change means the configuration (or a schema it names) must be read again.
CONFIG_NAMES = (".compass-lint.toml", "pyproject.toml")
SCHEMA_SUFFIXES = (".json", ".yaml", ".yml")


class OverBudget(Exception):
    """A request's work on a document ran past the configured time budget."""


@dataclass(frozen=True)
class Linted:
    """A document's findings at one version (``report``: False when it is not a report)."""

    path: str
    version: int | None
    findings: tuple[Finding, ...]
    report: bool = True


class Session:
    """Configurations found per folder, one ``History`` per configuration, and linting.

    ``open_buffer`` gives the bytes of a document open in the editor by its
    resolved path (None: not open); ``log`` reports a problem to the editor.
    """

    def __init__(self, open_buffer: Reader, log: Callable[[str], None]) -> None:
        self._open_buffer = open_buffer
        self._log = log
        self._configs: dict[str, Config] = {}  # by folder
        self._good: dict[str, Config] = {}  # the last configuration that loaded, by folder
        self._histories: dict[Path | None, History] = {}  # by configuration file
        self.options = RunOptions()

    def config(self, folder: str) -> Config:
        """The configuration for documents in ``folder``, found upward as the CLI does.

        A configuration broken while the editor is open is logged, and the last
        one that loaded (else the defaults) stays in force until it is fixed.
        """
        found = self._configs.get(folder)
        if found is None:
            try:
                found = self._good[folder] = load_config(start=Path(folder))
            except ConfigError as error:
                self._log(f"configuration not used: {error}")
                found = self._good.get(folder) or Config()
            self._configs[folder] = found
        return found

    def history(self, config: Config) -> History:
        """The history store of a configuration (made on first use)."""
        key = config.source
        if key not in self._histories:

            def outline(path: str) -> Outline:
                return identity_for(path, config).outline

            self._histories[key] = History(config, outline, read=self._read)
        return self._histories[key]

    def _read(self, key: str) -> bytes | None:
        buffer = self._open_buffer(key)
        return buffer if buffer is not None else read_file(key)

    def forget_files(self) -> None:
        """Reports changed on disk (or a buffer was closed): read every series again when next asked."""
        self._histories.clear()

    def forget_config(self) -> None:
        """A configuration or schema file changed: find and read them again (and every series)."""
        self._configs.clear()
        self._histories.clear()
        outline_schema.load_schema.cache_clear()
        outline_schema.schema_identity.cache_clear()

    def settings(self, path: str) -> Config:
        """The configuration for the document at ``path`` (its series' overrides applied)."""
        config = self.config(os.path.dirname(path))
        return config_for(path, config)

    def wanted(self, path: str, data: bytes) -> bool:
        """Whether ``path`` is a report compass-lint checks, as discovery decides for ``check .``
        (``compass_lint.series.discovery``), from the editor's text rather than the saved file.

        A buffer that cannot be decoded (a NUL byte, invalid UTF-8) is checked:
        its CL901 finding says why it cannot be read.
        """
        config = self.config(os.path.dirname(path))
        source = decode(data, config.max_file_size)
        if not isinstance(source, SourceText):
            return not excluded(path, config.exclude, config.root)
        outline = None if config.series else identity_for(path, config, None).outline
        return is_report(path, head_of(source.text), config, outline).report

    def lint(self, path: str, data: bytes, version: int | None) -> Linted:
        """Every finding ``check`` would report for ``data`` as the content of ``path``."""
        if not self.wanted(path, data):
            return Linted(path, version, (), report=False)
        config = self.config(os.path.dirname(path))
        findings = check_file(path, config, self.options, self.history(config), data)
        return Linted(path, version, tuple(findings))

    def report(self, path: str, data: bytes) -> Report | None:
        """The report model of ``data`` (None when it does not parse), within the time budget."""
        config = self.config(os.path.dirname(path))
        settings = config_for(path, config)
        with deadline(settings.time_budget, OverBudget):
            return lint_one(path, settings, schema_for(path, config), data).report

    def context(self, path: str) -> tuple[Config, History]:
        """What ``compass_lint.edit`` needs to fix the document at ``path``."""
        config = self.config(os.path.dirname(path))
        return config, self.history(config)
