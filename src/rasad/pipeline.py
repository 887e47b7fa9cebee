"""The pipeline: the only place that says which stages run, and in what order.

Per document (pure, in order):  clean → language → normalize → split → dates → entities → events
Per batch, before cleaning:      lines repeated across pages of one outlet (site chrome)
Per batch, after the documents:  stories (near-duplicates, stories, dating by story)

One document may take at most DOCUMENT_SECONDS through its stages (a hostile page must not hang a
batch): past it, it is one error line and the batch goes on.

Documents stream through in chunks, so memory stays flat however large the input; chrome is found
within a chunk. Stories span the whole input: each document's small story signature (its lead
embedded) is made with the chunk, where the chunk is processed (this process, a worker, a cluster);
processed documents wait in a spool file on disk while only the signatures stay in memory, then come
out in input order with their story. While the chunks come in, the client already finds the
near-duplicates (in-memory LSH, in batch order); after the last one it assigns the stories over the
signatures and reads each document back once, dated and summarized by its story as it goes out.
"""

from __future__ import annotations

import os
import pickle
import signal
import tempfile
import threading
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Protocol
from urllib.parse import urlsplit

from rasad.entities.link import link_entities
from rasad.entities.tagged import entity_tagger, tag_text
from rasad.events.code import code_events
from rasad.read import ReadError
from rasad.record import DateExpr, Document, Paragraph, Sentence, Story
from rasad.stories import StoryBatch, StoryState, assign, load_story_stage
from rasad.stories.dedup import DuplicateFinder
from rasad.stories.signature import Signature, chunk_signatures, signature_of
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
# Stored stories a batch's documents may join, given the batch's signatures.
KnownStories = Callable[[list[Signature]], list[StoryState]]


def outlet_key(document: Document) -> str:
    """Which pages share one site's chrome: the outlet, else the URL's host, else the folder."""
    if document.source.outlet or document.hints.outlet:
        return (document.source.outlet or document.hints.outlet or "").strip().lower()
    if document.source.url:
        try:
            return urlsplit(document.source.url).netloc.lower()
        except ValueError:  # a feed's garbled link ("Invalid IPv6 URL"; found by tests/reliability)
            pass
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
    """Persons, organisations and places, linked to the knowledge base as of the article's date; with the
    tagger turned on (rasad.entities.tagged), also the names it finds that the base and the rules miss."""
    tagger = entity_tagger() if document.lang in ("fa", "ar") else None
    tagged = tag_text(tagger, document.text, [(s.start, s.end) for s in document.sentences]) if tagger else None
    document.entities = link_entities(document.text, document.lang, reference_date(document.published), tagged)
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


class DocumentTimeout(Exception):
    """A document took longer than the per-document limit."""


