"""HTML pages: trafilatura finds the main text and the page's own metadata."""

from __future__ import annotations

import re
from pathlib import Path

import trafilatura

from rasad.read.base import MAX_ARTICLE_BYTES, ReadError, ReadResult, size_error
from rasad.read.encoding import DecodeError, decode_bytes
from rasad.record import Document, Hints, Source

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def html_to_document(html: str, source: Source, hints: Hints | None = None) -> Document | None:
    """Extract an article from an HTML page; None when the page holds no main text.

    Metadata given by the caller (JSON Lines fields, a feed item) wins over the page's own.
    """
    hints = hints or Hints()
    extracted = trafilatura.bare_extraction(
        html,
        url=source.url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        # Only dates the page states as its own (meta tags, structured data), never a guess from
        # the page's chrome, which often shows the day it was fetched.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if extracted is None or not (extracted.text or "").strip():
        return None
    if not hints.title and extracted.title:
        hints.title = extracted.title.strip()
    if not hints.outlet and extracted.sitename:
        hints.outlet = extracted.sitename.strip()
    if not hints.published_value and extracted.date and _ISO_DATE.match(extracted.date):
        hints.published_value = extracted.date
        hints.published_raw = hints.published_raw or extracted.date
    if not source.url and extracted.url:
        source.url = extracted.url
    return Document(source=source, raw_text=extracted.text, hints=hints)


def read_html_file(path: Path) -> ReadResult:
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        yield size_error(str(path), size)
        return
    try:
        html, _encoding = decode_html(path.read_bytes())
    except DecodeError as exc:
        yield ReadError(str(path), str(exc))
        return
    document = html_to_document(html, Source(path=str(path)))
    if document is None:
        yield ReadError(str(path), "no article text found in the HTML page")
    else:
        yield document


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode a page by its declared charset when that works, else by detection."""
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        encoding = declared.group(1).decode("ascii").lower()
        try:
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration (windows-1256 bytes declared as UTF-8) is common
        else:
            if text.strip():
                return text, encoding
    return decode_bytes(data)
