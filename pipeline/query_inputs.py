"""The canned queries' inputs read as people write them, and what the page says about the ones it could not use.

A form field of a canned query is a string; what it may hold is described in `datasette/queries.yml` (`inputs`: a
label, a hint and a kind per parameter; `labels`: the Danish words for the codes the database stores, e.g.
outcomes). This module reads those strings, for the SQL and for the page; the plugin `referat_inputs.py` hands
them to Datasette:

- SQL functions (`register_functions`): `dansk_dato(text)` -> 'YYYY-MM-DD' or NULL (13.05.2025, 13-05-2025,
  13/5 2025, 13. maj 2025, 13. jan. 2020, 2025-05-13: the minutes' own date reader, `extractors.language.dates`),
  `dansk_aar(text)` -> 'YYYY' or NULL, `dansk_beloeb(text)` -> kroner or NULL (1 mio, 500.000, 2,5 mia.,
  1,5 mio. kr., 750 t.kr.: the figures' reader, `extractors.figures`), `udfald_kode(text)` -> the outcome code
  of a Danish label or of the code itself, `dansk(group, code)` -> the Danish label of a stored code,
  `soegeord(text)` -> the full-text query of the words of three characters or more (all the trigram index can
  find), `soegeord_kontekst(text, search)` and `kontekst(window, start, end, width)` -> the words around a match,
  cut at word boundaries, the match in «».
- for the page: `fields(query, values)`, the form's fields with labels, hints and choice lists, and
  `notes(query, values)`, a sentence for every input that was ignored or too short, naming the input and why.

An input that cannot be read is left out of the query (its filter is not applied), and the page says so.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from referat.extractors.figures import find_figures
from referat.extractors.language.dates import find_dates

QUERIES_FILE = Path(__file__).parent / "datasette" / "queries.yml"
MIN_SEARCH_CHARACTERS = 3  # the trigram index finds nothing shorter
KINDS = ("words", "name", "date", "year", "amount", "outcome", "choice", "text")
_TERMS = re.compile(r'"([^"]*)"|([^\s"]+)')
_YEAR = re.compile(r"(?:19|20)\d{2}")
# Digits with Danish thousands separators (a full stop or a space) and a decimal comma: 500.000, 1 000 000, 2,5.
_PLAIN_NUMBER = re.compile(r"\d{1,3}(?:[. \u00a0]\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
_SPACES = re.compile(r"\s+")


class InputsError(ValueError):
    """The `inputs` or `labels` of queries.yml are not as this plugin reads them."""


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Input:
    """A canned query's parameter as a person fills it in."""

    name: str
    label: str
    kind: str
    hint: str = ""
    choices: tuple[Choice, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InputsError(f"input {self.name}: unknown kind {self.kind!r} (known: {', '.join(KINDS)})")


@dataclass(frozen=True)
class Field:
    """An input with the value it has on this page, for the form."""

    input: Input
    value: str


@dataclass(frozen=True)
class Vocabulary:
    inputs: Mapping[str, Input]
    labels: Mapping[str, Mapping[str, str]]  # group (outcome, kind, ...) -> stored code -> Danish label
    params: Mapping[str, tuple[str, ...]]  # canned query -> its parameters in order


def read_vocabulary(path: Path = QUERIES_FILE) -> Vocabulary:
    """The inputs, labels and queries' parameters of queries.yml; every parameter of a query has an input."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    labels = {
        group: {str(code): str(label) for code, label in entries.items()}
        for group, entries in data.get("labels", {}).items()
    }
    inputs: dict[str, Input] = {}
    for name, entry in data.get("inputs", {}).items():
        kind = entry["kind"]
        if kind == "outcome":
            choices = tuple(Choice(label.lower(), label) for label in labels.get("outcome", {}).values())
        else:
            choices = tuple(Choice(str(value), str(label)) for value, label in entry.get("choices", {}).items())
        inputs[name] = Input(name, entry["label"], kind, entry.get("hint", ""), choices)
    params = {name: tuple(entry.get("params", ())) for name, entry in data.get("queries", {}).items()}
    for query, names in params.items():
        missing = [name for name in names if name not in inputs]
        if missing:
            raise InputsError(f"query {query}: parameters {missing} have no entry under `inputs` in {path.name}")
    return Vocabulary(inputs, labels, params)


@cache
def vocabulary() -> Vocabulary:
    return read_vocabulary()


# Reading inputs


def danish_date(text: str | None) -> str | None:
    """An ISO date for a date written as a whole in any form the minutes print, else None."""
    written = (text or "").strip().rstrip(".").strip()
    if not written:
        return None
    dates = find_dates(written)
    if len(dates) == 1 and dates[0].start == 0 and dates[0].end >= len(written.rstrip(".")):
        return dates[0].iso
    return None


def danish_year(text: str | None) -> str | None:
    written = (text or "").strip()
    return written if _YEAR.fullmatch(written) else None


def danish_amount(text: str | None) -> float | None:
    """Kroner for an amount written as a whole: digits with Danish separators, or with a scale word and a unit
    (1 mio, 2,5 mia., 750 t.kr.); a bare number is kroner."""
    written = _SPACES.sub(" ", (text or "").strip())
    if not written:
        return None
    if _PLAIN_NUMBER.fullmatch(written):
        return float(re.sub(r"[. \u00a0]", "", written).replace(",", "."))
    for candidate in (written, written + " kr."):
        money = [figure for figure in find_figures(candidate) if figure.kind == "money"]
        if len(money) == 1 and money[0].start == 0 and money[0].end >= len(candidate.rstrip(".")):
            return float(money[0].value)
    return None


def outcome_code(text: str | None) -> str | None:
    """The stored outcome for its Danish label (any case) or for the code itself; None for anything else."""
    written = (text or "").strip().lower()
    for code, label in vocabulary().labels.get("outcome", {}).items():
        if written in (code.lower(), label.lower()):
            return code
    return None


def danish_label(group: str | None, code: Any) -> Any:
    """The Danish word for a stored code (an outcome, a document kind, ...); the code itself when it has none."""
    if code is None:
        return None
    return vocabulary().labels.get(group or "", {}).get(str(code), code)


def search_terms(text: str | None) -> tuple[list[str], list[str]]:
    """The words and "phrases" of a search as Datasette's escape_fts splits them: those the trigram index can
    find (three characters or more) and those too short to search."""
    written = text or ""
    if written.count('"') % 2:
        written += '"'
    kept: list[str] = []
    short: list[str] = []
    for phrase, word in _TERMS.findall(written):
        term = (phrase or word).strip()
        if term:
            (kept if len(term) >= MIN_SEARCH_CHARACTERS else short).append(term)
    return kept, short


def fts_query(text: str | None) -> str | None:
    """The full-text query of the searchable terms, each quoted (so dots, dashes and operators are text)."""
    kept, _ = search_terms(text)
    return " ".join('"' + term.replace('"', '""') + '"' for term in kept) or None


def first_term(text: str | None) -> str | None:
    kept, _ = search_terms(text)
    return kept[0] if kept else None


def context(window: str | None, start: int | None, end: int | None, width: int | None) -> str | None:
    """The words around window[start:end] with the match in «»: `window` is cut from a longer text with up to
    `width` characters either side of the match, so a side that is `width` long may begin or end inside a word;
    that part word is left out and an ellipsis marks the cut. Line breaks and form feeds read as spaces."""
    if window is None or start is None or end is None or width is None or not 0 <= start <= end <= len(window):
        return None
    before, match, after = window[:start], window[start:end], window[end:]
    if start >= width:
        parts = before.split(None, 1)
        before = "… " + (parts[1] if len(parts) == 2 and not before[0].isspace() else before.lstrip())
    if len(after) >= width:
        parts = after.rsplit(None, 1)
        after = (parts[0] if len(parts) == 2 and not after[-1].isspace() else after.rstrip()) + " …"
    return _SPACES.sub(" ", f"{before}«{match}»{after}").strip()


def word_context(text: str | None, search: str | None, width: int = 60) -> str | None:
    """The words around the first searched term where it first stands in `text` (upper and lower case alike)."""
    term = first_term(search)
    if not text or not term:
        return None
    at = text.lower().find(term.lower())
    if at < 0:
        return None
    start = max(at - width, 0)
    window = text[start : at + len(term) + width]
    return context(window, at - start, at - start + len(term), width)


def register_functions(conn: sqlite3.Connection) -> None:
    """The SQL functions the canned queries call, on one connection (also for tests and benchmarks)."""
    conn.create_function("dansk_dato", 1, danish_date, deterministic=True)
    conn.create_function("dansk_aar", 1, danish_year, deterministic=True)
    conn.create_function("dansk_beloeb", 1, danish_amount, deterministic=True)
    conn.create_function("udfald_kode", 1, outcome_code, deterministic=True)
    conn.create_function("dansk", 2, danish_label, deterministic=True)
    conn.create_function("soegeord", 1, fts_query, deterministic=True)
    conn.create_function("kontekst", 4, context, deterministic=True)
    conn.create_function("soegeord_kontekst", 2, word_context, deterministic=True)


# The page


def fields(query: str, values: Mapping[str, Any]) -> list[Field]:
    """The form's fields of a canned query, in its parameters' order, with the values given."""
    known = vocabulary()
    return [Field(known.inputs[name], str(values.get(name) or "")) for name in known.params.get(query, ())]


def notes(query: str, values: Mapping[str, Any]) -> list[str]:
    """A sentence for every input of the page that was ignored or cut short, saying which and why."""
    found: list[str] = []
    for field in fields(query, values):
        note = _note(field.input, field.value.strip())
        if note:
            found.append(note)
    return found


def _note(field: Input, value: str) -> str | None:
    if not value:
        return None
    label = field.label
    if field.kind == "words":
        kept, short = search_terms(value)
        if not short:
            return None
        listed = ", ".join(f"«{term}»" for term in short)
        why = (
            f"et ord skal have mindst {MIN_SEARCH_CHARACTERS} tegn (sæt flere ord i anførselstegn for at søge "
            'dem samlet, fx "ny aftale")'
        )
        if kept:
            return f"{label}: {listed} er udeladt af søgningen, for {why}."
        return f"{label}: der er ikke søgt, for {listed} er for kort: {why}."
    if field.kind == "date" and danish_date(value) is None:
        return (
            f"{label}: «{value}» kan ikke læses som en dato og er ikke brugt. Skriv fx 13.05.2025, 13-05-2025, "
            "13/5 2025, 13. maj 2025 eller 2025-05-13."
        )
    if field.kind == "year" and danish_year(value) is None:
        return f"{label}: «{value}» er ikke et årstal og er ikke brugt. Skriv fx 2024."
    if field.kind == "amount" and danish_amount(value) is None:
        return (
            f"{label}: «{value}» kan ikke læses som et beløb og er ikke brugt. Skriv fx 1000000, 500.000, "
            "1 mio, 2,5 mia. eller 750 t.kr."
        )
    if field.kind == "outcome" and outcome_code(value) is None:
        return f"{label}: «{value}» er ikke et udfald og er ikke brugt. Vælg et fra listen."
    if field.kind == "choice" and field.choices and value not in {choice.value for choice in field.choices}:
        return f"{label}: «{value}» er ikke et af valgene og er ikke brugt."
    return None
