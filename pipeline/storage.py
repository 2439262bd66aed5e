"""Saving parsed documents into SQLite, each document whole, while servers read the same file.

`building(db_path)` hands out the database an ingest writes: a new database is built in a working file and
renamed into place at the end (`fresh_build`); an existing one is written in place in WAL mode, a transaction
per batch of documents (`in_place`), so a reader sees each committed batch and an ingest killed at any moment
leaves every document whole, in its old or its new version. `save_prepared(db, prepared)` replaces every row of
one document and notes it in `pending_derived`, in the caller's transaction; the derived stage reads and clears
those rows (`pending_documents`, `pending_removed_meetings`, `clear_pending`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import hashlib
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from referat.models.records import make_id
from referat.models.schema import DOCUMENT_TABLES, TABLES
from referat.models.shape import SCHEMA_VERSION, ensure_db_shape
from referat.models.views import VIEWS
from referat.pipeline.copies import is_copy_name
from referat.pipeline.rows import TABLE_ORDER, PreparedDocument

if TYPE_CHECKING:
    import sqlite_utils


class DatabaseBusyError(Exception):
    """Another ingest holds the database."""


class DatabaseWriteError(Exception):
    """The database cannot be written (a read-only folder, a full disk): the old database is left as it was."""


def utc_now(timespec: str = "seconds") -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec=timespec)


def real_path(db_path: Path) -> Path:
    """The file a database path names: a symbolic link is followed, so that the lock and the update both go to
    the file it points to (replacing the link itself would leave the real database behind)."""
    return Path(os.path.realpath(db_path))


# Lock files this process holds. A forked worker would hold the lock too (a lock belongs to the open file, which a
# child shares), so an ingest killed with kill -9 would stay locked while its workers live: every child lets go of
# them as it starts.
_HELD_LOCKS: set[int] = set()


def _let_go_of_locks_in_child() -> None:
    if not _HELD_LOCKS:
        return
    null = os.open(os.devnull, os.O_RDONLY)
    for descriptor in _HELD_LOCKS:
        os.dup2(null, descriptor)  # the number stays valid (nothing here closes it twice); the lock is not held
    os.close(null)
    _HELD_LOCKS.clear()


os.register_at_fork(after_in_child=_let_go_of_locks_in_child)


@contextlib.contextmanager
def ingest_lock(db_path: Path) -> Iterator[None]:
    """One ingest at a time per database file (give the real path: `real_path`)."""
    lock_path = db_path.with_name(db_path.name + ".lock")
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as error:
        raise write_error(db_path, error) from error
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise DatabaseBusyError(
                f"another referat ingest is writing {db_path}; wait for it to finish and run again"
            ) from error
        _HELD_LOCKS.add(descriptor)
        try:
            yield
        finally:
            _HELD_LOCKS.discard(descriptor)
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


def open_db(path: Path) -> sqlite_utils.Database:
    import sqlite_utils  # here: an ingest forks its prefetch workers before this import (a tenth of a second)

    db = sqlite_utils.Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    return db


# The schema version from which deleted rows are zeroed (`secure_delete`): the free pages of an older database may
# still hold text that is no longer published (closed items' bodies), so it is vacuumed once.
ZEROED_SINCE = 2
# How long the writer waits for a lock another connection holds (the derived stage's second connection, a reader
# checkpointing): readers of a WAL database never block it for long.
BUSY_TIMEOUT_MS = 60_000
# The write-ahead log is truncated to this size after a checkpoint, so one large update does not leave a large
# file behind.
WAL_SIZE_LIMIT = 64 * 1024 * 1024


@dataclass
class Building:
    """The database an ingest writes: `fresh` when it is built from nothing (into a working file renamed at the
    end), else the served file itself, written in place a transaction at a time (`commits`)."""

    db: sqlite_utils.Database
    fresh: bool
    commits: Commits


@contextlib.contextmanager
def building(db_path: Path) -> Iterator[Building]:
    """The database to write, each document whole: `fresh_build` when there is no database yet, else
    `in_place`. A folder that cannot be written or a full disk is a `DatabaseWriteError`."""
    if db_path.exists():
        _discard(db_path.with_name(db_path.name + ".building"))  # left by a killed first ingest of an older referat
        with in_place(db_path) as store:
            yield store
    else:
        with fresh_build(db_path) as store:
            yield store


ANALYSIS_LIMIT = 400  # rows of each index `PRAGMA optimize` samples, as the SQLite documentation suggests


@contextlib.contextmanager
def in_place(db_path: Path) -> Iterator[Building]:
    """The database itself, in WAL mode: every batch of documents is one transaction (`Commits`), so a reader (a
    running server) sees each committed batch and never a half-written document, and an ingest killed at any
    moment (even `kill -9`) leaves every document whole, its old or its new version. `synchronous = NORMAL`: a
    power cut may lose the last batches, never the database's consistency."""
    try:
        db = open_db(db_path)
    except (OSError, sqlite3.Error) as error:
        raise write_error(db_path, error) from error
    try:
        db.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # References are checked for the rows each document writes (`save_prepared`), not by SQLite row by row.
        db.execute("PRAGMA foreign_keys = OFF")
        # Deleted rows are overwritten with zeros, not left in free pages: a replaced document leaves no trace of
        # what it published before in the file that is served for download.
        db.execute("PRAGMA secure_delete = ON")
        older = db.execute("PRAGMA user_version").fetchone()[0]
        if 0 < older < ZEROED_SINCE:
            db.execute("VACUUM")  # before WAL: a vacuum writes the whole file through the log otherwise
        if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT}")
        if older != SCHEMA_VERSION or not _has_current_shape(db):
            with db.conn:  # tables, columns, indexes and views added since the database was made
                ensure_db_shape(db)
        store = Building(db, fresh=False, commits=Commits(db))
    except (OSError, sqlite3.Error) as error:
        db.close()
        raise write_error(db_path, error) from error
    try:
        yield store
        store.commits.done()
        # Statistics refreshed for the tables this run changed much, each from a sample (SQLite's advice for
        # `optimize`): a whole ANALYZE of the archive's largest tables is work in proportion to the archive.
        db.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
        db.execute("PRAGMA optimize")
        db.close()
    except BaseException as error:
        with contextlib.suppress(sqlite3.Error):
            db.conn.rollback()  # the batch being written; the batches committed before it stay
        db.close()
        if _is_write_problem(error):
            raise write_error(db_path, error, kept=store.commits.committed) from error
        raise


