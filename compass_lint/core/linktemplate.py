"""``link-template``: the meeting link ``compass-lint new`` writes, built from a configured template.

Without a template, ``new`` writes ``PLACEHOLDER_LINK``: an address under the
reserved ``.invalid`` domain (RFC 2606), plainly a stand-in, that no browser
can open, and that still passes ``check`` (CL204 wants an absolute http(s)
URL). The previous report's link is never reused: it is the link of a meeting
that is over.

A template is text with placeholders in braces:

* ``{date}``: the date of the meeting the link is for (the date written on
  the link's own line), as ``YYYY-MM-DD``;
* ``{date:FORMAT}``: that date written with ``FORMAT``, a ``strftime`` format
  of the directives ``%Y %y %m %d %B %b %j`` and ``%%`` (English month names);
* a literal brace has no place in a URL: write ``%7B`` and ``%7D``.

Nothing else: the configuration is untrusted (a pull request can change it),
so this is no ``str.format`` (which reaches attributes) and the result must be
an absolute http(s) URL of plain URL characters, which cannot break out of the
Markdown link it is written into.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from compass_lint.core.dates import MONTH_NAMES
from compass_lint.core.safetext import quoted

PLACEHOLDER_LINK = "https://replace-with-the-meeting-link.invalid/"
MAX_LINK_LENGTH = 2000
_TOKEN = re.compile(r"\{([^{}]*)\}|[{}]")
_DIRECTIVE = re.compile(r"%(.?)")
_ALLOWED_DIRECTIVES = frozenset("YymdBbj%")
# URL characters without the ones Markdown gives a meaning to in a link: ( ) [ ] < > and quotes.
_URL = re.compile(r"https?://[A-Za-z0-9._~:/?#@!$&*+,;=%-]+")
_SAMPLE = date(2024, 3, 17)


class LinkTemplateError(ValueError):
    """A template that cannot be used (the message says why, without the key's name)."""


def _strftime(when: date, fmt: str) -> str:
    """``when`` written with ``fmt``: the allowed directives only, month names in English."""

    def directive(found: re.Match[str]) -> str:
        code = found.group(1)
        if code not in _ALLOWED_DIRECTIVES:
            raise LinkTemplateError(f"unsupported directive '%{quoted(code)}' (use %Y %y %m %d %B %b %j or %%)")
        if code == "B":
            return MONTH_NAMES[when.month - 1]
        if code == "b":
            return MONTH_NAMES[when.month - 1][:3]
        return "%" if code == "%" else when.strftime(f"%{code}")

    if not fmt:
        raise LinkTemplateError("'{date:}' has no format")
    return _DIRECTIVE.sub(directive, fmt)


def expand(template: str, when: date) -> str:
    """The link ``template`` gives for a meeting on ``when``; ``LinkTemplateError`` when it cannot be used."""
    parts: list[str] = []
    position = 0
    for found in _TOKEN.finditer(template):
        parts.append(template[position : found.start()])
        position = found.end()
        inner = found.group(1)
        if inner is None:
            raise LinkTemplateError(f"unmatched '{found.group(0)}' (a brace in a URL is written %7B or %7D)")
        name, colon, fmt = inner.partition(":")
        if name != "date":
            raise LinkTemplateError(f"unknown placeholder '{{{quoted(inner)}}}' (use {{date}} or {{date:FORMAT}})")
        parts.append(_strftime(when, fmt) if colon else when.isoformat())
    parts.append(template[position:])
    link = "".join(parts)
    if len(link) > MAX_LINK_LENGTH:
        raise LinkTemplateError(f"the link is over {MAX_LINK_LENGTH} characters")
    if not _URL.fullmatch(link) or not urlsplit(link).netloc:
        raise LinkTemplateError(
            f"'{quoted(link)}' is not an absolute http(s) URL of plain URL characters"
            " (no spaces, quotes, brackets or parentheses)"
        )
    return link


def template_problem(template: str) -> str | None:
    """Why ``template`` cannot be used (None when it can), tried on a sample date."""
    try:
        expand(template, _SAMPLE)
    except LinkTemplateError as error:
        return str(error)
    return None


def meeting_link(template: str | None, when: date) -> str:
    """The link ``new`` writes for a meeting on ``when``: from ``template``, else the placeholder."""
    return PLACEHOLDER_LINK if template is None else expand(template, when)
