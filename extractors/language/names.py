"""People as attendance lists and minutes print them, split into name, party and role.

"Jesper Würtzen (A) (borgmester)", "Formand Erik Nielsen (A)", "Lolan Ottesen (A) - formand",
"Birgitte Glifberg (A), Suppleant for Brian Møller (A)": `parse_person_parts` finds the name (2-5 capitalised
words, initials and particles allowed), the party (a code of 1-3 capitals or a name from data/parties.csv), the
role (a title from data/roles.csv, as printed) and the notes printed with the person that are neither
("(Afbud)", "- Deltog", "sag 129-138"); attendance.py decides what those notes mean. The list helpers split
"A, B og C" at the top level (never inside parentheses) and find the people that open or close a clause, as in
"Byrådet, 23.02.2016 Helge Adam Møller og John Lauritzen var fraværende"; the clause helpers say where such a
sentence starts and ends ("Anne V. Kristensen" and "vedr. pkt. 196" do not end one), `mentions_after` pairs each
match of a phrase with the people named before it, and `item_ref` reads the item numbers a sentence names.
Copying sites run names together without separators ("Søren Hansen Lene Magnussen Bjarne Holm Markussen",
"Rie Frank (A) Bodil Kornbek (A) var fraværende"): `split_name_run`, `person_opening` and the clause helpers
split such runs where a parenthesis closes or a Danish first name follows a surname (first names from the entity
stage's data/entity_person_names.csv).

Everything here runs in time linear in the text: no pattern can backtrack over more than one word.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from referat.extractors.language.normalise import collapse
from referat.extractors.prefilter import Prefiltered, fold, matches_at

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
ROLES_FILE = DATA_DIR / "roles.csv"
PARTIES_FILE = DATA_DIR / "parties.csv"
PERSON_NAMES_FILE = DATA_DIR / "entity_person_names.csv"

UPPER = "".join(char for char in map(chr, range(0x41, 0x250)) if char.isalpha() and char.isupper())
LOWER = "".join(char for char in map(chr, range(0x61, 0x250)) if char.isalpha() and char.islower())

# "Würtzen", "Falk-Sørensen", "McDonald", "O'Brien"; initials "V.", "H.C.".
_WORD = re.compile(
    rf"[{UPPER}][{LOWER}'’]*[{LOWER}](?:[{UPPER}][{LOWER}]+)?(?:-[{UPPER}{LOWER}](?:[{LOWER}'’]*[{LOWER}])?)*"
)
_INITIALS = re.compile(rf"(?:[{UPPER}]\.-?){{1,3}}")
_ORDINAL = re.compile(r"\d{1,2}\.")
_PARTY_CODE = re.compile(rf"[{UPPER}]{{1,3}}")
_TOKEN = re.compile(r"\S+")
# Where the name ends: a parenthesis, a comma, or a dash standing alone ("Lolan Ottesen (A) - formand").
_NAME_END = re.compile(r"[(,;]|\s[-–—](?=\s|$)")
_LEAD = re.compile(r"[\s•·▪◦●‣*]*(?:[-–—](?=\s))?\s*")
_SUBSTITUTE = re.compile(r"(?:suppleant|stedfortræder)\s+for\s+(?P<who>\S.*)", re.IGNORECASE | re.DOTALL)
# Separators of a list of people at the top level; `(?<!\s)` makes a run of spaces cost one attempt, not many.
_SEPARATOR = re.compile(r"[();,]|(?<!\s)\s+(?:og|samt|&)\s+(?=\S)")
_SEPARATOR_NO_WORDS = re.compile(r"[();,]")
_NUMBERS = r"\d{1,5}(?:\s{0,3}(?:,|og|-|–|til)\s{0,3}\d{1,5})*"
ITEM_REF = re.compile(
    rf"(?<!\w)(?:pkt\.?|punkt(?:erne|et)?\.?|punkter|sag(?:erne|er)?(?:\s{{1,3}}nr\.?)?|sager)\s{{0,3}}(?P<nums>{_NUMBERS})",
    re.IGNORECASE,
)
LINE_BREAKS = "\n\r\f\v\x85\u2028\u2029"
_SENTENCE_MARK = re.compile(r"[.!?;\n\r\f\v\x85\u2028\u2029]")
_CLAUSE_MARK = re.compile(r"[.!?:;]")
_ABBREVIATIONS = frozenset(
    {
        "kl",
        "pkt",
        "nr",
        "vedr",
        "jf",
        "ca",
        "mv",
        "fl",
        "evt",
        "hr",
        "fru",
        "dr",
        "st",
        "tlf",
        "stk",
        "inkl",
        "ekskl",
        "bl",
        "a",
        "f",
        "eks",
        "ang",
        "iflg",
        "sagsnr",
    }
)

PARTICLES = frozenset(
    {
        "de",
        "da",
        "del",
        "della",
        "der",
        "di",
        "du",
        "la",
        "le",
        "van",
        "von",
        "af",
        "zu",
        "bin",
        "ibn",
        "al",
        "el",
        "ten",
        "ter",
    }
)
MAX_NAME_WORDS = 5
# How far back from a phrase such as "var fraværende" the names it follows may start.
CLAUSE_CHARS = 1000
# Capitalised words that open sentences or name bodies, never people; role words are refused separately.
_STOPWORD_TEXT = """
den det de der denne dette disse han hun hvis hvor når som efter før under med for til fra ved om og men også
desuden endvidere herudover derudover dog samt alle ingen ikke intet formanden borgmesteren næstformanden
udvalget mødet byrådet kommunalbestyrelsen regionsrådet borgerrepræsentationen magistraten direktionen
administrationen forvaltningen medlemmerne medlemmer medlem afbud fraværende fravær deltog deltagere
mødedeltagere tilstede stede sekretær referat dagsorden beslutning beslutninger indstilling sagsfremstilling
punkt punkter punktet sag sager sagen pkt side bilag åben åbent lukket indhold sammendrag baggrund godkendt
taget kl jf vedr se nr sagsnr dato mødedato mødested mødelokale tidspunkt januar februar marts april maj juni
juli august september oktober november december mandag tirsdag onsdag torsdag fredag lørdag søndag region
kommune center rådhus danmark spørgetid meddelelser orientering tilbage download transkript størrelse starte
hr fru dr velkommen tak suppleant suppleanter stedfortræder af vej gade allé plads torv
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_STOP_SUFFIXES = (
    "udvalget",
    "udvalgets",
    "rådet",
    "rådets",
    "kommune",
    "kommunes",
    "forvaltningen",
    "listen",
    "partiet",
    "sekretariatet",
    "centret",
    "afdelingen",
    "bestyrelsen",
)


