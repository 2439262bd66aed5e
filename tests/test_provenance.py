"""Provenance: every extracted fact points at the exact characters of documents.text it came from, and at
the page those characters are on. Checked over every row of the sample database."""

from __future__ import annotations

import bisect
from pathlib import Path

import pytest
import sqlite_utils

# (table, how to reach its document, the column that must equal documents.text[start:end], or None when the
# span holds the fact without being stored verbatim)
SPANS = [
    ("entities", "t.document_id", "text"),
    ("figures", "t.document_id", "text"),
    ("agenda_items", "m.document_id", "text"),
    ("sections", "m.document_id", "text"),
    ("decisions", "m.document_id", "text"),
    ("attendance", "m.document_id", None),
    ("item_absences", "m.document_id", None),
]
JOINS = {
    "agenda_items": "join meetings m on m.id = t.meeting_id",
    "attendance": "join meetings m on m.id = t.meeting_id",
    "sections": "join agenda_items i on i.id = t.item_id join meetings m on m.id = i.meeting_id",
    "decisions": "join agenda_items i on i.id = t.item_id join meetings m on m.id = i.meeting_id",
    "item_absences": "join agenda_items i on i.id = t.item_id join meetings m on m.id = i.meeting_id",
}


@pytest.mark.parametrize(("table", "document", "verbatim"), SPANS, ids=[row[0] for row in SPANS])
def test_offsets_point_at_the_text(sample_db: Path, table: str, document: str, verbatim: str | None) -> None:
    db = sqlite_utils.Database(sample_db)
    texts = {row["id"]: row["text"] for row in db.query("select id, text from documents")}
    checked = 0
    sql = f"select t.*, {document} as doc_id from [{table}] t {JOINS.get(table, '')} where t.start is not null"
    for row in db.query(sql):
        text = texts[row["doc_id"]]
        span = text[row["start"] : row["end"]]
        row_id = row.get("id") or row.get("section_id")  # the `sections` view names its id
        assert 0 <= row["start"] <= row["end"] <= len(text), (table, row_id)
        if verbatim is not None:
            assert span == row[verbatim], (table, row_id, span[:80], str(row[verbatim])[:80])
        elif table in ("attendance", "item_absences"):
            assert row["name"].split()[-1] in span, (table, row["name"], span)
        checked += 1
    print(f"{table}: {checked} rows checked")


def test_pages_are_the_pages_the_offsets_fall_on(sample_db: Path) -> None:
    db = sqlite_utils.Database(sample_db)
    starts: dict[str, list[int]] = {}
    for row in db.query("select document_id, start from document_pages order by document_id, page"):
        starts.setdefault(row["document_id"], []).append(row["start"])
    for table in ("entities", "figures"):
        for row in db.query(f"select document_id, start, page from [{table}]"):
            assert row["page"] == bisect.bisect_right(starts[row["document_id"]], row["start"]), (table, row)


def test_the_sample_has_facts_to_check(sample_db: Path) -> None:
    db = sqlite_utils.Database(sample_db)
    assert db["agenda_items"].count >= 15
    assert db["decisions"].count >= 12
    assert db["attendance"].count >= 18
