"""Who did it and to whom: the actors of a sentence and the source and target of each trigger.

Actors are the entity layer's mentions. A country or demonym beside a person's name is part of how
the person is described (وزير الخارجية الإيراني محمد جواد ظريف), not a second actor; a place after
"in" (در ژنو، في جنيف) is where the event happened; a capital standing as an actor (تهران هشدار داد)
is its country; names joined by "and" are one group. Each group carries the preposition that marks
it (با، به، علیه، مع، على، بـ) or Persian's object marker را.

Then per trigger, by the word order of the language: Persian is subject–object–verb, so the source
is the sentence's first unmarked group before the verb and the target the group marked as the
trigger's data line says; Arabic verbs come first (التقى الرئيس الأسد الوزير) or after the subject
(الأسد يستقبل الوزير), so the source is an unmarked group before the verb in its own clause, else the
first after it. Verbal nouns take their doer after them (دیدار ظریف با، لقاء الرئيس مع). A passive
trigger's subject is its target; a received act ("تلقى X اتصالا من Y") swaps the two. With no source
of its own, a trigger inside reported speech takes the speaker.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from rasad.datafiles import data_dir, data_lines
from rasad.entities.kb import load_kb
from rasad.entities.namekey import name_key
from rasad.events.text import Token, tokenize
from rasad.record import Entity

if TYPE_CHECKING:
    from rasad.events.code import Match

# Prepositions that can mark an actor, as name keys; a place preposition before a city makes it
# the event's place rather than an actor; a topic preposition (درباره، حول) marks what was discussed.
_FA_MARKERS = frozenset(name_key(word) for word in ("با", "به", "از", "علیه", "بر", "برای", "در", "میان", "بین",
                                                      "نزد", "توسط", "ضد", "درباره", "پیرامون", "مورد", "وارد", "قبال"))
_AR_MARKERS = frozenset(name_key(word) for word in ("مع", "على", "إلى", "من", "ضد", "عن", "بين", "في", "لدى",
                                                      "تجاه", "نحو", "بحق", "عبر", "حول", "بشأن"))
# "وارد تهران شد": the city one arrives in is where the event is.
_PLACE_MARKERS = frozenset(name_key(word) for word in ("در", "في", "به", "إلى", "الی", "از", "من", "وارد"))
_IN_MARKERS = frozenset(name_key(word) for word in ("در", "في"))
_GLUED_MARKERS = {"ب": name_key("ب"), "ل": name_key("ل")}
_OBJECT_MARKER = name_key("را")
_THAT = name_key("که")
_BETWEEN = frozenset(name_key(word) for word in ("بين", "بین", "میان"))
_AND = frozenset({name_key("و")})
_FROM = frozenset(name_key(word) for word in ("از", "من"))
# Words that end the walk back from a name to its preposition: a clause or another predicate.
_BARRIERS = frozenset(name_key(word) for word in ("که", "و", "أن", "إن", "ان", "الذي", "التي", "كما", "ثم", "قال",
                                                   "گفت", "افزود", "اما", "لكن", "بعد", "قبل", "پس",
                                                   # heads of compound prepositions that are not places:
                                                   # "در صورت"، "در پی"
                                                   "صورت", "پی"))
# Organisations that report rather than act: an outlet named as the source of a story is not the doer.
_MEDIA_KINDS = frozenset({"news-agency", "broadcaster", "newspaper", "news-site"})
# Entries that are never actors: a treaty is what parties agree on.
_NOT_ACTOR_KINDS = frozenset({"agreement"})
_WALK_BACK = 6
_JOIN_GAP = 6
# Types whose two parties act together: with no marked target, joined actors are source and target.
_MUTUAL_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
_ATTRIBUTE_GAP = 4
# Persian types whose object can be a clause after the verb (هشدار داد ...).
_CONTENT_AFTER_TYPES = frozenset({"THREATEN"})
# CONSULT modes that carry what else the sentence reports: a letter, a call.
_CHANNEL_MODES = frozenset({"letter", "phone"})
# Types of force whose target can be the country at whose border it is aimed.
_FORCE_TYPES = frozenset({"ASSAULT", "MOBILIZE"})
# Types whose victims are often named by a demonym after a noun (جنود مصريين): such a demonym is no doer.
_FORCE_ON_TYPES = frozenset({"ASSAULT", "COERCE"})
# How far from its trigger an agent phrase (از سوی، على يد) may stand.
_AGENT_REACH = 12
# Places that stand for a part of their country as the target of force.
_REGION_KINDS = frozenset({"province", "region"})
# Arabic relative pronouns: a verb right after one has the noun before it as subject.
_RELATIVES = frozenset(name_key(word) for word in ("الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي"))
# Types whose verb takes another act as what it is about (condemn, reject, praise, threaten, ask for),
# and how far before (Arabic) or after (Persian) that act's noun the verb may stand.
_ABOUT_ACT_TYPES = frozenset({"ACCUSE", "REJECT", "SUPPORT", "THREATEN", "REQUEST"})
_GOVERN_GAP = 12
# Prepositions of what was discussed.
_TOPIC_MARKERS = frozenset(name_key(word) for word in ("درباره", "پیرامون", "حول", "بشأن", "عن", "قبال"))
# Phrases that name what was discussed or where, not who was acted on.
_NOT_OBJECT_MARKERS = frozenset(name_key(word) for word in ("درباره", "پیرامون", "در", "حول", "بشأن", "في", "عن",
                                                             "عبر", "از", "من", "قبال"))


@cache
def _title_words(lang: str) -> frozenset[str]:
    """Words of titles (titles.tsv), the modifiers the recognizer skips between a title and a name
    (`skip:` in name_stops.txt: السابق) and the other words that go with titles (attribute_words.txt),
    as keys."""
    folder = data_dir() / lang
    words = {word for line in data_lines(folder / "titles.tsv") for word in line.split("\t")[0].split()}
    stops = (line.partition(":") for line in data_lines(folder / "name_stops.txt"))
    words.update(word.strip() for kind, _, word in stops if kind.strip() == "skip")
    words.update(data_lines(folder / "attribute_words.txt"))
    return frozenset(key for word in words if (key := name_key(word)))


@cache
def _border_words(lang: str) -> frozenset[str]:
    return frozenset(key for word in data_lines(data_dir() / lang / "border_words.txt") if (key := name_key(word)))


@cache
def _direction_words(lang: str) -> frozenset[str]:
    return frozenset(key for word in data_lines(data_dir() / lang / "direction_words.txt") if (key := name_key(word)))


def _after_direction(tokens: list[Token], first: int, actor: Actor, lang: str) -> bool:
    """Whether a place follows a word for a part of or a spot near it ("شمالي أفغانستان"، "وسط قطاع غزة"):
    where the event was, not who was acted on."""
    if actor.first <= first:
        return False
    key = tokens[actor.first - 1].key
    return key in _direction_words(lang) or (key[:1] == "و" and key[1:] in _direction_words(lang))


@cache
def _phrases(lang: str, file_name: str) -> tuple[tuple[str, ...], ...]:
    """The phrases of a data file of `lang`, each as its tokens' keys."""
    phrases = (tuple(token.key for token in tokenize(line)) for line in data_lines(data_dir() / lang / file_name))
    return tuple(phrase for phrase in phrases if phrase)