def _has_current_shape(db: sqlite_utils.Database) -> bool:
    """Every table, column, index and view of `models.schema` and `models.views` is there as `ensure_db_shape` makes
    it: read in three queries, so that an ingest that changes nothing writes nothing to bring the shape up to date."""
    columns = set(
        db.execute(
            "select m.name, c.name from sqlite_master m, pragma_table_info(m.name) c where m.type = 'table'"
        ).fetchall()
    )
    indexes = {row[0] for row in db.execute("select name from sqlite_master where type = 'index'")}
    views = dict(db.execute("select name, sql from sqlite_master where type = 'view'").fetchall())
    return (
        all((table.name, column.name) in columns for table in TABLES for column in table.columns)
        and all(f"idx_{table.name}_{'_'.join(index)}" in indexes for table in TABLES for index in table.indexes)
        and all(views.get(view.name) == f"CREATE VIEW [{view.name}] AS {view.sql.strip()}" for view in VIEWS)
    )


@contextlib.contextmanager
def fresh_build(db_path: Path) -> Iterator[Building]:
    """A new database, built in `<db>.building` and renamed over `db_path` when the block ends cleanly.

    If the block raises, or the process dies, no database appears and the working file is discarded (at once, or
    on the next run). The working file skips the rollback journal's fsyncs (it is thrown away on a crash anyway)
    and is switched to WAL mode and synced once before the rename, so the renamed file is complete on disk.
    """
    work = db_path.with_name(db_path.name + ".building")
    try:
        for leftover in (work, *_wal_files(work)):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        db = open_db(work)
    except (OSError, sqlite3.Error) as error:
        _discard(work)
        raise write_error(db_path, error) from error
    try:
        db.execute("PRAGMA journal_mode = MEMORY")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA secure_delete = ON")  # as `in_place`
        # References are checked once, over the whole new database, before it appears: checking them row by row
        # doubled the time of every insert.
        db.execute("PRAGMA foreign_keys = OFF")
        ensure_db_shape(db)
        store = Building(db, fresh=True, commits=Commits(db))
        yield store
        store.commits.done()
        check_references(db)
        db.execute("PRAGMA optimize")
        db.execute("PRAGMA journal_mode = WAL")  # the next ingest writes it in place, and servers read it meanwhile
        db.close()
        with open(work, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(work, db_path)
        directory = os.open(db_path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    except BaseException as error:
        db.close()
        _discard(work)
        if _is_write_problem(error):
            raise write_error(db_path, error) from error
        raise


def _wal_files(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def _discard(work: Path) -> None:
    for path in (work, *_wal_files(work)):
        with contextlib.suppress(OSError):
            path.unlink()


# OS errors that say the database's folder or disk cannot take the write, not that referat has a bug.
_WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG, errno.EIO}
_SQLITE_WRITE_PROBLEMS = (
    "disk is full",
    "disk i/o error",
    "readonly database",
    "unable to open database",
    "database or disk is full",
)


def _is_write_problem(error: BaseException) -> bool:
    if isinstance(error, OSError):
        return error.errno in _WRITE_ERRNOS
    if isinstance(error, sqlite3.Error):
        return any(problem in str(error).lower() for problem in _SQLITE_WRITE_PROBLEMS)
    return False


def write_error(db_path: Path, error: BaseException, *, kept: int = 0) -> DatabaseWriteError:
    """The `DatabaseWriteError` for an error met while writing the database, saying what to do; `kept`: how many
    documents this ingest had committed before the error (they stay, each whole)."""
    folder = db_path.parent
    code = getattr(error, "errno", None)
    text = str(error).lower()
    if code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG) or "full" in text:
        why = (
            f"the disk holding {folder} is full (or the file grew past a size limit); free some space and run "
            "the ingest again"
        )
    elif code in (errno.EROFS, errno.EACCES, errno.EPERM) or "readonly" in text or "unable to open" in text:
        why = (
            f"referat may not write in {folder} (a read-only folder or disk); give write permission, or choose "
            "another database with --db"
        )
    else:
        why = (
            f"writing in {folder} failed ({getattr(error, 'strerror', None) or error}): the disk may be full or "
            "failing; free some space, or check the disk"
        )
    if kept:
        return DatabaseWriteError(
            f"{why}. The database {db_path.name} holds the {kept} document(s) saved before "
            "the error, each whole; the others were not changed."
        )
    return DatabaseWriteError(f"{why}. The database {db_path.name} was not changed.")


def documents_digest(db: sqlite_utils.Database) -> str:
    """A hash of which documents the database holds and which parser version read each: what derived tables
    (links, full-text indexes) are rebuilt from, so an unchanged digest means nothing to redo."""
    digest = hashlib.sha256()
    for document_id, version in db.execute("select id, parser_version from documents order by id"):
        digest.update(f"{document_id}\t{version}\n".encode())
    return digest.hexdigest()


class BrokenReferenceError(RuntimeError):
    """A row points at a row that does not exist: a bug in referat; the real database is left as it was."""


def check_references(db: sqlite_utils.Database) -> None:
    """Every foreign key of the database points at an existing row, or `BrokenReferenceError`."""
    broken = db.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        tables = sorted({f"{row[0]} -> {row[2]}" for row in broken})
        raise BrokenReferenceError(
            f"{len(broken)} row(s) point at rows that do not exist ({', '.join(tables)}); "
            "the database was not changed: please report this"
        )


class KnownDocument(NamedTuple):
    """A document already in the database, as the planning step of an ingest needs it (a named tuple: an ingest
    makes one for every document of the archive, straight from the rows SQLite returns)."""

    id: str
    parser_version: str
    status: str
    error: str | None
    kind: str
    pages: int
    sha256: str | None = None


class KnownPath(NamedTuple):
    """A path the database knows: the content it held (None: its file could not be read), and the file's size and
    time when that was read."""

    sha256: str | None
    size: int | None
    mtime_ns: int | None

    @property
    def stamp(self) -> tuple[int, int] | None:
        """(size, mtime_ns); None: not to be trusted, read the file."""
        return None if self.size is None or self.mtime_ns is None else (self.size, self.mtime_ns)


def known_documents(db_path: Path) -> tuple[dict[str, KnownDocument], dict[str, KnownPath]]:
    """What the database already holds: {sha256: KnownDocument} and {path: KnownPath}. A database that cannot be
    read here (a WAL database in a folder referat may not write: its shared-memory file cannot be made) is a
    `DatabaseWriteError`."""
    if not db_path.exists():
        return {}, {}
    try:
        return _known_documents(db_path)
    except sqlite3.Error as error:
        if _is_write_problem(error):
            raise write_error(db_path, error) from error
        raise


def _known_documents(db_path: Path) -> tuple[dict[str, KnownDocument], dict[str, KnownPath]]:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        tables = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
        if not {"documents", "document_paths"} <= tables:
            return {}, {}
        # Both scans read small rows (a covering index of documents, the paths' table), never documents' text.
        documents = list(
            map(
                KnownDocument._make,
                conn.execute(
                    "select id, coalesce(parser_version, ''), status, error, kind, coalesce(pages, 0), sha256 "
                    "from documents"
                ),
            )
        )
        by_hash = {document.sha256: document for document in documents if document.sha256 is not None}
        sha_of = {document.id: document.sha256 for document in documents}  # None: a file that could not be read
        columns = {row[1] for row in conn.execute("pragma table_info(document_paths)")}
        stamps = "size, mtime_ns" if {"size", "mtime_ns"} <= columns else "null, null"
        by_path = {
            path: KnownPath(sha_of[document], size, mtime)
            for path, document, size, mtime in conn.execute(f"select path, document_id, {stamps} from document_paths")
            if document in sha_of
        }
    finally:
        conn.close()
    return by_hash, by_path


def delete_document_rows(db: sqlite_utils.Database, document_id: str) -> set[str]:
    """Remove everything derived from one document (not the document row or its paths), and note in
    `pending_derived` what the derived stage must redo for it: its meetings that go, and the articles whose links
    pointed at them. Returns the persons whose attendance or absences went (`drop_unreferenced_persons`)."""
    _note_removed_meetings(db, document_id)
    meetings = "select id from meetings where document_id = :doc"
    items = f"select id from agenda_items where meeting_id in ({meetings})"
    persons = {
        row[0]
        for row in db.execute(
            f"select person_id from attendance where meeting_id in ({meetings}) and person_id is not null union "
            f"select person_id from item_absences where item_id in ({items}) and person_id is not null",
            {"doc": document_id},
        )
    }
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
        "article_mentions": "document_id = :doc",
        "articles": "document_id = :doc",
        "document_pages": "document_id = :doc",
    }
    for table in DOCUMENT_TABLES:
        db.execute(f"delete from [{table}] where {where[table]}", {"doc": document_id})
    return persons


