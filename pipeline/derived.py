"""What an ingest derives from its documents once they are saved: duplicate meetings, links from articles to
meetings, the full-text indexes and the attendance summaries, in proportion to what changed.

`update_derived(db, fresh=...)` is the one entry point. On an existing database it reads `pending_derived` (the
documents saved or removed by this run or a killed one, and the meetings that went), redoes the duplicate groups
of their dates (`pipeline.duplicates`), the statistics, evidence and links of those documents and of the meetings
whose `duplicate_of` changed (`pipeline.link_evidence`) and their summaries, and clears the pending rows, all in one
transaction: a run killed before it commits leaves the rows for the next ingest, even a no-op one. The full-text
indexes are already up to date there (triggers write them with the rows, `pipeline.search`), unless a database
from before has none yet: then they are rebuilt once.

On a fresh build (and on a database whose link evidence is missing or from another version) everything is
computed whole. The index rebuild and the links are then independent, so they run side by side: SQLite rebuilds
the indexes on a second connection in a process of its own (forked) while the links' evidence is read and scored
in Python on this one; the links are written when both are done. (In a thread the rebuild waited for the
interpreter lock after each of its statements while the scoring held it, up to the switch interval each time;
docs/performance.md has the figures.) The rebuild writes only the index tables and keeps its pages in a large cache until it commits, so the
reads do not wait for it; where it outgrows the cache, each side waits for the other's lock as long as it takes.
That takes the index rebuild off the end of a fresh ingest.

The articles' mentions (`article_mentions`) are found by the workers that read them (`pipeline.mentions`); a
database whose mentions another version found, or one from before them, has them found again here from the
stored texts and entities, and is then computed whole.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import sqlite_utils

from referat.models.records import Entity
from referat.pipeline import storage
from referat.pipeline.duplicates import link_duplicate_meetings, update_duplicate_meetings
from referat.pipeline.link_evidence import (
    LinkUpdate,
    chunks,
    evidence_current,
    prepare_evidence,
    save_evidence,
    update_links,
)
from referat.pipeline.links import LinkSettings, links_signature, load_everything, save_links, score_all
from referat.pipeline.mentions import MENTIONS_VERSION
from referat.pipeline.rows import TUPLE_COLUMNS, article_mention_rows
from referat.pipeline.search import SearchPlan, plan_search, rebuild_indexes, record_search
from referat.pipeline.summaries import refresh_stale_summaries
from referat.pipeline.workers import die_with


def update_derived(db: sqlite_utils.Database, *, fresh: bool) -> LinkUpdate | None:
    """Bring duplicates, links, full-text indexes and summaries of `db` (a database file) up to date with its
    documents; returns what the incremental path rescored (None when everything was computed whole)."""
    settings = LinkSettings()
    if fresh or not evidence_current(db, settings) or not mentions_current(db):
        build_derived(db, fresh=fresh, settings=settings)
        return None
    plan = plan_search(db)
    if plan.stale:  # a database from before the triggers, or an index whose definition changed
        rebuild_indexes(db.conn, plan)
        record_search(db, plan)
    documents = storage.pending_documents(db)
    refresh_stale_summaries(db)  # counted by an earlier referat, or before the official roles changed
    if not documents:
        return LinkUpdate(0, 0, 0, 0)
    if len(documents) > max(WHOLE_AT_LEAST, db.execute("select count(*) from documents").fetchone()[0] // 2):
        # Most of the database is new (a second ingest into a small one): computing it whole is faster.
        build_derived(db, fresh=False, settings=settings)
        return None
    removed = storage.pending_removed_meetings(db)
    with db.conn:
        dates = storage.pending_meeting_dates(db)
        for chunk in chunks(documents, 500):
            marks = ", ".join("?" for _ in chunk)
            dates.update(
                row[0]
                for row in db.execute(
                    f"select date from meetings where date is not null and document_id in ({marks})", chunk
                )
            )
        changed = update_duplicate_meetings(db, dates)
        update = update_links(db, documents, changed, settings)
        _update_summaries(db, changed | {meeting.meeting_id for meeting in removed}, documents)
        storage.clear_pending(db, documents)
    return update


# An update of more documents than this, and than half the database, computes everything whole.
WHOLE_AT_LEAST = 200


def build_derived(db: sqlite_utils.Database, *, fresh: bool = True, settings: LinkSettings | None = None) -> None:
    """Compute duplicates, links, their evidence, the full-text indexes and the summaries of `db` whole."""
    settings = settings or LinkSettings()
    if not fresh and not mentions_current(db):
        find_mentions_again(db)
    link_duplicate_meetings(db)
    plan = plan_search(db, fresh=fresh)
    path = _file_of(db)
    with _rebuilding(path, plan) as rebuilt:
        # Read while the indexes are rebuilt: the rebuild writes only the index tables, and keeps its pages in its
        # own cache until it commits (see _rebuild_at), so these reads see the saved documents without waiting.
        with _patient(db.conn):
            loaded = load_everything(db)
        links, vectors = score_all(loaded, settings)
        with _patient(db.conn):
            evidence = prepare_evidence(db, loaded, vectors)
        rebuilt()
    record_search(db, plan)
    save_links(db, links, links_signature(db, settings))
    save_evidence(db, evidence, settings)
    with db.conn:
        _update_summaries(db, None, ())
        storage.clear_all_pending(db)
        db.execute(
            "insert or replace into search_state (name, signature, rows) values (?, ?, null)",
            [_MENTIONS, MENTIONS_VERSION],
        )


# The row of `search_state` that remembers which `MENTIONS_VERSION` found the articles' mentions.
_MENTIONS = "article_mentions"


def mentions_current(db: sqlite_utils.Database) -> bool:
    """Whether the articles' mentions were found by this version of `pipeline.mentions` (in the workers)."""
    row = db.execute("select signature from search_state where name = ?", [_MENTIONS]).fetchone()
    return row is not None and row[0] == MENTIONS_VERSION


