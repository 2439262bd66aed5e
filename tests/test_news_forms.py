"""Headline, dateline, byline and web-furniture forms of news pages from many outlets (issue 13, items 2 and 3).

Lines marked with a corpus file are copied from the real pages of the shared corpus (tests/data/news, seeds in
data/raw); lines marked "form" are the same families as other outlets print them. Every table has negatives:
lines of article text that look like the form but are not it.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from referat.extractors.news.article import (
    assemble,
    is_credit,
    parse_byline,
    parse_signature,
    read_text_article,
    remove_boilerplate,
)
from referat.extractors.news.dates import parse_dateline, split_prefix
from referat.extractors.news.vocabulary import (
    BOILERPLATE_FILE,
    BYLINES_FILE,
    boilerplate_action,
    boilerplate_rows,
    byline_rows,
    outlet_names,
)
from tests.conftest import DATA

NEWS = DATA / "news"


def read(name: str) -> str:
    return (NEWS / name).read_text(encoding="utf-8")


# -- web furniture --------------------------------------------------------------------------------------------------

FURNITURE = [
    # (line, outlet)
    ("Spring til indhold", "Rudersdal Kommune (seed 002)"),
    ("Gå til hovedindholdet", "Aula, Hjerm Skole"),
    ("MENU", "Aula, Hjerm Skole"),
    ("Aula_close Layer 1", "Aula, Hjerm Skole"),
    ("Artiklen er mere end 30 dage gammel", "TV SYD"),
    ("Bemærk: Artiklen er mere end 30 dage gammel", "TV 2 Østjylland, TV 2 East"),
    (
        "Dit cookie-tilsagn gør, at indholdet her ikke kan vises. Du kan ændre dit tilsagn ved at klikke på boksen her.",
        "TV 2 East",
    ),
    ("Nyhedsoverblik", "TV 2 East"),
    ("Skriv et svar", "Ballerup Bladet"),
    ("Din e-mailadresse vil ikke blive publiceret. Krævede felter er markeret med *", "Ballerup Bladet"),
    ("Diesen Artikel vorlesen lassen.", "Der Nordschleswiger"),
    ("Nøgleord", "Via Ritzau"),
    ("Project Description", "Ryk ind Ribe"),
    ("Annonce", "Ryk ind Ribe"),
    ("Artiklen fortsætter efter annoncen", "form"),
    ("Artiklen fortsætter under annoncen", "form"),
    ("Se billedserie", "form"),
    ("1 / 12", "form: a gallery's counter"),
    ("Lyt til artiklen", "form"),
    ("Del på Facebook", "form"),
    ("Kopiér link", "form"),
    ("Allerede abonnent? Log ind", "form"),
    ("Denne artikel er kun for abonnenter", "form"),
    (
        "Vi og vores partnere bruger cookies og lignende teknologier til at tilpasse indhold. Du kan altid ændre dit "
        "samtykke.",
        "form",
    ),
    ("For at se dette indhold skal du acceptere cookies fra YouTube.", "form"),
    ("Din browser understøttes ikke. Skift til en nyere browser.", "form"),
    ("Du er her: Forside / Nyheder / Politik", "form"),
    ("LÆS OGSÅ Borgmesteren trækker sig efter 12 år", "form"),
    ("Mest læste lige nu", "form"),
    ("Warning: Undefined variable $post_id in /var/www/html/wp-content/themes/avis/single.php on line 42", "form"),
    ("Notice: Undefined index: field_image in template_preprocess_node() (line 123 of /var/www/node.module).", "form"),
]


@pytest.mark.parametrize(("line", "outlet"), FURNITURE, ids=[line[:40] for line, _ in FURNITURE])
def test_web_furniture_lines(line: str, outlet: str) -> None:
    assert boilerplate_action(line) is not None, outlet


@pytest.mark.parametrize(
    "line",
    [
        "Klima vægter højt",  # TV SYD subheading
        "Dobbelt snydt",  # Jyllands-Posten subheading
        "Liste T imod",  # Dragør Nyt subheading
        "Larmende fløjter",  # Ekstra Bladet subheading
        "Læs lokalplanen.",  # Hørsholm Kommune: a link in the text
        "Høringen løber frem til 13.september 2024. Høringsfristen er 10 uger.",  # Aula
        "- Debatten om valgplakater har været rejst fra flere partier i byrådet, siger Peter Sørensen (S).",  # TV SYD
        "»Vi bruger cookies på alle vores sider, og det er helt lovligt,« siger direktøren.",  # a quote
        "Politikerne vil bruge cookies-loven som eksempel i debatten om privatliv og data.",
        "Kommunen har bedt borgerne om samtykke til at bruge deres data, og det har 40 procent givet.",
        "Se det er en direktør enhver kommune ville ansætte for enhver pris.",  # Ballerup Bladet: starts "Se"
        "Anbefalingerne har størst betydning for skoletilbuddene i Horslunde og Holeby, der foreslås nedlagt.",
    ],
)
def test_article_lines_are_not_furniture(line: str) -> None:
    assert boilerplate_action(line) is None


def test_a_comment_form_ends_the_article() -> None:
    cleaned = read_text_article(read("ballerupbladet_naar-tavshed-er-guld-debat_2013-09.txt"))
    assert "Skriv et svar" not in cleaned.text
    assert "Din e-mailadresse" not in cleaned.text
    assert cleaned.article.body.split("\n\n")[-1].startswith("Jamen, jamen fortæl dog Agnete Hansen")


@pytest.mark.parametrize("rail", ["Mest læste lige nu", "Læs også"])
def test_a_rail_above_the_article_ends_at_its_headline(rail: str) -> None:
    # A rail's links above the article (a sidebar the copy printed first) end where a headline with its byline
    # opens the article: the rail's headline and date are not the article's.
    page = (
        f"{rail}\n\nRudersdal Kommune lukker svømmehal\n\n2. januar 2024\n\n"
        "Politikerne vil have iværksætterne med\n\nAf Sofie Lindberg\n\nPubliceret 16. maj 2025\n\n"
        "Ballerup Kommunes erhvervs- og vækstpolitik udløber med udgangen af 2025, og arbejdet med en ny politik "
        "er nu gået i gang.\n"
    )
    article = read_text_article(page).article
    assert (article.title, article.published, article.author) == (
        "Politikerne vil have iværksætterne med",
        "2025-05-16",
        "Sofie Lindberg",
    )
    assert "svømmehal" not in read_text_article(page).text


def test_keywords_and_contacts_after_a_press_release_go() -> None:
    cleaned = read_text_article(read("ritzau-via_lolland-kommune-proces-for-bygninger-paa-plads_2022-12.txt"))
    assert "Nøgleord" not in cleaned.text and "Tlf:23 24 91 80" not in cleaned.text
    assert cleaned.article.body.endswith("Når byrådet har taget stilling 24. januar, kommer sagerne i høring.")


def test_a_page_that_prints_the_next_articles_ends_with_the_first() -> None:
    """TV SYD prints the next stories under the article, each opening with its picture's credit and headline:
    their headlines, text and update time are not the article's."""
    cleaned = read_text_article(read("tvsyd_horsens-partier-dropper-valgplakater_2024.txt"))
    assert cleaned.article.title == "Flertal af partier i kommune dropper valgplakater"
    assert cleaned.article.published is None  # "Opdateret ... 13. december 2024" belongs to a later story
    for furniture in (
        "Nyhederne på TV udgår fredag",
        "Alvorlig ulykke i svømmehal fredag morgen",
        "Artiklen er mere end 30 dage gammel",
    ):
        assert furniture not in cleaned.text
    assert cleaned.article.body.endswith(
        "Aftalen er politisk bindende og gælder indtil videre for kommunalvalget i 2025."
    )


