"""Serving the database with Datasette: read-only, immutable, with metadata built from `models.schema`.

`datasette_metadata()` merges the hand-written title, description, source and licence
(`datasette/metadata.json`) with the table and column descriptions from the schema, so the two never drift
apart. `serve_command()` is the Datasette command line that `referat serve` runs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from models.schema import TABLES

HERE = Path(__file__).parent / "datasette"
METADATA_FILE = HERE / "metadata.json"
# Settings the server always runs with: a time limit so no query can hog the server, and no facet or
# suggestion work that would slow every page on a large database.
SETTINGS: dict[str, Any] = {
    "sql_time_limit_ms": 3000,
    "max_returned_rows": 2000,
    "facet_time_limit_ms": 500,
    "allow_download": True,
    "default_page_size": 50,
}


class ServeError(Exception):
    """The database cannot be served as asked."""


def datasette_metadata(database: str = "minutes") -> dict[str, Any]:
    """Datasette metadata for a database file named `<database>.db`."""
    metadata: dict[str, Any] = json.loads(METADATA_FILE.read_text(encoding="utf-8"))
    tables: dict[str, Any] = {}
    for table in TABLES:
        tables[table.name] = {
            "description": table.description,
            "columns": {column.name: column.description for column in table.columns},
        }
    metadata["databases"] = {database: {"tables": tables}}
    metadata.setdefault("plugins", {})["datasette-block-robots"] = {"allow_only_index": False}
    return metadata


def write_server_files(db_path: Path) -> tuple[Path, Path]:
    """Metadata and the inspect file (row counts, hash) beside the database; returns their paths."""
    if not db_path.exists():
        raise ServeError(f"{db_path} does not exist: run `referat ingest` (or `make ingest`) first")
    folder = db_path.parent
    metadata_path = folder / f"{db_path.stem}.metadata.json"
    metadata = datasette_metadata(db_path.stem)
    metadata_path.write_text(json.dumps(metadata, ensure_ascii=False, indent=2), encoding="utf-8")
    inspect_path = folder / f"{db_path.stem}.inspect.json"
    subprocess.run(
        [sys.executable, "-m", "datasette", "inspect", str(db_path), "--inspect-file", str(inspect_path)],
        check=True,
    )
    return metadata_path, inspect_path


def serve_command(db_path: Path, *, host: str, port: int, metadata_path: Path, inspect_path: Path) -> list[str]:
    """The Datasette command line: immutable database, inspect file, metadata and settings."""
    command = [
        sys.executable, "-m", "datasette", "serve",
        "-i", str(db_path),
        "--inspect-file", str(inspect_path),
        "--metadata", str(metadata_path),
        "--host", host,
        "--port", str(port),
    ]
    for name, value in SETTINGS.items():
        command += ["--setting", name, json.dumps(value) if isinstance(value, bool) else str(value)]
    return command
