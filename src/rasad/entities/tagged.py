"""The neural entity tagger in the entity stage: its mentions merged with the knowledge base's and the rules'.

The tagger (``rasad.encoder``: e5's fine-tuned top layers and a BIO head, see docs/tagger.md) finds persons,
organisations and places by context, including the long tail the knowledge base and the name rules do not
know. It knows nothing of ids, English names, titles or dates, so the base leads: where a tagger mention
overlaps a base link, the link wins (its span follows the record's conventions, its id and type come from the
base, and a title alone with its nested country is a shape a flat tagger cannot give), but for the few
shapes `merge_tagged` lists, where the tagger reads a longer name the base saw only part of ([محافظة إربد]،
[مجموعة بن لادن السعودية]، [هبة السويدي]). A name the base has is the linker's to judge. The rules' unknown
names give way to the tagger's. A tagger mention that survives gets a provisional id (the same for every
spelling with the same name key) and a romanized English name; a lone surname after a person found before it
joins that person.

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
from rasad.entities.recognize import (
    honorific_words,
    known_name_parts,
    not_name_words,
    organisation_heads,
    title_phrases,
)

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
# A mention something else supports needs less: one of several words opening with a head noun of the rules'
# lists (بیمارستان …، مجموعة …، شارع …; the tagger is least sure of these long facility and company names,
# 0.8–0.9 on بیمارستان فیروزگر، ملعب الشعب الدولي), and a lone word that is the surname of a person named
# before it (امیر قلعه‌نویی … قلعه‌نویی 0.94). Chosen with the merge rules below on the entity gold and the
# first half of the open-world gold (0.5, 0.6, 0.7).
SUPPORTED_MIN_CONFIDENCE = 0.6

# Arabic proclitics before a name the tagger tagged with the word: و/ف then ب/ك/ل before the article
# (والعراق، بالقاهرة، وللأمم), or لل (للعراق → عراق, as the gold writes it).
_AR_ARTICLE_CLITIC = re.compile(r"[وف]?[بكل]?(?=ال)|[وف]?لل")
_AR_CONJUNCTION = re.compile(r"[وف](?=\w{3})")
# و/ف and ب/ك/ل written onto a word without the article: بمحافظة، لمجموعة، وحي، بدمشق
_AR_BARE_CLITIC = re.compile(r"[وف]?[بكل]?")
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
        start += _clitics_before_known_word(text[start:word_end if word_end >= 0 else end], lang)
    return start, end


def _clitics_before_known_word(word: str, lang: str) -> int:
    """How many letters of proclitics an Arabic word without the article carries before a head noun or a
    name of the base (بمحافظة → محافظة، وحي → حي، بدمشق → دمشق), when the word as written is no name itself."""
    key = name_key(word)
    for length in (2, 1):
        if len(word) - length >= 2 and _AR_BARE_CLITIC.fullmatch(word[:length]):
            rest = name_key(word[length:])
            if rest in _head_words(lang) or (rest in _base_names() and key not in _base_names()):
                return length
    return 0


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


@lru_cache(maxsize=2)
def _head_words(lang: str) -> frozenset[str]:
    """Keys of the head nouns that open a name: organisations' (org_heads.txt) and places' (place_heads.txt)."""
    return organisation_heads(lang) | _place_heads(lang)


def _title_words_inside(text: str, start: int, end: int, lang: str) -> int:
    """How many leading words of a mention end a title of titles.tsv that starts in the mention or at most
    two words before it (رئيس [بلدية صيدا] → 1, [استاندار کرمانشاه] → 1, [قاضی محمدعلی شیروانی] → 1); a
    title that is the whole mention counts for nothing."""
    before = [name_key(word) for word in text[:start].split()[-2:]]
    inside = [name_key(word) for word in text[start:end].split()]
    phrases = title_phrases(lang)
    longest = 0
    for taken_before in range(len(before) + 1):
        words = before[len(before) - taken_before:] + inside
        for keys in phrases.get(words[0], ()) if words else ():
            if taken_before < len(keys) < taken_before + len(inside) and tuple(words[:len(keys)]) == keys:
                longest = max(longest, len(keys) - taken_before)
    return longest


def _holds_places(text: str, start: int, end: int, kind: str, links: Sequence[Taken], lang: str,
                  place_heads: frozenset[str], not_names: frozenset[str]) -> bool:
    """Whether a tagger mention may replace the base's links wholly inside it:
    - a place opened by a head noun that makes a place of its own, over any link ([محافظة إربد] is the
      governorate, [شارع الملكة رانيا] a street; the head list is data: place_heads.txt);
    - an organisation or a place opened by a head noun (org_heads.txt, place_heads.txt) over persons and
      places, demonyms aside, when it does not end on a stop word ([مجموعة بن لادن السعودية]،
      [مستشفى الملك عبد الله الجامعي]; not البنك الدولي [في]);
    - an organisation named with places ([دائرة صحة ذي قار]، [السوق المالية السعودية]), but not a head noun and a
      demonym alone (روزنامه [قطری] stays the base's place);
    - a person whose name holds a place's name or nisba, or a shorter person the base linked
      ([هبة السويدي]، [جاسم الكعبي]، [حازم بديع] over بديع), when the words it adds are no title or stop word
      (الرئيس [بشار الأسد] stays the base's).
    Elsewhere the base's span wins: مرز [مهران]."""
    if not all(start <= link.start and link.end <= end and (link.start, link.end) != (start, end) for link in links):
        return False
    spans = _word_spans(text, start, end)
    words = [text[word_start:word_end] for word_start, word_end in spans]
    if kind == "LOCATION" and name_key(words[0]) in place_heads and links[0].start > start:
        return True
    outside = [word for word, (word_start, word_end) in zip(words, spans, strict=True)
               if not any(link.start < word_end and word_start < link.end for link in links)]
    if kind in ("ORGANIZATION", "LOCATION") and len(words) > 1 and name_key(words[0]) in _head_words(lang) \
            and all(link.type in ("PERSON", "LOCATION") for link in links) \
            and not (all(link.demonym for link in links) and len(outside) < 2) \
            and name_key(words[-1]) not in not_names:
        return True  # a headed name holding a person's or a place's ([مجموعة بن لادن السعودية])
    if kind == "ORGANIZATION":
        if any(link.type != "LOCATION" for link in links):
            return False
        return not any(link.demonym for link in links) or len(outside) >= 2
    if kind == "PERSON":
        # a base person of several words is a full name: a tagger person running past it has misread the
        # next word (علی‌اکبر ولایتی [ترور]); a base person of one word may be a surname of someone else
        return len(words) > 1 and bool(outside) and all(link.type in ("LOCATION", "PERSON") for link in links) \
            and not any(name_key(word) in not_names for word in outside) \
            and not any(link.type == "PERSON" and _is_full_name(text[link.start:link.end], lang) for link in links)
    return False


def _word_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + match.start(), start + match.end()) for match in re.finditer(r"\S+", text[start:end])]