def test_a_credit_and_subheading_inside_an_article_that_did_not_open_with_one_do_not_end_it() -> None:
    lines = [
        "Ny skole i Holeby",
        "Kommunen bygger en ny skole i Holeby, som skal stå klar i 2026, og det glæder "
        "forældrene i byen, der længe har ventet på en afgørelse.",
        "Foto: Lars Hansen",
        "Klima vægter højt",
        "Skolen bliver bygget i træ og får solceller på taget, fortæller borgmesteren, som glæder sig til indvielsen.",
    ]
    assert remove_boilerplate(lines) == lines


# -- headlines ------------------------------------------------------------------------------------------------------

HEADLINES = [
    # (opening lines as printed, the headline; None where the copy does not print it)
    ("tvsyd_horsens-partier-dropper-valgplakater_2024.txt", "Flertal af partier i kommune dropper valgplakater"),
    ("tv2east_guldborgsund-fem-skoler-indstillet-til-lukning_2011.txt", "Fem skoler indstillet til lukning"),
    (
        "tv2ostjylland_ekspert-uroen-i-randers-byraad-vil-fortsaette_2020.txt",
        "Ekspert: Uroen i Randers Byråd vil fortsætte",
    ),
    ("kl_kommunale-budgetter-i-hus-paa-rekordtid_2019-11-07.txt", "Kommunale budgetter i hus på rekordtid"),
    ("hjerm-skole-aula_hoering-vedr-ny-skolestruktur_2024-05.txt", "Høring vedr. ny skolestruktur"),
    ("tvaarhus_borgmesteren-i-aarhus-er-glad-budget-2024_2023-10.txt", "Borgmesteren i Aarhus er glad"),
    (
        "kommunen-dk_ansaettelser-og-fyringer-partihop-og-eksklusioner_2026-01.txt",
        "Ansættelser og fyringer, partihop og eksklusioner",
    ),
    ("nordschleswiger_sonderburger-koalition-steht_2021-11.txt", "Die Sonderburger Koalition steht"),
    ("dragoer-nyt_ny-direktoer-paa-plads_2024-04.txt", "Ny direktør på plads"),
    ("bha_beslutningsdygtigt-trods-fravaer-lokaludvalg_2021-05.txt", "Beslutningsdygtigt trods fravær"),
    ("dr_kv17-det-er-paa-spil-i-haderslev_2017.txt", "Det er på spil i Haderslev"),
    ("ritzau-via_lolland-kommune-proces-for-bygninger-paa-plads_2022-12.txt", "Proces for bygninger på plads"),
    # The copy opens with the lead or a caption: the headline is not printed.
    ("ekstrabladet_rudersdal-kendisser-i-skolekrig_2019-10.txt", None),
    ("bt_kampen-om-borgmesterposten-odense_2021-11.txt", None),
    ("horsholm-kommune_lokalplan-169-vedtaget_2018-10.txt", None),
    ("tidende_kommunens-fundraiser-vender-tilbage-i-kommunebudget_2022.txt", None),
    ("nordjyske_bred-aftale-i-hjoerring_2017-11.txt", None),
]


