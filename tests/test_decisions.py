"""Decisions inside an agenda item, as real minutes print them: who decided and when, which decision is this
meeting's, and the forms around a decision section (chains, a committee's recommendation, a decision printed
above its empty heading, a new item's case number, absences inside a decision). Each form is tested with the
lines of at least two municipalities where the corpus has them, else with a small synthetic variant."""

from __future__ import annotations

import pytest

from referat.extractors.minutes.decisions import ItemContext, heading_body_date, same_body
from referat.extractors.minutes.item_body import chain_line, parse_item_body
from referat.extractors.minutes.lines import split_lines
from referat.extractors.minutes.parse import as_kind, parse_meeting
from referat.models.records import Decision, Document


def decisions_of(text: str, committee: str | None, date: str | None) -> tuple[Decision, ...]:
    """The decisions of one item whose lines are `text`, at a meeting of `committee` on `date`."""
    document = Document(id="test", sha256=None, path="item.txt", media_type="text/plain", size=len(text), text=text)
    context = ItemContext(committee, date, int(date[:4]) if date else None)
    found = parse_item_body(text, list(split_lines(document)), context).decisions
    for decision in found:  # provenance: a decision's text is the document's characters at its offsets
        assert text[decision.start : decision.end] == decision.text
    return found


def summary(decisions: tuple[Decision, ...]) -> list[tuple[str | None, str | None, str, str]]:
    return [(d.body, d.date, " ".join(d.text.split()), d.outcome) for d in decisions]


# --- who decided, and when ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "body", "date"),
    [
        ("Beslutning Økonomiudvalget den 18-08-2014", "Økonomiudvalget", "2014-08-18"),  # Kolding
        ("Beslutning Byrådet den 25-08-2014", "Byrådet", "2014-08-25"),  # Kolding
        ("Beslutning i Kommunalbestyrelsen den 25-03-2025", "Kommunalbestyrelsen", "2025-03-25"),  # Svendborg
        ("Beslutning i Udvalget for Ældre og Sundhed den 04-06-2020", "Udvalget for Ældre og Sundhed", "2020-06-04"),
        (
            "Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 2",
            "Sundheds- og Forebyggelsesudvalget",
            "2012-12-04",
        ),  # Ballerup
        # the date lost (Esbjerg, a flattened copy; a synthetic variant)
        ("Beslutning Økonomiudvalget den", "Økonomiudvalget", None),
        ("Beslutning i Byrådet den", "Byrådet", None),
        ("Beslutning", None, None),
    ],
)
def test_a_decision_heading_names_its_body_and_date(heading: str, body: str | None, date: str | None) -> None:
    assert heading_body_date(heading, ItemContext(None, None, 2020)) == (body, date)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Herning Byråd", "Byrådet", True),  # Herning's header, a decision's body
        ("Kommunalbestyrelsen 2022-2025", "Kommunalbestyrelsen", True),  # Hedensted's header
        ("Sundheds- og Forebyggelsesudvalgets", "Sundheds- og Forebyggelsesudvalget", True),  # Ballerup
        ("Kolding Byråd", "Byrådet", True),
        ("Økonomiudvalget", "Byrådet", False),
        ("Teknik- og Miljøudvalget", "Økonomiudvalget", False),
        ("Dato: |", "Byrådet", False),
    ],
)
def test_names_of_one_body(a: str, b: str, same: bool) -> None:
    assert same_body(a, b) is same
    assert same_body(b, a) is same


# --- this meeting's decision first, the chain after it --------------------------------------------------------

