"""Links from news articles to the meetings and agenda items they are about, each with a score and a reason.

`find_links` / `link_articles` score the whole database (a fresh build, `pipeline.derived.relink`): the same
database gives the same rows. An ingest into an existing database scores only the pairs of the articles and
meetings it changed, with the same `score_meeting` and statistics kept in the database (`pipeline.link_evidence`),
so links of untouched pairs are not rescored when the statistics move. Only canonical meetings and items (those
whose `duplicate_of` is empty) are linked.

**Evidence** between an article and a meeting, each found in the article's text and in the meeting's:

| evidence | points |
|---|---|
| a person named in the meeting's text (first and last name must agree) | 4 x d |
| a person who is a member at the meeting (attendance, per-item absence) | 1.5 x d |
| an organisation (not a committee, council, municipality or national body) | 1.5 x d |
| a place (not a municipality's own name) | 1 x d |
| an item's journal number | 6 |
| the meeting's committee (all its subjects, or two or more of them: committees get renamed) | 2 |
| the meeting's date, printed in the article | 2 |
| distinctive words: cosine similarity of the article and the closest item (tf-idf, Snowball stems) | 6 x cos |
| published from 14 days before to 30 days after the meeting | 1 |

d = 1 / (1 + ln n), where n is the number of meetings that name the same thing: a name in one meeting counts
fully, one named in forty meetings a fifth. The sum is multiplied by 0.2 when the article names only other
municipalities than the meeting's (0.75 when it names none), by 0.2 when it was published more than 60 days
before the meeting, and by 0.5 when more than a year after. **A link needs at least one named piece of
evidence** (a name, journal number, committee or the meeting's date; words and the publication date only add
weight) **and a score of at least 4.5**: one name alone is not enough, a name and a shared subject is. The link
points at an item when that item holds at least half of the evidence that can stand in an item (names, journal
numbers, words) and more than any other item. The weights and limits are `LinkSettings`.
"""

from __future__ import annotations

import datetime
import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

import sqlite_utils

from referat.extractors.entities.patterns import STOP_WORDS
from referat.models.records import make_id
from referat.pipeline.mentions import NameKind, committee_parts, name_key
from referat.pipeline.storage import documents_digest
from referat.pipeline.word_vectors import CONTENT_WORD, WordVectors, stem

# Bump when the scoring changes what it links: the next ingest then links again although no document changed.
LINKS_VERSION = "4"


@dataclass(frozen=True)
class LinkSettings:
    """Weights and limits of the link score (see the module docstring for the formula)."""

    threshold: float = 4.5
    person: float = 4.0
    attendee: float = 1.5
    organisation: float = 1.5
    place: float = 1.0
    journal_number: float = 6.0
    committee: float = 2.0
    meeting_date: float = 2.0
    words: float = 6.0
    published_near: float = 1.0
    near_days_before: int = 14
    near_days_after: int = 30
    long_before_days: int = 60
    long_after_days: int = 365
    long_before_factor: float = 0.2
    long_after_factor: float = 0.5
    # Meetings found only through a name or a committee are candidates when held from `window_before_days` before
    # the article was published to `window_after_days` after it; a journal number or the meeting's date printed in
    # the article finds a meeting whenever it was held. Every pair beyond the window would need more evidence than
    # names and words bring (the long-before and long-after factors), and without a window every article was
    # scored against every meeting of its committee and people, however old: quadratic in the archive's years.
    window_before_days: int = 730
    window_after_days: int = 60
    other_municipality_factor: float = 0.2
    no_municipality_factor: float = 0.75
    item_share: float = 0.5
    shown_words: int = 5

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            if value < 0:
                raise ValueError(f"LinkSettings.{name} must not be negative (got {value})")
        if not 0 < self.item_share <= 1:
            raise ValueError(f"LinkSettings.item_share must be in (0, 1] (got {self.item_share})")


@dataclass(frozen=True)
class Link:
    """A link from an article to a meeting (and one of its items, when one carries the evidence)."""

    article_id: str
    meeting_id: str
    item_id: str | None
    score: float
    reason: str

    @property
    def id(self) -> str:
        return make_id(self.article_id, "link", self.meeting_id)


# -- dates ------------------------------------------------------------------------------------------------------------