def _after_agent_phrase(tokens: list[Token], first: int, actor: Actor, lang: str) -> bool:
    """Whether an agent phrase (از سوی، توسط، على يد) governs the group, across title words before it."""
    for end in range(actor.first, max(first, actor.first - _WALK_BACK), -1):
        for phrase in _phrases(lang, "agent_phrases.txt"):
            start = end - len(phrase)
            if start >= first and tuple(token.key for token in tokens[start:end]) == phrase:
                return True
        if not _is_title_word(tokens[end - 1].key, lang):
            return False
    return False


def _pronoun_partner(match: Match, tokens: list[Token], lang: str) -> bool:
    """Whether a pronoun partner (لقائه به، دیدار با وی) follows the trigger."""
    return any(tuple(token.key for token in tokens[match.end:match.end + len(phrase)]) == phrase
               for phrase in _phrases(lang, "pronoun_partners.txt"))


@cache
def _collective_addressees(lang: str) -> tuple[tuple[str, ...], ...]:
    phrases = (tuple(token.key for token in tokenize(line))
               for line in data_lines(data_dir() / lang / "collective_addressees.txt"))
    return tuple(phrase for phrase in phrases if phrase)


def _is_title_word(key: str, lang: str) -> bool:
    words = _title_words(lang)
    bare = key[1:] if key[:1] == "و" and len(key) > 2 else key
    return any(form in words for form in (key, bare, "ال" + bare, bare[2:] if bare.startswith("ال") else ""))


@dataclass
class Actor:
    """One actor group in a sentence: its entity ids and where it stands (document token indexes)."""

    ids: list[str]
    first: int
    end: int
    start: int  # text offset of its first mention
    location: bool  # every member is a place
    types: list[str] = field(default_factory=list)
    marker: str | None = None
    object_marked: bool = False
    is_place: bool = False
    media: bool = False  # news outlets only: a target, never a source
    joined_later: int = -1  # the first token of a later group joined to this one by "and" across titles
    # a demonym describing the plain noun before it (جنود مصريين، سفينة إسرائيلية، نفتکش انگلیسی): whose
    # people or thing were acted on, never the doer
    modifies_noun: bool = False
    agent: bool = False  # after "از سوی"، "توسط"، "على يد": the doer of a passive act or verbal noun


@dataclass
class Roles:
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    place: str | None = None  # where the roles say the act was (a summit's host city)


def _token_span(tokens: list[Token], first: int, end: int, start: int, stop: int) -> tuple[int, int]:
    """Token indexes (end exclusive) of tokens[first:end] that overlap the text span [start, stop)."""
    covered = [index for index in range(first, end) if tokens[index].start < stop and start < tokens[index].end]
    return (covered[0], covered[-1] + 1) if covered else (first, first)


def find_actors(text: str, tokens: list[Token], first: int, end: int, mentions: list[tuple[int, int, Entity]],
                matches: list[Match], lang: str) -> list[Actor]:
    """The actor groups of one sentence (tokens[first:end]), in order."""
    trigger_tokens = {index for match in matches for index in (match.words or range(match.first, match.end))}
    single: list[Actor] = []
    for start, stop, entity in mentions:
        a, b = _token_span(tokens, first, end, start, stop)
        if a == b or any(index in trigger_tokens for index in range(a, b)) or _kind(entity.id) in _NOT_ACTOR_KINDS:
            continue
        single.append(Actor([entity.id], a, b, start, entity.type == "LOCATION", [entity.type],
                            media=entity.type != "LOCATION" and _kind(entity.id) in _MEDIA_KINDS))
    single, attribute_tokens = _without_attributes(single, text, tokens, first, trigger_tokens, lang)
    groups = _coordinated(text, tokens, single, attribute_tokens, lang)
    markers = _FA_MARKERS if lang == "fa" else _AR_MARKERS
    occupied = trigger_tokens | {i for actor in groups for i in range(actor.first, actor.end)}
    for left, right in itertools.pairwise(groups):
        between = range(left.end, right.first)
        if len(between) <= _JOIN_GAP and any(tokens[i].key in _AND for i in between) and not any(
                i in trigger_tokens or tokens[i].key in markers or tokens[i].key in _BARRIERS - _AND for i in between):
            left.joined_later = right.first
    for actor in groups:
        actor.modifies_noun = _modifies_noun(text, tokens, first, actor, occupied, lang)
        actor.object_marked = lang == "fa" and actor.end < end and tokens[actor.end].key == _OBJECT_MARKER
        actor.marker = _marker(text, tokens, first, actor, lang, occupied, attribute_tokens)
        actor.agent = _after_agent_phrase(tokens, first, actor, lang)
        actor.is_place = actor.location and (_is_place(actor, lang) or _only_towns(actor)
                                             or _after_direction(tokens, first, actor, lang))
    return groups


