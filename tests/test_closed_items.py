"""Closed items stay closed: a closed item (lukket punkt) publishes its number and title, and nothing of its body
reaches any table, view, index or the database file itself.

The internal version of a meeting is made from the seed minutes (Ballerup's Erhvervs-, Beskæftigelses- og
Uddannelsesudvalget, 13 May 2025): item 5 becomes a closed personnel case whose body names a person, two companies
and an amount, and an article names the same people and amount, as a local paper would.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from referat.extractors.minutes.closed import STATE_LINE, blank, closed_spans, title_state
from referat.extractors.minutes.lines import Line
from referat.pipeline import storage
from referat.pipeline.ingest import ingest
from referat.pipeline.parse import parse_file
from tests.conftest import RAW

SEED = RAW / "004_07fbbc99cae8a549.txt"
HEADING = "Punkt 5: Lukket punkt: Personalesag"
CLOSED_BODY = f"""{HEADING}

24.00.00-G01-4-25

Sagsfremstilling

Medarbejder Hemmelig Jensen fra Firmaet Zebrafisk ApS har fået en godtgørelse på 345.000 kr. efter en tvist med
Hemmeligsen Holding A/S om 17 overarbejdstimer.

Indstilling

Direktionen indstiller, at forliget med Hemmelig Jensen godkendes.

Beslutning

Godkendt. Sandra Marsenic (A) deltog ikke i behandlingen af punktet.

"""
# Words of the closed body that are nowhere else, in the minutes or the article: none may be found anywhere.
BODY_ONLY = (
    "Medarbejder",
    "Firmaet",
    "tvist",
    "overarbejdstimer",
    "forliget",
    "Direktionen indstiller",
    "24.00.00-G01-4-25",
)
# Names and an amount the article prints too: only the article's own rows may hold them.
SHARED = ("Hemmelig Jensen", "Zebrafisk", "345.000", "Hemmeligsen")
SECRETS = BODY_ONLY + SHARED
ARTICLE = """Forlig i Ballerup Kommune

Af Journalist Karen Blixtrup

Hemmelig Jensen fra Zebrafisk ApS har fået 345.000 kr. i godtgørelse, skriver avisen. Sagen var på
dagsordenen i Erhvervs-, Beskæftigelses- og Uddannelsesudvalget tirsdag den 13. maj 2025, siger Musa Kekec (A).
Også Hemmeligsen Holding A/S var part i sagen.
"""


def internal_minutes() -> str:
    text = SEED.read_text(encoding="utf-8")
    start, end = text.index("Punkt 5: Virksomhedsændringer"), text.index("Punkt 6: Temadrøftelse")
    return text[:start] + CLOSED_BODY + text[end:]


@pytest.fixture(scope="module")
def closed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("internal")
    (folder / "intern_referat.txt").write_text(internal_minutes(), encoding="utf-8")
    (folder / "artikel.txt").write_text(ARTICLE, encoding="utf-8")
    db_path = folder / "minutes.db"
    report = ingest([folder], db_path)
    assert {outcome.status for outcome in report.outcomes} == {"ok"}
    return db_path


def every_row(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, virtual table, index shadow table and view."""
    conn = sqlite3.connect(db_path)
    try:
        names = [
            name
            for (name,) in conn.execute("select name from sqlite_master where type in ('table', 'view') order by name")
        ]
        return {name: conn.execute(f"select * from [{name}]").fetchall() for name in names}
    finally:
        conn.close()


def test_the_closed_body_is_nowhere_in_any_table_or_view(closed_db: Path) -> None:
    rows = every_row(closed_db)
    assert {"documents", "entities", "figures", "links", "search_items", "agenda_items_fts"} <= set(rows)
    for name, table in rows.items():
        for secret in BODY_ONLY:
            assert secret not in repr(table), f"{secret!r} is in {name}"


def test_the_names_the_article_shares_are_only_in_the_articles_rows(closed_db: Path) -> None:
    conn = sqlite3.connect(closed_db)
    try:
        article = conn.execute("select document_id from articles").fetchone()[0]
        rows = {}
        rows["documents"] = conn.execute("select * from documents where id != ?", [article]).fetchall()
        for table in ("entities", "figures"):
            rows[table] = conn.execute(f"select * from [{table}] where document_id != ?", [article]).fetchall()
        for table in (
            "meetings",
            "agenda_items",
            "item_sections",
            "sections",
            "decisions",
            "votes",
            "attendance",
            "persons",
            "item_absences",
            "links",
            "search_items",
            "member_attendance",
            "agenda_items_fts",
            "decisions_fts",
        ):
            rows[table] = conn.execute(f"select * from [{table}]").fetchall()
    finally:
        conn.close()
    for name, found in rows.items():
        for secret in SHARED:
            assert secret not in repr(found), f"{secret!r} is in {name}"


