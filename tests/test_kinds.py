"""Document kinds on real documents: minutes and agendas from many systems, news, a policy, an attachment."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from referat.extractors.kinds import MeetingShape, decide_kind, load_markers, meeting_body, record_title
from referat.extractors.minutes.families import family_markers
from referat.extractors.minutes.items import heading_forms
from referat.extractors.weighted_patterns import WeightedPattern
from referat.models.records import Document
from referat.pipeline.parse import MeetingReader, parse_file
from referat.pipeline.sidecar import SourceHints
from tests.conftest import DATA, RAW

GOLD_KINDS = {
    Path(gold.name).stem: json.loads(gold.read_text(encoding="utf-8"))["kind"]
    for gold in (DATA / "gold" / "structure").glob("*.json")
}
PAGES = sorted((DATA / "pages").glob("*.txt"))


def read_meeting(text: str) -> Callable[[], MeetingShape]:
    """The minutes reader over a text, as the kind decision calls it."""
    document = Document(
        id="text", sha256="", path="text.txt", media_type="text/plain", size=len(text), text=text, pages=1
    )
    return MeetingReader(document, SourceHints()).shape


def read_kind(text: str) -> str:
    return decide_kind(text, read_meeting(text))


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_web_page_minutes_excerpts_get_their_gold_kind(page: Path) -> None:
    assert parse_file(page).document.kind == GOLD_KINDS[page.name]


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        (RAW / "000_d8d1ab7d01895041.txt", "news"),
        (RAW / "001_8351087a956318af.txt", "news"),
        (RAW / "002_e8801178bb441584.txt", "news"),
        (RAW / "003_fe071bcafbadd245.txt", "other"),  # Ballerup's Erhvervs- og Vækstpolitik: a policy, not minutes
        (RAW / "004_07fbbc99cae8a549.txt", "minutes"),
        (RAW / "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04.pdf", "minutes"),
        (RAW / "ballerup_erhvervs-beskaeftigelses-og-uddannelsesudvalget_2025-05-13_rendered.pdf", "minutes"),
        (DATA / "other" / "aarhus_attachment_sager-paa-vej_2025-08-29.pdf", "other"),  # a status table attachment
        *((path, "minutes") for path in sorted((DATA / "ballerup_2012-12-04_items").glob("*.pdf"))),
    ],
    ids=lambda value: value.name if isinstance(value, Path) else value,
)
def test_sample_and_corpus_documents_get_their_kind(path: Path, kind: str) -> None:
    assert parse_file(path).document.kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Dagsorden\nMødedato 10. juni 2013\nMødelokale D\n1. Lokalplan 350\nIndstilling\nForvaltningen indstiller, at"
            "\n2. Kommuneplan\nIndstilling\n",
            "agenda",
        ),
        (
            "Referat\nTilstede\nAnja Holtze (A)\nAfbud\nSandra Marsenic (A)\n1. Meddelelser\nBeslutning\nTaget til"
            " efterretning.\n",
            "minutes",
        ),
        ("Ny skole i Skovlunde\n\nAf Ulrich Wolf\n\n“Det er en god dag,” siger borgmesteren.\n", "news"),
        ("Forord\n\nKommunens politik for erhverv skal skabe vækst.\n\nVision\n", "other"),
        # a municipality's news item: a headline and a lead that dates a decision (Hjerm Skole's Aula page)
        (
            "Høring vedr. ny skolestruktur\n\nByrådet besluttede i sit møde 28. maj 2024 at sende fire forslag i høring.\n",
            "news",
        ),
        # a service page about the same decision speaks to its reader (Helsingør's budget page)
        (
            "Budgetprocessen 2026-2029\nPå denne side kan du læse om budgettet.\nHer kan du se tidsplanen.\nDu kan også"
            " skrive til os.\n",
            "other",
        ),
        ("", "other"),
    ],
)
def test_short_texts(text: str, kind: str) -> None:
    assert read_kind(text) == kind


PATTERN_FILES = [*load_markers(), *family_markers(), *heading_forms()]


@pytest.mark.parametrize("marker", PATTERN_FILES, ids=lambda marker: f"{marker.key}:{marker.example[:30]}")
def test_every_pattern_row_matches_its_own_example(marker: WeightedPattern) -> None:
    assert marker.pattern.search(marker.example), f"{marker.pattern.pattern} does not match {marker.example!r}"


# --- structure first: the kind of a document the minutes reader found a meeting's shape in -------------------


@pytest.mark.parametrize(
    ("head", "municipal"),
    [
        ("Referat. fra Økonomiudvalget\nMødedato: Mandag den 6. oktober 2014", True),  # Esbjerg
        ("Byrådet REFERAT. Mødedato: Torsdag den", True),  # Haderslev
        ("Referat fra Sammenlægningsudvalgets ordinære møde mandag den 18. september 2006", True),  # Vesthimmerland
        ("Dagsordener og referater\nUdvalg: Ældrerådet\nMødedato: 10. september 2014", True),  # Herning
        ("Kommunalbestyrelsen\n\nProtokol\n\n21-01-2016 kl. 17:00", True),  # Lyngby-Taarbæk
        # minutes of bodies that are not the municipality's
        ("REFERAT 15. møde i FOT Specifikationsforum den 10. november 2010", False),  # a forum of agencies
        (
            "Dagsorden d. 30. januar 2020\nBestyrelsesmøde\nTorsdag d. 30. januar 2020 kl. 19:30",
            False,
        ),  # an association
        ("Referat af generalforsamling i Grundejerforeningen Skovbrynet", False),
        ("Budgetprocessen 2026-2029\nPå denne side kan du læse om budgettet.", None),
    ],
)
def test_the_body_that_meets(head: str, municipal: bool | None) -> None:
    assert meeting_body(head) is municipal


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("REFERAT Erhvervs-, Beskæftigelses- og Uddannelsesudvalget d. 13-05-2025", "minutes"),  # Ballerup
        ("Byrådet REFERAT. Mødedato: Torsdag den", "minutes"),  # Haderslev
        ("Regionsrådet - referat 26-01-2009", "minutes"),  # Region Syddanmark
        ("Kommunalbestyrelsen\n\nProtokol\n\n21-01-2016", "minutes"),  # Lyngby-Taarbæk
        ("Beslutninger fra mødet. Torsdag kl Ordinært møde", "minutes"),  # Hørsholm
        ("Dagsorden 8. oktober 2025 kl. 16.00", "agenda"),  # Aarhus
        ("Åben dagsorden\nHjørring Byråd 2014-2017", "agenda"),  # Hjørring
        # an item's title is not the document's
        (
            "Byrådsmøde den 5. februar 2024 kl. 17.00\n\n171 views\n1. Godkendelse af dagsorden.",
            None,
        ),  # Esbjerg's video
        ("Kommunalbestyrelsen - Dagsordener og referater\nSe dagsordener og referater fra møderne.", None),  # Hedensted
    ],
)
def test_what_a_record_calls_itself(text: str, title: str | None) -> None:
    assert record_title(text) == title


def test_a_records_address_names_it_when_its_text_does_not() -> None:
    assert (
        record_title(
            "Anlægsoversigter og Fast Track - juni 2014",
            "https://kk.dk/Borgerrepræsentationen/møde-18062014/referat/punkt-3",
        )
        == "minutes"
    )


NO_SHAPE = MeetingShape(items=0, listed=0, decided=0, case_numbers=0, sectioned=0, participants=0, dated=False)


@pytest.mark.parametrize(
    ("text", "shape", "kind"),
    [
        # items with decisions, a date and participants: minutes
        ("Referat\nØkonomiudvalget", replace(NO_SHAPE, items=7, decided=7, participants=8, dated=True), "minutes"),
        # a truncated copy: the contents list only, under a minutes title
        ("Byrådet REFERAT.", replace(NO_SHAPE, listed=27, dated=True), "minutes"),
        # the header only (cut off before the first item): a record of a meeting all the same
        (
            "Kommunalbestyrelsen\nProtokol\nMedlemmer Sofia Osmani deltog",
            replace(NO_SHAPE, participants=22, dated=True),
            "minutes",
        ),
        # an agenda: items with case numbers and sections, no decisions, called Dagsorden
        (
            "Dagsorden 8. oktober 2025\nAarhus Byråd",
            replace(NO_SHAPE, items=33, case_numbers=33, sectioned=30, dated=True),
            "agenda",
        ),
        # a numbered list and a date are no meeting's record (a video page)
        ("Byrådsmøde den 5. februar 2024 kl. 17.00", replace(NO_SHAPE, dated=True), "other"),
        # a forum's minutes
        (
            "REFERAT 15. møde i FOT Specifikationsforum",
            replace(NO_SHAPE, items=5, decided=4, participants=10, dated=True),
            "other",
        ),
        # an attachment: a date, nothing else
        ("Kære kommuner\nKL's brev om budget", replace(NO_SHAPE, dated=True), "other"),
    ],
)
def test_the_kind_is_read_from_the_structure(text: str, shape: MeetingShape, kind: str) -> None:
    assert decide_kind(text, lambda: shape) == kind
