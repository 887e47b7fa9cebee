"""The read queries behind the HTTP API: plain functions over a `Store`, returning JSON-ready dicts.

Every value from a request reaches the database as a bound parameter; only fixed clause text is
joined into the SQL. Filters run on the store's tables (documents, entity_mentions, events, event_actors)
so that no request reads more records than it returns, which keeps them fast on 100k documents.
The SQL is written once for both backends (rasad.store.base: `?` placeholders, explicit NULLS
FIRST/LAST); the few fragments that differ (full-text match, string aggregation) come from
`store.dialect`.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rasad.entities.kb import KBEntry, load_kb
from rasad.export.events import place_coordinates
from rasad.store import Store
from rasad.store.base import marked_snippet, query_terms, snippet

# Snippet marks: private-use characters that news text does not hold; clients split on them and
# build highlighted nodes themselves, so a snippet never carries markup.
MARK = ("\ue000", "\ue001")
MAX_PAGE = 200
# Co-occurrence and the actor network of an entity are computed over its most recent documents and
# events: an entity in half of 100k documents would otherwise cost a scan of them all per request.
RECENT_WINDOW = 2000


@dataclass
class DocumentFilters:
    lang: str | None = None
    outlet: str | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive, on the publication date
    until: str | None = None
    entity: str | None = None  # an entity id, or a name (any script or English)
    event_type: str | None = None
    story: str | None = None

    def __post_init__(self) -> None:
        _check_days(self.since, self.until)


@dataclass
class EventFilters:
    type: str | None = None
    actor: str | None = None  # an entity id, or a name
    country: str | None = None  # ISO alpha-3: of an actor or of the place
    since: str | None = None  # YYYY-MM-DD, inclusive, on the event's day (its date, else its document's)
    until: str | None = None
    place: str | None = None  # an entity id, or a name
    lang: str | None = None
    document: str | None = None  # a document id

    def __post_init__(self) -> None:
        _check_days(self.since, self.until)


def _check_days(*days: str | None) -> None:
    """Raise ValueError for a day that is not a calendar date (the app answers 422)."""
    for day in days:
        if day is not None:
            datetime.date.fromisoformat(day)


def day_after(day: str) -> str:
    return (datetime.date.fromisoformat(day) + datetime.timedelta(days=1)).isoformat()


def entity_ids(store: Store, value: str) -> list[str]:
    """The ids a filter value stands for: itself when it is an id, else the entities it names."""
    value = value.strip()
    if ":" in value and " " not in value:
        return [value]
    return sorted(store.entities_named(value)) or ["\x00no such entity"]


# -- documents ----------------------------------------------------------------------------------


def _document_clauses(store: Store, filters: DocumentFilters) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if filters.lang:
        clauses.append("d.lang = ?")
        params.append(filters.lang)
    if filters.outlet:
        clauses.append("d.outlet = ?")
        params.append(filters.outlet)
    if filters.since:
        clauses.append("d.published >= ?")
        params.append(filters.since)
    if filters.until:
        clauses.append("d.published < ?")
        params.append(day_after(filters.until))
    if filters.story:
        clauses.append("d.story = ?")
        params.append(filters.story)
    if filters.entity:
        ids = entity_ids(store, filters.entity)
        clauses.append(f"d.rowid IN (SELECT doc FROM entity_mentions WHERE entity IN ({_marks(ids)}))")
        params.extend(ids)
    if filters.event_type:
        clauses.append("d.rowid IN (SELECT doc FROM events WHERE type = ?)")
        params.append(filters.event_type)
    return clauses, params


def _summary(row: tuple[Any, ...]) -> dict[str, Any]:
    doc_id, lang, title, outlet, published, story = row[:6]
    return {"id": doc_id, "lang": lang, "title": title, "outlet": outlet, "published": published, "story": story}


def list_documents(store: Store, filters: DocumentFilters, *, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Documents matching the filters, newest publication first (undated last)."""
    clauses, params = _document_clauses(store, filters)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = store.query(
        f"""SELECT d.id, d.lang, d.title, d.outlet, d.published, d.story, substr(d.text, 1, 200)
            FROM documents d {where} ORDER BY d.published DESC NULLS LAST, d.rowid DESC LIMIT ? OFFSET ?""",
        [*params, _page(limit), max(0, offset)],
    )
    items = [{**_summary(row), "snippet": marked_snippet(row[6], [], width=160)} for row in rows]
    return {"items": items, "limit": _page(limit), "offset": max(0, offset)}