def test_the_database_file_holds_no_byte_of_the_closed_body(closed_db: Path) -> None:
    data = closed_db.read_bytes()  # what /minutes.db serves for download
    for secret in BODY_ONLY:
        assert secret.encode() not in data, secret


def test_the_closed_item_keeps_number_and_title_and_points_at_its_heading_only(closed_db: Path) -> None:
    conn = sqlite3.connect(closed_db)
    try:
        row = conn.execute(
            "select i.number, i.title, i.closed, i.case_number, i.text, i.attachments, substr(d.text, i.start + 1, "
            "i.end - i.start), (select count(*) from item_sections s where s.item_id = i.id), "
            "(select count(*) from decisions s where s.item_id = i.id), "
            "(select count(*) from entities e where e.item_id = i.id), "
            "(select count(*) from figures f where f.item_id = i.id), "
            "(select count(*) from links l where l.item_id = i.id) "
            "from agenda_items i join meetings m on m.id = i.meeting_id join documents d on d.id = m.document_id "
            "where i.closed"
        ).fetchall()
        open_titles = [
            title for (title,) in conn.execute("select title from agenda_items where not closed order by position")
        ]
    finally:
        conn.close()
    assert row == [("5", "Personalesag", 1, None, "", None, HEADING, 0, 0, 0, 0, 0)]
    assert open_titles == [
        "Meddelelser",
        "Cykelkampagne med samarbejdsbyen Brandenburg an Der Havel",
        "Ny aftale om beskæftigelsesreform 2025",
        "Udviklingen på førtidspensionsområdet Ballerup Kommune",
        "Temadrøftelse: Ny Erhvervs- og Vækstpolitik",
        "Godkendelse af referat (underskriftside)",
    ]


def test_the_article_is_not_linked_through_the_closed_item(closed_db: Path) -> None:
    conn = sqlite3.connect(closed_db)
    try:
        links = conn.execute("select item_id, reason from links").fetchall()
        closed_ids = {item_id for (item_id,) in conn.execute("select id from agenda_items where closed")}
    finally:
        conn.close()
    for item_id, reason in links:
        assert item_id not in closed_ids
        assert not any(secret in reason for secret in SECRETS)


def test_blanking_keeps_every_other_offset(closed_db: Path) -> None:
    conn = sqlite3.connect(closed_db)
    try:
        rows = conn.execute(
            "select e.text, substr(d.text, e.start + 1, e.end - e.start) from entities e "
            "join documents d on d.id = e.document_id union all "
            "select i.title, substr(d.text, i.start + 1, length(i.text)) = i.text from agenda_items i "
            "join meetings m on m.id = i.meeting_id join documents d on d.id = m.document_id where not i.closed"
        ).fetchall()
        text = conn.execute("select text from documents where path like '%intern_referat%'").fetchone()[0]
    finally:
        conn.close()
    for printed, found in rows:
        assert found in (printed, 1)
    assert len(text) == len(internal_minutes())
    assert text.count("\n") == internal_minutes().count("\n")


def test_a_legacy_database_keeps_no_trace_of_what_it_published_before(tmp_path: Path) -> None:
    """A database written before closed items were blanked: re-read, and its free pages hold nothing of it."""
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "intern_referat.txt").write_text(internal_minutes(), encoding="utf-8")
    db_path = tmp_path / "minutes.db"
    ingest([folder], db_path)
    conn = sqlite3.connect(db_path)  # what an older referat stored: the whole text, and an older parser version
    conn.execute("pragma secure_delete = off")  # as SQLite is built by default: freed pages keep their bytes
    conn.execute("update documents set text = ?, parser_version = 'old'", [internal_minutes()])
    # ... and an earlier version of the document it replaced, whose pages were freed but not cleared
    conn.execute("create table earlier (text)")
    conn.executemany("insert into earlier values (?)", [[internal_minutes()]] * 200)  # more pages than a re-read reuses
    conn.execute("drop table earlier")
    conn.execute(f"pragma user_version = {storage.ZEROED_SINCE - 1}")
    conn.commit()
    conn.close()
    assert b"overarbejdstimer" in db_path.read_bytes()

    ingest([folder], db_path)

    assert b"overarbejdstimer" not in db_path.read_bytes()


