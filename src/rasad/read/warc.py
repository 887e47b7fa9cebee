"""WARC crawls (.warc, .warc.gz): the HTML responses, streamed record by record."""

from __future__ import annotations

from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from rasad.read.base import MAX_ARTICLE_BYTES, ReadError, ReadResult, size_error
from rasad.read.encoding import DecodeError
from rasad.read.html import decode_html, html_to_document
from rasad.record import Source

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc_file(path: Path) -> ReadResult:
    record_number = 0
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                record_number += 1
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                content_type = (record.http_headers.get_header("Content-Type") or "").lower()
                status = record.http_headers.get_statuscode()
                if not content_type.startswith(_HTML_TYPES) or status != "200":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                where = f"record {record_number}, {url}"
                body = record.content_stream().read(MAX_ARTICLE_BYTES + 1)
                if len(body) > MAX_ARTICLE_BYTES:
                    yield size_error(str(path), len(body), where)
                    continue
                try:
                    html, _encoding = decode_html(body)
                except DecodeError as exc:
                    yield ReadError(str(path), str(exc), where)
                    continue
                document = html_to_document(html, Source(path=str(path), url=url))
                if document is None:
                    yield ReadError(str(path), "no article text found in the HTML page", where)
                else:
                    yield document
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        where = f"after record {record_number}" if record_number else None
        yield ReadError(str(path), f"not a readable WARC file ({exc})".replace("\n", " "), where)
        return
    if record_number == 0:
        # warcio ends quietly on a stream cut inside its first gzip member.
        yield ReadError(str(path), "no WARC records (truncated, or not a WARC file)")
