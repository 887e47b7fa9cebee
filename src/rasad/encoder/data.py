"""Training and dev sets for the entity tagger (PERSON / ORGANIZATION / LOCATION, BIO over e5 pieces).

Sources (licences in docs/tagger.md; ../shared/data/README.md describes each set):

- AQMAR (Arabic Wikipedia, CC BY-SA 3.0): ``train.txt`` for training, ``dev.txt`` for dev; PER/ORG/LOC kept,
  MIS dropped.
- NewsFANE Gold (Arabic newswire, CC BY-SA 3.0): 50 fine classes mapped to the three coarse types (persons,
  organisations, and GPE/LOC/FAC as LOCATION); the last tenth of its sentences is dev. The file's BOM,
  CRLF and the U+200E before each token are stripped.
- Wojood sample (Arabic, MIT): nested tags flattened, outermost PERS/ORG/GPE/LOC/FAC span wins;
  ``train.txt`` for training, ``val.txt`` for dev.
- Templates written for Rasad (``rasad/data/ner/templates_{fa,ar}.txt``): news-style sentences whose slots are
  filled with names from the knowledge base, invented persons made of one entry's given name and another's
  surname, and names the knowledge base lacks from the filler lists (``rasad/data/ner/fillers_*.txt``:
  given and family names, minor organisations, towns and villages). Every fifth template, every fifth
  knowledge-base entry (by a hash of its id) and every fifth filler entry (by a hash of its text) go to dev
  only, so dev measures unseen sentences and unseen names.

The entity gold under benchmarks/gold/ is never read here.
"""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rasad.datafiles import data_dir, data_lines
from rasad.text.letters import ZWNJ

ENTITY_TYPES = ("PERSON", "ORGANIZATION", "LOCATION")
LABELS = ("O", *(f"{prefix}-{kind}" for kind in ENTITY_TYPES for prefix in ("B", "I")))
LABEL_IDS = {label: index for index, label in enumerate(LABELS)}
IGNORE_INDEX = -100  # tokens with no text of their own (<s>, </s>, a lone "▁"): not scored

DEFAULT_DATA_ROOT = Path("/work/shared/data")
MAX_WORDS = 60  # longer corpus sentences are cut (between mentions) into pieces of at most this many words

Span = tuple[int, int, str]  # code-point start, end, entity type


@dataclass(frozen=True)
class Example:
    """One sentence with its mentions as code-point spans."""

    text: str
    spans: tuple[Span, ...]
    source: str
    lang: str


@dataclass(frozen=True)
class SourceInfo:
    name: str
    licence: str
    description: str


SOURCES = {
    "aqmar": SourceInfo("aqmar", "CC BY-SA 3.0",
                        "AQMAR Arabic Wikipedia NER (Mohit et al. 2012), Topcoder conversion; MIS dropped"),
    "newsfane": SourceInfo("newsfane", "CC BY-SA 3.0",
                           "NewsFANE Gold 2014 (Alotaibi and Lee), fine classes mapped to PER/ORG/LOC"),
    "wojood": SourceInfo("wojood", "MIT (Copyright (c) 2021 Mohammed Khalilia)",
                         "Wojood sample (SinaLab), nested tags flattened: PERS, ORG, GPE/LOC/FAC"),
    "templates-fa": SourceInfo("templates-fa", "written for Rasad (project licence); names from Rasad's KB",
                               "Persian news-style templates filled with knowledge-base names"),
    "templates-ar": SourceInfo("templates-ar", "written for Rasad (project licence); names from Rasad's KB",
                               "Arabic news-style templates filled with knowledge-base names"),
}

