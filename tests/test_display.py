"""Values as a Danish reader reads them on the served site (`pipeline.display`, the CSV for Excel)."""

from __future__ import annotations

import importlib.util

import pytest

from referat.pipeline import display
from referat.pipeline.serve import PLUGINS_DIR


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (18300000000.0, "18.300.000.000\u00a0kr."),  # an amount read from "18,3 mia. kr."
        (1316000.0, "1.316.000\u00a0kr."),
        (2500.5, "2.500,5\u00a0kr."),
        (750, "750\u00a0kr."),
    ],
)
def test_amounts_in_kroner(value: float, shown: str) -> None:
    assert display.kroner(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (100.0, "100\u00a0%"),
        (87.5, "87,5\u00a0%"),
        (0.0, "0\u00a0%"),
        (66.66666, "66,7\u00a0%"),
    ],
)
def test_percentages(value: float, shown: str) -> None:
    assert display.percent(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (3.0, "3"),
        (0.595, "0,59"),
        (-1234.25, "-1.234,25"),
        (12.5, "12,5"),
    ],
)
def test_numbers_have_a_decimal_comma_and_no_point_zero(value: float, shown: str) -> None:
    assert display.number(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2025-05-13", "13. maj 2025"),
        ("2012-12-04", "4. december 2012"),
        ("2017-09", "september 2017"),  # a news article dated to the month
        ("2017", "2017"),
        ("2020-02-31", None),  # not a day of the calendar: shown as stored
        ("24.00.00", None),  # a KLE number is no date
    ],
)
def test_dates(value: str, shown: str | None) -> None:
    assert display.date(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2025-05-13T14:05:00+00:00", "13. maj 2025 kl. 16.05"),  # summer time: UTC+2
        ("2012-12-04T12:00:00", "4. december 2012 kl. 13.00"),  # no zone: UTC, as ingests record; winter: UTC+1
        ("2025-05-13", None),
    ],
)
def test_timestamps_in_danish_local_time(value: str, shown: str | None) -> None:
    assert display.timestamp(value) == shown


def test_long_texts_are_cut_at_a_word_and_page_breaks_are_marked() -> None:
    text = "Sagsfremstilling\fSide to begynder her med en meget lang sætning om anlægsbevillingen"
    shown = str(display.text_with_page_breaks(text, 60))
    assert "\f" not in shown and shown.count('class="page-break"') == 1
    assert shown.endswith("meget lang…") and "sæt" not in shown  # 60 characters end inside "sætning"
    assert str(display.text_with_page_breaks("A & B", 0)) == "A &amp; B"


@pytest.mark.parametrize(
    ("source", "base", "page", "html"),
    [
        (
            "https://ballerup.dk/referat.pdf",
            "",
            3,
            '<a href="https://ballerup.dk/referat.pdf#page=3">https://ballerup.dk/referat.pdf</a>',
        ),
        (
            "raw/ballerup 2012.pdf",
            "https://kommune.dk/referater/",
            6,
            '<a href="https://kommune.dk/referater/raw/ballerup%202012.pdf#page=6">raw/ballerup 2012.pdf</a>',
        ),
        (
            "raw/004.txt",
            "https://kommune.dk/referater",
            None,
            '<a href="https://kommune.dk/referater/raw/004.txt">raw/004.txt</a>',
        ),
        ("raw/004.txt", "", 1, "raw/004.txt"),
        ("/home/anna/referater/ballerup.pdf", "", 1, "ballerup.pdf"),  # never the machine's folder
        ("C:\\Users\\anna\\ballerup.pdf", "https://kommune.dk/", 1, "ballerup.pdf"),
    ],
)
def test_cited_sources(source: str, base: str, page: int | None, html: str) -> None:
    assert str(display.source_link(source, base, page)) == html


def test_csv_for_danish_excel_uses_semicolons_a_decimal_comma_and_a_byte_order_mark() -> None:
    spec = importlib.util.spec_from_file_location("referat_csv", PLUGINS_DIR / "referat_csv.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = module.excel_csv(
        ["navn", "kroner", "fremmøde_pct", "dato"],
        [("Lars Green Bach; (B)", 18300000000.0, 87.5, "2025-05-13"), ("Æ\fØ", None, 100.0, None)],
    )
    assert text == (
        '\ufeffnavn;kroner;fremmøde_pct;dato\r\n"Lars Green Bach; (B)";18300000000;87,5;2025-05-13\r\nÆ Ø;;100;\r\n'
    )