@dataclass(frozen=True)
class PersonMention:
    """One person as printed: name, party code or name, role as printed (lower-cased first word)."""

    name: str
    party: str | None
    role: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Note:
    """Something printed with a person that is neither party nor role: "(Afbud)", "- Deltog", ", sag 129-138".

    `kind` says how it was attached: "paren", "dash" or "comma"."""

    text: str
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class PersonParts:
    """A parsed entry: the person, whom they stand in for, and the notes printed with them.

    `person.start`/`person.end` cover the role prefix, name, party and role; `end` covers the notes too."""

    person: PersonMention
    substitute_for: str | None
    notes: tuple[Note, ...]
    end: int

    def shifted(self, by: int) -> PersonParts:
        notes = tuple(replace(note, start=note.start + by, end=note.end + by) for note in self.notes)
        person = replace(self.person, start=self.person.start + by, end=self.person.end + by)
        return replace(self, person=person, notes=notes, end=self.end + by)


@dataclass(frozen=True)
class ItemRef:
    """Item numbers as printed ("pkt. 196, 197 og 198"); `item_range` when printed as a range ("sag 129-138")."""

    items: tuple[str, ...]
    item_range: tuple[int, int] | None


@dataclass(frozen=True)
class Role:
    role: str
    match: str  # "word": the word itself; "suffix": any word ending so ("centerchef" for "chef")
    example: str


