"""The Danish word forms that spacy-lookups-data's lemma table knows, as a set that loads without parsing.

`load_lexicon()` reads the ~550k words (lower case) straight from the package's gzipped JSON file (no spaCy
import, no `Table` that hashes every key) the first time, and from the cache (`cache.py`) after that. A
`frozenset` of them would make each word a string object hashed into the set, before an ingest could start its
workers, and every full garbage collection would walk its half million entries afterwards. A `Lexicon` is one byte
string instead, mapped from the cache file into memory: the words, UTF-8 encoded and
grouped by a stable hash of each (CRC-32), after the offsets where each group starts; a word is looked up by
searching its group of a few words.
"""

from __future__ import annotations

import importlib.util
import mmap
import sys
import zlib
from array import array
from collections.abc import Iterable
from pathlib import Path

from referat.extractors.entities.cache import mapped, source_key

_GROUPS = 1 << 16  # eight words a group on average
_OFFSETS = "I"  # array type of the offsets (4 bytes: the packed words stay far below 4 GB)
_OFFSET_SIZE = array(_OFFSETS).itemsize
_MAGIC = b"referat lexicon 1\n"
# The layout: the magic, the number of words (8 bytes), the offsets of the line break before each group's first
# word (and of the last line break), then every word between line breaks ("\nword\n"), group after group.
_HEADER = len(_MAGIC) + 8
_WORDS = _HEADER + _OFFSET_SIZE * (_GROUPS + 1)
_PACKAGE = "spacy_lookups_data"
_TABLE = "da_lemma_lookup.json"


def _encode(word: str) -> bytes:
    return word.encode("utf-8", "surrogatepass")  # never fails, whatever a document holds


class Lexicon:
    """A set of words: `word in lexicon` (exact; the lexicon's words are lower case). `key` says which words: what
    is built from the lexicon (and cached) names it among its sources."""

    def __init__(self, packed: bytes | mmap.mmap, key: str = "") -> None:
        """`packed` as `pack` makes it; `ValueError` if it is not."""
        if len(packed) <= _WORDS or packed[: len(_MAGIC)] != _MAGIC:
            raise ValueError("not a packed lexicon")
        starts = array(_OFFSETS)
        starts.frombytes(packed[_HEADER:_WORDS])
        if starts[0] != _WORDS or starts[-1] != len(packed) - 1 or packed[_WORDS : _WORDS + 1] != b"\n":
            raise ValueError("not a packed lexicon")
        self._packed = packed
        self._starts = starts
        self._size = int.from_bytes(packed[len(_MAGIC) : _HEADER], "little")
        self.key = key

    @staticmethod
    def pack(words: Iterable[str]) -> bytes:
        """`words` laid out as `Lexicon` reads them."""
        kept = [word for word in words if "\n" not in word]
        encoded = dict.fromkeys(_encode("\n".join(kept)).split(b"\n") if kept else ())  # once each, in order
        groups: list[list[bytes]] = [[] for _ in range(_GROUPS)]
        for data in encoded:
            groups[zlib.crc32(data) % _GROUPS].append(data)
        chunks = [b"\n".join(group) + b"\n" if group else b"" for group in groups]
        starts = array(_OFFSETS, [_WORDS])
        for chunk in chunks:
            starts.append(starts[-1] + len(chunk))
        return b"".join([_MAGIC, len(encoded).to_bytes(8, "little"), starts.tobytes(), b"\n", *chunks])

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        data = _encode(word)
        group = zlib.crc32(data) % _GROUPS
        return self._packed.find(b"\n" + data + b"\n", self._starts[group], self._starts[group + 1] + 1) >= 0

    def __len__(self) -> int:
        return self._size


def lemma_table() -> Path:
    """spacy-lookups-data's Danish lemma table, found without importing the package (whose `__init__` would run
    on every start); named as the package names it, or with the ".gz" it ships with."""
    spec = importlib.util.find_spec(_PACKAGE)
    folders = [Path(folder) / "data" for folder in spec.submodule_search_locations or ()] if spec is not None else []
    if not any((folder / _TABLE).exists() or (folder / f"{_TABLE}.gz").exists() for folder in folders):
        import spacy_lookups_data  # type: ignore[import-untyped]  # another layout than the wheel's: ask the package

        named = getattr(spacy_lookups_data, "da", {}).get("lemma_lookup")
        folders = [Path(str(named)).parent] if named is not None else []
    for folder in folders:
        for path in (folder / _TABLE, folder / f"{_TABLE}.gz"):
            if path.exists():
                return path
    raise ValueError("spacy-lookups-data has no Danish lemma table: pip install 'spacy-lookups-data>=1.0.5'")


def _read_words(path: Path) -> list[str]:
    import gzip  # here: needed only when the cache has no lexicon
    import json

    with gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb") as handle:
        data = json.load(handle)
    return [word for word in data if isinstance(word, str)] if isinstance(data, dict) else []


def load_lexicon() -> Lexicon:
    """The lexicon, from the cache when it holds one for this lemma table and this code."""
    table = lemma_table()
    stat = table.stat()
    # The table is identified by its size and time (reading 1.6 MB to hash it would cost more than the load); the
    # offsets are written in this machine's byte order and size.
    key = source_key(f"{table} {stat.st_size} {stat.st_mtime_ns}", f"{sys.byteorder} {_OFFSET_SIZE}", Path(__file__))
    return mapped("lexicon-da", key, lambda: Lexicon.pack(_read_words(table)), lambda packed: Lexicon(packed, key))