def _modifies_noun(text: str, tokens: list[Token], first: int, actor: Actor, occupied: set[int], lang: str) -> bool:
    """Whether the group is a lone demonym right after a plain noun: not after a trigger, a name, a
    title word, a preposition or a clause word."""
    if len(actor.ids) != 1 or actor.first <= first or not _is_demonym(actor.ids[0], text, actor, tokens):
        return False
    index = actor.first - 1
    key = tokens[index].key
    markers = _FA_MARKERS if lang == "fa" else _AR_MARKERS
    bare = key[1:] if key[:1] in ("و", "ف") and key[1:] in _agent_nouns(lang) else key
    return not (index in occupied or key in markers or key in _BARRIERS or _is_title_word(key, lang)
                or bare in _agent_nouns(lang) or "،" in text[tokens[index].end:actor.start])


@cache
def _agent_nouns(lang: str) -> frozenset[str]:
    return frozenset(key for word in data_lines(data_dir() / lang / "agent_nouns.txt") if (key := name_key(word)))


def _is_demonym(identifier: str, text: str, actor: Actor, tokens: list[Token]) -> bool:
    """Whether a country is written as its demonym (مصريين، ایرانی) rather than by its name."""
    entry = load_kb().get(identifier)
    if entry is None or not entry.is_country:
        return False
    written = name_key(text[actor.start:tokens[actor.end - 1].end])
    written = written[2:] if written.startswith("ال") else written
    names = [entry.name.get(lang, "") for lang in ("fa", "ar")]
    names += [alias for lang in ("fa", "ar") for alias in entry.aliases.get(lang, ())]
    return all(name_key(name).removeprefix("ال") != written for name in names if name)


def _kind(identifier: str) -> str | None:
    entry = load_kb().get(identifier)
    return entry.kind if entry is not None else None


def _only_towns(actor: Actor) -> bool:
    """Cities and towns that are not capitals are where things happen, never who does them."""
    kb = load_kb()
    entries = [kb.get(identifier) for identifier in actor.ids]
    return all(entry is not None and entry.kind == "city" and not entry.is_capital for entry in entries)


def _actor_id_of(identifier: str) -> str:
    entry = load_kb().get(identifier)
    if entry is not None and entry.is_capital and entry.country:
        return f"loc:{entry.country}"
    return identifier


def _is_place(actor: Actor, lang: str) -> bool:
    """A place, not an actor: a city or region after a place preposition, or any place after "in"."""
    if actor.marker in _IN_MARKERS:
        return True
    if actor.marker not in _PLACE_MARKERS:
        return False
    kb = load_kb()
    return not any((entry := kb.get(identifier)) is not None and entry.is_country for identifier in actor.ids)


def _without_attributes(actors: list[Actor], text: str, tokens: list[Token], first: int,
                        trigger_tokens: set[int], lang: str) -> tuple[list[Actor], set[int]]:
    """Drop what describes a neighbouring actor rather than acting: a country beside a person or an
    organisation (a city beside a name is where they went: "زار الجبير بغداد"), an organisation in a
    person's title ("گوترش دبیرکل سازمان ملل"، "الأمين العام للأمم المتحدة أنطونيو غوتيريش"). An
    attribute after its owner becomes part of the owner's phrase, so a را after the title marks the
    owner. Returns the kept actors and the attributes' tokens."""
    kept: list[Actor] = []
    attribute_tokens: set[int] = set()
    for index, actor in enumerate(actors):
        owner = _owner(index, actors, text, tokens, first, trigger_tokens, lang)
        if owner is None:
            kept.append(actor)
            continue
        attribute_tokens.update(range(actor.first, actor.end))
        if owner.first < actor.first:
            owner.end = max(owner.end, actor.end)
    return kept, attribute_tokens


def _owner(index: int, actors: list[Actor], text: str, tokens: list[Token], first: int,
           trigger_tokens: set[int], lang: str) -> Actor | None:
    """The actor that `actors[index]` is an attribute of, if any."""
    actor = actors[index]
    neighbours = [other for other in actors[max(0, index - 1):index + 2] if other is not actor]
    entry = load_kb().get(actor.ids[0])
    if actor.location:
        if entry is None or not entry.is_country:
            return None
        for other in neighbours:
            if other.location or other.media or not _close(actor, other, tokens, trigger_tokens, lang):
                continue
            after_comma = text[tokens[actor.first - 1].end:actor.start].strip() in ("،", ",")
            if other.first < actor.first and text[tokens[actor.first].start:actor.start].startswith("و"):
                continue  # "حماس وإسرائيل": joined by "and", not describing
            if other.first > actor.first and actor.first == first:
                continue  # a country opening the sentence is its subject: "عربستان سعودی شیخ نمر ... را اعدام کرد"
            straight_after = actor.first == other.end and not _construct(other, actor, tokens, lang)
            if other.first < actor.first and (after_comma or straight_after):
                # after a person a country follows a title ("لاوروف وزیر خارجه روسیه"); straight after the
                # name ("حث بلينكن إسرائيل"، "اتهمت الحكومة السورية تركيا") or after a comma it is another actor
                continue
            return other
        return None
    if actor.types[0] != "ORGANIZATION":
        return None
    for other in neighbours:
        if other.types[0] != "PERSON" or not _close(actor, other, tokens, trigger_tokens, lang):
            continue
        if other.first < actor.first and 1 <= actor.first - other.end <= 3:
            return other  # a title after the name: "موسوی سخنگوی وزارت امور خارجه"
        if actor.end == other.first and actor.first > first and _titled(tokens, actor.first - 1, trigger_tokens,
                                                                          lang):
            return other  # a title before the name: "سخنگوی وزارت خارجه اسماعیل بقائی"
    return None


