"""What an ingest derives from all its documents once they are saved: links from articles to meetings and the
full-text indexes, each redone only when the documents changed.

The two are independent, so they run side by side: SQLite rebuilds the indexes on a second connection in a
thread (the sqlite3 module releases the interpreter lock while SQLite works) while the links' evidence is read
and scored in Python on this one; the links are written when both are done. The rebuild writes only the index
tables and keeps its pages in a large cache until it commits, so the reads do not wait for it; where it outgrows
the cache, each side waits for the other's lock as long as it takes. On the 1,212-page bench corpus that takes
the index rebuild (about a third of a second) off the end of a fresh ingest.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import sqlite_utils

from pipeline.links import load_link_work, save_links, score_links
from pipeline.search import SearchPlan, plan_search, rebuild_indexes, record_search


def build_derived(db: sqlite_utils.Database) -> None:
    """Bring the links and the full-text indexes of `db` (a database file) up to date."""
    plan = plan_search(db)
    path = _file_of(db)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="referat-search") as pool:
        search = pool.submit(_rebuild_at, path, plan)
        # Read while the indexes are rebuilt: the rebuild writes only the index tables, and keeps its pages in its
        # own cache until it commits (see _rebuild_at), so these reads see the saved documents without waiting.
        with _patient(db.conn):
            work = load_link_work(db)
        links = score_links(work.loaded, work.settings) if work is not None else None
        search.result()
    record_search(db, plan)
    if work is not None and links is not None:
        save_links(db, links, work.signature)


def _file_of(db: sqlite_utils.Database) -> str:
    for _, name, file in db.execute("pragma database_list").fetchall():
        if name == "main" and file:
            return str(file)
    raise ValueError("the database has no file: full-text indexes are built in a database file")


def _rebuild_at(path: str, plan: SearchPlan) -> None:
    if not plan.stale:
        return
    conn = sqlite3.connect(path, timeout=_WAIT_SECONDS)
    try:
        for pragma in ("journal_mode = MEMORY", "synchronous = OFF", "foreign_keys = OFF",
                       f"cache_size = -{REBUILD_CACHE_KIB}"):
            conn.execute(f"PRAGMA {pragma}")
        rebuild_indexes(conn, plan)
    finally:
        conn.close()
    # Put what is written so far on disk while the links are still scored: the sync before the working copy
    # replaces the database then has only the last pages left to write (it took 20 ms of the end of an ingest).
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
