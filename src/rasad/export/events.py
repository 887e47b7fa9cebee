"""Events of the store as flat rows with PLOVER/POLECAT field names, and writers for them.

One row per event. Column names follow POLECAT's published columns (snake_case: "Actor Name" is
`actor_name`) and, where POLECAT has none, PLOVER's JSON field names (`text`, `publication`,
`link`, `coder`); docs/export.md says where each comes from. Fields that may name several actors
(`actor_*`, `recipient_*`) hold lists, aligned with `actor_id` / `recipient_id`: CSV joins them
with "; " as POLECAT does, JSON and Parquet keep lists. `plover_record` turns a row into the nested
object of PLOVER's JSON data format (`source`/`recipient` actor objects, `event_loc`, `cite_info`).
"""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TextIO

from rasad import __version__
from rasad.entities.kb import KBEntry, load_kb
from rasad.events.english import country_of, english_line, english_name
from rasad.store import Store

CODER = f"rasad {__version__}"
LIST_SEPARATOR = "; "  # POLECAT's separator for several actors in one cell
PARQUET_EXTRA = "parquet"

# PLOVER's quad categories (manual, "Quad categories in PLOVER"); Rasad's REQUEST is PLOVER's DEMAND.
QUAD_CODES: dict[str, int] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),  # verbal cooperation
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),  # material cooperation
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 3),  # verbal conflict
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4),  # material conflict
}

# The knowledge base writes CAMEO's actor-role codes; PLOVER kept them all but one: CAMEO's MED
# (media) is PLOVER's JRN, and PLOVER's MED means health.
PLOVER_SECTORS: dict[str, str] = {"MED": "JRN"}

# Column order of CSV and Parquet; the value type of each column (Parquet schema).
FIELD_TYPES: dict[str, str] = {
    "event_id": "string",
    "event_date": "string",
    "event_type": "string",
    "event_mode": "string",
    "contexts": "string",
    "quad_code": "int",
    "actor_name": "list",
    "actor_id": "list",
    "actor_country": "list",
    "primary_actor_sector": "list",
    "actor_name_raw": "list",
    "recipient_name": "list",
    "recipient_id": "list",
    "recipient_country": "list",
    "primary_recipient_sector": "list",
    "recipient_name_raw": "list",
    "placename": "string",
    "place_id": "string",
    "country": "string",
    "latitude": "float",
    "longitude": "float",
    "geonames_id": "int",
    "feature_type": "string",
    "raw_placename": "string",
    "text": "string",
    "text_start": "int",
    "text_end": "int",
    "language": "string",
    "document_id": "string",
    "publication": "string",
    "url": "string",
    "title": "string",
    "publication_date": "string",
    "link": "string",
    "confidence": "float",
    "english": "string",
    "coder": "string",
}
FIELDS: tuple[str, ...] = tuple(FIELD_TYPES)


class ExportError(RuntimeError):
    """An export cannot be written (a missing optional package, ...)."""


# -- rows ---------------------------------------------------------------------------------------


def iter_event_rows(store: Store, *, lang: str | None = None, since: str | datetime.date | None = None,
                    until: str | datetime.date | None = None) -> Iterator[dict[str, Any]]:
    """One flat row per stored event, documents in publication order.

    `since`/`until` (inclusive, YYYY-MM-DD) filter on the event's date, or, for an event with no
    date, on its document's publication date; an event with neither is left out when either is given.
    """
    low, high = _day(since), _day(until)
    for record in store.iter_records(lang=lang):
        for row in record_event_rows(record):
            if low or high:
                day = (row["event_date"] or row["publication_date"] or "")[:10]
                if not day or (low and day < low) or (high and day > high):
                    continue
            yield row