def _construct(owner: Actor, country: Actor, tokens: list[Token], lang: str) -> bool:
    """Whether a country straight after an organisation names the organisation's country: Persian's
    ezafe ("وزارت امور خارجه ایران"), Arabic's construct state ("حكومة العراق") or a demonym
    ("الحكومة العراقية"); not after a definite Arabic name ("الحكومة السورية تركيا")."""
    if owner.types[-1] != "ORGANIZATION":
        return False
    if lang == "fa":
        return True
    word = tokens[country.first].key
    return not tokens[owner.end - 1].key.startswith("ال") or word.endswith(("ی", "یه", "یین", "یون"))


def _titled(tokens: list[Token], index: int, trigger_tokens: set[int], lang: str) -> bool:
    """Whether the word before an organisation is a title word governing it (سخنگوی وزارت خارجه)."""
    return index not in trigger_tokens and _is_title_word(tokens[index].key, lang)


def _close(attribute: Actor, other: Actor, tokens: list[Token], trigger_tokens: set[int], lang: str) -> bool:
    """Whether only title words stand between an attribute and the actor it may describe."""
    low, high = (attribute.end, other.first) if attribute.first < other.first else (other.end, attribute.first)
    if high - low > _ATTRIBUTE_GAP:
        return False
    return all(i not in trigger_tokens and tokens[i].key not in _BARRIERS and _is_title_word(tokens[i].key, lang)
               and not _and_title(tokens[i].key, lang) for i in range(low, high))


def _and_title(key: str, lang: str) -> bool:
    """A title with "and" glued to it (ونظيره): it opens a second person's description."""
    return key[:1] == "و" and key not in _title_words(lang) and key[1:] in _title_words(lang)


def _coordinated(text: str, tokens: list[Token], actors: list[Actor], attribute_tokens: set[int],
                 lang: str) -> list[Actor]:
    """Join "X و Y" (and "X، Y و Z") into one group."""
    groups: list[Actor] = []
    for actor in actors:
        last = groups[-1] if groups else None
        if last is not None and not (actor.media or last.media) \
                and _joined(text, tokens, last, actor, attribute_tokens, lang) \
                and _same_footing(text, tokens, last, actor):
            last.ids += [i for i in actor.ids if i not in last.ids]
            last.types += actor.types
            last.end = actor.end
            continue
        groups.append(actor)
    return groups


def _same_footing(text: str, tokens: list[Token], left: Actor, right: Actor) -> bool:
    """Whether two actors can be joined: both places, or neither, or a country (which acts) joined by
    "and" itself to an organisation or person ("ایران و گروه ۱+۵")."""
    if left.location == right.location:
        return True
    if text[tokens[left.end - 1].end:right.start].strip() != "و":
        return False
    place = left if left.location else right
    entry = load_kb().get(place.ids[-1] if place is left else place.ids[0])
    return entry is not None and entry.is_country


def _joined(text: str, tokens: list[Token], left: Actor, right: Actor, attribute_tokens: set[int],
            lang: str) -> bool:
    between_tokens = range(left.end, right.first)
    if between_tokens and tokens[left.end].key.startswith("و") and all(
            i in attribute_tokens or _is_title_word(tokens[i].key, lang) for i in between_tokens):
        # "سيرغي لافروف والأمريكي مايك بومبيو"، "باراك أوباما ونظيره الإيراني حسن روحاني": "and" glued to
        # the second one's country or title
        return True
    between = text[tokens[left.end - 1].end:right.start].strip(" ،,")
    return between in ("و", "") and (between == "و" or text[right.start - 1:right.start] == "و"
                                      or "،" in text[tokens[left.end - 1].end:right.start])


def _marker(text: str, tokens: list[Token], first: int, actor: Actor, lang: str, occupied: set[int],
            attribute_tokens: set[int]) -> str | None:
    """The preposition that governs the group: glued to its first word (بلافروف), or the nearest word
    before it across title and other words (با وزیر امور خارجه روسیه سرگئی لاوروف، در شمال سوریه), up to
    a comma, a clause word or another actor."""
    markers = _FA_MARKERS if lang == "fa" else _AR_MARKERS
    glued = text[tokens[actor.first].start:actor.start].lstrip("وف")
    for letter, key in _GLUED_MARKERS.items():
        if glued.startswith(letter):
            return key
    for index in range(actor.first - 1, max(first, actor.first - _WALK_BACK) - 1, -1):
        if index in attribute_tokens:
            continue  # an organisation in the title: "بالأمين العام للأمم المتحدة أنطونيو غوتيريش"
        key = tokens[index].key
        if key in markers:
            return key
        if key[:1] in ("و", "ف") and key[1:] in markers:
            return key[1:]
        bare = key[1:] if key[:1] in ("و", "ف") else key
        if (bare[:1] in _GLUED_MARKERS and bare[1:3] == "ال") or bare.startswith("لل"):
            if index in occupied:
                return None  # it governs the trigger or actor it is glued to: "ندد بالضربات الأمريكية"
            if bare.startswith("لل") and index > first and _is_title_word(tokens[index - 1].key, lang):
                continue  # a genitive inside the title: "المبعوث الخاص للرئيس الروسي"
            return _GLUED_MARKERS[bare[0]]  # a title with its preposition glued: بالرئيس، للرئيس
        if index in occupied or key in _BARRIERS or "،" in text[tokens[index].end:tokens[index + 1].start]:
            return None
        if lang == "fa" and index > first and tokens[index - 1].key in markers \
                and text[tokens[index].start:tokens[index].end].endswith("\u200cای"):
            return None  # "در قطعنامه‌ای ایران را": no ezafe follows an indefinite noun, so a new phrase starts
    return None


