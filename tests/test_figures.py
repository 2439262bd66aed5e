"""Figures in Danish text: money in DKK, percentages, counts with their nouns and measures, as printed in minutes
and local news; the numbers that are not figures (years, dates, times, item, case, paragraph, page, phone and
house numbers, ordinals, list numbers); number words, ranges and approximations; the figure gold; speed."""

from __future__ import annotations

import csv
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from text_to_num import text2num  # type: ignore[import-untyped]

from referat.extractors.figures import FigureVocabularyError, find_figures, load_figure_vocabulary
from referat.extractors.figures.vocabulary import (
    NUMBER_WORDS_FILE,
    SCALES_FILE,
    UNITS_FILE,
    WORD_ROLES,
    load_context_words,
    load_number_words,
    load_scales,
    load_units,
)
from referat.models.records import Figure
from tests.conftest import DATA, RAW

GOLD = DATA / "gold" / "entities"
Found = tuple[str, float, str | None, str]


def figures(text: str) -> list[Found]:
    return [(figure.kind, figure.value, figure.unit, figure.text) for figure in find_figures(text)]


# --- the forms of each kind ------------------------------------------------------------------------------------

MONEY: list[tuple[str, list[Found]]] = [
    ("Der er afsat 70.000 kr. til kampagnen.", [("money", 70000, "DKK", "70.000 kr.")]),
    ("Rammen er 1,5 mio. kr. i 2025.", [("money", 1500000, "DKK", "1,5 mio. kr.")]),
    ("Anlægget koster 2 mia. kr.", [("money", 2000000000, "DKK", "2 mia. kr.")]),
    ("Udgiften er 500 t. kr. årligt.", [("money", 500000, "DKK", "500 t. kr.")]),
    ("Der er afsat 500 tkr. til projektet.", [("money", 500000, "DKK", "500 tkr.")]),
    ("Puljen udgør kr. 1,5 mio. i alt.", [("money", 1500000, "DKK", "kr. 1,5 mio.")]),
    ("Tilskuddet er 500.000 DKK.", [("money", 500000, "DKK", "500.000 DKK")]),
    ("Tilskuddet er DKK 500.000.", [("money", 500000, "DKK", "DKK 500.000")]),
    ("Det koster 1,5 mio.kr. at bygge.", [("money", 1500000, "DKK", "1,5 mio.kr.")]),
    ("Prisen er 70.000,- kr. for alt.", [("money", 70000, "DKK", "70.000,- kr.")]),
    ("Prisen er kr. 70.000,- for alt.", [("money", 70000, "DKK", "kr. 70.000,-")]),
    ("et varigt løft på 300 mio. kr. til bl.a. kronikerindsatsen", [("money", 300000000, "DKK", "300 mio. kr.")]),
    (
        "hvilket svarer til 64 kr. i døgnet, således vil ny takst udgøre 3.114 kr. i døgnet",
        [("money", 64, "DKK", "64 kr."), ("money", 3114, "DKK", "3.114 kr.")],
    ),
    # A line break between amount and currency, as pdf text wraps it.
    ("Heraf foreslås anvendt 1.316.000 \nkr. til ejendomme", [("money", 1316000, "DKK", "1.316.000 \nkr.")]),
    # A scale without currency is money unless a noun follows.
    ("Der er afsat 2,5 mio. til projektet.", [("money", 2500000, "DKK", "2,5 mio.")]),
    # No currency printed, but a budget: the gold's "70.000" in Ballerup's cycling campaign.
    ("Der afsættes et budget på 70.000 til at dække kampagnens omkostninger", [("money", 70000, "DKK", "70.000")]),
    ("anlægsbevilling: 1.316.000 til bygningerne", [("money", 1316000, "DKK", "1.316.000")]),
]

