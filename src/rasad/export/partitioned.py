"""The store as partitioned Parquet: four tables (documents, entities, events, stories), each a folder
of Hive-style partitions by month (`events/month=2024-03/part-0.parquet`) that pyarrow.dataset,
pandas, DuckDB (`read_parquet('out/events/*/*.parquet', hive_partitioning = true)`) and Spark read
as one table with a `month` column.

A document and its entities fall in its publication month; an event in the month of its own date,
else its document's (as `rasad export events --since` judges it); a story in the month it starts.
Rows without a month go to `month=__HIVE_DEFAULT_PARTITION__`, which those readers read as null.
Rows are written in files of at most `rows_per_file`, so memory stays flat however large the store.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from rasad.export.events import FIELD_TYPES as EVENT_FIELD_TYPES
from rasad.export.events import PARQUET_EXTRA, ExportError, record_event_rows
from rasad.store import Store

TABLES = ("documents", "entities", "events", "stories")
PARTITION_KEYS = ("month", "year")
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"  # Hive's name for a null partition value

DOCUMENT_FIELD_TYPES: dict[str, str] = {
    "id": "string",
    "lang": "string",
    "title": "string",
    "text": "string",
    "published": "string",
    "published_raw": "string",
    "calendar": "string",
    "outlet": "string",
    "url": "string",
    "path": "string",
    "source_id": "string",
    "story": "string",
    "entity_count": "int",
    "event_count": "int",
    "date_count": "int",
}
ENTITY_FIELD_TYPES: dict[str, str] = {
    "document_id": "string",
    "entity_id": "string",
    "type": "string",
    "name_en": "string",
    "name_fa": "string",
    "name_ar": "string",
    "country": "string",
    "mention_count": "int",
    "first_text": "string",
    "first_start": "int",
    "first_end": "int",
    "lang": "string",
    "published": "string",
}
STORY_FIELD_TYPES: dict[str, str] = {
    "story_id": "string",
    "title": "string",
    "start": "string",
    "end": "string",
    "documents": "list",
    "languages": "list",
    "outlets": "list",
    "document_count": "int",
    "duplicate_count": "int",
    "timeline_count": "int",
}
FIELD_TYPES: dict[str, dict[str, str]] = {
    "documents": DOCUMENT_FIELD_TYPES,
    "entities": ENTITY_FIELD_TYPES,
    "events": EVENT_FIELD_TYPES,
    "stories": STORY_FIELD_TYPES,
}


def partition_value(day: str | None, partition_by: str = "month") -> str:
    """The partition a row of this ISO day (or date-time) falls in: '2024-03' by month, '2024' by year."""
    width = 7 if partition_by == "month" else 4
    return day[:width] if day and len(day) >= width and day[:4].isdigit() else NULL_PARTITION


def document_row(record: Mapping[str, Any]) -> dict[str, Any]:
    source = record.get("source") or {}
    published = record.get("published") or {}
    return {
        "id": record["id"], "lang": record.get("lang"), "title": record.get("title"), "text": record.get("text"),
        "published": published.get("value"), "published_raw": published.get("raw"),
        "calendar": published.get("calendar"), "outlet": source.get("outlet"), "url": source.get("url"),
        "path": source.get("path"), "source_id": None if source.get("id") is None else str(source["id"]),
        "story": record.get("story"), "entity_count": len(record.get("entities") or []),
        "event_count": len(record.get("events") or []), "date_count": len(record.get("dates") or []),
    }


def entity_rows(record: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    published = (record.get("published") or {}).get("value")
    for entity in record.get("entities") or []:
        names = entity.get("name") or {}
        mentions = entity.get("mentions") or []
        first = mentions[0] if mentions else {}
        yield {
            "document_id": record["id"], "entity_id": entity.get("id"), "type": entity.get("type"),
            "name_en": names.get("en"), "name_fa": names.get("fa"), "name_ar": names.get("ar"),
            "country": entity.get("country"), "mention_count": len(mentions), "first_text": first.get("text"),
            "first_start": first.get("start"), "first_end": first.get("end"), "lang": record.get("lang"),
            "published": published,
        }


def story_row(record: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "story_id": record["id"], "title": record.get("title"), "start": record.get("start"),
        "end": record.get("end"), "documents": list(record.get("documents") or []),
        "languages": list(record.get("languages") or []), "outlets": list(record.get("outlets") or []),
        "document_count": len(record.get("documents") or []),
        "duplicate_count": len(record.get("duplicates") or {}), "timeline_count": len(record.get("timeline") or []),
    }


def iter_story_records(store: Store, page: int = 500) -> Iterator[dict[str, Any]]:
    offset = 0
    while records := store.stories(limit=page, offset=offset):
        yield from records
        offset += len(records)


class _PartitionedWriter:
    """Rows of one table gathered by partition; each partition's rows written out as a file of
    `rows_per_file` rows (part-0, part-1, ...) whenever it fills, the rest on `close`."""

    def __init__(self, root: Path, table: str, partition_by: str, rows_per_file: int) -> None:
        import pyarrow as pa

        self.pa = pa
        self.folder = root / table
        self.partition_by = partition_by
        self.rows_per_file = rows_per_file
        types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(), "list": pa.list_(pa.string())}
        self.fields = tuple(FIELD_TYPES[table])
        self.schema = pa.schema([(name, types[kind]) for name, kind in FIELD_TYPES[table].items()])
        self.pending: dict[str, list[dict[str, Any]]] = {}
        self.files: dict[str, int] = {}
        self.count = 0

    def add(self, partition: str, row: Mapping[str, Any]) -> None:
        rows = self.pending.setdefault(partition, [])
        rows.append({name: row.get(name) for name in self.fields})
        self.count += 1
        if len(rows) >= self.rows_per_file:
            self._flush(partition)

    def _flush(self, partition: str) -> None:
        import pyarrow.parquet as pq

        rows = self.pending.pop(partition, [])
        if not rows:
            return
        number = self.files.get(partition, 0)
        self.files[partition] = number + 1
        folder = self.folder / f"{self.partition_by}={partition}"
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(self.pa.Table.from_pylist(rows, schema=self.schema), folder / f"part-{number}.parquet")

    def close(self) -> None:
        for partition in list(self.pending):
            self._flush(partition)
        if self.count == 0:  # an empty table is still a table readers can open, with its columns
            import pyarrow.parquet as pq

            self.folder.mkdir(parents=True, exist_ok=True)
            pq.write_table(self.schema.empty_table(), self.folder / "part-0.parquet")


def write_partitioned(store: Store, out: str | Path, *, partition_by: str = "month", lang: str | None = None,
                      tables: Iterable[str] = TABLES, rows_per_file: int = 100_000,
                      overwrite: bool = False) -> dict[str, int]:
    """Write the store's tables under `out` (one folder each, Hive-style partitions by `partition_by`:
    'month' or 'year') and return each table's row count. Stories are all written, whatever `lang`.
    A table folder that exists already is an error unless `overwrite` (then it is replaced)."""
    try:
        import pyarrow  # noqa: F401
    except ImportError as error:
        raise ExportError(
            f"writing Parquet needs pyarrow: pip install 'rasad[{PARQUET_EXTRA}]' (or pip install pyarrow)"
        ) from error
    if partition_by not in PARTITION_KEYS:
        raise ExportError(f"cannot partition by {partition_by!r}: use {' or '.join(PARTITION_KEYS)}")
    tables = [table for table in TABLES if table in set(tables)]
    root = Path(out)
    for table in tables:
        if (root / table).exists():
            if not overwrite:
                raise ExportError(f"{root / table} exists already: give another folder, or overwrite it")
            shutil.rmtree(root / table)
    writers = {table: _PartitionedWriter(root, table, partition_by, rows_per_file) for table in tables}
    if {"documents", "entities", "events"} & set(tables):
        for record in store.iter_records(lang=lang):
            published = (record.get("published") or {}).get("value")
            month = partition_value(published, partition_by)
            if "documents" in writers:
                writers["documents"].add(month, document_row(record))
            if "entities" in writers:
                for row in entity_rows(record):
                    writers["entities"].add(month, row)
            if "events" in writers:
                for row in record_event_rows(record):
                    writers["events"].add(partition_value(row["event_date"] or published, partition_by), row)
    if "stories" in writers:
        for record in iter_story_records(store):
            writers["stories"].add(partition_value(record.get("start"), partition_by), story_row(record))
    for writer in writers.values():
        writer.close()
    return {table: writer.count for table, writer in writers.items()}
