"""The same meeting published twice (a PDF and a web page, full minutes and per-item PDFs, an agenda later
replaced by its minutes) is one meeting: the richer record is canonical, the others point at it.

Richer means minutes before an agenda, then more decisions, items and attendees; where two versions hold as much
(a PDF and its text export), the one with real pages (more than one) is canonical, so that its items cite the
page they stand on rather than "page 1" of a text without page breaks. The canonical meeting keeps the best
citation of all its versions: where its own document has no source_url, it takes that of the richest version
that has one (`meetings.source_url`).

`link_duplicate_meetings` runs over the whole database (a fresh build); `update_duplicate_meetings` redoes only the
committee-and-date groups of the dates an ingest touched, found through the meetings' date index, with the same
result: it does not matter in which order the versions arrive.
Counting queries use only rows whose `duplicate_of` is empty, so attendance, items and decisions are never
counted twice, while every version stays available with its own provenance.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils


_RICHNESS_SQL = """
select m.id, m.document_id, m.municipality, m.committee, m.date, m.kind,
  (select count(*) from agenda_items i where i.meeting_id = m.id) as items,
  (select count(*) from decisions d join agenda_items i on i.id = d.item_id where i.meeting_id = m.id) as decisions,
  (select count(*) from attendance a where a.meeting_id = m.id) as attendees,
  (select length(text) from documents where id = m.document_id) as chars,
  (select pages from documents where id = m.document_id) as pages,
  (select source_url from documents where id = m.document_id) as source_url
from meetings m

where m.date is not null and m.committee is not null
"""


def meeting_key(row: dict[str, Any]) -> tuple[str, str]:
    committee = re.sub(r"s$", "", " ".join(str(row["committee"]).split()).casefold())
    return (committee, row["date"])


def _by_municipality(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Split a committee-and-date group when it holds two municipalities' meetings; a version that names no
    municipality (a per-item PDF) joins the group of the one that does, when there is only one."""
    named = {(row["municipality"] or "").casefold() for row in rows} - {""}
    if len(named) <= 1:
        return [rows]
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[(row["municipality"] or "").casefold()].append(row)
    return [group for name, group in groups.items() if name]


def _richness(row: dict[str, Any]) -> tuple[int, int, int, int, bool, int, str]:
    paged = (row["pages"] or 0) > 1  # a text export or web page is one "page" however long
    return (
        row["kind"] == "minutes",
        row["decisions"],
        row["items"],
        row["attendees"],
        paged,
        row["chars"] or 0,
        row["id"],
    )


# Each meeting's own address, where a carried-over one may have to go (its group changed).
_OWN_SOURCE_URL = """
update meetings set source_url = (select d.source_url from documents d where d.id = meetings.document_id)
where source_url is not (select d.source_url from documents d where d.id = meetings.document_id)
"""


def link_duplicate_meetings(db: sqlite_utils.Database) -> int:
    """Set meetings.duplicate_of and agenda_items.duplicate_of; returns how many meetings are duplicates."""
    with db.conn:
        db.execute("update meetings set duplicate_of = null where duplicate_of is not null")
        db.execute("update agenda_items set duplicate_of = null where duplicate_of is not null")
        db.execute(_OWN_SOURCE_URL)
        return _link_groups(db, db.query(_RICHNESS_SQL))


def update_duplicate_meetings(db: sqlite_utils.Database, dates: Iterable[str]) -> set[str]:
    """Redo the groups of meetings held on `dates` (the dates of the meetings an ingest saved, and of those it
    removed); returns the meetings whose `duplicate_of` changed. The caller commits."""
    changed: set[str] = set()
    for date in sorted(set(dates)):
        before = dict(db.execute("select id, duplicate_of from meetings where date = ?", [date]).fetchall())
        db.execute(
            "update agenda_items set duplicate_of = null where duplicate_of is not null and meeting_id in "
            "(select id from meetings where date = ?)",
            [date],
        )
        db.execute("update meetings set duplicate_of = null where duplicate_of is not null and date = ?", [date])
        db.execute(_OWN_SOURCE_URL + " and date = ?", [date])
        _link_groups(db, db.query(_RICHNESS_SQL + " and m.date = ?", [date]))
        after = dict(db.execute("select id, duplicate_of from meetings where date = ?", [date]).fetchall())
        changed.update(
            meeting
            for meeting in before.keys() | after.keys()
            if before.get(meeting) != after.get(meeting) and meeting in after
        )
    return changed


def _link_groups(db: sqlite_utils.Database, found: Iterable[dict[str, Any]]) -> int:
    by_key: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in found:
        by_key[meeting_key(row)].append(row)
    groups = [group for rows in by_key.values() for group in _by_municipality(rows)]
    duplicates = 0
    for rows in groups:
        if len(rows) < 2:
            continue
        rows.sort(key=_richness, reverse=True)
        canonical = rows[0]["id"]
        known_url = next((row["source_url"] for row in rows if row["source_url"]), None)
        if rows[0]["source_url"] is None and known_url is not None:
            db.execute("update meetings set source_url = ? where id = ?", [known_url, canonical])
        canonical_items = _items_by_key(db, canonical)
        for row in rows[1:]:
            duplicates += 1
            db.execute("update meetings set duplicate_of = ? where id = ?", [canonical, row["id"]])
            for key, item_id in _items_by_key(db, row["id"]).items():
                if key in canonical_items:
                    db.execute("update agenda_items set duplicate_of = ? where id = ?", [canonical_items[key], item_id])
    return duplicates


def _items_by_key(db: sqlite_utils.Database, meeting_id: str) -> dict[str, str]:
    keys: dict[str, str] = {}
    for row in db.query("select id, number, title from agenda_items where meeting_id = ?", [meeting_id]):
        key = row["number"] or " ".join((row["title"] or "").split()).casefold()
        if key:
            keys.setdefault(key, row["id"])
    return keys
