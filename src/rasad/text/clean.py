"""CLEAN stage: strip boilerplate lines from a scraped Persian or Arabic news page.

Input is the plain text of one page (a .txt scrape, or trafilatura's output, which still keeps
in-body widgets on plain-div pages). Output is the article text, one paragraph per line, plus the
metadata that header lines carry (dateline, news code, category, source credit) and the title.

Two kinds of evidence decide what goes:
- phrase rules, kept as data in ``rasad/data/{fa,ar,common}/boilerplate*.txt`` so a linguist can
  add an entry without touching Python (format in each folder's README.md);
- structure: short lines without sentence punctuation before the first and after the last real
  sentence of the page (menus, breadcrumbs, widgets), menu-shaped lines anywhere, headline lists
  under "related news" starters, and lines that recur across many pages of one outlet.

We write our own rules because the available extractors (trafilatura, jusText) work on HTML
structure and leave exactly these in-body lines behind; none knows Persian or Arabic widget text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from rasad.text.keys import search_key, search_key_with_offsets

__all__ = ["CleanResult", "canonical_outlet", "clean_text", "find_repeated_lines", "line_key"]

_DATA_FOLDERS = ("common", "fa", "ar")

# A line longer than this is a paragraph of prose: phrase rules never remove it.
_MAX_RULE_WORDS = 60
# Structural limits, in words.
_SHORT_LINE_WORDS = 15  # head/tail lines up to this length without sentence punctuation are dropped
_LONG_PROSE_WORDS = 25  # a line this long counts as prose even without a final period
_TITLE_MAX_WORDS = 30
_KICKER_MAX_WORDS = 7
_KICKER_MIN_WORDS = 4  # for a kicker without a final colon
_REPEATED_PROSE_WORDS = 12  # a repeated line longer than this that ends a sentence is kept (wire copy)
_BLOCK_MAX_LINES = 15

_STRONG_END = frozenset(".…۔")
_QUESTION_END = frozenset("?!؟")
_CLOSERS = "»”\"')]}›"
_SEPARATORS_RE = re.compile(r"\s*(?:\||•|·|\t|\s»\s|\s>\s|\s›\s|\s/\s)\s*")
_WORD_RE = re.compile(r"[^\W_]+")  # words: letters and digits, split at punctuation and spaces
_SPACES_RE = re.compile(r"\s+")
_DIGITS_RE = re.compile(r"\d+")
_NUMBER_TOKEN_RE = re.compile(r"^\d+[مهقشص]?$")
_NUMERIC_DATE_RE = re.compile(r"\b\d{1,4}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{1,4}\b")
_FIRST_DIGIT_RE = re.compile(r"\d")
_SEPARATOR_CHARS_RE = re.compile(r"[|•·\t»>›]")
_BARE_MAX_WORDS = 12
_LABEL_MAX_CHARS = 40  # a label ("کد خبر:", "تاريخ النشر:") sits in the first characters of a line
_LEADING_MARKS_RE = re.compile(r"^[\s\-–—*•·|/\\>»«:]+|[\s\-–—*•·|/\\<«:]+$")
# Site names: parts of a header or title line ("ایرنا | خبرگزاری جمهوری اسلامی", "X - خبرگزاری فارس").
_NAME_PARTS_RE = re.compile(r"\s*[|•·–—]\s*|\s+-\s+")
# A byline: two short parts around one separator ("دمشق-سانا", "العالم - ایران", "بروكسل: «الشرق الأوسط»").
_BYLINE_RE = re.compile(r"^(?P<a>[^|:/\-–—]+?)\s*[:/\-–—]\s*(?P<b>[^|:/\-–—]+)$")
_BYLINE_SEPARATOR_RE = re.compile(r"[:/\-–—]")
_BYLINE_TRIM = " \t-–—|:«»\"'“”"  # brackets stay: "إدلب (شمال غربي سوريا)"
_NAME_TRIM = " \t-–—|:«»\"'()“”"
_BYLINE_PART_WORDS = 5
_PLACE_MAX_WORDS = 3
_BRACKETS_RE = re.compile(r"\([^()]*\)")
_SITE_NAME_MAX_WORDS = 6
_SITE_HEADER_MAX_PARTS = 3
_CREDIT_MAX_CHARS = 160
_CREDIT_LINES = 3  # body lines searched for a credit ("به گزارش ایسنا،", "دمشق-سانا"): a kicker may come first
_OUTLET_FILE = "outlets.txt"


@dataclass
class CleanResult:
    text: str  # main text, one paragraph per line
    title: str | None
    published_raw: str | None
    outlet: str | None  # from source credit lines / "به گزارش X"
    news_code: str | None
    category: str | None
    removed: list[str] = field(default_factory=list)  # lines dropped from the text, in order
    # Every dateline found in the page's lines, in page order, without its label: a page can show the
    # fetch day in its header as well as the article's own date (published_raw is the first).
    datelines: list[str] = field(default_factory=list)
    site_name: str | None = None  # the site's own name from its header line or title (outlet falls back to it)


# ---------------------------------------------------------------------------------------------
# Keys


def line_key(line: str) -> str:
    """Key for comparing lines across pages: folded, digit runs as "0", whitespace collapsed."""
    folded = search_key(line)
    folded = _DIGITS_RE.sub("0", folded)
    return _SPACES_RE.sub(" ", folded).strip()


def _bare(text: str) -> str:
    """Folded, without punctuation, digits or spaces: whole-line phrase comparison.

    Spaces go too because scrapes write the parts of one word joined, with ZWNJ or with a space
    (اشتراک‌گذاری / اشتراک گذاری / اشتراکگذاری).
    """
    return _DIGITS_RE.sub("", "".join(_WORD_RE.findall(search_key(text))))


def _words(text: str) -> tuple[str, ...]:
    """Folded words without punctuation: word-sequence phrase matching."""
    return tuple(_WORD_RE.findall(search_key(text)))


def _fold_pattern(pattern: str) -> str:
    """Fold the Arabic-script letters of a regex written by a linguist, leaving regex syntax alone."""
    return "".join(ch if ord(ch) < 128 else search_key(ch) for ch in pattern)


# ---------------------------------------------------------------------------------------------
# Rules (loaded once, lazily)


class _Rules(NamedTuple):
    lines: frozenset[str]
    ends: frozenset[str]
    labels: frozenset[str]
    blocks: frozenset[str]
    prefixes: dict[str, tuple[tuple[str, ...], ...]]  # first word -> phrases
    contains: dict[str, tuple[tuple[str, ...], ...]]
    regex_start: re.Pattern[str] | None  # rules anchored with ^: tried at the line start only
    regex: re.Pattern[str] | None
    meta_labels: dict[str, str]  # bare label -> field (published, updated, news_code, category, outlet)
    credits: tuple[re.Pattern[str], ...]
    credit_skip: frozenset[str]
    credit_stop: tuple[tuple[str, ...], ...]
    months: frozenset[str]
    date_words: frozenset[str]  # months, weekdays and date filler words, folded


_META_KINDS = {
    "date-label": "published",
    "update-label": "updated",
    "code-label": "news_code",
    "category-label": "category",
    "source-label": "outlet",
}
_KINDS = {
    "line",
    "end",
    "label",
    "prefix",
    "contains",
    "regex",
    "block",
    "credit",
    "credit-skip",
    "credit-stop",
    "month",
    "weekday",
    "date-word",
    *_META_KINDS,
}


def _read_entries() -> list[tuple[str, str, str]]:
    """(kind, value, where) for every entry of every boilerplate*.txt data file."""
    entries: list[tuple[str, str, str]] = []
    root = resources.files("rasad") / "data"
    for folder in _DATA_FOLDERS:
        directory = root / folder
        if not directory.is_dir():
            continue
        for item in sorted(directory.iterdir(), key=lambda p: p.name):
            if not (item.name.startswith("boilerplate") and item.name.endswith(".txt")):
                continue
            for number, raw in enumerate(item.read_text(encoding="utf-8").splitlines(), 1):
                line = raw.strip()
                if not line or line.startswith("#"):
                    continue
                kind, sep, value = line.partition(":")
                kind, value = kind.strip(), value.strip()
                where = f"{folder}/{item.name}:{number}"
                if not sep or kind not in _KINDS or not value:
                    raise ValueError(f"{where}: expected 'kind: phrase', got {raw!r}")
                entries.append((kind, value, where))
    return entries


def _phrase_index(phrases: Iterable[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for words in phrases:
        if words:
            index.setdefault(words[0], []).append(words)
    return {first: tuple(sorted(group, key=len, reverse=True)) for first, group in index.items()}


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    lines: set[str] = set()
    ends: set[str] = set()
    labels: set[str] = set()
    blocks: set[str] = set()
    prefixes: list[tuple[str, ...]] = []
    contains: list[tuple[str, ...]] = []
    patterns: list[str] = []
    start_patterns: list[str] = []
    meta_labels: dict[str, str] = {}
    credits: list[re.Pattern[str]] = []
    credit_skip: set[str] = set()
    credit_stop: list[tuple[str, ...]] = []
    months: set[str] = set()
    date_words: set[str] = set()
    for kind, value, where in _read_entries():
        if (kind in ("line", "end", "label", "block") or kind in _META_KINDS) and not _bare(value):
            raise ValueError(f"{where}: {value!r} has no letters to compare; use a regex: rule")
        if kind == "line":
            lines.add(_bare(value))
        elif kind == "end":
            ends.add(_bare(value))
        elif kind == "label":
            labels.add(_bare(value))
        elif kind == "block":
            blocks.add(_bare(value))
        elif kind == "prefix":
            prefixes.append(_words(value))
        elif kind == "contains":
            contains.append(_words(value))
        elif kind in ("regex", "credit"):
            folded = _fold_pattern(value)
            try:
                compiled = re.compile(folded, re.IGNORECASE)
            except re.error as exc:
                raise ValueError(f"{where}: bad regex {value!r}: {exc}") from exc
            if kind == "credit":
                if "outlet" not in compiled.groupindex:
                    raise ValueError(f"{where}: credit regex needs a (?P<outlet>...) group")
                credits.append(compiled)
            elif folded.startswith("^"):
                start_patterns.append(f"(?:{folded})")
            else:
                patterns.append(f"(?:{folded})")
        elif kind in _META_KINDS:
            meta_labels[_bare(value)] = _META_KINDS[kind]
        elif kind == "credit-skip":
            credit_skip.update(_words(value))
        elif kind == "credit-stop":
            credit_stop.append(_words(value))
        else:  # month, weekday, date-word
            words = _words(value)
            date_words.update(words)
            if kind == "month":
                months.update(words)
    return _Rules(
        lines=frozenset(lines),
        ends=frozenset(ends),
        labels=frozenset(labels),
        blocks=frozenset(blocks),
        prefixes=_phrase_index(prefixes),
        contains=_phrase_index(contains),
        regex_start=re.compile("|".join(start_patterns), re.IGNORECASE) if start_patterns else None,
        regex=re.compile("|".join(patterns), re.IGNORECASE) if patterns else None,
        meta_labels=meta_labels,
        credits=tuple(credits),
        credit_skip=frozenset(credit_skip),
        credit_stop=tuple(sorted(credit_stop, key=len, reverse=True)),
        months=frozenset(months),
        date_words=frozenset(date_words),
    )


# ---------------------------------------------------------------------------------------------
# One line on its own


class _LineInfo(NamedTuple):
    kind: str | None  # None (text), "boilerplate", "block", "meta", "menu"
    meta: tuple[tuple[str, str], ...]  # (field, value) pairs found in the line
    words: int
    end: str  # "strong" (.…), "question" (?!؟), "quote" (closing quote after «), "colon", ""
    bare: str


def _line_end(line: str) -> str:
    stripped = line.rstrip(_CLOSERS + " ")
    if not stripped:
        return ""
    last = stripped[-1]
    if last in _STRONG_END:
        return "strong"
    if last in _QUESTION_END:
        return "question"
    if last in ":：":
        return "colon"
    if line[-1] in _CLOSERS and ("«" in line or "“" in line):
        return "quote"
    return ""


def _has_phrase(
    words: tuple[str, ...], index: dict[str, tuple[tuple[str, ...], ...]], start_only: bool
) -> bool:
    if not words:
        return False
    if start_only:
        positions: Iterable[int] = (0,) if words[0] in index else ()
    elif index.keys().isdisjoint(words):
        return False
    else:
        positions = range(len(words))
    for position in positions:
        for phrase in index.get(words[position], ()):
            if words[position : position + len(phrase)] == phrase:
                return True
    return False


def _letter_count(text: str) -> int:
    return sum(map(str.isalpha, text))


class _Folded(NamedTuple):
    """A segment folded once, with the forms the rules compare against."""

    folded: str  # search_key of the segment (digits Latin)
    words: tuple[str, ...]  # folded words without punctuation
    bare: str  # words joined without digits


def _folded(segment: str) -> _Folded:
    folded = search_key(segment)
    words = tuple(_WORD_RE.findall(folded))
    # Whole-line phrases are short: a long line needs no bare form.
    bare = _DIGITS_RE.sub("", "".join(words)) if len(words) <= _BARE_MAX_WORDS else ""
    return _Folded(folded, words, bare)


def _is_dateline(form: _Folded, rules: _Rules) -> bool:
    """A segment made only of date words and numbers, with a month name or a numeric date."""
    has_month = False
    has_number = False
    for token in form.words:
        if _NUMBER_TOKEN_RE.match(token):
            has_number = True
        elif token in rules.date_words:
            has_month = has_month or token in rules.months
        else:
            return False
    return (has_month and has_number) or bool(_NUMERIC_DATE_RE.search(form.folded))


def _label_split(segment: str) -> tuple[str, str] | None:
    """Split "label: value" (or "label 1234") into label and value; None without either.

    Labels sit at the start of a line, so only its first characters are searched.
    """
    head = segment[:_LABEL_MAX_CHARS]
    colon = min((i for i in (head.find(":"), head.find("：")) if i >= 0), default=-1)
    digit = _FIRST_DIGIT_RE.search(head)
    digit_at = digit.start() if digit else -1
    if colon > 0 and (digit_at < 0 or colon < digit_at):
        return segment[:colon], segment[colon + 1 :]
    if digit_at > 0:
        return segment[:digit_at], segment[digit_at:]
    return None


def _clean_value(value: str) -> str:
    return _LEADING_MARKS_RE.sub("", value).strip()


def _analyse_segment(
    segment: str, rules: _Rules, form: _Folded | None = None, depth: int = 0
) -> tuple[str | None, list[tuple[str, str]]]:
    """Classify one segment of a line: ("boilerplate"|"meta"|"block"|"end"|None, metadata found)."""
    segment = _clean_value(segment) if depth else segment.strip()
    if not segment:
        return "boilerplate", []
    if form is None or depth:
        form = _folded(segment)
    has_digit = _FIRST_DIGIT_RE.search(form.folded) is not None
    if has_digit and len(form.words) <= 14 and _is_dateline(form, rules):
        return "meta", [("published", segment.strip(" -–|،,"))]
    if len(segment) <= 40 and _letter_count(form.folded) < 3:
        # Numbers, stars, slashes, an editor's initial ("ع", "/۲۲۲/"): end-of-item codes.
        return "boilerplate", []
    bare = form.bare or "\0"  # a long line, or one without letters, equals no phrase
    if bare in rules.blocks:
        return "block", []
    if bare in rules.lines:
        return "boilerplate", []
    if bare in rules.ends:
        return "end", []
    split = _label_split(segment) if (has_digit or ":" in segment or "：" in segment) else None
    if split is not None and len(split[0].split()) <= 5:
        label, value = split
        label_bare = _folded(label).bare
        value = _clean_value(value)
        field_name = rules.meta_labels.get(label_bare)
        if field_name is not None and value:
            return _meta_value(field_name, value, rules, depth)
        if label_bare in rules.labels:
            return "boilerplate", []
    words = form.words
    if len(words) <= _MAX_RULE_WORDS and (
        _has_phrase(words, rules.prefixes, start_only=True)
        or _has_phrase(words, rules.contains, start_only=False)
        or (rules.regex_start is not None and rules.regex_start.match(form.folded))
        or (rules.regex is not None and rules.regex.search(form.folded))
    ):
        return "boilerplate", []
    if (
        len(words) <= 2 * _BYLINE_PART_WORDS
        and _BYLINE_SEPARATOR_RE.search(segment)
        and _line_end(segment) not in ("strong", "question")
    ):
        outlet = _byline(segment, len(words))
        if outlet:
            return "meta", [("outlet", outlet)]
    return None, []


def _meta_value(
    field_name: str, value: str, rules: _Rules, depth: int
) -> tuple[str | None, list[tuple[str, str]]]:
    if field_name == "news_code":
        number = _FIRST_DIGIT_RE.search(value)
        if number is None:
            return None, []
        match = re.match(r"[\d\-/]+", value[number.start() :])
        code = match.group(0) if match else ""
        found = [("news_code", search_key(code).strip("-/"))]
        rest = value[number.start() + len(code) :]
        if _clean_value(rest) and depth < 3:
            kind, more = _analyse_segment(rest, rules, depth=depth + 1)
            if kind is None:
                return None, []
            found += more
        return "meta", found
    if field_name in ("published", "updated"):
        if not _FIRST_DIGIT_RE.search(value) or len(value.split()) > 12:
            return None, []
        return "meta", [(field_name, value)]
    if len(value.split()) > 6:  # category or source: a name, not a sentence
        return None, []
    return "meta", [(field_name, value)]


@lru_cache(maxsize=1 << 16)
def _analyse_line(line: str) -> _LineInfo:
    rules = _rules()
    form = _folded(line)
    words = len(form.words)
    end = _line_end(line)
    if words > _MAX_RULE_WORDS:
        return _LineInfo(None, (), words, end, form.bare)
    segments = (
        [s for s in _SEPARATORS_RE.split(line) if s.strip()] if _SEPARATOR_CHARS_RE.search(line) or " / " in line
        else [line]
    )
    if len(segments) <= 1:
        kind, meta = _analyse_segment(line, rules, form)
        return _LineInfo(kind, tuple(meta), words, end, form.bare)
    kinds: list[str | None] = []
    meta: list[tuple[str, str]] = []
    for segment in segments:
        kind, found = _analyse_segment(segment, rules)
        kinds.append(kind)
        meta += found
    if all(kinds):
        return _LineInfo("meta" if meta else "boilerplate", tuple(meta), words, end, form.bare)
    # A dateline with the section beside it: "1402/08/13 - 14:05 / بین الملل / خاورمیانه".
    rest = [s.strip() for s, k in zip(segments, kinds, strict=True) if k is None]
    if any(name == "published" for name, _ in meta) and all(
        len(s.split()) <= 4 and not _line_end(s) and _letter_count(s) >= 2 for s in rest
    ):
        return _LineInfo("meta", (*meta, ("category", " / ".join(rest))), words, end, form.bare)
    # A menu or breadcrumb: several short segments, none of them a sentence.
    if len(segments) >= 3 and all(len(s.split()) <= 4 and not _line_end(s) for s in segments):
        return _LineInfo("menu", (), words, end, form.bare)
    kind, meta_whole = _analyse_segment(line, rules, form)
    return _LineInfo(kind, tuple(meta_whole), words, end, form.bare)


# ---------------------------------------------------------------------------------------------
# Outlet names (loaded once, lazily, from rasad/data/{fa,ar}/outlets.txt)


class _Outlets(NamedTuple):
    names: dict[str, str]  # bare form of every known name and alias -> the outlet's short name
    site_words: frozenset[tuple[str, ...]]  # words that start or end a site's name (خبرگزاری، قناة، نيوز)
    longest_site_word: int


@lru_cache(maxsize=1)
def _outlets() -> _Outlets:
    names: dict[str, str] = {}
    site_words: set[tuple[str, ...]] = set()
    root = resources.files("rasad") / "data"
    for folder in _DATA_FOLDERS:
        item = root / folder / _OUTLET_FILE
        if not item.is_file():
            continue
        for number, raw in enumerate(item.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            kind, sep, value = (part.strip() for part in line.partition(":"))
            where = f"{folder}/{_OUTLET_FILE}:{number}"
            if not sep or not value or kind not in ("outlet", "site-word"):
                raise ValueError(f"{where}: expected 'outlet: name = alias ...' or 'site-word: word', got {raw!r}")
            if kind == "site-word":
                site_words.add(_words(value))
                continue
            short, *aliases = (name.strip() for name in value.split("="))
            for name in (short, *aliases):
                key = _bare(name)
                if not key or names.get(key, short) != short:
                    raise ValueError(f"{where}: {name!r} is empty or already names {names.get(key)!r}")
                names[key] = short
    return _Outlets(names, frozenset(site_words), max((len(w) for w in site_words), default=0))


def _site_word_ends(words: tuple[str, ...]) -> tuple[int, int]:
    """Lengths of the longest site-word phrase at the start and at the end of `words`."""
    table = _outlets()
    lead = trail = 0
    for size in range(1, min(table.longest_site_word, len(words)) + 1):
        if words[:size] in table.site_words:
            lead = size
        if words[-size:] in table.site_words:
            trail = size
    return lead, trail


@lru_cache(maxsize=4096)
def _known_outlet(name: str) -> str | None:
    """The short name of a known outlet, also when written with its type ("خبرگزاری فارس", "قناة العالم")."""
    table = _outlets()
    found = table.names.get(_bare(name))
    if found or not table.site_words:
        return found
    words = _words(name)
    lead, trail = _site_word_ends(words)
    for start, end in ((lead, len(words)), (0, len(words) - trail), (lead, len(words) - trail)):
        if 0 < end - start < len(words):
            found = table.names.get(_DIGITS_RE.sub("", "".join(words[start:end])))
            if found:
                return found
    return None


@lru_cache(maxsize=4096)
def _is_site_shaped(name: str) -> bool:
    """A short name that starts or ends with a site word: "دجلة نيوز", "همشهری آنلاین", "موقع إخباري لبناني"."""
    words = _words(name)
    if not 2 <= len(words) <= _SITE_NAME_MAX_WORDS:
        return False
    lead, trail = _site_word_ends(words)
    return 0 < max(lead, trail) < len(words)


def _outlet_part(part: str) -> str | None:
    """The outlet named by one part of a header, byline or title line, or None."""
    part = part.strip(_NAME_TRIM)
    if not part or len(part.split()) > _SITE_NAME_MAX_WORDS:
        return None
    return _known_outlet(part) or (part if _is_site_shaped(part) else None)


def canonical_outlet(name: str) -> str:
    """The short name of a known outlet ("قناة العالم الاخبارية" -> "العالم"), else `name` trimmed.

    A name in parts ("سانا - الوكالة العربية السورية للأنباء") is read like a site's header line.
    Known outlets and their other names are listed in rasad/data/{fa,ar}/outlets.txt.
    """
    name = _SPACES_RE.sub(" ", name).strip(_NAME_TRIM)
    known = _known_outlet(name)
    if known is None and _NAME_PARTS_RE.search(name):  # "سانا - الوكالة العربية السورية للأنباء"
        known = _site_header(name)
    return known or name


def _has_arabic_script(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


@lru_cache(maxsize=4096)
def _site_header(line: str) -> str | None:
    """The site's name if `line` is a site-name header ("ایسنا - خبرگزاری دانشجویان ایران"), else None.

    Every part must be short and one of them a known outlet or shaped like a site name; the name is
    the known outlet, else the first part in Arabic script.
    """
    info = _analyse_line(line)
    if info.end in ("strong", "question") or info.words > _SITE_HEADER_MAX_PARTS * _SITE_NAME_MAX_WORDS:
        return None
    parts = [p.strip(_NAME_TRIM) for p in _NAME_PARTS_RE.split(line)]
    parts = [p for p in parts if p]
    if not parts or len(parts) > _SITE_HEADER_MAX_PARTS:
        return None
    # Taglines beside the name are short ("اخبار ایران و جهان"); a longer part is a headline.
    if any(":" in p or len(p.split()) > (_SITE_NAME_MAX_WORDS if _is_site_shaped(p) else 4) for p in parts):
        return None
    for part in parts:
        known = _known_outlet(part)
        if known:
            return known
    if not any(_is_site_shaped(p) for p in parts):
        return None
    return next((p for p in parts if _has_arabic_script(p)), parts[0])


def _strip_site_name(title: str) -> tuple[str, str | None]:
    """Split a site name off the start or end of a title ("خبرگزاری فارس - X", "X | ایسنا")."""
    parts = _NAME_PARTS_RE.split(title)
    if len(parts) < 2:
        return title, None
    for index in (0, -1):
        outlet = _outlet_part(parts[index])
        if outlet is None:
            continue
        match = list(_NAME_PARTS_RE.finditer(title))[index]
        rest = title[match.end() :] if index == 0 else title[: match.start()]
        rest = rest.strip()
        if len(rest.split()) >= 2:
            return rest, outlet
    return title, None


def _names_byline(line: str, info: _LineInfo, names: set[str]) -> bool:
    """True if `line` is a byline ("PLACE - NAME", "NAME - PLACE") whose name is one of `names` (bare forms)."""
    if info.words > 2 * _BYLINE_PART_WORDS or info.end in ("strong", "question"):
        return False
    match = _BYLINE_RE.match(line)
    if match is None:
        return False
    first, second = match.group("a").strip(_BYLINE_TRIM), match.group("b").strip(_BYLINE_TRIM)
    return (_bare(second) in names and _is_place(first)) or (_bare(first) in names and _is_place(second))


def _byline(segment: str, words: int) -> str | None:
    """The outlet of a byline line ("دمشق-سانا", "العالم - ایران", "بغداد/ دجلة نيوز"), else None."""
    if words > 2 * _BYLINE_PART_WORDS:
        return None
    match = _BYLINE_RE.match(segment.strip())
    if match is None:
        return None
    first, second = match.group("a").strip(_BYLINE_TRIM), match.group("b").strip(_BYLINE_TRIM)
    if not all(_letter_count(p) >= 2 and len(p.split()) <= _BYLINE_PART_WORDS for p in (first, second)):
        return None
    # PLACE - OUTLET is the common order; OUTLET - PLACE ("العالم - ایران") the other. A known name
    # beats one that only looks like a site's name. The place is a name, not a headline.
    for outlet_side, place in ((second, first), (first, second)):
        if _is_place(place) and _known_outlet(outlet_side):
            return _known_outlet(outlet_side)
    for outlet_side, place in ((second, first), (first, second)):
        if _is_place(place) and _is_site_shaped(outlet_side):
            return outlet_side
    return None


def _is_place(text: str) -> bool:
    """A short place name, perhaps with a note in brackets: "إدلب (شمال غربي سوريا)"."""
    return 1 <= len(_BRACKETS_RE.sub(" ", text).split()) <= _PLACE_MAX_WORDS


# ---------------------------------------------------------------------------------------------
# The page


def _is_prose(info: _LineInfo) -> bool:
    """A real sentence: ends like one, or is too long to be a headline or widget."""
    return (
        info.end == "strong"
        or (info.end == "question" and info.words >= _SHORT_LINE_WORDS)
        or (info.end == "quote" and info.words >= 8)
        or info.words >= _LONG_PROSE_WORDS
    )


def _is_sentence_end(info: _LineInfo) -> bool:
    return (
        info.end in ("strong", "question")
        or (info.end == "quote" and info.words >= 8)
        or (info.words >= _LONG_PROSE_WORDS)
    )


def _is_headline_like(info: _LineInfo) -> bool:
    return info.end != "strong" and info.words <= _LONG_PROSE_WORDS


def _is_title_candidate(line: str, info: _LineInfo) -> bool:
    return info.end not in ("strong",) and 2 <= info.words <= _TITLE_MAX_WORDS and _letter_count(line) >= 8


def _extract_credit(line: str, rules: _Rules) -> str | None:
    # Credits open the line ("به گزارش ایسنا،", "دمشق-سانا"): fold only its first characters.
    line = line[:_CREDIT_MAX_CHARS]
    quick = search_key(line)
    if not any(pattern.search(quick) for pattern in rules.credits):
        return None
    folded, offsets = search_key_with_offsets(line)
    for pattern in rules.credits:
        match = pattern.search(folded)
        if not match or match.start("outlet") < 0:
            continue
        start, end = match.span("outlet")
        if end <= start:
            continue
        outlet = line[offsets[start] : offsets[end - 1] + 1]
        outlet = _trim_outlet(outlet, rules)
        if outlet:
            return outlet
    return None


def _trim_outlet(outlet: str, rules: _Rules) -> str | None:
    """Drop role words ("خبرنگار سیاسی") before the name and cut at "به نقل از", " از " and the like."""
    pieces = outlet.split()
    keys = [_words(p) for p in pieces]
    start = 0
    while start < len(pieces) and keys[start] and all(k in rules.credit_skip for k in keys[start]):
        start += 1
    end = len(pieces)
    for index in range(start + 1, len(pieces)):
        flat = tuple(w for k in keys[index:] for w in k)
        if any(flat[: len(stop)] == stop for stop in rules.credit_stop):
            end = index
            break
    name = " ".join(pieces[start:end]).strip(" ()«»\"'")
    if not name or len(pieces[start:end]) > 6:
        return None
    return name


def clean_text(
    raw: str, *, title_hint: str | None = None, repeated_lines: frozenset[str] = frozenset()
) -> CleanResult:
    """Remove boilerplate lines from one page and pull metadata from its header lines."""
    rules = _rules()
    lines = [ln.strip() for ln in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [ln for ln in lines if ln]
    infos = [_analyse_line(ln) for ln in lines]
    count = len(lines)
    drop = [info.kind is not None for info in infos]

    # The site's name on the page's first line ("ایرنا | خبرگزاری جمهوری اسلامی", "قناة العالم الاخبارية");
    # "ایسنا - خبرگزاری دانشجویان ایران" reads as a byline too, but says only who runs the site.
    site_name = None
    if count and all(name == "outlet" for name, _ in infos[0].meta):
        site_name = _site_header(lines[0])
        if site_name is not None:
            drop[0] = True

    fields: dict[str, str] = {}
    datelines: list[str] = []
    for i, info in enumerate(infos):
        if i == 0 and site_name is not None:
            continue
        for name, value in info.meta:
            fields.setdefault(name, value)
            if name == "published" and value not in datelines:
                datelines.append(value)

    # Lines the caller found on many pages of this outlet; keep long sentences (wire copy is shared).
    if repeated_lines:
        for i, (line, info) in enumerate(zip(lines, infos, strict=True)):
            if (
                not drop[i]
                and line_key(line) in repeated_lines
                and not (info.end in ("strong", "question") and info.words > _REPEATED_PROSE_WORDS)
            ):
                drop[i] = True

    # First and last real sentence: the article lies between them.
    prose = [i for i in range(count) if not drop[i] and _is_prose(infos[i])]
    first_prose = prose[0] if prose else None
    # A byline naming the site of the header ("الموصل/ صوت الموصل") is one even when the name is unknown.
    if site_name is not None and first_prose is not None:
        names = {_bare(site_name), *(_bare(p) for p in _NAME_PARTS_RE.split(lines[0]))}
        for i in range(1, first_prose):
            if not drop[i] and infos[i].kind is None and _names_byline(lines[i], infos[i], names):
                drop[i] = True
    # A comment section ("نظرات", "أضف تعليقك") below the article runs to the end of the page.
    if first_prose is not None:
        for i in range(first_prose + 1, count):
            if infos[i].kind == "end":
                for k in range(i, count):
                    drop[k] = True
                break
    ends = [i for i in range(count) if not drop[i] and _is_sentence_end(infos[i])]
    last_prose = ends[-1] if ends else None

    # Title.
    title: str | None = None
    title_index: int | None = None
    keep_as_title_candidate: int | None = None
    hint_bare = _bare(title_hint) if title_hint else ""
    if title_hint:
        title = title_hint.strip() or None
    else:
        candidates = [
            i
            for i in range(count if first_prose is None else first_prose)
            if not drop[i] and _is_title_candidate(lines[i], infos[i])
        ]
        if first_prose is None:
            # No sentence anywhere: the first substantial line is the title if something follows it.
            title_index = candidates[0] if candidates and candidates[0] < count - 1 else None
        elif candidates:
            title_index = _choose_title(candidates, lines, infos)
        if title_index is not None:
            title = lines[title_index]
            hint_bare = _bare(title)
            keep_as_title_candidate = title_index
    title_site: str | None = None
    if title:
        title, title_site = _strip_site_name(title)

    # Headline lists under a "related news" starter.
    i = 0
    while i < count:
        if infos[i].kind != "block":
            i += 1
            continue
        j = i + 1
        taken = 0
        while j < count and taken < _BLOCK_MAX_LINES:
            info = infos[j]
            if info.kind == "meta" or (not drop[j] and not _is_headline_like(info)):
                break
            if (
                first_prose is not None
                and j < first_prose
                and _last_candidate_before(j, first_prose, drop, infos)
            ):
                break  # leave the line just above the first sentence: it is the title
            drop[j] = True
            taken += 1
            j += 1
        i = j

    if title_hint is None and keep_as_title_candidate is not None and drop[keep_as_title_candidate]:
        title, title_index, hint_bare = None, None, ""

    # Head and tail: widgets, menus and site names are short and never end a sentence.
    if first_prose is not None:
        for i in range(first_prose):
            short = infos[i].words <= _SHORT_LINE_WORDS
            if not drop[i] and i != title_index and short and not _is_kicker(i, title_index, infos):
                drop[i] = True
    if last_prose is not None:
        for i in range(last_prose + 1, count):
            if not drop[i] and infos[i].words <= _SHORT_LINE_WORDS and not _is_sentence_end(infos[i]):
                drop[i] = True

    # The title never stays in the body (nor does the title line with a site name around it).
    is_title = [False] * count
    if title_index is not None:
        is_title[title_index] = drop[title_index] = True
    if hint_bare:
        title_bares = {hint_bare, _bare(title or "")}
        hint_words = len(_words(title_hint or title or ""))
        for i in range(count):
            info = infos[i]
            if abs(info.words - hint_words) > 3:
                continue
            if (info.bare if info.words <= _BARE_MAX_WORDS else _bare(lines[i])) in title_bares:
                is_title[i] = True
                drop[i] = True

    text_lines = [lines[i] for i in range(count) if not drop[i]]
    removed = [lines[i] for i in range(count) if drop[i] and not is_title[i]]

    # Whom the page credits (source label, byline, "به گزارش X،"), else the site's own name.
    outlet = fields.get("outlet")
    if outlet is None:
        for line in text_lines[:_CREDIT_LINES]:
            outlet = _extract_credit(line, rules)
            if outlet:
                break
    site_name = site_name or title_site
    outlet = canonical_outlet(outlet) if outlet else site_name

    return CleanResult(
        text="\n".join(text_lines),
        title=title,
        published_raw=fields.get("published"),
        outlet=outlet,
        news_code=fields.get("news_code"),
        category=fields.get("category"),
        removed=removed,
        datelines=datelines,
        site_name=site_name,
    )


def _last_candidate_before(j: int, first_prose: int, drop: list[bool], infos: list[_LineInfo]) -> bool:
    """True if line j is the last undropped non-meta line before the first sentence."""
    return all(not (infos[k].kind is None and not drop[k]) for k in range(j + 1, first_prose))


def _choose_title(candidates: list[int], lines: list[str], infos: list[_LineInfo]) -> int:
    """Pick the title among the substantial lines above the first sentence.

    The title is usually the last of them (site names and widgets come first); a short line just
    above it ending in ":" or much shorter is a kicker (روتیتر), and a much longer line below a
    short one is a lead that lost its final period.
    """
    last = candidates[-1]
    if len(candidates) >= 2:
        before = candidates[-2]
        a, b = infos[before], infos[last]
        adjacent = last - before == 1
        if adjacent and b.words >= 18 and b.words >= 1.5 * a.words and a.end != "colon" and a.words >= 5:
            return before
    return last


def _is_kicker(i: int, title_index: int | None, infos: list[_LineInfo]) -> bool:
    """A short line that introduces the title (روتیتر): right above it, or ending in ":"."""
    if title_index is None or i >= title_index:
        return False
    info = infos[i]
    if not 2 <= info.words <= _KICKER_MAX_WORDS:
        return False
    if info.end == "colon":
        return all(infos[k].kind == "meta" for k in range(i + 1, title_index))
    # Without a colon, a site name right above the title looks the same: ask for a phrase.
    return i == title_index - 1 and _KICKER_MIN_WORDS <= info.words < infos[title_index].words


# ---------------------------------------------------------------------------------------------
# Batches


def find_repeated_lines(
    raw_texts: Iterable[str], min_docs: int = 3, min_share: float = 0.5
) -> frozenset[str]:
    """Line keys found in at least `min_docs` pages and `min_share` of the pages of one outlet.

    The caller groups pages by outlet; pass the keys to ``clean_text(repeated_lines=...)``.
    """
    counts: Counter[str] = Counter()
    pages = 0
    for raw in raw_texts:
        pages += 1
        keys = {line_key(ln) for ln in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")}
        keys.discard("")
        counts.update(keys)
    if pages == 0:
        return frozenset()
    needed = max(min_docs, min_share * pages)
    return frozenset(key for key, n in counts.items() if n >= needed)
