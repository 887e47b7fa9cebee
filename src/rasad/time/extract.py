"""Find the date expressions of Persian and Arabic text and resolve them to Gregorian values.

Why our own: dateparser's `search_dates`, the one maintained library that searches free text, finds
almost none of the dates of Persian and Arabic news (it reads "می" as May, Solar Hijri years as
Gregorian, misses "كانون الأول", relative weekdays and ranges; see benchmarks/bench_dates.py). The
calendars themselves are converted by jdatetime and hijridate (rasad.time.calendars) and the
vocabulary is data (src/rasad/data/{fa,ar}/dates*.txt).

How: the text is folded with the search key (one character per character, so offsets survive),
a handful of regexes built from the vocabulary find atoms (a day-month-year, a numeric date, a
weekday, "yesterday", "last week", "3 days ago", a clock time), overlapping atoms keep the longest,
and neighbours are merged: a weekday with the date it names, two dates joined by "to" into an
interval, a clock time with its day. Resolution rules are in docs/dates.md.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from functools import cache

from rasad.record import DateExpr
from rasad.text.keys import search_key, search_key_with_offsets
from rasad.text.letters import DIACRITICS, TATWEEL
from rasad.time.calendars import (
    InvalidDateError,
    from_gregorian,
    month_interval,
    shift_month,
    to_gregorian,
    year_interval,
)
from rasad.time.lexicon import Lexicon, load_lexicon

DAY = datetime.timedelta(days=1)
DEFAULT_CALENDAR = {"fa": "jalali", "ar": "gregorian"}
# Plausible years per calendar: a 4-digit number outside these is not read as a year.
YEAR_RANGES = {"gregorian": range(1800, 2101), "jalali": range(1300, 1500), "hijri": range(1343, 1501)}

_LETTER_BEFORE = r"(?<![^\W\d_])"
_LETTER_AFTER = r"(?![^\W\d_])"
# Arabic words take the proclitics و ف ب ل (وأمس، بالأمس); the span starts after them.
_ARABIC_START = r"(?:(?<![^\W\d_])|(?<=(?<![^\W\d_])[وفبل])|(?<=(?<![^\W\d_])[وف][بل]))"


@dataclass
class Atom:
    start: int  # offsets into the folded key
    end: int
    kind: str  # abs | numeric | year | weekday | dayword | period | monthrel | ago | time | range
    data: dict = field(default_factory=dict)


@dataclass
class Resolved:
    first: datetime.date
    last: datetime.date
    value: str
    calendar: str
    relative: bool

    @property
    def is_day(self) -> bool:
        return self.first == self.last and "T" not in self.value and "/" not in self.value


class Grammar:
    """The compiled patterns of one language."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lex = lexicon
        self.lang = lexicon.lang
        start = _ARABIC_START if lexicon.lang == "ar" else _LETTER_BEFORE
        end = _LETTER_AFTER
        months = lex.pattern("month-gregorian", "month-jalali", "month-hijri")
        suffix = lex.pattern("month-suffix")
        one_month = rf"{months}(?:\s*{suffix})?{end}"
        # "نوفمبر/تشرين الثاني" and "نوفمبر (تشرين الثاني)": a second name of the same month
        month = rf"(?P<mon>{one_month})(?:\s*[/(]\s*{one_month}(?:\s*\))?)?"
        marker = rf"(?:\s*(?P<mk>{lex.pattern('marker')}){end})?"
        year_tail = rf"(?:\s*[-/,]?\s*(?P<y>\d{{4}})(?!\d){marker})?"
        day = r"(?<![\d/.:])(?P<d>\d{1,2})(?![\d:])"
        month_prefix = lex.pattern("month-prefix")
        modifier = lex.pattern("modifier", "period-word")
        # "الخامس من مارس", "اول دی": a day written as an ordinal word
        ordinal = (rf"{start}(?P<od>{lex.pattern('ordinal-day')}){end}"
                   rf"(?:\s+{lex.pattern('ordinal-joiner')}{end})?")
        # "5 مارس الماضي", "۱۴ اسفند گذشته": a yearless date with last/next/this (not "بعد از")
        date_modifier = rf"(?:\s+(?P<dmod>{modifier}){end}(?!\s*{lex.pattern('not-after-modifier')}{end}))?"
        self.dmy = re.compile(rf"(?:{day}\s*-?|{ordinal})\s*(?:{month_prefix}\s+)?{month}{year_tail}{date_modifier}")
        rstart = lex.pattern("range-start")
        rsep = lex.pattern("range-separator", "range-separator-bound")
        self.range_dm = re.compile(
            rf"(?:{start}(?P<rs>{rstart})\s+)?(?<![\d/.:])(?P<d1>\d{{1,2}})\s*(?P<sep>{rsep})\s*"
            rf"(?P<d>\d{{1,2}})(?![\d:])\s*-?\s*{month}{year_tail}")
        year_word = lex.pattern("year-word")
        self.my = re.compile(
            rf"{start}(?:{month_prefix}\s+)?{month}\s*[-/]?\s*(?:{year_word}\s+)?(?P<y>\d{{4}})(?!\d){marker}")
        self.month_rel = re.compile(
            rf"(?<!\d)(?<!\d\s){start}(?:{month_prefix}\s+)?(?P<mon>{months})(?P<suf>\s*{suffix})?{end}"
            rf"(?:\s*[/(]\s*{months}(?:\s*{suffix})?{end}(?:\s*\))?)?"
            rf"(?:\s+(?P<mod>{modifier}){end})?")
        # "اواخر مهر", "مطلع شهر أكتوبر", "نیمه دوم مهرماه": part of a month, written before it
        self.month_part_before = re.compile(
            rf"{start}(?P<part>{lex.pattern('month-part')})(?:\s+{lex.pattern('month-part-joiner')})?"
            rf"(?:\s+{month_prefix})?\s*$")
        self.numeric = re.compile(
            r"(?<![\d/.\-])(?:(?P<y1>\d{4})(?P<s1>[/.\-])(?P<m1>\d{1,2})(?P=s1)(?P<d1>\d{1,2})"
            r"|(?P<d2>\d{1,2})(?P<s2>[/.\-])(?P<m2>\d{1,2})(?P=s2)(?P<y2>\d{4}))(?![\d/]|[.\-]\d)"
            + marker)
        self.year = re.compile(
            rf"(?:{start}(?P<yw>{year_word})\s+)?(?<!\d)(?P<y>\d{{4}})(?!\d)\s*(?P<mk>{lex.pattern('marker')}){end}"
            rf"|{start}(?P<yw2>{year_word})\s+(?P<y2>\d{{4}}|\d{{2}})(?![\d/:]|\.\d)")
        day_part = lex.pattern("day-part")
        weekday = lex.pattern("weekday")
        wd_prefix = lex.pattern("weekday-prefix")
        week = lex.pattern("period")
        self.weekday = re.compile(
            rf"{start}(?:(?P<dp>{day_part})\s+)?(?:(?P<pre>{wd_prefix})\s+)?(?P<wd>{weekday}){end}"
            rf"(?:\s+(?:(?P<wk>{week})\s+)?(?P<mod>{lex.pattern('modifier')}){end}|\s+(?P<dp2>{day_part}){end})?")
        day_word = lex.pattern("day-word")
        self.day_word = re.compile(
            rf"{start}(?:(?P<dp>{day_part})\s+)?(?P<dw>{day_word}){end}(?:\s+(?P<dp2>{day_part}){end})?"
            rf"(?:\s*\(\s*(?:{wd_prefix}\s+)?(?P<wd1>{weekday})\s*\)|\s+(?:{wd_prefix}\s+)?(?P<wd2>{weekday}){end})?")
        self.period = re.compile(
            rf"{start}(?:(?P<per>{week})\s+(?P<mod>{lex.pattern('modifier')})"
            rf"|(?P<mb>{lex.pattern('modifier-before')})\s+(?P<per2>{week})"
            rf"|(?P<pw>{lex.pattern('period-word')})){end}")
        number = rf"(?:(?P<n>\d{{1,3}})(?!\d)|(?P<nw>{lex.pattern('number')}){end})"
        # a plural unit needs a number: "منذ 3 أيام" is a date, "منذ سنوات" (for years) is not
        unit, counted_unit = lex.pattern("count-unit"), lex.pattern("count-unit", "count-unit-plural")
        self.ago_after = re.compile(
            rf"{start}{number}\s+(?P<u>{counted_unit})\s+(?P<ago>{lex.pattern('ago-after', 'later-after')}){end}")
        self.ago_before = re.compile(
            rf"{start}(?P<ab>{lex.pattern('ago-before', 'later-before')})\s+"
            rf"(?:{number}\s+(?P<u>{counted_unit})|(?P<du>{lex.pattern('dual-unit')})|(?P<u1>{unit})){end}")
        fraction = lex.pattern("time-fraction")
        self.time = re.compile(
            rf"(?<![\d:])(?P<h>\d{{1,2}}):(?P<mi>\d{{2}})(?::\d{{2}})?(?![\d:])(?:\s*(?P<dp>{day_part}){end})?"
            rf"|{start}{lex.pattern('time-word')}\s+(?:(?P<h2>\d{{1,2}})(?::(?P<mi2>\d{{2}}))?(?![\d:])"
            rf"|(?P<hw>{lex.pattern('number')}){end})"
            rf"(?:\s*و\s*(?:(?P<fr>{fraction})|(?P<fm>\d{{1,2}})\s*(?:دقیقه)){end})?"
            rf"(?:\s*(?P<dp2>{day_part}){end})?")
        self.range_gap = re.compile(rf"^\s*(?P<sep>{rsep}|به)\s*$")
        self.range_start_before = re.compile(rf"{start}(?P<rs>{rstart})\s*$")
        equivalence = lex.pattern("equivalence-connector")
        self.weekday_gap = re.compile(rf"^[\s،,\-–—]*(?:{equivalence}\s*)?$")
        # "٣٠ ربيع الأول ١٤٤٥ هـ - ١٥ أكتوبر ٢٠٢٣", "... الموافق ...": one day in two calendars
        self.equivalence_gap = re.compile(rf"^[\s،,\-–—/|]*(?:{equivalence})?[\s(]*$")
        self.closing_bracket = re.compile(r"\s*\)")
        connector = lex.pattern("time-connector", "weekday-prefix")
        self.time_gap = re.compile(rf"^[\s،,\-–—|:()]*(?:{connector}\s*)?$")
        self.paren_weekday = re.compile(rf"^\s*\(\s*(?:{wd_prefix}\s+)?(?P<wd>{weekday})\s*\)")
        self.future = re.compile(lex.pattern("future-cue"))
        self.count_before = re.compile(
            rf"(?:(?<!\d)\d{{1,2}}|{lex.pattern('number', 'vague-count')}{end})\s*$")

    def atoms(self, key: str) -> list[Atom]:
        found: list[Atom] = []
        # ends of clock times that take a day part ("ساعت ۱۰ صبح"): that day part is the clock's
        clock_part_ends = {m.end() for m in self.time.finditer(key) if m.group("dp") or m.group("dp2")}
        for kind, regex in (("abs", self.dmy), ("range", self.range_dm), ("abs", self.my),
                            ("monthrel", self.month_rel), ("numeric", self.numeric), ("year", self.year),
                            ("weekday", self.weekday), ("dayword", self.day_word), ("period", self.period),
                            ("ago", self.ago_after), ("ago", self.ago_before), ("time", self.time)):
            for match in regex.finditer(key):
                if match.end() > match.start():
                    atom = self.read(kind, match, key)
                    if atom is not None:
                        # "ساعت ۱۰ صبح امروز", "ساعت ۱۰ صبح روز سه شنبه": a day part that ends a clock
                        # time belongs to it, so the day or weekday is offered without it
                        inner = "dw" if kind == "dayword" else "wd" if kind == "weekday" else None
                        if inner and match.group("dp"):
                            start = match.start("pre") if inner == "wd" and match.group("pre") else match.start(inner)
                            found.append(Atom(start, atom.end, kind, atom.data))
                            if match.end("dp") in clock_part_ends:
                                continue
                        found.append(atom)
        return found

    def read(self, kind: str, match: re.Match, key: str) -> Atom | None:
        """Turn one regex match into an atom, or None when it is not a date after all."""
        lex, group = self.lex, match.groupdict()
        atom = Atom(match.start(), match.end(), kind)
        if kind in ("abs", "range", "monthrel"):
            calendar, month = self.month(group["mon"])
            atom.data.update(calendar=calendar, month=month)
            year = group.get("y")
            if group.get("mk"):
                atom.data["marker"] = lex.get("marker", group["mk"])
            if kind == "monthrel":
                # a month name alone is a date only with "ماه" after it (اسفندماه), a modifier, or a
                # month part before it (اواخر مهر)
                mod = group.get("mod")
                if not (mod or (group.get("suf") and calendar == "jalali")
                        or self.month_part_before.search(key, max(0, match.start() - 30), match.start())):
                    return None
                atom.data["mod"] = self.modifier(mod) if mod else None
                return atom
            if kind == "abs" and group.get("d") is None and group.get("od") is None and year is None:
                return None
            if year is None and self.follows(key, match.start(), "not-before-date"):
                return None  # "خیابان ۱۵ خرداد", "شارع 26 يوليو": a street named after a date
            if year is None and lex.has("month-needs-year", group["mon"].split("/")[0]):
                return None
            atom.data["year"] = int(year) if year else None
            atom.data["day"] = int(group["d"]) if group.get("d") else (
                int(lex.get("ordinal-day", group["od"])) if group.get("od") else None)
            if group.get("od") and self.month_part_before.search(key, max(0, match.start() - 30), match.start("mon")):
                return None  # "نیمه دوم مهر", "دهه اول محرم": the ordinal is part of a month part
            if group.get("dmod") and year is None:
                atom.data["mod"] = self.modifier(group["dmod"])
            if kind == "range":
                atom.data["day1"] = int(group["d1"])
                rs, sep = group.get("rs"), group["sep"]
                if lex.has("range-separator-bound", sep) and not rs:
                    return None
            return atom
        if kind == "numeric":
            if group["y1"]:
                year, month, day = int(group["y1"]), int(group["m1"]), int(group["d1"])
            else:
                year, month, day = int(group["y2"]), int(group["m2"]), int(group["d2"])
            atom.data.update(year=year, month=month, day=day, marker=lex.get("marker", group["mk"] or ""))
            return atom
        if kind == "year":
            digits = group["y"] or group["y2"]
            year = int(digits)
            if len(digits) == 2:
                if self.lang != "fa" or year < 50:
                    return None
                year += 1300  # "سال ۹۸" is 1398 in Persian news
            atom.data.update(year=year, marker=lex.get("marker", group["mk"] or ""))
            return atom
        if kind == "weekday":
            if self.follows(key, match.start(), "not-before-weekday"):
                return None
            dp = group.get("dp")
            atom.data.update(weekday=int(lex.get("weekday", group["wd"])),
                             night=bool(dp and lex.has("night-prefix", dp)),
                             mod=self.modifier(group["mod"]) if group.get("mod") else None,
                             week=bool(group.get("wk")))
            return atom
        if kind == "dayword":
            if self.lang == "ar" and not group.get("wd2") and not group.get("dp2") \
                    and match.group("dw").startswith("ال"):
                # "اليوم الوطني", "الأمس القريب": the word is a noun with an adjective, not a date
                following = key[match.end():match.end() + 20].split()
                if following and following[0].startswith("ال") and not self.may_follow_day_word(following[0]):
                    return None
            atom.data["offset"] = int(lex.get("day-word", group["dw"]))
            return atom
        if kind == "period":
            if group.get("pw"):
                unit, offset = lex.get("period-word", group["pw"]).split()
                atom.data.update(unit=unit, offset=int(offset))
                return atom
            if group.get("per") and self.count_before.search(key, 0, match.start()):
                return None  # "دو هفته گذشته": a duration, not last week
            unit = lex.get("period", group.get("per") or group["per2"])
            atom.data.update(unit=unit, offset=int(lex.get("modifier", group["mod"])) if group.get("mod")
                             else int(lex.get("modifier-before", group["mb"])))
            return atom
        if kind == "ago":
            if group.get("du"):
                unit, count = lex.get("dual-unit", group["du"]), 2
            else:
                matched = group.get("u") or group["u1"]
                unit = lex.get("count-unit", matched) or lex.get("count-unit-plural", matched)
                count = int(group["n"]) if group.get("n") else (
                    int(lex.get("number", group["nw"])) if group.get("nw") else 1)
            word = group.get("ago") or group.get("ab") or ""
            sign = 1 if (lex.has("later-after", word) or lex.has("later-before", word)) else -1
            atom.data.update(unit=unit, count=count * sign)
            return atom
        if kind == "time":
            if group.get("h") is not None:
                hour, minute, part = int(group["h"]), int(group["mi"]), group.get("dp")
            else:
                hour = int(group["h2"]) if group.get("h2") else int(lex.get("number", group["hw"]))
                minute = int(group["mi2"]) if group.get("mi2") else 0
                if group.get("fr"):
                    minute = int(lex.get("time-fraction", group["fr"]))
                elif group.get("fm"):
                    minute = int(group["fm"])
                part = group.get("dp2")
            hour = _apply_day_part(hour, lex.get("day-part", part) if part else None)
            if not (0 <= hour < 24 and 0 <= minute < 60):
                return None
            atom.data.update(hour=hour, minute=minute)
            return atom
        return None

    def follows(self, key: str, start: int, kind: str) -> bool:
        """Whether the word before `start` is one of the lexicon's words of this kind."""
        before = key[max(0, start - 16):start].split()
        return bool(before) and self.lex.has(kind, before[-1])

    def may_follow_day_word(self, word: str) -> bool:
        lex = self.lex
        return any(lex.has(kind, word) for kind in ("day-word-follower", "time-word", "day-part", "weekday",
                                                         "range-separator"))

    def month(self, matched: str) -> tuple[str, int]:
        name = re.split(r"\s*[/(]", matched, maxsplit=1)[0]
        name = re.sub(self.lex.pattern("month-suffix") + r"$", "", name).strip() or name
        for calendar in ("jalali", "hijri", "gregorian"):
            value = self.lex.get(f"month-{calendar}", name)
            if value is not None:
                return calendar, int(value)
        raise KeyError(matched)

    def modifier(self, matched: str) -> int:
        value = self.lex.get("modifier", matched)
        if value is None:  # a period word after a month: "مهر امسال", "مهر پارسال"
            value = self.lex.get("period-word", matched).split()[1]
        return int(value)


