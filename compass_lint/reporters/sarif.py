"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.

One run whose ``tool.driver.rules`` lists every rule compass-lint has (a
viewer can then explain any code), each result pointing at its rule by id and
index. Columns are counted in Unicode code points, as compass-lint counts
them. Paths become relative URIs with forward slashes (absolute paths become
``file://`` URIs).

``partialFingerprints["compassLint/v1"]`` identifies a finding across runs:
the sha256 of its path, code and message, with line numbers quoted in the
message blanked, so that editing the lines above a problem does not turn it
into a "new" alert. Findings that would share a fingerprint (the same message
twice in one file) are told apart by their order of occurrence.

Results are written as files are done, to a spool: the rules come before the
results in the log, and a code no rule declares gets its descriptor at the
end of the list when it first appears.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
from collections import Counter
from functools import lru_cache
from importlib import metadata
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from compass_lint import __version__
from compass_lint.core.finding import Finding, Severity
from compass_lint.reporters import Reporter, RunSummary
from compass_lint.reporters.json import JsonArray
from compass_lint.reporters.spool import Spool
from compass_lint.rules import ALL_RULES, Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "compassLint/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note", Severity.OFF: "none"}

# "line 12", "lines 3-5", "lines 3 to 5": positions, not identity.
_LINE_REFERENCE = re.compile(r"\b(lines?)\s+\d+(?:\s*(?:-|\u2013|to|and)\s*\d+)?", re.IGNORECASE)


def portable_path(path: str) -> str:
    """``path`` with forward slashes and no ``./`` noise, the same on every OS."""
    if os.sep != "/":
        path = path.replace(os.sep, "/")
    return posixpath.normpath(path) if path else path


def artifact_uri(path: str) -> str:
    """The path as a URI reference: relative and percent-encoded, or ``file://`` if absolute."""
    if PurePath(path).is_absolute():
        return Path(path).as_uri()
    # Percent-encode everything but "/" (":" too, so no first segment reads as a scheme).
    # A file name that is not UTF-8 (surrogate-escaped bytes) keeps its bytes, percent-encoded.
    return quote(portable_path(path), safe="/", errors="surrogateescape")


def fingerprints(findings: list[Finding]) -> list[str]:
    """One stable, unique hex fingerprint per finding (in order; see the module docstring)."""
    seen: Counter[str] = Counter()
    out = []
    for finding in findings:
        message = " ".join(_LINE_REFERENCE.sub(r"\1 N", finding.message).split())
        base = "\0".join((portable_path(finding.path), finding.code, message))
        occurrence = seen[base]
        seen[base] += 1
        out.append(hashlib.sha256(f"{base}\0{occurrence}".encode("utf-8", "replace")).hexdigest())
    return out


@lru_cache(maxsize=1)
def information_uri() -> str | None:
    """The project's home page from the installed package metadata, when it declares one."""
    try:
        meta = metadata.metadata("compass-lint")
    except metadata.PackageNotFoundError:
        return None
    candidates = [entry.partition(",")[2].strip() for entry in meta.get_all("Project-URL") or []]
    candidates.extend(meta.get_all("Home-page") or [])
    return next((url for url in candidates if url.startswith(("https://", "http://"))), None)


def _descriptor(rule: type[Rule]) -> dict[str, Any]:
    documentation = rule.documentation()
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {"text": documentation},
        "help": {"text": documentation},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }
    if rule.severity is Severity.OFF:
        descriptor["defaultConfiguration"]["enabled"] = False
    return descriptor


def _region(line: int, column: int | None, end_line: int | None, end_column: int | None) -> dict[str, int]:
    # Invalid numbers would make code scanning reject the whole upload: clamp, and drop bad ends.
    region = {"startLine": max(1, line)}
    if column is not None:
        region["startColumn"] = max(1, column)
    if end_line is not None and end_line >= region["startLine"]:
        region["endLine"] = end_line
    if end_column is not None and end_column >= 1:
        same_line = end_line is None or end_line == region["startLine"]
        if not same_line or end_column >= region.get("startColumn", 1):
            region["endColumn"] = end_column
    return region


def _location(path: str, region: dict[str, int]) -> dict[str, Any]:
    return {"artifactLocation": {"uri": artifact_uri(path)}, "region": region}


def _result(finding: Finding, rule_index: int, fingerprint: str) -> dict[str, Any]:
    region = _region(finding.line, finding.column, finding.end_line, finding.end_column)
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message or finding.name},
        "locations": [{"physicalLocation": _location(finding.path, region)}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if finding.related:
        result["relatedLocations"] = [
            {
                "id": number,
                "physicalLocation": _location(place.path, _region(place.line, None, None, None)),
                "message": {"text": f"related: {place.path}:{place.line}"},
            }
            for number, place in enumerate(finding.related, start=1)
        ]
    return result


def _log(extra_rules: list[dict[str, Any]], results: list[dict[str, Any]]) -> dict[str, Any]:
    """The SARIF log: every rule's descriptor, then ``extra_rules``, and ``results``."""
    rules = [_descriptor(rule) for rule in ALL_RULES] + extra_rules
    driver: dict[str, Any] = {"name": "compass-lint", "version": __version__, "rules": rules}
    uri = information_uri()
    if uri:
        driver["informationUri"] = uri
    run = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


class SarifReporter(Reporter):
    """The findings as a SARIF 2.1.0 log; results are spooled until the rules are known."""

    def start(self) -> None:
        """Index the rules; open the spool for the results."""
        self.index = {rule.code: number for number, rule in enumerate(ALL_RULES)}
        self.extra_rules: list[dict[str, Any]] = []
        # Results sit at depth 3: log > runs > run > results.
        self.results = JsonArray(depth=3)
        self.spool = Spool()

    def handle(self, path: str, findings: list[Finding]) -> None:
        """Spool the file's results (fingerprints count repeats within a file, so per file is enough)."""
        if not findings:
            return
        for finding in findings:
            # A code no rule class declares still needs a descriptor for ruleIndex to point at.
            if finding.code not in self.index:
                self.index[finding.code] = len(ALL_RULES) + len(self.extra_rules)
                short = {"text": finding.name}
                self.extra_rules.append({"id": finding.code, "name": finding.name, "shortDescription": short})
        results = [
            _result(finding, self.index[finding.code], fingerprint)
            for finding, fingerprint in zip(findings, fingerprints(findings), strict=True)
        ]
        self.spool.write(self.results.items(results))

    def close(self) -> None:
        """Free the spool."""
        self.spool.close()

    def finish(self, summary: RunSummary) -> None:
        """Write the log around the spooled results."""
        skeleton = json.dumps(_log(self.extra_rules, []), indent=2, ensure_ascii=False) + "\n"
        # "results" is the run's last key: its empty list is the last "[]" of the skeleton.
        cut = skeleton.rindex('"results": []') + len('"results": ')
        self.out.write(skeleton[:cut])
        self.spool.copy_to(self.out)
        self.out.write(self.results.close() + skeleton[cut + 2 :])