@cache
def load_roles(path: Path = ROLES_FILE) -> tuple[Role, ...]:
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(Role(row["role"], row["match"], row["example"]) for row in csv.DictReader(handle))


@cache
def _role_words() -> tuple[frozenset[str], tuple[str, ...]]:
    roles = load_roles()
    return (frozenset(role.role for role in roles), tuple(role.role for role in roles if role.match == "suffix"))


@cache
def load_party_forms(path: Path = PARTIES_FILE) -> frozenset[str]:
    """Every letter, abbreviation and name of a party, case-folded ("a", "sf", "løsgænger", "venstre")."""
    forms: set[str] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            printed = (row["letter"], row["name"], *row["abbreviations"].split(";"))
            forms.update(form.strip().casefold() for form in printed)
    forms.discard("")
    return frozenset(forms)


@cache
def _party_name_words() -> frozenset[str]:
    return frozenset(word for form in load_party_forms() if " " in form for word in form.split() if len(word) > 2)


def is_role_word(word: str) -> bool:
    folded = word.casefold().strip(".,:;")
    words, suffixes = _role_words()
    return folded in words or folded.endswith(suffixes)


def is_role(text: str) -> bool:
    """A title as printed in parentheses or after a dash: "2. viceborgmester", "centerchef for By, Erhverv og Miljø".

    A title never opens with a name: "Bo Morthorst Rasmussen deltager som stedfortræder" after a dash names a
    person and the substitute phrase, not a title."""
    head = re.split(r"\s+for\s+", text, maxsplit=1)[0]
    words = head.replace("-", " ").split()
    if not 0 < len(words) <= 6 or is_name(" ".join(text.split()[:2])):
        return False
    return any(is_role_word(word) for word in words)


def is_party(text: str) -> bool:
    text = collapse(text)
    return bool(_PARTY_CODE.fullmatch(text)) or text.casefold() in load_party_forms()


def _is_stop(token: str) -> bool:
    folded = token.casefold()
    return (
        folded in _STOPWORDS or folded.endswith(_STOP_SUFFIXES) or folded in _party_name_words() or is_role_word(token)
    )


def is_name(text: str) -> bool:
    """2-5 capitalised words (initials and particles such as "von" allowed between them), none a known non-name."""
    tokens = text.split()
    if not tokens or len(tokens) > MAX_NAME_WORDS * 2:
        return False
    words = 0
    for position, token in enumerate(tokens):
        if token in PARTICLES:
            if position in (0, len(tokens) - 1):
                return False
            continue
        if _WORD.fullmatch(token):
            if _is_stop(token):
                return False
        elif not _INITIALS.fullmatch(token) or position == len(tokens) - 1:
            return False
        words += 1
    return 2 <= words <= MAX_NAME_WORDS and collapse(text).casefold() not in load_party_forms()


def as_role(text: str) -> str:
    """The role as printed, whitespace collapsed and a capitalised first word lower-cased ("Formand" -> "formand")."""
    role = collapse(text)
    first = role.split(" ", 1)[0]
    if first[:1].isupper() and first[1:].islower():
        role = role[:1].lower() + role[1:]
    return role


def _trim_end(text: str) -> int:
    """End of the entry: trailing space and a closing full stop after a word or parenthesis are not part of it."""
    end = len(text.rstrip())
    if end >= 2 and text[end - 1] in ".;" and (text[end - 2] == ")" or text[end - 2].islower()):
        end = len(text[: end - 1].rstrip())
    return end


