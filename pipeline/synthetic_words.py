"""The words a synthetic archive's texts are made of (`pipeline.synthetic`), and the names in it.

Compounds of a stem and an ending (rare, most of them) and common words, organisations and news outlets, here;
Danish first names and surnames, party letters, municipalities and their towns from the extractors' data files
(`extractors/data`). Kept apart from the generator (`pipeline.synthetic_rows`), which only draws from them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "extractors" / "data"

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
