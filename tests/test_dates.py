"""Danish dates and times as minutes print them: real lines from the documents, look-alikes, and the gold."""

from __future__ import annotations

import json
import time
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from referat.extractors.language.dates import (
    _ISO_DATE,
    _NUMERIC_DATE,
    _SLASH_DATE,
    _TEXT_DATE,
    _date_starts,
    find_dates,
    find_time,
    parse_date,
)
from referat.extractors.prefilter import matches_at
from referat.extractors.text import extract
from tests.gold_structure import source_for

DATA = Path(__file__).resolve().parent / "data"
RAW = DATA.parent.parent / "data" / "raw"
GOLD_FILES = sorted((DATA / "gold" / "structure").glob("*.json"))


def gold(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


# The gold documents that record a meeting (the others are negatives: no meeting, no date).
MEETING_GOLD_FILES = [path for path in GOLD_FILES if gold(path)["kind"] in ("minutes", "agenda")]


@cache
def source_text(gold_path: Path) -> str:
    """The text of the document a gold file describes, as `Document.text` holds it (pages joined by \\f)."""
    path = source_for(gold_path)
    return "\f".join(extract(path, path.read_bytes()).pages)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("REFERAT Erhvervs-, Beskæftigelses- og Uddannelsesudvalget d. 13-05-2025", ["2025-05-13"]),
        ("Mødedato Tirsdag d. 13. maj 2025 kl. 08:00", ["2025-05-13"]),
        ("tirsdag den 4. december 2012, kl. 13:00", ["2012-12-04"]),
        ("Dato: 04.12.2012", ["2012-12-04"]),
        ("26.08.2019 kl. 18:00", ["2019-08-26"]),
        ("Kommunalbestyrelsen\n\n24-09-2019\n\nMedlemmer", ["2019-09-24"]),
        ("Tirsdag den 17-09-2019 kl. 17:00", ["2019-09-17"]),
        ("Mødedato 10. juni 2013 ", ["2013-06-10"]),
        ("med virkning fra den 6/4 2016 udtræder af By- og Kulturudvalget", ["2016-04-06"]),
        ("har By- og Kulturforvaltningen den 8/12 2015 orienteret By- og Kulturudvalget", ["2015-12-08"]),
        ("Referat. af mødet i Regionsrådet 14. november 2007 kl. 14:00 i Regionsrådssalen", ["2007-11-14"]),
        ("Teknik- og Miljøudvalget, 10. september 2019, pkt. 65:", ["2019-09-10"]),
        ('Download "Beslutninger fra mødet. Torsdag 8.06.2006 kl. 8.15. Ordinært møde."', ["2006-06-08"]),
        ("11/03/2025 Klima- og Miljøudvalget", ["2025-03-11"]),
        ("04-06-2020 09:00:00", ["2020-06-04"]),
        ("LBK (Kommunestyrelsesloven) nr 47 af 15.01.2019 § 20", ["2019-01-15"]),
        ("Byrådet, 23.02.2016 Helge Adam Møller og John Lauritzen var fraværende.", ["2016-02-23"]),
        ("i offentlig høring i 4 uger fra den 2. juli 2019 til den 30. juli 2019.", ["2019-07-02", "2019-07-30"]),
        ("Kampagnen 'City Cycling' finder sted d. 7. september - 28. september 2025.", ["2025-09-07", "2025-09-28"]),
        ("fra den 28. december til den 3. januar 2020", ["2019-12-28", "2020-01-03"]),
        ("Svarfrist 13. jan. 2020", ["2020-01-13"]),
        ("høring til 2. sept. 2019", ["2019-09-02"]),
        ("mødet 5. okt 2021", ["2021-10-05"]),
        ("Sendt 2025-05-13", ["2025-05-13"]),
        ("Møde den 29. februar 2020", ["2020-02-29"]),
    ],
)
def test_dates_in_real_lines(line: str, expected: list[str]) -> None:
    assert [mention.iso for mention in find_dates(line)] == expected