KOLDING = """Sagsfremstilling
Jørn Dohrmann har anmodet om orlov fra Kolding Byråd fra den 1. september 2014.
Beslutning Økonomiudvalget den 18-08-2014
Forslaget indstilles til godkendelse.
Beslutning Byrådet den 25-08-2014
Godkendt.
Sagsnr.: 14/12603
Dansk Folkepartis Byrådsgruppe anmoder om omkonstituering i forbindelse med Jørn Dohrmanns fravær.
"""
KOLDING_DECISIONS = [
    ("Byrådet", "2014-08-25", "Godkendt.", "approved"),
    ("Økonomiudvalget", "2014-08-18", "Forslaget indstilles til godkendelse.", "recommended"),
]
SVENDBORG = """Beslutning i Kommunalbestyrelsen den 25-03-2025
Venstre indstiller, at Freja Blegholm Hansen vælges som repræsentant til Sydfyns Elforsynings repræsentantskab.
Kommunalbestyrelsen godkendte dette.
"""
SVENDBORG_DECISIONS = [
    (
        "Kommunalbestyrelsen",
        "2025-03-25",
        "Venstre indstiller, at Freja Blegholm Hansen vælges som"
        " repræsentant til Sydfyns Elforsynings repræsentantskab. Kommunalbestyrelsen godkendte dette.",
        "approved",
    )
]