PERCENT: list[tuple[str, list[Found]]] = [
    (
        "psykiske lidelser – 41 % i Ballerup, mod 50 % på landsplan",
        [("percent", 41, "%", "41 %"), ("percent", 50, "%", "50 %")],
    ),
    ("Ledigheden er 41% i Ballerup.", [("percent", 41, "%", "41%")]),
    ("(4,1 % mod 3,7 %)", [("percent", 4.1, "%", "4,1 %"), ("percent", 3.7, "%", "3,7 %")]),
    ("en reduktion i taksterne på 2 pct. i 2013", [("percent", 2, "%", "2 pct.")]),
    ("30 pct. af eleverne i folkeskolen", [("percent", 30, "%", "30 pct.")]),
    ("Væksten var 3,7 procent sidste år.", [("percent", 3.7, "%", "3,7 procent")]),
    ("Ledigheden faldt 2 procentpoint.", [("percent", 2, "procentpoint", "2 procentpoint")]),
    ("- Sygedagpengemodtagere: 23 %", [("percent", 23, "%", "23 %")]),
    # per mille is a rate like percent, kept as printed (ballerupbladet.dk, a reader's letter on land tax)
    ("Hvor Ballerup er landet på godt 29 promille.", [("percent", 29, "promille", "29 promille")]),
]

COUNT: list[tuple[str, list[Found]]] = [
    ("- 159 nystartede virksomheder", [("count", 159, "nystartede virksomheder", "159 nystartede virksomheder")]),
    (
        "Målet er, at der skal skabes 1000 nye arbejdspladser, at 750 flere Ballerupborgere skal i arbejde",
        [
            ("count", 1000, "nye arbejdspladser", "1000 nye arbejdspladser"),
            ("count", 750, "Ballerupborgere", "750 flere Ballerupborgere"),
        ],
    ),
    ("som har afdelinger i 12 andre danske byer.", [("count", 12, "danske byer", "12 andre danske byer")]),
    (
        "mere end 3.000 nye private arbejdspladser",
        [("count", 3000, "nye private arbejdspladser", "3.000 nye private arbejdspladser")],
    ),
    ("har fem S-togsstationer, mange buslinjer", [("count", 5, "S-togsstationer", "fem S-togsstationer")]),
    (
        "280 borgere i afklaringspuljen, hvoraf 60 borgere til tilkendt førtidspension",
        [("count", 280, "borgere", "280 borgere"), ("count", 60, "borgere", "60 borgere")],
    ),
    (
        "Bilag\n\n3 bilag, heraf 0 anbefales",
        [("count", 3, "bilag", "3 bilag"), ("count", 0, "bilag anbefales", "0 anbefales")],
    ),
    ("kun 4 planlagte \nkurser blev gennemført", [("count", 4, "planlagte kurser", "4 planlagte \nkurser")]),
    ("Danmark har knap 6 mio. indbyggere.", [("count", 6000000, "indbyggere", "6 mio. indbyggere")]),
    # The unit of a bare number in a comparison comes from "antallet af" or from the count before it.
    (
        "hvor antallet af målgrupper reduceres fra 13 til 5, med henblik på",
        [("count", 13, "målgrupper", "13"), ("count", 5, "målgrupper", "5")],
    ),
    (
        "Fra omkring 2.000 borgere i begyndelsen af 2020 er antallet steget til ca. 2.380 pr. marts 2025.",
        [("count", 2000, "borgere", "2.000 borgere"), ("count", 2380, "borgere", "2.380")],
    ),
    (
        "tilkendt cirka 130 førtidspensioner om året. I de seneste 5 år ses der et stigende antal – fra 163 i 2020 "
        "til 202 i 2024.",
        [
            ("count", 130, "førtidspensioner", "130 førtidspensioner"),
            ("count", 163, "førtidspensioner", "163"),
            ("count", 202, "førtidspensioner", "202"),
        ],
    ),
    (
        "Forslaget blev vedtaget med 14 stemmer mod 11.",
        [("count", 14, "stemmer", "14 stemmer"), ("count", 11, "stemmer", "11")],
    ),
    # A year-like number counts only when approximated.
    ("Der bor ca. 2000 borgere i området.", [("count", 2000, "borgere", "2000 borgere")]),
]

