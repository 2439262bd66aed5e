"""Document kinds on real documents: minutes and agendas from many systems, news, a policy, an attachment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.kinds import classify, load_markers
from extractors.minutes.families import family_markers
from extractors.minutes.items import heading_forms
from extractors.weighted_patterns import WeightedPattern
from pipeline.parse import parse_file
from tests.conftest import DATA, RAW

GOLD_KINDS = {
    Path(gold.name).stem: json.loads(gold.read_text(encoding="utf-8"))["kind"]
    for gold in (DATA / "gold" / "structure").glob("*.json")
}
PAGES = sorted((DATA / "pages").glob("*.txt"))


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_web_page_minutes_excerpts_get_their_gold_kind(page: Path) -> None:
    assert parse_file(page).document.kind == GOLD_KINDS[page.name]


@pytest.mark.parametrize(("path", "kind"), [
    (RAW / "000_d8d1ab7d01895041.txt", "news"),
    (RAW / "001_8351087a956318af.txt", "news"),
    (RAW / "002_e8801178bb441584.txt", "news"),
    (RAW / "003_fe071bcafbadd245.txt", "other"),  # Ballerup's Erhvervs- og Vækstpolitik: a policy, not minutes
    (RAW / "004_07fbbc99cae8a549.txt", "minutes"),
    (RAW / "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04.pdf", "minutes"),
    (RAW / "ballerup_erhvervs-beskaeftigelses-og-uddannelsesudvalget_2025-05-13_rendered.pdf", "minutes"),
    (DATA / "other" / "aarhus_attachment_sager-paa-vej_2025-08-29.pdf", "other"),  # a status table attachment
    *((path, "minutes") for path in sorted((DATA / "ballerup_2012-12-04_items").glob("*.pdf"))),
], ids=lambda value: value.name if isinstance(value, Path) else value)
def test_sample_and_corpus_documents_get_their_kind(path: Path, kind: str) -> None:
    assert parse_file(path).document.kind == kind


@pytest.mark.parametrize(("text", "kind"), [
    ("Dagsorden\nMødedato 10. juni 2013\nMødelokale D\n1. Lokalplan 350\nIndstilling\nForvaltningen indstiller, at"
     "\n2. Kommuneplan\nIndstilling\n", "agenda"),
    ("Referat\nTilstede\nAnja Holtze (A)\nAfbud\nSandra Marsenic (A)\n1. Meddelelser\nBeslutning\nTaget til"
     " efterretning.\n", "minutes"),
    ("Ny skole i Skovlunde\n\nAf Ulrich Wolf\n\n“Det er en god dag,” siger borgmesteren.\n", "news"),
    ("Forord\n\nKommunens politik for erhverv skal skabe vækst.\n\nVision\n", "other"),
    ("", "other"),
])
def test_short_texts(text: str, kind: str) -> None:
    assert classify(text) == kind


PATTERN_FILES = [*load_markers(), *family_markers(), *heading_forms()]


@pytest.mark.parametrize("marker", PATTERN_FILES, ids=lambda marker: f"{marker.key}:{marker.example[:30]}")
def test_every_pattern_row_matches_its_own_example(marker: WeightedPattern) -> None:
    assert marker.pattern.search(marker.example), f"{marker.pattern.pattern} does not match {marker.example!r}"
