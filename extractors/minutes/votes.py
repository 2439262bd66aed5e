"""Votes (afstemninger) and dissent (mindretal, forbehold) in the text of one decision (Beslutning).

`find_votes(text)` reads each vote as printed into a `Vote`: counts for, against and abstaining, who voted
each way, and the vote's own text. It reads labelled results ("For stemte: 15 (A 13 + O (Niels Kelberg og
Thomas Palmskov) 2) Imod stemte: 13 (...)"), counts in a sentence ("vedtaget med 14 stemmer mod 11",
"forkastet med 4 stemmer for og 27 stemmer imod", "med 20 stemmer for, 5 imod og 2 undlod at stemme") and
prose positions ("Kirsten Devantier (V) undlod at stemme", "Ø stemte imod"). Parts that follow each other
make one vote. Positions without a vote ("5 medlemmer (A+V+C) anbefaler forslaget. 2 medlemmer (N+Ø) tager
forbehold") are not votes: they are dissent.

`find_dissent(text)` returns the dissent as printed: the losing side of a vote ("Imod stemte: 13 (...)" when
the proposal passed; "For stemte Beboerlisten og Velfærdslisten." when it fell) and sentences where members
reserve or oppose ("tager forbehold", "kunne ikke tiltræde", "afventer stillingtagen", "Et mindretal ...").
Abstentions are not dissent, and neither is a whole body's refusal ("Udvalget kunne ikke tiltræde ...").

The vocabulary (vote labels, prose vote verbs, dissent markers, names of whole bodies, words of rejection)
is data, `data/vote_patterns.csv`; the grammar of counts, the sentence splitter and the grouping are code.
Both this module and `outcomes` read a decision through `extractors.language.layout.TextLayout` (sentences,
clauses, paragraphs), so both read it the same way. Every pattern is linear in the text's length.
"""

from __future__ import annotations

import bisect
import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Literal, cast, get_args

from referat.extractors.language.layout import TextLayout, pick_non_overlapping
from referat.extractors.language.normalise import collapse, unify_spacing
from referat.extractors.prefilter import Prefiltered
from referat.models.records import Vote

VOTE_PATTERNS_FILE = Path(__file__).resolve().parent.parent / "data" / "vote_patterns.csv"

Side = Literal["for", "against", "abstain"]
VoteRole = Literal[
    "for_label",
    "against_label",
    "abstain_label",
    "for_prose",
    "against_prose",
    "abstain_prose",
    "dissent",
    "body_subject",
    "rejection_cue",
]
VOTE_ROLES: tuple[VoteRole, ...] = get_args(VoteRole)
SIDES: tuple[Side, ...] = ("for", "against", "abstain")


class VotePatternError(ValueError):
    """A row of the vote vocabulary that cannot be used; the message names the row and the fix."""


@dataclass(frozen=True)
class VotePattern:
    """One row of `vote_patterns.csv`: what the pattern marks (`role`) and an example it must match."""

    role: VoteRole
    pattern: re.Pattern[str]
    example: str

    @cached_property
    def prefiltered(self) -> Prefiltered:
        """The pattern with the literal text it needs, to skip decisions that cannot match."""
        return Prefiltered.of(self.pattern)

    @property
    def side(self) -> Side | None:
        prefix = self.role.split("_")[0]
        return prefix if prefix in SIDES else None