@pytest.mark.parametrize(("name", "title"), HEADLINES, ids=[name.split("_")[0] for name, _ in HEADLINES])
def test_headline_of_text_copies(name: str, title: str | None) -> None:
    assert read_text_article(read(name)).article.title == title


@pytest.mark.parametrize(
    ("name", "furniture"),
    [
        ("tvaarhus_borgmesteren-i-aarhus-er-glad-budget-2024_2023-10.txt", "Local View"),  # label above
        ("kommunen-dk_ansaettelser-og-fyringer-partihop-og-eksklusioner_2026-01.txt", "Kommuner byråd"),  # tags under
        ("hjerm-skole-aula_hoering-vedr-ny-skolestruktur_2024-05.txt", "Aula_close Layer 1"),
    ],
)
def test_labels_around_the_headline_are_furniture(name: str, furniture: str) -> None:
    assert furniture not in read_text_article(read(name)).text


def test_a_repeated_headline_is_printed_once() -> None:
    text = read_text_article(read("nordschleswiger_sonderburger-koalition-steht_2021-11.txt")).text
    assert text.count("Die Sonderburger Koalition steht") == 1


@pytest.mark.parametrize(
    ("site", "headline"),
    [
        ("TV 2 Kosmopol", "Borgmester vil have flere cykelstier"),
        ("Ekstra Bladet", "Forældre stormer rådhuset"),
        ("Jyllands-Posten", "Skolen i Trustrup skal lukke"),
    ],
)
def test_the_site_name_is_not_the_headline(site: str, headline: str) -> None:
    lead = "Kommunen vil bruge 20 millioner kroner på sagen, oplyser borgmesteren, der glæder sig over aftalen."
    cleaned = read_text_article(f"{site}\n\n{headline}\n\n{lead}")
    assert cleaned.article.title == headline
    assert site not in cleaned.text


