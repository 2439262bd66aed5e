"""Datasette plugin: a column named `meeting` or `møde` (a meeting id) links to that meeting's page, the `meeting`
query (the views name the column in English, the canned queries in Danish).

Read-only: it only changes how a cell is shown. Loaded with `datasette --plugins-dir` by `referat serve`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from datasette import hookimpl
from markupsafe import Markup, escape

MEETING_COLUMNS = frozenset(("meeting", "møde"))


@hookimpl  # type: ignore[untyped-decorator]
def render_cell(value: Any, column: str, database: str, datasette: Any) -> Markup | None:
    if column not in MEETING_COLUMNS or not isinstance(value, str) or not value:
        return None
    url = datasette.urls.database(database) + "/meeting?" + urlencode({"meeting_id": value})
    return Markup(f'<a href="{escape(url)}" title="{escape(value)}">se mødet</a>')