def _apply_day_part(hour: int, part: str | None) -> int:
    if part == "am":
        return 0 if hour == 12 else hour
    if part == "pm":
        return hour + 12 if hour < 12 else hour
    if part == "noon":
        return hour + 12 if hour <= 6 else hour
    if part == "night":
        if hour == 12:
            return 0
        return hour + 12 if 6 <= hour < 12 else hour
    return hour


@cache
def grammar(lang: str) -> Grammar:
    return Grammar(load_lexicon(lang))


def _select(atoms: list[Atom]) -> list[Atom]:
    """Keep the longest of overlapping atoms (earliest first on ties), in text order."""
    chosen: list[Atom] = []
    taken: list[tuple[int, int]] = []
    for atom in sorted(atoms, key=lambda a: (a.start - a.end, a.start)):
        if all(atom.end <= s or atom.start >= e for s, e in taken):
            chosen.append(atom)
            taken.append((atom.start, atom.end))
    return sorted(chosen, key=lambda a: a.start)


_TRAILING = frozenset(DIACRITICS) | {TATWEEL}
_DATEISH = {"abs", "numeric", "weekday", "dayword", "range", "monthrel", "year", "period", "ago"}


class _Resolver:
    def __init__(self, gram: Grammar, key: str, reference: datetime.date | None) -> None:
        self.gram, self.key, self.reference = gram, key, reference
        self.default_calendar = DEFAULT_CALENDAR.get(gram.lang, "gregorian")

    # -- absolute dates
    def absolute(self, atom: Atom, year_hint: tuple[str, int] | None = None) -> Resolved | None:
        data = atom.data
        calendar, year, month, day = data["calendar"], data.get("year"), data["month"], data.get("day")
        marker = data.get("marker")
        if marker and marker != calendar and calendar == "gregorian" and marker == "jalali":
            return None
        relative = False
        if year is not None and year not in YEAR_RANGES[calendar]:
            return None
        if year is None:
            if year_hint and year_hint[0] == calendar:
                year = year_hint[1]
            elif self.reference is None:
                return None
            elif data.get("mod") is not None and day is not None:
                year = self.modified_year(calendar, month, day, data["mod"])
                relative = True
            else:
                year = self.yearless(calendar, month, day, atom)
                relative = True
        try:
            if day is None:
                first, last = month_interval(calendar, year, month)
                value = f"{year:04d}-{month:02d}" if calendar == "gregorian" else f"{first}/{last}"
                return Resolved(first, last, value, calendar, relative)
            date = to_gregorian(calendar, year, month, day)
        except InvalidDateError:
            return None
        return Resolved(date, date, date.isoformat(), calendar, relative)

    def yearless(self, calendar: str, month: int, day: int | None, atom: Atom) -> int:
        """The year of a date or month written without one (docs/dates.md, "Dates without a year").

        In a sentence about the future, the first occurrence on or after the reference; otherwise
        the latest that starts no later than 60 days after it (news reports the recent past, and
        announces the near future without a future verb).
        """
        ref = self.reference
        assert ref is not None
        ref_year = from_gregorian(calendar, ref)[0]
        future = self.future_sentence(atom)
        best: int | None = None
        for year in (ref_year - 1, ref_year, ref_year + 1):
            try:
                if day is None:
                    first, last = month_interval(calendar, year, month)
                else:
                    first = last = to_gregorian(calendar, year, month, min(day, 29))
            except InvalidDateError:
                continue
            if future and last >= ref:
                return year
            if not future and first <= ref + 60 * DAY:
                best = year
        return best if best is not None else ref_year

    def modified_year(self, calendar: str, month: int, day: int, mod: int) -> int:
        """The year of "5 مارس الماضي" (the latest before the reference), "ديسمبر المقبل" (the first
        after it) or "۱۴ اسفند امسال" (the reference's year)."""
        ref = self.reference
        assert ref is not None
        ref_year = from_gregorian(calendar, ref)[0]
        if mod == 0:
            return ref_year
        step = 1 if mod > 0 else -1
        for year in (ref_year, ref_year + step):
            try:
                date = to_gregorian(calendar, year, month, min(day, 29))
            except InvalidDateError:
                continue
            if (date > ref) if mod > 0 else (date < ref):
                return year + (mod - step)
        return ref_year + mod

    def nearest_year(self, calendar: str, month: int, day: int) -> int:
        ref = self.reference
        assert ref is not None
        ref_year = from_gregorian(calendar, ref)[0]
        best, best_gap = ref_year, None
        for year in (ref_year - 1, ref_year, ref_year + 1):
            try:
                gap = abs((to_gregorian(calendar, year, month, min(day, 29)) - ref).days)
            except InvalidDateError:
                continue
            if best_gap is None or gap < best_gap:
                best, best_gap = year, gap
        return best

    def numeric(self, atom: Atom) -> Resolved | None:
        data = atom.data
        year, month, day = data["year"], data["month"], data["day"]
        calendar = self.calendar_of(year, data.get("marker"))
        if calendar is None:
            return None
        try:
            date = to_gregorian(calendar, year, month, day)
        except InvalidDateError:
            return None
        return Resolved(date, date, date.isoformat(), calendar, False)

    def calendar_of(self, year: int, marker: str | None) -> str | None:
        """The calendar a year is in: its marker's, else the one whose range holds it (Solar Hijri
        only in Persian); None when the year is outside that calendar's range."""
        if marker:
            calendar = marker
        elif year in YEAR_RANGES["gregorian"]:
            calendar = "gregorian"
        elif self.gram.lang == "fa" and year in YEAR_RANGES["jalali"]:
            calendar = "jalali"
        elif year in YEAR_RANGES["hijri"]:
            calendar = "hijri"
        else:
            return None
        return calendar if year in YEAR_RANGES[calendar] else None

    def year(self, atom: Atom) -> Resolved | None:
        year = atom.data["year"]
        calendar = self.calendar_of(year, atom.data.get("marker"))
        if calendar is None:
            return None
        if calendar == "gregorian":
            first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
            return Resolved(first, last, str(year), calendar, False)
        try:
            first, last = year_interval(calendar, year)
        except InvalidDateError:
            return None
        return Resolved(first, last, f"{first}/{last}", calendar, False)

    def month_relative(self, atom: Atom) -> Resolved | None:
        ref = self.reference
        if ref is None:
            return None
        calendar, month, mod = atom.data["calendar"], atom.data["month"], atom.data["mod"]
        ref_year, ref_month, _ = from_gregorian(calendar, ref)
        if mod is None:
            year = self.yearless(calendar, month, None, atom)
        elif mod < 0:
            year = ref_year if month < ref_month else ref_year - 1
            year += mod + 1
        elif mod > 0:
            year = ref_year if month > ref_month else ref_year + 1
            year += mod - 1
        else:
            year = ref_year
        try:
            first, last = month_interval(calendar, year, month)
        except InvalidDateError:
            return None
        value = f"{year:04d}-{month:02d}" if calendar == "gregorian" else f"{first}/{last}"
        return Resolved(first, last, value, calendar, True)

    # -- relative expressions
    def week_of(self, date: datetime.date) -> datetime.date:
        start = int(self.gram.lex.first("week-start", "0"))
        return date - (date.weekday() - start) % 7 * DAY

    def future_sentence(self, atom: Atom) -> bool:
        key = self.key
        left = max(key.rfind(ch, 0, atom.start) for ch in ".!?؟\n")
        right = [i for i in (key.find(ch, atom.end) for ch in ".!?؟\n") if i >= 0]
        return bool(self.gram.future.search(key, left + 1, min(right) if right else len(key)))

    def weekday_date(self, atom: Atom) -> datetime.date | None:
        ref = self.reference
        if ref is None:
            return None
        weekday, mod = atom.data["weekday"], atom.data["mod"]
        if atom.data["week"]:  # "یکشنبه هفته گذشته": that weekday within the previous/next week
            week = self.week_of(ref) + 7 * (mod or 0) * DAY
            return week + (weekday - week.weekday()) % 7 * DAY
        back = (ref.weekday() - weekday) % 7
        if mod is None:
            if self.future_sentence(atom):
                return ref + (weekday - ref.weekday()) % 7 * DAY
            return ref - back * DAY
        if mod < 0:
            return ref - (back or 7) * DAY
        if mod > 0:
            return ref + ((weekday - ref.weekday()) % 7 or 7) * DAY
        return ref - back * DAY

    def weekday(self, atom: Atom) -> Resolved | None:
        date = self.weekday_date(atom)
        if date is None:
            return None
        if atom.data["night"]:  # "ليلة الخميس", "شب جمعه": the eve, from the day before into it
            return Resolved(date - DAY, date, f"{date - DAY}/{date}", self.default_calendar, True)
        return Resolved(date, date, date.isoformat(), self.default_calendar, True)

    def day_word(self, atom: Atom) -> Resolved | None:
        if self.reference is None:
            return None
        date = self.reference + atom.data["offset"] * DAY
        return Resolved(date, date, date.isoformat(), self.default_calendar, True)

    def span_of(self, unit: str, offset: int) -> Resolved | None:
        ref = self.reference
        if ref is None:
            return None
        calendar = self.default_calendar
        if unit == "day":
            date = ref + offset * DAY
            return Resolved(date, date, date.isoformat(), calendar, True)
        if unit == "week":
            first = self.week_of(ref) + 7 * offset * DAY
            last = first + 6 * DAY
            return Resolved(first, last, f"{first}/{last}", calendar, True)
        year, month, _ = from_gregorian(calendar, ref)
        try:
            if unit == "month":
                year, month = shift_month(calendar, year, month, offset)
                first, last = month_interval(calendar, year, month)
                value = f"{year:04d}-{month:02d}" if calendar == "gregorian" else f"{first}/{last}"
            else:
                year += offset
                first, last = year_interval(calendar, year)
                value = str(year) if calendar == "gregorian" else f"{first}/{last}"
        except InvalidDateError:
            return None
        return Resolved(first, last, value, calendar, True)

    def ago(self, atom: Atom) -> Resolved | None:
        unit, count = atom.data["unit"], atom.data["count"]
        if unit == "week" and self.reference is not None:
            date = self.reference + 7 * count * DAY
            return Resolved(date, date, date.isoformat(), self.default_calendar, True)
        return self.span_of(unit, count)

    def resolve(self, atom: Atom) -> Resolved | None:
        kind = atom.kind
        if kind == "abs":
            return self.absolute(atom)
        if kind == "numeric":
            return self.numeric(atom)
        if kind == "year":
            return self.year(atom)
        if kind == "monthrel":
            return self.month_relative(atom)
        if kind == "weekday":
            return self.weekday(atom)
        if kind == "dayword":
            return self.day_word(atom)
        if kind == "period":
            return self.span_of(atom.data["unit"], atom.data["offset"])
        if kind == "ago":
            return self.ago(atom)
        if kind == "range":
            last = self.absolute(atom)
            if last is None:
                return None
            first_atom = Atom(atom.start, atom.end, "abs", dict(atom.data, day=atom.data["day1"]))
            year = from_gregorian(last.calendar, last.first)[0]
            first = self.absolute(first_atom, (last.calendar, year))
            if first is None or first.first > last.first:
                return None
            value = f"{first.first}/{last.last}"
            return Resolved(first.first, last.last, value, last.calendar, last.relative)
        return None


