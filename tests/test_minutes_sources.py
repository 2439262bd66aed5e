"""The same meeting from different sources: seed 004 as text and as PDF, the Ballerup 2012 minutes as one PDF
and as per-item PDFs; an attachment that is no meeting at all; and one meeting in the database, not two."""

from __future__ import annotations

import shutil
from pathlib import Path

import sqlite_utils

from referat.models.records import AgendaItem, Meeting
from referat.pipeline.ingest import ingest
from referat.pipeline.parse import parse_file
from tests.conftest import DATA, RAW

SEED_TEXT = RAW / "004_07fbbc99cae8a549.txt"
SEED_PDF = RAW / "ballerup_erhvervs-beskaeftigelses-og-uddannelsesudvalget_2025-05-13_rendered.pdf"
FULL_2012 = RAW / "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04.pdf"
ITEMS_2012 = sorted((DATA / "ballerup_2012-12-04_items").glob("*.pdf"))
ATTACHMENT = DATA / "other" / "aarhus_attachment_sager-paa-vej_2025-08-29.pdf"


def meeting(path: Path) -> Meeting:
    parsed = parse_file(path)
    assert len(parsed.meetings) == 1, path
    return parsed.meetings[0]


def summary(item: AgendaItem) -> tuple[object, ...]:
    return (
        item.number,
        item.title,
        item.case_number,
        item.kle_number,
        item.kle_facet,
        tuple((d.body, d.date, " ".join(d.text.split())[:60], d.outcome) for d in item.decisions),
        tuple(sorted((a.name, a.party, a.reason) for a in item.absences)),
    )


def test_seed_004_as_text_and_as_pdf_give_the_same_meeting() -> None:
    text, pdf = meeting(SEED_TEXT), meeting(SEED_PDF)
    assert [summary(item) for item in pdf.items] == [summary(item) for item in text.items]
    assert len(text.items) == 7
    assert (pdf.committee, pdf.date, pdf.start_time, pdf.location) == (
        text.committee,
        text.date,
        text.start_time,
        text.location,
    )
    assert sorted((a.name, a.status) for a in pdf.attendance) == sorted((a.name, a.status) for a in text.attendance)


def test_per_item_pdfs_give_the_items_of_the_full_minutes() -> None:
    """Each per-item PDF holds its item (and, being cut by page, may start the next one): the fullest version
    of each item equals the full minutes' item."""
    full = {item.number: summary(item) for item in meeting(FULL_2012).items}
    fullest: dict[str | None, AgendaItem] = {}
    for path in ITEMS_2012:
        single = meeting(path)
        assert (single.committee, single.date) == ("Sundheds- og Forebyggelsesudvalget", "2012-12-04"), path.name
        for item in single.items:
            known = fullest.get(item.number)
            if known is None or len(item.text) > len(known.text):
                fullest[item.number] = item
    assert {number: summary(item) for number, item in fullest.items()} == full


def test_an_attachment_yields_no_agenda_items() -> None:
    parsed = parse_file(ATTACHMENT)
    assert parsed.document.kind == "other"
    assert parsed.meetings == ()


def test_the_same_meeting_twice_is_counted_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in (SEED_TEXT, SEED_PDF, FULL_2012, *ITEMS_2012):
        shutil.copy(path, folder / path.name)
    db_path = tmp_path / "minutes.db"
    ingest([folder], db_path)
    db = sqlite_utils.Database(db_path)
    canonical = list(db.query("select committee, date from meetings where duplicate_of is null order by date"))
    assert canonical == [
        {"committee": "Sundheds- og Forebyggelsesudvalget", "date": "2012-12-04"},
        {"committee": "Erhvervs-, Beskæftigelses- og Uddannelsesudvalget", "date": "2025-05-13"},
    ]
    items = db.execute(
        "select m.date, count(*) from agenda_items i join meetings m on m.id = i.meeting_id "
        "where i.duplicate_of is null group by m.date order by m.date"
    ).fetchall()
    assert items == [("2012-12-04", 8), ("2025-05-13", 7)]
    absences = db.execute(
        "select count(*) from attendance a join meetings m on m.id = a.meeting_id "
        "where a.status = 'absent' and m.duplicate_of is null"
    ).fetchone()[0]
    assert absences == 2  # Sandra Marsenic and Musa Kekec, once
    # the full 2012 PDF wins over its per-item PDFs: it has the attendance list
    full = db.execute(
        "select m.attendance_recorded from meetings m join document_paths p "
        "on p.document_id = m.document_id where p.path like ? ",
        [f"%{FULL_2012.name}"],
    ).fetchone()
    assert full == (1,)


