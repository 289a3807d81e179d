"""Web addresses the action timeline page links to: the ``link-base`` setting and the repository.

``link-base`` comes from an untrusted configuration (SECURITY.md) or the
command line and ends up in ``href`` attributes, so it must be an absolute
``http``/``https`` URL with a host and nothing that could end the attribute or
hide a second scheme: no spaces, control characters, quotes or angle brackets.
Inside GitHub Actions the default is the blob URL of the checked-out commit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

# Characters that have no place in a URL as typed; a space or a quote would also end an attribute.
_FORBIDDEN = re.compile(r"[\x00-\x20\x7f-\x9f\"'<>\\`]")
# https://HOST/OWNER/REPO/blob/REF/... (GitHub, Gitea, Forgejo) and https://HOST/GROUP/REPO/-/blob/REF/... (GitLab)
_REPOSITORY = re.compile(r"^(https?://[^/]+/(?:[^/]+/)+?[^/]+?)(?P<gitlab>/-)?/(?:blob|tree|src)/")


def url_problem(value: str) -> str | None:
    """Why ``value`` cannot be a link base (None when it is an absolute http or https URL)."""
    if _FORBIDDEN.search(value):
        return "it holds a space, a quote, a control character or another character a URL cannot hold"
    try:
        parts = urlsplit(value)
    except ValueError as error:
        return f"it is not a URL ({error})"
    if parts.scheme.lower() not in ("http", "https"):
        return "only http:// and https:// URLs are allowed"
    if not parts.hostname:
        return "the URL has no host"
    return None


def with_slash(base: str) -> str:
    """The base as a folder URL: paths are appended to it."""
    return base if base.endswith("/") else base + "/"


def github_link_base(env: Mapping[str, str]) -> str | None:
    """``$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/blob/$GITHUB_SHA/`` inside GitHub Actions, else None."""
    if env.get("GITHUB_ACTIONS") != "true":
        return None
    server, repository, sha = (env.get(k, "").strip() for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"))
    if not (server and re.fullmatch(r"[\w.-]+/[\w.-]+", repository) and re.fullmatch(r"[0-9a-fA-F]{7,64}", sha)):
        return None
    base = f"{server.rstrip('/')}/{repository}/blob/{sha}/"
    # The environment is the runner's, but a broken value must not become a link either.
    return base if url_problem(base) is None else None


def repository_url(base: str) -> tuple[str, str] | None:
    """The repository's web address and its issue path (``/issues/`` or ``/-/issues/``) from a blob URL."""
    match = _REPOSITORY.match(base)
    if match is None:
        return None
    return match.group(1), "/-/issues/" if match.group("gitlab") else "/issues/"
