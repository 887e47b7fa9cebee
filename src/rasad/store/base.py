"""What every storage backend shares: the public `Store` interface, the rows a document is written
as, search ranking and snippets, story merging. Each backend (rasad.store.sqlite, rasad.store.postgres)
supplies only its SQL: how to connect, migrate, run a statement, write a chunk of documents, and the
few fragments of query text that differ between dialects (`Dialect`).

SQL written here and in rasad.serve.queries uses `?` placeholders and SQL that SQLite and PostgreSQL
both read the same way (explicit NULLS FIRST/LAST, aliased subqueries, row values); the PostgreSQL
backend turns `?` into its own placeholders.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from rasad.entities.namekey import name_key
from rasad.record import Document
from rasad.text.keys import search_key

DEFAULT_DB = "rasad.db"
POSTGRES_SCHEMES = ("postgresql://", "postgres://")

# The columns of `documents` a backend writes, in this order (its key `rowid` aside).
DOCUMENT_COLUMNS = ("id", "lang", "title", "text", "outlet", "url", "path", "source_id", "published",
                    "published_raw", "story", "record", "ingested_at")
# The tables of a document's parts and their columns (after `doc`, the document's rowid), as the
# fields of `DocumentRows` hold them. `entity_names` has no `doc`: it is shared by every document.
PART_COLUMNS: dict[str, tuple[str, ...]] = {
    "paragraphs": ("idx", "start", "end", "lang"),
    "sentences": ("idx", "start", "end", "paragraph"),
    "entity_mentions": ("entity", "type", "start", "end"),
    "entity_names": ("key", "entity"),
    "events": ("idx", "type", "mode", "day", "place", "place_country"),
    "event_actors": ("idx", "entity", "role", "country", "type", "day"),
}


class StoreError(RuntimeError):
    """The database cannot be used (wrong file, newer schema, read-only, unreachable server, ...)."""


@dataclass
class SaveResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class Hit:
    id: str
    lang: str
    title: str | None
    outlet: str | None
    published: str | None
    score: float
    snippet: str


def is_postgres_url(target: str | Path) -> bool:
    return isinstance(target, str) and target.startswith(POSTGRES_SCHEMES)


def display_name(target: str | Path) -> str:
    """A database's name fit for messages: a URL without its password."""
    target = str(target)
    if not is_postgres_url(target):
        return target
    parts = urlsplit(target)
    if parts.password is not None:
        parts = parts._replace(netloc=f"{parts.username}:***@{parts.netloc.rsplit('@', 1)[-1]}")
    if "password=" in parts.query:
        parts = parts._replace(query=re.sub(r"(^|&)password=[^&]*", r"\1password=***", parts.query))
    return urlunsplit(parts)


class Dialect:
    """Query text that differs between backends; the rest of the SQL is written once."""

    name = "sql"
    # The full-text match, as a FROM clause joined to `documents d` (it holds one `?`: the value of
    # `words_param`), a WHERE clause, and an ORDER BY expression that puts the best match first.
    words_from = ""
    words_where = ""
    words_rank = ""

    def group_concat(self, expression: str, *, distinct: bool = False) -> str:
        raise NotImplementedError

    def words_param(self, terms: list[str]) -> str:
        raise NotImplementedError


@dataclass
class DocumentRows:
    """A document as the rows of every table it is stored in (without the backend's row key)."""

    id: str
    record_json: str
    document: tuple[Any, ...]  # DOCUMENT_COLUMNS
    title_key: str
    text_key: str
    paragraphs: list[tuple[Any, ...]] = field(default_factory=list)  # idx, start, end, lang
    sentences: list[tuple[Any, ...]] = field(default_factory=list)  # idx, start, end, paragraph
    entity_mentions: list[tuple[Any, ...]] = field(default_factory=list)  # entity, type, start, end
    entity_names: list[tuple[Any, ...]] = field(default_factory=list)  # key, entity
    events: list[tuple[Any, ...]] = field(default_factory=list)  # idx, type, mode, day, place, place_country
    event_actors: list[tuple[Any, ...]] = field(default_factory=list)  # idx, entity, role, country, type, day


