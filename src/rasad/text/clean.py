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

__all__ = ["CleanResult", "clean_text", "find_repeated_lines", "line_key"]

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
_SEPARATORS_RE = re.compile(r"\s*(?:\||•|·|\t|\s»\s|\s>\s|\s›\s)\s*")
_PUNCT_RE = re.compile(r"[^\w\s]+|_")
_SPACES_RE = re.compile(r"\s+")
_DIGITS_RE = re.compile(r"\d+")
_NUMBER_TOKEN_RE = re.compile(r"^\d+[مهقشص]?$")
_NUMERIC_DATE_RE = re.compile(r"\b\d{1,4}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{1,4}\b")
_FIRST_DIGIT_RE = re.compile(r"\d")
_SEPARATOR_CHARS_RE = re.compile(r"[|•·\t»>›]")
_BARE_MAX_WORDS = 12
_LABEL_MAX_CHARS = 40  # a label ("کد خبر:", "تاريخ النشر:") sits in the first characters of a line
_LEADING_MARKS_RE = re.compile(r"^[\s\-–—*•·|/\\>»«:]+|[\s\-–—*•·|/\\<«:]+$")


@dataclass
class CleanResult:
    text: str  # main text, one paragraph per line
    title: str | None
    published_raw: str | None
    outlet: str | None  # from source credit lines / "به گزارش X"
    news_code: str | None
    category: str | None
    removed: list[str] = field(default_factory=list)  # lines dropped from the text, in order


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
    return _DIGITS_RE.sub("", "".join(_PUNCT_RE.sub(" ", search_key(text)).split()))


def _words(text: str) -> tuple[str, ...]:
    """Folded words without punctuation: word-sequence phrase matching."""
    return tuple(_PUNCT_RE.sub(" ", search_key(text)).split())


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
    return sum(1 for ch in text if ch.isalpha())


class _Folded(NamedTuple):
    """A segment folded once, with the forms the rules compare against."""

    folded: str  # search_key of the segment (digits Latin)
    words: tuple[str, ...]  # folded words without punctuation
    bare: str  # words joined without digits


def _folded(segment: str) -> _Folded:
    folded = search_key(segment)
    words = tuple(_PUNCT_RE.sub(" ", folded).split())
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
        [s for s in _SEPARATORS_RE.split(line) if s.strip()] if _SEPARATOR_CHARS_RE.search(line) else [line]
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
    # A menu or breadcrumb: several short segments, none of them a sentence.
    if len(segments) >= 3 and all(len(s.split()) <= 4 and not _line_end(s) for s in segments):
        return _LineInfo("menu", (), words, end, form.bare)
    kind, meta_whole = _analyse_segment(line, rules, form)
    return _LineInfo(kind, tuple(meta_whole), words, end, form.bare)


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

    fields: dict[str, str] = {}
    for info in infos:
        for name, value in info.meta:
            fields.setdefault(name, value)

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

    # The title never stays in the body.
    is_title = [False] * count
    if hint_bare:
        hint_words = len(_words(title_hint or title or ""))
        for i in range(count):
            if abs(infos[i].words - hint_words) <= 3 and _bare(lines[i]) == hint_bare:
                is_title[i] = True
                drop[i] = True

    text_lines = [lines[i] for i in range(count) if not drop[i]]
    removed = [lines[i] for i in range(count) if drop[i] and not is_title[i]]

    outlet = fields.get("outlet")
    if outlet is None:
        for line in text_lines[:2]:
            outlet = _extract_credit(line, rules)
            if outlet:
                break

    return CleanResult(
        text="\n".join(text_lines),
        title=title,
        published_raw=fields.get("published"),
        outlet=outlet,
        news_code=fields.get("news_code"),
        category=fields.get("category"),
        removed=removed,
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