def date_span(iso: str) -> tuple[datetime.date, datetime.date] | None:
    """The days an ISO date as precise as printed covers: "2017-09" is 2017-09-01 to 2017-09-30."""
    parts = iso.split("-")
    try:
        numbers = [int(part) for part in parts]
        if len(numbers) == 3:
            day = datetime.date(*numbers)
            return day, day
        if len(numbers) == 2:
            first = datetime.date(numbers[0], numbers[1], 1)
            following = datetime.date(numbers[0] + numbers[1] // 12, numbers[1] % 12 + 1, 1)
            return first, following - datetime.timedelta(days=1)
        if len(numbers) == 1:
            return datetime.date(numbers[0], 1, 1), datetime.date(numbers[0], 12, 31)
    except ValueError:
        return None
    return None


@cache
def _span(iso: str) -> tuple[datetime.date, datetime.date] | None:
    return date_span(iso)


def in_window(published: str | None, held: str | None, settings: LinkSettings) -> bool:
    """Whether a meeting held on `held` is within the candidate window of an article published on `published`
    (either unknown: it is)."""
    publication = _span(published) if published else None
    meeting = _span(held) if held else None
    if publication is None or meeting is None:
        return True
    return (publication[1] - meeting[0]).days >= -settings.window_after_days and (
        publication[0] - meeting[1]
    ).days <= settings.window_before_days


def _how_long(days: int) -> str:
    if days == 1:
        return "1 day"
    if days < 60:
        return f"{days} days"
    if days < 730:
        return f"{days // 30} months"
    return f"{days // 365} years"


# -- the records the scoring reads --------------------------------------------------------------------------------


@dataclass
class _Article:
    id: str
    text: str
    published: str | None
    names: dict[tuple[NameKind, str], str] = field(default_factory=dict)
    municipalities: set[str] = field(default_factory=set)
    committees: list[tuple[frozenset[str], str]] = field(default_factory=list)
    numbers: set[str] = field(default_factory=set)
    surface: dict[str, str] = field(default_factory=dict)  # stem -> its first word in the article
    index: int = -1  # row of the article's word vector
    dates: dict[str, str] = field(default_factory=dict)  # ISO date -> as printed, each date the article names


@dataclass
class _Item:
    id: str
    number: str | None
    title: str | None
    case_number: str | None
    index: int = -1  # row of the item's word vector


@dataclass
class _Meeting:
    id: str
    municipality: str | None
    committee: str | None
    date: str | None
    # every name in the meeting's document, with the items it stands in (None: outside any item)
    names: dict[tuple[NameKind, str], set[str | None]] = field(default_factory=dict)
    attendees: set[tuple[NameKind, str]] = field(default_factory=set)
    items: list[_Item] = field(default_factory=list)


@dataclass
class _Evidence:
    """Points and readable reasons, for the whole meeting and per item."""

    points: float = 0.0
    # the part of `points` that could stand in an item: names, journal numbers, words
    locatable: float = 0.0
    named: bool = False
    mentions: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    item_points: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))


@dataclass
class LoadedEvidence:
    """What linking reads from a database (articles with their stored mentions, canonical meetings, item texts):
    scoring then reads nothing more, so that an ingest can rebuild the full-text indexes in another process
    meanwhile (`pipeline.derived`)."""

    articles: list[_Article]
    meetings: list[_Meeting]
    item_texts: list[tuple[_Item, str]]
    name_stems: frozenset[str]  # stems of the words of people's and places' names: left out of the word vectors


def _load(db: sqlite_utils.Database) -> LoadedEvidence:
    articles = {
        document_id: _Article(document_id, text or "", published)
        for document_id, published, text in db.execute(
            "select a.document_id, a.published, d.text from articles a "
            "join documents d on d.id = a.document_id order by a.document_id"
        )
    }
    for document_id, kind, key, printed in db.execute(
        "select document_id, kind, key, text from article_mentions order by document_id, start, id"
    ):
        if document_id in articles:
            add_mention(articles[document_id], kind, key, printed)
    meetings, items = _load_meetings(db)
    names = db.execute("select distinct text from entities where label in ('PER', 'LOC')")
    name_stems = {stem(word) for word in {word.casefold() for (text,) in names for word in CONTENT_WORD.findall(text)}}
    return LoadedEvidence(list(articles.values()), list(meetings.values()), items, frozenset(name_stems))