def search_documents(store: Store, query: str, filters: DocumentFilters, *, limit: int = 20,
                     offset: int = 0) -> dict[str, Any]:
    """Full-text search in either language and spelling, with filters.

    As `Store.search`: documents mentioning an entity the query names (in any script or English)
    come first, then word matches on the folded search keys ranked by BM25 (title weighted 4x).
    """
    terms = query_terms(query)
    limit, offset = _page(limit), max(0, offset)
    if not terms:
        return {**list_documents(store, filters, limit=limit, offset=offset), "query": query, "entities": []}
    clauses, params = _document_clauses(store, filters)
    extra = "".join(f" AND {clause}" for clause in clauses)
    wanted = offset + limit
    named = sorted(store.entities_named(query))
    hits: list[dict[str, Any]] = []
    if named:
        rows = store.query(
            f"""SELECT d.id, d.lang, d.title, d.outlet, d.published, d.story, d.text,
                       {store.dialect.group_concat("m.start || ':' || m.end")} AS spans, count(*) AS mentions
                FROM entity_mentions m JOIN documents d ON d.rowid = m.doc
                WHERE m.entity IN ({_marks(named)}){extra}
                  AND m.doc IN (SELECT doc FROM entity_mentions WHERE entity IN ({_marks(named)})
                                ORDER BY doc DESC LIMIT ?)
                GROUP BY d.rowid ORDER BY mentions DESC, d.published DESC NULLS LAST, d.rowid LIMIT ?""",
            [*named, *params, *named, RECENT_WINDOW * 5, wanted + 1],
        )
        for row in rows:
            spans = sorted(tuple(int(n) for n in pair.split(":")) for pair in row[7].split(","))
            hits.append({**_summary(row), "snippet": marked_snippet(row[6], spans, mark=MARK), "match": "entity"})
    seen = {hit["id"] for hit in hits}
    dialect = store.dialect
    # A page filled by the entity's documents needs no word ranking (BM25 over every document with
    # a common name costs most of a second on 100k documents).
    rows = [] if len(hits) >= wanted + 1 else store.query(
        f"""SELECT d.id, d.lang, d.title, d.outlet, d.published, d.story, d.text
            FROM {dialect.words_from}
            WHERE {dialect.words_where}{extra}
            ORDER BY {dialect.words_rank}, d.rowid LIMIT ?""",
        [dialect.words_param(terms), *params, wanted + len(seen)],
    )
    for row in rows:
        if row[0] not in seen:
            hits.append({**_summary(row), "snippet": snippet(row[6], terms, mark=MARK), "match": "words"})
    # The entities the query names, to offer their pages; a name of one or two letters names too many.
    entities = ([_entity_brief(entry) for entry in load_kb().find(query, limit=5)]
                if offset == 0 and len("".join(terms)) >= 3 else [])
    return {"query": query, "items": hits[offset:offset + limit], "limit": limit, "offset": offset,
            "more": len(hits) > offset + limit, "entities": entities}