def test_the_page_outlet_named_as_a_line_is_not_the_headline() -> None:
    cleaned = assemble(
        [
            "Lokalnyt Nord",
            "Ny hal i Vester Hassing",
            "Kommunen bygger en ny hal, som skal stå klar "
            "til sæsonen i 2026, fortæller formanden for idrætsforeningen.",
        ],
        outlet="lokalnytnord.dk",
    )
    assert cleaned.article.title == "Ny hal i Vester Hassing"
    assert "Lokalnyt Nord" not in cleaned.text


def test_a_short_headline_under_a_menu_stays() -> None:
    """A village site's post: the menu's entries go, the three-word headline above the byline stays."""
    cleaned = read_text_article(
        "Lokalrådet\nMenu\nHjem\nNyheder\nOm os\nGeneralforsamling i lokalrådet\n"
        "Udgivet 5. maj 2021 af Hans Holm\nDer er generalforsamling i lokalrådet torsdag "
        "den 20. maj kl. 19 i forsamlingshuset, og alle er velkomne.\nSkriv et svar\n"
    )
    assert (cleaned.article.title, cleaned.article.published, cleaned.article.author) == (
        "Generalforsamling i lokalrådet",
        "2021-05-05",
        "Hans Holm",
    )
    assert "Om os" not in cleaned.text and "Nyheder" not in cleaned.text


@pytest.mark.parametrize(
    "opening",
    [
        "Der skal gang i virksomhederne. Foto: Arkivfoto.",  # seed 001: a caption
        "Forældre fra whiskybæltet stormede Rudersdal Rådhus i Holte onsdag.",  # Ekstra Bladet: a lead, 10 words
        "Foto: Henning Bagger/Ritzau Scanpix",  # TV SYD: a credit
        "Bemærk: Artiklen er mere end 30 dage gammel",  # TV 2 Østjylland: a notice
        "Din browser er forældet. Opdater din browser.",  # a browser warning
    ],
)
def test_lines_that_are_not_the_headline(opening: str) -> None:
    lead = (
        "Kommunalbestyrelsen vedtog mandag en ny plan for skolerne, og den skal gælde fra næste skoleår, "
        "skriver kommunen i en pressemeddelelse."
    )
    assert read_text_article(f"{opening}\n\n{lead}").article.title is None


# -- datelines ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("07. november 2019", "2019-11-07"),  # KL
        ("25. maj 2021", "2021-05-25"),  # Ryk ind Ribe
        ("3. marts 2019 kl. 14.05", "2019-03-03"),  # form
        ("10.10.2021", "2021-10-10"),  # form
        ("Publiceret 10.10.2021 kl. 14:05", "2021-10-10"),  # form
        ("d. 5/1-2023", "2023-01-05"),  # form
        ("Indsendt d. 5/1-2023", "2023-01-05"),  # form: a reader's letter
        ("Publ. 3. marts 2019", "2019-03-03"),  # form
        ("Nyhed | 12. januar 2022", "2022-01-12"),  # form: a municipal news page
        ("Publiceret 12. januar 2022 | Opdateret 13. januar 2022", "2022-01-12"),
    ],
)
def test_datelines_of_many_outlets(line: str, published: str) -> None:
    dateline = parse_dateline(line)
    assert dateline is not None and dateline.published == published


@pytest.mark.parametrize(
    "line",
    [
        "Opdateret klokken 10.47 den 13. december 2024.",  # TV SYD
        "Senest opdateret: 12.01.2022 kl. 10.31",  # form
    ],
)
def test_an_update_is_never_the_publication(line: str) -> None:
    dateline = parse_dateline(line)
    assert dateline is not None and dateline.published is None and dateline.updated is not None


