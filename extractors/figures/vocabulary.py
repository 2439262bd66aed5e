"""The vocabulary of figures, loaded once from the data files next to the extractors.

- `data/figure_units.csv`: units printed after a number (`kr.`, `%`, `pct.`, `promille`, `hektarer`, `km`, `uger`,
  ...), each with its kind (money, percent, measure), its normalised unit (`hektarer` -> `hektar`, `ugers` ->
  `uger`), its dimension (`time` marks durations, which time anchors such as "de seneste fem år" and ages such as
  "30 dage gammel" exclude; `age` marks "-årig(e)", an age unless a period follows: "en 4-årig budgetperiode")
  and a factor (`tkr.` is 1000 DKK).
- `data/figure_scales.csv`: scale words (`mio.`, `mia.`, `millioner`, `t.`), their factor and whether they need
  a currency after them to make money (`t.` alone is not "tusind").
- `data/figure_number_words.csv`: the number words we read ("tre spor", "to millioner") with their values; the
  values of word sequences come from `text2num`, the table is the fallback where it has none ("halvanden", "ét").
  "én" and "ét" are the numeral one, written with an accent to tell them from the articles "en" and "et".
- `data/figure_words.csv`: context words by role:
  `label` (a number right after it is an item, case, paragraph, page, room... number: "§", "pkt.", "Side"),
  `label_head` (the last part of a compound label: "Kortbilag 7", "Kommuneplantillæg 13", "journalnummer 12"),
  `street_suffix` (a number after a capitalised word with this ending is a house number: "Solvej 6"),
  `anchor_before` / `anchor_after` (make a duration a point in time: "de seneste fem år", "for 5 år siden"),
  `age_before` / `age_after` (make a number of years an age: "børn under 18 år", "30 dage gammel", "op til
  5-års alderen"), `period_noun` (stems of nouns that make "-årig" a duration: "en 4-årig budgetperiode"),
  `vague` (before a scale word, a guess, not a figure: "flere hundrede tusinde besøgende"),
  `quantifier` (between number and noun, kept in the text but not the unit: "750 flere Ballerupborgere"),
  `adjective` / `comparative` (adjectives that do not look like one: "små"; -ere words that are not agent
  nouns: "større"), `noun_in_es` (nouns that look like passive verbs), `stopword` (words that are never a
  counted noun), `money_noun` (word endings that make a bare amount money: "et budget på 70.000"),
  `comparison` / `subset` (words before a bare number whose unit comes from context: "fra 13 til 5",
  "heraf 0 anbefales"), `approximation` ("ca.", "omkring": skipped, and they let "ca. 2000 borgere" count).

Forms that are all lower case and longer than two characters match in any case ("Kr.", "PCT."); the others
(`DKK`, `MW`, `m2`, `km`) match only as written, so "M" is not "m".
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Literal, get_args

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
UNITS_FILE = DATA_DIR / "figure_units.csv"
SCALES_FILE = DATA_DIR / "figure_scales.csv"
NUMBER_WORDS_FILE = DATA_DIR / "figure_number_words.csv"
WORDS_FILE = DATA_DIR / "figure_words.csv"

FigureKind = Literal["money", "percent", "count", "measure"]
UnitKind = Literal["money", "percent", "measure"]
WordRole = Literal[
    "anchor_before",
    "anchor_after",
    "age_before",
    "age_after",
    "period_noun",
    "vague",
    "quantifier",
    "adjective",
    "comparative",
    "noun_in_es",
    "stopword",
    "money_noun",
    "comparison",
    "subset",
    "approximation",
    "label",
    "label_head",
    "street_suffix",
]
UNIT_KINDS: tuple[UnitKind, ...] = get_args(UnitKind)
WORD_ROLES: tuple[WordRole, ...] = get_args(WordRole)


class FigureVocabularyError(ValueError):
    """A row of a figure data file that cannot be used; the message names the file, the row and the fix."""


@dataclass(frozen=True)
class Unit:
    """One printed form of a unit: `form` as printed, `unit` as stored (`hektarer` -> `hektar`)."""

    form: str
    kind: UnitKind
    unit: str
    dimension: str
    factor: Decimal
    example: str

    @property
    def exact_case(self) -> bool:
        return not (self.form.islower() and len(self.form) > 2)

    @property
    def is_duration(self) -> bool:
        return self.dimension == "time"

    @property
    def is_age(self) -> bool:
        """ "-årig(e)": a person's age, or the length of the period it describes ("en 4-årig budgetperiode")."""
        return self.dimension == "age"


@dataclass(frozen=True)
class Scale:
    """A scale word after a number ("1,5 mio. kr."): its factor, and whether only a currency makes it money."""

    form: str
    factor: Decimal
    needs_currency: bool
    example: str

    @property
    def exact_case(self) -> bool:
        return not (self.form.islower() and len(self.form) > 2)


