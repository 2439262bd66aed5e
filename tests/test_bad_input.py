"""Bad input: a file that cannot be read is recorded with a reason, and the batch goes on.

Every broken file is made here, from a few lines of reportlab, Pillow, zipfile or seeded random bytes, or cut
from the real minutes in `data/raw`. Each one must end up as a `documents` row with status `failed` (or
`partial`) and an error a person can act on; good files in the same batch still land; no traceback reaches
the user; and `referat ingest` exits 0 unless `--strict` is given.
"""

from __future__ import annotations

import io
import itertools
import json
import random
import re
import sqlite3
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from referat.extractors.text import decode_text, sniff
from referat.models.records import Status
from referat.pipeline.cli import cli
from referat.pipeline.parse import parse_file

pytestmark = pytest.mark.integration

RAW = Path(__file__).parent.parent / "data" / "raw"
MINUTES_PDF = RAW / "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04.pdf"
MINUTES_TXT = RAW / "004_07fbbc99cae8a549.txt"

DANISH_LINE = "Referat af mødet i Økonomiudvalget: udvalget godkendte indstillingen om ændret åbningstid."
TEN_MB = 10 * 1024 * 1024


# --- how the files are made ---------------------------------------------------------------------------


def _pdf(draw: Callable[[canvas.Canvas], None], encrypt: StandardEncryption | None = None) -> bytes:
    """A PDF drawn with reportlab; `invariant` keeps its bytes the same on every run."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True, encrypt=encrypt)
    draw(pdf)
    pdf.save()
    return buffer.getvalue()


def _text_page(pdf: canvas.Canvas) -> None:
    pdf.drawString(72, 760, DANISH_LINE)
    pdf.showPage()


def _scanned_page(pdf: canvas.Canvas) -> None:
    """What a scanner produces: the page is one picture of text, with no text layer."""
    picture = Image.new("L", (1240, 1754), 255)
    ImageDraw.Draw(picture).text((120, 120), "Referat af mødet i Økonomiudvalget", fill=0)
    pdf.drawImage(ImageReader(picture), 0, 0, *A4)
    pdf.showPage()


def _blank_pages(pdf: canvas.Canvas) -> None:
    for _ in range(3):
        pdf.showPage()


def text_pdf() -> bytes:
    return _pdf(_text_page)


def minutes_pdf() -> bytes:
    return MINUTES_PDF.read_bytes()


def random_bytes(seed: int, size: int = 64 * 1024) -> bytes:
    return random.Random(seed).randbytes(size)


def cut_in_half() -> bytes:
    data = minutes_pdf()
    return data[: len(data) // 2]


def first_300_bytes() -> bytes:
    return minutes_pdf()[:300]


def cut_before_trailer() -> bytes:
    """The download stopped in the last few hundred bytes: every page is there, the end of the file is not."""
    data = minutes_pdf()
    return data[: data.rfind(b"startxref")]


def middle_overwritten() -> bytes:
    """A disk or transfer error: a quarter of the file in the middle replaced by noise."""
    data = minutes_pdf()
    start, end = len(data) // 4, len(data) // 2
    return data[:start] + random_bytes(3, end - start) + data[end:]


def login_page() -> bytes:
    """What a portal serves instead of the PDF when the session has expired."""
    return (
        b'<!DOCTYPE html>\n<html lang="da"><head><meta charset="utf-8"><title>Log ind</title></head>'
        b"<body><h1>Log ind</h1><p>Din session er udl\xc3\xb8bet.</p></body></html>\n"
    )


def zipped_pdf() -> bytes:
    """A zip of minutes named .pdf. Stored uncompressed, so %PDF- shows within its first kilobyte too."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("referat.pdf", text_pdf())
    return buffer.getvalue()


def encrypted_pdf(strength: int) -> bytes:
    return _pdf(_text_page, encrypt=StandardEncryption("x", ownerPassword="y", strength=strength))


def owner_password_only_pdf() -> bytes:
    """Copy and print restricted, but anyone may open it: pdfium reads it without a password."""
    return _pdf(_text_page, encrypt=StandardEncryption("", ownerPassword="y", canPrint=0, canCopy=0))


def garbage_without_nul() -> bytes:
    return random_bytes(5).replace(b"\x00", b"\x01")


