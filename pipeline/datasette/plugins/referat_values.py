"""Datasette plugin: every cell of a table or query reads as a Danish reader expects (`pipeline.display`).

Columns are recognised by their names (`COLUMN_KINDS`, as the canned queries and the schema name them):
amounts in kroner ("18.300.000.000 kr."), percentages ("87,5 %"), dates ("13. maj 2025"), timestamps in local
time, other decimal numbers with a decimal comma and no ".0", the words around a match with the match marked, page
breaks (form feeds) shown as a marker, and sources: a web address is a link; a file's path relative to the
ingested folder becomes a link when the server has a base URL (`referat serve --base-url`, kept in the metadata's
plugin config `referat.base_url`), and a path that is absolute shows its file name only, so no page names a
folder of the machine. The same readings are filters for our templates. Read-only: it only changes how a value
is shown. Loaded with `datasette --plugins-dir` by `referat serve`.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Awaitable, Callable
from typing import Any

from datasette import hookimpl
from datasette.utils import tilde_encode
from markupsafe import Markup, escape

from referat.pipeline import display

# Column names by what they hold. Queries name their columns in Danish or English; both are listed.
COLUMN_KINDS: dict[str, frozenset[str]] = {
    "kroner": frozenset({"kroner", "beløb", "beloeb", "amount"}),
    "date": frozenset({"date", "dato", "published", "udgivet", "meeting_date", "mødedato", "moededato"}),
    "timestamp": frozenset(
        {"ingested_at", "started_at", "finished_at", "first_seen", "indlæst", "startet", "afsluttet"}
    ),
    "context": frozenset({"context", "uddrag"}),
    "source": frozenset({"source", "article_source", "kilde", "artikelkilde", "path", "sti"}),
}
PERCENT_SUFFIXES = ("_pct", "procent")
UNLABELLED = "(uden titel)"
PAGE_COLUMNS = ("side", "page")  # the page a source is cited at, for a link to that page of a PDF
# The words around a match: the canned queries mark the match with « and ».
MATCH = re.compile(r"«([^«»]*)»")
# A row page (/database/table/key) shows whole texts; table and query pages cut them at `truncate_cells_html`.
ROW_PAGE = re.compile(r"^/[^/-][^/]*/[^/]+/[^/]+$")
_path: contextvars.ContextVar[str] = contextvars.ContextVar("referat_request_path", default="")


def column_kind(column: str) -> str | None:
    name = column.lower()
    if name.endswith(PERCENT_SUFFIXES):
        return "percent"
    return next((kind for kind, names in COLUMN_KINDS.items() if name in names), None)


def context_cell(value: str) -> Markup:
    """The words around a match (cut at whole words by the query: `pipeline.query_inputs.context`) on one line,
    the match highlighted."""
    text = display.without_page_breaks(value)
    parts = MATCH.split(text)
    return Markup("").join(
        Markup(f"<mark>{escape(part)}</mark>") if index % 2 else escape(part) for index, part in enumerate(parts)
    )


def base_url(datasette: Any) -> str:
    config = datasette.plugin_config("referat") or {}
    return str(config.get("base_url") or "")


async def unlabelled_link(datasette: Any, database: str, table: str, column: str, key: Any) -> Markup | None:
    """A reference to a row whose label column is empty (an untitled item or document): Datasette would print
    "None" as its name."""
    keys = await datasette.get_database(database).foreign_keys_for_table(table)
    other = next((fk["other_table"] for fk in keys if fk["column"] == column), None)
    if other is None:
        return None
    url = datasette.urls.row(database, other, tilde_encode(str(key)))
    return Markup(f'<a href="{escape(url)}">{escape(UNLABELLED)}</a>&nbsp;<em>{escape(key)}</em>')


@hookimpl  # type: ignore[untyped-decorator]
def render_cell(
    row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any
) -> Awaitable[Markup | None] | Markup | str | None:
    if isinstance(value, dict) and "label" in value and "value" in value:  # a foreign key shown by its label
        if value["label"] in (None, "") and table and value["value"] not in (None, ""):
            return unlabelled_link(datasette, database, table, column, value["value"])
        return None
    if value is None or value == "" or isinstance(value, bool | bytes):
        return None
    kind = column_kind(column)
    if isinstance(value, int | float):
        return _number_cell(value, kind)
    if not isinstance(value, str):
        return None
    return _text_cell(row, value, kind, datasette)


def _number_cell(value: float, kind: str | None) -> str | None:
    """Kroner and percentages read as Danes write them; other decimals with a decimal comma."""
    if kind == "kroner":
        return display.kroner(value)
    if kind == "percent":
        return display.percent(value)
    return display.number(value) if isinstance(value, float) else None


def _text_cell(row: Any, value: str, kind: str | None, datasette: Any) -> Markup | str | None:
    """Dates and times in Danish, a context with its mention marked, a source as a link, page breaks shown."""
    if kind == "date":
        return display.date(value)
    if kind == "timestamp":
        return display.timestamp(value)
    if kind == "context":
        return context_cell(value)
    if kind == "source":
        keys = row.keys() if hasattr(row, "keys") else ()
        page = next((row[name] for name in PAGE_COLUMNS if name in keys), None)
        return display.source_link(value, base_url(datasette), page)
    if display.PAGE_BREAK in value:
        limit = 0 if ROW_PAGE.match(_path.get()) else int(datasette.setting("truncate_cells_html") or 0)
        return display.text_with_page_breaks(value, limit)
    return None


@hookimpl  # type: ignore[untyped-decorator]
def asgi_wrapper() -> Callable[[Any], Any]:
    """Remembers the path of the page being drawn, so that a cell knows whether it stands on a row page."""

    def wrap(app: Any) -> Callable[[dict[str, Any], Any, Any], Awaitable[None]]:
        async def remember_path(scope: dict[str, Any], receive: Any, send: Any) -> None:
            token = _path.set(str(scope.get("path", ""))) if scope.get("type") == "http" else None
            try:
                await app(scope, receive, send)
            finally:
                if token is not None:
                    _path.reset(token)

        return remember_path

    return wrap


@hookimpl  # type: ignore[untyped-decorator]
def prepare_jinja2_environment(env: Any) -> None:
    """The same readings for our templates: `{{ row.date|dansk_dato }}`, `{{ row.source|kilde(base_url, page) }}`,
    `{{ text|sideskift }}`, `{{ value|kroner }}`, `{{ value|procent }}`."""
    env.filters["dansk_dato"] = lambda value: (display.date(value) or value) if isinstance(value, str) else value
    env.filters["kilde"] = lambda value, base="", page=None: display.source_link(value or "", base or "", page)
    env.filters["sideskift"] = lambda value: display.text_with_page_breaks(value or "", 0)
    env.filters["kroner"] = display.kroner
    env.filters["procent"] = display.percent
