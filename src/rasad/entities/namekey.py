"""The cross-script name key: one spelling for a name written in Persian, Arabic or either's keyboard.

Builds on the search key (ي/ی، ك/ک، ة/ه، hamza seats, diacritics, tatweel, ZWNJ, digits) and also
folds the four Persian letters onto the Arabic letters that Arabic spelling puts in their place
(پ/ب، چ/ج، ژ/ز، گ/ک): لاوروف and لافروف stay apart (that is a spelling, not a letter variant, and
the knowledge base lists it), but پوتین and بوتين meet, and so do ژنو and the Arabic-keyboard زنو.

Every fold maps one character to at most one character, so a key of running text keeps, for each
of its characters, the offset of the character it came from (`name_key_with_offsets`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rasad.text.keys import search_key, search_key_with_offsets

# Persian-only letters onto their Arabic-script counterparts, after the search fold (which has
# already turned ي into ی and ك into ک).
_CROSS_SCRIPT = str.maketrans({"پ": "ب", "چ": "ج", "ژ": "ز", "گ": "ک", "ڤ": "ف", "ڨ": "ق"})
_SPACES_RE = re.compile(r"\s+")
# Word characters of a key: letters and digits of any script.
WORD_CHAR_RE = re.compile(r"\w")


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The key of a name: folded letters, single spaces, no leading or trailing space."""
    return _SPACES_RE.sub(" ", search_key(text).translate(_CROSS_SCRIPT)).strip()


def name_key_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """The key of running text and, for each key character, its offset in `text` (None: the same).

    Whitespace characters become single spaces but are not merged, so offsets stay simple. Folds
    only delete characters (diacritics, tatweel, ZWNJ, bidi marks) or replace one by one, so the
    offsets are the text's positions minus the deleted ones, built from ranges rather than a loop
    over every character.
    """
    key = search_key(text).translate(_CROSS_SCRIPT).translate(_WHITESPACE)
    if len(key) == len(text):
        return key, None
    offsets: list[int] = []
    kept_from = 0
    for match in _deleted_pattern().finditer(text):
        offsets.extend(range(kept_from, match.start()))
        kept_from = match.end()
    offsets.extend(range(kept_from, len(text)))
    if len(offsets) != len(key):  # a fold outside the known ones (a Latin letter that lower-cases to two)
        slow_key, slow_offsets = search_key_with_offsets(text)
        return slow_key.translate(_CROSS_SCRIPT).translate(_WHITESPACE), slow_offsets
    return key, offsets


_WHITESPACE = {ord(ch): " " for ch in "\t\n\r\x0b\x0c\xa0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
               "\u200a\u202f\u205f\u3000"}


@lru_cache(maxsize=1)
def _deleted_pattern() -> re.Pattern[str]:
    """Characters the search fold deletes, found by asking it, so the two never disagree."""
    deleted = [chr(code) for low, high in ((0x0600, 0x0900), (0x2000, 0x2070), (0xFB50, 0xFF00))
               for code in range(low, high) if search_key(chr(code)) == ""]
    return re.compile("[" + "".join(re.escape(ch) for ch in deleted) + "]+")
