"""News articles: the seed articles against the hand-made metadata gold, a saved news page with all its web
furniture, text articles with boilerplate, Danish datelines and bylines, and offsets into the cleaned text."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlite_utils

from referat.extractors.kinds import MeetingShape, decide_kind
from referat.extractors.news.article import parse_byline, read_text_article, remove_boilerplate
from referat.extractors.news.dates import find_date, iso_from_metadata, parse_dateline, split_prefix
from referat.extractors.news.vocabulary import (
    boilerplate_action,
    boilerplate_patterns,
    boilerplate_rows,
    byline_rows,
    date_patterns,
    matches_line,
)
from referat.extractors.news.web import page_markup
from referat.extractors.weighted_patterns import WeightedPattern
from referat.models.records import Document, Entity, Figure
from referat.pipeline.parse import MeetingReader, parse_file
from referat.pipeline.sidecar import SourceHints
from tests.conftest import DATA, RAW


def read_meeting(text: str) -> Callable[[], MeetingShape]:
    """The minutes reader over a text, as the kind decision calls it."""
    document = Document(
        id="text", sha256="", path="text.txt", media_type="text/plain", size=len(text), text=text, pages=1
    )
    return MeetingReader(document, SourceHints()).shape


NEWS = DATA / "news"
GOLD = json.loads((DATA / "gold" / "news_meta.json").read_text(encoding="utf-8"))["documents"]
SEEDS = sorted(source for source in GOLD if "/seeds/" in source)  # the whole gold: tests/test_news_gold.py
NEWS_PAGE = NEWS / "furesoe_avis_naturlegeplads_2021-09-27.html"
TEXT_PAGE = NEWS / "ballerup_cykelsti_maaloev_2025-05-20.txt"


def seed(source: str) -> Path:
    return RAW / Path(source).name


# -- the gold -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("source", SEEDS, ids=[Path(source).name for source in SEEDS])
def test_seed_articles_match_the_metadata_gold(source: str) -> None:
    expected = GOLD[source]
    parsed = parse_file(seed(source))
    assert parsed.document.kind == expected["kind"]
    if expected["kind"] != "news":
        assert parsed.article is None
        return
    assert parsed.article is not None
    assert parsed.article.title == expected["title"]
    assert parsed.article.published == expected["published"]
    assert parsed.document.published == expected["published"]
    # The gold names the author where one is printed; where it names none, none is printed.
    assert parsed.article.author == expected.get("author")
    for boilerplate in expected.get("not_in_text", []):
        assert boilerplate not in parsed.document.text
        assert boilerplate not in parsed.article.body


def test_seed_000_text_is_title_then_body() -> None:
    parsed = parse_file(RAW / "000_d8d1ab7d01895041.txt")
    assert parsed.article is not None
    assert parsed.document.text.startswith("Det lokale erhvervslivs kommunale livline\n\nSom en af landets førende")
    assert parsed.article.body.startswith("Som en af landets førende erhvervskommuner")
    assert parsed.article.body.endswith("der privat bor i Hellerup med mand og to børn.")


def test_seed_001_prefix_is_the_date_and_the_byline_stays_in_the_text_but_not_the_body() -> None:
    parsed = parse_file(RAW / "001_8351087a956318af.txt")
    assert parsed.article is not None
    assert "date 2017-09" not in parsed.document.text
    assert parsed.document.text.startswith("Der skal gang i virksomhederne")
    assert "\n\nAf Ulrich Wolf\n\n" in parsed.document.text
    assert "Af Ulrich Wolf" not in parsed.article.body
    assert parsed.article.body.startswith("Der skal gang i virksomhederne")


def test_news_documents_are_one_page_of_cleaned_text() -> None:
    parsed = parse_file(RAW / "002_e8801178bb441584.txt")
    assert parsed.document.pages == 1
    assert "\f" not in parsed.document.text
    assert parsed.document.format == "news"
    assert parsed.document.title == "Kommunen sætter kraft bag ideer fra lokale virksomheder"


# -- a saved news page ----------------------------------------------------------------------------------------------


def test_saved_news_page_metadata() -> None:
    parsed = parse_file(NEWS_PAGE)
    assert parsed.document.kind == "news"
    assert parsed.article is not None
    assert parsed.article.title == "Ny naturlegeplads skal give liv i Farum Bytorv"
    assert parsed.article.published == "2021-09-27"
    assert parsed.article.author == "Mette Sørensen"
    assert parsed.article.outlet == "Furesø Avis"


@pytest.mark.parametrize(
    "furniture",
    [
        "Spring til indhold",  # skip link
        "Vi bruger cookies",
        "Accepter alle",  # cookie banner
        "Din browser er forældet",  # browser warning
        "Køb abonnement",
        "Log ind",
        "E-avis",  # navigation
        "Forside › Nyheder",  # breadcrumb
        "Læs også",
        "Farum Bytorv får ny ejer",  # related links inside the article
        "Del artiklen",
        "LinkedIn",  # share bar
        "Mest læste",
        "Trafikulykke på Hillerødmotorvejen",
        "Tip redaktionen",
        "Paltholmterrasserne",  # footer
        "| Furesø Avis",  # site name in the <title>
    ],
)
def test_saved_news_page_text_has_no_web_furniture(furniture: str) -> None:
    parsed = parse_file(NEWS_PAGE)
    assert parsed.article is not None
    assert furniture not in parsed.document.text
    assert furniture not in parsed.article.body


def test_saved_news_page_keeps_title_lead_byline_dateline_and_body() -> None:
    parsed = parse_file(NEWS_PAGE)
    assert parsed.article is not None
    text, body = parsed.document.text, parsed.article.body
    assert text.startswith("Ny naturlegeplads skal give liv i Farum Bytorv\n\n")
    assert "Af Mette Sørensen" in text and "27. september 2021 kl. 06.00" in text
    assert "Af Mette Sørensen" not in body
    assert body.startswith("Furesø Kommune bruger 2,4 millioner kroner på en naturlegeplads")  # the lead
    assert "siger formand for udvalget Signe Kjær Thomsen (F)." in body
    assert body.endswith("der vil være adgang til alle butikker i hele byggeperioden.")


def test_a_page_whose_metadata_declares_an_article_is_news_without_news_words() -> None:
    head = (
        '<html><head><meta property="og:type" content="article">'
        '<meta property="article:published_time" content="2024-03-01T08:00:00+01:00">'
        '<meta property="og:site_name" content="Lokalavisen"><title>Ny bænk ved søen</title></head>'
    )
    page = head + "<body><h1>Ny bænk ved søen</h1><p>Kommunen har sat en bænk op ved søen.</p></body></html>"
    text = "Ny bænk ved søen\n\nKommunen har sat en bænk op ved søen."
    assert decide_kind(text, read_meeting(text), markup=page_markup(page.encode())) == "news"
    assert (
        decide_kind(text, read_meeting(text), markup=page_markup(page.replace('"article"', '"website"').encode()))
        == "other"
    )


def test_news_page_without_metadata_or_news_words_stays_other(tmp_path: Path) -> None:
    path = tmp_path / "side.html"
    path.write_text(
        "<html><body><h1>Åbningstider</h1><p>Borgerservice har åbent mandag til fredag.</p></body></html>",
        encoding="utf-8",
    )
    parsed = parse_file(path)
    assert parsed.document.kind == "other"
    assert parsed.article is None


def test_news_page_declared_by_metadata(tmp_path: Path) -> None:
    path = tmp_path / "artikel.html"
    path.write_text(
        '<html><head><meta property="og:type" content="article">'
        '<meta property="article:published_time" content="2024-03-01T08:00:00+01:00">'
        '<meta property="og:site_name" content="Lokalavisen"><title>Ny bænk ved søen | Lokalavisen</title></head>'
        "<body><nav><a href='/'>Forside</a></nav><article><h1>Ny bænk ved søen</h1>"
        "<p>Kommunen har sat en ny bænk op ved søen i parken, efter at beboerne i flere år har bedt om et sted at "
        "hvile benene på gåturen rundt om vandet. Bænken er lavet af egetræ fra kommunens egne skove.</p>"
        "<p>Parkafdelingen regner med at sætte yderligere tre bænke op i løbet af sommeren.</p></article>"
        "</body></html>",
        encoding="utf-8",
    )
    parsed = parse_file(path)
    assert parsed.document.kind == "news"
    assert parsed.article is not None
    assert (parsed.article.title, parsed.article.published, parsed.article.outlet) == (
        "Ny bænk ved søen",
        "2024-03-01",
        "Lokalavisen",
    )
    assert "Forside" not in parsed.document.text


# -- text articles ----------------------------------------------------------------------------------------------------


def test_text_article_saved_from_a_browser_loses_menus_lists_share_bar_and_comments() -> None:
    parsed = parse_file(TEXT_PAGE)
    assert parsed.article is not None
    assert parsed.article.title == "Ny cykelsti mellem Måløv og Ballerup åbner efter to års byggeri"
    assert parsed.article.author == "Jonas Kragh"
    assert parsed.article.published == "2025-05-20"
    text = parsed.document.text
    for furniture in (
        "Spring til indhold",
        "Forside",
        "Sport\n",
        "Læs også",
        "Trafikken omlægges",
        "Ny rundkørsel",
        "Del artiklen",
        "Facebook",
        "Kommentarer",
        "Hans Petersen",
    ):
        assert furniture not in text, furniture
    assert text.startswith(
        "Ny cykelsti mellem Måløv og Ballerup åbner efter to års byggeri\n\nAf Jonas Kragh\n\n"
        "20. maj 2025 kl. 14.32\n\nEfter to års byggeri"
    )
    assert parsed.article.body.startswith("Efter to års byggeri")
    assert parsed.article.body.endswith("udskiftet til LED-lamper inden jul.")


def test_a_lead_sentence_is_not_a_title() -> None:
    cleaned = read_text_article("Der skal gang i virksomhederne. Foto: Arkivfoto.\n\nAf Ulrich Wolf\n\nBrødtekst her.")
    assert cleaned.article.title is None
    assert cleaned.article.author == "Ulrich Wolf"


def test_a_section_label_above_the_headline_is_not_the_title() -> None:
    cleaned = read_text_article(
        "Erhverv\n\nBorgmester: Vi skal have flere iværksættere\n\nAf Mette Hansen\n\n"
        "Kommunen vil bruge flere penge på iværksættere."
    )
    assert cleaned.article.title == "Borgmester: Vi skal have flere iværksættere"
    assert cleaned.article.body == "Kommunen vil bruge flere penge på iværksættere."


def test_subheadings_in_the_body_are_kept() -> None:
    lines = [
        "Første afsnit er en hel sætning om sagen, som fortsætter et stykke tid.",
        "Tre spor",
        "Andet afsnit er også en hel sætning om sagen.",
        "Et mere aktivt byliv",
        "Tredje afsnit slutter her.",
    ]
    assert remove_boilerplate(lines) == lines


def test_a_menu_at_the_top_is_dropped_but_not_a_byline() -> None:
    lines = ["Forside", "Lokalt", "Kultur", "Af Ulrich Wolf", "Første afsnit er en hel sætning om sagen."]
    assert remove_boilerplate(lines) == ["Af Ulrich Wolf", "Første afsnit er en hel sætning om sagen."]


def test_a_short_news_text_keeps_its_byline_and_quote(tmp_path: Path) -> None:
    path = tmp_path / "tom.txt"
    path.write_text(
        "Spring til indhold\n\nAf Ulrich Wolf\n\n“Det er en god dag,” siger borgmesteren.\n", encoding="utf-8"
    )
    parsed = parse_file(path)
    assert parsed.document.kind == "news"
    assert parsed.article is not None and parsed.article.author == "Ulrich Wolf"
    assert "siger borgmesteren" in parsed.document.text


# -- dates and bylines --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("27. september 2021", "2021-09-27"),
        ("Publiceret 27. september 2021 kl. 06.00", "2021-09-27"),
        ("Publiceret: 27.09.2021 - 06:00", "2021-09-27"),
        ("mandag den 27. september 2021", "2021-09-27"),
        ("Mandag d. 27. sep. 2021, kl. 6.00", "2021-09-27"),
        ("27/9 2021", "2021-09-27"),
        ("2021-09-27", "2021-09-27"),
        ("Udgivet september 2017", "2017-09"),
        ("sept. 2017", "2017-09"),
        ("Publiceret 27. september 2021 - Opdateret 28. september 2021 kl. 09.41", "2021-09-27"),
    ],
)
def test_danish_datelines(line: str, published: str) -> None:
    dateline = parse_dateline(line)
    assert dateline is not None
    assert dateline.published == published


def test_an_update_is_not_the_publication() -> None:
    dateline = parse_dateline("Opdateret 28. september 2021 kl. 09.41")
    assert dateline is not None
    assert (dateline.published, dateline.updated) == (None, "2021-09-28")


@pytest.mark.parametrize(
    "line",
    [
        "Konferencen afholdes den 27. september kl. 17-20 på Nærum Gymnasium.",  # a date in a sentence
        "Målet frem mod 2021 er 1000 nye arbejdspladser",
        "27. september 2021: 40 mennesker mødte op",
        "Erhverv: Ballerup Kommune har vedtaget en ny vækstpolitik",
        "Sagsnr.: 2012-28504",
    ],
)
def test_lines_that_are_not_datelines(line: str) -> None:
    assert parse_dateline(line) is None


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2021-09-27T06:00:00+02:00", "2021-09-27"),
        ("2021-09-27", "2021-09-27"),
        ("2017-09", "2017-09"),
        ("27. september 2021", "2021-09-27"),
        ("", None),
        ("2021-13-01", None),
    ],
)
def test_dates_from_page_metadata(value: str, iso: str | None) -> None:
    assert iso_from_metadata(value) == iso


def test_a_scrapers_date_prefix_is_taken_off() -> None:
    assert split_prefix(" date 2017-09 Der skal gang i virksomhederne") == ("2017-09", "Der skal gang i virksomhederne")
    assert split_prefix("Det lokale erhvervslivs livline") == (None, "Det lokale erhvervslivs livline")
    assert find_date("Opdateret 3. marts 2020") == "2020-03-03"


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Af Ulrich Wolf", "Ulrich Wolf"),
        ("AF ULRICH WOLF", "Ulrich Wolf"),
        ("af Ulrich Wolf", "Ulrich Wolf"),
        ("Af Ulrich Wolf, journalist", "Ulrich Wolf"),
        ("Af Ulrich Wolf, uw@ballerupbladet.dk", "Ulrich Wolf"),
        ("Af Ulrich Wolf og Mette Sørensen", "Ulrich Wolf og Mette Sørensen"),
        ("Tekst: Mette Sørensen", "Mette Sørensen"),
        ("Tekst og foto: Mette Sørensen", "Mette Sørensen"),
        ("Skrevet af Claudia Westh Lonning", "Claudia Westh Lonning"),
        ("Af Mette Sørensen · 27. september 2021 kl. 06.00", "Mette Sørensen"),
    ],
)
def test_byline_forms(line: str, author: str) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert byline.author == author


def test_a_byline_with_its_dateline() -> None:
    byline = parse_byline("Af Mette Sørensen · 27. september 2021 kl. 06.00")
    assert byline is not None and byline.dateline is not None
    assert byline.dateline.published == "2021-09-27"


@pytest.mark.parametrize(
    "line",
    [
        "Af samme grund har kommunen sagt nej.",
        "Af Ballerup Kommunes budget for 2025 fremgår det, at der spares på vejene.",
        "Af hensyn til naboerne",
        "Af Ulrich",  # one name is not a byline
    ],
)
def test_lines_that_are_not_bylines(line: str) -> None:
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    ("line", "action"),
    [
        ("Spring til indhold", "line"),
        ("Gå til hovedindhold", "line"),
        ("Vi bruger cookies til at forbedre din oplevelse og til statistik.", "line"),
        ("Tillad alle", "line"),
        ("Du bruger en forældet browser. Opdater din browser for at se siden korrekt.", "line"),
        ("Læs også: Farum Bytorv får ny ejer", "line"),
        ("Læs også", "list"),
        ("Relaterede artikler", "list"),
        ("Kommentarer (4)", "rest"),
        ("Politikerne vil bruge cookies-loven som eksempel i debatten om privatliv og data.", None),
        ("Læs mere om ordningen på kommunens hjemmeside.", None),
        ("Mål 1: 3.000 nye private arbejdspladser", None),
    ],
)
def test_boilerplate_lines(line: str, action: str | None) -> None:
    assert boilerplate_action(line) == action


# -- the vocabularies -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("row", [*boilerplate_rows(), *byline_rows()], ids=lambda row: row.example[:30])
def test_every_line_pattern_matches_its_own_example(row: WeightedPattern) -> None:
    assert matches_line(row, row.example), row.pattern.pattern


@pytest.mark.parametrize("row", date_patterns(), ids=lambda row: f"{row.key}:{row.example[:20]}")
def test_every_date_word_matches_its_own_example(row: WeightedPattern) -> None:
    found = row.pattern.match(row.example) if row.key == "prefix" else row.pattern.fullmatch(row.example)
    assert found, row.pattern.pattern


# -- provenance -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        RAW / "000_d8d1ab7d01895041.txt",
        RAW / "001_8351087a956318af.txt",
        RAW / "002_e8801178bb441584.txt",
        NEWS_PAGE,
        TEXT_PAGE,
    ],
    ids=lambda path: path.name,
)
def test_entity_and_figure_offsets_point_into_the_cleaned_text(path: Path) -> None:
    parsed = parse_file(path)
    assert parsed.entities, "the article names people, organisations or places"
    facts: list[Entity | Figure] = [*parsed.entities, *parsed.figures]
    for fact in facts:
        assert parsed.document.text[fact.start : fact.end] == fact.text


def test_sample_database_holds_the_cleaned_articles(sample_db: Path) -> None:
    db = sqlite_utils.Database(sample_db)
    rows = list(
        db.query(
            "select d.text, d.pages, d.published as doc_published, a.*, "
            "(select count(*) from document_pages p where p.document_id = d.id) as page_rows, "
            "(select max(p.end) from document_pages p where p.document_id = d.id) as page_end "
            "from articles a join documents d on d.id = a.document_id"
        )
    )
    assert len(rows) == 3
    for row in rows:
        assert row["pages"] == row["page_rows"] == 1
        assert row["page_end"] == len(row["text"])
        assert row["published"] == row["doc_published"]
        assert row["body"] in row["text"] or row["body"].split("\n\n")[0] in row["text"]
        assert "Spring til indhold" not in row["text"]


def test_a_news_article_as_pdf_keeps_its_pages_and_offsets(tmp_path: Path) -> None:
    """A PDF has no web furniture to remove: its text stays as printed, so page numbers remain citable."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    paragraphs = [
        line for line in (RAW / "001_8351087a956318af.txt").read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    path = tmp_path / "avis.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    for page in (paragraphs[:4], paragraphs[4:8]):
        text = canvas.beginText(50, 780)
        for paragraph in page:
            for start in range(0, len(paragraph), 90):
                text.textLine(paragraph[start : start + 90])
        canvas.drawText(text)
        canvas.showPage()
    canvas.save()
    parsed = parse_file(path)
    assert parsed.document.kind == "news"
    assert parsed.document.pages == 2
    assert parsed.article is not None and parsed.article.author == "Ulrich Wolf"
    text = parsed.document.text
    assert all(text[e.start : e.end] == e.text for e in parsed.entities)
    assert text.count("\f") == 1 and text.index("Af Ulrich Wolf") < text.index("\f")  # the byline on page 1


