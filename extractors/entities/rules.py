"""Context rules: people, organisations and places from capitalised runs of words and what stands around them.

Danish capitalises proper names and little else, so the rules read runs of capitalised words ("Ballerup
Kommune", "Brandenburg an Der Havel", "Claudia Westh Lonning") and decide, in this order:

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

Expressions over the whole text add "Center for By og Miljø", "centerchef for Social og Arbejdsmarked" and company
forms ("... A/S"); committees written as coordinations are extended to the left ("erhvervs- og
Beskæftigelsesudvalget"). Names found by context, and abbreviations defined in parentheses ("Økonomiudvalget
(ØU)"), are propagated to their other mentions ("Claudia Lonning", "Lonning", "Brandenburg", "ØU").

All of it is linear in the text: each expression runs once over it, and the work per run of words is bounded.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress
from typing import NamedTuple

from extractors.entities.candidates import (
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
)
from extractors.entities.patterns import Label
from extractors.entities.wordclass import WordClasses, WordInfo, strip_possessive
from extractors.minutes.names import LOWER, UPPER, is_party, is_role
from extractors.minutes.names import is_name as _is_name


class GazetteerHit(NamedTuple):
    start: int
    end: int
    label: Label
    kind: str


Span = tuple[int, int]

_SPACE = r"[ \t\u00a0]"
_NAME_WORD = rf"[{UPPER}](?:[\w&]|['’]\w)*(?:-(?:[\w&]|['’]\w)+)*"
_INITIALS = rf"[{UPPER}]\.(?:-?[{UPPER}]\.)*"
_ABBREVIATED = r"(?:Brdr|Skt|Sct|St|Dr|Hr|Chr|Vilh|Jac|Joh|Fr|Th|Mc)\."
_PARTICLE = r"(?:an|am|der|den|von|van|de|la|le|du|di|da|del|of|upon|bin|ibn|al|el)"
_RUN_WORD = rf"(?:{_ABBREVIATED}|{_INITIALS}|{_NAME_WORD})"
# Runs of capitalised words. Nothing before the first capital, so the engine skips fast to the next one; a capital
# inside a word ("iPhone") is refused after it, and runs that an initial or an abbreviation splits ("H.C.
# Andersen", "Brdr. Simonsen") are joined in `_runs`.
_SIMPLE_WORD = rf"[{UPPER}][\w&]*(?:['’-][\w&]+)*"
_FIRST_WORD = rf"[{UPPER}](?<![\w&-].)[\w&]*(?:['’-][\w&]+)*"
RUN = re.compile(rf"({_FIRST_WORD})(?:{_SPACE}{{1,3}}(?:{_PARTICLE}{_SPACE}{{1,3}})?{_SIMPLE_WORD})*")
_WORD_IN_RUN = re.compile(rf"{_RUN_WORD}|{_PARTICLE}")
_NAME_WORD_RE = re.compile(_NAME_WORD)
_JOINING = frozenset({"Brdr", "Skt", "Sct", "St", "Dr", "Hr", "Chr", "Vilh", "Jac", "Joh", "Fr", "Th", "Mc"})
_DOTTED_INITIALS = re.compile(rf"[{UPPER}](?:\.-?[{UPPER}])*")
# "Erhvervs-, Beskæftigelses- og " before a committee's last word: members cut after their hyphen ("Erhvervs-",
# "Erhvervs-,"), with commas and conjunctions between them. Read back from the word, chunk by chunk, only where a
# hyphen stands right before it.
_COORDINATED_MEMBER = re.compile(rf"[\"'“«(]?([{UPPER}{LOWER}]+(?:-,?|,-))")
_COORDINATION_JOINERS = frozenset({"og", "samt", "eller", "&", ","})
_COORDINATION_WINDOW = 160
_COORDINATION_CHUNKS = 12  # members and joiners read back at most
# "Center for By og Miljø", "centerchef for Social og Arbejdsmarked": a list of capitalised words after "for".
_LIST_JOIN = rf"(?:,{_SPACE}{{1,2}}|{_SPACE}{{1,2}}(?:og|&){_SPACE}{{1,2}}|{_SPACE}{{1,2}})"
_CAPITAL_LIST = rf"{_NAME_WORD}(?:{_LIST_JOIN}(?!Center\b){_NAME_WORD})*"
# Both start with literal text, which the engine finds fast; what stands before is read in Python.
_FOR = re.compile(rf"for{_SPACE}{{1,2}}(?P<body>{_CAPITAL_LIST})")
_COMPANY = re.compile(r"(?:A/S|ApS|I/S|P/S|K/S|IVS|SMBA|a\.m\.b\.a\.|A\.m\.b\.A\.|AMBA|GmbH|Ltd\.?|Inc\.?|LLC)"
                      r"(?![\w/])")
_HEAD_BEFORE_FOR = re.compile(rf"(?<![\w-])([{UPPER}{LOWER}][\w-]*){_SPACE}{{1,2}}\Z")
_RUN_BEFORE_COMPANY = re.compile(rf"(?<![\w-])((?:{_RUN_WORD}{_SPACE}{{1,3}}){{1,5}})\Z")
_PAREN_AFTER = re.compile(rf"{_SPACE}*\((?P<inner>[^()\n]{{1,80}})\)")
_ABBREVIATION_AFTER = re.compile(rf"{_SPACE}*\((?P<abbr>[{UPPER}][{UPPER}0-9-]{{1,7}})\)")
_NUMBER_AFTER = re.compile(
    rf"{_SPACE}{{1,2}}(?P<number>\d{{1,4}}(?:[A-Za-z]|{_SPACE}[A-Z])?(?!\w))"
    rf"(?![\w/-]|[.,:]\d|{_SPACE}*(?:%|kr\b|mio\b|procent\b))")
_SKIPPED_BEFORE = frozenset(" \t\u00a0\"“”„'‘’«»([")
_SENTENCE_MARKS = frozenset(".!?:;\n\r\f\v•▪●·*–—-\u2028\u2029")
# Abbreviations that a name may follow ("v. direktør", "bl.a. Novo Nordisk"); after others ("15.000 kr.") and after
# a word with a period a new sentence is taken to start.
_BEFORE_NAMES = frozenset({"v", "bl.a", "f.eks", "fx", "jf", "jvf", "hr", "dr", "st", "skt", "sct", "brdr", "ca",
                           "inkl", "ekskl", "iflg", "vedr", "ang", "pga", "ift", "iht", "mht", "adm", "prof", "cand"})
_ADJECTIVE_HEADS = frozenset({"dansk", "danske", "danmarks", "nordisk", "europæisk", "the"})
_INSTITUTIONS = ("gymnasium", "skole", "universitet", "hospital", "sygehus", "akademi", "seminarium")
_MAX_NAME_WORDS = 5
# The same names are asked about again and again (every mention of a person in a run of words).
is_name = lru_cache(maxsize=20_000)(_is_name)


@lru_cache(maxsize=4096)
def _known_name(name: str) -> re.Pattern[str]:
    """A name as a whole word sequence, its words apart by any whitespace. Its first character comes before the
    look back, so the engine skips from one such character to the next (a look back first would be tried at every
    position of the text)."""
    words = r"\s+".join(map(re.escape, name[1:].split(" ")))
    return re.compile(rf"{re.escape(name[0])}(?<![\w-].){words}(?![\w-])")


def is_initial(text: str, pos: int) -> bool:
    """Whether `pos` starts a sentence, a line or a list item (so its capital says nothing about a name)."""
    k = pos - 1
    while k >= 0 and text[k] in _SKIPPED_BEFORE:
        k -= 1
    if k < 0:
        return True
    char = text[k]
    if char not in _SENTENCE_MARKS:
        return False
    if char == ".":
        start = k
        while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
            start -= 1
        word = text[start:k]
        if word.casefold() in _BEFORE_NAMES or (len(word) == 1 and word.isupper()):
            return False
    return True


def _line_start(text: str, pos: int) -> bool:
    k = pos - 1
    while k >= 0 and text[k] in " \t\u00a0":
        k -= 1
    return k < 0 or text[k] in "\n\r\f\v"


def _trim_list(text: str, start: int, end: int) -> int:
    """The end of text[start:end] without the separators (", ", " og ") that close it."""
    while end > start:
        if text[end - 1] in ", \t\u00a0&":
            end -= 1
        elif text[end - 2:end] == "og" and end - 3 >= start and text[end - 3] in " \t\u00a0":
            end -= 2
        else:
            break
    return end


def _runs(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, one word) of every run of capitalised words, runs split by an initial or an abbreviation
    joined again ("H.C. Andersen", "Anne V. Kristensen", "Brdr. Simonsen")."""
    runs: list[tuple[int, int, bool]] = []
    for match in RUN.finditer(text):
        start, end = match.span()
        if start > 1 and text[start - 1] in "'’" and text[start - 2].isalnum():
            continue  # "app'En"
        if runs and runs[-1][1] < start <= runs[-1][1] + 3 and text[runs[-1][1]] == ".":
            previous_start, previous_end, _ = runs[-1]
            if text[previous_end + 1:start].strip(" \t\u00a0") == "":
                last = text[previous_start:previous_end].rsplit(None, 1)[-1]
                if last in _JOINING or _DOTTED_INITIALS.fullmatch(last):
                    runs[-1] = (previous_start, end, False)
                    continue
        runs.append((start, end, match.end(1) == end))
    return runs


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


