"""The served database: read-only, described table by table, closed to robots and to writes."""

from __future__ import annotations

import asyncio
import html
import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import httpx
import pytest
from datasette.app import Datasette

from referat.models.schema import TABLES
from referat.models.views import VIEWS
from referat.pipeline.serve import (
    PLUGINS_DIR,
    SETTINGS,
    TEMPLATE_DIR,
    datasette_metadata,
    load_queries,
    write_server_files,
)
from tests.served import running_server

pytestmark = pytest.mark.server


def datasette_for(db_path: Path, base_url: str = "") -> Datasette:
    """The served database as `referat serve` configures it (mutable, opened read-only), in process (Datasette's
    test client)."""
    metadata_path = write_server_files(db_path, base_url)
    return Datasette(
        [str(db_path)],
        metadata=json.loads(metadata_path.read_text(encoding="utf-8")),
        settings=SETTINGS,
        template_dir=str(TEMPLATE_DIR),
        plugins_dir=str(PLUGINS_DIR),
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
    assert set(tables) == {table.name for table in TABLES} | {view.name for view in VIEWS}
    for name, columns in [
        *((table.name, table.columns) for table in TABLES),
        *((view.name, view.columns) for view in VIEWS),
    ]:
        assert tables[name]["description"]
        described = tables[name]["columns"]
        assert set(described) == {column.name for column in columns}
        assert all(len(text) > 10 for text in described.values()), name


def test_datasette_serves_tables_and_metadata(sample_db: Path) -> None:
    ds = datasette_for(sample_db)
    documents = get(ds, "/minutes/documents.json?_shape=array&_col=kind&_col=status")
    assert documents.status_code == 200
    rows: list[dict[str, Any]] = documents.json()
    assert len(rows) == 7 and {row["status"] for row in rows} == {"ok"}
    metadata = get(ds, "/-/metadata.json").json()
    assert metadata["title"].startswith("referat")
    page = get(ds, "/minutes/agenda_items?duplicate_of__isnull=1")
    assert "Dagsordenspunkter (punkter) på et møde" in page.text  # the Danish description (descriptions_da.csv)
    assert get(ds, "/-/settings.json").json()["sql_time_limit_ms"] == SETTINGS["sql_time_limit_ms"]


@pytest.mark.parametrize(
    "sql",
    [
        "delete from documents",
        "update documents set status = 'ok'",
        "insert into persons (id, name) values ('x', 'Mallory')",
        "drop table documents",
        "attach database '/tmp/evil.db' as evil",
        "select 1; delete from documents",
    ],
)
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


def test_referat_serve_runs_datasette_on_localhost(sample_db: Path) -> None:
    with running_server(str(sample_db)) as base:
        with urllib.request.urlopen(f"{base}/minutes/documents.json?_shape=array") as reply:
            body = json.loads(reply.read())
        assert len(body) == 7
        with urllib.request.urlopen(f"{base}/-/databases.json") as reply:
            databases = json.loads(reply.read())
        assert databases[0]["is_mutable"] is True  # read-only all the same: see test_writes_through_sql_are_refused


# The plugins the server loads and the hooks they use, each read to check that it cannot write: robots.txt
# (a GET route), our link to the meeting page, an authorizer that hides
# the database's file name from SQL, the download of a snapshot (it writes only its temporary copy), the query
# inputs' SQL functions and template helpers, readable values (cells, template filters, and a middleware that only
# remembers the path), the home page's figures, the meeting page's extra reads, the redirect of a table page to its
# canonical rows, the attendance chart (a GET route that reads), and the CSV for Excel (an output format).
REVIEWED_PLUGINS = {
    "datasette-block-robots": {"register_routes", "startup"},
    "referat_chart.py": {"register_routes"},
    "referat_csv.py": {"register_output_renderer"},
    "referat_download.py": {"register_routes", "extra_template_vars"},
    "referat_home.py": {"extra_template_vars"},
    "referat_inputs.py": {"prepare_connection", "prepare_jinja2_environment"},
    "referat_links.py": {"render_cell"},
    "referat_meeting.py": {"extra_template_vars"},
    "referat_no_paths.py": {"prepare_connection"},
    "referat_tables.py": {"asgi_wrapper", "extra_template_vars"},
    "referat_values.py": {"asgi_wrapper", "prepare_jinja2_environment", "render_cell"},
}


def test_only_reviewed_read_only_plugins_are_loaded(sample_db: Path) -> None:
    loaded = get(datasette_for(sample_db), "/-/plugins.json").json()
    plugins = {plugin["name"]: set(plugin["hooks"]) for plugin in loaded}
    assert plugins == REVIEWED_PLUGINS, "a plugin was added or changed: check that it cannot write, then list it"


def test_canned_queries_only_read() -> None:
    from datasette.utils import validate_sql_select

    queries = datasette_metadata()["databases"]["minutes"]["queries"]
    assert queries
    for name, query in queries.items():
        validate_sql_select(query["sql"])  # raises InvalidSql for anything but a select
        assert not query.get("write"), name


def test_a_slow_query_is_stopped(sample_db: Path) -> None:
    endless = "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c"
    response = get(
        datasette_for(sample_db), "/minutes.json?" + urllib.parse.urlencode({"sql": endless, "_timelimit": 50})
    )
    assert response.status_code == 400
    assert "took too long" in response.json()["error"]


@pytest.mark.parametrize(
    "sql",
    [
        "select * from pragma_database_list()",
        "select FILE as f, name from PRAGMA_DATABASE_LIST() as d",
        "select (select file from pragma_database_list where seq = 0) as f, 'main' as name",
    ],
)
def test_sql_cannot_read_where_the_database_lives(sample_db: Path, sql: str) -> None:
    response = get(datasette_for(sample_db), "/minutes.json?_shape=array&" + urllib.parse.urlencode({"sql": sql}))
    assert response.status_code == 200
    assert str(sample_db.parent) not in response.text
    assert [row["name"] for row in response.json()] == ["main"]


def test_home_page_guides_each_group_to_its_queries(sample_db: Path) -> None:
    ds = datasette_for(sample_db)
    home = get(ds, "/").text
    audiences, queries = load_queries()
    for audience in audiences:
        assert f">{html.escape(audience.title, quote=False)}</h2>" in home, audience.name
    for query in queries:
        assert f'href="/minutes/{query.name}"' in home, query.name
        if query.example:
            assert (
                f'href="/minutes/{query.name}?{urllib.parse.urlencode(query.example)}"'.replace("&", "&amp;") in home
            ), query.name
    for path in ("search_items", "-/fremmoede", "search_decisions", "attendance_by_member", "last_ingest"):
        assert f'href="/minutes/{path}' in home
        assert get(ds, f"/minutes/{path}").status_code == 200, path