@pytest.mark.parametrize(
    "line",
    [
        "Teknisk Udvalg - Dagsorden for mødet den 01-05-2019",  # Ulbjerg Landsby: a meeting's date
        "Kommunalbestyrelsen vedtog den 29. oktober 2018 lokalplanforslaget endeligt.",  # Hørsholm Kommune
        "Da Lokaludvalget holdt sit møde torsdag den 29. april, var der igen et relativt stort fravær.",  # BHA
        "Aftenens TV SYD nyhedsudsendelse klokken 19.30 udgår.",  # TV SYD
    ],
)
def test_dates_in_sentences_are_not_datelines(line: str) -> None:
    assert parse_dateline(line) is None


@pytest.mark.parametrize(
    ("name", "published"),
    [
        ("bha_beslutningsdygtigt-trods-fravaer-lokaludvalg_2021-05.txt", "2021-05"),
        ("nordjyske_bred-aftale-i-hjoerring_2017-11.txt", "2017-11"),
        ("jyllands-posten_aarhus-debat-privatisering-af-veje_2022-06.txt", "2022-06"),
        ("bt_kampen-om-borgmesterposten-odense_2021-11.txt", "2021-11"),
        ("ekstrabladet_randers-aeldreomraadet-kulegraves_2020-08.txt", "2020-08"),
    ],
)
def test_a_stored_copys_stated_month(name: str, published: str) -> None:
    assert split_prefix(read(name))[0] == published
    assert read_text_article(read(name)).article.published == published


def test_a_printed_dateline_wins_over_the_stored_copys_month() -> None:
    cleaned = read_text_article(
        " date 2021-05 Møde i lokaludvalget\n\nAf Erik Fisker\n\n25. maj 2021\n\n"
        "Lokaludvalget holdt møde i aftes, og 14 medlemmer deltog i mødet."
    )
    assert cleaned.article.published == "2021-05-25"


def test_a_labelled_dateline_at_the_end_of_a_municipal_news_item() -> None:
    cleaned = read_text_article(
        "Ny legeplads i Holte\n\nKommunen åbner en ny legeplads i Holte, og den står klar "
        "til brug fra lørdag, fortæller formanden for udvalget.\n\n"
        "Publiceret 5. maj 2021"
    )
    assert cleaned.article.published == "2021-05-05"
    assert "Publiceret" not in cleaned.article.body


# -- bylines --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Af Ulrich Wolf", "Ulrich Wolf"),  # Ballerup Bladet (seed 001)
        ("Af Erik Fisker", "Erik Fisker"),  # Brønshøj-Husum Avis
        ("Tekst & Foto: Johnny Tauman", "Johnny Tauman"),  # Ryk ind Ribe
        ("Af Mette Sørensen, journalist", "Mette Sørensen"),  # form
        ("Foto og tekst: Anne Marie Geisler Andersen", "Anne Marie Geisler Andersen"),  # form
        ("Skrevet af Jens Ive den 5. maj 2021", "Jens Ive"),  # form
        ("Af: Ole Bjørstorp", "Ole Bjørstorp"),  # form
        ("Udgivet 5. maj 2021 af Hans Holm", "Hans Holm"),  # form: WordPress in Danish
    ],
)
def test_bylines_of_many_outlets(line: str, author: str) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.author == author


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("RMP", "RMP"),  # Dragør Nyt: initials as the last line
        ("/RMP", "RMP"),
        ("/ritzau/", "ritzau"),  # the agency's wire
        ("(ritzau)", "ritzau"),
        ("/ritzau/AFP", "ritzau/AFP"),
        ("Skrevet af Claudia Westh Lonning", "Claudia Westh Lonning"),
    ],
)
def test_signatures_at_the_end(line: str, author: str) -> None:
    signature = parse_signature(line)
    assert signature is not None and signature.author == author