def add_mention(article: _Article, kind: str, key: str, printed: str) -> None:
    """Add one row of `article_mentions` to what scoring reads of the article (rows in the order of the text)."""
    if kind in ("person", "organisation", "place"):
        article.names[(kind, key)] = printed  # type: ignore[index]
    elif kind == "municipality":
        article.municipalities.add(key)
    elif kind == "committee":
        article.committees.append((frozenset(key.split()), printed))
    elif kind == "number":
        article.numbers.add(key)
    elif kind == "date":
        article.dates[key] = printed


def _load_meetings(db: sqlite_utils.Database) -> tuple[dict[str, _Meeting], list[tuple[_Item, str]]]:
    """The canonical meetings with their open items, names and attendees; the items with the text their words are
    read from (the title twice: it says what the item is about)."""
    meetings: dict[str, _Meeting] = {}
    meeting_of_document: dict[str, _Meeting] = {}
    for meeting_id, document_id, municipality, committee, date in db.execute(
        "select id, document_id, municipality, committee, date from meetings where duplicate_of is null order by id"
    ):
        meeting = _Meeting(meeting_id, municipality, committee, date)
        meetings[meeting.id] = meeting
        meeting_of_document[document_id] = meeting
    items: list[tuple[_Item, str]] = []
    for item_id, meeting_id, number, title, case_number, text in db.execute(
        # A closed item is never a link's target: its title is public, what it is about is not.
        "select id, meeting_id, number, title, case_number, text from agenda_items "
        "where duplicate_of is null and not closed order by meeting_id, position"
    ):
        if meeting_id not in meetings:
            continue
        item = _Item(item_id, number, title, case_number)
        meetings[meeting_id].items.append(item)
        items.append((item, f"{title or ''}\n{title or ''}\n{text or ''}"))
    for document_id, item_id, label, text in db.execute(
        "select document_id, item_id, label, text from entities where document_id in "
        "(select document_id from meetings where duplicate_of is null) order by document_id, start"
    ):
        key = name_key(label, text)
        if key is not None and document_id in meeting_of_document:
            meeting_of_document[document_id].names.setdefault(key, set()).add(item_id)
    for meeting_id, name in db.execute(
        "select meeting_id, name from attendance union all select i.meeting_id, "
        "a.name from item_absences a join agenda_items i on i.id = a.item_id"
    ):
        if meeting_id in meetings:
            key = name_key("PER", name)
            if key is not None:
                meetings[meeting_id].attendees.add(key)
    return meetings, items


def _word_vectors(articles: list[_Article], items: list[tuple[_Item, str]], names: frozenset[str]) -> WordVectors:
    """tf-idf vectors of the articles and items, idf over both together. Words with the stem of a word of a
    person's or place's name are left out (`names`): names are weighed as names."""
    for row, article in enumerate(articles):
        article.index = row
    for row, (item, _) in enumerate(items, start=len(articles)):
        item.index = row
    vectors = WordVectors(
        [article.text for article in articles] + [text for _, text in items],
        STOP_WORDS,
        surfaces=len(articles),
        excluded_stems=names,
    )
    for article in articles:
        article.surface = vectors.surface[article.index]
    return vectors


# -- scoring --------------------------------------------------------------------------------------------------------


def _distinctiveness(meeting_count: int) -> float:
    return 1 / (1 + math.log(max(meeting_count, 1)))


def _names_evidence(
    article: _Article,
    meeting: _Meeting,
    spread: Mapping[tuple[NameKind, str], int],
    settings: LinkSettings,
    evidence: _Evidence,
) -> None:
    weights = {"person": settings.person, "organisation": settings.organisation, "place": settings.place}
    for key, printed in sorted(article.names.items(), key=lambda entry: entry[1]):
        where = meeting.names.get(key)
        attendee = key in meeting.attendees
        if where is None and not attendee:
            continue
        d = _distinctiveness(spread[key])
        # Members are named in every meeting they attend and quoted on every subject: a weaker sign.
        weight = settings.attendee if attendee else weights[key[0]]
        evidence.points += weight * d
        evidence.locatable += weight * d
        evidence.named = True
        evidence.mentions.append(printed)
        for item_id in where or ():
            if item_id is not None:
                evidence.item_points[item_id] += weight * d


