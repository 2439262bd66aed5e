"""Named errors for files that cannot be read. Each message says what is wrong and what to do.

They are raised where the problem is found and caught in one place (`pipeline.ingest`), which records them
as the document's `error` with `status = 'failed'` and lets the batch go on.
"""

from __future__ import annotations


class ReferatError(Exception):
    """Base class of referat's own errors: the message is meant for the person running the ingest."""


class UnreadableFileError(ReferatError):
    """The file's content cannot be turned into text."""


class EmptyFileError(UnreadableFileError):
    def __init__(self) -> None:
        super().__init__("empty file (0 bytes): download it again")


class NotAPdfError(UnreadableFileError):
    """A file named .pdf whose bytes are something else (an HTML error page, a zip, random bytes)."""


class CorruptPdfError(UnreadableFileError):
    """A PDF that the PDF library cannot open."""


class EncryptedPdfError(UnreadableFileError):
    def __init__(self, why: str = "it needs a password to open") -> None:
        super().__init__(f"encrypted PDF: {why}; ask the publisher for an unprotected copy")


class NoTextLayerError(UnreadableFileError):
    def __init__(self, pages: int, images: int) -> None:
        found = f"all {pages} page(s) are images" if images == pages else (
            f"no page has text and {images} of its {pages} page(s) are images"
        )
        super().__init__(
            f"no text layer: needs OCR ({found}, a scanned document); "
            "run it through OCR (e.g. ocrmypdf -l dan) and ingest the result"
        )


class BlankDocumentError(UnreadableFileError):
    def __init__(self, pages: int) -> None:
        super().__init__(
            f"no text: all {pages} page(s) are blank; check that this is the document you meant to download"
        )


class BinaryContentError(UnreadableFileError):
    """A text file that holds binary data."""


class NoReadableTextError(UnreadableFileError):
    """A web page or text file with nothing a reader would see."""


class UnsupportedFileError(UnreadableFileError):
    """A file type referat does not read."""
