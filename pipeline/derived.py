"""What an ingest derives from all its documents once they are saved: links from articles to meetings and the
full-text indexes, each redone only when the documents changed.

The two are independent, so they run side by side: SQLite rebuilds the indexes on a second connection in a
thread (the sqlite3 module releases the interpreter lock while SQLite works) while the links are scored in
Python on this one; the links are written when both are done. On the 1,212-page bench corpus that takes the
index rebuild (about half a second) off the end of a fresh ingest.
"""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor

import sqlite_utils

from pipeline.links import load_link_work, save_links, score_links
from pipeline.search import SearchPlan, plan_search, rebuild_indexes, record_search


def build_derived(db: sqlite_utils.Database) -> None:
    """Bring the links and the full-text indexes of `db` (a database file) up to date."""
    work = load_link_work(db)
    plan = plan_search(db)
    path = _file_of(db)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="referat-search") as pool:
        search = pool.submit(_rebuild_at, path, plan)
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
    conn = sqlite3.connect(path)
    try:
        for pragma in ("journal_mode = MEMORY", "synchronous = OFF", "foreign_keys = OFF"):
            conn.execute(f"PRAGMA {pragma}")
        rebuild_indexes(conn, plan)
    finally:
        conn.close()
