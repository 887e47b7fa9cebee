"""The `rasad` command line: argument parsing and printing only; the work is in the pipeline.

Exit codes (also in the README):
  0  every input was read and processed
  1  some inputs failed (each named on stderr); the others were processed and written
  2  usage error (unknown option, missing argument)
  3  nothing could be done: no input was usable, or the database or output cannot be used
  4  `show`: no record with that id; `entities search`: no entity of that name
"""

from __future__ import annotations

import datetime
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from tqdm import tqdm

from rasad.ingest import ingest as ingest_into
from rasad.pipeline import CHUNK_SIZE, CandidateFinder, ChunkMapper, process_stream
from rasad.read import ReadError, read_paths
from rasad.record import Document
from rasad.store import DEFAULT_DB, Store, StoreError, display_name, is_postgres_url

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_FATAL, EXIT_NOT_FOUND = 0, 1, 2, 3, 4

app = typer.Typer(
    name="rasad",
    help="Rasad: Persian and Arabic news into structured, searchable records, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

Inputs = Annotated[list[Path], typer.Argument(help="Files or folders (walked recursively, in sorted order).",
                                              show_default=False)]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print no progress bar or summary.")]
# A path or a URL: typed str, since a Path would turn "postgresql://h/db" into "postgresql:/h/db".
DbPath = Annotated[str, typer.Option("--db", help="SQLite database file, or a PostgreSQL URL "
                                     "(postgresql://USER:PASSWORD@HOST:PORT/DBNAME).")]
Workers = Annotated[int, typer.Option("--workers", "-w", min=1, help="Run the per-document stages on this many "
                                      "local processes (same records as one; docs/scale.md).")]
DaskAddress = Annotated[str | None, typer.Option(
    "--dask", metavar="ADDRESS", help="Run the per-document stages on the Dask cluster whose scheduler is here "
    "(tcp://host:8786); needs dask[distributed].")]
ChunkSize = Annotated[int, typer.Option("--chunk-size", min=1, help="Documents processed together (site chrome is "
                                        "found within a chunk); a run's records depend on it.")]
UseTagger = Annotated[bool, typer.Option(
    "--tagger", envvar="RASAD_TAGGER", show_envvar=True,
    help="Also find entities with the neural tagger: the long tail of names the knowledge base lacks, at many "
    "times the cost of every other stage (docs/tagger.md).")]


def _use_tagger(enabled: bool) -> None:
    """Turn the entity tagger on for this process and the workers it starts, loading it once now, so that
    a missing model is one clear error, not one per document."""
    if not enabled:
        return
    from rasad.entities.tagged import TaggerUnavailable, enable_tagger, load_tagger

    enable_tagger()
    try:
        load_tagger()
    except TaggerUnavailable as exc:
        _fail(str(exc))


class _Run:
    """Counts and reports what happens to the inputs of one command."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.documents = 0
        self.failures = 0
        self.progress = tqdm(
            desc="documents", unit=" doc", file=sys.stderr, leave=False,
            # A bar is for people watching a terminal; logs and pipes get none.
            disable=quiet or not sys.stderr.isatty(),
        )

    def documents_of(self, inputs: list[Path], chunk_size: int = CHUNK_SIZE,
                     runner: _ChunkRunner | None = None) -> Iterator[Document]:
        runner = runner or _ChunkRunner()
        for item in process_stream(read_paths(inputs), chunk_size, on_processed=self.processed,
                                   map_chunks=runner.map_chunks, candidates=runner.candidates):
            if isinstance(item, ReadError):
                self.failed(item)
                continue
            yield item

    def processed(self, document: Document) -> None:
        self.documents += 1
        self.progress.update()

    def failed(self, error: ReadError) -> None:
        self.failures += 1
        self.progress.clear()
        print(f"rasad: {error}", file=sys.stderr)

    def close(self) -> None:
        self.progress.close()

    def exit_code(self) -> int:
        if self.documents == 0 and self.failures:
            return EXIT_FATAL
        return EXIT_SOME_FAILED if self.failures else EXIT_OK


@dataclass(frozen=True)
class _ChunkRunner:
    """Where the per-document stages run (`map_chunks`: None for here) and where near-duplicate
    candidates are found (`candidates`: None for in memory, here)."""

    map_chunks: ChunkMapper | None = None
    candidates: CandidateFinder | None = None


@contextmanager
def _chunk_runner(workers: int, dask: str | None) -> Iterator[_ChunkRunner]:
    """Where the per-document stages run: here, on local worker processes, or on Dask (which also bands
    the near-duplicate LSH on the cluster)."""
    if dask and workers > 1:
        raise typer.BadParameter("give --workers or --dask, not both", param_hint="'--workers'")
    if dask:
        from rasad.parallel.cluster import ClusterError, DaskWorkers

        try:
            cluster = DaskWorkers(dask)
        except ClusterError as exc:
            _fail(str(exc))
        with cluster:
            yield _ChunkRunner(cluster.map_chunks, cluster.candidate_groups)
    elif workers > 1:
        from rasad.parallel import LocalWorkers

        with LocalWorkers(workers) as pool:
            yield _ChunkRunner(pool.map_chunks)
    else:
        yield _ChunkRunner()


@app.command()
def process(
    inputs: Inputs,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write JSON Lines here (default: stdout).")] = None,
    quiet: Quiet = False,
    workers: Workers = 1,
    dask: DaskAddress = None,
    chunk_size: ChunkSize = CHUNK_SIZE,
    tagger: UseTagger = False,
) -> None:
    """Process articles and write one JSON record per document (the contract's format)."""
    _use_tagger(tagger)
    run = _Run(quiet)
    try:
        handle = out.open("w", encoding="utf-8") if out else sys.stdout
    except OSError as exc:
        _fail(f"cannot write {out}: {exc.strerror or exc}")
    try:
        with _chunk_runner(workers, dask) as runner:
            for document in run.documents_of(inputs, chunk_size, runner):
                handle.write(json.dumps(document.to_record(), ensure_ascii=False) + "\n")
    finally:
        run.close()
        if out:
            handle.close()
    if not quiet and out:
        print(f"rasad: wrote {run.documents} records to {out}; {run.failures} inputs failed", file=sys.stderr)
    raise typer.Exit(run.exit_code())


@app.command()
def ingest(
    inputs: Inputs,
    db: DbPath = DEFAULT_DB,
    quiet: Quiet = False,
    workers: Workers = 1,
    dask: DaskAddress = None,
    chunk_size: ChunkSize = CHUNK_SIZE,
    job: Annotated[str | None, typer.Option(
        "--job", metavar="NAME", help="A resumable job: partitions are stored one by one and recorded in "
        "DB.jobs/NAME.json; run the same command again after a failure to go on where it stopped.")] = None,
    partition_size: Annotated[int, typer.Option(
        "--partition-size", min=1, help="With --job: documents per partition (stored, then recorded, "
        "together).")] = 1024,
    tagger: UseTagger = False,
) -> None:
    """Process articles into the store (idempotent: the same content is stored once)."""
    from rasad.parallel import JobError, JobManifest, ingest_job

    _use_tagger(tagger)
    run = _Run(quiet)
    skipped = ""
    try:
        manifest = JobManifest.for_job(db, job, inputs, partition_size=partition_size,
                                       chunk_size=chunk_size, tagger=tagger) if job else None
        with Store.open(db) as store, _chunk_runner(workers, dask) as runner:
            if manifest is not None:
                outcome = ingest_job(store, read_paths(inputs), manifest, map_chunks=runner.map_chunks,
                                     candidates=runner.candidates, on_error=run.failed, on_processed=run.processed)
                result = outcome.saved
                if outcome.partitions_skipped:
                    skipped = (f" Skipped {outcome.documents_skipped} documents in {outcome.partitions_skipped} "
                               f"partitions finished before (job {job}).")
            else:
                result = ingest_into(store, read_paths(inputs), on_error=run.failed, on_processed=run.processed,
                                     chunk_size=chunk_size, map_chunks=runner.map_chunks,
                                     candidates=runner.candidates)
            total, by_lang = store.count(), store.counts_by_lang()
            example_id = store.first_id()
    except (StoreError, JobError) as exc:
        _fail(str(exc))
    finally:
        run.close()
    if not quiet:
        if skipped:
            print(skipped.strip())
        langs = ", ".join(f"{lang} {count}" for lang, count in by_lang.items())
        print(f"Ingested {run.documents} documents into {db}: {result.added} added, {result.updated} updated, "
              f"{result.unchanged} unchanged; {run.failures} inputs failed.")
        print(f"The store holds {total} documents ({langs}).")
        if example_id:
            prog = _program_name()
            print("Next, try:")
            print(f"  {prog} search ظریف --db {db}             # Persian spelling; finds ظريف in Arabic too")
            print(f"  {prog} search 'وزير الخارجية' --lang ar --db {db}")
            print(f"  {prog} search Zarif --db {db}             # an entity in English: every spelling, both languages")
            print(f"  {prog} show {example_id} --db {db}   # one record, as JSON")
            print(f"  {prog} process samples/ --out records.jsonl")
    raise typer.Exit(run.exit_code())


@app.command()
def stories(
    db: DbPath = DEFAULT_DB,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many stories, latest first.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print the story records as JSON Lines.")] = False,
) -> None:
    """List the stored stories, latest first: days, languages, outlets, documents and an English title."""
    try:
        with Store.open(db, create=False) as store:
            records, total = store.stories(limit=limit), store.count_stories()
    except StoreError as exc:
        _fail(str(exc))
    for record in records:
        if as_json:
            print(json.dumps(record, ensure_ascii=False))
            continue
        days = record["start"] if record["start"] == record["end"] else f"{record['start']} – {record['end']}"
        print(f"{record['id']}  {days or 'undated'}  {len(record['documents'])} docs  "
              f"{'+'.join(record['languages'])}  {record['title']}")
        for item in record["timeline"][:5]:
            print(f"    {item['english']}")
    if not as_json and total > len(records):
        print(f"({len(records)} of {total} stories in {db}; --limit shows more)", file=sys.stderr)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words in Persian, Arabic or English; any spelling.")],
    db: DbPath = DEFAULT_DB,
    lang: Annotated[str | None, typer.Option("--lang", help="Only documents in this language (fa, ar, ...).")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=1000, help="How many hits.")] = 10,
) -> None:
    """Full-text search: ranked hits with a highlighted snippet."""
    color = sys.stdout.isatty()
    mark = ("\033[1;33m", "\033[0m") if color else ("[", "]")
    try:
        with Store.open(db, create=False) as store:
            hits = store.search(query, lang=lang, limit=limit, mark=mark)
    except StoreError as exc:
        _fail(str(exc))
    if not hits:
        print("No documents match.", file=sys.stderr)
        return
    for rank, hit in enumerate(hits, start=1):
        meta = " · ".join(part for part in (hit.lang, hit.outlet, hit.published) if part)
        print(f"{rank}. {hit.id}  {hit.title or '(no title)'}  [{meta}]")
        print(f"   {hit.snippet}")


