"""Typed records that flow between the pipeline's stages.

`extract` turns a file into a `Document`; the analysers turn a `Document` into meetings, agenda items,
entities and so on; `pipeline.storage` turns a `ParsedDocument` into rows. Records are frozen dataclasses:
dicts appear only at the sqlite-utils boundary (`as_row`).

Every fact that comes from the text carries `start`/`end`: Python string offsets into `Document.text`
(end exclusive). Pages are joined with a form feed, so an offset also names its page (`Document.page_at`).
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import os
from dataclasses import dataclass
from typing import Any, Literal

PAGE_BREAK = "\f"

Kind = Literal["minutes", "agenda", "news", "other"]
Status = Literal["ok", "partial", "failed"]
Outcome = Literal["approved", "recommended", "noted", "discussed", "rejected", "postponed", "referred", "other"]

KINDS: tuple[Kind, ...] = ("minutes", "agenda", "news", "other")
STATUSES: tuple[Status, ...] = ("ok", "partial", "failed")
OUTCOMES: tuple[Outcome, ...] = (
    "approved",
    "recommended",
    "noted",
    "discussed",
    "rejected",
    "postponed",
    "referred",
    "other",
)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def document_id(sha256: str) -> str:
    """A document is its content: the same bytes under two names are one document."""
    return sha256[:16]


def path_text(path: os.PathLike[str] | str) -> str:
    """A file's path as stored and shown: as the file system gives it, except that bytes of a name which are not
    UTF-8 (a name written on another system) are shown as \\xNN escapes: SQLite and a terminal take only valid
    text, and the escapes still say which file it is."""
    name = os.fspath(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")
    return name


def make_id(*parts: object) -> str:
    """A deterministic row id: the hash of what identifies the thing (document id, kind, position)."""
    joined = "\x1f".join(map(str, parts))  # `map`, not a generator: one id per entity, tens of thousands a run
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


def numbered_ids(count: int, *parts: object, first: int = 0) -> list[str]:
    """`make_id(*parts, n)` for the `count` positions from `first`: a document's entities, figures, pages ...
    (the shared parts are joined and encoded once, which halves the cost of an id)."""
    prefix = "".join(f"{part}\x1f" for part in parts).encode("utf-8")
    sha1 = hashlib.sha1
    return [sha1(prefix + b"%d" % n).hexdigest()[:16] for n in range(first, first + count)]


def as_row(record: Any, **extra: Any) -> dict[str, Any]:
    """A record as a sqlite-utils row; tuples of strings become JSON-able lists."""
    names = _FIELD_NAMES.get(type(record))
    if names is None:  # `dataclasses.fields` rebuilds its list on every call: a row cost twice as much
        names = _FIELD_NAMES[type(record)] = tuple(field.name for field in dataclasses.fields(record))
    row = {name: getattr(record, name) for name in names}
    row.update(extra)
    for key, value in row.items():
        if isinstance(value, tuple):
            row[key] = list(value)
    return row


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


@dataclass(frozen=True)
class Span:
    """Where a fact stands in `Document.text`: offsets (end exclusive) and the 1-based page."""

    start: int
    end: int
    page: int


@dataclass(frozen=True)
class Document:
    """One input file's content, as every later stage sees it.

    `text` holds the pages joined by form feeds; `status` is `ok`, `partial` (usable but doubtful, see
    `warnings`) or `failed` (see `error`; `text` is then empty).
    """

    id: str
    sha256: str | None  # None when the file's bytes could not be read
    path: str
    media_type: str
    size: int
    kind: Kind = "other"
    format: str | None = None
    title: str | None = None
    pages: int = 0
    status: Status = "ok"
    error: str | None = None
    warnings: tuple[str, ...] = ()
    text: str = ""
    published: str | None = None
    source_url: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown document kind {self.kind!r}; expected one of {KINDS}")
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}; expected one of {STATUSES}")
        if self.status == "failed" and not self.error:
            raise ValueError("a failed document needs an error that says why")

    @property
    def page_starts(self) -> tuple[int, ...]:
        """Offset of the first character of each page."""
        starts = [0]
        position = self.text.find(PAGE_BREAK)
        while position != -1:
            starts.append(position + 1)
            position = self.text.find(PAGE_BREAK, position + 1)
        return tuple(starts)

    def page_at(self, offset: int, page_starts: tuple[int, ...] | None = None) -> int:
        """The 1-based page that a character offset falls on."""
        starts = page_starts if page_starts is not None else self.page_starts
        return bisect.bisect_right(starts, offset)

    def replace(self, **changes: Any) -> Document:
        return dataclasses.replace(self, **changes)


# Danish municipal councils are elected for four years from 1 January of the year after the election: 2002-2005,
# 2006-2009, ..., 2022-2025, 2026-2029 (and so back in time: 1998-2001).
FIRST_COUNCIL_PERIOD = 2002
COUNCIL_PERIOD_YEARS = 4


def council_period(date: str | None) -> str | None:
    """The council period (valgperiode) a meeting date falls in, e.g. '2022-2025' for 2024-03-05; None without a
    year."""
    if not date or not date[:4].isdigit():
        return None
    year = int(date[:4])
    start = year - (year - FIRST_COUNCIL_PERIOD) % COUNCIL_PERIOD_YEARS
    return f"{start}-{start + COUNCIL_PERIOD_YEARS - 1}"


@dataclass(frozen=True)
class Person:
    """A member, official or substitute named in an attendance list, identified within one municipality and one
    council period (`council_period`): the same name and party there is one person.

    Nationally a name recurs (two Jens Jensen (A) in two councils are two people), so the municipality is part of
    the identity. The period is too: a member is elected for a period, and a name that comes back after an
    election is a new mandate. Wrongly merged people cannot be told apart by a query, while one person's periods
    can be put together by name, municipality and party. A meeting without a municipality or a date leaves that
    part empty."""

    name: str
    party: str | None = None
    municipality: str | None = None
    period: str | None = None

    @classmethod
    def at_meeting(cls, name: str, party: str | None, municipality: str | None, date: str | None) -> Person:
        """The person named in the attendance of a meeting held in `municipality` on `date`."""
        return cls(name, party, municipality, council_period(date))

    @property
    def id(self) -> str:
        return make_id(
            "person",
            " ".join(self.name.split()).casefold(),
            (self.party or "").casefold(),
            " ".join((self.municipality or "").split()).casefold(),
            self.period or "",
        )


@dataclass(frozen=True)
class Attendance:
    """One person's presence (`present`) or absence (`absent`) at a meeting, with role as printed."""

    name: str
    party: str | None
    role: str | None
    status: Literal["present", "absent"]
    reason: str | None = None
    substitute_for: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class ItemAbsence:
    """A person who did not take part in one agenda item (Afbud, inhabil, forlod mødet), with the reason."""

    name: str
    party: str | None
    reason: str | None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Vote:
    """Votes on a decision as printed: counts for, against and abstaining, and who."""

    votes_for: int | None
    votes_against: int | None
    abstentions: int | None
    for_text: str | None = None
    against_text: str | None = None
    abstain_text: str | None = None
    text: str = ""


