"""Serving the database with Datasette: read-only while ingests write it, with metadata built from `models.schema`
and `models.views`.

`datasette_metadata()` merges the hand-written title, description, source, licence and table options
(`datasette/metadata.json`) with the table, view and column descriptions in Danish (`pipeline.descriptions`,
the schema's English where a row is missing: a test names it), and adds the canned queries of `datasette/queries.yml`; the plugin config `referat` carries the home
page's guide (the queries for each group of users, with their examples) and the base URL under which cited paths
become links (`referat serve --base-url`). `serve_command()` is the Datasette command line that `referat serve`
runs, in the database's folder: the database read-only (each query reads one committed snapshot of the WAL
database, so a running server sees each ingest's batches) and named by its bare file name, the settings that keep
the server answering while a few clients run slow queries, our templates (home, meeting, table and row pages, the
attendance chart) and our read-only plugins (`datasette/plugins/`).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import yaml

from referat.models.schema import TABLES, Column
from referat.models.views import VIEWS
from referat.pipeline.descriptions import danish_descriptions

HERE = Path(__file__).parent / "datasette"
METADATA_FILE = HERE / "metadata.json"
QUERIES_FILE = HERE / "queries.yml"
TEMPLATE_DIR = HERE / "templates"
PLUGINS_DIR = HERE / "plugins"
# Settings the server always runs with. Each query runs on a pool of SQL threads and holds its thread until it ends
# or the time limit stops it: with Datasette's three threads, four clients repeating a slow query kept every other
# page waiting 30 s and more (issue 11). Sixteen leave room for many times that; a thread costs one SQLite
# connection. The rest of every answer is built on one event loop shared by all clients, so what one answer may
# cost there is capped: rows, the size of a CSV (written row by row; a snapshot of the database can be downloaded
# whole, `plugins/referat_download.py`), and no suggested facets (a query for each column on every table page).
SETTINGS: dict[str, Any] = {
    "num_sql_threads": 16,
    # A greedy query can starve the event loop of the GIL (Datasette's time-limit check calls Python every 1000 SQLite
    # steps) until it ends, so the limit bounds that stall; canned queries take < 10 ms on the 1,212-page bench corpus.
    "sql_time_limit_ms": 1000,
    "max_returned_rows": 1000,
    "max_csv_mb": 10,  # about 0.3 s of the event loop
    "allow_csv_stream": True,  # all rows of a filtered table as one CSV, within max_csv_mb
    "facet_time_limit_ms": 500,
    "suggest_facets": False,
    "allow_download": True,
    "default_page_size": 50,
    "truncate_cells_html": 600,
}
# Datasette's own command line with `rich` made unimportable (`None` in sys.modules makes an import fail). When rich
# can be imported (spaCy brings it), Datasette prints every error answer to the log as a traceback with all local
# variables, on the event loop: 0.2 s for each 404 and 0.6 s for each query stopped by the time limit, against 3 ms.
DATASETTE_MAIN = "import sys; sys.modules['rich'] = None; from datasette.cli import cli; cli(prog_name='datasette')"


class ServeError(Exception):
    """The database cannot be served as asked."""


@dataclass(frozen=True)
class PageLink:
    """A page of the served database worth a link on the home page (a view, a chart)."""

    title: str
    path: str
    description: str


@dataclass(frozen=True)
class Audience:
    """A group of users (journalists, watchdogs, staff) and the queries and pages made for them."""

    name: str
    title: str
    description: str
    links: tuple[PageLink, ...] = ()


@dataclass(frozen=True)
class CannedQuery:
    name: str
    audience: str
    title: str
    description: str
    sql: str
    params: tuple[str, ...] = ()
    hide_sql: bool = False
    example: dict[str, str] = field(default_factory=dict)  # parameter values that show what the query does

    def __post_init__(self) -> None:
        missing = [param for param in self.params if f":{param}" not in self.sql]
        if missing:
            raise ValueError(f"query {self.name}: parameters {missing} are not used in its SQL")
        unknown = [param for param in self.example if param not in self.params]
        if unknown:
            raise ValueError(f"query {self.name}: its example gives {unknown}, which are not among its parameters")

    def datasette(self) -> dict[str, Any]:
        """The query as Datasette's metadata has it."""
        query: dict[str, Any] = {"title": self.title, "description": self.description, "sql": self.sql}
        if self.params:
            query["params"] = list(self.params)
        if self.hide_sql:
            query["hide_sql"] = True
        return query


def load_queries(path: Path = QUERIES_FILE) -> tuple[tuple[Audience, ...], tuple[CannedQuery, ...]]:
    """The audiences and canned queries of `queries.yml`; every query names a known audience."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    audiences = tuple(
        Audience(
            entry["name"],
            entry["title"],
            entry["description"],
            tuple(PageLink(link["title"], link["path"], link["description"]) for link in entry.get("links", ())),
        )
        for entry in data["audiences"]
    )
    queries = tuple(
        CannedQuery(
            name,
            entry["audience"],
            entry["title"],
            entry["description"],
            entry["sql"],
            tuple(entry.get("params", ())),
            bool(entry.get("hide_sql", False)),
            {str(key): str(value) for key, value in (entry.get("example") or {}).items()},
        )
        for name, entry in data["queries"].items()
    )
    known = {audience.name for audience in audiences}
    for query in queries:
        if query.audience not in known:
            raise ValueError(f"query {query.name}: unknown audience {query.audience!r} (known: {sorted(known)})")
    return audiences, queries


def example_query_string(example: dict[str, str]) -> str:
    """A query's example as the query string of its link ("" when it has none)."""
    return "?" + urlencode(example) if example else ""