@dataclass
class _Item:
    start: int
    end: int
    atom: Atom
    resolved: Resolved | None = None


def extract_dates(text: str, lang: str, reference: datetime.date | None) -> list[DateExpr]:
    """The date expressions of `text` with Gregorian values; offsets are code points into `text`.

    `reference` is the article's date: relative expressions (and dates without a year) resolve
    against it and are left out when it is None.
    """
    if not text or lang not in DEFAULT_CALENDAR:
        return []
    key = search_key(text)
    offsets: list[int] | None = None
    if len(key) != len(text):
        key, offsets = search_key_with_offsets(text)
    gram = grammar(lang)
    atoms = _select(gram.atoms(key))
    if not atoms:
        return []
    resolver = _Resolver(gram, key, reference)
    items = [_Item(a.start, a.end, a) for a in atoms]
    items = _merge_weekday_with_date(items, gram, key)
    for item in items:
        if item.resolved is None:
            item.resolved = resolver.resolve(item.atom)
    items = _narrow_month_parts(items, gram, key)
    items = _merge_ranges(items, gram, key, resolver)
    items = _merge_times(items, gram, key)
    out: list[DateExpr] = []
    for item in items:
        res = item.resolved
        if res is None or item.atom.kind == "time":
            continue
        start, end = item.start, item.end
        if offsets is not None:
            start, end = offsets[start], offsets[end - 1] + 1
            while end < len(text) and text[end] in _TRAILING:  # the tatweel of "هـ"
                end += 1
        out.append(DateExpr(start, end, raw=text[start:end], value=res.value, calendar=res.calendar,
                            relative=res.relative))
    return out


