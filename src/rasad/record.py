"""The `rasad process` record as typed objects, and their JSON form.

The contract (shared/contract/README.md, copied as rasad/schema/record.schema.json) is the
project's public API: fields may be added, never renamed or given another meaning. `Document`
also carries working state that stages pass to each other (raw text, paragraphs, sentences,
header hints); only `to_record()` decides what leaves the process.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Source:
    path: str | None = None
    url: str | None = None
    outlet: str | None = None
    # The input's own id (JSON Lines), else its 1-based line number; None for other inputs.
    id: str | int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "url": self.url, "outlet": self.outlet}
        if self.id is not None:
            out["id"] = self.id
        return out


@dataclass
class Published:
    value: str
    raw: str | None
    calendar: str = "gregorian"

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "raw": self.raw, "calendar": self.calendar}


@dataclass
class Span:
    """A stretch of `Document.text`: start/end are code-point offsets, end exclusive."""

    start: int
    end: int


@dataclass
class Paragraph(Span):
    lang: str = "und"


@dataclass
class Sentence(Span):
    paragraph: int = 0


@dataclass
class DateExpr(Span):
    raw: str = ""
    value: str = ""
    calendar: str = "gregorian"
    relative: bool = False
    # A relative expression of an undated article, resolved against the article of its story whose
    # publication day this is (the document id), so the resolution can be audited.
    anchor: str | None = None

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {"start": self.start, "end": self.end, "raw": self.raw, "value": self.value,
                                  "calendar": self.calendar, "relative": self.relative}
        if self.anchor is not None:
            result["anchor"] = self.anchor
        return result


@dataclass
class Mention(Span):
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Entity:
    id: str
    type: str
    name: dict[str, str]
    country: str | None = None
    mentions: list[Mention] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "name": dict(self.name), "country": self.country,
                "mentions": [m.to_dict() for m in self.mentions]}


@dataclass
class Event:
    id: str
    type: str
    mode: str | None
    source: list[str]
    target: list[str]
    date: str | None
    place: str | None
    evidence: Mention
    confidence: float
    english: str = ""  # the event in one English line (rasad.events.english)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "mode": self.mode, "source": list(self.source),
                "target": list(self.target), "date": self.date, "place": self.place,
                "evidence": self.evidence.to_dict(), "confidence": self.confidence, "english": self.english}


@dataclass
class Story:
    """One happening told by several documents, across outlets and languages."""

    id: str
    title: str  # in English, from its main event
    start: str | None  # first and last day of its documents and events, ISO
    end: str | None
    documents: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)  # the key ones: id, English name, documents
    timeline: list[dict[str, Any]] = field(default_factory=list)  # events: date, English line, type, document
    duplicates: dict[str, str] = field(default_factory=dict)  # a copy's id -> the id of the text it copies

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "start": self.start, "end": self.end,
                "documents": list(self.documents), "languages": list(self.languages),
                "outlets": list(self.outlets), "entities": list(self.entities), "timeline": list(self.timeline),
                "duplicates": dict(self.duplicates)}


@dataclass
class Hints:
    """What the reader or the page's header says about the article, before stages decide."""

    title: str | None = None
    published_raw: str | None = None  # the publication date as the input's metadata states it
    published_value: str | None = None  # its ISO value, when the metadata gives one
    datelines: list[str] = field(default_factory=list)  # date lines of the page's header, found by cleaning
    lang: str | None = None  # trusted when given by the input (JSONL `lang`)
    outlet: str | None = None
    news_code: str | None = None
    category: str | None = None


@dataclass
class Document:
    """One article as it flows through the pipeline; stages enrich it in place and return it."""

    source: Source
    raw_text: str
    hints: Hints = field(default_factory=Hints)
    id: str = ""
    lang: str = "und"
    title: str | None = None
    text: str = ""
    published: Published | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    dates: list[DateExpr] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    story: str | None = None
    removed_lines: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.raw_text, self.hints.title)

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source.to_dict(),
            "lang": self.lang,
            "title": self.title,
            "text": self.text,
            "published": self.published.to_dict() if self.published else None,
            "dates": [d.to_dict() for d in self.dates],
            "entities": [e.to_dict() for e in self.entities],
            "events": [e.to_dict() for e in self.events],
            "story": self.story,
        }


def content_id(raw_text: str, title: str | None = None) -> str:
    """Stable id from the article's content: same content, same id, on any run or machine."""
    digest = hashlib.blake2b(digest_size=10)
    digest.update((title or "").strip().encode("utf-8"))
    digest.update(b"\x00")
    digest.update(raw_text.strip().encode("utf-8"))
    return "doc-" + digest.hexdigest()
