"""Exports of the store for other tools: events as PLOVER JSON Lines, CSV or Parquet (see docs/export.md)."""

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

__all__ = [
    "FIELDS",
    "ExportError",
    "english_line",
    "iter_event_rows",
    "plover_record",
    "record_event_rows",
    "write_csv",
    "write_parquet",
    "write_plover_json",
]