def _merge_weekday_with_date(items: list[_Item], gram: Grammar, key: str) -> list[_Item]:
    """"یکشنبه ۱۴ اسفند ۱۴۰۱", "الأحد، 5 مارس": the weekday joins the date it names."""
    out: list[_Item] = []
    for item in items:
        previous = out[-1] if out else None
        if (previous is not None and previous.atom.kind == "weekday" and previous.atom.data["mod"] is None
                and not previous.atom.data["night"]
                and item.atom.kind in ("abs", "numeric", "range")
                and gram.weekday_gap.match(key[previous.end:item.start])):
            item.start = previous.start
            out[-1] = item
            continue
        out.append(item)
    # "۱۴ اسفند (یکشنبه)": a weekday in brackets after the date
    for item in out:
        if item.atom.kind in ("abs", "numeric"):
            match = gram.paren_weekday.match(key, item.end)
            if match:
                item.end = match.end()
    return out


def _is_whole_month(item: _Item) -> bool:
    atom = item.atom
    if atom.kind == "monthrel" or (atom.kind == "abs" and atom.data.get("day") is None):
        return True
    return atom.kind == "period" and atom.data.get("unit") == "month"


def _narrow_month_parts(items: list[_Item], gram: Grammar, key: str) -> list[_Item]:
    """"اواخر مهر ۱۴۰۲", "مطلع أكتوبر الماضي": the part of the month named before it (days from-to
    in the data; the end is cut at the month's last day)."""
    for item in items:
        res = item.resolved
        if res is None or not _is_whole_month(item):
            continue
        match = gram.month_part_before.search(key, max(0, item.start - 30), item.start)
        if match is None:
            continue
        low, high = (int(n) for n in gram.lex.get("month-part", match.group("part")).split("-"))
        first = res.first + (low - 1) * DAY
        last = min(res.first + (high - 1) * DAY, res.last)
        if first > res.last:
            continue
        item.start = match.start("part")
        item.resolved = Resolved(first, last, f"{first}/{last}", res.calendar, res.relative)
    return items


