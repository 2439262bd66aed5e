"""Votes and dissent as printed in decisions: labelled counts with nested party lists, counts in a sentence,
prose positions, the gold votes; statements of position that are not votes; dissent as the losing side of a
vote and as members' reservations."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest

from referat.extractors.language.layout import sentence_spans
from referat.extractors.minutes.votes import (
    VotePattern,
    VotePatternError,
    find_dissent,
    find_votes,
    load_vote_patterns,
)
from referat.models.records import Vote
from tests.conftest import DATA

FLIPPINGBOOK = (
    "For stemte: 15 (A 13 + O (Niels Kelberg og Thomas Palmskov) 2) Imod stemte: 13 (V 7, C 2, B 1, F 1, Ø 1, O"
    " (Githa Nelander) 1) Kirsten Devantier (V) undlod at stemme."
)
RANDERS = "Forslaget blev forkastet med 4 stemmer for og 27 stemmer imod. For stemte Beboerlisten og Velfærdslisten."
KOEBENHAVN = (
    "Forslaget blev vedtaget med 44 stemmer mod 8. 3 medlemmer undlod at stemme.\nFor stemte 44 medlemmer: A, B, F,"
    " Ø og Å.\nImod stemte 8 medlemmer: C og V.\nHverken for eller imod stemte 3 medlemmer: O."
)

VOTES: list[tuple[str, tuple[Vote, ...]]] = [
    (
        FLIPPINGBOOK,
        (
            Vote(
                15,
                13,
                1,
                for_text="A 13 + O (Niels Kelberg og Thomas Palmskov) 2",
                against_text="V 7, C 2, B 1, F 1, Ø 1, O (Githa Nelander) 1",
                abstain_text="Kirsten Devantier (V)",
                text=FLIPPINGBOOK,
            ),
        ),
    ),
    # The decision around the vote is not part of it.
    (
        "Byrådet sender sagen til behandling i Børne- og Skoleudvalget.\n"
        + FLIPPINGBOOK
        + " Bilag Brev til kommunerne",
        (
            Vote(
                15,
                13,
                1,
                for_text="A 13 + O (Niels Kelberg og Thomas Palmskov) 2",
                against_text="V 7, C 2, B 1, F 1, Ø 1, O (Githa Nelander) 1",
                abstain_text="Kirsten Devantier (V)",
                text=FLIPPINGBOOK,
            ),
        ),
    ),
    (RANDERS, (Vote(4, 27, None, for_text="Beboerlisten og Velfærdslisten", text=RANDERS),)),
    (
        "Indstillingen blev vedtaget med 14 stemmer mod 11.",
        (Vote(14, 11, None, text="Indstillingen blev vedtaget med 14 stemmer mod 11."),),
    ),
    ("vedtaget med 14 stemmer mod 11", (Vote(14, 11, None, text="vedtaget med 14 stemmer mod 11"),)),
    (
        "Forslaget blev vedtaget med 20 stemmer for, 5 imod og 2 undlod at stemme",
        (Vote(20, 5, 2, text="Forslaget blev vedtaget med 20 stemmer for, 5 imod og 2 undlod at stemme"),),
    ),
    (
        "Forslaget blev vedtaget med 14 mod 11 stemmer.",
        (Vote(14, 11, None, text="Forslaget blev vedtaget med 14 mod 11 stemmer."),),
    ),
    (
        "Forslaget blev vedtaget med fem stemmer mod to.",
        (Vote(5, 2, None, text="Forslaget blev vedtaget med fem stemmer mod to."),),
    ),
    (
        "Forslaget blev vedtaget med 14 stemmer (A, F, Ø) mod 11 (V, C, O).",
        (
            Vote(
                14,
                11,
                None,
                for_text="A, F, Ø",
                against_text="V, C, O",
                text="Forslaget blev vedtaget med 14 stemmer (A, F, Ø) mod 11 (V, C, O).",
            ),
        ),
    ),
    (
        "Godkendt med 6 stemmer for (A, V, O) og 1 imod (Ø).",
        (
            Vote(
                6,
                1,
                None,
                for_text="A, V, O",
                against_text="Ø",
                text="Godkendt med 6 stemmer for (A, V, O) og 1 imod (Ø).",
            ),
        ),
    ),
    ("Afstemning: 3 stemte for, 2 stemte imod.", (Vote(3, 2, None, text="Afstemning: 3 stemte for, 2 stemte imod."),)),
    (
        KOEBENHAVN,
        (
            Vote(
                44,
                8,
                3,
                for_text="A, B, F, Ø og Å",
                against_text="C og V",
                abstain_text="O",
                text=" ".join(KOEBENHAVN.split()),
            ),
        ),
    ),
    (
        "For stemte 7 (A, F og Ø), imod stemte 2 (V).",
        (
            Vote(
                7, 2, None, for_text="A, F og Ø", against_text="V", text="For stemte 7 (A, F og Ø), imod stemte 2 (V)."
            ),
        ),
    ),
    ("Anbefales. Undlod at stemme: 1 (O)", (Vote(None, None, 1, abstain_text="O", text="Undlod at stemme: 1 (O)"),)),
    # Nested groups go as deep as printed.
    (
        "For stemte: 15 (A 13 + O (Niels (NK) Kelberg) 2)",
        (
            Vote(
                15,
                None,
                None,
                for_text="A 13 + O (Niels (NK) Kelberg) 2",
                text="For stemte: 15 (A 13 + O (Niels (NK) Kelberg) 2)",
            ),
        ),
    ),
    # Two votes: an amendment and then the recommendation.
    (
        "Ændringsforslaget blev forkastet med 5 stemmer for og 22 imod. Indstillingen blev vedtaget med 22 stemmer for"
        " og 5 imod.",
        (
            Vote(5, 22, None, text="Ændringsforslaget blev forkastet med 5 stemmer for og 22 imod."),
            Vote(22, 5, None, text="Indstillingen blev vedtaget med 22 stemmer for og 5 imod."),
        ),
    ),
    # Prose positions: named people are counted, parties are not.
    ("Godkendt. Ø stemte imod.", (Vote(None, None, None, against_text="Ø", text="Ø stemte imod."),)),
    (
        "Kirsten Devantier (V) og Ole Hansen (C) undlod at stemme.",
        (
            Vote(
                None,
                None,
                2,
                abstain_text="Kirsten Devantier (V) og Ole Hansen (C)",
                text="Kirsten Devantier (V) og Ole Hansen (C) undlod at stemme.",
            ),
        ),
    ),
    (
        "Imod stemte Kim Hammer (O) og Jens Jensen (V).",
        (
            Vote(
                None,
                2,
                None,
                against_text="Kim Hammer (O) og Jens Jensen (V)",
                text="Imod stemte Kim Hammer (O) og Jens Jensen (V).",
            ),
        ),
    ),
    (
        "A, V og C stemte for, mens Ø stemte imod.",
        (
            Vote(
                None,
                None,
                None,
                for_text="A, V og C",
                against_text="Ø",
                text="A, V og C stemte for, mens Ø stemte imod.",
            ),
        ),
    ),
    (
        "Der var stemmelighed, 5 for og 5 imod, og forslaget bortfaldt.",
        (Vote(5, 5, None, text="Der var stemmelighed, 5 for og 5 imod, og forslaget bortfaldt."),),
    ),
]


@pytest.mark.parametrize(("text", "votes"), VOTES, ids=[text[:40] for text, _ in VOTES])
def test_votes_as_printed(text: str, votes: tuple[Vote, ...]) -> None:
    assert find_votes(text) == votes


NOT_VOTES = [
    # Positions without a vote (Stevns): recommendations and reservations by named groups are dissent, not votes.
    "Ad. 1\n\n5 medlemmer (A+V+C) anbefaler forslaget.\n\n2 medlemmer (N+Ø) tager forbehold frem til behandlingen"
    " i KB.\n\nAd. 2\n\nAnbefales.",
    "3 medlemmer (A+V) anbefaler indstillingen.\n\n2 medlemmer (O+Ø) afventer stillingtagen indtil KB-behandlingen.",
    "Enstemmigt vedtaget.",
    "Lokalplan 145 vedtages. Bevilling på 2 mio. kr. for 2020 og 3 for 2021.",
    "Besluttet at behandlingen af punktet Ændring af lørdagsmodtagelsen udsættes til mødet den 17. august",
    "Bo Jul Nielsen erklærede sig inhabil og ønskede sin habilitet afprøvet vedr. pkt. 196, 197 og 198.",
    "Forslaget blev forkastet. Sagerne 2 og 19-21 blev behandlet sammen.",
    "Der afsættes et budget på 70.000 til deltagelsesgebyr på ca. 15.000 kr. for 21 dage.",
    "",
]


@pytest.mark.parametrize("text", NOT_VOTES, ids=[text[:40] for text in NOT_VOTES])
def test_no_vote_where_none_was_taken(text: str) -> None:
    assert find_votes(text) == ()


# --- gold --------------------------------------------------------------------------------------------------


def _gold_with_votes() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for gold in sorted((DATA / "gold" / "structure").glob("*.json")):
        for item in json.loads(gold.read_text(encoding="utf-8"))["items"]:
            if "votes" in item or "dissent" in item:
                found.append((gold.name.removesuffix(".json"), item))
    return found


GOLD_VOTES = _gold_with_votes()


def test_the_gold_has_votes_to_check() -> None:
    assert {name for name, _ in GOLD_VOTES} == {
        "flippingbook_byraadet_2016-02-23_votes.txt",
        "randers_byraadet_2015-01-12_punkt21.txt",
    }


@pytest.mark.parametrize(("name", "item"), GOLD_VOTES, ids=[name for name, _ in GOLD_VOTES])
def test_gold_votes_and_dissent_from_the_whole_page(name: str, item: dict[str, Any]) -> None:
    page = (DATA / "pages" / name).read_text(encoding="utf-8")
    votes = find_votes(page)
    assert len(votes) == 1
    vote = votes[0]
    expected = item["votes"]
    assert (vote.votes_for, vote.votes_against, vote.abstentions) == (
        expected.get("for"),
        expected.get("against"),
        expected.get("abstain"),
    )
    assert find_dissent(page) == " ".join(dissent["text"] for dissent in item["dissent"])
    losing_side = vote.against_text if vote.votes_for > vote.votes_against else vote.for_text  # type: ignore[operator]
    assert [dissent["who"] for dissent in item["dissent"]] == [losing_side]


# --- dissent -----------------------------------------------------------------------------------------------

DISSENT = [
    (FLIPPINGBOOK, "Imod stemte: 13 (V 7, C 2, B 1, F 1, Ø 1, O (Githa Nelander) 1)"),
    (RANDERS, "For stemte Beboerlisten og Velfærdslisten."),
    (KOEBENHAVN, "Imod stemte 8 medlemmer: C og V."),
    ("Forslaget faldt med 10 stemmer mod 15. For stemte V og C.", "For stemte V og C."),
    ("Forslaget blev forkastet. For stemte: Ø og F.", "For stemte: Ø og F."),
    # Stevns, the committee chain of item 302.
    (
        "Ad. 1\n\n5 medlemmer (A+V+C) anbefaler forslaget.\n\n2 medlemmer (N+Ø) tager forbehold frem til behandlingen"
        " i KB.\n\n \n\nAd. 2\n\nAnbefales.",
        "2 medlemmer (N+Ø) tager forbehold frem til behandlingen i KB.",
    ),
    (
        "1. Et flertal bestående af Mikkel Lundemann Rasmussen (C)) Jacob Panton-Kristiansen (V), Thomas Overgaard"
        " (A), Line Krogh Lay (R) anbefaler indstillingen med følgende kommentar: Der tilføjes en formulering under"
        " ”ambitioner” vedrørende:” I Stevns kommune tager det lokale erhvervsliv et socialt medansvar.”\n      Sejer"
        " Folke (Ø) tager forbehold indtil KBs behandling.\n       \n    2. Anbefales.",
        "Sejer Folke (Ø) tager forbehold indtil KBs behandling.",
    ),
    (
        "3 medlemmer (A+V) anbefaler indstillingen.\n\n2 medlemmer (O+Ø) afventer stillingtagen indtil"
        " KB-behandlingen.",
        "2 medlemmer (O+Ø) afventer stillingtagen indtil KB-behandlingen.",
    ),
    # Collapsed, as the item parser hands it on, and with two reservations.
    (
        "Ad. 1 5 medlemmer (A+V+C) anbefaler forslaget. 2 medlemmer (N+Ø) tager forbehold frem til behandlingen i KB."
        " Ad. 2 Anbefales. Sejer Folke (Ø) tager forbehold indtil KBs behandling.",
        "2 medlemmer (N+Ø) tager forbehold frem til behandlingen i KB. Sejer Folke (Ø) tager forbehold indtil KBs"
        " behandling.",
    ),
    ("Godkendt, idet Kim Hammer (O) stemte imod.", "Godkendt, idet Kim Hammer (O) stemte imod."),
    ("A, V og C stemte for, mens Ø stemte imod.", "Ø stemte imod."),
    ("Anbefales. Ø kunne ikke tiltræde indstillingen.", "Ø kunne ikke tiltræde indstillingen."),
    (
        "Et flertal anbefaler indstillingen, mens Ø ikke kan tiltræde.",
        "Et flertal anbefaler indstillingen, mens Ø ikke kan tiltræde.",
    ),
    ("Godkendt. Et mindretal (V) ønskede sagen udsat.", "Et mindretal (V) ønskede sagen udsat."),
    ("Godkendt. Ø ønskede sin stemme ført til protokols.", "Ø ønskede sin stemme ført til protokols."),
    ("Godkendt. Venstre var imod forslaget.", "Venstre var imod forslaget."),
    # No dissent: a whole body's refusal, a majority, an abstention, a unanimous or counted-only vote.
    ("Udvalget kunne ikke tiltræde indstillingen.", None),
    ("Børne- og Skoleudvalget kan ikke anbefale forslaget.", None),
    ("Et flertal (A, V) var imod forslaget.", None),
    ("Kirsten Devantier (V) undlod at stemme.", None),
    ("Byrådet stemte imod forslaget fra V.", None),
    ("Indstillingen blev vedtaget med 14 stemmer mod 11.", None),
    ("Godkendt.", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "dissent"), DISSENT, ids=[text[:40] or "empty" for text, _ in DISSENT])
def test_dissent_as_printed(text: str, dissent: str | None) -> None:
    assert find_dissent(text) == dissent


def test_find_dissent_is_also_offered_with_the_outcome() -> None:
    from referat.extractors.minutes import outcomes

    assert outcomes.find_dissent(RANDERS) == "For stemte Beboerlisten og Velfærdslisten."


@pytest.mark.parametrize(
    "text",
    [RANDERS, *(text for text, _ in VOTES), *NOT_VOTES, *(text for text, _ in DISSENT)],
    ids=lambda text: text[:40] or "empty",
)
def test_a_decision_read_at_once_has_the_outcome_dissent_and_votes_read_one_by_one(text: str) -> None:
    """The item parser reads each decision with `read_decision`: it lays the text out once for all three."""
    from referat.extractors.minutes import outcomes

    assert outcomes.read_decision(text) == (outcomes.classify_outcome(text), find_dissent(text), find_votes(text))


# --- the vocabulary ----------------------------------------------------------------------------------------

PATTERNS = load_vote_patterns()


@pytest.mark.parametrize("row", PATTERNS, ids=[f"{row.role}:{row.example[:40]}" for row in PATTERNS])
def test_every_vocabulary_row_does_what_its_example_shows(row: VotePattern) -> None:
    assert row.pattern.search(row.example), f"{row.pattern.pattern} does not match {row.example!r}"
    if row.side is not None:
        votes = find_votes(row.example)
        assert len(votes) == 1
        who = {"for": votes[0].for_text, "against": votes[0].against_text, "abstain": votes[0].abstain_text}
        assert who[row.side], f"{row.example!r} should say who voted {row.side}"
    elif row.role == "dissent":
        assert find_dissent(row.example) == row.example
    elif row.role == "body_subject":
        assert find_dissent(f"{row.example} kunne ikke tiltræde indstillingen.") is None
    else:
        assert find_dissent(f"{row.example} For stemte: A og B.") == "For stemte: A og B."


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("dissent,\\btager\\s+forbehold\\b,Ø tager forbehold.", None),
        ("protest,\\btager\\s+forbehold\\b,Ø tager forbehold.", "unknown role 'protest'"),
        ("dissent,(tager,Ø tager forbehold.", "does not compile"),
        ("dissent,,Ø tager forbehold.", "empty pattern"),
    ],
)
def test_a_broken_vocabulary_row_is_named_with_its_fix(tmp_path: Path, row: str, message: str | None) -> None:
    path = tmp_path / "vote_patterns.csv"
    path.write_text("role,pattern,example\n" + row + "\n", encoding="utf-8")
    if message is None:
        assert load_vote_patterns(path)[0].role == "dissent"
        return
    with pytest.raises(VotePatternError, match=re.escape(message)):
        load_vote_patterns(path)


# --- sentences ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Anne V. Kristensen deltog. Godkendt.", ["Anne V. Kristensen deltog.", "Godkendt."]),
        ("Jf. pkt. 65 og bl.a. § 3. Godkendt.", ["Jf. pkt. 65 og bl.a. § 3.", "Godkendt."]),
        (
            "Udsat til den 17. august 2006. Udvalget godkendte.",
            ["Udsat til den 17. august 2006.", "Udvalget godkendte."],
        ),
        (
            "Forkastet med 3 stemmer mod 24. Indstillingen blev vedtaget.",
            ["Forkastet med 3 stemmer mod 24.", "Indstillingen blev vedtaget."],
        ),
        ("Udvalget var enige i dette. 1. Godkendt", ["Udvalget var enige i dette.", "1. Godkendt"]),
        (
            "Beslutning\n\nGodkendt\nTonny Nalepa Jensen fraværende",
            ["Beslutning", "Godkendt\nTonny Nalepa Jensen fraværende"],
        ),
        (
            "medansvar.”\n  Sejer Folke (Ø) tager forbehold.\n  2. Anbefales.",
            ["medansvar.”", "Sejer Folke (Ø) tager forbehold.", "2. Anbefales."],
        ),
        ("  ", []),
    ],
)
def test_sentences(text: str, sentences: list[str]) -> None:
    assert [text[start:end] for start, end in sentence_spans(text)] == sentences


# --- linear time -------------------------------------------------------------------------------------------

PATHOLOGICAL = {
    "open parentheses": "(",
    "labels in parentheses": "For stemte: 15 (A ",
    "counts": "med 14 stemmer mod 11 ",
    "prose votes": "Jens Hansen undlod at stemme ",
    "dissent": "Ø tager forbehold ",
    "names": "Anne Bente Carl Dorthe ",
    "numbers": "7 ",
}


@pytest.mark.parametrize("unit", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
@pytest.mark.timing
def test_votes_and_dissent_in_linear_time(unit: str) -> None:
    def seconds(size: int) -> float:
        text = (unit * (size // len(unit) + 1))[:size] + " stemte imod."
        started = time.perf_counter()
        find_votes(text)
        find_dissent(text)
        return time.perf_counter() - started

    # The best of two runs of each size: a busy machine slows one run, not the best of two.
    small, large = min(seconds(50_000) for _ in range(2)), min(seconds(200_000) for _ in range(2))
    assert large < 3.0  # generous: catastrophic backtracking takes minutes, not seconds
    assert large < 8 * max(small, 0.01)