def _note_removed_meetings(db: sqlite_utils.Database, document_id: str) -> None:
    removed = db.execute(
        "select id, municipality, committee, date from meetings where document_id = ?", [document_id]
    ).fetchall()
    if not removed:
        return
    rows = [
        (
            make_id(document_id, "meeting removed", meeting_id),
            document_id,
            "meeting removed",
            meeting_id,
            municipality,
            committee,
            date,
        )
        for meeting_id, municipality, committee, date in removed
    ]
    marks = ", ".join("?" for _ in removed)
    rows += [
        (make_id(article_id, "link removed", meeting_id), article_id, "link removed", meeting_id, None, None, None)
        for article_id, meeting_id in db.execute(
            f"select distinct article_id, meeting_id from links where meeting_id in ({marks}) and article_id != ?",
            [row[0] for row in removed] + [document_id],
        )
    ]
    db.conn.executemany(_PENDING_INSERT, rows)


_PENDING_INSERT = (
    "insert or ignore into pending_derived (id, document_id, reason, meeting_id, municipality, "
    "committee, date) values (?, ?, ?, ?, ?, ?, ?)"
)


def _note_pending(db: sqlite_utils.Database, document_id: str, reason: str) -> None:
    db.conn.execute(_PENDING_INSERT, (make_id(document_id, reason), document_id, reason, None, None, None, None))


