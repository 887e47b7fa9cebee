"""The event coder: PLOVER events, with their actors, date and place, from a processed document.

Per sentence: find the triggers of the lexicon (`lexicon`), drop those the text does not report as
having happened (a negated or future verb form, a plan, hope, condition or denial word in scope, a
date after the article's), find the actors around each trigger (`roles`), then the date (a date
expression of the sentence, else the article's date for a news lead) and the place (a place the
sentence puts it in, else the dateline's city for the lead). One event told in the headline, the
lead and the body is kept once, from its first telling.

No package codes events from Persian or Arabic text (PETRARCH and its successors read English
parse trees, UniversalPetrarch needs a dependency parser whose Arabic model is downloaded), hence
this module.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from rasad.entities.kb import load_kb
from rasad.entities.namekey import name_key
from rasad.events.english import english_line
from rasad.events.lexicon import GAP, GAP_WORDS, HAPPENED, Cue, Form, Lexicon, Trigger, load_lexicon
from rasad.events.roles import Actor, Roles, find_actors, find_roles
from rasad.events.text import Token, tokenize
from rasad.record import DateExpr, Document, Entity, Event, Mention, Sentence
from rasad.time.publication import reference_date

# Arabic letters glued before a verb or verbal noun: the conjunctions و ف, then the future سـ on a
# present verb (سيلتقي), or a preposition on a noun (بلقاء).
_CONJUNCTIONS = ("و", "ف")
_PRESENT_PREFIXES = ("ی", "ت", "ن", "ا")
_NOUN_PREPOSITIONS = ("ب", "ل", "ک")
# Negation particles reach only the verb right after them (لم يلتق), other cues the whole clause.
_NEAR = 2
_CLAUSE = 12
_CLAUSE_END_RE = re.compile(r"[.!?؟؛\n]")
# A dateline opening a lead: "تهران - ایرنا -", "دمشق-سانا:", "القاهرة (رويترز) -".
_DATELINE_RE = re.compile(r"^\s*[^\W\d][^\n:\-–—]{0,30}?\s*[-–—(]\s*[^\n]{1,30}?\s*[-–—):]")
# Types whose events stand without named actors: an attack, a protest or an arrest is news even
# when the text names nobody behind it.
_ACTORLESS_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE", "MOBILIZE"})
# Types whose verb takes the act it is about as its object, an act that has not happened.
_CONTENT_GOVERNING_TYPES = frozenset({"REQUEST", "THREATEN", "REJECT"})
_PURPOSE_WORDS = frozenset(name_key(word) for word in ("برای", "بهدف", "لأجل", "أجل", "بغية"))
_TOPIC_WORDS = frozenset(name_key(word) for word in ("درباره", "پیرامون", "بشأن", "حول"))
_ON = name_key("على")


@dataclass
class Match:
    """A trigger found in a sentence: token indexes (end exclusive) into the document's tokens."""

    form: Form
    first: int
    end: int
    future_prefix: bool = False
    words: tuple[int, ...] = ()  # the tokens the form's words matched (a gap's tokens are not among them)

    @property
    def trigger(self) -> Trigger:
        return self.form.trigger