def record_json(document: Document) -> tuple[dict[str, Any], str]:
    """A document's contract record and the exact text stored for it (sorted keys: the same record
    is the same text, which is how an unchanged document is recognised)."""
    record = document.to_record()
    return record, json.dumps(record, ensure_ascii=False, sort_keys=True)


def document_rows(document: Document, record: dict[str, Any], record_text: str) -> DocumentRows:
    """The rows a document is stored as, the same for every backend. Rows that a table's key would
    refuse twice (one entity mentioned twice at one offset) are kept once, the first."""
    published = record["published"]
    row = (
        document.id, document.lang, document.title, document.text, document.source.outlet,
        document.source.url, document.source.path, None if document.source.id is None else str(document.source.id),
        published["value"] if published else None,
        published["raw"] if published else document.hints.published_raw,
        document.story, record_text, now_stamp(),
    )
    rows = DocumentRows(document.id, record_text, row, search_key(document.title or ""), search_key(document.text))
    rows.paragraphs = [(i, p.start, p.end, p.lang) for i, p in enumerate(document.paragraphs)]
    rows.sentences = [(i, s.start, s.end, s.paragraph) for i, s in enumerate(document.sentences)]
    mentions: dict[tuple[str, int], tuple[Any, ...]] = {}
    for entity in document.entities:
        for mention in entity.mentions:
            mentions.setdefault((entity.id, mention.start), (entity.id, entity.type, mention.start, mention.end))
    rows.entity_mentions = list(mentions.values())
    names = {(key, entity.id) for entity in document.entities
             for key in {name_key(name.lower()) for name in [*entity.name.values(), *(m.text for m in entity.mentions)]}
             if key}
    rows.entity_names = sorted(names)
    # `day` is the event's own date, else its document's publication day (what analysts filter on);
    # countries come from the record's entities.
    countries = {entity.id: entity.country for entity in document.entities}
    day = document.published.value[:10] if document.published else None
    rows.events = [(i, e.type, e.mode, e.date[:10] if e.date else day, e.place, countries.get(e.place))
                   for i, e in enumerate(document.events)]
    actors: dict[tuple[int, str, str], tuple[Any, ...]] = {}
    for i, event in enumerate(document.events):
        for role, entities in (("source", event.source), ("target", event.target)):
            for entity_id in entities:
                actors.setdefault((i, role, entity_id), (i, entity_id, role, countries.get(entity_id), event.type,
                                                         event.date[:10] if event.date else day))
    rows.event_actors = list(actors.values())
    return rows


