"""A PDF's objects read straight from its bytes, without the PDF library: the streams the file holds and the
content streams each page draws, so that streams can be checked (`extractors.pdf_streams`) before pdfium
inflates them whole.

This reads the common, intact layout: objects in file order ("12 0 obj ... endobj"), a later definition of an
object replacing an earlier one (as an incremental update does), page and page-tree objects either in the file
or in object streams (PDF 1.5), the pages in the order of the page tree that the trailer's /Root names. The
cross-reference table is not read. When the page tree cannot be followed, `page_contents` gives None and the
caller falls back to what holds for the whole file. Stream data are not copied: a stream knows where they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from referat.extractors.pdf_streams import RawStream, decode

# What stands before the keyword "obj": the object's number and generation.
_OBJECT_HEAD = re.compile(rb"(?<![0-9])(\d{1,10})\s+\d{1,5}\s+$")
_HEAD_WINDOW = 32
# A stream's keyword follows its dictionary; "stream" anywhere else is a word in a string.
_DICTIONARY_END = re.compile(rb">>\s*$")
_REF = re.compile(rb"(\d{1,10})\s+\d{1,5}\s+R\b")
_LENGTH = re.compile(rb"/Length\s+(\d+)\b(?!\s+\d+\s+R\b)")
_STREAM_START = re.compile(rb"stream(?:\r\n|\n|\r)?")
_END_OF_DATA = re.compile(rb"\s*endstream")
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm\b")
_FIRST = re.compile(rb"/First\s+(\d+)")
_ROOT = re.compile(rb"/Root\s+(\d{1,10})\s+\d{1,5}\s+R\b")
_CATALOG = re.compile(rb"/Type\s*/Catalog\b")
_PAGES = re.compile(rb"/Pages\s+(\d{1,10})\s+\d{1,5}\s+R\b")
_KIDS = re.compile(rb"/Kids\s*(\[[^\]]*\]|\d{1,10}\s+\d{1,5}\s+R\b)")
_CONTENTS = re.compile(rb"/Contents\s*(\[[^\]]*\]|\d{1,10}\s+\d{1,5}\s+R\b)")
_ENCRYPT = re.compile(rb"/Encrypt\s*(?:\d|<<)")


@dataclass(frozen=True)
class PdfObjects:
    """The objects that stand in one file's bytes: streams and other objects by number, the catalog's number
    (from the last trailer), and whether the file is encrypted (its streams then decode only with the key)."""

    streams: dict[int, RawStream]
    others: dict[int, bytes]
    root: int | None
    encrypted: bool

    def page_contents(self, object_stream_cap: int) -> tuple[tuple[int, ...], ...] | None:
        """Per page, in page order, the numbers of the streams its /Contents names; None when the page tree
        cannot be followed. Object streams are unpacked (up to `object_stream_cap` bytes each) if there are any."""
        objects = self._with_object_streams(object_stream_cap)
        catalog = objects.get(self.root) if self.root is not None else None
        if catalog is None or not _CATALOG.search(catalog):
            catalog = next((body for body in objects.values() if _CATALOG.search(body)), None)
        top = _PAGES.search(catalog) if catalog is not None else None
        if top is None:
            return None
        pages: list[tuple[int, ...]] = []
        stack, seen = [int(top.group(1))], set()
        while stack:
            number = stack.pop()
            node = objects.get(number)
            if node is None or number in seen:
                return None
            seen.add(number)
            kids = _KIDS.search(node)
            if kids is not None:
                stack.extend(reversed(self._refs(kids.group(1), objects)))
                continue
            contents = _CONTENTS.search(node)
            pages.append(tuple(self._refs(contents.group(1), objects)) if contents else ())
        return tuple(pages)

    def _with_object_streams(self, cap: int) -> dict[int, bytes]:
        objects: dict[int, bytes] = {}
        for stream in self.streams.values():
            if _OBJECT_STREAM.search(stream.dictionary):
                objects.update(_unpack(stream, cap))
        # An object standing in the file wins: an incremental update writes its new versions that way.
        objects.update(self.others)
        return objects

    def _refs(self, value: bytes, objects: dict[int, bytes]) -> list[int]:
        """The object numbers an array names; an array given by reference is looked up."""
        if not value.startswith(b"["):
            number = int(value.split()[0])
            if number in self.streams:
                return [number]
            value = objects.get(number, b"").strip()
            if not value.startswith(b"["):
                return []
        return [int(found) for found in _REF.findall(value)]


def read_objects(data: bytes) -> PdfObjects:
    """Every object that stands in the file's bytes, in one pass that jumps over stream data. The keyword "obj"
    is found first and the numbers before it read after: a pattern for the numbers would be tried at every digit
    of the cross-reference table."""
    streams: dict[int, RawStream] = {}
    others: dict[int, bytes] = {}
    position = 0
    while (keyword := data.find(b"obj", position)) >= 0:
        position = keyword + 3
        if data[keyword - 3 : keyword] == b"end":
            continue
        head = _OBJECT_HEAD.search(data, max(0, keyword - _HEAD_WINDOW), keyword)
        if head is None or data[position : position + 1].isalnum():
            continue  # "obj" inside a word or a string
        number, start = int(head.group(1)), position
        end = data.find(b"endobj", start)
        limit = len(data) if end < 0 else end
        stream = data.find(b"stream", start, limit)
        if stream < 0 or _DICTIONARY_END.search(data, start, stream) is None:
            others[number] = data[start:limit]
            streams.pop(number, None)
            position = limit + len(b"endobj")
            continue
        dictionary = data[start:stream]
        data_start = _STREAM_START.match(data, stream).end()  # type: ignore[union-attr]
        data_end = _data_end(data, dictionary, data_start)
        streams[number] = RawStream(number, dictionary, data, data_start, data_end)
        others.pop(number, None)
        position = data_end
    return PdfObjects(streams, others, _last_root(data), _encrypted(data))


def _last_root(data: bytes) -> int | None:
    """The catalog's number, from the last trailer that names it (a byte search: a pattern is slower)."""
    position = len(data)
    while (position := data.rfind(b"/Root", 0, position)) >= 0:
        root = _ROOT.match(data, position)
        if root is not None:
            return int(root.group(1))
    return None


def _encrypted(data: bytes) -> bool:
    position = 0
    while (position := data.find(b"/Encrypt", position)) >= 0:
        if _ENCRYPT.match(data, position):
            return True
        position += 1
    return False


def _data_end(data: bytes, dictionary: bytes, start: int) -> int:
    """Where a stream's data end: at its /Length when "endstream" follows there, else before "endstream"."""
    length = _LENGTH.search(dictionary)
    if length is not None:
        end = start + int(length.group(1))
        if end <= len(data) and _END_OF_DATA.match(data, end):
            return end
    end = data.find(b"endstream", start)
    return len(data) if end < 0 else end


def _unpack(stream: RawStream, cap: int) -> dict[int, bytes]:
    """The objects an object stream holds: a header of (number, offset) pairs, then the objects from /First."""
    decoded = decode(stream, cap)
    first = _FIRST.search(stream.dictionary)
    if decoded is None or first is None:
        return {}
    offset = int(first.group(1))
    header = decoded[:offset].split()
    if not all(value.isdigit() for value in header):
        return {}
    pairs = [(int(number), int(start)) for number, start in zip(header[0::2], header[1::2], strict=False)]
    ends = [start for _, start in pairs[1:]] + [len(decoded) - offset]
    return {number: decoded[offset + start : offset + end] for (number, start), end in zip(pairs, ends, strict=True)}
