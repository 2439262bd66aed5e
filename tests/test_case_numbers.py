"""Case (journal) numbers printed under an item's heading: real lines, look-alikes, the pattern file, the gold."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from referat.extractors.minutes.case_numbers import (
    WINDOW_LINES,
    CaseNumberPattern,
    find_case_number,
    load_patterns,
    split_kle,
)
from tests.test_dates import GOLD_FILES, gold, source_text


@pytest.mark.parametrize("row", load_patterns(), ids=lambda row: row.name)
def test_every_pattern_handles_its_own_example(row: CaseNumberPattern) -> None:
    found = find_case_number(row.example)
    if row.kind == "skip":
        assert found is None
    else:
        assert found is not None, f"{row.name}: {row.pattern.pattern} finds nothing in {row.example!r}"
        assert row.example.endswith(found.text)


@pytest.mark.parametrize("row", [row for row in load_patterns() if row.kind == "case"], ids=lambda row: row.name)
def test_every_case_number_shape_needs_a_digit(row: CaseNumberPattern) -> None:
    """`find_case_number` does not search a line without a digit, which is right only while every shape needs one."""
    assert row.pattern.search(row.example)
    assert row.pattern.search(re.sub(r"\d", "x", row.example)) is None


@pytest.mark.parametrize(
    ("text", "case_number", "kle_number", "kle_facet"),
    [
        # Ballerup (2012, Acadre PDF): the case number, then a document number to skip
        ("Sagsnr.: 2012-28504\nDok.nr.: 2012-203438\nSammendrag", "2012-28504", None, None),
        # a running page header between the heading and the case number
        (
            "Sundheds- og Forebyggelsesudvalget\nReferat\nÅbent referat\nDato: 04.12.2012\nSide 4\nSagsnr.: 2012-28504\n"
            "Dok.nr.: 2012-203438",
            "2012-28504",
            None,
            None,
        ),
        ("Dok.nr.: 2012-202935 Sagsnr.: 2011-29298", "2011-29298", None, None),
        # Ballerup (2025, FirstAgenda): a bare KLE journal number under "Punkt 1: Meddelelser"
        (
            "\n\n00.01.10-P35-6-24\n\n1. Årets førtidspensionsmesse afholdes på Posthuset onsdag den 14. maj 2025",
            "00.01.10-P35-6-24",
            "00.01.10",
            "P35",
        ),
        ("\n24.00.00-G01-4-25\n\nIndhold", "24.00.00-G01-4-25", "24.00.00", "G01"),
        # Gribskov: a KLE number without a facet
        ("\n\nSagsnummer: 00.22.00-3584-18\n\nAdministrationen indstiller", "00.22.00-3584-18", "00.22.00", None),
        ("Sagsnummer: 00.30.00-S00-14-19", "00.30.00-S00-14-19", "00.30.00", "S00"),
        # Odense (SBSYS): after "Åbent - "
        (
            "\nA. Sager til afgørelse i byrådet\nÅbent - 00.22.00-G01-1-16\nRESUMÉ",
            "00.22.00-G01-1-16",
            "00.22.00",
            "G01",
        ),
        (
            "\nA. Sager til afgørelse i byrådet\nÅbent - 01.02.05-P16-1092-15\nRESUMÉ",
            "01.02.05-P16-1092-15",
            "01.02.05",
            "P16",
        ),
        ("Lukket - 00.01.00-A00-12-16", "00.01.00-A00-12-16", "00.01.00", "A00"),
        # Gentofte (pdf2html): a bare number-year line right under the heading
        (" \n \n\n018520-2013\n\n \n\n \n\n \n \n\nResumé", "018520-2013", None, None),
        # other labels and systems
        ("Sagsnr. 12/27845", "12/27845", None, None),
        ("Sags nr.: 15/4411", "15/4411", None, None),
        ("J.nr.: 2014-0051234", "2014-0051234", None, None),
        ("J. nr. 01.02.05-P16-1092-15", "01.02.05-P16-1092-15", "01.02.05", "P16"),
        ("Journalnr. 27.69.48-G01-1-19", "27.69.48-G01-1-19", "27.69.48", "G01"),
        ("Sag: EMN-2025-003383", "EMN-2025-003383", None, None),
        ("EMN-2025-003383", "EMN-2025-003383", None, None),
        ("Sagsnr.:\n2012-31114", "2012-31114", None, None),
        # Region Syddanmark (web): the label, a blank line, the number
        ("Sagsnr:\n\n09/141\n\nResumé", "09/141", None, None),
        ("Sagsnr:\n\n07/5773\n\nResumé", "07/5773", None, None),
        # Esbjerg (docplayer): "Sagsid." beside the document number
        ("Dok.nr.: 1965\nSagsid.: 14/40\nInitialer: dosko", "14/40", None, None),
        ("Dok.nr.: 2005\nSagsid.: 14/19290\nInitialer: anba", "14/19290", None, None),
        # Roskilde and Ringkøbing-Skjern (web): a number without separators after an explicit label
        ("Sagsnr. 299835 Kultur- og Idrætsudvalget Åbent punkt", "299835", None, None),
        ("Sagsnr. 315923 Kultur- og Idrætsudvalget Åbent punkt", "315923", None, None),
    ],
)
def test_case_numbers_in_real_lines(text: str, case_number: str, kle_number: str | None, kle_facet: str | None) -> None:
    found = find_case_number(text)
    assert found is not None
    assert (found.text, found.kle_number, found.kle_facet) == (case_number, kle_number, kle_facet)
    assert text[found.start : found.end] == case_number


@pytest.mark.parametrize(
    "text",
    [
        "Dok.nr.: 2012-202935",
        "Dokumentnr.: EMN-2025-003383",
        "Bilag\n2012-208960 - Hvordan udvikler vi det nære sundhedsvæsen sammen?",
        "Dato: 04.12.2012",
        "Tirsdag den 17-09-2019 kl. 17:00",
        "Budget 2020-2023",
        "2021-2024",
        "Sag nr. 129\n\nBeslutningskompetence: KB",  # Rødovre's item number
        "Sagsnr:\n\nSagsfremstilling\n\nDer var ved fremsendelse af dagsorden ikke modtaget 12 spørgsmål",
        "Sagsnr. 2019",  # too short for a number without separators
        "Punkt 4",
        "Kommunalbestyrelsen den 29. april 2019 Punkt 4",
        "anlægsmidlerne 1.316.000 kr.",
        "Tlf. 44 77 20 00",
        "kommuneplantillæg 24/2009",
        "Social og Sundhed, 6. januar 2020, pkt. 123:",
        "Idet der henvises til Kommunestyrelseslovens § 11, stk. 1, 1. pkt",
        "Lokalplanforslag nr. 1-772 Promenadebyen/Toldboldgade",
        "00.22.00",  # a KLE number alone is not a journal number
        "",
    ],
)
def test_look_alikes_are_not_case_numbers(text: str) -> None:
    assert find_case_number(text) is None


def test_only_the_first_lines_are_read() -> None:
    text = "\n".join(f"Linje {n}" for n in range(20)) + "\nSagsnr.: 2012-28504"
    assert find_case_number(text) is None


@pytest.mark.parametrize(
    ("case_number", "expected"),
    [
        ("24.00.00-G01-4-25", ("24.00.00", "G01")),
        ("00.01.10-P35-6-24", ("00.01.10", "P35")),
        ("01.02.05-P16-1092-15", ("01.02.05", "P16")),
        ("00.22.00-3584-18", ("00.22.00", None)),
        ("2012-28504", (None, None)),
        ("12/27845", (None, None)),
        ("018520-2013", (None, None)),
        ("EMN-2025-003383", (None, None)),
    ],
)
def test_split_kle(case_number: str, expected: tuple[str | None, str | None]) -> None:
    assert split_kle(case_number) == expected


def _after_titles(text: str, title: str) -> list[int]:
    """Where each printing of `title` (any white space between its words) ends."""
    pattern = re.compile(r"\s+".join(re.escape(word) for word in title.split()))
    return [match.end() for match in pattern.finditer(text)]


# Items whose case number is printed under their title. (Where a viewer prints the case number above the title, or
# no title at all, the item is found from its case number: tests/test_structure_gold.py scores those.)
GOLD_ITEMS_WITH_CASE_NUMBERS = [
    pytest.param(gold_path, item, id=f"{gold_path.name}:{item['number']}")
    for gold_path in GOLD_FILES
    for item in gold(gold_path)["items"]
    if item["case_number"]
    and item["title"]
    and any(
        item["case_number"] in "\n".join(source_text(gold_path)[end:].lstrip().split("\n")[:WINDOW_LINES])
        for end in _after_titles(source_text(gold_path), item["title"])
    )
]


@pytest.mark.parametrize(("gold_path", "item"), GOLD_ITEMS_WITH_CASE_NUMBERS)
def test_gold_case_numbers_are_found_under_their_heading(gold_path: Path, item: dict[str, str]) -> None:
    text = source_text(gold_path)
    found = [find_case_number(text[end:]) for end in _after_titles(text, item["title"])]
    assert (item["case_number"], item["kle_number"], item["kle_facet"]) in [
        (case.text, case.kle_number, case.kle_facet) for case in found if case is not None
    ]


def test_gold_has_case_numbers_under_titles_from_many_municipalities() -> None:
    paths = [param.values[0] for param in GOLD_ITEMS_WITH_CASE_NUMBERS]
    assert len({path.name.split("_")[0] for path in paths if isinstance(path, Path)}) >= 10


GOLD_WITHOUT_CASE_NUMBERS = [
    pytest.param(gold_path, id=gold_path.name)
    for gold_path in GOLD_FILES
    if not any(item["case_number"] for item in gold(gold_path)["items"])
]


@pytest.mark.parametrize("gold_path", GOLD_WITHOUT_CASE_NUMBERS)
def test_documents_that_print_no_case_numbers_give_none(gold_path: Path) -> None:
    text = source_text(gold_path)
    titles = [item["title"] for item in gold(gold_path)["items"] if item["title"]]
    for title in titles:
        for match in re.finditer(re.escape(title), text):
            assert find_case_number(text[match.end() :]) is None, title
    assert find_case_number(text) is None


def test_gold_has_item_case_numbers_to_check() -> None:
    assert len(GOLD_ITEMS_WITH_CASE_NUMBERS) >= 19


@pytest.mark.parametrize(
    "line",
    [
        "Sagsnr.: " + "1-" * 100_000,
        "Sagsnr.: " + "1" * 200_000,
        "00.00.00-" * 22_000,
        "A-" * 100_000,
        " " * 200_000 + "\n018520-2013",
        "Dok.nr.: " + "1" * 200_000,
    ],
)
@pytest.mark.timing
def test_a_200_kb_line_takes_linear_time(line: str) -> None:
    started = time.perf_counter()
    find_case_number(line)
    for row in load_patterns():  # the patterns themselves, on the whole line
        row.pattern.search(line)
    assert time.perf_counter() - started < 2.0
