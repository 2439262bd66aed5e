"""Full-text search that suits Danish: compounds found by their parts, æ/ø/å kept distinct, journal numbers
found as printed; indexes rebuilt only when what they index changed; reference tables from data files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import sqlite_utils
from datasette.utils import escape_fts

from referat.models.search_indexes import SEARCH_INDEXES
from referat.models.shape import ensure_db_shape
from referat.pipeline.ingest import ingest
from referat.pipeline.search import DATA, build_search

# (title, case number) of agenda items as printed in Danish minutes
ITEMS = [
    ("Anlægsbevilling til renovering af Skovlunde Skole", "82.00.00-G01-3-25"),
    ("Tillægsbevilling: Gård og have ved Baltorpbadet", "2012-28504"),
    ("Garderobe i rådhuset", "12/27845"),
    ("Ærø-færgens sejlplan", "EMN-2019-01234"),
    ("Aerobic i idrætshallen", "18.15.00-A00-1-19"),
]


@pytest.fixture
def items_db(tmp_path: Path) -> sqlite_utils.Database:
    db = sqlite_utils.Database(tmp_path / "minutes.db")
    ensure_db_shape(db)
    db.table("agenda_items").insert_all(
        {
            "id": f"item{n}",
            "meeting_id": "m",
            "position": n,
            "number": str(n),
            "title": title,
            "case_number": case,
            "text": "",
        }
        for n, (title, case) in enumerate(ITEMS, 1)
    )
    build_search(db)
    return db


def search(db: sqlite_utils.Database, words: str) -> list[str]:
    """Titles of the agenda items matching `words` as Datasette searches them (each word quoted)."""
    return [
        row["title"]
        for row in db.query(
            "select title from agenda_items where rowid in (select rowid from agenda_items_fts "
            "where agenda_items_fts match :q) order by position",
            {"q": escape_fts(words)},
        )
    ]


@pytest.mark.parametrize(
    ("words", "titles"),
    [
        ("bevilling", [ITEMS[0][0], ITEMS[1][0]]),  # the last part of a compound finds the compound
        ("BEVILLING", [ITEMS[0][0], ITEMS[1][0]]),  # upper and lower case alike
        ("anlægsbevilling skole", [ITEMS[0][0]]),  # every word must match
        ("gård", [ITEMS[1][0]]),
        ("gard", [ITEMS[2][0]]),  # å is not a
        ("ÆRØ", [ITEMS[3][0]]),  # Danish capitals fold to their small letters
        ("aero", [ITEMS[4][0]]),  # ae is not æ
        ("82.00.00-G01-3-25", [ITEMS[0][0]]),  # a KLE journal number, dots and dashes included
        ("2012-28504", [ITEMS[1][0]]),
        ("12/27845", [ITEMS[2][0]]),
        ("EMN-2019-01234", [ITEMS[3][0]]),
        ("18.15.00", [ITEMS[4][0]]),  # the beginning of a journal number: its KLE subject
        ("ba", []),  # two characters are too few for the trigram index: documented limitation
        ("ba rådhuset", [ITEMS[2][0]]),  # ... and beside longer words a short word is ignored,
        ('"ba rådhuset"', []),  # unless it stands in a quoted phrase
        ('"i rådhuset"', [ITEMS[2][0]]),
    ],
)
def test_danish_search(items_db: sqlite_utils.Database, words: str, titles: list[str]) -> None:
    assert search(items_db, words) == titles


def test_an_unchanged_table_is_not_reindexed(items_db: sqlite_utils.Database) -> None:
    assert build_search(items_db).rebuilt == ()


def test_added_edited_and_removed_rows_are_indexed_by_the_triggers(items_db: sqlite_utils.Database) -> None:
    items_db.table("agenda_items").insert(
        {
            "id": "item6",
            "meeting_id": "m",
            "position": 6,
            "number": "6",
            "title": "Budgetopfølgning",
            "case_number": None,
            "text": "",
        }
    )
    assert search(items_db, "budget") == ["Budgetopfølgning"]
    items_db.table("agenda_items").update("item6", {"title": "Regnskab 2024"})
    assert search(items_db, "budget") == [] and search(items_db, "regnskab") == ["Regnskab 2024"]
    items_db.table("agenda_items").update("item6", {"position": 7})  # not an indexed column: the index is not touched
    items_db.table("agenda_items").delete("item6")
    assert search(items_db, "regnskab") == []
    items_db.execute("INSERT INTO agenda_items_fts(agenda_items_fts) VALUES ('integrity-check')")
    assert build_search(items_db).rebuilt == ()


def test_an_index_whose_triggers_are_gone_is_rebuilt_once(items_db: sqlite_utils.Database) -> None:
    items_db.execute("DROP TRIGGER agenda_items_fts_insert")
    items_db.table("agenda_items").insert(
        {
            "id": "item6",
            "meeting_id": "m",
            "position": 6,
            "number": "6",
            "title": "Budgetopfølgning",
            "case_number": None,
            "text": "",
        }
    )
    assert search(items_db, "budget") == []
    assert build_search(items_db).rebuilt == ("agenda_items_fts",)
    assert search(items_db, "budget") == ["Budgetopfølgning"]
    assert build_search(items_db).rebuilt == ()


def test_an_ingest_leaves_every_index_up_to_date(raw_copy: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "minutes.db"
    ingest([raw_copy], db_path, workers=1)
    db = sqlite_utils.Database(db_path)
    assert build_search(db).rebuilt == ()
    assert {row["name"] for row in db["search_state"].rows} >= {index.name for index in SEARCH_INDEXES}
    for index in SEARCH_INDEXES:
        db.execute(f"INSERT INTO [{index.name}]([{index.name}]) VALUES ('integrity-check')")
    assert search(db, "anlægsbevilling") == ["Bygningsvedligeholdelse 2013 - anlægsbevilling"]


def test_kle_groups_are_the_main_groups() -> None:
    with (DATA / "kle_groups.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    codes = [row["code"] for row in rows]
    assert len(codes) == len(set(codes)) == 36
    assert all(len(code) == 2 and code.isdigit() for code in codes)
    assert {"00": "Kommunens styrelse", "24": "Erhvervsforhold", "27": "Social service"}.items() <= {
        row["code"]: row["title"] for row in rows
    }.items()


def official_words() -> list[str]:
    with (DATA / "official_roles.csv").open(encoding="utf-8", newline="") as handle:
        return [row["word"] for row in csv.DictReader(handle)]


def is_official(role: str) -> bool:
    """The test as the member_attendance view does it: a word of official_roles in the role, lower-cased as
    SQLite's lower() does (ASCII letters only)."""
    lowered = "".join(char.lower() if char.isascii() else char for char in role)
    return any(word in lowered for word in official_words())


@pytest.mark.parametrize(
    "role",
    [
        "direktør",
        "kommunaldirektør",
        "centerchef for Social og Arbejdsmarked",
        "sekretariatschef",
        "Økonomichef",
        "sekretær",
        "referent",
        "afdelingsleder",
        "specialkonsulent",
        "fuldmægtig",
        "borgerrådgiver",
    ],
)
def test_officials_are_recognised_by_their_role(role: str) -> None:
    assert is_official(role)


@pytest.mark.parametrize(
    "role",
    [
        "",
        "formand",
        "næstformand",
        "borgmester",
        "2. viceborgmester",
        "udvalgsformand",
        "rådmand",
        "medlem",
        "regionsrådsformand",
        "suppleant",
        "stedfortræder for Mikkel Houmann",
    ],
)
def test_members_are_not_taken_for_officials(role: str) -> None:
    assert not is_official(role)
