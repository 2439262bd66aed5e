"""A parsed document as table rows: the one place where typed records become dicts for sqlite-utils.

Ids are deterministic (a hash of the parent's id, what the row is and its position). Entities and figures
get the page their offset falls on and the agenda item whose text holds them. An article's mentions (what links
to meetings are found by, `pipeline.mentions`) are found here, in the worker that parsed it.

The big tables (pages, item sections, entities, figures: most of a document's rows) are built as value tuples
under a fixed column list; a dict per row and a type check per value were most of this stage's time.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from referat.models.records import Document, Entity, Meeting, ParsedDocument, Person, as_row, make_id, numbered_ids
from referat.pipeline import PARSER_VERSION
from referat.pipeline.mentions import find_article_mentions

Rows = dict[str, list[dict[str, Any]]]
# Per table: the column names and one tuple of values per row, ready for executemany.
Tables = dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]
TupleRows = dict[str, list[tuple[Any, ...]]]
# The tables whose rows are built as tuples, with their columns: the record's fields in order, then the links.
# Their values are plain str/int/float/None, so none needs the JSON step of `prepare`.
TUPLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "document_pages": ("id", "document_id", "page", "start", "end"),
    # a section's text is not stored: it is documents.text[start:end] (the `sections` view reads it there)
    "item_sections": ("heading", "kind", "start", "end", "id", "item_id", "position"),
    "entities": ("label", "text", "start", "end", "id", "document_id", "item_id", "page", "person_id"),
    "figures": ("kind", "value", "unit", "text", "start", "end", "id", "document_id", "item_id", "page"),
    "article_mentions": ("kind", "key", "text", "start", "end", "id", "document_id"),
}
# Insertion order: parents before the rows that refer to them.
TABLE_ORDER = (
    "documents",
    "document_pages",
    "persons",
    "meetings",
    "attendance",
    "agenda_items",
    "item_sections",
    "decisions",
    "votes",
    "item_absences",
    "entities",
    "figures",
    "articles",
    "article_mentions",
)


def document_rows(parsed: ParsedDocument, *, ingested_at: str) -> tuple[Rows, TupleRows]:
    """The document's rows: dicts for the small tables, value tuples (under `TUPLE_COLUMNS`) for the big ones."""
    document = parsed.document
    rows: Rows = {table: [] for table in TABLE_ORDER if table not in TUPLE_COLUMNS}
    tuples: TupleRows = {table: [] for table in TUPLE_COLUMNS}
    row = as_row(document, parser_version=PARSER_VERSION, ingested_at=ingested_at)
    row["warnings"] = json.dumps(list(document.warnings), ensure_ascii=False)
    row["source"] = citation_source(document)
    rows["documents"].append(row)
    document_id = document.id
    starts = document.page_starts if document.text else ()
    page_ids = numbered_ids(len(starts), document_id, "page", first=1)
    page_ends = [start - 1 for start in starts[1:]] + [len(document.text)] if starts else []
    tuples["document_pages"] = [
        (page_id, document_id, number, start, end)
        for number, (page_id, start, end) in enumerate(zip(page_ids, starts, page_ends, strict=True), start=1)
    ]
    people = {}
    item_spans: list[tuple[int, int, str]] = []
    for position, meeting in enumerate(parsed.meetings, start=1):
        for person in _people(meeting):
            people[person.id] = {
                "id": person.id,
                "name": person.name,
                "party": person.party,
                "municipality": person.municipality,
                "period": person.period,
            }
        item_spans += _meeting_rows(rows, tuples["item_sections"], document, position, meeting)
    rows["persons"] = list(people.values())
    item_spans.sort()
    span_starts = [start for start, _, _ in item_spans]
    page_starts = starts or (0,)  # pages found by bisection, as `Document.page_at` does (without a call per row)
    people_by_name = {" ".join(row["name"].split()).casefold(): row["id"] for row in rows["persons"]}
    entity_ids = numbered_ids(len(parsed.entities), document_id, "entities")
    tuples["entities"] = [
        (
            entity.label,
            entity.text,
            entity.start,
            entity.end,
            entity_id,
            document_id,
            _item_at(entity.start, item_spans, span_starts),
            bisect.bisect_right(page_starts, entity.start),
            people_by_name.get(" ".join(entity.text.split()).casefold()) if entity.label == "PER" else None,
        )
        for entity, entity_id in zip(parsed.entities, entity_ids, strict=True)
    ]
    figure_ids = numbered_ids(len(parsed.figures), document_id, "figures")
    tuples["figures"] = [
        (
            figure.kind,
            figure.value,
            figure.unit,
            figure.text,
            figure.start,
            figure.end,
            figure_id,
            document_id,
            _item_at(figure.start, item_spans, span_starts),
            bisect.bisect_right(page_starts, figure.start),
        )
        for figure, figure_id in zip(parsed.figures, figure_ids, strict=True)
    ]
    if parsed.article is not None:
        rows["articles"].append(as_row(parsed.article, document_id=document_id))
        tuples["article_mentions"] = article_mention_rows(
            document_id, document.text, parsed.article.published, parsed.entities
        )
    return rows, tuples


