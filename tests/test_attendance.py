"""Attendance on real lines, the participant lists: one person as printed (name, party, role), whole participant
blocks with their markers and offsets, and the role and party data files. Prose about attendance is
tests/test_attendance_prose.py; per-item absences, the gold and long input are tests/test_attendance_items.py."""

from __future__ import annotations

import re

import pytest

from referat.extractors.language.names import PARTIES_FILE, Role, is_name, load_party_forms, load_roles
from referat.extractors.minutes.attendance import AttendanceMention, parse_participant_block, parse_person
from tests.attendance_texts import (
    BALLERUP_EDOC,
    BALLERUP_KB,
    BALLERUP_OEU,
    BALLERUP_TMU,
    FIRSTAGENDA_PDF,
    LYNGBY_INDKALDELSE,
    LYNGBY_PROTOKOL,
    REGIONSJAELLAND,
    REGIONSYDDANMARK,
    ROEDOVRE,
    SEED_004,
)

# ---------------------------------------------------------------------------------------------- one person


@pytest.mark.parametrize(
    ("line", "name", "party", "role"),
    [
        ("Jesper Würtzen (A) (borgmester)", "Jesper Würtzen", "A", "borgmester"),
        ("Lolan Ottesen (A) - formand", "Lolan Ottesen", "A", "formand"),
        ("Grethe Larsen (A) - næstformand", "Grethe Larsen", "A", "næstformand"),
        ("Jannik Karoli Plum Nielsen (direktør)", "Jannik Karoli Plum Nielsen", None, "direktør"),
        ("Miasser Hawwa (Løsgænger)", "Miasser Hawwa", "Løsgænger", None),
        (
            "Stine Margrethe Hollendsted (centerchef for Social og Arbejdsmarked)",
            "Stine Margrethe Hollendsted",
            None,
            "centerchef for Social og Arbejdsmarked",
        ),
        ("Formand Erik Nielsen (A)", "Erik Nielsen", "A", "formand"),
        ("Allan Kristensen (C) (2. viceborgmester)", "Allan Kristensen", "C", "2. viceborgmester"),
        ("Lolan Marianne Ottesen (A) (1. viceborgmester) - Deltog", "Lolan Marianne Ottesen", "A", "1. viceborgmester"),
        ("Ahmed H. Dhaqane (A)", "Ahmed H. Dhaqane", "A", None),
        ("Claus Gisselmann Olsen (UP)", "Claus Gisselmann Olsen", "UP", None),
        ("Ulrik Falk-Sørensen (F) - Deltog", "Ulrik Falk-Sørensen", "F", None),
        ("Özcan Kizilkaya (A) - Deltog", "Özcan Kizilkaya", "A", None),
        ("Inge Trads Mørk (sekretariatschef) - Deltog", "Inge Trads Mørk", None, "sekretariatschef"),
        ("Sandra Marsenic (A) (Afbud)", "Sandra Marsenic", "A", None),
        ("Mie Helene Andresen", "Mie Helene Andresen", None, None),
        ("1. suppleant Thomas Bryde-Procida", "Thomas Bryde-Procida", None, "1. suppleant"),
        (
            "Birgitte Glifberg (A), Suppleant for Brian Møller (A)",
            "Birgitte Glifberg",
            "A",
            "stedfortræder for Brian Møller",
        ),
        ("Borgmester Uffe Thorndahl (C)", "Uffe Thorndahl", "C", "borgmester"),
        ("Anne Hansen (Kultur- og fritidschef)", "Anne Hansen", None, "kultur- og fritidschef"),
    ],
)
def test_parse_person(line: str, name: str, party: str | None, role: str | None) -> None:
    person = parse_person(line)
    assert person is not None
    assert (person.name, person.party, person.role) == (name, party, role)
    assert line[person.start : person.end].startswith(line.split(" ")[0])


@pytest.mark.parametrize(
    "line",
    [
        "Ingen",
        "Formand",
        "Afbud/Fraværende",
        "AFBUD/FRAVÆRENDE",
        "Åben dagsorden",
        "Sager 129 - 138",
        "Anne V.",
        "Deltog ikke under punkterne 20-21",
        "Sundheds- og Forebyggelsesudvalget",
        "Ballerup Kommune",
        "Kommunalbestyrelsen den 26. august 2019 Punkt 2",
        "Dansk Folkeparti",
        "Taget til efterretning",
        "",
        "Steen Pedersen (centerchef for By",
        "Bent Krogh Petersen - Bo Morthorst Rasmussen deltager som stedfortræder",
    ],
)
def test_not_a_person(line: str) -> None:
    assert parse_person(line) is None


