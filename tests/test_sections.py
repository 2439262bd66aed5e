"""Section headings of agenda items, as printed in real minutes, and their normalised kinds."""

from __future__ import annotations

import pytest

from referat.extractors.minutes.lines import Line
from referat.extractors.minutes.sections import heading_patterns, inline_decision, section_kind, split_sections


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Sagsfremstilling", "case"),
        ("SAGSFREMSTILLING", "case"),
        ("Sammendrag", "summary"),
        ("RESUMÉ", "summary"),
        ("Resume", "summary"),
        ("Sagens kerne", "summary"),
        ("Baggrund", "background"),
        ("Problemstilling", "background"),
        ("Økonomiske konsekvenser og finansiering", "economy"),
        ("ØKONOMI", "economy"),
        ("Bilag", "attachments"),
        ("1 bilag", "attachments"),
        ("Beslutningen træffes af", "authority"),
        ("Beslutningskompetence: KB", "authority"),
        ("Sagsgang og sagstype", "authority"),
        ("Indstilling", "recommendation"),
        ("Indstilling:", "recommendation"),
        ("Indstilling og beslutning", "recommendation"),
        ("Beslutning", "decision"),
        ("BESLUTNING", "decision"),
        ("Beslutning i Udvalget for Ældre og Sundhed den 04-06-2020", "decision"),
        ("Beslutning i Økonomiudvalget den 1. oktober 2018:", "decision"),
        ("Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 2", "decision"),
        # "Beslutning <Udvalg> den dd-mm-yyyy" (Kolding), with "i" (Svendborg, Holbæk above), and with the date lost
        # (Esbjerg, a flattened copy; a synthetic variant)
        ("Beslutning Økonomiudvalget den 18-08-2014", "decision"),
        ("Beslutning Byrådet den 25-08-2014", "decision"),
        ("Beslutning i Kommunalbestyrelsen den 25-03-2025", "decision"),
        ("Beslutning Økonomiudvalget den", "decision"),
        ("Beslutning i Byrådet den", "decision"),
        ("Beslutning i Økonomiudvalget den 4. juni 2020 kl. 16.00", "decision"),
        # a closed item's public decision (Ishøj; a synthetic variant), an old layout's label (Spøttrup)
        ("Offentlig beslutning der skal udfyldes, hvis punktet er lukket", "decision"),
        ("Offentlig beslutning", "decision"),
        ("Vedtagelse:", "decision"),
        # what is to be decided: a summary (Hedensted, Svendborg)
        ("Beslutningstema", "summary"),
        ("Sagens forløb", "history"),
        ("Tidligere behandling", "history"),
        ("Indhold", "other"),
    ],
)
def test_real_headings_get_their_kind(line: str, kind: str) -> None:
    assert section_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "Taget til efterretning",
        "Beslutningen om at udbyde opgaven blev truffet af Økonomiudvalget i 2019, og den gælder fortsat for "
        "hele perioden frem til den nye aftale træder i kraft ved årsskiftet.",
        "Center for Ejendomme indstiller, at",
        "- Beslutning",
        # titles that start like a body's decision heading (Region Sjælland; synthetic variants)
        "Beslutning om vedtagelse af Råstofplan 2020",
        "Beslutning om rammerne for udvalget den 1. januar 2020",
        "Beslutning på baggrund af den",
        # a decision heading and its decision on one line is no heading line (see `inline_decision`)
        "Beslutning Økonomiudvalget den Godkendt.",
    ],
)
def test_running_text_is_no_heading(line: str) -> None:
    assert section_kind(line) is None


def _line(text: str, start: int = 100) -> Line:
    return Line(0, text, start, start + len(text), 1)


@pytest.mark.parametrize(
    ("text", "heading", "decision"),
    [
        # Esbjerg (docplayer): the heading with its date lost, then the decision, on one logical line
        (
            "Beslutning Økonomiudvalget den Godkendt. Afbud: Ingen",
            "Beslutning Økonomiudvalget den",
            "Godkendt. Afbud: Ingen",
        ),
        # the same with a date (Kolding's heading) and with a colon (synthetic variants of the form)
        ("Beslutning Byrådet den 25-08-2014 Godkendt.", "Beslutning Byrådet den 25-08-2014", "Godkendt."),
        (
            "Beslutning i Kommunalbestyrelsen den 25-03-2025: Dagsorden godkendt.",
            "Beslutning i Kommunalbestyrelsen den 25-03-2025",
            "Dagsorden godkendt.",
        ),
        ("Beslutning: Godkendt.", "Beslutning", "Godkendt."),
        # Spøttrup's label with its decision on the same line (synthetic variant)
        ("Vedtagelse: Der var ingen spørgsmål", "Vedtagelse", "Der var ingen spørgsmål"),
    ],
)
def test_a_decision_heading_that_shares_its_line(text: str, heading: str, decision: str) -> None:
    document = "x" * 100 + text
    found = inline_decision(_line(text))
    assert found is not None
    assert (found[0].text, found[1].text) == (heading, decision)
    assert [document[part.start : part.end] for part in found] == [heading, decision]  # offsets stay exact


@pytest.mark.parametrize(
    "text",
    [
        "Beslutning om at igangsætte en analyse af området",
        "Beslutningsforslag: Byrådet beslutter at hjemtage tilbud på ekstern rådgivning",  # Aarhus
        "Beslutningskompetence: KB",  # Rødovre: an authority heading of its own
        "Afgørelsen blev påklaget: Klagen er afvist.",
        "Godkendt.",
    ],
)
def test_no_decision_heading_shares_these_lines(text: str) -> None:
    assert inline_decision(_line(text)) is None


def test_sections_of_an_item_with_a_shared_heading_line() -> None:
    lines = [
        _line("Sagsfremstilling", 0),
        _line("Til orientering.", 20),
        _line("Beslutning Økonomiudvalget den Godkendt.", 40),
    ]
    sections = split_sections(lines)
    assert [(s.kind, s.heading.text if s.heading else None, [line.text for line in s.lines]) for s in sections] == [
        ("case", "Sagsfremstilling", ["Til orientering."]),
        ("decision", "Beslutning Økonomiudvalget den", ["Godkendt."]),
    ]


@pytest.mark.parametrize("row", heading_patterns(), ids=lambda row: row.example[:30])
def test_every_vocabulary_row_matches_its_own_example(row: object) -> None:
    assert section_kind(row.example) == row.kind  # type: ignore[attr-defined]