AQMAR_TYPES = {"PER": "PERSON", "ORG": "ORGANIZATION", "LOC": "LOCATION"}
WOJOOD_TYPES = {"PERS": "PERSON", "ORG": "ORGANIZATION", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION"}
# NewsFANE's fine classes (Alotaibi and Lee 2014, after ACE): person subtypes, organisation subtypes, and
# geo-political, location and facility subtypes. Vehicles, weapons and products (Book, Movie, Software,
# Land/Air/Water vehicles, Projectile, ...) are not our types and become O, and so does Group (plurals
# naming peoples: الاوروبيين), which Rasad's gold neither tags as persons nor as places.
NEWSFANE_TYPES = {
    **dict.fromkeys(("Politician", "Athlete", "Artist", "Other_PER", "Religious_PER", "Scientist",
                     "Businessperson", "Lawyer", "Engineer", "Police"), "PERSON"),
    **dict.fromkeys(("Non-Governmental", "Sports", "Government", "Media", "Commercial", "Educational",
                     "Medical-Science", "Entertainment", "Religious_ORG"), "ORGANIZATION"),
    **dict.fromkeys(("Nation", "Population-Center", "State-or-Province", "GPE-Cluster", "Continent",
                     "County-or-District", "Water-Body", "Land-Region-Natural", "Celestial", "Building-Grounds",
                     "Subarea-Facility", "Path", "Airport", "Plant"), "LOCATION"),
}

_INVISIBLE = str.maketrans("", "", "\ufeff\u200e\u200f\r")


# --- CoNLL corpora ---------------------------------------------------------------------------------------

def read_columns(path: Path) -> Iterator[list[list[str]]]:
    """Sentences of a CoNLL-style file: lists of rows (token, tag, ...); blank lines end sentences.

    Tokens and tags are split on tabs or spaces; BOMs, CRs and direction marks are removed.
    """
    rows: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").translate(_INVISIBLE).split("\n"):
        fields = line.split()
        if not fields:
            if rows:
                yield rows
            rows = []
            continue
        rows.append(fields)
    if rows:
        yield rows


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Word spans (first, last + 1, raw type) of a BIO tag column; an I- without a B- opens a span."""
    spans: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for index, tag in enumerate([*tags, "O"]):
        prefix, _, tag_type = tag.partition("-")
        continues = prefix == "I" and tag_type == kind and start >= 0
        if start >= 0 and not continues:
            spans.append((start, index, kind))
            start, kind = -1, ""
        if prefix in ("B", "I") and not continues:
            start, kind = index, tag_type
    return spans


def outermost(spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Longest spans first, dropping any that overlaps one already kept; sorted by start."""
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(span[1] <= other[0] or other[1] <= span[0] for other in kept):
            kept.append(span)
    return sorted(kept)


def words_to_examples(words: Sequence[str], spans: Sequence[tuple[int, int, str]], source: str,
                      lang: str = "ar", max_words: int = MAX_WORDS,
                      glued: Sequence[bool] | None = None) -> list[Example]:
    """Join words with spaces into one or more examples (cut between mentions past ``max_words``);
    a word whose ``glued`` flag is set is written without a space before the next one."""
    glued = glued or [False] * len(words)
    pieces: list[tuple[int, int]] = []
    start = 0
    while start < len(words):
        end = min(start + max_words, len(words))
        # Do not cut inside a mention: move the cut back to the mention's start.
        for first, last, _ in spans:
            if first < end < last and first > start:
                end = first
        pieces.append((start, end))
        start = end
    examples = []
    for first_word, end_word in pieces:
        offsets, position, parts = [], 0, []
        for index in range(first_word, end_word):
            separator = "" if glued[index] and index + 1 < end_word else " "
            offsets.append(position)
            parts.append(words[index] + separator)
            position += len(words[index]) + len(separator)
        text = "".join(parts).rstrip(" ")
        chars = [
            (offsets[first - first_word], offsets[last - 1 - first_word] + len(words[last - 1]), kind)
            for first, last, kind in spans if first_word <= first and last <= end_word
        ]
        examples.append(Example(text, tuple(chars), source, lang))
    return examples


def read_aqmar(path: Path) -> list[Example]:
    examples = []
    for rows in read_columns(path):
        words = [row[0] for row in rows]
        spans = [(a, b, AQMAR_TYPES[kind]) for a, b, kind in bio_spans([row[-1] for row in rows])
                 if kind in AQMAR_TYPES]
        examples += words_to_examples(words, spans, "aqmar")
    return examples


# NewsFANE writes clitics as tokens of their own ("ل اسرائيل", "مقر ه"); news text attaches them. Proclitics
# (conjunctions, prepositions, the future س) always attach to the next word; of the pronoun suffixes only
# those that are never words by themselves attach to the previous one (هم and كم are also free words).
_PROCLITICS = frozenset("وفبلكس")
_ENCLITICS = frozenset({"ه", "ها", "هما", "هن"})


def rejoin_clitics(words: list[str], tags: list[str]) -> tuple[list[str], list[str], list[bool]]:
    """Words, tags and glue flags with NewsFANE's split clitics written attached again.

    A proclitic stays its own (O-tagged, glued) word, so a mention starts after it, as in Rasad's gold;
    ل before ال becomes لل and the next word loses its article (ل الاتحاد -> للاتحاد, the mention
    starting after لل as in the gold's للعراق -> عراق). An enclitic is appended to the word before it.
    """
    out_words: list[str] = []
    out_tags: list[str] = []
    glued: list[bool] = []
    for index, (word, tag) in enumerate(zip(words, tags, strict=True)):
        if word in _ENCLITICS and out_words and not glued[-1]:
            out_words[-1] += word
            continue
        if out_words and glued[-1] and out_words[-1].endswith("ل") and word.startswith("ال") and len(word) > 2:
            out_words[-1] += "ل"
            word = word[2:]
        out_words.append(word)
        out_tags.append(tag)
        next_exists = index + 1 < len(words) and words[index + 1] not in _ENCLITICS
        glued.append(word in _PROCLITICS and tag == "O" and next_exists)
    return out_words, out_tags, glued


def read_newsfane(path: Path) -> list[list[Example]]:
    """NewsFANE's sentences, each as a list of examples (one unless cut for length), in file order."""
    sentences = []
    for rows in read_columns(path):
        words, tags, glued = rejoin_clitics([row[0] for row in rows], [row[-1] for row in rows])
        spans = [(a, b, NEWSFANE_TYPES[kind]) for a, b, kind in bio_spans(tags) if kind in NEWSFANE_TYPES]
        sentences.append(words_to_examples(words, spans, "newsfane", glued=glued))
    return sentences


def read_wojood(path: Path) -> list[Example]:
    examples = []
    for rows in read_columns(path):
        rows = [row for row in rows if row[0] != "$#$"]  # the sample's segment marker, not text
        words = [row[0] for row in rows]
        columns = max(len(row) for row in rows) - 1
        candidates = []
        for column in range(1, columns + 1):
            tags = [row[column] if len(row) > column else "O" for row in rows]
            candidates += [(a, b, WOJOOD_TYPES[kind]) for a, b, kind in bio_spans(tags) if kind in WOJOOD_TYPES]
        examples += words_to_examples(words, outermost(candidates), "wojood")
    return examples


# --- templates filled from the knowledge base --------------------------------------------------------------

_SLOT = re.compile(r"\{(PERSON|SURNAME|ORGANIZATION|CITY|COUNTRY|DEMONYM)\}"
                   r"|\[([^\[\]|{}]+)\|(PERSON|ORGANIZATION|LOCATION)\]"
                   # a head noun written with a slot, the whole one mention: [روستای {CITY}|LOCATION]
                   r"|\[([^\[\]|{}]*)\{(PERSON|ORGANIZATION|CITY|COUNTRY)\}([^\[\]|{}]*)\|(PERSON|ORGANIZATION|LOCATION)\]")
_SLOT_TYPES = {"PERSON": "PERSON", "SURNAME": "PERSON", "ORGANIZATION": "ORGANIZATION", "CITY": "LOCATION",
               "COUNTRY": "LOCATION", "DEMONYM": "LOCATION"}

# How often a slot is filled from the filler lists (names the knowledge base does not know) rather than from
# the knowledge base, and how invented filler persons are shaped.
FILLER_SHARE = {"PERSON": 0.35, "ORGANIZATION": 0.4, "CITY": 0.35}
KB_INVENTED_PERSON_SHARE = 0.3  # of knowledge-base persons: one entry's given name with another's surname
MIDDLE_NAME_SHARE = {"fa": 0.0, "ar": 0.3}  # the father's name between given and family name (Arabic style)
JOINED_FAMILY_SHARE = 0.2  # a family name made of a name and a suffix joined by ZWNJ (حسن‌زاده); Persian only
FILLER_KINDS = ("given", "given_female", "family", "family_suffix", "organization", "place")


def templates_path(lang: str) -> Path:
    return data_dir() / "ner" / f"templates_{lang}.txt"


def fillers_path(lang: str, kind: str) -> Path:
    """``rasad/data/ner/fillers_{lang}_{kind}.txt`` (kind: one of FILLER_KINDS); a missing file reads empty."""
    return data_dir() / "ner" / f"fillers_{lang}_{kind}.txt"


def _held_out(key: str, every: int = 5) -> bool:
    """Stable split: a fifth of the keys (by hash, not by Python's salted hash()) go to dev."""
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % every == 0


def filler_entries(lang: str, kind: str, dev: bool, exclude: frozenset[str] = frozenset()) -> list[str]:
    """The filler list's entries in ``dev``'s split (every fifth entry, by a hash of its text, is dev only),
    leaving out ``exclude`` (names the knowledge base knows, which follow the knowledge base's split)."""
    entries = {entry for entry in data_lines(fillers_path(lang, kind)) if entry not in exclude}
    return sorted(entry for entry in entries if _held_out(f"filler:{entry}") == dev)


@dataclass
class NamePools:
    """Names per slot for one language and split: knowledge-base names, and filler names it lacks."""

    person: list[str]
    organization: list[str]
    city: list[str]
    country: list[str]
    demonym: list[str]
    given: list[str]
    surnames: list[str]
    lang: str = "fa"
    filler_given: list[str] = field(default_factory=list)  # men's and women's
    filler_father: list[str] = field(default_factory=list)  # men's given names, for a father's name
    filler_family: list[str] = field(default_factory=list)
    filler_family_suffix: list[str] = field(default_factory=list)
    filler_organization: list[str] = field(default_factory=list)
    filler_place: list[str] = field(default_factory=list)
    place_heads: frozenset[str] = frozenset()  # first words shared by several place names (استان، سد، نهر)

    def invented_person(self, rng: random.Random) -> tuple[str, str]:
        """(full name, family name) of a person made from the filler lists."""
        given = rng.choice(self.filler_given)
        if self.filler_father and rng.random() < MIDDLE_NAME_SHARE.get(self.lang, 0.0):
            given = f"{given} {rng.choice(self.filler_father)}"
        family = rng.choice(self.filler_family)
        if self.filler_family_suffix and rng.random() < JOINED_FAMILY_SHARE:
            stem = rng.choice(self.filler_father + self.filler_family)
            family = f"{stem}{ZWNJ}{rng.choice(self.filler_family_suffix)}"
        return f"{given} {family}", family

    def pick_person(self, rng: random.Random) -> tuple[str, str]:
        """(full name, family name) for a {PERSON} slot; a one-word name is its own family name."""
        if self.filler_given and self.filler_family and rng.random() < FILLER_SHARE["PERSON"]:
            return self.invented_person(rng)
        if self.given and self.surnames and rng.random() < KB_INVENTED_PERSON_SHARE:
            surname = rng.choice(self.surnames)
            return f"{rng.choice(self.given)} {surname}", surname
        name = rng.choice(self.person)
        return name, family_name(name)

    def pick_bare_place(self, rng: random.Random) -> str:
        """A {CITY} name for a bracket with its own head noun ([سد {CITY}|LOCATION]): not one that opens with a
        head of its own (سد الفرات, استان ایلام), which would give سد سد الفرات."""
        name = self.pick("CITY", rng)
        for _ in range(20):
            if name.split()[0] not in self.place_heads:
                break
            name = self.pick("CITY", rng)
        return name

    def pick(self, slot: str, rng: random.Random) -> str:
        if slot in ("PERSON", "SURNAME"):
            full, family = self.pick_person(rng)
            return full if slot == "PERSON" else family
        fillers = {"ORGANIZATION": self.filler_organization, "CITY": self.filler_place}.get(slot)
        if fillers and rng.random() < FILLER_SHARE[slot]:
            return rng.choice(fillers)
        return rng.choice({"ORGANIZATION": self.organization, "CITY": self.city, "COUNTRY": self.country,
                           "DEMONYM": self.demonym}[slot])


_CATALOGUE = re.compile(r"[,،()\[\]]")


def name_pools(lang: str, dev: bool) -> NamePools:
    """Names from the knowledge base in ``lang`` and from its filler lists; ``dev`` selects the held-out fifth
    of entries. Filler organisations and places the knowledge base knows (in any split) are left out, so a
    name cannot reach both splits through the two routes."""
    from rasad.entities.kb import load_kb

    pools = NamePools([], [], [], [], [], [], [], lang=lang)
    known: set[str] = set()
    for entry in load_kb().entries.values():
        # Forms with commas or brackets are catalogue names (CLDR's "ماکائو، منطقهٔ ویژهٔ اداری چین"), not news.
        forms = [form for form in [entry.name.get(lang), *entry.aliases.get(lang, [])]
                 if form and not _CATALOGUE.search(form)]
        acronyms = [form for form in entry.acronyms.get(lang, []) if form]
        known.update(forms + acronyms)
        if _held_out(entry.id) != dev:
            continue
        if entry.type == "PERSON":
            pools.person += forms
            full = entry.name.get(lang, "").split()
            if len(full) >= 2:
                pools.given.append(full[0])
                pools.surnames.append(" ".join(full[1:]))
        elif entry.type == "ORGANIZATION":
            pools.organization += forms + acronyms
        elif entry.is_country:
            pools.country += forms
            pools.demonym += [form for form in entry.demonyms.get(lang, []) if form]
        else:
            pools.city += forms
    for name in ("person", "organization", "city", "country", "demonym"):
        values = sorted(set(getattr(pools, name)))
        setattr(pools, name, values)
    pools.given, pools.surnames = sorted(set(pools.given)), sorted(set(pools.surnames))
    pools.filler_father = filler_entries(lang, "given", dev)
    pools.filler_given = sorted(pools.filler_father + filler_entries(lang, "given_female", dev))
    pools.filler_family = filler_entries(lang, "family", dev)
    pools.filler_family_suffix = data_lines(fillers_path(lang, "family_suffix"))  # shared: not names
    pools.filler_organization = filler_entries(lang, "organization", dev, frozenset(known))
    pools.filler_place = filler_entries(lang, "place", dev, frozenset(known))
    first_words = Counter(name.split()[0] for name in pools.city + pools.filler_place if " " in name)
    pools.place_heads = frozenset(word for word, count in first_words.items() if count >= PLACE_HEAD_MIN_NAMES)
    return pools


# A first word shared by this many place names of several words is a head noun (استان، شهرستان، سد، نهر).
PLACE_HEAD_MIN_NAMES = 3
# Arabic names whose last two words are one family name (بن لادن، عبد الله، آل ثاني، أبو الغيط).
_COMPOUND_FAMILY_FIRST = frozenset({"عبد", "بن", "ابن", "آل", "أبو", "ابو"})


def family_name(name: str) -> str:
    """The family name a person is named again by: the last word, or the last two after بن, عبد, آل, أبو
    (أسامة بن لادن → بن لادن, not لادن; متعب بن عبد الله → عبد الله, not الله)."""
    words = name.split()
    if len(words) >= 3 and words[-2] in _COMPOUND_FAMILY_FIRST:
        return " ".join(words[-2:])
    return words[-1]


def fill_template(template: str, pools: NamePools, rng: random.Random, source: str, lang: str) -> Example:
    """One sentence from a template: each slot gets a name, and its span is recorded.

    ``{SURNAME}`` repeats the family name of the sentence's last ``{PERSON}`` (a fresh person's if none came
    before). Arabic ل before a name starting with ال is written لل with the alif dropped (ل + العراق = للعراق), and
    the mention starts after لل, as the gold does.
    """
    parts: list[str] = []
    spans: list[Span] = []
    position = 0
    last = 0
    surname = ""  # the family name of the last {PERSON}, for a later {SURNAME}
    for match in _SLOT.finditer(template):
        literal = template[last:match.start()]
        parts.append(literal)
        position += len(literal)
        if match.group(1) == "PERSON":
            name, surname = pools.pick_person(rng)
            kind = "PERSON"
        elif match.group(1) == "SURNAME" and surname:
            name, kind = surname, "PERSON"
        elif match.group(1):
            name, kind = pools.pick(match.group(1), rng), _SLOT_TYPES[match.group(1)]
        elif match.group(2):
            name, kind = match.group(2), match.group(3)
        else:
            slot = match.group(5)
            filled = pools.pick_bare_place(rng) if slot == "CITY" and match.group(4).strip() else pools.pick(slot, rng)
            name, kind = match.group(4) + filled + match.group(6), match.group(7)
        skip = 0
        if lang == "ar" and literal.endswith("ل") and (len(literal) == 1 or literal[-2] == " ") \
                and name.startswith("ال"):
            name, skip = name[1:], 1
        parts.append(name)
        spans.append((position + skip, position + len(name), kind))
        position += len(name)
        last = match.end()
    parts.append(template[last:])
    return Example("".join(parts), tuple(spans), source, lang)


def template_examples(lang: str, count: int, dev: bool, seed: int = 0) -> list[Example]:
    """``count`` filled templates of ``lang``: training templates and names, or the held-out ones."""
    templates = [line for index, line in enumerate(data_lines(templates_path(lang))) if (index % 5 == 4) == dev]
    pools = name_pools(lang, dev)
    rng = random.Random(f"{seed}-{lang}-{dev}")
    source = f"templates-{lang}"
    return [fill_template(templates[index % len(templates)], pools, rng, source, lang) for index in range(count)]


# --- the sets ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class NerData:
    train: list[Example]
    dev: list[Example]


def load_ner_data(root: Path | None = None, template_count: dict[str, int] | None = None,
                  max_sentences: int | None = None, seed: int = 0) -> NerData:
    """The training and dev sets (see the module docstring). ``max_sentences`` caps the training set,
    taking an even share of every source (a seeded shuffle), for quick runs."""
    root = root or DEFAULT_DATA_ROOT
    ner = root / "arabic-ner"
    counts = {"fa": 5000, "ar": 2500, **(template_count or {})}
    newsfane = read_newsfane(ner / "newsfane" / "NewsFANE_Gold_2014_170K.txt")
    cut = len(newsfane) * 9 // 10  # contiguous, so dev articles are not train articles
    by_source = {
        "aqmar": read_aqmar(ner / "aqmar" / "train.txt"),
        "newsfane": [example for sentence in newsfane[:cut] for example in sentence],
        "wojood": read_wojood(ner / "wojood-sample" / "train.txt"),
        "templates-fa": template_examples("fa", counts["fa"], dev=False, seed=seed),
        "templates-ar": template_examples("ar", counts["ar"], dev=False, seed=seed),
    }
    dev = (read_aqmar(ner / "aqmar" / "dev.txt")
           + [example for sentence in newsfane[cut:] for example in sentence]
           + read_wojood(ner / "wojood-sample" / "val.txt")
           + template_examples("fa", max(counts["fa"] // 10, 50), dev=True, seed=seed)
           + template_examples("ar", max(counts["ar"] // 10, 50), dev=True, seed=seed))
    rng = random.Random(seed)
    total = sum(len(examples) for examples in by_source.values())
    train: list[Example] = []
    for examples in by_source.values():
        examples = list(examples)
        rng.shuffle(examples)
        if max_sentences is not None and total > max_sentences:
            examples = examples[:max(1, round(len(examples) * max_sentences / total))]
        train += examples
    rng.shuffle(train)
    return NerData(train, dev)


# --- labels on e5 pieces ------------------------------------------------------------------------------------

def word_spans(text: str) -> list[tuple[int, int]]:
    """Words of ``text`` as code-point spans: runs of non-space characters, each punctuation mark a word of
    its own (ZWNJ, a format character, stays inside its word: بنگله‌دیش is one word)."""
    words: list[tuple[int, int]] = []
    start = -1
    for index, char in enumerate(text):
        if char.isspace() or unicodedata.category(char).startswith("P"):
            if start >= 0:
                words.append((start, index))
                start = -1
            if not char.isspace():
                words.append((index, index + 1))
        elif start < 0:
            start = index
    if start >= 0:
        words.append((start, len(text)))
    return words


def piece_words(text: str, offsets: Sequence[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[int]]:
    """The words of ``text`` and, per piece, the index of the word holding the piece's first character
    (-1 for pieces with no text: <s>, </s>, a lone "▁")."""
    words = word_spans(text)
    owner = [-1] * (len(text) + 1)
    for index, (start, end) in enumerate(words):
        for position in range(start, end):
            owner[position] = index
    return words, [owner[start] if start < end else -1 for start, end in offsets]


def token_labels(text: str, offsets: Sequence[tuple[int, int]], spans: Sequence[Span]) -> list[int]:
    """BIO label id per piece, decided per word: a word overlapping a mention is B- (the mention's first
    word) or I-, else O; the word's first piece carries its label and its other pieces, like pieces with no
    text, get IGNORE_INDEX (not scored), so the tagger never splits a word.

    A word holding a clitic before a mention (والعراق, with the mention العراق) is labelled whole; predicted
    mentions therefore cover whole words, and the entity stage trims clitics.
    """
    words, owners = piece_words(text, offsets)
    word_labels = []
    previous_span = -1
    for start, end in words:
        label = "O"
        for index, (span_start, span_end, kind) in enumerate(spans):
            if start < span_end and end > span_start:
                label = f"{'I' if index == previous_span else 'B'}-{kind}"
                previous_span = index
                break
        else:
            previous_span = -1
        word_labels.append(LABEL_IDS[label])
    labels, seen = [], set()
    for owner in owners:
        if owner < 0 or owner in seen:
            labels.append(IGNORE_INDEX)
        else:
            seen.add(owner)
            labels.append(word_labels[owner])
    return labels


def decode_spans(text: str, offsets: Sequence[tuple[int, int]], labels: Sequence[int]) -> list[Span]:
    """Code-point mentions over whole words from per-piece label ids (the inverse of ``token_labels``).

    Each word takes the label of its first piece; a mention opens at B-X (or at an I-X after a different
    label) and extends over the following I-X words.
    """
    words, owners = piece_words(text, offsets)
    word_labels: dict[int, int] = {}
    for owner, label in zip(owners, labels, strict=True):
        if owner >= 0 and owner not in word_labels:
            word_labels[owner] = max(int(label), 0)
    spans: list[Span] = []
    current: list = []  # [start, end, type]
    for index, (start, end) in enumerate(words):
        if index not in word_labels:  # past the pieces (a cut input)
            break
        prefix, _, kind = LABELS[word_labels[index]].partition("-")
        if current and prefix == "I" and kind == current[2]:
            current[1] = end
            continue
        if current:
            spans.append(tuple(current))
            current = []
        if prefix in ("B", "I"):
            current = [start, end, kind]
    if current:
        spans.append(tuple(current))
    return spans
