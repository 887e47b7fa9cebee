"""The pipeline on a Dask distributed cluster (`--dask ADDRESS`).

The client reads the inputs and hands out chunks of documents (the same chunks as a local run, so
the same records); each worker loads the models once (a worker plugin), processes chunks and makes
each document's story signature (MinHash, lead embedding); the processed chunks come back in input
order, one window at a time, into the client's batch stage: only the signatures stay in the client's
memory, the documents wait in its spool on disk (rasad.pipeline.run_stories). Near-duplicate
candidates are found on the cluster (`candidate_groups`: LSH bands keyed, shuffled into hash
partitions, grouped); the client confirms them and assigns stories incrementally (StoryIndex),
against the store's stories when ingesting. See docs/scale.md.

Needs the `dask[distributed]` packages; workers need Rasad installed, at the same version.
"""

from __future__ import annotations

import operator
import os
from collections.abc import Iterable, Iterator
from typing import Any

from rasad.parallel.workers import CHUNKS_AHEAD_PER_WORKER, ordered_map, peak_memory_bytes, process_chunk, start_worker
from rasad.pipeline import ChunkItem
from rasad.record import Document
from rasad.stories.dedup import band_entries, band_ranges, bucket_members, split_bands
from rasad.stories.signature import Signature

DASK_EXTRA = "dask[distributed]"


class ClusterError(RuntimeError):
    """The cluster cannot be used (packages missing, address unreachable)."""


def _warm_up_plugin(settings: dict[str, str]) -> Any:
    from distributed import WorkerPlugin

    class WarmUp(WorkerPlugin):
        """Gives each worker the client's pipeline settings (the entity tagger on or off), then loads the
        models on it as it joins, before its first task."""

        name = "rasad-warm-up"

        def setup(self, worker: Any) -> None:
            os.environ.update(settings)
            start_worker()

    return WarmUp()


def pipeline_settings() -> dict[str, str]:
    """The environment settings a worker's stages must share with the client: whether the entity tagger
    runs, and which (its folder must exist on the worker too)."""
    from rasad.entities.tagged import TAGGER_BACKEND_ENV, TAGGER_DIR_ENV, TAGGER_ENV, tagger_enabled

    settings = {TAGGER_ENV: "1" if tagger_enabled() else "0"}
    settings.update({name: os.environ[name] for name in (TAGGER_DIR_ENV, TAGGER_BACKEND_ENV) if os.environ.get(name)})
    return settings


def _peak_memory_of_worker() -> int:
    return peak_memory_bytes()


class DaskWorkers:
    """Chunks processed on the Dask cluster at `address` (or by an existing `client`).

        with DaskWorkers("tcp://scheduler:8786") as cluster:
            records = process_stream(read_paths(inputs), map_chunks=cluster.map_chunks)
    """

    def __init__(self, address: str | None = None, *, client: Any = None, timeout: float = 30) -> None:
        try:
            from distributed import Client
        except ImportError as error:
            raise ClusterError(f"running on Dask needs its packages: pip install '{DASK_EXTRA}'") from error
        self._own_client = client is None
        try:
            self.client = client if client is not None else Client(address, timeout=timeout)
        except (OSError, TimeoutError) as error:
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {error}") from error
        self.client.register_plugin(_warm_up_plugin(pipeline_settings()))

    def __enter__(self) -> DaskWorkers:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._own_client:
            self.client.close()

    @property
    def threads(self) -> int:
        """Tasks the cluster runs at once (its workers' threads)."""
        return max(1, sum(self.client.nthreads().values()))

    def map_chunks(self, chunks: Iterable[list[Document]], *, signed: bool = False) -> Iterator[list[ChunkItem]]:
        """Each chunk's `process_chunk(chunk, signed)`, in order (a `rasad.pipeline.ChunkMapper`)."""
        def submit(chunk: list[Document]) -> Any:
            return self.client.submit(process_chunk, chunk, signed, pure=False)

        yield from ordered_map(submit, chunks, self.threads * CHUNKS_AHEAD_PER_WORKER)

    def candidate_groups(self, signatures: list[Signature], partitions: int | None = None) -> list[tuple[int, ...]]:
        """Near-duplicate candidates by LSH banding on the cluster (a `rasad.pipeline.CandidateFinder`):
        the signatures' MinHash values go out in slices; one task per slice keys each document's bands
        by (band number, band hash) into `partitions` hash partitions (default: two per worker thread);
        one task per partition gathers that partition's piece of every slice and groups it by key. Only
        the groups of documents sharing a band come back (batch indexes), for the client to confirm:
        the same candidates as datasketch's in-memory LSH, found without one node holding every band."""
        entries = band_entries(signatures)
        if not entries:
            return []
        partitions = partitions or self.threads * CHUNKS_AHEAD_PER_WORKER
        size = -(-len(entries) // partitions)
        slices = self.client.scatter([entries[start:start + size] for start in range(0, len(entries), size)])
        ranges = band_ranges()
        split = [self.client.submit(split_bands, piece, partitions, ranges, pure=False) for piece in slices]
        reduced = [self.client.submit(bucket_members, *[self.client.submit(operator.getitem, pieces, number,
                                                                           pure=False) for pieces in split],
                                      pure=False)
                   for number in range(partitions)]
        return sorted({group for part in self.client.gather(reduced) for group in part})

    def peak_memory(self) -> dict[str, int]:
        """Each worker's peak resident memory (bytes), by worker address."""
        return self.client.run(_peak_memory_of_worker)
