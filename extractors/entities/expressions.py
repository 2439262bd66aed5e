"""Names found by expressions over the whole text, besides the runs of capitalised words that `rules.py` reads.

- the meeting's attendees wherever their full name stands (`attendee_mentions`);
- a list of capitalised words after "for": "Center for By og Miljø", "centerchef for Social og Arbejdsmarked"
  (`for_list_names`);
- the capitalised words before a company form: "Novo Nordisk A/S" (`company_names`);
- an abbreviation defined in parentheses after an organisation: "Økonomiudvalget (ØU)" (`defined_abbreviation`);
- committees written as coordinated compounds, extended to the left: "Erhvervs-, Beskæftigelses- og
  Uddannelsesudvalget" (`coordination_start`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from referat.extractors.entities.runs import NAME_WORD, RUN_WORD, SPACE, Span
from referat.extractors.entities.wordclass import WordClasses
from referat.extractors.language.names import LOWER, UPPER, is_party

# "Center for By og Miljø", "centerchef for Social og Arbejdsmarked": a list of capitalised words after "for".
_LIST_JOIN = rf"(?:,{SPACE}{{1,2}}|{SPACE}{{1,2}}(?:og|&){SPACE}{{1,2}}|{SPACE}{{1,2}})"
_CAPITAL_LIST = rf"{NAME_WORD}(?:{_LIST_JOIN}(?!Center\b){NAME_WORD})*"
# Both start with literal text, which the engine finds fast; what stands before is read in Python.
_FOR = re.compile(rf"for{SPACE}{{1,2}}(?P<body>{_CAPITAL_LIST})")
_COMPANY = re.compile(
    r"(?:A/S|ApS|I/S|P/S|K/S|IVS|SMBA|a\.m\.b\.a\.|A\.m\.b\.A\.|AMBA|GmbH|Ltd\.?|Inc\.?|LLC)"
    r"(?![\w/])"
)
_NAME_WORD_RE = re.compile(NAME_WORD)
_HEAD_BEFORE = re.compile(rf"(?<![\w-])([{UPPER}{LOWER}][\w-]*){SPACE}{{1,2}}\Z")
_RUN_BEFORE_COMPANY = re.compile(rf"(?<![\w-])((?:{RUN_WORD}{SPACE}{{1,3}}){{1,5}})\Z")
_ABBREVIATION_AFTER = re.compile(rf"{SPACE}*\((?P<abbr>[{UPPER}][{UPPER}0-9-]{{1,7}})\)")
# "Erhvervs-, Beskæftigelses- og " before a committee's last word: members cut after their hyphen ("Erhvervs-",
# "Erhvervs-,"), with commas and conjunctions between them. Read back from the word, chunk by chunk, only where a
# hyphen stands right before it.
_COORDINATED_MEMBER = re.compile(rf"[\"'“«(]?([{UPPER}{LOWER}]+(?:-,?|,-))")
_COORDINATION_JOINERS = frozenset({"og", "samt", "eller", "&", ","})
_COORDINATION_WINDOW = 160
_COORDINATION_CHUNKS = 12  # members and joiners read back at most


# -- attendees -------------------------------------------------------------------------------------------------


def attendee_names(people: Sequence[str]) -> list[str]:
    """The attendees' names with their spaces normalised, once each, the longest first."""
    return sorted({" ".join(name.split()) for name in people if name.strip()}, key=len, reverse=True)


@lru_cache(maxsize=4096)
def _attendee_name(name: str) -> re.Pattern[str]:
    """A name as a whole word sequence, its words apart by any whitespace. Its first character comes before the
    look back, so the engine skips from one such character to the next (a look back first would be tried at every
    position of the text)."""
    words = r"\s+".join(map(re.escape, name[1:].split(" ")))
    return re.compile(rf"{re.escape(name[0])}(?<![\w-].){words}(?![\w-])")


