"""Attendance on real lines, the prose: sentences that say who was absent, who stood in and who left
(find_attendance_prose), merged with the participant block and read into the meeting, and the absence phrases
of the data file, each on its own example."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from referat.extractors.minutes.attendance import (
    AttendanceMention,
    Phrase,
    find_absences,
    find_attendance_prose,
    load_phrases,
    merge_prose,
    parse_participant_block,
)
from referat.extractors.minutes.item_body import _ABSENCE_WORDS
from referat.extractors.minutes.parse import parse_meeting
from referat.models.records import Attendance, Document, Meeting
from tests.attendance_texts import LYNGBY_INDKALDELSE, REGIONSJAELLAND, SEED_004

# ---------------------------------------------------------------------------------------------- prose


def _prose(mentions: tuple[AttendanceMention, ...]) -> list[tuple[object, ...]]:
    return [(m.name, m.party, m.role, m.status, m.reason, m.substitute_for, m.items) for m in mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mikkel Houmann havde meldt afbud, og Peter Steffensen deltog i stedet.",
            [
                ("Mikkel Houmann", None, None, "absent", "afbud", None, None),
                ("Peter Steffensen", None, "stedfortræder for Mikkel Houmann", "present", None, "Mikkel Houmann", None),
            ],
        ),
        (
            "Christoffer Rosenkrands havde meldt afbud. 1. suppleant Thomas Bryde-Procida var indkaldt, men mødte ikke frem.",
            [("Christoffer Rosenkrands", None, None, "absent", "afbud", None, None)],
        ),
        (
            "Cæcilie Ryhl Olsson havde meldt afbud på selve mødedagen.",
            [("Cæcilie Ryhl Olsson", None, None, "absent", "afbud", None, None)],
        ),
        ("Sheikh Mohammed udeblev uden afbud.", [("Sheikh Mohammed", None, None, "absent", "uden afbud", None, None)]),
        (
            "Medlemmerne var mødt, bortset fra Anne V. Kristensen, Alice Espeholt, Laila M. Sørensen, Martin Merrild og "
            "Tove Videbæk, der havde meldt afbud. Jonas Dahl forlod mødet kl efter behandlingen af punkt 23.",
            [
                ("Anne V. Kristensen", None, None, "absent", "afbud", None, None),
                ("Alice Espeholt", None, None, "absent", "afbud", None, None),
                ("Laila M. Sørensen", None, None, "absent", "afbud", None, None),
                ("Martin Merrild", None, None, "absent", "afbud", None, None),
                ("Tove Videbæk", None, None, "absent", "afbud", None, None),
                ("Jonas Dahl", None, None, "present", "forlod mødet efter punkt 23", None, None),
            ],
        ),
        (
            "Anna Marie Touborg, Aleksander Aagaard og Bjarne Schmidt Nielsen erklærede sig inhabile og forlod "
            "Regionsrådsmødet under punkt 29.",
            [
                ("Anna Marie Touborg", None, None, "present", "inhabil", None, ("29",)),
                ("Aleksander Aagaard", None, None, "present", "inhabil", None, ("29",)),
                ("Bjarne Schmidt Nielsen", None, None, "present", "inhabil", None, ("29",)),
            ],
        ),
        (
            "Mødet Torsdag , D2/Rådhus Fraværende: Den 8. juni 2006: Isabella Meyer (C). Den 19. juni 2006: Ingen. "
            "Bemærkninger til dagsordenen: Den 8. juni 2006: Mødet blev afsluttet",
            [
                ("Isabella Meyer", "C", None, "absent", "fraværende den 8. juni 2006", None, None),
            ],
        ),
        (
            "Tilstede: Anne Hansen (V), Bo Jensen (A). Afbud: Ib Olsen (C).",
            [
                ("Anne Hansen", "V", None, "present", None, None, None),
                ("Bo Jensen", "A", None, "present", None, None, None),
                ("Ib Olsen", "C", None, "absent", "afbud", None, None),
            ],
        ),
        (
            "Anne Hansen deltog som stedfortræder for Bo Jensen.",
            [("Anne Hansen", None, "stedfortræder for Bo Jensen", "present", None, "Bo Jensen", None)],
        ),
        ("Fremmøde og inhabilitet:\n\nDagsordenen blev godkendt.", []),
        ("Sekretariatschef Gert Thorslund orienterede om Tilsynets afgørelse.", []),
        ("Borgerne havde meldt afbud til arrangementet.", []),
    ],
)
def test_find_attendance_prose(text: str, expected: list[tuple[object, ...]]) -> None:
    assert _prose(find_attendance_prose(text)) == expected


def _prose_rows(mentions: tuple[AttendanceMention, ...]) -> list[tuple[object, ...]]:
    return [(m.name, m.party, m.role, m.status, m.reason, m.substitute_for, m.items, m.item_range) for m in mentions]


HEDENSTED = """Beslutning
Jacob Ejs (A) var fraværende. Som stedfortræder deltog Helle Obenhausen Mortensen (A)
Merete Skovgaard-Jensen (V) var fraværende. Som stedfortræder deltog Peter Sebastian Petersen (V)
Hanne Grangaard (A) var fraværende.
Fraværende:
"""
SVENDBORG = (
    "Afbud fra Maria Haladyn (A), Karl Magnus Bidstrup (A), Birger Jensen (V). Som suppleanter er indkaldt "
    "Claus Krossteig (A), Astrid Ejlersen (A), Karen Kruse (V). Kommunalbestyrelsen godkendte dette."
)
FLIPPINGBOOK = "Byrådet, 23.02.2016 Helge Adam Møller og John Lauritzen var fraværende.\nByrådet sender sagen til"


@pytest.mark.parametrize(
    ("text", "meeting_record", "expected"),
    [
        # Substitutes named after the phrase, for the absentee named just before (Hedensted; Lyngby-Taarbæk, whose
        # copy lost the full stops after the substitutes' names).
        (
            HEDENSTED,
            False,
            [
                ("Jacob Ejs", "A", None, "absent", "fraværende", None, None, None),
                (
                    "Helle Obenhausen Mortensen",
                    "A",
                    "stedfortræder for Jacob Ejs",
                    "present",
                    None,
                    "Jacob Ejs",
                    None,
                    None,
                ),
                ("Merete Skovgaard-Jensen", "V", None, "absent", "fraværende", None, None, None),
                (
                    "Peter Sebastian Petersen",
                    "V",
                    "stedfortræder for Merete Skovgaard-Jensen",
                    "present",
                    None,
                    "Merete Skovgaard-Jensen",
                    None,
                    None,
                ),
                ("Hanne Grangaard", "A", None, "absent", "fraværende", None, None, None),
            ],
        ),
        (
            "Mette Hoff (A) var fraværende. I stedet deltog Rie Frank (A) Bodil Kornbek (A) var fraværende. I stedet deltog "
            "Silas Mudoh (A)",
            True,
            [
                ("Mette Hoff", "A", None, "absent", "fraværende", None, None, None),
                ("Rie Frank", "A", "stedfortræder for Mette Hoff", "present", None, "Mette Hoff", None, None),
                ("Bodil Kornbek", "A", None, "absent", "fraværende", None, None, None),
                ("Silas Mudoh", "A", "stedfortræder for Bodil Kornbek", "present", None, "Bodil Kornbek", None, None),
            ],
        ),
        (
            "I stedet for Jan Kaspersen deltog Morten Grøn.",
            False,
            [("Morten Grøn", None, "stedfortræder for Jan Kaspersen", "present", None, "Jan Kaspersen", None, None)],
        ),
        (
            "Suppleant Anne Hansen (V) deltog i stedet for Bo Jensen (V).",
            False,
            [("Anne Hansen", "V", "stedfortræder for Bo Jensen", "present", None, "Bo Jensen", None, None)],
        ),
        # Several substitutes for several absentees: whom each stood in for is not said (Svendborg).
        (
            SVENDBORG,
            False,
            [
                ("Maria Haladyn", "A", None, "absent", "afbud", None, None, None),
                ("Karl Magnus Bidstrup", "A", None, "absent", "afbud", None, None, None),
                ("Birger Jensen", "V", None, "absent", "afbud", None, None, None),
                ("Claus Krossteig", "A", "suppleant", "present", None, None, None, None),
                ("Astrid Ejlersen", "A", "suppleant", "present", None, None, None, None),
                ("Karen Kruse", "V", "suppleant", "present", None, None, None, None),
            ],
        ),
        # The absent member, a dash and the substitute (Roskilde's labelled line, Region Syddanmark's sentence).
        (
            "Fraværende: Evan Lynnerup (V) - Marianne Kiærulff (V) mødte som stedfortræder.",
            False,
            [
                ("Evan Lynnerup", "V", None, "absent", "fraværende", None, None, None),
                (
                    "Marianne Kiærulff",
                    "V",
                    "stedfortræder for Evan Lynnerup",
                    "present",
                    None,
                    "Evan Lynnerup",
                    None,
                    None,
                ),
            ],
        ),
        (
            "Bent Krogh Petersen - Bo Morthorst Rasmussen deltager som stedfortræder.",
            True,
            [
                ("Bent Krogh Petersen", None, None, "absent", None, None, None, None),
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
            ],
        ),
        # Members at the meeting but not at some items (Region Syddanmark, Lyngby-Taarbæk, Haderslev).
        (
            "Bente Bendix Jensen, Thyge Nielsen og Christina Gammelgaard Jensen deltog ikke i pkt. 14-19 og den lukkede "
            "dagsorden.",
            True,
            [
                ("Bente Bendix Jensen", None, None, "present", "deltog ikke", None, None, (14, 19)),
                ("Thyge Nielsen", None, None, "present", "deltog ikke", None, None, (14, 19)),
                ("Christina Gammelgaard Jensen", None, None, "present", "deltog ikke", None, None, (14, 19)),
            ],
        ),
        (
            "Morten Normann Jørgensen deltog ikke under punkt. 18. Curt Købsted var fraværende under punkterne 19, 20 og 21.",
            True,
            [
                ("Morten Normann Jørgensen", None, None, "present", "deltog ikke", None, ("18",), None),
                ("Curt Købsted", None, None, "present", "fraværende", None, ("19", "20", "21"), None),
            ],
        ),
        (
            "Jakob Engel-Schmidt var fraværende under punkt 13. Curt Købsted var fraværende under punkterne 14-18.",
            False,
            [
                ("Jakob Engel-Schmidt", None, None, "present", "fraværende", None, ("13",), None),
                ("Curt Købsted", None, None, "present", "fraværende", None, None, (14, 18)),
            ],
        ),
        (
            "Bemærkninger: Gunnar Nielsen medvirkede ikke ved behandlingen af pkt. 357, idet han var inhabil.",
            True,
            [("Gunnar Nielsen", None, None, "present", "inhabil", None, ("357",), None)],
        ),
        # Names a copying site ran together: the last one is the subject (Vesthimmerland).
        (
            "31 Afbud Mads Krarup Nielsen Torben Myrup gik efter punkt 141. Per Bisgaard gik efter punkt 143.",
            True,
            [
                ("Torben Myrup", None, None, "present", "gik efter punkt 141", None, None, None),
                ("Per Bisgaard", None, None, "present", "gik efter punkt 143", None, None, None),
            ],
        ),
        # A labelled list run together with the text around it (Esbjerg's copy, and the form with another label).
        (
            "Mødested: Deltagere: Borgmesterens mødelokale Johnny Søtrup (V), Henrik Vallø (C), Henning Ravn (V), Henning "
            "Overgaard (Ø) Afbud: Fraværende:",
            True,
            [
                ("Johnny Søtrup", "V", None, "present", None, None, None, None),
                ("Henrik Vallø", "C", None, "present", None, None, None, None),
                ("Henning Ravn", "V", None, "present", None, None, None, None),
                ("Henning Overgaard", "Ø", None, "present", None, None, None, None),
            ],
        ),
        (
            "Tilstede: Mødelokale 2 Anne Hansen (V), Bo Jensen (A), Ib Olsen (C) Sekretær: Ingen",
            True,
            [
                ("Anne Hansen", "V", None, "present", None, None, None, None),
                ("Bo Jensen", "A", None, "present", None, None, None, None),
                ("Ib Olsen", "C", None, "present", None, None, None, None),
            ],
        ),
        # "X var fraværende" in an item that names no substitute is the item's note (Flippingbook's decision line),
        # the meeting's only in its attendance record.
        (FLIPPINGBOOK, False, []),
        (
            FLIPPINGBOOK,
            True,
            [
                ("Helge Adam Møller", None, None, "absent", "fraværende", None, None, None),
                ("John Lauritzen", None, None, "absent", "fraværende", None, None, None),
            ],
        ),
        ("Afbud fra Anne Hansen (V).\nGodkendt.", False, []),
        # Small variants of the same families: labels, "forfald", a substitute named before the verb.
        (
            "Mødt: Anne Hansen (V), Bo Jensen (A). Ikke mødt: Ib Olsen (C). Forfald: Kaj Berg (C).",
            True,
            [
                ("Anne Hansen", "V", None, "present", None, None, None, None),
                ("Bo Jensen", "A", None, "present", None, None, None, None),
                ("Kaj Berg", "C", None, "absent", "forfald", None, None, None),
            ],
        ),
        (
            "Anne Hansen (V) havde forfald. Som stedfortræder for Anne Hansen (V) deltog Bo Jensen (V). Ib Olsen (C) var "
            "forhindret i at deltage i mødet.",
            True,
            [
                ("Anne Hansen", "V", None, "absent", "forfald", None, None, None),
                ("Bo Jensen", "V", "stedfortræder for Anne Hansen", "present", None, "Anne Hansen", None, None),
                ("Ib Olsen", "C", None, "absent", "forhindret", None, None, None),
            ],
        ),
    ],
    ids=[
        "hedensted",
        "lyngby-flattened",
        "lyngby-i-stedet-for",
        "i-stedet-for-after",
        "svendborg",
        "roskilde-dash",
        "regionsyddanmark-dash",
        "regionsyddanmark-items",
        "lyngby-items",
        "lyngby-range",
        "haderslev-inhabil",
        "vesthimmerland-run",
        "esbjerg-flattened-label",
        "flattened-label",
        "flippingbook-item",
        "flippingbook-record",
        "afbud-fra-item",
        "labels",
        "forfald-and-substitute",
    ],
)
def test_attendance_prose_forms(text: str, meeting_record: bool, expected: list[tuple[object, ...]]) -> None:
    assert _prose_rows(find_attendance_prose(text, meeting_record=meeting_record)) == expected


def test_prose_says_after_which_item_a_member_left() -> None:
    """Region Midtjylland's "forlod mødet ... efter behandlingen af punkt 23", Vesthimmerland's "gik efter punkt 141"
    and "gik under punkt 145": the items after it are the ones the member missed."""
    text = (
        "Jonas Dahl forlod mødet kl efter behandlingen af punkt 23. Torben Myrup gik efter punkt 141. Kai Wisti "
        "Lassen gik under punkt 145. Bent Hansen erklærede sig inhabil og forlod Regionsrådsmødet under punkt 31."
    )
    assert [(m.name, m.after_item, m.items) for m in find_attendance_prose(text, meeting_record=True)] == [
        ("Jonas Dahl", "23", None),
        ("Torben Myrup", "141", None),
        ("Kai Wisti Lassen", "145", None),
        ("Bent Hansen", None, ("31",)),
    ]


def test_prose_merges_with_the_block() -> None:
    """Summoned members named absent in the prose are absent, substitutes are added, and a member absent from
    some items keeps the items (Lyngby-Taarbæk's Indkaldelse and the sentences under it)."""
    block = parse_participant_block(LYNGBY_INDKALDELSE)
    merged = merge_prose(block, find_attendance_prose(LYNGBY_INDKALDELSE, meeting_record=True))
    assert [(m.name, m.status, m.role, m.items) for m in merged][:6] == [
        ("Hanne Agersnap", "present", None, None),
        ("Bodil Kornbek", "absent", None, None),
        ("Mette Hoff", "absent", None, None),
        ("Ib Carlsen", "present", None, None),
        ("Søren Hansen", "present", None, None),
        ("Lene Magnussen", "present", None, None),
    ]
    assert {(m.name, m.role, m.items) for m in merged[8:]} == {
        ("Rie Frank", "stedfortræder for Mette Hoff", None),
        ("Silas Mudoh", "stedfortræder for Bodil Kornbek", None),
        ("Jakob Engel-Schmidt", None, ("13",)),
    }
    assert LYNGBY_INDKALDELSE[merged[2].start : merged[2].end] == "Mette Hoff (A)"
    left = merge_prose(
        parse_participant_block("Deltagere\nJonas Dahl (A), Bo Jensen (V)\n"),
        find_attendance_prose("Jonas Dahl forlod mødet efter behandlingen af punkt 23."),
    )
    assert [(m.name, m.status, m.reason, m.after_item) for m in left] == [
        ("Jonas Dahl", "present", "forlod mødet efter punkt 23", "23"),
        ("Bo Jensen", "present", None, None),
    ]


def _meeting(mentions: tuple[AttendanceMention, ...]) -> Meeting:
    attendance = tuple(
        Attendance(m.name, m.party, m.role, m.status, m.reason, m.substitute_for, m.start, m.end) for m in mentions
    )
    return Meeting("Ballerup", "Byrådet", "2025-01-01", attendance_recorded=bool(attendance), attendance=attendance)


@pytest.mark.parametrize(
    ("mentions", "in_full"),
    [
        (parse_participant_block(SEED_004), True),
        (parse_participant_block(REGIONSJAELLAND), True),
        (find_attendance_prose("Tilstede: Anne Hansen (V), Bo Jensen (A). Afbud: Ib Olsen (C)."), True),
        # Only the absent, the substitutes who stood in for them, and members who sat out items: not recorded in full.
        (find_attendance_prose(HEDENSTED), False),
        (find_attendance_prose(SVENDBORG), False),
        (find_attendance_prose("Mikkel Houmann havde meldt afbud, og Peter Steffensen deltog i stedet."), False),
        (
            find_attendance_prose(
                "Medlemmerne var mødt, bortset fra Anne V. Kristensen og Tove Videbæk, der havde meldt "
                "afbud. Jonas Dahl forlod mødet kl efter behandlingen af punkt 23."
            ),
            False,
        ),
        ((), False),
    ],
    ids=[
        "firstagenda-004",
        "regionsjaelland",
        "tilstede",
        "hedensted",
        "svendborg",
        "koebenhavn",
        "regionmidt",
        "none",
    ],
)
def test_presence_is_recorded_in_full_only_where_the_present_are_listed(
    mentions: tuple[AttendanceMention, ...], in_full: bool
) -> None:
    meeting = _meeting(mentions)
    assert meeting.presence_recorded is in_full
    assert replace(meeting, attendance=()).presence_recorded is False  # worked out again from the attendance


def _parsed_meeting(text: str) -> Meeting:
    document = Document(id="x", sha256="", path="x.txt", media_type="txt", size=len(text), text=text, kind="minutes")
    return parse_meeting(document).meeting


ITEMS = "1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n2. Budget 2026\nBeslutning\nGodkendt.\n"


@pytest.mark.parametrize(
    "note",
    [
        # Haderslev's header: the only attendance note is of a member who sat out one item.
        "Bemærkninger: Gunnar Nielsen medvirkede ikke ved behandlingen af pkt. 2, idet han var inhabil.",
        "Bo Jul Nielsen erklærede sig inhabil vedr. pkt. 2.",
    ],
)
def test_notes_on_single_items_are_not_the_meetings_attendance(note: str) -> None:
    meeting = _parsed_meeting(f"Referat\nByrådet\nMødedato: 27.03.2008\n{note}\n{ITEMS}")
    assert (meeting.attendance_recorded, meeting.attendance) == (False, ())
    assert [(item.number, [a.reason for a in item.absences]) for item in meeting.items] == [
        ("1", []),
        ("2", ["inhabil"]),
    ]


@pytest.mark.parametrize(
    ("note", "reason"),
    [
        ("Jonas Dahl forlod mødet efter behandlingen af punkt 1.", "forlod mødet efter punkt 1"),  # Region Midtjylland
        ("Jonas Dahl gik under punkt 1.", "gik under punkt 1"),  # Københavns Borgerrepræsentation
    ],
)
def test_a_member_who_left_is_absent_from_every_later_item(note: str, reason: str) -> None:
    text = (
        f"Referat\nByrådet\nMødedato: 27.03.2008\nDeltagere: Jonas Dahl (A), Bo Jensen (V)\n{note}\n"
        f"{ITEMS}3. Lokalplan 12\nBeslutning\nGodkendt.\n"
    )
    meeting = _parsed_meeting(text)
    assert [(item.number, [(a.name, a.reason) for a in item.absences]) for item in meeting.items] == [
        ("1", []),
        ("2", [("Jonas Dahl", reason)]),
        ("3", [("Jonas Dahl", reason)]),
    ]


def test_attendance_in_the_first_items_prose_is_the_meetings() -> None:
    # Svendborg and Hedensted write who was absent, and who stood in, in the first item's decision.
    text = (
        "Referat\nKommunalbestyrelsen\nMødedato: 25.03.2025\n1. Godkendelse af dagsorden\nBeslutning\n"
        "Afbud fra Maria Haladyn (A). Som suppleant deltog Claus Krossteig (A).\nGodkendt.\n"
        "2. Budget 2026\nBeslutning\nGodkendt.\n"
    )
    meeting = _parsed_meeting(text)
    assert meeting.attendance_recorded
    assert [(a.name, a.status) for a in meeting.attendance] == [
        ("Maria Haladyn", "absent"),
        ("Claus Krossteig", "present"),
    ]
    assert meeting.presence_recorded is False
    # Said once, in the first item (Hedensted's roll call): the meeting's absence, not one the item was sat out.
    assert [item.absences for item in meeting.items] == [(), ()]
    # Said again under a later item (Svendborg): each item's own note too.
    repeated = _parsed_meeting(
        text.replace(
            "2. Budget 2026\nBeslutning\nGodkendt.\n",
            "2. Budget 2026\nBeslutning\nGodkendt.\nAfbud fra Maria Haladyn (A).\n",
        )
    )
    assert [(a.name, a.status) for a in repeated.attendance] == [
        ("Maria Haladyn", "absent"),
        ("Claus Krossteig", "present"),
    ]
    assert [[a.name for a in item.absences] for item in repeated.items] == [["Maria Haladyn"], ["Maria Haladyn"]]


def test_prose_offsets_name_the_person() -> None:
    text = "Lis Søkvist havde meldt afbud, og Christian Hesselberg deltog i stedet."
    assert [text[m.start : m.end] for m in find_attendance_prose(text)] == ["Lis Søkvist", "Christian Hesselberg"]


# ---------------------------------------------------------------------------------------------- absence phrases


def _check_phrase(phrase: Phrase) -> bool:
    checks: dict[str, Callable[[str], bool]] = {
        "heading": lambda text: bool(phrase.pattern.fullmatch(text)),
        "marker": lambda text: any(
            m.status == phrase.status and m.reason == (phrase.reason or None) for m in parse_participant_block(text)
        ),
        "item_line": lambda text: any(m.reason == phrase.reason for m in find_absences(text)),
        "item_after": lambda text: any(
            m.reason == phrase.reason.replace("{after}", m.after_item or "") for m in find_absences(text)
        ),
        "prose_after": lambda text: any(m.status == phrase.status for m in find_attendance_prose(text)),
        "prose_list": lambda text: any(
            m.status == phrase.status and (m.role or "").startswith(phrase.role) and (m.reason or "") == phrase.reason
            for m in find_attendance_prose(text)
        ),
        "prose_except": lambda text: any(m.status == "absent" for m in find_attendance_prose(text)),
        "prose_except_end": lambda text: bool(phrase.pattern.fullmatch(text)),
        "prose_label": lambda text: any(
            m.status == phrase.status and (m.reason or "").startswith(phrase.reason)
            for m in find_attendance_prose(text)
        ),
    }
    return checks[phrase.scope](phrase.example)


@pytest.mark.parametrize("phrase", load_phrases(), ids=lambda phrase: f"{phrase.scope}:{phrase.example[:30]}")
def test_every_absence_phrase_works_on_its_own_example(phrase: Phrase) -> None:
    assert _check_phrase(phrase), f"{phrase.scope} {phrase.pattern.pattern} on {phrase.example!r}"


@pytest.mark.parametrize(
    "phrase",
    [phrase for phrase in load_phrases() if phrase.scope in ("item_line", "item_after")],
    ids=lambda phrase: f"{phrase.scope}:{phrase.example[:30]}",
)
def test_items_are_searched_for_every_absence_phrase(phrase: Phrase) -> None:
    """An item's text is searched for absences only when it has one of item_body's words: every phrase's example
    must have one, or the phrase would never be looked for."""
    assert any(word in phrase.example.casefold() for word in _ABSENCE_WORDS), phrase.example
