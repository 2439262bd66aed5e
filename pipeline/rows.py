"""A parsed document as table rows: the one place where typed records become dicts for sqlite-utils.

Ids are deterministic (a hash of the parent's id, what the row is and its position). Entities and figures
get the page their offset falls on and the agenda item whose text holds them.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass
from typing import Any

from models.records import Document, Entity, Figure, Meeting, ParsedDocument, Person, as_row, make_id
from pipeline import PARSER_VERSION

Rows = dict[str, list[dict[str, Any]]]
# Per table: the column names and one tuple of values per row, ready for executemany.
Tables = dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]
# Insertion order: parents before the rows that refer to them.
TABLE_ORDER = (
    "documents", "document_pages", "persons", "meetings", "attendance", "agenda_items", "item_sections",
    "decisions", "votes", "item_absences", "entities", "figures", "articles",
)


def document_rows(parsed: ParsedDocument, *, ingested_at: str) -> Rows:
    document = parsed.document
    rows: Rows = {table: [] for table in TABLE_ORDER}
    row = as_row(document, parser_version=PARSER_VERSION, ingested_at=ingested_at)
    row["warnings"] = json.dumps(list(document.warnings), ensure_ascii=False)
    rows["documents"].append(row)
    starts = document.page_starts if document.text else ()
    for number, start in enumerate(starts, start=1):
        end = starts[number] - 1 if number < len(starts) else len(document.text)
        rows["document_pages"].append({"id": make_id(document.id, "page", number), "document_id": document.id,
                                       "page": number, "start": start, "end": end})
    people = {}
    item_spans: list[tuple[int, int, str]] = []
    for position, meeting in enumerate(parsed.meetings, start=1):
        for person in _people(meeting):
            people[person.id] = {"id": person.id, "name": person.name, "party": person.party}
        item_spans += _meeting_rows(rows, document.id, position, meeting)
    rows["persons"] = list(people.values())
    item_spans.sort()
    span_starts = [start for start, _, _ in item_spans]
    located: list[tuple[str, Entity | Figure]] = [("entities", entity) for entity in parsed.entities]
    located += [("figures", figure) for figure in parsed.figures]
    counters = {"entities": 0, "figures": 0}
    people_by_name = {" ".join(row["name"].split()).casefold(): row["id"] for row in rows["persons"]}
    for kind, record in located:
        row = as_row(
            record, id=make_id(document.id, kind, counters[kind]), document_id=document.id,
            item_id=_item_at(record.start, item_spans, span_starts),
            page=document.page_at(record.start, starts or (0,)),
        )
        if isinstance(record, Entity):
            row["person_id"] = people_by_name.get(" ".join(record.text.split()).casefold()) \
                if record.label == "PER" else None
        rows[kind].append(row)
        counters[kind] += 1
    if parsed.article is not None:
        rows["articles"].append(as_row(parsed.article, document_id=document.id))
    return rows


def _people(meeting: Meeting) -> list[Person]:
    people = [Person(a.name, a.party) for a in meeting.attendance]
    return people + [Person(a.name, a.party) for item in meeting.items for a in item.absences]


def _meeting_rows(rows: Rows, document_id: str, position: int, meeting: Meeting) -> list[tuple[int, int, str]]:
    meeting_id = make_id(document_id, "meeting", position)
    row = as_row(meeting, id=meeting_id, document_id=document_id)
    del row["attendance"], row["items"]
    rows["meetings"].append(row)
    for n, attendee in enumerate(meeting.attendance):
        rows["attendance"].append(as_row(attendee, id=make_id(meeting_id, "attendance", n), meeting_id=meeting_id,
                                         person_id=Person(attendee.name, attendee.party).id))
    spans = []
    for item_position, item in enumerate(meeting.items, start=1):
        item_id = make_id(meeting_id, "item", item_position)
        item_row = as_row(item, id=item_id, meeting_id=meeting_id, position=item_position)
        for nested in ("sections", "decisions", "absences"):
            del item_row[nested]
        item_row["attachments"] = json.dumps(list(item.attachments), ensure_ascii=False) if item.attachments else None
        rows["agenda_items"].append(item_row)
        if item.start is not None and item.end is not None:
            spans.append((item.start, item.end, item_id))
        rows["item_sections"] += [as_row(section, id=make_id(item_id, "section", n), item_id=item_id, position=n)
                                  for n, section in enumerate(item.sections, start=1)]
        for n, decision in enumerate(item.decisions, start=1):
            decision_id = make_id(item_id, "decision", n)
            decision_row = as_row(decision, id=decision_id, item_id=item_id, position=n)
            del decision_row["votes"]
            rows["decisions"].append(decision_row)
            rows["votes"] += [as_row(vote, id=make_id(decision_id, "vote", v), decision_id=decision_id)
                              for v, vote in enumerate(decision.votes, start=1)]
        rows["item_absences"] += [
            as_row(absence, id=make_id(item_id, "absence", n), item_id=item_id,
                   person_id=Person(absence.name, absence.party).id)
            for n, absence in enumerate(item.absences)
        ]
    return spans


def _item_at(offset: int, spans: list[tuple[int, int, str]], starts: list[int]) -> str | None:
    """The item whose text holds an offset (items do not overlap; the latest start at or before it)."""
    position = bisect.bisect_right(starts, offset) - 1
    if position >= 0 and spans[position][0] <= offset < spans[position][1]:
        return spans[position][2]
    return None


@dataclass(frozen=True)
class PreparedDocument:
    """A parsed document turned into rows where it was parsed (a worker process), so the single writer only
    writes: `document` is kept (without its text, which is in the rows) to report the outcome."""

    document: Document
    tables: Tables


def prepare(parsed: ParsedDocument, *, ingested_at: str) -> PreparedDocument:
    tables: Tables = {}
    for table, rows in document_rows(parsed, ingested_at=ingested_at).items():
        if not rows:
            continue
        columns = tuple(dict.fromkeys(key for row in rows for key in row))
        values = [[row.get(column) for column in columns] for row in rows]
        for index, column in enumerate(columns):  # lists (attachments, warnings ...) are stored as JSON
            if any(isinstance(row.get(column), list) for row in rows):
                for row_values in values:
                    if isinstance(row_values[index], list):
                        row_values[index] = json.dumps(row_values[index], ensure_ascii=False)
        tables[table] = (columns, [tuple(row_values) for row_values in values])
    return PreparedDocument(parsed.document.replace(text=""), tables)
