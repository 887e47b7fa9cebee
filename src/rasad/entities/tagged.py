"""The neural entity tagger in the entity stage: its mentions merged with the knowledge base's and the rules'.

The tagger (``rasad.encoder``: e5's fine-tuned top layers and a BIO head, see docs/tagger.md) finds persons,
organisations and places by context, including the long tail the knowledge base and the name rules do not
know. It knows nothing of ids, English names, titles or dates, so the base leads: where a tagger mention
overlaps a base link, the link wins (its span follows the record's conventions, its id and type come from the
base, and a title alone with its nested country is a shape a flat tagger cannot give), but for the few
shapes `merge_tagged` lists, where the tagger reads a longer name the base saw only part of (بلدية [صيدا]،
[محافظة إربد]، [هبة السويدي]). A name the base has is the linker's to judge. The rules' unknown names give way
to the tagger's. A tagger mention that survives gets a provisional id (the same for every spelling with the
same name key) and a romanized English name; a lone surname after a person found before it joins that person.

The tagger is off unless asked for (``--tagger`` on the CLI, ``RASAD_TAGGER=1``): with it `rasad process`
runs at about 24 documents a second on 2 cores instead of about 160 (docs/tagger.md), and a backfill of
millions of documents may prefer speed. ``RASAD_TAGGER_DIR`` names a tagger folder other than the shipped one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from rasad.datafiles import data_dir, data_lines
from rasad.entities.kb import load_kb
from rasad.entities.namekey import name_key
from rasad.entities.recognize import honorific_words, known_name_parts, not_name_words

Span = tuple[int, int, str]  # code-point start, end, entity type
ScoredSpan = tuple[int, int, str, float]  # and the tagger's confidence

TAGGER_ENV = "RASAD_TAGGER"
TAGGER_DIR_ENV = "RASAD_TAGGER_DIR"
TAGGER_BACKEND_ENV = "RASAD_TAGGER_BACKEND"
# ONNX Runtime threads (default: the cores available); worker processes set 1, being the parallelism.
TAGGER_THREADS_ENV = "RASAD_TAGGER_THREADS"
_ON = {"1", "true", "yes", "on"}

# A sentence longer than this many words is tagged in windows: training saw at most 160 pieces.
WINDOW_WORDS = 60
BATCH_SENTENCES = 32
# A tagger mention whose least sure word is below this probability is left out: chosen on the entity gold
# (benchmarks/bench_ner.py, shipped tagger: 0.8, 0.9, 0.95 gave combined F1 0.939/0.946/0.948 fa,
# 0.900/0.904/0.906 ar; the open-world gold moved by less than 0.005 either way).
MIN_CONFIDENCE = 0.95

# Arabic proclitics before a name the tagger tagged with the word: و/ف then ب/ك/ل before the article
# (والعراق، بالقاهرة، وللأمم), or لل (للعراق → عراق, as the gold writes it).
_AR_ARTICLE_CLITIC = re.compile(r"[وف]?[بكل]?(?=ال)|[وف]?لل")
_AR_CONJUNCTION = re.compile(r"[وف](?=\w{3})")
_EDGE_PUNCTUATION = ".,،:;؛!?؟()[]{}«»\"'“”‘’-–—/\\|*#…"


class Tagger(Protocol):
    def tag(self, texts: Sequence[str]) -> list[list[Span]]: ...

    def tag_scored(self, texts: Sequence[str]) -> list[list[ScoredSpan]]: ...


class TaggerUnavailable(RuntimeError):
    """The tagger was asked for but cannot be loaded (no weights, or a folder this code cannot read)."""


def tagger_enabled() -> bool:
    return os.environ.get(TAGGER_ENV, "").strip().lower() in _ON


def enable_tagger(enabled: bool = True) -> None:
    """Turn the tagger on for this process and the worker processes it starts (they inherit the variable)."""
    if enabled:
        os.environ[TAGGER_ENV] = "1"
    else:
        os.environ.pop(TAGGER_ENV, None)


def shipped_tagger_dir() -> Path:
    return data_dir() / "ner" / "tagger"


def tagger_dir() -> Path:
    return Path(os.environ.get(TAGGER_DIR_ENV) or shipped_tagger_dir())


def _onnx_tagger_class() -> type | None:
    try:
        from rasad.encoder.onnx_tagger import OnnxTagger
    except ImportError:  # ONNX Runtime is the optional `tagger` extra; numpy gives the same labels, slower
        return None
    return OnnxTagger


@lru_cache(maxsize=4)
def _load(folder: str, backend: str) -> Tagger:
    from rasad.encoder.tagger import NumpyTagger, TaggerFormatError

    try:
        onnx_tagger = _onnx_tagger_class() if backend in ("auto", "onnx") else None
        if backend == "onnx" and onnx_tagger is None:
            raise TaggerUnavailable("the ONNX tagger needs onnx and onnxruntime: pip install 'rasad[tagger]'")
        if onnx_tagger is not None:
            threads = os.environ.get(TAGGER_THREADS_ENV, "").strip()
            try:
                return onnx_tagger.load(folder, threads=int(threads) if threads.isdigit() else None)
            except ImportError as error:  # onnx or onnxruntime missing underneath
                if backend == "onnx":
                    raise TaggerUnavailable(str(error)) from error
        return NumpyTagger.load(folder)
    except (TaggerFormatError, OSError, KeyError, ValueError) as error:
        raise TaggerUnavailable(f"cannot load the entity tagger from {folder}: {error}") from error


def load_tagger(folder: str | Path | None = None, backend: str | None = None) -> Tagger:
    """The tagger of `folder` (default: RASAD_TAGGER_DIR, else the shipped one), loaded once per process.
    `backend` (default: RASAD_TAGGER_BACKEND, else auto): "onnx" (ONNX Runtime, int8), "numpy" (no extra
    dependency, slower), or "auto" (ONNX when installed)."""
    backend = backend or os.environ.get(TAGGER_BACKEND_ENV) or "auto"
    if backend not in ("auto", "onnx", "numpy"):
        raise TaggerUnavailable(f"unknown tagger backend {backend!r} (auto, onnx or numpy)")
    return _load(str(folder or tagger_dir()), backend)


def entity_tagger() -> Tagger | None:
    """The process's tagger when the tagger is turned on, else None."""
    return load_tagger() if tagger_enabled() else None


