"""A meeting is cited by its file, not by a copy of it: "x (kopi).pdf" beside "x.pdf" (issue 15)."""

from __future__ import annotations

import csv
import shutil
import sqlite3
from pathlib import Path

import pytest

from referat.pipeline.copies import COPY_NAMES, is_copy_name
from referat.pipeline.ingest import ingest
from tests.conftest import RAW

MINUTES = "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04.pdf"


def rows() -> list[dict[str, str]]:
    with COPY_NAMES.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("row", rows(), ids=lambda row: row["example"])
def test_each_form_knows_its_copy_from_its_original(row: dict[str, str]) -> None:
    assert is_copy_name(row["example"]) and not is_copy_name(row["original"])


@pytest.mark.parametrize("name", ["2025/ØU (Kopi).PDF", "x - kopi (3).txt", "KOPI AF dagsorden.html", "y (12).pdf"])
def test_variants_of_the_forms_are_copies(name: str) -> None:
    assert is_copy_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "referat 2025 (ØU).pdf",  # a committee in brackets
        "kopimaskine_udbud_2019.pdf",  # a word that begins with kopi
        "budget (2025).pdf",  # a year in brackets is not a download's counter
        "kopi/referat.pdf",  # a folder named kopi: the file's own name counts
    ],
)
def test_names_that_only_look_like_copies_are_not(name: str) -> None:
    assert not is_copy_name(name)


def cited(db_path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("select path, source from documents where path like '%forebyggelse%'").fetchall()
    finally:
        conn.close()


def test_the_original_is_cited_when_its_copy_sorts_first(tmp_path: Path) -> None:
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copyfile(RAW / MINUTES, folder / MINUTES)
    shutil.copyfile(RAW / MINUTES, folder / MINUTES.replace(".pdf", " (kopi).pdf"))
    report = ingest([folder], tmp_path / "minutes.db")
    assert cited(tmp_path / "minutes.db") == [(MINUTES, MINUTES)]
    by_name = {Path(outcome.path).name: outcome for outcome in report.outcomes}
    copy = by_name[MINUTES.replace(".pdf", " (kopi).pdf")]
    assert copy.action == "unchanged" and copy.note == f"same content as raw/{MINUTES}"
    assert by_name[MINUTES].action == "new"


def test_a_copy_ingested_first_gives_way_to_the_original_found_later(tmp_path: Path) -> None:
    folder = tmp_path / "raw"
    folder.mkdir()
    copy_name = MINUTES.replace(".pdf", " (kopi).pdf")
    shutil.copyfile(RAW / MINUTES, folder / copy_name)
    ingest([folder], tmp_path / "minutes.db")
    assert cited(tmp_path / "minutes.db") == [(copy_name, copy_name)]
    shutil.copyfile(RAW / MINUTES, folder / MINUTES)
    ingest([folder], tmp_path / "minutes.db")
    assert cited(tmp_path / "minutes.db") == [(MINUTES, MINUTES)]
