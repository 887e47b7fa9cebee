"""RSS and Atom feeds: each item is an article; its HTML content becomes text."""

from __future__ import annotations

import re
import time
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import lxml.html

from rasad.read.base import MAX_ARTICLE_BYTES, ReadError, ReadResult, size_error
from rasad.record import Document, Hints, Source
from rasad.time.publication import iso_value

# Block elements whose end is a paragraph break in the feed's HTML fragment.
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section"}


# Characters XML cannot hold (C0 controls but tab and line ends): lxml refuses them in a node's text.
_NOT_XML_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def fragment_to_text(fragment: str) -> str:
    """Text of an HTML fragment with one paragraph a line (feeds carry fragments, not pages)."""
    fragment = _NOT_XML_RE.sub("", fragment)  # found by tests/reliability: a NUL in an item broke lxml
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return fragment.strip()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
    return "\n".join(line.strip() for line in root.text_content().splitlines() if line.strip())


def _feed_date(raw: str, parsed_utc: time.struct_time | None) -> str | None:
    """The item's date as the feed printed it (local time), else feedparser's UTC reading."""
    try:
        return parsedate_to_datetime(raw).strftime("%Y-%m-%dT%H:%M")
    except (TypeError, ValueError, IndexError):
        pass
    value = iso_value(raw)
    if value:
        return value
    return time.strftime("%Y-%m-%dT%H:%M", parsed_utc) if parsed_utc else None


def looks_like_feed(head: bytes) -> bool:
    start = head.lstrip()[:1024].lower()
    return start.startswith(b"<?xml") and (b"<rss" in start or b"<feed" in start or b"<rdf" in start)


def read_feed_file(path: Path) -> ReadResult:
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        yield size_error(str(path), size)
        return
    try:
        parsed = feedparser.parse(path.read_bytes())
    except (UnicodeError, ValueError, LookupError) as exc:
        # feedparser's own encoding sniffing raises on some byte soup (found by tests/reliability)
        yield ReadError(str(path), f"not a readable RSS or Atom feed ({type(exc).__name__}: {exc})".replace("\n", " "))
        return
    if not parsed.entries:
        reason = "no items"
        if parsed.get("bozo"):
            reason = f"not a readable RSS or Atom feed ({parsed.get('bozo_exception')})"
        yield ReadError(str(path), reason)
        return
    feed_title = (parsed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"item {number}"
        body = ""
        if entry.get("content"):
            body = max((part.get("value", "") for part in entry.content), key=len)
        body = body or entry.get("summary", "")
        text = fragment_to_text(body)
        if not text:
            yield ReadError(str(path), "item has no text", where)
            continue
        hints = Hints(title=(entry.get("title") or "").strip() or None, outlet=feed_title)
        raw_date = entry.get("published") or entry.get("updated")
        if raw_date:
            hints.published_raw = raw_date
            hints.published_value = _feed_date(raw_date, entry.get("published_parsed") or entry.get("updated_parsed"))
        source = Source(path=str(path), url=entry.get("link"), outlet=feed_title, id=entry.get("id") or number)
        yield Document(source=source, raw_text=text, hints=hints)