def now_stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Store:
    """A Rasad database. `Store.open(target)` opens the embedded SQLite file at a path (the default)
    or, for a `postgresql://` URL, a PostgreSQL database; both have the methods below. Use as a
    context manager."""

    dialect: Dialect
    label: str
    # what the backend's driver raises when a write cannot be done (disk full, read-only, connection lost)
    write_errors: tuple[type[BaseException], ...] = ()

    @classmethod
    def open(cls, target: str | Path = DEFAULT_DB, *, create: bool = True) -> Store:
        """Open (creating and migrating when `create`) the database at a path or `postgresql://` URL."""
        if is_postgres_url(target):
            from rasad.store.postgres import PostgresStore

            return PostgresStore.connect(str(target), create=create)
        from rasad.store.sqlite import SQLiteStore

        return SQLiteStore.connect(target, create=create)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- what each backend supplies -----------------------------------------------------------

    def close(self) -> None:
        raise NotImplementedError

    def schema_version(self) -> int:
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager[None]:
        """Statements run inside commit together or not at all."""
        raise NotImplementedError

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run one statement (`?` placeholders)."""
        raise NotImplementedError

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """The rows of one query (`?` placeholders)."""
        raise NotImplementedError

    def iter_query(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """The rows of one query, streamed (for reading the whole store)."""
        yield from self.query(sql, params)

    def _write_chunk(self, chunk: list[Document]) -> list[str]:
        """Write a chunk in one transaction; each document's outcome: 'added', 'updated' or 'unchanged'."""
        raise NotImplementedError

    def query_one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    # -- writing ------------------------------------------------------------------------------

    def save(self, documents: Iterable[Document], *, chunk_size: int = 200,
             on_saved: Callable[[Document, str], None] | None = None) -> SaveResult:
        """Store documents; chunks commit together, each document is written whole or not at all.
        Idempotent by content id. `on_saved(document, outcome)` is told 'added', 'updated' or
        'unchanged' for each."""
        result = SaveResult()
        chunk: list[Document] = []
        for document in documents:
            chunk.append(document)
            if len(chunk) >= chunk_size:
                self._save_chunk(chunk, result, on_saved)
                chunk = []
        if chunk:
            self._save_chunk(chunk, result, on_saved)
        return result

    def _save_chunk(self, chunk: list[Document], result: SaveResult,
                    on_saved: Callable[[Document, str], None] | None) -> None:
        try:
            outcomes = self._write_chunk(chunk)
        except self.write_errors as exc:
            # a full disk, a read-only file or a lost server: the chunk was rolled back whole, and what
            # earlier chunks stored stays
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise StoreError(f"{self.label}: cannot write ({reason}); "
                             f"{result.added + result.updated + result.unchanged} documents of this run were "
                             "stored before it, the rest were not") from exc
        for document, outcome in zip(chunk, outcomes, strict=True):
            setattr(result, outcome, getattr(result, outcome) + 1)
            if on_saved:
                on_saved(document, outcome)

    # -- stories ------------------------------------------------------------------------------

    def story_states(self, *, since: str | None, latest: int = 2000) -> list[tuple[str, dict[str, Any], bytes | None]]:
        """Stored stories new documents may join: those whose last day is `since` or later, and the
        `latest` ones (for undated documents), as (id, state, summed vector)."""
        rows = self.query(
            "SELECT id, state, vector FROM stories WHERE last_day >= ? UNION "
            "SELECT id, state, vector FROM (SELECT id, state, vector FROM stories "
            "ORDER BY last_day DESC NULLS LAST, id LIMIT ?) AS latest ORDER BY 1",
            (since or "9999", latest))
        return [(identifier, json.loads(state), None if vector is None else bytes(vector))
                for identifier, state, vector in rows]

    def save_stories(self, stories: Iterable[tuple[dict[str, Any], dict[str, Any], bytes | None]]) -> None:
        """Store story records with their joining state; a story already stored takes the union of
        its documents, languages, outlets and timeline (`merge_story`)."""
        try:
            self._save_stories(stories)
        except self.write_errors as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise StoreError(f"{self.label}: cannot write the stories ({reason}); the documents are stored, "
                             "and the next ingest of the same input writes their stories") from exc

    def _save_stories(self, stories: Iterable[tuple[dict[str, Any], dict[str, Any], bytes | None]]) -> None:
        with self.transaction():
            self._lock_writes()
            for record, state, vector in stories:
                row = self.query_one("SELECT record FROM stories WHERE id = ?", (record["id"],))
                if row is not None:
                    record = merge_story(json.loads(row[0]), record)
                self.execute(
                    "INSERT INTO stories (id, title, first_day, last_day, documents, record, state, vector, "
                    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                    "title = excluded.title, first_day = excluded.first_day, last_day = excluded.last_day, "
                    "documents = excluded.documents, record = excluded.record, state = excluded.state, "
                    "vector = excluded.vector, updated_at = excluded.updated_at",
                    (record["id"], record["title"], record["start"], record["end"], len(record["documents"]),
                     json.dumps(record, ensure_ascii=False), json.dumps(state, ensure_ascii=False), vector,
                     now_stamp()))

    def _lock_writes(self) -> None:
        """Inside a transaction: wait until no other writer is writing (SQLite's BEGIN IMMEDIATE does)."""

    def stories(self, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Story records, latest first."""
        rows = self.query("SELECT record FROM stories ORDER BY last_day IS NULL, last_day DESC, id LIMIT ? OFFSET ?",
                          (limit, offset))
        return [json.loads(row[0]) for row in rows]

    def story(self, story_id: str) -> dict[str, Any] | None:
        row = self.query_one("SELECT record FROM stories WHERE id = ?", (story_id,))
        return json.loads(row[0]) if row else None

    def count_stories(self) -> int:
        return self.query("SELECT count(*) FROM stories")[0][0]

    # -- reading ------------------------------------------------------------------------------

    def count(self) -> int:
        return self.query("SELECT count(*) FROM documents")[0][0]

    def first_id(self) -> str | None:
        row = self.query_one("SELECT id FROM documents ORDER BY rowid LIMIT 1")
        return row[0] if row else None

    def counts_by_lang(self) -> dict[str, int]:
        return dict(self.query("SELECT lang, count(*) FROM documents GROUP BY lang ORDER BY 2 DESC, 1"))

    def get_record(self, document_id: str) -> dict[str, Any] | None:
        row = self.query_one("SELECT record FROM documents WHERE id = ?", (document_id,))
        if row is None:
            # Let people type a unique prefix of an id, as with git hashes.
            rows = self.query("SELECT record FROM documents WHERE id LIKE ? ESCAPE '\\' LIMIT 2",
                              (_like_prefix(document_id),))
            row = rows[0] if len(rows) == 1 else None
        return json.loads(row[0]) if row else None

    def iter_records(self, *, lang: str | None = None) -> Iterator[dict[str, Any]]:
        """Every stored record, oldest publication first (undated last), optionally of one language."""
        sql = "SELECT record FROM documents"
        params: list[Any] = []
        if lang:
            sql += " WHERE lang = ?"
            params.append(lang)
        sql += " ORDER BY published IS NULL, published, rowid"
        for (text,) in self.iter_query(sql, params):
            yield json.loads(text)

    def search(self, query: str, *, lang: str | None = None, limit: int = 10,
               mark: tuple[str, str] = ("[", "]")) -> list[Hit]:
        """Documents that mention an entity the query names first, then word matches on the folded
        keys, best first (title words weigh four times body words)."""
        terms = query_terms(query)
        if not terms:
            return []
        dialect = self.dialect
        sql = f"""SELECT d.id, d.lang, d.title, d.outlet, d.published, d.text, {dialect.words_rank} AS score
                  FROM {dialect.words_from} WHERE {dialect.words_where}"""
        params: list[Any] = [dialect.words_param(terms)]
        if lang:
            sql += " AND d.lang = ?"
            params.append(lang)
        sql += " ORDER BY score, d.rowid LIMIT ?"
        params.append(max(1, min(limit, 1000)))
        hits = self._entity_hits(query, lang, limit, mark)
        seen = {hit.id for hit in hits}
        for doc_id, doc_lang, title, outlet, published, text, score in self.query(sql, params):
            if doc_id not in seen:
                hits.append(Hit(doc_id, doc_lang, title, outlet, published, -score, snippet(text, terms, mark=mark)))
        return hits[:limit]

    def entities_named(self, query: str) -> set[str]:
        """Ids of the entities a name stands for: names met in stored documents, and the knowledge
        base's names and aliases (so "Zarif" finds per:mohammad-javad-zarif)."""
        from rasad.entities.kb import load_kb

        key = name_key(query.lower())
        if not key:
            return set()
        ids = {row[0] for row in self.query("SELECT entity FROM entity_names WHERE key = ?", (key,))}
        return ids | {entry.id for entry in load_kb().find(query, exact=True)}

    def _entity_hits(self, query: str, lang: str | None, limit: int, mark: tuple[str, str]) -> list[Hit]:
        """Documents that mention an entity the query names, most mentions first; these rank above
        word matches, since they hold the entity in whatever spelling or language."""
        ids = sorted(self.entities_named(query))
        if not ids:
            return []
        spans = self.dialect.group_concat("m.start || ':' || m.end")
        sql = f"""SELECT d.id, d.lang, d.title, d.outlet, d.published, d.text, {spans} AS spans, count(*) AS mentions
                  FROM entity_mentions m JOIN documents d ON d.rowid = m.doc
                  WHERE m.entity IN ({marks(ids)}) {"AND d.lang = ?" if lang else ""}
                  GROUP BY d.rowid ORDER BY mentions DESC, d.published DESC NULLS LAST, d.rowid LIMIT ?"""
        params: list[Any] = [*ids, *([lang] if lang else []), max(1, min(limit, 1000))]
        hits = []
        for doc_id, doc_lang, title, outlet, published, text, found, mentions in self.query(sql, params):
            pairs = sorted(tuple(int(n) for n in pair.split(":")) for pair in found.split(","))
            hits.append(Hit(doc_id, doc_lang, title, outlet, published, 1000.0 + mentions,
                            marked_snippet(text, pairs, mark=mark)))
        return hits


def merge_story(stored: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """A stored story record with a later batch's summary of it folded in."""
    def union(field: str) -> list[Any]:
        return sorted(set(stored.get(field, [])) | set(new.get(field, [])))

    documents = list(dict.fromkeys([*stored["documents"], *new["documents"]]))
    counts: dict[str, dict[str, Any]] = {}
    for entity in [*stored.get("entities", []), *new.get("entities", [])]:
        kept = counts.setdefault(entity["id"], dict(entity, documents=0))
        kept["documents"] += entity["documents"]
    timeline = list({(item["date"], item["type"], item["english"]): item
                     for item in [*stored.get("timeline", []), *new.get("timeline", [])]}.values())
    timeline.sort(key=lambda item: (item["date"] is None, item["date"] or ""))
    days = [day for day in (stored.get("start"), stored.get("end"), new.get("start"), new.get("end")) if day]
    generic = stored["title"].startswith(("News on ", "Untitled"))
    return {
        "id": stored["id"], "title": new["title"] if generic else stored["title"],
        "start": min(days) if days else None, "end": max(days) if days else None, "documents": documents,
        "languages": union("languages"), "outlets": union("outlets"),
        "entities": sorted(counts.values(), key=lambda entity: -entity["documents"])[:len(stored["entities"]) or 8],
        "timeline": timeline, "duplicates": {**stored.get("duplicates", {}), **new.get("duplicates", {})},
    }


def query_terms(query: str) -> list[str]:
    """The folded words of a query; quotes and FTS5 operators lose their meaning (no injection)."""
    return key_words(search_key(query))[:32]


def key_words(folded: str) -> list[str]:
    """The words of a folded key: runs of letters and digits (what a query is split into)."""
    return "".join(ch if ch.isalnum() else " " for ch in folded).split()


def snippet(text: str, terms: list[str], *, width: int = 160, mark: tuple[str, str] = ("[", "]")) -> str:
    """A window of the original text around the first match, with matched words marked.

    Matching runs on the folded key and is mapped back to the original characters, so a query in
    Persian spelling highlights the Arabic spelling in the text, and the reverse.
    """
    from rasad.text.keys import search_key_with_offsets

    key, offsets = search_key_with_offsets(text)
    spans: list[tuple[int, int]] = []
    for term in terms:
        start = 0
        while (found := key.find(term, start)) != -1:
            end = found + len(term)
            before_ok = found == 0 or not key[found - 1].isalnum()
            if before_ok:
                # Extend to the end of the word: the index matches whole tokens, show the whole word.
                while end < len(key) and key[end].isalnum():
                    end += 1
                if end - found == len(term):
                    spans.append((offsets[found], offsets[end - 1] + 1))
            start = found + 1
    return marked_snippet(text, spans, width=width, mark=mark)


def marked_snippet(text: str, spans: list[tuple[int, int]], *, width: int = 160,
                   mark: tuple[str, str] = ("[", "]")) -> str:
    """A window of `text` around the first of `spans`, each span within it marked."""
    spans = sorted(spans)
    if not spans:
        return _shorten(text, 0, width)
    first = spans[0][0]
    window_start = max(0, first - width // 3)
    window_start = _word_start(text, window_start)
    window_end = min(len(text), window_start + width)
    pieces: list[str] = ["…" if window_start > 0 else ""]
    cursor = window_start
    for start, end in spans:
        if start < cursor or end > window_end:
            continue
        pieces.append(text[cursor:start])
        pieces.append(mark[0] + text[start:end] + mark[1])
        cursor = end
    pieces.append(text[cursor:window_end])
    if window_end < len(text):
        pieces.append("…")
    return "".join(pieces).replace("\n", " ")


def marks(values: Sequence[Any]) -> str:
    """Placeholders for an IN list of these values."""
    return ",".join("?" * len(values))


def _shorten(text: str, start: int, width: int) -> str:
    piece = text[start:start + width].replace("\n", " ")
    return piece + ("…" if start + width < len(text) else "")


def _word_start(text: str, index: int) -> int:
    while 0 < index < len(text) and not text[index - 1].isspace():
        index -= 1
    return index


def _like_prefix(prefix: str) -> str:
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
