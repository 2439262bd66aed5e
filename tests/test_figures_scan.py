"""The figure finder's fast scans answer as the plain expressions they stand for: the spelled-out character classes,
where digits start, where spelled numbers start, the unit after a number, and the remembered readings of number
words."""

from __future__ import annotations

import re

import pytest

from extractors.charsets import ABOVE_BMP, bmp_class
from extractors.figures import find_figures, load_figure_vocabulary
from extractors.figures.context import digit_starts
from extractors.figures.find import _grammar, _read_words, _Scan, _unit_after
from extractors.figures.vocabulary import SCALES_FILE, UNITS_FILE
from tests.conftest import RAW

# Danish text with what the fast paths must not get wrong: number words in any case, after hyphens, slashes and
# brackets, at the text's start; digits of other scripts; letters and digits above the BMP (𝐀 is a word character,
# 𝟙 a digit, 😀 neither).
TRICKY = (
    "To millioner kroner, TRE borgere og Fem-seks nye; Ishøj-to, (fire) enogtyve/Tolv. Én million og ét hundrede. "
    "𝐀to 𝐀5 😀to 😀5 𝟙𝟚 kr. ٣ borgere, ४२ stole; x²3 1,5 mio. kr., 13.05.2025, -7 % og –8 pct., a.9 b,9 :10 "
    "Halvanden Million, ÉN MILLION, Elleve, Atten, Nitten, Otte, Seksten, Tyve, Hundrede, tusinde, Milliarder"
)


def _all_characters() -> str:
    return "".join(map(chr, range(0x110000)))


@pytest.mark.parametrize("category", [r"\d", r"\w"])
def test_a_spelled_out_class_holds_the_bmp_characters_of_its_category(category: str) -> None:
    characters = _all_characters()
    spelled_out = re.compile(f"[{bmp_class(category)}]")
    plain = re.compile(category)
    assert [m.start() for m in spelled_out.finditer(characters)] == \
        [m.start() for m in plain.finditer(characters) if m.start() < 0x10000]
    assert re.fullmatch(f"[{ABOVE_BMP}]+", characters[0x10000:])


@pytest.mark.parametrize("text", [TRICKY, "5 kr.", "", "\n".join(p.read_text(encoding="utf-8")
                                                                   for p in sorted(RAW.glob("*.txt")))])
def test_digits_start_where_the_plain_expression_says(text: str) -> None:
    assert digit_starts(text) == [match.start() for match in re.finditer(r"\d(?<![\w.,]\d)", text)]


def test_digit_starts_include_digits_of_every_script() -> None:
    assert [TRICKY[start] for start in digit_starts(TRICKY) if not TRICKY[start].isascii()] == ["𝟙", "٣", "४"]


def test_spelled_numbers_are_found_where_the_plain_expression_finds_them() -> None:
    words = _grammar().words
    scan = _Scan(TRICKY)
    for position in range(len(TRICKY) + 1):
        found = scan._next_spelled(position)
        plain = words.search(TRICKY, position)
        assert (found and found.span()) == (plain and plain.span()), TRICKY[position:position + 20]


def test_remembered_readings_of_number_words_are_the_readings() -> None:
    _read_words.cache_clear()
    first = list(find_figures(TRICKY))
    assert _read_words.cache_info().currsize > 0
    assert list(find_figures(TRICKY)) == first
    for printed in ("to millioner", "Halvanden Million", "enogtyve", "fem"):
        assert _read_words(printed) == _read_words.__wrapped__(printed)


def test_the_unit_after_a_number_is_read_as_without_the_first_character_check() -> None:
    examples = [row.split(",")[-1] for path in (UNITS_FILE, SCALES_FILE)
                for row in path.read_text(encoding="utf-8").splitlines()[1:]]
    text = "\n".join([TRICKY, *examples, *(example.upper() for example in examples),
                      "2 ,- kr. 3,– KR 4-årige 5\n  MIO.\nkr. 6 %-point 7 Kr 8 K 9 ſ"])
    vocabulary = load_figure_vocabulary()
    checked, plain = _unit_after(vocabulary), _unit_after(vocabulary, first_character_check=False)
    for position in range(len(text) + 1):
        found, expected = checked.match(text, position), plain.match(text, position)
        assert (found and (found.span(), found.groupdict())) == (expected and (expected.span(), expected.groupdict()))