def _equivalent(first: _Item, second: _Item) -> _Item | None:
    """One day written in two calendars ("٣٠ ربيع الأول ١٤٤٥ هـ - ١٥ أكتوبر ٢٠٢٣"): the Gregorian
    one is kept, over the whole span. The two must agree within a day (Hijri dates printed from a
    local moon sighting may differ from Umm al-Qura by one); dates further apart are left as two."""
    a, b = first.resolved, second.resolved
    if a is None or b is None or a.calendar == b.calendar or a.relative or b.relative:
        return None
    if not (a.first == a.last and b.first == b.last and first.atom.kind in ("abs", "numeric")
            and second.atom.kind in ("abs", "numeric")):
        return None
    if abs((a.first - b.first).days) > 1:
        return None
    kept = second if b.calendar == "gregorian" or a.calendar != "gregorian" else first
    return _Item(first.start, second.end, kept.atom, kept.resolved)


def _merge_ranges(items: list[_Item], gram: Grammar, key: str, resolver: _Resolver) -> list[_Item]:
    out: list[_Item] = []
    for item in items:
        previous = out[-1] if out else None
        if (previous is not None and previous.resolved and item.resolved
                and gram.equivalence_gap.match(key[previous.end:item.start])
                and previous.resolved.calendar != item.resolved.calendar
                and previous.atom.kind in ("abs", "numeric") and item.atom.kind in ("abs", "numeric")):
            same_day = _equivalent(previous, item)
            if same_day is not None:
                if "(" in key[previous.end:item.start]:
                    closing = gram.closing_bracket.match(key, same_day.end)
                    if closing:
                        same_day.end = closing.end()
                out[-1] = same_day
            else:
                out.append(item)  # two days of two calendars far apart: not a range either
            continue
        if (previous is not None and previous.resolved and item.resolved
                and previous.atom.kind in _DATEISH and item.atom.kind in _DATEISH):
            gap = gram.range_gap.match(key[previous.end:item.start])
            if gap:
                opener = gram.range_start_before.search(key, max(0, previous.start - 8), previous.start)
                sep = gap.group("sep")
                bound_ok = not gram.lex.has("range-separator-bound", sep) or opener is not None
                night_ok = sep != "به" or previous.atom.data.get("night")
                merged = _range(previous, item, resolver) if bound_ok and night_ok else None
                if merged is not None:
                    if opener is not None:
                        merged.start = opener.start("rs")
                    out[-1] = merged
                    continue
        out.append(item)
    return out


