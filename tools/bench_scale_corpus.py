"""The scale benchmark's archives: any number of distinct, realistic minutes and news articles as text files.

An archive stands for a municipality's that only grows: about seven in ten documents are committee minutes in
two layouts referat reads (a FirstAgenda text export, "REFERAT ... Mødedeltagere ... Punkt 1: ...", and a generic
"Referat ... Tilstede: ... 1. Title / Sagsnr.:" form), each a meeting of one of sixteen municipalities' committees
with its members (the same people from meeting to meeting), items on the committee's subjects, journal numbers,
decisions, votes and absences. The rest are news articles written a few days after a meeting of the ten documents
before them, naming its municipality, committee, chair, another member, subject and sometimes its journal number,
so that links are made; some are local news about no meeting.

Document n is the same in every archive (its text depends on n only, through seeded generators), so an archive
of 1,000 is the first 1,000 documents of one of 10,000, and meeting dates run forward with n as an archive grows.
`ensure_archive` writes an archive once under `data/bench-scale/<size>/`, with the next new minutes and article
beside it, and writes it again only when this module's source changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from referat.extractors.language.dates import MONTH_NAMES as MONTHS

# Bump when the generated documents change on purpose; an edit of this file writes them again anyway.
GENERATOR_VERSION = "1"
SCALE_DIR = Path("data/bench-scale")

ARTICLE_SHARE = 0.28
UNLINKED_ARTICLE_SHARE = 0.15  # of the articles: local news about no meeting
MEETINGS_PER_WEEKDAY = 4
FIRST_MEETING_DAY = dt.date(2008, 1, 7)

MUNICIPALITIES = (
    "Ballerup",
    "Herlev",
    "Gladsaxe",
    "Rudersdal",
    "Furesø",
    "Egedal",
    "Albertslund",
    "Glostrup",
    "Hvidovre",
    "Rødovre",
    "Lyngby-Taarbæk",
    "Gentofte",
    "Holbæk",
    "Køge",
    "Roskilde",
    "Hillerød",
)
COMMITTEES = (
    "Økonomiudvalget",
    "Kommunalbestyrelsen",
    "Børne- og Skoleudvalget",
    "Teknik- og Miljøudvalget",
    "Social- og Sundhedsudvalget",
    "Kultur- og Fritidsudvalget",
    "Plan- og Boligudvalget",
    "Beskæftigelsesudvalget",
)
CENTRES = (
    "Center for By og Miljø",
    "Center for Økonomi og Styring",
    "Center for Dagtilbud og Skole",
    "Center for Social og Sundhed",
    "Center for Kultur og Fritid",
    "Center for Ejendomme",
)
FIRST_NAMES = (
    "Anja",
    "Lars",
    "Mette",
    "Allan",
    "Sofie",
    "Erling",
    "Henrik",
    "Birgitte",
    "Jesper",
    "Karen",
    "Morten",
    "Pia",
    "Jonas",
    "Lise",
    "Niels",
    "Camilla",
    "Thomas",
    "Susanne",
    "Kasper",
    "Hanne",
    "Rasmus",
    "Dorte",
    "Mikkel",
    "Tina",
    "Søren",
    "Line",
    "Peter",
    "Maja",
    "Frederik",
    "Gitte",
    "Torben",
    "Ida",
    "Bjarne",
    "Louise",
    "Jakob",
    "Annette",
    "Ole",
    "Signe",
    "Kristian",
    "Vibeke",
)
LAST_NAMES = (
    "Holtze",
    "Bach",
    "Kristensen",
    "Andersen",
    "Vestergaard",
    "Nielsen",
    "Madsen",
    "Larsen",
    "Østergaard",
    "Lund",
    "Dahl",
    "Brix",
    "Skov",
    "Thygesen",
    "Kjær",
    "Holm",
    "Fogh",
    "Bruun",
    "Mikkelsen",
    "Lauridsen",
    "Bjerre",
    "Frandsen",
    "Hviid",
    "Søgaard",
    "Dalsgaard",
    "Juhl",
    "Krogh",
    "Winther",
    "Mortensen",
    "Kirkegaard",
    "Lindholm",
    "Rasmussen",
    "Friis",
    "Bundgaard",
    "Ravn",
    "Hedegaard",
    "Toft",
    "Agerskov",
    "Nørgaard",
    "Schou",
)
PARTIES = ("A", "A", "A", "V", "V", "C", "F", "Ø", "O", "B", "I", "D")
STREETS = (
    "Skolevej",
    "Stationsvej",
    "Kirkevej",
    "Møllevej",
    "Parkvej",
    "Engvej",
    "Industrivej",
    "Bygaden",
    "Søndergade",
    "Nørregade",
    "Rådhusvej",
    "Hovedgaden",
    "Egevej",
    "Bøgevej",
    "Vestervej",
    "Ringvejen",
)
OUTLETS = ("Lokalavisen", "Vestegnens Avis", "Ugebladet", "Dagbladet", "Lokalnyt")
WEEKDAYS = ("Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag")


@dataclass(frozen=True)
class Topic:
    """A kind of case committees decide, as an item's text and as news tell it. Slots: {street}, {town},
    {muni}, {n}, {amount}, {count}, {year} (near the meeting's), {month} and {this_year} (the meeting's)."""

    kle: str  # the journal number's subject (KLE)
    title: str
    summary: str
    case: tuple[str, ...]
    economy: str
    recommendation: str
    headline: str
    lead: str
    quote: str


TOPICS = (
    Topic(
        "01.02.05",
        "Lokalplan {n} for boliger ved {street}",
        "Administrationen har udarbejdet forslag til lokalplan {n}, der giver mulighed for {count} boliger "
        "ved {street} i {town}.",
        (
            "Området ved {street} har siden {year} været anvendt til erhverv, og grundejeren ønsker at opføre "
            "rækkehuse og etageboliger i op til tre etager.",
            "Forslaget har været drøftet med grundejerforeningen, som ønsker en sti gennem området og flere "
            "parkeringspladser langs {street}.",
            "Trafikken fra de nye boliger forventes at give {count} bilture mere i døgnet, som vejnettet kan bære.",
        ),
        "Lokalplanen har ingen direkte økonomiske konsekvenser for kommunen.",
        "forslaget til lokalplan {n} sendes i offentlig høring i otte uger.",
        "{count} nye boliger ved {street} kommer i høring",
        "sende lokalplan {n} i offentlig høring. Planen giver plads til {count} boliger ved {street} i {town}",
        "Vi mangler boliger til unge familier, og området ligger tæt på stationen",
    ),
    Topic(
        "82.06.00",
        "Anlægsbevilling til renovering af {town} Bibliotek",
        "Taget på {town} Bibliotek skal udskiftes, og arbejdet koster {amount} mio. kr.",
        (
            "Ved en gennemgang i {year} blev der fundet fugt i tagkonstruktionen, og rådgiveren anbefaler en samlet "
            "udskiftning af taget og vinduerne mod {street}.",
            "Biblioteket holder åbent fra en midlertidig bygning på {street}, mens arbejdet står på i {count} uger.",
        ),
        "Udgiften på {amount} mio. kr. finansieres af puljen til bygningsvedligehold.",
        "der gives en anlægsbevilling på {amount} mio. kr. til renovering af biblioteket.",
        "{town} Bibliotek får nyt tag for {amount} millioner",
        "give {amount} millioner kroner til et nyt tag på {town} Bibliotek",
        "Biblioteket er byens samlingssted, og vi kan ikke lade det forfalde",
    ),
    Topic(
        "17.02.00",
        "Skolestruktur: sammenlægning af {street}skolen og {town} Skole",
        "Elevtallet på {street}skolen er faldet til {count}, og administrationen foreslår en sammenlægning med "
        "{town} Skole fra skoleåret {year}.",
        (
            "Skolebestyrelserne er hørt og har afgivet høringssvar, hvor forældrene især peger på skolevejen langs "
            "{street}.",
            "En sammenlægning frigør {amount} mio. kr. om året til undervisning og vedligehold.",
            "Der oprettes en ny skolebus mellem de to matrikler i en overgangsperiode.",
        ),
        "Sammenlægningen giver en årlig besparelse på {amount} mio. kr.",
        "{street}skolen og {town} Skole lægges sammen fra skoleåret {year}.",
        "Politikerne lægger {street}skolen sammen med {town} Skole",
        "lægge {street}skolen sammen med {town} Skole fra skoleåret {year}",
        "Vi skal have skoler, der er store nok til at tilbyde alle fag",
    ),
    Topic(
        "05.01.08",
        "Trafiksikkerhed på {street} i {town}",
        "Borgere har bedt om en lavere hastighed på {street}, hvor der har været {count} uheld på fem år.",
        (
            "Administrationen foreslår to hævede flader og en hastighedsgrænse på 40 km/t på strækningen.",
            "Politiet har givet samtykke til hastighedsgrænsen, og arbejdet kan udføres i {year}.",
            "Projektet koster {amount} mio. kr. og finansieres af trafiksikkerhedspuljen.",
        ),
        "Udgiften afholdes af trafiksikkerhedspuljen.",
        "der etableres hævede flader og en hastighedsgrænse på 40 km/t på {street}.",
        "Lavere fart og bump på {street}",
        "sætte farten ned på {street} i {town} efter {count} uheld",
        "Børnene skal kunne cykle sikkert til skole",
    ),
    Topic(
        "00.30.14",
        "Budgetopfølgning pr. 1. {month} {this_year}",
        "Budgetopfølgningen viser et forventet merforbrug på {amount} mio. kr. på de specialiserede områder.",
        (
            "Merforbruget skyldes især flere anbringelser og højere udgifter til hjemmepleje i {town}.",
            "Administrationen foreslår en række tilpasninger, som samlet giver {amount} mio. kr. i {year}.",
            "Kassebeholdningen forventes at være over kommunens mål ved årets udgang.",
        ),
        "Merforbruget på {amount} mio. kr. dækkes af kassebeholdningen.",
        "budgetopfølgningen tages til efterretning.",
        "{muni} Kommune kommer ud med merforbrug på {amount} millioner",
        "tage budgetopfølgningen til efterretning. Den viser et merforbrug på {amount} millioner kroner",
        "Vi skal have styr på økonomien, før vi sætter nye ting i gang",
    ),
    Topic(
        "20.00.00",
        "Nyt aktivitetscenter for ældre ved {street}",
        "Administrationen foreslår et nyt aktivitetscenter for ældre i den tidligere børnehave ved {street}.",
        (
            "Centret skal rumme træning, fællesspisning og frivillige foreninger og ventes at få {count} brugere om "
            "ugen.",
            "Ældrerådet bakker op om forslaget og ønsker åbent hus om lørdagen.",
            "Ombygningen koster {amount} mio. kr. og kan være færdig i {year}.",
        ),
        "Ombygningen på {amount} mio. kr. finansieres af anlægsrammen.",
        "der gives en anlægsbevilling på {amount} mio. kr. til aktivitetscentret ved {street}.",
        "Ældre i {town} får nyt aktivitetscenter",
        "bygge den gamle børnehave ved {street} om til et aktivitetscenter for ældre",
        "De ældre har ønsket et sted at mødes i mange år",
    ),
    Topic(
        "04.02.00",
        "Kunstgræsbane ved {town} Idrætsanlæg",
        "{town} Boldklub har søgt om tilskud til en kunstgræsbane med lys, så træningen kan fortsætte om vinteren.",
        (
            "Klubben har {count} medlemmer, heraf mange børn, og banerne er i dag lukket fra november til marts.",
            "Banen koster {amount} mio. kr., og klubben bidrager selv med en tredjedel.",
            "Naboerne på {street} er orienteret om lyset, som slukkes klokken 22.",
        ),
        "Kommunens tilskud på {amount} mio. kr. afholdes af puljen til idrætsfaciliteter.",
        "der gives tilskud på {amount} mio. kr. til kunstgræsbanen.",
        "Kunstgræs og lys til {town} Boldklub",
        "give tilskud til en kunstgræsbane ved {town} Idrætsanlæg",
        "Nu kan børnene spille fodbold hele året",
    ),
    Topic(
        "15.00.00",
        "Beskæftigelsesplan {year}",
        "Beskæftigelsesplanen for {year} sætter mål for ledigheden og for indsatsen over for unge uden uddannelse.",
        (
            "Ledigheden i {muni} Kommune er på {count} fuldtidspersoner, et fald siden sidste år.",
            "Jobcentret vil styrke samarbejdet med virksomhederne på {street} og i erhvervsområdet.",
            "Indsatsen for de unge koster {amount} mio. kr. og finansieres inden for rammen.",
        ),
        "Planen holdes inden for det vedtagne budget.",
        "beskæftigelsesplanen for {year} godkendes.",
        "Ny plan skal få flere unge i job i {muni}",
        "vedtage en beskæftigelsesplan, der skal få {count} flere unge i job eller uddannelse",
        "Ingen unge skal gå ledige, når virksomhederne mangler folk",
    ),
    Topic(
        "09.02.00",
        "Klimatilpasning og regnvandsbassin ved {street}",
        "Forsyningen foreslår et regnvandsbassin ved {street}, hvor kældre blev oversvømmet ved skybruddet i {year}.",
        (
            "Bassinet kan rumme {count} kubikmeter vand og anlægges som et grønt område med stier.",
            "Projektet koster {amount} mio. kr. og betales over vandtaksten.",
            "Grundejerne langs {street} har været inviteret til borgermøde om projektet.",
        ),
        "Projektet betales af forsyningen over taksten.",
        "projektet for regnvandsbassinet ved {street} godkendes.",
        "Regnvandsbassin skal beskytte kældre ved {street}",
        "anlægge et regnvandsbassin ved {street} efter skybruddet i {year}",
        "Vi skal ikke igen se kældrene stå under vand",
    ),
    Topic(
        "28.00.00",
        "Flere pladser i dagtilbud i {town}",
        "Der bliver {count} flere børn i alderen 0-5 år i {town} de næste fire år, og der mangler pladser.",
        (
            "Administrationen foreslår en ny institution på grunden ved {street} med plads til {count} børn.",
            "Indtil den står klar, udvides to børnehaver med pavilloner.",
            "Byggeriet koster {amount} mio. kr. og kan tages i brug i {year}.",
        ),
        "Anlægsudgiften på {amount} mio. kr. er afsat i budgettet.",
        "der bygges en ny institution ved {street} til {amount} mio. kr.",
        "Ny børnehave ved {street} skal løse pladsmangel",
        "bygge en ny børnehave ved {street} til {amount} millioner kroner",
        "Forældrene skal kunne regne med en plads tæt på hjemmet",
    ),
)
# The topics each committee decides (indexes into TOPICS); the council decides any of them.
COMMITTEE_TOPICS = {
    "Økonomiudvalget": (1, 4, 7),
    "Børne- og Skoleudvalget": (2, 9),
    "Teknik- og Miljøudvalget": (0, 3, 8),
    "Social- og Sundhedsudvalget": (4, 5),
    "Kultur- og Fritidsudvalget": (1, 6),
    "Plan- og Boligudvalget": (0, 8),
    "Beskæftigelsesudvalget": (4, 7),
}
DECISIONS = (
    ("Godkendt.", 5),
    ("Anbefales over for Økonomiudvalget.", 2),
    ("Taget til efterretning.", 2),
    ("Udsat til næste møde.", 1),
    ("Godkendt med den bemærkning, at administrationen holder et borgermøde.", 1),
)


@dataclass(frozen=True)
class Member:
    name: str
    party: str


@dataclass(frozen=True)
class Item:
    topic: Topic
    values: dict[str, str]
    case_number: str
    decision: str
    votes: tuple[int, int] | None  # for, against

    def fill(self, template: str) -> str:
        return template.format(**self.values)


@dataclass(frozen=True)
class Meeting:
    """One generated meeting: what its minutes print and what an article about it names."""

    number: int  # the document number of its minutes
    municipality: str
    committee: str
    date: dt.date
    hour: int
    layout: str  # "firstagenda" or "generic"
    members: tuple[Member, ...]
    chair: Member
    absent: tuple[Member, ...]
    items: tuple[Item, ...]


def _rng(*parts: object) -> random.Random:
    return random.Random("referat-bench-scale-" + GENERATOR_VERSION + "-" + "-".join(map(str, parts)))


def council(municipality: str) -> tuple[Member, ...]:
    """The municipality's council: 25 members with distinct names, the same in every document."""
    rng = _rng("council", municipality)
    names: list[str] = []
    while len(names) < 25:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if name not in names:
            names.append(name)
    return tuple(Member(name, rng.choice(PARTIES)) for name in names)


