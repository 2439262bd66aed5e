"""Links kept up to date in proportion to what an ingest changed, from evidence and statistics kept in the database.

`pipeline.links` scores every article against its candidate meetings with statistics over the whole archive: how
many meetings name each name (its spread) and how many texts hold each word stem (the idf of the word vectors).
Recomputing that for one new document means reading the whole archive. Here the evidence is kept, indexed, in
the database when a document's derived work is done, and the statistics are kept as counts:

- `link_evidence` holds each document's linking keys: a meeting's names (with the item they stand in), its
  attendees, its items' journal numbers and its committee (as its subjects, and every two or more of them); an
  article's names, journal numbers, dates and committees named (its `article_mentions`, found when it was
  parsed: `pipeline.mentions`). Both sides find their candidates through its key
  index, and a name's spread is a count over it (canonical meetings only).
- `word_frequencies` holds, for each stem, how many texts (canonical, open agenda items and articles) hold it and
  how many documents name a person or place with a word of that stem; the number of texts is kept in
  `search_state` (`word_frequencies`). `link_documents` holds what each document added to those counts, so that a
  document that is replaced, removed or becomes a duplicate takes exactly that away again.

`update_links(db, documents, meetings)` brings these up to date for the documents an ingest saved or removed and
the meetings whose `duplicate_of` changed, then rescores only their pairs: a new or changed article against the
meetings its keys find, a new, changed or no longer duplicate meeting against the articles its keys find (pairs
that could not reach the threshold even sharing every word are not read further). Links of untouched pairs are
NOT rescored when the statistics move (a name that is now in more meetings weighs a little less; a stem in more
texts a little less): the statistics move slowly, and `referat relink` (`link_articles`) recomputes every link.
A new article added last gets exactly the links a full recompute gives it.

`fill_evidence(db, loaded, vectors, settings)` fills the same tables on a fresh build from what the full scoring read.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy
import sqlite_utils

from referat.extractors.entities.patterns import STOP_WORDS
from referat.pipeline.links import (
    Link,
    LinkSettings,
    LoadedEvidence,
    _Article,
    _Item,
    _Meeting,
    add_mention,
    could_link,
    in_window,
    only_elsewhere,
    score_meeting,
)
from referat.pipeline.mentions import NameKind, committee_key, committee_parts, name_key
from referat.pipeline.word_vectors import CONTENT_WORD, Statistics, WordVectors, content_words, stem

# Bump when what is kept changes: the next ingest then fills the tables again from the whole database.
EVIDENCE_VERSION = "2"
_STATE = "link_evidence"
_TEXTS = "word_frequencies"
_NAME_KINDS: tuple[NameKind, ...] = ("person", "organisation", "place")
# A committee of more subjects than this is indexed by its whole name only (2^n subsets).
_MOST_PARTS = 8
_CHUNK = 200
# A row of `link_evidence`: key, kind, document_id, item_id, meeting_id (None for an article's keys).
EvidenceRow = tuple[str, str, str, "str | None", "str | None"]


# -- the keys of one document ---------------------------------------------------------------------------------------


def meeting_rows(meeting: _Meeting, document_id: str, numbers: Iterable[tuple[str, str]]) -> list[EvidenceRow]:
    """The `link_evidence` rows of a meeting: (key, kind, document_id, item_id, meeting_id); `numbers` are its
    open items' (item id, journal number)."""
    rows: set[EvidenceRow] = set()
    for (kind, key), items in meeting.names.items():
        rows.update((key, kind, document_id, item_id, meeting.id) for item_id in items)
    rows.update((key, "attendee", document_id, None, meeting.id) for _, key in meeting.attendees)
    rows.update((number, "number", document_id, item_id, meeting.id) for item_id, number in numbers)
    if meeting.committee:
        parts = committee_parts(meeting.committee)
        if parts:
            rows.add((committee_key(parts), "committee", document_id, None, meeting.id))
            for subset in _subsets(parts):
                rows.add((committee_key(subset), "committees", document_id, None, meeting.id))
    return list(rows)


