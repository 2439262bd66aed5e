"""One PDF stream, decoded the way pdfium would decode it but in pieces and under a cap: how large it inflates to,
and whether its data end where they should.

pdfium inflates a stream whole before it reads it, and says nothing when the data stop early (it reads what it
got): a damaged content stream silently costs the text after the damage, and a stream of a few MB that inflates
to GB (a decompression bomb) takes that much memory. `inspect` answers both without holding the output: Flate
data are inflated a megabyte at a time and the output is only counted (and checksummed). The filters it decodes
are those of page content (FlateDecode, ASCII85Decode, ASCIIHexDecode, in any chain); a stream with another
filter (LZW, run length, the image codecs) is not checked.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

# Deflate's largest expansion: a match of 258 bytes coded in two bits, about 1,032 to 1.
FLATE_MAX_RATIO = 1032
# ASCII85 writes four zero bytes as one "z".
ASCII85_MAX_RATIO = 4
_CHUNK = 1 << 20  # inflated (and compressed) bytes handled at a time
_FLATE = frozenset((b"FlateDecode", b"Fl"))
_ASCII85 = frozenset((b"ASCII85Decode", b"A85"))
_ASCII_HEX = frozenset((b"ASCIIHexDecode", b"AHx"))
_RATIOS = {
    **dict.fromkeys(_FLATE, FLATE_MAX_RATIO),
    **dict.fromkeys(_ASCII85, ASCII85_MAX_RATIO),
    **dict.fromkeys(_ASCII_HEX, 1),
}
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_WHITE = re.compile(rb"[\s\x00]+")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")

Verdict = Literal["complete", "over the cap", "damaged", "not checked"]


@dataclass(frozen=True)
class RawStream:
    """A stream as it stands in the file: its object number, its dictionary, and where its encoded data are in
    `source`, the file's bytes (not copied)."""

    number: int
    dictionary: bytes
    source: bytes = field(repr=False)
    start: int
    end: int

    @property
    def data(self) -> memoryview:
        return memoryview(self.source)[self.start : self.end]

    @property
    def size(self) -> int:
        """Encoded bytes."""
        return self.end - self.start

    @cached_property
    def filters(self) -> tuple[bytes, ...] | None:
        """The filters in the order they are applied when decoding; None when given indirectly."""
        found = _FILTER.search(self.dictionary)
        if found is None:
            return () if b"/Filter" not in self.dictionary else None
        return tuple(_NAME.findall(found.group(1)))

    @property
    def is_image(self) -> bool:
        # pdfium decodes no image to read text, so an image's size costs nothing here.
        return _IMAGE.search(self.dictionary) is not None

    @cached_property
    def size_bound(self) -> int | None:
        """The most this stream can decode to, from its encoded size; None when a filter has no known bound."""
        filters = self.filters
        if filters is None:
            return None
        bound = self.size
        for index, name in enumerate(filters):
            ratio = _RATIOS.get(name)
            if ratio is None:
                return None
            if index == 0 and name in _ASCII85:
                # Five characters to four bytes, except "z", one character for four zero bytes.
                zeros = self.source.count(b"z", self.start, self.end)
                bound = (bound - zeros) * 4 // 5 + zeros * ASCII85_MAX_RATIO
            else:
                bound *= ratio
        return bound


@dataclass(frozen=True)
class Inspection:
    """What decoding a stream found: `size` is how far it got (in bytes), `reason` says what went wrong."""

    verdict: Verdict
    size: int = 0
    reason: str = ""


def inspect(stream: RawStream, cap: int) -> Inspection:
    """Decode `stream` under `cap` bytes of output, keeping none of the last filter's output."""
    filters = stream.filters
    if filters is None or not filters or any(name not in _RATIOS for name in filters):
        return Inspection("not checked")
    data: bytes | memoryview = stream.data
    for name in filters[:-1]:
        decoded = _decode(name, data, cap)
        if isinstance(decoded, Inspection):
            return decoded
        data = decoded
    last = filters[-1]
    if last in _FLATE:
        return inflate(data, cap)
    decoded = _decode(last, data, cap)
    if isinstance(decoded, Inspection):
        return decoded
    return Inspection("complete" if len(decoded) <= cap else "over the cap", len(decoded))


