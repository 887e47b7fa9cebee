"""Folding keys: one home for every rule that makes two spellings compare equal.

The search key folds ي/ی، ك/ک، ة/ه، أ إ آ ٱ/ا، ى/ی، ؤ/و، ئ/ی، diacritics, tatweel, ZWNJ and digit
forms so that a query in either language's spelling finds both. SQLite's FTS5 unicode61 tokenizer
does none of this for Arabic script (and splits words at diacritics and ZWNJ), so we index a
pre-folded column and fold queries with the same function.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rasad.text.letters import (
    ALEF,
    ALEF_FORMS,
    ALEF_MAKSURA,
    ARABIC_KAF,
    ARABIC_YEH,
    BIDI_CONTROLS,
    DIACRITICS,
    DIGITS_TO_LATIN,
    HEH,
    HEH_GOAL,
    HEH_YEH_ABOVE,
    PERSIAN_KEHEH,
    PERSIAN_YEH,
    TATWEEL,
    TEH_MARBUTA,
    WAW_HAMZA,
    YEH_HAMZA,
    ZWJ,
    ZWNJ,
)

_REMOVED = "".join(DIACRITICS) + TATWEEL + ZWJ + "".join(BIDI_CONTROLS)

_SEARCH_MAP: dict[int, str | None] = {ord(c): None for c in _REMOVED}
_SEARCH_MAP.update({ord(c): ALEF for c in ALEF_FORMS})
_SEARCH_MAP.update(
    {
        ord(ARABIC_YEH): PERSIAN_YEH,
        ord(ALEF_MAKSURA): PERSIAN_YEH,
        ord(YEH_HAMZA): PERSIAN_YEH,
        ord(ARABIC_KAF): PERSIAN_KEHEH,
        ord(TEH_MARBUTA): HEH,
        ord(HEH_GOAL): HEH,
        ord(HEH_YEH_ABOVE): HEH,
        ord(WAW_HAMZA): "و",
        # ZWNJ joins the parts of one word: the key writes them as one token, the way
        # scrapes that lost the ZWNJ write them (می‌شود and میشود meet).
        ord(ZWNJ): None,
    }
)
_SEARCH_MAP.update({k: v for k, v in DIGITS_TO_LATIN.items()})


# Code-point ranges that hold every character the map changes: Arabic script blocks, their
# presentation forms, and the general punctuation block's formatting marks.
_FOLD_RANGES = ((0x0600, 0x0700), (0x0750, 0x0780), (0x08A0, 0x0900), (0x2000, 0x2070), (0xFB50, 0xFE00),
                (0xFE70, 0xFF00))


@lru_cache(maxsize=1)
def _fold_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {}
    for low, high in _FOLD_RANGES:
        for code in range(low, high):
            folded = chr(code).translate(_SEARCH_MAP)
            if folded != chr(code):
                table[chr(code)] = folded
    return re.compile("[" + "".join(re.escape(ch) for ch in table) + "]"), table


def search_key(text: str) -> str:
    """Fold text for full-text indexing and querying; lower-cases Latin too."""
    # str.translate with a dict costs ~50 ns a character; most Arabic-script letters fold to
    # themselves, so a regex that visits only the ones that change is 2-3 times faster.
    pattern, table = _fold_pattern()
    return pattern.sub(lambda match: table[match.group()], text).lower()


def search_key_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold text and return, for each character of the key, its offset in `text`.

    Used to map a match found in the folded key back to the original text for highlighting.
    """
    out: list[str] = []
    offsets: list[int] = []
    for index, ch in enumerate(text):
        folded = ch.translate(_SEARCH_MAP)
        for piece in folded.lower():
            out.append(piece)
            offsets.append(index)
    return "".join(out), offsets