MEASURE: list[tuple[str, list[Found]]] = [
    ("Her venter 40 hektarer på at blive en ny by", [("measure", 40, "hektar", "40 hektarer")]),
    ("Ballerup ligger 20 km fra Københavns centrum", [("measure", 20, "km", "20 km")]),
    ("Huset er på 500 m2 i to etager.", [("measure", 500, "m2", "500 m2"), ("count", 2, "etager", "to etager")]),
    ("Byggeriet er på 1.200 kvadratmeter.", [("measure", 1200, "m2", "1.200 kvadratmeter")]),
    ("Grunden er 2,5 ha stor.", [("measure", 2.5, "hektar", "2,5 ha")]),
    ("Forslaget sendes i otte ugers høring.", [("measure", 8, "uger", "otte ugers")]),
    ("at cykle flest kilometer i løbet af 21 dage.", [("measure", 21, "dage", "21 dage")]),
    ("og i minimum tre uger skifte bilen ud med cyklen", [("measure", 3, "uger", "tre uger")]),
    # "-årig" is the length of a period when a period follows it
    ("Budgettet vedtages for en 4-årig budgetperiode.", [("measure", 4, "år", "4-årig")]),
    ("et 3-årigt projekt", [("measure", 3, "år", "3-årigt")]),
    ("I stedet for at tænke i 4 års planer", [("measure", 4, "år", "4 års")]),
    ("Udmøntning af 72 timers lægeligt behandlingsansvar", [("measure", 72, "timer", "72 timers")]),
    ("afprøvning af 4-dages arbejdsuge", [("measure", 4, "dage", "4-dages")]),
    ("data på 6-\nmåneders opfølgningen", [("measure", 6, "måneder", "6-\nmåneders")]),
]


@pytest.mark.parametrize(("text", "expected"), MONEY + PERCENT + COUNT + MEASURE)
def test_figure_forms(text: str, expected: list[Found]) -> None:
    assert figures(text) == expected


# --- numbers that are not figures ---------------------------------------------------------------------------------