def _subsets(parts: frozenset[str]) -> Iterator[tuple[str, ...]]:
    """Every two or more of a committee's subjects: an article naming any of them names the committee."""
    if len(parts) > _MOST_PARTS:
        return
    for size in range(2, len(parts) + 1):
        yield from itertools.combinations(sorted(parts), size)


def article_rows(article: _Article) -> list[EvidenceRow]:
    """The `link_evidence` rows of an article, from its mentions."""
    rows: set[EvidenceRow] = {(key, f"article {kind}", article.id, None, None) for kind, key in article.names}
    rows.update((number, "article number", article.id, None, None) for number in article.numbers)
    rows.update((iso, "article date", article.id, None, None) for iso in article.dates)
    rows.update(
        (committee_key(parts), "article committee", article.id, None, None) for parts, _ in article.committees if parts
    )
    return list(rows)


def _insert_evidence(db: sqlite_utils.Database, rows: list[EvidenceRow]) -> None:
    db.conn.executemany(
        "insert or ignore into link_evidence (key, kind, document_id, item_id, meeting_id) values (?, ?, ?, ?, ?)", rows
    )


# -- reading one document -------------------------------------------------------------------------------------------


def read_article(db: sqlite_utils.Database, document_id: str) -> _Article | None:
    """An article as `pipeline.links` reads it among all of them: its text, publication date and mentions."""
    found = db.execute(
        "select a.published, d.text from articles a join documents d on d.id = a.document_id where a.document_id = ?",
        [document_id],
    ).fetchone()
    if found is None:
        return None
    article = _Article(document_id, found[1] or "", found[0])
    for kind, key, printed in db.execute(
        "select kind, key, text from article_mentions where document_id = ? order by start, id", [document_id]
    ):
        add_mention(article, kind, key, printed)
    return article


def _meeting_of_document(db: sqlite_utils.Database, document_id: str) -> str | None:
    row = db.execute("select max(id) from meetings where document_id = ?", [document_id]).fetchone()
    return None if row is None or row[0] is None else str(row[0])


def read_meeting_names(db: sqlite_utils.Database, meeting: _Meeting, document_id: str) -> None:
    """A meeting's names and attendees from its document's entities and attendance, as `pipeline.links` reads them."""
    for item_id, label, text in db.execute(
        "select item_id, label, text from entities where document_id = ? order by start", [document_id]
    ):
        key = name_key(label, text)
        if key is not None:
            meeting.names.setdefault(key, set()).add(item_id)
    for (name,) in db.execute(
        "select name from attendance where meeting_id = ? union all select a.name from "
        "item_absences a join agenda_items i on i.id = a.item_id where i.meeting_id = ?",
        [meeting.id, meeting.id],
    ):
        key = name_key("PER", name)
        if key is not None:
            meeting.attendees.add(key)


def _meeting_record(db: sqlite_utils.Database, meeting_id: str, *, with_evidence: bool = True) -> _Meeting | None:
    """A canonical meeting with its open items and, from `link_evidence`, its names and attendees."""
    row = db.execute(
        "select document_id, municipality, committee, date from meetings where id = ? and duplicate_of is null",
        [meeting_id],
    ).fetchone()
    if row is None:
        return None
    meeting = _Meeting(meeting_id, row[1], row[2], row[3])
    meeting.items = [
        _Item(item_id, number, title, case_number)
        for item_id, number, title, case_number in db.execute(
            "select id, number, title, case_number from agenda_items where meeting_id = ? and duplicate_of is null and "
            "not closed order by position",
            [meeting_id],
        )
    ]
    if with_evidence:
        for key, kind, item_id in db.execute(
            "select key, kind, item_id from link_evidence where document_id = ? and meeting_id = ?",
            [row[0], meeting_id],
        ):
            if kind == "attendee":
                meeting.attendees.add(("person", key))
            elif kind in _NAME_KINDS:
                meeting.names.setdefault((kind, key), set()).add(item_id)
    return meeting


