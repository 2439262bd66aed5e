"""A running server while staff add meetings: every answer is a committed state of the database, never an error
or a half-written batch, and the new documents show as soon as the ingest has committed them.

A real `referat serve` (a subprocess on 127.0.0.1) answers 30 clients that ask, in one query, how many documents
there are, how many pages they declare and how many page rows there are, while `referat ingest` adds a folder of
documents in another process; the database download is taken meanwhile too.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from referat.pipeline import storage
from referat.pipeline.ingest import ingest
from tests.conftest import DATA, RAW, ROOT
from tests.served import running_server

pytestmark = [pytest.mark.slow, pytest.mark.integration, pytest.mark.server]

CLIENTS = 30
# One statement, so one snapshot: documents, the pages they declare, and the page rows that exist.
STATE_SQL = (
    "select (select count(*) from documents) as documents, "
    "(select total(pages) from documents) as pages, (select count(*) from document_pages) as page_rows"
)

State = tuple[int, int, int]


def served_state(base: str) -> State:
    """The state one query of the served database reads; an error answer fails the test."""
    url = f"{base}/minutes.json?" + urllib.parse.urlencode({"sql": STATE_SQL, "_shape": "array"})
    with urllib.request.urlopen(url, timeout=60) as reply:
        assert reply.status == 200
        row = json.loads(reply.read())[0]
    return int(row["documents"]), int(row["pages"]), int(row["page_rows"])


def file_state(db_path: Path) -> State:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
        documents, pages, page_rows = conn.execute(STATE_SQL).fetchone()
    finally:
        conn.close()
    return int(documents), int(pages), int(page_rows)


@pytest.fixture
def new_meetings(tmp_path: Path) -> Path:
    """A folder of documents not yet in the database: more than one batch of them."""
    folder = tmp_path / "new"
    for sub in ("news", "pages", "other", "ballerup_2012-12-04_items"):
        shutil.copytree(DATA / sub, folder / sub)
    return folder


def test_a_served_database_answers_from_committed_states_while_an_ingest_writes(
    tmp_path: Path, new_meetings: Path
) -> None:
    db_path = tmp_path / "minutes.db"
    ingest([RAW], db_path)
    before = file_state(db_path)
    answers: list[list[State]] = [[] for _ in range(CLIENTS)]
    errors: list[BaseException] = []
    downloads: list[State] = []
    done = threading.Event()

    with running_server(str(db_path), tmp_path, tmp_path / "server.log") as base:
        threads = [
            threading.Thread(target=ask, args=(base, answers[client], done, errors)) for client in range(CLIENTS)
        ]
        threads.append(threading.Thread(target=download, args=(base, tmp_path, downloads, done, errors)))
        for thread in threads:
            thread.start()
        try:
            ingest_in_a_subprocess(new_meetings, db_path)
        finally:
            done.set()
            for thread in threads:
                thread.join(timeout=120)

    assert errors == []
    after = file_state(db_path)
    assert after[0] > before[0] + storage.COMMIT_EVERY  # more than one batch: states in between are served too
    # The committed states: before, after each full batch of documents, and after the ingest.
    committed_counts = {*range(before[0], after[0], storage.COMMIT_EVERY), after[0]}
    for client in answers:
        assert_committed_states(client, committed_counts, after)
    seen = {state[0] for client in answers for state in client}
    assert {before[0], after[0]} <= seen
    assert downloads, "no download finished"
    for documents, pages, page_rows in downloads:
        assert documents in committed_counts and pages == page_rows


def ask(base: str, answers: list[State], done: threading.Event, errors: list[BaseException]) -> None:
    """One client asking for the served state until the ingest is done, and once more after."""
    try:
        while not done.is_set():
            answers.append(served_state(base))
        answers.append(served_state(base))  # once more, after the ingest ended
    except BaseException as error:  # reported by the test
        errors.append(error)


def download(
    base: str, folder: Path, downloads: list[State], done: threading.Event, errors: list[BaseException]
) -> None:
    """Download the database again and again while the ingest writes, keeping each copy's state."""
    try:
        while not done.is_set():
            copy = folder / f"download_{len(downloads)}.db"
            with urllib.request.urlopen(f"{base}/minutes.db", timeout=60) as reply:
                copy.write_bytes(reply.read())
            downloads.append(file_state(copy))
    except BaseException as error:  # reported by the test
        errors.append(error)


def ingest_in_a_subprocess(folder: Path, db_path: Path) -> None:
    command = [sys.executable, "-m", "referat.pipeline.cli", "ingest", str(folder), "--db", str(db_path)]
    subprocess.run([*command, "--no-progress"], check=True, capture_output=True, cwd=ROOT, timeout=600)


def assert_committed_states(client: list[State], committed_counts: set[int], after: State) -> None:
    """One client's answers: each a committed state with all its documents' pages, never going back, the last
    the state after the ingest."""
    assert client, "a client got no answer"
    for documents, pages, page_rows in client:
        assert documents in committed_counts
        assert pages == page_rows, "a document without all its pages: half a batch"
    assert [state[0] for state in client] == sorted(state[0] for state in client), "an answer went back"
    assert client[-1] == after
