"""What the served database holds, as its home page says it: municipalities, committees, meetings (each once),
documents, news articles, the span of meeting dates and the last ingest.

Each figure is read with a query that an index answers, so the home page stays fast at national size (two million
agenda items): counts of distinct municipalities, committees and meetings read the index on (municipality,
committee, date), the dates the index on date. An empty or new database has no overview. Used by
`datasette/plugins/referat_home.py`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from referat.pipeline import display

# Each figure of the overview and the query that counts it (one value each).
OVERVIEW_SQL: dict[str, str] = {
    "municipalities": "select count(*) from (select distinct municipality from meetings "
    "where municipality is not null)",
    "committees": "select count(*) from (select distinct municipality, committee from meetings "
    "where committee is not null)",
    # a meeting recorded by several documents (same municipality, committee and date) once, as duplicate_of says
    "meetings": "select count(*) from (select distinct municipality, committee, date from meetings)",
    "documents": "select count(*) from documents",
    "articles": "select count(*) from articles",
    "first_date": "select min(date) from meetings where date is not null",
    "last_date": "select max(date) from meetings where date is not null",
    "last_ingest": "select coalesce(finished_at, started_at) from ingest_runs order by id desc limit 1",
}


@dataclass(frozen=True)
class Overview:
    """What the database holds, as the home page says it (dates in Danish)."""

    municipalities: int
    committees: int
    meetings: int
    documents: int
    articles: int
    first_date: str
    last_date: str
    last_ingest: str


async def read_overview(db: Any) -> Overview | None:
    """The overview of a served database; None when it holds no meeting or document (or no tables yet)."""
    values: dict[str, Any] = {}
    for name, sql in OVERVIEW_SQL.items():
        try:
            rows = (await db.execute(sql)).rows
        except sqlite3.Error:
            return None
        values[name] = rows[0][0] if rows else None
    if not values["documents"]:
        return None
    return Overview(
        municipalities=int(values["municipalities"] or 0),
        committees=int(values["committees"] or 0),
        meetings=int(values["meetings"] or 0),
        documents=int(values["documents"] or 0),
        articles=int(values["articles"] or 0),
        first_date=display.date(values["first_date"] or "") or "",
        last_date=display.date(values["last_date"] or "") or "",
        last_ingest=display.timestamp(values["last_ingest"] or "") or "",
    )
