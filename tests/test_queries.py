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
from html import unescape
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from datasette.app import Datasette

from referat.models.views import VIEWS
from referat.pipeline.ingest import ingest
from referat.pipeline.query_inputs import read_vocabulary
from referat.pipeline.search import build_search
from referat.pipeline.serve import load_queries
from tests.conftest import DATA, RAW
from tests.test_datasette import datasette_for, get

MEETING_2025 = "Erhvervs-, Beskæftigelses- og Uddannelsesudvalget"
MEETING_2012 = "Sundheds- og Forebyggelsesudvalget"
# The 2025 meeting is cited by its rendered PDF (real pages), not by its text export (everything on "page 1").
PDF_2025 = "ballerup_erhvervs-beskaeftigelses-og-uddannelsesudvalget_2025-05-13_rendered.pdf"
PDF_2012 = "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04.pdf"
# The citation every row listing items, decisions, mentions or amounts opens with.
CITATION = ["kommune", "udvalg", "dato", "punkt", "møde"]
CITATION_MIXED = ["kommune", "udvalg_eller_medie", "dato", "punkt", "møde"]  # minutes and news together
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


def page(ds: Datasette, query: str, **params: str) -> str:
    response = get(ds, f"/minutes/{query}?" + urllib.parse.urlencode(params))
    assert response.status_code == 200, response.text
    return response.text


def notes_on(html: str) -> list[str]:
    """The notes a query page shows on its inputs, as text."""
    found = re.search(r'<ul class="input-notes">(.*?)</ul>', html, re.S)
    return (
        [unescape(re.sub(r"<[^>]+>", "", note)).strip() for note in re.findall(r"<li>(.*?)</li>", found.group(1), re.S)]
        if found
        else []
    )


def file_name(source: str | None) -> str:
    return Path(source or "").name


@pytest.fixture(scope="module")
def sample(sample_db: Path) -> Datasette:
    return datasette_for(sample_db)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Datasette:
    """Gribskov 2019 (Bo Jul Nielsen inhabil in items 196-198) and Gentofte 2013 (closed items 15-17)."""
    db_path = tmp_path_factory.mktemp("pages") / "minutes.db"
    ingest(
        [
            DATA / "pages" / "gribskov_udvikling-by-land_2019-09-17.txt",
            DATA / "pages" / "gentofte_oeu_2013-06-10_pdf2html.txt",
        ],
        db_path,
        workers=1,
    )
    return datasette_for(db_path)


