"""Files extracted while the analysers load (`pipeline.prefetch`): the prefetch hands on what the extractor reads,
stops when told, and a file that crashes the PDF library or hits a limit costs that file only, whichever stage
meets it."""

from __future__ import annotations

import faulthandler
import os
import shutil
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from referat.extractors.base import ExtractedText
from referat.extractors.text import extract
from referat.pipeline import prefetch as prefetch_module
from referat.pipeline.ingest import ingest
from referat.pipeline.prefetch import Prefetch, Unreadable, extract_file
from referat.pipeline.workers import Limits
from tests.conftest import RAW

pytestmark = pytest.mark.integration

PDF = RAW / "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04.pdf"
TEXT = RAW / "000_d8d1ab7d01895041.txt"


def test_the_prefetch_hands_on_what_the_extractor_reads(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with Prefetch([PDF, TEXT, empty], workers=2) as prefetch:
        time.sleep(2)  # time enough for three small files: stop() then finds them all done
        done = prefetch.stop()

    assert set(done.extracted) == {PDF, TEXT, empty}
    assert not done.stopped
    assert done.extracted[PDF] == extract_file(PDF)
    pdf = done.extracted[PDF]
    assert isinstance(pdf, ExtractedText) and len(pdf.pages) > 1
    assert done.extracted[TEXT] == extract_file(TEXT)
    assert done.extracted[empty] == extract_file(empty) == Unreadable("empty file (0 bytes): download it again")


def test_files_not_started_when_the_warm_up_ends_are_left_to_the_analysis_workers(tmp_path: Path) -> None:
    copies = []
    for number in range(30):
        copy = tmp_path / f"copy-{number}.pdf"
        shutil.copyfile(PDF, copy)
        copies.append(copy)
    with Prefetch(copies, workers=1) as prefetch:
        done = prefetch.stop()

    assert len(done.extracted) < len(copies)
    assert all(isinstance(extracted, ExtractedText) for extracted in done.extracted.values())
    assert prefetch.stop().extracted == {}  # stopped once: the end of the block has nothing left to stop


def test_a_vanished_or_unreadable_file_is_unreadable_not_an_error(tmp_path: Path) -> None:
    assert extract_file(tmp_path / "gone.pdf") == Unreadable(
        "the file disappeared while the batch ran (moved, renamed or deleted): ingest it where it is now"
    )


def _slow_on_marked_files(path: Path, data: bytes) -> ExtractedText:
    if "slow" in path.name:
        time.sleep(60)
    return real_extract(path, data)


def test_a_file_over_the_time_limit_is_stopped_and_the_prefetch_ends_in_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow = tmp_path / "slow.txt"
    shutil.copyfile(TEXT, slow)
    monkeypatch.setattr(prefetch_module, "extract", _slow_on_marked_files)
    with Prefetch([slow, PDF], workers=1, limits=Limits(seconds=1)) as prefetch:
        time.sleep(0.2)
        started = time.monotonic()
        done = prefetch.stop()

    assert time.monotonic() - started < 5
    assert "stopped after 1 s, the time limit per file" in done.stopped[slow].message
    assert PDF not in done.extracted  # asked to stop: the worker never got to it


def _crash_on_marked_files(path: Path, data: bytes) -> ExtractedText:
    if "crash" in path.name:
        faulthandler.disable()  # pytest's: it would print the worker's stack
        os.kill(os.getpid(), signal.SIGSEGV)  # what a segfault in the PDF library does to a worker
    return real_extract(path, data)


real_extract = extract


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
    assert "the PDF library crashed while reading this file (SIGSEGV)" in (outcomes["crash.pdf"].error or "")
    assert outcomes[PDF.name].status == outcomes[TEXT.name].status == "ok"
    connection = sqlite3.connect(tmp_path / "minutes.db")
    try:
        statuses = {
            Path(path).name: status
            for path, status in connection.execute(
                "select p.path, d.status from document_paths p join documents d on d.id = p.document_id"
            )
        }
    finally:
        connection.close()
    assert statuses["crash.pdf"] == "failed"
    assert statuses[PDF.name] == "ok"