def _committee_evidence(article: _Article, meeting: _Meeting, settings: LinkSettings, evidence: _Evidence) -> None:
    if not meeting.committee:
        return
    parts = committee_parts(meeting.committee)
    for mentioned, printed in article.committees:
        if committee_named(mentioned, parts):
            evidence.points += settings.committee
            evidence.named = True
            evidence.others.append(f"names the committee {printed}")
            return


def _date_evidence(article: _Article, meeting: _Meeting, settings: LinkSettings, evidence: _Evidence) -> float:
    """Points for the meeting's date printed in the article and a publication near it; returns the factor for a
    publication long before or after the meeting."""
    if not meeting.date:
        return 1.0
    if meeting.date in article.dates:
        evidence.points += settings.meeting_date
        evidence.named = True
        evidence.others.append(f"names the meeting date {article.dates[meeting.date]}")
    published = date_span(article.published) if article.published else None
    held = date_span(meeting.date)
    if published is None or held is None:
        return 1.0
    earliest, latest = (published[0] - held[0]).days, (published[1] - held[0]).days
    if earliest <= settings.near_days_after and latest >= -settings.near_days_before:
        evidence.points += settings.published_near
        if earliest != latest:
            evidence.others.append(f"published {article.published}, near the meeting")
        elif earliest == 0:
            evidence.others.append("published the day of the meeting")
        else:
            evidence.others.append(
                f"published {_how_long(abs(earliest))} {'after' if earliest > 0 else 'before'} the meeting"
            )
        return 1.0
    if latest < -settings.long_before_days:
        evidence.others.append(f"published {_how_long(-latest)} before the meeting")
        return settings.long_before_factor
    if earliest > settings.long_after_days:
        evidence.others.append(f"published {_how_long(earliest)} after the meeting")
        return settings.long_after_factor
    return 1.0


def _municipality_factor(article: _Article, meeting: _Meeting, settings: LinkSettings, evidence: _Evidence) -> float:
    if not meeting.municipality:
        return 1.0
    if not article.municipalities:
        return settings.no_municipality_factor
    if meeting.municipality in article.municipalities:
        return 1.0
    evidence.others.append(f"names only other municipalities ({', '.join(sorted(article.municipalities))})")
    return settings.other_municipality_factor


def score_meeting(
    article: _Article,
    meeting: _Meeting,
    spread: Mapping[tuple[NameKind, str], int],
    settings: LinkSettings,
    vectors: WordVectors,
    similarities: Mapping[int, float],
) -> Link | None:
    """The link between an article and a meeting, or None when the evidence is too weak; `similarities` are the
    article's cosines with every item's words, by `_Item.index`."""
    score, evidence, best_item = _score(article, meeting, spread, settings, similarities)
    if not evidence.named or score < settings.threshold:
        return None
    shared = vectors.shared(article.index, best_item.index) if best_item is not None else []
    words = [article.surface.get(stem, stem) for stem in shared[: settings.shown_words]]
    carrier = _carrying_item(meeting, evidence, settings)
    return Link(article.id, meeting.id, carrier.id if carrier else None, score, _reason(evidence, words, carrier))


def most_points(article: _Article, spread: Mapping[tuple[NameKind, str], int], settings: LinkSettings) -> float:
    """The most points any meeting could give the article before the factors: every name of it named there at its
    highest weight, every journal number, the committee, the date, every word and a publication near the meeting."""
    weights = {
        "person": max(settings.person, settings.attendee),
        "organisation": settings.organisation,
        "place": settings.place,
    }
    names = sum(weights[key[0]] * _distinctiveness(spread[key]) for key in article.names)
    return (
        names
        + settings.journal_number * len(article.numbers)
        + settings.committee
        + settings.meeting_date
        + settings.words
        + settings.published_near
    )