def document_view(store: Store, document_id: str) -> dict[str, Any] | None:
    """A record with what a reader needs beside it: its highlight spans in text order, and the
    other documents of its story."""
    record = store.get_record(document_id)
    if record is None:
        return None
    spans: list[dict[str, Any]] = []
    for entity in record.get("entities") or []:
        for mention in entity.get("mentions") or []:
            spans.append({"start": mention["start"], "end": mention["end"], "kind": "entity", "ref": entity["id"],
                          "type": entity.get("type"), "label": (entity.get("name") or {}).get("en")})
    for date in record.get("dates") or []:
        spans.append({"start": date["start"], "end": date["end"], "kind": "date", "label": date.get("value")})
    for index, event in enumerate(record.get("events") or []):
        evidence = event.get("evidence") or {}
        if isinstance(evidence.get("start"), int) and isinstance(evidence.get("end"), int):
            spans.append({"start": evidence["start"], "end": evidence["end"], "kind": "event", "ref": index,
                          "type": event.get("type"), "label": event.get("english")})
    spans.sort(key=lambda span: (span["start"], -span["end"]))
    story = []
    if record.get("story"):
        rows = store.query(
            """SELECT id, lang, title, outlet, published, story FROM documents WHERE story = ? AND id != ?
               ORDER BY published NULLS FIRST, rowid LIMIT 50""", (record["story"], record["id"]))
        story = [_summary(row) for row in rows]
    return {"record": record, "spans": spans, "story_documents": story}


# -- entities -----------------------------------------------------------------------------------


def _entity_brief(entry: KBEntry) -> dict[str, Any]:
    return {"id": entry.id, "type": entry.type, "name": {"en": entry.name_en, **entry.name},
            "country": entry.country}


def _entity_from_records(store: Store, entity_id: str) -> dict[str, Any] | None:
    """An entity the knowledge base lacks, as a record that mentions it describes it."""
    row = store.query_one(
        """SELECT d.record FROM entity_mentions m JOIN documents d ON d.rowid = m.doc
           WHERE m.entity = ? ORDER BY m.doc LIMIT 1""", (entity_id,))
    if row is None:
        return None
    for entity in json.loads(row[0]).get("entities") or []:
        if entity.get("id") == entity_id:
            return {"id": entity_id, "type": entity.get("type"), "name": entity.get("name") or {},
                    "country": entity.get("country")}
    return None


def describe_entity(store: Store, entity_id: str) -> dict[str, Any] | None:
    entry = load_kb().get(entity_id)
    return _entity_brief(entry) if entry else _entity_from_records(store, entity_id)


