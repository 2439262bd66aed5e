"""Section headings of agenda items, as printed in real minutes, and their normalised kinds."""

from __future__ import annotations

import pytest

from extractors.minutes.sections import heading_patterns, section_kind


@pytest.mark.parametrize(("line", "kind"), [
    ("Sagsfremstilling", "case"),
    ("SAGSFREMSTILLING", "case"),
    ("Sammendrag", "summary"),
    ("RESUMÉ", "summary"),
    ("Resume", "summary"),
    ("Sagens kerne", "summary"),
    ("Baggrund", "background"),
    ("Problemstilling", "background"),
    ("Økonomiske konsekvenser og finansiering", "economy"),
    ("ØKONOMI", "economy"),
    ("Bilag", "attachments"),
    ("1 bilag", "attachments"),
    ("Beslutningen træffes af", "authority"),
    ("Beslutningskompetence: KB", "authority"),
    ("Sagsgang og sagstype", "authority"),
    ("Indstilling", "recommendation"),
    ("Indstilling:", "recommendation"),
    ("Indstilling og beslutning", "recommendation"),
    ("Beslutning", "decision"),
    ("BESLUTNING", "decision"),
    ("Beslutning i Udvalget for Ældre og Sundhed den 04-06-2020", "decision"),
    ("Beslutning i Økonomiudvalget den 1. oktober 2018:", "decision"),
    ("Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 2", "decision"),
    ("Sagens forløb", "history"),
    ("Tidligere behandling", "history"),
    ("Indhold", "other"),
])
def test_real_headings_get_their_kind(line: str, kind: str) -> None:
    assert section_kind(line) == kind


@pytest.mark.parametrize("line", [
    "Taget til efterretning",
    "Beslutningen om at udbyde opgaven blev truffet af Økonomiudvalget i 2019, og den gælder fortsat for "
    "hele perioden frem til den nye aftale træder i kraft ved årsskiftet.",
    "Center for Ejendomme indstiller, at",
    "- Beslutning",
])
def test_running_text_is_no_heading(line: str) -> None:
    assert section_kind(line) is None


@pytest.mark.parametrize("row", heading_patterns(), ids=lambda row: row.example[:30])
def test_every_vocabulary_row_matches_its_own_example(row: object) -> None:
    assert section_kind(row.example) == row.kind  # type: ignore[attr-defined]
