"""Lines and page furniture: the running header is the same line on most pages, digits and spacing aside."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from referat.extractors.minutes.contents import Contents, lines_outside
from referat.extractors.minutes.lines import _EDGE_LINES, _FURNITURE_FORMS, furniture_shape, split_lines
from referat.models.records import Document
from tests.test_dates import GOLD_FILES, source_text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Side 3 af 27", "side # af #"),
        ("Økonomiudvalget 12. marts 2024", "økonomiudvalget #. marts #"),
        ("Økonomiudvalget  12.\u00a0marts\t2024", "økonomiudvalget #. marts #"),
        ("Referat\u200b - Byrådet", "referat - byrådet"),
        ("Ballerup\u2002Kommune\u2003", "ballerup kommune"),
        ("\u00a0Punkt 4\u00a0", "punkt #"),
        ("KLIMA- OG MILJØUDVALGET", "klima- og miljøudvalget"),
    ],
)
def test_a_running_header_is_normalised_with_digits_and_spacing_folded(line: str, expected: str) -> None:
    assert furniture_shape(line) == expected


def test_a_header_repeated_on_most_pages_is_furniture() -> None:
    subjects = ("skolen", "vejen", "havnen", "hallen")
    pages = [
        f"Økonomiudvalget  12. marts 2024\nSagen om {subject}\nTeksten om {subject}.\nSide {n} af 4"
        for n, subject in enumerate(subjects, start=1)
    ]
    text = "\f".join(pages)
    lines = split_lines(Document(id="x", sha256="", path="x.txt", media_type="txt", size=len(text), text=text))
    assert [line.text for line in lines if line.furniture] == [
        line for page in pages for line in page.split("\n") if line.startswith(("Økonomiudvalget", "Side"))
    ]
    assert all(text[line.start : line.end] == line.text for line in lines)


def _plain_furniture(text: str) -> list[int]:
    """Furniture as first written: every line tested for its form, every edge line normalised on every page."""
    lines = split_lines(Document(id="x", sha256="", path="x.txt", media_type="txt", size=len(text), text=text))
    found = {line.index for line in lines if len(line.text) < 80 and _FURNITURE_FORMS.match(line.text)}
    by_page: dict[int, list[int]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line.index)
    if len(by_page) > 1:
        found |= {
            index
            for indexes in by_page.values()
            for index in indexes[:2] + indexes[-2:]
            if re.fullmatch(r"- ?\d+ ?-|\d{1,3}", lines[index].text)
        }
    if len(by_page) >= 3:
        shapes = {
            index: furniture_shape(lines[index].text)
            for indexes in by_page.values()
            for index in indexes[:_EDGE_LINES] + indexes[-3:]
        }
        counts: Counter[str] = Counter()
        for indexes in by_page.values():
            counts.update({shapes[i] for i in indexes[:_EDGE_LINES] + indexes[-3:]})
        threshold = max(3, (len(by_page) + 1) // 2)
        found |= {index for index, shape in shapes.items() if counts[shape] >= threshold}
    return sorted(found)


def test_a_page_number_is_furniture_at_a_page_edge_and_an_item_number_elsewhere() -> None:
    pdf = "\f".join(
        f"Punkt {n}: Sagen om {subject}\nTekst om {subject}.\n{n}"
        for n, subject in enumerate(("skolen", "vejen", "havnen"), start=1)
    )
    web = "Punkt\nTitel\n\n1\nGodkendelse af dagsorden\n\nEMN-2023-009832\n\n2\nForslag til budget 2026-2029"
    for text, furniture in ((pdf, ["1", "2", "3"]), (web, [])):
        lines = split_lines(Document(id="x", sha256="", path="x.txt", media_type="txt", size=len(text), text=text))
        assert [line.text for line in lines if line.furniture] == furniture


def test_furniture_found_with_each_header_normalised_once_is_the_plain_reading() -> None:
    pages = [f"Økonomiudvalget  {n}. marts 2024\n• Sagen\n{n}\nTekst\nSide {n} af 5" for n in range(1, 6)]
    texts = ["\f".join(pages), "\f".join(pages[:2])] + [source_text(path) for path in GOLD_FILES[:8]]
    for text in texts:
        lines = split_lines(Document(id="x", sha256="", path="x.txt", media_type="txt", size=len(text), text=text))
        assert [line.index for line in lines if line.furniture] == _plain_furniture(text)


@pytest.mark.parametrize("contents", [None, Contents(0, 3, ()), Contents(2, 5, ()), Contents(6, 7, ())])
@pytest.mark.parametrize("end", [None, 0, 1, 4, 7, 20])
def test_lines_outside_the_contents_page_are_those_a_test_of_each_line_keeps(
    contents: Contents | None, end: int | None
) -> None:
    text = "\n".join(f"Linje {n}" for n in range(7))
    lines = split_lines(Document(id="x", sha256="", path="x.txt", media_type="txt", size=len(text), text=text))
    assert lines_outside(lines, contents, end) == [
        line for line in lines if (end is None or line.index < end) and not (contents and contents.covers(line.index))
    ]
