"""WARC crawls (.warc, .warc.gz): the HTML responses, streamed record by record."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from rasad.read.base import MAX_ARTICLE_BYTES, ReadError, ReadResult, size_error
from rasad.read.encoding import DecodeError
from rasad.read.html import decode_html, html_to_document
from rasad.record import Document, Source

_HTML_TYPES = ("text/html", "application/xhtml+xml")


# What warcio raises on a corrupt crawl: it trusts a record's headers, so a cut or garbled header
# line surfaces as AttributeError or IndexError from inside it (found by tests/reliability/test_fuzz.py).
_WARC_ERRORS = (ArchiveLoadFailed, OSError, EOFError, ValueError, AttributeError, IndexError, KeyError, TypeError)


def read_warc_file(path: Path) -> ReadResult:
    record_number = 0
    pages = 0  # HTML responses met, read or reported
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield ReadError(str(path), f"cannot open ({exc.strerror or exc})")
        return
    with stream:
        records = _pages(stream)
        while True:
            try:
                # warcio writes its complaints about a malformed record, bytes and all, to stderr; the
                # error line below says what matters
                with contextlib.redirect_stderr(io.StringIO()):
                    page = next(records, None)
            except _WARC_ERRORS as exc:
                where = f"after record {record_number}" if record_number else None
                yield ReadError(str(path), f"not a readable WARC file ({exc})".replace("\n", " "), where)
                return
            if page is None:
                break
            record_number, url, body = page
            if body is None:
                continue  # a record that is not an HTML page
            pages += 1
            yield _page_document(path, record_number, url, body)
    if record_number == 0:
        # warcio ends quietly on a stream cut inside its first gzip member.
        yield ReadError(str(path), "no WARC records (truncated, or not a WARC file)")
    elif pages == 0:
        # a crawl of images or redirects, or bytes warcio took for a record: say so rather than nothing
        yield ReadError(str(path), f"no HTML page among its {record_number} WARC records")


def _pages(stream: BinaryIO) -> Iterator[tuple[int, str | None, bytes | None]]:
    """(record number, URL, body) of each record; body None for a record that is not an HTML page.
    Reading stops after an oversized body's limit (the caller reports it)."""
    for number, record in enumerate(ArchiveIterator(stream), start=1):
        if record.rec_type != "response" or record.http_headers is None:
            yield number, None, None
            continue
        content_type = (record.http_headers.get_header("Content-Type") or "").lower()
        if not content_type.startswith(_HTML_TYPES) or record.http_headers.get_statuscode() != "200":
            yield number, None, None
            continue
        url = record.rec_headers.get_header("WARC-Target-URI")
        yield number, url, record.content_stream().read(MAX_ARTICLE_BYTES + 1)


def _page_document(path: Path, record_number: int, url: str | None, body: bytes) -> Document | ReadError:
    where = f"record {record_number}, {url}"
    if len(body) > MAX_ARTICLE_BYTES:
        return size_error(str(path), len(body), where)
    try:
        html, _encoding = decode_html(body)
    except DecodeError as exc:
        return ReadError(str(path), str(exc), where)
    document = html_to_document(html, Source(path=str(path), url=url))
    if document is None:
        return ReadError(str(path), "no article text found in the HTML page", where)
    return document