def scripts_only_page() -> bytes:
    return (
        b"<html><head><script>var dagsorden = [];</script></head>"
        b"<body><script>document.write(dagsorden.join(''));</script></body></html>"
    )


def single_page_app() -> bytes:
    """A meeting portal whose page is filled in by JavaScript: the saved HTML is an empty shell."""
    return (
        b'<!doctype html><html><head><title>Dagsorden og referat</title><script src="/app.js"></script>'
        b'<style>body { margin: 0 }</style></head><body><div id="root"></div>'
        b"<noscript>You need to enable JavaScript to run this app.</noscript></body></html>"
    )


def latin1_text() -> bytes:
    return f"{DANISH_LINE}\nBeslutning: Godkendt. ÆØÅ æøå\n".encode("latin-1")


def ten_megabytes_on_one_line() -> bytes:
    line = (DANISH_LINE + " ").encode("utf-8")
    return line * (TEN_MB // len(line) + 1)


# --- the table ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BadFile:
    """One kind of bad input: the file's name (its suffix decides how referat reads it), how to make its
    bytes, the statuses it may end with, and a phrase its error (or, if partial, a warning) must contain."""

    name: str
    make: Callable[[], bytes]
    statuses: frozenset[Status]
    says: str

    def __str__(self) -> str:
        return self.name


FAILED: frozenset[Status] = frozenset({"failed"})
PARTIAL: frozenset[Status] = frozenset({"partial"})

BAD_FILES = (
    BadFile("empty.pdf", lambda: b"", FAILED, "empty file"),
    BadFile("empty.txt", lambda: b"", FAILED, "empty file"),
    BadFile("empty.html", lambda: b"", FAILED, "empty file"),
    # pdfium might learn to recover the first half's pages; then it is partial, and must still say why.
    BadFile("cut-in-half.pdf", cut_in_half, frozenset({"failed", "partial"}), "truncated PDF"),
    BadFile("first-300-bytes.pdf", first_300_bytes, FAILED, "truncated PDF"),
    BadFile("cut-before-trailer.pdf", cut_before_trailer, PARTIAL, "truncated PDF"),
    BadFile("middle-overwritten.pdf", middle_overwritten, FAILED, "corrupt PDF"),
    BadFile("random-bytes.pdf", lambda: random_bytes(1), FAILED, "not a PDF"),
    BadFile("login-page.pdf", login_page, FAILED, "HTML page named .pdf"),
    BadFile("minutes-zip.pdf", zipped_pdf, FAILED, "ZIP archive named .pdf"),
    BadFile("encrypted-40bit.pdf", lambda: encrypted_pdf(40), FAILED, "encrypted PDF: it needs a password"),
    BadFile("encrypted-128bit.pdf", lambda: encrypted_pdf(128), FAILED, "encrypted PDF: it needs a password"),
    BadFile("scanned.pdf", lambda: _pdf(_scanned_page), FAILED, "no text layer: needs OCR"),
    BadFile("blank-pages.pdf", lambda: _pdf(_blank_pages), FAILED, "all 3 page(s) are blank"),
    BadFile("garbage.txt", lambda: random_bytes(2), FAILED, "binary data, not text"),
    BadFile("garbage-without-nul.txt", garbage_without_nul, FAILED, "binary data, not text"),
    BadFile("scripts-only.html", scripts_only_page, FAILED, "no readable text"),
    BadFile("single-page-app.html", single_page_app, FAILED, "no readable text"),
)


@dataclass(frozen=True)
class OddFile:
    """A file that looks suspicious but is fine: it must be read, with this text in it."""

    name: str
    make: Callable[[], bytes]
    contains: str

    def __str__(self) -> str:
        return self.name


ODD_BUT_FINE = (
    OddFile("latin-1.txt", latin1_text, "ÆØÅ æøå"),
    OddFile("owner-password-only.pdf", owner_password_only_pdf, "Økonomiudvalget"),
    OddFile("notepad-unicode.txt", lambda: f"{DANISH_LINE}\nÆØÅ æøå\n".encode("utf-16"), "ÆØÅ æøå"),
)


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def assert_readable(message: str) -> None:
    """One line of words for a person: no traceback, no Python repr of bytes, not a wall of text."""
    assert message.strip(), "the reason is empty"
    assert message.isprintable(), f"the reason holds control characters or line breaks: {message!r}"
    assert "Traceback" not in message
    assert "b'" not in message and "\\x" not in message, f"the reason shows raw bytes: {message!r}"
    assert len(message) < 300, f"the reason is too long to read: {message!r}"


# --- what the bytes are ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "pdf"),
        (b"\r\n\r\n%PDF-1.4 after a blank line a server added", "pdf"),
        (b"PK\x03\x04\x14\x00\x00\x00\x00\x00referat.pdf%PDF-1.4", "zip"),
        (b"<!DOCTYPE html><html><head>", "html"),
        (b"  <!-- portal v2 --><html lang='da'>", "html"),
        (b"\xef\xbb\xbf<!doctype html><title>Fejl 404</title>", "html"),
        (b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>", "html"),
        (DANISH_LINE.encode("utf-8"), None),
        (random_bytes(1, 1024), None),
    ],
    ids=[
        "pdf",
        "pdf after junk",
        "zip holding a pdf",
        "html",
        "html after comment",
        "html with bom",
        "xhtml",
        "plain text",
        "random bytes",
    ],
)
def test_sniff_tells_what_the_bytes_are_whatever_the_name(data: bytes, expected: str | None) -> None:
    assert sniff(data) == expected


