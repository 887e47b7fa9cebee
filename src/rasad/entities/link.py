"""The linker: every mention of a known person, organisation or place, with its knowledge-base id.

One Aho–Corasick pass (pyahocorasick) finds every written form of every entry, and every title
phrase, in the name key of the text (see `namekey`: letters folded across Persian and Arabic, so
ظریف and ظريف, پوتین and بوتين meet). Each hit is then checked at its edges: Arabic clitics may
precede a name (والعراق، بلبنان، وأردوغان, and لل for ل + ال: للعراق), Persian plural and ezafe
endings may follow a place or organisation; any other letter means the hit is inside a longer word.
Longest hits win. A hit with several candidates, or a weak one (a surname alone, a place name that
is also a common word), is decided by the document: a full mention of the same entry, a title just
before it, a place cue word (کشور، مدينة), an office held on the article's date. A title followed by a
country and no name (وزیر امور خارجه ترکیه، وزير الخارجية التركي) is the person holding that office
in that country on the article's date. Names the base lacks come from `recognize`, with provisional
ids derived from their name key, so one unknown name gets one id across documents and languages.

No library links Persian and Arabic names to a cross-lingual base (NER models for either language
download their weights at run time), hence this module.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick

from rasad.datafiles import data_dir, data_lines
from rasad.entities.kb import KBEntry, KnowledgeBase, load_kb
from rasad.entities.namekey import name_key, name_key_with_offsets
from rasad.entities.recognize import NameCandidate, recognize_names, romanize_name
from rasad.entities.tagged import TaggedMention, Taken, merge_tagged
from rasad.record import Entity, Mention

TYPE_PREFIX = {"PERSON": "per", "ORGANIZATION": "org", "LOCATION": "loc"}

# Arabic letters that attach to the next word: conjunctions و ف, prepositions ب ل ك, and their
# combinations. "لل" is ل + the article with its alef dropped (للعراق): a name that starts with ال
# is also matched without it after لل.
_ARABIC_CLITICS = frozenset({"و", "ف", "ب", "ل", "ک", "وب", "ول", "فب", "فل", "وک", "فک"})
_LAM_LAM = frozenset({"لل", "ولل", "فلل"})
# Persian endings a place or organisation name may carry: plural, and ezafe or indefinite ی after
# a vowel (آمریکای لاتین، اروپای شرقی). The key has dropped the ZWNJ that joins them.
_PERSIAN_ENDINGS = frozenset({"ها", "های", "هایی"})
_PERSIAN_VOWEL_ENDINGS = frozenset({"ی", "یی"})
_WORD_RE = re.compile(r"\w+")
_JOINING_FIRST_WORDS = frozenset({"عبد", "ابو", "محمد", "علی", "غلام", "امیر", "حسین", "حسن", "ام", "نور"})
# What may stand between a title (with its country) and the name it introduces.
_TITLE_GAP_RE = re.compile(r"[\s،,:\-–«»\"]*")


@dataclass(frozen=True)
class _Target:
    """What a pattern stands for: an entry's surface, or a title phrase (entry_id None)."""

    entry_id: str | None
    kind: str  # name, alias, short, acronym, demonym, title
    after_lam_lam: bool = False  # the article-less form, valid only after لل
    role: str = ""  # titles: the canonical role, "-" for an honorific
    country: str = ""  # titles: the country the office belongs to when the title names it (رهبر انقلاب اسلامی)
    lang: str = ""  # counterpart words: their language (Arabic نظير is Persian نظیر "such as")


@dataclass
class _Hit:
    start: int  # key offsets, end exclusive
    end: int
    targets: list[_Target]

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass
class _Linked:
    start: int  # text offsets, end exclusive
    end: int
    entry_id: str
    confident: bool = True


@dataclass(frozen=True)
class _Trap:
    """A context in which a place word is a common word: the words right before it and after it."""

    before: tuple[str, ...]
    after: tuple[str, ...]