@pytest.fixture(scope="module")
def with_news(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Datasette:
    """The sample database with an article and a link as the news stage fills them (set here, so the test does
    not depend on the news parser): the article (data/raw/000, a Ballerup business story) quotes the journal
    number of item 5 of the 2025 meeting and is linked to that item."""
    db_path = tmp_path_factory.mktemp("news") / "minutes.db"
    shutil.copyfile(sample_db, db_path)
    db = sqlite_utils.Database(db_path)
    document = next(
        db.query(
            "select d.id, d.title, d.text from documents d join document_paths p "
            "on p.document_id = d.id where p.path like '%000_d8d1ab7d01895041.txt'"
        )
    )
    item = next(
        db.query(
            "select i.id, i.meeting_id from agenda_items i where i.duplicate_of is null "
            "and i.case_number = '24.00.00-G01-4-25'"
        )
    )
    db.table("articles").upsert(
        {
            "document_id": document["id"],
            "title": document["title"],
            "published": "2025-05-20",
            "outlet": "Ballerup Bladet",
            "body": document["text"] + "\nSagen har journalnummer 24.00.00-G01-4-25.",
        },
        pk="document_id",
    )
    db.table("links").insert(
        {
            "id": "test-link",
            "article_id": document["id"],
            "meeting_id": item["meeting_id"],
            "item_id": item["id"],
            "score": 1.0,
            "reason": "journal number 24.00.00-G01-4-25",
        }
    )
    build_search(db)
    db.close()
    return datasette_for(db_path)


# Journalists


def test_search_decisions_finds_a_compound_by_its_last_part(sample: Datasette) -> None:
    rows = run(sample, "search_decisions", tekst="bevilling")
    assert [
        {
            key: row[key]
            for key in ("kommune", "udvalg", "dato", "punkt", "titel", "beslutning", "udfald", "journalnummer", "side")
        }
        for row in rows
    ] == [
        {
            "kommune": "Ballerup",
            "udvalg": MEETING_2012,
            "dato": "2012-12-04",
            "punkt": "2",
            "titel": "Bygningsvedligeholdelse 2013 - anlægsbevilling",
            "beslutning": "Indstillingen godkendt",
            "udfald": "Godkendt",
            "journalnummer": "2012-28504",
            "side": 3,
        }
    ]
    assert file_name(rows[0]["kilde"]) == PDF_2012
    assert "anlægs«bevilling»" in rows[0]["uddrag"]


def test_the_recommendation_stands_beside_the_decision(sample: Datasette) -> None:
    """Item 2 of 4 December 2012: "Indstillingen godkendt" says nothing without the Indstilling it approves."""
    row = run(sample, "search_decisions", tekst="2012-28504")[0]
    assert row["beslutning"] == "Indstillingen godkendt"
    assert row["indstilling"].startswith(
        "Center for Ejendomme indstiller, at\nA) De foreslåede arbejder for bygningsvedligeholdelse 2013"
    )
    assert "Anlægsbevilling på 1.316.000 kr. over projekt nr. 650260" in row["indstilling"]
    assert list(row)[list(row).index("beslutning") + 1] == "indstilling"
    by_outcome = [r for r in run(sample, "decisions_by_outcome", udfald="godkendt") if r["punkt"] == "2"]
    assert [r["indstilling"] for r in by_outcome] == [row["indstilling"]]
    assert run(sample, "journal_number", journalnummer="2012-28504")[0]["indstilling"] == row["indstilling"]


def test_the_recommendation_is_the_indstilling_section_as_printed(sample_db: Path, sample: Datasette) -> None:
    """The queries cut the recommendation from the item's text; the `sections` view reads it from the document."""
    conn = sqlite3.connect(sample_db)
    try:
        sections = dict(
            conn.execute(
                "select i.title, s.text from sections s join agenda_items i on i.id = s.item_id "
                "where s.kind = 'recommendation' and i.duplicate_of is null"
            ).fetchall()
        )
    finally:
        conn.close()
    rows = run(sample, "search_decisions")
    shown = {row["titel"]: row["indstilling"] for row in rows if row["indstilling"]}
    assert len(shown) == 13 and shown == {title: sections[title] for title in shown}  # items 2-8 and 2-7


def test_search_decisions_by_committee_and_dates_shows_each_item_once(sample: Datasette) -> None:
    rows = run(sample, "search_decisions", udvalg="Beskæftigelses", fra_dato="2025-01-01", til_dato="2025-12-31")
    assert [row["titel"] for row in rows] == ITEMS_2025
    assert [row["udfald"] for row in rows] == ["Taget til efterretning"] * 5 + ["Drøftet", None]
    assert {file_name(row["kilde"]) for row in rows} == {PDF_2025}
    older = run(sample, "search_decisions", til_dato="2012-12-31")
    assert [row["punkt"] for row in older] == [str(n) for n in range(1, 9)]
    assert {row["udvalg"] for row in older} == {MEETING_2012}
    assert run(sample, "search_decisions", kommune="ballerup") == run(sample, "search_decisions")
    assert run(sample, "search_decisions", kommune="Gentofte") == []


@pytest.mark.parametrize(
    "written", ["13.05.2025", "13-05-2025", "13/5 2025", "13. maj 2025", "13 maj 2025", "13. Maj 2025", " 2025-05-13 "]
)
def test_a_danish_date_finds_what_its_iso_form_finds(sample: Datasette, written: str) -> None:
    iso = run(sample, "search_decisions", fra_dato="2025-05-13", til_dato="2025-05-13")
    assert [row["titel"] for row in iso] == ITEMS_2025
    assert run(sample, "search_decisions", fra_dato=written, til_dato=written) == iso
    assert run(sample, "absences_at_meeting", dato=written) == run(sample, "absences_at_meeting", dato="2025-05-13")
    assert notes_on(page(sample, "search_decisions", fra_dato=written)) == []


def test_a_date_that_cannot_be_read_is_ignored_and_the_page_says_so(sample: Datasette) -> None:
    assert run(sample, "search_decisions", fra_dato="31.02.2025") == run(sample, "search_decisions")
    assert notes_on(page(sample, "search_decisions", fra_dato="31.02.2025", til_dato="maj 2025")) == [
        "Fra dato: «31.02.2025» kan ikke læses som en dato og er ikke brugt. Skriv fx 13.05.2025, 13-05-2025, "
        "13/5 2025, 13. maj 2025 eller 2025-05-13.",
        "Til dato: «maj 2025» kan ikke læses som en dato og er ikke brugt. Skriv fx 13.05.2025, 13-05-2025, "
        "13/5 2025, 13. maj 2025 eller 2025-05-13.",
    ]


def test_a_two_letter_word_is_not_searched_and_the_page_says_why(sample: Datasette) -> None:
    assert run(sample, "search_decisions", tekst="ny") == []
    html = page(sample, "search_decisions", tekst="ny")
    assert notes_on(html) == [
        "Søgeord: der er ikke søgt, for «ny» er for kort: et ord skal have mindst 3 tegn (sæt flere ord i "
        'anførselstegn for at søge dem samlet, fx "ny aftale").'
    ]
    assert "Ingen rækker" in html
    # beside a longer word the short one is left out; in quotes the phrase is searched as printed
    assert [row["titel"] for row in run(sample, "search_decisions", tekst="ny beskæftigelsesreform")] == [
        "Ny aftale om beskæftigelsesreform 2025"
    ]
    assert notes_on(page(sample, "search_decisions", tekst="ny beskæftigelsesreform")) == [
        "Søgeord: «ny» er udeladt af søgningen, for et ord skal have mindst 3 tegn (sæt flere ord i anførselstegn "
        'for at søge dem samlet, fx "ny aftale").'
    ]
    quoted = run(sample, "search_decisions", tekst='"ny aftale"')
    assert [row["titel"] for row in quoted] == ["Ny aftale om beskæftigelsesreform 2025"]
    assert notes_on(page(sample, "search_decisions", tekst='"ny aftale"')) == []


def test_decisions_by_outcome_chosen_from_the_list(sample: Datasette) -> None:
    html = page(sample, "decisions_by_outcome", udfald="godkendt")
    options = re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', html)
    assert [(label, bool(selected)) for _, selected, label in options] == [
        ("alle udfald", False),
        ("Godkendt", True),
        ("Anbefalet", False),
        ("Taget til efterretning", False),
        ("Drøftet", False),
        ("Afvist", False),
        ("Udsat", False),
        ("Oversendt", False),
        ("Andet", False),
    ]
    approved = run(sample, "decisions_by_outcome", udfald="godkendt")
    assert [row["punkt"] for row in approved] == ["2", "4", "5", "6", "7"]
    assert {(row["kommune"], row["udvalg"], row["udfald"]) for row in approved} == {
        ("Ballerup", MEETING_2012, "Godkendt")
    }
    for value, _, label in options[1:]:  # each choice of the list, as the form sends it, finds its own outcome
        assert {row["udfald"] for row in run(sample, "decisions_by_outcome", udfald=value)} <= {label}
    noted = run(sample, "decisions_by_outcome", udfald="taget til efterretning", aar="2025")
    assert [row["punkt"] for row in noted] == ["1", "2", "3", "4", "5"]
    assert run(sample, "decisions_by_outcome", udfald=" Godkendt ") == approved  # typed in any case
    assert run(sample, "decisions_by_outcome", udfald="approved") == approved  # the stored code works too


def test_decisions_by_outcome_without_an_outcome_lists_all_newest_first(sample: Datasette) -> None:
    everything = run(sample, "decisions_by_outcome")
    # 6 decided items in 2025 (item 7 has no decision) and 8 in 2012, each once, newest first
    assert [row["dato"] for row in everything] == ["2025-05-13"] * 6 + ["2012-12-04"] * 8
    assert [row["punkt"] for row in run(sample, "decisions_by_outcome", aar="2012")] == [str(n) for n in range(1, 9)]
    assert run(sample, "decisions_by_outcome", udfald="vedtaget") == everything
    assert notes_on(page(sample, "decisions_by_outcome", udfald="vedtaget", aar="12")) == [
        "Udfald: «vedtaget» er ikke et udfald og er ikke brugt. Vælg et fra listen.",
        "År: «12» er ikke et årstal og er ikke brugt. Skriv fx 2024.",
    ]


def test_everything_about_a_journal_number(sample: Datasette) -> None:
    rows = run(sample, "journal_number", journalnummer="00.03.10-G01-1-25")
    assert [(row["fundet_som"], row["kommune"], row["dato"], row["punkt"], row["titel"]) for row in rows] == [
        ("dagsordenspunkt", "Ballerup", "2025-05-13", "2", "Cykelkampagne med samarbejdsbyen Brandenburg an Der Havel")
    ]
    assert rows[0]["udfald"] == "Taget til efterretning" and rows[0]["indstilling"].startswith("Center for By")
    kle_subject = run(sample, "journal_number", journalnummer="24.00.00")
    assert [(row["fundet_som"], row["punkt"]) for row in kle_subject if row["fundet_som"] == "dagsordenspunkt"] == [
        ("dagsordenspunkt", "5"),
        ("dagsordenspunkt", "6"),
    ]
    assert {row["fundet_som"] for row in kle_subject} <= {"dagsordenspunkt", "nyhedsartikel knyttet til punktet"}
    mentioned = run(sample, "journal_number", journalnummer="650260")  # projekt nr. 650260 in item 2 of 2012
    assert [(row["fundet_som"], row["punkt"], row["udvalg_eller_medie"]) for row in mentioned] == [
        ("nævnt i et dagsordenspunkt", "2", MEETING_2012)
    ]
    assert run(sample, "journal_number", journalnummer="") == []


def test_journal_number_finds_news_articles_and_their_links(with_news: Datasette) -> None:
    rows = run(with_news, "journal_number", journalnummer="24.00.00-G01-4-25")
    assert [(row["fundet_som"], row["titel"]) for row in rows] == [
        ("dagsordenspunkt", "Virksomhedsændringer i 1. kvartal 2025 i Ballerup Kommune"),
        ("nyhedsartikel", "Det lokale erhvervslivs kommunale livline"),
        ("nyhedsartikel knyttet til punktet", "Det lokale erhvervslivs kommunale livline"),
    ]
    assert (rows[1]["udvalg_eller_medie"], rows[1]["dato"]) == ("Ballerup Bladet", "2025-05-20")
    assert (rows[2]["kommune"], rows[2]["punkt"]) == ("Ballerup", "5") and rows[2]["møde"]


def test_search_articles_finds_the_news_and_the_meeting_it_is_about(with_news: Datasette) -> None:
    rows = run(with_news, "search_articles", tekst="livline")
    assert [(row["medie"], row["udgivet"], row["titel"]) for row in rows] == [
        ("Ballerup Bladet", "2025-05-20", "Det lokale erhvervslivs kommunale livline")
    ]
    assert "«livline»" in rows[0]["uddrag"] and not rows[0]["kilde"].startswith("/")
    meeting = run(with_news, "meeting", meeting_id=rows[0]["møde"])
    assert meeting and meeting[0]["committee"] == MEETING_2025
    assert run(with_news, "search_articles", tekst="livline", fra_dato="20. maj 2025", til_dato="20.05.2025")
    assert run(with_news, "search_articles", tekst="livline", fra_dato="21.05.2025") == []


def test_mentions_of_a_person_in_any_case_and_never_twice(sample: Datasette) -> None:
    rows = run(sample, "mentions", navn="musa kekec")
    # the participant list, then the Afbud line under each of the 7 decisions; the text export is not shown
    assert [row["punkt"] for row in rows] == [None, "1", "2", "3", "4", "5", "6", "7"]
    assert {(row["kommune"], row["type"], row["navn"], file_name(row["kilde"]), row["dato"]) for row in rows} == {
        ("Ballerup", "person", "Musa Kekec", PDF_2025, "2025-05-13")
    }
    assert all("«Musa Kekec»" in row["uddrag"] for row in rows)
    assert "Afbud «Musa Kekec» (A), Sandra Marsenic (A)" in rows[1]["uddrag"]
    danish_upper_case = run(sample, "mentions", navn="AMINGSØ")
    assert {row["navn"] for row in danish_upper_case} == {"André Amingsø"}
    assert run(sample, "mentions", navn="Amingso") == []  # ø is not o


def test_mentions_in_news_name_the_outlet(with_news: Datasette) -> None:
    rows = [row for row in run(with_news, "mentions", navn="Claudia") if row["dokument"] == "nyhed"]
    assert rows and {row["om"] for row in rows} == {"Det lokale erhvervslivs kommunale livline"}
    assert {(row["udvalg_eller_medie"], row["dato"]) for row in rows} == {("Ballerup Bladet", "2025-05-20")}


def test_amounts_over_n_kroner(sample: Datasette) -> None:
    rows = run(sample, "amounts", mindst_kr="1.000.000")
    assert [row["kroner"] for row in rows] == sorted((row["kroner"] for row in rows), reverse=True)
    assert min(row["kroner"] for row in rows) >= 1_000_000
    assert (rows[0]["kommune"], rows[0]["som_trykt"]) == ("Ballerup", "300 mio. kr.")
    assert all("\n" not in row["som_trykt"] for row in rows)
    cycling = [row for row in run(sample, "amounts", mindst_kr="50000") if row["dato"] == "2025-05-13"]
    assert [(row["kroner"], row["som_trykt"], row["punkt"], file_name(row["kilde"])) for row in cycling] == [
        (70000.0, "70.000", "2", PDF_2025)
    ]
    assert "budget på «70.000»" in cycling[0]["uddrag"]


@pytest.mark.parametrize(
    "written", ["1 mio", "1 mio.", "1 mio. kr.", "1.000.000", "1 000 000", "1000000", "1000 t.kr.", "1,0 mio"]
)
def test_an_amount_written_as_danes_write_it(sample: Datasette, written: str) -> None:
    assert run(sample, "amounts", mindst_kr=written) == run(sample, "amounts", mindst_kr="1000000")
    assert notes_on(page(sample, "amounts", mindst_kr=written)) == []


def test_an_amount_that_cannot_be_read_is_ignored_and_the_page_says_so(sample: Datasette) -> None:
    assert run(sample, "amounts", mindst_kr="mange penge") == run(sample, "amounts")
    assert notes_on(page(sample, "amounts", mindst_kr="mange penge")) == [
        "Mindst (kr.): «mange penge» kan ikke læses som et beløb og er ikke brugt. Skriv fx 1000000, 500.000, "
        "1 mio, 2,5 mia. eller 750 t.kr."
    ]


# Watchdogs


def test_attendance_by_member_leaves_out_officials(sample: Datasette) -> None:
    rows = run(sample, "attendance_by_member")
    assert len(rows) == 15  # 8 members in 2025, 7 in 2012; a director, a centre head and a secretary left out
    names = {row["navn"] for row in rows}
    assert not names & {"Jannik Karoli Plum Nielsen", "Stine Margrethe Hollendsted", "Mie Helene Andresen"}
    musa = run(sample, "attendance_by_member", navn="Musa")
    assert musa == [
        {
            "navn": "Musa Kekec",
            "parti": "A",
            "kommune": "Ballerup",
            "aar": "2025",
            "møder": 1,
            "til_stede": 0,
            "fraværende": 1,
            "fraværende_kun_afbudsliste": 0,
            "fremmøde_pct": 0.0,
        }
    ]
    lolan = run(sample, "attendance_by_member", navn="Lolan", aar="2012")
    assert [(row["til_stede"], row["fraværende"], row["fremmøde_pct"]) for row in lolan] == [(1, 0, 100.0)]


def test_attendance_over_time(sample: Datasette) -> None:
    rows = run(sample, "attendance_over_time")
    assert [
        (
            row["kommune"],
            row["udvalg"],
            row["dato"],
            row["medlemmer"],
            row["til_stede"],
            row["fraværende"],
            row["fremmøde_pct"],
        )
        for row in rows
    ] == [
        ("Ballerup", MEETING_2012, "2012-12-04", 7, 7, 0, 100.0),
        ("Ballerup", MEETING_2025, "2025-05-13", 8, 6, 2, 75.0),
    ]


@pytest.fixture(scope="module")
def absentees_only(tmp_path_factory: pytest.TempPathFactory) -> Datasette:
    """Hedensted's council, 25 June 2025: the minutes name four members absent and three substitutes, no list of
    who else was present."""
    db_path = tmp_path_factory.mktemp("absentees") / "minutes.db"
    ingest([DATA / "pages" / "hedensted_kb_2025-06-25.txt"], db_path, workers=1)
    return datasette_for(db_path)


def test_minutes_naming_only_the_absent_give_no_attendance_rate(absentees_only: Datasette) -> None:
    # not a meeting attended by 3 of 7 members: the four absences count, a rate does not exist
    assert [
        (row["medlemmer"], row["til_stede"], row["fraværende"], row["fremmøde_pct"])
        for row in run(absentees_only, "attendance_over_time")
    ] == [(None, None, 4, None)]
    members = run(absentees_only, "attendance_by_member")
    assert {(row["møder"], row["fraværende_kun_afbudsliste"], row["fremmøde_pct"]) for row in members} == {(0, 1, None)}
    rows = run(absentees_only, "absences_at_meeting", dato="25. juni 2025")
    assert [(row["navn"], row["parti"], row["fraværende_fra"]) for row in rows] == [
        ("Hanne Grangaard", "A", "hele mødet"),
        ("Jacob Ejs", "A", "hele mødet"),
        ("Merete Skovgaard-Jensen", "V", "hele mødet"),
        ("Rune Mikkelsen", "Æ", "hele mødet"),
    ]


def test_absences_at_a_meeting(sample: Datasette, pages: Datasette) -> None:
    rows = run(sample, "absences_at_meeting", udvalg="Beskæftigelses", dato="13.05.2025")
    assert [(row["kommune"], row["navn"], row["parti"], row["fraværende_fra"], row["grund"]) for row in rows] == [
        ("Ballerup", "Musa Kekec", "A", "hele mødet", "afbud"),
        ("Ballerup", "Sandra Marsenic", "A", "hele mødet", "afbud"),
    ]
    assert run(sample, "absences_at_meeting", dato="4. december 2012") == []
    gribskov = run(pages, "absences_at_meeting", udvalg="Udvikling")
    assert [(row["navn"], row["fraværende_fra"], row["grund"]) for row in gribskov] == [
        ("Bo Jul Nielsen", "punkterne 196, 197, 198", "inhabil"),
        ("Tonny Nalepa Jensen", "punkt 191", "fraværende"),
    ]


def test_per_item_absences_and_conflicts_of_interest(sample: Datasette, pages: Datasette) -> None:
    rows = run(sample, "absences_by_item")
    assert len(rows) == 14  # both absentees under each of the 7 items, once, not again from the other version
    assert {(row["grund"], row["inhabil"], file_name(row["kilde"])) for row in rows} == {("afbud", "", PDF_2025)}
    conflicts = run(pages, "absences_by_item", kun_inhabil="ja")
    assert [(row["kommune"], row["punkt"], row["navn"], row["grund"], row["inhabil"]) for row in conflicts] == [
        ("Gribskov", "196", "Bo Jul Nielsen", "inhabil", "ja"),
        ("Gribskov", "197", "Bo Jul Nielsen", "inhabil", "ja"),
        ("Gribskov", "198", "Bo Jul Nielsen", "inhabil", "ja"),
    ]
    html = page(pages, "absences_by_item", kun_inhabil="ja")
    assert '<option value="ja" selected>kun inhabilitet</option>' in html


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
    assert len(rows) == 7 and {(row["handling"], row["status"]) for row in rows} == {("ny", "ok")}
    rows = run(with_a_broken_file, "last_ingest")
    assert [(Path(row["sti"]).name, row["handling"], row["status"]) for row in rows] == [
        ("tom.pdf", "fejlede", "fejlede"),
        ("referat.txt", "ny", "ok"),
    ]
    assert "empty file" in rows[0]["fejl"]
    assert rows[1]["advarsler"] == "1 item(s) without a decision in minutes: 7"  # read, not raw JSON


def test_documents_with_warnings(sample: Datasette, with_a_broken_file: Datasette) -> None:
    rows = run(sample, "documents_with_warnings")
    assert sorted((Path(row["sti"]).suffix, row["dokument"], row["status"], row["advarsel"]) for row in rows) == [
        (".pdf", "referat", "ok", "1 item(s) without a decision in minutes: 7"),
        (".txt", "referat", "ok", "1 item(s) without a decision in minutes: 7"),
    ]
    rows = run(with_a_broken_file, "documents_with_warnings")
    assert (Path(rows[0]["sti"]).name, rows[0]["status"]) == ("tom.pdf", "fejlede")
    assert "empty file" in rows[0]["fejl"]


# Meetings


def test_meetings_lists_each_meeting_once(sample: Datasette) -> None:
    rows = run(sample, "moeder")
    assert [
        (
            row["kommune"],
            row["udvalg"],
            row["dato"],
            row["type"],
            row["punkter"],
            row["beslutninger"],
            row["fraværende"],
            file_name(row["kilde"]),
        )
        for row in rows
    ] == [
        ("Ballerup", MEETING_2025, "2025-05-13", "referat", 7, 6, 2, PDF_2025),
        ("Ballerup", MEETING_2012, "2012-12-04", "referat", 8, 8, 0, PDF_2012),
    ]
    assert run(sample, "moeder", aar="2012", kommune="Ballerup") == rows[1:]


def test_meeting_reads_like_the_minutes(sample: Datasette) -> None:
    meeting_id = run(sample, "moeder", aar="2025")[0]["møde"]
    rows = run(sample, "meeting", meeting_id=meeting_id)
    assert [row["title"] for row in rows] == ITEMS_2025
    first = rows[0]
    assert (first["committee"], first["date"], first["start_time"], first["location"]) == (
        MEETING_2025,
        "2025-05-13",
        "08:00",
        "Mødecenter C, Lokale 29 på Ballerup Rådhus",
    )
    assert first["absent"] == "Sandra Marsenic (A), afbud; Musa Kekec (A), afbud"
    assert first["present"].startswith("Anja Holtze (A); Allan Kristensen (C), 2. viceborgmester;")
    assert [row["decision"] for row in rows][:1] == ["Taget til efterretning"]
    assert " ".join(rows[1]["decision"].split()).startswith(
        "Taget til efterretning med den bemærkning at der skal være opmærksomhed på de borgere, der ikke kan"
    )
    assert rows[6]["decision"] is None
    assert rows[0]["absences"] == "Musa Kekec (A): afbud; Sandra Marsenic (A): afbud"
    html = get(sample, f"/minutes/meeting?meeting_id={meeting_id}").text
    assert f"<title>{MEETING_2025} 2025-05-13 · minutes</title>" in html  # the tab names the meeting


def test_closed_items_show_their_title_only(pages: Datasette) -> None:
    meetings = run(pages, "moeder", udvalg="økonomiudvalget")  # ø typed for Ø
    assert [(row["kommune"], row["udvalg"]) for row in meetings] == [("Gentofte", "Økonomiudvalget")]
    meeting_id = meetings[0]["møde"]
    rows = run(pages, "meeting", meeting_id=meeting_id)
    closed = [row for row in rows if row["closed"]]
    assert [(row["item"], row["title"], row["decision"], row["votes"]) for row in closed] == [
        ("15", "Salg af ejendom", None, None),
        ("16", "Personalesag", None, None),
        ("17", "Meddelelser fra formanden/forvaltningen og spørgsmål fra medlemmerne", None, None),
    ]
    listed = {row["punkt"]: row for row in run(pages, "search_decisions", udvalg="Økonomiudvalget")}
    assert [
        (listed[n]["titel"], listed[n]["beslutning"], listed[n]["indstilling"], listed[n]["udfald"])
        for n in ("15", "16")
    ] == [("Salg af ejendom", None, None, None), ("Personalesag", None, None, None)]
    searched = get(pages, "/minutes/search_items.json?_shape=array&closed=1").json()
    assert len(searched) == 3 and {row["decision"] for row in searched} == {None}


def test_a_meeting_that_does_not_exist_says_so(sample: Datasette) -> None:
    assert run(sample, "meeting", meeting_id="nonexistent") == []
    assert get(sample, "/minutes/meeting?meeting_id=nonexistent").status_code == 200


# Every query

QUERIES = load_queries()[1]
LISTING = {
    "search_decisions": CITATION,
    "decisions_by_outcome": CITATION,
    "coverage": CITATION,
    "absences_by_item": CITATION,
    "journal_number": CITATION_MIXED,
    "mentions": CITATION_MIXED,
    "amounts": CITATION_MIXED,
    "absences_at_meeting": [*CITATION[:3], "møde"],
    "attendance_over_time": [*CITATION[:3], "møde"],
    "moeder": [*CITATION[:3], "møde"],
}


@pytest.mark.parametrize("name", sorted(LISTING))
def test_every_answer_opens_with_its_citation(sample: Datasette, with_news: Datasette, name: str) -> None:
    """Municipality, committee, date, item and the link to the meeting first, on a screen of any width."""
    query = next(query for query in QUERIES if query.name == name)
    rows = run(with_news, name, **query.example) or run(with_news, name)
    assert rows, f"{name} gives no rows on the sample database with its example"
    assert list(rows[0])[: len(LISTING[name])] == LISTING[name]
    html = page(with_news, name, **query.example) if rows != run(with_news, name) else page(with_news, name)
    first_cells = re.findall(r'<td class="col-[^"]*" data-column="([^"]*)">', html)[: len(LISTING[name])]
    assert first_cells == LISTING[name]
    assert '<a href="/minutes/meeting?meeting_id=' in html  # the meeting's column links to its minutes


@pytest.mark.parametrize("query", QUERIES, ids=lambda query: query.name)
def test_every_query_page_speaks_danish_and_names_itself(sample: Datasette, query: Any) -> None:
    params = dict(query.example) if query.name != "meeting" else {"meeting_id": run(sample, "moeder")[0]["møde"]}
    html = page(sample, query.name, **params)
    assert "Custom SQL query" not in html and "Run SQL" not in html and "returning" not in html
    assert "<title>" + ("" if query.name == "meeting" else query.title) in html
    if query.name != "meeting":
        assert re.search(r'<p class="row-count">(Mere end )?[\d.]+ (række|rækker)', html), query.name
        for param in query.params:
            assert f'name="{param}"' in html and f'<label for="field-{param}">' in html
        assert notes_on(html) == []  # the example is read as written


def test_outcomes_show_in_danish_in_every_result(sample: Datasette) -> None:
    codes = {"approved", "recommended", "noted", "discussed", "rejected", "postponed", "referred", "other"}
    meeting = {"meeting_id": run(sample, "moeder")[0]["møde"]}
    for query in QUERIES:
        example = meeting if query.name == "meeting" else query.example
        results = run(sample, query.name, **example) + ([] if query.name == "meeting" else run(sample, query.name))
        assert results, query.name
        for row in results:
            assert not codes & {value for value in row.values() if isinstance(value, str)}, query.name


def test_the_meeting_query_gives_what_its_page_and_its_csv_show(sample: Datasette) -> None:
    # Each item's recommendation beside its decision, the outcome in Danish, the source to cite by the rule of
    # every query (the meeting's address, else its document's citation); no English words.
    meeting = run(sample, "moeder")[0]["møde"]
    rows = run(sample, "meeting", meeting_id=meeting)
    assert rows and all(row["source"] for row in rows)
    assert any(row["indstilling"] for row in rows) and any(row["outcome"] for row in rows)
    assert not any("untitled" in str(value) for row in rows for value in row.values())


def test_every_parameter_has_a_danish_name_label_and_an_example_that_uses_known_parameters() -> None:
    vocabulary = read_vocabulary()
    for query in QUERIES:  # (an example's parameters are checked as the queries load: `CannedQuery`)
        for param in query.params:
            assert vocabulary.inputs[param].label, param
    assert {param for query in QUERIES for param in query.params} - {"meeting_id"} <= {
        "tekst",
        "kommune",
        "udvalg",
        "fra_dato",
        "til_dato",
        "udfald",
        "aar",
        "journalnummer",
        "titel",
        "navn",
        "mindst_kr",
        "dato",
        "kun_inhabil",
    }


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
    tested = set(re.findall(r'run\(\w+, "(\w+)"', Path(__file__).read_text(encoding="utf-8")))
    assert {query.name for query in QUERIES} == tested


def test_news_coverage_puts_the_article_beside_the_decision(sample: Datasette) -> None:
    """Seed 000 (the new erhvervsudviklingschef, Claudia Westh Lonning) is about item 6 of the 2025 meeting,
    where she is named; the Rudersdal page (seed 002) is about another municipality and is linked to nothing."""
    rows = run(sample, "coverage")
    assert [(row["artikel"], row["punkt"], row["titel"]) for row in rows] == [
        ("Det lokale erhvervslivs kommunale livline", "6", "Temadrøftelse: Ny Erhvervs- og Vækstpolitik")
    ]
    row = rows[0]
    assert (row["kommune"], row["udvalg"], row["dato"], row["udfald"]) == (
        "Ballerup",
        MEETING_2025,
        "2025-05-13",
        "Drøftet",
    )
    assert row["indstilling"].startswith("Center for Politik og Organisation indstiller, at")
    assert "Claudia Westh Lonning" in row["begrundelse"] and row["styrke"] >= 4.5
    assert run(sample, "coverage", titel="livline") == rows
    assert run(sample, "coverage", udvalg="sundheds") == []
