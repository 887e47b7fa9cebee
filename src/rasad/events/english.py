"""The English line of an event, for analysts who read neither language.

"2019-06-13 · Shinzo Abe (JPN) CONSULT/visit Ali Khamenei (IRN) · Tehran": the date (or "date
unknown"), the source's English names with their countries, the type and mode, the target, the place.
"""

from __future__ import annotations

from rasad.entities.kb import KnowledgeBase
from rasad.record import Entity, Event


def _name(identifier: str, entities: dict[str, Entity], kb: KnowledgeBase) -> str:
    entity = entities.get(identifier)
    entry = kb.get(identifier)
    name = (entity.name.get("en") if entity else None) or (entry.name.get("en") if entry else None) or identifier
    country = (entity.country if entity else None) or (entry.country if entry else None)
    is_country = entry is not None and entry.is_country
    return f"{name} ({country})" if country and not is_country else name


def _names(ids: list[str], entities: dict[str, Entity], kb: KnowledgeBase) -> str:
    return " and ".join(_name(identifier, entities, kb) for identifier in ids)


def english_line(event: Event, entities: dict[str, Entity], kb: KnowledgeBase) -> str:
    """One line saying the event in English."""
    action = f"{event.type}/{event.mode}" if event.mode else event.type
    parts = [part for part in (_names(event.source, entities, kb), action, _names(event.target, entities, kb)) if part]
    line = f"{event.date or 'date unknown'} · {' '.join(parts)}"
    if event.place:
        entity = entities.get(event.place)
        entry = kb.get(event.place)
        place = (entity.name.get("en") if entity else None) or (entry.name.get("en") if entry else None)
        if place:
            line += f" · {place}"
    return line