@dataclass
class _Matcher:
    automaton: ahocorasick.Automaton
    place_cues: dict[str, frozenset[str]]
    common_words: frozenset[str]
    place_traps: dict[str, dict[str, list[_Trap]]]  # lang -> place word key -> its trap contexts


def _variants(key: str, entry: KBEntry) -> Iterable[tuple[str, bool]]:
    """The key and the other ways news writes it: the article dropped after لل, and the parts of
    a compound first name written as one word (محمد جواد / محمدجواد، عبد الله / عبدالله)."""
    yield key, False
    if key.startswith("ال") and len(key) > 4 and " " not in key[:4]:
        yield key[2:], True
    words = key.split(" ")
    if len(words) >= 2:
        for index, word in enumerate(words[:-1]):
            last_given = entry.type == "PERSON" and index + 1 < len(words) - 1
            if word in _JOINING_FIRST_WORDS or last_given:
                yield " ".join([*words[:index], word + words[index + 1], *words[index + 2:]]), False


@lru_cache(maxsize=1)
def _matcher() -> _Matcher:
    kb = load_kb()
    data = data_dir()
    common = frozenset(name_key(word) for lang in ("fa", "ar")
                       for word in data_lines(data / "kb" / f"common_words_{lang}.txt"))
    patterns: dict[str, list[_Target]] = defaultdict(list)
    titles = _titles(data)
    title_keys = frozenset(key for key, _, _ in titles)
    for entry in kb.entries.values():
        for surface in entry.surfaces():
            if surface.lang == "en":
                if len(surface.text) < 3 or (surface.kind == "short" and surface.text.islower()):
                    continue
                key = name_key(surface.text.lower())
            else:
                key = name_key(surface.text)
            kind = surface.kind
            if (untitled := _without_title(key, title_keys)) != key:
                key = untitled
                kind = "short" if entry.type == "PERSON" and " " not in key else kind
            if len(key) < 2 or (kind in ("short", "surname") and key in title_keys):
                continue  # a surname that is also a title (السيد، الملك) names no one alone
            for variant, after_lam_lam in _variants(key, entry):
                target = _Target(entry.id, kind, after_lam_lam)
                if target not in patterns[variant]:
                    patterns[variant].append(target)
    for key, role, country in titles:
        patterns[key].append(_Target(None, "title", role=role, country=country))
    for lang in ("fa", "ar"):
        for word in data_lines(data / lang / "counterpart_words.txt"):
            patterns[name_key(word)].append(_Target(None, "counterpart", lang=lang))
    automaton = ahocorasick.Automaton()
    for key, targets in patterns.items():
        automaton.add_word(key, (len(key), tuple(targets)))
    automaton.make_automaton()
    cues = {lang: frozenset(name_key(cue) for cue in data_lines(data / lang / "place_cues.txt"))
            for lang in ("fa", "ar")}
    traps = {lang: _place_traps(data_lines(data / lang / "place_traps.txt")) for lang in ("fa", "ar")}
    return _Matcher(automaton, cues, common, traps)


_TRAP_RE = re.compile(r"^(?P<before>[^\[\]]*)\[(?P<word>[^\[\]]+)\](?P<after>[^\[\]]*)$")


def _place_traps(lines: list[str]) -> dict[str, list[_Trap]]:
    """data/{lang}/place_traps.txt: "نصف [قطر]" -> {"قطر": [_Trap(("نصف",), ())]}."""
    traps: dict[str, list[_Trap]] = defaultdict(list)
    for line in lines:
        match = _TRAP_RE.match(line)
        if match is None:
            raise ValueError(f"place_traps.txt: no [word] in {line!r}")
        traps[name_key(match["word"])].append(
            _Trap(tuple(name_key(match["before"]).split()), tuple(name_key(match["after"]).split())))
    return dict(traps)


def _titles(data: Path) -> list[tuple[str, str, str]]:
    """(key, canonical role or "-", country or "") of every title phrase in data/{fa,ar}/titles.tsv."""
    titles = []
    for lang in ("fa", "ar"):
        for line in data_lines(data / lang / "titles.tsv"):
            phrase, *columns = (column.strip() for column in line.split("\t"))
            if key := name_key(phrase):
                role = columns[0] if columns and columns[0] else "-"
                titles.append((key, role, columns[2] if len(columns) > 2 and columns[2] != "-" else ""))
    return titles


