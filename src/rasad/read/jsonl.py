"""JSON Lines dumps: one article per line, streamed so that a large dump keeps memory flat."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rasad.read.base import MAX_ARTICLE_BYTES, ReadError, ReadResult, size_error
from rasad.read.html import html_to_document
from rasad.record import Document, Hints, Source
from rasad.time.publication import split_published


def read_jsonl_file(path: Path) -> ReadResult:
    with path.open("rb") as handle:
        line_number = 0
        while True:
            line = handle.readline(MAX_ARTICLE_BYTES + 1)
            if not line:
                break
            line_number += 1
            where = f"line {line_number}"
            if len(line) > MAX_ARTICLE_BYTES and not line.endswith(b"\n"):
                # Skip the rest of an oversized line without holding it in memory.
                skipped = len(line)
                while line and not line.endswith(b"\n"):
                    line = handle.readline(1_048_576)
                    skipped += len(line)
                yield size_error(str(path), skipped, where)
                continue
            if not line.strip():
                continue
            yield _read_line(path, line, line_number, where)


def _read_line(path: Path, line: bytes, line_number: int, where: str) -> Document | ReadError:
    try:
        item = json.loads(line.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return ReadError(str(path), "not UTF-8 (JSON Lines must be UTF-8)", where)
    except json.JSONDecodeError as exc:
        return ReadError(str(path), f"not valid JSON ({exc.msg} at column {exc.colno})", where)
    if not isinstance(item, dict):
        return ReadError(str(path), "not a JSON object", where)
    text, html = item.get("text"), item.get("html")
    if not (isinstance(text, str) and text.strip()) and not (isinstance(html, str) and html.strip()):
        return ReadError(str(path), "has neither 'text' nor 'html'", where)
    source = Source(
        path=str(path),
        url=_string(item.get("url")),
        outlet=_string(item.get("outlet")),
        id=item["id"] if isinstance(item.get("id"), str | int) and item.get("id") != "" else line_number,
    )
    hints = Hints(title=_string(item.get("title")), lang=_string(item.get("lang")), outlet=source.outlet)
    published = item.get("published")
    if isinstance(published, str) and published.strip():
        hints.published_value, hints.published_raw = split_published(published.strip())
    if isinstance(text, str) and text.strip():
        return Document(source=source, raw_text=text, hints=hints)
    document = html_to_document(html, source, hints)
    if document is None:
        return ReadError(str(path), "no article text found in its 'html'", where)
    return document


def _string(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None
