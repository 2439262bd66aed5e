"""Word vectors for linking: inflections are one word, weights are tf-idf, vectors have length 1, and a left-out
word (a stop word, a word of a name) counts for nothing."""

from __future__ import annotations

import math

import pytest

from referat.pipeline.word_vectors import WordVectors, content_words, stem
from tests.conftest import RAW


@pytest.fixture
def sample_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(RAW.glob("*.txt"))]


def test_inflections_share_a_stem() -> None:
    assert stem("iværksættere") == stem("iværksætterne")
    assert stem("skolerne") == stem("skole")


def test_cosine_of_two_texts_by_hand() -> None:
    vectors = WordVectors(["borgere borgerne skole", "borgere skolerne skoler", "cykelsti"], frozenset())

    # Both texts have the stems of "borger" and "skole", one twice, the other once, the other way round; both stems
    # are in two of three texts (same idf, which cancels): cos = 2(1 + ln 2) / ((1 + ln 2)^2 + 1).
    expected = 2 * (1 + math.log(2)) / ((1 + math.log(2)) ** 2 + 1)
    assert vectors.cosines(0, range(1, 3)) == pytest.approx([expected, 0.0])
    assert vectors.cosines(1, range(0, 1)) == pytest.approx([expected])


def test_a_text_is_its_own_closest_text() -> None:
    vectors = WordVectors(["Kommunen bygger en ny skole i Måløv", "ny skole", "cykelsti langs vejen"], frozenset())

    assert vectors.cosines(0, range(0, 3))[0] == pytest.approx(1.0)


def test_left_out_words_count_for_nothing() -> None:
    vectors = WordVectors(["borgere skole", "borgere cykelsti"], frozenset({"skole", "cykelsti"}))

    assert vectors.cosines(0, range(1, 2)) == pytest.approx([1.0])
    assert vectors.shared(0, 1) == [stem("borgere")]


def test_shared_words_heaviest_first_and_as_first_printed() -> None:
    texts = [
        "erhvervspolitik erhvervspolitikken iværksættere iværksættere iværksættere skole",
        "iværksætterne erhvervspolitik",
        "skole skole",
    ]
    vectors = WordVectors(texts, frozenset(), surfaces=1)

    assert vectors.shared(0, 1) == [stem("iværksættere"), stem("erhvervspolitik")]
    assert vectors.surface == [
        {stem("erhvervspolitik"): "erhvervspolitik", stem("iværksættere"): "iværksættere", stem("skole"): "skole"}
    ]


def test_a_text_without_content_words_is_close_to_nothing() -> None:
    vectors = WordVectors(["og i 2025", "skole"], frozenset())

    assert vectors.cosines(0, range(1, 2)) == [0.0]
    assert vectors.shared(0, 1) == []


def test_content_words_are_letters_only_and_four_or_more() -> None:
    text = "Iværksætterne i Ballerup fik 1.500.000 kr. til ÆØÅ-projekter, hjem-til-hjem og børnehaverne_2025 kl. 16.00"
    assert content_words(text) == ["Iværksætterne", "Ballerup", "projekter", "hjem", "hjem", "børnehaverne"]


def test_cosines_with_some_texts_are_the_cosines_with_all_of_them(sample_texts: list[str]) -> None:
    """Linking reads an article's cosines with the items of its candidate meetings only, in any order; they must be
    the very numbers its cosines with every text give."""
    vectors = WordVectors(sample_texts, frozenset())
    everything = range(len(sample_texts))
    for row in everything:
        every = vectors.cosines(row, everything)
        some = [other for other in reversed(everything) if (other + row) % 3 != 1]
        assert vectors.cosines_with(row, some) == pytest.approx([every[other] for other in some])
        assert vectors.cosines_with(row, []) == []
