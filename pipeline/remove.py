"""Removing documents from a database on purpose (`referat remove`): a file taken out of the archive, or one that
should not have been published.

A document is named by a path as the database stores it (as an ingest's summary lists the files that went away
from their folder) or by its id. Its paths, the document and every row read from it go in one transaction, and the
derived stage then brings duplicates, links, summaries and the full-text indexes up to date, as after an ingest:
the database is the one a fresh ingest without the file would give.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from referat.models.records import path_text
from referat.pipeline import storage

if TYPE_CHECKING:
    import sqlite_utils


class NotInDatabaseError(Exception):
    """A path or document id given to `remove` is not in the database (nothing was removed)."""


@dataclass(frozen=True)
class RemovalReport:
    db_path: Path
    removed: tuple[storage.Removed, ...]
    still_there: tuple[str, ...]  # paths given whose files still exist: the next ingest of their folder reads them


def remove(names: Iterable[str], db_path: Path) -> RemovalReport:
    """Remove the documents `names` name (stored paths, or document ids) from the database at `db_path`, in one
    transaction, then update what is derived from the documents. A name the database does not hold is a
    `NotInDatabaseError` before anything is removed."""
    from referat.pipeline.derived import update_derived

    target = storage.real_path(db_path)
    if not target.exists():
        raise NotInDatabaseError(f"{db_path} does not exist: there is nothing to remove")
    given = list(dict.fromkeys(names))
    with storage.ingest_lock(target), storage.building(target) as store:
        db = store.db
        found = [_find(db, name) for name in given]
        removed = [
            done
            for kind, key in found
            if (done := (storage.remove_document(db, key) if kind == "document" else storage.remove_path(db, key)))
            is not None
        ]
        store.commits.done()
        update_derived(db, fresh=False)
    still_there = tuple(
        name for name, (kind, _) in zip(given, found, strict=True) if kind == "path" and os.path.lexists(name)
    )
    return RemovalReport(db_path, tuple(removed), still_there)


def _find(db: sqlite_utils.Database, name: str) -> tuple[str, str]:
    """("path", stored path) or ("document", id) for a name given to `remove`."""
    for path in dict.fromkeys((path_text(name), _as_stored(name))):
        if db.execute("select 1 from document_paths where path = ?", [path]).fetchone():
            return "path", path
    if db.execute("select 1 from documents where id = ?", [name]).fetchone():
        return "document", name
    raise NotInDatabaseError(
        f"{name} is not in the database: give a path as `referat ingest` lists it (document_paths.path) or a "
        "document id (documents.id); nothing was removed"
    )


def _as_stored(name: str) -> str:
    """A file's path as an ingest from the current folder stores it: relative to that folder when below it."""
    absolute = os.path.abspath(name)
    inside = os.path.join(os.getcwd(), "")
    return path_text(absolute[len(inside) :] if absolute.startswith(inside) else name)
