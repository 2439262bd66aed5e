"""Ingest as staff use it: a folder in, one database out; re-runs skip, changes replace, duplicates merge."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
import sqlite_utils

from referat.models.records import Document, ParsedDocument, document_id
from referat.models.schema import TABLES
from referat.pipeline import storage
from referat.pipeline.ingest import IngestReport, ingest
from referat.pipeline.inputs import NoInputError, discover
from referat.pipeline.rows import PreparedDocument, prepare
from referat.pipeline.storage import Commits, DatabaseBusyError, ingest_lock
from tests.conftest import RAW

pytestmark = pytest.mark.integration

LOG_TABLES = {"ingest_runs", "ingest_files"}


def table_dump(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every data table, sorted: what 'identical rows' compares."""
    conn = sqlite3.connect(db_path)
    try:
        return {
            table.name: sorted(conn.execute(f"select * from [{table.name}]").fetchall(), key=repr)
            for table in TABLES
            if table.name not in LOG_TABLES
        }
    finally:
        conn.close()


def test_every_sample_file_is_an_ok_document(sample_ingest: IngestReport, sample_db: Path) -> None:
    db = sqlite_utils.Database(sample_db)
    rows = {
        Path(row["path"]).name: row
        for row in db.query(
            "select p.path, d.status, d.kind, d.pages, d.error from document_paths p "
            "join documents d on d.id = p.document_id"
        )
    }
    assert sorted(rows) == sorted(path.name for path in RAW.iterdir() if path.is_file())
    assert {name: row["status"] for name, row in rows.items()} == {name: "ok" for name in rows}
    assert sample_ingest.counts == {"new": len(rows), "changed": 0, "unchanged": 0, "failed": 0}


def test_sample_kinds(sample_db: Path) -> None:
    db = sqlite_utils.Database(sample_db)
    kinds = {
        Path(row["path"]).name: row["kind"]
        for row in db.query("select p.path, d.kind from document_paths p join documents d on d.id = p.document_id")
    }
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
        declared = {(fk.column, fk.other_table, fk.other_column) for fk in db.table(table.name).foreign_keys}
        assert declared == {(fk.column, fk.table, fk.other_column) for fk in table.foreign_keys}, table.name


def test_pdf_pages_are_joined_by_form_feeds(sample_db: Path) -> None:
    db = sqlite_utils.Database(sample_db)
    document = next(
        db.query(
            "select d.id, d.text, d.pages from documents d join document_paths p on p.document_id = d.id "
            "where p.path like '%sundheds-og-forebyggelsesudvalget_2012-12-04.pdf'"
        )
    )
    assert document["pages"] == 15
    assert document["text"].count("\f") == 14
    pages = list(
        db.query("select page, start, end from document_pages where document_id = ? order by page", [document["id"]])
    )
    assert [page["page"] for page in pages] == list(range(1, 16))
    page_two = document["text"][pages[1]["start"] : pages[1]["end"]]
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