# -- statistics -------------------------------------------------------------------------------------------------------


def _text_stems(text: str) -> set[str]:
    return {stem(word) for word in set(content_words(text.casefold())) if word not in STOP_WORDS}


def _name_stems(texts: Iterable[str]) -> set[str]:
    words = {word.casefold() for text in texts for word in CONTENT_WORD.findall(text)}
    return {stem(word) for word in words}


def _counted_texts(db: sqlite_utils.Database, document_id: str) -> Iterator[str]:
    """The texts of a document that the word statistics count: an article's text, a canonical meeting's open,
    canonical items (title twice and text, as `pipeline.links` reads them)."""
    for (text,) in db.execute(
        "select d.text from articles a join documents d on d.id = a.document_id where a.document_id = ?", [document_id]
    ):
        yield text or ""
    for title, text in db.execute(
        "select i.title, i.text from agenda_items i join meetings m on m.id = i.meeting_id "
        "where m.document_id = ? and m.duplicate_of is null and i.duplicate_of is null and not i.closed",
        [document_id],
    ):
        yield f"{title or ''}\n{title or ''}\n{text or ''}"


def _pack(values: dict[int, int]) -> bytes:
    return numpy.array(sorted(values.items()), dtype=numpy.int64).reshape(-1).tobytes()


def _unpack(blob: bytes | None) -> dict[int, int]:
    if not blob:
        return {}
    pairs = numpy.frombuffer(blob, dtype=numpy.int64).reshape(-1, 2)
    return dict(zip(pairs[:, 0].tolist(), pairs[:, 1].tolist(), strict=True))


def _stem_ids(db: sqlite_utils.Database, stems: Iterable[str]) -> dict[str, int]:
    """The id of each stem in `word_frequencies`, adding the stems not there yet."""
    wanted = sorted(set(stems))
    ids: dict[str, int] = {}
    for chunk in chunks(wanted, 500):
        marks = ", ".join("?" for _ in chunk)
        ids.update(db.execute(f"select stem, id from word_frequencies where stem in ({marks})", chunk).fetchall())
    missing = [(found,) for found in wanted if found not in ids]
    if missing:
        db.conn.executemany("insert into word_frequencies (stem, texts, names) values (?, 0, 0)", missing)
        for chunk in chunks([found for (found,) in missing], 500):
            marks = ", ".join("?" for _ in chunk)
            ids.update(db.execute(f"select stem, id from word_frequencies where stem in ({marks})", chunk).fetchall())
    return ids


def _restat(db: sqlite_utils.Database, document_id: str) -> None:
    """Take a document's earlier share out of the statistics and put its present one in."""
    old = db.execute("select texts, words, names from link_documents where document_id = ?", [document_id]).fetchone()
    texts: Counter[str] = Counter()
    count = 0
    for text in _counted_texts(db, document_id):
        count += 1
        texts.update(_text_stems(text))
    names = _name_stems(
        text
        for (text,) in db.execute(
            "select distinct text from entities where document_id = ? and label in ('PER', 'LOC')", [document_id]
        )
    )
    ids = _stem_ids(db, [*texts, *names])
    new_words = {ids[found]: number for found, number in texts.items()}
    new_names = {ids[found]: 1 for found in names}
    old_count, old_words, old_names = (old[0], _unpack(old[1]), _unpack(old[2])) if old else (0, {}, {})
    _add(db, "texts", old_words, new_words)
    _add(db, "names", old_names, new_names)
    db.execute("update search_state set rows = rows + ? where name = ?", [count - old_count, _TEXTS])
    if count or new_names:
        db.execute(
            "insert or replace into link_documents (document_id, texts, words, names) values (?, ?, ?, ?)",
            [document_id, count, _pack(new_words), _pack(new_names)],
        )
    else:
        db.execute("delete from link_documents where document_id = ?", [document_id])


