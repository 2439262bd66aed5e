"""A synthetic national archive, written straight into the real schema: to measure queries at national size.

    python -m referat.pipeline.synthetic --items 2000000 --db /tmp/national.db

writes about `--items` agenda items (2,000,000 is about the size of all Danish municipalities' minutes over ten
years) without parsing anything: the rows are made here and inserted with executemany into the tables that
`models.schema.ensure_db_shape` creates. The shape follows the real data:

- the 98 municipalities of `extractors/data/municipalities.csv`, 20 committees each, meetings spread over the
  ten years 2016-2025 (one document of minutes per meeting, with its text and pages; one meeting in 50 also
  has its agenda, a copy whose meeting and items carry `duplicate_of`);
- about ten agenda items per meeting, each with a KLE journal number, a title, a text, two sections, this
  meeting's decision (outcomes in realistic shares, closed items without one), now and then a vote or a member
  who sits an item out (inhabil, afbud);
- nine members per committee and council period (Danish first names and surnames from
  `extractors/data/entity_person_names.csv`, party letters from `parties.csv`) and an official, each member
  present at nine meetings in ten; persons as rows.py makes them (per municipality and council period);
- mentions of members, places and organisations, sums of money, and one news article per hundred items,
  linked to a meeting of its municipality and often to one of its items.

Texts are drawn from a small vocabulary of Danish words and compounds, with numbers and place names that make
each one distinct at no cost; a few words are common and most are rare, as in real minutes, so a search finds
hundreds of items rather than all of them. The same `--seed` gives the same database. At the end the full-text
indexes are built once, the reference tables filled and the attendance summaries counted
(`pipeline.summaries`). Two million items take about 13 minutes on two cores (4 to write the rows, 1.5 for the
indexes, 8 for the full-text indexes) and 9 GB of disk.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import itertools
import json
import random
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from referat.models.records import Person, make_id
from referat.models.schema import SEARCH_INDEXES, TABLES, ensure_db_shape
from referat.pipeline import PARSER_VERSION
from referat.pipeline.search import fill_reference_tables
from referat.pipeline.summaries import rebuild_summaries

DATA = Path(__file__).resolve().parent.parent / "extractors" / "data"
COMMITTEES = (
    "Kommunalbestyrelsen",
    "Økonomiudvalget",
    "Børne- og Skoleudvalget",
    "Teknik- og Miljøudvalget",
    "Social- og Sundhedsudvalget",
    "Kultur- og Fritidsudvalget",
    "Beskæftigelsesudvalget",
    "Klima- og Miljøudvalget",
    "Plan- og Boligudvalget",
    "Ældreudvalget",
    "Erhvervs- og Turismeudvalget",
    "Handicaprådet",
    "Ældrerådet",
    "Folkeoplysningsudvalget",
    "Integrationsrådet",
    "Landdistriktsudvalget",
    "Trafik- og Vejudvalget",
    "Uddannelsesudvalget",
    "Sundheds- og Forebyggelsesudvalget",
    "Børne- og Ungeudvalget",
)
FIRST_YEAR, YEARS = 2016, 10
ITEMS_PER_MEETING = 10
MEMBERS = 9
OUTCOMES = (
    ("approved", 45),
    ("recommended", 20),
    ("noted", 20),
    ("discussed", 6),
    ("postponed", 3),
    ("rejected", 2),
    ("referred", 2),
    ("other", 2),
)
DECISION_TEXT = {
    "approved": "Godkendt.",
    "recommended": "Indstillingen anbefales over for Økonomiudvalget.",
    "noted": "Taget til efterretning.",
    "discussed": "Drøftet.",
    "postponed": "Udsat til næste møde.",
    "rejected": "Ikke godkendt.",
    "referred": "Sendt til fornyet behandling i forvaltningen.",
    "other": "Orienteret.",
}
STEMS = (
    "skole",
    "vej",
    "bolig",
    "natur",
    "klima",
    "ældre",
    "børne",
    "sundheds",
    "kultur",
    "idræts",
    "havne",
    "bus",
    "cykel",
    "vand",
    "energi",
    "affalds",
    "bibliotek",
    "daginstitution",
    "plejecenter",
    "erhvervs",
    "turisme",
    "lokalplan",
    "kommuneplan",
    "budget",
    "anlægs",
    "drift",
    "takst",
    "tilskud",
    "udbuds",
    "trafik",
    "parkerings",
    "sti",
    "park",
    "strand",
    "skov",
    "landdistrikt",
    "beskæftigelses",
    "integrations",
    "handicap",
    "psykiatri",
)
ENDINGS = (
    "bevilling",
    "projekt",
    "plan",
    "strategi",
    "politik",
    "aftale",
    "område",
    "renovering",
    "udbygning",
    "ombygning",
    "forlig",
    "regnskab",
    "analyse",
    "høring",
    "kontrakt",
    "pulje",
    "evaluering",
    "status",
    "model",
    "sikring",
    "tilsyn",
    "ansøgning",
    "prioritering",
    "opfølgning",
    "indsats",
)
COMMON = (
    "forvaltningen",
    "kommunen",
    "udvalget",
    "sagen",
    "indstiller",
    "beslutning",
    "økonomi",
    "borgerne",
    "orientering",
    "godkendelse",
    "forslag",
    "drøftelse",
    "budgettet",
    "året",
    "kroner",
    "der",
    "og",
    "til",
    "at",
    "for",
    "med",
    "af",
    "på",
    "i",
    "om",
    "det",
    "en",
    "som",
)
ORGANISATIONS = (
    "KL",
    "Region Hovedstaden",
    "Region Midtjylland",
    "Vejdirektoratet",
    "Boligselskabet Vest",
    "Friluftsrådet",
    "DGI",
    "Ældre Sagen",
    "Dansk Erhverv",
    "Miljøstyrelsen",
    "Trafikselskabet Movia",
)
OUTLETS = (
    "DR Nyheder",
    "TV 2 Lorry",
    "Lokalavisen",
    "Jyllands-Posten",
    "Fyens Stiftstidende",
    "Nordjyske",
    "Sjællandske Medier",
    "Berlingske",
)


class SyntheticError(Exception):
    """The synthetic database cannot be written as asked."""


@dataclass(frozen=True)
class Vocabulary:
    """The words texts are made of: compounds of a stem and an ending (rare), and common words."""

    compounds: tuple[str, ...]
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    parties: tuple[str, ...]
    municipalities: tuple[str, ...]
    towns: dict[str, tuple[str, ...]]


def load_vocabulary() -> Vocabulary:
    """Names, parties, municipalities and towns from the extractors' data files."""
    first: list[str] = []
    last: list[str] = []
    with (DATA / "entity_person_names.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            if "da_DK" in row["locales"]:
                (first if row["kind"] == "first" else last).append(row["name"])
    with (DATA / "parties.csv").open(encoding="utf-8") as handle:
        parties = [row["letter"] for row in csv.DictReader(handle)]
    with (DATA / "municipalities.csv").open(encoding="utf-8") as handle:
        municipalities = [row["municipality"] for row in csv.DictReader(handle)]
    towns: dict[str, list[str]] = {name: [name] for name in municipalities}
    with (DATA / "towns.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["kind"] in ("town", "district") and row["municipality"] in towns:
                towns[row["municipality"]].append(row["name"])
    compounds = tuple(stem + ending for stem in STEMS for ending in ENDINGS)
    return Vocabulary(
        compounds,
        tuple(sorted(first)),
        tuple(sorted(last)),
        tuple(parties),
        tuple(municipalities),
        {name: tuple(places) for name, places in towns.items()},
    )


@dataclass
class Tables:
    """Rows waiting to be inserted, per table, under fixed columns."""

    columns: dict[str, tuple[str, ...]]
    rows: dict[str, list[tuple[object, ...]]]

    def add(self, table: str, row: tuple[object, ...]) -> None:
        self.rows[table].append(row)

    def count(self) -> int:
        return sum(len(rows) for rows in self.rows.values())


COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": (
        "id",
        "path",
        "sha256",
        "kind",
        "format",
        "media_type",
        "title",
        "pages",
        "status",
        "warnings",
        "text",
        "size",
        "published",
        "source_url",
        "parser_version",
        "ingested_at",
        "source",
    ),
    "document_paths": ("path", "document_id", "first_seen"),
    "document_pages": ("id", "document_id", "page", "start", "end"),
    "meetings": (
        "id",
        "document_id",
        "municipality",
        "committee",
        "date",
        "start_time",
        "location",
        "kind",
        "attendance_recorded",
        "presence_recorded",
        "duplicate_of",
    ),
    "persons": ("id", "name", "party", "municipality", "period"),
    "attendance": ("id", "meeting_id", "person_id", "name", "party", "role", "status", "reason", "start", "end"),
    "agenda_items": (
        "id",
        "meeting_id",
        "position",
        "number",
        "title",
        "case_number",
        "kle_number",
        "kle_facet",
        "closed",
        "page_start",
        "page_end",
        "text",
        "duplicate_of",
        "start",
        "end",
    ),
    "item_sections": ("id", "item_id", "position", "heading", "kind", "start", "end"),
    "decisions": ("id", "item_id", "position", "body", "date", "text", "outcome", "start", "end"),
    "votes": ("id", "decision_id", "votes_for", "votes_against", "abstentions", "text"),
    "item_absences": ("id", "item_id", "person_id", "name", "party", "reason", "start", "end"),
    "entities": ("id", "document_id", "item_id", "label", "text", "person_id", "start", "end", "page"),
    "figures": ("id", "document_id", "item_id", "kind", "value", "unit", "text", "start", "end", "page"),
    "articles": ("document_id", "title", "published", "author", "outlet", "body"),
    "links": ("id", "article_id", "meeting_id", "item_id", "score", "reason"),
}