def test_changed_file_replaces_its_rows(raw_copy: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "minutes.db"
    ingest([raw_copy], db_path)
    article = raw_copy / "001_8351087a956318af.txt"
    stored = "raw/001_8351087a956318af.txt"  # the folder is outside the current one: relative to its parent
    first = next(
        sqlite_utils.Database(db_path).query(
            "select document_id, first_seen from document_paths where path = ?", [stored]
        )
    )
    old_id = first["document_id"]
    time.sleep(1.1)  # first_seen is to the second: the second ingest starts in a later second
    article.write_text(
        article.read_text(encoding="utf-8") + "\nRettelse: tallet er 1.100 arbejdspladser.\n", encoding="utf-8"
    )
    report = ingest([raw_copy], db_path)
    assert report.counts["changed"] == 1
    db = sqlite_utils.Database(db_path)
    now = next(db.query("select document_id, first_seen from document_paths where path = ?", [stored]))
    new_id = now["document_id"]
    assert new_id != old_id
    assert now["first_seen"] == first["first_seen"]  # the path was first seen then, whatever it holds now
    assert db["ingest_runs"].count == 2
    assert db["documents"].count_where("id = ?", [old_id]) == 0
    assert "Rettelse" in db.table("documents").get(new_id)["text"]
    assert db["document_pages"].count_where("document_id = ?", [old_id]) == 0


def test_documents_are_committed_in_batches_and_at_the_end(tmp_path: Path) -> None:
    db_path = tmp_path / "minutes.db"
    sqlite_utils.Database(db_path).table("notes").create({"id": int})
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


def test_the_warm_up_reads_a_meeting_and_an_article_as_the_workers_would() -> None:
    # What it loads is what reading them needs: each kind's reader and analysers.
    from referat.pipeline.warmup import read_samples

    meeting, article = read_samples()
    assert meeting.document.kind == "minutes" and meeting.meetings and meeting.meetings[0].items
    assert article.document.kind == "news" and article.article is not None
    assert meeting.entities and meeting.figures and article.entities


@pytest.mark.parametrize(("files", "warmed_up"), [(1, False), (2, True)])
def test_the_analysers_are_loaded_before_the_workers_fork_only_for_a_batch(
    files: int, warmed_up: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Loaded once and shared by the workers pays for a batch; one new meeting is read by one worker, which loads
    # only what its document needs.
    from referat.pipeline import warmup

    calls: list[bool] = []
    monkeypatch.setattr(warmup, "warm_up", lambda: calls.append(True))
    folder = tmp_path / "in"
    folder.mkdir()
    for name in sorted(path.name for path in RAW.glob("*.txt"))[:files]:
        shutil.copy(RAW / name, folder / name)
    report = ingest([folder], tmp_path / "minutes.db", workers=2)
    assert report.counts["new"] == files
    assert calls == ([True] if warmed_up else [])


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
        "a.pdf",
        "b.HTML",
        "sub/c.htm",
        "sub/d.txt",
    ]


def test_files_are_found_in_the_order_of_sorted_paths(tmp_path: Path) -> None:
    # A folder's files come where its name falls among its siblings, as sorted `Path`s order them.
    names = ("a-b.pdf", "a/z.pdf", "a/b/c.txt", "a.pdf", "B.pdf", "a0.pdf", "ab/x.htm", "a b.txt")
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [path.relative_to(tmp_path) for path in discover([tmp_path])]
    assert found == sorted(Path(name) for name in names)


def test_two_files_that_would_be_stored_under_one_path_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given from a folder above neither, /a/raw/m.txt and /b/raw/m.txt are both stored as raw/m.txt.
    for folder, text in (("a", "Referat A"), ("b", "Referat B")):
        (tmp_path / folder / "raw").mkdir(parents=True)
        (tmp_path / folder / "raw" / "m.txt").write_text(text)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    with pytest.raises(NoInputError, match=r"would both be stored as raw/m\.txt"):
        ingest([tmp_path / "a" / "raw", tmp_path / "b" / "raw"], tmp_path / "minutes.db")
    with pytest.raises(NoInputError, match=r"would both be stored as m\.txt"):
        ingest([tmp_path / "a" / "raw" / "m.txt", tmp_path / "b" / "raw" / "m.txt"], tmp_path / "minutes.db")
    assert not (tmp_path / "minutes.db").exists()


def test_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NoInputError, match="does not exist"):
        discover([tmp_path / "nowhere"])
    with pytest.raises(NoInputError, match=r"no \.pdf"):
        discover([tmp_path])


def test_a_second_ingest_waits_for_none_but_is_refused(tmp_path: Path) -> None:
    db_path = tmp_path / "minutes.db"
    with ingest_lock(db_path), pytest.raises(DatabaseBusyError, match="another referat ingest"):
        ingest([RAW], db_path)


def test_a_run_that_finds_nothing_new_logs_itself_but_no_file(raw_copy: Path, tmp_path: Path) -> None:
    """A no-op run over a large archive must not write a row per file: the log grows with what was ingested."""
    db_path = tmp_path / "minutes.db"
    first = ingest([raw_copy], db_path)
    ingest([raw_copy], db_path)
    db = sqlite_utils.Database(db_path)
    runs = [row["id"] for row in db.query("select id from ingest_runs order by id")]
    assert len(runs) == 2
    assert db["ingest_files"].count_where("run_id = ?", [runs[0]]) == len(first.outcomes)
    assert db["ingest_files"].count_where("run_id = ?", [runs[1]]) == 0
    assert next(db.query("select unchanged, files from ingest_runs where id = ?", [runs[1]])) == {
        "unchanged": len(first.outcomes),
        "files": len(first.outcomes),
    }


