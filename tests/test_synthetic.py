"""The synthetic national archive (`referat.pipeline.synthetic`) at a small size: the real schema, every canned query
answers on it with rows, and the same seed writes the same database."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from datasette.utils import escape_fts

from referat.models.search_indexes import SEARCH_INDEXES
from referat.pipeline.query_inputs import register_functions
from referat.pipeline.search import trigger_sql
from referat.pipeline.serve import CannedQuery, load_queries
from referat.pipeline.synthetic import SyntheticError, generate, main
from referat.pipeline.synthetic_rows import COLUMNS, missing_columns

# What the generator writes, and what the ingest's later stages add: reference and summary tables.
SYNTHETIC_TABLES = (
    *COLUMNS,
    "ingest_runs",
    "ingest_files",
    "kle_groups",
    "official_roles",
    "attendance_by_meeting",
    "attendance_stats",
)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db_path = tmp_path_factory.mktemp("synthetic") / "minutes.db"
    generate(2_000, db_path)
    return db_path


def _rows(db_path: Path, sql: str, params: dict[str, str] | None = None) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db_path)
    conn.create_function("escape_fts", 1, escape_fts)
    register_functions(conn)  # as the server's plugin does (plugins/referat_inputs.py)
    try:
        return conn.execute(sql, params or {}).fetchall()
    finally:
        conn.close()


def test_the_generator_writes_only_columns_of_the_schema() -> None:
    assert list(missing_columns()) == []


def test_about_as_many_items_as_asked_in_every_table(archive: Path) -> None:
    items = _rows(archive, "select count(*) from agenda_items where duplicate_of is null")[0][0]
    assert 1_900 <= items <= 2_100
    for table in SYNTHETIC_TABLES:
        assert _rows(archive, f"select count(*) from [{table}]")[0][0] > 0, table


def test_the_archive_is_left_as_an_ingest_leaves_a_database(archive: Path) -> None:
    assert _rows(archive, "pragma journal_mode") == [("wal",)]
    assert _rows(archive, "select count(*) from sqlite_stat1")[0][0] > 0  # analysed, as PRAGMA optimize does
    # Its full-text indexes kept by their triggers and recorded, so that an ingest into it does not rebuild them.
    triggers = {name for (name,) in _rows(archive, "select name from sqlite_master where type = 'trigger'")}
    assert {name for index in SEARCH_INDEXES for name in trigger_sql(index)} <= triggers
    recorded = {name for (name,) in _rows(archive, "select name from search_state")}
    assert {index.name for index in SEARCH_INDEXES} <= recorded


def test_persons_are_members_of_a_municipality_and_council_period(archive: Path) -> None:
    rows = _rows(
        archive,
        "select distinct m.municipality, p.municipality, m.date, p.period from attendance a "
        "join meetings m on m.id = a.meeting_id join persons p on p.id = a.person_id",
    )
    assert rows and all(meeting == person for meeting, person, _, _ in rows)
    assert all(period[:4] <= date[:4] <= period[5:] for _, _, date, period in rows)


@pytest.mark.parametrize("query", load_queries()[1], ids=lambda query: query.name)
def test_every_canned_query_answers_with_rows(archive: Path, query: CannedQuery) -> None:
    name, sql, params = query.name, query.sql, query.params
    meeting = _rows(
        archive,
        "select id from meetings where duplicate_of is null and attendance_recorded = 1 order by date desc limit 1",
    )[0][0]
    values = {param: "" for param in params}
    if "meeting_id" in values:
        values["meeting_id"] = meeting
    if "navn" in values:  # someone the query's own table names
        source = {
            "mentions": "select text from entities where label = 'PER'",
            "absences_by_item": "select name from item_absences",
        }.get(name, "select name from attendance where role is null")
        values["navn"] = _rows(archive, f"{source} limit 1")[0][0]
    if "journalnummer" in values:
        values["journalnummer"] = _rows(
            archive, "select kle_number from agenda_items where kle_number is not null limit 1"
        )[0][0]
    if name == "search_articles":  # a search of articles needs words: one of an article's headline
        values["tekst"] = _rows(archive, "select title from articles where length(title) > 10 limit 1")[0][0].split()[0]
    assert _rows(archive, sql, values), name


def test_full_text_search_finds_words_of_the_texts(archive: Path) -> None:
    word = _rows(archive, "select title from agenda_items where title is not null limit 1")[0][0].split()[0]
    found = _rows(
        archive, "select count(*) from agenda_items_fts where agenda_items_fts match :word", {"word": escape_fts(word)}
    )[0][0]
    items = _rows(archive, "select count(*) from agenda_items")[0][0]
    assert 0 < found < items


def test_the_same_seed_writes_the_same_database(tmp_path: Path) -> None:
    digests = []
    for name in ("a.db", "b.db"):
        generate(300, tmp_path / name, seed=7)
        rows = _rows(tmp_path / name, "select id, title, case_number, text from agenda_items order by id")
        digests.append(hashlib.sha256(repr(rows).encode()).hexdigest())
    assert digests[0] == digests[1]
    generate(300, tmp_path / "c.db", seed=8)
    other = _rows(tmp_path / "c.db", "select id, title, case_number, text from agenda_items order by id")
    assert hashlib.sha256(repr(other).encode()).hexdigest() != digests[0]


def test_an_existing_file_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "minutes.db").write_bytes(b"keep me")
    with pytest.raises(SyntheticError, match="exists already"):
        generate(100, tmp_path / "minutes.db")
    assert (tmp_path / "minutes.db").read_bytes() == b"keep me"


def test_the_command_line_says_what_it_does(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    assert "--items" in capsys.readouterr().out