@pytest.mark.parametrize(
    "line",
    [
        "Sagsnr.: 2012-28504",
        "Dok.nr.: 2012-202935",
        "Sagsnummer: 00.22.00-3584-18",
        "24.00.00-G01-4-25",
        "Åbent - 00.22.00-G01-1-16",
        "Posthuset onsdag i tidsrummet 13.00-15.00.",
        "Tlf. 44 77 20 00",
        "Tlf.: 4477 2000",
        "anlægsmidlerne 1.316.000 kr.",
        "38.916.000 kr. jævnfør investeringsoversigten",
        "kommuneplantillæg 24/2009. Offentlig høring.",
        "Sagsnr. 12/27845",
        "018520-2013",
        "Budget 2020-2023",
        "31-02-2020",
        "30.02.2012",
        "Side 1 af 27",
        "1. behandling i Økonomiudvalget",
        "indsats nr 5; 'Hyld- Cyklister kampagne'",
        "Mødet blev afsluttet kl med behandlingen af punkt 72",
        "den 17. august",  # no year and no default year: not a date yet
        "5 mar",
        "Lokalplan 1-772",
    ],
)
def test_look_alikes_are_not_dates(line: str) -> None:
    assert find_dates(line) == ()


@pytest.mark.parametrize(
    ("line", "default_year", "expected"),
    [
        ("Bevillingssag herom kommer på mødet den 17. august", 2006, ["2006-08-17"]),
        ("på dagsordenen for byrådets møde den 12. januar.", 2015, ["2015-01-12"]),
        (
            "fridage den 24. december, 31. december og halve fridage vedrørende fx 1. maj",
            2025,
            ["2025-12-24", "2025-12-31", "2025-05-01"],
        ),
        ("Økonomiudvalget besluttede den 28. januar at afskaffe anlægsmåltallene", 2014, ["2014-01-28"]),
        ("den 13. maj 2025", 1999, ["2025-05-13"]),  # a printed year wins
    ],
)
def test_dates_without_a_year_take_the_default_year(line: str, default_year: int, expected: list[str]) -> None:
    assert [mention.iso for mention in find_dates(line, default_year=default_year)] == expected


def test_offsets_cover_the_date_as_printed() -> None:
    line = "Mødedato Tirsdag d. 13. maj 2025 kl. 08:00"
    (mention,) = find_dates(line)
    assert line[mention.start : mention.end] == "13. maj 2025"
    time_mention = find_time(line)
    assert time_mention is not None
    assert line[time_mention.start : time_mention.end] == "08:00"


def test_parse_date_gives_the_first_date() -> None:
    assert parse_date("Dato: 04.12.2012 Side 3 ... den 10. december 2012") == "2012-12-04"
    assert parse_date("Punkt 4") is None
    assert parse_date("den 17. august", default_year=2006) == "2006-08-17"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Mødedato Tirsdag d. 13. maj 2025 kl. 08:00", "08:00"),
        ("Torsdag 8.06.2006 kl. 8.15. Ordinært møde", "08:15"),
        ("tirsdag den 4. december 2012, kl. 13:00", "13:00"),
        ("Mødetidspunkt 17.00 ", "17:00"),
        ("STARTTIDSPUNKT\n\n04-06-2020 09:00:00\n\nSLUTTIDSPUNKT\n\n04-06-2020 11:00:00", "09:00"),
        ("Tirsdag den 17-09-2019 kl. 17:00", "17:00"),
        ("den 6. april 2016 kl. 17:00", "17:00"),
        ("Mødet starter kl 16", "16:00"),
        ("klokken 9.30", "09:30"),
        # Roskilde's web page (a publishing system's date format), and the same with a comma
        ("Dato: Onsdag, April 3, 2019 - 18:00", "18:00"),
        ("Dato: Torsdag, Maj 9, 2019, 16:30", "16:30"),
        ("Mødet blev afsluttet kl med behandlingen af punkt 72", None),
        ("Budget 2020-2023", None),
        ("Posthuset onsdag i tidsrummet 13.00-15.00.", None),
        ("Dato: 04.12.2012", None),
        ("kl. 25.00", None),
        ("Tlf. 44 77 20 00", None),
    ],
)
def test_times(line: str, expected: str | None) -> None:
    found = find_time(line)
    assert (found.hhmm if found else None) == expected


