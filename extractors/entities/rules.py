"""Context rules: people, organisations and places from capitalised runs of words and what stands around them.

Danish capitalises proper names and little else, so the rules read runs of capitalised words ("Ballerup
Kommune", "Brandenburg an Der Havel", "Claudia Westh Lonning"; found by `runs.py`) and decide, in this order:

1. Words that never start a name are stripped from the left (header labels "Mødested", bylines "Af", function
   words "Hvis", a common word opening a sentence); a title is stripped too and makes the rest a person
   ("Erhvervsudviklingschef Claudia Westh Lonning").
2. Context: a title before the run ("direktør Pia Holm Nielsen"), a verb of speech ("siger Randi Mondorf"),
   an age ("45-årige Claudia Westh Lonning"), a party or role in parentheses after it ("Anja Holtze (A)",
   "Jannik Karoli Plum Nielsen (direktør)"), a kind of place before it ("samarbejdsbyen Brandenburg an Der Havel").
3. Inside the run, from the left: a venue with its number ("Lokale 29", "Mødecenter C"); a head that makes the
   rest an organisation ("Handelsforeningen ...", "Dansk ...", "Region ...", "Brdr. ..."); a known first name
   followed by name words ("Anne Lund Bækkegård"); a word whose form ends an organisation or place ("Ballerup
   Kommune", "Nærum Gymnasium", "Økonomiudvalget", "Ballerup Rådhus", "Posthuset", "Banegårdspladsen 1"); a name
   ending in -sen ("Kasper Fuhr Christensen"); a gazetteer name, with a district after it ("Århus City").
   A genitive before a capitalised noun names the noun ("Kjældgaards Kaffe", "Sydfyns Elforsyning", "Borgmesterens
   Afdeling"); a place name before an organisation's word is that organisation ("Kongeådal Brugsforening"); a word
   of district after a name is a place ("Tuborg Nord"); a body's meeting room after its genitive is a place
   ("Borgmesterens mødelokale"), and so is the value of a header field of place ("Mødested: Rådhussalen").
4. What is left is guessed (tier `GUESS`, used only where nothing surer overlaps): several capitalised words in
   mid-sentence of which one is not a common Danish word nor a compound of such ("City Cycling", not "Bilagsliste
   Underskriftsblad"), a capitalised definite noun in mid-sentence that is no common word ("Cykelpiloterne", not
   "Forslaget"), a capitalised word after a preposition of place ("i Fields") or listed after a place
   ("Lautrup-området, Kildedal").

Expressions over the whole text (`expressions.py`) add the meeting's attendees, "Center for By og Miljø",
"centerchef for Social og Arbejdsmarked" and company forms ("... A/S"); committees written as coordinations are
extended to the left ("erhvervs- og Beskæftigelsesudvalget"). Names found by context, and abbreviations defined in
parentheses ("Økonomiudvalget (ØU)"), are propagated to their other mentions (`propagation.py`: "Claudia
Lonning", "Lonning", "Brandenburg", "ØU").

All of it is linear in the text: each expression runs once over it, and the work per run of words is bounded.
What the rules make of a run of several words depends only on the run's text, whether it opens a sentence and
where gazetteer names stand in it, so it is kept (`EntityRules.cache`) and reused where the run comes back
("Ballerup Kommune"); what stands around the run is read every time.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import NamedTuple

from referat.extractors.entities.candidates import (
    GUESS,
    KNOWN,
    P_CONTEXT,
    P_FORM,
    P_GAZETTEER,
    P_KNOWN,
    P_NAME,
    P_PROPAGATED,
    RULE,
    Candidate,
    GazetteerHit,
)
from referat.extractors.entities.expressions import (
    attendee_mentions,
    attendee_names,
    company_names,
    coordination_start,
    defined_abbreviation,
    for_list_names,
)
from referat.extractors.entities.patterns import Label
from referat.extractors.entities.propagation import propagated_mentions, propagated_names
from referat.extractors.entities.runs import SPACE, Span, find_runs, is_initial, line_start, previous_word, run_words
from referat.extractors.entities.wordclass import WordClasses, WordInfo, strip_possessive
from referat.extractors.language.names import is_name, is_party, is_role

_PAREN_AFTER = re.compile(rf"{SPACE}*\((?P<inner>[^()\n]{{1,80}})\)")
_NUMBER_AFTER = re.compile(
    rf"{SPACE}{{1,2}}(?P<number>\d{{1,4}}(?:[A-Za-z]|{SPACE}[A-Z])?(?!\w))"
    rf"(?![\w/-]|[.,:]\d|{SPACE}*(?:%|kr\b|mio\b|procent\b))"
)
_ADJECTIVE_HEADS = frozenset({"dansk", "danske", "danmarks", "nordisk", "europæisk", "the"})
_INSTITUTIONS = ("gymnasium", "skole", "universitet", "hospital", "sygehus", "akademi", "seminarium")
_MAX_NAME_WORDS = 5

# Checks a proposal needs from the text around its run (bits of `_Proposal.checks`).
_SKIP, _VENUE_NUMBER, _STREET_NUMBER, _COORDINATED, _INSTITUTION, _PLACE_BEFORE, _PERSON_LIST = 1, 2, 4, 8, 16, 32, 64
_CACHE_LIMIT = 50_000


class _Proposal(NamedTuple):
    """A candidate over words first..last of a run, before the checks that read the text around the run."""

    first: int
    last: int
    label: Label
    tier: int
    priority: int
    rule: str
    checks: int


# A run's text, whether it opens a sentence, and where gazetteer names stand in it (start and end relative to the
# run's start, and label): all that `_analyse` reads of the text.
_RunKey = tuple[str, bool, tuple[tuple[int, int, str], ...]]


class _Analysis(NamedTuple):
    """What the rules make of a run of words by itself."""

    stripped: int  # words stripped from its start
    context: str | None  # what they say of the rest ("title", "af" for a byline)
    proposals: list[_Proposal]  # for the rest
    words: tuple[Span, ...]  # where its words are, relative to its start


def _form_proposal(first: int, last: int, form: tuple[Label, str], last_word: WordInfo) -> _Proposal:
    label, kind = form
    checks = 0
    if kind == "street":
        checks |= _STREET_NUMBER  # "Banegårdspladsen 1"
    if kind in ("body", "org") and first == last:
        checks |= _COORDINATED  # "Klima- og Miljøudvalget"
    if kind == "org" and strip_possessive(last_word.folded).endswith(_INSTITUTIONS):
        checks |= _INSTITUTION
    return _Proposal(first, last, label, RULE, P_FORM, f"form:{kind}", checks)


def _guess_word(index: int, word: str, info: WordInfo, opens_run: bool) -> list[_Proposal]:
    """The guess for one capitalised word that no rule took: a definite noun ("Cykelpiloterne"), or a word that opens
    its run and is not a common word (kept if a preposition of place or a listed place stands before it)."""
    if info.document or not word[1:2].islower() or info.generic or info.lead or len(word) < 3:
        return []
    if info.definite and not info.common:  # ("Forslaget", "Betalingen" opening an item or a list)
        return [_Proposal(index, index, "ORG", GUESS, P_NAME, "guess:definite", 0)]
    if opens_run and not info.common:
        return [_Proposal(index, index, "LOC", GUESS, P_NAME, "guess:place", _PLACE_BEFORE)]
    return []


class EntityRules:
    """The context rules with their word lists loaded; `find` returns the candidates of one text."""

    def __init__(self) -> None:
        self.words = WordClasses()
        self.cache: dict[_RunKey, _Analysis] = {}

    def find(self, text: str, hits: Sequence[GazetteerHit] = (), known_people: Sequence[str] = ()) -> list[Candidate]:
        finder = _Finder(self.words, text, hits, self.cache)
        finder.known(known_people)
        info = self.words.info
        for start, end, single in find_runs(text):
            if not single:
                finder.run(start, end)
            elif not (described := info(word := text[start:end])).never_alone:  # half the runs: "Det", "I"
                finder.single(start, word, described)
        finder.for_lists()
        finder.companies()
        finder.propagate()
        return finder.found


class _Finder:
    """The candidates of one text; where the runs are is kept for the propagation pass."""

    def __init__(
        self, words: WordClasses, text: str, hits: Sequence[GazetteerHit], cache: dict[_RunKey, _Analysis]
    ) -> None:
        self.words = words
        self.cache = cache
        self.text = text
        self.hits = {hit.start: hit for hit in hits}
        self.hit_starts = sorted(self.hits)
        self.found = [Candidate(hit.start, hit.end, hit.label, RULE, P_GAZETTEER, "gazetteer") for hit in hits]
        # The runs that may mention a name found elsewhere: of several words, or of one word that can be a name.
        self.runs: list[Span] = []
        self.people: set[str] = set()
        self.names: dict[str, Label] = {}

    def add(self, start: int, end: int, label: Label, tier: int, priority: int, rule: str) -> None:
        self.found.append(Candidate(start, end, label, tier, priority, rule))
        if label == "ORG" and tier <= RULE:
            self._abbreviation_after(end)

    def word(self, span: Span) -> str:
        return self.text[span[0] : span[1]]

    def info(self, span: Span) -> WordInfo:
        return self.words.info(self.text[span[0] : span[1]])

    # -- expressions over the whole text -----------------------------------------------------------------------

    def known(self, people: Sequence[str]) -> None:
        """The meeting's attendees: every mention of their full name is a person."""
        names = attendee_names(people)
        if not names:
            return
        for start, end in attendee_mentions(self.text, names):
            self.add(start, end, "PER", KNOWN, P_KNOWN, "known")
        self.people.update(names)

    def for_lists(self) -> None:
        """ "Center for By og Miljø" (all of it is the body) and "centerchef for Social og Arbejdsmarked" (the list)."""
        for start, end, rule in for_list_names(self.text, self.words):
            self.add(start, end, "ORG", RULE, P_FORM, rule)

    def companies(self) -> None:
        """ "Novo Nordisk A/S": the capitalised words before a company form, with the form."""
        for start, end in company_names(self.text):
            self.add(start, end, "ORG", RULE, P_FORM, "company")

    def _abbreviation_after(self, end: int) -> None:
        """An abbreviation defined in parentheses after an organisation: "Økonomiudvalget (ØU)"."""
        span = defined_abbreviation(self.text, end)
        if span is not None:
            self.found.append(Candidate(span[0], span[1], "ORG", RULE, P_CONTEXT, "abbreviation"))
            self.names[self.word(span)] = "ORG"

    def propagate(self) -> None:
        """Other mentions of the people and of the names context found (see `propagation.py`)."""
        names = propagated_names(self.names, self.people, self.words)
        for start, end, label in propagated_mentions(self.text, self.runs, names):
            self.add(start, end, label, RULE, P_PROPAGATED, "propagated")

    # -- runs of one word --------------------------------------------------------------------------------------

    def single(self, start: int, word: str, info: WordInfo) -> None:
        """A run of one word (not one that is never a name alone), the most common kind: the rules of `run` that can
        apply to one word."""
        end = start + len(word)
        self.runs.append((start, end))
        if info.folded[-1] == "s" and self._room_after(start, end, info):
            return
        if start in self.hits:
            return  # a gazetteer name, a candidate already: no context changes it
        if is_initial(self.text, start):
            self._single_at_initial((start, end), word, info)
        else:
            self._single_in_sentence((start, end), word, info)

    def _single_at_initial(self, span: Span, word: str, info: WordInfo) -> None:
        """A word that opens a sentence or a line: a header field's value of place ("Sted: Mødelokale 2A"), or a name
        by its form."""
        start, end = span
        if ":" in self.text[start - 3 : start] and word[1:2].islower() and self._place_field_before(start):
            if not info.venue:
                self._place_context([span], 0)
            elif _NUMBER_AFTER.match(self.text, end):  # "Sted: Mødelokale 2A"
                self._apply([span], [_Proposal(0, 0, "LOC", RULE, P_FORM, "venue", _VENUE_NUMBER)])
            return
        form = info.form_alone
        if form is not None and (form[1] == "body" or not info.common):
            self._apply([span], [_form_proposal(0, 0, form, info)])

    def _single_in_sentence(self, span: Span, word: str, info: WordInfo) -> None:
        """A word in mid-sentence: by the word before it, a venue with its number, its form, or a guess."""
        start, end = span
        context = self._context_before(start)
        if context == "place":
            self._place_context([span], 0)
        elif context is not None and self._single_name(info, start):
            self.add(start, end, "PER", RULE, P_CONTEXT, "person:context")
        elif info.venue and _NUMBER_AFTER.match(self.text, end):
            self._apply([span], [_Proposal(0, 0, "LOC", RULE, P_FORM, "venue", _VENUE_NUMBER)])
        elif info.form_alone is not None:
            self._apply([span], [_form_proposal(0, 0, info.form_alone, info)])
        elif proposals := _guess_word(0, word, info, True):
            self._apply([span], proposals)

    # -- runs of several words ---------------------------------------------------------------------------------

    def run(self, start: int, end: int) -> None:
        """A run of several words: what the rules make of it by itself (`_analysis`), then what stands around it
        (titles, parentheses, numbers, prepositions)."""
        self.runs.append((start, end))
        initial = is_initial(self.text, start)
        analysis, words = self._analysis(start, end, initial)
        i = analysis.stripped
        context = self._run_context(analysis, start, initial)
        if context == "place":
            self._place_context(words, i)
            return
        proposals = analysis.proposals
        if context is not None or self._party_or_role_after(end):
            taken = self._context_person(words, i, single=context is not None, whole=context is None)
            if taken:
                proposals = self._segments(words, i + taken, False)
        self._apply(words, proposals)

    def _analysis(self, start: int, end: int, initial: bool) -> tuple[_Analysis, list[Span]]:
        """The run's analysis, from the cache where the same run came before, and where its words are."""
        key = (self.text[start:end], initial, self._hits_in(start, end))
        analysis = self.cache.get(key)
        if analysis is not None:
            return analysis, [(start + a, start + b) for a, b in analysis.words]
        words = run_words(self.text, start, end)
        analysis = self._analyse(words, initial, start)
        if len(self.cache) > _CACHE_LIMIT:
            self.cache.clear()
        self.cache[key] = analysis
        return analysis, words

    def _hits_in(self, start: int, end: int) -> tuple[tuple[int, int, str], ...]:
        """The gazetteer names that start in text[start:end], relative to `start`, with their label."""
        starts = self.hit_starts
        first = bisect_left(starts, start)
        if first == len(starts) or starts[first] >= end:
            return ()
        return tuple(
            (hit.start - start, hit.end - start, hit.label)
            for hit in map(self.hits.__getitem__, starts[first : bisect_left(starts, end, first)])
        )

    def _run_context(self, analysis: _Analysis, start: int, initial: bool) -> str | None:
        """What the words stripped from the run, or those before it, say about the rest: "title", "speech",
        "age", "place", "byline" or nothing."""
        context = analysis.context
        if context == "af":
            context = "byline" if line_start(self.text, start) else None
        if analysis.stripped == 0 and not initial:
            context = self._context_before(start)
        elif (
            analysis.stripped == 0
            and initial
            and ":" in self.text[start - 3 : start]
            and self._place_field_before(start)
        ):
            context = "place"  # "Mødested: Rådhussalen"
        return context

    def _party_or_role_after(self, end: int) -> bool:
        """ "Anja Holtze (A)", "Jannik Karoli Plum Nielsen (direktør)": a party or a role in parentheses after `end`."""
        if "(" not in self.text[end : end + 4]:
            return False
        paren = _PAREN_AFTER.match(self.text, end)
        return paren is not None and (is_party(paren.group("inner")) or is_role(paren.group("inner")))

    def _analyse(self, words: list[Span], initial: bool, start: int) -> _Analysis:
        """What the rules make of the run of `words` (which starts at `start`) by itself."""
        count = len(words)
        relative = tuple((a - start, b - start) for a, b in words)
        if (
            not initial
            and count >= 3
            and self.word(words[0]) in ("Det", "Den", "De")
            and all(self.word(span)[:1].isupper() for span in words[1:])
        ):
            return _Analysis(count, None, [_Proposal(0, count - 1, "ORG", RULE, P_FORM, "head:det", 0)], relative)
        i, context = self._strip(words, initial)
        if i >= count:
            return _Analysis(i, context, [], relative)
        return _Analysis(i, context, self._segments(words, i, initial and not i), relative)

    def _strip(self, words: list[Span], initial: bool) -> tuple[int, str | None]:
        """How many words to strip from the left of a run, and the context they give ("title", or "af" for a
        byline when the run opens a line)."""
        context: str | None = None
        i = 0
        while i < len(words):
            span = words[i]
            info = self.info(span)
            more = i + 1 < len(words)
            if span[0] in self.hits:
                break
            if more and info.first_name and self.info(words[i + 1]).name_like:
                break
            if info.never_alone:
                if info.folded == "af" and i == 0:
                    context = "af"
            elif more and info.title and info.form_alone is None:
                context = "title"
            elif not (
                initial
                and more
                and info.common
                and not info.org_head
                and info.form_alone is None
                and self._genitive_name(words, i) < 0
            ):
                break
            i += 1
            initial = False
        return i, context

    def _context_before(self, start: int) -> str | None:
        """What the word before a run says about it: a title, a verb of speech, an age, a kind of place."""
        previous = previous_word(self.text, start)
        return self.words.context(previous) if previous else None

    def _place_field_before(self, start: int) -> bool:
        """Whether a header field of place stands before `start` ("Mødested: Rådhussalen", "Sted: Byrådssalen"):
        its value is a place, and capitalised as a field's value, not as a sentence's first word."""
        text = self.text
        k = start - 1
        while k >= 0 and text[k] in " \t\u00a0|":
            k -= 1
        return k > 0 and text[k] == ":" and previous_word(text, k).casefold() in self.words.place_fields

    def _room_after(self, start: int, end: int, info: WordInfo) -> bool:
        """ "Borgmesterens mødelokale", "Kommunalbestyrelsens mødesal": a body's meeting room is a place (the whole
        of it, the genitive and the room)."""
        room = self.words.room_after.match(self.text, end)
        if room is None or info.never_alone:
            return False
        self.add(start, room.end(), "LOC", RULE, P_CONTEXT, "room")
        return True

    def _genitive_name(self, words: list[Span], j: int) -> int:
        """ "Kjældgaards Kaffe", "Sydfyns Elforsyning", "Borgmesterens Afdeling": a genitive before a capitalised noun
        names the noun (an organisation, or what the noun's form makes it); the last word of the name, or -1. Not a
        person ("Venstres Hans Peter Geil"), a title ("Aarhus' Borgmester"), an abbreviation ("Danmarks BNP"), a
        body of its own ("Byrådets Økonomiudvalg") or a header word."""
        if j + 1 >= len(words):
            return -1
        first, noun = self.info(words[j]), self.word(words[j + 1])
        if (
            len(first.folded) < 4
            or first.folded[-1] != "s"
            or first.folded[-2] == "s"
            or first.never_alone
            or first.title
            or first.first_name
            or first.form_alone is not None
            or not noun[1:2].islower()
        ):
            return -1  # (an organisation's genitive names what it has: "Ankestyrelsens Danmarkskort")
        second = self.info(words[j + 1])
        if (
            second.first_name
            or second.title
            or second.never_alone
            or second.document
            or (second.form_last is not None and second.form_last[0] == "ORG")
        ):
            return -1  # ("Aarhus Kommunes" is a name by its own form)
        return j + 1

    def _person_extent(self, words: list[Span], i: int) -> int:
        """How many words from `i` can be part of a person's name (at most seven with particles)."""
        k = i
        while k < len(words) and k - i < _MAX_NAME_WORDS + 2:
            word = self.word(words[k])
            if word[:1].islower():
                if k == i:
                    break
            else:
                hit = self.hits.get(words[k][0])
                if not self.words.info(word).name_like or (hit is not None and hit.label == "ORG"):
                    break
            k += 1
        while k > i and self.word(words[k - 1])[:1].islower():
            k -= 1
        return k - i

    def _single_name(self, info: WordInfo, start: int) -> bool:
        return not info.common and start not in self.hits and not info.folded.isupper() and info.name_like

    def _context_person(self, words: list[Span], i: int, single: bool, whole: bool) -> int:
        """A person named after a title or a verb of speech, or before a party or role in parentheses."""
        size = self._person_extent(words, i)
        if whole and i + size != len(words):
            return 0
        while size >= 1:
            start, end = words[i][0], words[i + size - 1][1]
            name = self.text[start:end]
            alone = size == 1 and single and self._single_name(self.info(words[i]), start)
            if (size >= 2 and is_name(name)) or alone:
                self.add(start, end, "PER", RULE, P_CONTEXT, "person:context")
                self.people.add(" ".join(name.split()))
                return size
            if whole:
                return 0
            size -= 1
        return 0

    def _place_context(self, words: list[Span], i: int) -> None:
        """ "samarbejdsbyen Brandenburg an Der Havel": the rest of the run is a place."""
        if any(self.info(span).form_last for span in words[i:]):
            self._apply(words, self._segments(words, i, False))
            return
        start, end = words[i][0], words[-1][1]
        self.add(start, end, "LOC", RULE, P_CONTEXT, "place:context")
        self.names[" ".join(self.text[start:end].split())] = "LOC"
        if any(self.word(span)[:1].islower() for span in words[i:]):
            self.names[self.word(words[i])] = "LOC"  # "Brandenburg" for "Brandenburg an Der Havel"

    # -- segments of a run -------------------------------------------------------------------------------------

    def _segments(self, words: list[Span], i: int, initial: bool) -> list[_Proposal]:
        """Venues, organisation heads, people with a known first name, name forms, gazetteer names; the rest is
        guessed."""
        text = self.text
        count = len(words)
        proposals: list[_Proposal] = []
        unknown: list[int] = []
        run_start = j = i
        while j < count:
            a, b = words[j]
            word = text[a:b]
            if word[:1].islower():
                unknown.append(j)
                j += 1
                continue
            found = self._segment_at(words, j, self.words.info(word), initial and j == run_start)
            if found is not None:
                proposals.extend(self._flush(words, unknown, initial, run_start))
                proposals.append(found)
                j = found.last + 1
            else:
                unknown.append(j)
                j += 1
        proposals.extend(self._flush(words, unknown, initial, run_start))
        return proposals

    def _segment_at(self, words: list[Span], j: int, info: WordInfo, at_initial: bool) -> _Proposal | None:
        """The rule that takes the words from `j`, if one does, in this order: a venue, an organisation's head, a
        person with a known first name, a genitive before a noun, a name's form or a gazetteer name, a surname."""
        return (
            self._venue_at(words, j, info)
            or self._head_at(words, j, info)
            or self._first_name_at(words, j, info)
            or self._genitive_at(words, j)
            or self._name_at(words, j, info, at_initial)
        )

    def _venue_at(self, words: list[Span], j: int, info: WordInfo) -> _Proposal | None:
        """ "Mødecenter C", "Lokale 29" (the number read after the run)."""
        if not info.venue:
            return None
        letter = words[j + 1] if j + 1 < len(words) else None
        if letter is None:
            return _Proposal(j, j, "LOC", RULE, P_FORM, "venue", _VENUE_NUMBER)
        if letter[1] - letter[0] == 1 and letter[0] - words[j][1] <= 3:
            return _Proposal(j, j + 1, "LOC", RULE, P_FORM, "venue", 0)
        return None

    def _head_at(self, words: list[Span], j: int, info: WordInfo) -> _Proposal | None:
        """ "Handelsforeningen Ballerup Centrumgaden", "Dansk Industri": a head that makes the name an organisation."""
        if info.org_head and j + 1 < len(words) and self._opens_name(info, self.word(words[j + 1])):
            return _Proposal(j, self._head_extent(words, j), "ORG", RULE, P_FORM, "head", 0)
        return None

    def _first_name_at(self, words: list[Span], j: int, info: WordInfo) -> _Proposal | None:
        """ "Anne Lund Bækkegård": a known first name and name words after it, not followed by a name's form."""
        count = len(words)
        if not (info.first_name and j + 1 < count and self.word(words[j + 1]).casefold() not in self.words.districts):
            return None
        size = self._person_extent(words, j)
        following_form = self.info(words[j + size]).form_last if j + size < count else None
        if size >= 2 and following_form is None and is_name(self.text[words[j][0] : words[j + size - 1][1]]):
            return _Proposal(j, j + size - 1, "PER", RULE, P_NAME, "person:first_name", 0)
        return None

    def _genitive_at(self, words: list[Span], j: int) -> _Proposal | None:
        """ "Kjældgaards Kaffe", "Kommunens Tekniske Forvaltning": a genitive and the noun it names."""
        last = self._genitive_name(words, j)
        if last < 0:
            return None
        while last + 1 < len(words) and (self.info(words[last + 1]).form_last or ("", "body"))[1] in (
            "org",
            "street",
            "place",
        ):
            last += 1  # "Kommunens Tekniske Forvaltning", not "... Økonomiudvalg"
        noun = self.info(words[last])
        if noun.form_last is not None:
            return _form_proposal(j, last, noun.form_last, noun)
        return _Proposal(j, last, "ORG", RULE, P_FORM, "genitive", 0)

    def _name_at(self, words: list[Span], j: int, info: WordInfo, at_initial: bool) -> _Proposal | None:
        """A name by the form of a word from `j` ("Ballerup Kommune"), or a gazetteer name (with a district after
        it: "Århus City"), or else a place with a district or a surname (`_unlisted_at`)."""
        hit = self.hits.get(words[j][0])
        hit_last = self._hit_last(words, j, hit)
        form_at = self._form_ahead(words, j, at_initial)
        if form_at is not None and form_at[0] > hit_last:  # "Ballerup Kommune", but "København" is no harbour
            k, form = form_at
            return _form_proposal(j, k, form, self.info(words[k]))
        if hit is None or hit_last < 0:
            return self._unlisted_at(words, j, info)
        following = self.word(words[hit_last + 1]).casefold() if hit_last + 1 < len(words) else ""
        if hit.label == "LOC" and following in self.words.districts:
            return _Proposal(j, hit_last + 1, "LOC", RULE, P_FORM, "district", 0)  # "Århus City", "København V"
        return _Proposal(j, hit_last, hit.label, RULE, P_GAZETTEER, "gazetteer", _SKIP)

    @staticmethod
    def _hit_last(words: list[Span], j: int, hit: GazetteerHit | None) -> int:
        """The word from `j` on with which the gazetteer name `hit` ends, or -1."""
        if hit is None:
            return -1
        k = j
        while k < len(words) and words[k][1] < hit.end:
            k += 1
        return k if k < len(words) and words[k][1] == hit.end else -1

    def _unlisted_at(self, words: list[Span], j: int, info: WordInfo) -> _Proposal | None:
        """ "Tuborg Nord": a district's word after a name; "Kasper Fuhr Christensen": a person by the surname."""
        if j + 1 < len(words) and not info.first_name:
            after = self.info(words[j + 1])
            if after.folded in self.words.districts and len(after.folded) > 1 and not info.common:
                return _Proposal(j, j + 1, "LOC", RULE, P_FORM, "district", 0)  # "Tuborg Nord", "Trige Syd"
            if info.definite and after.first_name:
                return None  # "Velfærdslistens Kasper Fuhr Christensen": the person starts at the first name
        person = self._surname_person(words, j)
        return _Proposal(j, j + person - 1, "PER", RULE, P_NAME, "person:surname", 0) if person else None

    def _opens_name(self, head: WordInfo, following: str) -> bool:
        """Whether a head opens a name with the word after it: "Boligselskabet AKB", "Dansk Industri", but not
        "Danmarks BNP" (an adjective or a genitive before an abbreviation)."""
        if head.folded in _ADJECTIVE_HEADS:
            return following[1:2].islower()
        return following[:1].isupper()

    def _head_extent(self, words: list[Span], j: int) -> int:
        """The last word of a name that a head opens ("Handelsforeningen Ballerup Centrumgaden", "Dansk Industri"):
        it ends with a word that names an organisation ("Foreningen Hillerød Svømmeklub"), or before a header word,
        a document or, after the first word, a common word ("Region Midtjylland Offentliggørelse")."""
        last = j + 1
        if self.words.info(self.word(words[j])).folded == "region":
            return last  # "Region Midtjylland": the name of a region is one word
        for k in range(j + 2, len(words)):
            word = self.word(words[k])
            if word[:1].islower():
                continue
            info = self.words.info(word)
            if info.form_alone is not None and info.form_alone[0] == "ORG":
                return k  # "Foreningen Hillerød Svømmeklub"
            if info.never_alone or info.document or info.common:
                break
            last = k
        return last

    def _form_ahead(self, words: list[Span], j: int, at_initial: bool) -> tuple[int, tuple[Label, str]] | None:
        """The first word from `j` (at most four on) whose form makes words[j..k] an organisation or place."""
        for k in range(j, min(len(words), j + 5)):
            word = self.word(words[k])
            if word[:1].islower():
                continue
            info = self.words.info(word)
            form = info.form_alone if k == j else info.form_last
            if form is not None:
                if k == j and at_initial and form[1] != "body" and info.common:
                    return None  # "Folkeskolen", "Arbejdspladsen" opening a sentence are common nouns
                while form[0] == "LOC" and k + 1 < len(words):  # "Kongeådal Brugsforening", "Kildedal Station"
                    following = self.word(words[k + 1])
                    if not following[:1].isupper() or words[k + 1][0] in self.hits:
                        break  # "Weidekampsgade København": a listed name is a name of its own
                    last = self.words.info(following).form_last
                    if last is None:
                        break
                    k, form = k + 1, last
                return k, form
            if k > j and info.first_name:
                return None
            if k == j and info.definite and info.common:
                return None  # "Frontløberne Ungdomskulturhuset": a common noun does not open a name
        return None

    def _surname_person(self, words: list[Span], j: int) -> int:
        """ "Kasper Fuhr Christensen": two to four name words ending in -sen (or a known surname) are a person."""
        if words[j][0] in self.hits:
            return 0
        size = self._person_extent(words, j)
        for end in range(min(size, 4), 1, -1):
            last = self.word(words[j + end - 1])
            if ((last.endswith("sen") and len(last) > 5) or last in self.words.last_names) and is_name(
                self.text[words[j][0] : words[j + end - 1][1]]
            ):
                return end
        return 0

    # -- guesses -----------------------------------------------------------------------------------------------

    def _flush(self, words: list[Span], unknown: list[int], initial: bool, run_start: int) -> list[_Proposal]:
        """Guesses for the words no rule took, one segment of consecutive words at a time."""
        if not unknown:
            return []
        proposals: list[_Proposal] = []
        segment: list[int] = []
        for index in unknown:
            if segment and index != segment[-1] + 1:
                proposals.extend(self._guess(words, segment, initial, run_start))
                segment = []
            segment.append(index)
        proposals.extend(self._guess(words, segment, initial, run_start))
        unknown.clear()
        return proposals

    def _guess(self, words: list[Span], segment: list[int], initial: bool, run_start: int) -> list[_Proposal]:
        while segment and self.word(words[segment[-1]])[:1].islower():
            segment.pop()
        while segment and self.word(words[segment[0]])[:1].islower():
            segment.pop(0)
        while segment and self.word(words[segment[-1]]) in self.words.party_codes:
            segment.pop()  # "Velfærdsgenopretning MSB EL": the party that proposed it
        if not segment or (initial and segment[0] == run_start):
            return []
        for position, index in enumerate(segment):
            if position and self.info(words[index]).never_alone:
                segment = segment[:position]  # "Beskæftigelsesråd Mødet Torsdag": a header word ends the name
                break
        first, last = segment[0], segment[-1]
        infos = [self.info(words[index]) for index in segment if self.word(words[index])[:1].isupper()]
        if len(infos) == 1:
            return _guess_word(first, self.word(words[first]), infos[0], first == run_start)
        if infos[-1].document or all(self.words.is_compound(info) for info in infos):
            return []
        person = infos[0].first_name or self.word(words[last]).endswith("sen")
        checks = 0 if person else _PERSON_LIST
        return [_Proposal(first, last, "PER" if person else "ORG", GUESS, P_NAME, "guess:words", checks)]

    def _locative_before(self, start: int) -> bool:
        """ "i Fields", "i det kommende Kildedal", "i eksempelvis Lautrup"."""
        words = self.words
        for word in reversed(self.text[max(0, start - 60) : start].split()[-4:]):
            folded = word.casefold()
            if folded in words.locative and word.islower():
                return True
            if folded not in words.locative_filler:
                return False
        return False

    def _listed_after(self, start: int, label: Label) -> bool:
        """ "Lautrup-området, Kildedal og ...": a name listed right after a place is a place (and after a person a
        person)."""
        for candidate in reversed(self.found[-8:]):
            if candidate.end <= start and candidate.tier <= RULE:
                between = self.text[candidate.end : start]
                return (
                    candidate.label == label
                    and len(between) <= 6
                    and between.strip(" \t\u00a0") in (",", "og", ", og", "&")
                )
        return False

    # -- proposals to candidates -------------------------------------------------------------------------------

    def _apply(self, words: list[Span], proposals: list[_Proposal]) -> None:
        """The proposals of a run as candidates, after the checks that read the text around the run."""
        for proposal in proposals:
            if proposal.checks & _SKIP:
                continue
            start, end, label = words[proposal.first][0], words[proposal.last][1], proposal.label
            if proposal.checks:
                checked = self._checked(proposal.checks, start, end, label)
                if checked is None:
                    continue
                start, end, label = checked
            self.add(start, end, label, proposal.tier, proposal.priority, proposal.rule)
            if label == "PER":
                self.people.add(" ".join(self.text[start:end].split()))

    def _checked(self, checks: int, start: int, end: int, label: Label) -> tuple[int, int, Label] | None:
        """A proposal's span and label after its `checks`, or None where one refuses it: a venue without its number,
        a guessed place without a preposition of place or a place listed before it."""
        text = self.text
        if checks & (_VENUE_NUMBER | _STREET_NUMBER):
            number = _NUMBER_AFTER.match(text, end)
            if number is not None:
                end = number.end()  # "Lokale 29", "Banegårdspladsen 1"
            elif checks & _VENUE_NUMBER:
                return None
        if checks & _COORDINATED and "-" in text[max(0, start - 8) : start]:
            start = coordination_start(text, start, self.words)
        if checks & _INSTITUTION and previous_word(text, start).casefold() == "på":
            label = "LOC"  # "på Nærum Gymnasium": the school as a venue
        if checks & _PLACE_BEFORE and not (self._locative_before(start) or self._listed_after(start, "LOC")):
            return None
        if checks & _PERSON_LIST and self._listed_after(start, "PER"):
            label = "PER"  # "Niels Kelberg, Thomas Palmskov, Githa Nelander"
        return start, end, label
