"""The Python API: the same pipeline as `rasad process`, returning typed records."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from rasad.pipeline import process_document, process_stream
from rasad.read import ReadError, read_paths
from rasad.read.html import html_to_document
from rasad.record import Document, Hints, Source
from rasad.time.publication import split_published


def process_text(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    lang: str | None = None,
    path: str | None = None,
    id: str | int | None = None,
    html: bool = False,
) -> Document:
    """Process one article given as plain text (or HTML with `html=True`).

    Metadata keywords mean what the JSON Lines fields of the same name mean: a given `lang` or
    `published` is trusted over what Rasad would detect.
    """
    source = Source(path=path, url=url, outlet=outlet, id=id)
    hints = Hints(title=title, lang=lang, outlet=outlet)
    if published:
        hints.published_value, hints.published_raw = split_published(published)
    if html:
        document = html_to_document(text, source, hints)
        if document is None:
            raise ValueError("no article text found in the HTML")
    else:
        document = Document(source=source, raw_text=text, hints=hints)
    return process_document(document)


def process_paths(
    paths: Iterable[str | Path],
    *,
    on_error: Callable[[ReadError], None] | None = None,
) -> Iterator[Document]:
    """Process files and folders (walked recursively in sorted order) as one batch.

    Inputs that cannot be read are passed to `on_error` (default: ignored) and skipped.
    """
    for item in process_stream(read_paths(paths)):
        if isinstance(item, ReadError):
            if on_error is not None:
                on_error(item)
        else:
            yield item
