"""Event language knowledge, loaded from data files: triggers, Persian verb forms, modality cues.

- `data/{fa,ar}/event_triggers.tsv`: one trigger a line, `phrase, type, mode, target, flags` (format in
  `data/events/README.md`). A phrase word may list alternatives (`التقى|التقت|يلتقي`); a Persian
  `{infinitive}` stands for every form of a verb in `data/fa/verbs.tsv`.
- `data/fa/verbs.tsv`: infinitive, past stem, present stem. The forms are generated here, each with
  its tense and polarity, because Persian marks negation and mood on the verb itself (نکرد، نمی‌کند،
  کند، خواهد کرد): no package conjugates Persian verbs offline (hazm's conjugator downloads nothing but
  would add a heavy dependency for this table), and the rules are few and regular.
- `data/{fa,ar}/event_modality.tsv`: words that make a following (or, for some, preceding) event
  not happened: negation, future, plan, hope, condition, denial.
- `data/{fa,ar}/news_leads.txt`: the openings of a news lead ("به گزارش", "أفادت"), after which the
  lead's events are that day's news.

Every word is compared by its name key (`rasad.entities.namekey`), so ZWNJ, ی/ي، ک/ك and hamza
spellings need no separate lines.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rasad.datafiles import data_dir, numbered_data_lines
from rasad.entities.namekey import name_key

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
FLAGS = frozenset({"nominal", "passive", "symmetric", "received", "speech"})
# "setting": the act named right after the cue is the occasion of what the sentence reports ("در حاشیه
# اجلاس"، "على هامش القمة"), not an act of its own.
MODALITY_KINDS = frozenset({"negation", "future", "plan", "hope", "condition", "denial", "question", "setting"})

# A phrase word that lets up to GAP_WORDS words stand between its neighbours ("تلقى … اتصالا"); a Persian
# object phrase can be long ("پیام تبریک شی جین‌پینگ به مناسبت سالروز پیروزی انقلاب اسلامی را دریافت کرد").
GAP = "…"
GAP_WORDS = 12

# Verb form tags: what a Persian form says about whether the act happened.
HAPPENED = "happened"
NEGATED = "negated"
IRREALIS = "irrealis"  # future or subjunctive: planned, wished, conditional, purpose


@dataclass(frozen=True)
class Trigger:
    phrase: str  # as written in the data file
    type: str  # a PLOVER type, or "" for a reporting verb (flag speech)
    mode: str | None
    target: tuple[str, ...]  # name keys of the prepositions that mark the target, and/or "obj"
    flags: frozenset[str]
    line: int

    @property
    def is_speech(self) -> bool:
        return "speech" in self.flags


@dataclass(frozen=True)
class Form:
    """One way a trigger is written: its words' keys, and what the verb form says."""

    words: tuple[str, ...]
    status: str  # HAPPENED, NEGATED or IRREALIS
    trigger: Trigger


@dataclass(frozen=True)
class Cue:
    words: tuple[str, ...]
    kind: str
    scope: str  # before (the cue comes before the event), after, or both


@dataclass
class Lexicon:
    lang: str
    forms_by_first_word: dict[str, list[Form]] = field(default_factory=dict)
    cues_by_first_word: dict[str, list[Cue]] = field(default_factory=dict)
    news_leads: tuple[tuple[str, ...], ...] = ()
    longest_form: int = 1


class LexiconError(ValueError):
    """A data file has a line that cannot be read; the message names the file and the line."""


def _keys(phrase: str) -> tuple[str, ...]:
    return tuple(name_key(phrase).split())


# -- Persian verb forms ----------------------------------------------------------------------------

_PAST_ENDINGS = ("", "ند", "م", "یم", "ید", "ی")
_PRESENT_ENDINGS = ("د", "ند", "م", "یم", "ید", "ی")
_FUTURE_AUX = ("خواهد", "خواهند", "خواهم", "خواهیم", "خواهید", "خواهی")
_PERFECT_AUX = ("است", "اند", "بود", "بودند", "باشد", "باشند")


def _negative(stem: str) -> str:
    """ن before a stem; آ becomes یا after it (آورد -> نیاورد)."""
    return "نی" + stem if stem.startswith("آ") else "ن" + stem


def persian_verb_forms(past: str, present: str) -> list[tuple[tuple[str, ...], str]]:
    """Every written form of a Persian verb as word tuples, each with HAPPENED, NEGATED or IRREALIS.

    ZWNJ is left out (می‌کند is written میکند here): the name key drops it, so both spellings meet.
    """
    forms: list[tuple[tuple[str, ...], str]] = []
    participle = past + "ه"
    for ending in _PAST_ENDINGS:
        forms.append(((past + ending,), HAPPENED))  # کرد
        forms.append((("می" + past + ending,), HAPPENED))  # می‌کرد
        forms.append(((_negative(past) + ending,), NEGATED))  # نکرد
        forms.append((("نمی" + past + ending,), NEGATED))  # نمی‌کرد
    for ending in _PRESENT_ENDINGS:
        # The present reports news as it happens ("دیدار می‌کند"); a later date in the sentence or a
        # plan word before it marks it as future, which the coder checks.
        forms.append((("می" + present + ending,), HAPPENED))
        forms.append((("نمی" + present + ending,), NEGATED))
        forms.append(((present + ending,), IRREALIS))  # subjunctive: کند (قرار است ... کند)
        forms.append((("ب" + present + ending,), IRREALIS))
        forms.append(((_negative(present) + ending,), NEGATED))
    forms.append(((participle,), HAPPENED))  # کرده (کرده و ...)
    forms.append(((participle + "اند",), HAPPENED))  # کرده‌اند
    forms.append(((_negative(participle),), NEGATED))
    forms.append(((_negative(participle) + "اند",), NEGATED))
    for aux in _PERFECT_AUX:
        status = IRREALIS if aux.startswith("باش") else HAPPENED
        forms.append(((participle, aux), status))
        forms.append(((_negative(participle), aux), NEGATED))
    for aux in _FUTURE_AUX:
        forms.append(((aux, past), IRREALIS))
        forms.append((("ن" + aux, past), NEGATED))
    return forms