def test_meetings_say_whether_presence_was_recorded_in_full(tmp_path: Path) -> None:
    """A member list records presence; minutes that name only the absent and their substitutes do not."""
    db_path = tmp_path / "minutes.db"
    ingest([DATA / "pages" / "ballerup_kb_2019-08-26.txt", DATA / "pages" / "hedensted_kb_2025-06-25.txt"], db_path)
    rows = (
        sqlite_utils.Database(db_path)
        .execute(
            "select p.path, m.attendance_recorded, m.presence_recorded from meetings m join document_paths p "
            "on p.document_id = m.document_id order by p.path"
        )
        .fetchall()
    )
    assert [(Path(path).name, recorded, in_full) for path, recorded, in_full in rows] == [
        ("ballerup_kb_2019-08-26.txt", 1, 1),
        ("hedensted_kb_2025-06-25.txt", 1, 0),
    ]


def test_printed_votes_reach_the_votes_table(tmp_path: Path) -> None:
    db_path = tmp_path / "minutes.db"
    ingest([DATA / "pages" / "flippingbook_byraadet_2016-02-23_votes.txt"], db_path)
    votes = list(
        sqlite_utils.Database(db_path).query(
            "select v.votes_for, v.votes_against, v.abstentions, d.outcome from votes v "
            "join decisions d on d.id = v.decision_id"
        )
    )
    assert votes == [{"votes_for": 15, "votes_against": 13, "abstentions": 1, "outcome": "referred"}]


def test_closed_items_keep_only_their_title() -> None:
    items = meeting(DATA / "pages" / "gentofte_oeu_2013-06-10_pdf2html.txt").items
    closed = [item for item in items if item.closed]
    assert [item.number for item in closed] == ["15", "16", "17"]
    assert closed[0].title == "Salg af ejendom"
    assert all(not item.text and not item.decisions and not item.sections for item in closed)


def test_untitled_and_contents_only_items_are_stored_as_the_data_model_says(tmp_path: Path) -> None:
    """Hedensted's viewer shows each item's case number and decision but no title; Holbæk's truncated copy lists
    items 49-58 on its contents page ("PUNKTER") and shows the text of 49 and 50 only (checked by hand against
    both files)."""
    db_path = tmp_path / "minutes.db"
    ingest(
        [DATA / "pages" / "hedensted_kb_2025-06-25.txt", DATA / "pages" / "holbaek_aeldre-sundhed_2020-06-04.txt"],
        db_path,
    )
    db = sqlite_utils.Database(db_path)
    untitled = db.execute(
        "select i.number, i.title, i.case_number, i.start is not null, count(d.id) from agenda_items i "
        "join meetings m on m.id = i.meeting_id left join decisions d on d.item_id = i.id "
        "where m.committee = 'Kommunalbestyrelsen' group by i.id order by i.position"
    ).fetchall()
    assert untitled[:2] == [(None, None, "00.00.00-P35-34-24", 1, 1), (None, None, "00.00.00-A00-11-24", 1, 1)]
    items = db.execute(
        "select i.number, i.title, i.text != '', i.start, i.end from agenda_items i join meetings m "
        "on m.id = i.meeting_id where m.committee like '%Ældre%' order by i.position"
    ).fetchall()
    assert [number for number, *_ in items] == [str(n) for n in range(49, 59)]
    assert [number for number, _, has_text, start, _ in items if has_text and start is not None] == ["49", "50"]
    listed = items[2:]
    assert listed[0][1] == "Orientering om udgiftsdrivere, juni 2020" and listed[-1][1] == "Underskriftsark"
    assert {(has_text, start, end) for _, _, has_text, start, end in listed} == {(0, None, None)}
