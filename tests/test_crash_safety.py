"""kill -9 at any moment leaves the database whole, holding the old or the new version of each document, and the
next ingest converges: the same rows as a clean ingest of the same files, nothing left pending."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from referat.models.schema import TABLES
from referat.pipeline.inputs import discover
from tests.conftest import DATA, RAW

pytestmark = [pytest.mark.slow, pytest.mark.integration]


def ingest_command(folder: Path, db_path: Path) -> list[str]:
    return [sys.executable, "-m", "referat.pipeline.cli", "ingest", str(folder), "--db", str(db_path), "--no-progress"]


def documents(db_path: Path) -> dict[str, tuple[str, int]]:
    """{path: (sha256, pages)} after checking the file is a whole, consistent SQLite database."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert conn.execute("pragma foreign_key_check").fetchall() == []
        rows = conn.execute(
            "select p.path, d.sha256, d.pages, (select count(*) from document_pages g where g.document_id = d.id) "
            "from document_paths p join documents d on d.id = p.document_id"
        ).fetchall()
    finally:
        conn.close()
    for path, _sha, pages, page_rows in rows:
        assert page_rows == pages, f"{path}: {page_rows} page rows for {pages} pages: a half-written document"
    return {path: (sha, pages) for path, sha, pages, _ in rows}


@pytest.fixture
def big_folder(tmp_path: Path) -> Path:
    """Enough files that an ingest takes a moment: the samples and the corpus copies in tests/data."""
    folder = tmp_path / "in"
    shutil.copytree(RAW, folder / "raw")
    for sub in ("pages", "ballerup_2012-12-04_items", "other"):
        shutil.copytree(DATA / sub, folder / sub)
    return folder


# What the run log and the derived stage's own bookkeeping hold (index signatures, the numbering of word stems)
# depends on the order in which things were done, not only on the files.
BOOKKEEPING = {"ingest_runs", "ingest_files", "search_state", "word_frequencies", "link_documents"}
RUN_TIMES = {
    ("documents", "ingested_at"),
    ("document_paths", "first_seen"),
    ("document_paths", "size"),
    ("document_paths", "mtime_ns"),
}


def data_rows(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table but the bookkeeping, sorted, with the times of this run left out (when a document
    was ingested, when a path was first seen, the file's size and time when it was read, which are not recorded for
    a file written just before): what two databases of the same files must share."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        dump: dict[str, list[tuple[object, ...]]] = {}
        for table in TABLES:
            if table.name in BOOKKEEPING:
                continue
            columns = [column.name for column in table.columns if (table.name, column.name) not in RUN_TIMES]
            rows = conn.execute(f"select {', '.join(f'[{c}]' for c in columns)} from [{table.name}]").fetchall()
            dump[table.name] = sorted(rows, key=repr)
    finally:
        conn.close()
    return dump


def kill_at(command: list[str], delay: float) -> None:
    """Run an ingest and kill it and its workers with SIGKILL after `delay` seconds (or let it end before)."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(delay)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


# Moments to kill at: a few fixed ones where the batch is surely running, and random ones (seeded, so a failure
# can be repeated).
MOMENTS = random.Random(14)
FIRST_INGEST_DELAYS = (0.05, 0.4, 1.0, *(round(MOMENTS.uniform(0.1, 2.5), 2) for _ in range(3)))
UPDATE_DELAYS = (0.05, 0.5, *(round(MOMENTS.uniform(0.1, 2.0), 2) for _ in range(4)))


def test_kill_9_during_first_ingest_leaves_no_half_database(big_folder: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "minutes.db"
    for delay in FIRST_INGEST_DELAYS:
        kill_at(ingest_command(big_folder, db_path), delay)
        if db_path.exists():
            documents(db_path)
    subprocess.run(ingest_command(big_folder, db_path), check=True, capture_output=True)
    assert len(documents(db_path)) == len(discover([big_folder]))
    subprocess.run(ingest_command(big_folder, tmp_path / "clean.db"), check=True, capture_output=True)
    converged, clean = data_rows(db_path), data_rows(tmp_path / "clean.db")
    assert [table for table in clean if converged[table] != clean[table]] == []


def test_kill_9_during_update_keeps_old_or_new_version_of_each_document(big_folder: Path, tmp_path: Path) -> None:
    """The database is written in place: a kill leaves each document as it was or as it is now, never half, and
    the next ingest finishes the work (the documents left to save, and what is derived from them)."""
    db_path = tmp_path / "minutes.db"
    subprocess.run(ingest_command(big_folder, db_path), check=True, capture_output=True)
    old = documents(db_path)
    for text_file in sorted(big_folder.rglob("*.txt")):
        text_file.write_text(text_file.read_text(encoding="utf-8") + "\nTilføjet efter mødet.\n", encoding="utf-8")
    subprocess.run(ingest_command(big_folder, tmp_path / "new.db"), check=True, capture_output=True)
    new = documents(tmp_path / "new.db")
    assert new != old
    for delay in UPDATE_DELAYS:
        kill_at(ingest_command(big_folder, db_path), delay)
        now = documents(db_path)
        assert set(now) == set(old)
        for path, version in now.items():
            assert version in (old[path], new[path]), path
    subprocess.run(ingest_command(big_folder, db_path), check=True, capture_output=True)
    assert documents(db_path) == new
    converged, clean = data_rows(db_path), data_rows(tmp_path / "new.db")
    assert [table for table in clean if converged[table] != clean[table]] == []
    assert converged["pending_derived"] == []


def test_a_row_pointing_nowhere_stops_the_document_and_keeps_its_old_version(tmp_path: Path) -> None:
    """References are checked for the rows a document writes (not by SQLite insert by insert, nor over the whole
    database): a broken one stops the write, and the database keeps the document as it was."""
    from referat.models.records import Document, ParsedDocument
    from referat.pipeline import storage
    from referat.pipeline.rows import prepare

    db_path = tmp_path / "minutes.db"
    document = Document(id="x", sha256="x", path="a.txt", media_type="txt", size=5, text="Anna.", status="ok", pages=1)
    with storage.building(db_path) as store:
        storage.save_prepared(store.db, prepare(ParsedDocument(document), ingested_at="2025"))
    before = data_rows(db_path)
    assert before["documents"]

    broken = prepare(ParsedDocument(document.replace(text="Anna Berg.")), ingested_at="2026")
    columns, rows = broken.tables["document_pages"]
    broken.tables["document_pages"] = (columns, [(*row[:1], "missing", *row[2:]) for row in rows])
    with (
        pytest.raises(storage.BrokenReferenceError, match="document_pages -> documents"),
        storage.building(db_path) as store,
    ):
        storage.save_prepared(store.db, broken)
        store.commits.saved()
    assert data_rows(db_path) == before
    assert not db_path.with_name("minutes.db.building").exists()