@pytest.mark.parametrize(
    ("data", "text", "codec"),
    [
        ("æøå".encode(), "æøå", "utf-8-sig"),
        ("\ufeffæøå".encode(), "æøå", "utf-8-sig"),
        ("æøå".encode("cp1252"), "æøå", "cp1252"),
        ("“Godkendt” – 5 €".encode("cp1252"), "“Godkendt” – 5 €", "cp1252"),
        # 0x81 and 0x8d mean nothing in Windows-1252; only Latin-1 decodes them.
        (b"\xe6\xf8\xe5 \x81\x8d", "æøå \x81\x8d", "latin-1"),
    ],
    ids=["utf-8", "utf-8 with bom", "cp1252 æøå", "cp1252 quotes and euro", "latin-1"],
)
def test_decode_text_tries_utf8_then_windows_then_latin1(data: bytes, text: str, codec: str) -> None:
    assert decode_text(data) == (text, codec)


# --- one file at a time -----------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", BAD_FILES, ids=str)
def test_bad_file_is_recorded_with_a_reason(tmp_path: Path, bad: BadFile) -> None:
    document = parse_file(write(tmp_path, bad.name, bad.make())).document

    assert document.status in bad.statuses
    if document.status == "failed":
        assert document.error is not None
        assert bad.says in document.error
        assert_readable(document.error)
        assert document.text == ""
    else:
        assert any(bad.says in warning for warning in document.warnings), document.warnings
        for warning in document.warnings:
            assert_readable(warning)
        assert document.text.strip()


@pytest.mark.parametrize("odd", ODD_BUT_FINE, ids=str)
def test_odd_but_readable_file_is_ok(tmp_path: Path, odd: OddFile) -> None:
    document = parse_file(write(tmp_path, odd.name, odd.make())).document

    assert document.status == "ok", document.error or document.warnings
    assert odd.contains in document.text


def test_latin1_text_says_how_it_was_decoded(tmp_path: Path) -> None:
    document = parse_file(write(tmp_path, "latin-1.txt", latin1_text())).document

    assert document.warnings == ("not UTF-8: decoded as cp1252",)


def test_ten_megabytes_without_line_breaks_is_read_quickly(tmp_path: Path) -> None:
    path = write(tmp_path, "one-line.txt", ten_megabytes_on_one_line())

    started = time.monotonic()
    document = parse_file(path).document
    seconds = time.monotonic() - started

    assert seconds < 20, f"parsing 10 MB without line breaks took {seconds:.1f} s"
    assert document.status == "ok"
    assert len(document.text) > TEN_MB * 0.9
    assert document.title is not None and len(document.title) <= 200


# --- a whole batch through the command line ---------------------------------------------------------------

