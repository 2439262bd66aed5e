"""Item headings in the forms municipalities print them, each from real lines of the corpus (the municipality is
named) and a small made-up variant of the same form: the minutes reader finds the items, their numbers, titles,
case numbers and closed state, and nothing else."""

from __future__ import annotations

import pytest

from referat.extractors.minutes.parse import parse_meeting
from referat.models.records import Document


def items(text: str) -> list[tuple[str | None, str | None, str | None, bool]]:
    """(number, title, case number, closed) of each item the reader finds in `text`."""
    document = Document(id="x", sha256="", path="x.txt", media_type="txt", size=len(text), text=text, kind="minutes")
    return [(item.number, item.title, item.case_number, item.closed) for item in parse_meeting(document).meeting.items]


BODY = "Sagsfremstilling\nSagen er beskrevet her.\nBeslutning\nGodkendt.\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(  # Roskilde: a bullet list of the items, then each item as "Pkt. 42" above its title
            "Referat\nDato: Onsdag, April 3, 2019 - 18:00\n"
            "• Pkt. 42 Beslutninger om dagsordenen\n\nPkt. 42\n\nBeslutninger om dagsordenen\n\n"
            "Sagsnr. 299835 Kultur- og Idrætsudvalget Åbent punkt\n\nBeslutning\n\nGodkendt.\n\n"
            "• Pkt. 43 Meddelelser fra formanden\n\nPkt. 43\n\nMeddelelser fra formanden\n\n"
            "Sagsnr. 299835 Kultur- og Idrætsudvalget Åbent punkt\n\nBeslutning\n\nTaget til efterretning.\n",
            [
                ("42", "Beslutninger om dagsordenen", "299835", False),
                ("43", "Meddelelser fra formanden", "299835", False),
            ],
            id="Roskilde: Pkt. N above its title",
        ),
        pytest.param(  # Roskilde: the item's attachments listed between the bullet and the item's own heading
            "Referat\nDato: Onsdag, April 3, 2019 - 18:00\n"
            "• Pkt. 43 Meddelelser fra formanden\n\nPkt. 43\n\nMeddelelser fra formanden\n\n"
            "Sagsnr. 299835 Kultur- og Idrætsudvalget Åbent punkt\n\nBeslutning\n\nTaget til efterretning.\n\n"
            "• Pkt. 44 Ny strategiplan for Museet for Samtidskunst\n\n"
            "Arbejdsplan_2019.pdf Vision_og_strategi_2019-21.pdf Idekatalog_Museum_uden_mure.pdf\n\n"
            "Pkt. 44\n\nNy strategiplan for Museet for Samtidskunst\n\n"
            "Sagsnr. 315923 Kultur- og Idrætsudvalget Åbent punkt\n\nBeslutning\n\nDrøftet.\n",
            [
                ("43", "Meddelelser fra formanden", "299835", False),
                ("44", "Ny strategiplan for Museet for Samtidskunst", "315923", False),
            ],
            id="Roskilde: attachments listed under the heading",
        ),
        pytest.param(  # Region Syddanmark: the label alone, its value on a line below; Ringkøbing-Skjern: no value
            "Referat\nRegionsrådet 26.01.2009\n1.      Fusion af Fynbus og Sydtrafik\n\nSagsnr:\n\n09/141\n\n"
            "Resumé\n\nVed etableringen af Fynbus og Sydtrafik ...\n\n2.      Godkendelse af regnskab\n\nSagsnr:\n\n"
            "07/5773\n\nResumé\n\nRegnskabet ...\n\n3.      Spørgetid\n\nSagsnr:\n\nSagsfremstilling\n\n"
            "Ingen spørgsmål.\n",
            [
                ("1", "Fusion af Fynbus og Sydtrafik", "09/141", False),
                ("2", "Godkendelse af regnskab", "07/5773", False),
                ("3", "Spørgetid", None, False),
            ],
            id="Region Syddanmark: the case label above its value",
        ),
        pytest.param(
            "Referat\nByrådet 12.03.2024\n1. Budget 2026\nJ.nr.\n2024-1234\n"
            + BODY
            + "2. Lokalplan 12\nJ.nr.\n2024-1240\n"
            + BODY,
            [("1", "Budget 2026", "2024-1234", False), ("2", "Lokalplan 12", "2024-1240", False)],
            id="variant: J.nr. above its value",
        ),
        pytest.param(
            "Referat\nByrådet 12.03.2024\n1. Budget 2026\nBilag_1.pdf\nSagsnr.: 2024-1234\n"
            + BODY
            + "2. Lokalplan 12\nSagsnr.: 2024-1240\n"
            + BODY,
            [("1", "Budget 2026", "2024-1234", False), ("2", "Lokalplan 12", "2024-1240", False)],
            id="variant: an attachment between the title and its case number",
        ),
        pytest.param(
            "Referat\nPunkt 12:\nGodkendelse af regnskab\n" + BODY + "Punkt 13:\nBudget 2026\n" + BODY,
            [("12", "Godkendelse af regnskab", None, False), ("13", "Budget 2026", None, False)],
            id="variant: Punkt N: above its title",
        ),
        pytest.param(  # Ringkøbing-Skjern: "N: Title"
            "Referat: 19. april 2022 kl. 16:00\nByrådet\n\n1: Spørgetid i Byrådet\n\nSagsnr:\n\n"
            + BODY
            + "\n2: Godkendelse af dagsorden\n\nSagsnr:\n\n"
            + BODY,
            [("1", "Spørgetid i Byrådet", None, False), ("2", "Godkendelse af dagsorden", None, False)],
            id="Ringkøbing-Skjern: N: Title",
        ),
        pytest.param(
            "Referat\n1.Godkendelse af dagsorden\n" + BODY + "2.Meddelelser\n" + BODY,
            [("1", "Godkendelse af dagsorden", None, False), ("2", "Meddelelser", None, False)],
            id="variant: N.Title without a space",
        ),
        pytest.param(  # Aarhus (FirstAgenda publication): the number alone, the title below, then the case number
            "Dagsorden 8. oktober 2025 kl. 16.00\nPunkt\nTitel\n\n1\nGodkendelse af dagsorden\n\nEMN-2023-009832\n\n"
            + BODY
            + "\n2\nForslag til budget 2026-2029\n\nEMN-2025-008308\n\n"
            + BODY,
            [
                ("1", "Godkendelse af dagsorden", "EMN-2023-009832", False),
                ("2", "Forslag til budget 2026-2029", "EMN-2025-008308", False),
            ],
            id="Aarhus: a bare number above its title",
        ),
        pytest.param(  # Rødovre: "Sag nr. 130" under its title
            "Referat\n\nSpørgetid\nSag nr. 129\n\nBeslutningskompetence: KB\n\nBeslutning\n\nTaget til efterretning.\n\n"
            "Tillæg 1 til Lokalplan 145 - endelig vedtagelse\nSag nr. 130\n\nBeslutningskompetence: KB\n\n" + BODY,
            [
                ("129", "Spørgetid", None, False),
                ("130", "Tillæg 1 til Lokalplan 145 - endelig vedtagelse", None, False),
            ],
            id="Rødovre: Sag nr. N under its title",
        ),
        pytest.param(  # Spøttrup: a yearly running number and the item's own, the state after the title
            "Referat\nfor\nKommunalbestyrelsen\n49/1. Spørgetid (Åben sag)\nJournalnr. 00.01 P27/\nVedtagelse:\nIngen.\n"
            "50/2. Ansøgning om udtræden af skolebestyrelsen ved Ramsing Skole. (Åben sag)\nJournalnr. 00.01 A16/\n"
            "Vedtagelse:\nGodkendt.\n",
            [
                ("49/1", "Spørgetid", "00.01 P27/", False),
                ("50/2", "Ansøgning om udtræden af skolebestyrelsen ved Ramsing Skole.", "00.01 A16/", False),
            ],
            id="Spøttrup: N/M. Title (Åben sag)",
        ),
        pytest.param(
            "Referat\n301/7. Salg af grund (Lukket sag)\nSagsnr.: 12/27845\nHemmeligt.\n"
            "302/8. Meddelelser (Åben sag)\nSagsnr.: 12/27846\nBeslutning\nTaget til efterretning.\n",
            [("301/7", "Salg af grund", None, True), ("302/8", "Meddelelser", "12/27846", False)],
            id="variant: N/M. Title (Lukket sag)",
        ),
        pytest.param(
            "Referat\n(Åben) 1 Godkendelse af dagsorden\n" + BODY + "(Lukket) 2 Personalesag\nHemmeligt.\n",
            [("1", "Godkendelse af dagsorden", None, False), ("2", "Personalesag", None, True)],
            id="variant: (Åben) N Title",
        ),
        pytest.param(  # Hjørring (doczz copy): the case number printed above the item's number
            "Åben dagsorden\nHjørring Byråd 2014-2017\nMødedato:\n25. maj 2016\n00.01.00-K01-1-16\n1.\n"
            "Revisionsberetning nr. 19 og resultat af rådighedstilsyn\nResumé\nBDO har fremsendt beretning nr. 19.\n"
            "00.01.00-A00-3-16\n2.\nEndelig behandling af årsregnskab 2015\nResumé\nRegnskabet foreligger.\n",
            [
                ("1", "Revisionsberetning nr. 19 og resultat af rådighedstilsyn", "00.01.00-K01-1-16", False),
                ("2", "Endelig behandling af årsregnskab 2015", "00.01.00-A00-3-16", False),
            ],
            id="Hjørring: case number above the heading",
        ),
    ],
)
def test_heading_forms(text: str, expected: list[tuple[str | None, str | None, str | None, bool]]) -> None:
    assert items(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(  # Hedensted: a viewer that shows each item's case number and decision, not its title
            "Udvalg: Kommunalbestyrelsen 2022-2025\nMødedato: 25. juni 2025\nSagsnr.: 00.00.00-P35-34-24\n"
            "Beslutningstema\nMødets deltagere noteres her.\nBeslutning\nGodkendt.\nSagsnr.: 00.00.00-A00-11-24\n"
            "Beslutningstema\nSpørgetid.\nBeslutning\nIngen spørgsmål.\n",
            [(None, None, "00.00.00-P35-34-24", False), (None, None, "00.00.00-A00-11-24", False)],
            id="Hedensted: untitled items",
        ),
        pytest.param(  # Kolding: the same, in a label/value table
            "Referat\nDato: |\n25-08-2014 19:00:00 |\nUdvalg: |\nByrådet |\nSagsnr.: 14/12601\nResumé\nOrlov.\n"
            "Beslutning Byrådet den 25-08-2014\nGodkendt.\nSagsnr.: 14/12603\nResumé\nOmkonstituering.\n"
            "Beslutning Byrådet den 25-08-2014\nGodkendt.\n",
            [(None, None, "14/12601", False), (None, None, "14/12603", False)],
            id="Kolding: untitled items",
        ),
        pytest.param(  # Herning (eDoc web pages): the case number line, then the title
            "Udvalg: Ældrerådet\nMødedato: 10. september 2014\n"
            "Sagsnr.: 00.00.00-P19-1859-07 Sagsbehandler: Lotte Mikkelsen\n\nGodkendelse af referat fra sidste møde\n"
            "Sagsresume\nGodkendelse af referatet.\nBeslutning\nGodkendt.\n"
            "Sagsnr.: 27.42.00-G01-3-14 Sagsbehandler: Pia Ladefoged\n\nTemadrøftelse om plejecentre\n"
            "Sagsresume\nDrøftelse.\n",
            [
                (None, "Godkendelse af referat fra sidste møde", "00.00.00-P19-1859-07", False),
                (None, "Temadrøftelse om plejecentre", "27.42.00-G01-3-14", False),
            ],
            id="Herning: case number, then title",
        ),
    ],
)
def test_items_started_by_their_case_number(
    text: str, expected: list[tuple[str | None, str | None, str | None, bool]]
) -> None:
    assert items(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a year that ends a wrapped sentence is no item number (Ballerup's per-item PDFs)
        "3. Kvalitetsstandarder for stof- og alkoholbehandling 2012-2013\nSagsnr.: 2012-31114\nSagsfremstilling\n"
        "Det foreslås derfor at Kvalitetsstandard for stof- og alkoholbehandling 2012 videreføres i\n2013.\n"
        "Kvalitetsstandarder for stof- og alkoholbehandling revideres ved udgangen af\n2013.\n"
        "Økonomiske konsekvenser og finansiering\nIngen.\nBeslutning\nIndstilles til godkendelse\n",
    ],
)
def test_numbers_in_running_text_are_no_items(text: str) -> None:
    assert [number for number, *_ in items(text)] == ["3"]