def _range(first: _Item, second: _Item, resolver: _Resolver) -> _Item | None:
    a, b = first.resolved, second.resolved
    assert a is not None and b is not None
    if first.atom.kind == "weekday" and second.atom.kind == "weekday" and second.atom.data["mod"] is None:
        # "ليلة السبت إلى الأحد", "از شنبه تا دوشنبه": the first day is the latest such day before the second
        back = (b.first.weekday() - first.atom.data["weekday"]) % 7
        a = Resolved(b.first - back * DAY, b.first - back * DAY, "", a.calendar, True)
    elif first.atom.kind == "abs" and first.atom.data.get("year") is None and second.atom.kind == "abs" \
            and second.atom.data.get("year") is not None:
        # "از ۲۸ مهر تا ۳ آبان ۱۴۰۲": the first date takes the year of the second
        year = from_gregorian(b.calendar, b.first)[0]
        a = resolver.absolute(first.atom, (b.calendar, year))
        if a is not None and a.first > b.first:
            a = resolver.absolute(first.atom, (b.calendar, year - 1))
        if a is not None:
            a.relative = False
    if a is None or a.first > b.last or (b.last - a.first).days > 3660:
        return None
    merged = Resolved(a.first, b.last, f"{a.first}/{b.last}", b.calendar if not b.relative else a.calendar,
                      a.relative or b.relative)
    return _Item(first.start, second.end, Atom(first.start, second.end, "range"), merged)


