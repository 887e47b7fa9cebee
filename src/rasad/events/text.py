"""Words of a document as the event coder sees them: name keys with their offsets in the text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rasad.entities.namekey import name_key_with_offsets

_WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True)
class Token:
    key: str  # the word's name key (folded letters, no ZWNJ or diacritics)
    start: int  # offsets in the document's text, end exclusive
    end: int


def tokenize(text: str) -> list[Token]:
    """The words of `text` in order, by their name keys."""
    key, offsets = name_key_with_offsets(text)
    tokens = []
    for match in _WORD_RE.finditer(key):
        if offsets is None:
            start, end = match.start(), match.end()
        else:
            start, end = offsets[match.start()], offsets[match.end() - 1] + 1
        tokens.append(Token(match.group(), start, end))
    return tokens
