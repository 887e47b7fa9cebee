"""Stories: near-duplicates, cross-lingual stories and dating by story, on hand-written gold.

Gold: benchmarks/gold/stories/stories_*.jsonl (format and traps in its README.md): short Persian and
Arabic articles labelled with their story, syndicated copies, undated articles with the day their
event happened. Each article runs through the whole pipeline (`rasad.api.process_text`), then the
batch goes through `rasad.stories.find_stories`.

Prints:
- pairwise precision, recall and F1 (pairs of articles put in one story) and B-cubed F1;
- near-duplicates: copies folded onto a text of their own story, and false folds;
- stories that join articles more than a month apart with no matching event (must be 0);
- dating by story: undated articles whose event is dated to the gold day;
- documents per second of the stories stage with embeddings, and embedding alone;
- how the cost of folding and clustering grows with 1k, 10k and 100k generated documents (the gold's
  signatures repeated round after round, 9 days apart, each with a text of its own), embeddings
  aside (their cost is per document, measured above).
"""

from __future__ import annotations

import argparse
import copy
import datetime
import json
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

import numpy as np

from rasad.api import process_text
from rasad.record import Document
from rasad.stories import find_stories, signatures_of
from rasad.stories.cluster import cluster as cluster_documents
from rasad.stories.dedup import duplicate_groups
from rasad.stories.embed import embed
from rasad.stories.signature import Signature, minhash

GOLD = Path(__file__).parent / "gold" / "stories"


def load() -> list[dict]:
    items = []
    for path in sorted(GOLD.glob("stories_*.jsonl")):
        items += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return items


def process(items: list[dict]) -> list[Document]:
    return [process_text(item["text"], title=item.get("title"), outlet=item.get("outlet"), lang=item["lang"],
                         published=item.get("published"), id=item["id"]) for item in items]


def pairwise(gold: dict[str, str], found: dict[str, str]) -> tuple[float, float, float]:
    ids = sorted(gold)
    true_pairs = {(a, b) for a, b in combinations(ids, 2) if gold[a] == gold[b]}
    found_pairs = {(a, b) for a, b in combinations(ids, 2) if found[a] == found[b]}
    right = len(true_pairs & found_pairs)
    precision = right / len(found_pairs) if found_pairs else 1.0
    recall = right / len(true_pairs) if true_pairs else 1.0
    return precision, recall, _f1(precision, recall)


def bcubed(gold: dict[str, str], found: dict[str, str]) -> tuple[float, float, float]:
    gold_members, found_members = defaultdict(set), defaultdict(set)
    for item, label in gold.items():
        gold_members[label].add(item)
    for item, label in found.items():
        found_members[label].add(item)
    precision = recall = 0.0
    for item in gold:
        mine, true = found_members[found[item]], gold_members[gold[item]]
        precision += len(mine & true) / len(mine)
        recall += len(mine & true) / len(true)
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, _f1(precision, recall)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def event_day(document: Document) -> str | None:
    """The day an undated article's own text dates its happening to: its first dated event, else its
    first anchored expression."""
    days = [event.date[:10] for event in document.events if event.date]
    if days:
        return days[0]
    anchored = [expression.value[:10] for expression in document.dates if expression.anchor]
    return anchored[0] if anchored else None