def _merge_times(items: list[_Item], gram: Grammar, key: str) -> list[_Item]:
    """A clock time next to a day joins it: "۰۹:۱۵ - ۱۴ اسفند ۱۴۰۱", "امروز ساعت ۱۰"."""
    out: list[_Item] = []
    index = 0
    while index < len(items):
        item = items[index]
        following = items[index + 1] if index + 1 < len(items) else None
        if item.atom.kind == "time" and following is not None and following.resolved \
                and following.resolved.is_day and gram.time_gap.match(key[item.end:following.start]):
            out.append(_with_time(following, item, item.start, following.end))
            index += 2
            continue
        if item.resolved is not None and item.resolved.is_day and following is not None \
                and following.atom.kind == "time" and gram.time_gap.match(key[item.end:following.start]):
            out.append(_with_time(item, following, item.start, following.end))
            index += 2
            continue
        out.append(item)
        index += 1
    return out


def _with_time(day: _Item, clock: _Item, start: int, end: int) -> _Item:
    res = day.resolved
    assert res is not None
    hour, minute = clock.atom.data["hour"], clock.atom.data["minute"]
    value = f"{res.first.isoformat()}T{hour:02d}:{minute:02d}"
    return _Item(start, end, day.atom, Resolved(res.first, res.last, value, res.calendar, res.relative))


def has_weekday(text: str, lang: str | None = None) -> bool:
    """Whether the text names a weekday (in Persian or Arabic, or the given language)."""
    key = search_key(text)
    return any(grammar(code).weekday.search(key) for code in ([lang] if lang else list(DEFAULT_CALENDAR)))