def record_event_rows(record: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """The rows of one contract record (a `rasad process` line or a stored record)."""
    entities = _by_id(record.get("entities") or [])
    source = record.get("source") or {}
    published = record.get("published") or {}
    for number, event in enumerate(record.get("events") or [], start=1):
        evidence = event.get("evidence") or {}
        span = (evidence.get("start"), evidence.get("end"))
        actors = [_actor(entity_id, entities, span) for entity_id in event.get("source") or []]
        recipients = [_actor(entity_id, entities, span) for entity_id in event.get("target") or []]
        row: dict[str, Any] = {
            "event_id": f"{record['id']}:{event.get('id') or number}",
            "event_date": event.get("date"),
            "event_type": event.get("type"),
            "event_mode": event.get("mode"),
            "contexts": None,  # Rasad codes no PLOVER context yet
            "quad_code": QUAD_CODES.get(event.get("type") or ""),
            **_actor_columns("actor", actors),
            **_actor_columns("recipient", recipients),
            **_place_columns(event.get("place"), entities, span),
            "text": evidence.get("text"),
            "text_start": evidence.get("start"),
            "text_end": evidence.get("end"),
            "language": record.get("lang"),
            "document_id": record["id"],
            "publication": source.get("outlet"),
            "url": source.get("url"),
            "title": record.get("title"),
            "publication_date": published.get("value"),
            "link": record.get("story"),
            "confidence": event.get("confidence"),
            "english": event.get("english") or english_line(event, entities),
            "coder": CODER,
        }
        yield row


def _actor(entity_id: str, entities: Mapping[str, Mapping[str, Any]], span: tuple[Any, Any]) -> dict[str, Any]:
    entry = load_kb().get(entity_id)
    sector = entry.sector if entry else None
    return {
        "id": entity_id,
        "name": english_name(entity_id, entities),
        "country": country_of(entity_id, entities),
        "sector": PLOVER_SECTORS.get(sector, sector) if sector else None,
        "raw": _raw_text(entities.get(entity_id), span),
    }


def _actor_columns(role: str, actors: list[dict[str, Any]]) -> dict[str, list[Any]]:
    return {
        f"{role}_name": [actor["name"] for actor in actors],
        f"{role}_id": [actor["id"] for actor in actors],
        f"{role}_country": [actor["country"] for actor in actors],
        f"primary_{role}_sector": [actor["sector"] for actor in actors],
        f"{role}_name_raw": [actor["raw"] for actor in actors],
    }


def _place_columns(place_id: str | None, entities: Mapping[str, Mapping[str, Any]],
                   span: tuple[Any, Any]) -> dict[str, Any]:
    if not place_id:
        return dict.fromkeys(("placename", "place_id", "country", "latitude", "longitude", "geonames_id",
                              "feature_type", "raw_placename"))
    entry = load_kb().get(place_id)
    latitude, longitude = place_coordinates(entry) or (None, None)
    geonames = place_id.removeprefix("loc:gn:")
    return {
        "placename": english_name(place_id, entities),
        "place_id": place_id,
        "country": country_of(place_id, entities),
        "latitude": latitude,
        "longitude": longitude,
        "geonames_id": int(geonames) if place_id.startswith("loc:gn:") and geonames.isdigit() else None,
        "feature_type": ("country" if entry.is_country else entry.kind) if entry else None,
        "raw_placename": _raw_text(entities.get(place_id), span),
    }


def place_coordinates(entry: KBEntry | None) -> tuple[float, float] | None:
    """A place's coordinates; a country's are its capital's."""
    if entry is None:
        return None
    if entry.coords is None and entry.capital:
        entry = load_kb().get(entry.capital)
    return (float(entry.coords[0]), float(entry.coords[1])) if entry and entry.coords else None


def _raw_text(entity: Mapping[str, Any] | None, span: tuple[Any, Any]) -> str | None:
    """How the article wrote the entity: its mention inside the evidence sentence, else its first."""
    mentions = (entity or {}).get("mentions") or []
    start, end = span
    if isinstance(start, int) and isinstance(end, int):
        for mention in mentions:
            if start <= mention.get("start", -1) and mention.get("end", end + 1) <= end:
                return mention.get("text")
    return mentions[0].get("text") if mentions else None


def _by_id(entities: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    return {entity["id"]: entity for entity in entities if entity.get("id")}


def _day(value: str | datetime.date | None) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.date):
        return value.isoformat()[:10]
    return datetime.date.fromisoformat(value).isoformat()  # raises ValueError on a malformed date


# -- PLOVER JSON ---------------------------------------------------------------------------------


def plover_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row as an event of PLOVER's JSON data format; fields PLOVER lacks are added beside its own."""
    place = None
    if row.get("place_id"):
        # PLOVER's location object takes GeoNames' field names, plus cc3 for the ISO alpha-3 code.
        place = {"geonameid": row.get("geonames_id"), "name": row.get("placename"),
                 "latitude": row.get("latitude"), "longitude": row.get("longitude"), "cc3": row.get("country"),
                 "feature_type": row.get("feature_type"), "id": row["place_id"],
                 "raw_placename": row.get("raw_placename")}
    return {
        "id": row["event_id"],
        "date": row.get("event_date"),
        "event": [row["event_type"]] if row.get("event_type") else [],
        "mode": row.get("event_mode"),
        "context": row.get("contexts"),
        "quad_code": row.get("quad_code"),
        "source": _plover_actors(row, "actor"),
        "recipient": _plover_actors(row, "recipient"),
        "event_loc": place,
        "text": row.get("text"),
        "text_info": {"start": row.get("text_start"), "end": row.get("text_end")},
        "cite_info": {"citation": row.get("document_id"), "url": row.get("url"), "title": row.get("title"),
                      "language": row.get("language"), "publication": row.get("publication"),
                      "publication_date": row.get("publication_date")},
        "link": row.get("link"),
        "coder": row.get("coder"),
        "confidence": row.get("confidence"),
        "english": row.get("english"),
    }


def _plover_actors(row: Mapping[str, Any], role: str) -> list[dict[str, Any]]:
    """PLOVER actor objects: `code` is the country (ISO alpha-3), or IGO for an international body."""
    actors = []
    for index, entity_id in enumerate(row.get(f"{role}_id") or []):
        country = _item(row, f"{role}_country", index)
        sector = _item(row, f"primary_{role}_sector", index)
        actors.append({"code": country or ("IGO" if sector == "IGO" else None), "sector": sector,
                       "actor_text": _item(row, f"{role}_name_raw", index), "identifier_id": entity_id,
                       "identifier_text": _item(row, f"{role}_name", index)})
    return actors


def _item(row: Mapping[str, Any], field: str, index: int) -> Any:
    values = row.get(field) or []
    return values[index] if index < len(values) else None


# -- writers -------------------------------------------------------------------------------------


def write_plover_json(rows: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    """PLOVER JSON Lines: one event object a line, UTF-8 (`ensure_ascii` off). Returns the count."""
    count = 0
    for row in rows:
        out.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(rows: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    """CSV with a header row, columns in `FIELDS` order; lists joined with "; ". Returns the count.

    `out` should be opened with newline="" (the csv module writes the line ends)."""
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({field: _csv_cell(row.get(field)) for field in FIELDS})
        count += 1
    return count


# A spreadsheet runs a cell that starts with one of these as a formula; article text is hostile input.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list):
        if all(item is None for item in value):
            return ""
        value = LIST_SEPARATOR.join("" if item is None else str(item) for item in value)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value  # shown as text, never evaluated (OWASP's advice for CSV injection)
    return "" if value is None else value


def write_parquet(rows: Iterable[Mapping[str, Any]], path: str | Path, *, batch_size: int = 10_000) -> int:
    """A Parquet file with the `FIELDS` columns (lists as list<string>), written in batches so a large
    store needs little memory. Needs pyarrow (the `parquet` extra). Returns the count."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as error:
        raise ExportError(
            f"writing Parquet needs pyarrow: pip install 'rasad[{PARQUET_EXTRA}]' (or pip install pyarrow)"
        ) from error
    arrow_types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(), "list": pa.list_(pa.string())}
    schema = pa.schema([(field, arrow_types[kind]) for field, kind in FIELD_TYPES.items()])
    count = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        batch: list[Mapping[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= batch_size:
                writer.write_table(pa.Table.from_pylist([_only_fields(r) for r in batch], schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist([_only_fields(r) for r in batch], schema=schema))
            count += len(batch)
    return count


def _only_fields(row: Mapping[str, Any]) -> dict[str, Any]:
    return {field: row.get(field) for field in FIELDS}
