"""The story record: an id, an English title from its main event, its days, documents, languages,
outlets, key entities and the timeline of its events. Built one document at a time, so a story of
thousands of reports never needs them all in memory."""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

from rasad.events.english import english_line
from rasad.record import Document, Entity, Story
from rasad.time.publication import reference_date

KEY_ENTITIES = 8

_EventKey = tuple[str, str | None, tuple[str, ...], tuple[str, ...]]


class StorySummary:
    """What the story record needs, gathered document by document."""

    def __init__(self) -> None:
        self.order: list[tuple[bool, str, str]] = []  # (undated, published, id) of each document
        self.days: set[str] = set()
        self.languages: set[str] = set()
        self.outlets: set[str] = set()
        self.names: dict[str, Entity] = {}
        self.mentioned: Counter[str] = Counter()
        self.timeline: dict[_EventKey, dict[str, Any]] = {}  # one entry per act, at its earliest report
        self.told: Counter[tuple[str, str | None, tuple[str, ...], tuple[str, ...]]] = Counter()
        self.first_told: dict[tuple, dict[str, Any]] = {}

    def add(self, document: Document) -> None:
        published = document.published.value if document.published else ""
        self.order.append((reference_date(document.published) is None, published, document.id))
        if day := reference_date(document.published):
            self.days.add(day.isoformat())
        self.languages.add(document.lang)
        if document.source.outlet:
            self.outlets.add(document.source.outlet)
        for entity in document.entities:
            self.names.setdefault(entity.id, entity)
            self.mentioned[entity.id] += 1
        for event in document.events:
            if event.date:
                self.days.add(event.date[:10])
            key = (event.type, event.date, tuple(event.source), tuple(event.target))
            item = {"date": event.date, "type": event.type, "english": event.english, "document": document.id,
                    "event": event.id, "_order": (not published, published)}
            if key not in self.timeline or item["_order"] < self.timeline[key]["_order"]:
                self.timeline[key] = item  # the same act told by another report: the earliest telling
            told = (event.type, event.mode, tuple(event.source), tuple(event.target))
            self.told[told] += 2 if (event.source and event.target) else 1
            self.first_told.setdefault(told, event.to_dict())

    def story(self, copies: dict[str, str], *, key: str | None = None) -> Story:
        """The record; `key` is the id of the stored story these documents join, if any."""
        ordered = [identifier for _, _, identifier in sorted(self.order)]
        days = sorted(self.days)
        timeline = [{k: v for k, v in item.items() if k != "_order"} for item in self.timeline.values()]
        timeline.sort(key=lambda item: (item["date"] is None, item["date"] or ""))
        return Story(
            id=key or story_id(ordered[0]),
            title=self._title(),
            start=days[0] if days else None,
            end=days[-1] if days else None,
            documents=ordered,
            languages=sorted(self.languages),
            outlets=sorted(self.outlets),
            entities=[{"id": entity_id, "name": self.names[entity_id].name.get("en", entity_id), "documents": count}
                      for entity_id, count in self.mentioned.most_common(KEY_ENTITIES)],
            timeline=timeline,
            duplicates=copies,
        )

    def _title(self) -> str:
        """The event told by most of its documents, as an English line without its date; else the
        names the documents share."""
        if self.told:
            record = self.first_told[self.told.most_common(1)[0][0]] | {"date": None}
            entity_names = {i: {"name": e.name, "country": e.country} for i, e in self.names.items()}
            return english_line(record, entity_names).split(" · ", 1)[-1]
        top = [self.names[i].name.get("en", i) for i, _ in self.mentioned.most_common(3)]
        return "News on " + ", ".join(top) if top else "Untitled story"


def summarize(documents: list[Document], copies: dict[str, str], *, key: str | None = None) -> Story:
    """The story record of `documents`; `key` is the id of the stored story they join, if any."""
    summary = StorySummary()
    for document in documents:
        summary.add(document)
    return summary.story(copies, key=key)


def story_id(earliest_document: str) -> str:
    """Stable for the same documents: from its earliest document's id."""
    return "story-" + hashlib.blake2b(earliest_document.encode("utf-8"), digest_size=6).hexdigest()