@app.command()
def show(
    document_id: Annotated[str, typer.Argument(metavar="ID", help="A record id (or a unique prefix of one).")],
    db: DbPath = DEFAULT_DB,
) -> None:
    """Print one stored record as JSON."""
    try:
        with Store.open(db, create=False) as store:
            record = store.get_record(document_id)
    except StoreError as exc:
        _fail(str(exc))
    if record is None:
        print(f"rasad: no record with id {document_id!r} in {db}", file=sys.stderr)
        raise typer.Exit(EXIT_NOT_FOUND)
    print(json.dumps(record, ensure_ascii=False, indent=2))


entities_app = typer.Typer(help="The knowledge base of persons, organisations and places.", no_args_is_help=True)
app.add_typer(entities_app, name="entities")


@entities_app.command("search")
def entities_search(
    name: Annotated[str, typer.Argument(help="A name in Persian, Arabic or English, whole or in part.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Most entities to list.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line instead of a table.")] = False,
) -> None:
    """List the knowledge-base entities a name refers to, with their ids."""
    from rasad.entities.kb import load_kb

    found = load_kb().find(name, limit=limit)
    if not found:
        print(f"rasad: no entity named {name!r}", file=sys.stderr)
        raise typer.Exit(EXIT_NOT_FOUND)
    for entry in found:
        if as_json:
            print(json.dumps({"id": entry.id, "type": entry.type, "name": entry.name, "country": entry.country},
                             ensure_ascii=False))
        else:
            names = " / ".join(entry.name[lang] for lang in ("fa", "ar") if entry.name.get(lang))
            print(f"{entry.id}\t{entry.type}\t{entry.name_en}\t{names}\t{entry.country or '-'}")


