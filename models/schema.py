"""The database's tables: every table and column with the description that Datasette and the README show.

`TABLES` is the one source of truth for the tables: `models.shape.ensure_db_shape(db)` creates or extends them from
it, and `pipeline.serve` writes Datasette's metadata from it. The views over them are in `models.views`, the
full-text indexes in `models.search_indexes`. Offsets (`start`, `end`) are Python string indices into
`documents.text` (end exclusive); pages are 1-based.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    type: type
    description: str


@dataclass(frozen=True)
class ForeignKey:
    column: str
    table: str
    other_column: str


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    pk: str | tuple[str, ...] = "id"
    foreign_keys: tuple[ForeignKey, ...] = ()
    indexes: tuple[tuple[str, ...], ...] = ()

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _id(what: str) -> Column:
    return Column("id", str, f"Deterministic id of the {what}: a hash of what identifies it, stable across re-runs.")


_START = Column("start", int, "Offset of the first character in documents.text (Python string index).")
_END = Column("end", int, "Offset just after the last character in documents.text (end exclusive).")
_PAGE = Column("page", int, "1-based page of documents.text that `start` falls on.")

TABLES: tuple[Table, ...] = (
    Table(
        "documents",
        "One row per distinct input file content (the same bytes under two names are one document). "
        "Failed files are here too, with the reason in `error`.",
        (
            _id("document (the first 16 hex digits of its SHA-256)"),
            Column(
                "path",
                str,
                "Path of the file as first ingested, relative to the folder given to the ingest "
                "(never a path of the machine); every known path is in document_paths. Bytes of a file name that "
                "are not UTF-8 are shown as \\xNN.",
            ),
            Column(
                "sha256",
                str,
                "SHA-256 of the file's bytes: an unchanged file is skipped on the next ingest. Empty "
                "when the file could not be read at all (its id is then made from its path).",
            ),
            Column("kind", str, "minutes, agenda, news or other (attachments, policies, reports)."),
            Column(
                "format",
                str,
                "Layout family the document was read as (e.g. firstagenda, edoc, web, "
                "generic, news); empty when not a meeting document.",
            ),
            Column("media_type", str, "pdf, html or txt: how the text was extracted."),
            Column("title", str, "Title from the file's metadata or its first heading."),
            Column("pages", int, "Number of pages (1 for web pages and text files without form feeds)."),
            Column("status", str, "ok; partial (usable but doubtful: see warnings); failed (see error)."),
            Column("error", str, "Why the file could not be read, in words that say what to do."),
            Column("warnings", str, "JSON list of doubts found while reading the file (self-checks)."),
            Column(
                "text",
                str,
                "Full text; pages are separated by a form feed (\\f), so an offset gives its page. "
                "The bodies of closed items are blanked (spaces), so they are never published.",
            ),
            Column("size", int, "File size in bytes."),
            Column("published", str, "Publication date for news (ISO 8601, as precise as printed)."),
            Column("source_url", str, "Where the document was published, from the file or its folder's INDEX.csv."),
            Column(
                "source", str, "What to cite the document by: its source_url where known, else its path as ingested."
            ),
            Column("parser_version", str, "Version of referat's extraction that produced the rows."),
            Column("ingested_at", str, "When this content was ingested (UTC, ISO 8601)."),
        ),
        # The first index covers what an ingest's plan reads of every document: the scan reads no text.
        indexes=(
            ("sha256", "id", "parser_version", "status", "kind", "pages", "error"),
            ("kind",),
            ("status",),
            ("warnings",),
        ),
    ),
    Table(
        "document_paths",
        "Every path under which a document's content has been seen.",
        (
            Column(
                "path",
                str,
                "File path relative to the folder `referat ingest` ran in (for a folder outside it: "
                "to that folder's parent, as `archive/2025/x.pdf`): what tells a file from another between runs.",
            ),
            Column("document_id", str, "The document whose content the file holds now."),
            Column("first_seen", str, "When this path was first ingested (UTC)."),
            Column("size", int, "Size of the file in bytes when its content was last read."),
            Column(
                "mtime_ns",
                int,
                "Modification time of the file (nanoseconds since 1970) when its content was last "
                "read: while size and time stay the same, an ingest takes the file as unchanged without reading "
                "it again. Empty when the file had just been written (its time could still hide a change).",
            ),
        ),
        pk="path",
        foreign_keys=(ForeignKey("document_id", "documents", "id"),),
        indexes=(("document_id",),),
    ),
    Table(
        "document_pages",
        "Where each page starts and ends in documents.text, to turn an offset into a page.",
        (
            _id("page"),
            Column("document_id", str, "The document."),
            _PAGE,
            Column("start", int, "Offset of the page's first character in documents.text."),
            Column("end", int, "Offset just after the page's last character (before the form feed)."),
        ),
        foreign_keys=(ForeignKey("document_id", "documents", "id"),),
        indexes=(("document_id", "page"),),
    ),
    Table(
        "meetings",
        "A meeting of a committee or council (udvalg, kommunalbestyrelse, byråd) as recorded in minutes or an agenda.",
        (
            _id("meeting"),
            Column("document_id", str, "The document the meeting was read from."),
            Column("municipality", str, "Municipality, bare name without 'Kommune' (e.g. Ballerup)."),
            Column("committee", str, "Committee or council as printed (e.g. Økonomiudvalget)."),
            Column("date", str, "Meeting date (ISO 8601)."),
            Column("start_time", str, "Start time HH:MM."),
            Column("location", str, "Where the meeting was held (Mødested)."),
            Column("kind", str, "minutes (referat, with decisions) or agenda (dagsorden)."),
            Column(
                "attendance_recorded",
                int,
                "1 when the document lists participants; 0 means attendance is "
                "not recorded, which is not the same as absent.",
            ),
            Column(
                "presence_recorded",
                int,
                "1 when the document lists who was present; 0 when it lists only who "
                "was absent (and substitutes), or nothing: then a member without an attendance row is not "
                "recorded, not absent, and a share of members present cannot be worked out.",
            ),
            Column(
                "duplicate_of",
                str,
                "Set when another document records the same meeting (same municipality, "
                "committee and date) more richly: the id of that meeting. Count only rows where this is empty.",
            ),
            Column(
                "source_url",
                str,
                "Where the meeting was published: its document's source_url, or for the "
                "canonical meeting whose document has none, that of another version of the meeting (a web page "
                "of the same minutes). Cite a meeting by this, else by its document's source.",
            ),
        ),
        foreign_keys=(ForeignKey("document_id", "documents", "id"),),
        indexes=(
            ("document_id",),
            ("date",),
            ("committee",),
            ("date", "committee"),
            ("municipality", "committee", "date"),
        ),
    ),
    Table(
        "agenda_items",
        "Agenda items (punkter) of a meeting, in order. An untitled item (a viewer that shows an item's case "
        "number and decision but not its title) has number and title empty and keeps its case number, sections and "
        "decision; a contents-only item (listed on the contents page of a truncated document) has its number and "
        "contents title, no text, and start/end empty.",
        (
            _id("agenda item"),
            Column("meeting_id", str, "The meeting."),
            Column("position", int, "1-based position in the document."),
            Column(
                "number",
                str,
                "Item number as printed (e.g. 1, 301, 130, or 49/1: a yearly running number and "
                "the item's own); empty when the document prints none.",
            ),
            Column("title", str, "Title, joined across wrapped lines, without 'Punkt N:'; empty for an untitled item."),
            Column("case_number", str, "Journal or case number as printed (KLE, Sagsnr., EMN-..., 12/27845)."),
            Column("kle_number", str, "KLE emne (e.g. 24.00.00) when the case number is a KLE journal number."),
            Column("kle_facet", str, "KLE handlingsfacet (e.g. G01) when printed."),
            Column(
                "closed",
                int,
                "1 for a closed item (lukket punkt): only its number and title are public; "
                "start/end span its heading only.",
            ),
            Column("page_start", int, "First page of the item."),
            Column("page_end", int, "Last page of the item."),
            Column("text", str, "Full text of the item (empty for closed and contents-only items)."),
            Column("attachments", str, "JSON list of the attachments (Bilag) listed for the item."),
            Column(
                "duplicate_of",
                str,
                "Set when the same item is recorded by a richer document of the same "
                "meeting: the id of that item. Count only rows where this is empty.",
            ),
            _START,
            _END,
        ),
        foreign_keys=(ForeignKey("meeting_id", "meetings", "id"),),
        indexes=(("meeting_id", "position"), ("case_number",), ("kle_number",)),
    ),
    Table(
        "item_sections",
        "Headed sections of an agenda item (Sagsfremstilling, Økonomi, Indstilling, Beslutning, ...). The text "
        "of a section is documents.text[start:end], stored once there: the `sections` view shows it.",
        (
            _id("section"),
            Column("item_id", str, "The agenda item."),
            Column("position", int, "1-based position within the item."),
            Column("heading", str, "Heading as printed."),
            Column(
                "kind",
                str,
                "Normalised kind: summary, background, case, economy, attachments, authority, "
                "recommendation, decision, history or other.",
            ),
            _START,
            _END,
        ),
        foreign_keys=(ForeignKey("item_id", "agenda_items", "id"),),
        indexes=(("item_id",),),
    ),
    Table(
        "decisions",
        "Decisions on agenda items: this meeting's first, then earlier decisions quoted in the case history.",
        (
            _id("decision"),
            Column("item_id", str, "The agenda item."),
            Column("position", int, "1 for this meeting's decision; later positions are earlier decisions."),
            Column("body", str, "Who decided (committee or council), when the text says."),
            Column("date", str, "Date of the decision (ISO 8601)."),
            Column("text", str, "The decision as printed."),
            Column("outcome", str, "approved, recommended, noted, discussed, rejected, postponed, referred or other."),
            Column("dissent", str, "Dissent or reservations in prose (kunne ikke tiltræde, tog forbehold)."),
            _START,
            _END,
        ),
        foreign_keys=(ForeignKey("item_id", "agenda_items", "id"),),
        indexes=(("item_id",), ("outcome",)),
    ),
    Table(
        "votes",
        "Votes printed with a decision (For stemte / Imod stemte / undlod at stemme).",
        (
            _id("vote"),
            Column("decision_id", str, "The decision voted on."),
            Column("votes_for", int, "Number voting for."),
            Column("votes_against", int, "Number voting against."),
            Column("abstentions", int, "Number abstaining."),
            Column("for_text", str, "Who voted for, as printed."),
            Column("against_text", str, "Who voted against, as printed."),
            Column("abstain_text", str, "Who abstained, as printed."),
            Column("text", str, "The vote as printed."),
        ),
        foreign_keys=(ForeignKey("decision_id", "decisions", "id"),),
        indexes=(("decision_id",),),
    ),
    Table(
        "persons",
        "Members, officials and substitutes named in attendance lists. A person is identified within one "
        "municipality and council period: the same name and party there is one person; the same name in another "
        "municipality, or after an election, is another row (put one person's periods together by name).",
        (
            _id("person (from name, party, municipality and council period)"),
            Column("name", str, "Name as printed."),
            Column("party", str, "Party letter as printed (A, V, C, Løsgænger, ...)."),
            Column("municipality", str, "Municipality of the meetings that name the person; empty when not printed."),
            Column(
                "period",
                str,
                "Council period (valgperiode) of those meetings, e.g. 2022-2025: four years from "
                "1 January 2002, 2006, ..., 2026; empty without a meeting date.",
            ),
        ),
        indexes=(("name",), ("municipality", "period")),
    ),
    Table(
        "attendance",
        "Who was present or absent at each meeting, as the participant list records it.",
        (
            _id("attendance row"),
            Column("meeting_id", str, "The meeting."),
            Column("person_id", str, "The person."),
            Column("name", str, "Name as printed."),
            Column("party", str, "Party letter as printed."),
            Column("role", str, "Role as printed (formand, borgmester, direktør, sekretær, ...)."),
            Column("status", str, "present or absent."),
            Column("reason", str, "Reason for an absence as printed (afbud, fravær, ...)."),
            Column("substitute_for", str, "For a substitute (suppleant): whom they replaced."),
            _START,
            _END,
        ),
        foreign_keys=(ForeignKey("meeting_id", "meetings", "id"), ForeignKey("person_id", "persons", "id")),
        indexes=(("meeting_id",), ("person_id",)),
    ),
    Table(
        "item_absences",
        "People who did not take part in a single agenda item (Afbud per item, inhabil, forlod mødet).",
        (
            _id("absence"),
            Column("item_id", str, "The agenda item."),
            Column("person_id", str, "The person."),
            Column("name", str, "Name as printed."),
            Column("party", str, "Party letter as printed."),
            Column("reason", str, "Reason as printed (afbud, inhabil, forlod mødet, ...)."),
            _START,
            _END,
        ),
        foreign_keys=(ForeignKey("item_id", "agenda_items", "id"), ForeignKey("person_id", "persons", "id")),
        indexes=(("item_id",), ("person_id",)),
    ),
    Table(
        "entities",
        "Named people (PER), organisations (ORG) and places (LOC), with the page and characters they stand at.",
        (
            _id("entity mention"),
            Column("document_id", str, "The document."),
            Column("item_id", str, "The agenda item the mention lies in, if any."),
            Column("label", str, "PER, ORG or LOC."),
            Column("text", str, "The mention as printed: documents.text[start:end]."),
            Column("person_id", str, "For a PER that is an attendee of the document's meeting: the person."),
            _START,
            _END,
            _PAGE,
        ),
        foreign_keys=(
            ForeignKey("document_id", "documents", "id"),
            ForeignKey("item_id", "agenda_items", "id"),
            ForeignKey("person_id", "persons", "id"),
        ),
        indexes=(("document_id",), ("label", "text"), ("item_id",), ("person_id",)),
    ),
    Table(
        "figures",
        "Amounts, percentages, counts and measures, with the page and characters they stand at.",
        (
            _id("figure"),
            Column("document_id", str, "The document."),
            Column("item_id", str, "The agenda item the figure lies in, if any."),
            Column("kind", str, "money (value in DKK), percent, count or measure."),
            Column("value", float, "The number (kroner for money)."),
            Column("unit", str, "DKK, %, the counted noun, or the measure's unit."),
            Column("text", str, "The figure as printed: documents.text[start:end]."),
            _START,
            _END,
            _PAGE,
        ),
        foreign_keys=(ForeignKey("document_id", "documents", "id"), ForeignKey("item_id", "agenda_items", "id")),
        indexes=(("document_id",), ("kind", "value"), ("item_id",)),
    ),
    Table(
        "articles",
        "News articles: one row per document of kind news.",
        (
            Column("document_id", str, "The document holding the article."),
            Column("title", str, "Headline of the article."),
            Column("published", str, "Publication date (ISO 8601, as precise as printed: 2017-09 or 2017-09-14)."),
            Column("author", str, "Byline (Af ...)."),
            Column("outlet", str, "Newspaper or site."),
            Column("body", str, "Article text without web boilerplate."),
        ),
        pk="document_id",
        foreign_keys=(ForeignKey("document_id", "documents", "id"),),
    ),
    Table(
        "article_mentions",
        "What a news article names that links to meetings are found by (pipeline.mentions): each name once, the "
        "municipalities, committees and councils it names, the journal numbers it cites and the dates it prints.",
        (
            _id("mention"),
            Column("document_id", str, "The article (articles.document_id)."),
            Column("kind", str, "person, organisation, place, municipality, committee, number or date."),
            Column(
                "key",
                str,
                "What a meeting must name too: a name as `pipeline.mentions.name_key` gives it, a "
                "municipality's name, a committee's subjects (sorted, space-separated), a journal number or an "
                "ISO date.",
            ),
            Column("text", str, "The mention as printed (a name: its longest printed form)."),
            _START,
            _END,
        ),
        foreign_keys=(ForeignKey("document_id", "documents", "id"),),
        indexes=(("document_id",),),
    ),
    Table(
        "links",
        "Links from news articles to the meetings and agenda items they are about, with the evidence.",
        (
            _id("link"),
            Column("article_id", str, "The article (articles.document_id)."),
            Column("meeting_id", str, "The meeting."),
            Column("item_id", str, "The agenda item, when the link is that precise."),
            Column("score", float, "Strength of the evidence (higher is stronger)."),
            Column("reason", str, "Readable evidence: shared names, journal numbers, dates."),
        ),
        foreign_keys=(
            ForeignKey("article_id", "articles", "document_id"),
            ForeignKey("meeting_id", "meetings", "id"),
            ForeignKey("item_id", "agenda_items", "id"),
        ),
        indexes=(("article_id",), ("meeting_id",), ("item_id",), ("score",)),
    ),
    Table(
        "ingest_runs",
        "A log of `referat ingest` runs: what each run found new, changed, unchanged and failed.",
        (
            Column("id", str, "Run id (start time)."),
            Column("started_at", str, "When the run started (UTC)."),
            Column("finished_at", str, "When the run finished (UTC)."),
            Column("files", int, "Files given to the run."),
            Column("new", int, "Files with content not seen before."),
            Column("changed", int, "Known paths whose content changed, or documents re-read by a newer referat."),
            Column("unchanged", int, "Files skipped because their content was already ingested."),
            Column("failed", int, "Files that could not be read (see ingest_files.error)."),
            Column("seconds", float, "Wall-clock duration of the run."),
        ),
    ),
    Table(
        "ingest_files",
        "What each ingest run did with each file that was new, changed or failed (an unchanged file gets no row: "
        "the log grows with what was ingested, not with how often; ingest_runs counts the unchanged).",
        (
            _id("file record (run id and path)"),
            Column("run_id", str, "The ingest run (ingest_runs.id)."),
            Column("path", str, "File path as stored in document_paths.path."),
            Column("document_id", str, "The document the file holds."),
            Column("action", str, "new, changed, unchanged or failed."),
            Column("status", str, "The document's status after the run."),
            Column("error", str, "Why the file failed."),
        ),
        foreign_keys=(ForeignKey("run_id", "ingest_runs", "id"),),
        indexes=(("run_id",),),
    ),
    Table(
        "kle_groups",
        "The main groups (hovedgrupper) of KL's subject classification KLE: the first two digits of a KLE journal "
        "number name the subject area of an agenda item.",
        (
            Column("code", str, "Two-digit KLE main group (e.g. 24)."),
            Column("title", str, "Title of the main group (e.g. Erhvervsforhold)."),
        ),
        pk="code",
    ),
    Table(
        "official_roles",
        "Words that mark a municipal official in an attendance list (direktør, chef, sekretær, ...): attendance "
        "by member leaves officials out.",
        (
            Column("word", str, "Lower-case word found in the role as printed (e.g. chef matches økonomichef)."),
            Column("example", str, "An attendance line with such a role."),
        ),
        pk="word",
    ),
    Table(
        "link_evidence",
        "What links are found by, kept per document (pipeline.link_evidence): a meeting's names (with the item they "
        "stand in), attendees, journal numbers and committee; an article's names, journal numbers, dates and "
        "committees named. Read by key to find the candidates of a new article or meeting, and to count how many "
        "meetings name a name.",
        (
            Column(
                "key",
                str,
                "The key: a name as `pipeline.mentions.name_key` gives it, a journal number, an ISO "
                "date, or a committee's subjects (sorted, space-separated).",
            ),
            Column(
                "kind",
                str,
                "A meeting's: person, organisation, place, attendee (a member at the meeting), "
                "number, committee or committees (two or more of its committee's subjects); an article's: article "
                "person, article organisation, article place, article number, article date, article committee.",
            ),
            Column("document_id", str, "The document the key was read from."),
            Column("item_id", str, "The agenda item a meeting's name or journal number stands in, if any."),
            Column("meeting_id", str, "The meeting, for a meeting's keys; empty for an article's."),
        ),
        pk=("key", "kind", "meeting_id", "document_id", "item_id"),
        indexes=(("document_id",),),
    ),
    Table(
        "word_frequencies",
        "Statistics of the word vectors that links compare (pipeline.link_evidence): for each word stem, how many "
        "texts (open, canonical agenda items and articles) hold it, and how many documents name a person or place "
        "with a word of that stem (those stems are left out of the vectors). The number of texts is "
        "search_state.rows of word_frequencies.",
        (
            Column("id", int, "Number of the stem (link_documents refers to it)."),
            Column("stem", str, "Snowball stem (Danish)."),
            Column("texts", int, "Texts holding the stem."),
            Column("names", int, "Documents naming a person or place with a word of this stem."),
        ),
        indexes=(("stem",),),
    ),
    Table(
        "link_documents",
        "What each document adds to word_frequencies, so that a document replaced, removed or made a duplicate "
        "takes exactly that away.",
        (
            Column("document_id", str, "The document (it may be gone: then its share is taken away next)."),
            Column("texts", int, "Texts of the document counted (its article, or its meeting's open items)."),
            Column("words", bytes, "Pairs of 64-bit integers: word_frequencies.id and the texts holding it."),
            Column("names", bytes, "Pairs of 64-bit integers: word_frequencies.id of its name stems, and 1."),
        ),
        pk="document_id",
    ),
    Table(
        "search_state",
        "What each full-text index, and the links, were last built from: the next ingest rebuilds one only when "
        "this changed.",
        (
            Column("name", str, "The full-text index (e.g. agenda_items_fts), or links."),
            Column("signature", str, "Hash of the index definition, the documents and the indexed table's rows."),
            Column("rows", int, "Rows indexed (links made)."),
        ),
        pk="name",
    ),
    Table(
        "attendance_by_meeting",
        "Members' attendance counted per meeting, for each meeting once that records attendance (as "
        "member_attendance counts it), kept up to date by each ingest for the meetings it changed "
        "(pipeline.summaries): what attendance over time reads. A rate only where the minutes list who was "
        "present; at an absentee-only meeting only the absences are counted.",
        (
            Column("meeting_id", str, "The meeting."),
            Column("document_id", str, "The document the meeting was read from."),
            Column("municipality", str, "Municipality, bare name without 'Kommune'."),
            Column("committee", str, "Committee or council as printed."),
            Column("date", str, "Meeting date (ISO 8601)."),
            Column(
                "presence_recorded",
                int,
                "1 when the minutes list who was present, a member among them; 0 when "
                "they name only the absent (an Afbud or Fraværende line), or only officials present (a copy cut "
                "off before the members): then members, present and the rate are empty.",
            ),
            Column("members", int, "Members listed (officials left out); empty at an absentee-only meeting."),
            Column(
                "present",
                int,
                "Members present; empty at an absentee-only meeting (those it names present "
                "are substitutes and members who left, not a count of the members there).",
            ),
            Column("absent", int, "Members absent (at an absentee-only meeting too)."),
            Column(
                "attendance_pct",
                float,
                "Members present in percent of members listed, to one decimal; empty at an absentee-only meeting.",
            ),
        ),
        pk="meeting_id",
        indexes=(("date", "committee"), ("document_id",)),
    ),
    Table(
        "attendance_stats",
        "Each member's attendance per year (as member_attendance counts it): the rate over the meetings that "
        "list who was present, and apart from it the absences at meetings that name only the absent; kept up to "
        "date by each ingest for the municipalities and years it changed (pipeline.summaries): what attendance by "
        "member reads.",
        (
            Column("person_id", str, "The person."),
            Column("year", str, "Year of the meetings; empty without a date."),
            Column("municipality", str, "Municipality; empty when not printed."),
            Column("name", str, "Name as printed."),
            Column("party", str, "Party letter as printed."),
            Column("meetings", int, "Meetings that year whose minutes list who was present and list the member."),
            Column("present", int, "Of those, meetings attended."),
            Column("absent", int, "Of those, meetings missed."),
            Column(
                "absent_absentee_only",
                int,
                "Meetings missed that year whose minutes name only the absent (an "
                "Afbud or Fraværende line, no list of who was present): counted, but not in the rate, since "
                "such minutes do not say which meetings the member attended.",
            ),
            Column(
                "attendance_pct",
                float,
                "Meetings attended in percent of `meetings`, to one decimal; empty when "
                "the member's meetings that year all name only the absent.",
            ),
        ),
        pk=("person_id", "year"),
        indexes=(("municipality", "year"),),
    ),
    Table(
        "pending_derived",
        "Documents whose links, duplicate meetings and summaries are still to be brought up to date: written in the "
        "same transaction as the document's rows, cleared by the derived stage in the same transaction as its own "
        "writes, so an ingest killed in between leaves them for the next ingest to finish.",
        (
            _id("pending row (document, reason and meeting)"),
            Column("document_id", str, "The document (it may be gone: see reason)."),
            Column(
                "reason",
                str,
                "saved (its rows were written), deleted (it was removed), meeting removed (a "
                "meeting of its earlier version is gone: see committee and date) or link removed (an article "
                "whose link pointed at a meeting that is gone).",
            ),
            Column("meeting_id", str, "The removed meeting (reason meeting removed or link removed)."),
            Column("municipality", str, "Municipality of the removed meeting."),
            Column("committee", str, "Committee of the removed meeting, as printed."),
            Column("date", str, "Date of the removed meeting (ISO 8601)."),
        ),
    ),
)


# Rows that belong to one document, in the order they must be deleted (children before parents).
DOCUMENT_TABLES = (
    "links",
    "votes",
    "entities",
    "figures",
    "item_absences",
    "decisions",
    "item_sections",
    "agenda_items",
    "attendance",
    "meetings",
    "article_mentions",
    "articles",
    "document_pages",
)