def delete_document(db: sqlite_utils.Database, document_id: str) -> None:
    """Remove a document, its paths and all its rows; the caller commits (with the rows that replace it)."""
    persons = delete_document_rows(db, document_id)
    db.execute("delete from document_paths where document_id = ?", [document_id])
    db.execute("delete from documents where id = ?", [document_id])
    drop_unreferenced_persons(db, persons)
    _note_pending(db, document_id, "deleted")


def drop_unreferenced_persons(db: sqlite_utils.Database, person_ids: set[str]) -> None:
    """Delete those of `person_ids` that no attendance, absence or entity refers to any more (an indexed look-up
    each, not a scan of the persons)."""
    db.conn.executemany(
        "delete from persons where id = :id and not exists (select 1 from attendance where person_id = :id)"
        " and not exists (select 1 from item_absences where person_id = :id)"
        " and not exists (select 1 from entities where person_id = :id)",
        [{"id": person_id} for person_id in sorted(person_ids)],
    )


def drop_if_orphaned(db: sqlite_utils.Database, document_id: str) -> bool:
    """Delete a document that no path points at any more (its file now holds other content); True if it went."""
    if db.execute("select 1 from document_paths where document_id = ? limit 1", [document_id]).fetchone():
        return False
    if not db.execute("select 1 from documents where id = ?", [document_id]).fetchone():
        return False
    delete_document(db, document_id)
    return True


