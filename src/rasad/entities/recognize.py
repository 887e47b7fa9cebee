"""Names the knowledge base lacks: persons after titles or as known given name + surname, and
organisations opened by a head noun (وزارة الزراعة السورية، سازمان انرژی اتمی).

No package ships Persian or Arabic NER that works offline (see issue 4), so this is a small rule
recognizer over our data files: titles (`titles.tsv`), organisation head nouns (`org_heads.txt`),
stop words (`name_stops.txt`), and packaged name lists: arabic-name-romanizer's name index (given
names and surnames, Iran included) and the Persian given names in `data/names/fa_given.txt`.
English names come from arabic-name-romanizer's transliterator, loaded once and only when a
candidate is found.

Precision over recall: a person needs a title or a given name the lists know well followed by a
known surname; an organisation needs a head noun and (in Arabic) a definite complement.
"""

from __future__ import annotations

import bisect
import json
import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rasad.datafiles import data_dir, data_lines
from rasad.entities.namekey import name_key

PERSON = "PERSON"
ORGANIZATION = "ORGANIZATION"
LOCATION = "LOCATION"

MAX_NAME_TOKENS = 4
MAX_ORG_COMPLEMENT = 4
# Tokens a title may be separated from its name by: a country, an organisation, a modifier
# (وزير الخارجية الأردني، رئيس كمیسیون امنیت ملی مجلس).
MAX_TITLE_GAP = 4
# Titles stacked before one name (صاحب السمو الشيخ الدكتور): more than this many in a row is not a
# name's title but a run of title words, and walking it from every title would be quadratic.
MAX_STACKED_TITLES = 8
# Given names the index has seen this often are trusted without a title (with a known surname).
STRONG_GIVEN_COUNT = 5
SURNAME_COUNT = 2
# Words the lists do not know that may still be name parts after a title and given name.
MAX_UNKNOWN_AFTER_TITLE = 2

# A word: letters, digits, combining marks, ZWNJ inside it.
_TOKEN_RE = re.compile(r"[\w\u064b-\u065f\u0670\u200c\u200d]+")
_DIGIT_RE = re.compile(r"\d")
# Arabic clitics that attach to a name: conjunction then preposition (و ف، ب ل ك).
_CONJUNCTIONS = "وف"
_PREPOSITIONS = "بلك"
# Particles that join the next word into one name part (عبد الله، أبو محمد، بن سلمان).
_PARTICLE_KEYS = frozenset(name_key(word) for word in ("بن", "ابن", "بنت", "آل", "أبو", "ابو", "أبي", "عبد", "ذو"))
_LINK_PARTICLES = frozenset(name_key(word) for word in ("بن", "ابن", "بنت", "آل"))
_AL = "ال"
# Keys (ZWNJ dropped) of Persian verb forms with the continuous prefix (می‌گوید، نمی‌کند).
_FA_VERB_KEY_PREFIXES = ("میک", "میش", "میگ", "مید", "میخ", "میر", "میت", "نمی")
# Arabic present tense and future (يزور، تبحث، سيزور); names rarely start so after a title.
_AR_VERB_PREFIXES = ("ی", "ت", "سی", "ست")
_APPOSITION_GAP = re.compile(r"^\s*[،,:]?\s*$")


@dataclass(frozen=True)
class NameCandidate:
    start: int
    end: int
    type: str  # PERSON | ORGANIZATION | LOCATION
    text: str
    name_en: str
    title: str | None  # the title phrase before a person's name, if any


@dataclass(frozen=True)
class _Title:
    keys: tuple[str, ...]
    phrase: str
    role: str
    sector: str


@dataclass
class _Token:
    start: int
    end: int
    key: str  # name key of the token as written
    bare: str  # name key without Arabic clitics (equal to key in Persian or when none)
    bare_start: int  # where the clitic-free word starts
    gap_before: str  # the text between the previous token and this one

    def start_for(self, key: str) -> int:
        """The span start of the reading `key` (as written or clitic-free)."""
        return self.start if key == self.key else self.bare_start


@dataclass(frozen=True)
class _Lexicon:
    titles: dict[str, tuple[_Title, ...]]  # first key -> titles starting with it, longest first
    stops: frozenset[str]
    skips: frozenset[str]
    determiners: frozenset[str]
    verbs: frozenset[str]
    org_heads: dict[str, str]
    org_words: dict[str, tuple[str, str]]  # key (may hold spaces) -> (English, "of" | "pre")
    org_word_lengths: tuple[int, ...]
    places: dict[str, str]  # country names and demonyms -> English adjective or name