# Seconds one document may take through the per-document stages before it is given up as an error
# (a hostile page must not hang a batch); RASAD_DOCUMENT_SECONDS overrides, 0 turns the limit off.
DOCUMENT_SECONDS = float(os.environ.get("RASAD_DOCUMENT_SECONDS", "120"))


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise DocumentTimeout in the block after `seconds`. The limit needs a Unix signal, so it holds
    in a process's main thread (the CLI, local workers); elsewhere (a server's worker threads, Dask's
    task threads) the block runs unlimited."""
    usable = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise DocumentTimeout(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def process_document(document: Document, context: BatchContext | None = None) -> Document:
    context = context or prepare_batch([document])
    current = DOCUMENT_STAGES[0][0]
    try:
        with _time_limit(DOCUMENT_SECONDS):
            for name, stage in DOCUMENT_STAGES:
                current = name
                document = stage(document, context)
    except Exception as exc:  # one bad document must never stop a batch
        raise StageError(document, current, exc) from exc
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


@dataclass
class SignedDocument:
    """A processed document with its story signature, made where the document was processed (the
    signature's `index` is set by the batch stage)."""

    document: Document
    signature: Signature


ChunkItem = Document | SignedDocument | ReadError


def process_chunk(chunk: list[Document], signed: bool = False) -> list[ChunkItem]:
    """The per-document stages over one chunk (what a worker runs); `signed`: each document with its
    story signature, leads embedded in one batch per chunk."""
    items = list(process_batch(chunk))
    if not signed:
        return items
    documents = [item for item in items if isinstance(item, Document)]
    signatures = iter(chunk_signatures(documents))
    return [item if isinstance(item, ReadError) else SignedDocument(item, next(signatures)) for item in items]


class ChunkMapper(Protocol):
    """Runs the per-document stages over chunks somewhere else (worker processes, a Dask cluster): takes
    the chunks in input order and yields each chunk's `process_chunk(chunk, signed)`, in the same order
    (rasad.parallel)."""

    def __call__(self, chunks: Iterable[list[Document]], *, signed: bool = False) -> Iterator[list[ChunkItem]]: ...


# Finds the near-duplicate candidates of a batch's signatures elsewhere (banded LSH on a cluster,
# `rasad.parallel.cluster.DaskWorkers.candidate_groups`): groups of batch indexes sharing an LSH band
# (rasad.stories.dedup.bucket_members).
CandidateFinder = Callable[[list[Signature]], list[tuple[int, ...]]]


def process_stream(items: Iterable[Document | ReadError], chunk_size: int = CHUNK_SIZE, *,
                   stories: bool = True, known_stories: KnownStories | None = None,
                   found_stories: list[tuple[Story, StoryState]] | None = None,
                   on_processed: Callable[[Document], None] | None = None,
                   map_chunks: ChunkMapper | None = None,
                   candidates: CandidateFinder | None = None) -> Iterator[Document | ReadError]:
    """Run the pipeline over what the readers yield, in input order: the per-document stages chunk by
    chunk, then (with `stories`) the batch stage over the whole input. Read errors are yielded at once;
    records keep their input order all the same.

    `known_stories(signatures)` gives stored stories the batch's documents may join (incremental
    mode); the stories found are appended to `found_stories` once the last document has been yielded;
    `on_processed` is told of each document as the per-document stages finish it (for progress).
    `map_chunks` runs the per-document stages, and the story signatures, elsewhere (rasad.parallel); the
    chunks, and so the records, are the same as in this process. `candidates` finds near-duplicate
    candidates elsewhere (a Dask cluster bands the LSH: `DaskWorkers.candidate_groups`); without it, they
    are found in memory here, as the signatures arrive."""
    processed = _per_document(items, chunk_size, map_chunks, signed=stories)
    if not stories:
        for item in processed:
            if on_processed is not None and isinstance(item, Document):
                on_processed(item)
            yield item  # type: ignore[misc]  # unsigned: only documents and read errors
        return
    yield from run_stories(processed, known_stories=known_stories, found_stories=found_stories,
                           on_processed=on_processed, candidates=candidates)


def run_stories(processed: Iterable[ChunkItem], *, known_stories: KnownStories | None = None,
                found_stories: list[tuple[Story, StoryState]] | None = None,
                on_processed: Callable[[Document], None] | None = None,
                candidates: CandidateFinder | None = None) -> Iterator[Document | ReadError]:
    """The batch stage over documents the per-document stages have finished (with their signatures,
    else they are signed here): read errors are yielded at once, the documents (spooled to disk
    meanwhile) once their stories are known, in input order; the stories found are appended to
    `found_stories` after the last document. `candidates` finds the near-duplicate candidates elsewhere
    (a cluster); without it, in memory.

    What does not need the whole batch is done as the documents arrive, while workers still process
    later chunks: the batch stage's libraries load in a thread, each document is spooled and its
    signature kept, and the in-memory LSH finds and confirms its copies among the earlier documents. What
    needs every signature (the stories, in date order) follows the last chunk; then each document is read
    back once, dated by its story if undated, summarized and yielded."""
    threading.Thread(target=load_story_stage, name="rasad-load-story-stage", daemon=True).start()
    duplicates = DuplicateFinder(in_memory=candidates is None)
    with _Spool() as spool:
        for item in processed:
            if isinstance(item, ReadError):
                yield item
                continue
            document, signature = (item.document, item.signature) if isinstance(item, SignedDocument) else (item, None)
            if on_processed is not None:
                on_processed(document)
            duplicates.add(spool.add(document, signature))
        load_story_stage()  # done by the thread by now, unless the batch was tiny: then it waits for it
        signatures = spool.signatures
        known = known_stories(signatures) if known_stories is not None and signatures else None
        if candidates is not None and signatures:
            duplicates.join_candidates(candidates(signatures))
        groups, representative = assign(signatures, known=known, representative=duplicates.representatives())
        batch = StoryBatch(signatures, groups, representative)
        for index, document in enumerate(spool.documents()):  # one document in memory at a time
            batch.place(index, document)
            yield document
        if found_stories is not None:
            found_stories.extend(batch.stories())


def chunked(items: Iterable[Document | ReadError], chunk_size: int) -> Iterator[list[Document] | ReadError]:
    """Documents in chunks of `chunk_size` (a chunk is what site chrome is found within), read errors
    between them where they were met."""
    chunk: list[Document] = []
    for item in items:
        if isinstance(item, ReadError):
            yield item
            continue
        chunk.append(item)
        if len(chunk) >= chunk_size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_chunks(pieces: Iterable[list[Document] | object], map_chunks: ChunkMapper | None = None, *,
               signed: bool = False) -> Iterator[object]:
    """Each chunk of `pieces` (a list of documents) replaced by its processed items (`signed`: with
    their story signatures), anything else (read errors, markers) passed through, all in the order of
    `pieces` however far ahead `map_chunks` runs."""
    if map_chunks is None:
        for piece in pieces:
            yield process_chunk(piece, signed) if isinstance(piece, list) else piece
        return
    waiting: deque[object] = deque()  # pieces met but not yet given out; _CHUNK holds a chunk's place

    def chunks() -> Iterator[list[Document]]:
        for piece in pieces:
            if isinstance(piece, list):
                waiting.append(_CHUNK)
                yield piece
            else:
                waiting.append(piece)

    for result in map_chunks(chunks(), signed=signed):
        while waiting[0] is not _CHUNK:
            yield waiting.popleft()
        waiting.popleft()
        yield result
    yield from waiting


_CHUNK = object()


def _per_document(items: Iterable[Document | ReadError], chunk_size: int,
                  map_chunks: ChunkMapper | None = None, *, signed: bool = False) -> Iterator[ChunkItem]:
    for piece in run_chunks(chunked(items, chunk_size), map_chunks, signed=signed):
        if isinstance(piece, list):
            yield from piece
        else:
            yield piece  # a read error


class _Spool:
    """Processed documents on disk (pickled, in a temporary file removed on close), their story
    signatures in memory: about 5 kB a document (MinHash 0.5 kB, kept text 2.4 kB, lead embedding
    1.5 kB, entities and events)."""

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile(prefix="rasad-batch-")  # noqa: SIM115 (closed by __exit__)
        self.offsets: list[tuple[int, int]] = []
        self.signatures: list[Signature] = []

    def __enter__(self) -> _Spool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.file.close()

    def add(self, document: Document, signature: Signature | None = None) -> Signature:
        """Spool `document`, keeping its signature (made here when it comes without one); the signature,
        its `index` set to the document's place in the batch."""
        index = len(self.offsets)
        if signature is None:
            signature = signature_of(document, index)
        signature.index = index
        self.signatures.append(signature)
        data = pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL)
        self.offsets.append((self.file.tell(), len(data)))  # written in order: the file's end
        self.file.write(data)
        return signature

    def documents(self) -> Iterator[Document]:
        """The documents in input order, read back one at a time."""
        self.file.seek(0)
        for _, length in self.offsets:
            yield pickle.loads(self.file.read(length))  # our own file, written in this order
