"""The cache of built lookup structures (`extractors/entities/cache.py`): built on a fresh machine, read back when
good, rebuilt when missing, stale, corrupt or of the wrong shape, and never in the way where it cannot be written;
the packed lexicon; the gazetteer index and the person names read back equal to what the data files give."""

from __future__ import annotations

import gzip
import json
import marshal
import os
from pathlib import Path

import pytest

from referat.extractors.entities import lexicon as lexicon_module
from referat.extractors.entities.cache import cache_dir, cached, mapped, source_key
from referat.extractors.entities.gazetteer import GazetteerIndex, _names
from referat.extractors.entities.lexicon import Lexicon, load_lexicon
from referat.extractors.entities.patterns import (
    PERSON_NAMES_FILE,
    _read_person_names,
    gazetteer,
    lexicon,
    load_person_names,
)


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder, as on a fresh machine (the real lexicon loaded first: building it takes a second)."""
    lexicon()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "referat"


class Builds:
    """A build function that counts its calls."""

    def __init__(self, value: object) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


def as_pairs(data: object) -> dict[str, int]:
    if not isinstance(data, dict) or not all(isinstance(value, int) for value in data.values()):
        raise ValueError("not pairs")
    return data


# -- marshal files -------------------------------------------------------------------------------------------------


def test_a_missing_file_is_built_and_written_then_read(fresh_cache: Path) -> None:
    build = Builds({"a": 1})
    assert cached("pairs", "k1", build, as_pairs) == {"a": 1}
    assert (fresh_cache / "pairs-k1.marshal").exists()
    assert cached("pairs", "k1", build, as_pairs) == {"a": 1}
    assert build.calls == 1
    assert not [path for path in fresh_cache.iterdir() if path.suffix == ".tmp"]


def test_a_stale_file_is_not_read(fresh_cache: Path) -> None:
    cached("pairs", "old", Builds({"a": 1}), as_pairs)
    build = Builds({"a": 2})
    assert cached("pairs", "new", build, as_pairs) == {"a": 2}
    assert build.calls == 1
    assert (fresh_cache / "pairs-old.marshal").exists()  # another checkout may still use it


@pytest.mark.parametrize(
    "content",
    [
        b"",  # empty
        b"\x00garbage\xff",  # not marshal data
        marshal.dumps({"a": 1, "b": 2})[:-3],  # cut short
        marshal.dumps(["a", "list"]),  # readable, of another shape
        marshal.dumps({"a": "one"}),
    ],
    ids=["empty", "garbage", "truncated", "other-shape", "other-values"],
)
def test_a_corrupt_file_is_rebuilt_and_replaced(fresh_cache: Path, content: bytes) -> None:
    fresh_cache.mkdir(parents=True)
    (fresh_cache / "pairs-k1.marshal").write_bytes(content)
    build = Builds({"a": 3})
    assert cached("pairs", "k1", build, as_pairs) == {"a": 3}
    assert marshal.loads((fresh_cache / "pairs-k1.marshal").read_bytes()) == {"a": 3}
    assert cached("pairs", "k1", build, as_pairs) == {"a": 3}
    assert build.calls == 1


def test_an_unwritable_cache_folder_builds_every_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    build = Builds({"a": 4})
    assert cached("pairs", "k1", build, as_pairs) == {"a": 4}
    assert cached("pairs", "k1", build, as_pairs) == {"a": 4}
    assert build.calls == 2
    packed = Lexicon.pack(["og"])
    assert "og" in mapped("words", "k1", lambda: packed, Lexicon)


def test_a_build_that_does_not_load_is_an_error(fresh_cache: Path) -> None:
    with pytest.raises(ValueError, match="not pairs"):
        cached("pairs", "k1", Builds(["not", "pairs"]), as_pairs)
    assert not (fresh_cache / "pairs-k1.marshal").exists()


def test_the_cache_folder_follows_xdg_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "referat"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_dir() == Path.home() / ".cache" / "referat"


def test_keys_change_with_the_contents_of_sources(tmp_path: Path) -> None:
    source = tmp_path / "words.csv"
    source.write_text("word\nog\n", encoding="utf-8")
    key = source_key(source, "lexicon 1")
    assert source_key(source, "lexicon 1") == key
    assert source_key(source, "lexicon 2") != key
    source.write_text("word\neller\n", encoding="utf-8")
    assert source_key(source, "lexicon 1") != key
    assert source_key("ab", "c") != source_key("a", "bc")


# -- the packed lexicon --------------------------------------------------------------------------------------------


WORDS = ["og", "eller", "kommune", "kommunen", "æble", "øen", "å", "", "façade", "x" * 300, "naïve"]


def test_a_packed_lexicon_holds_its_words_and_no_others() -> None:
    packed = Lexicon(Lexicon.pack([*WORDS, "og", "to\nlinjer"]))
    assert len(packed) == len(WORDS)
    assert all(word in packed for word in WORDS)
    for other in ["o", "ogs", "Og", "kommun", "ommune", "to", "linjer", "to\nlinjer", "\n", "og\neller", "\ud800", "x"]:
        assert other not in packed
    assert 42 not in packed


def test_an_empty_lexicon_holds_nothing() -> None:
    empty = Lexicon(Lexicon.pack([]))
    assert len(empty) == 0
    assert "" not in empty and "og" not in empty


@pytest.mark.parametrize(
    "content",
    [b"", b"referat lexicon 1\n", b"x" * 300_000, Lexicon.pack(["og"])[:-1], Lexicon.pack(["og"]) + b"x"],
    ids=["empty", "header", "other", "short", "long"],
)
def test_bytes_that_are_not_a_packed_lexicon_are_refused(content: bytes) -> None:
    with pytest.raises(ValueError, match="not a packed lexicon"):
        Lexicon(content)


@pytest.fixture
def small_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A lemma table of a few words in place of spacy-lookups-data's, and an empty cache folder."""
    table = tmp_path / "da_lemma_lookup.json.gz"
    with gzip.open(table, "wt", encoding="utf-8") as handle:
        json.dump({word: word for word in WORDS}, handle)
    monkeypatch.setattr(lexicon_module, "lemma_table", lambda: table)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return table