@dataclass(frozen=True)
class Decision:
    """A decision on an agenda item (Beslutning): this meeting's, or an earlier one quoted in the history."""

    body: str | None
    date: str | None
    text: str
    outcome: Outcome
    dissent: str | None = None
    votes: tuple[Vote, ...] = ()
    start: int | None = None
    end: int | None = None

    def __post_init__(self) -> None:
        if self.outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {self.outcome!r}; expected one of {OUTCOMES}")


@dataclass(frozen=True)
class ItemSection:
    """A headed part of an agenda item (Sagsfremstilling, Indstilling, Beslutning, ...)."""

    heading: str
    kind: str
    text: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class AgendaItem:
    """One agenda item (punkt) with its case number, sections, decisions and per-item absences."""

    number: str | None
    title: str | None
    case_number: str | None = None
    kle_number: str | None = None
    kle_facet: str | None = None
    closed: bool = False
    page_start: int | None = None
    page_end: int | None = None
    text: str = ""
    start: int | None = None
    end: int | None = None
    sections: tuple[ItemSection, ...] = ()
    decisions: tuple[Decision, ...] = ()
    absences: tuple[ItemAbsence, ...] = ()
    attachments: tuple[str, ...] = ()


@dataclass(frozen=True)
class Meeting:
    """A meeting of a committee or council as one document records it.

    `attendance_recorded` says whether the document says anything of attendance; `presence_recorded`, worked out
    from `attendance`, whether it lists who was present (see `presence_in_full`) rather than only who was absent:
    where it does not, a member without an attendance row was not recorded, not absent."""

    municipality: str | None
    committee: str | None
    date: str | None
    start_time: str | None = None
    location: str | None = None
    attendance_recorded: bool = False
    attendance: tuple[Attendance, ...] = ()
    items: tuple[AgendaItem, ...] = ()
    kind: Kind = "minutes"
    presence_recorded: bool = dataclasses.field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "presence_recorded", presence_in_full(self.attendance))


def presence_in_full(attendance: tuple[Attendance, ...]) -> bool:
    """Whether an attendance list records who was present, not only who was absent: someone is listed present who
    is neither a substitute ("stedfortræder for X", "suppleant") nor named only for sitting out items or leaving
    ("X erklærede sig inhabil", "X forlod mødet efter punkt 23" beside "Medlemmerne var mødt, bortset fra ...")."""
    return any(
        person.status == "present"
        and person.reason is None
        and person.substitute_for is None
        and not any(word in (person.role or "").casefold() for word in ("stedfortræder", "suppleant"))
        for person in attendance
    )


@dataclass(frozen=True)
class Entity:
    """A named person (PER), organisation (ORG) or place (LOC) found in the text."""

    label: Literal["PER", "ORG", "LOC"]
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Figure:
    """A number with a meaning: money (DKK), percent, count (unit = counted noun) or measure."""

    kind: Literal["money", "percent", "count", "measure"]
    value: float
    unit: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """News metadata for a document of kind `news`."""

    title: str | None
    published: str | None
    author: str | None
    outlet: str | None
    body: str = ""


@dataclass(frozen=True)
class ParsedDocument:
    """Everything the pipeline extracts from one file: what `referat parse` prints and storage saves."""

    document: Document
    meetings: tuple[Meeting, ...] = ()
    entities: tuple[Entity, ...] = ()
    figures: tuple[Figure, ...] = ()
    article: Article | None = None