def _add(db: sqlite_utils.Database, column: str, old: dict[int, int], new: dict[int, int]) -> None:
    changes = [
        (new.get(key, 0) - old.get(key, 0), key)
        for key in old.keys() | new.keys()
        if new.get(key, 0) != old.get(key, 0)
    ]
    db.conn.executemany(f"update word_frequencies set [{column}] = [{column}] + ? where id = ?", changes)


def _statistics(db: sqlite_utils.Database) -> Statistics:
    texts = db.execute("select rows from search_state where name = ?", [_TEXTS]).fetchone()[0]

    def frequencies(stems: list[str]) -> list[int]:
        found: dict[str, int] = {}
        for chunk in chunks(stems, 500):
            marks = ", ".join("?" for _ in chunk)
            found.update(
                db.execute(f"select stem, texts from word_frequencies where stem in ({marks})", chunk).fetchall()
            )
        return [found.get(stem_, 0) for stem_ in stems]

    return Statistics(int(texts), frequencies)


def _excluded_stems(db: sqlite_utils.Database, stems: list[str]) -> frozenset[str]:
    found: set[str] = set()
    for chunk in chunks(stems, 500):
        marks = ", ".join("?" for _ in chunk)
        found.update(
            row[0]
            for row in db.execute(f"select stem from word_frequencies where names > 0 and stem in ({marks})", chunk)
        )
    return frozenset(found)


# -- the state of the tables ----------------------------------------------------------------------------------------


def evidence_current(db: sqlite_utils.Database, settings: LinkSettings) -> bool:
    """Whether the evidence tables were filled by this version of the code with these settings."""
    row = db.execute("select signature from search_state where name = ?", [_STATE]).fetchone()
    return row is not None and row[0] == _signature(settings)


def _signature(settings: LinkSettings) -> str:
    from referat.pipeline.links import LINKS_VERSION

    return hashlib.sha256(f"{EVIDENCE_VERSION}\n{LINKS_VERSION}\n{settings!r}".encode()).hexdigest()[:16]


def fill_evidence(
    db: sqlite_utils.Database, loaded: LoadedEvidence, vectors: WordVectors, settings: LinkSettings
) -> None:
    """Fill the evidence and statistics tables whole from what the full scoring read (the articles read, the
    canonical meetings, the word vectors of all texts); meetings that are duplicates now are read here."""
    save_evidence(db, prepare_evidence(db, loaded, vectors), settings)


@dataclass(frozen=True)
class PreparedEvidence:
    """The rows `fill_evidence` writes, worked out before (a fresh build does it while the indexes are rebuilt)."""

    evidence: list[EvidenceRow]
    duplicates: list[tuple[str, str]]  # (meeting, document) of meetings that are duplicates now
    frequencies: list[tuple[int, str, int, int]]
    documents: list[tuple[str, int, bytes, bytes]]
    texts: int