def parse_person_parts(text: str) -> PersonParts | None:
    """One printed entry split into person, substitute and notes; None when the text is not (only) a person."""
    pos = _LEAD.match(text).end()  # type: ignore[union-attr]  # the pattern matches the empty string
    end = _trim_end(text)
    if pos >= end:
        return None
    stop_match = _NAME_END.search(text, pos, end)
    stop = stop_match.start() if stop_match else end
    tokens = _name_tokens(text, pos, stop)
    if tokens is None:
        return None
    skip = _role_prefix_words(tokens)
    name = " ".join(token.group() for token in tokens[skip:])
    if not is_name(name):
        return None
    role = as_role(text[tokens[0].start() : tokens[skip - 1].end()]) if skip else None
    attached = _Attached(role=role, person_end=tokens[-1].end())
    if not attached.read(text, stop, end):
        return None
    person = PersonMention(name, attached.party, attached.role, tokens[0].start(), attached.person_end)
    return PersonParts(person, attached.substitute, tuple(attached.notes), end)


def _name_tokens(text: str, pos: int, stop: int) -> list[re.Match[str]] | None:
    """The words of text[pos:stop], where a name (with a title before it) stands; None when there are none or
    more than any name has."""
    tokens = []
    for match in _TOKEN.finditer(text, pos, stop):
        tokens.append(match)
        if len(tokens) > MAX_NAME_WORDS * 2 + 2:
            return None
    return tokens or None


def _role_prefix_words(tokens: list[re.Match[str]]) -> int:
    """How many of the first words are a title printed before the name: "2. viceborgmester Anne Hansen" (2),
    "Borgmester Anne Hansen" (1)."""
    if len(tokens) < 3:
        return 0
    if _ORDINAL.fullmatch(tokens[0].group()) and is_role_word(tokens[1].group()):
        return 2
    if tokens[0].group().isalpha() and is_role_word(tokens[0].group()):
        return 1
    return 0


@dataclass
class _Attached:
    """What is printed after a name, read one part at a time: party, role, whom the person stands in for (the
    substitute's entry) and notes. `person_end` is where the last part that belongs to the person ends."""

    role: str | None
    person_end: int
    party: str | None = None
    substitute: str | None = None
    notes: list[Note] = field(default_factory=list)

    def read(self, text: str, at: int, end: int) -> bool:
        """Reads the parts in text[at:end]; False when something else follows the name (not a person alone)."""
        while True:
            while at < end and text[at].isspace():
                at += 1
            if at >= end:
                return True
            char = text[at]
            if char == "(":
                after = self._parenthesis(text, at, end)
                if after is None:
                    return False
                at = after
            elif char in "-–—":
                self._dash(text, at, end)
                at = end
            elif char in ",;":
                self._comma(text, at, end)
                at = end
            else:
                return False

    def _stands_in_for(self, stood_in: PersonParts) -> None:
        self.substitute = stood_in.person.name
        self.role = f"stedfortræder for {self.substitute}"

    def _parenthesis(self, text: str, at: int, end: int) -> int | None:
        """ "(V)", "(formand)", "(stedfortræder for Anne Hansen)" or a note "(Afbud)": where it ends; None when it
        is not closed or holds another."""
        close = text.find(")", at + 1, end)
        if close < 0 or "(" in text[at + 1 : close]:
            return None
        inner = collapse(text[at + 1 : close])
        if self.party is None and is_party(inner):
            self.party, self.person_end = inner, close + 1
        elif is_role(inner) and self.role is None:
            self.role, self.person_end = as_role(inner), close + 1
            who = _SUBSTITUTE.fullmatch(inner)
            if who and (stood_in := parse_person_parts(who.group("who"))) is not None:
                self._stands_in_for(stood_in)
        else:
            self.notes.append(Note(inner, "paren", at, close + 1))
        return close + 1

    def _dash(self, text: str, at: int, end: int) -> None:
        """ "- formand" or a note "- Deltog": the rest of the entry."""
        rest = collapse(text[at + 1 : end])
        if self.role is None and is_role(rest):
            self.role, self.person_end = as_role(rest), end
        else:
            self.notes.append(Note(rest, "dash", at, end))

    def _comma(self, text: str, at: int, end: int) -> None:
        """ ", formand", ", stedfortræder for Anne Hansen" or a note ", sag 129-138": the rest of the entry."""
        rest = text[at + 1 : end]
        who = _SUBSTITUTE.fullmatch(rest.strip())
        stood_in = parse_person_parts(who.group("who")) if who else None
        if stood_in is not None:
            self._stands_in_for(stood_in)
            self.person_end = end
        elif self.role is None and is_role(rest):  # "Anne Hansen (V), formand"
            self.role, self.person_end = as_role(rest), end
        else:
            self.notes.append(Note(collapse(rest), "comma", at, end))