def save_prepared(db: sqlite_utils.Database, prepared: PreparedDocument) -> None:
    """Replace one document and all its rows: one executemany per table (the ingest's single writer is the
    pipeline's serial part, so it only writes), and a `pending_derived` row for the derived stage. A row that
    would point at a row that does not exist is a `BrokenReferenceError` before anything is written. The caller
    commits (`Commits`): the document's rows are in one transaction."""
    check_document_references(db, prepared)
    persons = delete_document_rows(db, prepared.document.id)
    for table in TABLE_ORDER:
        if table not in prepared.tables:
            continue
        columns, values = prepared.tables[table]
        names = ", ".join(f"[{column}]" for column in columns)
        marks = ", ".join("?" for _ in columns)
        verb = "insert or replace" if table in ("documents", "persons") else "insert"
        db.conn.executemany(f"{verb} into [{table}] ({names}) values ({marks})", values)
    if persons:
        drop_unreferenced_persons(db, persons)
    _note_pending(db, prepared.document.id, "saved")


# Per table of a document's rows, the references it makes: (column, table, column referred to).
_REFERENCES = {
    table.name: tuple((fk.column, fk.table, fk.other_column) for fk in table.foreign_keys) for table in TABLES
}


def check_document_references(db: sqlite_utils.Database, prepared: PreparedDocument) -> None:
    """Every reference of a document's rows points at a row of the same document or one already in the
    database, or `BrokenReferenceError` (a bug in referat). Most point within the document and are checked in
    memory; the rest with an indexed look-up each. Only this document's rows are read, not the whole database."""
    own: dict[tuple[str, str], set[Any]] = {}
    for table, (columns, values) in prepared.tables.items():
        for column, other_table, other_column in _REFERENCES.get(table, ()):
            if column not in columns:
                continue
            position = columns.index(column)
            wanted = {row[position] for row in values} - {None}
            if not wanted:
                continue
            key = (other_table, other_column)
            if key not in own:
                own[key] = _column_values(prepared, other_table, other_column)
            outside = wanted - own[key]
            missing = [
                value
                for value in sorted(outside, key=str)
                if db.execute(f"select 1 from [{other_table}] where [{other_column}] = ? limit 1", [value]).fetchone()
                is None
            ]
            if missing:
                raise BrokenReferenceError(
                    f"{len(missing)} row(s) of document {prepared.document.id} point at rows that do not exist "
                    f"({table} -> {other_table}: {', '.join(map(str, missing[:3]))}); the document was not saved "
                    "and the database keeps its earlier version: please report this"
                )


