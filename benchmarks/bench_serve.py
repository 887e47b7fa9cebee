"""Latency of the HTTP API behind the search, entity and events pages, over 100,000 documents.

    python benchmarks/bench_serve.py [--documents 100000] [--requests 300] [--db PATH] [--rebuild]

The store is generated: the sample articles (samples/) are processed once by the real pipeline,
cut into sentences with the entities, dates and events found in each, and recombined into new
documents (3 to 7 sentences of one language) with varied publication dates, outlets and stories,
saved through `Store.save`. It is kept at --db (default: the temporary folder) and reused while it
holds the asked number of documents. The server runs in this process (uvicorn on 127.0.0.1, one
worker) and is asked over HTTP by one client, one request at a time; the figures are wall-clock
per request, the client's JSON decoding included. Target: p95 under 100 ms for each kind.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GENERATOR_VERSION = 1


@dataclass
class Piece:
    """One sentence of a sample article with the facts found in it (offsets relative to it)."""

    lang: str
    text: str
    entities: dict[str, tuple] = field(default_factory=dict)  # id -> (type, name, country)
    mentions: list[tuple[str, int, int]] = field(default_factory=list)
    dates: list = field(default_factory=list)
    events: list = field(default_factory=list)


def sample_pieces() -> tuple[dict[str, list[Piece]], dict[str, list[str]], dict[str, tuple]]:
    from rasad.api import process_paths

    pieces: dict[str, list[Piece]] = {}
    outlets: dict[str, set[str]] = {}
    known: dict[str, tuple] = {}
    for document in process_paths([ROOT / "samples"]):
        if document.lang not in ("fa", "ar"):
            continue
        if document.source.outlet:
            outlets.setdefault(document.lang, set()).add(document.source.outlet)
        for entity in document.entities:
            known[entity.id] = (entity.type, dict(entity.name), entity.country)
        for sentence in document.sentences:
            start, end = sentence.start, sentence.end
            piece = Piece(document.lang, document.text[start:end])
            for entity in document.entities:
                for mention in entity.mentions:
                    if start <= mention.start and mention.end <= end:
                        piece.mentions.append((entity.id, mention.start - start, mention.end - start))
                        piece.entities[entity.id] = known[entity.id]
            for date in document.dates:
                if start <= date.start and date.end <= end:
                    moved = deepcopy(date)
                    moved.start, moved.end = date.start - start, date.end - start
                    piece.dates.append(moved)
            for event in document.events:
                if start <= event.evidence.start and event.evidence.end <= end:
                    moved = deepcopy(event)
                    moved.evidence.start, moved.evidence.end = event.evidence.start - start, event.evidence.end - start
                    piece.events.append(moved)
            pieces.setdefault(document.lang, []).append(piece)
    return pieces, {lang: sorted(names) for lang, names in outlets.items()}, known


def generate(count: int, seed: int = 11) -> Iterator:
    """`count` processed Documents recombined from the samples' sentences. Deterministic by seed."""
    import datetime

    from rasad.record import Document, Entity, Mention, Paragraph, Published, Sentence, Source

    pieces, outlets, known = sample_pieces()
    rng = random.Random(seed)
    first_day = datetime.date(2019, 1, 1)
    for number in range(count):
        lang = "fa" if number % 5 < 2 else "ar"
        chosen = rng.sample(pieces[lang], k=min(len(pieces[lang]), rng.randint(3, 7)))
        day = first_day + datetime.timedelta(days=rng.randrange(6 * 365))
        published = f"{day.isoformat()}T{rng.randrange(24):02d}:{rng.randrange(60):02d}"
        text_parts, sentences, mentions, dates, events = [], [], {}, [], []
        offset = 0
        for piece in chosen:
            text_parts.append(piece.text)
            sentences.append(Sentence(offset, offset + len(piece.text), 0))
            for entity_id, start, end in piece.mentions:
                mentions.setdefault(entity_id, []).append(Mention(offset + start, offset + end, piece.text[start:end]))
            for date in piece.dates:
                moved = deepcopy(date)
                moved.start, moved.end = date.start + offset, date.end + offset
                moved.value = (day - datetime.timedelta(days=rng.randrange(3))).isoformat()
                dates.append(moved)
            for event in piece.events:
                moved = deepcopy(event)
                moved.id = f"ev{len(events) + 1}"
                moved.evidence.start, moved.evidence.end = event.evidence.start + offset, event.evidence.end + offset
                moved.date = (day - datetime.timedelta(days=rng.randrange(3))).isoformat() if event.date else None
                events.append(moved)
            offset += len(piece.text) + 1
        text = " ".join(text_parts)
        referenced = set(mentions) | {actor for event in events for actor in [*event.source, *event.target]}
        referenced |= {event.place for event in events if event.place}
        entities = []
        for entity_id in sorted(referenced):
            entity_type, names, country = known[entity_id]
            entities.append(Entity(entity_id, entity_type, dict(names), country,
                                   sorted(mentions.get(entity_id, []), key=lambda m: m.start)))
        outlet = rng.choice(outlets[lang])
        document = Document(source=Source(path=f"generated/{number}.txt", outlet=outlet), raw_text=text,
                            id=f"doc-gen-{number:06d}")
        document.lang, document.text, document.title = lang, text, chosen[0].text[:90]
        document.published = Published(published, None)
        document.paragraphs = [Paragraph(0, len(text), lang)]
        document.sentences = sentences
        document.dates, document.entities, document.events = dates, entities, events
        document.story = f"gen-story-{number // 4:05d}" if number % 20 < 4 else None  # stories of 4, a fifth of all
        yield document