def _without_title(key: str, title_keys: frozenset[str]) -> str:
    """A name as the base writes it, less a leading title (السيد حسن نصر الله → حسن نصر الله):
    mentions are names, and the title before them is matched as a title."""
    words = key.split(" ")
    for count in (3, 2, 1):
        if len(words) > count and " ".join(words[:count]) in title_keys:
            return " ".join(words[count:])
    return key


def _word_start(key: str, index: int) -> int:
    while index > 0 and key[index - 1].isalnum():
        index -= 1
    return index


def _word_end(key: str, index: int) -> int:
    while index < len(key) and key[index].isalnum():
        index += 1
    return index


def _edges_ok(key: str, start: int, end: int, target: _Target, lang: str, kb: KnowledgeBase) -> bool:
    """Whether a hit stands as a word: nothing glued before it but a clitic, after it but an ending."""
    if target.kind == "counterpart" and target.lang != lang:
        return False
    prefix = key[_word_start(key, start):start]
    if target.after_lam_lam:
        if prefix not in _LAM_LAM:
            return False
    elif prefix and not (lang == "ar" and prefix in _ARABIC_CLITICS):
        return False
    suffix = key[end:_word_end(key, end)]
    if not suffix:
        return True
    if lang != "fa" or target.kind in ("title", "counterpart"):
        return False
    entry = kb.get(target.entry_id or "")
    if entry is None or entry.type == "PERSON" or target.kind == "demonym":
        return False
    return suffix in _PERSIAN_ENDINGS or (suffix in _PERSIAN_VOWEL_ENDINGS and key[end - 1] in "او")


def _hits(key: str, lang: str, matcher: _Matcher,
          kb: KnowledgeBase) -> tuple[list[_Hit], list[_Hit], list[_Hit]]:
    """Entity hits (longest first, not overlapping), title hits and "counterpart" hits (نظيره), each
    with the targets whose edges fit."""
    hits: dict[str, list[_Hit]] = {"entity": [], "title": [], "counterpart": []}
    for last, (length, targets) in matcher.automaton.iter(key):
        start, end = last + 1 - length, last + 1
        fitting = [target for target in targets if _edges_ok(key, start, end, target, lang, kb)]
        for group in hits:
            chosen = [target for target in fitting
                      if target.kind == group or (group == "entity" and target.kind not in hits)]
            if chosen:
                hits[group].append(_Hit(start, end, chosen))
    return _longest_first(hits["entity"]), _longest_first(hits["title"]), hits["counterpart"]


# Kinds of organisation named side by side as peers: the Palestinian factions are parties and armed groups.
_POLITICAL_GROUP_KINDS = frozenset({"party", "armed-group", "movement", "opposition", "coalition"})


def _kin(kind: str | None) -> str | None:
    return "political-group" if kind in _POLITICAL_GROUP_KINDS else kind


def _longest_first(hits: list[_Hit]) -> list[_Hit]:
    chosen: list[_Hit] = []
    taken = bytearray(max((hit.end for hit in hits), default=0))
    for hit in sorted(hits, key=lambda hit: (-hit.length, hit.start)):
        if not any(taken[hit.start:hit.end]):
            taken[hit.start:hit.end] = b"\x01" * hit.length
            chosen.append(hit)
    return sorted(chosen, key=lambda hit: hit.start)


_CONTEXT_ENDINGS = ("", "ها", "های", "هایی", "ی", "ای")


def _words_match(words: Sequence[str], expected: tuple[str, ...]) -> bool:
    """Whether `words` are `expected`, each allowed a leading و or ف (والأبقار) and a Persian
    plural or ezafe ending (لوله‌های)."""
    def same(word: str, want: str) -> bool:
        if word[:1] in ("و", "ف") and word[1:].startswith(want):
            word = word[1:]
        return word.startswith(want) and word[len(want):] in _CONTEXT_ENDINGS
    return len(words) == len(expected) and all(same(word, want) for word, want in zip(words, expected, strict=True))