def _column_values(prepared: PreparedDocument, table: str, column: str) -> set[Any]:
    if table not in prepared.tables:
        return set()
    columns, values = prepared.tables[table]
    if column not in columns:
        return set()
    position = columns.index(column)
    return {row[position] for row in values}


# Documents per transaction of an ingest.
COMMIT_EVERY = 32


class Commits:
    """Commit after every `every` documents (and at `done()`), not after each one.

    Each commit writes the pages it dirtied, and the pages of the indexes are dirtied by every document: a commit
    per document took most of an update's time. A document's rows are never split between two commits.
    `committed` counts the documents committed so far.
    """

    def __init__(self, db: sqlite_utils.Database, every: int = COMMIT_EVERY) -> None:
        self._db = db
        self._every = every
        self._pending = 0
        self.committed = 0

    def saved(self) -> None:
        self._pending += 1
        if self._pending >= self._every:
            self.done()

    def done(self) -> None:
        self._db.conn.commit()
        self.committed += self._pending
        self._pending = 0


def prefer_citation(db: sqlite_utils.Database, document_id: str, cited: str) -> None:
    """Cite a document by `cited` (a file of the same content found now) when it is cited by a copy's name today
    ("... (kopi).pdf" seen first): `documents.path`, and `source` where no address is known."""
    row = db.conn.execute("select path from documents where id = ?", [document_id]).fetchone()
    if row is None or row[0] is None or not is_copy_name(row[0]):
        return
    db.conn.execute(
        "update documents set path = :cited, source = coalesce(source_url, :cited) where id = :id",
        {"cited": cited, "id": document_id},
    )


def record_path(
    db: sqlite_utils.Database, path: str, document_id: str, seen_at: str, stamp: tuple[int, int] | None = None
) -> str | None:
    """Point a path at the document it holds now, with the file's (size, mtime_ns) when it was read, keeping when
    the path was first seen; returns the document it pointed at before (None for a new path)."""
    before = db.conn.execute("select document_id from document_paths where path = ?", [path]).fetchone()
    size, mtime = stamp if stamp is not None else (None, None)
    db.conn.execute(
        "insert into document_paths (path, document_id, first_seen, size, mtime_ns) values (?, ?, ?, ?, ?)"
        " on conflict (path) do update set document_id = excluded.document_id, size = excluded.size,"
        " mtime_ns = excluded.mtime_ns",
        [path, document_id, seen_at, size, mtime],
    )
    return None if before is None else str(before[0])


