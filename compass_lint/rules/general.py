"""Rules outside the outline: CL001 (other schema errors) and the file-level CL9xx."""

from __future__ import annotations

from jsonschema import ValidationError

from compass_lint.core.finding import Severity
from compass_lint.rules.base import Rule, SchemaContext, SchemaRule


class SchemaViolation(SchemaRule):
    """A schema error that no more specific rule covers.

    Custom outline schemas may add any JSON Schema constraint; what the
    specific rules do not explain is reported here with its JSON path and
    jsonschema's own message.

    Fails (with a schema requiring ``"title": {"maxLength": 10}``)::

        # A very long report title

    Passes::

        # Short
    """

    code = "CL001"
    name = "schema-violation"
    severity = Severity.ERROR

    @classmethod
    def claims(cls, error: ValidationError) -> bool:
        return True

    @classmethod
    def message(cls, error: ValidationError, context: SchemaContext) -> str:
        return f"{error.json_path}: {error.message}"


class UnreadableFile(Rule):
    """The file cannot be read as a report: not UTF-8, binary, or too large.

    For bad UTF-8 the finding sits at the line of the first bad byte; the
    limit for size is ``max-file-size`` (default 1 MiB). The run goes on with
    the other files.

    Fails: a file containing a NUL byte, or Latin-1 text such as ``caf\\xe9``.

    Passes: any UTF-8 text file (with or without a BOM).
    """

    code = "CL901"
    name = "unreadable-file"
    severity = Severity.ERROR
    scope = "file"


class TooComplex(Rule):
    """The file took longer than its time budget to parse and check.

    Some Markdown shapes (deeply nested emphasis) make the parser super-linear;
    rather than hang a commit hook, compass-lint stops after ``time-budget``
    seconds (default 5) and reports this finding at line 1.

    Fails: ``"*a **a " * 4000 + "b" + " a** a*" * 4000`` in a report.

    Passes: an ordinary report.
    """

    code = "CL902"
    name = "too-complex"
    severity = Severity.ERROR
    scope = "file"


class InternalError(Rule):
    """compass-lint itself failed on this file; the run went on with the others.

    This is a bug in compass-lint, never in the report: please report it with
    the file (or a reduced copy). Reported at line 1.

    Fails: nothing known; each case found becomes a regression test.

    Passes: every other file.
    """

    code = "CL900"
    name = "internal-error"
    severity = Severity.ERROR
    scope = "file"


class UnknownRuleInComment(Rule):
    """A ``<!-- compass-lint … -->`` comment names a rule code that does not exist.

    The comment still applies to the codes it names correctly. Reported at
    the comment.

    Fails::

        <!-- compass-lint disable CL999 -->

    Passes::

        <!-- compass-lint disable CL301 -->
    """

    code = "CL904"
    name = "unknown-rule-in-comment"
    severity = Severity.WARNING
    scope = "file"
