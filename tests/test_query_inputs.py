"""The canned queries' inputs as people write them (`pipeline.query_inputs`): dates, years, amounts, outcomes and
search words, read directly here and through the served queries in tests/test_queries.py."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from referat.models.records import OUTCOMES
from referat.pipeline.query_inputs import (
    context,
    danish_amount,
    danish_date,
    danish_label,
    danish_year,
    fields,
    fts_query,
    notes,
    outcome_code,
    read_vocabulary,
    register_functions,
    search_terms,
)


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("13.05.2025", "2025-05-13"),
        ("13-05-2025", "2025-05-13"),
        ("13/5 2025", "2025-05-13"),
        ("13/5-2025", "2025-05-13"),
        ("4.12.2012", "2012-12-04"),
        ("13. maj 2025", "2025-05-13"),
        ("13 maj 2025", "2025-05-13"),
        ("13. Maj 2025.", "2025-05-13"),
        ("4. dec. 2012", "2012-12-04"),
        ("4. dec 2012", "2012-12-04"),
        ("1. sept. 2020", "2020-09-01"),
        ("2025-05-13", "2025-05-13"),
        (" 2025-05-13 ", "2025-05-13"),
        ("31.02.2025", None),  # not a day of the calendar
        ("maj 2025", None),  # no day
        ("13. maj", None),  # no year
        ("13.05.25", None),  # a two-digit year is not guessed
        ("2012-28504", None),  # a journal number
        ("13.05.2025 og 14.05.2025", None),  # two dates are not one
        ("", None),
    ],
)
def test_a_date_in_iso_or_danish_form(written: str, iso: str | None) -> None:
    assert danish_date(written) == iso


@pytest.mark.parametrize(
    ("written", "year"),
    [("2024", "2024"), (" 1998 ", "1998"), ("24", None), ("20x5", None), ("2024-05", None), ("", None)],
)
def test_a_year(written: str, year: str | None) -> None:
    assert danish_year(written) == year


@pytest.mark.parametrize(
    ("written", "kroner"),
    [
        ("1 mio", 1_000_000),
        ("1 mio.", 1_000_000),
        ("1,5 mio. kr.", 1_500_000),
        ("2,5 mia.", 2_500_000_000),
        ("2 milliarder", 2_000_000_000),
        ("750 t.kr.", 750_000),
        ("500 tkr.", 500_000),
        ("500.000", 500_000),
        ("500.000 kr.", 500_000),
        ("1.000.000", 1_000_000),
        ("1 000 000", 1_000_000),
        ("1000000", 1_000_000),
        ("70000", 70_000),
        ("2,5", 2.5),
        ("mange penge", None),
        ("5 mio. og 3 mio.", None),  # two amounts are not one
        ("12 %", None),  # a percentage is not money
        ("", None),
    ],
)
def test_an_amount_in_kroner(written: str, kroner: float | None) -> None:
    assert danish_amount(written) == kroner


def test_every_outcome_has_a_danish_label_and_reads_back() -> None:
    labels = read_vocabulary().labels["outcome"]
    assert set(labels) == set(OUTCOMES)
    for code, label in labels.items():
        assert outcome_code(label) == outcome_code(label.upper()) == outcome_code(f" {label.lower()} ") == code
        assert outcome_code(code) == code
        assert danish_label("outcome", code) == label
    assert outcome_code("vedtaget") is None and outcome_code("") is None
    assert danish_label("outcome", None) is None
    assert danish_label("kind", "unknown kind") == "unknown kind"  # a code without a label is shown as stored


@pytest.mark.parametrize(
    ("written", "kept", "short", "query"),
    [
        ("bevilling", ["bevilling"], [], '"bevilling"'),
        ("ny aftale", ["aftale"], ["ny"], '"aftale"'),
        ('"ny aftale"', ["ny aftale"], [], '"ny aftale"'),
        ('"ny aftale', ["ny aftale"], [], '"ny aftale"'),  # an unclosed quote is closed, as escape_fts does
        ("EU ny", [], ["EU", "ny"], None),
        ("24.00.00-G01-4-25", ["24.00.00-G01-4-25"], [], '"24.00.00-G01-4-25"'),
        ("skole OR NOT", ["skole", "NOT"], ["OR"], '"skole" "NOT"'),  # operators are words, quoted
        ("", [], [], None),
    ],
)
def test_search_words_under_three_characters_are_left_out(
    written: str, kept: list[str], short: list[str], query: str | None
) -> None:
    assert search_terms(written) == (kept, short)
    assert fts_query(written) == query


def test_the_words_around_a_match_are_cut_at_word_boundaries() -> None:
    window = "ende af et ord og så Afbud Musa Kekec (A), Sandra Marsenic (A)\fPunkt 2: Cyk"
    start = window.index("Musa")
    shown = context(window, start, start + len("Musa Kekec"), 20)
    assert shown == "… af et ord og så Afbud «Musa Kekec» (A), Sandra Marsenic (A) Punkt 2: …"  # not "ende", "Cyk"
    # a window that is the whole text is not cut
    assert context("Musa Kekec (A)", 0, 10, 80) == "«Musa Kekec» (A)"
    assert context(None, 0, 1, 80) is None and context("abc", 2, 9, 80) is None


def test_the_functions_answer_in_sql(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "x.db")
    register_functions(conn)
    row = conn.execute(
        "select dansk_dato('13. maj 2025'), dansk_aar('2025'), dansk_beloeb('1,5 mio. kr.'), "
        "udfald_kode('Taget til efterretning'), dansk('outcome', 'noted'), soegeord('ny aftale')"
    ).fetchone()
    assert row == ("2025-05-13", "2025", 1_500_000.0, "noted", "Taget til efterretning", '"aftale"')
    conn.close()


def test_the_page_names_each_ignored_input_and_why() -> None:
    assert [field.input.label for field in fields("search_decisions", {"tekst": "ny"})] == [
        "Søgeord",
        "Kommune",
        "Udvalg",
        "Fra dato",
        "Til dato",
    ]
    assert notes("search_decisions", {"tekst": "bevilling", "fra_dato": "13. maj 2025"}) == []
    found = notes("search_decisions", {"tekst": "ny", "til_dato": "i går"})
    assert [note.split(":")[0] for note in found] == ["Søgeord", "Til dato"]
    assert "«i går» kan ikke læses som en dato" in found[1]
    assert notes("absences_by_item", {"kun_inhabil": "måske"}) == [
        "Vis: «måske» er ikke et af valgene og er ikke brugt."
    ]