@pytest.mark.parametrize(
    ("text", "committee", "date", "expected"),
    [
        (KOLDING, "Byrådet", "2014-08-25", KOLDING_DECISIONS),
        (KOLDING, "Kolding Byråd", "2014-08-25", KOLDING_DECISIONS),
        # the meeting's committee misread from a damaged header: the decision dated on the meeting's day is its own
        (KOLDING, "Dato: |", "2014-08-25", KOLDING_DECISIONS),
        (SVENDBORG, "Referat", "2025-03-25", SVENDBORG_DECISIONS),
        (SVENDBORG, "Kommunalbestyrelsen 2022-2025", "2025-03-25", SVENDBORG_DECISIONS),
        # at the committee's own meeting, the committee's decision is this meeting's
        (KOLDING, "Økonomiudvalget", "2014-08-18", KOLDING_DECISIONS[::-1]),
        # no date to go by (lost in a flattened copy): the body's name decides, in whichever form it is printed
        (
            "Beslutning Byrådet den\nGodkendt.\nØkonomi- og Erhvervsudvalget, 16-08-2021\nAnbefales.\n",
            "Herning Byråd",
            "2021-08-24",
            [
                ("Byrådet", "2021-08-24", "Godkendt.", "approved"),
                ("Økonomi- og Erhvervsudvalget", "2021-08-16", "Anbefales.", "recommended"),
            ],
        ),
    ],
)
def test_this_meetings_decision_comes_first(
    text: str, committee: str, date: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert summary(decisions_of(text, committee, date)) == expected


RODOVRE = """Teknik- og Miljøudvalget, 10. september 2019, pkt. 65:
Anbefales.
Økonomiudvalget, 18. september 2019, pkt. 153:
Indstilles godkendt.
"""
ROSKILDE = """Sagsfremstilling
Museumsdirektør Birgitte Kirkhoff Eriksen vil præsentere museets tanker om ny strategi og lægge op til debat.
Kultur- og Idrætsudvalget, 03-04-2019, pkt. 44
Drøfte
"""


def test_chained_decisions_follow_this_meetings() -> None:
    """Rødovre's chain of committee recommendations, then the council's decision."""
    found = decisions_of(RODOVRE + "Beslutning\nGodkendt.\n", "Kommunalbestyrelsen", "2019-09-24")
    assert summary(found) == [
        ("Kommunalbestyrelsen", "2019-09-24", "Godkendt.", "approved"),
        ("Teknik- og Miljøudvalget", "2019-09-10", "Anbefales.", "recommended"),
        ("Økonomiudvalget", "2019-09-18", "Indstilles godkendt.", "recommended"),
    ]


def test_a_chain_line_naming_this_meeting_is_its_decision() -> None:
    """Roskilde prints the meeting's own decision under "<Udvalg>, dd-mm-yyyy, pkt. N"."""
    found = decisions_of(ROSKILDE, "Kultur- og Idrætsudvalget", "2019-04-03")
    assert summary(found) == [("Kultur- og Idrætsudvalget", "2019-04-03", "Drøfte", "discussed")]


@pytest.mark.parametrize(
    ("line", "chain"),
    [
        ("Teknik- og Miljøudvalget, 10. september 2019, pkt. 65:", True),  # Gribskov
        ("Kultur- og Idrætsudvalget, 03-04-2019, pkt. 42", True),  # Roskilde
        ("Social og Sundhed, 6. januar 2020, pkt. 123:", True),  # Stevns: a committee named by its subjects
        ("Direktionen, 6. januar 2020, pkt. 2:", True),  # Stevns
        ("Byrådet, 23.02.2016", True),  # flippingbook
        ("Udvalget for Ældre og Sundhed, 12.03.2020", True),  # variant
        # A phrase that ends in a body's name is no chain: a report's subtitle, a sentence.
        ("Rapport nr. 5 til Klima- og Miljøudvalget, 30. juli 2016", False),
        ("Sagen blev behandlet i Økonomiudvalget, 12.03.2020", False),
    ],
)
def test_chain_lines(line: str, chain: bool) -> None:
    assert (chain_line(line) is not None) is chain


@pytest.mark.parametrize(
    ("text", "committee", "date"),
    [
        (RODOVRE, "Kommunalbestyrelsen", "2019-09-24"),  # the council's decision is not (yet) printed
        (KOLDING.split("Beslutning Byrådet")[0], "Byrådet", "2014-08-25"),
        (ROSKILDE, "Kultur- og Idrætsudvalget", "2019-05-08"),  # the chain is an earlier meeting's
    ],
)
def test_a_missing_decision_is_not_invented(text: str, committee: str, date: str) -> None:
    """A truncated item (or an agenda) whose text holds only earlier decisions has no decision of record."""
    assert decisions_of(text, committee, date) == ()


# --- decision sections in other forms ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "committee", "date", "expected"),
    [
        # Ishøj: a closed item's public decision
        (
            "Offentlig beslutning der skal udfyldes, hvis punktet er lukket\nDet tiltrædes, at der gives bevilling til"
            " opsætning af pavilloner - midlertidigt jobcenter.\n",
            "Ishøj Byråd",
            "2021-08-10",
            [
                (
                    "Ishøj Byråd",
                    "2021-08-10",
                    "Det tiltrædes, at der gives bevilling til opsætning af pavilloner - midlertidigt jobcenter.",
                    "approved",
                )
            ],
        ),
        # Esbjerg (a flattened copy): the heading's date lost, the decision on the heading's line
        (
            "Åben sag\nBeslutning Økonomiudvalget den Godkendt. Afbud: Ingen\n",
            "Økonomiudvalget",
            "2014-10-06",
            [("Økonomiudvalget", "2014-10-06", "Godkendt. Afbud: Ingen", "approved")],
        ),
        # Spøttrup (Intranote): "Vedtagelse:"
        (
            "Der er ikke indkommet skriftlige spørgsmål til mødet.\nVedtagelse:\nDer var ingen spørgsmål\n",
            "Kommunalbestyrelsen",
            "2004-06-24",
            [("Kommunalbestyrelsen", "2004-06-24", "Der var ingen spørgsmål", "other")],
        ),
    ],
)
def test_decision_sections_in_other_forms(
    text: str, committee: str, date: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert summary(decisions_of(text, committee, date)) == expected


# --- a committee's recommendation printed as the item's Indstilling ---------------------------------------------

HERNING = """Indstilling
Økonomi- og Erhvervsudvalget indstiller,
at orienteringen tages til efterretning.
Økonomi- og Erhvervsudvalget indstiller,
Beslutning
Indstillingen er tiltrådt.
"""


@pytest.mark.parametrize(
    ("text", "committee", "expected"),
    [
        # Herning Byråd (eDoc)
        (
            HERNING,
            "Herning Byråd",
            [
                ("Herning Byråd", "2021-08-24", "Indstillingen er tiltrådt.", "approved"),
                (
                    "Økonomi- og Erhvervsudvalget",
                    None,
                    "Økonomi- og Erhvervsudvalget indstiller, at orienteringen tages til efterretning.",
                    "recommended",
                ),
            ],
        ),
        # a synthetic variant: the recommendation on one line
        (
            "Indstilling\nTeknik- og Miljøudvalget indstiller, at lokalplanen vedtages endeligt.\nBeslutning\nGodkendt.\n",
            "Byrådet",
            [
                ("Byrådet", "2021-08-24", "Godkendt.", "approved"),
                (
                    "Teknik- og Miljøudvalget",
                    None,
                    "Teknik- og Miljøudvalget indstiller, at lokalplanen vedtages endeligt.",
                    "recommended",
                ),
            ],
        ),
        # the administration's proposal (Roskilde) and the meeting's own committee are no earlier decision
        (
            "Indstilling\nForvaltningen indstiller, at vision og strategi 2019-21 for Museet for Samtidskunst drøftes.\n"
            "Beslutning\nDrøftet.\n",
            "Kultur- og Idrætsudvalget",
            [("Kultur- og Idrætsudvalget", "2021-08-24", "Drøftet.", "discussed")],
        ),
        (
            "Indstilling\nØkonomiudvalget indstiller, at budgettet godkendes.\nBeslutning\nAnbefales.\n",
            "Økonomiudvalget",
            [("Økonomiudvalget", "2021-08-24", "Anbefales.", "recommended")],
        ),
    ],
)
def test_a_committees_recommendation_is_an_earlier_decision(
    text: str, committee: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert summary(decisions_of(text, committee, "2021-08-24")) == expected


def test_a_committees_recommendation_alone_is_no_decision_of_record() -> None:
    """An agenda of the council: the committee's recommendation is there, the council's decision is not."""
    assert decisions_of(HERNING.split("Beslutning")[0], "Herning Byråd", "2021-08-24") == ()


# --- a decision printed above its empty heading ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Herning, Ældrerådet (eDoc)
        ("Indstilling\nFormanden indstiller,\nReferatet blev godkendt.\nBeslutning\n", "Referatet blev godkendt."),
        # ... with the next item's lines after the empty heading (its title was not found as a heading)
        (
            "Indstilling\nFormanden indstiller,\nReferatet blev godkendt.\nBeslutning\n"
            "Sagsnr.: 27.42.00-G01-3-14 Sagsbehandler: Pia Ladefoged\nTemadrøftelse om plejecentre\n",
            "Referatet blev godkendt.",
        ),
        # a synthetic variant: the recommendation's clause, then the decision
        (
            "Indstilling\nBorgmesteren indstiller,\nat regnskabet godkendes.\nRegnskabet blev godkendt.\nBeslutning\n",
            "Regnskabet blev godkendt.",
        ),
    ],
)
def test_a_decision_printed_above_its_empty_heading(text: str, expected: str) -> None:
    found = decisions_of(text, "Ældrerådet", "2014-09-10")
    assert summary(found) == [("Ældrerådet", "2014-09-10", expected, "approved")]


