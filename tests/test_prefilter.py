"""The literal prefilter of our vocabularies: it may skip a search only where the pattern cannot match, so every
pattern of every vocabulary finds the same matches with it as without it, on real pages and on odd casing."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from referat.extractors.kinds import load_markers
from referat.extractors.minutes.attendance import load_phrases
from referat.extractors.minutes.case_numbers import load_patterns
from referat.extractors.minutes.families import family_markers
from referat.extractors.minutes.outcomes import load_outcome_patterns
from referat.extractors.minutes.votes import load_vote_patterns
from referat.extractors.prefilter import _SAFE, Prefiltered, fold
from tests.conftest import DATA, RAW

VOCABULARIES = {
    "kind markers": [marker.pattern for marker in load_markers()],
    "layout families": [marker.pattern for marker in family_markers()],
    "outcomes": [row.pattern for row in load_outcome_patterns()],
    "votes": [row.pattern for row in load_vote_patterns()],
    "absence phrases": [phrase.pattern for phrase in load_phrases()],
    "case numbers": [row.pattern for row in load_patterns()],
}
EXAMPLES = [
    *(marker.example for marker in (*load_markers(), *family_markers())),
    *(row.example for row in load_outcome_patterns()),
    *(row.example for row in load_vote_patterns()),
    *(phrase.example for phrase in load_phrases()),
    *(row.example for row in load_patterns()),
]
PAGE_FILES = [*sorted((DATA / "pages").glob("*.txt")), *sorted(RAW.glob("*.txt"))]
PAGES = [path.read_text(encoding="utf-8") for path in PAGE_FILES]


def _texts() -> list[str]:
    """Real pages, the vocabularies' examples, and both again in capitals and with the cases swapped."""
    texts = PAGES + EXAMPLES + ["İNHABİL, ıkke tıl ſtede, AFBUD: Anne Hansen (A)", "SAGSNR.: 2012-28504", ""]
    return texts + [text.upper() for text in texts] + [text.swapcase() for text in texts]


TEXTS = _texts()


@pytest.mark.parametrize("vocabulary", VOCABULARIES)
def test_every_pattern_finds_the_same_matches_with_its_prefilter(vocabulary: str) -> None:
    for pattern in VOCABULARIES[vocabulary]:
        prefiltered = Prefiltered.of(pattern)
        for text in TEXTS:
            folded = fold(text)
            expected = [match.span() for match in pattern.finditer(text)]
            assert [match.span() for match in prefiltered.finditer(text, folded)] == expected, pattern.pattern
            found = prefiltered.search(text, folded)
            assert (found.span() if found else None) == (expected[0] if expected else None), pattern.pattern


@pytest.mark.parametrize(
    ("pattern", "required", "leading"),
    [
        (r"\bgodkend(?:t|te|es)\b", None, ("godkend",)),
        (r"(?i)\bblev (godkendt|vedtaget)\b", ("godkendt", "vedtaget"), ("blev ",)),  # the longer literals
        (r"\bikke\s+(?:godkendt|vedtaget)\b", ("godkendt", "vedtaget"), ("ikke",)),
        (r"(?<!\w)(?:var fraværende|fraværende)(?!\w)", ("fraværende",), ("fraværende", "var fraværende")),
        (r"(?<!\w)(?:fravær|fraværende)(?!\w)", None, ("fravær",)),  # a match that starts "fraværende" starts "fravær"
        (r"(?:er inhabil|inhabil)", ("inhabil",), ("er inhabil", "inhabil")),  # contains: "inhabil" says it all
        (r"^[\s•\-*]*(punkt|pkt\.?)\s*\d+", ("kt",), None),  # the parser takes the common "p" out of the choice
        (r"^Punkt \d+: \S", None, ("punkt ",)),
        (r"STED|Sted", ("ted",), ("s",)),  # "S" taken out of the choice; either case of the rest
        (r"(?:Åben|Lukket)[ \t]+-", None, ("lukket", "åben")),
        (r"\d{2}\.\d{2}", (".",), None),
        (r"x?abc|def", ("abc", "def"), None),  # x? may be missing: nothing to say about how a match starts
        (r"(abc|)def", ("def",), None),  # an empty branch: the choice says nothing, the rest does
        (r"(?:abc)+", None, ("abc",)),
        (r"(?:abc)*", None, None),
        (r"[“”«»]", None, None),
        (r"\d+", None, None),
    ],
)
def test_literals_read_from_the_pattern(
    pattern: str, required: tuple[str, ...] | None, leading: tuple[str, ...] | None
) -> None:
    prefiltered = Prefiltered.of(re.compile(pattern, re.I))
    assert (prefiltered.required, prefiltered.leading) == (required, leading)


