"""Speed and memory of `rasad process` on generated corpora of growing size.

    python benchmarks/bench_pipeline.py [--sizes 2500,5000,10000] [--tagger]

--tagger runs the entity stage with the neural tagger (`rasad process --tagger`, docs/tagger.md).

Each size runs as its own `rasad process` subprocess (reading JSON Lines, writing records to
/dev/null), so the peak resident memory printed is that run's own: flat memory means it does not
grow with the corpus.
"""

from __future__ import annotations

import argparse
import copy
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_jsonl


def run_once(corpus: Path, tagger: bool = False) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one `rasad process` run over `corpus`."""
    command = [sys.executable, "-m", "rasad.cli", "process", str(corpus), "--out", os.devnull, "--quiet"]
    command += ["--tagger"] if tagger else []
    started = time.perf_counter()
    process = subprocess.Popen(command)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"rasad process failed with status {status}")
    return elapsed, usage.ru_maxrss / 1024


def stage_speeds(count: int, folder: Path) -> None:
    """Documents per second of each stage alone, in this process, over `count` generated documents."""
    from rasad.pipeline import DOCUMENT_STAGES, prepare_batch
    from rasad.read import read_paths

    documents = [item for item in read_paths([write_jsonl(count, folder / "stages.jsonl")])
                 if not isinstance(item, Exception)]
    context = prepare_batch(documents)
    print(f"\n{'stage':>10} {'docs/s':>8}   (in-process, {len(documents)} documents, one core)")
    total = 0.0
    for name, stage in DOCUMENT_STAGES:
        # loading a stage's data (the knowledge base, the lexicons) is start-up, counted in the runs
        # above; here each stage is timed warm
        stage(copy.deepcopy(documents[0]), context)
        started = time.perf_counter()
        for document in documents:
            stage(document, context)
        elapsed = time.perf_counter() - started
        total += elapsed
        print(f"{name:>10} {len(documents) / elapsed:>8.0f}")
        if name == "split":
            print(f"{'up to split':>10} {len(documents) / total:>8.0f}   (clean, language, normalize, split)")
    print(f"{'all':>10} {len(documents) / total:>8.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2500,5000,10000")
    parser.add_argument("--stage-documents", type=int, default=2000)
    parser.add_argument("--tagger", action="store_true", help="the entity stage with the neural tagger")
    args = parser.parse_args()
    if args.tagger:
        from rasad.entities.tagged import enable_tagger

        enable_tagger()  # for the in-process stage timings; the runs get --tagger
    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"{'documents':>10} {'seconds':>8} {'docs/s':>8} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as folder:
        startup, _ = run_once(write_jsonl(1, Path(folder) / "one.jsonl"), args.tagger)
        for size in sizes:
            corpus = write_jsonl(size, Path(folder) / f"corpus-{size}.jsonl")
            elapsed, peak = run_once(corpus, args.tagger)
            print(f"{size:>10} {elapsed:>8.1f} {size / elapsed:>8.0f} {peak:>8.0f}")
        from rasad.pipeline import DOCUMENT_STAGES

        stages = ", ".join(name for name, _ in DOCUMENT_STAGES)
        print(f"(start-up of one run, included above: {startup:.1f} s; one process, stages {stages}, "
              "then the batch stage stories over the whole input)")
        stage_speeds(args.stage_documents, Path(folder))


if __name__ == "__main__":
    main()