def parse_at(text: str, lo: int, hi: int) -> PersonParts | None:
    """`parse_person_parts` on text[lo:hi], with offsets into `text`."""
    parts = parse_person_parts(text[lo:hi])
    return parts.shifted(lo) if parts is not None else None


def split_list(text: str, lo: int, hi: int, words: bool = True) -> list[tuple[int, int]]:
    """Spans of the items of "A (A), B (V) og C" in text[lo:hi], split at top-level commas, semicolons and, when
    `words`, "og"/"samt"/"&"; each span is stripped of white space (and may be empty)."""
    pattern = _SEPARATOR if words else _SEPARATOR_NO_WORDS
    spans: list[tuple[int, int]] = []
    depth, start = 0, lo
    for match in pattern.finditer(text, lo, hi):
        mark = match.group()
        if mark == "(":
            depth += 1
        elif mark == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            spans.append((start, match.start()))
            start = match.end()
    spans.append((start, hi))
    return [_strip(text, a, b) for a, b in spans]


def _strip(text: str, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def people_in(text: str, lo: int, hi: int) -> list[PersonParts] | None:
    """Every item of the list in text[lo:hi] as a person, or None if any item is not one."""
    found = []
    for a, b in split_list(text, lo, hi):
        parts = parse_at(text, a, b) if a < b else None
        if parts is None or any(note.kind != "paren" for note in parts.notes):
            return None
        found.append(parts)
    return found


def people_from(text: str, lo: int, hi: int) -> list[PersonParts]:
    """The people that open the list in text[lo:hi], up to the first item that is not a person."""
    found = []
    for a, b in split_list(text, lo, hi):
        parts = parse_at(text, a, b) if a < b else None
        if parts is None:
            break
        found.append(parts)
    return found


def people_before(text: str, lo: int, hi: int) -> list[PersonParts]:
    """The people that close the clause text[lo:hi]: whole list items from the right, and in the first item that
    is not a person, the person it ends with ("23.02.2016 Helge Adam Møller", "at Anne Hansen (A)")."""
    found: list[PersonParts] = []
    for a, b in reversed(split_list(text, lo, hi)):
        if a >= b:
            break
        parts = parse_at(text, a, b)
        if parts is not None and not any(note.kind != "paren" for note in parts.notes):
            found.append(parts)
            continue
        tail = _person_ending(text, a, b)
        if tail is not None:
            found.append(tail)
        break
    found.reverse()
    return found


def _person_ending(text: str, lo: int, hi: int) -> PersonParts | None:
    """The longest person that ends text[lo:hi], starting at one of its last few words."""
    tokens = list(_TOKEN.finditer(text, lo, hi))[-(MAX_NAME_WORDS * 2 + 3) :]
    for position, token in enumerate(tokens[1:], start=1):
        parts = parse_at(text, token.start(), hi)
        if parts is not None and not any(note.kind != "paren" for note in parts.notes):
            return _last_of_run(text, parts, tokens[position:])
    return None


def _last_of_run(text: str, parts: PersonParts, tokens: list[re.Match[str]]) -> PersonParts:
    """The last person of a run of names a copying site printed without separators ("Afbud Mads Krarup Nielsen
    Torben Myrup gik efter punkt 141" -> Torben Myrup): the part from the last first name that follows a
    surname, when both parts have two words or more."""
    names = first_names()
    paren = text.find("(", parts.person.start, parts.end)
    limit = paren if paren >= 0 else parts.end
    words = [token for token in tokens if token.end() <= limit and token.group() not in PARTICLES]
    for position in range(len(words) - 2, 1, -1):
        if _starts_name(words[position - 1].group(), words[position].group(), names):
            tail = parse_at(text, words[position].start(), parts.end)
            if tail is not None:
                return tail
    return parts


def person_opening(text: str, lo: int, hi: int) -> PersonParts | None:
    """The person that opens text[lo:hi] when more text follows without a separator, as where a copying site
    dropped the full stops: "Rie Frank (A) Bodil Kornbek (A) var fraværende" -> Rie Frank (A). The entry ends at
    its first closing parenthesis, else after its longest run of name words."""
    best: PersonParts | None = None
    for count, match in enumerate(_TOKEN.finditer(text, lo, hi)):
        if count > MAX_NAME_WORDS * 2 + 2:
            break
        parts = parse_at(text, lo, match.end())
        if parts is None or any(note.kind != "paren" for note in parts.notes):
            continue
        best = parts
        if text[match.end() - 1] == ")":
            break
    return best


@cache
def first_names(path: Path = PERSON_NAMES_FILE) -> frozenset[str]:
    """Danish first names that are not also Danish surnames ("Lene", "Søren"; not "Holm"): where a run of names
    printed without separators splits. Read from the entity stage's name list (its first line is a source note)."""
    first: set[str] = set()
    last: set[str] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        for row in rows:
            if "da_DK" in row["locales"].split(";"):
                (first if row["kind"] == "first" else last).add(row["name"])
    return frozenset(first - last)


_ENTRY_CLOSE = re.compile(r"\)(?=\s)")


def _starts_name(previous: str, word: str, names: frozenset[str]) -> bool:
    """Whether `word` opens a new name in a run of name words: a first name after a surname ("Hansen Lene"), not
    after another first name ("Karen Marie Louise Hansen" is one woman)."""
    return word in names and previous not in names


def split_name_run(text: str, lo: int, hi: int) -> list[PersonParts] | None:
    """The people of a run of names printed without separators, as a copying site flattens a list of one name a
    line: "Søren Hansen Lene Magnussen Bjarne Holm Markussen Lene Stangerup (referent) Charlotte Bidsted" -> five
    people. A parenthesis closes an entry; otherwise a new name starts at a first name once the current name has
    two words. None unless every part is a person and there are at least two."""
    names = first_names()
    found: list[PersonParts] = []
    start = lo
    for end in [match.end() for match in _ENTRY_CLOSE.finditer(text, lo, hi)] + [hi]:
        if start >= end:
            continue
        paren = text.find("(", start, end)
        tokens = list(_TOKEN.finditer(text, start, paren if paren >= 0 else end))
        if not tokens:
            return None
        piece_start = tokens[0].start()
        words = 0
        for position, token in enumerate(tokens):
            more = position + 1 < len(tokens)
            if words >= 2 and more and _starts_name(tokens[position - 1].group(), token.group(), names):
                parts = parse_at(text, piece_start, tokens[position - 1].end())
                if parts is None or parts.notes:
                    return None
                found.append(parts)
                piece_start, words = token.start(), 0
            words += token.group() not in PARTICLES
        parts = parse_at(text, piece_start, end)
        if parts is None or any(note.kind != "paren" for note in parts.notes):
            return None
        found.append(parts)
        start = end
    return found if len(found) >= 2 else None


def item_ref(text: str, lo: int = 0, hi: int | None = None) -> ItemRef | None:
    """The first item reference in text[lo:hi]; a range is also listed item by item (at most 1,001 of them)."""
    match = ITEM_REF.search(text, lo, len(text) if hi is None else hi)
    if match is None:
        return None
    parts = re.findall(r"\d+|-|–|til", match.group("nums"))
    if len(parts) == 3 and parts[1] in ("-", "–", "til") and int(parts[0]) <= int(parts[2]):
        low, high = int(parts[0]), int(parts[2])
        return ItemRef(tuple(str(n) for n in range(low, min(high, low + 1000) + 1)), (low, high))
    items: list[str] = []
    for position, part in enumerate(parts):
        if not part.isdigit():
            continue
        if position >= 2 and parts[position - 1] in ("-", "–", "til") and parts[position - 2].isdigit():
            low = int(parts[position - 2])
            items.extend(str(n) for n in range(low + 1, min(int(part), low + 1000) + 1))
        else:
            items.append(part)
    return ItemRef(tuple(items), None)


def _ends_sentence(text: str, at: int) -> bool:
    """Whether the full stop at `at` ends a sentence: not in "Anne V. Kristensen", "kl. 14", "23.02.2016"."""
    after = at + 1
    if after < len(text) and not text[after].isspace():
        return False
    while after < len(text) and after < at + 4 and text[after] in " \t\u00a0":
        after += 1
    if after < len(text) and text[after] not in LINE_BREAKS and not text[after].isupper():
        return False
    word_start = at
    while word_start > 0 and at - word_start < 12 and text[word_start - 1].isalpha():
        word_start -= 1
    word = text[word_start:at]
    return not ((len(word) == 1 and word.isupper()) or word.casefold() in _ABBREVIATIONS)


def sentence_end(text: str, pos: int, limit: int) -> int:
    """Where the sentence that `pos` is in ends (a full stop, line break or semicolon), looking at most `limit` on."""
    hi = min(len(text), pos + limit)
    for match in _SENTENCE_MARK.finditer(text, pos, hi):
        if match.group() not in ".!?" or _ends_sentence(text, match.start()):
            return match.start()
    return hi


def clause_start(text: str, floor: int, pos: int) -> int:
    """Where the clause that ends at `pos` begins: after a line break, a sentence end, a colon or a semicolon."""
    lo = floor
    for char in LINE_BREAKS:
        found = text.rfind(char, lo, pos)
        if found >= 0:
            lo = found + 1
    start = lo
    for match in _CLAUSE_MARK.finditer(text, lo, pos):
        mark = match.start()
        if match.group() in ".!?" and not _ends_sentence(text, mark):
            continue
        if match.group() in ":;" and not (mark + 1 < len(text) and text[mark + 1].isspace()):
            continue
        start = mark + 1
    return start


@dataclass(frozen=True)
class Mention:
    """A match of one of several patterns ("havde meldt afbud", "var fraværende"), with the people named just
    before it in the same clause; `index` says which pattern matched."""

    index: int
    match: re.Match[str]
    people: tuple[PersonParts, ...]
    same_sentence: bool  # no sentence boundary since the previous match


def phrase_matches(pattern: Prefiltered, text: str, folded: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, tried only where one of the literals every match starts with stands (`folded` is
    `fold(text)`): the phrases open with a look-behind, which the engine would try at every position of a text
    once one of them occurs anywhere in it."""
    first = pattern.first_start(folded)
    if first is None:
        return iter(())
    if pattern.leading is None:
        return pattern.pattern.finditer(text, first)
    starts: set[int] = set()
    for literal in pattern.leading:
        at = folded.find(literal, first)
        while at >= 0:
            starts.add(at)
            at = folded.find(literal, at + 1)
    return matches_at(pattern.pattern, text, sorted(starts))


def mentions_after(text: str, patterns: Sequence[Prefiltered], folded: str | None = None) -> list[Mention]:
    """Every match of the patterns in order (overlaps resolved left-most, longest), each with the people that
    close the clause before it. A clause never reaches back past the previous match, which keeps this linear.
    `folded` is `fold(text)`, when the caller has it."""
    folded = fold(text) if folded is None else folded
    matches = sorted(
        (
            (match.start(), -match.end(), index, match)
            for index, pattern in enumerate(patterns)
            for match in phrase_matches(pattern, text, folded)
        ),
        key=lambda found: found[:3],
    )
    found: list[Mention] = []
    previous = 0
    for start, _, index, match in matches:
        if start < previous:
            continue
        clause = clause_start(text, max(previous, start - CLAUSE_CHARS), start)
        people = tuple(people_before(text, clause, start))
        found.append(Mention(index, match, people, bool(found) and clause == previous))
        previous = match.end()
    return found