# ---------------------------------------------------------------------------------------------
# Running the tagger over a document


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`text[start:end]` cut into pieces of at most WINDOW_WORDS words, at spaces."""
    spaces = [match.start() for match in re.finditer(r"\s+", text[start:end])]
    if len(spaces) < WINDOW_WORDS:
        return [(start, end)]
    pieces = []
    piece_start = start
    for count, offset in enumerate(spaces, start=1):
        if count % WINDOW_WORDS == 0:
            pieces.append((piece_start, start + offset))
            piece_start = start + offset
    pieces.append((piece_start, end))
    return pieces


def tag_text(tagger: Tagger, text: str, sentences: Sequence[tuple[int, int]]) -> list[ScoredSpan]:
    """Tagger mentions, with their confidence, over the sentences of `text` (code-point spans of the whole
    text), in order."""
    pieces = [window for start, end in sentences for window in _windows(text, start, end)
              if text[window[0]:window[1]].strip()]
    found: list[ScoredSpan] = []
    for first in range(0, len(pieces), BATCH_SENTENCES):
        batch = pieces[first:first + BATCH_SENTENCES]
        for (start, _end), spans in zip(batch, tagger.tag_scored([text[s:e] for s, e in batch]), strict=True):
            found.extend((start + span_start, start + span_end, kind, confidence)
                         for span_start, span_end, kind, confidence in spans)
    return found


# ---------------------------------------------------------------------------------------------
# Merging with the knowledge base and the rules


def trim_mention(text: str, start: int, end: int, lang: str) -> tuple[int, int]:
    """A tagger mention covers whole words; the record's mentions leave out edge punctuation and, in
    Arabic, the proclitics written onto a name (وأردوغان → أردوغان, للعراق → عراق)."""
    while start < end and (text[start] in _EDGE_PUNCTUATION or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _EDGE_PUNCTUATION or text[end - 1].isspace()):
        end -= 1
    if lang == "ar" and end - start > 3:
        word_end = text.find(" ", start, end)
        first_word = text[start:word_end if word_end >= 0 else end]
        match = _AR_ARTICLE_CLITIC.match(first_word)
        if match and match.end() and len(first_word) - match.end() >= 2:
            start += match.end()
        elif _AR_CONJUNCTION.match(first_word) and not _is_name_as_written(first_word, lang):
            start += 1
    return start, end


@lru_cache(maxsize=4)
def _names_as_written(lang: str) -> frozenset[str]:
    """Name keys that start with و or ف and are names as written (وليد، فيصل، واشنطن): never clitics."""
    keys = set(known_name_parts(lang))
    keys.update(name_key(surface.text) for entry in load_kb().entries.values() for surface in entry.surfaces()
                if surface.lang == lang)
    return frozenset(word for key in keys for word in key.split() if word[:1] in "وف")


def _is_name_as_written(word: str, lang: str) -> bool:
    return name_key(word) in _names_as_written(lang)


@dataclass(frozen=True)
class TaggedMention:
    start: int
    end: int
    type: str


@dataclass(frozen=True)
class Taken:
    """A mention the knowledge base or the rules found: its span, type, and whether it is a demonym."""

    start: int
    end: int
    type: str
    demonym: bool = False


@dataclass
class Merged:
    """The tagger's mentions to add, and which base links and rule candidates (by index) they replace."""

    mentions: list[TaggedMention]
    dropped_links: set[int]
    dropped_candidates: set[int]


