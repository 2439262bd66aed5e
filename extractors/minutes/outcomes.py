"""The outcome of a decision (Beslutning): what was decided in substance, as one word of `OUTCOMES`.

`classify_outcome(text)` reads the text of one decision and returns approved, recommended, noted, discussed,
rejected, postponed, referred or other (the vocabulary of tests/data/gold/README.md). The phrases and what
they signal are data, `data/outcomes.csv`; this module holds the logic that reads them in context:

- Substance, not the first verb. Phrases are strong (approved, recommended, rejected, postponed, referred,
  withdrawn) or weak (noted, discussed, "Intet", "Behandlet", "sendes til orientering"). The first sentence
  with a strong phrase decides; within a sentence the phrase with the highest priority wins, and where phrases
  overlap the longest wins ("Indstilles til godkendelse" over "godkendelse", "Kan ikke anbefales" over
  "anbefales"). Weak phrases decide only when no strong one is found: "Drøftet. Udvalget godkendte ..." is
  approved; "Udvalget drøftede sagen og godkendte indstillingen" is approved.
- Negation: "ikke" up to three words before a phrase, or right after it ("godkendes ikke"), turns it into
  its `negated` outcome (rejected for approvals and recommendations) or cancels it.
- Qualification: a remark ("med den bemærkning, at ...", "idet ...", "dog således at ...") keeps the main
  outcome; what it says counts only when nothing precedes it, or when the main outcome is a referral and
  the remark says what was decided ("Tilbagesendes til administrationen med bemærkning om, at Byrådet har
  vedtaget indstillingen" is approved).
- Forwarding with a position is a recommendation: an approval in a sentence that also recommends or sends
  the case on to the council ("Økonomiudvalget indstiller, at ... godkendes", "Tiltrådt og oversendt til
  Byrådet") is recommended; a referral to a committee with no position taken stays referred.
- Statements ("Kommunaldirektøren orienterede om, at direktionen har besluttet ...") and the
  administration's proposal ("Administrationen indstiller, at ...") are not decisions: masked to the end of
  their sentence. A minority's position ("Ø kunne ikke tiltræde", see `votes.find_dissent`) and amendments
  ("Ændringsforslaget fra V blev forkastet") count only when nothing else does.
- A "fallback" phrase ("Udvalget besluttede at igangsætte ...") counts as approved only in a clause with no
  other phrase ("besluttede at tage orienteringen til efterretning" is noted).
- A vote with both counts and no outcome phrase of its own is approved or rejected by its majority.
- `find_dissent` (from `votes`) is offered here too, as the other half of reading a decision.
- Nothing found is "other". Decided here: "Ingen bemærkninger" is other, like "Intet" (nothing was decided);
  "Sagen blev trukket af dagsordenen" / "Punktet udgik" is other (withdrawn is not postponed), unless the
  sentence also says it is deferred ("... og udsat til næste møde" is postponed).
"""

from __future__ import annotations

import bisect
import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Literal, cast, get_args

from referat.extractors.language.layout import TextLayout, pick_non_overlapping
from referat.extractors.language.normalise import unify_spacing
from referat.extractors.minutes.votes import FoundVote, dissent_clauses, dissent_text, locate_votes
from referat.extractors.minutes.votes import find_dissent as find_dissent
from referat.extractors.prefilter import Prefiltered
from referat.models.records import OUTCOMES, Outcome, Vote

__all__ = [
    "OUTCOMES_FILE",
    "OutcomePattern",
    "OutcomePatternError",
    "classify_outcome",
    "find_dissent",
    "load_outcome_patterns",
    "read_decision",
]

OUTCOMES_FILE = Path(__file__).resolve().parent.parent / "data" / "outcomes.csv"

Role = Literal["phrase", "qualifier", "reported", "proposal", "amendment", "recommending"]
Strength = Literal["strong", "weak", "fallback"]
ROLES: tuple[Role, ...] = get_args(Role)
STRENGTHS: tuple[Strength, ...] = get_args(Strength)
# What a remark may turn a referral into ("... med bemærkning om, at Byrådet har vedtaget indstillingen").
STATEMENT_ROLES: tuple[Role, ...] = ("reported", "proposal")
SUBSTANTIVE: tuple[Outcome, ...] = ("approved", "recommended", "rejected")
# A vote's majority, when no phrase says what was decided: the lowest strong priority.
VOTE_PRIORITY = 50