def prepare_evidence(db: sqlite_utils.Database, loaded: LoadedEvidence, vectors: WordVectors) -> PreparedEvidence:
    """What `fill_evidence` writes; only reads the database."""
    rows: list[EvidenceRow] = []
    document_of = dict(db.execute("select id, document_id from meetings").fetchall())
    for meeting in loaded.meetings:
        numbers = [
            (item.id, item.case_number.strip())
            for item in meeting.items
            if item.case_number and item.case_number.strip()
        ]
        rows += meeting_rows(meeting, document_of[meeting.id], numbers)
    for article in loaded.articles:
        rows += article_rows(article)
    canonical = {meeting.id for meeting in loaded.meetings}
    last_meeting = {document_id: meeting_id for meeting_id, document_id in sorted(document_of.items())}
    duplicates = [
        (meeting_id, document_id)
        for document_id, meeting_id in sorted(last_meeting.items())
        if meeting_id not in canonical
    ]
    # Statistics: each text's stems (left-out name stems included) by document.
    stems = vectors.stems
    document_codes: dict[str, int] = {}
    row_documents = [document_codes.setdefault(article.id, len(document_codes)) for article in loaded.articles]
    meeting_of_item = {item.id: meeting.id for meeting in loaded.meetings for item in meeting.items}
    row_documents += [
        document_codes.setdefault(document_of[meeting_of_item[item.id]], len(document_codes))
        for item, _ in loaded.item_texts
    ]
    names: dict[str, set[str]] = defaultdict(set)
    for document_id, text in db.execute(
        "select distinct document_id, text from entities where label in ('PER', 'LOC')"
    ):
        names[document_id].add(text)
    name_stems = {document_id: _name_stems(texts) for document_id, texts in names.items()}
    known = set(stems)
    all_stems = list(stems) + sorted({found for found_stems in name_stems.values() for found in found_stems} - known)
    ids = {found: position + 1 for position, found in enumerate(all_stems)}
    codes = numpy.array(row_documents, dtype=numpy.int64)
    text_counts = numpy.bincount(codes, minlength=len(document_codes)) if len(codes) else numpy.zeros(0)
    pairs = codes[vectors.all_rows] * (len(stems) + 1) + vectors.all_columns
    unique, counts = numpy.unique(pairs, return_counts=True)
    pair_documents, pair_columns = unique // (len(stems) + 1), unique % (len(stems) + 1)
    frequency = numpy.bincount(vectors.all_columns, minlength=len(stems)).tolist()
    name_frequency: Counter[str] = Counter(found for found_stems in name_stems.values() for found in found_stems)
    frequencies = [
        (ids[found], found, frequency[column] if column < len(stems) else 0, name_frequency.get(found, 0))
        for column, found in enumerate(all_stems)
    ]
    bounds = numpy.searchsorted(pair_documents, numpy.arange(len(document_codes) + 1))
    packed: dict[str, tuple[int, bytes, bytes]] = {}
    for document_id, code in document_codes.items():
        start, end = int(bounds[code]), int(bounds[code + 1])
        words = numpy.stack([pair_columns[start:end] + 1, counts[start:end]], axis=1).astype(numpy.int64)
        packed[document_id] = (int(text_counts[code]), words.reshape(-1).tobytes(), b"")
    for document_id, found_stems in name_stems.items():
        count, words_blob, _ = packed.get(document_id, (0, b"", b""))
        packed[document_id] = (count, words_blob, _pack({ids[found]: 1 for found in found_stems}))
    return PreparedEvidence(
        rows,
        duplicates,
        frequencies,
        [(document_id, *values) for document_id, values in sorted(packed.items())],
        len(row_documents),
    )


def save_evidence(db: sqlite_utils.Database, prepared: PreparedEvidence, settings: LinkSettings) -> None:
    """Replace the evidence and statistics tables with `prepared`, in one transaction."""
    with db.conn:
        for table in ("link_evidence", "word_frequencies", "link_documents"):
            db.execute(f"delete from [{table}]")
        _insert_evidence(db, prepared.evidence)
        for meeting_id, document_id in prepared.duplicates:
            _evidence_of_meeting(db, meeting_id, document_id)
        db.conn.executemany(
            "insert into word_frequencies (id, stem, texts, names) values (?, ?, ?, ?)", prepared.frequencies
        )
        db.conn.executemany(
            "insert into link_documents (document_id, texts, words, names) values (?, ?, ?, ?)", prepared.documents
        )
        db.execute(
            "insert or replace into search_state (name, signature, rows) values (?, ?, ?)",
            [_TEXTS, EVIDENCE_VERSION, prepared.texts],
        )
        db.execute(
            "insert or replace into search_state (name, signature, rows) values (?, ?, ?)",
            [_STATE, _signature(settings), len(prepared.evidence)],
        )