# A run's text, whether it opens a sentence, and where gazetteer names stand in it; and what `_analyse` makes of it:
# the words stripped from its start, the context they give, the proposals for the rest; and where its words are
# (relative to its start).
_RunKey = tuple[str, bool, tuple[tuple[int, int, str], ...]]
_Analysis = tuple[int, str | None, list[_Proposal], tuple[Span, ...]]


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
        for start, end, single in _runs(text):
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

    def __init__(self, words: WordClasses, text: str, hits: Sequence[GazetteerHit],
                 cache: dict[_RunKey, _Analysis]) -> None:
        self.words = words
        self.cache = cache
        self.text = text
        self.hits = {hit.start: hit for hit in hits}
        self.hit_starts = sorted(self.hits)
        self.found = [Candidate(hit.start, hit.end, hit.label, RULE, P_GAZETTEER, "gazetteer") for hit in hits]
        # Where the runs of several words are, as plain numbers (lists of tuples would keep the garbage collector busy
        # on long texts), and the runs of one word (but those never a name alone) with their word.
        self.run_bounds: list[int] = []
        self.single_starts: list[int] = []
        self.single_words: list[str] = []
        self.people: set[str] = set()
        self.names: dict[str, Label] = {}

    def add(self, start: int, end: int, label: Label, tier: int, priority: int, rule: str) -> None:
        self.found.append(Candidate(start, end, label, tier, priority, rule))
        if label == "ORG" and tier <= RULE:
            self._abbreviation_after(end)

    def word(self, span: Span) -> str:
        return self.text[span[0]:span[1]]

    def info(self, span: Span) -> WordInfo:
        return self.words.info(self.text[span[0]:span[1]])

    def previous_word(self, pos: int) -> str:
        text = self.text
        k = pos - 1
        while k >= 0 and text[k] in " \t\u00a0\n":
            k -= 1
        end = k + 1
        while k >= 0 and (text[k].isalnum() or text[k] in ".-'’"):
            k -= 1
        return text[k + 1:end]

    # -- expressions over the whole text -----------------------------------------------------------------------

    def known(self, people: Sequence[str]) -> None:
        """The meeting's attendees: every mention of their full name is a person. Found as one alternation of the
        names (the longest first) would find them, but with an expression per name, which is compiled once for
        all the meetings the person attends (compiling each meeting's alternation took half the time)."""
        names = sorted({" ".join(name.split()) for name in people if name.strip()}, key=len, reverse=True)
        if not names:
            return
        text = self.text
        expressions = [_known_name(name) for name in names]
        # The next match of each name from where the last mention found ended, by name in the order above.
        ahead = {order: match for order, expression in enumerate(expressions)
                 if (match := expression.search(text)) is not None}
        while ahead:
            found = ahead[min(ahead, key=lambda order: (ahead[order].start(), order))]
            self.add(found.start(), found.end(), "PER", KNOWN, P_KNOWN, "known")
            for order, match in list(ahead.items()):
                if match.start() < found.end():  # overlapped: searched again after the mention
                    later = expressions[order].search(text, found.end())
                    if later is None:
                        del ahead[order]
                    else:
                        ahead[order] = later
        self.people.update(names)

    def for_lists(self) -> None:
        """"Center for By og Miljø" (all of it is the body) and "centerchef for Social og Arbejdsmarked" (the list)."""
        words, text = self.words, self.text
        for match in _FOR.finditer(text):
            head = _HEAD_BEFORE_FOR.search(text, max(0, match.start() - 40), match.start())
            if head is None:
                continue
            folded = head.group(1).casefold()
            end = self._list_end(match.start("body"), match.end("body"))
            if head.group(1)[:1].isupper() and (folded in words.org_for_head
                                                 or folded.endswith(words.org_for_head_endings)):
                self.add(head.start(1), end, "ORG", RULE, P_FORM, "for:head")
            elif folded.endswith(words.title_for):
                self.add(match.start("body"), end, "ORG", RULE, P_FORM, "for:title")

    def _list_end(self, start: int, end: int) -> int:
        """Where the list after "for" ends: before a body of its own ("Udvalget for Ældre og Sundhed, Økonomiudvalget")
        or a person ("formand for Ældrerådet Birthe Hansen"), and after its first word if that is a body."""
        for word in _NAME_WORD_RE.finditer(self.text, start, end):
            info = self.words.info(word.group())
            if word.start() == start:
                if info.form_alone is not None and info.form_alone[0] == "ORG":
                    return word.end()
            elif info.form_alone is not None or info.first_name or info.folded in self.words.org_for_head or (
                    info.folded.endswith(self.words.org_for_head_endings)):
                return _trim_list(self.text, start, word.start())  # (", Magistratsafdelingen for ...")
        return end

    def companies(self) -> None:
        """"Novo Nordisk A/S": the capitalised words before a company form, with the form."""
        text = self.text
        for match in _COMPANY.finditer(text):
            start = match.start()
            if start and (text[start - 1].isalnum() or text[start - 1] == "/"):
                continue
            run = _RUN_BEFORE_COMPANY.search(text, max(0, start - 120), start)
            if run:
                self.add(run.start(1), match.end(), "ORG", RULE, P_FORM, "company")

    def _abbreviation_after(self, end: int) -> None:
        """An abbreviation defined in parentheses after an organisation: "Økonomiudvalget (ØU)"."""
        match = _ABBREVIATION_AFTER.match(self.text, end)
        if match and not is_party(match.group("abbr")):
            self.found.append(Candidate(match.start("abbr"), match.end("abbr"), "ORG", RULE, P_CONTEXT,
                                        "abbreviation"))
            self.names[match.group("abbr")] = "ORG"

    # -- runs of one word --------------------------------------------------------------------------------------

    def single(self, start: int, word: str, info: WordInfo) -> None:
        """A run of one word (not one that is never a name alone), the most common kind: the rules of `run` that can
        apply to one word."""
        end = start + len(word)
        span = (start, end)
        self.single_starts.append(start)
        self.single_words.append(word)
        if info.folded[-1] == "s" and self._room_after(start, end, info):
            return
        if start in self.hits:
            return  # a gazetteer name, a candidate already: no context changes it
        if is_initial(self.text, start):
            if ":" in self.text[start - 3:start] and word[1:2].islower() and self._place_field_before(start):
                if not info.venue:
                    self._place_context([span], 0)
                elif _NUMBER_AFTER.match(self.text, end):  # "Sted: Mødelokale 2A"
                    self._apply([span], [_Proposal(0, 0, "LOC", RULE, P_FORM, "venue", _VENUE_NUMBER)])
                return
            form = info.form_alone
            if form is not None and (form[1] == "body" or not info.common):
                self._apply([span], [_form_proposal(0, 0, form, info)])
            return
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
        """A run of several words: its analysis depends only on its text, whether it opens a sentence and where
        the gazetteer names stand in it, so it is remembered ("Ballerup Kommune" comes back often); what stands
        around it (titles, parentheses, numbers, prepositions) is read each time."""
        text = self.text
        self.run_bounds += (start, end)
        initial = is_initial(text, start)
        layout: tuple[tuple[int, int, str], ...] = ()
        if self.hits:
            starts, hits = self.hit_starts, self.hits
            first = bisect_left(starts, start)
            if first < len(starts) and starts[first] < end:
                layout = tuple((hit.start - start, hit.end - start, hit.label)
                               for hit in map(hits.__getitem__, starts[first:bisect_left(starts, end, first)]))
        key = (text[start:end], initial, layout)
        analysis = self.cache.get(key)
        if analysis is None:
            words = [match.span() for match in _WORD_IN_RUN.finditer(text, start, end)]
            analysis = self._analyse(words, initial, start)
            if len(self.cache) > _CACHE_LIMIT:
                self.cache.clear()
            self.cache[key] = analysis
        else:  # the words' places come with the analysis: finding them again took an expression per run
            words = [(start + a, start + b) for a, b in analysis[3]]
        i, context, proposals, _ = analysis
        if context == "af":
            context = "byline" if _line_start(text, start) else None
        if i == 0 and not initial:
            context = self._context_before(start)
        elif i == 0 and initial and ":" in text[start - 3:start] and self._place_field_before(start):
            context = "place"  # "Mødested: Rådhussalen"
        if context == "place":
            self._place_context(words, i)
            return
        in_paren = False
        if "(" in text[end:end + 4]:
            paren = _PAREN_AFTER.match(text, end)
            in_paren = paren is not None and (is_party(paren.group("inner")) or is_role(paren.group("inner")))
        if context is not None or in_paren:
            taken = self._context_person(words, i, single=context is not None, whole=context is None)
            if taken:
                proposals = self._segments(words, i + taken, False)
        self._apply(words, proposals)

    def _analyse(self, words: list[Span], initial: bool, start: int) -> _Analysis:
        """(words stripped, the context they give, the proposals for the rest, the words) of a run of words that
        starts at `start`."""
        count = len(words)
        relative = tuple((a - start, b - start) for a, b in words)
        if (not initial and count >= 3 and self.word(words[0]) in ("Det", "Den", "De")
                and all(self.word(span)[:1].isupper() for span in words[1:])):
            return count, None, [_Proposal(0, count - 1, "ORG", RULE, P_FORM, "head:det", 0)], relative
        i, context = self._strip(words, initial)
        if i >= count:
            return i, context, [], relative
        return i, context, self._segments(words, i, initial and not i), relative

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
            elif not (initial and more and info.common and not info.org_head and info.form_alone is None
                      and self._genitive_name(words, i) < 0):
                break
            i += 1
            initial = False
        return i, context

    def _context_before(self, start: int) -> str | None:
        """What the word before a run says about it: a title, a verb of speech, an age, a kind of place."""
        previous = self.previous_word(start)
        return self.words.context(previous) if previous else None

    def _place_field_before(self, start: int) -> bool:
        """Whether a header field of place stands before `start` ("Mødested: Rådhussalen", "Sted: Byrådssalen"):
        its value is a place, and capitalised as a field's value, not as a sentence's first word."""
        text = self.text
        k = start - 1
        while k >= 0 and text[k] in " \t\u00a0|":
            k -= 1
        return k > 0 and text[k] == ":" and self.previous_word(k).casefold() in self.words.place_fields

    def _room_after(self, start: int, end: int, info: WordInfo) -> bool:
        """"Borgmesterens mødelokale", "Kommunalbestyrelsens mødesal": a body's meeting room is a place (the whole
        of it, the genitive and the room)."""
        room = self.words.room_after.match(self.text, end)
        if room is None or info.never_alone:
            return False
        self.add(start, room.end(), "LOC", RULE, P_CONTEXT, "room")
        return True

    def _genitive_name(self, words: list[Span], j: int) -> int:
        """"Kjældgaards Kaffe", "Sydfyns Elforsyning", "Borgmesterens Afdeling": a genitive before a capitalised noun
        names the noun (an organisation, or what the noun's form makes it); the last word of the name, or -1. Not a
        person ("Venstres Hans Peter Geil"), a title ("Aarhus' Borgmester"), an abbreviation ("Danmarks BNP"), a
        body of its own ("Byrådets Økonomiudvalg") or a header word."""
        if j + 1 >= len(words):
            return -1
        first, noun = self.info(words[j]), self.word(words[j + 1])
        if (len(first.folded) < 4 or first.folded[-1] != "s" or first.folded[-2] == "s" or first.never_alone
                or first.title or first.first_name or first.form_alone is not None or not noun[1:2].islower()):
            return -1  # (an organisation's genitive names what it has: "Ankestyrelsens Danmarkskort")
        second = self.info(words[j + 1])
        if second.first_name or second.title or second.never_alone or second.document or (
                second.form_last is not None and second.form_last[0] == "ORG"):
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
        """"samarbejdsbyen Brandenburg an Der Havel": the rest of the run is a place."""
        if any(self.info(span).form_last for span in words[i:]):
            self._apply(words, self._segments(words, i, False))
            return
        start, end = words[i][0], words[-1][1]
        self.add(start, end, "LOC", RULE, P_CONTEXT, "place:context")
        self.names[" ".join(self.text[start:end].split())] = "LOC"
        if any(self.word(span)[:1].islower() for span in words[i:]):
            self.names[self.word(words[i])] = "LOC"  # "Brandenburg" for "Brandenburg an Der Havel"

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
        """The rule that takes the words from `j`, if one does."""
        count = len(words)
        if info.venue:
            letter = words[j + 1] if j + 1 < count else None
            if letter is not None and letter[1] - letter[0] == 1 and letter[0] - words[j][1] <= 3:
                return _Proposal(j, j + 1, "LOC", RULE, P_FORM, "venue", 0)  # "Mødecenter C"
            if letter is None:
                return _Proposal(j, j, "LOC", RULE, P_FORM, "venue", _VENUE_NUMBER)  # "Lokale 29"
        if info.org_head and j + 1 < count and self._opens_name(info, self.word(words[j + 1])):
            return _Proposal(j, self._head_extent(words, j), "ORG", RULE, P_FORM, "head", 0)
        if info.first_name and j + 1 < count and self.word(words[j + 1]).casefold() not in self.words.districts:
            size = self._person_extent(words, j)
            following_form = self.info(words[j + size]).form_last if j + size < count else None
            if size >= 2 and following_form is None and is_name(self.text[words[j][0]:words[j + size - 1][1]]):
                return _Proposal(j, j + size - 1, "PER", RULE, P_NAME, "person:first_name", 0)
        genitive_last = self._genitive_name(words, j)
        if genitive_last >= 0:
            while genitive_last + 1 < count and (self.info(words[genitive_last + 1]).form_last or ("", "body"))[1] in (
                    "org", "street", "place"):
                genitive_last += 1  # "Kommunens Tekniske Forvaltning", not "... Økonomiudvalg"
            noun = self.info(words[genitive_last])
            if noun.form_last is not None:
                return _form_proposal(j, genitive_last, noun.form_last, noun)
            return _Proposal(j, genitive_last, "ORG", RULE, P_FORM, "genitive", 0)
        hit = self.hits.get(words[j][0])
        hit_last = -1
        if hit is not None:
            k = j
            while k < count and words[k][1] < hit.end:
                k += 1
            if k < count and words[k][1] == hit.end:
                hit_last = k
        form_at = self._form_ahead(words, j, at_initial)
        if form_at is not None and form_at[0] > hit_last:  # "Ballerup Kommune", but "København" is no harbour
            k, form = form_at
            return _form_proposal(j, k, form, self.info(words[k]))
        if hit_last < 0:
            if j + 1 < count and not info.first_name:
                after = self.info(words[j + 1])
                if after.folded in self.words.districts and len(after.folded) > 1 and not info.common:
                    return _Proposal(j, j + 1, "LOC", RULE, P_FORM, "district", 0)  # "Tuborg Nord", "Trige Syd"
                if info.definite and after.first_name:
                    return None  # "Velfærdslistens Kasper Fuhr Christensen": the person starts at the first name
            person = self._surname_person(words, j)
            return _Proposal(j, j + person - 1, "PER", RULE, P_NAME, "person:surname", 0) if person else None
        assert hit is not None
        following = self.word(words[hit_last + 1]).casefold() if hit_last + 1 < count else ""
        if hit.label == "LOC" and following in self.words.districts:
            return _Proposal(j, hit_last + 1, "LOC", RULE, P_FORM, "district", 0)  # "Århus City", "København V"
        return _Proposal(j, hit_last, hit.label, RULE, P_GAZETTEER, "gazetteer", _SKIP)

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
        """"Kasper Fuhr Christensen": two to four name words ending in -sen (or a known surname) are a person."""
        if words[j][0] in self.hits:
            return 0
        size = self._person_extent(words, j)
        for end in range(min(size, 4), 1, -1):
            last = self.word(words[j + end - 1])
            if ((last.endswith("sen") and len(last) > 5) or last in self.words.last_names) and is_name(
                    self.text[words[j][0]:words[j + end - 1][1]]):
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
        """"i Fields", "i det kommende Kildedal", "i eksempelvis Lautrup"."""
        words = self.words
        for word in reversed(self.text[max(0, start - 60):start].split()[-4:]):
            folded = word.casefold()
            if folded in words.locative and word.islower():
                return True
            if folded not in words.locative_filler:
                return False
        return False

    def _listed_after(self, start: int, label: Label) -> bool:
        """"Lautrup-området, Kildedal og ...": a name listed right after a place is a place (and after a person a
        person)."""
        for candidate in reversed(self.found[-8:]):
            if candidate.end <= start and candidate.tier <= RULE:
                between = self.text[candidate.end:start]
                return (candidate.label == label and len(between) <= 6
                        and between.strip(" \t\u00a0") in (",", "og", ", og", "&"))
        return False

    def _coordination_start(self, start: int) -> int:
        """Where a name whose last word starts at `start` begins when compounds are coordinated before that word
        ("Erhvervs-, Beskæftigelses- og Uddannelsesudvalget"), with a head before them ("Danmarks Medie- og
        Journalisthøjskole"); `start` where there is no coordination."""
        text = self.text
        window = max(0, start - _COORDINATION_WINDOW)
        first = position = start
        for chunk in reversed(text[window:start].rsplit(None, _COORDINATION_CHUNKS)):
            position = text.rfind(chunk, window, position)
            if chunk in _COORDINATION_JOINERS:
                continue
            member = _COORDINATED_MEMBER.fullmatch(chunk)
            if member is None or (position == window and window and not text[window - 1].isspace()):
                break  # not a member, or one cut by the window
            first = position + member.start(1)
        if first == start:
            return start
        start = first
        head = _HEAD_BEFORE_FOR.search(text, max(0, start - 40), start)
        if head is not None and head.group(1)[:1].isupper() and self.words.info(head.group(1)).org_head:
            start = head.start(1)
        return start

    # -- proposals to candidates -------------------------------------------------------------------------------

    def _apply(self, words: list[Span], proposals: list[_Proposal]) -> None:
        """The proposals of a run as candidates, after the checks that read the text around the run."""
        text = self.text
        for proposal in proposals:
            checks = proposal.checks
            if checks & _SKIP:
                continue
            start, end = words[proposal.first][0], words[proposal.last][1]
            label = proposal.label
            if checks:
                if checks & _VENUE_NUMBER:
                    number = _NUMBER_AFTER.match(text, end)
                    if number is None:
                        continue
                    end = number.end()
                if checks & _STREET_NUMBER:
                    number = _NUMBER_AFTER.match(text, end)
                    if number is not None:
                        end = number.end()
                if checks & _COORDINATED and "-" in text[max(0, start - 8):start]:
                    start = self._coordination_start(start)
                if checks & _INSTITUTION and self.previous_word(start).casefold() == "på":
                    label = "LOC"  # "på Nærum Gymnasium": the school as a venue
                if checks & _PLACE_BEFORE and not (self._locative_before(start) or self._listed_after(start, "LOC")):
                    continue
                if checks & _PERSON_LIST and self._listed_after(start, "PER"):
                    label = "PER"  # "Niels Kelberg, Thomas Palmskov, Githa Nelander"
            self.add(start, end, label, proposal.tier, proposal.priority, proposal.rule)
            if label == "PER":
                self.people.add(" ".join(text[start:end].split()))

    # -- propagation -------------------------------------------------------------------------------------------

    def propagate(self) -> None:
        """Other mentions of people and context-found names: "Claudia Lonning" and "Lonning" after "Claudia Westh
        Lonning", "Brandenburg" after "Brandenburg an Der Havel", "ØU" after "Økonomiudvalget (ØU)"."""
        names: dict[str, Label] = dict(self.names)
        for person in self.people:
            parts = person.split()
            if len(parts) >= 2:
                names.setdefault(person, "PER")
                names.setdefault(f"{parts[0]} {parts[-1]}", "PER")
                last = self.words.info(parts[-1])
                if len(parts[-1]) >= 4 and not last.common and not last.first_name:
                    names.setdefault(parts[-1], "PER")
        if not names:
            return
        by_first: dict[str, list[tuple[int, str]]] = {}
        for name in names:
            parts = name.split()
            by_first.setdefault(parts[0], []).append((len(parts), name))
            possessive_first = parts[0] if len(parts) > 1 else parts[0] + "s"
            by_first.setdefault(possessive_first, []).append((len(parts), name + "s"))
        for entries in by_first.values():
            entries.sort(reverse=True)
        first_words = by_first.keys()
        bounds = iter(self.run_bounds)
        for start, end in zip(bounds, bounds, strict=True):  # the (start, end) pairs
            if not first_words.isdisjoint(self.text[start:end].split()):
                self._propagate_in(start, end, by_first, names)
        # Runs of one word: those that are a first word, picked in C (a test per run took a third of the pass).
        words = self.single_words
        if not first_words.isdisjoint(words):
            for k in compress(range(len(words)), map(first_words.__contains__, words)):
                start = self.single_starts[k]
                self._propagate_in(start, start + len(words[k]), by_first, names)

    def _propagate_in(self, start: int, end: int, by_first: dict[str, list[tuple[int, str]]],
                      names: dict[str, Label]) -> None:
        """The mentions of `names` in one run, `by_first` holding them by their first word, longest first."""
        words = [match.span() for match in _WORD_IN_RUN.finditer(self.text, start, end)]
        texts = [self.word(span) for span in words]
        for j, span in enumerate(words):
            for size, name in by_first.get(texts[j], ()):
                if j + size <= len(words) and " ".join(texts[j:j + size]) == name:
                    label = names.get(name) or names[name[:-1]]
                    self.add(span[0], words[j + size - 1][1], label, RULE, P_PROPAGATED, "propagated")
                    break