def test_an_existing_database_is_written_in_place_in_wal_mode(raw_copy: Path, tmp_path: Path) -> None:
    """A server holding the file open sees the next ingest's documents: the file is not replaced."""
    db_path = tmp_path / "minutes.db"
    ingest([raw_copy / "000_d8d1ab7d01895041.txt"], db_path)
    reader = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        assert reader.execute("pragma journal_mode").fetchone() == ("wal",)
        assert reader.execute("select count(*) from documents").fetchone() == (1,)
        inode = db_path.stat().st_ino
        ingest([raw_copy / "001_8351087a956318af.txt"], db_path)
        assert db_path.stat().st_ino == inode
        assert reader.execute("select count(*) from documents").fetchone() == (2,)
    finally:
        reader.close()
    assert not db_path.with_name("minutes.db.building").exists()


def test_two_files_that_swap_contents_keep_both_documents(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    article, minutes = RAW / "000_d8d1ab7d01895041.txt", RAW / "004_07fbbc99cae8a549.txt"
    shutil.copyfile(article, folder / "a.txt")
    shutil.copyfile(minutes, folder / "b.txt")
    db_path = tmp_path / "minutes.db"
    ingest([folder], db_path)
    shutil.copyfile(minutes, folder / "a.txt")
    shutil.copyfile(article, folder / "b.txt")

    report = ingest([folder], db_path)

    assert report.counts == {"new": 0, "changed": 0, "unchanged": 2, "failed": 0}
    db = sqlite_utils.Database(db_path)
    held = {
        Path(row["path"]).name: row["kind"]
        for row in db.query("select p.path, d.kind from document_paths p join documents d on d.id = p.document_id")
    }
    assert held == {"a.txt": "minutes", "b.txt": "news"}
    assert db["documents"].count == 2


def test_a_changed_file_leaves_the_rows_of_a_clean_ingest(raw_copy: Path, tmp_path: Path) -> None:
    """Minutes of 2012 overwritten by those of 2025: the 2012 meeting, its attendance and its members (persons of
    the 2010-2013 council period) go with the old document, in the transaction that saves the new one."""
    db_path = tmp_path / "minutes.db"
    ingest([raw_copy], db_path)
    old_minutes = raw_copy / "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04.pdf"
    new_minutes = raw_copy / "ballerup_erhvervs-beskaeftigelses-og-uddannelsesudvalget_2025-05-13_rendered.pdf"
    old_minutes.write_bytes(new_minutes.read_bytes() + b"\n% saved again\n")

    ingest([raw_copy], db_path)
    ingest([raw_copy], tmp_path / "clean.db")

    changed, clean = table_dump(db_path), table_dump(tmp_path / "clean.db")
    for table in ("document_pages", "persons", "meetings", "attendance", "agenda_items", "entities", "pending_derived"):
        assert changed[table] == clean[table], table
    assert "2010-2013" not in {row[-1] for row in changed["persons"]}


def test_prepared_documents_from_elsewhere_are_saved_without_reading_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copyfile(RAW / "000_d8d1ab7d01895041.txt", folder / "a.txt")
    shutil.copyfile(RAW / "001_8351087a956318af.txt", folder / "b.txt")
    asked: list[tuple[str, str | None]] = []

    def from_a_shard(path: Path, sha256: str | None) -> PreparedDocument | None:
        asked.append((path.name, sha256))
        if path.name != "a.txt" or sha256 is None:
            return None
        document = Document(
            id=document_id(sha256),
            sha256=sha256,
            path=str(path),
            media_type="txt",
            size=path.stat().st_size,
            kind="news",
            text="Læst på en anden maskine.",
            pages=1,
        )
        return prepare(ParsedDocument(document), ingested_at="2001-01-01T00:00:00+00:00")

    db_path = tmp_path / "minutes.db"
    report = ingest([folder], db_path, read=from_a_shard)

    assert report.counts == {"new": 2, "changed": 0, "unchanged": 0, "failed": 0}
    assert sorted(name for name, _ in asked) == ["a.txt", "b.txt"]
    db = sqlite_utils.Database(db_path)
    started = next(db.query("select started_at from ingest_runs"))["started_at"]
    rows = {
        Path(row["path"]).name: row
        for row in db.query(
            "select p.path, d.text, d.ingested_at from document_paths p join documents d on d.id = p.document_id"
        )
    }
    assert rows["a.txt"]["text"] == "Læst på en anden maskine."
    assert rows["a.txt"]["ingested_at"] == started
    assert "Der skal" in rows["b.txt"]["text"]  # read here


def test_the_derived_stage_is_told_what_to_redo_in_the_same_transaction(tmp_path: Path) -> None:
    """A saved document, a replaced one's meetings (with their committee and date) and a deleted one are noted
    in pending_derived with the rows themselves, and cleared by document."""
    from referat.pipeline.parse import parse_file

    parsed = parse_file(RAW / "004_07fbbc99cae8a549.txt")
    db_path = tmp_path / "minutes.db"
    with storage.building(db_path) as store:
        storage.save_prepared(store.db, prepare(parsed, ingested_at="2025"))
    db = sqlite_utils.Database(db_path)
    doc = parsed.document.id
    assert storage.pending_documents(db) == [doc]
    assert storage.pending_removed_meetings(db) == []
    with db.conn:
        storage.clear_pending(db, [doc])
    assert storage.pending_documents(db) == []

    meeting = parsed.meetings[0]
    with storage.building(db_path) as store:
        storage.save_prepared(store.db, prepare(parsed, ingested_at="2026"))  # re-read: its meetings replaced
        store.commits.saved()
    removed = storage.pending_removed_meetings(db)
    assert [(m.committee, m.date) for m in removed] == [(meeting.committee, meeting.date)]
    assert storage.pending_meeting_dates(db) == {meeting.date}

    with storage.building(db_path) as store:
        storage.delete_document(store.db, doc)
    reasons = {row["reason"] for row in db.query("select reason from pending_derived where document_id = ?", [doc])}
    assert reasons == {"saved", "meeting removed", "deleted"}
    assert db["persons"].count == 0 and db["meetings"].count == 0
    with db.conn:
        storage.clear_pending(db, storage.pending_documents(db))
    assert db["pending_derived"].count == 0


def test_a_database_made_by_an_older_referat_gets_the_columns_added_since(raw_copy: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "minutes.db"
    ingest([raw_copy / "000_d8d1ab7d01895041.txt"], db_path)
    conn = sqlite3.connect(db_path)
    conn.execute("alter table articles drop column outlet")  # as before the column was added
    conn.close()

    ingest([raw_copy / "001_8351087a956318af.txt"], db_path)

    assert "outlet" in sqlite_utils.Database(db_path)["articles"].columns_dict
    assert sqlite_utils.Database(db_path)["documents"].count == 2


def test_an_older_database_stops_storing_section_texts_twice(raw_copy: Path, tmp_path: Path) -> None:
    """Version 2 kept each section's text in item_sections as well as in documents.text: the next ingest drops the
    copy, and the `sections` view still shows every section's text."""
    db_path = tmp_path / "minutes.db"
    minutes = raw_copy / "004_07fbbc99cae8a549.txt"
    ingest([minutes], db_path)
    conn = sqlite3.connect(db_path)
    conn.execute("alter table item_sections add column text text")
    conn.execute("update item_sections set text = 'SEKTIONSTEKST-KOPI ' || id")
    conn.execute("pragma user_version = 2")
    conn.commit()
    conn.close()

    ingest([minutes, raw_copy / "001_8351087a956318af.txt"], db_path)

    db = sqlite_utils.Database(db_path)
    assert "text" not in db["item_sections"].columns_dict
    assert db.execute("pragma user_version").fetchone()[0] >= 3
    sections = list(db.query("select heading, text from sections where kind = 'decision'"))
    assert sections and all(row["text"].strip() for row in sections)
    assert b"SEKTIONSTEKST-KOPI" not in db_path.read_bytes()


def test_a_file_whose_size_and_time_are_unchanged_is_not_read_again(
    raw_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An archive of 10,000 files is planned by their sizes and times, as make and rsync do, not by reading every
    byte; a file whose size or time moved is read, and one written just now is read again next time."""
    import referat.pipeline.ingest as ingest_module

    long_ago = time.time() - 3600
    files = sorted(raw_copy.glob("*.txt"))
    for path in files:
        os.utime(path, (long_ago, long_ago))
    db_path = tmp_path / "minutes.db"
    ingest([raw_copy], db_path)

    hashed: list[str] = []
    real_sha256 = ingest_module.file_sha256

    def counting(path: Path | str) -> tuple[str, int]:
        hashed.append(Path(path).name)
        return real_sha256(path)

    monkeypatch.setattr(ingest_module, "file_sha256", counting)
    again = ingest([raw_copy], db_path)
    assert {outcome.action for outcome in again.outcomes} == {"unchanged"}
    assert not [name for name in hashed if name.endswith(".txt")]

    edited, touched, fresh = files[0], files[1], files[2]
    text = edited.read_bytes()
    edited.write_bytes(text.replace(b"e", b"a", 1))  # the same size, another content
    os.utime(edited, (long_ago + 60, long_ago + 60))
    os.utime(touched, (long_ago + 60, long_ago + 60))  # the same content, another time
    os.utime(fresh, None)  # written just now: its time may yet hide a change
    hashed.clear()
    third = {Path(outcome.path).name: outcome.action for outcome in ingest([raw_copy], db_path).outcomes}
    assert sorted(name for name in hashed if name.endswith(".txt")) == sorted([edited.name, touched.name, fresh.name])
    assert third[edited.name] == "changed"
    assert third[touched.name] == third[fresh.name] == "unchanged"

    hashed.clear()
    ingest([raw_copy], db_path)
    assert [name for name in hashed if name.endswith(".txt")] == [fresh.name]


# --- paths: stored relative, never a path of the machine (issue 15, point 2) ---------------------------------


def stored_paths(db_path: Path) -> dict[str, list[str]]:
    """Every path the database holds: the paths that identify files, those documents cite, and the run log's."""
    conn = sqlite3.connect(db_path)
    try:
        return {
            query: sorted(row[0] for row in conn.execute(query))
            for query in (
                "select path from document_paths",
                "select path from documents",
                "select path from ingest_files",
            )
        }
    finally:
        conn.close()


def test_a_folder_outside_the_current_one_is_stored_from_its_own_name(raw_copy: Path, tmp_path: Path) -> None:
    """`make ingest RAW=/abs/path/raw` from elsewhere: files are known as raw/..., documents cite their name in the
    folder, and no value names the machine's folders."""
    db_path = tmp_path / "minutes.db"
    ingest([raw_copy], db_path)
    names = sorted(path.name for path in RAW.iterdir() if path.is_file())
    paths = stored_paths(db_path)
    assert paths["select path from document_paths"] == [f"raw/{name}" for name in names]
    assert paths["select path from documents"] == names
    assert paths["select path from ingest_files"] == [f"raw/{name}" for name in names]
    assert str(tmp_path) not in repr(table_dump(db_path))


def test_below_the_current_folder_an_absolute_path_is_stored_as_a_relative_one(
    raw_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    db_path = tmp_path / "minutes.db"
    minutes = "004_07fbbc99cae8a549.txt"
    ingest([Path("raw")], db_path)
    again = ingest([raw_copy], db_path)  # the same folder, spelled from the root
    assert {outcome.action for outcome in again.outcomes} == {"unchanged"}
    assert {outcome.note for outcome in again.outcomes} == {None}  # known by the same paths, not as copies
    assert f"raw/{minutes}" in stored_paths(db_path)["select path from document_paths"]
    assert minutes in stored_paths(db_path)["select path from documents"]


def test_a_file_given_by_itself_is_stored_by_its_name_or_its_path_below_the_current_folder(
    raw_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = raw_copy / "000_d8d1ab7d01895041.txt"
    ingest([article], tmp_path / "outside.db")
    assert stored_paths(tmp_path / "outside.db")["select path from document_paths"] == [article.name]
    monkeypatch.chdir(tmp_path)
    ingest([article], tmp_path / "inside.db")
    assert stored_paths(tmp_path / "inside.db")["select path from documents"] == [f"raw/{article.name}"]


def test_a_database_of_absolute_paths_gets_relative_ones_without_reading_the_files_again(
    raw_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database made before paths were relative held `/home/.../raw/x.pdf`: the next ingest of the folder
    recognises every file by its size and time, and leaves no absolute path behind."""
    import referat.pipeline.ingest as ingest_module

    long_ago = time.time() - 3600
    for path in raw_copy.iterdir():
        os.utime(path, (long_ago, long_ago))
    db_path = tmp_path / "minutes.db"
    ingest([raw_copy], db_path)
    conn = sqlite3.connect(db_path)
    with conn:  # as an older referat stored them
        conn.execute("update document_paths set path = ? || substr(path, 4)", [str(raw_copy)])
        conn.execute("update ingest_files set path = ? || substr(path, 4)", [str(raw_copy)])
        conn.execute(
            "update documents set path = ? || '/' || path, source = ? || '/' || path", [str(raw_copy), str(raw_copy)]
        )
    conn.close()
    hashed: list[str] = []
    real_sha256 = ingest_module.file_sha256

    def counting(path: Path | str) -> tuple[str, int]:
        hashed.append(str(path))
        return real_sha256(path)

    monkeypatch.setattr(ingest_module, "file_sha256", counting)

    again = ingest([raw_copy], db_path)

    assert {(outcome.action, outcome.note) for outcome in again.outcomes} == {("unchanged", None)}
    assert hashed == []
    assert again.missing == ()
    assert str(tmp_path) not in repr(table_dump(db_path))
    assert str(tmp_path) not in repr(stored_paths(db_path))  # the run log's paths too (table_dump leaves it out)
    assert "004_07fbbc99cae8a549.txt" in stored_paths(db_path)["select path from documents"]


# --- what the folders hold besides: other types, and files gone (issue 15, point 7) --------------------------


def test_files_of_other_types_are_listed_as_skipped_not_ingested(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "2025").mkdir(parents=True)
    shutil.copyfile(RAW / "000_d8d1ab7d01895041.txt", folder / "artikel.txt")
    for name in ("referat.docx", "2025/budget.xlsx", "2025/dagsorden.odt", "LÆS MIG", ".~lock.referat.docx#"):
        (folder / name).write_bytes(b"PK\x03\x04 not read")
    (folder / "INDEX.csv").write_text("file,source_url\n", encoding="utf-8")  # read: the folder's addresses

    report = ingest([folder], tmp_path / "minutes.db")

    assert [(file.path, file.type) for file in report.skipped] == [
        ("in/2025/budget.xlsx", ".xlsx"),
        ("in/2025/dagsorden.odt", ".odt"),
        ("in/LÆS MIG", "no suffix"),
        ("in/referat.docx", ".docx"),
    ]
    assert report.counts == {"new": 1, "changed": 0, "unchanged": 0, "failed": 0}
    assert sqlite_utils.Database(tmp_path / "minutes.db")["documents"].count == 1


def test_a_folder_of_word_files_only_says_so(tmp_path: Path) -> None:
    for name in ("a.docx", "b.docx", "c.doc"):
        (tmp_path / name).write_bytes(b"PK\x03\x04")
    with pytest.raises(NoInputError, match=r"only 3 file\(s\) of types referat does not read \(1 \.doc, 2 \.docx\)"):
        ingest([tmp_path], tmp_path / "minutes.db")


def test_files_gone_from_the_folder_are_reported_and_stay_until_removed(raw_copy: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "minutes.db"
    ingest([raw_copy], db_path)
    (raw_copy / "003_fe071bcafbadd245.txt").unlink()
    hidden = raw_copy / ".kladde.txt"  # given by itself once: not found by the folder's walk, but not gone
    shutil.copyfile(RAW / "000_d8d1ab7d01895041.txt", hidden)
    ingest([hidden], db_path)

    report = ingest([raw_copy], db_path)

    assert report.missing == ("raw/003_fe071bcafbadd245.txt",)
    assert report.counts == {"new": 0, "changed": 0, "unchanged": 6, "failed": 0}
    assert "raw/003_fe071bcafbadd245.txt" in stored_paths(db_path)["select path from document_paths"]
    assert ingest([raw_copy / "000_d8d1ab7d01895041.txt"], db_path).missing == ()  # a file: no folder to miss


def test_an_unchanged_failure_and_doubt_come_with_why_and_when(tmp_path: Path) -> None:
    from tests.test_bad_input import cut_before_trailer

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "tom.pdf").write_bytes(b"")
    (folder / "afskåret.pdf").write_bytes(cut_before_trailer())
    first = ingest([folder], tmp_path / "minutes.db")
    assert [outcome.path for outcome in first.failed_now] == ["in/tom.pdf"]
    assert [outcome.path for outcome in first.doubts_now] == ["in/afskåret.pdf"]
    assert "truncated PDF" in first.doubts_now[0].warnings[0]

    second = ingest([folder], tmp_path / "minutes.db")

    assert second.failed_now == () and second.doubts_now == ()
    (failing,) = second.still_failing
    (doubtful,) = second.still_doubtful
    assert (failing.path, failing.since) == ("in/tom.pdf", first.started_at)
    assert "empty file" in (failing.error or "")
    assert (doubtful.path, doubtful.since) == ("in/afskåret.pdf", first.started_at)
    assert doubtful.warnings == first.doubts_now[0].warnings
