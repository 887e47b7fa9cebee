"""Sentence splitting for Persian and Arabic news text, as code-point offsets into the text.

Our own, regex-based: the splitters that ship offline (hazm's, NLTK's punkt) either need data we
cannot download, change the text, or know neither Persian abbreviations such as "ق.ظ" nor Arabic
ones such as "د." for doctor; we also need offsets, not strings.

A sentence ends at . ؟ ? ! ؛ … (and runs of them such as "?!" or "...") followed by whitespace or
the end of the line; closing quotes and brackets right after the mark belong to the sentence that
ends ("است.»"). A newline always ends a sentence. A mark directly followed by a letter or digit is
inside a token (3.5, ۱۲.۵, U.S., www.irna.ir, a@b.com) and ends nothing, except between two
Arabic-script words, where scraped text often lost the space ("شد.وی"). A period does not end a
sentence after an abbreviation listed in data/{fa,ar}/abbreviations.txt, after a single-letter
initial ("ع. حسینی", "J. Smith"), after a list number at the start of a line, or before a lowercase
Latin word. An ellipsis does not end a sentence before lowercase Latin, punctuation, or a one-letter
word (the conjunction "و").
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from rasad.text.keys import search_key
from rasad.text.letters import is_arabic_letter

_LINE_RE = re.compile(r"[^\n\r\u2028\u2029]+")
_TERMINAL_RE = re.compile(r"[.!?؟؛…۔]+")
_CLOSERS = frozenset("»\"”’')]}›")
_OPENERS = "«\"“‘'([{‹"
# Punctuation that continues a sentence after an ellipsis ("... ، و").
_CONTINUING_PUNCT = frozenset("،,;:)]»")
_TOKEN_PUNCT = "«»\"“”‘’'()[]{}‹›،,:;؛!?؟…"
_INITIAL_RE = re.compile(r"[^\W\d_]\.(?!\S)")
_LIST_NUMBER_RE = re.compile(r"[0-9۰-۹٠-٩]{1,3}")
_ABBREVIATION_WINDOW = 16


@cache
def _abbreviations() -> frozenset[str]:
    """Abbreviations of data/{fa,ar}/abbreviations.txt, search-folded, each ending with a period."""
    entries: set[str] = set()
    for lang in ("fa", "ar"):
        path = resources.files("rasad").joinpath("data", lang, "abbreviations.txt")
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            entry = search_key(line)
            entries.add(entry if entry.endswith(".") else entry + ".")
    return frozenset(entries)


@cache
def _abbreviation_re() -> re.Pattern[str]:
    alternatives = "|".join(re.escape(entry) for entry in sorted(_abbreviations(), key=len, reverse=True))
    opener = re.escape(_OPENERS)
    # An abbreviation, or a single letter (an initial), that starts a token and ends at the period.
    # A single letter after a number is an era or unit ("عام 2010 م."), which may end a sentence.
    return re.compile(rf"(?:^|[\s{opener}])(?:{alternatives})$|(?:^|(?<![0-9])[\s{opener}])[^\W\d_]\.$")


def _glued_abbreviation(text: str, line_start: int, line_end: int, period: int) -> bool:
    """True when the period joins the letters of an abbreviation (ج.ا.ا، هـ.ق، ق.ظ), not two words."""
    start, end = period, period
    while start > line_start and not text[start - 1].isspace():
        start -= 1
    while end < line_end and not text[end].isspace():
        end += 1
    token = search_key(text[start:end]).strip(_TOKEN_PUNCT)
    if token + "." in _abbreviations():
        return True
    return any(len(part) < 2 for part in token.split("."))


@cache
def _longest_abbreviation_token() -> int:
    return max(len(piece) for entry in _abbreviations() for piece in entry.split()) + 1


def _ends_in_abbreviation(text: str, line_start: int, period: int) -> bool:
    # Most periods end long words: skip the regex when the word is longer than any abbreviation.
    token_start = period
    limit = max(line_start, period - _longest_abbreviation_token() - 1)
    while token_start > limit and not text[token_start - 1].isspace():
        token_start -= 1
    if token_start == limit and token_start > line_start and not text[token_start - 1].isspace():
        return False
    window_start = max(line_start, period + 1 - _ABBREVIATION_WINDOW)
    window = search_key(text[window_start : period + 1])
    if window_start > line_start and not text[window_start - 1].isspace():
        window = "\x00" + window  # cut inside a word: its tail is no token start
    return _abbreviation_re().search(window) is not None


def _boundary(text: str, match: re.Match[str], line_start: int, line_end: int) -> int | None:
    """Return where the sentence ending at this mark ends (after closing quotes), or None."""
    mark_start, mark_end = match.span()
    marks = match.group()
    end = mark_end
    while end < line_end and text[end] in _CLOSERS:
        end += 1
    if end >= line_end:
        return end
    after = text[end]
    is_ellipsis = "…" in marks or ".." in marks

    if not after.isspace():
        # Glued to what follows: a boundary only between two Arabic-script words that lost the space.
        before = text[mark_start - 1] if mark_start > line_start else ""
        if not (is_arabic_letter(after) and before and is_arabic_letter(before)):
            return None
        if marks == "." and _glued_abbreviation(text, line_start, line_end, mark_start):
            return None
        return end

    following_at = end
    while following_at < line_end and text[following_at].isspace():
        following_at += 1
    if following_at >= line_end:
        return end
    following = text[following_at]
    if is_ellipsis:
        next_word = text[following_at:].split(maxsplit=1)[0]
        if following.islower() or following in _CONTINUING_PUNCT:
            return None
        if len(next_word) == 1 and is_arabic_letter(next_word):
            return None
        return end
    if marks == "." and end == mark_end:
        if following.islower():
            return None  # "approx. five", "Dr. med."
        if _ends_in_abbreviation(text, line_start, mark_start):
            return None
        if _INITIAL_RE.match(text, following_at, line_end):
            return None  # a chain of initials: "ه. ش."، "أ. د. محمد"
        if _LIST_NUMBER_RE.fullmatch(text[line_start:mark_start].strip()):
            return None  # "1. مقدمه"
    return end


def _append_stripped(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split text into sentences: (start, end) code-point offsets, end exclusive.

    Each span is stripped of surrounding whitespace and non-empty; text[start:end] is the sentence.
    """
    spans: list[tuple[int, int]] = []
    for line in _LINE_RE.finditer(text):
        line_start, line_end = line.span()
        start = line_start
        for match in _TERMINAL_RE.finditer(text, line_start, line_end):
            if match.start() < start:
                continue  # inside closing quotes already taken by the previous sentence
            end = _boundary(text, match, line_start, line_end)
            if end is not None:
                _append_stripped(spans, text, start, end)
                start = end
        _append_stripped(spans, text, start, line_end)
    return spans
