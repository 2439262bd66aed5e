"""What a capitalised word can say about a name, from the word lists of `entity_words.csv`.

`WordClasses.info(word)` answers every question the rules ask about one word at once (is it a header word, a
title, a common Danish word, a known first name; what does its ending make a name that ends with it) and
remembers the answer: the same capitalised words come back again and again, in a document and across them.

Word forms: a name is an organisation when its last word is a council or committee ("Økonomiudvalget",
"Odense Byråd"), an organisation ("Erhvervsministeriet", "Tryg Forsikring", "Ballerup Kommune"), and a place when
it is a street ("Banegårdspladsen"), a building or area ("Posthuset", "Lautrup-området") or a place word after a
name ("Ballerup Rådhus", "World Trade Center"). The longest ending decides: "området" is a place although it
ends in "rådet".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from referat.extractors.entities.patterns import (
    STOP_WORDS,
    Label,
    is_common_compound,
    is_common_word,
    load_person_names,
    load_words,
    party_codes,
)
from referat.extractors.language.names import is_role_word

Form = tuple[Label, str]

# Kinds of word form in the order tried for one ending: (list, label, kind, as a compound of its own, as the last
# word of a longer name).
_FORM_KINDS: tuple[tuple[str, Label, str, bool, bool], ...] = (
    ("body_suffix", "ORG", "body", True, True),
    ("org_suffix", "ORG", "org", True, True),
    ("org_last", "ORG", "org", False, True),
    ("street_suffix", "LOC", "street", True, True),
    ("place_suffix", "LOC", "place", True, True),
    ("place_last", "LOC", "place", False, True),
)
_MIN_STEM = 3  # letters before an ending: "Kildedal", not "Dal"
_LONG_ENDING = 5  # endings this long also end compounds as last words ("Universitetshospital")
_DEFINITE_ENDINGS = ("en", "et", "ens", "ets", "erne", "ernes", "ene")
_CACHE_LIMIT = 200_000


class WordInfo(NamedTuple):
    """One capitalised word as the rules see it."""

    folded: str
    never_alone: bool  # a header word or a function word: never a name by itself, stripped from a run's start
    lead: bool  # a header or section word ("Mødested", "Bilag")
    common: bool  # a common Danish word (stop word or in the lemma table)
    title: bool  # a title or role ("direktør", "erhvervsudviklingschef")
    first_name: bool
    org_head: bool  # a first word that makes a name an organisation ("Handelsforeningen", "Dansk", "Region")
    generic: bool  # never an entity alone ("Kommunen", "Udvalget")
    document: bool  # names a plan, policy or event ("Cykelplanen", "Vækstpolitik")
    venue: bool  # a room or venue word followed by its number ("Lokale", "Mødecenter")
    form_alone: Form | None  # what the word's form makes it as a name of its own
    form_last: Form | None  # what it makes a longer name that it ends
    name_like: bool  # can be part of a person's name
    definite: bool  # a definite noun form ("Cykelpiloterne", "Borgersamlingens")


@dataclass(frozen=True)
class _FormTable:
    endings: dict[str, tuple[tuple[str, Label, str, bool, bool], ...]]
    longest: int

    @classmethod
    def of(cls, lists: dict[str, frozenset[str]]) -> _FormTable:
        endings: dict[str, list[tuple[str, Label, str, bool, bool]]] = {}
        for kind in _FORM_KINDS:
            for ending in lists[kind[0]]:
                endings.setdefault(ending, []).append(kind)
        return cls({ending: tuple(kinds) for ending, kinds in endings.items()}, max(map(len, endings)))

    def form(self, word: str, alone: bool) -> Form | None:
        size = len(word)
        for length in range(min(size, self.longest), 1, -1):
            kinds = self.endings.get(word[size - length :])
            if kinds is None:
                continue
            stem = size - length
            for _, label, kind, compound, last in kinds:
                # A council's name may be the ending itself ("Byrådet", "Magistraten"); the generic ones
                # ("Udvalget", "Rådet") are refused before this.
                if compound and (stem >= _MIN_STEM or kind == "body"):
                    return label, kind
                if last and not alone and (stem == 0 or (length >= _LONG_ENDING and stem >= _MIN_STEM)):
                    return label, kind
            return None
        return None


def strip_possessive(word: str) -> str:
    """ "Kommunes" -> "Kommune", "Aarhus'" -> "Aarhus"; short words keep their s ("Bus")."""
    if word.endswith(("'", "’")):
        return word[:-1]
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


class WordClasses:
    """The word lists, and a cache of `WordInfo` by word."""

    def __init__(self) -> None:
        lists = load_words()
        names = load_person_names()
        self.lists = lists
        self.first_names = names.first
        self.last_names = names.last
        self.lead = lists["lead"]
        self.never_alone = lists["lead"] | STOP_WORDS
        self.generic = lists["generic"]
        self.titles = lists["title"]
        self.title_suffixes = tuple(lists["title_suffix"])
        self.title_for = tuple(lists["title_for"])
        self.speech = lists["speech"]
        self.locative = lists["locative"]
        self.locative_filler = lists["locative_filler"]
        self.place_before = tuple(lists["place_before"])
        self.districts = lists["district"]
        self.org_heads = lists["org_head"]
        self.org_head_endings = tuple(word for word in lists["org_head"] if len(word) >= _LONG_ENDING)
        self.org_for_head = lists["org_for_head"]
        # "Magistratsafdelingen for Børn og Unge": a compound of a head word before "for" is a head too.
        self.org_for_head_endings = tuple(word for word in lists["org_for_head"] if len(word) > _LONG_ENDING)
        # " mødesal" after a genitive: one of the listed rooms as a whole word.
        self.room_after = re.compile(rf" (?:{'|'.join(map(re.escape, sorted(lists['room'])))})(?![\w-])")
        self.place_fields = lists["place_field"]
        self.party_codes = party_codes()
        self.venues = lists["venue"]
        self.surname_like = lists["surname_like"]
        self.documents = lists["document"]
        self.document_endings = tuple(word for word in lists["document"] if len(word) >= 4)
        self.forms = _FormTable.of({kind: lists[kind] for kind, *_ in _FORM_KINDS})
        self._cache: dict[str, WordInfo] = {}
        self._contexts: dict[str, str | None] = {}
        self._compounds: dict[str, bool] = {}

    def is_title(self, word: str) -> bool:
        folded = word.casefold().rstrip(".:,")
        return (
            folded in self.titles or (len(folded) > 5 and folded.endswith(self.title_suffixes)) or is_role_word(folded)
        )

    def form_of(self, word: str, alone: bool) -> Form | None:
        """The label a word's form gives a name that ends with it; `alone` when the word is the whole name."""
        folded = word.casefold()
        bare = strip_possessive(folded)
        if alone and (folded in self.generic or bare in self.generic):
            return None
        return self.forms.form(folded, alone) or (self.forms.form(bare, alone) if bare != folded else None)

    def is_document(self, word: str) -> bool:
        folded = strip_possessive(word.casefold())
        return folded in self.documents or folded.endswith(self.document_endings)

    def context(self, previous: str) -> str | None:
        """What the word before a run says about it: "speech" ("siger"), "title" ("direktør"), "place"
        ("samarbejdsbyen"), "age" ("45-årige") or nothing."""
        found = self._contexts.get(previous, "")
        if found == "":
            if len(self._contexts) > _CACHE_LIMIT:
                self._contexts.clear()
            found = self._contexts[previous] = self._context(previous)
        return found

    def _context(self, previous: str) -> str | None:
        folded = previous.casefold().rstrip(".,:")
        if previous[:1].islower():
            if folded in self.speech:
                return "speech"
            if self.is_title(previous):
                return "title"
            if folded.endswith(self.place_before):
                return "place"
        if folded.endswith(("-årige", "-årig")) and folded[:1].isdigit():
            return "age"
        return None

    def is_compound(self, info: WordInfo) -> bool:
        """Whether a word is common or a compound of common words ("Bilagsliste", "Underskriftsblad"): no evidence of
        a name by itself. Asked only of the words a guess rests on, and remembered."""
        found = self._compounds.get(info.folded)
        if found is None:
            if len(self._compounds) > _CACHE_LIMIT:
                self._compounds.clear()
            found = self._compounds[info.folded] = info.common or (
                len(info.folded) >= 2 * _MIN_STEM + 2 and is_common_compound(strip_possessive(info.folded))
            )
        return found

    def info(self, word: str) -> WordInfo:
        found = self._cache.get(word)
        if found is None:
            if len(self._cache) > _CACHE_LIMIT:
                self._cache.clear()
            found = self._cache[word] = self._describe(word)
        return found

    def _describe(self, word: str) -> WordInfo:
        folded = word.casefold()
        bare = strip_possessive(folded)
        lead = folded in self.lead
        generic = folded in self.generic or bare in self.generic
        title = self.is_title(word)
        form_alone = self.form_of(word, alone=True)
        form_last = self.form_of(word, alone=False)
        common = is_common_word(word)
        definite = len(word) >= 7 and "-" not in word and folded.endswith(_DEFINITE_ENDINGS)
        # A surname may look like a street, a farm or a wood ("Bækkegård", "Kildedal", "Skov"), never like a body
        # or a building ("Kirke", "Rådhus"), nor a definite noun ("Frontløberne", "Ungdomskulturhuset").
        name_like = (
            word[:1].isupper()
            and not lead
            and not generic
            and not title
            and not (definite and (common or form_last is not None))
            and (form_last is None or (form_last[0] == "LOC" and (form_alone is not None or bare in self.surname_like)))
        )
        return WordInfo(
            folded=folded,
            never_alone=folded in self.never_alone,
            lead=lead,
            common=common,
            title=title,
            first_name=word in self.first_names,
            org_head=folded in self.org_heads or folded.endswith(self.org_head_endings),
            generic=generic,
            document=self.is_document(word),
            venue=folded in self.venues,
            form_alone=form_alone,
            form_last=form_last,
            name_like=name_like,
            definite=definite,
        )