class Generator:
    """Makes the rows of one meeting (its minutes) after another, and a news article now and then."""

    def __init__(self, items: int, seed: int, vocabulary: Vocabulary, now: str) -> None:
        self.random = random.Random(seed)
        self.words = vocabulary
        self.now = now
        self.meetings = max(1, round(items / ITEMS_PER_MEETING))
        self.tables = Tables(COLUMNS, {table: [] for table in COLUMNS})
        self.members: dict[tuple[str, str, str], list[Person]] = {}
        self.persons_seen: set[str] = set()
        self.recent: list[tuple[str, str, str, str, str, str]] = []  # meeting, item, municipality, date, title, case
        # Zipf-like weights: the first compounds are common, most are rare.
        self.compound_weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(vocabulary.compounds))))

    def dates(self, pair_index: int, per_pair: int) -> str:
        days = YEARS * 365
        day = (pair_index * days) // per_pair + self.random.randrange(max(1, days // per_pair))
        return (dt.date(FIRST_YEAR, 1, 1) + dt.timedelta(days=min(day, days - 1))).isoformat()

    def compound(self) -> str:
        return self.random.choices(self.words.compounds, cum_weights=self.compound_weights)[0]

    def sentence(self, town: str, words: int) -> str:
        rnd = self.random
        parts = [rnd.choice(COMMON) if rnd.random() < 0.6 else self.compound() for _ in range(words)]
        parts.insert(rnd.randrange(len(parts)), town)
        parts.insert(rnd.randrange(len(parts)), str(rnd.randrange(1, 10_000)))
        return " ".join(parts).capitalize() + "."

    def committee_members(self, municipality: str, committee: str, date: str) -> list[Person]:
        period = Person.at_meeting("x", None, municipality, date).period or ""
        key = (municipality, committee, period)
        members = self.members.get(key)
        if members is None:
            rnd = random.Random(f"{key}")
            members = [
                Person.at_meeting(
                    f"{rnd.choice(self.words.first_names)} {rnd.choice(self.words.last_names)}",
                    rnd.choice(self.words.parties),
                    municipality,
                    date,
                )
                for _ in range(MEMBERS)
            ]
            self.members[key] = members
        return members

    def official(self, municipality: str, date: str) -> Person:
        """The municipality's director who attends its meetings in a council period."""
        period = Person.at_meeting("x", None, municipality, date).period or ""
        rnd = random.Random(f"{municipality} {period} official")
        return Person.at_meeting(
            f"{rnd.choice(self.words.first_names)} {rnd.choice(self.words.last_names)}", None, municipality, date
        )

    def meeting(self, number: int) -> None:
        rnd = self.random
        pairs = len(self.words.municipalities) * len(COMMITTEES)
        municipality = self.words.municipalities[number % len(self.words.municipalities)]
        committee = COMMITTEES[(number // len(self.words.municipalities)) % len(COMMITTEES)]
        per_pair = max(1, -(-self.meetings // pairs))
        date = self.dates(number // pairs, per_pair)
        town = rnd.choice(self.words.towns[municipality])
        items = rnd.randint(ITEMS_PER_MEETING - 2, ITEMS_PER_MEETING + 2)
        document_id = make_id("synthetic", number)
        meeting_id = make_id(document_id, "meeting", 1)
        members = self.committee_members(municipality, committee, date)
        text_parts: list[str] = [f"REFERAT {committee} {date} {municipality} Kommune"]
        offset = len(text_parts[0]) + 1
        offset = self._attendance(meeting_id, municipality, date, members, text_parts, offset)
        item_rows: list[tuple[object, ...]] = []
        for position in range(1, items + 1):
            offset = self._item(
                position,
                (document_id, meeting_id, municipality, committee, date, town),
                members,
                text_parts,
                item_rows,
                offset,
            )
        for row in item_rows:
            self.tables.add("agenda_items", row)
        text = "\n".join(text_parts)
        pages = 1 + (items - 1) // 3
        path = f"synthetic/{municipality}/{committee}/{date}.txt"
        self.tables.add(
            "documents",
            (
                document_id,
                path,
                document_id * 4,
                "minutes",
                "synthetic",
                "txt",
                f"Referat {committee} {date}",
                pages,
                "ok",
                '["1 item(s) without a decision in minutes: 3"]' if number % 97 == 0 else "[]",
                text,
                len(text.encode()),
                None,
                None,
                PARSER_VERSION,
                self.now,
                path,
            ),
        )
        self.tables.add("document_paths", (path, document_id, self.now))
        page_length = -(-len(text) // pages)
        for page_number in range(1, pages + 1):
            self.tables.add(
                "document_pages",
                (
                    make_id(document_id, "page", page_number),
                    document_id,
                    page_number,
                    (page_number - 1) * page_length,
                    min(len(text), page_number * page_length),
                ),
            )
        self.tables.add(
            "meetings",
            (meeting_id, document_id, municipality, committee, date, "16:00", f"{town} Rådhus", "minutes", 1, 1, None),
        )
        if number % 50 == 0:
            self.agenda_copy(number, meeting_id, municipality, committee, date, item_rows)
        if number % 10 == 0:
            self.article(number)
        del self.recent[:-200]

    def _attendance(
        self, meeting_id: str, municipality: str, date: str, members: list[Person], text_parts: list[str], offset: int
    ) -> int:
        """The members' attendance and the official's, as rows and lines of the text; returns the offset after."""
        rnd = self.random
        attendance_lines = []
        for n, person in enumerate(members):
            present = rnd.random() < 0.9
            line = f"{person.name} ({person.party})" + ("" if present else ", afbud")
            self.tables.add(
                "attendance",
                (
                    make_id(meeting_id, "attendance", n),
                    meeting_id,
                    person.id,
                    person.name,
                    person.party,
                    "formand" if n == 0 else None,
                    "present" if present else "absent",
                    None if present else "afbud",
                    offset,
                    offset + len(person.name),
                ),
            )
            offset += len(line) + 1
            attendance_lines.append(line)
            if person.id not in self.persons_seen:
                self.persons_seen.add(person.id)
                self.tables.add("persons", (person.id, person.name, person.party, person.municipality, person.period))
        official = self.official(municipality, date)
        self.tables.add(
            "attendance",
            (
                make_id(meeting_id, "attendance", MEMBERS),
                meeting_id,
                official.id,
                official.name,
                None,
                "direktør",
                "present",
                None,
                offset,
                offset + len(official.name),
            ),
        )
        if official.id not in self.persons_seen:
            self.persons_seen.add(official.id)
            self.tables.add("persons", (official.id, official.name, None, municipality, official.period))
        text_parts += [*attendance_lines, f"{official.name}, direktør"]
        offset += len(official.name) + len(", direktør") + 1
        return offset

    def _item(
        self,
        position: int,
        where: tuple[str, str, str, str, str, str],
        members: list[Person],
        text_parts: list[str],
        item_rows: list[tuple[object, ...]],
        offset: int,
    ) -> int:
        """One agenda item at `offset` of the text, with its sections and, when open, its decision, mentions and
        figures; returns the offset after it. `where` is (document, meeting, municipality, committee, date, town)."""
        rnd = self.random
        document_id, meeting_id, municipality, committee, date, town = where
        item_id = make_id(meeting_id, "item", position)
        kle = f"{rnd.randrange(0, 36):02d}.{rnd.randrange(0, 20):02d}.{rnd.randrange(0, 20):02d}"
        case_number = f"{kle}-{rnd.choice(('G01', 'P20', 'A00', 'K07'))}-{rnd.randrange(1, 40)}-{date[2:4]}"
        title = f"{self.compound().capitalize()} {rnd.choice(('i', 'ved', 'for'))} {town}"
        closed = rnd.random() < 0.03
        body = "" if closed else " ".join(self.sentence(town, rnd.randint(8, 14)) for _ in range(3))
        decision_outcome = rnd.choices([o for o, _ in OUTCOMES], weights=[w for _, w in OUTCOMES])[0]
        decision_text = DECISION_TEXT[decision_outcome]
        heading = f"{position}. {title}"
        start = offset
        page = 1 + (position - 1) // 3
        sections = [] if closed else [("Sagsfremstilling", "case", body), ("Beslutning", "decision", decision_text)]
        item_text = heading + "\n" + "\n".join(f"{h}\n{t}" for h, _, t in sections)
        text_parts.append(item_text)
        section_offset = start + len(heading) + 1
        for s_position, (s_heading, kind, s_text) in enumerate(sections, start=1):
            s_start = section_offset + len(s_heading) + 1
            self.tables.add(
                "item_sections",
                (
                    make_id(item_id, "section", s_position),
                    item_id,
                    s_position,
                    s_heading,
                    kind,
                    s_start,
                    s_start + len(s_text),
                ),
            )
            section_offset = s_start + len(s_text) + 1
        end = start + len(item_text)
        item_rows.append(
            (
                item_id,
                meeting_id,
                position,
                str(position),
                title,
                case_number,
                kle,
                case_number.split("-")[1],
                int(closed),
                page,
                page,
                body or None,
                None,
                start,
                end,
            )
        )
        if not closed:
            self._open_item(
                document_id,
                item_id,
                position,
                (committee, date),
                (decision_text, decision_outcome),
                members,
                (start, end, page),
            )
        offset = end + 1
        self.recent.append((meeting_id, item_id, municipality, date, title, case_number))
        return offset

    def _open_item(
        self,
        document_id: str,
        item_id: str,
        position: int,
        held: tuple[str, str],
        decision: tuple[str, str],
        members: list[Person],
        span: tuple[int, int, int],
    ) -> None:
        """An open item's decision (and now and then its vote), a member and an organisation named, and now and then
        an amount and an absence. `held` is (committee, date), `decision` (text, outcome), `span` (start, end,
        page)."""
        rnd = self.random
        committee, date = held
        decision_text, decision_outcome = decision
        start, end, page = span
        decision_id = make_id(item_id, "decision", 1)
        d_start = end - len(decision_text)
        self.tables.add(
            "decisions", (decision_id, item_id, 1, committee, date, decision_text, decision_outcome, d_start, end)
        )
        if rnd.random() < 0.02:
            votes_for = rnd.randint(5, 8)
            self.tables.add(
                "votes",
                (
                    make_id(decision_id, "vote", 1),
                    decision_id,
                    votes_for,
                    MEMBERS - votes_for,
                    0,
                    f"For stemte {votes_for}, imod stemte {MEMBERS - votes_for}",
                ),
            )
        member = rnd.choice(members)
        self.tables.add(
            "entities",
            (
                make_id(document_id, "entities", position * 3),
                document_id,
                item_id,
                "PER",
                member.name,
                member.id,
                start,
                start + len(member.name),
                page,
            ),
        )
        organisation = rnd.choice(ORGANISATIONS)
        self.tables.add(
            "entities",
            (
                make_id(document_id, "entities", position * 3 + 1),
                document_id,
                item_id,
                "ORG",
                organisation,
                None,
                start,
                start + len(organisation),
                page,
            ),
        )
        if rnd.random() < 0.5:
            value = float(rnd.choice((50_000, 250_000, 1_000_000, 2_500_000, 12_000_000)) * rnd.randint(1, 9))
            printed = f"{value:,.0f}".replace(",", ".") + " kr."
            self.tables.add(
                "figures",
                (
                    make_id(document_id, "figures", position),
                    document_id,
                    item_id,
                    "money",
                    value,
                    "DKK",
                    printed,
                    start,
                    start + len(printed),
                    page,
                ),
            )
        if rnd.random() < 0.03:
            member = rnd.choice(members)
            reason = rnd.choice(("inhabil", "afbud", "forlod mødet"))
            self.tables.add(
                "item_absences",
                (
                    make_id(item_id, "absence", 0),
                    item_id,
                    member.id,
                    member.name,
                    member.party,
                    reason,
                    start,
                    start + len(member.name),
                ),
            )

    def agenda_copy(
        self,
        number: int,
        meeting_id: str,
        municipality: str,
        committee: str,
        date: str,
        item_rows: list[tuple[object, ...]],
    ) -> None:
        """The meeting's agenda as a second document: a poorer record of the same meeting."""
        document_id = make_id("synthetic agenda", number)
        copy_id = make_id(document_id, "meeting", 1)
        path = f"synthetic/{municipality}/{committee}/{date}-dagsorden.txt"
        text = f"DAGSORDEN {committee} {date}\n" + "\n".join(f"{row[3]}. {row[4]}" for row in item_rows)
        self.tables.add(
            "documents",
            (
                document_id,
                path,
                document_id * 4,
                "agenda",
                "synthetic",
                "txt",
                f"Dagsorden {committee} {date}",
                1,
                "ok",
                "[]",
                text,
                len(text.encode()),
                None,
                None,
                PARSER_VERSION,
                self.now,
                path,
            ),
        )
        self.tables.add("document_paths", (path, document_id, self.now))
        self.tables.add(
            "meetings", (copy_id, document_id, municipality, committee, date, "16:00", None, "agenda", 0, 0, meeting_id)
        )
        for row in item_rows:
            position = row[2]
            self.tables.add(
                "agenda_items",
                (
                    make_id(copy_id, "item", position),
                    copy_id,
                    position,
                    row[3],
                    row[4],
                    row[5],
                    row[6],
                    row[7],
                    row[8],
                    1,
                    1,
                    None,
                    row[0],
                    None,
                    None,
                ),
            )

    def article(self, number: int) -> None:
        """A news article about one of the latest meetings of a municipality, naming the item's words."""
        rnd = self.random
        meeting_id, item_id, municipality, date, title, case_number = rnd.choice(self.recent)
        document_id = make_id("synthetic news", number)
        published = (dt.date.fromisoformat(date) + dt.timedelta(days=rnd.randint(1, 10))).isoformat()
        headline = f"{title} skaber debat i {municipality}"
        body = " ".join(self.sentence(municipality, rnd.randint(10, 16)) for _ in range(6))
        if rnd.random() < 0.2:
            body += f" Sagen har journalnummer {case_number}."
        outlet = rnd.choice(OUTLETS)
        path = f"synthetic/news/{number}.txt"
        text = f"{headline}\n{body}"
        self.tables.add(
            "documents",
            (
                document_id,
                path,
                document_id * 4,
                "news",
                "news",
                "txt",
                headline,
                1,
                "ok",
                "[]",
                text,
                len(text.encode()),
                published,
                None,
                PARSER_VERSION,
                self.now,
                path,
            ),
        )
        self.tables.add("document_paths", (path, document_id, self.now))
        self.tables.add(
            "articles", (document_id, headline, published, f"Af {rnd.choice(self.words.first_names)}", outlet, body)
        )
        score = round(rnd.uniform(2.0, 9.0), 2)
        precise = rnd.random() < 0.7
        self.tables.add(
            "links",
            (
                make_id(document_id, meeting_id, item_id if precise else None),
                document_id,
                meeting_id,
                item_id if precise else None,
                score,
                f"same municipality; shares the words {title.split()[0].lower()}",
            ),
        )


def generate(items: int, db_path: Path, *, seed: int = 1, report: bool = False) -> dict[str, int]:
    """Write a synthetic database of about `items` agenda items at `db_path` (which must not exist yet); returns
    the rows written per table."""
    if items < 1:
        raise SyntheticError("--items must be at least 1")
    if db_path.exists():
        raise SyntheticError(f"{db_path} exists already: choose a new file, or delete it first")
    started = time.monotonic()
    now = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc).isoformat(timespec="seconds")
    db = sqlite_utils.Database(db_path)
    for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -500000", "temp_store = MEMORY"):
        db.execute(f"PRAGMA {pragma}")
    ensure_db_shape(db)
    # Indexes are made once, after the rows (sorting once is faster than keeping them in order row by row).
    created = [
        name
        for (name,) in db.execute("select name from sqlite_master where type = 'index' and sql is not null").fetchall()
    ]
    for name in created:
        db.execute(f"DROP INDEX [{name}]")
    generator = Generator(items, seed, load_vocabulary(), now)
    counts: dict[str, int] = dict.fromkeys(COLUMNS, 0)
    for number in range(generator.meetings):
        generator.meeting(number)
        if generator.tables.count() >= 200_000 or number == generator.meetings - 1:
            _flush(db.conn, generator.tables, counts)
            if report:
                print(
                    f"  {number + 1:,} of {generator.meetings:,} meetings ({time.monotonic() - started:.0f} s)",
                    file=sys.stderr,
                )
    _log_runs(db, now)
    db.conn.commit()
    _make_indexes(db, (lambda: time.monotonic() - started) if report else None)
    rebuild_summaries(db)
    db.conn.commit()
    db.execute("ANALYZE")
    db.conn.commit()
    db.execute("PRAGMA journal_mode = WAL")  # as an ingest leaves a database: served while it is written
    db.close()
    if report:
        print(f"  done in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return counts


def _make_indexes(db: sqlite_utils.Database, elapsed: Callable[[], float] | None) -> None:
    """The indexes, reference tables and full-text indexes, once the rows are written; `elapsed` (seconds since the
    start) when progress is reported."""
    if elapsed is not None:
        print(f"  rows written ({elapsed():.0f} s); indexes ...", file=sys.stderr)
    ensure_db_shape(db)
    fill_reference_tables(db)
    if elapsed is not None:
        print(f"  indexes made ({elapsed():.0f} s); full-text indexes ...", file=sys.stderr)
    for index in SEARCH_INDEXES:
        db.execute(f"DROP TABLE IF EXISTS [{index.name}]")
        db.execute(index.create_sql)
        db.execute(f"INSERT INTO [{index.name}]([{index.name}]) VALUES ('rebuild')")
    db.conn.commit()


def _log_runs(db: sqlite_utils.Database, now: str) -> None:
    """The log of two runs: the first build, which found every file new, and a later one that added one meeting."""
    later = dt.datetime(2026, 1, 2, tzinfo=dt.timezone.utc).isoformat(timespec="seconds")
    files = db.execute("select path, document_id from document_paths order by rowid").fetchall()
    _run(
        db.conn,
        "ingest_runs",
        ("id", "started_at", "finished_at", "files", "new", "changed", "unchanged", "failed", "seconds"),
        [(now, now, now, len(files) - 1, len(files) - 1, 0, 0, 0, 0.0), (later, later, later, 1, 1, 0, 0, 0, 0.0)],
    )
    _run(
        db.conn,
        "ingest_files",
        ("id", "run_id", "path", "document_id", "action", "status"),
        [
            (make_id(run, path), run, path, document_id, "new", "ok")
            for run, (path, document_id) in zip(
                itertools.chain(itertools.repeat(now, len(files) - 1), [later]), files, strict=True
            )
        ],
    )


def _flush(conn: sqlite3.Connection, tables: Tables, counts: dict[str, int]) -> None:
    for table in COLUMNS:  # parents before children, as COLUMNS lists them
        rows = tables.rows[table]
        if rows:
            _run(conn, table, tables.columns[table], rows)
            counts[table] += len(rows)
            rows.clear()


def _run(conn: sqlite3.Connection, table: str, columns: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
    names = ", ".join(f"[{column}]" for column in columns)
    marks = ", ".join("?" for _ in columns)
    conn.executemany(f"insert into [{table}] ({names}) values ({marks})", rows)


def missing_columns() -> Iterator[str]:
    """Columns the generator writes that the schema does not have (a test keeps this empty)."""
    schema = {table.name: {column.name for column in table.columns} for table in TABLES}
    for table, columns in COLUMNS.items():
        for column in columns:
            if column not in schema[table]:
                yield f"{table}.{column}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m referat.pipeline.synthetic",
        description=(
            "Write a synthetic national archive of minutes (municipalities, committees, meetings, agenda items, "
            "decisions, attendance, mentions, amounts, news and links) straight into a new referat database, to "
            "measure queries at national size."
        ),
    )
    parser.add_argument("--items", type=int, default=2_000_000, help="about how many agenda items (default 2,000,000)")
    parser.add_argument("--db", type=Path, required=True, help="the database file to write (must not exist)")
    parser.add_argument("--seed", type=int, default=1, help="random seed: the same seed gives the same database")
    args = parser.parse_args(argv)
    try:
        counts = generate(args.items, args.db, seed=args.seed, report=True)
    except SyntheticError as error:
        parser.error(str(error))
    print(json.dumps(counts, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