def test_names_with_initials_particles_and_foreign_letters() -> None:
    assert all(
        is_name(name)
        for name in (
            "Anne V. Kristensen",
            "Laila M. Sørensen",
            "Jesper Würtzen",
            "Kasper Sørmer-Sørensen",
            "Özcan Kizilkaya",
            "Ida von Hessen",
            "H.C. Andersen",
        )
    )
    assert not any(
        is_name(name)
        for name in (
            "Ingen",
            "Anne",
            "Anne Hansen Bo Jensen Ib Olsen",
            "von Hessen",
            "Formand Erik Nielsen",
            "Den Store",
            "Økonomiudvalget Ballerup",
        )
    )


# ---------------------------------------------------------------------------------------------- blocks


def _rows(mentions: tuple[AttendanceMention, ...]) -> list[tuple[object, ...]]:
    return [(m.name, m.party, m.role, m.status, m.reason, m.substitute_for, m.items, m.item_range) for m in mentions]


# Seed 004 as text and as its rendered PDF (the list wraps mid-name there) give the same attendance.
SEED_004_ATTENDANCE = [
    ("Anja Holtze", "A", None, "present", None, None, None, None),
    ("Sandra Marsenic", "A", None, "absent", "afbud", None, None, None),
    ("Allan Kristensen", "C", "2. viceborgmester", "present", None, None, None, None),
    ("Musa Kekec", "A", None, "absent", "afbud", None, None, None),
    ("Erling Andersen", "A", None, "present", None, None, None, None),
    ("Lars Green Bach", "B", None, "present", None, None, None, None),
    ("André Amingsø", "D", None, "present", None, None, None, None),
    ("Miasser Hawwa", "Løsgænger", None, "present", None, None, None, None),
    ("Jannik Karoli Plum Nielsen", None, "direktør", "present", None, None, None, None),
    ("Stine Margrethe Hollendsted", None, "centerchef for Social og Arbejdsmarked", "present", None, None, None, None),
]


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (SEED_004, SEED_004_ATTENDANCE),
        (
            BALLERUP_KB,
            [
                ("Peter Als", "A", None, "present", None, None, None, None),
                ("Birgitte Dahl", "O", None, "present", "deltog ikke", None, None, (20, 21)),
                ("Maria Lundahl Assov", "A", None, "present", None, None, None, None),
                ("Carsten Riis", None, "direktør", "present", None, None, None, None),
                ("Michael Jensen", "O", None, "absent", "afbud", None, None, None),
            ],
        ),
        (
            BALLERUP_TMU,
            [
                ("Per Mortensen", "A", None, "present", None, None, None, None),
                ("Carsten Riis", None, "direktør", "absent", "deltog ikke", None, None, None),
                ("Steen Pedersen", None, "centerchef for By, Erhverv og Miljø", "present", None, None, None, None),
            ],
        ),
        (
            BALLERUP_EDOC,
            [
                ("Lolan Ottesen", "A", "formand", "present", None, None, None, None),
                ("Grethe Larsen", "A", "næstformand", "present", None, None, None, None),
                ("Birte Kramhøft", "F", None, "present", None, None, None, None),
                ("Mie Helene Andresen", None, "sekretær", "present", None, None, None, None),
            ],
        ),
        (
            ROEDOVRE,
            [
                ("Erik Nielsen", "A", "formand", "present", None, None, None, None),
                ("Michel Berg", "A", None, "present", None, None, None, None),
                ("Claus Gisselmann Olsen", "UP", None, "present", None, None, None, None),
                (
                    "Birgitte Glifberg",
                    "A",
                    "stedfortræder for Brian Møller",
                    "present",
                    None,
                    "Brian Møller",
                    None,
                    None,
                ),
                ("Britt Jensen", "A", None, "absent", "fraværende", None, None, (129, 138)),
                ("Brian Møller", "A", None, "absent", "fraværende", None, None, (129, 138)),
            ],
        ),
        (
            BALLERUP_OEU,
            [
                ("Inge Trads Mørk", None, "sekretariatschef", "present", None, None, None, None),
                ("Sandra Marsenic", "A", None, "absent", "afbud", None, None, None),
                ("Stine Rahbek Pedersen", "Ø", None, "absent", "afbud", None, None, None),
            ],
        ),
        (FIRSTAGENDA_PDF, SEED_004_ATTENDANCE),
        (
            "Mødedeltagere Anja Holtze (A), Sandra Marsenic (A) (Afbud)\n",
            [
                ("Anja Holtze", "A", None, "present", None, None, None, None),
                ("Sandra Marsenic", "A", None, "absent", "afbud", None, None, None),
            ],
        ),
        (
            "Deltagere\nAnne Hansen (V) og Bo Jensen (A)\nAfbud\nIb Olsen (C)\n",
            [
                ("Anne Hansen", "V", None, "present", None, None, None, None),
                ("Bo Jensen", "A", None, "present", None, None, None, None),
                ("Ib Olsen", "C", None, "absent", "afbud", None, None, None),
            ],
        ),
        # Web pages that print the party and title on lines of their own under the name (Region Sjælland's
        # FirstAgenda page), and the same form without blank lines.
        (
            REGIONSJAELLAND,
            [
                ("Heino Knudsen", "A", "formand", "present", None, None, None, None),
                ("Peter Jacobsen", "O", "næstformand", "present", None, None, None, None),
                ("Jacob Jensen", "V", "2. næstformand", "present", None, None, None, None),
                ("Jørgen Holst", "Løsgænger", None, "present", None, None, None, None),
                ("Camilla Aff Bredegaard", "A", None, "absent", "fraværende", None, None, None),
            ],
        ),
        (
            "Deltagere\nAnne Hansen\nFormand\n(V)\nBo Jensen\n(A)\nAfbud\nIb Olsen\n(C)\nDagsorden\n",
            [
                ("Anne Hansen", "V", "formand", "present", None, None, None, None),
                ("Bo Jensen", "A", None, "present", None, None, None, None),
                ("Ib Olsen", "C", None, "absent", "afbud", None, None, None),
            ],
        ),
        # A member and the substitute who stood in, on one line under Afbud; a sentence about some items is left to
        # the prose reader, not taken for a list of absentees.
        (
            REGIONSYDDANMARK,
            [
                ("Carl Holst", None, None, "present", None, None, None, None),
                ("Karen Baungaard", None, None, "present", None, None, None, None),
                ("Bent Krogh Petersen", None, None, "absent", "afbud", None, None, None),
                (
                    "Bo Morthorst Rasmussen",
                    None,
                    "stedfortræder for Bent Krogh Petersen",
                    "present",
                    None,
                    "Bent Krogh Petersen",
                    None,
                    None,
                ),
                ("Poul Weber", None, None, "absent", "afbud", None, None, None),
                ("Jørgen Bastholm", None, "stedfortræder for Poul Weber", "present", None, "Poul Weber", None, None),
            ],
        ),
        # An absentee is the listed member: misspelt by a letter (Region Syddanmark) or printed without the party
        # (Helsingør).
        (
            "Medlemmer:\nCarl Holst, Bente Gertz Hansen, Kent Kirk.\nAfbud:\nBo Libergren, Bente Gertz Hansn.\n"
            "Dagsorden\n",
            [
                ("Carl Holst", None, None, "present", None, None, None, None),
                ("Kent Kirk", None, None, "present", None, None, None, None),
                ("Bo Libergren", None, None, "absent", "afbud", None, None, None),
                ("Bente Gertz Hansen", None, None, "absent", "afbud", None, None, None),
            ],
        ),
        (
            "Medlemmer:\nBenedikte Kiær (C)\nMarlene Harpsøe (O)\nDeltagere:\nIb Kirkegaard (O)\nFraværende:\n"
            "Marlene Harpsøe\nSagsoversigt\n",
            [
                ("Benedikte Kiær", "C", None, "present", None, None, None, None),
                ("Ib Kirkegaard", "O", None, "present", None, None, None, None),
                ("Marlene Harpsøe", "O", None, "absent", "fraværende", None, None, None),
            ],
        ),
        # Lists a copying site flattened onto one line: "Name deltog" pairs, and names run together (a parenthesis or
        # a first name after a surname starts the next; a page number left at the end is not a name).
        (
            LYNGBY_PROTOKOL,
            [
                ("Sofia Osmani", None, None, "present", None, None, None, None),
                ("Søren P. Rasmussen", None, None, "present", None, None, None, None),
                ("Morten Normann Jørgensen", None, None, "present", None, None, None, None),
                ("Jan Kaspersen", None, None, "absent", "fraværende", None, None, None),
                ("Søren Hansen", None, None, "present", None, None, None, None),
                ("Ulla Agerskov", None, None, "present", None, None, None, None),
                ("Bjarne Holm Markussen", None, None, "present", None, None, None, None),
                ("Lene Stangerup", None, None, "present", None, None, None, None),
                ("Jacob Holm Hansen", None, None, "present", None, None, None, None),
            ],
        ),
        (
            LYNGBY_INDKALDELSE,
            [
                ("Hanne Agersnap", None, None, "present", None, None, None, None),
                ("Bodil Kornbek", None, None, "present", None, None, None, None),
                ("Mette Hoff", None, None, "present", None, None, None, None),
                ("Ib Carlsen", None, None, "present", None, None, None, None),
                ("Søren Hansen", None, None, "present", None, None, None, None),
                ("Lene Magnussen", None, None, "present", None, None, None, None),
                ("Lene Stangerup", None, "referent", "present", None, None, None, None),
                ("Charlotte Bidsted", None, None, "present", None, None, None, None),
            ],
        ),
        (
            "Indkaldte:\nAnne Hansen (V)\nBo Jensen (A)\nAfbud:\nIb Olsen (C)\n",
            [
                ("Anne Hansen", "V", None, "present", None, None, None, None),
                ("Bo Jensen", "A", None, "present", None, None, None, None),
                ("Ib Olsen", "C", None, "absent", "afbud", None, None, None),
            ],
        ),
        # A title after a comma, and substitutes under a heading of their own (not a title under the last name).
        (
            "Til stede:\nAnne Hansen (V), formand\nBo Jensen (A)\nAfbud:\nIb Olsen (C)\nSuppleant:\nKaj Berg (C)\n",
            [
                ("Anne Hansen", "V", "formand", "present", None, None, None, None),
                ("Bo Jensen", "A", None, "present", None, None, None, None),
                ("Ib Olsen", "C", None, "absent", "afbud", None, None, None),
                ("Kaj Berg", "C", "suppleant", "present", None, None, None, None),
            ],
        ),
        (
            "Øvrige deltagere: Karen Marie Louise Hansen Hans Ole Hansen (direktør)\n",
            [
                ("Karen Marie Louise Hansen", None, None, "present", None, None, None, None),
                ("Hans Ole Hansen", None, "direktør", "present", None, None, None, None),
            ],
        ),
        ("Deltagere\n\n", []),
        ("", []),
    ],
    ids=[
        "firstagenda-004",
        "ballerup-kb",
        "ballerup-tmu",
        "edoc-pdf",
        "roedovre",
        "ballerup-oeu",
        "firstagenda-pdf",
        "heading-inline",
        "og-list",
        "regionsjaelland-party-under-name",
        "party-under-name",
        "regionsyddanmark-substitutes",
        "regionsyddanmark-misspelt-absentee",
        "helsingoer-absentee-party",
        "lyngby-flattened-runs",
        "lyngby-indkaldelse",
        "indkaldte",
        "comma-title-and-substitutes",
        "name-run-double-first-names",
        "empty-block",
        "empty",
    ],
)
def test_parse_participant_block(block: str, expected: list[tuple[object, ...]]) -> None:
    assert _rows(parse_participant_block(block)) == expected


