"""Entities: mention detection and linking by `rasad.entities.link.link_entities` on hand-written gold.

Run: python benchmarks/bench_entities.py [--newsfane-limit N] [--docs N]

Gold: benchmarks/gold/entities_fa.jsonl and entities_ar.jsonl (rules in entities_README.md): one news-style
sentence a line, its publication date, and every person, organisation and place mention with its span,
type and knowledge-base id (null for entities the base lacks).

Figures for fa, ar and both:
- mention P/R/F1 by type and overall: a predicted mention counts when its start, end and type equal a
  gold mention's (nested gold mentions, a country inside a title-alone person, count separately);
- linking accuracy: over gold mentions with an id whose span and type were found, the share with that id;
  and end to end, the share of all gold mentions with an id that were found with the right id;
- false places: LOCATION mentions output on the sentences marked `"common_words": true` (written around
  words that look like place names: مالی، دو، صور، قطر، حلب ...) that overlap no gold LOCATION;
- documents per second over the gold repeated to --docs documents; peak memory of the process (resident,
  knowledge base included) and allocated during the timed run (tracemalloc).

A second, independent section scores Arabic mentions on NewsFANE Gold 2014 (../shared/data/arabic-ner/
newsfane, CC BY-SA 3.0): sentences are rebuilt by joining tokens with spaces. Its fine classes map to our
three types as below; vehicles, works, products, foods and nationality groups (Group: الصينيون) are not
entities for Rasad and are left out. NewsFANE tokens keep attached clitics (للصينيين) and its text is
unnormalized (no hamza seats, ى for ي), so its exact-span figures are a lower bound next to our own gold.
"""

from __future__ import annotations

import argparse
import datetime
import json
import resource
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path

GOLD = Path(__file__).resolve().parent / "gold"
NEWSFANE = Path(__file__).resolve().parents[2] / "shared" / "data" / "arabic-ner" / "newsfane" / \
    "NewsFANE_Gold_2014_170K.txt"
TYPES = ("PERSON", "ORGANIZATION", "LOCATION")
Span = tuple[int, int, str]  # start, end, type


def import_linker():
    try:
        from rasad.entities.link import link_entities
    except ImportError as error:
        sys.exit(f"bench_entities: rasad.entities.link is not importable yet ({error}); "
                 "the linker must exist before this benchmark can run.")
    return link_entities


def load_gold(lang: str) -> list[dict]:
    path = GOLD / f"entities_{lang}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def published(doc: dict) -> datetime.date | None:
    return datetime.date.fromisoformat(doc["published"]) if doc.get("published") else None


def predict(link_entities, text: str, lang: str, day: datetime.date | None) -> dict[Span, str]:
    return {(m.start, m.end, entity.type): entity.id
            for entity in link_entities(text, lang, day) for m in entity.mentions}


def prf(true_pos: int, predicted: int, gold: int) -> str:
    precision = true_pos / predicted if predicted else 0.0
    recall = true_pos / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f"P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}  (gold {gold}, predicted {predicted})"


def print_mentions(counts: Counter) -> None:
    for kind in (*TYPES, "all"):
        print(f"  {kind:<13} {prf(counts['tp', kind], counts['pred', kind], counts['gold', kind])}")


def score_gold(link_entities, docs: list[dict], label: str) -> None:
    counts: Counter = Counter()
    for doc in docs:
        lang = doc["id"][:2]
        gold = {(m["start"], m["end"], m["type"]): m["id"] for m in doc["mentions"]}
        pred = predict(link_entities, doc["text"], lang, published(doc))
        for span, gold_id in gold.items():
            for kind in (span[2], "all"):
                counts["gold", kind] += 1
                counts["tp", kind] += span in pred
            if gold_id is not None:
                counts["ids", span[2]] += 1
                if span in pred:
                    counts["found", span[2]] += 1
                    counts["right", span[2]] += pred[span] == gold_id
        for span in pred:
            counts["pred", span[2]] += 1
            counts["pred", "all"] += 1
        if doc.get("common_words"):
            counts["common docs"] += 1
            gold_places = [s for s in gold if s[2] == "LOCATION"]
            counts["false places"] += sum(1 for s in pred if s[2] == "LOCATION" and not any(
                s[0] < g[1] and g[0] < s[1] for g in gold_places))
    print(f"\n== {label}: {len(docs)} sentences")
    print("mentions (exact span + type):")
    print_mentions(counts)
    print("linking (gold mentions with an id):")
    for kind in (*TYPES, "all"):
        kinds = TYPES if kind == "all" else (kind,)
        ids, found, right = (sum(counts[key, k] for k in kinds) for key in ("ids", "found", "right"))
        print(f"  {kind:<13} accuracy {right / found if found else 0:.3f} of {found} found;  "
              f"found and right {right / ids if ids else 0:.3f} of {ids}")
    print(f"false places on {counts['common docs']} common-word sentences: {counts['false places']}")


