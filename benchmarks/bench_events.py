"""Events: PLOVER coding by `rasad.events.code.code_events` on hand-written gold.

Gold: benchmarks/gold/events_{fa,ar}.jsonl (conventions in benchmarks/gold/events_README.md and
docs/events.md). Each item is run through the whole pipeline (`rasad.api.process_text`) with its
publication date; the events stage is then timed alone.

Prints, per language and together:
- event precision, recall and F1 per PLOVER type and overall: a predicted event matches a gold one
  of the same type whose evidence sentence it overlaps (each gold event matched at most once);
- actor accuracy over matched events: source and target both equal to the gold's (as sets), and
  each alone; mode, date and place accuracy over matched events;
- events output on items that state none happened (plain statements, denials, negations, plans,
  wishes, conditions);
- documents per second of the events stage alone, and of the whole pipeline.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

from rasad.api import process_text
from rasad.events.code import code_events
from rasad.events.lexicon import PLOVER_TYPES

GOLD = Path(__file__).parent / "gold"


def load(lang: str) -> list[dict]:
    path = GOLD / f"events_{lang}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evidence_span(text: str, evidence: str) -> tuple[int, int]:
    start = text.find(evidence)
    if start < 0:
        start = text.find(evidence.strip(" .،"))
    return (start, start + len(evidence)) if start >= 0 else (-1, -1)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(items: list[dict], lang: str, counts: dict[str, Counter], extra: Counter, errors: list[str]) -> list:
    documents = []
    for item in items:
        document = process_text(item["text"], lang=lang, published=item.get("published"))
        documents.append(document)
        predicted = [(event, (event.evidence.start, event.evidence.end)) for event in document.events]
        gold = [(event, evidence_span(document.text, event.get("evidence", ""))) for event in item["events"]]
        used: set[int] = set()
        for gold_event, gold_span in gold:
            candidates = [i for i, (event, span) in enumerate(predicted) if i not in used
                          and event.type == gold_event["type"] and (gold_span[0] < 0 or overlaps(span, gold_span))]
            # prefer the candidate whose actors agree
            candidates.sort(key=lambda i: -(set(predicted[i][0].source) == set(gold_event["source"])) -
                            (set(predicted[i][0].target) == set(gold_event["target"])))
            if not candidates:
                counts[gold_event["type"]]["fn"] += 1
                errors.append(f"MISS {item['id']} {gold_event['type']} {gold_event['source']}->{gold_event['target']}")
                continue
            index = candidates[0]
            used.add(index)
            event = predicted[index][0]
            counts[gold_event["type"]]["tp"] += 1
            source_ok = set(event.source) == set(gold_event["source"])
            target_ok = set(event.target) == set(gold_event["target"])
            extra["matched"] += 1
            extra["source"] += source_ok
            extra["target"] += target_ok
            extra["actors"] += source_ok and target_ok
            extra["mode"] += (event.mode or None) == (gold_event.get("mode") or None)
            extra["date"] += event.date == gold_event.get("date")
            extra["place"] += event.place == gold_event.get("place")
            if not (source_ok and target_ok):
                errors.append(f"ROLE {item['id']} {event.type} got {event.source}->{event.target} "
                              f"want {gold_event['source']}->{gold_event['target']}")
        for i, (event, _) in enumerate(predicted):
            if i not in used:
                counts[event.type]["fp"] += 1
                errors.append(f"FALSE {item['id']} {event.type} {event.source}->{event.target}: "
                              f"{event.evidence.text[:70]}")
        if not item["events"]:
            extra["items with no event"] += 1
            extra["events on items with no event"] += len(predicted)
    return documents


def report(title: str, counts: dict[str, Counter], extra: Counter) -> None:
    print(f"== {title}")
    total = Counter()
    for type_ in PLOVER_TYPES:
        c = counts.get(type_, Counter())
        total.update(c)
        if not any(c.values()):
            continue
        print(f"  {type_:10} {_prf(c)}")
    print(f"  {'all':10} {_prf(total)}")
    matched = extra["matched"] or 1
    print(f"  actors (source and target right) {extra['actors'] / matched:.3f} of {extra['matched']} matched; "
          f"source {extra['source'] / matched:.3f}, target {extra['target'] / matched:.3f}")
    print(f"  mode {extra['mode'] / matched:.3f}, date {extra['date'] / matched:.3f}, "
          f"place {extra['place'] / matched:.3f}")
    print(f"  events output on the {extra['items with no event']} items that state none happened "
          f"(statements, denials, negations, plans, wishes, conditions): {extra['events on items with no event']}")


def _prf(c: Counter) -> str:
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f"P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}  (gold {tp + fn}, predicted {tp + fp})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="print every miss, false event and wrong role")
    parser.add_argument("--repeat", type=int, default=20, help="passes over the gold for the speed figure")
    args = parser.parse_args()
    all_counts: dict[str, Counter] = defaultdict(Counter)
    all_extra: Counter = Counter()
    documents = []
    for lang in ("fa", "ar"):
        counts: dict[str, Counter] = defaultdict(Counter)
        extra: Counter = Counter()
        errors: list[str] = []
        items = load(lang)
        documents += score(items, lang, counts, extra, errors)
        report(f"{lang}: {len(items)} items", counts, extra)
        for type_, c in counts.items():
            all_counts[type_].update(c)
        all_extra.update(extra)
        if args.errors:
            print("\n".join(errors))
    report("fa+ar", all_counts, all_extra)
    start = time.perf_counter()
    for _ in range(args.repeat):
        for document in documents:
            code_events(document)
    elapsed = time.perf_counter() - start
    print(f"\nspeed, events stage alone: {len(documents) * args.repeat} documents in {elapsed:.2f} s = "
          f"{len(documents) * args.repeat / elapsed:.0f} documents/s")
    items = [(item, lang) for lang in ("fa", "ar") for item in load(lang)]
    start = time.perf_counter()
    for item, lang in items:
        process_text(item["text"], lang=lang, published=item.get("published"))
    elapsed = time.perf_counter() - start
    print(f"speed, whole pipeline: {len(items)} documents in {elapsed:.2f} s = {len(items) / elapsed:.0f} documents/s")


if __name__ == "__main__":
    main()
