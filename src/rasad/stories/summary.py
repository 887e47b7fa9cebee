"""The story record: an id, an English title from its main event, its days, documents, languages,
outlets, key entities and the timeline of its events."""

from __future__ import annotations

import hashlib
from collections import Counter

from rasad.events.english import english_line
from rasad.record import Document, Story
from rasad.time.publication import reference_date

KEY_ENTITIES = 8


def summarize(documents: list[Document], copies: dict[str, str], *, key: str | None = None) -> Story:
    """The story record of `documents`; `key` is the id of the stored story they join, if any."""
    ordered = sorted(documents, key=lambda d: (reference_date(d.published) is None, d.published.value
                                               if d.published else "", d.id))
    days = sorted({day.isoformat() for d in documents if (day := reference_date(d.published))}
                  | {event.date[:10] for d in documents for event in d.events if event.date})
    names = {entity.id: entity for d in documents for entity in d.entities}
    mentioned = Counter(entity.id for d in documents for entity in d.entities)
    timeline = []
    seen: set[tuple[str, str | None, tuple[str, ...], tuple[str, ...]]] = set()
    for document in ordered:
        for event in document.events:
            signature = (event.type, event.date, tuple(event.source), tuple(event.target))
            if signature in seen:
                continue  # the same act told by another report
            seen.add(signature)
            timeline.append({"date": event.date, "type": event.type, "english": event.english,
                             "document": document.id, "event": event.id})
    timeline.sort(key=lambda item: (item["date"] is None, item["date"] or ""))
    return Story(
        id=key or _story_id(ordered),
        title=_title(documents, names),
        start=days[0] if days else None,
        end=days[-1] if days else None,
        documents=[d.id for d in ordered],
        languages=sorted({d.lang for d in documents}),
        outlets=sorted({d.source.outlet for d in documents if d.source.outlet}),
        entities=[{"id": entity_id, "name": names[entity_id].name.get("en", entity_id), "documents": count}
                  for entity_id, count in mentioned.most_common(KEY_ENTITIES)],
        timeline=timeline,
        duplicates=copies,
    )


def _story_id(ordered: list[Document]) -> str:
    """Stable for the same documents: from its earliest document's id."""
    return "story-" + hashlib.blake2b(ordered[0].id.encode("utf-8"), digest_size=6).hexdigest()


def _title(documents: list[Document], names: dict) -> str:
    """The event told by most of its documents, as an English line without its date; else the
    names the documents share."""
    told: Counter[tuple[str, str | None, tuple[str, ...], tuple[str, ...]]] = Counter()
    first: dict[tuple, object] = {}
    for document in documents:
        for event in document.events:
            key = (event.type, event.mode, tuple(event.source), tuple(event.target))
            told[key] += 2 if (event.source and event.target) else 1
            first.setdefault(key, event)
    if told:
        event = first[told.most_common(1)[0][0]]
        record = event.to_dict() | {"date": None}
        entity_names = {i: {"name": e.name, "country": e.country} for i, e in names.items()}
        return english_line(record, entity_names).split(" · ", 1)[-1]
    mentioned = Counter(entity.id for d in documents for entity in d.entities)
    top = [names[i].name.get("en", i) for i, _ in mentioned.most_common(3)]
    return "News on " + ", ".join(top) if top else "Untitled story"
