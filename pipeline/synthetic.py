"""A synthetic national archive, written straight into the real schema: to measure queries at national size.

    python -m referat.pipeline.synthetic --items 2000000 --db /tmp/national.db

writes about `--items` agenda items (2,000,000 is about the size of all Danish municipalities' minutes over ten
years) without parsing anything: the rows are made by `pipeline.synthetic_rows` (from the words and names of
`pipeline.synthetic_words`), and this module, the command, inserts them with executemany into the tables that
`models.shape.ensure_db_shape` creates, then builds the indexes. The shape follows the real data:

- the 98 municipalities of `extractors/data/municipalities.csv`, 20 committees each, meetings spread over the
  ten years 2016-2025 (one document of minutes per meeting, with its text and pages; one meeting in 50 also
  has its agenda, a copy whose meeting and items carry `duplicate_of`);
- about ten agenda items per meeting, each with a KLE journal number, a title, a text, two sections, this
  meeting's decision (outcomes in realistic shares, closed items without one), now and then a vote or a member
  who sits an item out (inhabil, afbud);
- nine members per committee and council period (Danish first names and surnames from
  `extractors/data/entity_person_names.csv`, party letters from `parties.csv`) and an official, each member
  present at nine meetings in ten; persons as rows.py makes them (per municipality and council period);
- mentions of members, places and organisations, sums of money, and one news article per hundred items,
  linked to a meeting of its municipality and often to one of its items.

Texts are drawn from a small vocabulary of Danish words and compounds, with numbers and place names that make
each one distinct at no cost; a few words are common and most are rare, as in real minutes, so a search finds
hundreds of items rather than all of them. The same `--seed` gives the same database. At the end the full-text
indexes are built once, the reference tables filled and the attendance summaries counted
(`pipeline.summaries`). Two million items take about 13 minutes on two cores (4 to write the rows, 1.5 for the
indexes, 8 for the full-text indexes) and 9 GB of disk.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from referat.models.records import make_id
from referat.models.shape import ensure_db_shape
from referat.pipeline.search import build_search
from referat.pipeline.summaries import rebuild_summaries
from referat.pipeline.synthetic_rows import COLUMNS, Generator, Tables
from referat.pipeline.synthetic_words import load_vocabulary


class SyntheticError(Exception):
    """The synthetic database cannot be written as asked."""


def generate(items: int, db_path: Path, *, seed: int = 1, report: bool = False) -> dict[str, int]:
    """Write a synthetic database of about `items` agenda items at `db_path` (which must not exist yet); returns
    the rows written per table."""
    if items < 1:
        raise SyntheticError("--items must be at least 1")
    if db_path.exists():
        raise SyntheticError(f"{db_path} exists already: choose a new file, or delete it first")
    started = time.monotonic()
    now = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc).isoformat(timespec="seconds")
    db = sqlite_utils.Database(db_path)
    for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -500000", "temp_store = MEMORY"):
        db.execute(f"PRAGMA {pragma}")
    ensure_db_shape(db)
    # Indexes are made once, after the rows (sorting once is faster than keeping them in order row by row).
    created = [
        name
        for (name,) in db.execute("select name from sqlite_master where type = 'index' and sql is not null").fetchall()
    ]
    for name in created:
        db.execute(f"DROP INDEX [{name}]")
    generator = Generator(items, seed, load_vocabulary(), now)
    counts: dict[str, int] = dict.fromkeys(COLUMNS, 0)
    for number in range(generator.meetings):
        generator.meeting(number)
        if generator.tables.count() >= 200_000 or number == generator.meetings - 1:
            _flush(db.conn, generator.tables, counts)
            if report:
                print(
                    f"  {number + 1:,} of {generator.meetings:,} meetings ({time.monotonic() - started:.0f} s)",
                    file=sys.stderr,
                )
    _log_runs(db, now)
    db.conn.commit()
    _make_indexes(db, (lambda: time.monotonic() - started) if report else None)
    rebuild_summaries(db)
    db.conn.commit()
    db.execute("ANALYZE")
    db.conn.commit()
    db.execute("PRAGMA journal_mode = WAL")  # as an ingest leaves a database: served while it is written
    db.close()
    if report:
        print(f"  done in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return counts


def _make_indexes(db: sqlite_utils.Database, elapsed: Callable[[], float] | None) -> None:
    """The indexes, reference tables and full-text indexes, once the rows are written; `elapsed` (seconds since the
    start) when progress is reported."""
    if elapsed is not None:
        print(f"  rows written ({elapsed():.0f} s); indexes ...", file=sys.stderr)
    ensure_db_shape(db)
    if elapsed is not None:
        print(f"  indexes made ({elapsed():.0f} s); full-text indexes ...", file=sys.stderr)
    # As an ingest's fresh build makes them: rebuilt whole in few segments, then kept by their triggers.
    build_search(db, fresh=True)


def _log_runs(db: sqlite_utils.Database, now: str) -> None:
    """The log of two runs: the first build, which found every file new, and a later one that added one meeting."""
    later = dt.datetime(2026, 1, 2, tzinfo=dt.timezone.utc).isoformat(timespec="seconds")
    files = db.execute("select path, document_id from document_paths order by rowid").fetchall()
    _run(
        db.conn,
        "ingest_runs",
        ("id", "started_at", "finished_at", "files", "new", "changed", "unchanged", "failed", "seconds"),
        [(now, now, now, len(files) - 1, len(files) - 1, 0, 0, 0, 0.0), (later, later, later, 1, 1, 0, 0, 0, 0.0)],
    )
    _run(
        db.conn,
        "ingest_files",
        ("id", "run_id", "path", "document_id", "action", "status"),
        [
            (make_id(run, path), run, path, document_id, "new", "ok")
            for run, (path, document_id) in zip(
                itertools.chain(itertools.repeat(now, len(files) - 1), [later]), files, strict=True
            )
        ],
    )


def _flush(conn: sqlite3.Connection, tables: Tables, counts: dict[str, int]) -> None:
    for table in COLUMNS:  # parents before children, as COLUMNS lists them
        rows = tables.rows[table]
        if rows:
            _run(conn, table, tables.columns[table], rows)
            counts[table] += len(rows)
            rows.clear()


def _run(conn: sqlite3.Connection, table: str, columns: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
    names = ", ".join(f"[{column}]" for column in columns)
    marks = ", ".join("?" for _ in columns)
    conn.executemany(f"insert into [{table}] ({names}) values ({marks})", rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m referat.pipeline.synthetic",
        description=(
            "Write a synthetic national archive of minutes (municipalities, committees, meetings, agenda items, "
            "decisions, attendance, mentions, amounts, news and links) straight into a new referat database, to "
            "measure queries at national size."
        ),
    )
    parser.add_argument("--items", type=int, default=2_000_000, help="about how many agenda items (default 2,000,000)")
    parser.add_argument("--db", type=Path, required=True, help="the database file to write (must not exist)")
    parser.add_argument("--seed", type=int, default=1, help="random seed: the same seed gives the same database")
    args = parser.parse_args(argv)
    try:
        counts = generate(args.items, args.db, seed=args.seed, report=True)
    except SyntheticError as error:
        parser.error(str(error))
    print(json.dumps(counts, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
