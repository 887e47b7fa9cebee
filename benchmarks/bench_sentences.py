"""Sentence-split benchmark: boundary precision and recall on the gold, and speed.

    python benchmarks/bench_sentences.py

Gold: benchmarks/gold/sentences.tsv (Persian and Arabic paragraphs with "‖" at each expected
boundary). A boundary is the end offset of a sentence other than the last of its paragraph.
Speed is measured on articles made of the gold paragraphs (about 2,500 characters each).
"""

from __future__ import annotations

import time
from pathlib import Path

from rasad.text.sentences import split_sentences

GOLD = Path(__file__).parent / "gold" / "sentences.tsv"
MARK = "‖"


def load_gold() -> list[tuple[str, str, str, set[int]]]:
    """Rows of (id, lang, text, boundary end offsets)."""
    rows = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        row_id, lang, marked = line.split("\t")
        marked = marked.replace("\\n", "\n")
        pieces = marked.split(MARK)
        text = "".join(pieces)
        boundaries = set()
        offset = 0
        for piece in pieces[:-1]:
            offset += len(piece)
            boundaries.add(len(text[:offset].rstrip()))
        rows.append((row_id, lang, text, boundaries))
    return rows


def main() -> None:
    rows = load_gold()
    for lang in ("fa", "ar", "all"):
        true_positive = predicted_total = gold_total = 0
        errors = []
        for row_id, row_lang, text, gold in rows:
            if lang != "all" and row_lang != lang:
                continue
            spans = split_sentences(text)
            predicted = {end for _, end in spans[:-1]}
            true_positive += len(predicted & gold)
            predicted_total += len(predicted)
            gold_total += len(gold)
            if predicted != gold and lang == "all":
                errors.append(f"  {row_id}: {' | '.join(text[a:b] for a, b in spans)}")
        precision = true_positive / predicted_total if predicted_total else 1.0
        recall = true_positive / gold_total if gold_total else 1.0
        count = sum(1 for row in rows if lang == "all" or row[1] == lang)
        print(
            f"{lang}: {count} paragraphs, {gold_total} boundaries: "
            f"precision {100 * precision:.1f}%, recall {100 * recall:.1f}%"
        )
    if errors:
        print("paragraphs split differently from the gold:")
        print("\n".join(errors))

    paragraphs = [text for _, _, text, _ in rows]
    articles = []
    for start in range(0, len(paragraphs)):
        article, index = [], start
        while sum(len(p) for p in article) < 2500:
            article.append(paragraphs[index % len(paragraphs)])
            index += 1
        articles.append("\n".join(article))
    rounds = 20
    started = time.perf_counter()
    for _ in range(rounds):
        for article in articles:
            split_sentences(article)
    elapsed = time.perf_counter() - started
    mean_chars = sum(map(len, articles)) / len(articles)
    print(f"speed: {rounds * len(articles) / elapsed:,.0f} articles/s (mean {mean_chars:,.0f} characters)")


if __name__ == "__main__":
    main()