NOT_FIGURES: list[tuple[str, list[Found]]] = [
    # years, spans of years, dates
    ("Budgettet for 2025 er vedtaget med 5 stemmer.", [("count", 5, "stemmer", "5 stemmer")]),
    ("Det skete i 2024 med 3 deltagere.", [("count", 3, "deltagere", "3 deltagere")]),
    ("Politikken løber fra 2021-2025 og fra 2026-2030.", []),
    (
        "I perioden 2005 - 2015 blev der tilkendt cirka 130 førtidspensioner om året.",
        [("count", 130, "førtidspensioner", "130 førtidspensioner")],
    ),
    ("I perioden 2020–2023 har alle landets kommuner været omfattet", []),
    ("Fordelingen af tilkendelser i\n\n2024 skyldtes sygdomme i knogler", []),
    ("kvalitetsstandarder for stof- og alkoholbehandling 2012 foreslås videreført", []),
    ("Mødet holdes 13. maj 2025 med 7 deltagere.", [("count", 7, "deltagere", "7 deltagere")]),
    ("REFERAT d. 13-05-2025, Dato: 04.12.2012, 2025-05-13, 11/03/2025 og date 2017-09", []),
    ("Kampagnen finder sted d. 7. september - 28. september 2025.", []),
    # times of day
    ("Tirsdag d. 13. maj 2025 kl. 08:00", []),
    ("Messen er åben i tidsrummet 13.00-15.00 for 300 gæster.", [("count", 300, "gæster", "300 gæster")]),
    ("den 30. maj kl. 15.00-19.00 og kl. 17-20 og klokken 17.", []),
    # journal, KLE and case numbers
    ("24.00.00-G01-4-25", []),
    ("00.01.10-P35-6-24\n\n1. Årets førtidspensionsmesse", []),
    ("Sagsnr.: 2012-28504\nDok.nr.: 2012-203438", []),
    ("2012-208960 - Hvordan udvikler vi det nære sundhedsvæsen sammen?", []),
    ("se sagsfremstillingen - dok. nr. 2012-196779", []),
    # paragraphs and sections of laws
    ("Efter § 103 og stk. 2 gives 4 tilbud.", [("count", 4, "tilbud", "4 tilbud")]),
    ("tilbud efter servicelovens §§ 103 og 104 til 5 borgere", [("count", 5, "borgere", "5 borgere")]),
    ("LBK (Kommunestyrelsesloven) nr 47 af 15.01.2019 § 20", []),
    # phone numbers and web addresses
    ("Ring på 43 43 43 43 eller +45 43434343 og få 2 svar.", [("count", 2, "svar", "2 svar")]),
    ("<https://ballerup.dk/borger/foertidspension#paragraph-49128>", []),
    ("Se https://ballerup.dk/side?id=12345 for 3 eksempler.", [("count", 3, "eksempler", "3 eksempler")]),
    ("Se www.ballerup.dk/12 om 4 møder.", [("count", 4, "møder", "4 møder")]),
    ("Tlf.:43 43 43 43, fax 44 44 44 44 44 og 5 pladser.", [("count", 5, "pladser", "5 pladser")]),
    ("2300 København S\nTlf 3370 3370\nFax 3370 3371\nwww.kl.dk", []),  # KL's letter to Ballerup 2013
    ("Kontakt +45 43 43 43 43 eller 43-43 43 43 43.", []),
    ("5 borgere, 43 43 43 43.5 og 12 34 56 78,9", [("count", 5, "borgere", "5 borgere")]),
    # pages, contents
    ("Side 3 af 27", []),
    ("Meddelelser.....\t3\nCykelkampagne med samarbejdsbyen.....\t4", []),
    ("Indhold…… 12\nBilag ... 4 sider", []),
    # unit declarations of tables
    ("Udgifter (i 1.000 kr.) fordelt på 3 områder", [("count", 3, "områder", "3 områder")]),
    ("Beløb i mio. kr. fordelt på 3 områder", [("count", 3, "områder", "3 områder")]),
    ("Anlæg, beløb i 1.000 kr.: 4 projekter", [("count", 4, "projekter", "4 projekter")]),
    ("1. Meddelelser 3\n2. Bygningsvedligeholdelse 2013 - anlægsbevilling 3\n", []),
    ("14 Meddelelser \n16 Personalesag", []),
    # a capitalised word right after digits starts a heading or is a name, wherever the line breaks
    (
        "regnskab 2016 (Beslutning) 12 Kvalitetsstandarder for træning, støtte og pleje (beslutning). 41 "
        "13 Udmøntning af værdighedsmilliarden 2017",
        [],
    ),  # Lyngby-Taarbæk KB 2016-12-22, a flattened contents list
    ("37 Flere unge i job og uddannelse SF\n\n48 Flere kvinder i job M", []),  # Aarhus byråd 2025-10-08
    ("dernæst dem selv. 2 Godkendelse af dagsorden (beslutningspunkt)", []),  # FOT Danmark 2010-11-10
    ("148. Køkkenet på Aars Rådhus 31 Afbud Mads Krarup Nielsen", []),  # Vesthimmerland 2006-09-18
    ("skriver TV 2 Bornholm, mens Morten Riis", []),  # ekstrabladet.dk
    ("der mit den Sozialdemokraten 14 Plätze im Stadtrat besetzt.", []),  # der Nordschleswiger
    # list enumerators
    ("1. Godkendelse af 3 punkter", [("count", 3, "punkter", "3 punkter")]),
    ("2) Orientering om 4 sager", [("count", 4, "sager", "4 sager")]),
    ("a. Møder og 2 konferencer", [("count", 2, "konferencer", "2 konferencer")]),
    (
        "Den indeholder tre spor: 1) De bedste rammevilkår, 2) Arbejdsmarked samt 3) Vækst.",
        [("count", 3, "spor", "tre spor")],
    ),
    # items, rooms, plans and other labelled numbers
    ("Punkt 4 og pkt. 65 handler om 6 boliger.", [("count", 6, "boliger", "6 boliger")]),
    ("vedr. pkt. 196, 197 og 198", []),
    ("Deltog ikke under punkterne 20-21", []),
    ("Mødecenter C, Lokale 29 på Ballerup Rådhus", []),
    ("Lokalplan 145 giver plads til 80 boliger.", [("count", 80, "boliger", "80 boliger")]),
    ("Anlægsbevilling over projekt nr. 650260 på 1.316.000 kr.", [("money", 1316000, "DKK", "1.316.000 kr.")]),
    ("som et event under cykelplanens indsats nr 5; 'Hyld- Cyklister kampagne'", []),
    ("Bilag 2 giver et overblik over alle foreslåede ændringer.", []),
    ("- PDFBilag 4: Kortbilag 7 kommunal del", []),  # Aarhus byråd 2025-10-08: a compound label
    ("i uge 23 kommer 4 gæster.", [("count", 4, "gæster", "4 gæster")]),
    # addresses and postal codes
    ("Adressen er 8800 Viborg.", []),
    ("Aktivitetscenter på Solvej 6 i Ballerup med 12 pladser.", [("count", 12, "pladser", "12 pladser")]),
    ("i Posthuset, Banegårdspladsen 1, Ballerup.", []),
    ("Lokalplan 353 for Jægersborg Alle 170A-C og 172.", []),
    ("Vision 2029 Ballerup – en førende erhvervsby", []),
    # ordinals
    ("Allan Kristensen (C) (2. viceborgmester)", []),
    (
        "Virksomhedsændringer i 1. kvartal 2025 med 159 virksomheder.",
        [("count", 159, "virksomheder", "159 virksomheder")],
    ),
    ("at der tilføjes et 4. spor: Grøn omstilling", []),
    ("en eksamen på 9. klasses niveau", []),
    # words that look like numbers but are not quantities
    ("Hun har skrevet et par historiske bøger.", []),
    ("Efter godt et års ventetid er der nu ansat en", []),
    # "én"/"ét" count a noun that stands alone; before a longer phrase they stress unity (seed 002; tidende.dk)
    ("beslutter Erhvervsudvalget nu år for år ét strategisk tema", []),
    ("tilbyder vi nu én samlet indgang til den virksomhedsrettede", []),
    ("De 19 forslag bliver lagt frem som én samlet pakke", [("count", 19, "forslag", "19 forslag")]),
    ("så kommunalbestyrelsen vil stemme om dem alle på én gang.", []),  # tidende.dk
    ("mindst hver fjerde elev i folkeskolen", []),
    ("CO2 udledning", []),
    ("Fristen er den 5 januar 2025.", []),
    ("Der henvises til artikel i Din Avis af 10 sept. 2025.", []),  # Aarhus byråd 2025-10-08
    ("Tusind tak for i dag.", []),
    ("Det er fem flere end i 2017.", []),  # ekstrabladet.dk on Bornholm: "flere" compares, "end" is no noun
    ("ændres i henhold til beslutningspunkt 1 og 2 ovenfor.", []),  # Aarhus byråd 2025-10-08
    (
        "i alt kom vel omkring 50-65 forbi i løbet af halvanden time",  # rykindribe.dk: "forbi" is no noun
        [("measure", 1.5, "timer", "halvanden time")],
    ),
    # ages: "-årig(e)" before anything but a period, years after "under"/"over", an age word after a duration
    ("79-årige Ole Bjørstorp opnåede ikke en plads", []),  # kommunen.dk
    ("afløst af den 41-årige politibetjent Lasse Krogh Larsen", []),  # kommunen.dk
    ("hverdagen for 45-årige Claudia Westh Lonning", []),  # Ballerup Kommune's news (seed 000)
    ("stadigt flere af de 15 – 20 årige \nfravælger den traditionelle", []),  # Syddjurs, Kultur og Fritid 2009
    ("som er gratis for børn under 18 år at besøge", []),  # Aarhus byråd 2025-10-08
    ("tilskud til hjemmepasning af egne børn op til 5-års alderen", []),  # Aarhus byråd 2025-10-08
    ("en privat institution på 0-6 års området", []),  # Aarhus byråd 2025-10-08
    ("Bemærk: Artiklen er mere end 30 dage gammel", []),  # TV 2 East, TV 2 Østjylland, TV SYD
    ("Han har boet her i over 20 år.", [("measure", 20, "år", "20 år")]),  # a duration after "i over"
    # guesses: a scale word after "flere", "mange", "nogle"
    ("årligt flere hundrede tusinde besøgende", []),  # Aarhus byråd 2025-10-08
    ("Det koster mange millioner kroner.", []),
    # time anchors are not durations
    ("har været stigende gennem de seneste fem år", []),
    ("Så om ti år skal der gerne være mer liv", []),
    ("i de kommende fire år", []),
    ("For 5 år siden var det anderledes.", []),
    ("Nogenlunde samme fordeling ses i de foregående 3 år.", []),
]


