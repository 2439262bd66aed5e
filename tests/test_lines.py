"""Lines and page furniture: the running header is the same line on most pages, digits and spacing aside."""

from __future__ import annotations

import re

import pytest

from extractors.minutes.lines import normalised, split_lines
from models.records import Document

# `normalised` skips the spacing expression where it would change nothing; this is what it stands for.
_SPACING = re.compile(r"[ \t\u00a0\u200b\u2002\u2003]+")


@pytest.mark.parametrize(("line", "expected"), [
    ("Side 3 af 27", "side # af #"),
    ("Økonomiudvalget 12. marts 2024", "økonomiudvalget #. marts #"),
    ("Økonomiudvalget  12.\u00a0marts\t2024", "økonomiudvalget #. marts #"),
    ("Referat\u200b - Byrådet", "referat - byrådet"),
    ("Ballerup\u2002Kommune\u2003", "ballerup kommune"),
    ("\u00a0Punkt 4\u00a0", "punkt #"),
    ("KLIMA- OG MILJØUDVALGET", "klima- og miljøudvalget"),
])
def test_a_running_header_is_normalised_with_digits_and_spacing_folded(line: str, expected: str) -> None:
    assert normalised(line) == expected
    assert normalised(line) == _SPACING.sub(" ", re.sub(r"\d+", "#", line)).strip().casefold()


def test_a_header_repeated_on_most_pages_is_furniture() -> None:
    subjects = ("skolen", "vejen", "havnen", "hallen")
    pages = [f"Økonomiudvalget  12. marts 2024\nSagen om {subject}\nTeksten om {subject}.\nSide {n} af 4"
             for n, subject in enumerate(subjects, start=1)]
    text = "\f".join(pages)
    lines = split_lines(Document(id="x", sha256="", path="x.txt", media_type="txt", size=len(text), text=text))
    assert [line.text for line in lines if line.furniture] == [
        line for page in pages for line in page.split("\n") if line.startswith(("Økonomiudvalget", "Side"))]
    assert all(text[line.start:line.end] == line.text for line in lines)
