"""The English line of an event, for analysts who read neither language.

"2019-06-13 · Shinzo Abe (JPN) CONSULT/visit Ali Khamenei (IRN) · Tehran": the date (or "date
unknown"), the source's English names with their countries, the type and mode, the target, the place.

Works on the record's form of events and entities (the contract's dicts), so the events stage and
the exports (`rasad.export`) write the same line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rasad.entities.kb import load_kb

Entities = Mapping[str, Mapping[str, Any]]


def english_name(entity_id: str, entities: Entities) -> str:
    """The entity's English name: the record's, else the knowledge base's, else its id."""
    name = ((entities.get(entity_id) or {}).get("name") or {}).get("en")
    if name:
        return name
    entry = load_kb().get(entity_id)
    return entry.name_en if entry else entity_id


def country_of(entity_id: str, entities: Entities) -> str | None:
    """The entity's ISO3 country: the record's, else the knowledge base's."""
    country = (entities.get(entity_id) or {}).get("country")
    if country:
        return country
    entry = load_kb().get(entity_id)
    return entry.country if entry else None


def _names(entity_ids: Iterable[str], entities: Entities) -> str:
    names = []
    for entity_id in entity_ids:
        entry = load_kb().get(entity_id)
        country = None if entry is not None and entry.is_country else country_of(entity_id, entities)
        names.append(english_name(entity_id, entities) + (f" ({country})" if country else ""))
    return " and ".join(names)


def english_line(event: Mapping[str, Any], entities: Entities | Iterable[Mapping[str, Any]]) -> str:
    """One line saying `event` (a record event) in English; `entities` are the record's, as its
    list or by id; ids it lacks are named from the knowledge base, else shown as they are."""
    by_id = entities if isinstance(entities, Mapping) else {entity["id"]: entity for entity in entities}
    action = f"{event['type']}/{event['mode']}" if event.get("mode") else event["type"]
    parts = (_names(event.get("source") or [], by_id), action, _names(event.get("target") or [], by_id))
    line = f"{event.get('date') or 'date unknown'} · {' '.join(part for part in parts if part)}"
    if event.get("place"):
        line += f" · {english_name(event['place'], by_id)}"
    return line