def _previous_words(key: str, start: int, count: int = 2) -> list[str]:
    """The up to `count` words before `start`, nearest last; each also as a two-word phrase."""
    words = _WORD_RE.findall(key[max(0, start - 40):start])[-count:]
    return words + ([" ".join(words)] if len(words) == 2 else [])


class _Document:
    """The state of linking one text: hits, the entries met so far, the article's date."""

    def __init__(self, text: str, lang: str, published: datetime.date | None) -> None:
        self.text, self.lang, self.published = text, lang, published
        self.kb = load_kb()
        self.matcher = _matcher()
        self.key, offsets = name_key_with_offsets(text)
        self.offsets = offsets
        self.entity_hits, self.title_hits, self.counterpart_hits = _hits(self.key, lang, self.matcher, self.kb)
        self.title_before: dict[int, _Hit] = {}  # entity hit start -> the title hit that introduces it
        self.organisations: list[tuple[int, int, str | None]] = []  # linked on their own: key span, kind

    def text_span(self, start: int, end: int) -> tuple[int, int]:
        if self.offsets is None:
            return start, end
        return self.offsets[start], self.offsets[end - 1] + 1

    # -- deciding between candidates ------------------------------------------------------------

    def is_weak(self, hit: _Hit, target: _Target) -> bool:
        """A hit that needs support from the document to count: a surname alone, a place name
        that is also a common word, any form that is a common word."""
        entry = self.kb.entries[target.entry_id or ""]
        hit_key = self.key[hit.start:hit.end]
        if hit_key in self.matcher.common_words or target.kind in ("short", "surname"):
            return True
        # a demonym is not ambiguous the way its country's name is (العماني is Omani, عمان Oman or Amman)
        return entry.ambiguous and target.kind not in ("alias", "demonym") and " " not in hit_key

    def in_place_trap(self, hit: _Hit) -> bool:
        """Whether the hit stands in a context that makes it a common word ("نصف قطر", "جنات عدن")."""
        traps = self.matcher.place_traps.get(self.lang, {}).get(self.key[hit.start:hit.end])
        if not traps:
            return False
        before = _WORD_RE.findall(self.key[max(0, hit.start - 60):_word_start(self.key, hit.start)])
        after = _WORD_RE.findall(self.key[_word_end(self.key, hit.end):hit.end + 60])
        return any(_words_match(before[len(before) - len(trap.before):] if trap.before else [], trap.before)
                   and _words_match(after[:len(trap.after)], trap.after) for trap in traps)

    def has_place_cue(self, hit: _Hit) -> bool:
        cues = self.matcher.place_cues.get(self.lang, frozenset())
        return any(word in cues for word in _previous_words(self.key, hit.start))

    def score(self, hit: _Hit, target: _Target, met: set[str], countries: set[str]) -> float:
        entry = self.kb.entries[target.entry_id or ""]
        score = 0.0
        if entry.id in met:
            score += 5
        title = self.title_before.get(hit.start)
        if title is not None and entry.type == "PERSON":
            roles = {role.canonical for role in entry.roles_on(self.published)}
            if roles & {target.role for target in title.targets}:
                score += 3
        if entry.type == "PERSON" and self.published and entry.roles_on(self.published):
            score += 2
        if entry.country and entry.country in countries:
            score += 1
        if target.kind in ("name", "alias", "acronym", "demonym"):
            score += 0.5
        elif target.kind == "short":
            score += 0.3  # a short form the base lists beats a surname derived from a full name
        if title is not None and entry.type == "PERSON" and self._has_title(entry, title):
            score += 1
        if entry.is_country:
            score += 0.4
        elif entry.is_capital:
            score += 0.2
        return score

    def _has_title(self, entry: KBEntry, title: _Hit) -> bool:
        """Whether the title before a name is one the entry's own `titles` list gives it (آیت‌الله)."""
        written = self.key[title.start:title.end]
        return any(name_key(own) == written for own in entry.titles.get(self.lang, ()))

    def supported(self, hit: _Hit, target: _Target, met: set[str]) -> bool:
        entry = self.kb.entries[target.entry_id or ""]
        if entry.id in met:
            return True
        if entry.type == "LOCATION":
            # "وزیر امور خارجه عمان": a title's country slot names a country, not the city Amman
            return self.has_place_cue(hit) or (entry.is_country and any(
                not self.key[title.end:hit.start].strip() for title in self.title_hits if title.end <= hit.start))
        if entry.type == "PERSON" and hit.start in self.title_before:
            # "القائد العسكري فؤاد شكر": a common word between a title and a name is part of the title,
            # not the surname of someone else
            return not (self.key[hit.start:hit.end] in self.matcher.common_words and self.name_follows(hit))
        if entry.type == "ORGANIZATION" and self.joined_to_kin(hit, entry.kind):
            return True
        if target.kind == "short" and self.key[hit.start:hit.end] not in self.matcher.common_words:
            # A distinctive surname of one known person only ("عراقچی") stands on its own.
            return len({t.entry_id for t in hit.targets}) == 1 and self.published is not None and bool(
                entry.roles_on(self.published))
        return False

    def name_follows(self, hit: _Hit) -> bool:
        """Whether a person's name starts at the next word after the hit."""
        following = _WORD_RE.search(self.key, hit.end)
        return following is not None and any(
            other.start == following.start() and any(self.kb.entries[t.entry_id or ""].type == "PERSON"
                                                      for t in other.targets)
            for other in self.entity_hits)

    def joined_to_kin(self, hit: _Hit, kind: str | None) -> bool:
        """Whether an organisation's name that is also a common word stands joined by "and" to a linked
        organisation of its kind ("حماس و فتح"، "حركتي فتح وحماس"): then it names the organisation."""
        for start, end, other_kind in self.organisations:
            if kind is None or _kin(other_kind) != _kin(kind):
                continue
            # a glued "و" (وحماس) is left out of the hit, so it stands between the two
            between = self.key[hit.end:start] if hit.end <= start else self.key[end:hit.start]
            if between.strip() == "و":
                return True
        return False

    # -- the passes -----------------------------------------------------------------------------

    def note_titles(self) -> None:
        """Which entity hits directly follow a title (allowing a country word between)."""
        entity_at = {hit.start: hit for hit in self.entity_hits}
        for title in self.title_hits:
            position = title.end
            for _ in range(2):
                gap = _TITLE_GAP_RE.match(self.key, position)
                position = gap.end() if gap else position
                following = entity_at.get(position)
                if following is None:
                    break
                entries = [self.kb.entries[t.entry_id or ""] for t in following.targets]
                if any(entry.is_country for entry in entries):
                    position = following.end  # a country or demonym between title and name (العراقي)
                    continue
                if any(entry.type == "PERSON" for entry in entries):
                    self.title_before[following.start] = title
                    break
                position = following.end  # a country or demonym between title and name

    def link(self) -> list[_Linked]:
        self.note_titles()
        met: set[str] = set()
        countries: set[str] = set()
        linked: dict[int, _Linked] = {}
        # First the hits that stand on their own, so the weak ones can lean on them.
        pending: list[_Hit] = []
        for hit in self.entity_hits:
            if self.in_place_trap(hit):
                hit.targets = [t for t in hit.targets if self.kb.entries[t.entry_id or ""].type != "LOCATION"]
                if not hit.targets:
                    continue
            strong = [t for t in hit.targets if not self.is_weak(hit, t)]
            if strong and len({t.entry_id for t in strong}) == 1:
                entry_id = strong[0].entry_id or ""
                linked[hit.start] = self._linked(hit, entry_id)
                met.add(entry_id)
                if self.kb.entries[entry_id].type == "ORGANIZATION":
                    self.organisations.append((hit.start, hit.end, self.kb.entries[entry_id].kind))
                if (country := self.kb.entries[entry_id].country) is not None:
                    countries.add(country)
            else:
                pending.append(hit)
        for hit in pending:
            scored = sorted(((self.score(hit, t, met, countries), t) for t in hit.targets
                             if not self.is_weak(hit, t) or self.supported(hit, t, met)),
                            key=lambda pair: -pair[0])
            if not scored:
                continue
            best_score, best = scored[0]
            rivals = [t for s, t in scored[1:] if s == best_score and t.entry_id != best.entry_id]
            if rivals and self.kb.entries[best.entry_id or ""].type == "PERSON":
                continue  # two people share the name and nothing in the article tells them apart
            linked[hit.start] = self._linked(hit, best.entry_id or "")
            met.add(best.entry_id or "")
        result = [linked[start] for start in sorted(linked)]
        result += self.titles_alone(linked)
        result += self.counterparts(result)
        return result

    def counterparts(self, found: list[_Linked]) -> list[_Linked]:
        """"His Russian counterpart" (نظيره الروسي، همتای روس خود) with no name after it: the person who
        held, on the article's day, the office of the last person named before it, in that country."""
        if not self.counterpart_hits or self.published is None:
            return []
        by_start = sorted(found, key=lambda item: item.start)
        result: list[_Linked] = []
        for hit in self.counterpart_hits:
            start, end = self.text_span(hit.start, hit.end)
            gap = _TITLE_GAP_RE.match(self.text, end)
            country = next((item for item in by_start if item.start == gap.end()), None) if gap else None
            entry = self.kb.entries.get(country.entry_id) if country else None
            if entry is None or not entry.is_country or entry.country is None:
                continue
            after = _TITLE_GAP_RE.match(self.text, country.end)
            named_after = any(item.start == after.end() and self.kb.entries[item.entry_id].type == "PERSON"
                              for item in by_start)
            before = [item for item in by_start if item.end <= start
                      and self.kb.entries[item.entry_id].type == "PERSON"]
            if named_after or not before or self.text[before[-1].end:start].strip(" ،,") == "":
                continue  # named after all, or in apposition to the name before it
            roles = {role.canonical for role in self.kb.entries[before[-1].entry_id].roles_on(self.published)}
            holder = self._holder(roles, entry.country) if roles else None
            if holder and holder != before[-1].entry_id:
                result.append(_Linked(start, country.end, holder))
        return result

    def _linked(self, hit: _Hit, entry_id: str) -> _Linked:
        start, end = self.text_span(hit.start, hit.end)
        return _Linked(start, end, entry_id)

    def titles_alone(self, linked: dict[int, _Linked]) -> list[_Linked]:
        """A title with a country and no name: the person in that office there on the article's day.
        A title with neither: the last person named before it who held that office then."""
        found: list[_Linked] = []
        by_key_start = {hit.start: hit for hit in self.entity_hits if hit.start in linked}
        introduced = {title.start for title in self.title_before.values()}
        persons_so_far: list[tuple[int, str]] = [(start, item.entry_id) for start, item in linked.items()
                                                  if self.kb.entries[item.entry_id].type == "PERSON"]
        for title in self.title_hits:
            if title.start in introduced:
                continue
            roles = {target.role for target in title.targets} - {"-"}
            if not roles or self.follows_person(title, linked):
                continue
            gap = _TITLE_GAP_RE.match(self.key, title.end)
            position = gap.end() if gap else title.end
            word = _WORD_RE.match(self.key, position)
            if word and word.group() in _current_words(self.lang):
                # "نخست‌وزیر جدید رژیم صهیونیستی": a modifier between the title and the country
                gap = _TITLE_GAP_RE.match(self.key, word.end())
                position = gap.end() if gap else word.end()
            following = by_key_start.get(position)
            country_entry = self.kb.entries[linked[following.start].entry_id] if following else None
            if country_entry is not None and country_entry.is_country and self.key[title.end:title.end + 1] == " ":
                holder = self._holder(roles, country_entry.country)
                if holder:
                    start, end = self.text_span(title.start, following.end)
                    found.append(_Linked(start, end, holder))
                continue
            own_country = next((target.country for target in title.targets if target.country), "")
            if own_country and (holder := self._holder(roles, own_country)):
                start, end = self.text_span(title.start, title.end)
                found.append(_Linked(start, end, holder))
                continue
            earlier = [entry_id for start, entry_id in persons_so_far if start < title.start
                       and {role.canonical for role in self.kb.entries[entry_id].roles_on(self.published)} & roles]
            if earlier and self.published is not None:
                start, end = self.text_span(title.start, title.end)
                found.append(_Linked(start, end, earlier[-1]))
        return found

    def follows_person(self, title: _Hit, linked: dict[int, _Linked]) -> bool:
        """Whether the title is in apposition after a name (ظریف، وزیر امور خارجه): it adds no mention."""
        before = self.key[:title.start].rstrip(" ،,:-–")
        return any(hit.end == len(before) and self.kb.entries[linked[hit.start].entry_id].type == "PERSON"
                   for hit in self.entity_hits if hit.start in linked and hit.end <= title.start)

    def _holder(self, roles: set[str], country: str | None) -> str | None:
        """The one person who held one of `roles` in `country` on the article's day."""
        if self.published is None or country is None:
            return None
        holders = {entry.id for entry in _persons_by_role(frozenset(roles), country)
                   if any(role.canonical in roles and role.country == country and role.start is not None
                          and role.active_on(self.published) for role in entry.roles)}
        return holders.pop() if len(holders) == 1 else None


