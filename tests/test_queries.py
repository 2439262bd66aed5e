"""The canned queries on the sample database, as journalists, watchdogs and staff run them in Datasette.

Expected rows were checked by eye against the sources: data/raw/004_07fbbc99cae8a549.txt (Ballerup, Erhvervs-,
Beskæftigelses- og Uddannelsesudvalget 13-05-2025: 7 items, Sandra Marsenic and Musa Kekec absent with afbud,
item 7 without a decision; its rendered PDF is a copy of the same meeting and must never show twice) and
ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04.pdf (8 items, 7 members and a secretary present).
Conflicts of interest and closed items come from two corpus pages (Gribskov 2019, Gentofte 2013).
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from datasette.app import Datasette

from models.schema import VIEWS
from pipeline.ingest import ingest
from pipeline.search import build_search
from pipeline.serve import load_queries
from tests.conftest import DATA, RAW
from tests.test_datasette import datasette_for, get

MEETING_2025 = "Erhvervs-, Beskæftigelses- og Uddannelsesudvalget"
MEETING_2012 = "Sundheds- og Forebyggelsesudvalget"
TEXT_2025 = str(RAW / "004_07fbbc99cae8a549.txt")
PDF_2012 = str(RAW / "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04.pdf")
ITEMS_2025 = [
    "Meddelelser",
    "Cykelkampagne med samarbejdsbyen Brandenburg an Der Havel",
    "Ny aftale om beskæftigelsesreform 2025",
    "Udviklingen på førtidspensionsområdet Ballerup Kommune",
    "Virksomhedsændringer i 1. kvartal 2025 i Ballerup Kommune",
    "Temadrøftelse: Ny Erhvervs- og Vækstpolitik",
    "Godkendelse af referat (underskriftside)",
]


def run(ds: Datasette, query: str, **params: str) -> list[dict[str, Any]]:
    response = get(ds, f"/minutes/{query}.json?" + urllib.parse.urlencode({**params, "_shape": "array"}))
    assert response.status_code == 200, response.text
    rows: list[dict[str, Any]] = response.json()
    return rows


@pytest.fixture(scope="module")
def sample(sample_db: Path) -> Datasette:
    return datasette_for(sample_db)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Datasette:
    """Gribskov 2019 (Bo Jul Nielsen inhabil in items 196-198) and Gentofte 2013 (closed items 15-17)."""
    db_path = tmp_path_factory.mktemp("pages") / "minutes.db"
    ingest([DATA / "pages" / "gribskov_udvikling-by-land_2019-09-17.txt",
            DATA / "pages" / "gentofte_oeu_2013-06-10_pdf2html.txt"], db_path, workers=1)
    return datasette_for(db_path)


@pytest.fixture(scope="module")
def with_news(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Datasette:
    """The sample database with an article and a link as the news stage fills them (set here, so the test does
    not depend on the news parser): the article (data/raw/000, a Ballerup business story) quotes the journal
    number of item 5 of the 2025 meeting and is linked to that item."""
    db_path = tmp_path_factory.mktemp("news") / "minutes.db"
    shutil.copyfile(sample_db, db_path)
    db = sqlite_utils.Database(db_path)
    document = next(db.query("select d.id, d.title, d.text from documents d join document_paths p "
                             "on p.document_id = d.id where p.path like '%000_d8d1ab7d01895041.txt'"))
    item = next(db.query("select i.id, i.meeting_id from agenda_items i where i.duplicate_of is null "
                         "and i.case_number = '24.00.00-G01-4-25'"))
    db["articles"].upsert({"document_id": document["id"], "title": document["title"], "published": "2025-05-20",
                           "outlet": "Ballerup Bladet",
                           "body": document["text"] + "\nSagen har journalnummer 24.00.00-G01-4-25."},
                          pk="document_id")
    db["links"].insert({"id": "test-link", "article_id": document["id"], "meeting_id": item["meeting_id"],
                        "item_id": item["id"], "score": 1.0, "reason": "journal number 24.00.00-G01-4-25"})
    build_search(db)
    db.close()
    return datasette_for(db_path)


# Journalists

def test_search_decisions_finds_a_compound_by_its_last_part(sample: Datasette) -> None:
    rows = run(sample, "search_decisions", text="bevilling")
    assert [{key: row[key] for key in ("date", "committee", "item", "title", "decision", "outcome",
                                       "journal_number", "page", "source")} for row in rows] == [{
        "date": "2012-12-04", "committee": MEETING_2012, "item": "2",
        "title": "Bygningsvedligeholdelse 2013 - anlægsbevilling", "decision": "Indstillingen godkendt",
        "outcome": "approved", "journal_number": "2012-28504", "page": 3, "source": PDF_2012}]
    assert "«" in rows[0]["context"]


def test_search_decisions_by_committee_and_dates_shows_each_item_once(sample: Datasette) -> None:
    rows = run(sample, "search_decisions", committee="Beskæftigelses", date_from="2025-01-01", date_to="2025-12-31")
    assert [row["title"] for row in rows] == ITEMS_2025
    assert [row["outcome"] for row in rows] == ["noted"] * 5 + ["discussed", None]
    assert {row["source"] for row in rows} == {TEXT_2025}
    older = run(sample, "search_decisions", date_to="2012-12-31")
    assert [row["item"] for row in older] == [str(n) for n in range(1, 9)]
    assert {row["committee"] for row in older} == {MEETING_2012}


def test_decisions_by_outcome(sample: Datasette) -> None:
    discussed = run(sample, "decisions_by_outcome", outcome="discussed")
    assert [(row["date"], row["item"], row["title"]) for row in discussed] == [
        ("2025-05-13", "6", "Temadrøftelse: Ny Erhvervs- og Vækstpolitik")]
    approved = run(sample, "decisions_by_outcome", outcome="Approved ")
    assert [row["item"] for row in approved] == ["2", "4", "5", "6", "7"]
    assert {row["committee"] for row in approved} == {MEETING_2012}
    # 6 decided items in 2025 (item 7 has no decision) and 8 in 2012, each once, newest first
    everything = run(sample, "decisions_by_outcome")
    assert [row["date"] for row in everything] == ["2025-05-13"] * 6 + ["2012-12-04"] * 8
    in_2012 = run(sample, "decisions_by_outcome", year="2012")
    assert [row["item"] for row in in_2012] == [str(n) for n in range(1, 9)]


def test_everything_about_a_journal_number(sample: Datasette) -> None:
    rows = run(sample, "journal_number", journal_number="00.03.10-G01-1-25")
    assert [(row["found_as"], row["date"], row["item"], row["title"]) for row in rows] == [
        ("agenda item", "2025-05-13", "2", "Cykelkampagne med samarbejdsbyen Brandenburg an Der Havel")]
    kle_subject = run(sample, "journal_number", journal_number="24.00.00")
    assert [(row["found_as"], row["item"]) for row in kle_subject if row["found_as"] == "agenda item"] == [
        ("agenda item", "5"), ("agenda item", "6")]
    assert {row["found_as"] for row in kle_subject} <= {"agenda item", "news article linked to the item"}
    mentioned = run(sample, "journal_number", journal_number="650260")  # projekt nr. 650260 in item 2 of 2012
    assert [(row["found_as"], row["item"], row["committee"]) for row in mentioned] == [
        ("mentioned in an agenda item", "2", MEETING_2012)]
    assert run(sample, "journal_number", journal_number="") == []


def test_journal_number_finds_news_articles_and_their_links(with_news: Datasette) -> None:
    rows = run(with_news, "journal_number", journal_number="24.00.00-G01-4-25")
    assert [(row["found_as"], row["title"]) for row in rows] == [
        ("agenda item", "Virksomhedsændringer i 1. kvartal 2025 i Ballerup Kommune"),
        ("news article", "Det lokale erhvervslivs kommunale livline"),
        ("news article linked to the item", "Det lokale erhvervslivs kommunale livline"),
    ]
    assert rows[1]["committee"] == "Ballerup Bladet" and rows[1]["date"] == "2025-05-20"


def test_mentions_of_a_person_in_any_case_and_never_twice(sample: Datasette) -> None:
    rows = run(sample, "mentions", name="musa kekec")
    # the participant list, then the Afbud line under each of the 7 decisions; the PDF copy is not shown
    assert [row["item"] for row in rows] == [None, "1", "2", "3", "4", "5", "6", "7"]
    assert {(row["label"], row["mention"], row["source"], row["date"]) for row in rows} == {
        ("PER", "Musa Kekec", TEXT_2025, "2025-05-13")}
    assert all("Musa Kekec" in row["context"] for row in rows)
    danish_upper_case = run(sample, "mentions", name="AMINGSØ")
    assert {row["mention"] for row in danish_upper_case} == {"André Amingsø"}
    assert run(sample, "mentions", name="Amingso") == []  # ø is not o


def test_mentions_in_news_name_the_outlet(with_news: Datasette) -> None:
    rows = [row for row in run(with_news, "mentions", name="Claudia") if row["kind"] == "news"]
    assert rows and {row["about"] for row in rows} == {"Det lokale erhvervslivs kommunale livline"}
    assert {(row["committee_or_outlet"], row["date"]) for row in rows} == {("Ballerup Bladet", "2025-05-20")}


def test_amounts_over_n_kroner(sample: Datasette) -> None:
    rows = run(sample, "amounts", min_kr="1.000.000")
    assert [row["kroner"] for row in rows] == sorted((row["kroner"] for row in rows), reverse=True)
    assert min(row["kroner"] for row in rows) >= 1_000_000
    assert rows[0]["printed"] == "300 mio. kr."
    cycling = [row for row in run(sample, "amounts", min_kr="50000") if row["source"] == TEXT_2025]
    assert [(row["kroner"], row["printed"], row["item"], row["page"]) for row in cycling] == [
        (70000.0, "70.000", "2", 1)]
    assert "budget på 70.000" in cycling[0]["context"]


# Watchdogs

def test_attendance_by_member_leaves_out_officials(sample: Datasette) -> None:
    rows = run(sample, "attendance_by_member")
    assert len(rows) == 15  # 8 members in 2025, 7 in 2012; a director, a centre head and a secretary left out
    names = {row["name"] for row in rows}
    assert not names & {"Jannik Karoli Plum Nielsen", "Stine Margrethe Hollendsted", "Mie Helene Andresen"}
    musa = run(sample, "attendance_by_member", name="Musa")
    assert musa == [{"name": "Musa Kekec", "party": "A", "municipality": "Ballerup", "year": "2025", "meetings": 1,
                     "present": 0, "absent": 1, "attendance_pct": 0.0}]
    lolan = run(sample, "attendance_by_member", name="Lolan", year="2012")
    assert [(row["present"], row["absent"], row["attendance_pct"]) for row in lolan] == [(1, 0, 100.0)]


def test_attendance_over_time(sample: Datasette) -> None:
    rows = run(sample, "attendance_over_time")
    assert [(row["date"], row["committee"], row["members"], row["present"], row["absent"], row["attendance_pct"])
            for row in rows] == [
        ("2012-12-04", MEETING_2012, 7, 7, 0, 100.0),
        ("2025-05-13", MEETING_2025, 8, 6, 2, 75.0),
    ]


@pytest.fixture(scope="module")
def absentees_only(tmp_path_factory: pytest.TempPathFactory) -> Datasette:
    """Hedensted's council, 25 June 2025: the minutes name four members absent and three substitutes, no list of
    who else was present."""
    db_path = tmp_path_factory.mktemp("absentees") / "minutes.db"
    ingest([DATA / "pages" / "hedensted_kb_2025-06-25.txt"], db_path, workers=1)
    return datasette_for(db_path)


def test_minutes_naming_only_the_absent_give_no_attendance_rate(absentees_only: Datasette) -> None:
    assert run(absentees_only, "attendance_over_time") == []  # not a meeting attended by 3 of 7 members
    assert run(absentees_only, "attendance_by_member") == []
    rows = run(absentees_only, "absences_at_meeting", date="2025-06-25")
    assert [(row["name"], row["party"], row["absent_from"]) for row in rows] == [
        ("Hanne Grangaard", "A", "the whole meeting"), ("Jacob Ejs", "A", "the whole meeting"),
        ("Merete Skovgaard-Jensen", "V", "the whole meeting"), ("Rune Mikkelsen", "Æ", "the whole meeting")]


def test_absences_at_a_meeting(sample: Datasette, pages: Datasette) -> None:
    rows = run(sample, "absences_at_meeting", committee="Beskæftigelses", date="2025-05-13")
    assert [(row["name"], row["party"], row["absent_from"], row["reason"]) for row in rows] == [
        ("Musa Kekec", "A", "the whole meeting", "afbud"),
        ("Sandra Marsenic", "A", "the whole meeting", "afbud"),
    ]
    assert run(sample, "absences_at_meeting", date="2012-12-04") == []
    gribskov = run(pages, "absences_at_meeting", committee="Udvikling")
    assert [(row["name"], row["absent_from"], row["reason"]) for row in gribskov] == [
        ("Bo Jul Nielsen", "items 196, 197, 198", "inhabil"),
        ("Tonny Nalepa Jensen", "item 191", "fraværende"),
    ]


def test_per_item_absences_and_conflicts_of_interest(sample: Datasette, pages: Datasette) -> None:
    rows = run(sample, "item_absences")
    assert len(rows) == 14  # both absentees under each of the 7 items, from the text, not again from its PDF
    assert {(row["reason"], row["conflict_of_interest"], row["source"]) for row in rows} == {("afbud", "", TEXT_2025)}
    conflicts = run(pages, "item_absences", conflicts_only="yes")
    assert [(row["item"], row["name"], row["reason"], row["conflict_of_interest"]) for row in conflicts] == [
        ("196", "Bo Jul Nielsen", "inhabil", "yes"),
        ("197", "Bo Jul Nielsen", "inhabil", "yes"),
        ("198", "Bo Jul Nielsen", "inhabil", "yes"),
    ]


# Staff

@pytest.fixture(scope="module")
def with_a_broken_file(tmp_path_factory: pytest.TempPathFactory) -> Datasette:
    folder = tmp_path_factory.mktemp("inbox")
    (folder / "tom.pdf").write_bytes(b"")
    shutil.copyfile(RAW / "004_07fbbc99cae8a549.txt", folder / "referat.txt")
    db_path = folder.parent / f"{folder.name}-db" / "minutes.db"
    ingest([folder], db_path, workers=1)
    return datasette_for(db_path)


def test_last_ingest(sample: Datasette, with_a_broken_file: Datasette) -> None:
    rows = run(sample, "last_ingest")
    assert len(rows) == 7 and {(row["action"], row["status"]) for row in rows} == {("new", "ok")}
    rows = run(with_a_broken_file, "last_ingest")
    assert [(Path(row["path"]).name, row["action"], row["status"]) for row in rows] == [
        ("tom.pdf", "failed", "failed"), ("referat.txt", "new", "ok")]
    assert "empty file" in rows[0]["why_failed"]


def test_documents_with_warnings(sample: Datasette, with_a_broken_file: Datasette) -> None:
    rows = run(sample, "documents_with_warnings")
    assert [(Path(row["path"]).suffix, row["status"], row["warning"]) for row in rows] == [
        (".txt", "ok", "1 item(s) without a decision in minutes: 7"),
        (".pdf", "ok", "1 item(s) without a decision in minutes: 7"),
    ]
    rows = run(with_a_broken_file, "documents_with_warnings")
    assert (Path(rows[0]["path"]).name, rows[0]["status"]) == ("tom.pdf", "failed")
    assert "empty file" in rows[0]["error"]


# Meetings

def test_meetings_lists_each_meeting_once(sample: Datasette) -> None:
    rows = run(sample, "meetings")
    assert [(row["date"], row["committee"], row["items"], row["decisions"], row["absent"], row["source"])
            for row in rows] == [
        ("2025-05-13", MEETING_2025, 7, 6, 2, TEXT_2025),
        ("2012-12-04", MEETING_2012, 8, 8, 0, PDF_2012),
    ]


def test_meeting_reads_like_the_minutes(sample: Datasette) -> None:
    meeting_id = run(sample, "meetings", year="2025")[0]["meeting"]
    rows = run(sample, "meeting", meeting_id=meeting_id)
    assert [row["title"] for row in rows] == ITEMS_2025
    first = rows[0]
    assert (first["committee"], first["date"], first["start_time"], first["location"]) == (
        MEETING_2025, "2025-05-13", "08:00", "Mødecenter C, Lokale 29 på Ballerup Rådhus")
    assert first["absent"] == "Sandra Marsenic (A), afbud; Musa Kekec (A), afbud"
    assert first["present"].startswith("Anja Holtze (A); Allan Kristensen (C), 2. viceborgmester;")
    assert [row["decision"] for row in rows][:2] == [
        "Taget til efterretning",
        "Taget til efterretning med den bemærkning at der skal være opmærksomhed på de borgere, der ikke kan "
        "cykle. Her skal der være fokus på mulighederne for at iværksætte tiltag for at øge borgernes "
        "kompetencer i forhold til at kunne cykle."]
    assert rows[6]["decision"] is None
    assert rows[0]["absences"] == "Musa Kekec (A): afbud; Sandra Marsenic (A): afbud"
    page = get(sample, f"/minutes/meeting?meeting_id={meeting_id}").text
    assert page.index("1. Meddelelser") < page.index("2. Cykelkampagne") < page.index("7. Godkendelse af referat")
    assert "No decision recorded." in page and "Did not take part:" in page


def test_closed_items_show_their_title_only(pages: Datasette) -> None:
    meetings = run(pages, "meetings", committee="økonomiudvalget")  # ø typed for Ø
    assert [(row["municipality"], row["committee"]) for row in meetings] == [("Gentofte", "Økonomiudvalget")]
    meeting_id = meetings[0]["meeting"]
    rows = run(pages, "meeting", meeting_id=meeting_id)
    closed = [row for row in rows if row["closed"]]
    assert [(row["item"], row["title"], row["decision"], row["votes"]) for row in closed] == [
        ("15", "Salg af ejendom", None, None),
        ("16", "Personalesag", None, None),
        ("17", "Meddelelser fra formanden/forvaltningen og spørgsmål fra medlemmerne", None, None),
    ]
    page = get(pages, f"/minutes/meeting?meeting_id={meeting_id}").text
    section = page[page.index('id="item-15"'):page.index('id="item-16"')]
    assert "Salg af ejendom" in section and "only its title is public" in section
    assert "Beslutning" not in section
    searched = get(pages, "/minutes/search_items.json?_shape=array&closed=1").json()
    assert len(searched) == 3 and {row["decision"] for row in searched} == {None}


def test_a_meeting_that_does_not_exist_says_so(sample: Datasette) -> None:
    assert run(sample, "meeting", meeting_id="nonexistent") == []
    page = get(sample, "/minutes/meeting?meeting_id=nonexistent").text
    assert "No meeting has the id nonexistent." in page


# Search with facets

def test_search_items_view_searches_and_facets(sample: Datasette) -> None:
    response = get(sample, "/minutes/search_items.json?_search=beskæftigelse&_facet=kle_group").json()
    titles = {row[response["columns"].index("title")] for row in response["rows"]}
    assert "Ny aftale om beskæftigelsesreform 2025" in titles
    facets = response["facet_results"]["kle_group"]["results"]
    assert {facet["value"] for facet in facets} <= {"00 Kommunens styrelse", "15 Arbejdsmarked og "
                                                     "beskæftigelsesindsats", "24 Erhvervsforhold"}
    configured = get(sample, "/minutes/search_items.json?_search=bevilling").json()
    assert set(configured["facet_results"]) == {"municipality", "committee", "year", "outcome", "kle_group"}


@pytest.mark.parametrize("view", VIEWS, ids=lambda view: view.name)
def test_views_have_the_columns_the_schema_describes(sample_db: Path, view: Any) -> None:
    conn = sqlite3.connect(sample_db)
    try:
        columns = [row[1] for row in conn.execute(f"pragma table_info([{view.name}])")]
    finally:
        conn.close()
    assert columns == [column.name for column in view.columns]


def test_every_canned_query_is_tested() -> None:
    """Every query of queries.yml is run by a test in this module, and no test runs a query that is gone."""
    _, queries = load_queries()
    tested = set(re.findall(r'run\(\w+, "(\w+)"', Path(__file__).read_text(encoding="utf-8")))
    assert {query.name for query in queries} == tested


def test_news_coverage_puts_the_article_beside_the_decision(sample: Datasette) -> None:
    """Seed 000 (the new erhvervsudviklingschef, Claudia Westh Lonning) is about item 6 of the 2025 meeting,
    where she is named; the Rudersdal page (seed 002) is about another municipality and is linked to nothing."""
    rows = run(sample, "coverage")
    assert [(row["article"], row["item"], row["item_title"]) for row in rows] == [
        ("Det lokale erhvervslivs kommunale livline", "6", "Temadrøftelse: Ny Erhvervs- og Vækstpolitik")]
    row = rows[0]
    assert row["committee"] == MEETING_2025 and row["meeting_date"] == "2025-05-13"
    assert "Claudia Westh Lonning" in row["reason"] and row["score"] >= 4.5
    assert run(sample, "coverage", title="livline") == rows
    assert run(sample, "coverage", committee="sundheds") == []
    meeting = run(sample, "meeting", meeting_id=row["meeting"])
    assert [item["coverage"] for item in meeting if item["coverage"]] == ["Det lokale erhvervslivs kommunale livline"]
    assert meeting[5]["coverage"] and meeting[0]["meeting_coverage"] is None
    page = get(sample, f"/minutes/meeting?meeting_id={row['meeting']}").text
    assert page.index("6. Temadrøftelse") < page.index("In the news:") < page.index("7. Godkendelse")
