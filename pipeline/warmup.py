"""Everything the analysers load lazily (word lists, compiled patterns), loaded before an ingest forks its
workers: then each worker shares the parent's copy instead of loading and compiling its own.

`warm_up()` builds the entity recognizer and reads a short made-up meeting and a short made-up article through
every stage down to their rows, which touches the lazily loaded data of each: the minutes reader's, the news
reader's (the shape of news, bylines, boilerplate, an article's mentions) and the analysers'. The stages' own
tests cover what they find; this only loads. What it leaves to the workers is compiled in each of them: on the
bench corpus the news patterns alone were a measurable share of each worker's time (docs/performance.md).
"""

from __future__ import annotations

from referat.models.records import Document, ParsedDocument

# A made-up meeting in the common layout: header, participants with an absence, numbered items with a case
# number, sections, a decision with a vote and an absence, amounts and percentages.
_SAMPLE = """Referat
Økonomiudvalget
Mødedato: 13-05-2025 kl. 16:00
Mødested: Mødelokale 1, Rådhuset
Deltagere: Anna Hansen (A), Bo Jensen (V) (Afbud)

Punkt 1: Budget 2026
Sagsnr.: 24.00.00-G01-4-25
Sagsfremstilling
Kommunen afsætter 1,5 mio. kr. til 40 nye pladser, en stigning på 3,7 %.
Indstilling
Direktionen indstiller, at budgettet godkendes.
Beslutning
Godkendt. For stemte: 5, imod stemte: 2. Anna Hansen deltog ikke i behandlingen af punktet.
Afbud: Bo Jensen (V)

Punkt 2: Meddelelser
Beslutning
Taget til efterretning.
"""

# A made-up local news article in the common shape: headline, byline, date line, a politician quoted, the
# committee and the municipality named.
_SAMPLE_ARTICLE = """Flertal for nye pladser i Roskilde
Af Anne Hansen
13. maj 2025 kl. 18.05
Økonomiudvalget i Roskilde Kommune besluttede tirsdag at afsætte 1,5 mio. kr. til nye pladser.
- Det er en god dag for familierne. Vi har ventet længe, siger borgmester Bo Jensen (V).
Oppositionen stemte imod, oplyser kommunen.
"""


def read_samples() -> tuple[ParsedDocument, ...]:
    """The made-up meeting and article read as the workers read a file (`pipeline.parse.read_document`)."""
    from referat.pipeline.parse import read_document
    from referat.pipeline.sidecar import SourceHints

    return tuple(
        read_document(
            Document(
                id="warm-up", sha256="", path="warm-up.txt", media_type="text/plain", size=len(text), text=text, pages=1
            ),
            text.encode(),
            SourceHints(),
        )
        for text in (_SAMPLE, _SAMPLE_ARTICLE)
    )


def warm_up() -> None:
    """Load every stage's lazily loaded data in this process."""
    from referat.extractors.entities import warm_up as warm_up_entities
    from referat.extractors.language.names import first_names
    from referat.extractors.minutes.logical import anchors
    from referat.extractors.minutes.runon import title_starts
    from referat.pipeline.rows import prepare

    warm_up_entities()
    for parsed in read_samples():
        prepare(parsed, ingested_at="2025-05-13T18:05:00+00:00")
    # What only some layouts need: flattened pages, run-together names and contents.
    for load in (anchors, first_names, title_starts):
        load()
