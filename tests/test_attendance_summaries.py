"""People and attendance summaries at national size: who a person is (name and party within a municipality and
council period), and the counts the attendance queries read, kept up to date meeting by meeting."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from referat.models.records import Attendance, Document, Meeting, ParsedDocument, Person, council_period
from referat.models.shape import ensure_db_shape
from referat.pipeline.duplicates import link_duplicate_meetings
from referat.pipeline.parse import parse_file
from referat.pipeline.rows import document_rows, prepare
from referat.pipeline.search import fill_reference_tables
from referat.pipeline.storage import save_prepared
from referat.pipeline.summaries import rebuild_summaries, refresh_stale_summaries, update_summaries
from referat.pipeline.synthetic import generate

PAGES = Path(__file__).resolve().parent / "data" / "pages"

# ---------------------------------------------------------------------------------------------- people


@pytest.mark.parametrize(
    ("date", "period"),
    [
        ("2024-03-05", "2022-2025"),
        ("2022-01-01", "2022-2025"),
        ("2021-12-31", "2018-2021"),  # the last meeting of the council elected in 2017
        ("2013-05-14", "2010-2013"),
        ("2006-01-02", "2006-2009"),  # the merged municipalities' councils, elected in 2005
        ("2026-02-01", "2026-2029"),
        ("1999-06", "1998-2001"),
        ("", None),
        (None, None),
    ],
)
def test_council_period_of_a_meeting_date(date: str | None, period: str | None) -> None:
    assert council_period(date) == period


def test_a_person_is_one_within_a_municipality_and_council_period() -> None:
    musa = Person.at_meeting("Musa Kekec", "A", "Ballerup", "2025-05-13")
    assert Person.at_meeting("Musa  Kekec", "a", "Ballerup", "2024-01-09").id == musa.id  # as printed elsewhere
    assert Person.at_meeting("Musa Kekec", "A", "Gladsaxe", "2025-05-13").id != musa.id  # a namesake
    assert Person.at_meeting("Musa Kekec", "A", "Ballerup", "2021-11-30").id != musa.id  # an earlier mandate
    assert Person.at_meeting("Musa Kekec", "V", "Ballerup", "2025-05-13").id != musa.id
    assert (musa.municipality, musa.period) == ("Ballerup", "2022-2025")


def test_attendance_rows_point_at_the_person_of_their_municipality_and_period() -> None:
    meeting = Meeting(
        "Ballerup",
        "Økonomiudvalget",
        "2025-05-13",
        attendance_recorded=True,
        attendance=(
            Attendance("Musa Kekec", "A", None, "absent", "afbud"),
            Attendance("Anja Holtze", "A", "formand", "present"),
        ),
    )
    document = Document(id="d1", path="x.txt", sha256="", kind="minutes", media_type="txt", size=1, text="x")
    parsed = ParsedDocument(document, (meeting,))
    rows, _ = document_rows(parsed, ingested_at="2026-01-01")
    assert sorted((row["name"], row["municipality"], row["period"]) for row in rows["persons"]) == [
        ("Anja Holtze", "Ballerup", "2022-2025"),
        ("Musa Kekec", "Ballerup", "2022-2025"),
    ]
    persons = {row["name"]: row["id"] for row in rows["persons"]}
    assert {row["name"]: row["person_id"] for row in rows["attendance"]} == persons


# ---------------------------------------------------------------------------------------------- summaries


def _meeting_rows(
    db: sqlite_utils.Database,
    meeting_id: str,
    document_id: str,
    date: str,
    committee: str,
    people: list[tuple[str, str | None, str]],
    *,
    presence_recorded: int = 1,
) -> None:
    """A meeting of Ballerup listing who was present (`presence_recorded=0`: only who was absent, and who stood
    in): (name, role, status) per person."""
    db.table("meetings").insert(
        {
            "id": meeting_id,
            "document_id": document_id,
            "municipality": "Ballerup",
            "committee": committee,
            "date": date,
            "kind": "minutes",
            "attendance_recorded": 1,
            "presence_recorded": presence_recorded,
        }
    )
    for n, (name, role, status) in enumerate(people):
        person = Person.at_meeting(name, "A", "Ballerup", date)
        db.table("attendance").insert(
            {
                "id": f"{meeting_id}-{n}",
                "meeting_id": meeting_id,
                "person_id": person.id,
                "name": name,
                "party": "A",
                "role": role,
                "status": status,
            }
        )


@pytest.fixture
def council() -> sqlite_utils.Database:
    """Two meetings of Ballerup's finance committee in 2025 with three members and a director."""
    db = sqlite_utils.Database(memory=True)
    ensure_db_shape(db)
    fill_reference_tables(db)
    _meeting_rows(
        db,
        "m1",
        "d1",
        "2025-02-04",
        "Økonomiudvalget",
        [
            ("Anja Holtze", "formand", "present"),
            ("Musa Kekec", None, "absent"),
            ("Allan Kristensen", None, "present"),
            ("Jannik Plum", "direktør", "present"),
        ],
    )
    _meeting_rows(
        db,
        "m2",
        "d2",
        "2025-03-04",
        "Økonomiudvalget",
        [
            ("Anja Holtze", "formand", "present"),
            ("Musa Kekec", None, "present"),
            ("Allan Kristensen", None, "absent"),
            ("Jannik Plum", "direktør", "present"),
        ],
    )
    update_summaries(db, None)
    return db