GOOD_FILES = (MINUTES_TXT, MINUTES_PDF)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every bad and odd file from the tables, the 10 MB line, and two good sets of minutes in one folder."""
    folder = tmp_path_factory.mktemp("batch")
    for bad in BAD_FILES:
        write(folder, bad.name, bad.make())
    for odd in ODD_BUT_FINE:
        write(folder, odd.name, odd.make())
    write(folder, "one-line.txt", ten_megabytes_on_one_line())
    for good in GOOD_FILES:
        write(folder, good.name, good.read_bytes())
    return folder


@dataclass(frozen=True)
class Row:
    status: str
    error: str | None
    warnings: tuple[str, ...]
    pages: int


def document_row(db: Path, path: Path) -> Row:
    """The document a path holds; identical files (the empty ones) share one row."""
    connection = sqlite3.connect(db)
    try:
        found = connection.execute(
            "select d.status, d.error, d.warnings, d.pages from document_paths p "
            "join documents d on d.id = p.document_id where p.path = ?",
            [f"{path.parent.name}/{path.name}"],  # a folder outside the current one: stored from its own name
        ).fetchone()
    finally:
        connection.close()
    assert found is not None, f"no documents row for {path}"
    status, error, warnings, pages = found
    return Row(status, error, tuple(json.loads(warnings or "[]")), pages)


@pytest.mark.parametrize("workers", ["1", "2"], ids=["in one process", "in worker processes"])
def test_batch_with_bad_files_goes_on_and_good_files_land(
    batch: Path,
    tmp_path: Path,
    workers: str,
    capfd: pytest.CaptureFixture[str],
) -> None:
    db = tmp_path / "minutes.db"

    result = CliRunner().invoke(cli, ["ingest", str(batch), "--db", str(db), "--workers", workers])

    assert result.exit_code == 0, result.output
    assert result.exception is None
    worker_stderr = capfd.readouterr().err
    for output in (result.output, worker_stderr):
        assert "Traceback" not in output
        assert "internal error" not in output
    for bad in BAD_FILES:
        row = document_row(db, batch / bad.name)
        assert row.status in bad.statuses, f"{bad.name}: {row}"
        reasons = (row.error,) if row.status == "failed" else row.warnings
        assert any(reason and bad.says in reason for reason in reasons), f"{bad.name}: {row}"
    for name in [odd.name for odd in ODD_BUT_FINE] + ["one-line.txt"]:
        assert document_row(db, batch / name).status == "ok", name
    for good in GOOD_FILES:
        row = document_row(db, batch / good.name)
        assert (row.status, row.error) == ("ok", None)
        assert row.pages >= 1


def test_summary_lists_each_failure_with_its_reason(batch: Path, tmp_path: Path) -> None:
    db = tmp_path / "minutes.db"

    result = CliRunner().invoke(cli, ["ingest", str(batch), "--db", str(db)])

    summary = result.stdout

    def listed(heading: str) -> str:
        """The lines listed under a heading of the summary (indented), up to the next heading."""
        lines = summary.split(heading, 1)[1].splitlines()[1:]
        return "\n".join(itertools.takewhile(lambda line: line.startswith("  "), lines))

    failed_count = int(re.search(r"(\d+) failed\.", summary).group(1))  # type: ignore[union-attr]
    failed = listed(f"{failed_count} file(s) failed in this run:")
    assert len(failed.splitlines()) == failed_count  # the count is what is listed
    doubts = listed("read with doubts in this run (status partial):")
    for bad in BAD_FILES:
        row = document_row(db, batch / bad.name)
        stored = f"{batch.name}/{bad.name}"  # as stored: from the folder's own name
        if row.status == "failed":
            assert f"{stored}: {row.error}" in summary
        else:
            assert stored not in failed
        if row.status == "partial":  # named with why (its first warning, cut short)
            assert f"{stored}: {row.warnings[0][:40]}" in doubts
    for good in GOOD_FILES:
        assert f"{batch.name}/{good.name}" not in summary


def test_strict_exits_1_when_a_file_failed_but_still_saves_the_batch(batch: Path, tmp_path: Path) -> None:
    db = tmp_path / "minutes.db"

    result = CliRunner().invoke(cli, ["ingest", str(batch), "--db", str(db), "--strict"])

    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert document_row(db, batch / "scanned.pdf").status == "failed"
    assert document_row(db, batch / MINUTES_PDF.name).status == "ok"