# -- source and target --------------------------------------------------------------------------------

def find_roles(match: Match, matches: list[Match], actors: list[Actor], tokens: list[Token], lang: str) -> Roles:
    trigger = match.trigger
    movable = [actor for actor in actors if not actor.is_place]
    if trigger.mode == "multilateral":
        return _summit_roles(match, matches, actors)
    agent = _agent(match, matches, movable)
    if agent is not None:
        # "از سوی حسن روحانی مورد استقبال قرار گرفت"، "توسط پلیس بازداشت شد": the doer is named, the
        # subject is the one acted on
        rest = [actor for actor in movable if actor is not agent]
        target_group = _target(match, rest, lang) or _subject(match, matches, rest, tokens, lang, exclude=None,
                                                               patient=True)
        return _roles(agent, target_group)
    target_group = _target(match, movable, lang)
    if "passive" in trigger.flags:
        verb = next((m for m in matches if m.first == match.end and m.trigger.type == trigger.type
                     and "passive" not in m.trigger.flags and "nominal" not in m.trigger.flags), None)
        if verb is not None:
            # "... را به ضرب گلوله به شهادت رساندند": the means of the active verb after it, with its roles
            return find_roles(verb, matches, actors, tokens, lang)
        subject = _subject(match, matches, movable, tokens, lang, exclude=target_group, patient=True)
        return _roles(None, target_group or subject)
    genitive = None
    if "nominal" in trigger.flags and trigger.target == ("obj",) and trigger.type in _FORCE_ON_TYPES:
        # "ترور اسماعیل هنیه"، "اعتقال الناشطين": the genitive after such a noun is the one acted on
        genitive = next((actor for actor in movable if match.end <= actor.first <= match.end + 1
                         and actor.marker is None and not actor.media and not actor.location), None)
        target_group = genitive or target_group
    source_group = _subject(match, matches, movable, tokens, lang, exclude=target_group)
    governed = _governed_act(match, matches, tokens, lang)
    if governed and source_group is not None and not match.end <= source_group.first <= match.end + 1:
        source_group = None  # the one who condemns an attack did not make it: "أدانت الوزارة الهجوم"
    if lang == "fa" and target_group is not None and target_group.object_marked and target_group is not genitive:
        target_group = _object_head(target_group, source_group, movable)
    if _collective_object(match, source_group, tokens, lang):
        # "طالب عباس المجتمع الدولي بتوفير الحماية للشعب الفلسطيني": asked of no one actor
        return _roles(source_group, None)
    if lang == "ar" and "obj" in trigger.target and target_group is None and source_group is not None:
        target_group = _next_unmarked(movable, source_group, match, matches)
    if trigger.mode == "letter" and "received" not in trigger.flags:
        # "سلم البوسعيدي رسالة من السلطان هيثم إلى بزشكيان": the sender, not the messenger
        sender = next((actor for actor in movable if actor.marker in _FROM and 0 <= actor.first - match.end <= 3),
                      None)
        source_group = sender or source_group
    if "received" in trigger.flags:
        if target_group is None and "obj" in trigger.target:
            # "رئیسی پیام تبریک شی جین‌پینگ به مناسبت ... را دریافت کرد": the sender inside the object phrase
            target_group = _object(match, matches, source_group, movable, lang)
        source_group, target_group = target_group, source_group
    if source_group is None and not governed:
        source_group = _speaker(match, matches, movable, tokens, lang)
    mutual = "symmetric" in trigger.flags or trigger.type in _MUTUAL_TYPES
    if source_group is not None and target_group is None and mutual:
        if len(source_group.ids) > 1:
            return Roles(_as_actors(source_group.ids[:1]), _as_actors(source_group.ids[1:]))
        target_group = _partner(source_group, match, movable, lang)
    between = next((actor for actor in movable if actor.marker in _BETWEEN and len(actor.ids) > 1
                    and actor.first >= match.end), None)
    if source_group is None and between is not None and target_group in (None, between):
        # "وقف إطلاق النار بين حزب الله وإسرائيل"، "اتصال هاتفي بين السوداني ونظيره": the two parties
        return Roles(_as_actors(between.ids[:1]), _as_actors(between.ids[1:]))
    directed = not mutual or ("symmetric" not in trigger.flags and trigger.type != "CONSULT")
    if target_group is None and directed and "received" not in trigger.flags:
        target_group = _addressee(match, matches, movable, lang) or _object(match, matches, source_group, movable,
                                                                            lang)
    roles = _roles(source_group, target_group)
    if target_group is not None and target_group.marker is not None:
        # "با جوزپ بورل و سپس با آنالنا بربوک": a second group marked alike and joined by "and"
        roles.target += [identifier for identifier in _as_actors(_also_marked(target_group, movable, tokens))
                         if identifier not in roles.target and identifier not in roles.source]
    if trigger.type in _FORCE_TYPES:
        # "مناطق مرزی جنوب لبنان را هدف قرار داد": force on a region is force on its country
        roles.target = _as_actors([_region_country(identifier) for identifier in roles.target])
    if not roles.target and trigger.type == "CONSULT" and _pronoun_partner(match, tokens, lang):
        # "سلم البوسعيدي رسالة ... إلى بزشكيان خلال لقائه به": met the one just named as the other side
        earlier = [m for m in matches if m.end <= match.first and m.trigger.type == "CONSULT"]
        if earlier:
            partner = find_roles(earlier[-1], matches, actors, tokens, lang).target
            roles.target = [identifier for identifier in partner if identifier not in roles.source]
    if not roles.target and trigger.type in _FORCE_TYPES:
        roles.target = [c for c in _border_countries(actors, tokens, lang) if c not in roles.source][:1]
    return roles


