"""Meeting-level attendance written as sentences, and how it joins a participant block.

"Mikkel Houmann havde meldt afbud, og Peter Steffensen deltog i stedet", "Medlemmerne var mødt, bortset fra ...,
der havde meldt afbud", "Fraværende: Den 8. juni 2006: Isabella Meyer (C)", "I stedet for X deltog Y", "X var
fraværende under punkterne 19, 20 og 21": `find_attendance_prose`; the people of a block with what the sentences
around it say of them: `merge_prose`. The phrases are rows of data/absence_phrases.csv (`attendance_phrases`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from referat.extractors.language.names import (
    CLAUSE_CHARS,
    ItemRef,
    Mention,
    PersonParts,
    clause_start,
    people_before,
    people_from,
    people_in,
    person_opening,
    phrase_matches,
    sentence_end,
    split_list,
)
from referat.extractors.language.normalise import collapse
from referat.extractors.minutes.attendance_phrases import (
    AttendanceMention,
    Phrase,
    hit_items,
    hits,
    mention_of,
    phrases,
    plain_person,
    same_person,
    status_of,
    substitute_pair,
)
from referat.extractors.prefilter import fold

__all__ = ["find_attendance_prose", "merge_prose"]

_DATED = re.compile(r"den\s{1,3}(?P<date>\d{1,2}\.\s{0,3}[a-zæøå]+\.?\s{1,3}\d{4})\s{0,3}:\s{0,3}", re.IGNORECASE)


def _except_lists(text: str, folded: str) -> list[AttendanceMention]:
    """ "Medlemmerne var mødt, bortset fra A, B og C, der havde meldt afbud." -> A, B and C absent (afbud)."""
    found: list[AttendanceMention] = []
    for phrase in phrases("prose_except"):
        for match in phrase_matches(phrase.prefiltered, text, folded):
            lo = match.end()
            hi = sentence_end(text, lo, 3000)
            reason: str | None = None
            for end_phrase in phrases("prose_except_end"):
                ending = end_phrase.pattern.search(text, lo, hi)
                if ending is not None:
                    hi, reason = ending.start(), end_phrase.reason or None
            found.extend(mention_of(parts, "absent", reason) for parts in people_from(text, lo, hi))
    return found


def _labelled_lists(text: str, folded: str) -> list[AttendanceMention]:
    """ "Fraværende: Den 8. juni 2006: Isabella Meyer (C). Den 19. juni 2006: Ingen.", "Afbud: A, B." and
    "Tilstede: A, B." written inside a sentence."""
    found: list[AttendanceMention] = []
    for phrase in phrases("prose_label"):
        status = status_of(phrase.status) or "absent"
        for match in phrase_matches(phrase.prefiltered, text, folded):
            pos = match.end()
            dated = _DATED.match(text, pos)
            if dated is None:
                hi = sentence_end(text, pos, 1000)
                reason = phrase.reason or None if status == "absent" else None
                people = people_in(text, pos, hi) or _flattened_list(text, pos, hi)
                pair = substitute_pair(text, pos, hi) if people is None and status == "absent" else None
                if pair is not None:  # "Fraværende: X (V) - Y (V) mødte som stedfortræder."
                    found.append(mention_of(pair[0], status, reason))
                    target = pair[0].person.name
                    found.append(mention_of(pair[1], "present", None, f"stedfortræder for {target}", target))
                found.extend(mention_of(parts, status, reason) for parts in people or [])
            while dated is not None:
                reason = f"{phrase.reason} den {collapse(dated.group('date'))}" if status == "absent" else None
                hi = sentence_end(text, dated.end(), 1000)
                found.extend(mention_of(parts, status, reason) for parts in people_in(text, dated.end(), hi) or [])
                pos = hi + 1
                while pos < len(text) and text[pos] in " \t":
                    pos += 1
                dated = _DATED.match(text, pos)
    return found


def _flattened_list(text: str, lo: int, hi: int) -> list[PersonParts] | None:
    """A comma list of three or more people that a copying site ran together with the text around it: "Deltagere:
    Borgmesterens mødelokale Johnny Søtrup (V), Henrik Vallø (C), ..., Henning Overgaard (Ø) Afbud:" (the label's
    value and the next label flattened onto one line). The first entry is the person its piece ends with, the last
    the person its piece opens with; every other entry must be a person."""
    spans = [(a, b) for a, b in split_list(text, lo, hi, words=False) if a < b]
    if len(spans) < 3:
        return None
    middle = [plain_person(text, a, b) for a, b in spans[1:-1]]
    first = people_before(text, *spans[0])
    last = person_opening(text, *spans[-1])
    if not first or last is None or any(parts is None for parts in middle):
        return None
    return [first[-1], *(parts for parts in middle if parts is not None), last]


def find_attendance_prose(text: str, meeting_record: bool = False) -> tuple[AttendanceMention, ...]:
    """Meeting-level attendance written as sentences, in order.

    Absent: "X havde meldt afbud", "X udeblev uden afbud", "Medlemmerne var mødt, bortset fra ..., der havde
    meldt afbud", "Fraværende: Den 8. juni 2006: X (C)" (reason "fraværende den 8. juni 2006"). Present: "Y
    deltog i stedet", "I stedet deltog Y", "Som stedfortræder deltog Y", "X - Y mødte som stedfortræder" (role
    "stedfortræder for X"), "I stedet for X deltog Y", "Som suppleanter er indkaldt Y, Z" (role "suppleant" when
    they stand in for several), and people who were at the meeting but not at every item: "X erklærede sig
    inhabil ... under punkt 29" (reason "inhabil", items ("29",)), "X var fraværende under punkterne 19, 20 og 21",
    "X forlod mødet efter behandlingen af punkt 23" (reason "forlod mødet efter punkt 23").

    "X var fraværende" and "Afbud fra X" with no item named are also how an item notes its own absences
    (`find_absences`): they are the meeting's only in a meeting's attendance record, that is a header
    (`meeting_record`) or a text that names who stood in for the absent."""
    folded = fold(text)
    found = _except_lists(text, folded) + _labelled_lists(text, folded)
    read = (
        phrases("prose_after")
        + phrases("prose_list")
        + tuple(p for p in phrases("item_after") if p.status in ("present", "absent"))
    )
    found_hits = hits(text, read, folded)
    record = meeting_record or any(phrase.role for phrase, _ in found_hits)
    absent_here: list[str] = []  # absentees named earlier in the sentence
    previous: list[str] = []  # absentees named by the phrase before this one
    for phrase, hit in found_hits:
        if not hit.same_sentence:
            absent_here = []
        if phrase.role:
            found.extend(_substitutes(text, phrase, hit, absent_here or previous))
            previous = []
            continue
        status = status_of(phrase.status) or "absent"
        people: list[PersonParts] = list(hit.people)
        if phrase.scope == "prose_list":
            people = _people_after(text, hit.match.end())
        ref: ItemRef | None = None
        after: str | None = None
        reason: str | None = phrase.reason or None
        if phrase.scope == "item_after":
            ref, after, filled = hit_items(text, phrase, hit.match)
            reason = filled or None
        if status == "absent" and phrase.scope != "prose_after":
            if ref is not None:
                status = "present"  # at the meeting, absent from the items named
            elif not record:
                previous = []
                continue
        found.extend(replace(mention_of(parts, status, reason, ref=ref), after_item=after) for parts in people)
        previous = [parts.person.name for parts in people] if status == "absent" else []
        absent_here.extend(previous)
    return _distinct(sorted(found, key=lambda mention: mention.start))


def _people_after(text: str, pos: int) -> list[PersonParts]:
    """The people a phrase such as "Som stedfortræder deltog" or "Afbud fra" is followed by, in its sentence."""
    hi = sentence_end(text, pos, 1000)
    people = people_from(text, pos, hi)
    if people:
        return people
    opening = person_opening(text, pos, hi)
    return [opening] if opening is not None else []


def _substitutes(text: str, phrase: Phrase, hit: Mention, absent: list[str]) -> list[AttendanceMention]:
    """Who stood in, and for whom: the person the phrase names ("I stedet for X deltog Y", "deltog som
    stedfortræder for X"), the member before a dash ("X - Y mødte som stedfortræder": X is absent), or the one
    absentee named just before ("X havde meldt afbud, og Y deltog i stedet", "X var fraværende. Som
    stedfortræder deltog Y")."""
    match = hit.match
    found: list[AttendanceMention] = []
    target: str | None = None
    people = _people_after(text, match.end()) if phrase.scope == "prose_list" else list(hit.people)
    if match.groupdict().get("for"):
        who = people_from(text, match.start("for"), match.end("for"))
        target = who[0].person.name if who else None
    elif phrase.scope == "prose_after":
        pair = substitute_pair(
            text, clause_start(text, max(0, match.start() - CLAUSE_CHARS), match.start()), match.end()
        )
        if pair is not None:
            target = pair[0].person.name
            found.append(mention_of(pair[0], "absent", None))
            people = [pair[1]]
    if target is None and absent and (phrase.scope == "prose_after" or len(absent) == len(people) == 1):
        target = absent[-1]
    role = f"stedfortræder for {target}" if target else phrase.role
    found.extend(mention_of(parts, "present", None, role, target) for parts in people)
    return found


def _distinct(mentions: list[AttendanceMention]) -> tuple[AttendanceMention, ...]:
    """One mention per person and status: the first, or the one that says whom a substitute stood in for; a later
    note of when the member left is kept with the first."""
    kept: dict[tuple[str, str, tuple[str, ...] | None, tuple[int, int] | None], int] = {}
    result: list[AttendanceMention] = []
    for mention in mentions:
        key = (mention.name.casefold(), mention.status, mention.items, mention.item_range)
        if key not in kept:
            kept[key] = len(result)
            result.append(mention)
        elif mention.substitute_for and not result[kept[key]].substitute_for:
            result[kept[key]] = mention
        elif mention.after_item and not result[kept[key]].after_item:  # listed, then "X forlod mødet efter ..."
            result[kept[key]] = replace(result[kept[key]], reason=mention.reason, after_item=mention.after_item)
    return tuple(result)


def merge_prose(
    listed: tuple[AttendanceMention, ...], prose: tuple[AttendanceMention, ...]
) -> tuple[AttendanceMention, ...]:
    """A participant block's people with what the prose around it says of them: a listed member named absent is
    absent ("Indkaldelse" ... "Mette Hoff" and "Mette Hoff (A) var fraværende"), a listed member absent from some
    items gets those items ("Curt Købsted var fraværende under punkterne 14-18", "forlod mødet efter punkt 23"),
    and the people only the prose names (substitutes) are added. Offsets must be relative to the same text."""
    merged = list(listed)
    index = {mention.name.casefold(): position for position, mention in enumerate(merged)}
    for mention in prose:
        position = index.get(mention.name.casefold())
        if position is None:  # the member's name misspelt in one of the two places
            position = next((n for n, known in enumerate(listed) if same_person(known.name, mention.name)), None)
        if position is None:
            index[mention.name.casefold()] = len(merged)
            merged.append(mention)
            continue
        known = merged[position]
        limited = mention.items is not None or mention.item_range is not None or mention.after_item is not None
        if mention.status == "absent" and known.status == "present" and not limited:
            merged[position] = replace(mention, party=mention.party or known.party, role=mention.role or known.role)
        elif limited and known.items is None and known.item_range is None and known.after_item is None:
            merged[position] = replace(
                known,
                reason=known.reason or mention.reason,
                items=mention.items,
                item_range=mention.item_range,
                after_item=mention.after_item,
            )
    return tuple(merged)