def test_a_text_without_the_literal_is_not_searched_and_a_search_starts_at_the_first_one() -> None:
    prefiltered = Prefiltered.of(re.compile(r"\bgodkendt\b", re.I))
    assert prefiltered.first_start(fold("Taget til efterretning.")) is None
    assert prefiltered.first_start(fold("Sagen blev drøftet og GODKENDT.")) == 22


def test_fold_keeps_every_position() -> None:
    assert fold("Økonomiudvalget ÅBEN") == "økonomiudvalget åben"
    assert fold("İNHABİL ıkke ſtede") == "inhabil ikke stede"  # İ lowers to two characters, ı and ſ to themselves
    assert all(len(fold(chr(code))) == 1 for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF)


def test_whatever_a_case_insensitive_literal_matches_folds_to_it() -> None:
    """The guarantee the prefilter rests on, checked over every code point for every character a literal may
    hold: a text a case-insensitive pattern matches holds the pattern's literals once folded."""
    any_safe = re.compile("[" + re.escape("".join(sorted(_SAFE))) + "]", re.I)
    each = {char: re.compile(re.escape(char), re.I) for char in _SAFE}
    wrong = [
        (hex(code), char)
        for code in range(sys.maxunicode + 1)
        if any_safe.fullmatch(other := chr(code))
        for char, pattern in each.items()
        if pattern.fullmatch(other) and fold(other) != char
    ]
    assert wrong == []


@pytest.mark.parametrize("text", ["Meddelelser.....\t3", "Meddelelser . . . . . 3", "Økonomi ...... 12"])
def test_the_rewritten_dot_leader_marker_finds_both_kinds_of_leader(text: str) -> None:
    dot_leader = next(marker for marker in family_markers() if marker.example.startswith("Meddelelser"))
    original = re.compile(r"(\.{4,}|(\s\.){4,})\s*\d+$", re.I | re.M)
    assert dot_leader.pattern.search(text) and original.search(text)


def test_the_dot_leader_marker_matches_where_its_first_form_did() -> None:
    """Rewritten to start with a dot, so that `re` skips ahead to dots; whether it matches is unchanged."""
    dot_leader = next(marker for marker in family_markers() if marker.example.startswith("Meddelelser"))
    original = re.compile(r"(\.{4,}|(\s\.){4,})\s*\d+$", re.I | re.M)
    pieces = [".", " ", "\t", "\n", "3", "a", "\u00a0", ". ", "...."]
    texts = [""]
    for _ in range(5):  # every string of up to five pieces
        texts = [text + piece for text in texts for piece in pieces] + texts
    texts = sorted(set(texts))
    assert [text for text in texts if bool(dot_leader.pattern.search(text)) != bool(original.search(text))] == []
    assert [bool(original.search(text)) for text in PAGES] == [bool(dot_leader.pattern.search(text)) for text in PAGES]


def test_a_pattern_file_row_needs_no_literal_column(tmp_path: Path) -> None:
    """The literals are read from the patterns themselves: a new row is prefiltered without more data."""
    path = tmp_path / "markers.csv"
    path.write_text("signal,weight,pattern,example\nnews,1,(?i)\\bfoto:,Foto: Arkiv\n", encoding="utf-8")
    from referat.extractors.weighted_patterns import load_weighted_patterns

    marker = load_weighted_patterns(path, key="signal", weight="weight")[0]
    assert marker.prefiltered.leading == ("foto:",)
