"""Plain-text scrapes (.txt): decode, and hand the raw lines to the cleaning stage."""

from __future__ import annotations

from pathlib import Path

from rasad.read.base import MAX_ARTICLE_BYTES, ReadError, ReadResult, size_error
from rasad.read.encoding import DecodeError, decode_bytes
from rasad.record import Document, Source


def read_text_file(path: Path) -> ReadResult:
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        yield size_error(str(path), size)
        return
    try:
        text, _encoding = decode_bytes(path.read_bytes())
    except DecodeError as exc:
        yield ReadError(str(path), str(exc))
        return
    yield Document(source=Source(path=str(path)), raw_text=text)