def home_page_config(audiences: tuple[Audience, ...], queries: tuple[CannedQuery, ...]) -> list[dict[str, Any]]:
    """The home page's guide (`templates/index.html`): for each audience its pages and queries, each query with the
    link of its example (when the query has one)."""
    return [
        {
            "name": audience.name,
            "title": audience.title,
            "description": audience.description,
            "links": [
                {"title": link.title, "path": link.path, "description": link.description} for link in audience.links
            ],
            "queries": [
                {
                    "name": query.name,
                    "title": query.title,
                    "description": query.description,
                    "example": example_query_string(query.example),
                    "example_text": ", ".join(str(value) for value in query.example.values() if str(value)),
                }
                for query in queries
                if query.audience == audience.name
            ],
        }
        for audience in audiences
    ]


def datasette_metadata(database: str = "minutes", base_url: str = "") -> dict[str, Any]:
    """Datasette metadata for a database file named `<database>.db`; `base_url`, when given, is where the
    ingested folder is published: cited paths (relative to it) become links under it.

    Tables, views and columns are described in Danish, from `data/descriptions_da.csv` (`pipeline.descriptions`):
    the served site speaks Danish while the schema and the README stay English. A table or column without a Danish
    row is described in English (`tests/test_descriptions.py` names it)."""
    metadata: dict[str, Any] = json.loads(METADATA_FILE.read_text(encoding="utf-8"))
    options: dict[str, dict[str, Any]] = metadata.pop("table_options", {})
    tables: dict[str, Any] = {}
    described: list[tuple[str, str, tuple[Column, ...]]] = [
        *((table.name, table.description, table.columns) for table in TABLES),
        *((view.name, view.description, view.columns) for view in VIEWS),
    ]
    danish = danish_descriptions()
    for name, description, columns in described:
        tables[name] = {
            "description": danish.get((name, ""), description),
            "columns": {column.name: danish.get((name, column.name), column.description) for column in columns},
            **options.get(name, {}),
        }
    audiences, queries = load_queries()
    metadata["databases"] = {database: {"tables": tables, "queries": {q.name: q.datasette() for q in queries}}}
    plugins = metadata.setdefault("plugins", {})
    plugins["datasette-block-robots"] = {"allow_only_index": False}
    plugins["referat"] = {
        **plugins.get("referat", {}),
        "base_url": base_url,
        "audiences": home_page_config(audiences, queries),
    }
    return metadata


def metadata_file(db_path: Path) -> Path:
    """Where the metadata of a database goes: beside it."""
    return db_path.parent / f"{db_path.stem}.metadata.json"


def check_base_url(base_url: str) -> str:
    """The base URL as given, or an error that says what one looks like."""
    text = base_url.strip()
    if text and not re.match(r"^https?://[^/\s]+(/\S*)?$", text):
        raise ServeError(
            f"--base-url {base_url!r} is not a web address: give one such as "
            "https://kommune.dk/referater/ (where the ingested folder is published)"
        )
    return text


def write_server_files(db_path: Path, base_url: str = "") -> Path:
    """The metadata beside the database; returns its path. (An inspect file, which an immutable server read its
    row counts and hash from, is no longer written: the database changes while it is served.)"""
    if not db_path.exists():
        raise ServeError(f"{db_path} does not exist: run `referat ingest` (or `make ingest`) first")
    metadata_path = metadata_file(db_path)
    metadata = datasette_metadata(db_path.stem, check_base_url(base_url))
    metadata_path.write_text(json.dumps(metadata, ensure_ascii=False, indent=2), encoding="utf-8")
    return metadata_path


@dataclass(frozen=True)
class ServerCommand:
    """The Datasette command line and the folder to run it in."""

    argv: tuple[str, ...]
    folder: Path


def serve_command(db_path: Path, *, host: str, port: int) -> ServerCommand:
    """Datasette run in the database's folder, with the database and its metadata named by their file names only:
    Datasette shows the path it was given (`/-/databases.json`), and this way it is no more than the file name.

    The database is served mutable and read-only (Datasette opens it `?mode=ro`): every query reads the last
    committed state of the WAL database, so a running server shows each batch an ingest commits, and a query
    never sees half of one. Settings as `SETTINGS`."""
    argv = [
        sys.executable,
        "-c",
        DATASETTE_MAIN,
        "serve",
        db_path.name,
        "--metadata",
        metadata_file(db_path).name,
        "--template-dir",
        str(TEMPLATE_DIR.resolve()),
        "--plugins-dir",
        str(PLUGINS_DIR.resolve()),
        "--host",
        host,
        "--port",
        str(port),
    ]
    for name, value in SETTINGS.items():
        argv += ["--setting", name, json.dumps(value) if isinstance(value, bool) else str(value)]
    return ServerCommand(tuple(argv), db_path.absolute().parent)  # not resolve(): the name may be a symlink's