def test_block_offsets_cover_the_entry_as_printed() -> None:
    mentions = parse_participant_block(BALLERUP_KB)
    assert [BALLERUP_KB[m.start : m.end] for m in mentions][:2] == [
        "Peter Als (A) - Deltog",
        "Birgitte Dahl (O) - Deltog\n  • Deltog ikke under punkterne 20-21",
    ]
    steen = parse_participant_block(BALLERUP_TMU)[-1]
    assert BALLERUP_TMU[steen.start : steen.end] == "Steen Pedersen (centerchef for By\n  • Erhverv og Miljø) - Deltog"


# ---------------------------------------------------------------------------------------------- data files


@pytest.mark.parametrize("role", load_roles(), ids=lambda role: role.role)
def test_every_role_parses_in_its_example(role: Role) -> None:
    person = parse_person(role.example)
    assert person is not None and person.role is not None
    assert role.role in person.role.casefold() if role.match == "word" else person.role.casefold().endswith(role.role)


@pytest.mark.parametrize("form", sorted(load_party_forms()))
def test_every_party_form_is_a_party(form: str) -> None:
    printed = next(
        value
        for row in PARTIES_FILE.read_text(encoding="utf-8").splitlines()
        for value in re.split("[,;]", row)
        if value.casefold() == form
    )
    person = parse_person(f"Anne Hansen ({printed})")
    assert person is not None and person.party == printed