export_app = typer.Typer(help="Export stored data for other tools.", no_args_is_help=True,
                         invoke_without_command=True)
app.add_typer(export_app, name="export")


class ExportFormat(StrEnum):
    plover_json = "plover-json"
    csv = "csv"
    parquet = "parquet"


class TableFormat(StrEnum):
    parquet = "parquet"


class PartitionBy(StrEnum):
    month = "month"
    year = "year"


@export_app.callback()
def export_store(
    context: typer.Context,
    export_format: Annotated[TableFormat | None, typer.Option(
        "--format", "-f", case_sensitive=False, help="parquet: the documents, entities, events and stories "
        "tables as partitioned Parquet under --out (docs/scale.md).")] = None,
    partition_by: Annotated[PartitionBy, typer.Option(
        "--partition-by", case_sensitive=False, help="Hive-style partitions: month=2024-03 or year=2024.")
    ] = PartitionBy.month,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="The folder to write the tables in.")] = None,
    db: DbPath = DEFAULT_DB,
    lang: Annotated[str | None, typer.Option("--lang", help="Only documents in this language (fa, ar, ...).")] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace tables already in --out.")] = False,
    quiet: Quiet = False,
) -> None:
    """Export stored data: `rasad export --format parquet --out DIR` writes every table; `rasad export
    events` the events alone, in more formats."""
    if context.invoked_subcommand is not None:
        return
    from rasad.export import ExportError, write_partitioned

    if export_format is None:
        raise typer.BadParameter("give --format parquet (or a command: events)", param_hint="'--format'")
    if out is None:
        raise typer.BadParameter("give the folder to write in with --out", param_hint="'--out'")
    try:
        with Store.open(db, create=False) as store:
            counts = write_partitioned(store, out, partition_by=partition_by.value, lang=lang, overwrite=overwrite)
    except (StoreError, ExportError) as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot write {out}: {exc.strerror or exc}")
    if not quiet:
        tables = ", ".join(f"{count} {table}" for table, count in counts.items())
        print(f"rasad: exported {tables} to {out} (parquet, by {partition_by.value})", file=sys.stderr)