@lru_cache(maxsize=4)
def _current_words(lang: str) -> frozenset[str]:
    """Modifiers between a title and its country that keep the holder on the article's day (جدید، الحالي)."""
    return frozenset(key for word in data_lines(data_dir() / lang / "current_words.txt") if (key := name_key(word)))


@lru_cache(maxsize=4096)
def _persons_by_role(roles: frozenset[str], country: str) -> list[KBEntry]:
    return [entry for entry in load_kb().entries.values() if entry.type == "PERSON"
            and any(role.canonical in roles and role.country == country for role in entry.roles)]


def provisional_id(entity_type: str, name: str) -> str:
    """The id of a name the base lacks: the same for every spelling that shares its name key."""
    digest = hashlib.blake2b(name_key(name).encode("utf-8"), digest_size=4).hexdigest()
    return f"{TYPE_PREFIX.get(entity_type, 'ent')}:x-{digest}"


def link_entities(text: str, lang: str, published: datetime.date | None = None,
                  tagged: Sequence[tuple[int, int, str]] | None = None) -> list[Entity]:
    """Every person, organisation and place mentioned in normalized `text`, ordered by first mention.

    `tagged` are the entity tagger's mentions (rasad.entities.tagged.tag_text): those that add to the
    knowledge base's links and the rules' mentions are added (rasad.entities.tagged.merge_tagged)."""
    if not text or lang not in ("fa", "ar"):
        return []
    document = _Document(text, lang, published)
    linked = document.link()
    entities: dict[str, Entity] = {}
    unknown = _unknown(text, lang, linked, document.kb)
    candidates = unknown.candidates
    inside_organisations = unknown.inside_organisations
    added: list[TaggedMention] = []
    if tagged is not None:
        links = [Taken(item.start, item.end, document.kb.entries[item.entry_id].type,
                       name_key(text[item.start:item.end]) in _demonym_keys(item.entry_id)) for item in linked]
        merged = merge_tagged(text, lang, links, [Taken(c.start, c.end, c.type) for c in candidates], tagged)
        linked = [item for index, item in enumerate(linked) if index not in merged.dropped_links]
        candidates = [c for index, c in enumerate(candidates) if index not in merged.dropped_candidates]
        kept = {(c.start, c.end) for c in candidates}
        inside_organisations = [span for span in inside_organisations if span in kept]
        added = merged.mentions
    for item in sorted(linked, key=lambda item: (item.start, -item.end)):
        if any(start <= item.start and item.end <= end for start, end in inside_organisations):
            continue  # a country word inside an organisation's name (وزارة الزراعة السورية)
        entry = document.kb.entries[item.entry_id]
        entity = entities.get(entry.id)
        if entity is None:
            entity = entities[entry.id] = Entity(entry.id, entry.type, dict(entry.name), entry.country)
        entity.mentions.append(Mention(item.start, item.end, text[item.start:item.end]))
    for candidate in candidates:
        entity_id = provisional_id(candidate.type, candidate.text)
        entity = entities.get(entity_id)
        if entity is None:
            names = {"en": candidate.name_en or candidate.text, lang: candidate.text}
            entity = entities[entity_id] = Entity(entity_id, candidate.type, names)
        entity.mentions.append(Mention(candidate.start, candidate.end, text[candidate.start:candidate.end]))
    if added:
        _add_tagged(entities, text, lang, added)
    for entity in entities.values():
        entity.mentions.sort(key=lambda mention: mention.start)
    return sorted(entities.values(), key=lambda entity: entity.mentions[0].start)


