"""The embedded store: SQLite in WAL mode, a versioned schema, and full-text search over folded keys.

Writes are idempotent (a document's id is derived from its content: the same content is stored
once) and transactional (each document is written whole inside a savepoint, and a chunk commits
together: a failure leaves the store as it was plus only whole documents).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rasad.entities.namekey import name_key
from rasad.record import Document
from rasad.text.keys import search_key

DEFAULT_DB = "rasad.db"


class StoreError(RuntimeError):
    """The database cannot be used (wrong file, newer schema, read-only, ...)."""


# Each migration takes the schema from version N-1 to N. Never edit a released migration: add one.
MIGRATIONS: list[str] = [
    # 1: documents, their paragraphs and sentences, and the search index over folded keys.
    """
    CREATE TABLE documents (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        lang TEXT NOT NULL,
        title TEXT,
        text TEXT NOT NULL,
        outlet TEXT,
        url TEXT,
        path TEXT,
        source_id TEXT,
        published TEXT,
        published_raw TEXT,
        story TEXT,
        record TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX documents_lang ON documents(lang);
    CREATE INDEX documents_outlet ON documents(outlet);
    CREATE INDEX documents_published ON documents(published);
    CREATE TABLE paragraphs (
        doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        lang TEXT NOT NULL,
        PRIMARY KEY (doc, idx)
    ) WITHOUT ROWID;
    CREATE TABLE sentences (
        doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        paragraph INTEGER NOT NULL,
        PRIMARY KEY (doc, idx)
    ) WITHOUT ROWID;
    -- Folded keys (see rasad.text.keys): unicode61 alone would split words at Arabic
    -- diacritics and at ZWNJ and fold none of the letter variants.
    CREATE VIRTUAL TABLE documents_fts USING fts5(title_key, text_key, tokenize = 'unicode61');
    """,
    # 2: entity mentions, and the name keys of every entity met, so a search for a name in any
    # script or in English finds the documents that mention that entity however they spell it.
    """
    CREATE TABLE entity_mentions (
        doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
        entity TEXT NOT NULL,
        type TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        PRIMARY KEY (doc, entity, start)
    ) WITHOUT ROWID;
    CREATE INDEX entity_mentions_entity ON entity_mentions(entity);
    CREATE TABLE entity_names (
        key TEXT NOT NULL,
        entity TEXT NOT NULL,
        PRIMARY KEY (key, entity)
    ) WITHOUT ROWID;
    """,
    # 3: events, one row each, and their actors, so the events of 100k documents can be filtered by
    # type, day, place, actor and country without reading records. `day` is the event's own date,
    # else its document's publication day (what an analyst sorts and filters on); `place_country` and
    # an actor's `country` come from the record's entity; an actor row repeats its event's type and day
    # so that an entity's timeline and latest events are read from one index. Documents already stored
    # are filled here.
    # Also an index on documents(story), for listing stories.
    """
    CREATE TABLE events (
        doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        type TEXT NOT NULL,
        mode TEXT,
        day TEXT,
        place TEXT,
        place_country TEXT,
        PRIMARY KEY (doc, idx)
    ) WITHOUT ROWID;
    CREATE INDEX events_day ON events(day);
    CREATE INDEX events_type_day ON events(type, day);
    CREATE INDEX events_place ON events(place, day, type);
    CREATE INDEX events_place_country ON events(place_country);
    CREATE TABLE event_actors (
        doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        entity TEXT NOT NULL,
        role TEXT NOT NULL,
        country TEXT,
        type TEXT NOT NULL,
        day TEXT,
        PRIMARY KEY (doc, idx, role, entity)
    ) WITHOUT ROWID;
    CREATE INDEX event_actors_entity ON event_actors(entity, day, type);
    CREATE INDEX event_actors_country ON event_actors(country);
    CREATE INDEX documents_story ON documents(story);
    INSERT INTO events (doc, idx, type, mode, day, place, place_country)
    SELECT d.rowid, CAST(e.key AS INTEGER), json_extract(e.value, '$.type'), json_extract(e.value, '$.mode'),
           coalesce(substr(json_extract(e.value, '$.date'), 1, 10), substr(d.published, 1, 10)),
           json_extract(e.value, '$.place'),
           (SELECT json_extract(n.value, '$.country') FROM json_each(d.record, '$.entities') n
            WHERE json_extract(n.value, '$.id') = json_extract(e.value, '$.place') LIMIT 1)
    FROM documents d, json_each(d.record, '$.events') e;
    INSERT OR IGNORE INTO event_actors (doc, idx, entity, role, country, type, day)
    SELECT v.doc, v.idx, a.entity, a.role, a.country, v.type, v.day FROM events v JOIN (
        SELECT d.rowid AS doc, CAST(e.key AS INTEGER) AS idx, x.value AS entity, r.role AS role,
               (SELECT json_extract(n.value, '$.country') FROM json_each(d.record, '$.entities') n
                WHERE json_extract(n.value, '$.id') = x.value LIMIT 1) AS country
        FROM documents d, json_each(d.record, '$.events') e,
             (SELECT 'source' AS role UNION ALL SELECT 'target') r,
             json_each(json_extract(e.value, '$.' || r.role)) x
    ) a ON a.doc = v.doc AND a.idx = v.idx;
    """,
    # 4: stories, so that articles ingested later join the stories already stored: the record
    # (rasad.record.Story), and what joining needs (rasad.stories.cluster.StoryState: entity weights
    # and counts, events, days, the leads' summed embedding).
    """
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        first_day TEXT,
        last_day TEXT,
        documents INTEGER NOT NULL,
        record TEXT NOT NULL,
        state TEXT NOT NULL,
        vector BLOB,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX stories_last_day ON stories(last_day);
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


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


class Store:
    """One SQLite database file. Open with `Store.open(path)`; use as a context manager."""

    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        self.connection = connection
        self.path = path

    @classmethod
    def open(cls, path: str | Path = DEFAULT_DB, *, create: bool = True) -> Store:
        path = str(path)
        if not create and not Path(path).exists():
            raise StoreError(f"{path}: no such database (run 'rasad ingest' first)")
        try:
            connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA busy_timeout = 10000")
            mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal" and path != ":memory:":
                raise StoreError(f"{path}: cannot switch the database to WAL mode")
            connection.execute("PRAGMA synchronous = NORMAL")
            store = cls(connection, path)
            store._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a usable Rasad database ({exc})") from exc
        return store

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    # -- schema -------------------------------------------------------------------------------

    def schema_version(self) -> int:
        return self.connection.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {current} is newer than this Rasad understands "
                f"({SCHEMA_VERSION}); upgrade Rasad"
            )
        for version in range(current + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                for statement in _statements(MIGRATIONS[version - 1]):
                    self.connection.execute(statement)
                self.connection.execute(f"PRAGMA user_version = {version}")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        else:
            self.connection.execute("COMMIT")

    # -- stories ------------------------------------------------------------------------------

    def story_states(self, *, since: str | None, latest: int = 2000) -> list[tuple[str, dict[str, Any], bytes | None]]:
        """Stored stories new documents may join: those whose last day is `since` or later, and the
        `latest` ones (for undated documents), as (id, state, summed vector)."""
        rows = self.connection.execute(
            "SELECT id, state, vector FROM stories WHERE last_day >= ? UNION "
            "SELECT id, state, vector FROM (SELECT id, state, vector FROM stories ORDER BY last_day DESC LIMIT ?)",
            (since or "9999", latest)).fetchall()
        return [(identifier, json.loads(state), vector) for identifier, state, vector in rows]

    def save_stories(self, stories: Iterable[tuple[dict[str, Any], dict[str, Any], bytes | None]]) -> None:
        """Store story records with their joining state; a story already stored takes the union of
        its documents, languages, outlets and timeline (`merge_story`)."""
        with self.transaction():
            for record, state, vector in stories:
                row = self.connection.execute("SELECT record FROM stories WHERE id = ?", (record["id"],)).fetchone()
                if row is not None:
                    record = merge_story(json.loads(row[0]), record)
                self.connection.execute(
                    "INSERT INTO stories (id, title, first_day, last_day, documents, record, state, vector, "
                    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                    "title = excluded.title, first_day = excluded.first_day, last_day = excluded.last_day, "
                    "documents = excluded.documents, record = excluded.record, state = excluded.state, "
                    "vector = excluded.vector, updated_at = excluded.updated_at",
                    (record["id"], record["title"], record["start"], record["end"], len(record["documents"]),
                     json.dumps(record, ensure_ascii=False), json.dumps(state, ensure_ascii=False), vector,
                     datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")))

    def stories(self, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Story records, latest first."""
        rows = self.connection.execute(
            "SELECT record FROM stories ORDER BY last_day IS NULL, last_day DESC, id LIMIT ? OFFSET ?",
            (limit, offset)).fetchall()
        return [json.loads(row[0]) for row in rows]

    def story(self, story_id: str) -> dict[str, Any] | None:
        row = self.connection.execute("SELECT record FROM stories WHERE id = ?", (story_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def count_stories(self) -> int:
        return self.connection.execute("SELECT count(*) FROM stories").fetchone()[0]

    # -- writing ------------------------------------------------------------------------------

    def save(self, documents: Iterable[Document], *, chunk_size: int = 200,
             on_saved: Callable[[Document, str], None] | None = None) -> SaveResult:
        """Store documents; chunks commit together, each document is written whole or not at all.

        `on_saved(document, outcome)` is told 'added', 'updated' or 'unchanged' for each.
        """
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
        outcomes: list[tuple[Document, str]] = []
        with self.transaction():
            for document in chunk:
                outcomes.append((document, self._save_one(document)))
        for document, outcome in outcomes:
            setattr(result, outcome, getattr(result, outcome) + 1)
            if on_saved:
                on_saved(document, outcome)

    def _save_one(self, document: Document) -> str:
        record = document.to_record()
        record_json = json.dumps(record, ensure_ascii=False, sort_keys=True)
        row = self.connection.execute("SELECT rowid, record FROM documents WHERE id = ?",
                                      (document.id,)).fetchone()
        if row is not None and row[1] == record_json:
            return "unchanged"
        self.connection.execute("SAVEPOINT document")
        try:
            if row is not None:
                self._delete_rowid(row[0])
            rowid = self._insert(document, record, record_json, row[0] if row else None)
            self._insert_parts(rowid, document)
        except BaseException:
            self.connection.execute("ROLLBACK TO document")
            self.connection.execute("RELEASE document")
            raise
        self.connection.execute("RELEASE document")
        return "updated" if row is not None else "added"

    def _insert(self, document: Document, record: dict[str, Any], record_json: str, rowid: int | None) -> int:
        published = record["published"]
        cursor = self.connection.execute(
            """INSERT INTO documents (rowid, id, lang, title, text, outlet, url, path, source_id, published,
                                      published_raw, story, record, ingested_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                rowid, document.id, document.lang, document.title, document.text, document.source.outlet,
                document.source.url, document.source.path,
                None if document.source.id is None else str(document.source.id),
                published["value"] if published else None,
                published["raw"] if published else document.hints.published_raw,
                document.story, record_json, datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            ),
        )
        rowid = cursor.lastrowid
        self.connection.execute(
            "INSERT INTO documents_fts (rowid, title_key, text_key) VALUES (?, ?, ?)",
            (rowid, search_key(document.title or ""), search_key(document.text)),
        )
        return rowid

    def _insert_parts(self, rowid: int, document: Document) -> None:
        self.connection.executemany(
            "INSERT INTO paragraphs (doc, idx, start, end, lang) VALUES (?, ?, ?, ?, ?)",
            [(rowid, i, p.start, p.end, p.lang) for i, p in enumerate(document.paragraphs)],
        )
        self.connection.executemany(
            "INSERT INTO sentences (doc, idx, start, end, paragraph) VALUES (?, ?, ?, ?, ?)",
            [(rowid, i, s.start, s.end, s.paragraph) for i, s in enumerate(document.sentences)],
        )
        self.connection.executemany(
            "INSERT OR IGNORE INTO entity_mentions (doc, entity, type, start, end) VALUES (?, ?, ?, ?, ?)",
            [(rowid, e.id, e.type, m.start, m.end) for e in document.entities for m in e.mentions],
        )
        self.connection.executemany(
            "INSERT OR IGNORE INTO entity_names (key, entity) VALUES (?, ?)",
            [(key, e.id) for e in document.entities
             for key in {name_key(name.lower()) for name in [*e.name.values(), *(m.text for m in e.mentions)]}
             if key],
        )
        # The same rows as migration 3 fills for documents stored before it.
        countries = {e.id: e.country for e in document.entities}
        day = document.published.value[:10] if document.published else None
        self.connection.executemany(
            "INSERT INTO events (doc, idx, type, mode, day, place, place_country) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(rowid, i, e.type, e.mode, e.date[:10] if e.date else day, e.place, countries.get(e.place))
             for i, e in enumerate(document.events)],
        )
        self.connection.executemany(
            "INSERT OR IGNORE INTO event_actors (doc, idx, entity, role, country, type, day) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(rowid, i, entity, role, countries.get(entity), e.type, e.date[:10] if e.date else day)
             for i, e in enumerate(document.events)
             for role, actors in (("source", e.source), ("target", e.target)) for entity in actors],
        )

    def _delete_rowid(self, rowid: int) -> None:
        self.connection.execute("DELETE FROM documents_fts WHERE rowid = ?", (rowid,))
        self.connection.execute("DELETE FROM documents WHERE rowid = ?", (rowid,))

    # -- reading ------------------------------------------------------------------------------

    def count(self) -> int:
        return self.connection.execute("SELECT count(*) FROM documents").fetchone()[0]

    def first_id(self) -> str | None:
        row = self.connection.execute("SELECT id FROM documents ORDER BY rowid LIMIT 1").fetchone()
        return row[0] if row else None

    def counts_by_lang(self) -> dict[str, int]:
        rows = self.connection.execute("SELECT lang, count(*) FROM documents GROUP BY lang ORDER BY 2 DESC")
        return dict(rows.fetchall())

    def get_record(self, document_id: str) -> dict[str, Any] | None:
        row = self.connection.execute("SELECT record FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            # Let people type a unique prefix of an id, as with git hashes.
            rows = self.connection.execute(
                "SELECT record FROM documents WHERE id LIKE ? ESCAPE '\\' LIMIT 2",
                (_like_prefix(document_id),),
            ).fetchall()
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
        for (record_json,) in self.connection.execute(sql, params):
            yield json.loads(record_json)

    def search(self, query: str, *, lang: str | None = None, limit: int = 10,
               mark: tuple[str, str] = ("[", "]")) -> list[Hit]:
        terms = query_terms(query)
        if not terms:
            return []
        match = " ".join(f'"{term}"' for term in terms)
        sql = """SELECT d.id, d.lang, d.title, d.outlet, d.published, d.text,
                        bm25(documents_fts, 4.0, 1.0) AS score
                 FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
                 WHERE documents_fts MATCH ?"""
        params: list[Any] = [match]
        if lang:
            sql += " AND d.lang = ?"
            params.append(lang)
        sql += " ORDER BY score LIMIT ?"
        params.append(max(1, min(limit, 1000)))
        hits = self._entity_hits(query, lang, limit, mark)
        seen = {hit.id for hit in hits}
        for doc_id, doc_lang, title, outlet, published, text, score in self.connection.execute(sql, params):
            if doc_id not in seen:
                hits.append(Hit(doc_id, doc_lang, title, outlet, published, -score,
                                snippet(text, terms, mark=mark)))
        return hits[:limit]

    def entities_named(self, query: str) -> set[str]:
        """Ids of the entities a name stands for: names met in stored documents, and the knowledge
        base's names and aliases (so "Zarif" finds per:mohammad-javad-zarif)."""
        from rasad.entities.kb import load_kb

        key = name_key(query.lower())
        if not key:
            return set()
        ids = {row[0] for row in self.connection.execute("SELECT entity FROM entity_names WHERE key = ?", (key,))}
        return ids | {entry.id for entry in load_kb().find(query, exact=True)}

    def _entity_hits(self, query: str, lang: str | None, limit: int, mark: tuple[str, str]) -> list[Hit]:
        """Documents that mention an entity the query names, most mentions first; these rank above
        word matches, since they hold the entity in whatever spelling or language."""
        ids = sorted(self.entities_named(query))
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        sql = f"""SELECT d.id, d.lang, d.title, d.outlet, d.published, d.text,
                         group_concat(m.start || ':' || m.end) AS spans, count(*) AS mentions
                  FROM entity_mentions m JOIN documents d ON d.rowid = m.doc
                  WHERE m.entity IN ({marks}) {"AND d.lang = ?" if lang else ""}
                  GROUP BY d.rowid ORDER BY mentions DESC, d.published DESC LIMIT ?"""
        params: list[Any] = [*ids, *([lang] if lang else []), max(1, min(limit, 1000))]
        hits = []
        for doc_id, doc_lang, title, outlet, published, text, spans, mentions in self.connection.execute(sql, params):
            pairs = sorted(tuple(int(n) for n in pair.split(":")) for pair in spans.split(","))
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
    folded = search_key(query)
    words = "".join(ch if ch.isalnum() else " " for ch in folded).split()
    return words[:32]


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


def _shorten(text: str, start: int, width: int) -> str:
    piece = text[start:start + width].replace("\n", " ")
    return piece + ("…" if start + width < len(text) else "")


def _word_start(text: str, index: int) -> int:
    while 0 < index < len(text) and not text[index - 1].isspace():
        index -= 1
    return index


def _like_prefix(prefix: str) -> str:
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _statements(script: str) -> list[str]:
    """Split a migration into statements (sqlite3's executescript would commit our transaction)."""
    statements, current = [], []
    for line in script.splitlines():
        if line.strip().startswith("--"):
            continue
        current.append(line)
        joined = "\n".join(current)
        if joined.rstrip().endswith(";") and sqlite3.complete_statement(joined):
            statements.append(joined.strip())
            current = []
    if "\n".join(current).strip():
        statements.append("\n".join(current).strip())
    return statements
