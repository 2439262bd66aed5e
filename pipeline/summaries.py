"""Attendance summaries: the counts the watchdogs' attendance queries read, kept up to date meeting by meeting.

At national size (two million agenda items, about two million attendance rows) counting attendance in the
`member_attendance` view for every request takes seconds; the queries read two small tables instead:

- `attendance_by_meeting`: for each meeting once that lists who was present, its members, present and absent
  (what "Attendance over time" shows);
- `attendance_stats`: for each member and year, the meetings, present, absent and the rate (what "Attendance by
  member" lists, in the order of its index).

Both count exactly what the view counts (each meeting once, officials left out, only meetings that list who was
present), so the view stays the definition and the tables its cache. `update_summaries(db, meeting_ids)` brings
them up to date for some meetings (`None`: all): the derived stage of an ingest calls it for the meetings of the
documents it handles and for meetings whose `duplicate_of` changed. A meeting that is gone (its document replaced
or deleted) is still found through the summary rows it left, so its counts are taken away. The caller commits:
the summaries change in the same transaction as the derived stage's other writes.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

# One row per meeting of `member_attendance` that lists who was present; `meeting` is the view's meeting id.
_BY_MEETING = """
insert or replace into attendance_by_meeting
  (meeting_id, document_id, municipality, committee, date, members, present, absent)
select a.meeting, m.document_id, a.municipality, a.committee, a.date, count(*), sum(a.status = 'present'),
  sum(a.status = 'absent')
from member_attendance a
join meetings m on m.id = a.meeting
where a.presence_recorded = 1 {where}
group by a.meeting
"""
# One row per member and year; empty strings stand for a missing municipality or year, so that a row is identified.
_STATS = """
insert or replace into attendance_stats
  (person_id, year, municipality, name, party, meetings, present, absent, attendance_pct)
select person_id, coalesce(year, ''), coalesce(municipality, ''), name, party, count(*), sum(status = 'present'),
  sum(status = 'absent'), round(100.0 * sum(status = 'present') / count(*), 1)
from member_attendance
where presence_recorded = 1 {where}
group by person_id, coalesce(year, '')
"""

Group = tuple[str | None, str | None]  # municipality and year as the meetings have them


def update_summaries(
    db: sqlite_utils.Database, meeting_ids: Iterable[str] | None, *, documents: Iterable[str] = (),
) -> None:
    """Recount attendance for these meetings and the meetings of these documents (`meeting_ids=None`: all).

    Ids of meetings that no longer exist are welcome: their old counts are taken away. The caller commits."""
    if meeting_ids is None:
        rebuild_summaries(db)
        return
    meetings = sorted(set(meeting_ids))
    document_ids = sorted(set(documents))
    if not meetings and not document_ids:
        return
    conn = db.conn
    conn.execute("create temp table if not exists summary_meetings (id text primary key)")
    conn.execute("create temp table if not exists summary_documents (id text primary key)")
    conn.execute("delete from temp.summary_meetings")
    conn.execute("delete from temp.summary_documents")
    conn.executemany("insert or ignore into temp.summary_meetings values (?)", [(m,) for m in meetings])
    conn.executemany("insert or ignore into temp.summary_documents values (?)", [(d,) for d in document_ids])
    # The meetings of the documents, now and as summarised before; from here on, meetings are chosen by id alone
    # (an `or` of two tables' columns would make SQLite read every meeting's attendance).
    for source in ("meetings", "attendance_by_meeting"):
        key = "id" if source == "meetings" else "meeting_id"
        conn.execute(f"insert or ignore into temp.summary_meetings select {key} from {source}"
                     " where document_id in (select id from temp.summary_documents)")
    chosen = "(select id from temp.summary_meetings)"
    # The municipalities and years these meetings count in: as summarised before (a meeting may be gone) and now.
    groups: set[Group] = set()
    for municipality, date in conn.execute(
            f"select municipality, date from attendance_by_meeting where meeting_id in {chosen}"
            f" union select municipality, date from meetings where id in {chosen}"):
        groups.add((municipality, date[:4] if date else None))
    conn.execute(f"delete from attendance_by_meeting where meeting_id in {chosen}")
    conn.execute(_BY_MEETING.format(where=f"and a.meeting in {chosen}"))
    for group in sorted(groups, key=lambda g: tuple(part or "" for part in g)):
        _recount_group(db, group)


def _recount_group(db: sqlite_utils.Database, group: Group) -> None:
    """Count again every member of a municipality in a year (a few thousand attendance rows at most)."""
    municipality, year = group
    db.conn.execute("delete from attendance_stats where municipality = ? and year = ?", [municipality or "",
                                                                                         year or ""])
    # A date range rather than the year's text, so that the meetings are found through their index.
    dates = "date >= :year and date < :next_year" if year else "year is null"
    db.conn.execute(_STATS.format(where=f"and municipality is :municipality and {dates}"),
                    {"municipality": municipality, "year": year,
                     "next_year": str(int(year) + 1) if year and year.isdigit() else year})


def rebuild_summaries(db: sqlite_utils.Database) -> None:
    """Count attendance for every meeting again (a fresh build, or after the list of official roles changed).
    The caller commits."""
    db.conn.execute("delete from attendance_by_meeting")
    db.conn.execute("delete from attendance_stats")
    db.conn.execute(_BY_MEETING.format(where=""))
    db.conn.execute(_STATS.format(where=""))