def article_mention_rows(
    document_id: str, text: str, published: str | None, entities: Iterable[Entity]
) -> list[tuple[Any, ...]]:
    """The `article_mentions` rows of an article (under `TUPLE_COLUMNS`): what links to meetings are found by."""
    mentions = find_article_mentions(text, published, entities)
    ids = numbered_ids(len(mentions), document_id, "mention")
    return [
        (mention.kind, mention.key, mention.text, mention.start, mention.end, mention_id, document_id)
        for mention, mention_id in zip(mentions, ids, strict=True)
    ]


def citation_source(document: Document) -> str:
    """What to cite a document by: the address it was published at where known, else its path as ingested."""
    return document.source_url or document.path


def _people(meeting: Meeting) -> list[Person]:
    """Everyone the meeting names, each as a person of the meeting's municipality and council period."""
    people = [_person(meeting, a.name, a.party) for a in meeting.attendance]
    return people + [_person(meeting, a.name, a.party) for item in meeting.items for a in item.absences]


def _person(meeting: Meeting, name: str, party: str | None) -> Person:
    return Person.at_meeting(name, party, meeting.municipality, meeting.date)


def _meeting_rows(
    rows: Rows,
    section_rows: list[tuple[Any, ...]],
    document: Document,
    position: int,
    meeting: Meeting,
) -> list[tuple[int, int, str]]:
    document_id = document.id
    meeting_id = make_id(document_id, "meeting", position)
    # the meeting's own address; the derived stage carries one over from another version where it has none
    row = as_row(meeting, id=meeting_id, document_id=document_id, source_url=document.source_url)
    del row["attendance"], row["items"]
    rows["meetings"].append(row)
    for n, attendee in enumerate(meeting.attendance):
        rows["attendance"].append(
            as_row(
                attendee,
                id=make_id(meeting_id, "attendance", n),
                meeting_id=meeting_id,
                person_id=_person(meeting, attendee.name, attendee.party).id,
            )
        )
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
        section_ids = numbered_ids(len(item.sections), item_id, "section", first=1)
        section_rows += [
            (section.heading, section.kind, section.start, section.end, section_id, item_id, n)
            for n, (section, section_id) in enumerate(zip(item.sections, section_ids, strict=True), start=1)
        ]
        for n, decision in enumerate(item.decisions, start=1):
            decision_id = make_id(item_id, "decision", n)
            decision_row = as_row(decision, id=decision_id, item_id=item_id, position=n)
            del decision_row["votes"]
            rows["decisions"].append(decision_row)
            rows["votes"] += [
                as_row(vote, id=make_id(decision_id, "vote", v), decision_id=decision_id)
                for v, vote in enumerate(decision.votes, start=1)
            ]
        rows["item_absences"] += [
            as_row(
                absence,
                id=make_id(item_id, "absence", n),
                item_id=item_id,
                person_id=_person(meeting, absence.name, absence.party).id,
            )
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
    rows, tuples = document_rows(parsed, ingested_at=ingested_at)
    tables: Tables = {}
    for table in TABLE_ORDER:
        if table in TUPLE_COLUMNS:
            if tuples[table]:
                tables[table] = (TUPLE_COLUMNS[table], tuples[table])
        elif rows[table]:
            tables[table] = _as_tuples(rows[table])
    return PreparedDocument(parsed.document.replace(text=""), tables)


def _as_tuples(rows: list[dict[str, Any]]) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    """Dict rows as columns (every key any row has) and value tuples; lists (attachments, warnings ...) are
    stored as JSON."""
    columns = tuple(dict.fromkeys(key for row in rows for key in row))
    values = [[row.get(column) for column in columns] for row in rows]
    for row_values in values:
        for index, value in enumerate(row_values):
            if isinstance(value, list):
                row_values[index] = json.dumps(value, ensure_ascii=False)
    return columns, [tuple(row_values) for row_values in values]
