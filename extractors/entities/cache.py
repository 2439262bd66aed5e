"""Lookup structures built from the data files, kept between runs so that loading them is quick.

An ingest builds the entity recognizer before it starts its workers, and a command that reads one document builds
it too, so what the recognizer is built from (the 550k words of the lexicon, the gazetteer index, the person
names) is kept once built: written with `marshal` (plain bytes, strings, tuples, sets and dicts, which load a little
faster than a pickle and many times faster than building them again) to `$XDG_CACHE_HOME/referat/`
(`~/.cache/referat/`), under a name that holds a key: a hash of all it is built from (data files, the code that
builds it, the Python version). A file that is missing, stale (its data or code changed: another key, another
name), unreadable or malformed is rebuilt and written again, atomically; where the folder cannot be written the
structures are built in each run, which is slower, not wrong. Files of older keys stay behind (another checkout may
still use them); they can be deleted at any time.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import mmap
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

# What `marshal` writes: its format depends on the Python version, which is part of every key.
_PYTHON = f"python {sys.version_info[0]}.{sys.version_info[1]} marshal {marshal.version}"


def cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "referat"


def source_key(*sources: Path | str) -> str:
    """A hash of what a structure is built from: the contents of the files among `sources`, and the strings as
    given (the identity of a file too large to read on every run, say)."""
    digest = hashlib.blake2b(_PYTHON.encode(), digest_size=12)
    for source in sources:
        data = source.read_bytes() if isinstance(source, Path) else source.encode()
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def cached(name: str, key: str, build: Callable[[], Any], load: Callable[[object], T]) -> T:
    """`load(build())`, with what `build` returns (plain data `marshal` can write) kept in the cache file of `name`
    and `key`: read from there when the file is good, built and written when not. `load` turns the plain data into
    the structure and raises `ValueError` or `TypeError` where the data does not have the expected shape (a file
    that `marshal` could read but that another build wrote)."""
    path = cache_dir() / f"{name}-{key}.marshal"
    with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
        return load(marshal.loads(path.read_bytes()))  # (`marshal.load(file)` would read each object apart)
    data = build()
    value = load(data)  # outside the suppression: a fresh build that does not load is a bug, not a bad file
    _write(path, marshal.dumps(data))
    return value


def mapped(name: str, key: str, build: Callable[[], bytes], load: Callable[[bytes | mmap.mmap], T]) -> T:
    """`load(build())`, with the bytes `build` returns kept in the cache file of `name` and `key` and, when the file
    is good, mapped into memory from there rather than read: the operating system reads only the pages a lookup
    touches, and processes share them, rather than each reading and copying the whole file. `load` raises
    `ValueError` where the bytes do not have the expected shape."""
    path = cache_dir() / f"{name}-{key}.bin"
    # (The map outlives the file handle, and the file's replacement by another process.)
    with contextlib.suppress(OSError, ValueError), path.open("rb") as handle:
        return load(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
    data = build()
    value = load(data)
    _write(path, data)
    return value


def _write(path: Path, data: bytes) -> None:
    """`data` as the file `path`, atomically: readers see the old file or the whole new one, never a part."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            partial.write_bytes(data)
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