def build_store(path: Path, count: int) -> None:
    from rasad.store import Store

    path.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    with Store.open(path) as store:
        store.save(generate(count), chunk_size=1000)
        store.connection.execute("PRAGMA optimize")
        total = store.count()
        events = store.connection.execute("SELECT count(*) FROM events").fetchone()[0]
    print(f"built {path}: {total} documents, {events} events in {time.perf_counter() - started:.0f} s")


def store_ready(path: Path, count: int) -> bool:
    if not path.exists():
        return False
    from rasad.store import Store

    with Store.open(path) as store:
        return store.count() == count


# -- requests -----------------------------------------------------------------------------------


def request_plan(path: Path, per_kind: int, seed: int = 5) -> dict[str, list[tuple[str, dict]]]:
    """Varied requests of each kind, drawn from what the store holds."""
    from rasad.entities.kb import load_kb
    from rasad.store import Store

    rng = random.Random(seed)
    with Store.open(path) as store:
        connection = store.connection
        entities = [row[0] for row in connection.execute(
            "SELECT entity FROM entity_mentions GROUP BY entity ORDER BY count(*) DESC LIMIT 200")]
        outlets = [row[0] for row in connection.execute("SELECT DISTINCT outlet FROM documents LIMIT 50")]
        words = [row[0] for row in connection.execute(
            "SELECT text FROM documents WHERE rowid % 997 = 0 LIMIT 100")]
        types = [row[0] for row in connection.execute("SELECT DISTINCT type FROM events")]
        countries = [row[0] for row in connection.execute(
            "SELECT DISTINCT country FROM event_actors WHERE country IS NOT NULL LIMIT 40")]
        places = [row[0] for row in connection.execute(
            "SELECT place FROM events WHERE place IS NOT NULL GROUP BY place ORDER BY count(*) DESC LIMIT 40")]
    kb = load_kb()
    vocabulary = [word for text in words for word in text.split() if len(word) > 3][:3000]
    names = []
    for entity_id in entities[:60]:
        entry = kb.get(entity_id)
        if entry:
            names += [value for value in (entry.name_en, entry.name.get("fa"), entry.name.get("ar")) if value]

    def dates() -> dict:
        year = rng.randint(2019, 2024)
        return {"since": f"{year}-01-01", "until": f"{year}-{rng.randint(1, 12):02d}-28"}

    search, entity, events = [], [], []
    for _ in range(per_kind):
        query = rng.choice(vocabulary) if rng.random() < 0.6 else rng.choice(names)
        if rng.random() < 0.3:
            query += " " + rng.choice(vocabulary)
        params: dict = {"q": query}
        roll = rng.random()
        if roll < 0.2:
            params["lang"] = rng.choice(["fa", "ar"])
        elif roll < 0.35:
            params.update(dates())
        elif roll < 0.45:
            params["outlet"] = rng.choice(outlets)
        elif roll < 0.55:
            params["event_type"] = rng.choice(types)
        search.append(("/api/search", params))
        if rng.random() < 0.75:
            entity.append((f"/api/entities/{rng.choice(entities[:50] if rng.random() < 0.5 else entities)}", {}))
        else:
            entity.append(("/api/entities", {"q": rng.choice(names)}))
        params = {}
        choices = (("type", 0.4, types), ("actor", 0.3, entities), ("country", 0.2, countries),
                   ("place", 0.15, places), ("lang", 0.15, ["fa", "ar"]))
        for name, chance, values in choices:
            if rng.random() < chance:
                params[name] = rng.choice(values)
        if rng.random() < 0.3:
            params.update(dates())
        if rng.random() < 0.2:
            params["offset"] = rng.choice([50, 100, 500])
        events.append(("/api/events", params))
    return {"search": search, "entity": entity, "events": events}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300, help="requests of each kind")
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    path = args.db or Path(tempfile.gettempdir()) / f"rasad-bench-serve-{args.documents}-v{GENERATOR_VERSION}.db"
    if args.rebuild or not store_ready(path, args.documents):
        build_store(path, args.documents)
    else:
        print(f"reusing {path} ({args.documents} documents; --rebuild to make it anew)")

    import httpx

    from rasad.serve import create_app
    from rasad.serve.background import serving

    plan = request_plan(path, args.requests)
    figures: dict[str, list[float]] = {}
    failures = 0
    with serving(create_app(path)) as base, httpx.Client(base_url=base, timeout=30) as client:
        for url, params in [*plan["search"][:10], *plan["entity"][:10], *plan["events"][:10]]:  # warm up
            client.get(url, params=params)
        for kind, requests in plan.items():
            for url, params in requests:
                started = time.perf_counter()
                response = client.get(url, params=params)
                response.json()
                figures.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
                failures += response.status_code != 200

    print(f"\n{args.documents} documents; {args.requests} requests of each kind, one at a time, over HTTP on 127.0.0.1")
    print(f"{'kind':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} {'mean ms':>8}   target p95 < 100 ms")
    worst = 0.0
    for kind, values in figures.items():
        p95 = percentile(values, 0.95)
        worst = max(worst, p95)
        print(f"{kind:>8} {percentile(values, 0.5):>8.1f} {p95:>8.1f} {percentile(values, 0.99):>8.1f} "
              f"{max(values):>8.1f} {statistics.mean(values):>8.1f}   {'ok' if p95 < 100 else 'OVER'}")
    if failures:
        print(f"{failures} requests failed")
    sys.exit(0 if worst < 100 and not failures else 1)


if __name__ == "__main__":
    main()