@lru_cache(maxsize=4096)
def _demonym_keys(entry_id: str) -> frozenset[str]:
    """Name keys of an entry's demonyms (ایرانی، الإيرانية and their plurals), once per entry."""
    entry = load_kb().entries[entry_id]
    return frozenset(name_key(surface.text) for surface in entry.surfaces() if surface.kind == "demonym")


def _add_tagged(entities: dict[str, Entity], text: str, lang: str, mentions: list[TaggedMention]) -> None:
    """Tagger mentions into the document's entities: a provisional entity's or, for a lone word that ends the
    name of a person found before it (رحیمی after سعید رحیمی), that person's."""
    persons: dict[str, str] = {}  # last word's name key -> entity id of a multi-word person mention
    for entity in entities.values():
        if entity.type == "PERSON":
            for mention in entity.mentions:
                words = mention.text.split()
                if len(words) > 1:
                    persons.setdefault(name_key(words[-1]), entity.id)
    for mention in mentions:
        name = text[mention.start:mention.end]
        words = name.split()
        same_person = persons.get(name_key(name)) if mention.type == "PERSON" and len(words) == 1 else None
        entity_id = same_person or provisional_id(mention.type, name)
        entity = entities.get(entity_id)
        if entity is None:
            names = {"en": romanize_name(name) or name, lang: name}
            entity = entities[entity_id] = Entity(entity_id, mention.type, names)
        if mention.type == "PERSON" and len(words) > 1:
            persons.setdefault(name_key(words[-1]), entity_id)
        entity.mentions.append(Mention(mention.start, mention.end, name))