@lru_cache(maxsize=1)
def persian_verbs() -> dict[str, tuple[str, str]]:
    """Infinitive -> (past stem, present stem), from data/fa/verbs.tsv."""
    path = data_dir() / "fa" / "verbs.tsv"
    verbs = {}
    for number, line in numbered_data_lines(path):
        parts = line.split("\t")
        if len(parts) != 3:
            raise LexiconError(f"{path}:{number}: expected infinitive, past stem, present stem")
        verbs[parts[0].strip()] = (parts[1].strip(), parts[2].strip())
    return verbs


# -- triggers ---------------------------------------------------------------------------------------

_MACRO_RE = re.compile(r"^\{(.+)\}$")


def _slot_options(slot: str, lang: str, where: str) -> list[tuple[tuple[str, ...], str]]:
    """The word sequences one slot of a phrase stands for, each with its status."""
    macro = _MACRO_RE.match(slot)
    if macro:
        verbs = persian_verbs()
        if macro[1] not in verbs:
            raise LexiconError(f"{where}: {{{macro[1]}}} is not in data/fa/verbs.tsv")
        past, present = verbs[macro[1]]
        return [(tuple(name_key(word) for word in words), status)
                for words, status in persian_verb_forms(past, present)]
    if slot in (GAP, "..."):
        return [((GAP,), HAPPENED)]
    return [(_keys(option), HAPPENED) for option in slot.split("|") if _keys(option)]


def _combine(statuses: tuple[str, ...]) -> str:
    if NEGATED in statuses:
        return NEGATED
    return IRREALIS if IRREALIS in statuses else HAPPENED


def parse_trigger_line(line: str, lang: str, where: str) -> tuple[Trigger, list[Form]]:
    parts = line.split("\t")
    if len(parts) != 5:
        raise LexiconError(f"{where}: expected 5 tab-separated columns (phrase, type, mode, target, flags)")
    phrase, type_, mode, target, flags = (part.strip() for part in parts)
    flag_set = frozenset(flag.strip() for flag in flags.split(",") if flag.strip() and flag.strip() != "-")
    if flag_set - FLAGS:
        raise LexiconError(f"{where}: unknown flags {sorted(flag_set - FLAGS)}")
    if type_ == "-" and "speech" in flag_set:
        type_ = ""
    elif type_ not in PLOVER_TYPES:
        raise LexiconError(f"{where}: {type_!r} is not a PLOVER type")
    markers = tuple(marker if marker == "obj" else name_key(marker)
                    for marker in (m.strip() for m in target.split(",")) if marker and marker != "-")
    line_number = int(where.rsplit(":", 1)[-1]) if where.rsplit(":", 1)[-1].isdigit() else 0
    trigger = Trigger(phrase, type_, None if mode in ("", "-") else mode, markers, flag_set, line_number)
    slots = [_slot_options(slot, lang, where) for slot in phrase.split()]
    forms = []
    for combination in itertools.product(*slots):
        words = tuple(word for option, _ in combination for word in option)
        forms.append(Form(words, _combine(tuple(status for _, status in combination)), trigger))
    return trigger, forms


def _parse_cues(path: Path) -> dict[str, list[Cue]]:
    cues: dict[str, list[Cue]] = defaultdict(list)
    for number, line in numbered_data_lines(path):
        parts = [part.strip() for part in line.split("\t")]
        if len(parts) not in (2, 3) or parts[1] not in MODALITY_KINDS:
            raise LexiconError(f"{path}:{number}: expected cue, kind ({'/'.join(sorted(MODALITY_KINDS))}) "
                               "and optionally a scope (before, after, both)")
        scope = parts[2] if len(parts) == 3 else "before"
        if scope not in ("before", "after", "both"):
            raise LexiconError(f"{path}:{number}: scope must be before, after or both")
        words = _keys(parts[0])
        cues[words[0]].append(Cue(words, parts[1], scope))
    return dict(cues)


@lru_cache(maxsize=4)
def load_lexicon(lang: str, folder: str | None = None) -> Lexicon:
    """The event lexicon of one language (cached); `folder` overrides the packaged data (tests)."""
    data = Path(folder) if folder else data_dir()
    lexicon = Lexicon(lang)
    path = data / lang / "event_triggers.tsv"
    by_first: dict[str, list[Form]] = defaultdict(list)
    for number, line in numbered_data_lines(path):
        _, forms = parse_trigger_line(line, lang, f"{path}:{number}")
        for form in forms:
            by_first[form.words[0]].append(form)
            lexicon.longest_form = max(lexicon.longest_form, len(form.words))
    # Longest forms first, so "در دیدار با" wins over "دیدار".
    lexicon.forms_by_first_word = {word: sorted(forms, key=lambda form: -len(form.words))
                                   for word, forms in by_first.items()}
    lexicon.cues_by_first_word = _parse_cues(data / lang / "event_modality.tsv")
    lexicon.news_leads = tuple(_keys(line) for _, line in numbered_data_lines(data / lang / "news_leads.txt"))
    return lexicon