def could_link(
    article: _Article, meeting: _Meeting, spread: Mapping[tuple[NameKind, str], int], settings: LinkSettings
) -> bool:
    """Whether the evidence could reach the threshold if the article shared every word of an item: when not, the
    pair need not be scored (its items' texts need not be read)."""
    score, evidence, _ = _score(article, meeting, spread, settings, _AllAlike())
    return evidence.named and score >= settings.threshold


class _AllAlike(dict[int, float]):
    def __missing__(self, key: int) -> float:
        return 1.0


def _score(
    article: _Article,
    meeting: _Meeting,
    spread: Mapping[tuple[NameKind, str], int],
    settings: LinkSettings,
    similarities: Mapping[int, float],
) -> tuple[float, _Evidence, _Item | None]:
    evidence = _Evidence()
    _names_evidence(article, meeting, spread, settings, evidence)
    for item in meeting.items:
        if item.case_number and item.case_number.strip() in article.numbers:
            evidence.points += settings.journal_number
            evidence.locatable += settings.journal_number
            evidence.item_points[item.id] += settings.journal_number
            evidence.named = True
            evidence.others.append(f"cites journal number {item.case_number.strip()}")
    _committee_evidence(article, meeting, settings, evidence)
    best_words: tuple[float, _Item | None] = (0.0, None)
    for item in meeting.items:
        similarity = similarities[item.index]
        evidence.item_points[item.id] += settings.words * similarity
        if similarity > best_words[0]:
            best_words = (similarity, item)
    evidence.points += settings.words * best_words[0]
    evidence.locatable += settings.words * best_words[0]
    factor = _date_evidence(article, meeting, settings, evidence)
    factor *= _municipality_factor(article, meeting, settings, evidence)
    return round(evidence.points * factor, 2), evidence, best_words[1]


def _carrying_item(meeting: _Meeting, evidence: _Evidence, settings: LinkSettings) -> _Item | None:
    ranked = sorted(meeting.items, key=lambda item: -evidence.item_points[item.id])
    if not ranked:
        return None
    best = evidence.item_points[ranked[0].id]
    runner_up = evidence.item_points[ranked[1].id] if len(ranked) > 1 else 0.0
    return ranked[0] if best >= settings.item_share * evidence.locatable and best > runner_up else None