def committee_members(municipality: str, committee: str) -> tuple[Member, ...]:
    members = council(municipality)
    if committee == "Kommunalbestyrelsen":
        return members
    return tuple(_rng("committee", municipality, committee).sample(members, 7))


def document_kind(number: int) -> str:
    """'minutes' or 'article': document `number` of every archive is the same kind."""
    return "article" if _rng("kind", number).random() < ARTICLE_SHARE else "minutes"


def meeting_date(number: int) -> dt.date:
    """Meetings on weekdays, a few a day, in the order of their document numbers."""
    weekdays = number // MEETINGS_PER_WEEKDAY
    return FIRST_MEETING_DAY + dt.timedelta(days=weekdays // 5 * 7 + weekdays % 5)


def meeting(number: int) -> Meeting:
    rng = _rng("meeting", number)
    municipality = rng.choice(MUNICIPALITIES)
    committee = rng.choice(COMMITTEES)
    members = committee_members(municipality, committee)
    date = meeting_date(number)
    absent = tuple(rng.sample(members, rng.choice((0, 0, 1, 1, 2))))
    items: list[Item] = []
    for position in range(rng.randint(3, 8)):
        topic = TOPICS[rng.choice(COMMITTEE_TOPICS.get(committee, range(len(TOPICS))))]
        values = {
            "street": rng.choice(STREETS),
            "town": municipality,
            "muni": municipality,
            "n": str(rng.randint(100, 499)),
            "amount": f"{rng.randint(1, 40)},{rng.randint(1, 9)}",
            "count": str(rng.randint(12, 400)),
            "year": str(date.year + rng.choice((-3, -1, 0, 1))),
            "month": MONTHS[date.month - 1],
            "this_year": str(date.year),
        }
        decision = rng.choices([text for text, _ in DECISIONS], [weight for _, weight in DECISIONS])[0]
        voting = position > 0 and rng.random() < 0.15
        votes = (len(members) - len(absent) - 2, 2) if voting else None
        case_number = (
            f"{topic.kle}-{rng.choice('PGSA')}{rng.randint(10, 35):02d}-{rng.randint(1, 60)}-{date.year % 100:02d}"
        )
        items.append(Item(topic, values, case_number, decision, votes))
    return Meeting(
        number,
        municipality,
        committee,
        date,
        rng.choice((8, 9, 15, 16, 17)),
        "generic" if rng.random() < 0.3 else "firstagenda",
        members,
        members[0],
        absent,
        tuple(items),
    )


def _long_date(date: dt.date) -> str:
    return f"{date.day}. {MONTHS[date.month - 1]} {date.year}"


def _who(member: Member) -> str:
    return f"{member.name} ({member.party})"


def _item_body(item: Item, rng: random.Random, centre: str) -> Iterator[str]:
    topic = item.topic
    yield "Sammendrag"
    yield item.fill(topic.summary)
    yield "Sagsfremstilling"
    yield from (item.fill(paragraph) for paragraph in rng.sample(topic.case, rng.randint(2, len(topic.case))))
    yield "Økonomiske konsekvenser og finansiering"
    yield item.fill(topic.economy)
    yield "Indstilling"
    yield f"{centre} indstiller, at"
    yield "1. " + item.fill(topic.recommendation)


def minutes_text(meeting: Meeting) -> str:
    """The minutes of `meeting` in its layout, as a text export prints them."""
    rng = _rng("minutes", meeting.number)
    date, chair = meeting.date, meeting.chair
    absent_line = ", ".join(_who(member) for member in meeting.absent)
    lines: list[str] = []
    if meeting.layout == "firstagenda":
        people = [
            _who(member) + (" (formand)" if member == chair else "") + (" (Afbud)" if member in meeting.absent else "")
            for member in meeting.members
        ]
        people.append(f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} (direktør)")
        lines += [
            f"REFERAT {meeting.committee} d. {date:%d-%m-%Y}",
            f"Mødedato {WEEKDAYS[date.weekday()]} d. {_long_date(date)} kl. {meeting.hour:02d}:00",
            f"Mødested Byrådssalen, {meeting.municipality} Rådhus",
            "Mødedeltagere " + ", ".join(people),
        ]
    else:
        present = [member for member in meeting.members if member not in meeting.absent]
        lines += [
            f"{meeting.municipality} Kommune",
            "Referat",
            meeting.committee,
            f"Mødedato: {date:%d.%m.%Y}\nMødetidspunkt: {meeting.hour:02d}:00\nMødested: Mødelokale "
            f"{rng.randint(1, 6)}, Rådhuset",
            "Tilstede: "
            + ", ".join(_who(member) for member in present)
            + (f"\nFraværende: {absent_line}" if meeting.absent else ""),
        ]
    for position, item in enumerate(meeting.items, start=1):
        title = item.fill(item.topic.title)
        if meeting.layout == "firstagenda":
            lines += [f"Punkt {position}: {title}", item.case_number]
        else:
            lines.append(f"{position}. {title}\nSagsnr.: {item.case_number}")
        lines += list(_item_body(item, rng, rng.choice(CENTRES)))
        lines += ["Beslutning", item.decision]
        if item.votes is not None:
            lines += [f"For stemte: {item.votes[0]}", f"Imod stemte: {item.votes[1]}"]
        if meeting.absent and meeting.layout == "firstagenda":
            lines.append(f"Afbud {absent_line}")
    return "\n\n".join(lines) + "\n"


def article_text(number: int, before: int | None = None) -> str:
    """A news article, usually about a meeting of the ten documents before it (see `article_subject`)."""
    rng = _rng("article", number)
    journalist = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    subject = article_subject(number, before)
    if subject is None:
        municipality = rng.choice(MUNICIPALITIES)
        published = meeting_date(number)
        street = rng.choice(STREETS)
        body = [
            f"Loppemarked på {street} samler hele {municipality}",
            f"Af {journalist}",
            f"{_long_date(published)} kl. {rng.randint(7, 21)}.{rng.randint(10, 59)}",
            f"Lørdag var {street} i {municipality} lukket for biler, da {rng.randint(40, 200)} stande solgte "
            f"alt fra gamle cykler til hjemmebag.",
            f"– Vi havde aldrig regnet med så mange, siger arrangøren, {rng.choice(FIRST_NAMES)} "
            f"{rng.choice(LAST_NAMES)}, der har stået for markedet i {rng.randint(2, 15)} år.",
            "Overskuddet går til den lokale spejdergruppe, som skal på sommerlejr i Norge.",
        ]
        return "\n\n".join(body) + "\n"
    item = rng.choice(subject.items)
    published = subject.date + dt.timedelta(days=rng.randint(1, 6))
    speaker = subject.chair
    others = [member for member in subject.members if member != speaker]
    critic = rng.choice(others)
    lead = (
        f"{subject.committee} i {subject.municipality} Kommune besluttede på sit møde "
        f"{_long_date(subject.date)} at {item.fill(item.topic.lead)}."
    )
    body = [
        item.fill(item.topic.headline),
        f"Af {journalist}",
        f"{_long_date(published)} kl. {rng.randint(7, 21)}.{rng.randint(10, 59)}",
        lead,
        f"– {item.fill(item.topic.quote)}, siger udvalgets formand, {_who(speaker)}.",
        item.fill(rng.choice(item.topic.case)),
        f"{_who(critic)} er mere forbeholden.",
        f"– Vi skal lytte til borgerne på {item.values['street']}, før vi lægger os fast, siger "
        f"{critic.name.split()[0]}.",
    ]
    if rng.random() < 0.4:
        body.append(f"Sagen har journalnummer {item.case_number}.")
    body.append(f"Ifølge {subject.municipality} Kommune kan arbejdet begynde i {published.year + 1}.")
    return "\n\n".join(body) + "\n"


def article_subject(number: int, before: int | None = None) -> Meeting | None:
    """The meeting article `number` reports on: one of the ten documents before it (and before document `before`)
    that are minutes, or None for local news about no meeting."""
    rng = _rng("subject", number)
    if rng.random() < UNLINKED_ARTICLE_SHARE:
        return None
    last = number if before is None else min(number, before)
    candidates = [earlier for earlier in range(max(0, last - 10), last) if document_kind(earlier) == "minutes"]
    return meeting(rng.choice(candidates)) if candidates else None


def document_text(number: int) -> str:
    return article_text(number) if document_kind(number) == "article" else minutes_text(meeting(number))


def document_name(number: int) -> str:
    return f"{number:06d}_{document_kind(number)}.txt"


@dataclass(frozen=True)
class Archive:
    """A generated archive on disk: its documents and, beside it, the one new meeting and article to add."""

    size: int
    directory: Path  # the archive's documents, as staff keep them in one folder
    new_minutes: Path
    new_article: Path


def next_documents(size: int) -> tuple[int, int]:
    """The numbers of the first minutes after an archive of `size`, and of the first article after it that can
    be about a meeting the archive holds (`article_text(number, before=size)`: adding it makes links)."""
    minutes = next(number for number in range(size, size + 1000) if document_kind(number) == "minutes")
    article = next(
        number
        for number in range(size, size + 1000)
        if document_kind(number) == "article" and article_subject(number, before=size) is not None
    )
    return minutes, article


def ensure_archive(size: int, root: Path = SCALE_DIR) -> tuple[Archive, bool]:
    """The archive of `size` documents under `root/<size>/`, written again when missing or made by another
    version of this module. Returns it and whether it was written just now. It is written beside the old one
    and swapped in when complete, so an interrupted run never leaves a half archive that looks cached."""
    folder = root / str(size)
    key = {
        "generator": GENERATOR_VERSION,
        "source": hashlib.sha256(Path(__file__).read_bytes()).hexdigest(),
        "size": size,
    }
    minutes, article = next_documents(size)
    archive = Archive(
        size, folder / "archive", folder / "new" / document_name(minutes), folder / "new" / document_name(article)
    )
    try:
        cached = json.loads((folder / "manifest.json").read_text(encoding="utf-8")) == key
    except (OSError, ValueError):
        cached = False
    if (
        cached
        and archive.new_minutes.exists()
        and archive.new_article.exists()
        and sum(1 for _ in archive.directory.glob("*.txt")) == size
    ):
        return archive, False
    building = root / f"{size}.building"
    shutil.rmtree(building, ignore_errors=True)
    (building / "archive").mkdir(parents=True)
    (building / "new").mkdir()
    for number in range(size):
        (building / "archive" / document_name(number)).write_text(document_text(number), encoding="utf-8")
    (building / "new" / document_name(minutes)).write_text(document_text(minutes), encoding="utf-8")
    (building / "new" / document_name(article)).write_text(article_text(article, before=size), encoding="utf-8")
    (building / "manifest.json").write_text(json.dumps(key) + "\n", encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    building.rename(folder)
    return archive, True
