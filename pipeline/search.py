"""Full-text search and the reference tables that the served database's views and queries use.

`build_search(db)` runs at the end of each ingest, in the working copy, after every document is saved: it
fills the small reference tables (`kle_groups`, `official_roles`) from the CSV files in `pipeline/data/`, and
rebuilds each full-text index of `models.schema.SEARCH_INDEXES` (FTS5, trigram tokenizer, reading its text
from the indexed table) only when its signature changed: a hash of the index definition, of every document id
and parser version, and of the indexed rows (their number, highest rowid and a sum of rowid times text length,
which SQLite computes without handing the text over). The signature takes a few milliseconds on the 1,212-page
bench corpus, a rebuild about half a second, so a no-op ingest rebuilds nothing, while a document saved or
dropped, or an indexed row added, removed or edited to another length, rebuilds that index whole.
"""

from __future__ import annotations

import csv
import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from models.schema import SEARCH_INDEXES, SearchIndex
from pipeline.storage import documents_digest

DATA = Path(__file__).parent / "data"
# Reference tables filled from data files: table -> (key column, CSV file).
REFERENCE_TABLES = {
    "kle_groups": ("code", DATA / "kle_groups.csv"),
    "official_roles": ("word", DATA / "official_roles.csv"),
}


class SearchUnavailableError(Exception):
    """The SQLite library cannot build the full-text indexes."""


@dataclass(frozen=True)
class SearchBuild:
    """What one `build_search` did: the indexes it rebuilt (the others were already up to date)."""

    rebuilt: tuple[str, ...]


@dataclass(frozen=True)
class SearchPlan:
    """The indexes to rebuild, each with the signature it is rebuilt from."""

    stale: tuple[tuple[SearchIndex, str], ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(index.name for index, _ in self.stale)


def build_search(db: sqlite_utils.Database) -> SearchBuild:
    """Fill the reference tables and bring every full-text index up to date; returns what was rebuilt."""
    plan = plan_search(db)
    rebuild_indexes(db.conn, plan)
    record_search(db, plan)
    return SearchBuild(plan.names)


def plan_search(db: sqlite_utils.Database) -> SearchPlan:
    """Fill the reference tables, create missing index tables, and say which indexes are stale."""
    _check_trigram(db)
    fill_reference_tables(db)
    documents = documents_digest(db)
    stale: list[tuple[SearchIndex, str]] = []
    with db.conn:
        for index in SEARCH_INDEXES:
            signature = _signature(db, index, documents)
            if _ensure_index_table(db, index) or _stored_signature(db, index) != signature:
                # A rebuild writes the index whole: merging its segments on the way made it a third slower, and
                # queries on the merged and unmerged index took the same time on the bench corpus (about 0.3 ms).
                db.execute(f"INSERT INTO [{index.name}]([{index.name}], rank) VALUES ('automerge', 0)")
                stale.append((index, signature))
    return SearchPlan(tuple(stale))


def rebuild_indexes(conn: sqlite3.Connection, plan: SearchPlan) -> None:
    """Rebuild the stale indexes: one statement each, so that run on a thread it hands the interpreter lock back
    at once (a thread that made many small calls waited up to the switch interval for each while the other
    thread computed)."""
    with conn:
        for index, _ in plan.stale:
            conn.execute(f"INSERT INTO [{index.name}]([{index.name}]) VALUES ('rebuild')")


def record_search(db: sqlite_utils.Database, plan: SearchPlan) -> None:
    """Remember what the rebuilt indexes were built from."""
    with db.conn:
        for index, signature in plan.stale:
            rows = db.execute(f"select count(*) from [{index.table}]").fetchone()[0]
            db.execute("insert or replace into search_state (name, signature, rows) values (?, ?, ?)",
                       [index.name, signature, rows])


def fill_reference_tables(db: sqlite_utils.Database) -> None:
    """Replace the rows of each reference table with its CSV file (sorted, so the table is deterministic)."""
    with db.conn:
        for table, (key, path) in REFERENCE_TABLES.items():
            with path.open(encoding="utf-8", newline="") as handle:
                rows = sorted(csv.DictReader(handle), key=lambda row: row[key])
            current = [dict(row) for row in db.query(f"select * from [{table}] order by [{key}]")]
            if current != rows:
                db.execute(f"delete from [{table}]")
                db.table(table).insert_all(rows)


def _check_trigram(db: sqlite_utils.Database) -> None:
    try:
        db.execute("CREATE VIRTUAL TABLE temp.referat_trigram_check USING fts5(x, tokenize='trigram')")
    except sqlite3.OperationalError as error:
        raise SearchUnavailableError(
            f"SQLite {sqlite3.sqlite_version} cannot build the search index ({error}): full-text search needs "
            "SQLite 3.34 or newer with FTS5; use a Python built against a newer SQLite") from error
    db.execute("DROP TABLE temp.referat_trigram_check")


def _ensure_index_table(db: sqlite_utils.Database, index: SearchIndex) -> bool:
    """Create the index table, or re-create it when its definition changed; True when it is new (empty)."""
    existing = db.execute("select sql from sqlite_master where type = 'table' and name = ?", [index.name]).fetchone()
    if existing and existing[0] == index.create_sql:
        return False
    if existing:
        db.execute(f"DROP TABLE [{index.name}]")
    db.execute(index.create_sql)
    return True


def _stored_signature(db: sqlite_utils.Database, index: SearchIndex) -> str | None:
    row = db.execute("select signature from search_state where name = ?", [index.name]).fetchone()
    return None if row is None else str(row[0])


def _signature(db: sqlite_utils.Database, index: SearchIndex, documents: str) -> str:
    lengths = " + ".join(f"coalesce(length([{column}]), 0)" for column in index.columns)
    rows = db.execute(f"select count(*), max(rowid), total(rowid * ({lengths})) from [{index.table}]").fetchone()
    return hashlib.sha256(f"{index.create_sql}\n{documents}\n{rows}".encode()).hexdigest()[:16]
