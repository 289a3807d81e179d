"""Deriving an outline schema: from a template report, or from the reports of a series.

Both are pure functions, Markdown text in and a JSON-able schema dict out,
for ``compass-lint schema init`` and ``compass-lint init``:

* ``schema_from_template(text, name)``: see ``compass_lint.edit.derive_template``;
* ``schema_from_reports(texts, name)``: see ``compass_lint.edit.derive_reports``.

The rules they share (date headings, parents, actions sections, field roles)
are in ``compass_lint.edit.derive_parts``.
"""

from __future__ import annotations

from compass_lint.edit.derive_reports import schema_from_reports
from compass_lint.edit.derive_template import schema_from_template

__all__ = ["schema_from_reports", "schema_from_template"]
