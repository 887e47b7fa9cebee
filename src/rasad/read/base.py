"""What every reader shares: the error type, size limits and byte-level checks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rasad.record import Document

# One article is a few kilobytes; a single text or HTML file above this is a dump, not an article.
# Readers of record-based formats (JSON Lines, WARC) stream and apply the limit per record instead.
MAX_ARTICLE_BYTES = 32 * 1024 * 1024


@dataclass
class ReadError:
    """One input (a file, or one line or record of it) that could not be read."""

    path: str
    reason: str
    where: str | None = None  # "line 7", "record 3": the part of the file that failed

    def __str__(self) -> str:
        place = f"{self.path} ({self.where})" if self.where else self.path
        return f"{place}: {self.reason}"


ReadResult = Iterator[Document | ReadError]

# Magic numbers of the binary files that crawls most often leave among text.
_BINARY_SIGNATURES: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"RIFF", "RIFF media file"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"SQLite format 3\x00", "SQLite database"),
]


def binary_kind(data: bytes) -> str | None:
    """Name the binary format `data` starts with, if it is one we recognise."""
    for signature, name in _BINARY_SIGNATURES:
        if data.startswith(signature):
            return name
    return None


def size_error(path: str, size: int, where: str | None = None) -> ReadError:
    return ReadError(
        path,
        f"too large for one article ({size / 1_048_576:.1f} MB; the limit is "
        f"{MAX_ARTICLE_BYTES // 1_048_576} MB): split it, or give it as JSON Lines or WARC",
        where,
    )
