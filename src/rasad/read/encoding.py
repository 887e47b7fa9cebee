"""Turn the bytes of a scraped text file into text, or say clearly why not.

Byte-order marks decide first; then strict UTF-8 (by far the most common); then charset-normalizer,
the maintained detector, picks among the legacy encodings Persian and Arabic sites used
(windows-1256, ISO-8859-6) and UTF-16 without a BOM.
"""

from __future__ import annotations

import codecs
import unicodedata

from charset_normalizer import from_bytes

from rasad.read.base import binary_kind
from rasad.text.letters import is_arabic_letter

_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]

# Encodings a Persian or Arabic text file is found in; the detector chooses among these only, so
# that it cannot read windows-1256 bytes as, say, Hebrew or Cyrillic.
_CANDIDATES = ["cp1256", "iso8859_6", "utf_16_le", "utf_16_be", "cp1252", "mac_arabic"]


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can recognise."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise DecodeError with a reason a user can act on."""
    if not data.strip():
        raise DecodeError("empty file")
    kind = binary_kind(data)
    if kind:
        raise DecodeError(f"binary file ({kind}), not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {encoding} byte-order mark but is not {encoding}") from exc
    if b"\x00" not in data:
        try:
            return _checked(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            pass
    matches = list(from_bytes(data, cp_isolation=_CANDIDATES))
    if not matches:
        raise DecodeError("undecodable: not UTF-8, UTF-16, windows-1256 or ISO-8859-6 text")
    # The detector ranks by chaos and coherence; between near-equal readings, the one that yields
    # Arabic-script letters is the right one for our sites (cp1252 can read any byte too).
    best = max(matches[:4], key=lambda match: (arabic_script_share(str(match)) > 0.5, -matches.index(match)))
    return _checked(str(best), best.encoding)


def _checked(text: str, encoding: str) -> tuple[str, str]:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise DecodeError("empty file")
    if _looks_binary(text):
        raise DecodeError(f"binary content (decoded as {encoding} it is mostly control characters)")
    return text, encoding


def _looks_binary(text: str) -> bool:
    sample = text[:20_000]
    controls = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\n\r\t\f")
    return controls > max(8, len(sample) // 50)


def arabic_script_share(text: str) -> float:
    """Share of letters that are Arabic-script: a sanity signal for the decoded text."""
    letters = [ch for ch in text[:20_000] if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if is_arabic_letter(ch)) / len(letters)