def test_the_lexicon_is_built_from_the_table_then_mapped_from_the_cache(small_table: Path) -> None:
    built = load_lexicon()
    files = list(cache_dir().glob("lexicon-da-*.bin"))
    assert len(files) == 1
    read = load_lexicon()
    assert read.key == built.key
    assert all(word in read for word in WORDS) and "ogs" not in read and len(read) == len(WORDS)


def test_a_changed_table_makes_the_cached_lexicon_stale(small_table: Path) -> None:
    before = load_lexicon()
    with gzip.open(small_table, "wt", encoding="utf-8") as handle:
        json.dump({"cykel": "cykel"}, handle)
    os.utime(small_table, ns=(1, 1))  # another size and time, as a reinstall gives
    after = load_lexicon()
    assert after.key != before.key
    assert "cykel" in after and "og" not in after
    assert len(list(cache_dir().glob("lexicon-da-*.bin"))) == 2


@pytest.mark.parametrize("damage", ["empty", "truncated", "garbage"])
def test_a_corrupt_cached_lexicon_is_rebuilt(small_table: Path, damage: str) -> None:
    load_lexicon()
    (path,) = cache_dir().glob("lexicon-da-*.bin")
    data = path.read_bytes()
    path.write_bytes({"empty": b"", "truncated": data[: len(data) // 2], "garbage": b"\x00" * len(data)}[damage])
    rebuilt = load_lexicon()
    assert all(word in rebuilt for word in WORDS) and len(rebuilt) == len(WORDS)
    assert path.read_bytes() == data


def test_a_missing_lemma_table_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon_module, "_TABLE", "no_such_table.json")
    with pytest.raises(ValueError, match="pip install 'spacy-lookups-data"):
        lexicon_module.lemma_table()


@pytest.mark.parametrize(
    ("word", "known"),
    [
        ("og", True),
        ("kommune", True),
        ("borgere", True),
        ("mark", True),
        ("tryg", True),
        ("ballerup", False),
        ("Og", False),
    ],
)
def test_the_real_lexicon_knows_danish_words(word: str, known: bool) -> None:
    assert len(lexicon()) > 500_000
    assert (word in lexicon()) is known


# -- structures built from the lexicon and the data files ----------------------------------------------------------


def test_the_cached_gazetteer_index_is_the_one_built_from_the_lists(fresh_cache: Path) -> None:
    expected = _names(gazetteer())
    assert GazetteerIndex().names == expected  # built and written
    assert len(list(fresh_cache.glob("gazetteer-names-*.marshal"))) == 1
    assert GazetteerIndex().names == expected  # read back
    (path,) = fresh_cache.glob("gazetteer-names-*.marshal")
    path.write_bytes(marshal.dumps({"Ballerup": [("Ballerup",)]}))  # readable, of another shape
    assert GazetteerIndex().names == expected
    text = "Borgmesteren i Ballerup Kommune besøgte DR og Ballerups rådhus."
    assert GazetteerIndex().find(text) == GazetteerIndex(gazetteer()).find(text)


def test_the_cached_person_names_are_the_ones_read_from_the_file(fresh_cache: Path) -> None:
    first, last = _read_person_names(PERSON_NAMES_FILE)
    names = load_person_names.__wrapped__(PERSON_NAMES_FILE)
    assert (names.first, names.last) == (first, last)
    assert len(list(fresh_cache.glob("person-names-*.marshal"))) == 1
    again = load_person_names.__wrapped__(PERSON_NAMES_FILE)
    assert (again.first, again.last) == (first, last)
    (path,) = fresh_cache.glob("person-names-*.marshal")
    path.write_bytes(b"\x00" * 100)
    rebuilt = load_person_names.__wrapped__(PERSON_NAMES_FILE)
    assert (rebuilt.first, rebuilt.last) == (first, last)
    assert {"Anne", "Jesper"} <= first and "Nielsen" in last


def test_a_changed_names_file_makes_the_cached_names_stale(fresh_cache: Path, tmp_path: Path) -> None:
    names_file = tmp_path / "names.csv"
    names_file.write_text("# credit\nname,kind,locales\nAnne,first,da_DK\nHolm,last,da_DK\n", encoding="utf-8")
    assert load_person_names.__wrapped__(names_file).first == frozenset({"Anne"})
    names_file.write_text("# credit\nname,kind,locales\nBirthe,first,da_DK\nHolm,last,da_DK\n", encoding="utf-8")
    assert load_person_names.__wrapped__(names_file).first == frozenset({"Birthe"})
    assert len(list(fresh_cache.glob("person-names-*.marshal"))) == 2