def _summaries(db: sqlite_utils.Database) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    return (
        db.execute("select * from attendance_by_meeting order by meeting_id").fetchall(),
        db.execute("select * from attendance_stats order by person_id, year").fetchall(),
    )


def test_summaries_count_members_and_leave_out_officials(council: sqlite_utils.Database) -> None:
    assert db_rows(
        council,
        "select meeting_id, presence_recorded, members, present, absent, attendance_pct from attendance_by_meeting",
    ) == [("m1", 1, 3, 2, 1, 66.7), ("m2", 1, 3, 2, 1, 66.7)]
    assert db_rows(
        council,
        "select name, year, meetings, present, absent, absent_absentee_only, attendance_pct from attendance_stats",
    ) == [
        ("Allan Kristensen", "2025", 2, 1, 1, 0, 50.0),
        ("Anja Holtze", "2025", 2, 2, 0, 0, 100.0),
        ("Musa Kekec", "2025", 2, 1, 1, 0, 50.0),
    ]


def test_absences_at_an_absentee_only_meeting_are_counted_but_not_rated(council: sqlite_utils.Database) -> None:
    """ "Afbud: Musa Kekec (A). Som stedfortræder deltog Ib Hansen (A)": nothing is said of Anja and Allan."""
    _meeting_rows(
        council,
        "m3",
        "d3",
        "2025-04-01",
        "Økonomiudvalget",
        [("Musa Kekec", None, "absent"), ("Ib Hansen", "stedfortræder for Musa Kekec", "present")],
        presence_recorded=0,
    )
    update_summaries(council, ["m3"])
    assert db_rows(
        council,
        "select presence_recorded, members, present, absent, attendance_pct "
        "from attendance_by_meeting where meeting_id = 'm3'",
    ) == [(0, None, None, 1, None)]
    assert db_rows(
        council, "select name, meetings, present, absent, absent_absentee_only, attendance_pct from attendance_stats"
    ) == [
        ("Allan Kristensen", 2, 1, 1, 0, 50.0),
        ("Anja Holtze", 2, 2, 0, 0, 100.0),
        ("Musa Kekec", 2, 1, 1, 1, 50.0),
    ]  # the substitute has no meeting to be rated over, and no absence
    incremental = _summaries(council)
    rebuild_summaries(council)
    assert _summaries(council) == incremental


def test_a_member_named_only_in_absentee_lists_has_no_rate() -> None:
    """Hørsholm 2006: "Fraværende: Isabella Meyer (C)" is an absence, not an attendance of 0 %."""
    db = sqlite_utils.Database(memory=True)
    ensure_db_shape(db)
    fill_reference_tables(db)
    _meeting_rows(
        db, "m1", "d1", "2006-06-08", "Økonomiudvalget", [("Isabella Meyer", None, "absent")], presence_recorded=0
    )
    rebuild_summaries(db)
    assert db_rows(
        db, "select name, meetings, present, absent, absent_absentee_only, attendance_pct from attendance_stats"
    ) == [("Isabella Meyer", 0, 0, 0, 1, None)]


def test_a_list_of_officials_alone_does_not_record_the_members_presence(council: sqlite_utils.Database) -> None:
    """A copy cut off before the members' names: the directors present and two members absent (Ballerup's finance
    committee, 18 February 2025, as a stored copy of the web page gives it)."""
    _meeting_rows(
        council,
        "m3",
        "d3",
        "2025-02-18",
        "Økonomiudvalget",
        [
            ("Jannik Plum", "direktør", "present"),
            ("Inge Mørk", "sekretariatschef", "present"),
            ("Musa Kekec", None, "absent"),
            ("Allan Kristensen", None, "absent"),
        ],
    )
    update_summaries(council, ["m3"])
    assert db_rows(
        council, "select presence_recorded, attendance_pct from attendance_by_meeting where meeting_id = 'm3'"
    ) == [(0, None)]
    assert db_rows(
        council, "select name, meetings, absent_absentee_only from attendance_stats where name = 'Musa Kekec'"
    ) == [("Musa Kekec", 2, 1)]


def test_summaries_counted_by_another_list_of_officials_are_counted_again(council: sqlite_utils.Database) -> None:
    council.execute("delete from official_roles where word = 'direktør'")
    assert refresh_stale_summaries(council) is True
    assert db_rows(council, "select name, meetings from attendance_stats where name = 'Jannik Plum'") == [
        ("Jannik Plum", 2)
    ]
    assert refresh_stale_summaries(council) is False


