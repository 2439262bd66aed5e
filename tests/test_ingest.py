"""Ingest as staff use it: a folder in, one database out; re-runs skip, changes replace, duplicates merge."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
import sqlite_utils

from models.schema import TABLES
from pipeline.ingest import IngestReport, NoInputError, discover, ingest
from pipeline.storage import Commits, DatabaseBusyError, ingest_lock
from tests.conftest import RAW

LOG_TABLES = {"ingest_runs", "ingest_files"}


def table_dump(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every data table, sorted: what 'identical rows' compares."""
    conn = sqlite3.connect(db_path)
    try:
        return {
            table.name: sorted(conn.execute(f"select * from [{table.name}]").fetchall(), key=repr)
            for table in TABLES if table.name not in LOG_TABLES
        }
    finally:
        conn.close()


def test_every_sample_file_is_an_ok_document(sample_ingest: IngestReport, sample_db: Path) -> None:
    db = sqlite_utils.Database(sample_db)
    rows = {Path(row["path"]).name: row for row in db.query(
        "select p.path, d.status, d.kind, d.pages, d.error from document_paths p "
        "join documents d on d.id = p.document_id")}
    assert sorted(rows) == sorted(path.name for path in RAW.iterdir() if path.is_file())
    assert {name: row["status"] for name, row in rows.items()} == {name: "ok" for name in rows}
    assert sample_ingest.counts == {"new": len(rows), "changed": 0, "unchanged": 0, "failed": 0}


def test_sample_kinds(sample_db: Path) -> None:
    db = sqlite_utils.Database(sample_db)
    kinds = {Path(row["path"]).name: row["kind"] for row in db.query(
        "select p.path, d.kind from document_paths p join documents d on d.id = p.document_id")}
    assert kinds == {
        "000_d8d1ab7d01895041.txt": "news",
        "001_8351087a956318af.txt": "news",
        "002_e8801178bb441584.txt": "news",
        "003_fe071bcafbadd245.txt": "other",
        "004_07fbbc99cae8a549.txt": "minutes",
        "ballerup_erhvervs-beskaeftigelses-og-uddannelsesudvalget_2025-05-13_rendered.pdf": "minutes",
        "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04.pdf": "minutes",
    }


def test_database_has_every_table_and_column_of_the_schema(sample_db: Path) -> None:
    db = sqlite_utils.Database(sample_db)
    for table in TABLES:
        assert set(db[table.name].columns_dict) >= {column.name for column in table.columns}, table.name
        declared = {(fk.column, fk.other_table, fk.other_column) for fk in db[table.name].foreign_keys}
        assert declared == {(fk.column, fk.table, fk.other_column) for fk in table.foreign_keys}, table.name


def test_pdf_pages_are_joined_by_form_feeds(sample_db: Path) -> None:
    db = sqlite_utils.Database(sample_db)
    document = next(db.query(
        "select d.id, d.text, d.pages from documents d join document_paths p on p.document_id = d.id "
        "where p.path like '%sundheds-og-forebyggelsesudvalget_2012-12-04.pdf'"))
    assert document["pages"] == 15
    assert document["text"].count("\f") == 14
    pages = list(db.query("select page, start, end from document_pages where document_id = ? order by page",
                          [document["id"]]))
    assert [page["page"] for page in pages] == list(range(1, 16))
    page_two = document["text"][pages[1]["start"]:pages[1]["end"]]
    assert "INDHOLDSFORTEGNELSE" in page_two
    assert "\f" not in page_two