def _is_full_name(name: str, lang: str) -> bool:
    """A name of several words that is not one entry of the name lists (عبد الله is one given name)."""
    return " " in name.strip() and name_key(name) not in known_name_parts(lang)


def _candidate_wins(candidate: Taken, start: int, end: int, text: str, lang: str,
                    tagged: Sequence[Span | ScoredSpan]) -> bool:
    """Whether a rule candidate overlapping a tagger mention stays: one with the very same span, and an
    organisation the tagger does not wholly cover (its head noun gives the rules the extent: [انجمن صنفی
    کامیون‌داران استان یزد] over the tagger's انجمن صنفی; but the tagger's [دانشگاه صنعتی شریف] over the
    rules' دانشگاه صنعتی), unless the rules ran it on past the tagger's end (`_runs_on_past`). A person read
    from a title or the name lists gives way."""
    if (candidate.start, candidate.end) == (start, end):
        return True
    if candidate.type != "ORGANIZATION" or (start <= candidate.start and candidate.end <= end):
        return False
    return not (start <= candidate.start < end and _runs_on_past(text, candidate, end, lang, tagged))


def _overlapping(items: Sequence[Taken], start: int, end: int) -> list[int]:
    return [index for index, item in enumerate(items) if item.start < end and start < item.end]


def merge_tagged(text: str, lang: str, links: Sequence[Taken], candidates: Sequence[Taken],
                 tagged: Sequence[Span | ScoredSpan]) -> Merged:
    """Which of the tagger's mentions add to the knowledge base's `links` and the rules' `candidates`.

    A mention is first trimmed (`trim_mention`) and cut after a title it carries (رئيس [بلدية صيدا] →
    صيدا, [قاضی محمدعلی شیروانی] → the person محمدعلی شیروانی); a place head makes it a place ([مستشفى الملك
    عبد الله الجامعي], as the gold writes hospitals and stadiums). Left out: a mention the tagger is not
    sure of (below MIN_CONFIDENCE, or SUPPORTED_MIN_CONFIDENCE when a head noun opens it or it is the surname
    of a person named before); a name the base has (the linker saw it and judged it: a common word such as
    کابل "cable" or حماة "guardians"), unless it is
    a lone surname of a person named before (نیلوفر عسکری … [عسکری]); a single word the rules know is never
    a name alone (a title, an organisation's head noun, a stop word: سردار، الحكومة، این), an Arabic
    definite word read as a person that no name list has (الخبير), a Persian plural (شهرها); and a mention
    overlapping a base link: the base wins, except for the shapes `_holds_places` lists. A rule candidate
    (a name the recognizer read from a title or a name list) gives way to an overlapping tagger mention (on
    news text the tagger reads unknown names' extent better: رئيس بلدية صيدا حازم بديع, where the rules read
    صيدا حازم as a person), except as `_candidate_wins` says; a candidate no tagger mention overlaps at all,
    sure or not, is dropped, and so is a one-word base link (a demonym aside) where the tagger saw nothing:
    most often a common word the base also holds as a name (اردو، آسیا، الأشهر). A person mention starts
    after its titles (حجت‌الاسلام، سید، القاضي), as the gold writes it."""
    not_names = not_name_words(lang)
    honorifics = honorific_words(lang)
    place_heads = _place_heads(lang)
    known = known_name_parts(lang)
    named_persons = [(item[0], item[1]) for item in tagged
                     if item[2] == "PERSON" and (len(item) < 4 or item[3] >= MIN_CONFIDENCE)]
    named_persons += [(item.start, item.end) for item in (*links, *candidates) if item.type == "PERSON"]
    result = Merged([], set(), set())
    for item in sorted(tagged):
        raw_start, raw_end, kind = item[:3]
        start, end = trim_mention(text, raw_start, raw_end, lang)
        if end - start < 2 or not any(character.isalpha() for character in text[start:end]):
            continue
        words = text[start:end].split()
        headed = len(words) > 1 and name_key(words[0]) in _head_words(lang)
        supported = headed or (kind == "PERSON" and len(words) == 1
                               and _surname_of_earlier_person(text, name_key(words[0]), start, named_persons))
        if len(item) > 3 and item[3] < (SUPPORTED_MIN_CONFIDENCE if supported else MIN_CONFIDENCE):
            continue
        if headed and kind == "ORGANIZATION" and name_key(words[0]) in place_heads:
            kind = "LOCATION"
        if kind != "PERSON" and (title_words := _title_words_inside(text, start, end, lang)):
            word_spans = _word_spans(text, start, end)
            if title_words == 1 and name_key(words[0]) in honorifics:
                kind = "PERSON"  # قاضی، الدكتور: a person's honorific, not an office's
            start = word_spans[title_words][0]
            if any(link.start <= start and end <= link.end for link in links):
                continue  # the title's place is the base's (رئيس بلدية [صيدا]، [استاندار] کرمانشاه)
        if kind == "PERSON":
            start = _after_titles(text, start, end, honorifics)
        name = text[start:end]
        key = name_key(name)
        if " " not in key:
            if key in not_names or _is_persian_plural(name, lang):
                continue
            if kind == "PERSON" and lang == "ar" and name.startswith("ال") and key not in known:
                continue
        if kind == "LOCATION" and headed:
            end = _before_trailing_place(text, start, end, links, lang)
            key = name_key(text[start:end])
        overlapping_links = _overlapping(links, start, end)
        if key in _base_names() and not (kind == "PERSON" and " " not in key and not overlapping_links
                                         and _surname_of_earlier_person(text, key, start, named_persons)):
            continue
        held = [links[index] for index in overlapping_links]
        if held and not _holds_places(text, start, end, kind, held, lang, place_heads, not_names):
            continue
        # a candidate an earlier tagger mention replaced no longer stands in the way
        overlapping_candidates = [index for index in _overlapping(candidates, start, end)
                                  if index not in result.dropped_candidates]
        if any(_candidate_wins(candidates[index], start, end, text, lang, tagged)
               for index in overlapping_candidates):
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
    # +0.2 ar; no change on the entity gold. The same holds for a one-word base link (+1.3 fa, +0.6 ar).
    for index, candidate in enumerate(candidates):
        if not _seen_by_tagger(candidate, tagged):
            result.dropped_candidates.add(index)
    for index, link in enumerate(links):
        if not link.demonym and " " not in text[link.start:link.end].strip() and not _seen_by_tagger(link, tagged):
            result.dropped_links.add(index)
    return result


