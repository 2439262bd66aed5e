"""The database's views: SQL over the tables of `models.schema` for searching and counting, each with the
description of every column that Datasette and the README show.

`ensure_view` creates a view or replaces it when its definition changed; `models.shape.ensure_db_shape` calls it for
every view of `VIEWS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from referat.models.schema import Column

if TYPE_CHECKING:
    import sqlite_utils


@dataclass(frozen=True)
class View:
    """A SQL view for searching and counting: canonical meetings only, so nothing is counted twice."""

    name: str
    description: str
    columns: tuple[Column, ...]
    sql: str


VIEWS: tuple[View, ...] = (
    View(
        "sections",
        "Headed sections of agenda items (Sagsfremstilling, Økonomi, Indstilling, Beslutning, ...) with their text, "
        "read from documents.text by the section's offsets: each text is stored once.",
        (
            Column("section_id", str, "The section (item_sections.id)."),
            Column("item_id", str, "The agenda item."),
            Column("position", int, "1-based position within the item."),
            Column("heading", str, "Heading as printed."),
            Column(
                "kind",
                str,
                "Normalised kind: summary, background, case, economy, attachments, authority, "
                "recommendation, decision, history or other.",
            ),
            Column("text", str, "Section text without its heading: documents.text[start:end]."),
            Column("start", int, "Offset of the first character in documents.text."),
            Column("end", int, "Offset just after the last character in documents.text."),
        ),
        """
select s.id as section_id, s.item_id, s.position, s.heading, s.kind,
  substr(d.text, s.start + 1, s.end - s.start) as text, s.start, s.end
from item_sections s
join agenda_items i on i.id = s.item_id
join meetings m on m.id = i.meeting_id
join documents d on d.id = m.document_id
""",
    ),
    View(
        "search_items",
        "Agenda items of every meeting, each once, with its meeting, KLE group and this meeting's decision: "
        "search titles, journal numbers and texts here (three characters or more) and facet by municipality, "
        "committee, year, outcome and KLE group. Closed items show their title only.",
        (
            Column("date", str, "Meeting date (ISO 8601)."),
            Column("committee", str, "Committee or council as printed."),
            Column("item", str, "Item number as printed."),
            Column("title", str, "Title of the item."),
            Column("journal_number", str, "Journal or case number as printed."),
            Column("kle_group", str, "KLE main group (first two digits of a KLE journal number) and its title."),
            Column("outcome", str, "Outcome of this meeting's decision (approved, noted, rejected, ...)."),
            Column("decision", str, "This meeting's decision as printed; empty for agendas and closed items."),
            Column("closed", int, "1 for a closed item (lukket punkt): only its title is public."),
            Column("page", int, "Page of the source document where the item starts."),
            Column(
                "source",
                str,
                "Where the meeting was published (its source_url, of any version of it), else "
                "the file it was read from.",
            ),
            Column("municipality", str, "Municipality, bare name without 'Kommune'."),
            Column("year", str, "Year of the meeting, for facets."),
            Column("meeting", str, "The meeting (meetings.id), shown as a link to the meeting as the minutes read."),
            Column("item_id", str, "The agenda item (agenda_items.id)."),
            Column("item_rowid", int, "Row number of the agenda item, which the full-text index refers to."),
        ),
        """
select m.date, m.committee, i.number as item, i.title, i.case_number as journal_number,
  case when i.kle_number is not null then trim(substr(i.kle_number, 1, 2) || ' ' || coalesce(k.title, ''))
  end as kle_group,
  d.outcome, case when i.closed then null else d.text end as decision, i.closed, i.page_start as page,
  coalesce(m.source_url, doc.source) as source, m.municipality, substr(m.date, 1, 4) as year, m.id as meeting,
  i.id as item_id, i.rowid as item_rowid
from agenda_items i
join meetings m on m.id = i.meeting_id
join documents doc on doc.id = m.document_id
left join decisions d on d.item_id = i.id and d.position = 1
left join kle_groups k on k.code = substr(i.kle_number, 1, 2)
where i.duplicate_of is null
""",
    ),
    View(
        "member_attendance",
        "Members' attendance at meetings that record it, each meeting once; officials (see official_roles) are "
        "left out. A meeting without a participant list is not here: not recorded is not absent. A meeting whose "
        "minutes name only the absent has presence_recorded = 0: count rates of attendance over the others.",
        (
            Column("attendance_id", str, "The attendance row (attendance.id)."),
            Column("person_id", str, "The person."),
            Column("name", str, "Name as printed."),
            Column("party", str, "Party letter as printed."),
            Column("role", str, "Role as printed (formand, suppleant, ...)."),
            Column("status", str, "present or absent."),
            Column("reason", str, "Reason for an absence as printed."),
            Column("meeting", str, "The meeting (meetings.id), shown as a link to the meeting as the minutes read."),
            Column("municipality", str, "Municipality, bare name without 'Kommune'."),
            Column("committee", str, "Committee or council as printed."),
            Column("date", str, "Meeting date (ISO 8601)."),
            Column("year", str, "Year of the meeting, for facets."),
            Column(
                "presence_recorded",
                int,
                "1 when the meeting lists who was present; 0 when it names only the "
                "absent (and who stood in), so those it does not name were not recorded.",
            ),
        ),
        """
select a.id as attendance_id, a.person_id, a.name, a.party, a.role, a.status, a.reason,
  m.id as meeting, m.municipality, m.committee, m.date, substr(m.date, 1, 4) as year, m.presence_recorded
from attendance a
join meetings m on m.id = a.meeting_id
where m.duplicate_of is null and m.attendance_recorded = 1
  and not exists (select 1 from official_roles r where instr(lower(coalesce(a.role, '')), r.word) > 0)
""",
    ),
)

VIEWS_BY_NAME = {view.name: view for view in VIEWS}


def ensure_view(db: sqlite_utils.Database, view: View) -> None:
    """Create the view, or replace it when its definition changed."""
    wanted = f"CREATE VIEW [{view.name}] AS {view.sql.strip()}"
    existing = db.execute("select sql from sqlite_master where type = 'view' and name = ?", [view.name]).fetchone()
    if existing and existing[0] == wanted:
        return
    if existing:
        db.execute(f"DROP VIEW [{view.name}]")
    db.execute(wanted)