def test_second_ingest_leaves_identical_rows_and_skips_everything(raw_copy: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "minutes.db"
    first = ingest([raw_copy], db_path)
    before = table_dump(db_path)
    second = ingest([raw_copy], db_path)
    assert table_dump(db_path) == before
    assert second.counts == {"new": 0, "changed": 0, "unchanged": len(first.outcomes), "failed": 0}
    runs = sqlite_utils.Database(db_path)["ingest_runs"].count
    assert runs == 2


def test_no_op_run_takes_well_under_half_the_first(raw_copy: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "minutes.db"
    started = time.monotonic()
    ingest([raw_copy], db_path)
    first = time.monotonic() - started
    started = time.monotonic()
    ingest([raw_copy], db_path)
    second = time.monotonic() - started
    assert second < first / 2, (first, second)


def test_changed_file_replaces_its_rows(raw_copy: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "minutes.db"
    ingest([raw_copy], db_path)
    article = raw_copy / "001_8351087a956318af.txt"
    first = next(sqlite_utils.Database(db_path).query(
        "select document_id, first_seen from document_paths where path = ?", [str(article)]))
    old_id = first["document_id"]
    time.sleep(1.1)  # first_seen is to the second: the second ingest starts in a later second
    article.write_text(article.read_text(encoding="utf-8") + "\nRettelse: tallet er 1.100 arbejdspladser.\n",
                       encoding="utf-8")
    report = ingest([raw_copy], db_path)
    assert report.counts["changed"] == 1
    db = sqlite_utils.Database(db_path)
    now = next(db.query("select document_id, first_seen from document_paths where path = ?", [str(article)]))
    new_id = now["document_id"]
    assert new_id != old_id
    assert now["first_seen"] == first["first_seen"]  # the path was first seen then, whatever it holds now
    assert db["ingest_runs"].count == 2
    assert db["documents"].count_where("id = ?", [old_id]) == 0
    assert "Rettelse" in db["documents"].get(new_id)["text"]
    assert db["document_pages"].count_where("document_id = ?", [old_id]) == 0


def test_documents_are_committed_in_batches_and_at_the_end(tmp_path: Path) -> None:
    db_path = tmp_path / "minutes.db"
    sqlite_utils.Database(db_path)["notes"].create({"id": int})
    db = sqlite_utils.Database(db_path)
    reader = sqlite3.connect(db_path)
    commits = Commits(db, every=2)

    def save(number: int) -> None:
        db.conn.execute("insert into notes (id) values (?)", [number])
        commits.saved()

    def committed() -> int:
        return int(reader.execute("select count(*) from notes").fetchone()[0])

    save(1)
    assert committed() == 0
    save(2)
    assert committed() == 2
    save(3)
    assert committed() == 2
    commits.done()
    assert committed() == 3


def test_same_content_under_two_names_is_one_document(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = (RAW / "000_d8d1ab7d01895041.txt").read_bytes()
    (folder / "artikel.txt").write_bytes(text)
    (folder / "kopi af artikel.txt").write_bytes(text)
    db_path = tmp_path / "minutes.db"
    report = ingest([folder], db_path)
    db = sqlite_utils.Database(db_path)
    assert db["documents"].count == 1
    assert sorted(Path(row["path"]).name for row in db["document_paths"].rows) == ["artikel.txt", "kopi af artikel.txt"]
    assert report.counts == {"new": 1, "changed": 0, "unchanged": 1, "failed": 0}


def test_ids_are_the_same_in_two_databases(raw_copy: Path, tmp_path: Path) -> None:
    ingest([raw_copy], tmp_path / "a.db")
    ingest([raw_copy], tmp_path / "b.db", workers=1)
    for table in ("documents", "document_pages"):
        ids_a = {row["id"] for row in sqlite_utils.Database(tmp_path / "a.db")[table].rows}
        ids_b = {row["id"] for row in sqlite_utils.Database(tmp_path / "b.db")[table].rows}
        assert ids_a == ids_b and ids_a


def test_discover_walks_folders_for_known_suffixes_only(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("a.pdf", "b.HTML", "sub/c.htm", "sub/d.txt", "e.docx", ".hidden.txt", "notes.md"):
        (tmp_path / name).write_text("x")
    assert [path.relative_to(tmp_path).as_posix() for path in discover([tmp_path])] == [
        "a.pdf", "b.HTML", "sub/c.htm", "sub/d.txt"]


def test_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NoInputError, match="does not exist"):
        discover([tmp_path / "nowhere"])
    with pytest.raises(NoInputError, match=r"no \.pdf"):
        discover([tmp_path])


def test_a_second_ingest_waits_for_none_but_is_refused(tmp_path: Path) -> None:
    db_path = tmp_path / "minutes.db"
    with ingest_lock(db_path), pytest.raises(DatabaseBusyError, match="another referat ingest"):
        ingest([RAW], db_path)
