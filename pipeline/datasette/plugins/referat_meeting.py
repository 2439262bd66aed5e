"""Datasette plugin: what the meeting page (`templates/_meeting.html`, the `meeting` canned query) shows besides
the query's rows: each item's recommendation (Indstilling) to set beside its decision, the news articles about
the meeting and its items as links, the source to cite, and the Danish words for the outcomes.

The recommendation is the text of the item's first section of kind `recommendation` (documents.text by its
offsets; closed items have none). An article links to where it was published when that is known, else to its
row. The source is the meeting's own source_url, else its document's, else the document's path as ingested
(relative to the ingested folder), shown by `pipeline.display.source_link`. The outcome words are the `labels:
outcome:` of queries.yml (`pipeline.query_inputs`), the ones the query forms offer. Read-only. Loaded with
`datasette --plugins-dir` by `referat serve`.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from datasette import hookimpl

from referat.pipeline.query_inputs import vocabulary

MEETING_QUERY = "meeting"

RECOMMENDATIONS_SQL = """
select i.position, substr(d.text, s.start + 1, s."end" - s.start) as text
from agenda_items i
join meetings m on m.id = i.meeting_id
join documents d on d.id = m.document_id
join item_sections s on s.item_id = i.id and s.kind = 'recommendation'
where i.meeting_id = :meeting and not i.closed
order by i.position, s.position
"""
ARTICLES_SQL = """
select i.position, a.document_id, a.title, a.outlet, a.published, doc.source_url
from links l
join articles a on a.document_id = l.article_id
join documents doc on doc.id = a.document_id
left join agenda_items i on i.id = l.item_id
where l.meeting_id = :meeting
order by l.score desc
"""


def outcome_labels() -> dict[str, str]:
    """The Danish words for the stored outcome codes (queries.yml `labels: outcome:`)."""
    return dict(vocabulary().labels.get("outcome", {}))


async def meeting_extras(datasette: Any, database: str, meeting_id: str) -> dict[str, Any]:
    db = datasette.get_database(database)
    recommendations: dict[int, str] = {}
    articles: dict[int | None, list[dict[str, Any]]] = {}
    source = ""
    try:
        for row in (await db.execute(RECOMMENDATIONS_SQL, {"meeting": meeting_id})).rows:
            text = (row["text"] or "").strip()
            if text and row["position"] not in recommendations:
                recommendations[row["position"]] = text
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
        meeting = (await db.execute("select * from meetings where id = :meeting", {"meeting": meeting_id})).rows
        if meeting:
            document = (
                await db.execute(
                    "select * from documents where id = :document", {"document": meeting[0]["document_id"]}
                )
            ).rows
            keys = meeting[0].keys()
            source = (meeting[0]["source_url"] if "source_url" in keys else None) or ""
            if not source and document:
                source = document[0]["source_url"] or document[0]["path"] or ""
    except sqlite3.Error:
        pass  # a database of an older shape: the page shows what the query gives
    return {"recommendations": recommendations, "articles": articles, "source": source}


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
            "referat_outcomes": outcome_labels(),
            "referat_meeting_param": params[0],
            "referat_base_url": str(config.get("base_url") or ""),
        }

    return extras
