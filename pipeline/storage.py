"""Saving parsed documents into SQLite, and the crash-safe way the database file is replaced.

`save_parsed(db, parsed)` replaces every row of one document in one transaction. `building(db_path)` hands
out a working copy of the database and moves it over the real file only when the batch is done, with an
atomic rename: a reader (or a batch killed with kill -9) only ever sees a complete database.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import hashlib
import os
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from models.records import (
    ParsedDocument,
)
from models.schema import DOCUMENT_TABLES, ensure_db_shape
from pipeline.rows import TABLE_ORDER, PreparedDocument, prepare

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


@contextlib.contextmanager
def building(db_path: Path) -> Iterator[sqlite_utils.Database]:
    """A working copy of the database that replaces the real file atomically when the block ends cleanly.

    If the block raises, or the process dies, the real file is untouched and the copy is discarded (at once, or
    on the next run). The copy skips the rollback journal's fsyncs (it is thrown away on a crash anyway) but is
    synced once before the rename, so the renamed file is complete on disk. A folder that cannot be written or a
    full disk is a `DatabaseWriteError`.
    """
    work = db_path.with_name(db_path.name + ".building")
    try:
        with contextlib.suppress(FileNotFoundError):
            work.unlink()
        if db_path.exists():
            shutil.copyfile(db_path, work)
        db = open_db(work)
    except (OSError, sqlite3.Error) as error:
        _discard(work)
        raise write_error(db_path, error) from error
    try:
        db.execute("PRAGMA journal_mode = MEMORY")
        db.execute("PRAGMA synchronous = OFF")
        # Deleted rows are overwritten with zeros, not left in free pages: a replaced document leaves no trace of
        # what it published before in the file that is served for download.
        db.execute("PRAGMA secure_delete = ON")
        # References are checked once, over the whole copy, before it replaces the real file: checking them row by
        # row doubled the time of every insert.
        db.execute("PRAGMA foreign_keys = OFF")
        older = db.execute("PRAGMA user_version").fetchone()[0]
        ensure_db_shape(db)
        yield db
        check_references(db)
        if 0 < older < ZEROED_SINCE:
            db.execute("VACUUM")
        db.execute("PRAGMA optimize")
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


def _discard(work: Path) -> None:
    with contextlib.suppress(OSError):
        work.unlink()


# OS errors that say the database's folder or disk cannot take the write, not that referat has a bug.
_WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG, errno.EIO}
_SQLITE_WRITE_PROBLEMS = ("disk is full", "disk i/o error", "readonly database", "unable to open database",
                          "database or disk is full")


def _is_write_problem(error: BaseException) -> bool:
    if isinstance(error, OSError):
        return error.errno in _WRITE_ERRNOS
    if isinstance(error, sqlite3.Error):
        return any(problem in str(error).lower() for problem in _SQLITE_WRITE_PROBLEMS)
    return False


def write_error(db_path: Path, error: BaseException) -> DatabaseWriteError:
    """The `DatabaseWriteError` for an error met while writing the database, saying what to do."""
    folder = db_path.parent
    code = getattr(error, "errno", None)
    text = str(error).lower()
    if code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG) or "full" in text:
        why = (f"the disk holding {folder} is full (or the file grew past a size limit); free some space and run "
               "the ingest again")
    elif code in (errno.EROFS, errno.EACCES, errno.EPERM) or "readonly" in text or "unable to open" in text:
        why = (f"referat may not write in {folder} (a read-only folder or disk); give write permission, or choose "
               "another database with --db")
    else:
        why = (f"writing in {folder} failed ({getattr(error, 'strerror', None) or error}): the disk may be full or "
               "failing; free some space, or check the disk")
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
        raise BrokenReferenceError(f"{len(broken)} row(s) point at rows that do not exist ({', '.join(tables)}); "
                                   "the database was not changed: please report this")


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
    with db.conn:
        save_prepared(db, prepare(parsed, ingested_at=ingested_at))


def save_prepared(db: sqlite_utils.Database, prepared: PreparedDocument) -> None:
    """Replace one document and all its rows: one executemany per table (the ingest's single writer is the
    pipeline's serial part, so it only writes). The caller commits (`Commits`)."""
    delete_document_rows(db, prepared.document.id)
    for table in TABLE_ORDER:
        if table not in prepared.tables:
            continue
        columns, values = prepared.tables[table]
        names = ", ".join(f"[{column}]" for column in columns)
        marks = ", ".join("?" for _ in columns)
        verb = "insert or replace" if table in ("documents", "persons") else "insert"
        db.conn.executemany(f"{verb} into [{table}] ({names}) values ({marks})", values)


class Commits:
    """Commit after every `every` documents (and at `done()`), not after each one.

    A batch writes a working copy that only replaces the database when the batch succeeds
    (`building`), so committing per document bought no safety; each commit writes the pages it dirtied,
    and the pages of the indexes are dirtied by every document. A commit now and then keeps the in-memory
    rollback journal of a large update small.
    """

    def __init__(self, db: sqlite_utils.Database, every: int = 32) -> None:
        self._db = db
        self._every = every
        self._pending = 0

    def saved(self) -> None:
        self._pending += 1
        if self._pending >= self._every:
            self.done()

    def done(self) -> None:
        self._db.conn.commit()
        self._pending = 0


def record_path(db: sqlite_utils.Database, path: str, document_id: str, seen_at: str) -> None:
    """Point a path at the document it holds now, keeping when the path was first seen."""
    db.conn.execute(
        "insert into document_paths (path, document_id, first_seen) values (?, ?, ?)"
        " on conflict (path) do update set document_id = excluded.document_id",
        [path, document_id, seen_at],
    )


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
