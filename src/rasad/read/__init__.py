"""Readers: one module per input kind, and `read_paths`, which walks inputs and dispatches.

Every reader yields `Document`s and `ReadError`s; a bad file or line never stops the batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from rasad.read.base import ReadError, ReadResult
from rasad.read.feed import looks_like_feed, read_feed_file
from rasad.read.html import read_html_file
from rasad.read.jsonl import read_jsonl_file
from rasad.read.text import read_text_file
from rasad.read.warc import read_warc_file
from rasad.record import Document

__all__ = ["SUFFIXES", "ReadError", "iter_input_files", "read_file", "read_paths"]

SUFFIXES = {
    ".txt": read_text_file,
    ".text": read_text_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".xhtml": read_html_file,
    ".jsonl": read_jsonl_file,
    ".ndjson": read_jsonl_file,
    ".warc": read_warc_file,
    ".rss": read_feed_file,
    ".atom": read_feed_file,
}


def _reader_for(path: Path):
    name = path.name.lower()
    if name.endswith((".warc.gz", ".arc.gz")):
        return read_warc_file
    if path.suffix.lower() == ".xml":
        with path.open("rb") as handle:
            return read_feed_file if looks_like_feed(handle.read(2048)) else None
    return SUFFIXES.get(path.suffix.lower())


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path | ReadError]:
    """Files named, and files under folders named (recursively, sorted by path).

    A file named directly must be of a kind we read; inside folders, other files (READMEs,
    scripts, images) are passed over silently.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if not hidden and _reader_for(child) is not None:
                    yield child
        elif path.is_file():
            yield path
        elif path.exists():
            yield ReadError(str(path), "not a regular file")
        else:
            yield ReadError(str(path), "no such file or folder")


def read_file(path: Path) -> ReadResult:
    reader = _reader_for(path)
    if reader is None and path.suffix.lower() == ".xml":
        yield ReadError(str(path), "not an RSS or Atom feed (the only XML Rasad reads)")
        return
    if reader is None:
        yield ReadError(str(path), f"unsupported file type '{path.suffix or path.name}' (expected one of "
                        ".txt .html .htm .jsonl .warc .warc.gz .rss .atom .xml)")
        return
    try:
        yield from reader(path)
    except PermissionError:
        yield ReadError(str(path), "permission denied")
    except OSError as exc:
        yield ReadError(str(path), f"cannot read ({exc.strerror or exc})")


def read_paths(paths: Iterable[str | Path]) -> Iterator[Document | ReadError]:
    for item in iter_input_files(paths):
        if isinstance(item, ReadError):
            yield item
        else:
            yield from read_file(item)