@dataclass(frozen=True)
class _Names:
    given: dict[str, int]  # key -> times seen as a given name (Persian list: at least 1)
    surname: dict[str, int]
    surname_fa: dict[str, int]  # seen as a surname of Iran, Afghanistan or Tajikistan
    known: frozenset[str]  # any name part


# ---------------------------------------------------------------------------------------------
# Data loading (once per process)


def _phrase_keys(phrase: str) -> tuple[str, ...]:
    return tuple(name_key(part) for part in phrase.split())


@lru_cache(maxsize=4)
def _lexicon(lang: str) -> _Lexicon:
    folder = data_dir() / lang
    titles: dict[str, list[_Title]] = {}
    for line in data_lines(folder / "titles.tsv"):
        phrase, role, sector = line.split("\t")[:3]  # a 4th column (the office's country) is the linker's
        # A ZWNJ compound is also written spaced (رئیس‌جمهور / رئیس جمهور); the key of the glued
        # and ZWNJ spellings is already one.
        for variant in {phrase, phrase.replace("\u200c", " ")}:
            keys = _phrase_keys(variant)
            titles.setdefault(keys[0], []).append(_Title(keys, phrase, role, sector))
    stops: set[str] = set()
    skips: set[str] = set()
    determiners: set[str] = set()
    verbs: set[str] = set()
    for line in data_lines(folder / "name_stops.txt"):
        kind, _, word = line.partition(":")
        target = {"stop": stops, "skip": skips, "det": determiners, "verb": verbs}[kind.strip()]
        target.add(name_key(word))
    org_heads: dict[str, str] = {}
    for line in data_lines(folder / "org_heads.txt"):
        head, english = line.split("\t")
        org_heads[name_key(head)] = english
        if lang == "ar":
            org_heads[name_key(_AL + head)] = english  # الحزب الشيوعي، المجلس الوطني
    org_words: dict[str, tuple[str, str]] = {}
    for line in data_lines(folder / "org_words.tsv"):
        word, english, place = line.split("\t")
        org_words[" ".join(_phrase_keys(word))] = (english, place)
    lengths = tuple(sorted({key.count(" ") + 1 for key in org_words}, reverse=True))
    return _Lexicon(
        titles={key: tuple(sorted(found, key=lambda t: -len(t.keys))) for key, found in titles.items()},
        stops=frozenset(stops),
        skips=frozenset(skips),
        determiners=frozenset(determiners),
        verbs=frozenset(verbs),
        org_heads=org_heads,
        org_words=org_words,
        org_word_lengths=lengths,
        places=_places(lang),
    )


def _places(lang: str) -> dict[str, str]:
    """Country names and demonyms in `lang` -> English demonym (or name): skipped between a title
    and its name, and the adjectives of organisation names."""
    places: dict[str, str] = {}
    path = data_dir() / "kb" / "countries.jsonl"
    for line in data_lines(path):
        entry: dict[str, Any] = json.loads(line)
        english_demonyms = entry.get("demonyms", {}).get("en") or []
        english = english_demonyms[0] if english_demonyms else entry["name"]["en"]
        names = [entry["name"].get(lang, ""), *entry.get("aliases", {}).get(lang, [])]
        for name in names:
            if name and " " not in name:
                places.setdefault(name_key(name), entry["name"]["en"])
        for demonym in entry.get("demonyms", {}).get(lang, []):
            key = name_key(demonym)
            places.setdefault(key, english)
            if lang == "ar" and key.endswith("ی"):
                places.setdefault(key + "ه", english)  # feminine nisba: السوري -> السورية
    return places


def _name_index_path() -> Path | None:
    try:
        import arabic_name_romanizer
    except ImportError:
        return None
    path = Path(arabic_name_romanizer.__file__).parent / "resources" / "names.sqlite3"
    return path if path.exists() else None