@pytest.mark.parametrize(
    "text",
    [
        # København, a lokaludvalg: the recommendation, and an empty decision heading (a truncated page)
        "Indstilling\nFormanden indstiller,\n1. at Lokaludvalget godkender dagsordenen\nBeslutning\n",
        # Roskilde: the administration's proposal on one line
        "Indstilling\nForvaltningen indstiller, at vision og strategi 2019-21 for Museet for Samtidskunst drøftes.\n"
        "Beslutning\n",
        # a recommendation without its opening: a proposal, not a decision
        "Indstilling\nPlanen godkendes.\nBeslutning\n",
    ],
)
def test_an_empty_decision_heading_gets_no_invented_decision(text: str) -> None:
    assert decisions_of(text, "Ældrerådet", "2014-09-10") == ()


# --- where a decision ends --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a case number's label starts the next item (Kolding; Hedensted)
        (
            "Beslutning\nGodkendt.\nSagsnr.: 14/12603\nDansk Folkepartis Byrådsgruppe anmoder om omkonstituering.\n",
            "Godkendt.",
        ),
        (
            "Beslutning\nDer er ikke indenfor den angivne tidsfrist indkommet spørgsmål til kommunalbestyrelsens"
            " spørgetid.\nFraværende:\nSagsnr.: 00.32.10-S00-1-24\nKommunalbestyrelsen skal tage stilling til"
            " Revisionsberetning nr. 34.\n",
            "Der er ikke indenfor den angivne tidsfrist indkommet spørgsmål til kommunalbestyrelsens spørgetid.",
        ),
        # an absence line after the decision ends it (Roskilde) ...
        (
            "Kultur- og Idrætsudvalget, 03-04-2019, pkt. 42\nTillægsdagsordenen blev optaget på dagsordenen som punkt 55.\n"
            "Herefter godkendt.\nFraværende: Evan Lynnerup (V) - Marianne Kiærulff (V) mødte som stedfortræder.\n"
            "Pkt. 43\nMeddelelser fra formanden\n",
            "Tillægsdagsordenen blev optaget på dagsordenen som punkt 55. Herefter godkendt.",
        ),
        # ... unless the decision goes on below it (Svendborg; a synthetic variant)
        (
            "Beslutning\nDer var spørgsmål fra Helle Wisbech, Helene Granhøj, Lars granhøj og Bjarne Dencker-jensen.\n"
            "Afbud fra Maria Haladyn (A), Karl Magnus Bidstrup (A), Birger Jensen (V). Som suppleanter er indkaldt Claus"
            " Krossteig (A), Astrid Ejlersen (A), Karen Kruse (V). Kommunalbestyrelsen godkendte dette.\n"
            "Dagsorden godkendt.\nBeslutningstema\nUdpegning af medlem til repræsentantskabet for Sydfyns Elforsyning.\n",
            "Der var spørgsmål fra Helle Wisbech, Helene Granhøj, Lars granhøj og Bjarne Dencker-jensen. Afbud fra Maria"
            " Haladyn (A), Karl Magnus Bidstrup (A), Birger Jensen (V). Som suppleanter er indkaldt Claus Krossteig (A),"
            " Astrid Ejlersen (A), Karen Kruse (V). Kommunalbestyrelsen godkendte dette. Dagsorden godkendt.",
        ),
        (
            "Beslutning\nDer var ingen spørgsmål.\nAfbud: Anne Hansen (A)\nDagsordenen blev godkendt.\n",
            "Der var ingen spørgsmål. Afbud: Anne Hansen (A) Dagsordenen blev godkendt.",
        ),
        ("Beslutning\nGodkendt.\nAfbud: Anne Hansen (A)\nBilag 1: Tidsplan for projektet\n", "Godkendt."),
    ],
)
def test_where_a_decision_ends(text: str, expected: str) -> None:
    found = decisions_of(text, "Kultur- og Idrætsudvalget", "2019-04-03")
    assert [" ".join(decision.text.split()) for decision in found][:1] == [expected]


