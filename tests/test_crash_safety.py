"""kill -9 at any moment leaves the database whole, holding the old or the new version of each document."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.ingest import discover
from tests.conftest import DATA, RAW

pytestmark = pytest.mark.slow


def ingest_command(folder: Path, db_path: Path) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", "ingest", str(folder), "--db", str(db_path), "--no-progress"]


def documents(db_path: Path) -> dict[str, tuple[str, int]]:
    """{path: (sha256, pages)} after checking the file is a whole, consistent SQLite database."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert conn.execute("pragma foreign_key_check").fetchall() == []
        rows = conn.execute(
            "select p.path, d.sha256, d.pages, (select count(*) from document_pages g where g.document_id = d.id) "
            "from document_paths p join documents d on d.id = p.document_id").fetchall()
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


def test_kill_9_during_first_ingest_leaves_no_half_database(big_folder: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "minutes.db"
    for delay in (0.05, 0.2, 0.4, 0.7, 1.0):
        process = subprocess.Popen(ingest_command(big_folder, db_path), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        if db_path.exists():
            documents(db_path)
    subprocess.run(ingest_command(big_folder, db_path), check=True, capture_output=True)
    assert len(documents(db_path)) == len(discover([big_folder]))


def test_kill_9_during_update_keeps_old_or_new_version_of_each_document(big_folder: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "minutes.db"
    subprocess.run(ingest_command(big_folder, db_path), check=True, capture_output=True)
    old = documents(db_path)
    for text_file in sorted(big_folder.rglob("*.txt")):
        text_file.write_text(text_file.read_text(encoding="utf-8") + "\nTilføjet efter mødet.\n", encoding="utf-8")
    subprocess.run(ingest_command(big_folder, tmp_path / "new.db"), check=True, capture_output=True)
    new = documents(tmp_path / "new.db")
    for delay in (0.05, 0.2, 0.5):
        process = subprocess.Popen(ingest_command(big_folder, db_path), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        now = documents(db_path)
        assert set(now) == set(old)
        for path, version in now.items():
            assert version in (old[path], new[path]), path
    subprocess.run(ingest_command(big_folder, db_path), check=True, capture_output=True)
    assert documents(db_path) == new


def test_a_row_pointing_nowhere_stops_the_build_and_keeps_the_old_database(tmp_path: Path) -> None:
    """References are checked once at the end of a build (not per insert): a broken one must still stop it."""
    from pipeline import storage

    db_path = tmp_path / "minutes.db"
    with storage.building(db_path) as db:
        db.execute("insert into document_paths (path, document_id, first_seen) values ('a.pdf', 'x', '2025')")
        db.execute("insert into documents (id, sha256, path, media_type, size, kind, status, pages, parser_version,"
                   " ingested_at) values ('x', 'x', 'a.pdf', 'pdf', 1, 'other', 'ok', 1, '1', '2025')")
    before = db_path.read_bytes()
    with pytest.raises(storage.BrokenReferenceError, match="entities -> documents"), \
            storage.building(db_path) as db:
        db.execute("insert into entities (id, document_id, label, text, start, end) values "
                   "('e', 'missing', 'PER', 'Anna', 0, 4)")
    assert db_path.read_bytes() == before
    assert not db_path.with_name("minutes.db.building").exists()
