"""What stands around a number: the words before it, the line it starts, the sentence and paragraph it is in,
and the spans where no number is a figure (web addresses, e-mail addresses, phone numbers, page numbers after
dot leaders, unit declarations such as "(i 1.000 kr.)").

Every look is bounded by a window of a few dozen characters (300 for a sentence), so scanning stays linear in
the length of the text however long its lines are.
"""

from __future__ import annotations

import bisect
import re

from referat.extractors.figures.nouns import SPACE

WINDOW = 60
SENTENCE_WINDOW = 300
# Brackets and quotes that may stand between a label and its number ("(§ 103)") or wrap a word.
_TOKEN_STRIP_LEFT = "([{\"'“”„«»‘’"
_TOKEN_STRIP_RIGHT = ":;,)]}\"'“”„«»‘’"
_BULLETS = " \t\u00a0\u202f-–•*▪·◦"

# Spans where no number is a figure. One big alternation tried at every position of the text was the slowest part of
# the figure stage: each part starts with a literal where it can, which the engine finds about as fast as a string
# search, and the others come with the literals they cannot match without, checked first ("" for none).
_BLOCKED_PARTS: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    # web addresses, each form on its own: "http" is found fast, "h" or "w" is not
    (("",), re.compile(r"https?://[^\s<>\"]+")),
    (("",), re.compile(r"www\.[^\s<>\"]+")),
    (("@",), re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),  # e-mail addresses
    # "+45 43 43 43 43"; "43 43 43 43" is `_PHONE`
    (("",), re.compile(rf"\+(?<![\w.,]\+)45{SPACE}?\d{{2}}{SPACE}\d{{2}}{SPACE}\d{{2}}{SPACE}\d{{2}}(?![\w,]|\.\d)")),
    (("",), re.compile(r"\+45[ \t\u00a0]?\d{8}(?!\d)")),  # +45 43434343
    (("...", "…"), re.compile(rf"(?:\.(?<!\.\.)\.{{2,}}|…(?<!……)…*){SPACE}*\d+")),  # "Meddelelser.....3"
    # "(i 1.000 kr.)", "Beløb i mio. kr.": each starts with a literal, which the engine finds fast
    (("",), re.compile(r"\((?:[Bb]eløb\s+)?i\s+(?:1\.000(?:\.000)?|mio\.|mia\.|t\.)\s*kr\.?\)")),
    (("",), re.compile(r"Beløb(?<!\wBeløb)\s+i\s+(?:1\.000(?:\.000)?|mio\.|mia\.|t\.)\s*kr\.?")),
    (("",), re.compile(r"beløb(?<!\wbeløb)\s+i\s+(?:1\.000(?:\.000)?|mio\.|mia\.|t\.)\s*kr\.?")),
)
# Where a number or a phone number can start: a digit after no word character, period or comma. Numbers are read in
# ASCII digits, as Danish text prints them (`\d`, every script's digits, asks the Unicode database about every
# character and scanned a third slower). One scan serves numbers and phone numbers (`digit_starts`).
_DIGIT_START = re.compile(r"[0-9](?<![\w.,][0-9])")
# "43 43 43 43" and "3370 3370" (no Danish phone number starts with 0 or 1; "2024 2025" are years), matched where
# such digits start
_PHONE = re.compile(rf"\d\d{SPACE}\d{{2}}{SPACE}\d{{2}}{SPACE}\d{{2}}(?![\w,]|\.\d)")
_PHONE_IN_FOURS = re.compile(rf"(?!19|20)[2-9]\d{{3}}{SPACE}\d{{4}}(?![\w,]|\.\d)")
_SPACE_CHARACTERS = frozenset(" \t\u00a0\u202f")  # those of SPACE
_SENTENCE_END = re.compile(r"[.!?][\"”»')]*\s+(?=[\"“„«(]?[A-ZÆØÅ])|\n[ \t]*\n")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n")
_CHAIN_GAP = re.compile(rf"{SPACE}*(?:,|og|eller|samt|-|–|til|af|/)?{SPACE}*")
MAX_CHAIN_GAP = 12