# Gold meeting dates that the excerpt does not print: it starts after the header, or is one item's own page.
DATE_NOT_PRINTED = {
    "ballerup_oeu_2025-02-18.txt",
    "koebenhavn_br_2014-06-18_punkt3.txt",
    "koebenhavn_lokaludvalg_2018-04-19_punkt2.txt",
}


DATE_EXPRESSIONS = (_NUMERIC_DATE, _ISO_DATE, _SLASH_DATE, _TEXT_DATE)


def assert_found_as_a_whole_text_scan_finds_them(text: str) -> None:
    """Each date expression, tried only where a date can start, finds what `finditer` finds."""
    starts = _date_starts(text)
    for expression in DATE_EXPRESSIONS:
        assert [match.span() for match in matches_at(expression, text, starts)] == [
            match.span() for match in expression.finditer(text)
        ], expression.pattern


@pytest.mark.parametrize(
    "line",
    [
        "",
        "1",
        "13-05-2025",
        "13-05-20251",
        "1.04.12.2012",
        "2012-28504",
        "12.13-05-2025",
        "1,13-05-2025",
        "13.05.2025.01.02.2020",
        "2025-05-13-05-2025",
        "6/4 2016/7/4 2016",
        "8/12-2015",
        "13. maj 2025 13. maj",
        "113. maj 2025",
        "1.13. maj",
        "12-13. maj 2025",
        "٣-٥-٢٠٢٠ og 𝟙𝟛. maj 2020",
        "13\u00a0maj 2025",
        "3. dec.",
        "fra den 28. december til den 3. januar 2020",
        "04-06-2020 09:00:00 og 2020-06-04T09:00",
    ],
)
def test_date_expressions_are_found_as_a_scan_of_the_whole_text_finds_them(line: str) -> None:
    assert_found_as_a_whole_text_scan_finds_them(line)


def test_dates_in_every_document_are_found_as_a_scan_of_the_whole_text_finds_them() -> None:
    paths = sorted([*GOLD_FILES, *(DATA / "news").glob("*"), *RAW.glob("*.pdf"), *RAW.glob("*.txt")])
    texts = {
        source_text(path) if path.suffix == ".json" else "\f".join(extract(path, path.read_bytes()).pages)
        for path in paths
    }
    for text in texts:
        assert_found_as_a_whole_text_scan_finds_them(text)
        for line in text.splitlines():
            assert_found_as_a_whole_text_scan_finds_them(line)


@pytest.mark.parametrize("gold_path", MEETING_GOLD_FILES, ids=lambda path: path.name)
def test_gold_meeting_date_is_found_near_the_top(gold_path: Path) -> None:
    meeting = gold(gold_path)["meeting"]
    text = source_text(gold_path)
    # A caller knows the year from the file or its URL; Randers prints "byrådets møde den 12. januar".
    year = int(meeting["date"][:4])
    found = [mention.iso for mention in find_dates(text[:800], default_year=year)]
    if gold_path.name.removesuffix(".json") in DATE_NOT_PRINTED:
        assert meeting["date"] not in [mention.iso for mention in find_dates(text)]
    else:
        assert meeting["date"] in found


@pytest.mark.parametrize("gold_path", MEETING_GOLD_FILES, ids=lambda path: path.name)
def test_gold_start_time_is_the_first_time_printed(gold_path: Path) -> None:
    found = find_time(source_text(gold_path))
    assert (found.hhmm if found else None) == gold(gold_path)["meeting"]["start_time"]


@pytest.mark.parametrize(
    "line",
    [
        "1" * 200_000,
        "1." * 100_000,
        "1-" * 100_000,
        "12/" * 70_000,
        "13. " * 50_000,
        "13." + " " * 200_000 + "maj",
        "kl. " * 50_000,
        "kl. 1" * 40_000,
        "04-06-2020 " * 20_000,
    ],
)
@pytest.mark.timing
def test_a_200_kb_line_takes_linear_time(line: str) -> None:
    started = time.perf_counter()
    find_dates(line, default_year=2020)
    find_time(line)
    assert time.perf_counter() - started < 2.0