@pytest.mark.parametrize(("text", "expected"), NOT_FIGURES)
def test_numbers_that_are_not_figures(text: str, expected: list[Found]) -> None:
    assert figures(text) == expected


# --- number words, ranges, approximations -----------------------------------------------------------------------

NUMBER_WORDS: list[tuple[str, list[Found]]] = [
    ("Udover at have nogle mål, så er der udviklet tre spor", [("count", 3, "spor", "tre spor")]),
    ("Tre spor", [("count", 3, "spor", "Tre spor")]),
    ("Kommunen får to millioner kroner.", [("money", 2000000, "DKK", "to millioner kroner")]),
    ("der privat bor i Hellerup med mand og to børn.", [("count", 2, "børn", "to børn")]),
    ("motivere flere borgere til at cykle i de to kommuner.", [("count", 2, "kommuner", "to kommuner")]),
    ("sætter vi gang i ni initiativer på det grønne område", [("count", 9, "initiativer", "ni initiativer")]),
    (
        "for de fire takstfinansierede tilbud",
        [("count", 4, "takstfinansierede tilbud", "fire takstfinansierede tilbud")],
    ),
    ("Tre Falke", []),
    ("tre hundrede borgere", [("count", 300, "borgere", "tre hundrede borgere")]),
    ("to millioner fem hundrede tusind kroner", [("money", 2500000, "DKK", "to millioner fem hundrede tusind kroner")]),
    ("halvanden million kroner", [("money", 1500000, "DKK", "halvanden million kroner")]),
    ("en million kroner", [("money", 1000000, "DKK", "en million kroner")]),
    ("enogtyve dage", [("measure", 21, "dage", "enogtyve dage")]),
    ("fem tre spor", [("count", 3, "spor", "tre spor")]),
    # "én" and "ét" with the accent are the numeral, not the article
    ("Ifølge referaterne var der ét punkt på begge møder", [("count", 1, "punkt", "ét punkt")]),  # dragoer-nyt.dk
    (
        "bliver lagt frem som én samlet pakke og ét punkt på dagsordenen",  # tidende.dk
        [("count", 1, "punkt", "ét punkt")],
    ),
    ("området i mange år har været domineret \naf én aktør: KMD.", [("count", 1, "aktør", "én aktør")]),  # KL 2013
    ("kun få tilskud i op til ét år pr. barn", [("measure", 1, "år", "ét år")]),  # Aarhus byråd 2025-10-08
    ("Der er et punkt på dagsordenen.", []),
]