def code_events(document: Document, lexicon: Lexicon | None = None) -> list[Event]:
    """The PLOVER events `document` reports as having happened, in text order."""
    if document.lang not in ("fa", "ar") or not document.text:
        return []
    lexicon = lexicon or load_lexicon(document.lang)
    if not lexicon.forms_by_first_word:
        return []
    tokens = tokenize(document.text)
    published = reference_date(document.published)
    mentions = _mentions(document.entities)
    dateline = _dateline_end(document.text)
    events: list[Event] = []
    for index, sentence in enumerate(document.sentences):
        first = _first_token(tokens, sentence.start)
        end = _first_token(tokens, sentence.end, first)
        if first == end:
            continue
        sentence_mentions = [m for m in mentions if sentence.start <= m[0] and m[1] <= sentence.end]
        matches = find_triggers(tokens, first, end, lexicon, sentence_mentions)
        if not matches:
            continue
        actors = find_actors(document.text, tokens, first, end, sentence_mentions, matches, document.lang)
        if dateline and sentence.start < dateline:
            actors = _outside_dateline(actors, dateline)
        elif (inner := _inner_dateline_end(document.text, sentence, actors)) > 0:
            actors = _outside_dateline(actors, inner)
        is_lead = index <= 1 and _is_news_lead(document.text, sentence, tokens, first, end, lexicon, dateline)
        for match in matches:
            if match.trigger.is_speech or not _happened(document.text, tokens, match, first, end, lexicon):
                continue
            if _not_its_own_act(document.text, tokens, match, matches, document.lang):
                continue
            roles = find_roles(match, matches, actors, tokens, document.lang)
            if not roles.source and not roles.target and match.trigger.type not in _ACTORLESS_TYPES:
                continue
            day = _event_date(document.dates, sentence, match, tokens, published, is_lead)
            if day is False:
                continue  # dated after the article: announced, not done
            place = roles.place or _event_place(actors, match, roles)
            if match.trigger.mode == "visit" and not roles.target and place:
                roles.target = _host_country(place, roles.source)
            events.append(_event(document, sentence, match, roles, day or None, place))
    return _merge_repeats(events, document.entities)


# -- triggers -----------------------------------------------------------------------------------------

def _first_token(tokens: list[Token], offset: int, low: int = 0) -> int:
    """The index of the first token that starts at or after `offset`."""
    high = len(tokens)
    while low < high:
        middle = (low + high) // 2
        if tokens[middle].start < offset:
            low = middle + 1
        else:
            high = middle
    return low


def _first_word_variants(key: str, lang: str) -> list[tuple[str, bool]]:
    """The token and, in Arabic, the token without its glued conjunction, future سـ or preposition;
    each with whether the future prefix was taken off."""
    variants = [(key, False)]
    if lang != "ar" or len(key) < 4:
        return variants
    stems = [key]
    if key[0] in _CONJUNCTIONS:
        stems.append(key[1:])
    for stem in list(stems):
        if stem[:1] == "س" and stem[1:2] in _PRESENT_PREFIXES and len(stem) > 3:
            variants.append((stem[1:], True))
        if stem[:1] in _NOUN_PREPOSITIONS and len(stem) > 3:
            variants.append((stem[1:], False))
        if stem != key:
            variants.append((stem, False))
    return variants


def find_triggers(tokens: list[Token], first: int, end: int, lexicon: Lexicon,
                  mentions: list[tuple[int, int, Entity]]) -> list[Match]:
    """Trigger forms in tokens[first:end], longest first at each position, not overlapping, and
    not inside an entity's name (نیروی هوایی is not an air strike)."""
    inside = [(start, stop) for start, stop, _ in mentions]
    matches: list[Match] = []
    index = first
    while index < end:
        token = tokens[index]
        if any(start <= token.start and token.end <= stop for start, stop in inside):
            index += 1
            continue
        found = None
        for variant, future in _first_word_variants(token.key, lexicon.lang):
            for form in lexicon.forms_by_first_word.get(variant, ()):
                words = _match_rest(tokens, index + 1, end, form.words[1:])
                if words is not None:
                    found = Match(form, index, words[-1] + 1 if words else index + 1, future, (index, *words))
                    break
            if found:
                break
        if found:
            matches.append(found)
            index = found.end
        else:
            index += 1
    return matches