def _also_marked(target: Actor, actors: list[Actor], tokens: list[Token]) -> list[str]:
    """The ids of a group right after the target that its own same preposition marks, joined by "and"
    (و، و سپس، وكذلك): "با جوزپ بورل و سپس با آنالنا بربوک"."""
    following = next((actor for actor in actors if actor.first >= target.end), None)
    if following is None or following.marker != target.marker or following.first - target.end > _JOIN_GAP:
        return []
    between = [tokens[i].key for i in range(target.end, following.first)]
    if not between or not (between[0] in _AND or (between[0][:1] == "و" and between[0][1:] == target.marker)):
        return []
    return following.ids


def _region_country(identifier: str) -> str:
    """A region's country (جنوب لبنان → Lebanon); a country, city or anything else stays itself."""
    entry = load_kb().get(identifier)
    if entry is None or entry.kind not in _REGION_KINDS or not entry.country:
        return identifier
    return f"loc:{entry.country}"


def _agent(match: Match, matches: list[Match], actors: list[Actor]) -> Actor | None:
    """The doer a passive trigger or a verbal noun names with an agent phrase in its clause (from the
    end of the previous verb trigger to the next one)."""
    flags = match.trigger.flags
    if ("passive" not in flags and "nominal" not in flags) or match.trigger.mode == "letter":
        return None  # a letter "توسط انور قرقاش" is carried by a messenger, not sent by him
    low = _clause_start(match, matches)
    later = [m.first for m in matches if m.first >= match.end and "nominal" not in m.trigger.flags]
    high = min(later) if later else 1 << 30
    return next((actor for actor in actors if actor.agent and low <= actor.first < high
                 and abs(actor.first - match.first) <= _AGENT_REACH), None)


def _governed_act(match: Match, matches: list[Match], tokens: list[Token], lang: str) -> bool:
    """Whether a verbal noun names the act that a verb of another type condemns, rejects, praises,
    threatens or asks for ("أدانت وزارة الخارجية بشدة الهجوم"، "روسیه قطعنامه ... درباره حمله شیمیایی
    ... را وتو کرد"): the verb's subject is not the act's doer, which only a genitive right after the
    noun names ("ندد ... بالضربات الأمريكية")."""
    if "nominal" not in match.trigger.flags or match.trigger.type == "CONSULT":
        return False  # the letter or call that carried a request is the requester's
    for other in matches:
        if other is match or "nominal" in other.trigger.flags or other.trigger.type not in _ABOUT_ACT_TYPES \
                or other.trigger.type == match.trigger.type:
            continue
        if lang == "ar" and other.end <= match.first and match.first - other.end <= _GOVERN_GAP:
            return True
        if lang == "fa" and other.first >= match.end and _verb_at(other) - match.end <= _GOVERN_GAP:
            return True
    return False


def _summit_roles(match: Match, matches: list[Match], actors: list[Actor]) -> Roles:
    """A summit's parties in the order named: the one who attends, opens or hosts it or else the
    organisation holding it is the source, the other participants the target ("افتتح أحمدي نجاد قمة
    حركة عدم الانحياز بحضور بان كي مون ومحمد مرسي"، "نشست سران اتحادیه عرب با حضور بشار اسد")."""
    clause = _clause_start(match, matches)
    kb = load_kb()
    cities = [actor for actor in actors if actor.location and all(
        (entry := kb.get(identifier)) is not None and entry.kind == "city" for identifier in actor.ids)]
    city_starts = {actor.first for actor in cities} | {actor.first for actor in actors if actor.is_place}
    parties: list[str] = []
    for actor in actors:
        if actor.first < clause or actor in cities or actor.is_place or actor.media or actor.marker in _TOPIC_MARKERS:
            continue  # a city, capital or not, is where a summit meets: "تستضيفها العاصمة القرغيزية بيشكك"
        if actor.location and actor.end in city_starts:
            continue  # the host city's country
        parties += [identifier for identifier in _as_actors(actor.ids) if identifier not in parties]
    host = next((actor.ids[0] for actor in cities if not actor.is_place), None)
    return Roles(parties[:1], parties[1:], host)


def _collective_object(match: Match, source: Actor | None, tokens: list[Token], lang: str) -> bool:
    """Whether the trigger's object is an addressee that is no one actor (المجتمع الدولي، جامعه
    جهانی): in Arabic and after a verbal noun it follows the trigger and its subject; a Persian verb's
    stands before it, marked by the trigger's preposition or by را."""
    def phrase_at(index: int) -> tuple[str, ...] | None:
        for phrase in _collective_addressees(lang):
            keys = [token.key for token in tokens[index:index + len(phrase)]]
            if keys and keys[0][:1] == "و" and keys[0][1:] == phrase[0]:
                keys[0] = keys[0][1:]
            if tuple(keys) == phrase:
                return phrase
        return None

    if lang == "ar" or "nominal" in match.trigger.flags:
        start = source.end if source is not None and source.first >= match.end else match.end
        return start < len(tokens) and phrase_at(start) is not None
    low = source.end if source is not None and source.end <= match.first else max(0, match.first - _WALK_BACK * 2)
    for index in range(low, _verb_at(match)):
        phrase = phrase_at(index)
        if phrase is None:
            continue
        after = index + len(phrase)
        if (index > 0 and tokens[index - 1].key in match.trigger.target) or (
                after < len(tokens) and tokens[after].key == _OBJECT_MARKER):
            return True
    return False


