"""The article's own publication date, from what its source states.

This module reads ISO values given by metadata (HTML meta tags, JSON Lines `published`), datelines
printed in any calendar (through the date extractor), and chooses among them, keeping out header
dates that are the day the page was fetched (docs/dates.md, "Publication date").
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rasad.record import DateExpr, Hints, Published
from rasad.text.letters import to_latin_digits

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


# --- Datelines and the choice of the publication date (docs/dates.md, "Publication date") ---

# A header date later than every absolute date of the body by more than this is suspected to be the
# day the page was fetched (site chrome), not the article's.
FETCH_GAP_DAYS = 30


@dataclass
class PublishedCandidate:
    """A publication date stated by the page, with where it came from.

    origin: "metadata" (HTML meta tags, JSON Lines `published`: trusted), "dateline" (a date line in
    the article's header block) or "chrome" (a site-wide header line, e.g. a clock with the weekday).
    """

    published: Published
    origin: str = "dateline"


def parse_dateline(raw: str, lang: str) -> Published | None:
    """A dateline or header string → Published (Gregorian ISO value, raw kept, source calendar).

    Takes the first absolute date (with a day) of the line and the clock time beside it:
    "۰۹:۱۵ - ۱۴ اسفند ۱۴۰۱" → 2023-03-05T09:15 (jalali); trailing text (a category after the date,
    "1402/08/13 - 14:05 / بین الملل") is ignored. A line stating the same day in two calendars
    ("الأحد ٣٠ ربيع الأول ١٤٤٥ هـ - ١٥ أكتوبر ٢٠٢٣") gives the Gregorian one: the extractor merges
    them when they agree within a day; otherwise the Gregorian date of the line is preferred, as the
    site's own date (a printed Hijri date may follow a local sighting). ISO strings are read as ISO.
    Returns None when the line states no full date (relative words are not a publication date).
    """
    if not raw or not raw.strip():
        return None
    value = iso_value(raw)
    if value:
        return Published(value=value, raw=raw, calendar="gregorian")
    from rasad.time.extract import extract_dates  # imported here: extract imports this package

    days = [expression for expression in extract_dates(raw, lang, None)
            if not expression.relative and "/" not in expression.value and len(expression.value) >= 10]
    if not days:
        return None
    chosen = next((day for day in days if day.calendar == "gregorian"), days[0])
    value = chosen.value
    if "T" not in value:
        value = _clock_beside(raw, value)
    return Published(value=value, raw=raw.strip(), calendar=chosen.calendar)


_CLOCK = re.compile(r"(?<![\d:])([0-2]?\d):([0-5]\d)(?::[0-5]\d)?(?![\d:])")


def _clock_beside(raw: str, value: str) -> str:
    """A dateline's lone clock time ("1402/12/14 - 09:15") joins its date."""
    clocks = _CLOCK.findall(to_latin_digits(raw))
    if len(clocks) == 1 and int(clocks[0][0]) < 24:
        return f"{value}T{int(clocks[0][0]):02d}:{clocks[0][1]}"
    return value


def looks_like_chrome(raw: str | None) -> bool:
    """A header line with a weekday and a clock, the way site headers print the current time."""
    if not raw:
        return False
    from rasad.time.extract import has_weekday

    return bool(_CLOCK.search(to_latin_digits(raw))) and has_weekday(raw)


def _is_chrome_like(candidate: PublishedCandidate) -> bool:
    return candidate.origin == "chrome" or (candidate.origin != "metadata"
                                            and looks_like_chrome(candidate.published.raw))


def is_fetch_date(candidate: PublishedCandidate, body_dates: list[DateExpr],
                  stated: Sequence[Published] = ()) -> bool:
    """Whether a header date is probably the day the page was fetched, not the article's.

    Only non-metadata candidates are judged. A candidate is a fetch date when it comes from site
    chrome (origin "chrome", or a weekday-and-clock line), the body or another date the page states
    (`stated`: the article's own dateline, metadata) gives at least one absolute date, and the
    candidate is more than FETCH_GAP_DAYS later than every one of them.
    """
    if not _is_chrome_like(candidate):
        return False
    ends = [_last_day(d.value) for d in body_dates if not d.relative]
    ends += [_last_day(other.value) for other in stated]
    ends = [e for e in ends if e is not None]
    if not ends:
        return False
    stated = _last_day(candidate.published.value)
    return stated is not None and (stated - max(ends)).days > FETCH_GAP_DAYS


def choose_published(candidates: Sequence[PublishedCandidate],
                     body_dates: list[DateExpr]) -> Published | None:
    """The article's publication date: metadata first, then datelines, then chrome lines, in that
    order (a dateline that looks like a site clock, weekday and time, comes after the other
    datelines), skipping any that `is_fetch_date` flags against the body's dates and the dates of
    the candidates that are not chrome. None when nothing is left: `published` is never invented,
    and a fetch date never dates the article's events.
    """
    rank = {"metadata": 0, "dateline": 1, "chrome": 3}
    ordered = sorted(candidates, key=lambda c: rank.get(c.origin, 1) + (c.origin == "dateline"
                                                                        and _is_chrome_like(c)))
    article = [c.published for c in ordered if not _is_chrome_like(c)]
    for candidate in ordered:
        if not is_fetch_date(candidate, body_dates, article):
            return candidate.published
    return None


def reference_date(published: Published | None) -> datetime.date | None:
    """The day relative expressions of the article resolve against: its publication day."""
    if published is None or len(published.value) < 10:
        return None
    try:
        return datetime.date.fromisoformat(published.value[:10])
    except ValueError:
        return None


def _last_day(value: str) -> datetime.date | None:
    """The last day a contract value covers (YYYY, YYYY-MM, YYYY-MM-DD[THH:MM], or an interval)."""
    text = value.split("/")[-1]
    try:
        if len(text) == 4:
            return datetime.date(int(text), 12, 31)
        if len(text) == 7:
            year, month = int(text[:4]), int(text[5:7])
            following = datetime.date(year + month // 12, month % 12 + 1, 1)
            return following - datetime.timedelta(days=1)
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        return None
