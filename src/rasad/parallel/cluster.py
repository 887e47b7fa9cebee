"""The per-document stages on a Dask distributed cluster (`--dask ADDRESS`).

The client reads the inputs and hands out chunks of documents (the same chunks as a local run, so
the same records); each worker loads the models once (a worker plugin) and processes chunks; the
processed chunks come back in input order, one window at a time, into the client's batch stage:
only the documents' small story signatures stay in the client's memory, the documents wait in its
spool on disk (rasad.pipeline.run_stories), and stories are assigned incrementally (StoryIndex).

Needs the `dask[distributed]` packages; workers need Rasad installed, at the same version.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from rasad.parallel.workers import CHUNKS_AHEAD_PER_WORKER, ordered_map, peak_memory_bytes, process_chunk, warm_up
from rasad.read import ReadError
from rasad.record import Document

DASK_EXTRA = "dask[distributed]"


class ClusterError(RuntimeError):
    """The cluster cannot be used (packages missing, address unreachable)."""


def _warm_up_plugin() -> Any:
    from distributed import WorkerPlugin

    class WarmUp(WorkerPlugin):
        """Loads the models on each worker as it joins, before its first task."""

        name = "rasad-warm-up"

        def setup(self, worker: Any) -> None:
            warm_up()

    return WarmUp()


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
        self.client.register_plugin(_warm_up_plugin())

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

    def map_chunks(self, chunks: Iterable[list[Document]]) -> Iterator[list[Document | ReadError]]:
        def submit(chunk: list[Document]) -> Any:
            return self.client.submit(process_chunk, chunk, pure=False)

        yield from ordered_map(submit, chunks, self.threads * CHUNKS_AHEAD_PER_WORKER)

    def peak_memory(self) -> dict[str, int]:
        """Each worker's peak resident memory (bytes), by worker address."""
        return self.client.run(_peak_memory_of_worker)
