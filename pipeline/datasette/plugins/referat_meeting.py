"""Datasette plugin: what the meeting page (`templates/_meeting.html`, the `meeting` canned query) shows besides
the query's rows (which carry each item's recommendation, its outcome in Danish and the source to cite, as the
CSV and JSON of the query do): the news articles about the meeting and its items, as links. An article links to
where it was published when that is known, else to its row. Read-only. Loaded with `datasette --plugins-dir` by
`referat serve`.
"""

from __future__ import annotations

from typing import Any

from datasette import hookimpl

MEETING_QUERY = "meeting"

ARTICLES_SQL = """
select i.position, a.document_id, a.title, a.outlet, a.published, doc.source_url
from links l
join articles a on a.document_id = l.article_id
join documents doc on doc.id = a.document_id
left join agenda_items i on i.id = l.item_id
where l.meeting_id = :meeting
order by l.score desc
"""


async def meeting_extras(datasette: Any, database: str, meeting_id: str) -> dict[str, Any]:
    db = datasette.get_database(database)
    articles: dict[int | None, list[dict[str, Any]]] = {}
    for row in (await db.execute(ARTICLES_SQL, {"meeting": meeting_id})).rows:
        url = row["source_url"] or (datasette.urls.table(database, "articles") + "/" + row["document_id"])
        articles.setdefault(row["position"], []).append(
            {
                "title": row["title"] or "(uden titel)",
                "outlet": row["outlet"] or "",
                "published": row["published"] or "",
                "url": url,
            }
        )
    return {"articles": articles}


@hookimpl  # type: ignore[untyped-decorator]
def extra_template_vars(view_name: str, request: Any, database: str | None, datasette: Any) -> Any:
    if request is None or not database or request.url_vars.get("table") != MEETING_QUERY:
        return {}

    async def extras() -> dict[str, Any]:
        canned = await datasette.get_canned_query(database, MEETING_QUERY, request.actor) or {}
        params = canned.get("params") or ["meeting_id"]
        meeting_id = (request.args.get(params[0]) or "").strip()
        found = await meeting_extras(datasette, database, meeting_id) if meeting_id else {}
        config = datasette.plugin_config("referat") or {}
        return {
            "referat_meeting": found,
            "referat_meeting_param": params[0],
            "referat_base_url": str(config.get("base_url") or ""),
        }

    return extras