def _joined(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _reason(evidence: _Evidence, words: list[str], item: _Item | None) -> str:
    parts = []
    if evidence.mentions:
        parts.append(f"mentions {_joined(evidence.mentions)}")
    parts += [other for other in evidence.others if not other.startswith("published")]
    if words:
        parts.append(f"shares the words {', '.join(words)}")
    parts += [other for other in evidence.others if other.startswith("published")]
    if item is not None:
        parts.append(f"evidence in item {item.number or '?'}" + (f" ({item.title})" if item.title else ""))
    return "; ".join(parts)


# -- the whole database ---------------------------------------------------------------------------------------------


def find_links(db: sqlite_utils.Database, settings: LinkSettings | None = None) -> list[Link]:
    """Every link the evidence supports, in a stable order."""
    return score_links(_load(db), settings or LinkSettings())


def load_everything(db: sqlite_utils.Database) -> LoadedEvidence:
    """Every article and canonical meeting with what scoring reads of them (a full recompute)."""
    return _load(db)


def score_links(loaded: LoadedEvidence, settings: LinkSettings) -> list[Link]:
    """The links between loaded articles and meetings (no database access: an ingest runs this while SQLite
    rebuilds the full-text indexes in another process)."""
    return score_all(loaded, settings)[0]


def score_all(loaded: LoadedEvidence, settings: LinkSettings) -> tuple[list[Link], WordVectors]:
    """`score_links`, and the word vectors of every text (what `pipeline.link_evidence` keeps statistics of)."""
    vectors = _word_vectors(loaded.articles, loaded.item_texts, loaded.name_stems)
    index = _MeetingIndex.of(loaded.meetings)
    links = []
    for article in loaded.articles:
        candidates = index.candidates(article, settings)
        if not candidates:
            continue
        # with the items of the candidates only (all items: quadratic)
        rows = [item.index for meeting in candidates.values() for item in meeting.items]
        similarities = dict(zip(rows, vectors.cosines_with(article.index, rows), strict=True))
        for meeting_id in sorted(candidates):
            link = score_meeting(article, candidates[meeting_id], index.spread, settings, vectors, similarities)
            if link is not None:
                links.append(link)
    return links, vectors


@dataclass
class _MeetingIndex:
    """The meetings by what finds them (names, committees, journal numbers, dates), and each name's spread."""

    spread: Counter[tuple[NameKind, str]] = field(default_factory=Counter)
    by_name: defaultdict[tuple[NameKind, str], list[_Meeting]] = field(default_factory=lambda: defaultdict(list))
    by_committee: defaultdict[frozenset[str], list[_Meeting]] = field(default_factory=lambda: defaultdict(list))
    by_number: defaultdict[str, list[_Meeting]] = field(default_factory=lambda: defaultdict(list))
    by_date: defaultdict[str, list[_Meeting]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def of(cls, meetings: Iterable[_Meeting]) -> _MeetingIndex:
        index = cls()
        for meeting in meetings:
            if meeting.committee:
                index.by_committee[committee_parts(meeting.committee)].append(meeting)
            for key in {*meeting.names, *meeting.attendees}:
                index.spread[key] += 1
                index.by_name[key].append(meeting)
            if meeting.date:
                index.by_date[meeting.date].append(meeting)
            for item in meeting.items:
                if item.case_number:
                    index.by_number[item.case_number.strip()].append(meeting)
        return index

    def candidates(self, article: _Article, settings: LinkSettings) -> dict[str, _Meeting]:
        """The meetings an article is scored against: those its names and committees find within the candidate
        window, and those its journal numbers and dates find whenever held."""
        candidates = {meeting.id: meeting for key in article.names for meeting in self.by_name.get(key, [])}
        for mentioned, _ in article.committees:
            for parts, named in self.by_committee.items():
                if committee_named(mentioned, parts):
                    candidates |= {meeting.id: meeting for meeting in named}
        elsewhere = only_elsewhere(article, self.spread, settings)
        candidates = {
            meeting_id: meeting
            for meeting_id, meeting in candidates.items()
            if in_window(article.published, meeting.date, settings)
            and not (elsewhere and meeting.municipality and meeting.municipality not in article.municipalities)
        }
        candidates |= {meeting.id: meeting for number in article.numbers for meeting in self.by_number.get(number, [])}
        for iso in article.dates:
            candidates |= {meeting.id: meeting for meeting in self.by_date.get(iso, [])}
        return candidates


def committee_named(mentioned: frozenset[str], parts: frozenset[str]) -> bool:
    """Whether a committee an article names (its subjects) is the committee of `parts`: all its subjects, or two or
    more of them (committees get renamed)."""
    return bool(mentioned) and (mentioned == parts or (len(mentioned) >= 2 and mentioned <= parts))


def only_elsewhere(article: _Article, spread: Mapping[tuple[NameKind, str], int], settings: LinkSettings) -> bool:
    """Whether a meeting of a municipality the article does not name is left unscored: the article names a
    municipality, and its evidence could not outweigh the other-municipality factor even sharing every word."""
    return bool(article.municipalities) and (
        most_points(article, spread, settings) * settings.other_municipality_factor < settings.threshold - 0.005
    )


def link_articles(db: sqlite_utils.Database, settings: LinkSettings | None = None) -> int:
    """Replace every row of `links` with the links the evidence supports now; returns how many there are."""
    settings = settings or LinkSettings()
    links = find_links(db, settings)
    save_links(db, links, links_signature(db, settings))
    return len(links)


def links_signature(db: sqlite_utils.Database, settings: LinkSettings) -> str:
    return hashlib.sha256(f"{LINKS_VERSION}\n{settings!r}\n{documents_digest(db)}".encode()).hexdigest()[:16]


def save_links(db: sqlite_utils.Database, links: list[Link], signature: str) -> None:
    """Replace every row of `links`, and remember what they were computed from."""
    with db.conn:
        db.execute("delete from links")
        db.conn.executemany(
            "insert into links (id, article_id, meeting_id, item_id, score, reason) values (?, ?, ?, ?, ?, ?)",
            [(link.id, link.article_id, link.meeting_id, link.item_id, link.score, link.reason) for link in links],
        )
        db.execute(
            "insert or replace into search_state (name, signature, rows) values ('links', ?, ?)",
            [signature, len(links)],
        )