RANGES_AND_APPROXIMATIONS: list[tuple[str, list[Found]]] = [
    (
        "primært mindre virksomheder med 1-10 ansatte.",
        [("count", 1, "ansatte", "1-10 ansatte"), ("count", 10, "ansatte", "1-10 ansatte")],
    ),
    ("Høringen tager 2-3 uger.", [("measure", 2, "uger", "2-3 uger"), ("measure", 3, "uger", "2-3 uger")]),
    ("Høringen tager 2 - 3 uger.", [("measure", 2, "uger", "2 - 3 uger"), ("measure", 3, "uger", "2 - 3 uger")]),
    ("Høringen tager 2 til 3 uger.", [("measure", 2, "uger", "2 til 3 uger"), ("measure", 3, "uger", "2 til 3 uger")]),
    (
        "Beløbet er 5.000-10.000 kr. pr. år.",
        [("money", 5000, "DKK", "5.000-10.000 kr."), ("money", 10000, "DKK", "5.000-10.000 kr.")],
    ),
    ("Stigningen er 10–15 % om året.", [("percent", 10, "%", "10–15 %"), ("percent", 15, "%", "10–15 %")]),
    (
        "Projektet koster 1,5-2 mio. kr.",
        [("money", 1500000, "DKK", "1,5-2 mio. kr."), ("money", 2000000, "DKK", "1,5-2 mio. kr.")],
    ),
    ("deltagelsesgebyr på ca. 15.000 kr.", [("money", 15000, "DKK", "15.000 kr.")]),
    (
        "Der blev tilkendt cirka 130 førtidspensioner om året.",
        [("count", 130, "førtidspensioner", "130 førtidspensioner")],
    ),
    ("Fra omkring 2.000 borgere", [("count", 2000, "borgere", "2.000 borgere")]),
]


@pytest.mark.parametrize(("text", "expected"), NUMBER_WORDS + RANGES_AND_APPROXIMATIONS)
def test_number_words_ranges_and_approximations(text: str, expected: list[Found]) -> None:
    assert figures(text) == expected


def test_a_range_gives_both_ends_the_same_offsets() -> None:
    text = "virksomheder med 1-10 ansatte"
    low, high = find_figures(text)
    assert (low.start, low.end) == (high.start, high.end) == (17, 29)