def decode(stream: RawStream, cap: int) -> bytes | None:
    """The decoded stream, or None when it cannot be decoded whole within `cap` bytes (for small streams that
    hold objects, not page content)."""
    filters = stream.filters
    if filters is None or any(name not in _RATIOS for name in filters):
        return None
    data: bytes | memoryview = stream.data
    for name in filters:
        decoded = _decode(name, data, cap)
        if isinstance(decoded, Inspection):
            return None
        data = decoded
    return bytes(data)


def _decode(name: bytes, data: bytes | memoryview, cap: int) -> bytes | Inspection:
    if name in _FLATE:
        return _inflate_whole(data, cap)
    if name in _ASCII85:
        return _ascii85(data)
    return _ascii_hex(data)


def inflate(data: bytes | memoryview, cap: int) -> Inspection:
    """Inflate zlib (or headerless deflate) data a piece at a time: the size, and whether the data end properly
    (the final block reached and, when present, the checksum right)."""
    view = memoryview(data)
    wrapped = _has_zlib_header(view)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    position = 2 if wrapped else 0
    size = 0
    checksum = 1
    try:
        while not inflater.eof:
            # Input a piece at a time too: what a capped call leaves unread is copied on every call.
            pending: bytes | memoryview = inflater.unconsumed_tail
            if not pending:
                pending = view[position : position + _CHUNK]
                position += len(pending)
            piece = inflater.decompress(pending, _CHUNK)
            size += len(piece)
            if size > cap:
                return Inspection("over the cap", size)
            if wrapped:
                checksum = zlib.adler32(piece, checksum)
            if not pending and not piece and not inflater.eof:
                return Inspection("damaged", size, "compressed data cut short")
    except zlib.error as error:
        return Inspection("damaged", size, f"compressed data corrupt: {_zlib_reason(error)}")
    stored = inflater.unused_data[:4]
    if wrapped and len(stored) == 4 and int.from_bytes(stored, "big") != checksum:
        return Inspection("damaged", size, "compressed data do not match their checksum")
    return Inspection("complete", size)


def _zlib_reason(error: zlib.error) -> str:
    """zlib's own words without its prefix ("Error -3 while decompressing data: invalid distance too far back")."""
    return str(error).rpartition(": ")[2]


def _has_zlib_header(data: memoryview) -> bool:
    return len(data) >= 2 and data[0] & 0x0F == 8 and data[0] >> 4 <= 7 and ((data[0] << 8) | data[1]) % 31 == 0


def _inflate_whole(data: bytes | memoryview, cap: int) -> bytes | Inspection:
    """Inflated data for a filter that another follows (rare: the output is needed whole)."""
    view = memoryview(data)
    inflater = zlib.decompressobj(zlib.MAX_WBITS if _has_zlib_header(view) else -zlib.MAX_WBITS)
    try:
        out = inflater.decompress(view, cap + 1)
    except zlib.error as error:
        return Inspection("damaged", 0, f"compressed data corrupt: {_zlib_reason(error)}")
    if len(out) > cap:
        return Inspection("over the cap", len(out))
    if not inflater.eof:
        return Inspection("damaged", len(out), "compressed data cut short")
    return out


def _ascii85(data: bytes | memoryview) -> bytes | Inspection:
    text = _WHITE.sub(b"", bytes(data))
    text = text.removeprefix(b"<~")
    end = text.find(b"~>")
    try:
        return base64.a85decode(text if end < 0 else text[:end])
    except ValueError:
        return Inspection("damaged", 0, "ASCII85 data corrupt")


def _ascii_hex(data: bytes | memoryview) -> bytes | Inspection:
    text = _WHITE.sub(b"", bytes(data))
    end = text.find(b">")
    text = text if end < 0 else text[:end]
    try:
        return binascii.unhexlify(text + b"0" * (len(text) % 2))
    except (binascii.Error, ValueError):
        return Inspection("damaged", 0, "hex data corrupt")
