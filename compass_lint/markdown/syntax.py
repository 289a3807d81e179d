"""Markdown block syntax that several modules look for in raw lines, each written once.

The parsers (``parse``, ``scan``), the model (bold lines taken as sections),
the rules (the rule before the template block) and the fixes (rewriting a
heading, a bold line or a list item) all recognise the same few line shapes.
A module whose expression differs on purpose builds its own from these parts
and says why beside it. A date written ``YYYY-MM-DD`` is
``compass_lint.core.dates.ISO_DATE``: the dates module sits below this one.
"""

from __future__ import annotations

import re

# A list item's marker, as pattern text to build line expressions from: a bullet,
# or up to nine digits and "." or ")" (CommonMark; mistune reads the same).
LIST_MARKER = r"[-*+]|\d{1,9}[.)]"

# An ATX heading's opening: indentation (three spaces at most: four are code), the
# hashes (the level), and the spaces after them (none when the heading is empty).
ATX_PREFIX = re.compile(r"^(?P<indent>[ \t]{0,3})(?P<hashes>#{1,6})(?P<space>[ \t]+|$)")

# A thematic break ("---", "* * *", "___"): three or more of one character.
THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")

# A line that is all bold ("**2. Decisions needed**", "__Notes__:"): a section title written without a heading.
BOLD_ONLY_LINE = re.compile(r"^\s*(\*\*|__)(?P<inner>.+?)\1\s*:?\s*$")
