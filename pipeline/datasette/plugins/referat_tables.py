"""Datasette plugin: a table page shows each meeting, item and decision once, unless duplicates are asked for.

A meeting recorded by several documents (a PDF and its text export, a copy) is in `meetings` once per document,
and so are its items, decisions and attendance: counted raw, a facet counts it twice. `CANONICAL_FILTERS` says how
each such table is narrowed to the rows of canonical meetings (`duplicate_of` empty). Opening a table page without
that filter redirects to the page with it, where Datasette shows it as a filter like any other (and it can be
taken off); `?_dubletter=vis` keeps every version (the page's note links to it, `templates/table.html`). Only the
HTML page redirects: a JSON or CSV address answers what it asks for, and the page's own export links carry its
filter. Read-only. Loaded with `datasette --plugins-dir` by `referat serve`.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl

SHOW_DUPLICATES = "_dubletter"
# Table -> the query-string filter that keeps the rows of canonical meetings. The `_where` forms look up each
# row's item or meeting by its primary key, so the first page of rows comes fast whatever the table's size.
CANONICAL_FILTERS: dict[str, tuple[tuple[str, str], ...]] = {
    "meetings": (("duplicate_of__isnull", "1"),),
    "agenda_items": (("duplicate_of__isnull", "1"),),
    "decisions": (
        (
            "_where",
            "not exists (select 1 from agenda_items i where i.id = decisions.item_id and i.duplicate_of is not null)",
        ),
    ),
    "item_sections": (
        (
            "_where",
            "not exists (select 1 from agenda_items i where i.id = item_sections.item_id "
            "and i.duplicate_of is not null)",
        ),
    ),
    "item_absences": (
        (
            "_where",
            "not exists (select 1 from agenda_items i where i.id = item_absences.item_id "
            "and i.duplicate_of is not null)",
        ),
    ),
    "attendance": (
        (
            "_where",
            "not exists (select 1 from meetings m where m.id = attendance.meeting_id and m.duplicate_of is not null)",
        ),
    ),
}
TABLE_PAGE = re.compile(r"^/(?P<database>[^/.]+)/(?P<table>[^/.]+)$")


def canonical_redirect(path: str, query_string: str) -> str | None:
    """Where a table page without its canonical filter is sent (None: it is shown as asked)."""
    match = TABLE_PAGE.match(path)
    if not match or match["database"] == "-":
        return None
    filters = CANONICAL_FILTERS.get(match["table"])
    if not filters:
        return None
    args = parse_qsl(query_string, keep_blank_values=True)
    keys = {key for key, _ in args}
    if SHOW_DUPLICATES in keys or any(key in keys for key, _ in filters):
        return None
    return path + "?" + urlencode([*filters, *args])


@hookimpl  # type: ignore[untyped-decorator]
def asgi_wrapper() -> Callable[[Any], Any]:
    def wrap(app: Any) -> Callable[[dict[str, Any], Any, Any], Awaitable[None]]:
        async def canonical_rows(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope.get("type") == "http" and scope.get("method") in ("GET", "HEAD"):
                target = canonical_redirect(str(scope.get("path", "")), scope.get("query_string", b"").decode())
                if target:
                    await send(
                        {
                            "type": "http.response.start",
                            "status": 302,
                            "headers": [(b"location", target.encode()), (b"content-length", b"0")],
                        }
                    )
                    await send({"type": "http.response.body", "body": b""})
                    return
            await app(scope, receive, send)

        return canonical_rows

    return wrap


@hookimpl  # type: ignore[untyped-decorator]
def extra_template_vars(view_name: str, table: str | None, request: Any) -> dict[str, Any]:
    if view_name != "table" or table not in CANONICAL_FILTERS or request is None:
        return {}
    shows_duplicates = SHOW_DUPLICATES in request.args
    args = [
        (key, value)
        for key, value in parse_qsl(request.query_string, keep_blank_values=True)
        if key != SHOW_DUPLICATES and (key, value) not in CANONICAL_FILTERS[table]
    ]
    if shows_duplicates:
        other = request.path + ("?" + urlencode(args) if args else "")
    else:
        other = request.path + "?" + urlencode([(SHOW_DUPLICATES, "vis"), *args])
    return {"referat_duplicates": {"shown": shows_duplicates, "other_url": other}}
