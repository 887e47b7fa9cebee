"""Exports of the store for other tools: events as PLOVER JSON Lines, CSV or Parquet (see docs/export.md);
the whole store as partitioned Parquet tables (docs/scale.md)."""

from rasad.export.events import (
    FIELDS,
    ExportError,
    english_line,
    iter_event_rows,
    plover_record,
    record_event_rows,
    write_csv,
    write_parquet,
    write_plover_json,
)
from rasad.export.partitioned import TABLES, write_partitioned

__all__ = [
    "FIELDS",
    "TABLES",
    "ExportError",
    "english_line",
    "iter_event_rows",
    "plover_record",
    "record_event_rows",
    "write_csv",
    "write_parquet",
    "write_partitioned",
    "write_plover_json",
]