def rename_paths(db: sqlite_utils.Database, renamed: Iterable[tuple[str, str, str]]) -> None:
    """Give stored paths their new spelling: each (old, stored, cited) renames the path in `document_paths` and
    the run log, and the document's path (`documents.path`, and `source` where it cites the path) where it was
    the old one. The caller commits."""
    cites_path = "source" in {row[1] for row in db.execute("pragma table_info(documents)")}
    for old, stored, cited in renamed:
        db.conn.execute("update document_paths set path = ? where path = ?", [stored, old])
        db.conn.execute("update ingest_files set path = ? where path = ?", [stored, old])
        if cites_path:
            db.conn.execute("update documents set source = ? where path = ? and source = path", [cited, old])
        db.conn.execute("update documents set path = ? where path = ?", [cited, old])


@dataclass(frozen=True)
class Removed:
    """What a removal took out of the database: stored paths, and their document with its rows unless another
    path still holds it (`document_removed` false)."""

    document_id: str
    paths: tuple[str, ...]
    document_removed: bool


def remove_document(db: sqlite_utils.Database, document_id: str) -> Removed | None:
    """Remove a document on purpose (its file is gone, or should not be published): its paths, the document and
    every row read from it, as `delete_document`, and noted for the derived stage so duplicates, links, summaries
    and the full-text indexes follow. None when there is no such document. The caller commits."""
    if db.execute("select 1 from documents where id = ?", [document_id]).fetchone() is None:
        return None
    paths = tuple(
        path
        for (path,) in db.execute("select path from document_paths where document_id = ? order by path", [document_id])
    )
    delete_document(db, document_id)
    return Removed(document_id, paths, document_removed=True)


def remove_path(db: sqlite_utils.Database, path: str) -> Removed | None:
    """Forget a stored path (`document_paths.path`), and remove its document as `remove_document` does when no
    other path holds it (a copy of the file elsewhere keeps it). None when the path is not stored."""
    row = db.execute("select document_id from document_paths where path = ?", [path]).fetchone()
    if row is None:
        return None
    document_id = str(row[0])
    db.execute("delete from document_paths where path = ?", [path])
    if db.execute("select 1 from document_paths where document_id = ? limit 1", [document_id]).fetchone():
        return Removed(document_id, (path,), document_removed=False)  # held by its other paths
    return Removed(document_id, (path,), document_removed=remove_document(db, document_id) is not None)


# --- what the derived stage has still to do (`pending_derived`) ---------------------------------------------


@dataclass(frozen=True)
class RemovedMeeting:
    """A meeting that an ingest deleted or replaced: its duplicate group (committee and date) is to be redone."""

    meeting_id: str
    municipality: str | None
    committee: str | None
    date: str | None


def pending_documents(db: sqlite_utils.Database) -> list[str]:
    """The documents whose derived rows (links, duplicates, summaries) are to be redone, sorted: documents saved,
    deleted (no longer in `documents`), or articles whose link to a removed meeting was deleted."""
    return [row[0] for row in db.execute("select distinct document_id from pending_derived order by document_id")]


def pending_removed_meetings(db: sqlite_utils.Database) -> list[RemovedMeeting]:
    """The meetings deleted or replaced since the derived stage last ran, with the keys they were grouped by."""
    return [
        RemovedMeeting(*row)
        for row in db.execute(
            "select meeting_id, municipality, committee, date from pending_derived where reason = 'meeting removed' "
            "order by meeting_id"
        )
    ]


def pending_meeting_dates(db: sqlite_utils.Database) -> set[str]:
    """The dates of the removed meetings (`pending_removed_meetings`) that had one."""
    return {
        row[0]
        for row in db.execute(
            "select distinct date from pending_derived where reason = 'meeting removed' and date is not null"
        )
    }


def clear_pending(db: sqlite_utils.Database, document_ids: Iterable[str]) -> None:
    """Forget the pending rows of these documents: call it in the transaction that writes what was redone for
    them, so a crash in between leaves them pending."""
    db.conn.executemany("delete from pending_derived where document_id = ?", [(doc,) for doc in document_ids])


def clear_all_pending(db: sqlite_utils.Database) -> None:
    """Forget every pending row (after a full rebuild of what is derived), in the caller's transaction."""
    db.conn.execute("delete from pending_derived")
