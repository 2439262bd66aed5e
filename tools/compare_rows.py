"""Do two databases hold the same rows? A check for refactoring: ingest the same files before and after a change,
dump each database, compare the dumps.

    python -m tools.compare_rows dump minutes.db before.json
    python -m tools.compare_rows dump minutes.db after.json
    python -m tools.compare_rows compare before.json after.json     # exit status 1 when any table differs

A dump holds, for each table, its columns, its row count and the SHA-256 of its rows sorted (`--rows` also writes
the sorted rows, to see what differs). What depends on when or where the ingest ran is left out: the run logs
(`ingest_runs`, `ingest_files`), the full-text indexes' own tables (their content is the indexed tables'), the
index signatures (`search_state`) and the columns holding times.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

SKIPPED_TABLES = {"ingest_runs", "ingest_files", "search_state"}
TIME_COLUMNS = {"ingested_at", "first_seen", "seen_at", "started_at", "finished_at", "mtime_ns"}


def tables(conn: sqlite3.Connection) -> list[str]:
    """The tables whose rows are the ingest's result."""
    names = [
        row[0]
        for row in conn.execute(
            "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name"
        )
    ]
    indexes = [
        name
        for name in names
        if conn.execute("select sql from sqlite_master where name = ?", [name])
        .fetchone()[0]
        .upper()
        .startswith("CREATE VIRTUAL")
    ]
    shadows = {name for name in names for index in indexes if name.startswith(index + "_")}
    return [name for name in names if name not in SKIPPED_TABLES and name not in indexes and name not in shadows]


def dump(db_path: Path, *, with_rows: bool = False) -> dict[str, Any]:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        result: dict[str, Any] = {}
        for table in tables(conn):
            columns = [row[1] for row in conn.execute(f"pragma table_info([{table}])") if row[1] not in TIME_COLUMNS]
            selected = ", ".join(f"[{column}]" for column in columns)
            rows = sorted(
                json.dumps(row, ensure_ascii=False, default=_bytes)
                for row in conn.execute(f"select {selected} from [{table}]")
            )
            digest = hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()
            result[table] = {"columns": columns, "rows": len(rows), "sha256": digest}
            if with_rows:
                result[table]["data"] = rows
        return result
    finally:
        conn.close()


def _bytes(value: object) -> str:
    """A BLOB (the word vectors' packed numbers) as hex."""
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(type(value).__name__)


def differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """What differs, table by table (empty: the same rows)."""
    found: list[str] = []
    for table in sorted(set(before) | set(after)):
        old, new = before.get(table), after.get(table)
        if old is None or new is None:
            found.append(f"{table}: only {'after' if old is None else 'before'}")
        elif old["columns"] != new["columns"]:
            found.append(f"{table}: columns {old['columns']} -> {new['columns']}")
        elif old["sha256"] != new["sha256"]:
            detail = f"{old['rows']} -> {new['rows']} rows"
            if "data" in old and "data" in new:
                gone, came = set(old["data"]) - set(new["data"]), set(new["data"]) - set(old["data"])
                detail += f"; {len(gone)} gone, {len(came)} new; e.g. -{sorted(gone)[:1]} +{sorted(came)[:1]}"
            found.append(f"{table}: {detail}")
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump", help="write a database's dump")
    dumping.add_argument("db", type=Path)
    dumping.add_argument("out", type=Path)
    dumping.add_argument("--rows", action="store_true", help="also write the sorted rows")
    comparing = commands.add_parser("compare", help="compare two dumps")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        args.out.write_text(json.dumps(dump(args.db, with_rows=args.rows), ensure_ascii=False), encoding="utf-8")
        return 0
    found = differences(
        json.loads(args.before.read_text(encoding="utf-8")), json.loads(args.after.read_text(encoding="utf-8"))
    )
    for line in found:
        print(line)
    print("the same rows" if not found else f"{len(found)} table(s) differ")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