def speed(link_entities, docs: list[dict], wanted: int) -> None:
    batch = (docs * (wanted // len(docs) + 1))[:wanted]
    tracemalloc.start()
    started = time.perf_counter()
    for doc in batch:
        link_entities(doc["text"], doc["id"][:2], published(doc))
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"\nspeed: {len(batch)} documents in {elapsed:.2f} s = {len(batch) / elapsed:.0f} documents/s; "
          f"peak memory: process {rss:.0f} MiB (knowledge base and matcher loaded), "
          f"{peak / 2**20:.2f} MiB allocated during the run")


def read_newsfane(limit: int) -> list[tuple[str, set[Span]]]:
    """Sentences of NewsFANE (blank line between sentences) as joined text and gold mention spans."""
    sentences: list[tuple[str, set[Span]]] = []
    tokens: list[tuple[str, str]] = []
    for line in [*NEWSFANE.read_text(encoding="utf-8-sig").splitlines(), ""]:
        token, _, tag = line.replace("\u200e", "").strip("\r").partition("\t")
        if token.strip():
            tokens.append((token.strip(), tag.strip()))
            continue
        if tokens:
            sentences.append(_joined(tokens))
            tokens = []
            if len(sentences) >= limit:
                break
    return sentences


def _joined(tokens: list[tuple[str, str]]) -> tuple[str, set[Span]]:
    from rasad.encoder.data import NEWSFANE_TYPES  # the tagger's training map: one map for both

    spans: set[Span] = set()
    offset, current = 0, None
    for token, tag in tokens:
        prefix, _, fine = tag.partition("-")
        kind = NEWSFANE_TYPES.get(fine)
        if current and prefix == "I" and kind == current[2]:
            current = (current[0], offset + len(token), kind)
        else:
            if current:
                spans.add(current)
            current = (offset, offset + len(token), kind) if prefix in "BI" and kind else None
        offset += len(token) + 1
    if current:
        spans.add(current)
    return " ".join(token for token, _ in tokens), spans


def score_newsfane(link_entities, limit: int) -> None:
    from rasad.text.normalize import normalize

    if not NEWSFANE.exists():
        print(f"\nNewsFANE not found at {NEWSFANE}: section skipped")
        return
    counts: Counter = Counter()
    sentences = read_newsfane(limit)
    for raw, gold in sentences:
        normalized = normalize(raw, "ar")
        # Normalizing may delete characters (tatweel, marks); the gold offsets hold only if it does not.
        text = normalized if len(normalized) == len(raw) else raw
        counts["normalized"] += text is normalized
        pred = set(predict(link_entities, text, "ar", None))
        for kind in TYPES:
            counts["gold", kind] += sum(1 for s in gold if s[2] == kind)
            counts["pred", kind] += sum(1 for s in pred if s[2] == kind)
            counts["tp", kind] += sum(1 for s in gold & pred if s[2] == kind)
        for key in ("gold", "pred", "tp"):
            counts[key, "all"] = sum(counts[key, kind] for kind in TYPES)
    print(f"\n== NewsFANE (Arabic, {len(sentences)} sentences, {counts['normalized']} normalized in place)")
    print("mentions (exact span + type):")
    print_mentions(counts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--newsfane-limit", type=int, default=1500, help="NewsFANE sentences to score")
    parser.add_argument("--docs", type=int, default=2000, help="documents for the speed figure")
    args = parser.parse_args()
    link_entities = import_linker()
    gold = {lang: load_gold(lang) for lang in ("fa", "ar")}
    link_entities("تهران", "fa", None)  # load the knowledge base and build the matcher before timing
    for lang in ("fa", "ar"):
        score_gold(link_entities, gold[lang], lang)
    score_gold(link_entities, gold["fa"] + gold["ar"], "fa+ar")
    speed(link_entities, gold["fa"] + gold["ar"], args.docs)
    score_newsfane(link_entities, args.newsfane_limit)


if __name__ == "__main__":
    main()