def decisions_per_item(text: str) -> list[list[str]]:
    document = Document(id="x", sha256="", path="x.txt", media_type="txt", size=len(text), text=text, kind="minutes")
    return [[" ".join(d.text.split()) for d in item.decisions] for item in parse_meeting(document).meeting.items]


def test_a_viewer_showing_decisions_only_gives_one_untitled_item_per_decision() -> None:
    # Ishøj's viewer: no item headings, each item's decision under a bare heading, then an item with sections.
    text = (
        "Referat\nIshøj Byråd tirsdag den 10. august 2021 kl. 16:00\n\n"
        "Offentlig beslutning der skal udfyldes, hvis punktet er lukket\n\n"
        "Det tiltrædes, at der gives bevilling til opsætning af pavilloner.\n\n"
        "Offentlig beslutning der skal udfyldes, hvis punktet er lukket\n\n"
        "Det tiltrædes, at der gives supplerende anlægsbevilling til ombygning af SFO'en.\n\n"
        "Beslutning\n\nGodkendt.\n\nResume\n\nAfviklingen af valget skal organiseres.\n"
    )
    assert decisions_per_item(text) == [
        ["Det tiltrædes, at der gives bevilling til opsætning af pavilloner."],
        ["Det tiltrædes, at der gives supplerende anlægsbevilling til ombygning af SFO'en."],
        ["Godkendt."],
        [],
    ]


def test_decisions_naming_their_bodies_in_turn_stay_one_item() -> None:
    # Svendborg's and Odense's form: the committee's decision, then the council's, in one item.
    text = (
        "Referat\nKommunalbestyrelsen 25.03.2025\n\nBeslutningstema\n\nUdpegning af et medlem.\n\n"
        "Beslutning i Økonomiudvalget den 11-03-2025\n\nAnbefales.\n\n"
        "Beslutning i Kommunalbestyrelsen den 25-03-2025\n\nGodkendt.\n\n"
        "Beslutningstema\n\nNy udpegning til Handicaprådet.\n\nBeslutning i Kommunalbestyrelsen den 25-03-2025\n\n"
        "Godkendt.\n"
    )
    assert [len(decisions) for decisions in decisions_per_item(text)] == [2, 1]