@dataclass(frozen=True)
class FigureVocabulary:
    """Everything the figure finder knows about words: units, scales, number words and context words."""

    units: tuple[Unit, ...]
    scales: tuple[Scale, ...]
    number_words: tuple[tuple[str, Decimal], ...]
    words: tuple[tuple[WordRole, frozenset[str]], ...]
    _units_by_form: dict[str, Unit] = field(init=False, repr=False, compare=False, hash=False)
    _scales_by_form: dict[str, Scale] = field(init=False, repr=False, compare=False, hash=False)
    _number_words: dict[str, Decimal] = field(init=False, repr=False, compare=False, hash=False)
    _roles: dict[WordRole, frozenset[str]] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        # Lookup tables, built once: the finder asks them for every number it reads.
        units: dict[str, Unit] = {}
        for unit in self.units:
            units.setdefault(unit.form, unit)
            if not unit.exact_case:
                units.setdefault(unit.form.casefold(), unit)
        scales: dict[str, Scale] = {}
        for scale in self.scales:
            scales.setdefault(scale.form, scale)
            if not scale.exact_case:
                scales.setdefault(scale.form.casefold(), scale)
        roles = dict(self.words)
        for role in WORD_ROLES:
            roles.setdefault(role, frozenset())
        object.__setattr__(self, "_units_by_form", units)
        object.__setattr__(self, "_scales_by_form", scales)
        object.__setattr__(self, "_number_words", dict(self.number_words))
        object.__setattr__(self, "_roles", roles)

    def unit_for(self, printed: str) -> Unit:
        """The unit whose form was printed (exactly, or in another case where the form allows it)."""
        found = self._units_by_form.get(printed) or self._units_by_form.get(printed.casefold())
        if found is None:
            raise KeyError(f"no unit is printed {printed!r}")
        return found

    def scale_for(self, printed: str) -> Scale:
        found = self._scales_by_form.get(printed) or self._scales_by_form.get(printed.casefold())
        if found is None:
            raise KeyError(f"no scale word is printed {printed!r}")
        return found

    def role(self, role: WordRole) -> frozenset[str]:
        """The words of one role, case-folded."""
        return self._roles[role]

    def number_word_value(self, word: str) -> Decimal | None:
        return self._number_words.get(word.casefold())


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [column for column in columns if column not in (reader.fieldnames or [])]
        if missing:
            raise FigureVocabularyError(
                f"{path}: missing column(s) {', '.join(missing)}; the header must name {', '.join(columns)}"
            )
        return [
            (number, {key: (value or "").strip() for key, value in row.items() if key})
            for number, row in enumerate(reader, start=2)
        ]


def _decimal(path: Path, number: int, text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation as error:
        raise FigureVocabularyError(
            f"{path}, line {number}: {text!r} is not a number; write it like 1000 or 1.5"
        ) from error
    if not value.is_finite() or value <= 0:
        raise FigureVocabularyError(f"{path}, line {number}: {text!r} must be a positive number")
    return value


def load_units(path: Path = UNITS_FILE) -> tuple[Unit, ...]:
    units = []
    for number, row in _rows(path, ("form", "kind", "unit", "dimension", "factor", "example")):
        if row["kind"] not in UNIT_KINDS:
            raise FigureVocabularyError(
                f"{path}, line {number}: unknown kind {row['kind']!r}; use one of "
                f"{', '.join(UNIT_KINDS)} (counts take their noun as unit)"
            )
        if not row["form"] or not row["unit"]:
            raise FigureVocabularyError(f"{path}, line {number}: a unit needs a form and a normalised unit")
        units.append(
            Unit(
                row["form"],
                row["kind"],
                row["unit"],
                row["dimension"],
                _decimal(path, number, row["factor"] or "1"),
                row["example"],
            )
        )
    return tuple(units)


def load_scales(path: Path = SCALES_FILE) -> tuple[Scale, ...]:
    scales = []
    for number, row in _rows(path, ("form", "factor", "needs_currency", "example")):
        if row["needs_currency"] not in ("yes", "no"):
            raise FigureVocabularyError(f"{path}, line {number}: needs_currency must be yes or no")
        scales.append(
            Scale(row["form"], _decimal(path, number, row["factor"]), row["needs_currency"] == "yes", row["example"])
        )
    return tuple(scales)


def load_number_words(path: Path = NUMBER_WORDS_FILE) -> tuple[tuple[str, Decimal], ...]:
    words = []
    for number, row in _rows(path, ("word", "value")):
        word = row["word"]
        if not word.isalpha() or word != word.casefold():
            raise FigureVocabularyError(f"{path}, line {number}: {word!r} must be one lower-case word")
        words.append((word, _decimal(path, number, row["value"])))
    return tuple(words)


def load_context_words(path: Path = WORDS_FILE) -> tuple[tuple[WordRole, frozenset[str]], ...]:
    by_role: dict[WordRole, set[str]] = {role: set() for role in WORD_ROLES}
    for number, row in _rows(path, ("role", "word")):
        role = row["role"]
        if role not in WORD_ROLES:
            raise FigureVocabularyError(
                f"{path}, line {number}: unknown role {role!r}; use one of {', '.join(WORD_ROLES)}"
            )
        if not row["word"]:
            raise FigureVocabularyError(f"{path}, line {number}: empty word; write one or delete the row")
        by_role[role].add(row["word"].casefold())
    return tuple((role, frozenset(words)) for role, words in by_role.items())


@cache
def load_figure_vocabulary() -> FigureVocabulary:
    """The vocabulary from the data files, read once."""
    return FigureVocabulary(load_units(), load_scales(), load_number_words(), load_context_words())
