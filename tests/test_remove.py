"""`referat remove`: a document taken out on purpose leaves the database a fresh ingest without its file gives,
links, duplicate meetings, summaries and search included."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from referat.pipeline.cli import cli
from referat.pipeline.ingest import ingest
from tests.conftest import RAW
from tests.test_crash_safety import data_rows

pytestmark = pytest.mark.integration


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize(
    "name",
    [
        # The 2025 minutes as a PDF: one of two versions of the meeting (the text export is the other), so the
        # meeting's duplicate group and the articles' links to it are redone.
        "ballerup_erhvervs-beskaeftigelses-og-uddannelsesudvalget_2025-05-13_rendered.pdf",
        "001_8351087a956318af.txt",  # a news article linked to meetings
    ],
)
def test_removing_a_gone_file_gives_the_database_of_a_fresh_ingest_without_it(
    name: str, raw_copy: Path, tmp_path: Path
) -> None:
    db = tmp_path / "minutes.db"
    ingest([raw_copy], db)
    (raw_copy / name).unlink()
    assert ingest([raw_copy], db).missing == (f"raw/{name}",)

    output = run("remove", f"raw/{name}", "--db", str(db))

    assert "1 document(s) and their rows removed" in output
    ingest([raw_copy], tmp_path / "fresh.db")
    removed, fresh = data_rows(db), data_rows(tmp_path / "fresh.db")
    # Links are redone for the pairs the removal touched; the others keep their scores while the statistics move
    # (how many texts hold a word), as after an ingest, until `referat relink` scores them all again.
    assert {table: rows for table, rows in removed.items() if table != "links"} == {
        table: rows for table, rows in fresh.items() if table != "links"
    }
    assert [link[:4] for link in removed["links"]] == [link[:4] for link in fresh["links"]]
    run("relink", "--db", str(db))
    assert data_rows(db) == fresh
    assert ingest([raw_copy], db).missing == ()


def test_a_document_is_removed_by_its_id_with_every_path_that_held_it(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copyfile(RAW / "004_07fbbc99cae8a549.txt", folder / "referat.txt")
    shutil.copyfile(RAW / "004_07fbbc99cae8a549.txt", folder / "referat (kopi).txt")
    db = tmp_path / "minutes.db"
    document_id = ingest([folder], db).outcomes[0].document_id
    found = "select count(*) from agenda_items_fts where agenda_items_fts match 'Vækstpolitik'"
    assert sqlite3.connect(db).execute(found).fetchone() == (1,)

    output = run("remove", document_id, "--db", str(db))

    assert "Removed in/referat (kopi).txt, in/referat.txt" in output
    conn = sqlite3.connect(db)
    try:
        for table in (
            "documents",
            "document_paths",
            "meetings",
            "agenda_items",
            "attendance",
            "persons",
            "pending_derived",
        ):
            assert conn.execute(f"select count(*) from {table}").fetchone() == (0,), table
        assert conn.execute(found).fetchone() == (0,)
    finally:
        conn.close()


def test_a_path_whose_content_a_copy_holds_forgets_only_the_path(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copyfile(RAW / "000_d8d1ab7d01895041.txt", folder / "artikel.txt")
    shutil.copyfile(RAW / "000_d8d1ab7d01895041.txt", folder / "artikel (kopi).txt")
    db = tmp_path / "minutes.db"
    ingest([folder], db)

    output = run("remove", "in/artikel (kopi).txt", "--db", str(db))

    assert "its document stays" in output and "0 document(s)" in output
    assert "still in its folder" not in output  # the name given is not a file here: nothing to warn of
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("select path from document_paths").fetchall() == [("in/artikel.txt",)]
        assert conn.execute("select count(*) from articles").fetchone() == (1,)
    finally:
        conn.close()


def test_a_name_not_in_the_database_removes_nothing(raw_copy: Path, tmp_path: Path) -> None:
    db = tmp_path / "minutes.db"
    ingest([raw_copy], db)
    before = data_rows(db)

    result = CliRunner().invoke(cli, ["remove", "raw/004_07fbbc99cae8a549.txt", "raw/findes-ikke.pdf", "--db", str(db)])

    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "raw/findes-ikke.pdf is not in the database" in result.output and "nothing was removed" in result.output
    assert data_rows(db) == before


def test_a_file_still_in_its_folder_is_removed_with_a_warning(
    raw_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "minutes.db"
    ingest([Path("raw")], db)

    output = run("remove", "raw/002_e8801178bb441584.txt", "--db", str(db))

    assert "raw/002_e8801178bb441584.txt is still in its folder; the next ingest of the folder reads it again" in output
    assert ingest([Path("raw")], db).counts["new"] == 1