@cache
def load_vote_patterns(path: Path = VOTE_PATTERNS_FILE) -> tuple[VotePattern, ...]:
    """The vote vocabulary, compiled once (case-insensitive)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    patterns = []
    for number, row in enumerate(rows, start=1):
        role = (row.get("role") or "").strip()
        if role not in VOTE_ROLES:
            raise VotePatternError(f"{path}, row {number}: unknown role {role!r}; use one of {', '.join(VOTE_ROLES)}")
        try:
            compiled = re.compile(row.get("pattern") or "", re.IGNORECASE)
        except re.error as error:
            raise VotePatternError(
                f"{path}, row {number}: pattern {row.get('pattern')!r} does not compile ({error}); fix the regex"
            ) from error
        if not compiled.pattern:
            raise VotePatternError(f"{path}, row {number}: empty pattern; write one or delete the row")
        patterns.append(VotePattern(cast(VoteRole, role), compiled, row.get("example") or ""))
    return tuple(patterns)


@cache
def _patterns(role_suffix: str) -> tuple[VotePattern, ...]:
    return tuple(pattern for pattern in load_vote_patterns() if pattern.role.endswith(role_suffix))


# ---------------------------------------------------------------------------------------------------------
# Votes.

_NUMBER_WORDS = {
    "nul": 0,
    "en": 1,
    "et": 1,
    "én": 1,
    "to": 2,
    "tre": 3,
    "fire": 4,
    "fem": 5,
    "seks": 6,
    "syv": 7,
    "otte": 8,
    "ni": 9,
    "ti": 10,
    "elleve": 11,
    "tolv": 12,
    "tretten": 13,
    "fjorten": 14,
    "femten": 15,
    "seksten": 16,
    "sytten": 17,
    "atten": 18,
    "nitten": 19,
    "tyve": 20,
}
_WORDS = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_NUMBER = re.compile(r"(?<![\w.,/§-])(?P<n>\d{1,3}|" + _WORDS + r")(?![\w/%-])(?![.,]\d)", re.IGNORECASE)
# After a label: "For stemte: 15", "For stemte 44 medlemmer:", "Imod stemte" with no count. "en"/"et" count
# only before a unit ("For stemte et medlem"), not as articles ("For stemte et flertal").
_LABEL_COUNT = re.compile(
    r"[ \t]*:?\s*(?:(?P<n>\d{1,3}(?![\d.,]\d)|(?:"
    + "|".join(w for w in _NUMBER_WORDS if w not in ("en", "et", "én"))
    + r")\b|(?:en|et|én)(?=\s+(?:medlem|stemme)))(?:\s+(?:stemmer|stemme|medlemmer|medlem))?\b)?[ \t]*:?[ \t]*",
    re.IGNORECASE,
)
_UNIT = re.compile(r"\s+(?:stemmer|stemme|medlemmer|medlem|mandater)\b", re.IGNORECASE)
_SIDE = re.compile(
    r"\s*(?:(?P<abstain>undlod|undlader|hverken\s+for\s+eller\s+imod|stemte\s+blankt|stemte\s+hverken|blanke?)\b"
    r"|stemte\s+(?:(?P<sfor>for)|(?P<sagainst>imod))\b"
    r"|(?P<for>for)\b(?!\s+(?:at|eller|så|\d))"
    r"|(?P<against>imod)\b"
    r"|(?P<versus>mod)\b)",
    re.IGNORECASE,
)
_AT_STEMME = re.compile(r"\s+at\s+stemme\b", re.IGNORECASE)
_MOD_BEFORE = re.compile(r"\bmod\s+$", re.IGNORECASE)
_VOTE_CUE = re.compile(r"stem(?:m|t)|afstemning", re.IGNORECASE)
_SIDE_OF: dict[str, Side] = {
    "for": "for",
    "sfor": "for",
    "versus": "for",
    "against": "against",
    "sagainst": "against",
    "abstain": "abstain",
}
_SPACES = re.compile(r"[ \t]*")
# Words allowed inside the subject of a prose vote, beside names, party letters and numbers.
_SUBJECT_WORDS = frozenset(
    {
        "og",
        "samt",
        "af",
        "bestående",
        "mindretal",
        "mindretallet",
        "medlemmer",
        "medlem",
        "medlemmerne",
        "von",
        "van",
        "de",
        "la",
        "le",
        "&",
        "+",
        ",",
    }
)
_SUBJECT_LEAD = frozenset({"og", "samt", ",", "+", "&"})
_SUBJECT_TOKEN = re.compile(r"\([^()]*\)|[^\s,()+]+|[,+]")
_CONJUNCTION = re.compile(r"(?:og|men|mens|medens|idet|hvorimod|samt|da)\s+", re.IGNORECASE)
_LIST_SPLIT = re.compile(r",|\+|&|\bog\b|\bsamt\b", re.IGNORECASE)
# How much non-space text may stand between two parts of one vote.
_MAX_GAP = 150
# The longest subject of a dissent phrase, and how far a vote's text reaches around its words.
_MAX_SUBJECT = 200
_MAX_CONTEXT = 400
# The longest parenthesised list of who voted how ("(V 7, C 2, B 1, F 1, Ø 1, O (Githa Nelander) 1)").
_MAX_GROUP = 600


@dataclass(frozen=True)
class VoteElement:
    """One part of a vote: a labelled side, a count in a sentence, or a prose position.

    `start`/`end` is the text the part contributes to the vote as printed (a count's whole sentence);
    `anchor` is the part's own words (label and body, number and side word, subject and verb).
    """

    side: Side
    kind: Literal["label", "count", "prose"]
    count: int | None
    who: tuple[int, int] | None
    start: int
    end: int
    anchor: tuple[int, int]
    sentence: int


@dataclass(frozen=True)
class FoundVote:
    """A vote with where it stands in the normalised text and the parts it was read from."""

    vote: Vote
    start: int
    end: int
    elements: tuple[VoteElement, ...]


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.casefold()]


def _after_group(layout: TextLayout, position: int) -> tuple[tuple[int, int] | None, int]:
    """A parenthesised group right after `position` (spaces allowed): its inside and the position after it."""
    space = _SPACES.match(layout.text, position)
    start = space.end() if space else position
    close = layout.closing.get(start)
    if close is not None and close - start <= _MAX_GROUP:
        return (start + 1, close), close + 1
    return None, position


def _trim(text: str, start: int, end: int, strip: str = " \t\n.,;:") -> tuple[int, int] | None:
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return (start, end) if start < end else None


def _full_stop_after(text: str, end: int) -> int:
    return end + 1 if text.startswith(".", end) else end


def _sided_matches(layout: TextLayout, role_suffix: str) -> list[tuple[int, int, Side]]:
    """Matches of the label or prose patterns with the side each stands for, longest first where they overlap."""
    found = [
        (match.start(), match.end(), side)
        for pattern in _patterns(role_suffix)
        if (side := pattern.side) is not None
        for match in layout.finditer(pattern.prefiltered)
    ]
    found.sort(key=lambda item: (item[0] - item[1], item[0]))
    kept = pick_non_overlapping([(start, end) for start, end, _ in found], len(layout.text))
    return sorted((found[index] for index in kept), key=lambda item: item[0])


def _label_elements(layout: TextLayout, stops: Sequence[int]) -> list[VoteElement]:
    text = layout.text
    kept = _sided_matches(layout, "_label")
    label_starts = [start for start, _, _ in kept]
    elements = []
    for start, label_end, side in kept:
        count_match = _LABEL_COUNT.match(text, label_end)
        count = _number(count_match.group("n")) if count_match and count_match.group("n") else None
        position = count_match.end() if count_match else label_end
        who, after = _after_group(layout, position)
        if who is not None:
            end = after
        else:
            sentence_end = layout.sentence_at(position)[1]
            limit = min(sentence_end if sentence_end > position else len(text), position + 300)
            for following in (label_starts, stops):
                index = bisect.bisect_right(following, position)
                if index < len(following):
                    limit = min(limit, following[index])
            who = _trim(text, position, limit)
            end = who[1] if who else position
        end = _full_stop_after(text, end)
        elements.append(VoteElement(side, "label", count, who, start, end, (start, end), layout.sentence_index(start)))
    return elements


def _count_elements(layout: TextLayout, taken: bytearray) -> list[VoteElement]:
    text = layout.text
    by_sentence: dict[int, list[VoteElement]] = {}
    for match in _NUMBER.finditer(text):
        if taken[match.start()]:
            continue
        sentence_start, sentence_end = layout.sentence_at(match.start())
        position = match.end()
        unit = _UNIT.match(text, position)
        if unit:
            position = unit.end()
        who, position = _after_group(layout, position)
        side: Side
        before = text[max(sentence_start, match.start() - 8) : match.start()]
        if _MOD_BEFORE.search(before):
            side = "against"
        else:
            side_match = _SIDE.match(text, position)
            if side_match is None:
                continue
            kind = side_match.lastgroup or ""
            side = _SIDE_OF[kind]
            position = side_match.end()
            if kind == "abstain":
                at_stemme = _AT_STEMME.match(text, position)
                position = at_stemme.end() if at_stemme else position
        if who is None:
            who, position = _after_group(layout, position)
        index = layout.sentence_index(match.start())
        # The vote's text is the count's sentence; a "sentence" longer than that is unpunctuated text.
        start = max(min(sentence_start, match.start()), match.start() - _MAX_CONTEXT)
        end = min(max(position, sentence_end), position + _MAX_CONTEXT)
        by_sentence.setdefault(index, []).append(
            VoteElement(side, "count", _number(match.group("n")), who, start, end, (match.start(), position), index)
        )
    elements = []
    for index, found in by_sentence.items():
        start, end = layout.sentences[index]
        sides = {element.side for element in found}
        if _VOTE_CUE.search(text, start, end) or {"for", "against"} <= sides:
            elements.extend(found)
    return elements


def _subject(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The name-like end of the text before a prose vote verb: "Kirsten Devantier (V)", "Et mindretal (Ø)"."""
    start = max(start, end - 200)
    tokens = [(match.start(), match.end()) for match in _SUBJECT_TOKEN.finditer(text, start, end)]
    first = len(tokens)
    while first > 0:
        token_start, token_end = tokens[first - 1]
        token = text[token_start:token_end]
        if not (token[0].isupper() or token[0].isdigit() or token[0] == "(" or token.casefold() in _SUBJECT_WORDS):
            break
        first -= 1
    while first < len(tokens) and text[tokens[first][0] : tokens[first][1]].casefold() in _SUBJECT_LEAD:
        first += 1
    if first >= len(tokens):
        return None
    return tokens[first][0], tokens[-1][1]


def _prose_elements(layout: TextLayout, taken: bytearray, before: Sequence[VoteElement]) -> list[VoteElement]:
    text = layout.text
    verbs = _sided_matches(layout, "_prose")
    # First the anchors (subject and verb), each subject stopping at the words of the part before it ...
    anchor_ends = sorted(element.anchor[1] for element in before)
    anchors: list[tuple[int, int, Side, tuple[int, int] | None]] = []
    for verb_start, verb_end, side in verbs:
        if taken.find(1, verb_start, verb_end) != -1:
            continue
        boundary = max(layout.sentence_at(verb_start)[0], layout.clause_at(verb_start)[0])
        index = bisect.bisect_right(anchor_ends, verb_start)
        if index:
            boundary = max(boundary, anchor_ends[index - 1])
        if anchors:
            boundary = max(boundary, anchors[-1][1])
        who = _subject(text, boundary, verb_start)
        anchors.append((who[0] if who else verb_start, verb_end, side, who))
    # ... then the text of each: from the part before it (or its sentence's start) to the part after it.
    all_starts = sorted([element.anchor[0] for element in before] + [anchor[0] for anchor in anchors])
    all_ends = sorted([element.anchor[1] for element in before] + [anchor[1] for anchor in anchors])
    elements = []
    for anchor_start, anchor_end, side, who in anchors:
        sentence_start, sentence_end = layout.sentence_at(anchor_end - 1)
        index = bisect.bisect_right(all_ends, anchor_start)
        start = max(sentence_start, all_ends[index - 1] if index else sentence_start, anchor_start - _MAX_CONTEXT)
        end = min(max(sentence_end, anchor_end), anchor_end + _MAX_CONTEXT)
        following = bisect.bisect_left(all_starts, anchor_end)
        if following < len(all_starts):
            end = min(end, all_starts[following])
        span = _trim(text, start, max(end, anchor_end), " \t\n,;")
        start, end = span if span else (anchor_start, anchor_end)
        if start > sentence_start:
            lead = _CONJUNCTION.match(text, start, anchor_start)
            start = lead.end() if lead else start
        elements.append(
            VoteElement(
                side, "prose", None, who, start, end, (anchor_start, anchor_end), layout.sentence_index(anchor_start)
            )
        )
    return elements


def _count_people(who: str) -> int | None:
    """How many people a list of names holds ("Kirsten Devantier (V)" -> 1); None when it names parties."""
    masked = re.sub(r"\([^()]*\)", lambda match: "_" * len(match.group()), who)
    parts, start = [], 0
    for match in _LIST_SPLIT.finditer(masked):
        parts.append(who[start : match.start()])
        start = match.end()
    parts.append(who[start:])
    names = [re.sub(r"\([^()]*\)", "", part).split() for part in parts]
    if not names or any(len(words) < 2 or len(words) > 6 for words in names):
        return None
    particles = {"von", "van", "de", "la", "le", "af", "du"}
    for words in names:
        if not all(word[0].isupper() or word in particles for word in words) or any(len(word) == 1 for word in words):
            return None
    return len(names)


class _VoteBuilder:
    """The parts of one vote being read; a part that would say a side twice starts the next vote."""

    def __init__(self) -> None:
        self.elements: list[VoteElement] = []
        self.end = 0
        self.counts: dict[Side, int | None] = {side: None for side in SIDES}
        self.named: set[Side] = set()
        self.counted: set[Side] = set()

    def conflicts(self, element: VoteElement) -> bool:
        known = self.counts[element.side]
        return (
            (element.kind == "count" and element.side in self.counted)
            or (element.who is not None and element.side in self.named)
            or (element.count is not None and known is not None and known != element.count)
        )

    def add(self, element: VoteElement) -> None:
        self.elements.append(element)
        self.end = max(self.end, element.end)
        if element.count is not None and self.counts[element.side] is None:
            self.counts[element.side] = element.count
        if element.who is not None:
            self.named.add(element.side)
        if element.kind == "count":
            self.counted.add(element.side)

    def build(self, text: str) -> FoundVote:
        counts = dict(self.counts)
        who: dict[Side, str | None] = {side: None for side in SIDES}
        for element in self.elements:
            if who[element.side] is None and element.who is not None:
                who[element.side] = collapse(text[element.who[0] : element.who[1]]) or None
        for side in SIDES:
            named = who[side]
            if counts[side] is None and named is not None:
                counts[side] = _count_people(named)
        start = min(element.start for element in self.elements)
        vote = Vote(
            votes_for=counts["for"],
            votes_against=counts["against"],
            abstentions=counts["abstain"],
            for_text=who["for"],
            against_text=who["against"],
            abstain_text=who["abstain"],
            text=collapse(text[start : self.end]),
        )
        return FoundVote(vote, start, self.end, tuple(self.elements))


def locate_votes(layout: TextLayout) -> tuple[FoundVote, ...]:
    """The votes in a normalised text, with their places and parts, in the order they are printed."""
    text = layout.text
    prose_starts = sorted(
        match.start() for pattern in _patterns("_prose") for match in layout.finditer(pattern.prefiltered)
    )
    labels = _label_elements(layout, prose_starts)
    taken = bytearray(len(text) + 1)
    for element in labels:
        taken[element.start : element.end] = b"\x01" * (element.end - element.start)
    counts = _count_elements(layout, taken)
    counted = bytearray(taken)
    for element in counts:
        start, end = element.anchor
        counted[start:end] = b"\x01" * (end - start)
    prose = _prose_elements(layout, counted, labels + counts)
    elements = sorted(labels + counts + prose, key=lambda element: (element.start, element.end))
    votes: list[FoundVote] = []
    builder = _VoteBuilder()
    for element in elements:
        if builder.elements:
            gap = text[builder.end : element.start] if element.start > builder.end else ""
            if len("".join(gap.split())) > _MAX_GAP or builder.conflicts(element):
                votes.append(builder.build(text))
                builder = _VoteBuilder()
        builder.add(element)
    if builder.elements:
        votes.append(builder.build(text))
    return tuple(votes)


def find_votes(text: str) -> tuple[Vote, ...]:
    """The votes printed in a decision's text, in order (an empty tuple when it records none)."""
    return tuple(found.vote for found in locate_votes(TextLayout.of(unify_spacing(text))))


# ---------------------------------------------------------------------------------------------------------
# Dissent.


def _is_whole_body(subject: str) -> bool:
    """Whether the subject of a dissent phrase is a whole body or a majority ("Udvalget", "Et flertal")."""
    subject = collapse(re.sub(r"^\s*(?:ad\.?\s*)?\d{1,2}[.)]?\s+", "", subject, flags=re.IGNORECASE))
    return any(pattern.pattern.search(subject) for pattern in _patterns("body_subject"))


def _rejection_cues(layout: TextLayout) -> list[int]:
    """Where the text says a proposal fell ("Forslaget blev forkastet"), found once per text."""
    cues = _patterns("rejection_cue")
    return sorted(match.start() for pattern in cues for match in layout.finditer(pattern.prefiltered))


def losing_side(layout: TextLayout, found: FoundVote, cues: Sequence[int] | None = None) -> Side:
    """The side that lost: the smaller count (a tie fails, as a tied proposal falls); else from the wording.

    Without both counts, the vote's sentence (or the one before it) decides: "forkastet", "ikke vedtaget" ...
    mean that those for lost; otherwise those against did.
    """
    votes_for, against = found.vote.votes_for, found.vote.votes_against
    if votes_for is not None and against is not None:
        return "for" if votes_for <= against else "against"
    cues = _rejection_cues(layout) if cues is None else cues
    index = layout.sentence_index(found.start)
    start = max(layout.sentences[index - 1][0] if index else 0, found.start - _MAX_CONTEXT)
    end = min(found.end, found.start + 2 * _MAX_CONTEXT)
    first = bisect.bisect_left(cues, start)
    return "for" if first < len(cues) and cues[first] < end else "against"


def _dissent_phrases(layout: TextLayout) -> Iterable[tuple[int, int, int]]:
    """(match start, clause start, clause end) of dissent phrases whose subject is not the whole body."""
    text = layout.text
    for pattern in _patterns("dissent"):
        for match in layout.finditer(pattern.prefiltered):
            clause_start, clause_end = layout.clause_at(match.start())
            # A subject longer than this is running text, not the name of a body.
            if match.start() - clause_start > _MAX_SUBJECT or not _is_whole_body(text[clause_start : match.start()]):
                yield match.start(), clause_start, clause_end


def _losing_parts(layout: TextLayout, votes: Iterable[FoundVote]) -> Iterable[VoteElement]:
    cues = _rejection_cues(layout)
    for found in votes:
        loser = losing_side(layout, found, cues)
        for element in found.elements:
            if element.side != loser or element.kind == "count":
                continue
            if (
                element.kind == "prose"
                and element.who is not None
                and _is_whole_body(layout.text[element.who[0] : element.who[1]])
            ):
                continue
            yield element


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def dissent_spans(layout: TextLayout, votes: Iterable[FoundVote] | None = None) -> list[tuple[int, int]]:
    """Where the dissent stands: losing sides of votes, and the sentences of dissent phrases."""
    found = locate_votes(layout) if votes is None else votes
    spans = [(element.start, element.end) for element in _losing_parts(layout, found)]
    spans.extend(layout.sentence_at(start) for start, _, _ in _dissent_phrases(layout))
    return _merge(spans)


def dissent_clauses(layout: TextLayout, votes: Iterable[FoundVote] | None = None) -> list[tuple[int, int]]:
    """The clauses that state a minority's position, so that `outcomes` does not take them for the decision."""
    found = locate_votes(layout) if votes is None else votes
    spans = [layout.clause_at(element.anchor[0]) for element in _losing_parts(layout, found) if element.kind == "prose"]
    spans.extend((start, end) for _, start, end in _dissent_phrases(layout))
    return _merge(spans)


def find_dissent(text: str) -> str | None:
    """The dissent and reservations in a decision's text as printed (sentences joined by a space), or None."""
    return dissent_text(TextLayout.of(unify_spacing(text)))


def dissent_text(layout: TextLayout, votes: Iterable[FoundVote] | None = None) -> str | None:
    """`find_dissent` of a text already laid out (and its votes, when already located)."""
    parts = [collapse(layout.text[start:end]) for start, end in dissent_spans(layout, votes)]
    return " ".join(part for part in parts if part) or None