def _evidence_of_meeting(db: sqlite_utils.Database, meeting_id: str, document_id: str) -> None:
    row = db.execute("select municipality, committee, date from meetings where id = ?", [meeting_id]).fetchone()
    meeting = _Meeting(meeting_id, *row)
    read_meeting_names(db, meeting, document_id)
    numbers = [
        (item_id, number.strip())
        for item_id, number in db.execute(
            "select id, case_number from agenda_items where meeting_id = ? and not closed and case_number is not null",
            [meeting_id],
        )
        if number.strip()
    ]
    _insert_evidence(db, meeting_rows(meeting, document_id, numbers))


def _evidence_of_document(db: sqlite_utils.Database, document_id: str) -> None:
    db.execute("delete from link_evidence where document_id = ?", [document_id])
    article = read_article(db, document_id)
    if article is not None:
        _insert_evidence(db, article_rows(article))
    meeting_id = _meeting_of_document(db, document_id)
    if meeting_id is not None:
        _evidence_of_meeting(db, meeting_id, document_id)


# -- incremental update ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkUpdate:
    """What one `update_links` rescored."""

    articles: int
    meetings: int
    pairs: int
    links: int


def update_links(
    db: sqlite_utils.Database, documents: Iterable[str], meetings: Iterable[str], settings: LinkSettings | None = None
) -> LinkUpdate:
    """Bring evidence, statistics and links up to date for `documents` (saved, changed or removed since the last
    update) and `meetings` (whose `duplicate_of` changed). The caller commits (with its removal of the pending
    rows, in one transaction)."""
    settings = settings or LinkSettings()
    documents = sorted(set(documents))
    recanonical = sorted(set(meetings))
    for document_id in sorted(set(documents) | _documents_of_meetings(db, recanonical)):
        _restat(db, document_id)
    for document_id in documents:
        _evidence_of_document(db, document_id)
    articles = [
        row[0]
        for chunk in chunks(documents, 500)
        for row in db.execute(
            f"select document_id from articles where document_id in ({', '.join('?' for _ in chunk)}) "
            "order by document_id",
            chunk,
        )
    ]
    meeting_ids = sorted(set(recanonical) | _meetings_of_documents(db, documents))
    for meeting_id in meeting_ids:
        db.execute("delete from links where meeting_id = ?", [meeting_id])
    for article_id in articles:
        db.execute("delete from links where article_id = ?", [article_id])
    scorer = _Scorer(db, settings)
    _rescore_articles(scorer, articles)
    canonical_meetings = _rescore_meetings(scorer, meeting_ids, done=set(articles))
    return LinkUpdate(len(articles), canonical_meetings, scorer.pairs, scorer.saved)


