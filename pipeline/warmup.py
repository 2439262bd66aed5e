"""Everything the analysers load lazily (word lists, compiled patterns), loaded before an ingest forks its
workers: then each worker shares the parent's copy instead of loading and compiling its own.

`warm_up()` builds the entity recognizer and reads a short made-up meeting and article through every stage,
which touches the lazily loaded data of each (the stages' own tests cover what they find; this only loads).
"""

from __future__ import annotations

from referat.models.records import Document

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


def warm_up() -> None:
    """Load every stage's lazily loaded data in this process."""
    from referat.extractors.entities import warm_up as warm_up_entities
    from referat.extractors.kinds import decide_kind
    from referat.extractors.language.names import first_names
    from referat.extractors.minutes.logical import anchors
    from referat.extractors.minutes.runon import title_starts
    from referat.pipeline.parse import MeetingReader, analyse
    from referat.pipeline.sidecar import SourceHints

    warm_up_entities()
    document = Document(
        id="warm-up", sha256="", path="warm-up.txt", media_type="text/plain", size=len(_SAMPLE), text=_SAMPLE, pages=1
    )
    reader = MeetingReader(document, SourceHints())
    document = document.replace(kind=decide_kind(_SAMPLE, reader.shape))
    analyse(document, parsed=reader.parsed)
    # What only some layouts need: flattened pages, run-together names and contents.
    for load in (anchors, first_names, title_starts):
        load()
