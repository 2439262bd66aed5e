"""Every canned query stays fast in a national archive: SQLite's plan never reads a big table whole.

The plans are SQLite's for a small synthetic archive (`referat.pipeline.synthetic`, the real schema and indexes) with
the statistics of the national one (`tests/data/national_stat1.csv`: sqlite_stat1 of the two-million-item
synthetic archive, which `PRAGMA optimize` keeps in a real database too), so SQLite plans as it would at national
size. A query whose plan would `SCAN` agenda items, sections, decisions, mentions, figures, attendance, links or
documents reads the whole table on every request, which at two million agenda items takes seconds. Where a whole
read is bounded or wanted, the allow-list says why.
"""

from __future__ import annotations

import csv
import re
import sqlite3
from pathlib import Path

import pytest
from datasette.utils import escape_fts

from referat.pipeline.query_inputs import register_functions
from referat.pipeline.serve import CannedQuery, load_queries
from referat.pipeline.synthetic import generate

BIG_TABLES = {"agenda_items", "item_sections", "decisions", "entities", "figures", "attendance", "links", "documents"}
NATIONAL_STATISTICS = Path(__file__).parent / "data" / "national_stat1.csv"
# (query, table): why reading that table whole is fine.
ALLOWED_SCANS: dict[tuple[str, str], str] = {
    ("coverage", "links"): "links are read in the order of their score index, so the first 1,000 come at once; "
    "a filter on the article's title or the committee may read them all, but there is a "
    "link per article and meeting it is about: 20,000 take 0.2 s",
}
_, QUERIES = load_queries()
# Parameter values as a person fills the form; empty parameters are the other common case.
TYPICAL = {
    "tekst": "skolebevilling",
    "udvalg": "Økonomi",
    "fra_dato": "1. januar 2024",
    "til_dato": "31.12.2024",
    "udfald": "godkendt",
    "aar": "2024",
    "journalnummer": "24.00.00",
    "titel": "debat",
    "navn": "Jensen",
    "mindst_kr": "1 mio",
    "kommune": "Ballerup",
    "dato": "05.03.2024",
    "kun_inhabil": "ja",
    "meeting_id": "x",
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    db_path = tmp_path_factory.mktemp("archive") / "minutes.db"
    generate(3_000, db_path)
    with NATIONAL_STATISTICS.open(encoding="utf-8", newline="") as handle:
        statistics = [(row["tbl"], row["idx"], row["stat"]) for row in csv.DictReader(handle)]
    with sqlite3.connect(db_path) as conn:
        conn.execute("delete from sqlite_stat1")
        conn.executemany("insert into sqlite_stat1 (tbl, idx, stat) values (?, ?, ?)", statistics)
    conn.close()
    conn = sqlite3.connect(db_path)  # statistics are read when a database is opened
    conn.create_function("escape_fts", 1, escape_fts)
    register_functions(conn)  # as the server's plugin does (plugins/referat_inputs.py)
    return conn


def tables_by_alias(sql: str) -> dict[str, str]:
    """The tables of a query under the names its plan uses: an alias, or the table's own name."""
    names = {}
    for table, alias in re.findall(
        r"\b(?:from|join)\s+(\w+)(?:\s+(?:as\s+)?(?!on\b|where\b|join\b|left\b)(\w+))?", sql, re.I
    ):
        names[alias or table] = table
        names[table] = table
    return names


def scanned_big_tables(conn: sqlite3.Connection, query: CannedQuery, params: dict[str, str]) -> set[str]:
    aliases = tables_by_alias(query.sql)
    scanned = set()
    for *_, detail in conn.execute(f"explain query plan {query.sql}", params):
        match = re.match(r"SCAN (\w+)", detail)
        if match and "VIRTUAL TABLE" not in detail:
            table = aliases.get(match.group(1), match.group(1))
            if table in BIG_TABLES:
                scanned.add(table)
    return scanned


@pytest.mark.parametrize("filled", [True, False], ids=["typical values", "empty form"])
@pytest.mark.parametrize("query", QUERIES, ids=lambda query: query.name)
def test_no_canned_query_reads_a_big_table_whole(archive: sqlite3.Connection, query: CannedQuery, filled: bool) -> None:
    params = {param: TYPICAL[param] if filled else "" for param in query.params}
    scanned = scanned_big_tables(archive, query, params)
    allowed = {table for (name, table) in ALLOWED_SCANS if name == query.name}
    assert scanned <= allowed, f"{query.name} reads {sorted(scanned - allowed)} whole: add an index or rewrite it"


def test_a_query_that_reads_a_table_whole_is_caught(archive: sqlite3.Connection) -> None:
    """The check itself: a filter on an unindexed column reads the table whole."""
    query = CannedQuery(
        "probe", "staff", "probe", "probe", "select title from agenda_items i where i.text = :text", ("text",)
    )
    assert scanned_big_tables(archive, query, {"text": "x"}) == {"agenda_items"}


def test_the_allow_list_names_known_queries() -> None:
    names = {query.name for query in QUERIES}
    assert {name for name, _ in ALLOWED_SCANS} <= names
    assert all(table in BIG_TABLES for _, table in ALLOWED_SCANS)


def test_tables_by_alias_reads_from_and_join() -> None:
    sql = "select 1 from agenda_items i join meetings m on m.id = i.meeting_id left join links on links.x = 1 where"
    assert tables_by_alias(sql) == {
        "i": "agenda_items",
        "agenda_items": "agenda_items",
        "m": "meetings",
        "meetings": "meetings",
        "links": "links",
    }