def _runs_on_past(text: str, candidate: Taken, end: int, lang: str, tagged: Sequence[Span | ScoredSpan]) -> bool:
    """Whether a rule organisation goes on past a tagger mention's `end` over words that are no part of it:
    the start of another tagger mention (روزنامه شرق [بازی فرامرزی], فرامرزی the tagger's person), or only
    words no name list or base has (دیوان عدالت اداری [مصوبه])."""
    if candidate.type != "ORGANIZATION" or candidate.end <= end:
        return False
    if any(end <= span[0] < candidate.end for span in tagged):
        return True
    known = known_name_parts(lang)
    return not any(name_key(word) in known or name_key(word) in _base_names()
                   for word in text[end:candidate.end].split())


def _before_trailing_place(text: str, start: int, end: int, links: Sequence[Taken], lang: str) -> int:
    """Where a headed place ends when the tagger ran it on into the town or province it lies in, a base place
    at its end after a clitic, a direction or a stop word: حي القبة ب[طرابلس]، قضاء المدينة شمال [البصرة] are two
    places each, as the gold writes them. Written next to each other with nothing between, the two may be one
    name (بیمارستان امام خمینی آستارا), so the mention stays whole."""
    last = max((link for link in links if link.type == "LOCATION" and link.end == end and link.start > start),
               key=lambda link: link.start, default=None)
    if last is None:
        return end
    spans = _word_spans(text, start, end)
    cut = next(index for index, (word_start, word_end) in enumerate(spans) if word_end > last.start)
    separated = spans[cut][0] < last.start  # a clitic written onto the place: بطرابلس
    while cut > 1 and name_key(text[spans[cut - 1][0]:spans[cut - 1][1]]) in _separating_words(lang):
        cut -= 1
        separated = True
    return spans[cut - 1][1] if cut >= 2 and separated else end


@lru_cache(maxsize=2)
def _separating_words(lang: str) -> frozenset[str]:
    """Stop words and direction words (شمال، جنوب، أطراف), which stand between a place and the one it is in."""
    directions = frozenset(name_key(word) for word in data_lines(data_dir() / lang / "direction_words.txt"))
    return not_name_words(lang) | directions


def _seen_by_tagger(item: Taken, tagged: Sequence[Span | ScoredSpan]) -> bool:
    return any(span[0] < item.end and item.start < span[1] for span in tagged)


def _surname_of_earlier_person(text: str, key: str, start: int, persons: Sequence[tuple[int, int]]) -> bool:
    """Whether `key` is the last word of a person of several words named before `start` (the same person
    again by surname, even when the base has a person of that surname: طاهره جهانگیری … جهانگیری)."""
    return any(end <= start and len(words := text[person_start:end].split()) > 1 and name_key(words[-1]) == key
               for person_start, end in persons)