def digit_starts(text: str) -> list[int]:
    """Where digits start after no word character, period or comma: where numbers and phone numbers start."""
    return [match.start() for match in _DIGIT_START.finditer(text)]


def _phone_numbers(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """The spans of "43 43 43 43" and "3370 3370" that `finditer` would give, tried only where digits start
    (`digit_starts`)."""
    spans: list[tuple[int, int]] = []
    end = 0
    for start in starts:
        if start < end:
            continue
        if text[start + 2 : start + 3] in _SPACE_CHARACTERS:
            match = _PHONE.match(text, start)
        elif text[start + 4 : start + 5] in _SPACE_CHARACTERS:
            match = _PHONE_IN_FOURS.match(text, start)
        else:
            continue
        if match is not None:
            spans.append(match.span())
            end = match.end()
    return spans


class BlockedSpans:
    """Spans in which no number is a figure; asked in increasing order of position. `starts` are the text's
    `digit_starts`."""

    def __init__(self, text: str, starts: list[int]) -> None:
        found = sorted(
            [
                *(
                    match.span()
                    for guards, pattern in _BLOCKED_PARTS
                    if any(guard in text for guard in guards)
                    for match in pattern.finditer(text)
                ),
                *_phone_numbers(text, starts),
            ]
        )
        spans: list[tuple[int, int]] = []
        for start, end in found:  # the parts may overlap: keep their union
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
        self._starts = [start for start, _ in spans]
        self._ends = [end for _, end in spans]

    def covers(self, position: int) -> bool:
        index = bisect.bisect_right(self._starts, position) - 1
        return index >= 0 and position < self._ends[index]


def previous_tokens(text: str, position: int, *, same_line: bool, count: int = 3) -> list[str]:
    """The last `count` white-space separated tokens before `position`, as printed, brackets stripped."""
    start = position - WINDOW if position > WINDOW else 0
    if same_line and (newline := text.rfind("\n", start, position)) >= 0:
        start = newline + 1
    # `rsplit` with a limit splits off the last tokens only: what `split()[-count:]` gives, twice as fast
    return [
        token
        for raw in text[start:position].rsplit(None, count)[-count:]
        if (token := raw.lstrip(_TOKEN_STRIP_LEFT).rstrip(_TOKEN_STRIP_RIGHT))
    ]


def at_line_start(text: str, position: int) -> bool:
    """Whether only white space or a bullet stands between the line's start and `position`."""
    index = position - 1
    while index >= 0 and position - index < 40 and text[index] in _BULLETS:
        index -= 1
    return index < 0 or text[index] in "\n\r\f\v"


def is_ordinal(text: str, end: int) -> bool:
    """A plain number followed by a full stop and a lower-case word or a number: "13. maj", "2. viceborgmester"."""
    if text[end : end + 1] != ".":
        return False
    following = text[end + 1 : end + 5].lstrip(" \t\u00a0\u202f\n")
    return (
        bool(following)
        and (following[0].islower() or following[0].isdigit())
        and (following[0].isalpha() or text[end + 1 : end + 2].isspace())
    )


def is_enumerator(text: str, start: int, end: int) -> bool:
    """A list number: "1." or "2)" at the start of a line, or "3)" inside a line ("samt 3) Vækst")."""
    mark = text[end : end + 1]
    if mark == ")":
        return at_line_start(text, start) or text[start - 1 : start] != "("
    return mark == "." and at_line_start(text, start)


def chains_to(text: str, previous_end: int, start: int) -> bool:
    """Whether a number at `start` continues a list begun by a labelled number ("§§ 103 og 104", "Side 3 af 27")."""
    return 0 <= start - previous_end <= MAX_CHAIN_GAP and _CHAIN_GAP.fullmatch(text, previous_end, start) is not None


def sentence_start(text: str, position: int) -> int:
    """Where the sentence that holds `position` starts (looking back at most `SENTENCE_WINDOW` characters)."""
    window_start = max(0, position - SENTENCE_WINDOW)
    start = window_start
    for match in _SENTENCE_END.finditer(text, window_start, position):
        start = match.end()
    return start


def paragraph_break_between(text: str, start: int, end: int) -> bool:
    return _PARAGRAPH_BREAK.search(text, start, end) is not None
