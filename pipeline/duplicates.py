"""The same meeting published twice (a PDF and a web page, full minutes and per-item PDFs, an agenda later
replaced by its minutes) is one meeting: the richer record is canonical, the others point at it.

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
  (select length(text) from documents where id = m.document_id) as chars
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


def _richness(row: dict[str, Any]) -> tuple[int, int, int, int, int, str]:
    return (row["kind"] == "minutes", row["decisions"], row["items"], row["attendees"], row["chars"] or 0, row["id"])


def link_duplicate_meetings(db: sqlite_utils.Database) -> int:
    """Set meetings.duplicate_of and agenda_items.duplicate_of; returns how many meetings are duplicates."""
    with db.conn:
        db.execute("update meetings set duplicate_of = null where duplicate_of is not null")
        db.execute("update agenda_items set duplicate_of = null where duplicate_of is not null")
        return _link_groups(db, db.query(_RICHNESS_SQL))


def update_duplicate_meetings(db: sqlite_utils.Database, dates: Iterable[str]) -> set[str]:
    """Redo the groups of meetings held on `dates` (the dates of the meetings an ingest saved, and of those it
    removed); returns the meetings whose `duplicate_of` changed. The caller commits."""
    changed: set[str] = set()
    for date in sorted(set(dates)):
        before = dict(db.execute("select id, duplicate_of from meetings where date = ?", [date]).fetchall())
        db.execute("update agenda_items set duplicate_of = null where duplicate_of is not null and meeting_id in "
                   "(select id from meetings where date = ?)", [date])
        db.execute("update meetings set duplicate_of = null where duplicate_of is not null and date = ?", [date])
        _link_groups(db, db.query(_RICHNESS_SQL + " and m.date = ?", [date]))
        after = dict(db.execute("select id, duplicate_of from meetings where date = ?", [date]).fetchall())
        changed.update(meeting for meeting in before.keys() | after.keys() if before.get(meeting) != after.get(meeting)
                       and meeting in after)
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
        canonical_items = _items_by_key(db, canonical)
        for row in rows[1:]:
            duplicates += 1
            db.execute("update meetings set duplicate_of = ? where id = ?", [canonical, row["id"]])
            for key, item_id in _items_by_key(db, row["id"]).items():
                if key in canonical_items:
                    db.execute("update agenda_items set duplicate_of = ? where id = ?",
                               [canonical_items[key], item_id])
    return duplicates


def _items_by_key(db: sqlite_utils.Database, meeting_id: str) -> dict[str, str]:
    keys: dict[str, str] = {}
    for row in db.query("select id, number, title from agenda_items where meeting_id = ?", [meeting_id]):
        key = row["number"] or " ".join((row["title"] or "").split()).casefold()
        if key:
            keys.setdefault(key, row["id"])
    return keys
