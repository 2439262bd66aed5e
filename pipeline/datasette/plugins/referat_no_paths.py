"""Datasette plugin: no query can read where the database file lives.

Datasette allows `pragma_database_list()` in read-only SQL, and SQLite fills its `file` column with the database's
absolute path, even when the server was given the bare file name. An authorizer on every connection makes SQLite
read that column as NULL and allows everything else as before. Read-only: an authorizer can only narrow what a
statement may do. Loaded with `datasette --plugins-dir` by `referat serve`.
"""

from __future__ import annotations

import sqlite3

from datasette import hookimpl


def hide_file_names(
    action: int, table: str | None, column: str | None, _database: str | None, _trigger: str | None
) -> int:
    """SQLite's authorizer callback: the `file` column of `pragma_database_list` reads as NULL."""
    if (
        action == sqlite3.SQLITE_READ
        and (table or "").lower() == "pragma_database_list"
        and (column or "").lower() == "file"
    ):
        return sqlite3.SQLITE_IGNORE
    return sqlite3.SQLITE_OK


@hookimpl  # type: ignore[untyped-decorator]
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.set_authorizer(hide_file_names)
