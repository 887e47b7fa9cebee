"""`rasad serve`: the HTTP API (FastAPI, OpenAPI at /docs) and the web UI, one app.

Article text is hostile input. The API returns data as JSON only; the UI (static/) builds its DOM
with textContent. Pages get a Content-Security-Policy allowing only this server's own scripts and
styles, SQL takes bound parameters only (queries.py), request bodies are capped, CORS is off unless
origins are given, and `POST /api/ingest` is refused unless a token is configured.
"""

from __future__ import annotations

import hmac
import io
import json
import os
import re
import sqlite3
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rasad import __version__
from rasad.serve import queries
from rasad.serve.queries import DocumentFilters, EventFilters
from rasad.store import Store, is_postgres_url

STATIC_DIR = Path(__file__).parent / "static"
TOKEN_ENV = "RASAD_INGEST_TOKEN"
MAX_BODY_BYTES = 20 * 1024 * 1024  # an ingest of a few hundred articles; every other request is a GET
MAX_UPLOAD_FILES = 200
FACETS_TTL_S = 30.0
PAGE_PATHS = ("/", "/documents/{document_id}", "/entities/{entity_id}", "/events", "/map", "/stories",
              "/stories/{story_id}")

# Pages may run and load only this server's files; nothing else, no inline code, no framing.
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# /docs is FastAPI's Swagger page: its own inline start-up script, assets served from here (fastapi-offline).
DOCS_CSP = ("default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'")

Day = Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD, inclusive")]
Lang = Annotated[str | None, Query(pattern=r"^[a-z]{2,3}$", description="ISO 639-1 code: fa, ar, ...")]
Text = Annotated[str | None, Query(max_length=200)]
Limit = Annotated[int, Query(ge=1, le=queries.MAX_PAGE)]
Offset = Annotated[int, Query(ge=0, le=100_000)]
EventType = Annotated[str | None, Query(pattern=r"^[A-Z]{2,16}$", description="A PLOVER event type, e.g. CONSULT")]


def _store(request: Request) -> Store:
    return request.app.state.connections.get()


def _event_filters(type: EventType = None, actor: Text = None,
                   country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")] = None,
                   since: Day = None, until: Day = None, place: Text = None, lang: Lang = None,
                   document: Text = None) -> EventFilters:
    return EventFilters(type, actor, country, since, until, place, lang, document)


StoreDep = Annotated[Store, Depends(_store)]
Filters = Annotated[EventFilters, Depends(_event_filters)]


class BodyLimit:
    """Refuse request bodies over `max_bytes` (413), by their Content-Length or, when streamed
    without one, as the bytes arrive."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await _too_large(send, self.max_bytes)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _BodyTooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _BodyTooLarge:
            await _too_large(send, self.max_bytes)


class _BodyTooLarge(Exception):
    pass


async def _too_large(send: Send, max_bytes: int) -> None:
    body = json.dumps({"detail": f"request body over {max_bytes} bytes"}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


# Seconds one SQL statement may run for a request before it is stopped (the answer is then 503):
# a pathological query must not hold a server thread. RASAD_QUERY_SECONDS overrides.
QUERY_SECONDS = float(os.environ.get("RASAD_QUERY_SECONDS", "15"))


def _limit_statements(connection: sqlite3.Connection, seconds: float) -> None:
    """Stop any statement on this connection that runs longer than `seconds`: the trace callback marks
    each statement's start, the progress handler (every few thousand VM steps) interrupts it once too
    old, which SQLite reports as an OperationalError("interrupted")."""
    started = [time.monotonic()]

    def mark(_statement: str) -> None:
        started[0] = time.monotonic()

    connection.set_trace_callback(mark)
    connection.set_progress_handler(lambda: int(time.monotonic() - started[0] > seconds), 20_000)


class StoreConnections:
    """For SQLite, one connection per worker thread (a connection is not shared across threads), all
    on one database file; for PostgreSQL, one store whose pool of connections the threads share.
    Writes (ingest) take a lock so that they run one at a time."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._local = threading.local()
        self._opened: list[Store] = []
        self._lock = threading.Lock()
        self._shared: Store | None = None
        self.write_lock = threading.Lock()

    def get(self) -> Store:
        if is_postgres_url(self.path):
            with self._lock:
                if self._shared is None:
                    self._shared = Store.open(self.path)
                    self._opened.append(self._shared)
                return self._shared
        store = getattr(self._local, "store", None)
        if store is None:
            store = Store.open(self.path)
            _limit_statements(store.connection, QUERY_SECONDS)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    @contextmanager
    def own(self) -> Iterator[Store]:
        """A store for work that outlives a request's thread (a streamed response): a connection of
        its own for SQLite, the shared pool for PostgreSQL."""
        if is_postgres_url(self.path):
            yield self.get()
            return
        with Store.open(self.path) as store:
            yield store

    def close(self) -> None:
        with self._lock:
            for store in self._opened:
                store.close()
            self._opened.clear()


