"""The served database: read-only, immutable, described table by table, closed to robots and to writes."""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import httpx
import pytest
from datasette.app import Datasette

from models.schema import TABLES
from pipeline.serve import SETTINGS, datasette_metadata, write_server_files


def datasette_for(db_path: Path) -> Datasette:
    metadata_path, inspect_path = write_server_files(db_path)
    return Datasette(
        immutables=[str(db_path)],
        metadata=json.loads(metadata_path.read_text(encoding="utf-8")),
        inspect_data=json.loads(inspect_path.read_text(encoding="utf-8")),
        settings=SETTINGS,
    )


def get(ds: Datasette, path: str) -> httpx.Response:
    async def fetch() -> httpx.Response:
        await ds.invoke_startup()
        response: httpx.Response = await ds.client.get(path)
        return response

    return asyncio.run(fetch())


def test_metadata_describes_every_table_and_column() -> None:
    metadata = datasette_metadata()
    for key in ("title", "description_html", "license", "source"):
        assert metadata[key], key
    tables = metadata["databases"]["minutes"]["tables"]
    assert set(tables) == {table.name for table in TABLES}
    for table in TABLES:
        assert tables[table.name]["description"]
        described = tables[table.name]["columns"]
        assert set(described) == {column.name for column in table.columns}
        assert all(len(text) > 10 for text in described.values()), table.name


def test_datasette_serves_tables_and_metadata(sample_db: Path) -> None:
    ds = datasette_for(sample_db)
    documents = get(ds, "/minutes/documents.json?_shape=array&_col=kind&_col=status")
    assert documents.status_code == 200
    rows: list[dict[str, Any]] = documents.json()
    assert len(rows) == 7 and {row["status"] for row in rows} == {"ok"}
    metadata = get(ds, "/-/metadata.json").json()
    assert metadata["title"].startswith("referat")
    page = get(ds, "/minutes/agenda_items")
    assert "Agenda items (punkter) of a meeting" in page.text
    assert get(ds, "/-/settings.json").json()["sql_time_limit_ms"] == SETTINGS["sql_time_limit_ms"]


@pytest.mark.parametrize("sql", [
    "delete from documents",
    "update documents set status = 'ok'",
    "insert into persons (id, name) values ('x', 'Mallory')",
    "drop table documents",
    "attach database '/tmp/evil.db' as evil",
    "select 1; delete from documents",
])
def test_writes_through_sql_are_refused(sample_db: Path, sql: str) -> None:
    ds = datasette_for(sample_db)
    response = get(ds, "/minutes.json?" + urllib.parse.urlencode({"sql": sql}))
    assert response.status_code >= 400
    count = get(ds, "/minutes.json?sql=select+count(*)+as+n+from+documents&_shape=array").json()
    assert count == [{"n": 7}]


def test_robots_are_blocked(sample_db: Path) -> None:
    robots = get(datasette_for(sample_db), "/robots.txt")
    assert robots.status_code == 200
    assert "Disallow: /" in robots.text


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_referat_serve_runs_datasette_on_localhost(sample_db: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "serve", "--db", str(sample_db), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        body = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and body is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/minutes/documents.json?_shape=array") as reply:
                    body = json.loads(reply.read())
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        assert body is not None, "datasette did not answer"
        assert len(body) == 7
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/-/databases.json") as reply:
            databases = json.loads(reply.read())
        assert databases[0]["is_mutable"] is False
    finally:
        server.terminate()
        server.wait(timeout=10)
