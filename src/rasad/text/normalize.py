"""NORMALIZE stage: one letter set per language, tidy whitespace, restore Persian ZWNJs.

`normalize(text, lang)` is what the pipeline calls per paragraph (and for titles):

- all languages: tatweel and bidi control marks removed, runs of spaces collapsed, no space before
  closing punctuation (، . ؟ ! : ؛ …), no spaces at line ends; newlines kept exactly; digits and
  diacritics kept as written;
- Arabic (`ar`): Arabic yeh and kaf (ي ك) even where a Persian keyboard typed ی ک; ى kept as written.
  A Persian keyboard has one yeh for both ي and ى, so a word-final ی becomes ى in the words whose
  spelling ends in ى (على، إلى، مستشفى، التقى, also behind clitics: وعلى، بالمستشفى), listed in
  data/ar/alef_maqsura_words.txt (built by tools/build_alef_maqsura.py); elsewhere ي. The name علي
  typed علی becomes على: the preposition is far more frequent and no context can tell them apart;
- Persian (`fa`): Persian yeh and keheh (ی ک), Arabic ي ك ى folded into them; ة kept as written,
  because in Persian it only occurs in Arabic loan phrases (دائرة‌المعارف، رحمة‌الله) whose spelling
  is the word itself; then lost zero-width non-joiners restored (`restore_zwnj`).

Why our own ZWNJ restorer: rishe, shekar and hazm restore ZWNJ only before a few suffixes and after
می, without a lexicon of compounds and with ه+ای / ها+ی confusions; benchmarks/bench_zwnj.py
compares them. We use hazm's word list (MIT) through the compact files that
tools/build_fa_lexicon.py derives into src/rasad/data/fa/, plus hand-written rules in
zwnj_rules.txt (suffixes, verb prefixes, join stop-words) that a linguist can edit.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rasad.text.letters import (
    ALEF,
    ALEF_FORMS,
    ALEF_MAKSURA,
    ARABIC_KAF,
    ARABIC_YEH,
    BIDI_CONTROLS,
    DIACRITICS,
    PERSIAN_KEHEH,
    PERSIAN_YEH,
    TATWEEL,
    ZWNJ,
)

__all__ = ["normalize", "restore_zwnj", "unify_letters"]

_REMOVE = {ord(ch): None for ch in (TATWEEL, *BIDI_CONTROLS)}
_TO_PERSIAN = {**_REMOVE, ord(ARABIC_YEH): PERSIAN_YEH, ord(ARABIC_KAF): PERSIAN_KEHEH, ord(ALEF_MAKSURA): PERSIAN_YEH}
_TO_ARABIC = {**_REMOVE, ord(PERSIAN_YEH): ARABIC_YEH, ord(PERSIAN_KEHEH): ARABIC_KAF}

_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000]+")
_SPACE_BEFORE_PUNCT = re.compile(r" +(?=[،؛؟.,:;!?)\]}»…])")
_LINE_EDGE_SPACES = re.compile(r"^ +| +$", re.MULTILINE)

_DIACRITIC_CLASS = "\u064b-\u065f\u0670\u06d6-\u06ed"
_LETTER_CLASS = "\u0621-\u063a\u0641-\u064a\u066e-\u066f\u0671-\u06d3\u06d5\u06fa-\u06ff"
_WORD = re.compile(f"[{_LETTER_CLASS}{_DIACRITIC_CLASS}\u200c]+")
# A ZWNJ only means something between two letters: drop it next to spaces, punctuation or digits.
_STRAY_ZWNJ = re.compile(
    f"(?<![{_LETTER_CLASS}{_DIACRITIC_CLASS}])\u200c+|\u200c+(?![{_LETTER_CLASS}{_DIACRITIC_CLASS}])"
)
_ZWNJ_RUN = re.compile("\u200c{2,}")

# Letters that never join the letter after them: no ZWNJ is written after them (کارها, not کار‌ها).
_NON_JOINING = frozenset("اآأإٱدذرزژوؤة")
_HEH = "ه"
_DIACRITICS_SET = frozenset(DIACRITICS)


def unify_letters(text: str, lang: str) -> str:
    """One letter set per language; tatweel and bidi marks removed (all languages)."""
    if lang == "fa":
        return text.translate(_TO_PERSIAN)
    if lang == "ar":
        if PERSIAN_YEH in text:
            text = _FINAL_PERSIAN_YEH.sub(_restore_alef_maksura, text)
        return text.translate(_TO_ARABIC)
    return text.translate(_REMOVE)


# --- alef maqsura in Arabic typed with Persian letters ---------------------------------------------

# A word (letters, diacritics, tatweel) whose last letter is Persian yeh, diacritics allowed after it.
_FINAL_PERSIAN_YEH = re.compile(
    f"(?<![{_LETTER_CLASS}{_DIACRITIC_CLASS}\u0640])[{_LETTER_CLASS}{_DIACRITIC_CLASS}\u0640]*?{PERSIAN_YEH}"
    f"(?=[{_DIACRITIC_CLASS}\u0640]*(?![{_LETTER_CLASS}{_DIACRITIC_CLASS}\u0640]))"
)
_HAMZA_FOLD = str.maketrans({ch: ALEF for ch in ALEF_FORMS})
_MIN_STEM = 3  # letters left after stripping a clitic prefix: لدى، مدى, never ى alone


@dataclass(frozen=True)
class _AlefMaksuraData:
    words: frozenset[str]  # spellings ending in ى (ي ك letters, no diacritics)
    prefixes: tuple[str, ...]  # clitic prefixes, longest first
    not_words: frozenset[str]  # ي-words that only look like prefix + listed word (والي), as typed


def _ar_data_lines(name: str) -> list[str]:
    text = (resources.files("rasad") / "data" / "ar" / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _alef_maksura_data() -> _AlefMaksuraData:
    rules: dict[str, list[str]] = {}
    for line in _ar_data_lines("alef_maqsura_rules.txt"):
        kind, _, value = line.partition(":")
        rules.setdefault(kind.strip(), []).append(value.strip())
    words = _ar_data_lines("alef_maqsura_words.txt")
    return _AlefMaksuraData(
        # Persian keyboards make hamza awkward to type: اعلی and أعلی are both looked up.
        words=frozenset(words) | frozenset(word.translate(_HAMZA_FOLD) for word in words),
        prefixes=tuple(sorted(rules.get("prefix", []), key=len, reverse=True)),
        not_words=frozenset(rules.get("not", [])),
    )


def alef_maksura_stems(word: str, prefixes: tuple[str, ...]) -> list[str]:
    """The word and what is left of it after each clitic prefix (وبالمستشفى → المستشفى، مستشفى ...)."""
    return [word] + [
        word[len(prefix):] for prefix in prefixes
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_STEM
    ]


@lru_cache(maxsize=1 << 14)
def _takes_alef_maksura(key: str) -> bool:
    """Whether `key` (Arabic letters, no diacritics, ending in ى) is spelled with final ى."""
    data = _alef_maksura_data()
    if key[:-1] + ARABIC_YEH in data.not_words:  # as typed: والي is not وإلى
        return False
    return any(stem in data.words for stem in alef_maksura_stems(key.translate(_HAMZA_FOLD), data.prefixes))


_KEY_FOLD = {**_TO_ARABIC, **{ord(ch): None for ch in DIACRITICS}}


def _restore_alef_maksura(match: re.Match[str]) -> str:
    word = match.group()
    key = word.translate(_KEY_FOLD)[:-1] + ALEF_MAKSURA
    return word[:-1] + ALEF_MAKSURA if _takes_alef_maksura(key) else word


def _tidy_spaces(text: str) -> str:
    text = _SPACES.sub(" ", text)
    if ZWNJ in text:
        text = _ZWNJ_RUN.sub(ZWNJ, text)
        text = _STRAY_ZWNJ.sub("", text)
    text = _SPACE_BEFORE_PUNCT.sub("", text)
    return _LINE_EDGE_SPACES.sub("", text)


def normalize(text: str, lang: str) -> str:
    """Full normalization of a paragraph or document written in `lang` ('fa', 'ar', or other)."""
    text = _tidy_spaces(unify_letters(text, lang))
    if lang == "fa":
        text = restore_zwnj(text)
    return text


# --- lexicon -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lexicon:
    freq: dict[str, int]  # words hazm attests (with or without ZWNJ) -> corpus frequency
    adjectives: frozenset[str]
    compounds: dict[str, str]  # compound written without ZWNJ -> its ZWNJ spelling
    verb_forms: frozenset[str]  # conjugated forms that may follow می / نمی
    verb_stems: frozenset[str]
    participles: frozenset[str]  # گفته, نکرده: stems of گفته‌اند
    compound_endings: tuple[tuple[str, str], ...]  # (ending, what it replaces): ("گان", "ه")
    indefinite_followers: frozenset[str]
    plural_suffixes: tuple[str, ...]
    adjective_suffixes: tuple[str, ...]
    superlative_suffixes: frozenset[str]
    heh_suffixes: tuple[str, ...]
    glued_suffixes: tuple[str, ...]
    verb_prefixes: tuple[str, ...]
    word_prefixes: frozenset[str]
    consonant_heh: tuple[str, ...]
    no_join_after: frozenset[str]
    no_join_before: frozenset[str]


def _data_lines(name: str) -> list[str]:
    text = (resources.files("rasad") / "data" / "fa" / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _verb_forms(pairs: list[tuple[str, str]], bare_stems: set[str]) -> frozenset[str]:
    forms: set[str] = set()
    for past, present in pairs:
        if past:
            forms.update(past + ending for ending in ("", "م", "ی", "یم", "ید", "ند", "ه"))
        if present:
            endings = ["م", "ی", "د", "یم", "ید", "ند"]
            if present[-1] in "اوآ":  # گو → گوید, آ → آیند (and رو → رود: both are generated)
                endings += ["یم", "یی", "ید", "ییم", "یید", "یند"]
            forms.update(present + ending for ending in endings)
            if present in bare_stems:
                forms.add(present)
    return frozenset(forms)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    freq: dict[str, int] = {}
    adjectives: set[str] = set()
    compounds: dict[str, str] = {}
    for line in _data_lines("lexicon_words.tsv"):
        word, count, tags = line.split("\t")
        freq[word] = int(count)
        if "AJ" in tags.split(","):
            adjectives.add(word)
        if ZWNJ in word:
            compounds[word.replace(ZWNJ, "")] = word
    rules: dict[str, list[str]] = {}
    for line in _data_lines("zwnj_rules.txt"):
        kind, _, value = line.partition(":")
        rules.setdefault(kind.strip(), []).append(value.strip())
    verbs = [tuple(line.split("\t")) for line in _data_lines("lexicon_verbs.tsv")]

    def by_length(kind: str) -> tuple[str, ...]:
        return tuple(sorted(rules.get(kind, []), key=len, reverse=True))

    return _Lexicon(
        freq=freq,
        adjectives=frozenset(adjectives),
        compounds=compounds,
        verb_forms=_verb_forms(verbs, set(rules.get("verb-bare-stem", []))),  # type: ignore[arg-type]
        verb_stems=frozenset(stem for pair in verbs for stem in pair if stem),
        participles=frozenset(
            prefix + past + "ه" for past, _ in verbs if past for prefix in ("", "ن")  # type: ignore[misc]
        ),
        compound_endings=tuple(
            sorted(
                ((ending.split("=")[0].strip(), ending.partition("=")[2].strip())
                 for ending in rules.get("compound-ending", [])),
                key=lambda pair: len(pair[0]),
                reverse=True,
            )
        ),
        indefinite_followers=frozenset(rules.get("indefinite-follower", [])),
        plural_suffixes=by_length("plural-suffix"),
        adjective_suffixes=by_length("adjective-suffix"),
        superlative_suffixes=frozenset(rules.get("superlative-suffix", [])),
        heh_suffixes=by_length("heh-suffix"),
        glued_suffixes=by_length("glued-suffix"),
        verb_prefixes=by_length("verb-prefix"),
        word_prefixes=frozenset(rules.get("word-prefix", [])),
        consonant_heh=tuple(rules.get("consonant-heh", [])),
        no_join_after=frozenset(rules.get("no-join-after", [])),
        no_join_before=frozenset(rules.get("no-join-before", [])),
    )


# --- ZWNJ restoration ----------------------------------------------------------------------------

# A spaced pair becomes a compound on the lexicon's word alone only when the compound is common
# (هم‌اکنون, نخست‌وزیر) or its second part is no word of its own (گذاری, المللی): "پیش" + "نویس".
_COMMON_COMPOUND = 100_000
_FREE_WORD = 1_000
# A glued compound is rewritten with its ZWNJ only when the lexicon has seen that spelling this often
# (or the glue deforms a final ه/ی): خشکسالی and راهپیمایی stay, as the lexicon barely knows خشک‌سالی.
_KNOWN_COMPOUND = 1_000
# Scores of _fix_word's readings, in log frequency units: a verb after می is worth a stem seen about
# 3 million times (so the noun میدان+ی still wins over می+دانی); a reading that changes nothing gets e².
_VERB_SCORE = 15.0
_GLUED_BONUS = 2.0


def _joiner(left: str) -> str:
    return "" if left[-1] in _NON_JOINING else ZWNJ


def _silent_heh(word: str, lex: _Lexicon) -> bool:
    """Final ه that is a vowel (نامه), not the consonant h (راه, گروه): only the vowel takes a ZWNJ."""
    return word.endswith(_HEH) and not word.endswith("اه") and not word.endswith(lex.consonant_heh)


def _stem_spelling(stem: str, lex: _Lexicon) -> str | None:
    """How an attested stem is written (with its own ZWNJs), or None when it is no known word."""
    if len(stem) < 2:
        return None
    if stem in lex.freq or stem in lex.participles:
        return stem
    if stem.endswith("ی") and stem[:-1] in lex.freq and ZWNJ not in stem:  # قدیمی, from قدیم
        return stem
    return _compound(stem, lex)


def _compound(key: str, lex: _Lexicon) -> str | None:
    """The ZWNJ spelling of a compound written without its ZWNJs (پیشنویس), with a derivational
    ending the lexicon does not list (آتشنشانان, زلزلهزدگان), or None."""
    compound = lex.compounds.get(key)
    if compound is not None:
        return compound
    for ending, restored in lex.compound_endings:
        if key.endswith(ending):
            if key[: -len(ending)] + restored in lex.freq:  # پژوهشگر+ان: the glued word is known
                return None
            compound = lex.compounds.get(key[: -len(ending)] + restored)
            if compound is not None:
                return compound[: len(compound) - len(restored)] + ending
    return None


def _glued_is_wrong(compound: str, lex: _Lexicon) -> bool:
    """Whether a compound written glued is a misspelling rather than a variant: the lexicon knows
    the ZWNJ form well, or the glue would turn a final ه or ی into a medial letter (سرمایهگذاری)."""
    head = compound.split(ZWNJ, 1)[0]
    if head[-1] in "هی":
        return True
    frequency = lex.freq.get(compound, 0)
    for ending, restored in lex.compound_endings:
        if not frequency and compound.endswith(ending):
            frequency = lex.freq.get(compound[: len(compound) - len(ending)] + restored, 0)
    return frequency >= _KNOWN_COMPOUND


@lru_cache(maxsize=1 << 16)
def _fix_word(word: str) -> str:
    """Restore ZWNJs inside one glued token (میشود → می‌شود, کتابها → کتاب‌ها)."""
    lex = _lexicon()
    if len(word) < 3 or word in lex.freq or not _DIACRITICS_SET.isdisjoint(word):
        return word
    if ZWNJ not in word:
        compound = _compound(word, lex)
        if compound is not None and _glued_is_wrong(compound, lex):
            return compound
    # Candidates are scored by how common their stem is: روز+های beats روزه+ای, نامه+ای beats نام+های
    # only where نامه is the commoner word. A glued reading that changes nothing gets a head start
    # (تنها+یی over تن+هایی), and so does a verb after می, which is no noun's stem.
    best: tuple[float, str] | None = None

    def offer(stem: str, bonus: float, spelling: str) -> None:
        nonlocal best
        candidate = (math.log1p(lex.freq.get(stem, 0)) + bonus, spelling)
        if best is None or candidate[0] > best[0]:
            best = candidate

    for prefix in lex.verb_prefixes:
        if word.startswith(prefix) and word[len(prefix):] in lex.verb_forms:
            offer("", _VERB_SCORE, prefix + ZWNJ + word[len(prefix):])
    for suffix in lex.plural_suffixes:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            spelling = _stem_spelling(stem, lex)
            if spelling:
                offer(spelling, 0.0, spelling + _joiner(stem) + suffix)
    for suffix in lex.adjective_suffixes:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            spelling = _stem_spelling(stem, lex)
            if spelling and (spelling in lex.adjectives or (suffix in lex.superlative_suffixes and len(stem) > 2)):
                offer(spelling, 0.0, spelling + _joiner(stem) + suffix)
    for suffix in lex.heh_suffixes:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            spelling = _stem_spelling(stem, lex)
            if spelling and _silent_heh(stem, lex):
                offer(spelling, 0.0, spelling + ZWNJ + suffix)
    for suffix in lex.glued_suffixes:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            if stem in lex.freq and not _silent_heh(stem, lex):
                offer(stem, _GLUED_BONUS, word)  # a glued reading: nothing to change
    return best[1] if best else word


def _alternative_heh_reading(word: str, lex: _Lexicon) -> str | None:
    """For a glued Xهای, the reading Xه+ای (نامه‌ای) when _fix_word chose X+های (نام‌های)."""
    if not word.endswith("های") or ZWNJ in word:
        return None
    stem = word[:-2]
    if stem in lex.freq and _silent_heh(stem, lex) and _fix_word(word) != stem + ZWNJ + "ای":
        return stem + ZWNJ + "ای"
    return None


@lru_cache(maxsize=1 << 17)
def _join_spaced(left: str, right: str) -> str | None:
    """The joined spelling of two space-separated tokens that form one word, or None."""
    lex = _lexicon()
    if len(left) < 2 or not _DIACRITICS_SET.isdisjoint(left + right):
        return None
    if right in lex.plural_suffixes:
        return left + _joiner(left) + right
    if right in lex.adjective_suffixes and (left in lex.adjectives or right in lex.superlative_suffixes):
        return left + _joiner(left) + right
    if right in lex.heh_suffixes and _silent_heh(left, lex) and left not in lex.no_join_after:
        return left + ZWNJ + right
    if left in lex.verb_prefixes and right in lex.verb_forms:
        return left + ZWNJ + right
    if left in lex.no_join_after or right in lex.no_join_before:
        return None
    key = left.replace(ZWNJ, "") + right.replace(ZWNJ, "")
    if key in lex.freq:  # به روز / بهروز: the glued word exists, the space may be a word boundary
        return None
    compound = _compound(key, lex)
    if compound is None:
        return None
    bare_right = right.replace(ZWNJ, "")
    if (
        lex.freq.get(compound, 0) >= _COMMON_COMPOUND
        or lex.freq.get(bare_right, 0) < _FREE_WORD
        or left in lex.word_prefixes
    ):
        return compound
    return None


@lru_cache(maxsize=1 << 14)
def _join_with_and(left: str, right: str) -> str | None:
    """X و Y written as one word (جست‌وجو, گفت‌وگو): only pairs of verb stems, not آموزش و پرورش."""
    lex = _lexicon()
    compound = lex.compounds.get(left + "و" + right)
    if compound is None or (left not in lex.verb_stems and right not in lex.verb_stems):
        return None
    return compound


def restore_zwnj(text: str) -> str:
    """Restore the ZWNJs that scraping lost in Persian text, glued (میشود) and spaced (می شود)."""
    lex = _lexicon()
    matches = list(_WORD.finditer(text))
    if not matches:
        return text
    words = [_fix_word(match.group()) for match in matches]
    # A word is "spaced" from the next one when exactly one space separates them.
    spaced = [
        matches[i + 1].start() == matches[i].end() + 1 and text[matches[i].end()] == " "
        for i in range(len(matches) - 1)
    ] + [False]
    for i in range(len(matches) - 1):
        if words[i + 1] in lex.indefinite_followers:
            alternative = _alternative_heh_reading(matches[i].group(), lex)
            if alternative:
                words[i] = alternative
    out: list[str] = []
    position = 0
    index = 0
    count = len(matches)
    while index < count:
        out.append(text[position:matches[index].start()])
        word = words[index]
        last = index
        while spaced[last]:
            joined = _join_spaced(word, words[last + 1])
            if joined is not None:
                word, last = joined, last + 1
                continue
            if words[last + 1] == "و" and spaced[last + 1]:
                joined = _join_with_and(word, words[last + 2])
                if joined is not None:
                    word, last = joined, last + 2
                    continue
            break
        out.append(word)
        position = matches[last].end()
        index = last + 1
    out.append(text[position:])
    return "".join(out)