NEGATIONS = frozenset({"ikke", "ej", "aldrig"})
NOT_NEGATING = frozenset({"mindst", "kun", "alene", "blot"})
# "den godkendte plan", "de bevilgede midler", "et vedtaget budget", "tidligere godkendt": not decisions.
DETERMINERS_DEFINITE = frozenset({"den", "det", "de", "denne", "dette", "disse"})
DETERMINERS_ANY = frozenset({"en", "et", "tidligere", "allerede", "hidtil", "oprindeligt", "oprindelig"})
_PARTICIPLE = re.compile(r"(?<!els)(?:t|e)$", re.IGNORECASE)
_NEGATION_AFTER = re.compile(
    r"[ \t]+(?:blev[ \t]+|kan[ \t]+|kunne[ \t]+)?(?:ikke|ej)\b(?![ \t]+(?:mindst|kun|alene|blot|til[ \t]+stede))",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+")
_WINDOW_CUT = re.compile(r"[.:;,()!?]")
# How far a negation or a determiner may stand before a phrase, and how near a fallback's other phrase is.
_WINDOW = 40


class OutcomePatternError(ValueError):
    """A row of the outcome vocabulary that cannot be used; the message names the row and the fix."""


@dataclass(frozen=True)
class OutcomePattern:
    """One row of `outcomes.csv`.

    `phrase` rows signal `outcome` (and `negated` when negated) with a `strength` and a `priority`. The other
    roles mark context: `qualifier` (a remark follows), `reported` (a statement), `proposal` (the
    administration's recommendation), `amendment`, `recommending` (forwarding with a position). For those,
    `outcome` is what the row's example must be classified as, which shows the marker's effect.
    """

    role: Role
    pattern: re.Pattern[str]
    outcome: Outcome
    negated: Outcome | None
    strength: Strength | None
    priority: int
    example: str

    @cached_property
    def prefiltered(self) -> Prefiltered:
        """The pattern with the literal text it needs, to skip decisions that cannot match."""
        return Prefiltered.of(self.pattern)


def _outcome(value: str, where: str) -> Outcome:
    if value not in OUTCOMES:
        raise OutcomePatternError(f"{where}: unknown outcome {value!r}; use one of {', '.join(OUTCOMES)}")
    return value


@cache
def load_outcome_patterns(path: Path = OUTCOMES_FILE) -> tuple[OutcomePattern, ...]:
    """The outcome vocabulary, validated and compiled once (case-insensitive)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    patterns = []
    for number, row in enumerate(rows, start=1):
        where = f"{path}, row {number}"
        role = (row.get("role") or "").strip()
        if role not in ROLES:
            raise OutcomePatternError(f"{where}: unknown role {role!r}; use one of {', '.join(ROLES)}")
        try:
            compiled = re.compile(row.get("pattern") or "", re.IGNORECASE)
        except re.error as error:
            raise OutcomePatternError(f"{where}: pattern does not compile ({error}); fix the regex") from error
        if not compiled.pattern or not (row.get("example") or "").strip():
            raise OutcomePatternError(f"{where}: a row needs a pattern and an example that shows it")
        outcome = _outcome((row.get("outcome") or "").strip(), where)
        negated_text = (row.get("negated") or "").strip()
        strength_text = (row.get("strength") or "").strip()
        priority_text = (row.get("priority") or "").strip()
        if role == "phrase":
            if strength_text not in STRENGTHS:
                raise OutcomePatternError(f"{where}: a phrase needs a strength, one of {', '.join(STRENGTHS)}")
            if not priority_text.isdigit():
                raise OutcomePatternError(f"{where}: a phrase needs a whole-number priority, not {priority_text!r}")
        elif negated_text or strength_text or priority_text:
            raise OutcomePatternError(f"{where}: only phrase rows have negated, strength and priority; clear them")
        patterns.append(
            OutcomePattern(
                role=cast(Role, role),
                pattern=compiled,
                outcome=outcome,
                negated=_outcome(negated_text, where) if negated_text else None,
                strength=cast(Strength, strength_text) if strength_text else None,
                priority=int(priority_text) if priority_text else 0,
                example=row["example"],
            )
        )
    return tuple(patterns)


@cache
def _with_role(role: Role) -> tuple[OutcomePattern, ...]:
    return tuple(pattern for pattern in load_outcome_patterns() if pattern.role == role)


@dataclass(frozen=True)
class _Candidate:
    """A phrase found in the text, with what it signals there."""

    start: int
    end: int
    outcome: Outcome
    priority: int
    strong: bool
    sentence: int
    remark_of: int | None = None  # inside a remark: the sentence of the qualifier that opened it
    demoted: bool = False


class _Mask:
    """Positions covered by any of some spans; spans are merged before marking, so marking stays linear."""

    def __init__(self, length: int, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.flags = bytearray(length + 1)
        reach = 0
        for start, end in sorted(spans):
            start = max(start, reach)
            if end > start:
                self.flags[start:end] = b"\x01" * (end - start)
                reach = end

    def __contains__(self, position: int) -> bool:
        return bool(self.flags[position])


def _matches(
    layout: TextLayout,
    role: Role,
    masked: _Mask | None = None,
) -> Iterable[tuple[OutcomePattern, re.Match[str]]]:
    for pattern in _with_role(role):
        for match in layout.finditer(pattern.prefiltered):
            if masked is None or match.start() not in masked:
                yield pattern, match


def _statements(layout: TextLayout) -> _Mask:
    """Statements and the administration's proposal, from their verb to the end of the sentence."""
    return _Mask(
        len(layout.text),
        (
            (match.start(), layout.sentence_at(match.start())[1])
            for role in STATEMENT_ROLES
            for _, match in _matches(layout, role)
        ),
    )


def _remarks(layout: TextLayout, masked: _Mask) -> list[tuple[int, int, int]]:
    """(start, end, qualifier sentence) of remarks: to the paragraph's end, or the text's after a colon."""
    regions: list[tuple[int, int, int]] = []
    for _, match in sorted(_matches(layout, "qualifier", masked), key=lambda item: item[1].start()):
        start = match.start()
        end = len(layout.text) if match.group().rstrip().endswith(":") else layout.paragraph_end(start)
        if regions and start < regions[-1][1]:
            regions[-1] = (regions[-1][0], max(end, regions[-1][1]), regions[-1][2])
        else:
            regions.append((start, end, layout.sentence_index(start)))
    return regions


def _words_before(layout: TextLayout, start: int) -> list[str]:
    sentence_start = layout.sentence_at(start)[0]
    window = layout.text[max(sentence_start, start - _WINDOW) : start]
    cuts = [match.end() for match in _WINDOW_CUT.finditer(window)]
    if cuts:
        window = window[cuts[-1] :]
    return [word.casefold() for word in _WORD.findall(window)[-3:]]


def _is_negated(layout: TextLayout, end: int, before: Sequence[str]) -> bool:
    """ "ikke" up to three words before a phrase (not "ikke mindst", "ikke til stede"), or right after it."""
    for index, word in enumerate(before):
        if word in NEGATIONS:
            following = before[index + 1 : index + 3]
            if (following[:1] and following[0] in NOT_NEGATING) or list(following) == ["til", "stede"]:
                continue
            return True
    return bool(_NEGATION_AFTER.match(layout.text, end))


def _is_attributive(match: re.Match[str], before: Sequence[str]) -> bool:
    """A participle used as an adjective after a determiner: "den godkendte plan", "et vedtaget budget"."""
    if not before:
        return False
    first = _WORD.match(match.group())
    if first is None or not _PARTICIPLE.search(first.group()):
        return False
    return before[-1] in DETERMINERS_ANY or (before[-1] in DETERMINERS_DEFINITE and first.group().endswith("e"))


def _phrase_candidates(layout: TextLayout, masked: _Mask) -> list[tuple[OutcomePattern, re.Match[str]]]:
    found = list(_matches(layout, "phrase", masked))
    found.sort(key=lambda item: (item[1].start() - item[1].end(), -item[0].priority, item[1].start()))
    kept = pick_non_overlapping([(match.start(), match.end()) for _, match in found], len(layout.text))
    return [found[index] for index in kept]


def _candidates(layout: TextLayout, votes: tuple[FoundVote, ...]) -> list[_Candidate]:
    text = layout.text
    masked = _statements(layout)
    remarks = _remarks(layout, masked)
    remark_starts = [start for start, _, _ in remarks]
    demoted = _Mask(
        len(text),
        [
            *dissent_clauses(layout, votes),
            *(layout.clause_at(match.start()) for _, match in _matches(layout, "amendment", masked)),
        ],
    )
    recommending = {layout.sentence_index(match.start()) for _, match in _matches(layout, "recommending", masked)}

    candidates: list[_Candidate] = []
    fallbacks: list[_Candidate] = []
    for pattern, match in _phrase_candidates(layout, masked):
        before = _words_before(layout, match.start())
        if _is_attributive(match, before):
            continue
        outcome: Outcome | None = pattern.outcome
        if _is_negated(layout, match.end(), before):
            outcome = pattern.negated
        if outcome is None:
            continue
        sentence = layout.sentence_index(match.start())
        if outcome == "approved" and sentence in recommending:
            outcome = "recommended"
        index = bisect.bisect_right(remark_starts, match.start()) - 1
        remark_of = remarks[index][2] if index >= 0 and match.start() < remarks[index][1] else None
        candidate = _Candidate(
            match.start(),
            match.end(),
            outcome,
            pattern.priority,
            pattern.strength != "weak",
            sentence,
            remark_of,
            match.start() in demoted,
        )
        (fallbacks if pattern.strength == "fallback" else candidates).append(candidate)
    candidates.extend(_surviving_fallbacks(layout, fallbacks, candidates))
    for found in votes:
        votes_for, against = found.vote.votes_for, found.vote.votes_against
        if votes_for is None or against is None or found.start in masked:
            continue
        outcome = "approved" if votes_for > against else "rejected"
        candidates.append(
            _Candidate(
                found.start,
                found.end,
                outcome,
                VOTE_PRIORITY,
                True,
                layout.sentence_index(found.start),
                demoted=found.start in demoted,
            )
        )
    return candidates


def _surviving_fallbacks(layout: TextLayout, fallbacks: list[_Candidate], others: list[_Candidate]) -> list[_Candidate]:
    """Fallback phrases that stand alone in their clause: "besluttede at igangsætte ..." is approved."""
    if not fallbacks:
        return []
    starts = sorted(candidate.start for candidate in others)
    kept = []
    for fallback in fallbacks:
        clause_start, clause_end = layout.clause_at(fallback.start)
        index = bisect.bisect_left(starts, clause_start)
        if index < len(starts) and starts[index] < clause_end:
            continue
        kept.append(fallback)
    return kept


def _pick(candidates: Sequence[_Candidate]) -> _Candidate:
    """The first sentence with a strong phrase, its highest priority; else the highest weak priority."""
    strong = [candidate for candidate in candidates if candidate.strong]
    if strong:
        first = min(candidate.sentence for candidate in strong)
        strong = [candidate for candidate in strong if candidate.sentence == first]
        return max(strong, key=lambda candidate: (candidate.priority, -candidate.start))
    return max(candidates, key=lambda candidate: (candidate.priority, -candidate.start))


def _decide(candidates: Sequence[_Candidate]) -> Outcome:
    """The main text decides; then remarks (when nothing precedes them); then minorities and amendments."""
    main = [candidate for candidate in candidates if candidate.remark_of is None and not candidate.demoted]
    remarks = [candidate for candidate in candidates if candidate.remark_of is not None and not candidate.demoted]
    if main:
        best = _pick(main)
        if best.outcome == "referred" and best.strong:
            said = [
                candidate
                for candidate in remarks
                if candidate.remark_of == best.sentence and candidate.outcome in SUBSTANTIVE and candidate.strong
            ]
            if said:
                return _pick(said).outcome
        return best.outcome
    if remarks:
        return _pick(remarks).outcome
    demoted = [candidate for candidate in candidates if candidate.demoted]
    if demoted:
        return _pick(demoted).outcome
    return "other"


def classify_outcome(text: str) -> Outcome:
    """The outcome of one decision's text: what was decided in substance ("other" when nothing is)."""
    layout = TextLayout.of(unify_spacing(text))
    if not layout.sentences:
        return "other"
    return _decide(_candidates(layout, locate_votes(layout)))


# The same decisions recur across items and documents ("Godkendt.", "Taget til efterretning.").
@lru_cache(maxsize=1024)
def read_decision(text: str) -> tuple[Outcome, str | None, tuple[Vote, ...]]:
    """`classify_outcome`, `find_dissent` and `find_votes` of one decision's text, which lay out the text
    and locate its votes once instead of three times."""
    layout = TextLayout.of(unify_spacing(text))
    found = locate_votes(layout)
    outcome: Outcome = _decide(_candidates(layout, found)) if layout.sentences else "other"
    return outcome, dissent_text(layout, found), tuple(vote.vote for vote in found)