def find_entities(store: Store, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Entities a name refers to, in any script or English: the names met in stored documents
    (exact, after folding) and the knowledge base's (exact, whole words, then prefixes); each with
    how many stored documents mention it, entities the store knows first."""
    limit = _page(limit)
    ids: list[str] = sorted(store.entities_named(query))
    ids += [entry.id for entry in load_kb().find(query, limit=limit) if entry.id not in ids]
    found = []
    for entity_id in ids[: limit * 2]:
        brief = describe_entity(store, entity_id)
        if brief is None:
            continue
        count = store.query("SELECT count(DISTINCT doc) FROM entity_mentions WHERE entity = ?", (entity_id,))[0][0]
        found.append({**brief, "documents": count})
    found.sort(key=lambda item: item["documents"] == 0)  # stable: keeps the name ranking within each group
    return found[:limit]


def entity_view(store: Store, entity_id: str) -> dict[str, Any] | None:
    """An entity with its events over time (per month and type), recent events, the entities that
    appear in the same documents, and its actor network (who acts on whom in its events)."""
    brief = describe_entity(store, entity_id)
    if brief is None:
        return None
    documents = store.query("SELECT count(DISTINCT doc) FROM entity_mentions WHERE entity = ?", (entity_id,))[0][0]
    # Its events: those it takes part in, and those that happen at it when it is a place (each read
    # from a covering index: an entity in half the store costs one index range, not its records).
    months: dict[tuple[str, str], int] = {}
    for sql in ("""SELECT substr(day, 1, 7), type, count(*) FROM event_actors WHERE entity = ? AND day IS NOT NULL
                   GROUP BY 1, 2""",
                """SELECT substr(day, 1, 7), type, count(*) FROM events WHERE place = ? AND day IS NOT NULL
                   GROUP BY 1, 2"""):
        for month, event_type, count in store.query(sql, (entity_id,)):
            months[(month, event_type)] = months.get((month, event_type), 0) + count
    timeline = [{"month": month, "type": event_type, "count": count}
                for (month, event_type), count in sorted(months.items())]
    co_occurring = [
        {**(describe_entity(store, other) or {"id": other, "name": {}, "type": None, "country": None}),
         "documents": count}
        for other, count in store.query(
            """SELECT m.entity, count(DISTINCT m.doc) AS n FROM entity_mentions m
               WHERE m.doc IN (SELECT DISTINCT doc FROM entity_mentions WHERE entity = ?
                               ORDER BY doc DESC LIMIT ?)
                 AND m.entity != ?
               GROUP BY m.entity ORDER BY n DESC, m.entity LIMIT 20""", (entity_id, RECENT_WINDOW, entity_id))
    ]
    edges: dict[tuple[str, str], int] = {}
    rows = store.query(
        """SELECT a.doc, a.idx, a.entity, a.role FROM event_actors a
           WHERE (a.doc, a.idx) IN (SELECT doc, idx FROM event_actors WHERE entity = ?
                                    ORDER BY doc DESC, idx DESC LIMIT ?)
           ORDER BY a.doc, a.idx, a.role, a.entity""", (entity_id, RECENT_WINDOW))
    by_event: dict[tuple[int, int], dict[str, list[str]]] = {}
    for doc, idx, actor, role in rows:
        by_event.setdefault((doc, idx), {"source": [], "target": []})[role].append(actor)
    for roles in by_event.values():
        for source in roles["source"]:
            for target in roles["target"]:
                if source != target:
                    edges[(source, target)] = edges.get((source, target), 0) + 1
    top_edges = sorted(edges.items(), key=lambda item: (-item[1], item[0]))[:40]
    node_ids = sorted({entity_id} | {end for (source, target), _ in top_edges for end in (source, target)})
    nodes = [{"id": node, "name": _english(store, node), "central": node == entity_id} for node in node_ids]
    network = {"nodes": nodes, "edges": [{"source": s, "target": t, "count": n} for (s, t), n in top_edges]}
    latest = store.query(
        """SELECT doc, idx FROM event_actors WHERE entity = ? ORDER BY day DESC NULLS LAST, doc DESC, idx LIMIT 20""",
        (entity_id,))
    recent = _event_items(store, list(dict.fromkeys(latest)))
    return {"entity": brief, "documents": documents, "timeline": timeline, "co_occurring": co_occurring,
            "network": network, "recent_events": recent, "window": RECENT_WINDOW}


def _english(store: Store, entity_id: str) -> str:
    brief = describe_entity(store, entity_id)
    return ((brief or {}).get("name") or {}).get("en") or entity_id


# -- events -------------------------------------------------------------------------------------


def _event_clauses(store: Store, filters: EventFilters) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    joins = ""
    if filters.type:
        clauses.append("e.type = ?")
        params.append(filters.type)
    if filters.since:
        clauses.append("e.day >= ?")
        params.append(filters.since)
    if filters.until:
        clauses.append("e.day < ?")
        params.append(day_after(filters.until))
    if filters.place:
        ids = entity_ids(store, filters.place)
        clauses.append(f"e.place IN ({_marks(ids)})")
        params.extend(ids)
    if filters.actor:
        ids = entity_ids(store, filters.actor)
        clauses.append(f"(e.doc, e.idx) IN (SELECT doc, idx FROM event_actors WHERE entity IN ({_marks(ids)}))")
        params.extend(ids)
    if filters.country:
        clauses.append("(e.place_country = ? OR (e.doc, e.idx) IN (SELECT doc, idx FROM event_actors "
                       "WHERE country = ?))")
        params.extend([filters.country.upper()] * 2)
    if filters.lang or filters.document:
        joins = " JOIN documents d ON d.rowid = e.doc"
        if filters.lang:
            clauses.append("d.lang = ?")
            params.append(filters.lang)
        if filters.document:
            clauses.append("d.id = ?")
            params.append(filters.document)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    return joins + where, params


def _event_keys(store: Store, filters: EventFilters, limit: int | None, offset: int = 0) -> list[tuple[int, int]]:
    tail, params = _event_clauses(store, filters)
    sql = f"SELECT e.doc, e.idx FROM events e{tail} ORDER BY e.day DESC NULLS LAST, e.doc DESC, e.idx"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, limit, offset]
    return [(doc, idx) for doc, idx in store.query(sql, params)]


def count_events(store: Store, filters: EventFilters, *, cap: int = 10_000) -> int:
    """How many events match, counted up to `cap` (past it the exact figure costs a full scan)."""
    tail, params = _event_clauses(store, filters)
    sql = f"SELECT count(*) FROM (SELECT 1 FROM events e{tail} LIMIT ?) AS matched"
    return store.query(sql, [*params, cap])[0][0]


def _records(store: Store, rowids: set[int]) -> dict[int, tuple[Any, ...]]:
    if not rowids:
        return {}
    ordered = sorted(rowids)
    rows = store.query(
        f"""SELECT rowid, id, lang, title, outlet, published, record FROM documents
            WHERE rowid IN ({_marks(ordered)})""", ordered)
    return {row[0]: row[1:] for row in rows}


def _event_item(doc: tuple[Any, ...], record: dict[str, Any], idx: int) -> dict[str, Any]:
    doc_id, lang, title, outlet, published = doc[:5]
    event = record["events"][idx]
    entities = {entity["id"]: entity for entity in record.get("entities") or []}

    def actor(entity_id: str) -> dict[str, Any]:
        entity = entities.get(entity_id) or {}
        name = (entity.get("name") or {}).get("en")
        if not name:
            entry = load_kb().get(entity_id)
            name = entry.name_en if entry else entity_id
        return {"id": entity_id, "name": name, "country": entity.get("country")}

    evidence = event.get("evidence") or {}
    return {
        "id": f"{doc_id}:{event.get('id') or idx + 1}", "document": doc_id, "index": idx, "type": event.get("type"),
        "mode": event.get("mode"), "date": event.get("date"),
        "day": event.get("date") or (published or "")[:10] or None,
        "source": [actor(entity_id) for entity_id in event.get("source") or []],
        "target": [actor(entity_id) for entity_id in event.get("target") or []],
        "place": actor(event["place"]) if event.get("place") else None,
        "english": event.get("english"), "confidence": event.get("confidence"),
        "evidence": {"start": evidence.get("start"), "end": evidence.get("end"), "text": evidence.get("text")},
        "lang": lang, "outlet": outlet, "title": title, "published": published,
    }


def _event_items(store: Store, keys: list[tuple[int, int]]) -> list[dict[str, Any]]:
    docs = _records(store, {doc for doc, _ in keys})
    parsed: dict[int, dict[str, Any]] = {}
    items = []
    for doc, idx in keys:
        if doc in docs:
            items.append(_event_item(docs[doc], parsed.setdefault(doc, json.loads(docs[doc][5])), idx))
    return items


def list_events(store: Store, filters: EventFilters, *, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Events matching the filters, latest day first, with their actors' English names."""
    limit, offset = _page(limit), max(0, offset)
    items = _event_items(store, _event_keys(store, filters, limit, offset))
    return {"items": items, "limit": limit, "offset": offset, "total": count_events(store, filters),
            "total_capped": 10_000}


def iter_export_rows(store: Store, filters: EventFilters, *, batch: int = 500) -> Iterator[dict[str, Any]]:
    """The matching events as the export rows of `rasad export events` (rasad.export), in list order."""
    from rasad.export import record_event_rows

    keys = _event_keys(store, filters, None)
    for start in range(0, len(keys), batch):
        chunk = keys[start:start + batch]
        docs = _records(store, {doc for doc, _ in chunk})
        rows_of: dict[int, list[dict[str, Any]]] = {}
        for doc, idx in chunk:
            if doc not in docs:
                continue
            if doc not in rows_of:
                rows_of[doc] = list(record_event_rows(json.loads(docs[doc][5])))
            if idx < len(rows_of[doc]):
                yield rows_of[doc][idx]


def event_places(store: Store, filters: EventFilters, *, limit: int = 500) -> list[dict[str, Any]]:
    """Places of the matching events with their counts and coordinates (a country's are its
    capital's), for the map; places without known coordinates are listed with null ones."""
    tail, params = _event_clauses(store, filters)
    connector = " AND " if " WHERE " in tail else " WHERE "
    rows = store.query(
        f"""SELECT e.place, count(*) AS n FROM events e{tail}{connector}e.place IS NOT NULL
            GROUP BY e.place ORDER BY n DESC, e.place LIMIT ?""", [*params, max(1, min(limit, 5000))])
    places = []
    for place, count in rows:
        entry = load_kb().get(place)
        coords = place_coordinates(entry)
        places.append({"id": place, "name": _english(store, place), "country": entry.country if entry else None,
                       "count": count, "lat": coords[0] if coords else None, "lon": coords[1] if coords else None})
    return places


# -- stories ------------------------------------------------------------------------------------


def list_stories(store: Store, *, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Stories (documents sharing a story id), latest activity first."""
    first = "ORDER BY f.published NULLS FIRST, f.rowid LIMIT 1"
    rows = store.query(
        f"""SELECT story, count(*), min(published), max(published), {store.dialect.group_concat("lang", distinct=True)},
                  count(DISTINCT outlet),
                  (SELECT title FROM documents f WHERE f.story = d.story {first}),
                  (SELECT lang FROM documents f WHERE f.story = d.story {first}),
                  (SELECT s.title FROM stories s WHERE s.id = d.story)
           FROM documents d WHERE story IS NOT NULL GROUP BY story
           ORDER BY max(published) DESC NULLS LAST, story LIMIT ? OFFSET ?""", (_page(limit), max(0, offset)))
    items = [{"id": story, "documents": count, "first": first, "last": last,
              "languages": sorted((langs or "").split(",")), "outlets": outlets, "title": title, "lang": lang,
              "english_title": english}
             for story, count, first, last, langs, outlets, title, lang, english in rows]
    return {"items": items, "limit": _page(limit), "offset": max(0, offset)}


def story_view(store: Store, story_id: str) -> dict[str, Any] | None:
    """A story's documents in publication order across outlets and languages, each with its events."""
    rows = store.query(
        """SELECT id, lang, title, outlet, published, story, record FROM documents WHERE story = ?
           ORDER BY published IS NULL, published, rowid LIMIT 500""", (story_id,))
    if not rows:
        return None
    timeline = []
    for row in rows:
        record = json.loads(row[6])
        events = [_event_item(row[:5], record, idx) for idx in range(len(record.get("events") or []))]
        timeline.append({**_summary(row), "events": events})
    stored = store.story(story_id)  # the story record, when the store holds one (rasad.stories)
    return {"id": story_id, "documents": timeline,
            "languages": sorted({item["lang"] for item in timeline}),
            "outlets": sorted({item["outlet"] for item in timeline if item["outlet"]}),
            "english_title": stored["title"] if stored else None,
            "start": stored["start"] if stored else None, "end": stored["end"] if stored else None,
            "entities": stored["entities"] if stored else [],
            "duplicates": stored["duplicates"] if stored else {}}


# -- facets -------------------------------------------------------------------------------------


def facets(store: Store) -> dict[str, Any]:
    """Values for the filter menus: languages, the commonest outlets, event types; with counts."""
    return {
        "documents": store.count(),
        "languages": [{"value": v, "count": n} for v, n in store.query(
            "SELECT lang, count(*) FROM documents GROUP BY lang ORDER BY 2 DESC, 1")],
        "outlets": [{"value": v, "count": n} for v, n in store.query(
            "SELECT outlet, count(*) FROM documents WHERE outlet IS NOT NULL GROUP BY outlet "
            "ORDER BY 2 DESC, 1 LIMIT 100")],
        "event_types": [{"value": v, "count": n} for v, n in store.query(
            "SELECT type, count(*) FROM events GROUP BY type ORDER BY 2 DESC, 1")],
    }


def _marks(values: list[Any]) -> str:
    return ",".join("?" * len(values))


def _page(limit: int) -> int:
    return max(1, min(limit, MAX_PAGE))
