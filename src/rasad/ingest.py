"""Ingest: the pipeline into the store, with the batch's stories joining the stories already stored
(docs/stories.md). The one way `rasad ingest` and the HTTP API's `POST /api/ingest` store articles."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator

from rasad.pipeline import CHUNK_SIZE, CandidateFinder, ChunkMapper, KnownStories, process_stream
from rasad.read import ReadError
from rasad.record import Document, Story
from rasad.store import Store
from rasad.store.base import SaveResult
from rasad.stories import StoryState
from rasad.stories.cluster import EVENT_WINDOW_DAYS
from rasad.stories.signature import Signature


def stored_stories(store: Store) -> KnownStories:
    """The stored stories a batch may join: those open within a month before its earliest day, and
    the latest ones (for its undated articles)."""
    def known(signatures: list[Signature]) -> list[StoryState]:
        days = [signature.day for signature in signatures if signature.day]
        since = (min(days) - datetime.timedelta(days=EVENT_WINDOW_DAYS)).isoformat() if days else None
        return [StoryState.from_json(identifier, state, vector)
                for identifier, state, vector in store.story_states(since=since)]
    return known


def ingest(store: Store, items: Iterable[Document | ReadError], *,
           on_error: Callable[[ReadError], None] | None = None,
           on_processed: Callable[[Document], None] | None = None,
           on_saved: Callable[[Document, str], None] | None = None,
           chunk_size: int = CHUNK_SIZE, map_chunks: ChunkMapper | None = None,
           candidates: CandidateFinder | None = None) -> SaveResult:
    """Process what the readers yield and store it: documents, then their stories. Inputs that fail
    are passed to `on_error` and skipped. `map_chunks` runs the per-document stages elsewhere
    (worker processes, a Dask cluster: rasad.parallel), `candidates` the near-duplicate banding (a
    Dask cluster's)."""
    return store_with_stories(
        store,
        lambda known, found: process_stream(items, chunk_size, known_stories=known, found_stories=found,
                                            on_processed=on_processed, map_chunks=map_chunks,
                                            candidates=candidates),
        on_error=on_error, on_saved=on_saved)


# What yields a batch's documents with their stories, given the stored stories they may join and a
# list to put the stories found in: the whole pipeline, or only its batch stage (rasad.parallel.jobs).
StoriedStream = Callable[[KnownStories, list[tuple[Story, StoryState]]], Iterable[Document | ReadError]]


def store_with_stories(store: Store, stream: StoriedStream, *,
                       on_error: Callable[[ReadError], None] | None = None,
                       on_saved: Callable[[Document, str], None] | None = None) -> SaveResult:
    """Store the documents `stream` yields (what failed goes to `on_error`), then the stories it
    found, joined to the stored ones."""
    found: list[tuple[Story, StoryState]] = []

    def documents() -> Iterator[Document]:
        for item in stream(stored_stories(store), found):
            if isinstance(item, ReadError):
                if on_error is not None:
                    on_error(item)
                continue
            yield item

    result = store.save(documents(), on_saved=on_saved)
    store.save_stories((story.to_dict(), state.to_json(), state.vector_bytes()) for story, state in found)
    return result
