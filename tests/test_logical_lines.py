"""Logical lines (`extractors.minutes.logical`): pages flattened onto one line by copying sites, and headings glued to
the text before them, split where a reader sees a new line; each piece keeps its offsets into the document."""

from __future__ import annotations

import pytest

from referat.extractors.minutes.logical import Anchor, anchors, logical_lines, pieces_of
from referat.models.records import Document


def read(text: str) -> list[str]:
    document = Document(id="x", sha256="", path="x.txt", media_type="txt", size=len(text), text=text)
    lines = logical_lines(document)
    assert all(text[line.start : line.end] == line.text for line in lines)  # provenance: offsets stay exact
    assert [line.index for line in lines] == list(range(len(lines)))
    return [line.text for line in lines if not line.furniture]


# A docplayer transcript: each page on a line of its own behind its page number.
ESBJERG = (
    "Referat. fra Økonomiudvalget\n\nTranskript\n\n"
    "1 Referat fra Økonomiudvalget Mødedato: Mandag den 6. oktober 2014 Mødetidspunkt: 9:30-11:00 Mødested: "
    "Borgmesterens mødelokale Deltagere: Johnny Søtrup (V), Henrik Vallø (C), Henning Ravn (V), Jakob Lose (V), "
    "Anders Kronborg (A), Jesper Frost Rasmussen (V), Diana Mose Olsen (F) Afbud: Fraværende:\n\n"
    "2 1. Godkendelse af dagsorden Dok.nr.: 1965 Sagsid.: 14/40 Initialer: dosko Åben sag Beslutning "
    "Økonomiudvalget den Godkendt. Afbud: Ingen Side 2\n\n"
    "3 2. Formulering i retningslinjer om håndtering af individuelt sygefravær Dok.nr.: 2005 Sagsid.: 14/19290 "
    "Initialer: anba Åben sag Indledning I takt med at mulighederne for at forlænge uhelbredeligt syges liv med "
    "livsforlængende behandling er blevet meget bedre i de senere år, er der et stigende antal sager. Sagsfremstilling "
    "På baggrund af et samstemmende ønske fra forvaltningerne besluttede direktionen at justere ordlyden.\n"
)


def test_a_copied_page_is_split_at_its_labels_headings_and_item_numbers() -> None:
    assert read(ESBJERG) == [
        "Referat. fra Økonomiudvalget",
        "Referat fra Økonomiudvalget",
        "Mødedato: Mandag den 6. oktober 2014",
        "Mødetidspunkt: 9:30-11:00",
        "Mødested: Borgmesterens mødelokale",
        "Deltagere: Johnny Søtrup (V), Henrik Vallø (C), Henning Ravn (V), Jakob Lose (V), Anders Kronborg (A), "
        "Jesper Frost Rasmussen (V), Diana Mose Olsen (F)",
        "Afbud:",
        "Fraværende:",
        "1. Godkendelse af dagsorden",
        "Dok.nr.: 1965",
        "Sagsid.: 14/40",
        "Initialer: dosko",
        "Åben sag",
        "Beslutning Økonomiudvalget den",
        "Godkendt.",
        "Afbud: Ingen",
        "2. Formulering i retningslinjer om håndtering af individuelt sygefravær",
        "Dok.nr.: 2005",
        "Sagsid.: 14/19290",
        "Initialer: anba",
        "Åben sag",
        "Indledning",
        "I takt med at mulighederne for at forlænge uhelbredeligt syges liv med livsforlængende behandling er blevet "
        "meget bedre i de senere år, er der et stigende antal sager.",
        "Sagsfremstilling",
        "På baggrund af et samstemmende ønske fra forvaltningerne besluttede direktionen at justere ordlyden.",
    ]


