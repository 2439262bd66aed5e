"""What an ingest derives at the end: links are read and scored while the full-text indexes are rebuilt on a
second connection (in a process of its own), and neither gives up when the other holds the database for a while."""

from __future__ import annotations

import multiprocessing
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import sqlite_utils

from referat.pipeline import derived
from referat.pipeline.ingest import ingest
from referat.pipeline.links import LoadedEvidence, load_everything
from referat.pipeline.search import SearchPlan, rebuild_indexes
from tests.test_workers import alive, children


def test_links_wait_for_a_rebuild_that_holds_the_database(
    raw_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path = tmp_path / "minutes.db"
    ingest([raw_copy], db_path, workers=1)
    db = sqlite_utils.Database(db_path)
    expected_links = sorted(db.execute("select article_id, meeting_id, item_id, score from links").fetchall())
    assert expected_links  # the samples hold an article about a meeting
    db.execute("delete from search_state")  # links and indexes are stale again
    db.conn.commit()
    db.execute("PRAGMA busy_timeout = 50")  # a connection that would give up after 50 ms
    holding = multiprocessing.get_context("fork").Event()  # set in the rebuild's forked process
    rebuild = rebuild_indexes

    def rebuild_holding_the_lock(conn: sqlite3.Connection, plan: SearchPlan) -> None:
        # As a rebuild that outgrew its cache: it holds the database exclusively while it writes.
        conn.execute("BEGIN EXCLUSIVE")
        holding.set()
        time.sleep(0.3)
        rebuild(conn, plan)

    def load_while_held(db: sqlite_utils.Database) -> LoadedEvidence:
        assert holding.wait(5)
        return load_everything(db)

    monkeypatch.setattr(derived, "rebuild_indexes", rebuild_holding_the_lock)
    monkeypatch.setattr(derived, "load_everything", load_while_held)
    derived.build_derived(db, fresh=True)
    assert sorted(db.execute("select article_id, meeting_id, item_id, score from links").fetchall()) == expected_links
    assert (
        db.execute("select count(*) from agenda_items_fts where agenda_items_fts match 'anlægsbevilling'").fetchone()[0]
        >= 1
    )
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 50  # the connection's own patience is given back


def test_the_index_rebuild_ends_with_the_ingest_that_forked_it(tmp_path: Path) -> None:
    # kill -9 of the ingest alone (as the out-of-memory killer does) must not leave its rebuild running.
    script = textwrap.dedent(f"""
        import time
        from referat.models.search_indexes import SEARCH_INDEXES
        from referat.pipeline import derived
        from referat.pipeline.search import SearchPlan
        derived.rebuild_indexes = lambda conn, plan: time.sleep(60)
        with derived._rebuilding({str(tmp_path / "minutes.db")!r}, SearchPlan(((SEARCH_INDEXES[0], "x"),))) as done:
            time.sleep(60)
    """)
    ingest_process = subprocess.Popen([sys.executable, "-c", script])
    rebuild: list[int] = []
    deadline = time.monotonic() + 20
    while not rebuild and time.monotonic() < deadline:
        time.sleep(0.1)
        rebuild = children(ingest_process.pid)
    assert rebuild, "the rebuild process was not started"

    ingest_process.kill()
    ingest_process.wait()

    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in rebuild) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in rebuild)
