"""Files extracted while the analysers load (`pipeline.prefetch`): the prefetch hands on what the extractor reads,
stops when told, and a file that crashes the PDF library costs that file only, whichever stage meets it."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from extractors.base import ExtractedText
from pipeline import prefetch as prefetch_module
from pipeline.ingest import ingest
from pipeline.prefetch import Prefetch, Unreadable, extract_file
from tests.conftest import RAW

PDF = RAW / "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04.pdf"
TEXT = RAW / "000_d8d1ab7d01895041.txt"


def wait_for(prefetch: Prefetch, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not prefetch.finished():
        assert time.monotonic() < deadline, "the prefetch did not finish"
        time.sleep(0.02)


def test_the_prefetch_hands_on_what_the_extractor_reads(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with Prefetch([PDF, TEXT, empty], workers=2) as prefetch:
        wait_for(prefetch)
        done = prefetch.stop()

    assert set(done) == {PDF, TEXT, empty}
    assert done[PDF] == extract_file(PDF)
    assert isinstance(done[PDF], ExtractedText) and len(done[PDF].pages) > 1
    assert done[TEXT] == extract_file(TEXT)
    assert done[empty] == extract_file(empty) == Unreadable("empty file (0 bytes): download it again")


def test_files_not_started_when_the_warm_up_ends_are_left_to_the_analysis_workers(tmp_path: Path) -> None:
    copies = []
    for number in range(30):
        copy = tmp_path / f"copy-{number}.pdf"
        shutil.copyfile(PDF, copy)
        copies.append(copy)
    with Prefetch(copies, workers=1) as prefetch:
        done = prefetch.stop()

    assert len(done) < len(copies)
    assert all(isinstance(extracted, ExtractedText) for extracted in done.values())
    assert prefetch.stop() == {}  # stopped once: the end of the block has nothing left to stop


def _crash_on_marked_files(path: Path, data: bytes) -> ExtractedText:
    if "crash" in path.name:
        os.kill(os.getpid(), signal.SIGKILL)  # as a segfault in the PDF library ends a worker
    return real_extract(path, data)


real_extract = prefetch_module.extract


def test_a_file_that_crashes_the_pdf_library_fails_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "raw"
    folder.mkdir()
    for source in (PDF, TEXT):
        shutil.copyfile(source, folder / source.name)
    # Other bytes than the sample (the same content would be one document, read once); the largest file: the
    # prefetch meets it first.
    (folder / "crash.pdf").write_bytes(PDF.read_bytes() + b"\n% a copy that crashes the PDF library\n")
    monkeypatch.setattr(prefetch_module, "extract", _crash_on_marked_files)

    report = ingest([folder], tmp_path / "minutes.db", workers=2)

    outcomes = {Path(outcome.path).name: outcome for outcome in report.outcomes}
    assert outcomes["crash.pdf"].status == "failed"
    assert "the PDF library crashed while reading this file" in (outcomes["crash.pdf"].error or "")
    assert outcomes[PDF.name].status == outcomes[TEXT.name].status == "ok"
    connection = sqlite3.connect(tmp_path / "minutes.db")
    try:
        statuses = dict(connection.execute(
            "select p.path, d.status from document_paths p join documents d on d.id = p.document_id"))
    finally:
        connection.close()
    assert statuses[str(folder / "crash.pdf")] == "failed"
    assert statuses[str(folder / PDF.name)] == "ok"