def _border_countries(actors: list[Actor], tokens: list[Token], lang: str) -> list[str]:
    """The countries whose border the sentence names: "در نزدیکی مرزهای اوکراین"، "قرب الحدود
    الأوكرانية"، "قرب الحدود مع أذربيجان"، "مناطق مرزی جنوب لبنان" (a region stands for its country)."""
    words = _border_words(lang)
    kb = load_kb()
    countries: list[str] = []
    for actor in actors:
        before = [tokens[i].key for i in range(max(0, actor.first - 2), actor.first)]
        if not actor.location or not before or not (before[-1] in words or (
                len(before) == 2 and before[0] in words and before[1] in _FA_MARKERS | _AR_MARKERS)):
            continue
        entry = kb.get(actor.ids[0])
        country = actor.ids[0] if entry is not None and entry.is_country else (
            f"loc:{entry.country}" if entry is not None and entry.country else None)
        if country:
            countries.append(country)
    return countries


def _object(match: Match, matches: list[Match], source: Actor | None, actors: list[Actor],
            lang: str) -> Actor | None:
    """With no marked target, the actor the trigger's object phrase names: "X حمله رژیم صهیونیستی به
    ... را محکوم کرد" (the embedded act's doer), "X ادعاهای آمریکا را رد کرد", "فرض الاتحاد عقوبات على
    مسؤولين إيرانيين". Persian objects stand between the subject and the verb, Arabic ones after the
    verb and its subject; a group in a topic or place phrase (درباره، في) is not one."""
    def eligible(actor: Actor) -> bool:
        return (actor is not source and not actor.media and actor.marker not in _NOT_OBJECT_MARKERS
                and not (source is not None and set(actor.ids) <= set(source.ids)))

    nominal = "nominal" in match.trigger.flags
    if lang == "fa" and not nominal:
        low = source.end if source is not None and source.end <= match.first else _clause_start(match, matches) + 1
        embedded = _embedded_subjects(matches, actors, low, match)
        before = [actor for actor in actors if low <= actor.first and actor.end <= _verb_at(match)
                  and eligible(actor) and actor not in embedded]
        # the object phrase's first bare or را-marked group (the doer or owner inside it: "حمله رژیم
        # صهیونیستی به فرودگاه صنعا را"), else a marked one
        before.sort(key=lambda actor: actor.marker is not None and not actor.object_marked)
        if before or match.trigger.type not in _CONTENT_AFTER_TYPES:
            return before[0] if before else None
        # a warning's content follows the verb: "هشدار داد کشتی‌های مرتبط با رژیم صهیونیستی ..."
        after = [actor for actor in actors if actor.first >= match.end and eligible(actor)]
        return after[0] if after else None
    low = max(match.end, source.end if source is not None and source.first >= match.first else match.end)
    later = [m.first for m in matches if m.first >= match.end and "nominal" not in m.trigger.flags]
    high = min(later) if later else 1 << 30
    after = [actor for actor in actors if low <= actor.first < high and eligible(actor)]
    return after[0] if after else None


def _object_head(marked: Actor, source: Actor | None, actors: list[Actor]) -> Actor:
    """The group a Persian را object phrase is about: its first bare group, as را closes the whole
    phrase ("سیاست آمریکا در قبال سوریه را محکوم کرد" condemns America's policy)."""
    low = source.end if source is not None and source.end <= marked.first else -1
    heads = [actor for actor in actors if low <= actor.first < marked.first and actor.marker is None
             and not actor.media and actor is not source]
    return heads[0] if heads else marked


def _addressee(match: Match, matches: list[Match], actors: list[Actor], lang: str) -> Actor | None:
    """The one a letter, call or message was addressed to, for what was asked, said or apologised for in
    it: "در نامه‌ای به بان کی‌مون از او خواست"، "قدم نتنياهو خلال اتصال هاتفي مع أردوغان اعتذارا"."""
    channels = [m for m in matches if m.end <= match.first and m.trigger.type == "CONSULT"
                and m.trigger.mode in _CHANNEL_MODES]
    return _target(channels[-1], actors, lang) if channels else None


def _embedded_subjects(matches: list[Match], actors: list[Actor], low: int, match: Match) -> list[Actor]:
    """The subject of a clause reported after a speech verb (گفت مسکو اتهامات واشنگتن را رد می‌کند):
    the group right after the verb is the clause's subject, not the object."""
    ends = {m.end for m in matches if m.trigger.is_speech and low <= m.end <= match.first}
    return [actor for actor in actors if actor.first in ends or actor.first - 1 in ends]


def _partner(source: Actor, match: Match, actors: list[Actor], lang: str) -> Actor | None:
    """The second party of a mutual act written "X, his title, and Y, hers, met": an unmarked group
    after the source joined to it by "and" across title words, before a Persian verb."""
    for actor in actors:
        if actor.first < source.end or actor.marker is not None or actor.object_marked:
            continue
        if lang == "fa" and actor.first >= match.first:
            return None
        if source.joined_later == actor.first:
            return actor
    return None


def _as_actors(ids: list[str]) -> list[str]:
    """Entity ids as actors: a capital stands for its country's government."""
    actors: list[str] = []
    for identifier in map(_actor_id_of, ids):
        if identifier not in actors:
            actors.append(identifier)
    return actors