def _iso_day(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@export_app.command("events")
def export_events(
    export_format: Annotated[ExportFormat, typer.Option(
        "--format", "-f", case_sensitive=False, help="plover-json (JSON Lines), csv or parquet.")],
    db: DbPath = DEFAULT_DB,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Write here (default: stdout; parquet needs a file).")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Only documents in this language (fa, ar, ...).")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="YYYY-MM-DD", callback=_iso_day, help="Events on or after this day.")] = None,
    until: Annotated[str | None, typer.Option(
        "--until", metavar="YYYY-MM-DD", callback=_iso_day, help="Events on or before this day.")] = None,
    quiet: Quiet = False,
) -> None:
    """Export the stored events, one row per event, with PLOVER/POLECAT field names (docs/export.md)."""
    from rasad.export import ExportError, iter_event_rows, write_csv, write_parquet, write_plover_json

    if export_format is ExportFormat.parquet and out is None:
        raise typer.BadParameter("parquet is binary: give a file with --out", param_hint="'--out'")
    try:
        with Store.open(db, create=False) as store:
            rows = iter_event_rows(store, lang=lang, since=since, until=until)
            if export_format is ExportFormat.parquet:
                count = write_parquet(rows, out)
            else:
                writer = write_csv if export_format is ExportFormat.csv else write_plover_json
                if out is None:
                    count = writer(rows, sys.stdout)
                else:
                    with out.open("w", encoding="utf-8", newline="") as handle:
                        count = writer(rows, handle)
    except (StoreError, ExportError) as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot write {out or 'stdout'}: {exc.strerror or exc}")
    if not quiet:
        print(f"rasad: exported {count} events ({export_format.value}) to {out or 'stdout'}", file=sys.stderr)


train_app = typer.Typer(help="Train Rasad's models (needs the optional `train` extra: PyTorch).",
                        no_args_is_help=True)
app.add_typer(train_app, name="train")