@lru_cache(maxsize=1)
def _base_names() -> frozenset[str]:
    """Name keys of every written form in the knowledge base."""
    return frozenset(key for entry in load_kb().entries.values() for surface in entry.surfaces()
                     if (key := name_key(surface.text)))


def _after_titles(text: str, start: int, end: int, honorifics: frozenset[str]) -> int:
    """Past the title and honorific words a person mention starts with (سید جواد حسینی‌کیا → جواد حسینی‌کیا):
    the record's person mentions leave them out."""
    while True:
        space = text.find(" ", start, end)
        if space < 0 or name_key(text[start:space]) not in honorifics:
            return start
        start = space + 1


def _is_persian_plural(word: str, lang: str) -> bool:
    """A Persian word with the plural ending joined by ZWNJ (شهرها، نخلستان‌های) is a common noun."""
    return lang == "fa" and word.endswith(("\u200cها", "\u200cهای", "\u200cهایی"))


@lru_cache(maxsize=2)
def _place_heads(lang: str) -> frozenset[str]:
    return frozenset(name_key(word) for word in data_lines(data_dir() / lang / "place_heads.txt"))


def _holds_places(text: str, start: int, end: int, kind: str, links: Sequence[Taken],
                  place_heads: frozenset[str], not_names: frozenset[str]) -> bool:
    """Whether a tagger mention may replace the base's links wholly inside it:
    - a place opened by a head noun that makes a place of its own, over any link ([محافظة إربد] is the
      governorate, [شارع الملكة رانيا] a street; the head list is data: place_heads.txt);
    - an organisation named with places ([بلدية صيدا]، [السوق المالية السعودية]), but not a head noun and a
      demonym alone (روزنامه [قطری] stays the base's place);
    - a person whose name holds a place's name or nisba, or a shorter person the base linked
      ([هبة السويدي]، [جاسم الكعبي]، [حازم بديع] over بديع), when the words it adds are no title or stop word
      (الرئيس [بشار الأسد] stays the base's).
    Elsewhere the base's span wins: مرز [مهران]."""
    if not all(start <= link.start and link.end <= end and (link.start, link.end) != (start, end) for link in links):
        return False
    spans = [(start + match.start(), start + match.end()) for match in re.finditer(r"\S+", text[start:end])]
    words = [text[word_start:word_end] for word_start, word_end in spans]
    if kind == "LOCATION" and name_key(words[0]) in place_heads and links[0].start > start:
        return True
    outside = [word for word, (word_start, word_end) in zip(words, spans, strict=True)
               if not any(link.start < word_end and word_start < link.end for link in links)]
    if kind == "ORGANIZATION":
        if any(link.type != "LOCATION" for link in links):
            return False
        return not any(link.demonym for link in links) or len(outside) >= 2
    if kind == "PERSON":
        # a base person of several words is a full name: a tagger person running past it has misread the
        # next word (علی‌اکبر ولایتی [ترور]); a base person of one word may be a surname of someone else
        return len(words) > 1 and bool(outside) and all(link.type in ("LOCATION", "PERSON") for link in links) \
            and not any(name_key(word) in not_names for word in outside) \
            and not any(link.type == "PERSON" and " " in text[link.start:link.end] for link in links)
    return False