def _match_rest(tokens: list[Token], index: int, end: int, words: tuple[str, ...]) -> tuple[int, ...] | None:
    """The token indexes the rest of a form matches from `index`, or None. A gap word (…) lets up to
    GAP_WORDS tokens stand between (the subject in "تلقى الرئيس … اتصالا")."""
    if not words:
        return ()
    if words[0] == GAP:
        for skip in range(0, GAP_WORDS + 1):
            rest = _match_rest(tokens, index + skip, end, words[1:])
            if rest is not None:
                return rest
        return None
    if index < end and tokens[index].key == words[0]:
        rest = _match_rest(tokens, index + 1, end, words[1:])
        if rest is not None:
            return (index, *rest)
    return None


# -- happened or not ----------------------------------------------------------------------------------

def _happened(text: str, tokens: list[Token], match: Match, first: int, end: int, lexicon: Lexicon) -> bool:
    """Whether the text reports the act as done: the verb form, then the modality cues in scope."""
    if match.form.status != HAPPENED or match.future_prefix:
        return False
    cues = lexicon.cues_by_first_word
    # before the trigger, within its clause
    start = max(first, match.first - _CLAUSE)
    for index in range(start, match.first):
        for cue in _cues_at(tokens, index, match.first, cues):
            if cue.scope == "after":
                continue
            near = (len(cue.words) == 1 and cue.kind == "negation") or cue.kind == "setting"
            if near and match.first - (index + len(cue.words)) >= _NEAR:
                continue
            if not _CLAUSE_END_RE.search(text, tokens[index].end, tokens[match.first].start):
                return False
    # after it: "دیدار ... لغو شد"، "... را تکذیب کرد"
    stop = min(end, match.end + _CLAUSE)
    for index in range(match.end, stop):
        for cue in _cues_at(tokens, index, stop, cues):
            if cue.scope in ("after", "both") and not _CLAUSE_END_RE.search(
                    text, tokens[match.end - 1].end, tokens[index].start):
                return False
    return True


def _not_its_own_act(text: str, tokens: list[Token], match: Match, matches: list[Match], lang: str) -> bool:
    """Whether a trigger states a purpose (برای شرکت در اجلاس، لبحث الوضع), or is a verbal noun that
    another trigger of its clause asks for, threatens or rejects ("دعا إلى وقف فوري لإطلاق النار"، "هدد
    حماس بتوسيع العملية العسكرية"، "رفضت طلبا أمريكيا"): not an act reported as done. What is condemned
    was done ("حمله ... را محکوم کرد")."""
    before = tokens[match.first - 1].key if match.first else ""
    if before in _PURPOSE_WORDS or (lang == "ar" and tokens[match.first].key[:1] == "ل"
                                    and match.form.words[0][:1] != "ل"):
        return True  # a purpose ("برای شرکت در اجلاس"، "لبحث الوضع"): told with the act that serves it
    if "nominal" not in match.trigger.flags or match.trigger.mode in ("letter", "phone"):
        return False  # the letter or call that carried the request is not its content
    for other in matches:
        if other is match or other.trigger.type not in _CONTENT_GOVERNING_TYPES or "nominal" in other.trigger.flags:
            continue
        if before in _TOPIC_WORDS or (before == _ON and other.trigger.type == "THREATEN"):
            continue  # the matter it is about: "قطعنامه ... درباره حمله شیمیایی"، "برد حتمي على اغتيال"
        if lang == "ar" and other.first > match.first:
            continue  # an Arabic verb comes before what it governs
        low, high = (other.end, match.first) if other.first < match.first else (match.end, other.first)
        if high - low <= _CLAUSE and not _CLAUSE_END_RE.search(text, tokens[min(low, len(tokens) - 1)].start,
                                                               tokens[max(high - 1, low)].end):
            return True
    return False


def _cues_at(tokens: list[Token], index: int, limit: int, cues: dict[str, list[Cue]]) -> list[Cue]:
    found = []
    for variant in (tokens[index].key, tokens[index].key[1:] if tokens[index].key[:1] in _CONJUNCTIONS else ""):
        found += [cue for cue in cues.get(variant, ())
                  if _match_rest(tokens, index + 1, limit, cue.words[1:]) is not None]
    return found


