"""Minutes as municipal web viewers print them: item titles inside accordion buttons (kept, while buttons that
are only controls are dropped) and the meeting's facts in a label/value table. Untitled items (a viewer that shows
an item's case number and decision only) are tested in test_item_headings."""

from __future__ import annotations

import pytest

from referat.extractors.html import extract_html
from referat.extractors.minutes.parse import parse_meeting
from referat.models.records import Document

# Aarhus' FirstAgenda viewer: each item's title is the heading inside the button that opens it, beside a menu
# button that is only a control.
AARHUS = (
    '<button class="overskrift-btn" role="button" aria-expanded="false" aria-controls="details0">'
    '<h2 class="overskrift text-left">Godkendelse af dagsorden</h2></button>'
    '<div class="details" id="details0"><span class="sagsnummer">EMN-2023-009832</span></div>'
    '<button class="dropdown-toggle" aria-label="Menu til punktet Godkendelse af dagsorden">Hent som PDF</button>'
    '<button class="overskrift-btn" aria-controls="details1"><h2 class="overskrift">Forslag til budget 2026-2029'
    '</h2></button><div class="details" id="details1"><span class="sagsnummer">EMN-2025-008308</span></div>'
)
# The same form with another heading level and a plain accordion.
ACCORDION = (
    '<div class="accordion"><button type="button"><h3>1. Godkendelse af referat</h3></button>'
    '<div class="panel"><p>Sagsnr.: 2024-1234</p></div><button type="button">Udskriv</button></div>'
)


def page_lines(body: str) -> list[str]:
    html = f"<html><head><title>Referat</title></head><body>{body}</body></html>".encode()
    return [line.strip() for line in extract_html(html).pages[0].splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("body", "kept", "dropped"),
    [
        (AARHUS, ["Godkendelse af dagsorden", "Forslag til budget 2026-2029"], ["Hent som PDF"]),
        (ACCORDION, ["1. Godkendelse af referat"], ["Udskriv"]),
    ],
    ids=["aarhus-firstagenda", "variant"],
)
def test_a_heading_inside_a_button_is_kept_and_controls_are_not(body: str, kept: list[str], dropped: list[str]) -> None:
    lines = page_lines(body)
    assert [line for line in lines if line in kept] == kept
    assert not set(dropped) & set(lines)


def meeting_facts(text: str) -> tuple[str | None, str | None, str | None]:
    document = Document(id="x", sha256="", path="x.txt", media_type="txt", size=len(text), text=text, kind="minutes")
    meeting = parse_meeting(document).meeting
    return meeting.committee, meeting.date, meeting.start_time


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Kolding: labels and values in the cells of a table, one cell a line, each closed by its pipe.
        (
            "Referat\nDato: |\n25-08-2014 19:00:00 |\nUdvalg: |\nByrådet |\nSagsnr.: 14/12601\nResumé\nOrlov.\n"
            "Beslutning Byrådet den 25-08-2014\nGodkendt.\n",
            ("Byrådet", "2014-08-25", "19:00"),
        ),
        # A variant with label and value in one row.
        (
            "Referat\nMødedato: | 12.03.2024 kl. 16.00 |\nUdvalg: | Økonomiudvalget |\n1. Budget 2026\nBeslutning\n"
            "Godkendt.\n",
            ("Økonomiudvalget", "2024-03-12", "16:00"),
        ),
    ],
    ids=["kolding", "variant"],
)
def test_meeting_facts_from_a_label_value_table(text: str, expected: tuple[str, str, str]) -> None:
    assert meeting_facts(text) == expected
