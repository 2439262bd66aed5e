"""The same meeting in several versions: the canonical one keeps the best citation of them all (real pages beat a
text export, a known source address is carried over), and every document says what to cite it by."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from referat.models.records import Document, ParsedDocument
from referat.models.shape import ensure_db_shape
from referat.pipeline.duplicates import link_duplicate_meetings, update_duplicate_meetings
from referat.pipeline.rows import document_rows
from tests.test_attendance_summaries import database_of

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"
TEXT_EXPORT = RAW / "004_07fbbc99cae8a549.txt"
RENDERED = RAW / "ballerup_erhvervs-beskaeftigelses-og-uddannelsesudvalget_2025-05-13_rendered.pdf"
URL = "https://ballerup.dk/dagsordener/ebu/2025-05-13"


@pytest.mark.parametrize("order", ["text first", "pdf first"])
def test_the_pdf_with_real_pages_is_canonical_over_its_text_export(order: str) -> None:
    """Seed 004 as a text export (one "page") and as a 17-page PDF: the same items, decisions and attendees."""
    paths = [TEXT_EXPORT, RENDERED] if order == "text first" else [RENDERED, TEXT_EXPORT]
    db = database_of(*paths)
    canonical = db.execute(
        "select d.media_type, d.pages from meetings m join documents d on d.id = m.document_id "
        "where m.duplicate_of is null"
    ).fetchall()
    assert canonical == [("pdf", 17)]
    pages = [row[0] for row in db.execute("select page from search_items order by item")]
    assert len(pages) == 7 and all(page > 1 for page in pages)  # items cite the page they start on, not "page 1"


# -- a small archive of one meeting in two versions --------------------------------------------------------------


def _version(
    db: sqlite_utils.Database,
    name: str,
    *,
    pages: int,
    source_url: str | None,
    kind: str = "minutes",
    decisions: int = 2,
) -> str:
    """One version of Ballerup's finance committee meeting of 13 May 2025: a document, its meeting and items."""
    document_id, meeting_id = f"doc-{name}", f"meeting-{name}"
    db.table("documents").insert(
        {
            "id": document_id,
            "path": f"raw/{name}",
            "pages": pages,
            "source_url": source_url,
            "source": source_url or f"raw/{name}",
            "kind": kind,
            "text": "x" * 100,
        }
    )
    db.table("meetings").insert(
        {
            "id": meeting_id,
            "document_id": document_id,
            "municipality": "Ballerup",
            "committee": "Økonomiudvalget",
            "date": "2025-05-13",
            "kind": kind,
            "source_url": source_url,
        }
    )
    for n in range(1, 3):
        db.table("agenda_items").insert(
            {
                "id": f"{meeting_id}-item{n}",
                "meeting_id": meeting_id,
                "position": n,
                "number": str(n),
                "title": f"Punkt {n}",
                "page_start": n if pages > 1 else 1,
            }
        )
        if n <= decisions:
            db.table("decisions").insert(
                {
                    "id": f"{meeting_id}-decision{n}",
                    "item_id": f"{meeting_id}-item{n}",
                    "position": 1,
                    "text": "Godkendt.",
                    "outcome": "approved",
                }
            )
    return meeting_id


@pytest.fixture
def archive() -> sqlite_utils.Database:
    db = sqlite_utils.Database(memory=True)
    ensure_db_shape(db)
    return db


def test_the_canonical_meeting_takes_the_source_address_of_another_version(archive: sqlite_utils.Database) -> None:
    """The web page of the minutes (its address from INDEX.csv) and the PDF without one: the PDF is canonical and
    cited by the web page's address."""
    page = _version(archive, "ballerup_oeu_2025-05-13.html", pages=1, source_url=URL)
    pdf = _version(archive, "ballerup_oeu_2025-05-13.pdf", pages=9, source_url=None)
    link_duplicate_meetings(archive)
    assert archive.execute("select id, duplicate_of, source_url from meetings order by id").fetchall() == [
        (page, pdf, URL),
        (pdf, None, URL),
    ]
    assert archive.execute("select distinct source from search_items").fetchall() == [(URL,)]


def test_a_carried_address_goes_with_the_version_it_came_from(archive: sqlite_utils.Database) -> None:
    page = _version(archive, "ballerup_oeu_2025-05-13.html", pages=1, source_url=URL)
    pdf = _version(archive, "ballerup_oeu_2025-05-13.pdf", pages=9, source_url=None)
    update_duplicate_meetings(archive, ["2025-05-13"])
    archive.execute("delete from decisions where item_id in (select id from agenda_items where meeting_id = ?)", [page])
    archive.execute("delete from agenda_items where meeting_id = ?", [page])
    archive.execute("delete from meetings where id = ?", [page])
    update_duplicate_meetings(archive, ["2025-05-13"])
    assert archive.execute("select id, duplicate_of, source_url from meetings").fetchall() == [(pdf, None, None)]
    assert archive.execute("select distinct source from search_items").fetchall() == [
        ("raw/ballerup_oeu_2025-05-13.pdf",)
    ]


def test_pages_do_not_outweigh_what_a_version_records(archive: sqlite_utils.Database) -> None:
    """A paged agenda, or paged minutes with fewer decisions, stay copies of the richer minutes."""
    minutes = _version(archive, "minutes.html", pages=1, source_url=None)
    _version(archive, "agenda.pdf", pages=12, source_url=None, kind="agenda", decisions=0)
    _version(archive, "partial.pdf", pages=12, source_url=None, decisions=1)
    link_duplicate_meetings(archive)
    assert archive.execute("select id from meetings where duplicate_of is null").fetchall() == [(minutes,)]


# -- what a document is cited by -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source_url", "source"),
    [
        (URL, URL),  # published at a known address (the file's own, or its folder's INDEX.csv)
        (None, "minutes/ballerup_oeu_2025-05-13.pdf"),  # else the path as ingested
    ],
)
def test_a_document_is_cited_by_its_address_else_its_path(source_url: str | None, source: str) -> None:
    document = Document(
        id="d1",
        path="minutes/ballerup_oeu_2025-05-13.pdf",
        sha256="",
        kind="minutes",
        media_type="pdf",
        size=1,
        text="x",
        source_url=source_url,
    )
    rows, _ = document_rows(ParsedDocument(document, ()), ingested_at="2026-01-01")
    assert rows["documents"][0]["source"] == source


def test_a_database_from_before_citation_sources_gets_them_filled() -> None:
    db = sqlite_utils.Database(memory=True)
    ensure_db_shape(db)
    db.execute("drop view search_items")  # as the database had it: without the columns
    db.execute("alter table documents drop column source")
    db.execute("alter table meetings drop column source_url")
    documents: list[dict[str, str | None]] = [
        {"id": "d1", "path": "raw/a.pdf", "source_url": None},
        {"id": "d2", "path": "raw/b.txt", "source_url": URL},
    ]
    db.table("documents").insert_all(documents)
    db.table("meetings").insert({"id": "m2", "document_id": "d2"})
    ensure_db_shape(db)
    assert db.execute("select id, source from documents order by id").fetchall() == [("d1", "raw/a.pdf"), ("d2", URL)]
    assert db.execute("select source_url from meetings").fetchall() == [(URL,)]
