"""Datasette plugin: `/<database>.db` downloads a consistent snapshot of a database that ingests write meanwhile.

Datasette forbids downloading a mutable database, because the file on disk is not by itself what a reader sees:
in WAL mode the last commits may still be in `<db>-wal`, and a checkpoint may rewrite the file while it is sent.
This route copies the database with SQLite's backup API in one step (one read transaction, so one committed
state), into a temporary file that is switched to an ordinary rollback journal and then streamed and deleted. It
reads only: the served database is opened read-only, and only the copy is written. The database page shows its
download link again (Datasette hides it for mutable databases). Loaded with `datasette --plugins-dir` by
`referat serve`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
import tempfile
from typing import Any, BinaryIO

from datasette import hookimpl
from datasette.utils.asgi import Forbidden, NotFound, Request

CHUNK_BYTES = 1 << 20


def snapshot(path: str, into: str) -> None:
    """Copy the committed state of the database at `path` into the file `into`, as a database without a
    write-ahead log (a download opens anywhere, also read-only)."""
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(into)
        try:
            source.backup(target)  # all pages in one step: one read transaction, one committed state
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
    finally:
        source.close()


def _open_snapshot(path: str) -> BinaryIO:
    """The snapshot as an open file that is already deleted: nothing is left behind, whatever happens next."""
    descriptor, name = tempfile.mkstemp(prefix="referat-download-", suffix=".db")
    os.close(descriptor)
    try:
        snapshot(path, name)
        return open(name, "rb")
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)


async def download(datasette: Any, request: Request, send: Any) -> None:
    database = request.url_vars["database"]
    await datasette.ensure_permissions(
        request.actor, [("view-database-download", database), ("view-database", database), "view-instance"]
    )
    try:
        db = datasette.get_database(route=database)
    except KeyError as error:
        raise NotFound("Invalid database") from error
    if db.is_memory or not db.path:
        raise NotFound("Cannot download this database")
    if not datasette.setting("allow_download"):
        raise Forbidden("Database download is forbidden")
    handle = await asyncio.to_thread(_open_snapshot, db.path)
    try:
        size = os.fstat(handle.fileno()).st_size
        name = os.path.basename(db.path)
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", b"application/octet-stream"),
                    (b"content-disposition", f'attachment; filename="{name}"'.encode()),
                    (b"content-length", str(size).encode()),
                ],
            }
        )
        while True:
            chunk = await asyncio.to_thread(handle.read, CHUNK_BYTES)
            more = len(chunk) == CHUNK_BYTES
            await send({"type": "http.response.body", "body": chunk, "more_body": more})
            if not more:
                break
    finally:
        handle.close()


@hookimpl  # type: ignore[untyped-decorator]
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^/(?P<database>[^/.]+)\.db$", download)]


@hookimpl  # type: ignore[untyped-decorator]
def extra_template_vars(view_name: str, datasette: Any) -> dict[str, Any]:
    if view_name == "database":
        return {"allow_download": bool(datasette.setting("allow_download"))}
    return {}