def test_a_page_with_more_elements_than_any_article_page_is_read_from_its_visible_text() -> None:
    """trafilatura's time grows faster than the page (14 s for 60,000 paragraphs): such a page is read as text."""
    from referat.extractors.html import extract_html
    from referat.extractors.news.web import MAX_TAGS, extract_page_article, read_html_article

    paragraphs = "".join(f"<p>Afsnit {n} om Ballerup Kommune.</p>" for n in range(MAX_TAGS // 2 + 1))
    data = (
        "<html><head><meta property='og:type' content='article'><title>Stor</title></head><body><article>"
        f"<h1>En meget lang artikel</h1><p>Af Anna Holm</p>{paragraphs}</article></body></html>"
    ).encode()
    assert extract_page_article(data) is None
    cleaned = read_html_article(data, "\n".join(extract_html(data).pages))
    assert cleaned.article.title == "En meget lang artikel" and cleaned.article.author == "Anna Holm"
    assert "Afsnit 30000 om Ballerup Kommune." in cleaned.text


def test_a_vocabulary_row_with_an_unknown_action_is_refused_with_its_line(tmp_path: Path) -> None:
    from referat.extractors.weighted_patterns import PatternFileError

    path = tmp_path / "news_boilerplate.csv"
    path.write_text(
        "action,pattern,example\nline,Spring til indhold,Spring til indhold\nskip,Annonce,Annonce\n", encoding="utf-8"
    )
    with pytest.raises(PatternFileError, match=r"line 3: unknown action 'skip'"):
        boilerplate_patterns.__wrapped__(path)