def _roles(source: Actor | None, target: Actor | None) -> Roles:
    source_ids = _as_actors(source.ids) if source else []
    target_ids = [i for i in _as_actors(target.ids if target else []) if i not in source_ids]
    return Roles(source_ids, target_ids)


def _target(match: Match, actors: list[Actor], lang: str) -> Actor | None:
    """The group the trigger's data line says marks its target, nearest to the trigger (after it for
    a verbal noun and in Arabic, before it for a Persian verb)."""
    wanted = set(match.trigger.target)
    candidates = [actor for actor in actors
                  if (actor.marker is not None and actor.marker in wanted)
                  or ("obj" in wanted and actor.object_marked)]
    if not candidates:
        return None
    after = [actor for actor in candidates if actor.first >= match.end]
    before = [actor for actor in candidates if actor.end <= _verb_at(match)]
    prefer_after = lang == "ar" or "nominal" in match.trigger.flags
    if not prefer_after:
        # after a Persian verb only its own complement ("هشدار داد به ..."), not a group in a clause that
        # follows it ("تهدید کرد اگر ایران به آمریکایی‌ها حمله کند")
        after = [actor for actor in after if not any(
            other.first < actor.first and other.end > match.end for other in actors if other is not actor)]
    if prefer_after and after:
        return after[0]
    if before:
        return before[-1]
    return after[0] if after else None


def _verb_at(match: Match) -> int:
    """Where a Persian trigger's verb stands: its last word, after any gap ("محموله ... را به رژیم
    صهیونیستی تحویل داد" has its object and target inside the gap)."""
    return max(match.words) if match.words else match.first


def _clause_start(match: Match, matches: list[Match]) -> int:
    """Where the trigger's clause begins: after the nearest earlier verb trigger, else the sentence."""
    earlier = [m.end for m in matches if m.end <= match.first and "nominal" not in m.trigger.flags]
    return max(earlier) if earlier else -1


def _subject(match: Match, matches: list[Match], actors: list[Actor], tokens: list[Token], lang: str,
             exclude: Actor | None, patient: bool = False) -> Actor | None:
    """The trigger's grammatical subject; `patient` for a passive one, whose subject is the one acted on
    (so people named by a plural demonym after a noun, "استشهد ثمانية فلسطينيين", may be it)."""
    unmarked = [actor for actor in actors if actor.marker is None and not actor.object_marked
                and actor is not exclude and not actor.media
                and not (actor.modifies_noun and match.trigger.type in _FORCE_ON_TYPES
                         and not (patient and _plural_people(actor, tokens)))]
    nominal = "nominal" in match.trigger.flags
    if nominal:
        # the doer right after a verbal noun: "دیدار ظریف با"، "لقاء الرئيس مع"
        right_after = [actor for actor in unmarked if match.end <= actor.first <= match.end + 1]
        if right_after:
            return right_after[0]
    before = [actor for actor in unmarked if actor.end <= match.first]
    if lang == "fa":
        # the subject of a clause after که stands in that clause: "پذیرفت که جمال خاشقجی ... کشته شد"
        start = before[0].end if before else match.first
        that = max((i for i in range(start, match.first) if tokens[i].key == _THAT), default=-1)
        if patient:
            # a passive clause after an earlier verb has its own subject: "... را هدف قرار دادند و محمدرضا
            # زاهدی ... به شهادت رسید"
            that = max(that, _clause_start(match, matches) - 1)
        own_clause = [actor for actor in before if actor.first > that]
        return (own_clause or before or [None])[0]
    if match.first > 0 and tokens[match.first - 1].key in _RELATIVES:
        # "الهجوم الذي استهدف": the subject is the noun before the relative, an actor only if it is one
        return next((actor for actor in before if actor.end == match.first - 1), None)
    clause = _clause_start(match, matches)
    own_clause = [actor for actor in before if actor.first >= clause]
    if own_clause:
        return own_clause[-1]
    # after the verb: also inside a phrase with a gap ("تلقى الأمير … اتصالا")
    after = [actor for actor in unmarked if actor.first > match.first]
    if after and not nominal:
        return after[0]
    return before[0] if before else None


# Endings of a plural demonym, people rather than a thing's origin: فلسطينيين، فلسطینیان.
_PLURAL_DEMONYM_ENDINGS = tuple(name_key(ending) for ending in ("يين", "يون", "يات", "یان", "ی‌ها"))


def _plural_people(actor: Actor, tokens: list[Token]) -> bool:
    return tokens[actor.end - 1].key.endswith(_PLURAL_DEMONYM_ENDINGS)


def _next_unmarked(actors: list[Actor], source: Actor, match: Match, matches: list[Match]) -> Actor | None:
    """The Arabic object: the first unmarked group after both the verb and its subject, not the
    genitive of a noun naming another act of its kind, the setting ("التقى بزشكيان على هامش اجتماعات
    الجمعية العامة ... ماكرون")."""
    start = max(source.end, match.end)
    nouns_end = {m.end for m in matches if m is not match and "nominal" in m.trigger.flags
                 and m.trigger.type == match.trigger.type}
    for actor in actors:
        if actor.first >= start and actor.marker is None and actor is not source and actor.first not in nouns_end:
            return actor
    return None


def _speaker(match: Match, matches: list[Match], actors: list[Actor], tokens: list[Token], lang: str) -> Actor | None:
    """The source of reported speech around the trigger: the subject of the nearest reporting verb."""
    speech = [m for m in matches if m.trigger.is_speech and m is not match]
    if not speech:
        return None
    nearest = min(speech, key=lambda m: abs(m.first - match.first))
    return _subject(nearest, matches, actors, tokens, lang, exclude=None)
