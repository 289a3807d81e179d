"""Links on the timeline page: report and occurrence addresses, and the links inside an action's text.

Without a link base a report is linked by its path relative to the current
folder, as before. With one (``link-base``, ``--link-base``, or GitHub's
environment), the address is the base plus the path relative to the project
root, percent-encoded, plus ``#L<line>``; a report outside the root keeps its
relative path.

An action's text keeps its links: Markdown links and bare URLs whose scheme is
http or https, and ``#123`` / ``org/repo#123`` when the repository is known.
Any other target (``javascript:``, ``data:``, a relative path) stays text. All
text, and every address, is HTML-escaped.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote, urlsplit

from compass_lint.core.links import repository_url, url_problem, with_slash
from compass_lint.core.safetext import escape_html as _e
from compass_lint.markdown.inline import linked_text
from compass_lint.rules.series import display_path

# A bare URL (trailing sentence punctuation is cut off below), or an issue reference.
_AUTO = re.compile(
    r"(?P<url>https?://[^\s<>()\[\]\"'`]+)"
    r"|(?<![\w/#&.-])(?P<repo>[A-Za-z0-9][\w.-]*/[\w.-]+)?#(?P<number>\d{1,9})\b"
)
DISPLAY_LIMIT = 80  # as ActionInfo.display: the first line, 77 characters and "..." when longer


@lru_cache(maxsize=4096)  # every occurrence of every action asks, a series at a time
def _resolved(path: str) -> Path:
    return Path(path).resolve()


class Links(NamedTuple):
    """Where the page's links point: ``base`` (None: relative paths) for files under ``root``."""

    base: str | None = None
    root: Path = Path()
    repository: tuple[str, str] | None = None  # (web address, issue path) for #123 references

    @classmethod
    def make(cls, base: str | None, root: Path) -> Links:
        """Links to ``base`` (already validated) for the files below ``root``."""
        if not base:
            return cls(None, root)
        base = with_slash(base)
        return cls(base, root.resolve(), repository_url(base))

    def href(self, path: str, line: int | None = None) -> str:
        """The address of a report (of a line of it)."""
        anchor = f"#L{line}" if line is not None else ""
        if self.base is not None:
            try:
                relative = _resolved(path).relative_to(self.root)
            except ValueError:
                pass  # outside the project: no address under the base
            else:
                return self.base + quote(relative.as_posix(), safe="/", errors="surrogateescape") + anchor
        return quote(Path(display_path(path)).as_posix(), safe="/", errors="surrogateescape") + anchor

    def issue(self, repo: str | None, number: str) -> str | None:
        """The address of issue ``number`` (of ``repo``, "org/name", when given), when the host is known."""
        if self.repository is None:
            return None
        web, issues = self.repository
        if repo is not None:
            parts = urlsplit(web)
            web = f"{parts.scheme}://{parts.netloc}/{repo}"
        return f"{web}{issues}{number}"


def _safe(target: str | None) -> str | None:
    return target if target is not None and url_problem(target) is None else None


def _autolink(chars: list[tuple[str, str | None]], links: Links) -> None:
    """Give the characters of bare URLs and issue references outside Markdown links their target."""
    text = "".join(c for c, _ in chars)
    for match in _AUTO.finditer(text):
        start, end = match.span()
        if match.group("url"):
            url = match.group("url").rstrip(".,;:!?")
            end = start + len(url)
            target = _safe(url)
        else:
            target = links.issue(match.group("repo"), match.group("number"))
        if target is not None and all(t is None for _, t in chars[start:end]):
            chars[start:end] = [(c, target) for c, _ in chars[start:end]]


def _pieces(text: str, links: Links) -> list[tuple[str, str | None]]:
    """The first line's visible text, whitespace collapsed and cut as ``ActionInfo.display``, in link pieces."""
    chars: list[tuple[str, str | None]] = []
    for piece, target in linked_text(text.split("\n", 1)[0]):
        target = _safe(target)
        for char in piece:
            if not char.isspace():
                chars.append((char, target))
            elif chars and chars[-1][0] != " ":
                chars.append((" ", target))
    if chars and chars[-1][0] == " ":
        chars.pop()
    _autolink(chars, links)  # before the cut: a link cut short still leads to the whole address
    if len(chars) > DISPLAY_LIMIT:
        chars = [*chars[: DISPLAY_LIMIT - 3], *[(".", None)] * 3]
    pieces: list[tuple[str, str | None]] = []
    for char, target in chars:
        if pieces and pieces[-1][1] == target:
            pieces[-1] = (pieces[-1][0] + char, target)
        else:
            pieces.append((char, target))
    return pieces


def action_html(text: str, display: str, links: Links) -> str:
    """An action's first line as HTML (escaped, its safe links kept); ``display``, escaped, if it differs."""
    pieces = _pieces(text, links)
    if "".join(p for p, _ in pieces) != display:
        return _e(display)  # the text the rest of the page (and the filter) shows wins
    return "".join(
        _e(piece) if target is None else f'<a href="{_e(target)}" rel="noopener noreferrer">{_e(piece)}</a>'
        for piece, target in pieces
    )
