"""Golden tests over every news page and every entity gold document of the shared corpus (issue 13): kind,
headline, date, author and furniture of news pages, entities per label and figures, micro-averaged, with a table
per document and the worst ten named (`python -m tests.gold_news` prints the same tables)."""

from __future__ import annotations

import pytest

from tests.gold_news import LABELS, entity_table, news_table

NEWS_FLOORS = {"kind": 0.95, "headline": 0.90, "date": 0.90, "author": 0.85, "furniture": 0.95}
ENTITY_FLOOR, LABEL_FLOOR, FIGURE_FLOOR = 0.92, 0.88, 0.95


def test_news_pages_against_the_gold(capsys: pytest.CaptureFixture[str]) -> None:
    tally, lines = news_table()
    with capsys.disabled():
        print("\nnews gold\n" + "\n".join(lines))
    shares = {measure: tally.share(measure) for measure in NEWS_FLOORS}
    assert all(
        shares[measure] is not None and shares[measure] >= floor  # type: ignore[operator]
        for measure, floor in NEWS_FLOORS.items()
    ), shares


def test_entities_and_figures_against_the_gold(capsys: pytest.CaptureFixture[str]) -> None:
    tally, lines = entity_table()
    with capsys.disabled():
        print("\nentity and figure gold\n" + "\n".join(lines))
    scores = {label: tally.f1(label) or 0.0 for label in (*LABELS, "ALL", "FIG")}
    assert scores["ALL"] >= ENTITY_FLOOR, scores
    assert all(scores[label] >= LABEL_FLOOR for label in LABELS), scores
    assert scores["FIG"] >= FIGURE_FLOOR, scores