def test_a_numbered_list_of_short_lines_is_no_copy_of_pages() -> None:
    # Hjørring (doczz): "1 Title", "2 Title" ... are entries, not pages behind their numbers
    text = (
        "Følgende sager behandles:\nPkt. Tekst\n1 Revisionsberetning nr. 19 og resultat af rådighedstilsyn\n"
        "2 Endelig behandling af årsregnskab 2015 og afsluttende revisionsberetning nr. 20 for 2015\n"
        "3 Økonomirapport 1 - 2016, Alle udvalg\n"
    )
    assert read(text) == text.strip().split("\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Spøttrup (IntraNote): a contents heading, a decision label and an item glued to what comes before
        ("Ramsing\n\n7860 SpøttrupIndholdsfortegnelse\n", ["Ramsing", "7860 Spøttrup", "Indholdsfortegnelse"]),
        (
            "Der er ikke indkommet skriftlige spørgsmål til mødet.Vedtagelse:\nDer var ingen spørgsmål50/2. Ansøgning om "
            "udtræden af skolebestyrelsen ved Ramsing Skole. (Åben sag)\n",
            [
                "Der er ikke indkommet skriftlige spørgsmål til mødet.",
                "Vedtagelse:",
                "Der var ingen spørgsmål",
                "50/2. Ansøgning om udtræden af skolebestyrelsen ved Ramsing Skole. (Åben sag)",
            ],
        ),
        # the same forms, made up
        (
            "Rådhuset, 8000 AarhusIndholdsfortegnelse\nSagen blev drøftet.Beslutning: Godkendt.\n",
            ["Rådhuset, 8000 Aarhus", "Indholdsfortegnelse", "Sagen blev drøftet.", "Beslutning: Godkendt."],
        ),
    ],
)
def test_a_heading_glued_to_the_text_before_it_starts_a_line(text: str, expected: list[str]) -> None:
    assert read(text) == expected


def test_glued_item_numbers_are_read_only_in_a_text_that_glues_headings_too() -> None:
    # "kl.17.00" and "version2." are no items: without a glued heading, no number is looked for.
    text = "Mødet startede kl.17.00 Det blev drøftet i version2. Udkast til ny plan\n"
    assert read(text) == [text.strip()]


def test_a_page_label_at_a_lines_start_is_dropped() -> None:
    # Lyngby-Taarbæk (docslib copy): the page label before the contents heading
    text = (
        "Side 2 af 66 Indholdsfortegnelse 1. Lokalplan 264 for et erhvervsområde på Dyrehavegårds Jorder "
        "2. Kommuneplantillæg 17/2013 for et område ved Station 3. Lokalplan 259 for en butiks- og "
        "boligbebyggelse ved Virum Station 4. Fremlæggelse af forslag til Lokalplan 266 for boliger på "
        "Buddingevej 85 5. Kommuneplantillæg 18/2013 for dyregravplads\n"
    )
    lines = read(text)
    assert lines[0] == "Indholdsfortegnelse"
    assert lines[1:3] == [
        "1. Lokalplan 264 for et erhvervsområde på Dyrehavegårds Jorder",
        "2. Kommuneplantillæg 17/2013 for et område ved Station",
    ]


def test_an_item_number_after_punkt_is_no_new_item() -> None:
    # Region Midtjylland (docplayer): "... efter behandlingen af punkt 23. Anna Marie Touborg ..."
    text = (
        "Jonas Dahl forlod mødet kl efter behandlingen af punkt 23. Anna Marie Touborg, Aleksander Aagaard og "
        "Bjarne Schmidt Nielsen erklærede sig inhabile og forlod Regionsrådsmødet under punkt 29. Bent Hansen "
        "erklærede sig inhabil og forlod Regionsrådsmødet under punkt 31. Mødet blev hævet kl For åbne døre:\n"
    )
    assert read(text) == [text.strip()]


def test_a_line_longer_than_any_page_is_not_split() -> None:
    line = "Referat af mødet. Beslutning Godkendt. 2. Meddelelser " * 3000
    assert len(pieces_of(line, flat=True)) > 1
    assert read(line) == [line.strip()]


@pytest.mark.parametrize("anchor", anchors(), ids=lambda anchor: anchor.name)
def test_every_anchor_splits_its_own_example(anchor: Anchor) -> None:
    example = anchor.example
    pieces = pieces_of(
        example,
        flat=True,
        glued=[m.start() for m in anchor.pattern.finditer(example)] if anchor.where != "flat" else None,
    )
    assert pieces != [(0, len(example))], f"{anchor.name} does not split {example!r}"