@lru_cache(maxsize=1)
def _all_names() -> _Names:
    """Given names and surnames: arabic-name-romanizer's index (keys folded with name_key) and the
    Persian given-name list. About 0.15 s, once per process."""
    fold = name_key.__wrapped__  # type: ignore[attr-defined]  # keep the linker's cache for text
    given: dict[str, int] = {}
    surname: dict[str, int] = {}
    surname_fa: dict[str, int] = {}
    known: set[str] = set()
    index = _name_index_path()
    if index is not None:
        with sqlite3.connect(f"file:{index}?mode=ro", uri=True) as conn:
            rows = conn.execute("SELECT arabic_key, role, country IN ('IR', 'AF', 'TJ'), SUM(count) FROM units "
                                "GROUP BY arabic_key, role, country IN ('IR', 'AF', 'TJ')").fetchall()
        for arabic_key, role, persian, count in rows:
            key = fold(arabic_key)
            known.add(key)
            if role == "given":
                given[key] = given.get(key, 0) + count
            elif role == "surname":
                surname[key] = surname.get(key, 0) + count
                if persian:
                    surname_fa[key] = surname_fa.get(key, 0) + count
    for name in data_lines(data_dir() / "names" / "fa_given.txt"):
        key = fold(name)
        given.setdefault(key, 1)
        known.add(key)
    return _Names(given=given, surname=surname, surname_fa=surname_fa, known=frozenset(known))


@lru_cache(maxsize=2)
def _names(lang: str) -> _Names:
    """The name lists without the language's title words, heads and stop words, which are never
    name parts whatever the lists say (وزير, رئيس; but Arabic على "on" stays the Persian name علی)."""
    not_names = not_name_words(lang)
    every = _all_names()

    def keep(table: dict[str, int]) -> dict[str, int]:
        return {key: count for key, count in table.items() if key not in not_names}

    return _Names(given=keep(every.given), surname=keep(every.surname), surname_fa=keep(every.surname_fa),
                  known=every.known - not_names)


@lru_cache(maxsize=2)
def not_name_words(lang: str) -> frozenset[str]:
    """Keys of the words the rules know are never a name alone: title words, organisation heads, stop
    words, determiners and verbs of the language's lexicon."""
    lexicon = _lexicon(lang)
    words = lexicon.stops | lexicon.determiners | lexicon.verbs | set(lexicon.org_heads) | set(lexicon.titles)
    return frozenset(words | {key for titles in lexicon.titles.values() for title in titles for key in title.keys})


@lru_cache(maxsize=2)
def honorific_words(lang: str) -> frozenset[str]:
    """Keys of the one-word titles that name no office (role `-`: سید، دکتر، حجت‌الاسلام، القاضي، اللواء).
    One-word only: امیر opens a rank (امیر سرتیپ) but is also a given name."""
    return frozenset(title.keys[0] for titles in _lexicon(lang).titles.values() for title in titles
                     if len(title.keys) == 1 and title.role == "-")


@lru_cache(maxsize=2)
def organisation_heads(lang: str) -> frozenset[str]:
    """Keys of the head nouns that open organisation names (وزارت، شركة، مجموعة; Arabic also with ال)."""
    return frozenset(_lexicon(lang).org_heads)


