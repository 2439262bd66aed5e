"""The rows of a synthetic archive (`pipeline.synthetic`): one meeting's minutes after another, as tuples per table.

`Generator` makes a meeting's document, pages, attendance, agenda items with their sections and decisions, votes,
absences, mentions and amounts, now and then an agenda copy and a news article with its link, in the shape of the
real data; `COLUMNS` names the columns each table's tuples fill (`missing_columns` checks them against the schema).
Nothing here touches a database: the command writes the rows and builds the indexes.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass

from referat.models.records import Person, make_id
from referat.models.schema import TABLES
from referat.pipeline import PARSER_VERSION
from referat.pipeline.synthetic_words import COMMON, ORGANISATIONS, OUTLETS, Vocabulary

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


def missing_columns() -> Iterator[str]:
    """Columns the generator writes that the schema does not have (a test keeps this empty)."""
    schema = {table.name: {column.name for column in table.columns} for table in TABLES}
    for table, columns in COLUMNS.items():
        for column in columns:
            if column not in schema[table]:
                yield f"{table}.{column}"