# --- the document's kind ---------------------------------------------------------------------------------------

# Aarhus' agenda prints a party's proposal with the decision it asks for under "Beslutning:"; an agenda is printed
# before the meeting, so that is no decision of record.
PROPOSAL_AGENDA = (
    "Dagsorden\nAarhus Byråd\nMødedato: 08.10.2025\n"
    "1. Godkendelse af dagsorden\nIndstilling\nDagsordenen godkendes.\n"
    "2. Svar på forslag fra RV om Aarhus City Metro\nForslag:\nBeslutning:\n"
    "Byrådet beslutter at hjemtage tilbud på ekstern rådgivning.\n"
    "3. Budget 2026\nIndstilling\nAt budgettet godkendes.\n"
)


def test_an_agenda_holds_no_decisions_and_minutes_miss_none_unsaid() -> None:
    document = Document(
        id="x",
        sha256=None,
        path="x.txt",
        media_type="txt",
        size=len(PROPOSAL_AGENDA),
        text=PROPOSAL_AGENDA,
        kind="agenda",
    )
    parsed = parse_meeting(document)
    assert [bool(item.decisions) for item in parsed.meeting.items] == [False, True, False]
    agenda = as_kind(parsed, "agenda")
    assert agenda.meeting.kind == "agenda" and not any(item.decisions for item in agenda.meeting.items)
    assert [section.kind for section in agenda.meeting.items[1].sections][-1:] == ["decision"]  # its words kept
    assert not any("without a decision" in warning for warning in agenda.warnings)
    minutes = as_kind(parsed, "minutes")
    assert [bool(item.decisions) for item in minutes.meeting.items] == [False, True, False]
    assert "2 item(s) without a decision in minutes: 1, 3" in minutes.warnings and minutes.doubtful
