"""Resumable ingest jobs (`rasad ingest --job NAME`): the input is cut into partitions of a fixed
number of documents, in input order; each partition is processed, stored with its stories and then
recorded as finished in a manifest beside the database. A job killed at any point and started again
with the same command skips the finished partitions and redoes the one it was in: the store is
idempotent by content id, so nothing is lost or stored twice.

A partition's stories join the stories already stored (incremental mode), as a later `rasad ingest`
would: a job's stories are those of ingesting its partitions one after another.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasad.ingest import store_with_stories
from rasad.pipeline import (
    CHUNK_SIZE,
    CandidateFinder,
    ChunkItem,
    ChunkMapper,
    run_chunks,
    run_stories,
)
from rasad.read import ReadError, iter_input_files
from rasad.record import Document
from rasad.store import SaveResult, Store, display_name, is_postgres_url

PARTITION_SIZE = 1024
MANIFEST_VERSION = 1
_JOB_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


class JobError(RuntimeError):
    """A job cannot go on (its manifest belongs to other inputs or settings, or cannot be written)."""


def fingerprint(inputs: Iterable[str | Path]) -> list[dict[str, Any]]:
    """What a job's inputs are: every input file with its size and modification time. A resumed job
    must see the same, or its partitions would hold other documents."""
    files = []
    for found in iter_input_files(inputs):
        if isinstance(found, ReadError):
            files.append({"path": found.path, "error": found.reason})
            continue
        stat = found.stat()
        files.append({"path": str(found.resolve()), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns})
    return files


_SETTING_NAMES = {"inputs": "set of inputs", "partition_size": "partition size", "chunk_size": "chunk size",
                  "tagger": "entity tagger setting (--tagger)"}


@dataclass
class JobManifest:
    """The record of one job: its inputs, how they are cut, and which partitions are finished."""

    path: Path
    name: str
    inputs: list[dict[str, Any]]
    partition_size: int = PARTITION_SIZE
    chunk_size: int = CHUNK_SIZE
    tagger: bool = False  # the entity tagger on: a job's partitions must all be processed alike
    done: dict[int, dict[str, int]] = field(default_factory=dict)  # partition -> its counts
    finished: bool = False

    @classmethod
    def for_job(cls, db: str | Path, name: str, inputs: Iterable[str | Path], *,
                partition_size: int = PARTITION_SIZE, chunk_size: int = CHUNK_SIZE,
                tagger: bool = False) -> JobManifest:
        """The manifest of job `name` of the database `db` (`DB.jobs/NAME.json`; for a PostgreSQL URL, a
        folder named by the URL's hash, password left out, under ./.rasad-jobs/): the one recorded, when
        it is for the same inputs and settings, else a new one. Raises JobError when a manifest of that
        name records other inputs or settings."""
        if not _JOB_NAME.fullmatch(name):
            raise JobError(f"job name {name!r}: use letters, digits, '.', '_' and '-'")
        path = _jobs_folder(db) / f"{name}.json"
        manifest = cls(path, name, fingerprint(inputs), partition_size, chunk_size, tagger)
        if not path.exists():
            return manifest
        try:
            recorded = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise JobError(f"cannot read the manifest of job {name!r} ({path}): {error}") from error
        if recorded.get("version") != MANIFEST_VERSION:
            raise JobError(f"{path}: a manifest of another version; start a new job (another --job name)")
        for key, value in (("inputs", manifest.inputs), ("partition_size", partition_size),
                           ("chunk_size", chunk_size), ("tagger", tagger)):
            if recorded.get(key, False if key == "tagger" else None) != value:
                raise JobError(f"job {name!r} was started with another {_SETTING_NAMES.get(key, key)} ({path}); "
                               "run it with the same inputs and options, or start a new job (another --job name)")
        manifest.done = {int(number): counts for number, counts in recorded.get("done", {}).items()}
        manifest.finished = bool(recorded.get("finished"))
        return manifest

    def mark_done(self, partition: int, counts: dict[str, int]) -> None:
        self.done[partition] = counts
        self.save()

    def mark_finished(self) -> None:
        self.finished = True
        self.save()

    def save(self) -> None:
        """Write the manifest whole or not at all (a temporary file renamed over it)."""
        data = {"version": MANIFEST_VERSION, "job": self.name, "inputs": self.inputs,
                "partition_size": self.partition_size, "chunk_size": self.chunk_size, "tagger": self.tagger,
                "done": {str(number): counts for number, counts in sorted(self.done.items())},
                "finished": self.finished}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.path.parent, prefix=".tmp-",
                                             suffix=".json", delete=False) as handle:
                json.dump(data, handle, ensure_ascii=False, indent=1)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(handle.name, self.path)
        except OSError as error:
            raise JobError(f"cannot write the manifest of job {self.name!r} ({self.path}): {error}") from error


@dataclass
class JobResult:
    saved: SaveResult = field(default_factory=SaveResult)
    partitions_done: int = 0  # in this run
    partitions_skipped: int = 0  # finished by an earlier run
    documents_skipped: int = 0


@dataclass
class _PartitionEnd:
    number: int


def ingest_job(store: Store, items: Iterable[Document | ReadError], manifest: JobManifest, *,
               map_chunks: ChunkMapper | None = None, candidates: CandidateFinder | None = None,
               on_error: Callable[[ReadError], None] | None = None,
               on_processed: Callable[[Document], None] | None = None,
               on_saved: Callable[[Document, str], None] | None = None) -> JobResult:
    """Ingest what the readers yield partition by partition, skipping the partitions `manifest`
    records as finished and recording each one this run finishes. Read errors are passed to
    `on_error` (those of finished partitions too: they are the inputs' own). `map_chunks` runs the
    per-document stages elsewhere, `candidates` finds near-duplicate candidates elsewhere (see
    `rasad.pipeline.process_stream`)."""
    result = JobResult()

    def pieces() -> Iterator[list[Document] | ReadError | _PartitionEnd]:
        chunk: list[Document] = []
        number = -1
        count = 0
        for item in items:
            if isinstance(item, ReadError):
                yield item
                continue
            number, position = divmod(count, manifest.partition_size)
            count += 1
            if number in manifest.done:
                result.documents_skipped += 1
                if position == 0:
                    result.partitions_skipped += 1
                continue
            chunk.append(item)
            last_of_partition = position == manifest.partition_size - 1
            if len(chunk) >= manifest.chunk_size or last_of_partition:
                yield chunk
                chunk = []
            if last_of_partition:
                yield _PartitionEnd(number)
        if chunk:
            yield chunk
            yield _PartitionEnd(number)

    processed: list[ChunkItem] = []
    for piece in run_chunks(pieces(), map_chunks, signed=True):
        if isinstance(piece, list):
            processed.extend(piece)
        elif isinstance(piece, ReadError):
            if on_error is not None:
                on_error(piece)
        elif isinstance(piece, _PartitionEnd):
            saved = _store_partition(store, processed, on_error, on_processed, on_saved, candidates)
            for name in ("added", "updated", "unchanged"):
                setattr(result.saved, name, getattr(result.saved, name) + getattr(saved, name))
            manifest.mark_done(piece.number, {"added": saved.added, "updated": saved.updated,
                                              "unchanged": saved.unchanged})
            result.partitions_done += 1
            processed = []
    manifest.mark_finished()
    return result


def _store_partition(store: Store, processed: list[ChunkItem],
                     on_error: Callable[[ReadError], None] | None,
                     on_processed: Callable[[Document], None] | None,
                     on_saved: Callable[[Document, str], None] | None,
                     candidates: CandidateFinder | None) -> SaveResult:
    """A partition whose per-document stages are done: its stories (joined to the stored ones), then
    the store."""
    return store_with_stories(
        store,
        lambda known, found: run_stories(processed, known_stories=known, found_stories=found,
                                         on_processed=on_processed, candidates=candidates),
        on_error=on_error, on_saved=on_saved)


def _jobs_folder(db: str | Path) -> Path:
    """Where a database's job manifests live: beside a SQLite file; for a server URL (which may hold a
    password and names no local place) a local folder named by a hash of the URL without password."""
    text = str(db)
    if not is_postgres_url(text):
        return Path(f"{text}.jobs")
    digest = hashlib.blake2b(display_name(text).encode("utf-8"), digest_size=8).hexdigest()
    return Path(".rasad-jobs") / digest