# --- the forms that close text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "title", "closed"),
    [
        ("Lukket punkt: Personalesag", "Personalesag", True),  # Ballerup (FirstAgenda)
        (
            "Lukket - Informationer, forespørgsler og meddelelser",
            "Informationer, forespørgsler og meddelelser",
            True,
        ),  # Esbjerg contents
        ("Lukket sag: Køb af ejendom", "Køb af ejendom", True),
        ("Fortroligt - Salg af grund", "Salg af grund", True),
        ("Spørgetid (Åben sag)", "Spørgetid", False),  # Spøttrup
        ("(Åben) Godkendelse af dagsorden", "Godkendelse af dagsorden", False),  # Region Sjælland's contents
        ("(Lukket) Salg af grund", "Salg af grund", True),  # the same form, closed
        ("Køb og salg. (Lukket sag)", "Køb og salg.", True),  # Spøttrup's form, closed
        ("Personalesag (Lukket punkt)", "Personalesag", True),
        ("Lukketid for butikker i bymidten", "Lukketid for butikker i bymidten", None),
        ("Åbent hus på rådhuset", "Åbent hus på rådhuset", None),
    ],
)
def test_a_state_printed_with_the_title(printed: str, title: str, closed: bool | None) -> None:
    assert title_state(printed) == (title, closed)


@pytest.mark.parametrize(
    ("line", "closed"),
    [
        ("Lukket sag:", True),
        ("Åben sag:", False),
        ("Åben sag", False),
        ("LUKKET", True),
        ("Fortroligt", True),
        ("Lukket dagsorden", None),
        ("Lukket sag om salg af grund", None),
    ],
)
def test_a_state_on_a_line_of_its_own(line: str, closed: bool | None) -> None:
    match = STATE_LINE.match(line)
    assert (None if match is None else match.group("closed") is not None) == closed


def test_blank_keeps_the_length_and_the_line_and_page_breaks() -> None:
    text = "Åbent\nLukket indhold\fmere lukket\nÅbent igen"
    start, end = text.index("Lukket indhold"), text.index("\nÅbent igen")
    blanked = blank(text, [(start, end)])
    assert len(blanked) == len(text)
    assert blanked == "Åbent\n" + " " * 14 + "\f" + " " * 11 + "\nÅbent igen"


def _lines(*texts: str) -> tuple[Line, ...]:
    lines, start = [], 0
    for index, text in enumerate(texts):
        lines.append(Line(index, text, start, start + len(text), 1))
        start += len(text) + 1
    return tuple(lines)


def test_a_closed_part_is_closed_to_the_next_open_part_but_its_headings_stay() -> None:
    lines = _lines(
        "1. Åbent punkt",
        "tekst",
        "Lukket dagsorden",
        "2. Salg af grund",
        "hemmeligt",
        "Åben dagsorden",
        "3. Næste punkt",
    )
    spans = closed_spans(lines, lines[-1].end, regions=[(2, 5)], closed_items=[(3, 5)], public_lines=[(3, 4)])
    text = "\n".join(line.text for line in lines)
    kept = blank(text, spans)
    assert kept.split("\n") == [
        "1. Åbent punkt",
        "tekst",
        "Lukket dagsorden",
        "2. Salg af grund",
        " " * 9,
        "Åben dagsorden",
        "3. Næste punkt",
    ]


def test_minutes_with_a_closed_part_publish_its_item_titles_only(tmp_path: Path) -> None:
    """A closed part ("Lukket dagsorden") closes every item under it, up to the open part that follows."""
    minutes = tmp_path / "referat.txt"
    minutes.write_text(
        "Referat\nØkonomiudvalget\nMødedato: 10-06-2013\n\n"
        "1. Godkendelse af dagsorden\n00.01.00-A00-1-13\nBeslutning\nGodkendt.\n\n"
        "Lukket dagsorden\n\n"
        "2. Salg af ejendom\n82.06.00-G10-5-13\nSagsfremstilling\nKøberen Zebrafisk ApS betaler 345.000 kr.\n"
        "Beslutning\nGodkendt.\n\n"
        "3. Personalesag\n81.00.00-A00-2-13\nSagsfremstilling\nHemmelig Jensen fratræder.\nBeslutning\nGodkendt.\n\n"
        "Åben dagsorden\n\n"
        "4. Meddelelser\n00.01.00-A00-2-13\nBeslutning\nTaget til efterretning.\n",
        encoding="utf-8",
    )

    parsed = parse_file(minutes)

    items = [(item.number, item.title, item.closed, bool(item.decisions)) for item in parsed.meetings[0].items]
    assert items == [
        ("1", "Godkendelse af dagsorden", False, True),
        ("2", "Salg af ejendom", True, False),
        ("3", "Personalesag", True, False),
        ("4", "Meddelelser", False, True),
    ]
    assert not any(secret in parsed.document.text for secret in SECRETS)
    assert not [entity for entity in parsed.entities if "Zebrafisk" in entity.text or "Hemmelig" in entity.text]
    assert not [figure for figure in parsed.figures if figure.value == 345_000]