def create_app(db: str | Path, *, ingest_token: str | None = None, cors_origins: list[str] | None = None,
               max_body_bytes: int = MAX_BODY_BYTES) -> FastAPI:
    """The app over the store at `db` (created when missing). `ingest_token` (default: the
    RASAD_INGEST_TOKEN environment variable) enables `POST /api/ingest`; `cors_origins` enables CORS
    for those origins only."""
    from fastapi_offline import FastAPIOffline

    token = ingest_token if ingest_token is not None else os.environ.get(TOKEN_ENV) or None
    Store.open(db).close()  # create or migrate the file now, not on the first request
    connections = StoreConnections(db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        connections.close()

    app = FastAPIOffline(
        lifespan=lifespan,
        title="Rasad", version=__version__, static_url="/static/docs",
        description="Persian and Arabic news as structured records: documents, full-text search in either "
                    "language and spelling, entities, events and stories. The web UI is at /.",
        favicon_url="/static/favicon.svg",
    )
    app.state.connections = connections
    facet_cache: dict[str, Any] = {}

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Any]]) -> Any:
        response = await call_next(request)
        docs = request.url.path.startswith(("/docs", "/redoc"))
        response.headers["Content-Security-Policy"] = DOCS_CSP if docs else PAGE_CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)

    @app.exception_handler(ValueError)
    async def bad_value(_request: Request, exc: ValueError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.exception_handler(sqlite3.OperationalError)
    async def stopped_query(_request: Request, exc: sqlite3.OperationalError) -> JSONResponse:
        if "interrupted" not in str(exc):
            raise exc
        return JSONResponse({"detail": f"the query took longer than {QUERY_SECONDS:g} s; narrow it "
                                       "(a date range, a language, an entity)"}, status_code=503)

    # -- documents and search -----------------------------------------------------------------

    @app.get("/api/documents", tags=["documents"])
    def list_documents(store: StoreDep, lang: Lang = None, outlet: Text = None, since: Day = None,
                       until: Day = None, entity: Text = None, event_type: EventType = None, story: Text = None,
                       limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
        """Documents, newest publication first, with filters."""
        filters = DocumentFilters(lang, outlet, since, until, entity, event_type, story)
        return queries.list_documents(store, filters, limit=limit, offset=offset)

    @app.get("/api/documents/{document_id}", tags=["documents"])
    def get_document(store: StoreDep, document_id: str) -> dict[str, Any]:
        """One record (the `rasad process` contract) with its entity, date and event spans in text
        order, and the other documents of its story."""
        view = queries.document_view(store, document_id[:64])
        if view is None:
            raise HTTPException(404, f"no document {document_id!r}")
        return view

    @app.get("/api/search", tags=["documents"])
    def search(store: StoreDep, q: Annotated[str, Query(max_length=500, description="Words in Persian, Arabic or "
                                                        "English; any spelling")],
               lang: Lang = None, outlet: Text = None, since: Day = None, until: Day = None, entity: Text = None,
               event_type: EventType = None, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
        """Full-text search in either language and spelling. Snippets mark matched words between
        U+E000 and U+E001. `entities` lists the knowledge-base entities the query names."""
        filters = DocumentFilters(lang, outlet, since, until, entity, event_type)
        return queries.search_documents(store, q, filters, limit=limit, offset=offset)

    @app.get("/api/facets", tags=["documents"])
    def facets(store: StoreDep) -> dict[str, Any]:
        """Languages, outlets and event types with their counts (for filter menus)."""
        cached = facet_cache.get("value")
        if cached is None or time.monotonic() - facet_cache["at"] > FACETS_TTL_S:
            cached = queries.facets(store)
            facet_cache.update(value=cached, at=time.monotonic())
        return cached

    # -- entities -----------------------------------------------------------------------------

    @app.get("/api/entities", tags=["entities"])
    def find_entities(store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=200)],
                      limit: Limit = 20) -> dict[str, Any]:
        """Entities a name refers to, in any script or English, with how many documents mention each."""
        return {"query": q, "items": queries.find_entities(store, q, limit=limit)}

    @app.get("/api/entities/{entity_id}", tags=["entities"])
    def get_entity(store: StoreDep, entity_id: str) -> dict[str, Any]:
        """An entity with its events per month and type, recent events, co-occurring entities and
        actor network."""
        view = queries.entity_view(store, entity_id[:200])
        if view is None:
            raise HTTPException(404, f"no entity {entity_id!r}")
        return view

    # -- events -------------------------------------------------------------------------------

    @app.get("/api/events", tags=["events"])
    def list_events(store: StoreDep, filters: Filters, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Events, latest day first. `actor` and `place` take an entity id or a name; `country` an
        ISO alpha-3 code (of an actor or of the place); `total` is counted up to 10,000."""
        return queries.list_events(store, filters, limit=limit, offset=offset)

    @app.get("/api/events/export", tags=["events"])
    def export_events(filters: Filters, format: Annotated[str, Query(pattern="^(csv|jsonl)$")] = "csv"
                      ) -> StreamingResponse:
        """Every matching event, as CSV or PLOVER JSON Lines: the columns and objects of
        `rasad export events` (docs/export.md)."""
        from rasad.export import write_plover_json

        def lines() -> Iterator[str]:
            # its own connection: the response streams after this worker thread has moved on
            with connections.own() as own:
                for rows in _batches(queries.iter_export_rows(own, filters), 200):
                    buffer = io.StringIO()
                    if format == "csv":
                        _csv_rows(rows, buffer)
                    else:
                        write_plover_json(rows, buffer)
                    yield buffer.getvalue()

        media = "text/csv; charset=utf-8" if format == "csv" else "application/x-ndjson; charset=utf-8"
        name = f"rasad-events.{format}"
        return StreamingResponse(_with_csv_header(lines(), format), media_type=media,
                                 headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @app.get("/api/events/places", tags=["events"])
    def event_places(store: StoreDep, filters: Filters,
                     limit: Annotated[int, Query(ge=1, le=5000)] = 500) -> dict[str, Any]:
        """Places of the matching events with counts and coordinates (for the map)."""
        return {"items": queries.event_places(store, filters, limit=limit)}

    # -- stories ------------------------------------------------------------------------------

    @app.get("/api/stories", tags=["stories"])
    def list_stories(store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Stories, latest activity first."""
        return queries.list_stories(store, limit=limit, offset=offset)

    @app.get("/api/stories/{story_id}", tags=["stories"])
    def get_story(store: StoreDep, story_id: str) -> dict[str, Any]:
        """A story's documents in publication order across outlets and languages, with their events."""
        view = queries.story_view(store, story_id[:200])
        if view is None:
            raise HTTPException(404, f"no story {story_id!r}")
        return view

    # -- ingest -------------------------------------------------------------------------------

    @app.post("/api/ingest", tags=["ingest"], openapi_extra=_INGEST_OPENAPI)
    async def ingest(request: Request) -> dict[str, Any]:
        """Process articles into the store: a JSON list of articles (the fields of a `rasad process`
        JSON Lines input: text or html, title, url, outlet, published, lang, id), or `{"articles": [...]}`,
        or files uploaded as multipart `files`. Off unless the server has a token; then send
        `Authorization: Bearer TOKEN`."""
        if not token:
            raise HTTPException(403, f"ingest is disabled: start the server with --token or {TOKEN_ENV}")
        given = request.headers.get("authorization", "")
        if not given.startswith("Bearer ") or not hmac.compare_digest(given[7:].encode(), token.encode()):
            raise HTTPException(401, "a valid 'Authorization: Bearer TOKEN' header is required",
                                headers={"WWW-Authenticate": "Bearer"})
        content_type = request.headers.get("content-type", "")
        with tempfile.TemporaryDirectory(prefix="rasad-ingest-") as folder:
            if content_type.startswith("application/json"):
                try:
                    body = json.loads(await request.body())
                except ValueError as exc:
                    raise HTTPException(400, f"not JSON: {exc}") from exc
                articles = body.get("articles") if isinstance(body, dict) else body
                if not isinstance(articles, list) or not all(isinstance(item, dict) for item in articles):
                    raise HTTPException(422, "send a list of article objects, or {\"articles\": [...]}")
                with open(Path(folder) / "articles.jsonl", "w", encoding="utf-8") as handle:
                    for article in articles:
                        handle.write(json.dumps(article, ensure_ascii=False) + "\n")
            elif content_type.startswith("multipart/form-data"):
                await _save_uploads(request, Path(folder))
            else:
                raise HTTPException(415, "send application/json or multipart/form-data")
            result = await run_in_threadpool(_ingest_folder, connections, Path(folder))
        facet_cache.clear()
        return result

    # -- pages --------------------------------------------------------------------------------

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    def page() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html; charset=utf-8")

    for path in PAGE_PATHS:
        app.add_api_route(path, page, methods=["GET"], include_in_schema=False)

    return app


_INGEST_OPENAPI: dict[str, Any] = {
    "requestBody": {
        "content": {
            "application/json": {"schema": {"type": "array", "items": {"type": "object"}}},
            "multipart/form-data": {"schema": {"type": "object", "properties": {
                "files": {"type": "array", "items": {"type": "string", "format": "binary"}}}}},
        },
        "required": True,
    },
    "security": [{"bearer": []}],
}


async def _save_uploads(request: Request, folder: Path) -> None:
    try:
        form = await request.form(max_files=MAX_UPLOAD_FILES)
    except AssertionError as exc:  # Starlette asserts python-multipart is installed
        raise HTTPException(415, "multipart uploads need the python-multipart package") from exc
    uploads = [value for key, value in form.multi_items() if key == "files" and hasattr(value, "read")]
    if not uploads:
        raise HTTPException(422, "no 'files' in the form")
    for number, upload in enumerate(uploads):
        # The client's name without its folders, in safe characters: its suffix tells the reader the format.
        name = re.sub(r"[^\w.\-]", "_", Path(upload.filename or "file").name)[-80:].lstrip(".") or "file"
        (folder / f"{number:04d}-{name}").write_bytes(await upload.read())
    await form.close()


def _ingest_folder(connections: StoreConnections, folder: Path) -> dict[str, Any]:
    from rasad.ingest import ingest
    from rasad.read import ReadError, read_paths

    failed: list[str] = []
    ids: list[str] = []

    def read() -> Iterator[Any]:
        for item in read_paths([folder]):
            if not isinstance(item, ReadError) and item.source.path:
                # Not the temporary folder: the same article sent twice must store unchanged.
                item.source.path = "upload/" + Path(item.source.path).name
            yield item

    with connections.write_lock:
        result = ingest(connections.get(), read(),
                        on_error=lambda item: failed.append(str(item).replace(str(folder) + os.sep, "")),
                        on_processed=lambda document: ids.append(document.id))
    return {"added": result.added, "updated": result.updated, "unchanged": result.unchanged, "ids": ids,
            "failed": failed}


def _batches(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _csv_rows(rows: list[dict[str, Any]], out: io.StringIO) -> None:
    """CSV rows without the header (written once, first)."""
    from rasad.export import write_csv

    scratch = io.StringIO()
    write_csv(rows, scratch)
    out.write(scratch.getvalue().split("\n", 1)[1])


def _with_csv_header(chunks: Iterator[str], format: str) -> Iterator[str]:
    """A CSV download starts with its header even when no event matches."""
    from rasad.export import write_csv

    if format != "csv":
        yield from chunks
        return
    header = io.StringIO()
    write_csv([], header)
    yield header.getvalue()
    yield from chunks
