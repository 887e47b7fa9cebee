"""The date vocabulary of one language, loaded from src/rasad/data/{lang}/dates*.txt.

Every phrase is folded with `rasad.text.keys.search_key` (ي/ی، ك/ک، ة/ه، hamza forms, diacritics,
tatweel, ZWNJ, digits), the same fold the extractor applies to the text, so spelling variants meet
without being listed. A space or ZWNJ inside a phrase matches any run of spaces or none
("اسفند ماه" = "اسفندماه", "سه‌شنبه" = "سه شنبه").
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from rasad.text.keys import search_key
from rasad.text.letters import ZWNJ

# Kinds whose lines carry a value before the phrase: `kind: value: phrase`.
_VALUED = {"month-gregorian", "month-jalali", "month-hijri", "weekday", "day-word", "day-part",
           "marker", "modifier", "modifier-before", "number", "period", "period-word", "count-unit",
           "dual-unit", "time-fraction", "ordinal-day", "month-part", "count-unit-plural"}


def fold(phrase: str) -> str:
    """The folded form of a phrase with its inner spaces kept as single spaces."""
    return " ".join(search_key(phrase.replace(ZWNJ, " ")).split())


def lookup_key(text: str) -> str:
    """Key for looking up a matched stretch of folded text: spaces dropped."""
    return "".join(text.split())


@dataclass
class Lexicon:
    lang: str
    # lookup key → value, per kind; `phrases` keeps the folded phrases for building patterns
    values: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    phrases: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, kind: str, phrase: str, value: str = "") -> None:
        folded = fold(phrase)
        if not folded:
            return
        self.values[kind][lookup_key(folded)] = value
        if folded not in self.phrases[kind]:
            self.phrases[kind].append(folded)

    def get(self, kind: str, matched: str) -> str | None:
        return self.values[kind].get(lookup_key(matched))

    def has(self, kind: str, matched: str) -> bool:
        return lookup_key(matched) in self.values[kind]

    def pattern(self, *kinds: str) -> str:
        """Regex alternation of the phrases of the given kinds, longest first."""
        phrases = sorted({p for kind in kinds for p in self.phrases.get(kind, [])},
                         key=lambda p: (-len(p), p))
        if not phrases:
            return "(?!)"
        return "(?:" + "|".join(_phrase_regex(p) for p in phrases) + ")"

    def first(self, kind: str, default: str = "") -> str:
        found = self.phrases.get(kind)
        return self.values[kind][lookup_key(found[0])] if found else default


def _phrase_regex(phrase: str) -> str:
    parts = [re.escape(word).replace(r"\.", r"\s*\.\s*") for word in phrase.split(" ")]
    return r"\s*".join(parts)


def parse_lines(lines: list[str], lexicon: Lexicon) -> None:
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        kind, sep, rest = line.partition(": ")
        if not sep:
            raise ValueError(f"dates data line {number}: expected 'kind: ...': {line!r}")
        if kind in _VALUED:
            value, sep, phrase = rest.partition(": ")
            if not sep:
                raise ValueError(f"dates data line {number}: expected 'kind: value: phrase': {line!r}")
            lexicon.add(kind, phrase.strip(), value.strip())
        else:
            lexicon.add(kind, rest.strip(), rest.strip())


@cache
def load_lexicon(lang: str) -> Lexicon:
    lexicon = Lexicon(lang)
    folder = resources.files("rasad") / "data" / lang
    names = sorted(entry.name for entry in folder.iterdir()
                   if entry.name.startswith("dates") and entry.name.endswith(".txt"))
    if not names:
        raise LookupError(f"no date vocabulary for language {lang!r}")
    for name in names:
        parse_lines((folder / name).read_text(encoding="utf-8").splitlines(), lexicon)
    return lexicon
