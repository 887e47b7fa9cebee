"""The pipeline: the only place that says which stages run, and in what order.

Per document (pure, in order):  clean → language → normalize → split → dates
Per batch, before cleaning:      lines repeated across pages of one outlet (site chrome)
Per batch, after the documents:  (stories: a later stage)

Documents stream through in chunks, so memory stays flat however large the input; batch signals
are computed within a chunk.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePath
from urllib.parse import urlsplit

from rasad.entities.link import link_entities
from rasad.events.code import code_events
from rasad.read import ReadError
from rasad.record import DateExpr, Document, Paragraph, Sentence
from rasad.text.clean import canonical_outlet, clean_text, find_repeated_lines
from rasad.text.lang import detect_document
from rasad.text.normalize import normalize
from rasad.text.sentences import split_sentences
from rasad.time.extract import extract_dates
from rasad.time.publication import (
    PublishedCandidate,
    choose_published,
    parse_dateline,
    published_from_hints,
    reference_date,
)

CHUNK_SIZE = 256


@dataclass
class BatchContext:
    """What one chunk of documents knows about itself as a whole."""

    repeated_lines: dict[str, frozenset[str]] = field(default_factory=dict)


Stage = Callable[[Document, BatchContext], Document]


def outlet_key(document: Document) -> str:
    """Which pages share one site's chrome: the outlet, else the URL's host, else the folder."""
    if document.source.outlet or document.hints.outlet:
        return (document.source.outlet or document.hints.outlet or "").strip().lower()
    if document.source.url:
        return urlsplit(document.source.url).netloc.lower()
    if document.source.path:
        return str(PurePath(document.source.path).parent)
    return ""


def prepare_batch(documents: list[Document]) -> BatchContext:
    by_outlet: dict[str, list[str]] = defaultdict(list)
    for document in documents:
        by_outlet[outlet_key(document)].append(document.raw_text)
    return BatchContext(
        repeated_lines={key: find_repeated_lines(texts) for key, texts in by_outlet.items() if len(texts) > 1}
    )


def clean(document: Document, context: BatchContext) -> Document:
    result = clean_text(
        document.raw_text,
        title_hint=document.hints.title,
        repeated_lines=context.repeated_lines.get(outlet_key(document), frozenset()),
    )
    document.text = result.text
    document.title = document.hints.title or result.title
    document.removed_lines = result.removed
    hints = document.hints
    hints.news_code = hints.news_code or result.news_code
    hints.category = hints.category or result.category
    hints.datelines = result.datelines or ([result.published_raw] if result.published_raw else [])
    document.source.outlet = (document.source.outlet or (canonical_outlet(hints.outlet) if hints.outlet else None)
                              or result.outlet)
    return document


def identify_language(document: Document, context: BatchContext) -> Document:
    paragraphs = document.text.split("\n") if document.text else []
    detected, paragraph_langs = detect_document(paragraphs)
    # A language given by the input (JSON Lines `lang`) is trusted over detection.
    document.lang = (document.hints.lang or detected or "und").lower()
    if document.hints.lang:
        paragraph_langs = [document.lang if lang == detected else lang for lang in paragraph_langs]
    document.paragraphs = [Paragraph(0, 0, lang) for lang in paragraph_langs]
    return document


def normalize_text(document: Document, context: BatchContext) -> Document:
    """Normalize each paragraph by its own language, then lay out offsets anew."""
    if not document.text:
        return document
    pieces = [normalize(piece, paragraph.lang)
              for piece, paragraph in zip(document.text.split("\n"), document.paragraphs, strict=True)]
    start = 0
    for piece, paragraph in zip(pieces, document.paragraphs, strict=True):
        paragraph.start, paragraph.end = start, start + len(piece)
        start = paragraph.end + 1
    document.text = "\n".join(pieces)
    if document.title:
        document.title = normalize(document.title, document.lang)
    return document


def split(document: Document, context: BatchContext) -> Document:
    document.sentences = []
    for index, paragraph in enumerate(document.paragraphs):
        for start, end in split_sentences(document.text[paragraph.start:paragraph.end]):
            document.sentences.append(Sentence(paragraph.start + start, paragraph.start + end, index))
    return document


def date(document: Document, context: BatchContext) -> Document:
    """The publication date, then every date expression of the text resolved against it."""
    hints, lang = document.hints, document.lang
    candidates: list[PublishedCandidate] = []
    stated = published_from_hints(hints) or (parse_dateline(hints.published_raw, lang) if hints.published_raw
                                             else None)
    if stated:
        candidates.append(PublishedCandidate(stated, "metadata"))
    # A header may carry the fetch day beside the article's own date; every one is a candidate
    # and choose_published weighs them against the body.
    for line in hints.datelines:
        if from_dateline := parse_dateline(line, lang):
            candidates.append(PublishedCandidate(from_dateline, "dateline"))
    # Judging a header date against the body's own dates needs those first; extraction is the
    # costliest stage, so it runs twice only when there is such a header date to judge.
    absolute: list[DateExpr] | None = None
    if any(candidate.origin != "metadata" for candidate in candidates):
        absolute = extract_dates(document.text, lang, None)
    document.published = choose_published(candidates, absolute or [])
    reference = reference_date(document.published)
    if reference is None and absolute is not None:
        document.dates = absolute
    else:
        document.dates = extract_dates(document.text, lang, reference)
    return document


def entities(document: Document, context: BatchContext) -> Document:
    """Persons, organisations and places, linked to the knowledge base as of the article's date."""
    document.entities = link_entities(document.text, document.lang, reference_date(document.published))
    return document


def events(document: Document, context: BatchContext) -> Document:
    """PLOVER events with their actors, date, place and evidence sentence."""
    document.events = code_events(document)
    return document


DOCUMENT_STAGES: list[tuple[str, Stage]] = [
    ("clean", clean),
    ("language", identify_language),
    ("normalize", normalize_text),
    ("split", split),
    ("dates", date),
    ("entities", entities),
    ("events", events),
]


class StageError(RuntimeError):
    """A stage failed on one document; the batch goes on without it."""

    def __init__(self, document: Document, stage: str, cause: BaseException) -> None:
        super().__init__(f"stage '{stage}' failed: {type(cause).__name__}: {cause}")
        self.document = document
        self.stage = stage


def process_document(document: Document, context: BatchContext | None = None) -> Document:
    context = context or prepare_batch([document])
    for name, stage in DOCUMENT_STAGES:
        try:
            document = stage(document, context)
        except Exception as exc:  # one bad document must never stop a batch
            raise StageError(document, name, exc) from exc
    return document


def process_batch(documents: list[Document]) -> Iterator[Document | ReadError]:
    context = prepare_batch(documents)
    for document in documents:
        try:
            yield process_document(document, context)
        except StageError as exc:
            source = exc.document.source
            where = f"id {source.id}" if source.id is not None else None
            yield ReadError(source.path or "<text>", str(exc), where)


def process_stream(items: Iterable[Document | ReadError], chunk_size: int = CHUNK_SIZE
                   ) -> Iterator[Document | ReadError]:
    """Run the pipeline over what the readers yield, in input order, chunk by chunk."""
    chunk: list[Document] = []
    for item in items:
        if isinstance(item, ReadError):
            yield item  # reported at once; records keep their input order all the same
            continue
        chunk.append(item)
        if len(chunk) >= chunk_size:
            yield from process_batch(chunk)
            chunk = []
    yield from process_batch(chunk)