def test_every_occurrence_is_yielded_with_offsets_into_the_text() -> None:
    text = "40 konkrete ideer fra 100 virksomheder\n\nhar 100 virksomheder givet 40 konkrete ideer"
    found = list(find_figures(text))
    assert [figure.text for figure in found] == [
        "40 konkrete ideer",
        "100 virksomheder",
        "100 virksomheder",
        "40 konkrete ideer",
    ]
    assert [figure.start for figure in found] == [0, 22, 44, 67]


@pytest.mark.parametrize("path", sorted(RAW.glob("*.txt")), ids=lambda path: path.name)
def test_offsets_point_at_the_figure_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = list(find_figures(text))
    assert found, "every sample document has figures"
    for figure in found:
        assert isinstance(figure, Figure)
        assert text[figure.start : figure.end] == figure.text
    starts = [figure.start for figure in found]
    assert starts == sorted(starts)


# --- the vocabulary --------------------------------------------------------------------------------------------


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("row", _csv_rows(UNITS_FILE), ids=lambda row: row["form"])
def test_each_unit_reads_its_example(row: dict[str, str]) -> None:
    found = [figure for figure in find_figures(row["example"]) if figure.kind == row["kind"]]
    assert found, f"{row['example']!r} gives no {row['kind']}"
    expected_unit = "DKK" if row["kind"] == "money" else row["unit"]
    assert found[0].unit == expected_unit
    assert row["form"].casefold() in found[0].text.casefold()


@pytest.mark.parametrize("row", _csv_rows(SCALES_FILE), ids=lambda row: row["form"])
def test_each_scale_multiplies_its_example(row: dict[str, str]) -> None:
    (figure,) = find_figures(row["example"])
    number = re.match(r"[\d.,]+|\w+", row["example"])
    assert number is not None
    printed = number.group()
    base = (
        Decimal(printed.replace(".", "").replace(",", "."))
        if printed[0].isdigit()
        else Decimal(text2num(printed, "da"))
    )
    assert (figure.kind, figure.unit) == ("money", "DKK")
    assert Decimal(str(figure.value)) == base * Decimal(row["factor"])


@pytest.mark.parametrize(("word", "value"), load_number_words())
def test_number_words_agree_with_text2num(word: str, value: Decimal) -> None:
    try:
        converted = text2num(word, "da")
    except ValueError:
        assert word in ("halvanden", "ét"), f"text2num cannot read {word!r}: only words it cannot read need the table"
        return
    assert Decimal(converted) == value


def test_every_context_role_has_words() -> None:
    roles = dict(load_context_words())
    assert set(roles) == set(WORD_ROLES)
    assert all(roles[role] for role in WORD_ROLES)
    assert load_figure_vocabulary().role("label") >= {"§", "stk.", "punkt", "pkt.", "side", "sagsnr.", "nr."}


@pytest.mark.parametrize(
    ("file_text", "loader", "message"),
    [
        ("form,kind,unit,dimension,factor,example\nkr.,cash,DKK,money,1,1 kr.\n", load_units, "unknown kind 'cash'"),
        ("form,kind,unit,dimension,factor,example\nkr.,money,DKK,money,many,1 kr.\n", load_units, "not a number"),
        ("form,kind\nkr.,money\n", load_units, "missing column(s) unit"),
        ("form,factor,needs_currency,example\nmio.,1000000,maybe,x\n", load_scales, "yes or no"),
        ("word,value\nTo,2\n", load_number_words, "one lower-case word"),
        ("role,word\nunit_word,kr\n", load_context_words, "unknown role 'unit_word'"),
        ("role,word\nlabel,\n", load_context_words, "empty word"),
    ],
)
def test_broken_vocabulary_rows_say_what_to_fix(
    tmp_path: Path, file_text: str, loader: Callable[[Path], object], message: str
) -> None:
    path = tmp_path / "broken.csv"
    path.write_text(file_text, encoding="utf-8")
    with pytest.raises(FigureVocabularyError, match=re.escape(message)):
        loader(path)


def test_the_shipped_vocabulary_loads() -> None:
    vocabulary = load_figure_vocabulary()
    assert vocabulary.unit_for("Kr.").kind == "money"
    assert vocabulary.unit_for("hektarer").unit == "hektar"
    assert vocabulary.scale_for("mio.").factor == Decimal(1000000)
    assert vocabulary.number_word_value("Tre") == Decimal(3)
    assert NUMBER_WORDS_FILE.exists()


# --- the gold ------------------------------------------------------------------------------------------------------

