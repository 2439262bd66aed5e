"""The full-text indexes that the served database's search queries read, and the reference tables its views and
queries use. (The searching itself is SQL in the canned queries, `pipeline/datasette/queries.yml`.)

Each full-text index of `models.search_indexes.SEARCH_INDEXES` (FTS5, trigram tokenizer, external content: it reads its
text from the indexed table) is kept in step with its table by SQL triggers (after insert, after delete, after an
update of an indexed column), so a document saved into an existing database changes its index rows in the same
transaction as its own rows, and nothing is rebuilt afterwards. An index is rebuilt whole only when it is new, when
its definition or its triggers changed (a database from before the triggers), and on a fresh build: there the rows
are inserted without triggers, each index is rebuilt once at the end (`plan_search(db, fresh=True)`,
`rebuild_indexes`) and the triggers are created after it (`record_search`).

`build_search(db)` does it all on one connection; `pipeline.derived` splits it (`plan_search`, `rebuild_indexes`,
`record_search`) to rebuild on a second connection while the links are scored. `plan_search` also fills the small
reference tables (`kle_groups`, `official_roles`) from the CSV files in `pipeline/data/`.
"""

from __future__ import annotations

import csv
import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from referat.models.search_indexes import SEARCH_INDEXES, SearchIndex

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


def build_search(db: sqlite_utils.Database, *, fresh: bool = False) -> SearchBuild:
    """Fill the reference tables and bring every full-text index up to date; returns what was rebuilt."""
    plan = plan_search(db, fresh=fresh)
    rebuild_indexes(db.conn, plan)
    record_search(db, plan)
    return SearchBuild(plan.names)


def plan_search(db: sqlite_utils.Database, *, fresh: bool = False) -> SearchPlan:
    """Fill the reference tables, create missing index tables, and say which indexes must be rebuilt: on a fresh
    build every index, otherwise those that are new or whose triggers are missing or out of date."""
    _check_trigram(db)
    fill_reference_tables(db)
    stale: list[tuple[SearchIndex, str]] = []
    with db.conn:
        for index in SEARCH_INDEXES:
            created = _ensure_index_table(db, index)
            if fresh or created or not _triggers_current(db, index):
                # Rows that change while the index is rebuilt must not be indexed twice: the triggers are dropped
                # here and created again after the rebuild (`record_search`).
                drop_triggers(db.conn, index)
                # A rebuild writes the index whole: merging its segments on the way made it slower, and queries on
                # the merged and unmerged index took the same time (docs/performance.md).
                db.execute(f"INSERT INTO [{index.name}]([{index.name}], rank) VALUES ('automerge', 0)")
                stale.append((index, _signature(index)))
    return SearchPlan(tuple(stale))


# Terms a rebuild keeps in memory before it writes a segment (FTS5's `hashsize`; its default is 1 MB).
REBUILD_HASH_BYTES = 64 * 1024 * 1024


def rebuild_indexes(conn: sqlite3.Connection, plan: SearchPlan) -> None:
    """Rebuild the stale indexes: one statement each, so that run on a thread it hands the interpreter lock back
    at once (a thread that made many small calls waited up to the switch interval for each while the other
    thread computed)."""
    with conn:
        for index, _ in plan.stale:
            # In as few segments as the memory allows: by default a rebuild writes a segment per megabyte of terms,
            # all on the lowest level, and the first document an ingest added later made the default merge
            # setting fold them all together (on the 1,000-document scale archive: 54 MB written and 12 MB of free
            # pages for one small document). An SQLite without the `hashsize` setting merges them after the build.
            try:
                conn.execute(
                    f"INSERT INTO [{index.name}]([{index.name}], rank) VALUES ('hashsize', {REBUILD_HASH_BYTES})"
                )
                merge = False
            except sqlite3.OperationalError:
                merge = True
            conn.execute(f"INSERT INTO [{index.name}]([{index.name}]) VALUES ('rebuild')")
            if merge:
                conn.execute(f"INSERT INTO [{index.name}]([{index.name}]) VALUES ('optimize')")


def record_search(db: sqlite_utils.Database, plan: SearchPlan) -> None:
    """Create the triggers of the rebuilt indexes (from now on they keep them in step), and remember what the
    indexes were built from. The default merge setting is given back, so that the small segments the triggers
    write are merged as they accumulate."""
    with db.conn:
        for index, signature in plan.stale:
            create_triggers(db.conn, index)
            db.execute(f"INSERT INTO [{index.name}]([{index.name}], rank) VALUES ('automerge', 4)")
            db.execute(
                "insert or replace into search_state (name, signature, rows) values (?, ?, null)",
                [index.name, signature],
            )


def trigger_sql(index: SearchIndex) -> dict[str, str]:
    """The three triggers that keep `index` in step with its table, by name: the external-content index is told
    each row's old values when it is deleted or edited ('delete'), and its new values when inserted or edited."""
    columns = ", ".join(f"[{column}]" for column in index.columns)
    new = ", ".join(f"new.[{column}]" for column in index.columns)
    old = ", ".join(f"old.[{column}]" for column in index.columns)
    insert = f"INSERT INTO [{index.name}](rowid, {columns}) VALUES (new.rowid, {new});"
    delete = f"INSERT INTO [{index.name}]([{index.name}], rowid, {columns}) VALUES ('delete', old.rowid, {old});"
    return {
        f"{index.name}_insert": f"CREATE TRIGGER [{index.name}_insert] AFTER INSERT ON [{index.table}] BEGIN "
        f"{insert} END",
        f"{index.name}_delete": f"CREATE TRIGGER [{index.name}_delete] AFTER DELETE ON [{index.table}] BEGIN "
        f"{delete} END",
        f"{index.name}_update": f"CREATE TRIGGER [{index.name}_update] AFTER UPDATE OF {columns} ON "
        f"[{index.table}] BEGIN {delete} {insert} END",
    }


def create_triggers(conn: sqlite3.Connection, index: SearchIndex) -> None:
    for sql in trigger_sql(index).values():
        conn.execute(sql)


def drop_triggers(conn: sqlite3.Connection, index: SearchIndex) -> None:
    for name in trigger_sql(index):
        conn.execute(f"DROP TRIGGER IF EXISTS [{name}]")


def _triggers_current(db: sqlite_utils.Database, index: SearchIndex) -> bool:
    wanted = trigger_sql(index)
    found = dict(
        db.execute(
            "select name, sql from sqlite_master where type = 'trigger' and tbl_name = ?", [index.table]
        ).fetchall()
    )
    return all(found.get(name) == sql for name, sql in wanted.items())


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
            "SQLite 3.34 or newer with FTS5; use a Python built against a newer SQLite"
        ) from error
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


def _signature(index: SearchIndex) -> str:
    definition = "\n".join([index.create_sql, *trigger_sql(index).values()])
    return hashlib.sha256(definition.encode()).hexdigest()[:16]
