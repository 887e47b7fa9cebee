"""Running the pipeline on more than one core: local worker processes (`--workers N`), a Dask
distributed cluster (`--dask ADDRESS`), and resumable ingest jobs (`--job NAME`). See docs/scale.md.

Each runner is a `ChunkMapper` for `rasad.pipeline.process_stream`: it takes the chunks of documents
in input order and gives back each chunk's processed items in the same order, so a run on many
processes yields exactly the records of a run in one. For stories, the chunks come back signed: each
document's story signature (MinHash, lead embedding) is made where it was processed; a Dask cluster
also finds the near-duplicate candidates (LSH bands grouped on the cluster). The story assignment
stays with the caller, over the signatures.
"""

from rasad.parallel.jobs import JobError, JobManifest, ingest_job
from rasad.parallel.workers import LocalWorkers, ordered_map, process_chunk, start_worker, warm_up

__all__ = ["JobError", "JobManifest", "LocalWorkers", "ingest_job", "ordered_map", "process_chunk", "start_worker",
           "warm_up"]
