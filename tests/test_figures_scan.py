"""The figure finder's one fast scan, where spelled numbers start, answers as the plain expression it stands for;
where digits start; and the remembered readings of number words."""

from __future__ import annotations

import pytest

from referat.extractors.figures import find_figures
from referat.extractors.figures.context import digit_starts
from referat.extractors.figures.find import _grammar, _read_words, _Scan

# Danish text with what the fast paths must not get wrong: number words in any case, after hyphens, slashes and
# brackets, at the text's start; digits of other scripts; letters and digits above the BMP (𝐀 is a word character,
# 𝟙 a digit, 😀 neither).
TRICKY = (
    "To millioner kroner, TRE borgere og Fem-seks nye; Ishøj-to, (fire) enogtyve/Tolv. Én million og ét hundrede. "
    "𝐀to 𝐀5 😀to 😀5 𝟙𝟚 kr. ٣ borgere, ४२ stole; x²3 1,5 mio. kr., 13.05.2025, -7 % og –8 pct., a.9 b,9 :10 "
    "Halvanden Million, ÉN MILLION, Elleve, Atten, Nitten, Otte, Seksten, Tyve, Hundrede, tusinde, Milliarder"
)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Side 2 af 66", ["2", "66"]),
        ("3,7 pct. og 1.316.000 kr.", ["3,7", "1.316.000"]),  # not after a decimal comma or a thousands point
        ("KV25 og 3F, x²3", ["3F,"]),  # not inside a word ("²" is a word character)
        ("§3 og (4) og -5", ["3", "4)", "5"]),
    ],
)
def test_digits_start_after_no_word_character_period_or_comma(text: str, tokens: list[str]) -> None:
    assert [text[start:].split()[0] for start in digit_starts(text)] == tokens


def test_numbers_are_read_in_ascii_digits_only() -> None:
    assert [TRICKY[start] for start in digit_starts(TRICKY) if not TRICKY[start].isascii()] == []
    assert list(find_figures("٣ borgere og ४२ stole")) == []


def test_spelled_numbers_are_found_where_the_plain_expression_finds_them() -> None:
    words = _grammar().words
    scan = _Scan(TRICKY)
    for position in range(len(TRICKY) + 1):
        found = scan._next_spelled(position)
        plain = words.search(TRICKY, position)
        assert (found and found.span()) == (plain and plain.span()), TRICKY[position : position + 20]


def test_remembered_readings_of_number_words_are_the_readings() -> None:
    _read_words.cache_clear()
    first = list(find_figures(TRICKY))
    assert _read_words.cache_info().currsize > 0
    assert list(find_figures(TRICKY)) == first
    for printed in ("to millioner", "Halvanden Million", "enogtyve", "fem"):
        assert _read_words(printed) == _read_words.__wrapped__(printed)