def _candidate_wins(candidate: Taken, start: int, end: int) -> bool:
    """Whether a rule candidate overlapping a tagger mention stays: one with the very same span, and an
    organisation the tagger does not wholly cover (its head noun gives the rules the extent: [انجمن صنفی
    کامیون‌داران استان یزد] over the tagger's انجمن صنفی; but the tagger's [دانشگاه صنعتی شریف] over the
    rules' دانشگاه صنعتی). A person read from a title or the name lists gives way."""
    if (candidate.start, candidate.end) == (start, end):
        return True
    return candidate.type == "ORGANIZATION" and not (start <= candidate.start and candidate.end <= end)


def _overlapping(items: Sequence[Taken], start: int, end: int) -> list[int]:
    return [index for index, item in enumerate(items) if item.start < end and start < item.end]


def merge_tagged(text: str, lang: str, links: Sequence[Taken], candidates: Sequence[Taken],
                 tagged: Sequence[Span | ScoredSpan]) -> Merged:
    """Which of the tagger's mentions add to the knowledge base's `links` and the rules' `candidates`.

    Left out: a mention the tagger is not sure of (below MIN_CONFIDENCE), a name the base has (the linker saw
    it and judged it: a common word such as کابل "cable" or حماة "guardians"), a single word the rules know is
    never a name alone (a title, an organisation's head noun, a stop word: سردار، الحكومة، این), and a mention
    overlapping a base link: the base wins, except over places wholly inside an organisation or a headed place
    the tagger found (`_holds_places`). A rule candidate (a name the recognizer read from a
    title or a name list) gives way to an overlapping tagger mention: on news text the tagger reads unknown
    names' extent better (رئيس بلدية صيدا حازم بديع: the rules read صيدا حازم as a person), unless both found
    the same span, or the candidate is an organisation the tagger does not wholly cover (`_candidate_wins`);
    a candidate no tagger mention overlaps at all, sure or not, is dropped. A person mention starts after its
    titles (حجت‌الاسلام، سید، القاضي), as the gold writes it, and a Persian plural (شهرها) is no name."""
    not_names = not_name_words(lang)
    honorifics = honorific_words(lang)
    place_heads = _place_heads(lang)
    result = Merged([], set(), set())
    for item in sorted(tagged):
        raw_start, raw_end, kind = item[:3]
        if len(item) > 3 and item[3] < MIN_CONFIDENCE:
            continue
        start, end = trim_mention(text, raw_start, raw_end, lang)
        if end - start < 2 or not any(character.isalpha() for character in text[start:end]):
            continue
        if kind == "PERSON":
            start = _after_titles(text, start, end, honorifics)
        key = name_key(text[start:end])
        if key in _base_names() or (" " not in key and (key in not_names or _is_persian_plural(text[start:end], lang))):
            continue
        overlapping_links = _overlapping(links, start, end)
        held = [links[index] for index in overlapping_links]
        if held and not _holds_places(text, start, end, kind, held, place_heads, not_names):
            continue
        overlapping_candidates = _overlapping(candidates, start, end)
        if any(_candidate_wins(candidates[index], start, end) for index in overlapping_candidates):
            if any((candidates[index].start, candidates[index].end, candidates[index].type) == (start, end, kind)
                   for index in overlapping_candidates):
                # both read the same name: the places the base saw inside it go ([هبة السويدي], not السويدي)
                result.dropped_links.update(overlapping_links)
            continue
        result.mentions.append(TaggedMention(start, end, kind))
        result.dropped_links.update(overlapping_links)
        result.dropped_candidates.update(overlapping_candidates)
    # A rule candidate where the tagger saw nothing at all, not even unsure, is most often a common word
    # the name lists hold (عمرانی، شورا، قطر as a person): on the open-world gold, combined F1 +0.7 points fa,
    # +0.2 ar; no change on the entity gold.
    for index, candidate in enumerate(candidates):
        if not any(item[0] < candidate.end and candidate.start < item[1] for item in tagged):
            result.dropped_candidates.add(index)
    return result
