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
        found = (
            f"all {pages} page(s) are images"
            if images == pages
            else (f"no page has text and {images} of its {pages} page(s) are images")
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


class FileAccessError(UnreadableFileError):
    """The file's bytes could not be read at all: gone, not permitted, a disk error."""

    @classmethod
    def from_os_error(cls, error: OSError) -> FileAccessError:
        if isinstance(error, FileNotFoundError):
            why = "the file disappeared while the batch ran (moved, renamed or deleted): ingest it where it is now"
        elif isinstance(error, PermissionError):
            why = "permission denied: referat may not read the file; give it read permission and ingest it again"
        elif isinstance(error, IsADirectoryError):
            why = "a folder, not a file"
        else:
            why = f"the file could not be read ({error.strerror or error}); check the disk, or copy the file again"
        return cls(why)


class DecompressionBombError(UnreadableFileError):
    """A PDF stream that inflates far beyond anything a real document holds."""

    def __init__(self, what: str, encoded_bytes: int, limit_mb: int) -> None:
        super().__init__(
            f"decompression bomb: {what} would inflate from {encoded_bytes / 1e6:.1f} MB to more than {limit_mb:,} MB, "
            "far beyond any real page; check where the file came from (if it is genuine, raise "
            "ExtractionLimits.max_stream_mb)"
        )


class TooMuchTextError(UnreadableFileError):
    """More text than any one document holds: a generated or concatenated file."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"too much text for one document: more than {limit:,} characters (the largest minutes hold a few "
            "million); split the file into its documents (if it is one, raise ExtractionLimits.max_text_chars)"
        )
