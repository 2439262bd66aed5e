"""Saving parsed documents into SQLite, and the crash-safe way the database file is replaced.

`save_parsed(db, parsed)` replaces every row of one document in one transaction. `building(db_path)` hands
out a working copy of the database and moves it over the real file only when the batch is done, with an
atomic rename: a reader (or a batch killed with kill -9) only ever sees a complete database.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from models.records import (
    AgendaItem,
    Meeting,
    ParsedDocument,
    Person,
    as_row,
    make_id,
)
from models.schema import DOCUMENT_TABLES, ensure_db_shape
from pipeline import PARSER_VERSION


class DatabaseBusyError(Exception):
    """Another ingest holds the database."""


def utc_now(timespec: str = "seconds") -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec=timespec)


@contextlib.contextmanager
def ingest_lock(db_path: Path) -> Iterator[None]:
    """One ingest at a time per database file."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with open(db_path.with_name(db_path.name + ".lock"), "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise DatabaseBusyError(
                f"another referat ingest is writing {db_path}; wait for it to finish and run again"
            ) from error
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def open_db(path: Path) -> sqlite_utils.Database:
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    return db


@contextlib.contextmanager
def building(db_path: Path) -> Iterator[sqlite_utils.Database]:
    """A working copy of the database that replaces the real file atomically when the block ends cleanly.

    If the block raises, or the process dies, the real file is untouched and the copy is discarded on the
    next run. The copy skips the rollback journal's fsyncs (it is thrown away on a crash anyway) but is
    synced once before the rename, so the renamed file is complete on disk.
    """
    work = db_path.with_name(db_path.name + ".building")
    with contextlib.suppress(FileNotFoundError):
        work.unlink()
    if db_path.exists():
        shutil.copyfile(db_path, work)
    db = open_db(work)
    db.execute("PRAGMA journal_mode = MEMORY")
    db.execute("PRAGMA synchronous = OFF")
    try:
        ensure_db_shape(db)
        yield db
        db.execute("PRAGMA optimize")
    except BaseException:
        db.close()
        with contextlib.suppress(FileNotFoundError):
            work.unlink()
        raise
    db.close()
    with open(work, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(work, db_path)
    directory = os.open(db_path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


@dataclass(frozen=True)
class KnownDocument:
    """A document already in the database, as the planning step of an ingest needs it."""

    id: str
    parser_version: str
    status: str
    error: str | None
    kind: str
    pages: int


def known_documents(db_path: Path) -> tuple[dict[str, KnownDocument], dict[str, str]]:
    """What the database already holds: {sha256: KnownDocument} and {path: sha256}."""
    if not db_path.exists():
        return {}, {}
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        tables = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
        if not {"documents", "document_paths"} <= tables:
            return {}, {}
        by_hash = {
            sha: KnownDocument(doc_id, version or "", status, error, kind, pages or 0)
            for doc_id, sha, version, status, error, kind, pages in conn.execute(
                "select id, sha256, parser_version, status, error, kind, pages from documents")
        }
        by_path = dict(conn.execute(
            "select p.path, d.sha256 from document_paths p join documents d on d.id = p.document_id"))
    finally:
        conn.close()
    return by_hash, by_path


def delete_document_rows(db: sqlite_utils.Database, document_id: str) -> None:
    """Remove everything derived from one document (not the document row or its paths)."""
    meetings = "select id from meetings where document_id = :doc"
    items = f"select id from agenda_items where meeting_id in ({meetings})"
    where = {
        "links": f"article_id = :doc or meeting_id in ({meetings})",
        "votes": f"decision_id in (select id from decisions where item_id in ({items}))",
        "entities": "document_id = :doc",
        "figures": "document_id = :doc",
        "item_absences": f"item_id in ({items})",
        "decisions": f"item_id in ({items})",
        "item_sections": f"item_id in ({items})",
        "agenda_items": f"meeting_id in ({meetings})",
        "attendance": f"meeting_id in ({meetings})",
        "meetings": "document_id = :doc",
        "articles": "document_id = :doc",
        "document_pages": "document_id = :doc",
    }
    for table in DOCUMENT_TABLES:
        db.execute(f"delete from [{table}] where {where[table]}", {"doc": document_id})


def delete_document(db: sqlite_utils.Database, document_id: str) -> None:
    delete_document_rows(db, document_id)
    db.execute("delete from document_paths where document_id = ?", [document_id])
    db.execute("delete from documents where id = ?", [document_id])


def save_parsed(db: sqlite_utils.Database, parsed: ParsedDocument, *, ingested_at: str) -> None:
    """Replace one document and all its rows, in one transaction."""
    document = parsed.document
    with db.conn:
        delete_document_rows(db, document.id)
        row = as_row(document, parser_version=PARSER_VERSION, ingested_at=ingested_at)
        row["warnings"] = json.dumps(list(document.warnings), ensure_ascii=False)
        db.table("documents").upsert(row, pk="id")
        _save_pages(db, parsed)
        persons = _persons(parsed.meetings)
        if persons:
            db.table("persons").upsert_all(persons.values(), pk="id")
        for position, meeting in enumerate(parsed.meetings, start=1):
            _save_meeting(db, document.id, position, meeting)
        page_starts = document.page_starts
        db.table("entities").insert_all(
            (as_row(entity, id=make_id(document.id, "entity", n), document_id=document.id, item_id=None,
                    page=document.page_at(entity.start, page_starts))
             for n, entity in enumerate(parsed.entities)),
        )
        db.table("figures").insert_all(
            (as_row(figure, id=make_id(document.id, "figure", n), document_id=document.id, item_id=None,
                    page=document.page_at(figure.start, page_starts))
             for n, figure in enumerate(parsed.figures)),
        )
        if parsed.article is not None:
            db.table("articles").insert(as_row(parsed.article, document_id=document.id))


def record_path(db: sqlite_utils.Database, path: str, document_id: str, seen_at: str) -> None:
    """Point a path at the document it holds now, keeping when the path was first seen."""
    existing = list(db.query("select first_seen from document_paths where path = ?", [path]))
    first_seen = existing[0]["first_seen"] if existing else seen_at
    db.table("document_paths").upsert({"path": path, "document_id": document_id, "first_seen": first_seen}, pk="path")


def drop_orphans(db: sqlite_utils.Database) -> None:
    """Documents no path points at any more (a file whose content changed), and persons nobody refers to."""
    with db.conn:
        orphans = [row["id"] for row in db.query(
            "select id from documents where id not in (select document_id from document_paths)")]
        for document_id in orphans:
            delete_document(db, document_id)
        db.execute(
            "delete from persons where id not in (select person_id from attendance where person_id is not null)"
            " and id not in (select person_id from item_absences where person_id is not null)"
        )


def _save_pages(db: sqlite_utils.Database, parsed: ParsedDocument) -> None:
    document = parsed.document
    starts = document.page_starts if document.text else ()
    rows = []
    for number, start in enumerate(starts, start=1):
        end = starts[number] - 1 if number < len(starts) else len(document.text)
        rows.append({"id": make_id(document.id, "page", number), "document_id": document.id, "page": number,
                     "start": start, "end": end})
    db.table("document_pages").insert_all(rows)


def _persons(meetings: tuple[Meeting, ...]) -> dict[str, dict[str, Any]]:
    """Everyone named in attendance lists and per-item absences, saved before the rows that refer to them."""
    people = [Person(a.name, a.party) for m in meetings for a in m.attendance]
    people += [Person(a.name, a.party) for m in meetings for item in m.items for a in item.absences]
    return {person.id: {"id": person.id, "name": person.name, "party": person.party} for person in people}


def _save_meeting(db: sqlite_utils.Database, document_id: str, position: int, meeting: Meeting) -> None:
    meeting_id = make_id(document_id, "meeting", position)
    row = as_row(meeting, id=meeting_id, document_id=document_id)
    for nested in ("attendance", "items"):
        row.pop(nested)
    db.table("meetings").insert(row)
    attendance_rows = []
    for n, attendee in enumerate(meeting.attendance):
        attendance_rows.append(as_row(attendee, id=make_id(meeting_id, "attendance", n), meeting_id=meeting_id,
                                      person_id=Person(attendee.name, attendee.party).id))
    db.table("attendance").insert_all(attendance_rows)
    for item_position, item in enumerate(meeting.items, start=1):
        _save_item(db, meeting_id, item_position, item)


def _save_item(db: sqlite_utils.Database, meeting_id: str, position: int, item: AgendaItem) -> None:
    item_id = make_id(meeting_id, "item", position)
    row = as_row(item, id=item_id, meeting_id=meeting_id, position=position)
    for nested in ("sections", "decisions", "absences", "attachments"):
        row.pop(nested)
    row["attachments"] = json.dumps(list(item.attachments), ensure_ascii=False) if item.attachments else None
    db.table("agenda_items").insert(row)
    db.table("item_sections").insert_all(
        as_row(section, id=make_id(item_id, "section", n), item_id=item_id, position=n)
        for n, section in enumerate(item.sections, start=1)
    )
    for n, decision in enumerate(item.decisions, start=1):
        decision_id = make_id(item_id, "decision", n)
        decision_row = as_row(decision, id=decision_id, item_id=item_id, position=n)
        decision_row.pop("votes")
        db.table("decisions").insert(decision_row)
        db.table("votes").insert_all(
            as_row(vote, id=make_id(decision_id, "vote", v), decision_id=decision_id)
            for v, vote in enumerate(decision.votes, start=1)
        )
    absence_rows = []
    for n, absence in enumerate(item.absences):
        absence_rows.append(as_row(absence, id=make_id(item_id, "absence", n), item_id=item_id,
                                   person_id=Person(absence.name, absence.party).id))
    db.table("item_absences").insert_all(absence_rows)