# -- date and place -----------------------------------------------------------------------------------

def _dateline_end(text: str) -> int:
    """The end offset of a dateline opening the text ("تهران - ایرنا -"), or 0."""
    match = _DATELINE_RE.match(text[:80])
    return match.end() if match else 0


def _inner_dateline_end(text: str, sentence: Sentence, actors: list[Actor]) -> int:
    """The end offset of a dateline opening a later paragraph ("پکن - ایرنا - ..."), or 0: a city and
    a news outlet the pattern holds."""
    match = _DATELINE_RE.match(text[sentence.start:min(sentence.end, sentence.start + 80)])
    if match is None or not any(actor.media and actor.start < sentence.start + match.end() for actor in actors):
        return 0
    return sentence.start + match.end()


def _outside_dateline(actors: list[Actor], dateline: int) -> list[Actor]:
    """The dateline's agency is not an actor; its city is where the lead's events happened."""
    kept = []
    for actor in actors:
        if actor.start < dateline:
            if not actor.location:
                continue
            actor.is_place = True
        kept.append(actor)
    return kept


def _is_news_lead(text: str, sentence: Sentence, tokens: list[Token], first: int, end: int,
                  lexicon: Lexicon, dateline: int) -> bool:
    """A first sentence that opens with a dateline or a news-lead phrase ("به گزارش", "أفادت")."""
    if dateline and sentence.start <= dateline <= sentence.end:
        return True
    return any(_match_rest(tokens, index, end, lead) is not None
               for lead in lexicon.news_leads for index in range(first, min(end, first + 8)))


def _event_date(dates: list[DateExpr], sentence: Sentence, match: Match, tokens: list[Token],
                published: datetime.date | None, is_lead: bool) -> str | bool | None:
    """The event's day: the sentence's own date nearest before the trigger (else the first after),
    else the article's day for a news lead, else None; False when the day is after the article's."""
    trigger_start = tokens[match.first].start
    own = [d for d in dates if sentence.start <= d.start and d.end <= sentence.end and _day(d.value)]
    if own:
        before = [d for d in own if d.end <= trigger_start]
        chosen = before[-1] if before else own[0]
        day = _day(chosen.value)
        if published is not None and day is not None and day > published.isoformat():
            return False
        return day
    if is_lead and published is not None:
        return published.isoformat()
    return None


def _day(value: str) -> str | None:
    """The day of a date value (YYYY-MM-DD or YYYY-MM-DDTHH:MM); None for coarser ones and intervals."""
    if "/" in value or len(value) < 10:
        return None
    return value[:10]


def _event_place(actors: list[Actor], match: Match, roles: Roles) -> str | None:
    """The place the sentence puts the event in (a dateline's city counts), nearest to the trigger."""
    used = set(roles.source) | set(roles.target)
    places = [actor for actor in actors if actor.is_place and actor.ids[0] not in used]
    if places:
        nearest = min(places, key=lambda actor: min(abs(actor.first - match.first), abs(actor.first - match.end)))
        return nearest.ids[0]
    return None


# -- events -------------------------------------------------------------------------------------------

def _same_act(earlier: Event, later: Event) -> bool:
    if earlier.type != later.type or (earlier.date and later.date and earlier.date != later.date):
        return False
    if earlier.evidence.start == later.evidence.start:
        # a letter handed over in a meeting is an act of its own, from its sender
        return not ({earlier.mode, later.mode} in ({"letter", "meet"}, {"letter", "visit"})
                    and earlier.source != later.source)
    actors = set(earlier.source) | set(earlier.target)
    return bool(actors) and (set(later.source) | set(later.target)) <= actors


