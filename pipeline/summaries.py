"""Attendance summaries: the counts the watchdogs' attendance queries read, kept up to date meeting by meeting.

At national size (two million agenda items, about two million attendance rows) counting attendance in the
`member_attendance` view for every request takes seconds; the queries read two small tables instead:

- `attendance_by_meeting`: for each meeting that records attendance, once: whether it lists who was present, and
  its members, present, absent and attendance rate (what "Attendance over time" shows);
- `attendance_stats`: for each member and year, the meetings that list who was present, present, absent and the
  rate over those, and apart from them the absences at absentee-only meetings (what "Attendance by member" lists,
  in the order of its index).

A rate is a share of the meetings whose minutes list who was present (a list of the members present, with or
without an Afbud/Fraværende list beside it). Minutes that name only the absent (an "Afbud: ..." or "Fraværende:
..." line, "Medlemmerne var mødt, bortset fra ...") say nothing of the members they do not name, so their
absences are counted, but not in a rate: a member named absent there once would otherwise have 0 %, and a
council whose minutes always look so a rate made of its absences alone (`meetings.presence_recorded`).

Both count exactly what the view counts (each meeting once, officials left out), so the view stays the definition
and the tables its cache. `update_summaries(db, meeting_ids)` brings them up to date for some meetings (`None`:
all): the derived stage of an ingest calls it for the meetings of the documents it handles and for meetings whose
`duplicate_of` changed. A meeting that is gone (its document replaced or deleted) is still found through the
summary rows it left, so its counts are taken away. What the tables were counted by (these statements, the view
and the list of official roles) is remembered in `search_state`: when it changed, the next ingest counts them all
again (`refresh_stale_summaries`). The caller commits: the summaries change in the same transaction as the derived
stage's other writes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import sqlite_utils

from referat.models.views import VIEWS_BY_NAME

# One row per meeting of `member_attendance`; `meeting` is the view's meeting id. A meeting is rated when its
# minutes list who was present (`meetings.presence_recorded`) and a member among them: a list of officials alone
# is a copy cut off before the members' names. Members, present and the rate only for a rated meeting: at an
# absentee-only meeting those named present are substitutes and members who left, not the members there.
_BY_MEETING = """
insert or replace into attendance_by_meeting
  (meeting_id, document_id, municipality, committee, date, presence_recorded, members, present, absent,
   attendance_pct)
select meeting, document_id, municipality, committee, date, rated, iif(rated, listed, null),
  iif(rated, present, null), absent, iif(rated, round(100.0 * present / listed, 1), null)
from (
  select a.meeting, m.document_id, a.municipality, a.committee, a.date,
    max(a.presence_recorded) = 1 and sum(a.status = 'present') > 0 as rated, count(*) as listed,
    sum(a.status = 'present') as present, sum(a.status = 'absent') as absent
  from member_attendance a
  join meetings m on m.id = a.meeting
  where true {where}
  group by a.meeting
)
"""
# One row per member and year with a rated meeting, or an absence at a meeting that is not (as
# attendance_by_meeting, counted first, rates them); empty strings stand for a missing municipality or year, so
# that a row is identified.
_STATS = """
insert or replace into attendance_stats
  (person_id, year, municipality, name, party, meetings, present, absent, absent_absentee_only, attendance_pct)
select a.person_id, coalesce(a.year, ''), coalesce(a.municipality, ''), a.name, a.party, sum(b.presence_recorded),
  sum(b.presence_recorded and a.status = 'present'), sum(b.presence_recorded and a.status = 'absent'),
  sum(not b.presence_recorded and a.status = 'absent'),
  round(100.0 * sum(b.presence_recorded and a.status = 'present') / nullif(sum(b.presence_recorded), 0), 1)
from member_attendance a
join attendance_by_meeting b on b.meeting_id = a.meeting
where (b.presence_recorded or a.status = 'absent') {where}
group by a.person_id, coalesce(a.year, '')
"""
# The row of `search_state` that remembers what the summaries were counted by.
STATE_NAME = "attendance_summaries"

Group = tuple[str | None, str | None]  # municipality and year as the meetings have them


def update_summaries(
    db: sqlite_utils.Database,
    meeting_ids: Iterable[str] | None,
    *,
    documents: Iterable[str] = (),
) -> None:
    """Recount attendance for these meetings and the meetings of these documents (`meeting_ids=None`: all).

    Ids of meetings that no longer exist are welcome: their old counts are taken away. The caller commits."""
    if meeting_ids is None or not summaries_current(db):
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
        conn.execute(
            f"insert or ignore into temp.summary_meetings select {key} from {source}"
            " where document_id in (select id from temp.summary_documents)"
        )
    chosen = "(select id from temp.summary_meetings)"
    # The municipalities and years these meetings count in: as summarised before (a meeting may be gone) and now.
    groups: set[Group] = set()
    for municipality, date in conn.execute(
        f"select municipality, date from attendance_by_meeting where meeting_id in {chosen}"
        f" union select municipality, date from meetings where id in {chosen}"
    ):
        groups.add((municipality, date[:4] if date else None))
    conn.execute(f"delete from attendance_by_meeting where meeting_id in {chosen}")
    conn.execute(_BY_MEETING.format(where=f"and a.meeting in {chosen}"))
    for group in sorted(groups, key=lambda g: tuple(part or "" for part in g)):
        _recount_group(db, group)


def _recount_group(db: sqlite_utils.Database, group: Group) -> None:
    """Count again every member of a municipality in a year (a few thousand attendance rows at most)."""
    municipality, year = group
    db.conn.execute(
        "delete from attendance_stats where municipality = ? and year = ?", [municipality or "", year or ""]
    )
    # A date range rather than the year's text, so that the meetings are found through their index.
    dates = "a.date >= :year and a.date < :next_year" if year else "a.year is null"
    db.conn.execute(
        _STATS.format(where=f"and a.municipality is :municipality and {dates}"),
        {
            "municipality": municipality,
            "year": year,
            "next_year": str(int(year) + 1) if year and year.isdigit() else year,
        },
    )


def rebuild_summaries(db: sqlite_utils.Database) -> None:
    """Count attendance for every meeting again (a fresh build, or after the list of official roles changed).
    The caller commits."""
    db.conn.execute("delete from attendance_by_meeting")
    db.conn.execute("delete from attendance_stats")
    db.conn.execute(_BY_MEETING.format(where=""))
    db.conn.execute(_STATS.format(where=""))
    db.conn.execute(
        "insert or replace into search_state (name, signature, rows) values (?, ?, null)",
        [STATE_NAME, summaries_signature(db)],
    )


def summaries_signature(db: sqlite_utils.Database) -> str:
    """A hash of what the summaries count by: the statements, the view and the list of official roles."""
    roles = [row[0] for row in db.execute("select word from official_roles order by word")]
    definition = "\n".join([_BY_MEETING, _STATS, VIEWS_BY_NAME["member_attendance"].sql, *roles])
    return hashlib.sha256(definition.encode()).hexdigest()[:16]


def summaries_current(db: sqlite_utils.Database) -> bool:
    """Whether the summaries were counted by the statements, view and official roles of now."""
    found = db.execute("select signature from search_state where name = ?", [STATE_NAME]).fetchone()
    return found is not None and found[0] == summaries_signature(db)


def refresh_stale_summaries(db: sqlite_utils.Database) -> bool:
    """Count every meeting again when the summaries were counted otherwise (a database of an earlier referat, or
    a changed list of official roles), in its own transaction; True when it did."""
    if summaries_current(db):
        return False
    with db.conn:
        rebuild_summaries(db)
    return True
