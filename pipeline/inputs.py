"""Finding what an ingest reads: the files below the folders given and the files given by themselves.

Walks the folders (hidden files and folders left out) for the types referat reads, lists the files of other types
beside them so that nobody takes them for read, and spells each file's path as it is stored and cited: relative to
the current folder or to the given folder, never as the machine's (`Inputs`). Nothing here reads a file's content
or touches the database; `pipeline.ingest` plans and reads what this finds.
"""

from __future__ import annotations

import operator
import os
import stat
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from referat.extractors.text import SUFFIXES
from referat.models.records import path_text
from referat.pipeline.sidecar import INDEX_NAMES


class NoInputError(Exception):
    """A path given to ingest does not exist or holds no file referat reads."""


@dataclass(frozen=True)
class SkippedFile:
    """A file below a given folder of a type referat does not read (a Word document, a spreadsheet): neither
    ingested nor an error, but listed, so that nobody takes it for read."""

    path: str  # spelled as stored paths are (`Inputs`)
    type: str  # its suffix, lower case (".docx"), or "no suffix"


@dataclass(frozen=True)
class Folder:
    """A folder given to an ingest: what the stored paths of the files below it start with, and the folder they
    are relative to (to tell a file that went away from one that is only not read)."""

    prefix: str
    base: str


@dataclass(frozen=True)
class Inputs:
    """What the paths given to an ingest hold. Each file to read is (name to open, path to store, path to cite):
    the stored path (`document_paths.path`, a file's identity between runs) is relative to the current folder
    when the file is below it, else to the given folder's parent (`/srv/archive/2025/x.pdf` is
    `archive/2025/x.pdf`); the cited path (`documents.path`) is relative to the given folder (`2025/x.pdf`). A
    file given by itself is stored and cited relative to the current folder when below it, else by its name. No
    path of the machine is stored: a database built from `/home/x/raw` names no `/home/x`."""

    files: list[tuple[str, str, str]]
    skipped: list[SkippedFile]
    folders: list[Folder]


def discover(paths: Iterable[Path]) -> list[Path]:
    """The files to ingest: the given files, and every .pdf/.html/.htm/.txt below the given folders."""
    return [Path(name) for name, _, _ in find_inputs(paths).files]


def find_inputs(paths: Iterable[Path | str]) -> Inputs:
    """The files to read in the given files and folders (recursively; hidden files and folders left out), the
    files of other types below the folders, and the folders. Paths are kept as text: an ingest makes a `Path`
    only of the files it reads, not of every unchanged file of the archive."""
    given = list(paths)
    here = os.getcwd()
    files: list[tuple[str, str, str]] = []
    skipped: list[SkippedFile] = []
    folders: list[Folder] = []
    for path in given:
        name = os.fspath(Path(path))  # as a `Path` spells it: `./a//b.pdf` is `a/b.pdf`
        try:
            mode = os.stat(name).st_mode  # one stat per path given
        except (OSError, ValueError):
            mode = 0
        if stat.S_ISDIR(mode):
            folder = _folder(name, here)
            folders.append(folder)
            opened = os.path.join(name, "")
            below, other = _files_below(name)
            files.extend((opened + relative, folder.prefix + relative, relative) for relative in below)
            skipped.extend(SkippedFile(path_text(folder.prefix + relative), kind) for relative, kind in other)
        elif stat.S_ISREG(mode):
            stored = _stored_file(name, here)
            files.append((name, stored, stored))
        else:
            raise NoInputError(f"{path_text(path)} does not exist: give files or folders of minutes and articles")
    first: dict[str, tuple[str, str, str]] = {}
    for file in files:  # a file found twice (a folder and a folder inside it) is read once, as first found
        first.setdefault(file[0], file)
    unique = list(first.values())
    _refuse_clashes(unique)
    if not unique:
        shown = ", ".join(path_text(path) for path in given)
        others = ""
        if skipped:
            types = Counter(file.type for file in skipped)
            others = (
                f": only {len(skipped)} file(s) of types referat does not read ("
                + ", ".join(f"{count} {kind}" for kind, count in sorted(types.items()))
                + "); save minutes and articles as PDF, web page or text"
            )
        raise NoInputError(f"no .pdf, .html, .htm or .txt files found in {shown}{others}")
    return Inputs(unique, skipped, folders)


def _refuse_clashes(files: list[tuple[str, str, str]]) -> None:
    """Two different files that would be stored under one path (`/a/raw/m.pdf` and `/b/raw/m.pdf` given from a
    folder above neither: both `raw/m.pdf`) are refused before anything is read: stored together, the second
    would replace the first's document."""
    opened_as: dict[str, str] = {}
    for opened, stored, _ in files:
        other = opened_as.setdefault(stored, opened)
        if other != opened:
            raise NoInputError(
                f"{path_text(other)} and {path_text(opened)} would both be stored as {path_text(stored)}: "
                "run the ingest from a folder above both, or ingest them one folder at a time"
            )


def _folder(name: str, here: str) -> Folder:
    absolute = os.path.abspath(name)
    inside = os.path.join(here, "")
    if absolute == here:
        return Folder("", here)
    if absolute.startswith(inside):
        return Folder(os.path.join(absolute[len(inside) :], ""), here)
    parent, leaf = os.path.split(absolute)
    return Folder(os.path.join(leaf, "") if leaf else "", parent)


def _stored_file(name: str, here: str) -> str:
    absolute = os.path.abspath(name)
    inside = os.path.join(here, "")
    return absolute[len(inside) :] if absolute.startswith(inside) else os.path.basename(absolute)


def _files_below(folder: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The files referat reads below a folder, relative to it, hidden files and folders left out, in the order
    of their paths' parts (as sorted `Path`s are: each folder's entries by name, a subfolder's files where its
    name falls); and the other files, with their type. Read with `os.scandir`, whose entries know whether they
    are files without a `stat` each."""
    found: list[str] = []
    other: list[tuple[str, str]] = []

    def walk(directory: str, prefix: str) -> None:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=_name)
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            if entry.is_dir():
                walk(entry.path, prefix + name + "/")
            elif entry.is_file():
                suffix = os.path.splitext(name)[1].lower()
                if suffix in SUFFIXES:
                    found.append(prefix + name)
                elif name not in INDEX_NAMES:  # a folder's INDEX.csv is read, for its files' addresses
                    other.append((prefix + name, suffix or "no suffix"))

    walk(folder, "")
    return found, other


_name = operator.attrgetter("name")