GoldKey = tuple[str, float, str]


def _key(kind: str, value: float, text: str) -> GoldKey:
    return kind, round(float(value), 6), " ".join(text.split()).casefold()


def _gold_documents() -> list[tuple[str, dict[GoldKey, str | None], str]]:
    documents = []
    for path in sorted(GOLD.glob("*.json")):  # the seeds' gold; the whole corpus's is tests/test_news_gold.py
        if not (RAW / path.name.removesuffix(".json")).exists():
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        assert gold.get("scope_items") is None, f"{path.name}: scoped gold needs the items' text; not yet read"
        source = RAW / Path(gold["source"]).name
        expected = {_key(figure["kind"], figure["value"], figure["text"]): figure["unit"] for figure in gold["figures"]}
        documents.append((path.name, expected, source.read_text(encoding="utf-8")))
    return documents


def test_figures_match_the_gold(capsys: pytest.CaptureFixture[str]) -> None:
    """Distinct (kind, value, text) per document, as the gold lists them; units compared on the matches."""
    true_positives: Counter[str] = Counter()
    false_positives: Counter[str] = Counter()
    false_negatives: Counter[str] = Counter()
    unit_matches = unit_total = 0
    report = []
    for name, expected, text in _gold_documents():
        found: dict[GoldKey, str | None] = {}
        for figure in find_figures(text):
            found.setdefault(_key(figure.kind, figure.value, figure.text), figure.unit)
        for key in found.keys() & expected.keys():
            true_positives[key[0]] += 1
            unit_total += 1
            unit_matches += found[key] == expected[key]
        for key in found.keys() - expected.keys():
            false_positives[key[0]] += 1
            report.append(f"  {name}: extra   {key}")
        for key in expected.keys() - found.keys():
            false_negatives[key[0]] += 1
            report.append(f"  {name}: missing {key}")

    def scores(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    lines = [f"{'kind':8} {'P':>6} {'R':>6} {'F1':>6}  tp fp fn"]
    for kind in ("money", "percent", "count", "measure"):
        tp, fp, fn = true_positives[kind], false_positives[kind], false_negatives[kind]
        precision, recall, f1 = scores(tp, fp, fn)
        lines.append(f"{kind:8} {precision:6.3f} {recall:6.3f} {f1:6.3f}  {tp:2} {fp:2} {fn:2}")
    tp, fp, fn = sum(true_positives.values()), sum(false_positives.values()), sum(false_negatives.values())
    precision, recall, f1 = scores(tp, fp, fn)
    lines.append(f"{'all':8} {precision:6.3f} {recall:6.3f} {f1:6.3f}  {tp:2} {fp:2} {fn:2}")
    lines.append(f"units agree on {unit_matches} of {unit_total} matched figures")
    with capsys.disabled():
        print("\nfigure gold\n" + "\n".join(lines + report))
    assert f1 >= 0.85
    assert unit_matches >= 0.9 * unit_total


# --- speed ---------------------------------------------------------------------------------------------------------


def _seconds(text: str) -> float:
    started = time.perf_counter()
    for _ in find_figures(text):
        pass
    return time.perf_counter() - started


LONG_LINES: dict[str, Callable[[str], str]] = {
    "prose without line breaks": lambda seed: (" ".join(seed.split()) * 5)[:200_000],
    "digits": lambda _: "1" * 200_000,
    "dotted digits": lambda _: "1." * 100_000,
    "dashed digits": lambda _: "1-" * 100_000,
    "decimal commas": lambda _: "1,2," * 50_000,
    "spaces before a number": lambda _: " " * 199_999 + "5",
    "a dot leader": lambda _: "." * 199_999 + "3",
    "hyphenated letters": lambda _: "a-" * 100_000,
    "amounts": lambda _: "5 kr. " * 33_000,
    "a number and adjectives": lambda _: "5 " + "nye " * 50_000,
    "labels": lambda _: "§ 1 og " * 30_000,
}


@pytest.mark.parametrize("make", LONG_LINES.values(), ids=LONG_LINES.keys())
@pytest.mark.timing
def test_a_long_line_takes_less_than_a_second(make: Callable[[str], str]) -> None:
    seed = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(RAW.glob("*.txt")))
    line = make(seed)
    assert "\n" not in line and len(line) >= 198_000
    assert _seconds(line) < 1.0
