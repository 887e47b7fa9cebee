"""The embedded store: SQLite in WAL mode, a versioned schema, and full-text search (FTS5) over folded keys.

Writes are idempotent (a document's id is derived from its content: the same content is stored
once) and transactional (each document is written whole inside a savepoint, and a chunk commits
together: a failure leaves the store as it was plus only whole documents). What is not SQLite's own
(the rows a document becomes, search ranking, snippets, stories) lives in rasad.store.base.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rasad.record import Document
from rasad.store.base import (
    DEFAULT_DB,
    DOCUMENT_COLUMNS,
    PART_COLUMNS,
    Dialect,
    DocumentRows,
    Hit,
    SaveResult,
    Store,
    StoreError,
    document_rows,
    marked_snippet,
    merge_story,
    query_terms,
    record_json,
    snippet,
)

# Names other modules import from here (the store was SQLite-only before rasad.store.base).
__all__ = ["DEFAULT_DB", "MIGRATIONS", "SCHEMA_VERSION", "Hit", "SQLiteStore", "SaveResult", "Store", "StoreError",
           "marked_snippet", "merge_story", "query_terms", "snippet"]


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


class SQLiteDialect(Dialect):
    name = "sqlite"
    words_from = "documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
    words_where = "documents_fts MATCH ?"
    words_rank = "bm25(documents_fts, 4.0, 1.0)"  # lower is better; title weighs 4x

    def group_concat(self, expression: str, *, distinct: bool = False) -> str:
        return f"group_concat({'DISTINCT ' if distinct else ''}{expression})"

    def words_param(self, terms: list[str]) -> str:
        # Each term quoted: FTS5 operators in a query are words, not syntax.
        return " ".join(f'"{term}"' for term in terms)


class SQLiteStore(Store):
    """One SQLite database file (WAL mode). Open with `Store.open(path)`; use as a context manager."""

    # disk full, read-only file or folder, disk I/O error, locked too long: all OperationalError
    write_errors = (sqlite3.OperationalError,)

    dialect = SQLiteDialect()

    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        self.connection = connection
        self.path = path
        self.label = path

    @classmethod
    def connect(cls, path: str | Path = DEFAULT_DB, *, create: bool = True) -> SQLiteStore:
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

    # -- statements ---------------------------------------------------------------------------

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.connection.execute(sql, params)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.connection.execute(sql, params).fetchall()

    def iter_query(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        yield from self.connection.execute(sql, params)

    # -- writing ------------------------------------------------------------------------------

    def _write_chunk(self, chunk: list[Document]) -> list[str]:
        with self.transaction():
            return [self._save_one(document) for document in chunk]

    def _save_one(self, document: Document) -> str:
        record, text = record_json(document)
        row = self.connection.execute("SELECT rowid, record FROM documents WHERE id = ?",
                                      (document.id,)).fetchone()
        if row is not None and row[1] == text:
            return "unchanged"
        rows = document_rows(document, record, text)
        self.connection.execute("SAVEPOINT document")
        try:
            if row is not None:
                self._delete_rowid(row[0])
            rowid = self._insert(rows, row[0] if row else None)
            self._insert_parts(rowid, rows)
        except BaseException:
            self.connection.execute("ROLLBACK TO document")
            self.connection.execute("RELEASE document")
            raise
        self.connection.execute("RELEASE document")
        return "updated" if row is not None else "added"

    def _insert(self, rows: DocumentRows, rowid: int | None) -> int:
        """The document's row (keeping its old `rowid` when it replaces itself) and its search keys."""
        cursor = self.connection.execute(
            f"INSERT INTO documents (rowid, {', '.join(DOCUMENT_COLUMNS)}) "
            f"VALUES (?, {', '.join('?' * len(DOCUMENT_COLUMNS))})", (rowid, *rows.document))
        rowid = cursor.lastrowid
        self.connection.execute("INSERT INTO documents_fts (rowid, title_key, text_key) VALUES (?, ?, ?)",
                                (rowid, rows.title_key, rows.text_key))
        return rowid

    def _insert_parts(self, rowid: int, rows: DocumentRows) -> None:
        for table, columns in PART_COLUMNS.items():
            values = getattr(rows, table)
            if table == "entity_names":  # shared by every document that names the entity
                self.connection.executemany("INSERT OR IGNORE INTO entity_names (key, entity) VALUES (?, ?)", values)
                continue
            self.connection.executemany(
                f"INSERT INTO {table} (doc, {', '.join(columns)}) VALUES (?, {', '.join('?' * len(columns))})",
                [(rowid, *value) for value in values])

    def _delete_rowid(self, rowid: int) -> None:
        self.connection.execute("DELETE FROM documents_fts WHERE rowid = ?", (rowid,))
        self.connection.execute("DELETE FROM documents WHERE rowid = ?", (rowid,))


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
