"""What a news article names that links are found by (`pipeline.mentions`): names as keys two spellings share,
committees by their subjects, municipalities by name or town, journal numbers, dates; found in the worker that
reads the article and stored as its `article_mentions` rows."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import sqlite_utils

from referat.models.records import Entity
from referat.pipeline import derived
from referat.pipeline.ingest import ingest
from referat.pipeline.mentions import (
    GENERIC_NAMES_FILE,
    committee_mentions,
    committee_parts,
    find_article_mentions,
    journal_numbers,
    municipalities_named,
    municipality_mentions,
    name_key,
)
from tests.conftest import DATA

MEETING_REPORT = DATA / "news" / "ballerup_erhvervspolitik_temadroeftelse_2025-05-16.txt"

ARTICLE_LINES = (
    "Det var Erhvervs-, Beskæftigelses- og Uddannelsesudvalget i Ballerup Kommune, der sagde ja.\n"
    "Sagen går videre til ØKONOMIUDVALGET og til Kommunalbestyrelsen. Også erhvervs- og\n"
    "Beskæftigelsesudvalget og Rudersdal Kommunes borgmester, mens udvalget ventede.\n"
    "Ordet kommune alene, Kommunens borgere og Byrådet i Furesø Kommune."
)


# -- names, committees, municipalities ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "text", "key"),
    [
        ("PER", "Claudia Westh Lonning", ("person", "claudia lonning")),
        ("PER", "Claudia Lonning", ("person", "claudia lonning")),
        ("PER", "Claudia Westh Lonnings", ("person", "claudia lonning")),
        ("PER", "Lonning", None),  # a surname alone could be anyone
        ("ORG", "Erhvervshus Hovedstadens", ("organisation", "erhvervshus hovedstaden")),
        ("ORG", "Ballerup Kommune", None),  # the municipality: weighed apart
        ("ORG", "Erhvervsudvalget", None),  # committees: only as the meeting's own
        ("ORG", "Kommunalbestyrelsen", None),
        ("LOC", "Danmark", None),
        ("LOC", "Kildedal", ("place", "kildedal")),
    ],
)
def test_name_keys(label: str, text: str, key: tuple[str, str] | None) -> None:
    assert name_key(label, text) == key


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Erhvervs-, Beskæftigelses- og Uddannelsesudvalget", {"erhverv", "beskæftigelse", "uddannelse"}),
        ("erhvervs- og Beskæftigelsesudvalget", {"erhverv", "beskæftigelse"}),
        ("Erhvervsudvalget", {"erhverv"}),
        ("Økonomiudvalgets", {"økonomi"}),
        ("Klima-, Natur- og Miljøudvalget", {"klima", "natur", "miljø"}),
        ("Kommunalbestyrelsen", {"kommunalbestyrelse"}),
        ("udvalget", set()),
    ],
)
def test_committee_parts(name: str, parts: set[str]) -> None:
    assert committee_parts(name) == parts


@pytest.mark.parametrize(
    ("names", "municipalities"),
    [
        (["Ballerup Kommune"], {"Ballerup"}),
        (["Rudersdals"], {"Rudersdal"}),
        (["Måløv", "Skovlunde"], {"Ballerup"}),
        (["Københavns Kommune"], {"København"}),
        (["Nærum Gymnasium", "Dansk Industri"], set()),
    ],
)
def test_municipalities_named(names: list[str], municipalities: set[str]) -> None:
    assert municipalities_named(names) == municipalities


def test_committee_mentions_as_printed() -> None:
    assert committee_mentions(ARTICLE_LINES) == [
        "Erhvervs-, Beskæftigelses- og Uddannelsesudvalget",
        "ØKONOMIUDVALGET",
        "Kommunalbestyrelsen",
        "erhvervs- og\nBeskæftigelsesudvalget",
        "udvalget",
        "Byrådet",
    ]
    assert municipality_mentions(ARTICLE_LINES) == [
        "Ballerup Kommune",
        "Rudersdal Kommunes",
        "Ordet kommune",
        "Furesø Kommune",
    ]


def test_every_generic_name_pattern_matches_its_own_example() -> None:
    with GENERIC_NAMES_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:
        assert re.fullmatch(row["pattern"], row["example"]), row


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Sag 27.00.00-P20-1-21 og EMN-2021-00123", ["27.00.00-P20-1-21", "EMN-2021-00123"]),
        ("ØKF-12/345, ABCDEF-12 og AB-12", ["ØKF-12/345"]),
        ("2012-28504 og 12/34/56", ["2012-28504", "12/34/56"]),
        ("x-12.34.56, .12.34, 1.2.3 og 2025", []),  # inside a word, after a full stop, too short, a year
    ],
)
def test_journal_numbers(text: str, numbers: list[str]) -> None:
    assert journal_numbers(text) == numbers


def test_an_article_names_each_thing_once_and_every_committee_where_printed() -> None:
    text = ARTICLE_LINES + "\nMødet 13. maj behandlede sag 27.00.00-P20-1-21. Claudia Westh Lonning og Claudia Lonning."
    at = text.index("Claudia Westh")
    entities = [
        Entity("PER", "Claudia Westh Lonning", at, at + 21),
        Entity("PER", "Claudia Lonning", at + 25, at + 40),
        Entity("LOC", "Skovlunde", 0, 0),
    ]
    found = [
        (mention.kind, mention.key, mention.text) for mention in find_article_mentions(text, "2025-05-16", entities)
    ]
    assert found == [
        ("municipality", "Ballerup", "Skovlunde"),
        ("place", "skovlunde", "Skovlunde"),  # a town, not a municipality's own name: kept as a place
        ("committee", "beskæftigelse erhverv uddannelse", "Erhvervs-, Beskæftigelses- og Uddannelsesudvalget"),
        ("committee", "økonomi", "ØKONOMIUDVALGET"),
        ("committee", "kommunalbestyrelse", "Kommunalbestyrelsen"),
        ("committee", "beskæftigelse erhverv", "erhvervs- og Beskæftigelsesudvalget"),
        ("municipality", "Rudersdal", "Rudersdal Kommunes"),
        ("committee", "byråd", "Byrådet"),
        ("municipality", "Furesø", "Furesø Kommune"),
        ("date", "2025-05-13", "13. maj"),
        ("number", "27.00.00-P20-1-21", "27.00.00-P20-1-21"),
        ("person", "claudia lonning", "Claudia Westh Lonning"),  # once, as printed at its longest
    ]


def test_the_worker_stores_an_articles_mentions(tmp_path: Path) -> None:
    ingest([MEETING_REPORT], tmp_path / "minutes.db", workers=1)
    db = sqlite_utils.Database(tmp_path / "minutes.db")
    rows = {(row["kind"], row["text"]) for row in db.query("select kind, text from article_mentions")}
    assert ("committee", "Erhvervs-, Beskæftigelses- og Uddannelsesudvalget") in rows
    assert ("date", "13. maj") in rows
    for row in db.query(
        "select m.text, m.start, m.[end], d.text as document from article_mentions m "
        "join documents d on d.id = m.document_id where m.kind in ('date', 'number')"
    ):
        assert row["document"][row["start"] : row["end"]] == row["text"]


def test_a_database_from_before_article_mentions_gets_them_at_the_next_ingest(tmp_path: Path) -> None:
    db_path = tmp_path / "minutes.db"
    ingest([MEETING_REPORT], db_path, workers=1)
    db = sqlite_utils.Database(db_path)
    before = db.execute("select * from article_mentions order by id").fetchall()
    links = db.execute("select * from link_evidence order by key, kind").fetchall()
    with db.conn:
        db.execute("delete from article_mentions")
        db.execute("delete from search_state where name = 'article_mentions'")
    assert not derived.mentions_current(db)
    ingest([MEETING_REPORT], db_path, workers=1)
    assert derived.mentions_current(db)
    assert db.execute("select * from article_mentions order by id").fetchall() == before != []
    assert db.execute("select * from link_evidence order by key, kind").fetchall() == links
