"""News by its shape (issue 13): the forms of `extractors/data/news_shape.csv` on real lines from many outlets,
the forms of other pages (statutes, shop terms, an event page, a listing, contents) on theirs, lines that look
alike and must not count, a saved page's metadata, the order of the decision (a meeting's structure first), and
every page of the news gold with its gold kind."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from referat.extractors.kinds import (
    MeetingShape,
    ShapeForm,
    decide_kind,
    news_evidence,
    news_shape_forms,
)
from referat.extractors.news.web import page_markup
from referat.pipeline.parse import parse_file
from tests.conftest import DATA, RAW

FORMS = news_shape_forms()


def forms_in(text: str, markup: str = "") -> set[str]:
    return set(news_evidence(text, markup=markup).forms)


@pytest.mark.parametrize("form", FORMS, ids=lambda form: form.form)
def test_every_shape_form_is_found_in_its_own_example(form: ShapeForm) -> None:
    assert form.pattern.search(form.example), f"{form.form}: {form.pattern.pattern} misses {form.example!r}"
    assert form.found_in(form.example) or form.times > 1 or form.per_kb, form.form


def test_every_form_has_its_own_name_and_a_positive_weight() -> None:
    names = [form.form for form in FORMS]
    assert len(names) == len(set(names))
    assert all(form.weight > 0 and form.times >= 1 for form in FORMS)


# -- forms of a news article, on real lines of many outlets ---------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "form"),
    [
        ("Af Ulrich Wolf", "byline"),  # Ballerup Bladet
        ("Af Erik Fisker", "byline"),  # Brønshøj-Husum Avis
        ("Tekst & Foto: Johnny Tauman", "byline"),  # Ryk ind Ribe
        ("Af Mette Sørensen", "byline"),  # Furesø Avis
        ("Foto: Henning Bagger/Ritzau Scanpix", "agency"),  # TV SYD
        ("Opdateret klokken 10.47 den 13. december 2024.", "published"),  # TV SYD
        ("07. november 2019", "date_line"),  # KL
        ("25. maj 2021", "date_line"),  # Ryk ind Ribe
        (" date 2017-09 Der skal gang i virksomhederne", "copy_dateline"),  # a stored copy's month (Ballerup Bladet)
        ("Bemærk: Artiklen er mere end 30 dage gammel", "article_self"),  # TV ØST, TV 2 Østjylland
        ("Artiklen er mere end 30 dage gammel", "article_self"),  # TV SYD
        ("Diesen Artikel vorlesen lassen.", "article_self"),  # Der Nordschleswiger
        ("HJØRRING: Tidligt onsdag morgen blev der indgået en bred konstitueringsaftale", "city_dateline"),  # Nordjyske
        ("ISHØJ: Den tidligere bykonge Ole Bjørstorp skal vikariere i byrådet", "city_dateline"),  # Kommunen.dk
        (
            "»Bolden er kaste op i luften en gang til. Jeg tror alle snakker med alle,« siger Venstres næstformand i Odense,"
            " Brian Lauridsen, til B.T.",
            "speech",
        ),  # B.T.
        (
            "- Det er usædvanligt. Jeg kan ikke mindes, at jeg har set det tidligere, siger Roger Buch til TV 2 I ØSTJYLLAND.",
            "dash_quote",
        ),  # TV 2 Østjylland
        (
            "”Økonomi- og Erhvervsudvalget har givet fagudvalgene nogle klare anbefalinger for det videre arbejde,” siger"
            " borgmester Holger Schou Rasmussen.",
            "speech",
        ),  # Lolland Kommune via Ritzau
        (
            "Det siger Roger Buch, kommunalforsker og forskningschef ved Danmarks Medie- og Journalisthøjskole.",
            "speech",
        ),  # TV 2 Østjylland
        (
            "„Gestern Abend haben wir die Absprache unterschrieben. Ein Dank an die übrigen Parteien“, so Bürgermeister Erik"
            " Lauritzen",
            "speech_de",
        ),  # Der Nordschleswiger
        ("Det skriver Horsens Folkeblad.", "reports"),  # TV SYD
        ("Ifølge referaterne var der ét punkt på begge møder, og det var lukket.", "reports"),  # Dragør Nyt
        ("Bettina Aller var med til at storme rådhuset. Foto: Rasmus Flindt Pedersen", "photo_credit"),  # Ekstra Bladet
        ("(Foto: Haderslev Kommune © Haderslev Kommune)", "photo_credit"),  # DR
        ("Når tavshed er guld\nDebat Reaktion på læserbreve om ejendomsskat.", "opinion_label"),  # Ballerup Bladet
        (
            "Skriv et svar\n\nDin e-mailadresse vil ikke blive publiceret.",
            "comment_form",
        ),  # Ballerup Bladet (WordPress)
        (
            "Kommunalbestyrelsen vedtog den 29. oktober 2018 lokalplanforslaget endeligt.",
            "lead_event",
        ),  # Hørsholm Kommune
        (
            "Høring vedr. ny skolestruktur\n\nByrådet besluttede i sit møde 28. maj 2024 at sende fire forslag i"
            " forbindelse med skolestruktur i høring.",
            "lead_event",
        ),  # Hjerm Skole (Aula)
        (
            "Local View\nBorgmesteren i Aarhus er glad\nDer er en grund til at Borgmesteren i Aarhus er glad. Aarhus Byråd har"
            " onsdag den 11 oktober vedtaget budgettet for 2024 – med et meget bredt flertal.",
            "lead_event",
        ),  # TV Aarhus
        (
            "At de fire partier bag borgmester Jacob Trøst (K) er enige om at ændre årets kommunebudget",
            "named_politician",
        ),
        (
            "Inde i rådssalen kunne man høre fløjter, mens borgmester Jens Ive (V) gennemgik dagsordenen",
            "named_politician",
        ),  # Ekstra Bladet
        (
            "som det nye flertal onsdag aften lægger frem i kommunalbestyrelsen. Det vil onsdag betyde, at de bliver stemt"
            " igennem.",
            "weekday_in_prose",
        ),  # Bornholms Tidende
    ],
)
def test_forms_of_a_news_article(line: str, form: str) -> None:
    assert form in forms_in(line)


def test_past_tense_narration_is_a_density_not_a_word() -> None:
    narration = (
        "Forældre stormede rådhuset onsdag. Der var så mange, at de ikke alle blev lukket ind. Borgmesteren"
        " havde travlt, og mødet gik i gang en time senere."
    )
    assert "narrative_past" in forms_in(narration)  # Ekstra Bladet's way of telling
    policy = "Kommunen skal skabe vækst og arbejdspladser. " * 60 + narration
    assert "narrative_past" not in forms_in(policy)  # the same verbs, thinly spread over a policy's present tense


# -- forms of other pages, and lines that look like news and are not --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "form"),
    [
        (
            "§ 1. Furesø Byråd har 21 medlemmer.\nStk. 2. Byrådet vælger en borgmester og en viceborgmester.\n§ 2. De"
            " nærmere regler fastsættes i forretningsordenen.",
            "statute",
        ),  # Furesø Kommune's statutes
        (
            "Du kan betale online ved hjælp af Dankort.\nDu får sammen med dine varer tilsendt en faktura.\nDu har altid 14"
            " dages returret efter modtagelsen.",
            "second_person",
        ),  # a web shop's terms
        (
            "Tid\n19:00\nPris\nGratis\nLokalitet\nKulturium Musikteater\nArrangører\nMålgruppe\nFor voksne",
            "field_list",
        ),  # Ishøj Bibliotek's event page
        ("Parti: Venstre\nUdvalg: Teknik og Miljø\nTelefon: 72 36 00 00\nE-mail: mette@kommune.dk", "label_values"),
        (
            "4. november 2004:\nTo nye love er forelagt folketinget.\n26.07.2004:\nProjektrapporten er offentliggjort.\n"
            "6.7.2004: Pressemeddelelse:\nNetarkivet.dk har offentliggjort Java Arc Proxy Viewer den 7.7.2004\n12.03.2004:"
            "\nLæs mere her",
            "listing",
        ),  # netarkivet.dk's front page
        (
            "1. INDLEDNING ........................................ 3 2. OM AALBORG KOMMUNE ............ 3",
            "contents",
        ),  # a job profile
        ("Forord\n\nBallerup Kommune er en af Danmarks førende erhvervskommuner.", "report_heading"),  # a policy
    ],
)
def test_forms_of_other_pages(text: str, form: str) -> None:
    assert form in forms_in(text)
    assert not news_evidence(text).is_news


@pytest.mark.parametrize(
    ("line", "form"),
    [
        ("Jan Kjeldsmark/Morten Andersen-Mølgaard\nAalborg, den 17. februar 2014", "byline"),  # a letter's sender
        ("Afbud fra Anja Holtze", "byline"),
        ("- Kultur, medborgerskab og foreningers rolle i Ishøj Kommune.", "dash_quote"),  # a bullet, not a quote
        ("Vedtaget af byrådet den 12. december 2023.", "dated_event"),  # the participle that closes statutes
        ("6.7.2004: Pressemeddelelse:", "genre_label"),  # a listing's line
        ("OBS: Oplever du symptomer på covid-19 skal du blive hjemme.", "city_dateline"),
        ("Mødedato: Mandag den 6. oktober 2014", "weekday_in_prose"),  # a meeting's header
        ("Rådmand Mai-Britt Iversen\nKommunaldirektør Jens Kristian Munk", "named_politician"),  # a list of members
        (
            "Foto: Henning Bagger/Ritzau Scanpix\nGrafik: Benjamin René Klint Nielsen\nFoto: Søren Pors Grundahl, TV SYD"
            "\nOpdateret: 13. december 2024",
            "label_values",
        ),  # credits are not a form's fields
    ],
)
def test_lines_that_look_alike_do_not_count(line: str, form: str) -> None:
    assert form not in forms_in(line)


# -- a saved page's metadata -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "facts"),
    [
        (
            b'<html><head><meta property="og:type" content="article"><meta property="article:published_time" '
            b'content="2024-03-01T08:00:00+01:00"></head><body><article><time datetime="2024-03-01">1. marts</time>'
            b"</article></body></html>",
            ["og:type article", "meta article:published_time", "element article", "element time"],
        ),
        (
            b'<html><head><script type="application/ld+json">{"@context": "https://schema.org", '
            b'"@type": ["NewsArticle"], "author": {"@type": "Person", "name": "Mette"}}</script></head></html>',
            ["schema NewsArticle", "schema Person"],
        ),
        (
            b"<html><head><meta content='website' property='og:type'><script type='application/ld+json'>"
            b'{"@type": "Event", "name": "Kulturium fejrer demokratiet"}</script></head></html>',
            ["og:type website", "schema Event"],
        ),
        (b"<html><body><h1>Netarkivet</h1><p>Nyt</p></body></html>", []),
    ],
)
def test_what_a_pages_markup_says_it_is(page: bytes, facts: list[str]) -> None:
    assert page_markup(page).splitlines() == facts


@pytest.mark.parametrize(
    ("markup", "news"),
    [
        ("schema NewsArticle", True),
        ("og:type article\nmeta article:published_time", True),  # an Open Graph article with its publication time
        ("og:type article", False),  # every page of some publishing systems
        ("element article\nelement time", False),  # <article> and <time> alone: a blog theme's every page
        ("schema Event\nelement article", False),
    ],
)
def test_metadata_is_weighed_with_the_text(markup: str, news: bool) -> None:
    assert news_evidence("Kommunen har sat en bænk op ved søen.", markup=markup).is_news is news


def test_a_page_that_declares_an_event_is_not_news_for_its_quotes() -> None:
    quotes = "”Vi ruller den røde løber ud,” siger bibliotekaren. ”Alle er velkomne,” fortæller hun."
    assert news_evidence(quotes).is_news
    assert not news_evidence(quotes, markup="schema Event").is_news


# -- the order of the decision ---------------------------------------------------------------------------------------

ARTICLE = "Ny skole i Skovlunde\n\nAf Ulrich Wolf\n\n“Det er en god dag,” siger borgmesteren.\n"
NO_SHAPE = MeetingShape(items=0, listed=0, decided=0, case_numbers=0, sectioned=0, participants=0, dated=False)
MINUTES_SHAPE = MeetingShape(items=7, listed=0, decided=7, case_numbers=7, sectioned=7, participants=8, dated=True)


@pytest.mark.parametrize(
    ("text", "shape", "kind"),
    [
        ("Referat\nByrådet\n" + ARTICLE, MINUTES_SHAPE, "minutes"),  # a meeting's structure wins over quotes in it
        ("Referat\nByrådet\n" + ARTICLE, NO_SHAPE, "news"),  # no meeting, an article's shape: news about a meeting
        ("Kære kommuner\nKL's brev om budget\nFoto: KL", NO_SHAPE, "other"),  # a letter with a photo credit
    ],
)
def test_structure_first_then_news(text: str, shape: MeetingShape, kind: str) -> None:
    assert decide_kind(text, lambda: shape) == kind


def test_a_web_pages_metadata_counts_where_its_structure_is_no_meeting() -> None:
    bench = "Ny bænk ved søen\nKommunen har sat en bænk op ved søen."
    assert decide_kind(bench, lambda: NO_SHAPE) == "other"
    assert decide_kind(bench, lambda: NO_SHAPE, markup="schema NewsArticle") == "news"


def test_a_text_that_shows_a_meeting_is_read_before_it_can_be_news() -> None:
    def never_read() -> MeetingShape:
        raise AssertionError("read as a meeting")

    assert decide_kind(ARTICLE, never_read) == "news"
    read: list[bool] = []

    def read_as_minutes() -> MeetingShape:
        read.append(True)
        return MINUTES_SHAPE

    assert (
        decide_kind(
            "Referat\nMødedato 10. juni 2013\nAfbud\nSandra Marsenic (A)\n" + ARTICLE,
            read_as_minutes,
        )
        == "minutes"
    )
    assert read == [True]


# -- every page of the news gold -------------------------------------------------------------------------------------

GOLD = {
    Path(source).name: gold["kind"]
    for source, gold in json.loads((DATA / "gold" / "news_meta.json").read_text(encoding="utf-8"))["documents"].items()
}
AGENDA_REPOSTED = pytest.mark.xfail(
    strict=True,
    reason=(
        "a village site's copy of an agenda item (its 'Indstilling' and 'Teknisk Udvalg - Dagsorden for mødet'): the gold "
        "calls it news, its structure is an agenda's, and structure is read first"
    ),
)


def _source(name: str) -> Path:
    return RAW / name if (RAW / name).exists() else DATA / "news" / name


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=AGENDA_REPOSTED) if name.startswith("ulbjerg-landsby") else name
        for name in sorted(GOLD)
    ],
)
def test_news_gold_pages_get_their_gold_kind(name: str) -> None:
    assert parse_file(_source(name)).document.kind == GOLD[name]


def test_the_prefilter_finds_what_the_plain_patterns_find() -> None:
    heads = [_source(name).read_text(encoding="utf-8", errors="replace")[:8000] for name in sorted(GOLD)]
    for form in FORMS:
        for head in heads:
            needed = max(form.times, math.ceil(form.per_kb * len(head) / 1000))
            plain = sum(1 for _ in form.pattern.finditer(head)) >= needed
            assert form.found_in(head) == plain, (form.form, head[:60])
