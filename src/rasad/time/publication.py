"""The article's own publication date, from what its source states.

This module reads ISO values given by metadata (HTML meta tags, JSON Lines `published`). Datelines
printed in the Solar Hijri or Hijri calendar are resolved by the date extractor.
"""

from __future__ import annotations

import re

from rasad.record import Hints, Published

# ISO 8601 date or datetime, as metadata writes it: 2023-03-05, 2023-03-05T09:15:00+03:30, ...
_ISO = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})(?:[T ](?P<time>\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?$"
)


def iso_value(raw: str) -> str | None:
    """The contract's value (YYYY-MM-DD or YYYY-MM-DDTHH:MM) of an ISO string, else None.

    A datetime keeps the local time the source printed; its offset is dropped, as the contract's
    value has none.
    """
    match = _ISO.match(raw.strip())
    if not match:
        return None
    date, clock = match.group("date"), match.group("time")
    return f"{date}T{clock}" if clock else date


def split_published(raw: str) -> tuple[str | None, str]:
    """(ISO value or None, raw string) for a `published` field given by the input."""
    return iso_value(raw), raw


def published_from_hints(hints: Hints) -> Published | None:
    if hints.published_value:
        return Published(value=hints.published_value, raw=hints.published_raw, calendar="gregorian")
    return None