def find_mentions_again(db: sqlite_utils.Database) -> None:
    """Find the mentions of every stored article again, from its stored text and entities: in a database from
    before `article_mentions`, or whose mentions another version of `pipeline.mentions` found."""
    columns = TUPLE_COLUMNS["article_mentions"]
    insert = (
        f"insert into article_mentions ({', '.join(f'[{column}]' for column in columns)}) "
        f"values ({', '.join('?' for _ in columns)})"
    )
    with db.conn:
        db.execute("delete from article_mentions")
        for document_id, published, text in db.execute(
            "select a.document_id, a.published, d.text from articles a join documents d on d.id = a.document_id "
            "order by a.document_id"
        ).fetchall():
            entities = [
                Entity(label, name, start, end)
                for label, name, start, end in db.execute(
                    "select label, text, start, [end] from entities where document_id = ? order by start", [document_id]
                )
            ]
            db.conn.executemany(insert, article_mention_rows(document_id, text or "", published, entities))


def relink(db: sqlite_utils.Database) -> int:
    """Recompute duplicates, links and their evidence and statistics from the whole database (the incremental path
    leaves untouched pairs as they were scored while the statistics move); returns how many links there are."""
    build_derived(db, fresh=False)
    return int(db.execute("select count(*) from links").fetchone()[0])


def _update_summaries(db: sqlite_utils.Database, meetings: set[str] | None, documents: list[str] | tuple[()]) -> None:
    from referat.pipeline.summaries import update_summaries

    update_summaries(db, None if meetings is None else sorted(meetings), documents=documents)


def _file_of(db: sqlite_utils.Database) -> str:
    for _, name, file in db.execute("pragma database_list").fetchall():
        if name == "main" and file:
            return str(file)
    raise ValueError("the database has no file: full-text indexes are built in a database file")


@contextlib.contextmanager
def _rebuilding(path: str, plan: SearchPlan) -> Iterator[Callable[[], None]]:
    """Rebuild the stale indexes of the database at `path` in a forked process while the block runs; the block
    calls what it is given to wait for the rebuild (its error raised here)."""
    if not plan.stale:
        yield lambda: None
        return
    # Forked before any other thread runs: an executor of the fork method starts its process at once.
    with ProcessPoolExecutor(
        max_workers=1, mp_context=get_context("fork"), initializer=die_with, initargs=(os.getpid(),)
    ) as pool:
        search = pool.submit(_rebuild_at, path, plan)
        yield search.result


def _rebuild_at(path: str, plan: SearchPlan) -> None:
    conn = sqlite3.connect(path, timeout=_WAIT_SECONDS)
    try:
        # A database in WAL mode stays in it (changing the mode would wait for every other connection to close).
        wal = conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        for pragma in (() if wal else ("journal_mode = MEMORY",)) + (
            "synchronous = OFF",
            "foreign_keys = OFF",
            f"cache_size = -{REBUILD_CACHE_KIB}",
        ):
            conn.execute(f"PRAGMA {pragma}")
        rebuild_indexes(conn, plan)
    finally:
        conn.close()
    # Put what is written so far on disk while the links are still scored: the sync before the working copy
    # replaces the database then has only the last pages left to write.
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


# A rebuild that outgrows its page cache writes pages to the file before it commits, and for that it must wait
# until no statement of the links' reads is running, and they for it; both wait as long as it takes (the working
# copy is this ingest's own file, so nothing else holds it). The bench corpus's indexes take about 12 MB: the
# cache (only allocated as used) holds those of several thousand pages of minutes, which then never wait.
REBUILD_CACHE_KIB = 64 * 1024
_WAIT_SECONDS = 3600.0


@contextlib.contextmanager
def _patient(conn: sqlite3.Connection) -> Iterator[None]:
    """Let `conn` wait for the rebuild's lock as long as the rebuild waits for its reads."""
    before = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    conn.execute(f"PRAGMA busy_timeout = {int(_WAIT_SECONDS * 1000)}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA busy_timeout = {before}")