@lru_cache(maxsize=2)
def title_phrases(lang: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Every title of titles.tsv as its words' keys, by its first word's key (رئيس → (رئيس، بلدية), …)."""
    return {first: tuple(title.keys for title in titles) for first, titles in _lexicon(lang).titles.items()}


def known_name_parts(lang: str) -> frozenset[str]:
    """Keys of every given name and surname in the name lists, title words and stop words left out."""
    return _names(lang).known


@lru_cache(maxsize=1)
def _transliterator() -> Any:
    from arabic_name_romanizer import Transliterator

    return Transliterator()


def romanize_name(name: str) -> str:
    """English spelling of a Persian or Arabic name (arabic-name-romanizer; "" when it fails)."""
    return _romanize(name)


@lru_cache(maxsize=8192)
def _romanize(name: str) -> str:
    try:  # without ZWNJ: the romanizer reads خامنه‌ای as two words ("Khameneh I")
        return str(_transliterator().transliterate(name.replace("\u200c", ""))).strip()
    except Exception:  # the romanizer is a best effort; a name without English is still a name
        return ""


# ---------------------------------------------------------------------------------------------
# Recognition


def recognize_names(text: str, lang: str, taken: Sequence[tuple[int, int]] = (), *,
                    with_english: bool = True, persons: Sequence[tuple[int, int]] = ()) -> list[NameCandidate]:
    """Persons and organisations in `text` (normalized fa or ar) that no span in `taken` covers.

    `taken` are spans the linker has already resolved; a candidate never overlaps one, but a taken
    title or country may stand before a name (وزير الخارجية [الأردني] أيمن الصفدي).
    Romanizing a name the romanizer has not met costs 1-10 ms; `with_english=False` leaves
    `name_en` empty for callers that romanize later (`romanize_name`) or only some candidates.
    `persons` are the taken spans that are persons: a title already followed by a named person
    introduces no further name (الرئيس السوري بشار الأسد ... is not looked past).
    """
    if lang not in ("fa", "ar"):
        return []
    lexicon = _lexicon(lang)
    names = _names(lang)
    tokens = _tokenize(text, lang)
    if not tokens:
        return []
    romanize = _romanize if with_english else _no_english
    taken_sorted = sorted(taken)
    is_taken = [_overlaps(taken_sorted, token.start, token.end) for token in tokens]
    used = list(is_taken)
    persons_sorted = sorted(persons)
    is_person = [bool(persons) and _overlaps(persons_sorted, token.start, token.end) for token in tokens]
    found: list[NameCandidate] = []
    org_at: dict[int, int] = {}  # first token of a found organisation -> one past its last token

    for index, token in enumerate(tokens):
        head = _lookup_key(token, lexicon.org_heads)
        if used[index] or head is None or (index > 0 and tokens[index - 1].key in lexicon.determiners):
            continue
        end = _org_extent(tokens, index, lang, lexicon, names, is_taken)
        if end is None:
            continue
        org_at[index] = end
        for position in range(index, end):
            used[position] = True
        found.append(_org_candidate(text, tokens, index, end, head, lexicon, romanize))

    index = 0
    while index < len(tokens):
        title, after = _match_title(tokens, index, lexicon)
        if title is None:
            index += 1
            continue
        name_start, title = _skip_to_name(tokens, after, title, lexicon, names, is_taken, org_at, is_person)
        if name_start is not None and not used[name_start]:
            name_end = _name_extent(tokens, name_start, lang, lexicon, names, used, after_title=True)
            if name_end is not None:
                for position in range(name_start, name_end):
                    used[position] = True
                found.append(_person_candidate(text, tokens, name_start, name_end, names, title.phrase, romanize))
                index = name_end
                continue
        index = after

    for index, token in enumerate(tokens[:-1]):
        if used[index] or max(names.given.get(token.key, 0), names.given.get(token.bare, 0)) < STRONG_GIVEN_COUNT:
            continue
        name_end = _name_extent(tokens, index, lang, lexicon, names, used, after_title=False)
        if name_end is not None:
            for position in range(index, name_end):
                used[position] = True
            found.append(_person_candidate(text, tokens, index, name_end, names, None, romanize))

    found.sort(key=lambda candidate: candidate.start)
    return found


def _tokenize(text: str, lang: str) -> list[_Token]:
    tokens: list[_Token] = []
    previous_end = 0
    for match in _TOKEN_RE.finditer(text):
        word = match.group()
        raw = word.strip("\u200c\u200d")
        if not raw:
            continue
        start = match.start() + len(word) - len(word.lstrip("\u200c\u200d"))
        end = start + len(raw)
        key = name_key(raw)
        token = _Token(start, end, key, key, start, text[previous_end:start])
        if lang == "ar":
            _strip_clitics(token, raw)
        tokens.append(token)
        previous_end = end
    return tokens


def _strip_clitics(token: _Token, raw: str) -> None:
    """Arabic clitics: وأيمن -> أيمن, للرئيس -> الرئيس with the span after لل, بالوزارة -> الوزارة.

    Lookups try the token as written first (وليد، بلال are names of their own), then this reading."""
    offset = 0
    if len(raw) > 3 and raw[0] in _CONJUNCTIONS:
        offset = 1
    rest = raw[offset:]
    if rest.startswith("لل") and len(rest) > 4:
        token.bare = name_key(_AL + rest[2:])
        token.bare_start += offset + 2
        return
    if len(rest) > 3 and rest[0] in _PREPOSITIONS and (rest[1:].startswith(_AL) or len(rest) > 4):
        offset += 1
    elif offset == 0:
        return
    token.bare = name_key(raw[offset:])
    token.bare_start += offset


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    position = bisect.bisect_left(spans, (end, end))
    return any(span_start < end and start < span_end for span_start, span_end in spans[max(0, position - 8):position])


def _lookup_key(token: _Token, table: dict[str, Any] | frozenset[str]) -> str | None:
    """The token's key as written if `table` has it, else its clitic-free key, else None."""
    if token.key in table:
        return token.key
    if token.bare != token.key and token.bare in table:
        return token.bare
    return None


def _match_title(tokens: list[_Token], index: int, lexicon: _Lexicon) -> tuple[_Title | None, int]:
    token = tokens[index]
    for key in dict.fromkeys((token.key, token.bare)):
        for title in lexicon.titles.get(key, ()):
            length = len(title.keys)
            if index + length > len(tokens):
                continue
            if all(tokens[index + offset].key == title.keys[offset] and not tokens[index + offset].gap_before.strip()
                   for offset in range(1, length)):
                return title, index + length
    return None, index + 1


def _is_stop(token: _Token, lexicon: _Lexicon) -> bool:
    return (token.key in lexicon.stops or token.bare in lexicon.stops or token.key in lexicon.determiners
            or token.key in lexicon.verbs or bool(_DIGIT_RE.search(token.key)))


def _is_verb(token: _Token, lexicon: _Lexicon) -> bool:
    return token.key in lexicon.verbs or token.key.startswith(_FA_VERB_KEY_PREFIXES)


def _skip_to_name(tokens: list[_Token], index: int, title: _Title, lexicon: _Lexicon, names: _Names,
                  is_taken: list[bool], org_at: dict[int, int],
                  is_person: list[bool]) -> tuple[int | None, _Title]:
    """The first name token after a title: over taken spans, organisations, countries, demonyms,
    modifiers (السابق), further titles (آیت‌الله سید) and a few other words, but not over stop
    words or punctuation. Returns it and the title that names it (the most specific one met)."""
    skipped = stacked = 0
    while index < len(tokens) and skipped <= MAX_TITLE_GAP and stacked <= MAX_STACKED_TITLES:
        token = tokens[index]
        if token.gap_before.strip() and not _APPOSITION_GAP.match(token.gap_before):
            return None, title
        if index in org_at:
            skipped += org_at[index] - index
            index = org_at[index]
            continue
        if is_person[index]:  # the title's person is already named
            return None, title
        if is_taken[index] or token.key in lexicon.places or token.bare in lexicon.places:
            index += 1
            skipped += 1
            continue
        further, after = _match_title(tokens, index, lexicon)
        if further is not None:
            if title.role == "-" and further.role != "-":
                title = further
            index = after
            stacked += 1
            continue
        if _lookup_key(token, names.given) and not _is_stop(token, lexicon):
            return index, title
        if _is_stop(token, lexicon) and token.key not in lexicon.skips:
            return None, title
        if token.gap_before.strip():  # the apposition comma comes right before the name
            return None, title
        index += 1
        skipped += 1
    return None, title


def _name_extent(tokens: list[_Token], index: int, lang: str, lexicon: _Lexicon, names: _Names,
                 used: list[bool], after_title: bool) -> int | None:
    """One past the last token of a name starting at `index`, or None when it is no name.

    After a title the first part must be a known given name; the rest are known name parts,
    Arabic nisbas (الصفدي), particles (بن، أبو) and a few unknown words that are no stop word or
    verb. Without a title: a well-known given name and a known surname (in Persian, one the lists
    know from Iran, Afghanistan or Tajikistan)."""
    first = tokens[index]
    if _is_stop(first, lexicon) or first.key in lexicon.places or first.bare in lexicon.places:
        return None
    if _lookup_key(first, names.given) is None:
        return None
    end = index + 1
    # A two-word given name (عبد الله، عبد العزیز) or a kunya (أبو محمد).
    if end < len(tokens) and not tokens[end].gap_before.strip() and not used[end] \
            and not _is_stop(tokens[end], lexicon):
        pair = first.bare + " " + tokens[end].key
        if pair in names.given or first.bare in _PARTICLE_KEYS:
            end += 1
    surnames = names.surname_fa if lang == "fa" else names.surname
    unknown = 0
    surname_seen = False
    while end < len(tokens) and end - index < MAX_NAME_TOKENS:
        token = tokens[end]
        if token.gap_before.strip() or used[end] or _is_stop(token, lexicon) or _is_verb(token, lexicon):
            break
        if token.key in lexicon.titles or token.key in lexicon.org_heads:
            break
        # A demonym ends the name, except an Arabic nisba that is also a surname (محمد شياع السوداني).
        nisba_surname = lang == "ar" and token.key.startswith(_AL) and token.key in names.known
        if token.key in lexicon.places and not nisba_surname:
            break
        if token.key in _PARTICLE_KEYS:
            following = end + 1
            if following < len(tokens) and not tokens[following].gap_before.strip() and not used[following] \
                    and not _is_stop(tokens[following], lexicon):
                end += 2
                surname_seen = True
                continue
            break
        if token.key in names.known:
            surname_seen = surname_seen or surnames.get(token.key, 0) >= SURNAME_COUNT
            end += 1
            continue
        if lang == "ar" and token.key.startswith(_AL) and token.key.endswith("ی") and len(token.key) > 4:
            surname_seen = True  # a nisba: الصفدي، التميمي
            end += 1
            continue
        if after_title and unknown < MAX_UNKNOWN_AFTER_TITLE and _may_be_unknown_name(token, lang):
            unknown += 1
            end += 1
            continue
        break
    while end - index > 1 and tokens[end - 1].key in _PARTICLE_KEYS:
        end -= 1
    if after_title:
        return end
    if end - index < 2 or not surname_seen:
        return None
    return end


def _may_be_unknown_name(token: _Token, lang: str) -> bool:
    """A word the name lists lack that may still be a name part after a title: not too short, and
    in Arabic not shaped like a present-tense verb (يزور، تبحث) or a plural verb (قالوا)."""
    if len(token.key) < 3:
        return False
    if lang == "ar":
        return not token.key.startswith(_AR_VERB_PREFIXES) and not token.key.endswith(("وا", "ون"))
    return True


def _org_extent(tokens: list[_Token], index: int, lang: str, lexicon: _Lexicon, names: _Names,
                is_taken: list[bool]) -> int | None:
    """One past the last token of an organisation opened by the head at `index`, or None.

    Arabic: the idafa chain (هيئة تحرير الشام، وزارة الزراعة السورية) must be definite: it ends at
    its last ال-word, and after the first ال-word only ال-words (adjectives, والـ coordination) follow.
    Persian: up to four words up to a stop word, title, given name or punctuation; a noun right
    before a verb belongs to the verb (همکاری می‌کند), not to the name."""
    head = tokens[index]
    definite = (head.bare.startswith(_AL) and head.bare != head.key) or head.key.startswith(_AL)
    end = index + 1
    last_definite = None
    while end < len(tokens) and end - index <= MAX_ORG_COMPLEMENT:
        token = tokens[end]
        if token.gap_before.strip() or is_taken[end] or _is_stop(token, lexicon) or _is_verb(token, lexicon):
            break
        if token.key in lexicon.org_heads or token.key in lexicon.titles:
            break
        if lang == "ar":
            if token.key.startswith(_AL) or token.bare.startswith(_AL) or token.key.startswith("لل"):
                definite = True
                last_definite = end + 1
            elif definite:
                break
        elif names.given.get(token.key, 0) >= STRONG_GIVEN_COUNT and end > index + 1:
            break
        end += 1
    if lang == "ar":
        return last_definite
    if end < len(tokens) and _is_verb(tokens[end], lexicon) and not tokens[end].gap_before.strip():
        end -= 1
    return end if end > index + 1 else None


def _no_english(name: str) -> str:
    return ""


def _org_candidate(text: str, tokens: list[_Token], index: int, end: int, head: str,
                   lexicon: _Lexicon, romanize: Callable[[str], str]) -> NameCandidate:
    start = tokens[index].start_for(head)
    stop = tokens[end - 1].end
    before: list[str] = []
    after: list[str] = []
    position = index + 1
    while position < end:
        for length in lexicon.org_word_lengths:
            if position + length > end:
                continue
            key = " ".join(_complement_key(tokens[position + offset]) for offset in range(length))
            if key in lexicon.org_words:
                english, place = lexicon.org_words[key]
                (before if place == "pre" else after).append(english)
                position += length
                break
        else:
            token = tokens[position]
            complement = _complement_key(token)
            if complement in lexicon.places:
                before.append(lexicon.places[complement])
            else:
                romanized = romanize(text[token.start:token.end])
                if romanized:
                    after.append(romanized)
            position += 1
    name_en = " ".join([*before, lexicon.org_heads[head]])
    if after:
        name_en += " of " + " ".join(after)
    return NameCandidate(start, stop, ORGANIZATION, text[start:stop], name_en, None)


def _complement_key(token: _Token) -> str:
    """The key of an organisation's complement word without و/ل clitics (والمغتربين، للطفولة)."""
    if token.key.startswith("لل"):
        return _AL + token.key[2:]
    return token.bare


def _person_candidate(text: str, tokens: list[_Token], index: int, end: int, names: _Names,
                      title: str | None, romanize: Callable[[str], str]) -> NameCandidate:
    first = tokens[index]
    start = first.start_for(_lookup_key(first, names.given) or first.key)
    stop = tokens[end - 1].end
    name = text[start:stop]
    return NameCandidate(start, stop, PERSON, name, romanize(name), title)