@dataclass
class _Unknown:
    candidates: list[NameCandidate]
    inside_organisations: list[tuple[int, int]]


def _unknown(text: str, lang: str, linked: Sequence[_Linked], kb: KnowledgeBase) -> _Unknown:
    """Names the base lacks, from the recognizer. Places are not passed as taken, so an unknown
    organisation keeps the country word that ends its name; that word then yields its mention."""
    taken = [(item.start, item.end) for item in linked if kb.entries[item.entry_id].type != "LOCATION"]
    # English names come with the candidates: the recognizer caches them per name, and a name the
    # romanizer has not met (1-10 ms) is met once per corpus, not once per mention.
    persons = [(item.start, item.end) for item in linked if kb.entries[item.entry_id].type == "PERSON"]
    candidates = recognize_names(text, lang, taken, persons=persons)
    organisations = [(c.start, c.end) for c in candidates if c.type == "ORGANIZATION"]
    places = [item for item in linked if kb.entries[item.entry_id].type == "LOCATION"]
    # A place that starts inside a recognized person or organisation and is not wholly inside
    # it overlaps: the recognizer saw the name wrong, so the candidate goes.
    kept = [c for c in candidates
            if not any(c.start < p.end and p.start < c.end and not (c.start <= p.start and p.end <= c.end)
                       for p in places)]
    return _Unknown(kept, [span for span in organisations
                           if any(c.start == span[0] and c.end == span[1] for c in kept)])