def generated(signatures: list[Signature], vectors: np.ndarray, count: int) -> tuple[list[Signature], np.ndarray]:
    """`count` signatures: the gold's, round after round, each round's days shifted by 9 more days,
    each with shingles of its own (a text of its own, so that only clustering groups them)."""
    result: list[Signature] = []
    rows = []
    random = np.random.default_rng(7)
    for round_number in range(count // len(signatures) + 1):
        shift = datetime.timedelta(days=9 * round_number)
        for signature in signatures:
            if len(result) == count:
                return result, np.vstack(rows)
            clone = copy.copy(signature)
            clone.index = len(result)
            clone.id = f"{signature.id}-{round_number}"
            clone.day = signature.day + shift if signature.day else None
            clone.event_days = [day + shift for day in signature.event_days]
            clone.key = f"{round_number} {signature.key}"
            clone.shingles = minhash(" ".join(str(value) for value in random.integers(0, 1 << 40, 60)))
            result.append(clone)
            rows.append(vectors[signature.index])
    return result, np.vstack(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="print the stories found beside the gold")
    parser.add_argument("--scale", default="1000,10000,100000", help="generated corpus sizes, comma-separated")
    args = parser.parse_args()
    items = load()
    documents = process(items)
    started = time.perf_counter()
    stories = find_stories(documents)
    elapsed = time.perf_counter() - started
    gold = {item["id"]: item["story"] for item in items}
    found = {str(document.source.id): document.story or "" for document in documents}
    print(f"== stories gold: {len(items)} articles, {len(set(gold.values()))} stories, "
          f"{Counter(item['lang'] for item in items)}; found {len(stories)} stories")
    print("  pairwise  P {:.3f}  R {:.3f}  F1 {:.3f}".format(*pairwise(gold, found)))
    print("  B-cubed   P {:.3f}  R {:.3f}  F1 {:.3f}".format(*bcubed(gold, found)))

    by_id = {str(document.source.id): document for document in documents}
    story_of_document = {document.id: str(document.source.id) for document in documents}
    copies = [item for item in items if item.get("copy_of")]
    group = {story_of_document[copy_id]: story_of_document[original]
             for story in stories for copy_id, original in story.duplicates.items()}
    right_folds = sum(1 for item in copies if group.get(item["id"], item["id"]) == group.get(item["copy_of"],
                                                                                            item["copy_of"]))
    false_folds = sum(1 for story in stories for copy_id, original in story.duplicates.items()
                      if gold[story_of_document[copy_id]] != gold[story_of_document[original]])
    print(f"  near-duplicates: {right_folds} of {len(copies)} copies folded; {false_folds} folds across stories")

    wide = 0
    for story in stories:
        members = [by_id[story_of_document[d]] for d in story.documents]
        days = [datetime.date.fromisoformat(d.published.value[:10]) for d in members if d.published]
        if days and (max(days) - min(days)).days > 30:
            wide += 1
    print(f"  stories spanning more than a month: {wide}")

    undated = [item for item in items if not item.get("published")]
    dated_right = sum(1 for item in undated if event_day(by_id[item["id"]]) == item["event_date"])
    dated_any = sum(1 for item in undated if event_day(by_id[item["id"]]) is not None)
    print(f"  dating by story: {dated_right} of {len(undated)} undated articles dated to the gold day "
          f"({dated_any} dated at all)")
    if args.errors:
        for story in stories:
            print(f"  {story.id} {story.start}..{story.end} {story.title}")
            for document_id in story.documents:
                item_id = story_of_document[document_id]
                print(f"      {item_id:12} gold {gold[item_id]}  {by_id[item_id].title}")

    leads = [signature.lead for signature in signatures_of(documents)]
    started_embed = time.perf_counter()
    embed(leads)
    embed_elapsed = time.perf_counter() - started_embed
    print(f"\nspeed: stories stage with embeddings {len(documents)} documents in {elapsed:.2f} s = "
          f"{len(documents) / elapsed:.0f} documents/s; embedding leads alone {len(leads) / embed_elapsed:.0f}/s")
    gold_signatures = signatures_of(documents)
    gold_vectors = embed([signature.lead for signature in gold_signatures])
    for size in (int(value) for value in args.scale.split(",") if value):
        signatures, vectors = generated(gold_signatures, gold_vectors, size)
        started = time.perf_counter()
        representative = duplicate_groups(signatures)
        groups = cluster_documents([s for s in signatures if representative[s.index] == s.index], vectors)
        took = time.perf_counter() - started
        print(f"  {size:>7} generated documents: folding and clustering {took:.2f} s "
              f"({took / size * 1000:.3f} ms per document), {len(groups)} stories")


if __name__ == "__main__":
    main()