def _documents_of_meetings(db: sqlite_utils.Database, meeting_ids: list[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(meeting_ids, 500):
        marks = ", ".join("?" for _ in chunk)
        found.update(row[0] for row in db.execute(f"select document_id from meetings where id in ({marks})", chunk))
    return found


def _meetings_of_documents(db: sqlite_utils.Database, documents: list[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(documents, 500):
        marks = ", ".join("?" for _ in chunk)
        found.update(row[0] for row in db.execute(f"select id from meetings where document_id in ({marks})", chunk))
    return found


def _rescore_articles(scorer: _Scorer, articles: list[str]) -> None:
    """Score each article against the meetings its keys find."""
    for chunk in chunks(articles, _CHUNK):
        for article_id in chunk:
            article = read_article(scorer.db, article_id)
            if article is not None:
                scorer.score(article, list(scorer.candidate_meetings(article)))
        scorer.save()


def _rescore_meetings(scorer: _Scorer, meeting_ids: list[str], *, done: set[str]) -> int:
    """Score each canonical meeting against the articles its keys find (but those in `done`); returns how many
    meetings were canonical."""
    canonical = 0
    for meeting_id in meeting_ids:
        meeting = _meeting_record(scorer.db, meeting_id)
        if meeting is None:
            continue
        canonical += 1
        for article_id in scorer.candidate_articles(meeting):
            if article_id not in done:
                article = read_article(scorer.db, article_id)
                if article is not None:
                    scorer.score(article, [meeting], check=True)
        scorer.save()
    return canonical


class _Spread(dict[tuple[NameKind, str], int]):
    """How many canonical meetings name each name (as a name or an attendee), counted when first asked for."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        super().__init__()
        self._db = db

    def __missing__(self, name: tuple[NameKind, str]) -> int:
        kind, key = name
        kinds = ("person", "attendee") if kind == "person" else (kind, kind)
        found = self[name] = self._db.execute(
            "select count(distinct e.meeting_id) from link_evidence e join meetings m on m.id = e.meeting_id "
            "where e.key = ? and e.kind in (?, ?) and m.duplicate_of is null",
            [key, *kinds],
        ).fetchone()[0]
        return int(found)


class _Scorer:
    """Scores articles against candidate meetings with the statistics kept in the database."""

    def __init__(self, db: sqlite_utils.Database, settings: LinkSettings) -> None:
        self.db = db
        self.settings = settings
        self.spread = _Spread(db)
        self._links: list[Link] = []
        self._statistics = _statistics(db)
        self.pairs = 0
        self.saved = 0

    def candidate_meetings(self, article: _Article) -> Iterator[_Meeting]:
        """The canonical meetings the article's names, numbers, dates and committees find, in id order, without
        those that could not reach the threshold."""
        found: set[str] = set()
        for kind, key in article.names:
            kinds = ("person", "attendee") if kind == "person" else (kind, kind)
            found.update(
                row[0]
                for row in self.db.execute(
                    "select meeting_id from link_evidence where key = ? and kind in (?, ?) and meeting_id is not null",
                    [key, *kinds],
                )
            )
        for parts, _ in article.committees:
            if not parts:
                continue
            kinds = ("committee", "committees") if len(parts) >= 2 else ("committee", "committee")
            found.update(
                row[0]
                for row in self.db.execute(
                    "select meeting_id from link_evidence where key = ? and kind in (?, ?) and meeting_id is not null",
                    [committee_key(parts), *kinds],
                )
            )
        # names and committees find the meetings of the candidate window; journal numbers and dates any meeting
        # and of the municipalities the article names, when its evidence could not outweigh the other-municipality
        # factor (an exact bound, as `score_all` does)
        elsewhere = only_elsewhere(article, self.spread, self.settings)
        found = {
            meeting_id
            for chunk in chunks(sorted(found), 500)
            for meeting_id, held, municipality in self.db.execute(
                f"select id, date, municipality from meetings where id in ({', '.join('?' for _ in chunk)})", chunk
            )
            if in_window(article.published, held, self.settings)
            and not (elsewhere and municipality and municipality not in article.municipalities)
        }
        for number in article.numbers:
            found.update(
                row[0]
                for row in self.db.execute(
                    "select meeting_id from link_evidence where key = ? and kind = 'number' and meeting_id is not null",
                    [number],
                )
            )
        for iso in article.dates:
            found.update(
                row[0]
                for row in self.db.execute("select id from meetings where date = ? and duplicate_of is null", [iso])
            )
        for meeting_id in sorted(found):
            meeting = _meeting_record(self.db, meeting_id)
            if meeting is None:
                continue
            if could_link(article, meeting, self.spread, self.settings):
                yield meeting

    def candidate_articles(self, meeting: _Meeting) -> list[str]:
        """The articles the meeting's names, numbers, date and committee find, in id order, without those that
        could not reach the threshold (judged from their kept keys, before their texts are read)."""
        keys: set[tuple[str, str]] = {(kind, key) for kind, key in meeting.names}
        keys.update(("person", key) for _, key in meeting.attendees)
        keys.update(
            ("number", item.case_number.strip())
            for item in meeting.items
            if item.case_number and item.case_number.strip()
        )
        if meeting.date:
            keys.add(("date", meeting.date))
        if meeting.committee:
            parts = committee_parts(meeting.committee)
            if parts:
                keys.add(("committee", committee_key(parts)))
                keys.update(("committee", committee_key(subset)) for subset in _subsets(parts))
        found: set[str] = set()
        anywhen: set[str] = set()  # found by a journal number or the meeting's date: whenever published
        for kind, key in sorted(keys):
            rows = {
                row[0]
                for row in self.db.execute(
                    "select document_id from link_evidence where key = ? and kind = ?", [key, f"article {kind}"]
                )
            }
            found |= rows
            if kind in ("number", "date"):
                anywhen |= rows
        published: dict[str, str | None] = {}
        for chunk in chunks(sorted(found), 500):
            published.update(
                self.db.execute(
                    f"select document_id, published from articles where document_id in ({', '.join('?' for _ in chunk)})",
                    chunk,
                ).fetchall()
            )
        spread = self.spread
        candidates = []
        for article_id in sorted(published):  # the window first: it needs no more than the publication date
            if article_id not in anywhen and not in_window(published[article_id], meeting.date, self.settings):
                continue
            if could_link(self._sketch(article_id, published[article_id], meeting), meeting, spread, self.settings):
                candidates.append(article_id)
        return candidates

    def _sketch(self, article_id: str, published: str | None, meeting: _Meeting) -> _Article:
        """An article from its kept keys, as favourable as its text could make it (it names the meeting's
        municipality), to rule out pairs before the text is read."""
        article = _Article(article_id, "", published)
        article.municipalities = {meeting.municipality} if meeting.municipality else set()
        for key, kind in self.db.execute(
            "select key, substr(kind, 9) from link_evidence where document_id = ? and kind like 'article %'",
            [article_id],
        ):
            if kind in _NAME_KINDS:
                article.names[(kind, key)] = key
            elif kind == "number":
                article.numbers.add(key)
            elif kind == "date":
                article.dates[key] = key
            elif kind == "committee":
                article.committees.append((frozenset(key.split()), key))
        return article

    def score(self, article: _Article, meetings: list[_Meeting], *, check: bool = False) -> None:
        """Score one article against meetings, reading their items' texts with the kept statistics; with `check`,
        first see whether each pair could reach the threshold at all."""
        if check:
            meetings = [meeting for meeting in meetings if could_link(article, meeting, self.spread, self.settings)]
        if not meetings:
            return
        items = [item for meeting in meetings for item in meeting.items]
        texts = [article.text]
        item_texts = {
            item_id: f"{title or ''}\n{title or ''}\n{text or ''}"
            for chunk in chunks([item.id for item in items], 500)
            for item_id, title, text in self.db.execute(
                f"select id, title, text from agenda_items where id in ({', '.join('?' for _ in chunk)})", chunk
            )
        }
        article.index = 0
        for row, item in enumerate(items, start=1):
            item.index = row
            texts.append(item_texts[item.id])
        vectors = WordVectors(
            texts,
            STOP_WORDS,
            surfaces=1,
            excluded_stems=lambda stems: _excluded_stems(self.db, stems),
            statistics=self._statistics,
        )
        article.surface = vectors.surface[0]
        similarities = dict(zip(range(1, len(texts)), vectors.cosines(0, range(1, len(texts))), strict=True))
        for meeting in meetings:
            self.pairs += 1
            link = score_meeting(article, meeting, self.spread, self.settings, vectors, similarities)
            if link is not None:
                self._links.append(link)

    def save(self) -> None:
        self.db.conn.executemany(
            "insert or replace into links (id, article_id, meeting_id, item_id, score, reason) "
            "values (?, ?, ?, ?, ?, ?)",
            [
                (link.id, link.article_id, link.meeting_id, link.item_id, link.score, link.reason)
                for link in self._links
            ],
        )
        self.saved += len(self._links)
        self._links = []


def chunks(values: list[str], size: int) -> Iterator[list[str]]:
    """`values` in lists of at most `size` (SQLite takes a limited number of parameters)."""
    for start in range(0, len(values), size):
        yield values[start : start + size]