@train_app.command("ner")
def train_ner(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for weights.npz and manifest.json.")],
    epochs: Annotated[int, typer.Option("--epochs", min=1, help="Passes over the training set.")] = 3,
    max_sentences: Annotated[int | None, typer.Option(
        "--max-sentences", min=1, help="Train on at most this many sentences (an even share of every source).")] = None,
    layers: Annotated[int, typer.Option("--layers", min=1, max=12, help="Top encoder layers to fine-tune.")] = 10,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Sentences per step.")] = 16,
    seed: Annotated[int, typer.Option("--seed", help="Seed for data order, dropout and initialisation.")] = 13,
    data: Annotated[Path | None, typer.Option(
        "--data", help="Folder of the public data sets (default /work/shared/data; holds arabic-ner/).")] = None,
    device: Annotated[str, typer.Option("--device", help="auto (CUDA when present), cpu or cuda.")] = "auto",
    threads: Annotated[int, typer.Option("--threads", min=1, help="CPU threads for PyTorch.")] = 1,
    quiet: Quiet = False,
) -> None:
    """Fine-tune the entity tagger (PERSON, ORGANIZATION, LOCATION) on e5's top layers; write only the
    trained layers, the head and a manifest with sources, licences and dev scores. The defaults are the
    shipped tagger's settings (it was trained with --threads 2)."""
    from rasad.encoder.data import load_ner_data
    from rasad.encoder.train import TorchMissingError, TrainConfig, import_torch, train_tagger

    try:
        import_torch()
    except TorchMissingError as exc:
        _fail(str(exc))
    try:
        ner_data = load_ner_data(data, max_sentences=max_sentences, seed=seed)
    except OSError as exc:
        _fail(f"cannot read the training data: {exc}")
    config = TrainConfig(epochs=epochs, layers=layers, batch_size=batch_size, seed=seed,
                         max_sentences=max_sentences, device=device, threads=threads)
    progress = None if quiet else (lambda message: print(f"rasad: {message}", file=sys.stderr, flush=True))
    result = train_tagger(ner_data, out, config, progress=progress)
    dev = result.manifest.get("dev") or {}
    if not quiet:
        overall = dev.get("overall", {})
        by_type = ", ".join(f"{kind} {figures['f1']:.4f}" for kind, figures in dev.get("by_type", {}).items())
        print(f"rasad: wrote {out / 'weights.npz'} ({result.manifest['weights']['bytes'] / 1e6:.1f} MB); "
              f"dev F1 {overall.get('f1', 0):.4f} ({by_type})", file=sys.stderr)


@app.command()
def serve(
    db: DbPath = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; other than localhost, the API and "
                                      "the UI are open to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
    token: Annotated[str | None, typer.Option(
        "--token", envvar="RASAD_INGEST_TOKEN", show_envvar=True,
        help="Enable POST /api/ingest, for requests that send 'Authorization: Bearer TOKEN'.")] = None,
    cors_origin: Annotated[list[str] | None, typer.Option(
        "--cors-origin", help="Allow browser pages of this origin to call the API (repeatable; default: none).")
    ] = None,
    tagger: UseTagger = False,
) -> None:
    """Serve the HTTP API (OpenAPI at /docs) and the web UI over the store (docs/serve.md)."""
    _use_tagger(tagger)
    try:
        import uvicorn

        from rasad.serve import create_app
    except ImportError as exc:
        _fail(f"serving needs its packages: pip install 'rasad[serve]' ({exc})")
    if not is_postgres_url(db) and not Path(db).exists() and not token:
        _fail(f"{db}: no such database (run 'rasad ingest' first, or give --token to ingest over HTTP)")
    try:
        application = create_app(db, ingest_token=token or None, cors_origins=cors_origin or None)
    except StoreError as exc:
        _fail(str(exc))
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"rasad: listening on {host}: anyone who can reach this address can read the store", file=sys.stderr)
    print(f"rasad: serving {display_name(db)} at http://{'[' + host + ']' if ':' in host else host}:{port}/ "
          f"(API docs at /docs; ingest {'on' if token else 'off'})", file=sys.stderr)
    uvicorn.run(application, host=host, port=port, log_level="warning")


def _program_name() -> str:
    """How the user called us, so the suggested commands work as typed (.venv/bin/rasad, ...)."""
    called = sys.argv[0] if sys.argv else "rasad"
    return called if Path(called).name == "rasad" and "/" in called and not Path(called).is_absolute() else "rasad"


def _fail(message: str) -> NoReturn:
    print(f"rasad: {message}", file=sys.stderr)
    raise typer.Exit(EXIT_FATAL)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
