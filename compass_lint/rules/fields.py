"""Rules about the report's fields: CL201–CL204 and CL206.

CL202 and CL204 share the ``x-field`` keyword (a field's type): its validator
sits with CL202 and names each error ``x-field:date`` or ``x-field:link``, which
is how the two rules tell their errors apart. CL203 holds ``x-date-order``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from jsonschema import ValidationError
from jsonschema.protocols import Validator

from compass_lint.core.dates import date_in_name
from compass_lint.core.finding import Problem, Severity
from compass_lint.model.report import Report
from compass_lint.rules.base import ReportRule, SchemaContext, SchemaRule, missing_property


class MissingField(SchemaRule):
    """A required field (Opening Date, Closing Date, Next monthly meeting) is absent.

    Fields are ``Name: value`` lines before the first section, written as
    headings, bullets, bold or plain lines. Reported at the title.

    Fails::

        # JupyterHub and BinderHub Team Meeting

        #### Opening Date: 01 Jan 2018

    Passes::

        # JupyterHub and BinderHub Team Meeting

        #### Opening Date: 01 Jan 2018
        #### Closing Date: 29 Jan 2018
        #### Next monthly meeting: [February 8, 2018](https://github.com/jupyterhub/team-compass/issues/14)
    """

    code = "CL201"
    name = "missing-field"
    severity = Severity.ERROR
    keywords = ("required",)
    parent_path = ("fields",)
    reads = ("x-aliases",)

    @classmethod
    def problems(cls, error: ValidationError, context: SchemaContext) -> Iterator[Problem]:
        line, column = context.instance.locate(("fields",))
        key = missing_property(error)
        if key is not None:
            yield Problem(line, column, cls.code, f"missing field '{key}'", json_path=f"$.fields['{key}']")


def _field_name(error: ValidationError) -> str:
    path = tuple(error.absolute_path)
    return str(path[1]) if len(path) > 1 else "field"


class InvalidDate(SchemaRule):
    """A date field does not parse, or names a day that does not exist (32 Jan).

    Accepted forms are set by ``date-formats`` (``strptime`` formats); weekday
    names, ordinal suffixes (``19th``) and anything after the date (a time, a
    place) are ignored. A date without a year is invalid.

    Fails::

        #### Opening Date: 32 Jan 2018

    Passes::

        #### Opening Date: 01 Jan 2018
    """

    code = "CL202"
    name = "invalid-date"
    severity = Severity.ERROR
    keywords = ("x-field:date",)
    defines = "x-field"

    @classmethod
    def validate(
        cls, validator: Validator, value: Any, instance: Any, schema: Mapping[str, Any]
    ) -> Iterator[ValidationError]:
        """A field's value has its type: ``date``, ``link`` or ``date-link`` (links for CL204)."""
        if not isinstance(instance, dict):
            return
        text = instance.get("text", "")
        if "date" in str(value).split("-") and instance.get("date") is None:
            yield ValidationError(f"'{text}' is not a valid date", validator="x-field:date")
        if "link" in str(value).split("-"):
            link = instance.get("link")
            if not link:
                yield ValidationError("has no link", validator="x-field:link")
            elif not _absolute_http(str(link)):
                yield ValidationError(f"link '{link}' is not an absolute http(s) URL", validator="x-field:link")

    @classmethod
    def message(cls, error: ValidationError, context: SchemaContext) -> str:
        return f"{_field_name(error)}: {error.message}"


class DateOrder(SchemaRule):
    """Dates are out of order: closing before opening, or next meeting not after closing.

    Fails::

        #### Opening Date: 29 Jan 2018
        #### Closing Date: 01 Jan 2018

    Passes::

        #### Opening Date: 01 Jan 2018
        #### Closing Date: 29 Jan 2018
    """

    code = "CL203"
    name = "date-order"
    severity = Severity.ERROR
    keywords = ("x-date-order",)
    defines = "x-date-order"

    @classmethod
    def validate(
        cls, validator: Validator, value: Any, instance: Any, schema: Mapping[str, Any]
    ) -> Iterator[ValidationError]:
        """Pairs ``[earlier, "<" or "<=", later]`` of date fields are in order."""
        if not isinstance(instance, dict):
            return
        for earlier, operator, later in value:
            first, second = instance.get(earlier), instance.get(later)
            if not (isinstance(first, dict) and isinstance(second, dict)) or not (
                first.get("date") and second.get("date")
            ):
                continue
            a, b = date.fromisoformat(first["date"]), date.fromisoformat(second["date"])
            if not _COMPARE[operator](a, b):
                relation = "after" if operator == "<" else "on or after"
                yield ValidationError(
                    f"{later} ({second['text']}) must be {relation} {earlier} ({first['text']})",
                    path=[later],
                )


_COMPARE = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
}


def _absolute_http(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


class MissingLink(SchemaRule):
    """The next-meeting field has no link, or a link that is not an absolute http(s) URL.

    Fails::

        #### Next monthly meeting: February 8, 2018 6pm Zurich time

    Passes::

        #### Next monthly meeting: [February 8, 2018 6pm Zurich time](https://github.com/jupyterhub/team-compass/issues/14)
    """

    code = "CL204"
    name = "missing-link"
    severity = Severity.ERROR
    # Its errors come from the x-field validator of CL202 (InvalidDate).
    keywords = ("x-field:link",)

    @classmethod
    def message(cls, error: ValidationError, context: SchemaContext) -> str:
        return f"{_field_name(error)} {error.message}"


class FilenameDate(ReportRule):
    """The date in the file name is not the report's date.

    The report's date comes from its fields' outline roles (``x-role``): the
    period from ``opening`` to ``closing`` (``Opening Date`` and ``Closing
    Date`` in the builtin outline), else the ``meeting-date``, else its first
    other date field, else an ISO date in its title (``# … Meeting
    2018-07-11``). The next meeting's date (role ``next-meeting``) is never the
    report's own. File names may omit zero padding (``2026-04-2.md``).

    Fails: ``2018-02-14.md`` whose Opening Date is 01 Jan 2018 and Closing Date 29 Jan 2018.

    Passes: ``2018-01-29.md`` with the same dates.
    """

    code = "CL206"
    name = "filename-date"
    severity = Severity.WARNING
    reads = ("x-role",)  # which fields are the report's own dates (for CL205, series order and new too)

    @classmethod
    def check(cls, report: Report, options: dict[str, Any]) -> Iterator[Problem]:
        named = date_in_name(os.path.basename(report.path))
        if named is None:
            return
        opening, closing = report.field_with("opening"), report.field_with("closing")
        if opening and closing and opening.date and closing.date:
            if not opening.date <= named <= closing.date:
                yield Problem(
                    opening.line,
                    opening.column,
                    cls.code,
                    f"file name date {named.isoformat()} is outside the report's period"
                    f" {opening.date.isoformat()} to {closing.date.isoformat()}",
                )
            return
        upcoming = report.field_with("next-meeting")
        meeting = report.field_with("meeting-date")
        own = [meeting] if meeting is not None and meeting.date else []
        own += [f for f in report.fields.values() if f.date is not None and f is not upcoming and f is not meeting]
        dated = [(f.name, f.line, f.column, f.date) for f in own if f.date is not None]
        titled = date_in_name(report.title or "")
        if not dated and titled is not None:
            dated = [("the title's date", report.title_line, 1, titled)]
        if dated and dated[0][3] != named:
            name, line, column, when = dated[0]
            yield Problem(
                line,
                column,
                cls.code,
                f"file name date {named.isoformat()} differs from {name} {when.isoformat()}",
            )