def database_of(*paths: Path) -> sqlite_utils.Database:
    """Real minutes parsed and saved as an ingest saves them, with their duplicates and summaries."""
    db = sqlite_utils.Database(memory=True)
    ensure_db_shape(db)
    fill_reference_tables(db)
    for path in paths:
        save_prepared(db, prepare(parse_file(path), ingested_at="2026-01-01T00:00:00+00:00"))
    link_duplicate_meetings(db)
    rebuild_summaries(db)
    return db


@pytest.mark.parametrize(
    ("page", "rated"),
    [
        ("regionmidt_regionsraadet_2007-11-14_docplayer.txt", False),  # "Medlemmerne var mødt, bortset fra ..."
        ("hoersholm_oeu_2006-06-08_docplayer.txt", False),  # "Fraværende: Den 8. juni 2006: Isabella Meyer (C)."
        ("hedensted_kb_2025-06-25.txt", False),  # "X var fraværende. Som stedfortræder deltog Y"
        ("svendborg_kb_2025-03-25.txt", False),  # "Afbud fra ... Som suppleanter er indkaldt ..."
        ("ballerup_oeu_2025-02-18.txt", False),  # officials "- Deltog", then "Afbud/Fraværende"
        ("ballerup_kb_2019-08-26.txt", True),  # every member "- Deltog", one "- Afbud"
        ("middelfart_byraad_2014-04-07.txt", True),
        ("roedovre_kb_2019-09-24.txt", True),
    ],
)
def test_real_minutes_are_rated_only_where_they_list_the_members_present(page: str, rated: bool) -> None:
    db = database_of(PAGES / page)
    meetings = db_rows(
        db, "select presence_recorded, attendance_pct is not null, absent > 0 from attendance_by_meeting"
    )
    assert meetings == [(int(rated), int(rated), 1)]
    rates = db_rows(db, "select distinct attendance_pct is not null from attendance_stats")
    assert rates == [(int(rated),)]


def test_a_new_meeting_is_counted_in(council: sqlite_utils.Database) -> None:
    _meeting_rows(
        council,
        "m3",
        "d3",
        "2025-04-01",
        "Økonomiudvalget",
        [("Anja Holtze", "formand", "present"), ("Musa Kekec", None, "absent")],
    )
    update_summaries(council, ["m3"])
    assert db_rows(council, "select name, meetings, absent from attendance_stats where name = 'Musa Kekec'") == [
        ("Musa Kekec", 3, 2)
    ]
    incremental = _summaries(council)
    rebuild_summaries(council)
    assert _summaries(council) == incremental


def test_a_removed_meeting_is_counted_out_through_its_document(council: sqlite_utils.Database) -> None:
    council.execute("delete from attendance where meeting_id = 'm2'")
    council.execute("delete from meetings where id = 'm2'")
    update_summaries(council, [], documents=["d2"])
    assert db_rows(council, "select meeting_id from attendance_by_meeting") == [("m1",)]
    assert db_rows(council, "select name, meetings, present from attendance_stats where name = 'Musa Kekec'") == [
        ("Musa Kekec", 1, 0)
    ]
    incremental = _summaries(council)
    rebuild_summaries(council)
    assert _summaries(council) == incremental


def test_a_meeting_that_became_a_copy_counts_no_more(council: sqlite_utils.Database) -> None:
    council.execute("update meetings set duplicate_of = 'm1' where id = 'm2'")
    update_summaries(council, ["m2"])
    assert db_rows(council, "select sum(meetings) from attendance_stats") == [(3,)]
    incremental = _summaries(council)
    rebuild_summaries(council)
    assert _summaries(council) == incremental


def test_incremental_summaries_equal_a_recount_on_a_synthetic_archive(tmp_path: Path) -> None:
    db_path = tmp_path / "archive.db"
    generate(600, db_path)
    db = sqlite_utils.Database(db_path)
    gone = db.execute("select id, document_id from meetings where attendance_recorded = 1 limit 3").fetchall()
    for meeting_id, _ in gone:
        db.execute("delete from attendance where meeting_id = ?", [meeting_id])
        db.execute("delete from agenda_items where meeting_id = ?", [meeting_id])
        db.execute("delete from meetings where id = ?", [meeting_id])
    moved = db.execute("select id from meetings where attendance_recorded = 1 limit 1 offset 10").fetchone()[0]
    db.execute("update meetings set date = '2019-06-30', committee = 'Byrådet' where id = ?", [moved])
    update_summaries(db, [moved], documents=[document for _, document in gone])
    incremental = _summaries(db)
    rebuild_summaries(db)
    assert _summaries(db) == incremental


def db_rows(db: sqlite_utils.Database, sql: str) -> list[tuple[object, ...]]:
    return sorted(db.execute(sql).fetchall())
