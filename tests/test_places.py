"""Which municipality a meeting belongs to: real lines, passing mentions, the data files and the gold."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from referat.extractors.language.places import _CAPITALISED_WORD, load_municipalities, load_towns, municipality_for
from tests.test_dates import GOLD_FILES, MEETING_GOLD_FILES, gold, source_text


def test_municipalities_file_lists_all_98_once() -> None:
    municipalities = load_municipalities()
    names = [municipality.name for municipality in municipalities]
    assert len(names) == 98 == len(set(names))
    assert {municipality.region for municipality in municipalities} == {
        "Region Hovedstaden",
        "Region Sjælland",
        "Region Syddanmark",
        "Region Midtjylland",
        "Region Nordjylland",
    }
    by_name = {municipality.name: municipality for municipality in municipalities}
    assert by_name["København"].official_name == "Københavns Kommune"
    assert by_name["Bornholm"].official_name == "Bornholms Regionskommune"


def test_every_town_points_to_a_municipality_and_none_shadows_one() -> None:
    names = {municipality.name for municipality in load_municipalities()}
    towns = load_towns()
    assert towns
    assert all(town.municipality in names for town in towns)
    assert not {town.name for town in towns} & names
    assert len({town.name for town in towns}) == len(towns)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "REFERAT Erhvervs-, Beskæftigelses- og Uddannelsesudvalget d. 13-05-2025\n\nMødested Mødecenter C, Lokale 29 på "
            "Ballerup Rådhus",
            "Ballerup",
        ),
        ("Gentofte Kommune \n\nDagsorden til møde i Økonomiudvalget", "Gentofte"),
        ("Referat\ntil\nmødet i Odense Byråd\nden 6. april 2016 kl. 17:00\ni Byrådssalen", "Odense"),
        ("Gribskov Kommunes likviditet har været faldende hvert år siden 2013", "Gribskov"),
        (
            "Økonomiudvalget tiltrådte den 8. november 2011 indstilling om styr på eksekvering, som indebærer fokus på "
            "eksekvering af politiske beslutninger i hele Københavns Kommune og afrapportering om eksekvering.",
            "København",
        ),
        ("Københavns kommune har et vedtaget bruttoanlægsbudget på i alt 3,9 mia.kr. i 2014.", "København"),
        (
            "der tilføjes en formulering: ”I Stevns kommune tager det lokale erhvervsliv et socialt medansvar.”",
            "Stevns",
        ),
        ("Bornholms Regionskommune\nKommunalbestyrelsen", "Bornholm"),
        ("Referat fra Lyngby-Taarbæk Kommunes Økonomiudvalg", "Lyngby-Taarbæk"),
        ("Høje-Taastrup Kommune, Bygaden 2", "Høje-Taastrup"),
        ("Ringkøbing-Skjern Kommune\nByrådet", "Ringkøbing-Skjern"),
        ("Frederiksberg Kommune\nMagistraten", "Frederiksberg"),
        ("Referat fra Læsø Kommunes kommunalbestyrelse", "Læsø"),
        ("Møde på Aarhus Rådhus", "Aarhus"),
        ("Århus Kommune, Magistratens 1. afdeling", "Aarhus"),
        ("Aftalen gælder for alle skoler i Aarhus' nordlige bydele.", "Aarhus"),
        ("Samarbejdet styrker Ballerups profil som erhvervsby.", "Ballerup"),
        ("Takstreduktion på aflastningstilbuddet Torvevej i Skovlunde i 2013", "Ballerup"),
        ("udbygningsplanens fase 1 (Hellerup)", "Gentofte"),
        ("Lokalplan 335 for boliger ved Ordrup Jagtvej 50.", "Gentofte"),
        ("Cyklistforbundet i Rødovre henviser til", "Rødovre"),
        ("udviklingsplaner for Hørsholm Bymidte, bliver behov for ekstern bistand", "Hørsholm"),
        ("Mødet holdes på biblioteket i Nykøbing Falster", "Guldborgsund"),
        ("BALLERUP KOMMUNE\nREFERAT", "Ballerup"),
        ("REFERAT FRA LYNGBY-TAARBÆK KOMMUNES ØKONOMIUDVALG", "Lyngby-Taarbæk"),
        ("Referat, Høje-Taastrup Kommune", "Høje-Taastrup"),
        ("Greve-Solrød samarbejdet og Solrød Kommune", "Solrød"),  # "Greve-Solrød" is one word, no mention of Greve
    ],
)
def test_municipality_in_real_lines(text: str, expected: str) -> None:
    assert municipality_for(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ballerup Kommune har modtaget en opfordring fra samarbejdsbyen Brandenburg an Der Havel",
        "Efter rådgivning fra KL har Ballerup Kommune opsagt kutymeaftaler.",
        "Ballerup Rådhus\n" + "Sagsfremstilling. " * 80 + "Aftale med Københavns Kommune og Københavns Kommunes "
        "forsyning; Københavns Kommune betaler.",
        "Kommunaldirektør Kim Herlev gennemgik programmet. Mødet i Ballerup sluttede kl. 10.",
    ],
)
def test_passing_mentions_do_not_win_over_the_header(text: str) -> None:
    assert municipality_for(text) == "Ballerup"


@pytest.mark.parametrize(
    "text",
    [
        "KL og Forhandlingsfællesskabet forhandler overenskomsterne",
        "Kommunaldirektør Kim Herlev gennemgik kort programudkast til augustkonferencen.",  # a surname, not the town
        "Vejen frem er en ny plan.",  # a word at a sentence's start, not the town
        "Byrådet, 23.02.2016 Helge Adam Møller og John Lauritzen var fraværende.",
        "Referat. af mødet i Regionsrådet 14. november 2007 kl. 14:00 i Regionsrådssalen, Regionshuset Viborg, "
        "Skottenborg 26, 8800 Viborg",
        "Region Midtjylland Regionssekretariet Viborg, den 15. november 2007",
        "",
        "Planen for Nord-Ballerup og Ballerup-området",  # a name joined to another word is part of that word
    ],
)
def test_no_municipality(text: str) -> None:
    assert municipality_for(text) is None


@pytest.mark.parametrize(
    ("committee", "location", "expected"),
    [
        ("Odense Byråd", None, "Odense"),
        ("Borgerrepræsentationen", None, "København"),
        ("Økonomiudvalget", "Mødecenter C, Lokale 29 på Ballerup Rådhus", "Ballerup"),
        ("Kommunalbestyrelsen", "Kulturhuset i Skovlunde", "Ballerup"),
        ("Økonomiudvalget", "D2/Rådhus", None),
        ("Regionsrådet", "Regionsrådssalen, Regionshuset Viborg, Skottenborg 26, 8800 Viborg", None),
    ],
)
def test_committee_and_location(committee: str, location: str | None, expected: str | None) -> None:
    assert municipality_for("Dagsorden\n1. Godkendelse af dagsorden", committee=committee, location=location) == (
        expected
    )


def test_the_header_location_wins_over_mentions_in_the_text() -> None:
    text = "Referat\n\nAftalen med Cyklistforbundet i Rødovre og i Rødovre Centrum"
    assert municipality_for(text, location="Mødecenter A, Lokale 3 på Ballerup Rådhus") == "Ballerup"


# Gold municipalities the excerpt's text does not state: Holbæk's page names only "Kanalstræde 2", Randers's
# and København's lokaludvalg item pages name no municipality or town at all. The gold knows them from the URL.
NOT_IN_TEXT = {
    # Lyngby-Taarbæk's 2016 copy names only the district Taarbæk (in an item's title), which the towns list lacks.
    "lyngby-taarbaek_kb_2016-12-22_docslib.txt",
    "holbaek_aeldre-sundhed_2020-06-04.txt",
    "randers_byraadet_2015-01-12_punkt21.txt",
    "koebenhavn_lokaludvalg_2018-04-19_punkt2.txt",
}


@pytest.mark.parametrize("gold_path", MEETING_GOLD_FILES, ids=lambda path: path.name)
def test_gold_municipality(gold_path: Path) -> None:
    meeting = gold(gold_path)["meeting"]
    expected = None if gold_path.name.removesuffix(".json") in NOT_IN_TEXT else meeting["municipality"]
    text = source_text(gold_path)
    assert municipality_for(text, committee=meeting["committee"], location=meeting["location"]) == expected
    assert municipality_for(text) == expected  # the text alone says as much


@pytest.mark.parametrize(
    "line",
    [
        "Ballerup " * 22_000,
        "Ballerup Kommune " * 12_000,
        "A" * 200_000,
        "Kim Herlev " * 18_000,
        "Nykøbing " * 22_000,
        ". " * 100_000 + "Rødovre",
        " " * 200_000 + "Rødovre",
    ],
)
@pytest.mark.timing
def test_a_200_kb_line_takes_linear_time(line: str) -> None:
    started = time.perf_counter()
    municipality_for(line, committee=line[:1000], location=line[:1000])
    assert time.perf_counter() - started < 2.0


def test_capitalised_words_found_with_one_class_are_those_of_the_look_ahead() -> None:
    look_ahead = re.compile(r"(?![a-zæøåäöüé])[^\W\d_](?<![^\W\d_].)(?<![^\W\d_]-.)[^\W\d_]*(?:-[^\W\d_]+)*")
    text = "Mødet i GENTOFTE, Nord-Fyn og lyngby-Taarbæk: Kim Herlev, éA Ærø ÅRHUS _Ballerup 3Holbæk ǅemal İzmir"
    for path in sorted(GOLD_FILES)[:5]:
        text += source_text(path)[:8000]
    assert [m.span() for m in _CAPITALISED_WORD.finditer(text)] == [m.span() for m in look_ahead.finditer(text)]
