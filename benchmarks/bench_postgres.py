"""Store ingest rate: PostgreSQL (COPY, a chunk per transaction) against SQLite, on the same documents.

    python benchmarks/bench_postgres.py [--documents 3000] [--chunk-size 200] [--url postgresql://...]

The generated corpus (benchmarks/corpus.py) is processed first, outside the timing (the per-document
stages: language, cleaning, dates, entities, events); then `Store.save` of those documents is timed,
so the figures are the store's alone: record JSON, folded search keys, every table and index, commits.
Without --url (or RASAD_BENCH_POSTGRES) a PostgreSQL server of its own is started in a temporary
folder (rasad.store.pgserver) with PostgreSQL's default durability (fsync and synchronous commit on),
as SQLite runs with its own (WAL, synchronous=NORMAL). Target: PostgreSQL at least 500 documents/s.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_jsonl

TARGET = 500


def processed_documents(count: int, folder: Path) -> list:
    from rasad.pipeline import process_stream
    from rasad.read import ReadError, read_paths

    corpus = write_jsonl(count, folder / "corpus.jsonl")
    started = time.perf_counter()
    documents = [item for item in process_stream(read_paths([corpus]), stories=False)
                 if not isinstance(item, ReadError)]
    for number, document in enumerate(documents):  # stories of four, as a fifth of real news has
        document.story = f"bench-story-{number // 4:05d}" if number % 20 < 4 else None
    print(f"processed {len(documents)} generated documents in {time.perf_counter() - started:.1f} s "
          "(not timed below)")
    return documents


def timed_save(target: str, documents: list, chunk_size: int) -> tuple[float, float]:
    """(documents/s of a first save, documents/s of saving the same documents again: all unchanged)."""
    from rasad.store import Store

    with Store.open(target) as store:
        started = time.perf_counter()
        result = store.save(documents, chunk_size=chunk_size)
        first = time.perf_counter() - started
        assert result.added == len(documents), result
        started = time.perf_counter()
        again = store.save(documents, chunk_size=chunk_size)
        second = time.perf_counter() - started
        assert again.unchanged == len(documents), again
        assert store.count() == len(documents)
    return len(documents) / first, len(documents) / second


def search_latency(target: str, queries: list[str], repeat: int = 5) -> float:
    """Median milliseconds of `Store.search` over the queries."""
    from rasad.store import Store

    times = []
    with Store.open(target) as store:
        for _ in range(repeat):
            for query in queries:
                started = time.perf_counter()
                store.search(query, limit=20)
                times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return times[len(times) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=3000)
    parser.add_argument("--chunk-size", type=int, default=200, help="documents per transaction (rasad ingest: 200)")
    parser.add_argument("--url", default=os.environ.get("RASAD_BENCH_POSTGRES"),
                        help="an empty PostgreSQL database to write to (default: a server of its own)")
    args = parser.parse_args()

    import psycopg

    from rasad.store.pgserver import TemporaryPostgres, with_database

    print(f"machine: {os.cpu_count()} cores (shared with other work: figures vary from run to run)")
    with tempfile.TemporaryDirectory(prefix="rasad-bench-pg-") as folder:
        documents = processed_documents(args.documents, Path(folder))
        rows = sum(len(d.paragraphs) + len(d.sentences) + sum(len(e.mentions) for e in d.entities) + len(d.events)
                   for d in documents)
        print(f"{len(documents)} documents, {rows} part rows (paragraphs, sentences, mentions, events); "
              f"chunks of {args.chunk_size}")
        queries = ["وزیر امور خارجه", "وزير الخارجية", "ظریف", "تحریم", "النفط", "Tehran"]

        sqlite_path = str(Path(folder) / "bench.db")
        sqlite_rate, sqlite_again = timed_save(sqlite_path, documents, args.chunk_size)
        sqlite_search = search_latency(sqlite_path, queries)

        server = None
        if args.url:
            url = args.url
        else:
            server = TemporaryPostgres(durable=True)
            with psycopg.connect(server.start(), autocommit=True) as admin:
                admin.execute("CREATE DATABASE rasad_bench")
            url = with_database(server.url, "rasad_bench")
        try:
            postgres_rate, postgres_again = timed_save(url, documents, args.chunk_size)
            postgres_search = search_latency(url, queries)
        finally:
            if server is not None:
                server.stop()

    print(f"SQLite     ingest: {sqlite_rate:7.0f} documents/s   (re-saving unchanged: {sqlite_again:7.0f}/s)   "
          f"search median {sqlite_search:.1f} ms")
    print(f"PostgreSQL ingest: {postgres_rate:7.0f} documents/s   (re-saving unchanged: {postgres_again:7.0f}/s)   "
          f"search median {postgres_search:.1f} ms")
    verdict = "met" if postgres_rate >= TARGET else "NOT met"
    print(f"target: PostgreSQL ingest at least {TARGET} documents/s: {verdict}")


if __name__ == "__main__":
    main()
