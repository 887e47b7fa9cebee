"""Dating by story: an article without a date of its own resolves its relative expressions ("روز
چهارشنبه"، "أمس") against the dated articles of its story. Each dated article's publication day is
tried as the reference, earliest first; the one under which the most expressions land on a day the
story's articles report (their events' days and publication days) wins, the earliest among
equals: the earliest date consistent with the text. The expressions then carry the anchoring
document's id, and the article's events are coded again with the dates found."""

from __future__ import annotations

import datetime
from collections import Counter

from rasad.events.code import code_events
from rasad.record import DateExpr, Document
from rasad.stories.cluster import StoryState
from rasad.time.extract import extract_dates
from rasad.time.publication import reference_date


def anchor_story(documents: list[Document], state: StoryState) -> None:
    """Date the undated documents of one story in place, by the dated documents its state holds
    (this batch's and, for a story already in the store, the earlier ones)."""
    for document in documents:
        anchor_document(document, state)


def anchor_document(document: Document, state: StoryState) -> None:
    """Date one undated document of a story in place (a dated one is left as it is)."""
    if state.dated and reference_date(document.published) is None:
        _anchor(document, sorted(set(state.dated)), Counter(state.reported))


def _anchor(document: Document, references: list[tuple[datetime.date, str]],
            reported: Counter[datetime.date]) -> None:
    best: tuple[int, list[DateExpr], str] | None = None
    for day, document_id in references:
        dates = extract_dates(document.text, document.lang, day)
        relative = [expression for expression in dates if expression.relative]
        if not relative:
            return  # nothing in the text depends on the day it was written
        fit = sum(1 for expression in relative if (value := _day(expression.value)) and reported[value])
        if best is None or fit > best[0]:
            best = (fit, dates, document_id)
    if best is None:
        return
    _, dates, anchor = best
    for expression in dates:
        if expression.relative:
            expression.anchor = anchor
    document.dates = dates
    document.events = code_events(document)


def _day(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None