@pytest.mark.parametrize(
    "line",
    [
        "Af de 14 medlemmer stemte 12 for forslaget.",
        "»Af alle de forslag, vi har fået, er det her det bedste,« siger hun.",
        "Foto: Henning Bagger/Ritzau Scanpix",  # TV SYD: a credit names the photographer
        "Grafik: Benjamin René Klint Nielsen",  # TV SYD
        "Af Ulrich",
        "Borgmesteren blev valgt af Socialdemokratiet og Venstre",  # "... af Name" without a date before it
        "RMP",  # initials are a signature only at the end
    ],
)
def test_lines_that_are_not_bylines(line: str) -> None:
    assert parse_byline(line) is None


@pytest.mark.parametrize("line", ["Liste T imod", "Det er slut nu.", "TV 2", "Kommunalbestyrelsen"])
def test_last_lines_that_are_not_signatures(line: str) -> None:
    assert parse_signature(line) is None


def test_a_byline_holding_its_date() -> None:
    byline = parse_byline("Udgivet 5. maj 2021 af Hans Holm")
    assert byline is not None and byline.dateline is not None and byline.dateline.published == "2021-05-05"


@pytest.mark.parametrize(
    "line",
    [
        "Foto: Henning Bagger/Ritzau Scanpix",
        "Grafik: Benjamin René Klint Nielsen",
        "(Foto: Haderslev Kommune © Haderslev Kommune)",
    ],
)
def test_picture_credits(line: str) -> None:
    assert is_credit(line)


def test_initials_at_the_end_are_the_author() -> None:
    cleaned = read_text_article(read("dragoer-nyt_ny-direktoer-paa-plads_2024-04.txt"))
    assert cleaned.article.author == "RMP"
    assert not cleaned.article.body.endswith("RMP")


def test_a_credit_naming_an_agency_is_not_the_author() -> None:
    assert read_text_article(read("tvsyd_horsens-partier-dropper-valgplakater_2024.txt")).article.author is None


def test_a_name_or_date_in_a_related_rail_is_not_the_articles() -> None:
    text = (
        "Ny bænk ved søen\n\nKommunen har sat en bænk op ved søen, efter at beboerne i flere år har bedt om "
        "et sted at hvile benene.\n\nLæs også\n\nAf Hans Holm: Borgmester går af\n\nPubliceret 3. marts 2019\n\n"
        "Bænken er lavet af egetræ fra kommunens egne skove, oplyser parkafdelingen."
    )
    cleaned = read_text_article(text)
    assert (cleaned.article.author, cleaned.article.published) == (None, None)
    assert "Borgmester går af" not in cleaned.text


def test_a_byline_deep_in_the_story_is_not_the_articles() -> None:
    paragraph = "Kommunalbestyrelsen drøftede sagen i aftes, og der var bred enighed om at gå videre med planen."
    cleaned = read_text_article(
        "\n\n".join(["Ny plan for skolerne", paragraph, paragraph, paragraph, "Af Mette Sørensen", paragraph])
    )
    assert cleaned.article.author is None


def test_byline_and_dateline_of_a_reader_copy() -> None:
    cleaned = read_text_article(read("rykindribe_dialogmoede-jedsted-vilslev-ni-byraadsmedlemmer_2021-05-25.txt"))
    assert (cleaned.article.author, cleaned.article.published) == ("Johnny Tauman", "2021-05-25")
    assert "Project Description" not in cleaned.text and "Annonce" not in cleaned.text


# -- the vocabularies -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [BOILERPLATE_FILE, BYLINES_FILE], ids=lambda path: path.name)
def test_the_vocabularies_hold_examples_from_at_least_five_outlets(path: Path) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        outlets = {row["source"] for row in csv.DictReader(handle) if "(form)" not in row["source"]}
    assert len(outlets) >= 5, outlets


def test_every_row_of_the_vocabularies_matches_its_example() -> None:
    for row in (*boilerplate_rows(), *byline_rows()):
        assert row.pattern.fullmatch(row.example.strip()), (row.pattern.pattern, row.example)


def test_outlet_names_are_folded() -> None:
    assert {"tv2kosmopol", "jyllandsposten", "bt"} <= outlet_names()