def _host_country(place: str, source: list[str]) -> list[str]:
    """The country a visit with no named host went to: the place's country (or the place itself)."""
    entry = load_kb().get(place)
    if entry is None:
        return []
    country = place if entry.is_country else (f"loc:{entry.country}" if entry.country else None)
    source_countries = {f"loc:{e.country}" for e in map(load_kb().get, source) if e is not None and e.country}
    return [country] if country and country not in source and country not in source_countries else []


def _mentions(entities: list[Entity]) -> list[tuple[int, int, Entity]]:
    """Every mention with its entity, in text order; a mention inside a longer one is left out
    (the country in "وزير الخارجية الأمريكي" when the whole phrase is the minister)."""
    spans = sorted(((m.start, m.end, e) for e in entities for m in e.mentions), key=lambda s: (s[0], -s[1]))
    kept: list[tuple[int, int, Entity]] = []
    for span in spans:
        if kept and span[0] < kept[-1][1]:
            continue
        kept.append(span)
    return kept


def _event(document: Document, sentence: Sentence, match: Match, roles: Roles, day: str | None,
           place: str | None) -> Event:
    confidence = 0.5
    if roles.source:
        confidence += 0.2
    if roles.target:
        confidence += 0.15
    if "nominal" not in match.trigger.flags:
        confidence += 0.1
    evidence = Mention(sentence.start, sentence.end, document.text[sentence.start:sentence.end])
    return Event(id="", type=match.trigger.type, mode=match.trigger.mode, source=list(roles.source),
                 target=list(roles.target), date=day, place=place, evidence=evidence,
                 confidence=round(min(confidence, 0.95), 2))


def _only_countries(ids: list[str]) -> bool:
    kb = load_kb()
    return bool(ids) and all((entry := kb.get(identifier)) is not None and entry.is_country for identifier in ids)


def _merge_repeats(events: list[Event], entities: list[Entity]) -> list[Event]:
    """One event per act: the headline, the lead and the body telling the same meeting, or two
    triggers of one sentence ("التقى ... وبحث معه"), are one event, kept at its first telling, with
    the first known actors, date, place and mode. A later telling of the same type whose actors are
    all among an earlier one's is that event again; the same act on another day is another event."""
    kept: list[Event] = []
    for event in events:
        earlier = next((other for other in kept if _same_act(other, event)), None)
        if earlier is None:
            kept.append(event)
            continue
        if earlier.source and not earlier.target and event.source and event.target \
                and set(earlier.source) <= set(event.source) | set(event.target):
            # "بحث ماكرون في اتصال هاتفي تلقاه من رئيسي": the telling that names both parties says who
            # called whom
            earlier.source, earlier.target = list(event.source), list(event.target)
        if not earlier.source and event.source and not set(event.source) & set(earlier.target):
            earlier.source = event.source
        if earlier.type == "ASSAULT" and earlier.target and event.evidence.start == earlier.evidence.start \
                and not event.source and event.target:
            # "... را هدف قرار دادند و محمدرضا زاهدی ... به شهادت رسید": the one killed in a passive clause of
            # the attack's sentence is one more target of it
            earlier.target += [t for t in event.target if t not in earlier.target and t not in earlier.source]
        elif (not earlier.target or (_only_countries(earlier.target) and not _only_countries(event.target))) \
                and event.target and not set(event.target) & set(earlier.source):
            earlier.target = event.target  # the person met rather than the country visited
        earlier.date = earlier.date or event.date
        earlier.place = earlier.place or event.place
        if not earlier.mode or event.mode == "phone":
            # "في اتصال هاتفي ... بحث" is a call; a letter does not win so, as one handed over in a
            # meeting is an act of its own
            earlier.mode = event.mode or earlier.mode
        earlier.confidence = max(earlier.confidence, event.confidence)
    result = sorted(kept, key=lambda event: event.evidence.start)
    names = {entity.id: {"name": entity.name, "country": entity.country} for entity in entities}
    for number, event in enumerate(result, start=1):
        event.id = f"ev{number}"
        event.english = english_line(event.to_dict(), names)
    return result