def attendee_mentions(text: str, names: Sequence[str]) -> Iterator[Span]:
    """Every mention of `names` (as `attendee_names` gives them) in `text`, in order: what one alternation of the
    names, the longest first, would find. An expression per name is compiled once for all the meetings the person
    attends, where an alternation would be compiled for every meeting; the mentions of all names are then merged:
    the first in the text, the longest at one place, and each name searched again after a mention it overlaps."""
    expressions = [_attendee_name(name) for name in names]
    ahead = {
        order: match for order, expression in enumerate(expressions) if (match := expression.search(text)) is not None
    }
    while ahead:
        found = ahead[min(ahead, key=lambda order: (ahead[order].start(), order))]
        yield found.span()
        for order, match in list(ahead.items()):
            if match.start() < found.end():
                later = expressions[order].search(text, found.end())
                if later is None:
                    del ahead[order]
                else:
                    ahead[order] = later


# -- lists after "for" and company forms -------------------------------------------------------------------------


def for_list_names(text: str, words: WordClasses) -> Iterator[tuple[int, int, str]]:
    """(start, end, rule) of the organisations named by a list after "for": the head and the list ("Center for By og
    Miljø", rule "for:head") or, after a title, the list alone ("centerchef for Social og Arbejdsmarked",
    "for:title")."""
    for match in _FOR.finditer(text):
        head = _HEAD_BEFORE.search(text, max(0, match.start() - 40), match.start())
        if head is None:
            continue
        folded = head.group(1).casefold()
        end = _list_end(text, words, match.start("body"), match.end("body"))
        if head.group(1)[:1].isupper() and (
            folded in words.org_for_head or folded.endswith(words.org_for_head_endings)
        ):
            yield head.start(1), end, "for:head"
        elif folded.endswith(words.title_for):
            yield match.start("body"), end, "for:title"


def _list_end(text: str, words: WordClasses, start: int, end: int) -> int:
    """Where the list after "for" ends: before a body of its own ("Udvalget for Ældre og Sundhed, Økonomiudvalget")
    or a person ("formand for Ældrerådet Birthe Hansen"), and after its first word if that is a body."""
    for word in _NAME_WORD_RE.finditer(text, start, end):
        info = words.info(word.group())
        if word.start() == start:
            if info.form_alone is not None and info.form_alone[0] == "ORG":
                return word.end()
        elif (
            info.form_alone is not None
            or info.first_name
            or info.folded in words.org_for_head
            or (info.folded.endswith(words.org_for_head_endings))
        ):
            return _trim_list(text, start, word.start())  # (", Magistratsafdelingen for ...")
    return end


def _trim_list(text: str, start: int, end: int) -> int:
    """The end of text[start:end] without the separators (", ", " og ") that close it."""
    while end > start:
        if text[end - 1] in ", \t\u00a0&":
            end -= 1
        elif text[end - 2 : end] == "og" and end - 3 >= start and text[end - 3] in " \t\u00a0":
            end -= 2
        else:
            break
    return end


def company_names(text: str) -> Iterator[Span]:
    """ "Novo Nordisk A/S": the capitalised words before a company form, with the form."""
    for match in _COMPANY.finditer(text):
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "/"):
            continue
        run = _RUN_BEFORE_COMPANY.search(text, max(0, start - 120), start)
        if run:
            yield run.start(1), match.end()


def defined_abbreviation(text: str, end: int) -> Span | None:
    """An abbreviation defined in parentheses right after `end`, the end of an organisation's name: "ØU" in
    "Økonomiudvalget (ØU)"; not a party's letters ("(A)")."""
    match = _ABBREVIATION_AFTER.match(text, end)
    if match is None or is_party(match.group("abbr")):
        return None
    return match.span("abbr")


# -- coordinated compounds ---------------------------------------------------------------------------------------


def coordination_start(text: str, start: int, words: WordClasses) -> int:
    """Where a name whose last word starts at `start` begins when compounds are coordinated before that word
    ("Erhvervs-, Beskæftigelses- og Uddannelsesudvalget"), with a head before them ("Danmarks Medie- og
    Journalisthøjskole"); `start` where there is no coordination."""
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
    head = _HEAD_BEFORE.search(text, max(0, start - 40), start)
    if head is not None and head.group(1)[:1].isupper() and words.info(head.group(1)).org_head:
        start = head.start(1)
    return start
