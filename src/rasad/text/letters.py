"""Letter facts about Arabic-script text, shared by cleaning, normalization, search and linking.

These are properties of Unicode code points (which characters are diacritics, which yeh is
Persian), not language knowledge a linguist would edit, so they live in code: one home, used by
every stage that folds or compares text.
"""

from __future__ import annotations

ZWNJ = "\u200c"
ZWJ = "\u200d"
TATWEEL = "\u0640"

ARABIC_YEH = "\u064a"  # ي
PERSIAN_YEH = "\u06cc"  # ی
ALEF_MAKSURA = "\u0649"  # ى
ARABIC_KAF = "\u0643"  # ك
PERSIAN_KEHEH = "\u06a9"  # ک
TEH_MARBUTA = "\u0629"  # ة
HEH = "\u0647"  # ه
HEH_GOAL = "\u06c1"  # ہ (Urdu heh, sometimes typed for ه)
ALEF = "\u0627"  # ا
ALEF_FORMS = "\u0622\u0623\u0625\u0671"  # آ أ إ ٱ
WAW_HAMZA = "\u0624"  # ؤ
YEH_HAMZA = "\u0626"  # ئ
HEH_YEH_ABOVE = "\u06c0"  # ۀ

# Harakat, tanwin, shadda, sukun, superscript alef and Quranic marks.
DIACRITICS = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670"] + [chr(c) for c in range(0x06D6, 0x06EE)]
)

# Letters that occur in Persian but not in Arabic, and the reverse: the letter check of language ID.
PERSIAN_ONLY = frozenset("پچژگ")
ARABIC_ONLY = frozenset("ةى") | frozenset("\u064b\u064c\u064d")  # ة ى and tanwin
# Letters of other Arabic-script languages that Persian and Arabic do not use: they tell Urdu,
# Pashto and Sorani Kurdish paragraphs apart from Persian (the language-ID letter check).
URDU_ONLY = frozenset("ٹڈڑںےۓ")
PASHTO_ONLY = frozenset("ټډړږښځڅګڼېۍ")
SORANI_ONLY = frozenset("ەێۆڵڕ")

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"

DIGITS_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS, LATIN_DIGITS * 2)

# Direction and invisible formatting marks that scraped pages scatter through text.
BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\ufeff")


def is_arabic_letter(ch: str) -> bool:
    """True for letters of the Arabic script block (Arabic, Persian, Urdu letters)."""
    code = ord(ch)
    return (0x0620 <= code <= 0x064A) or (0x066E <= code <= 0x06D3) or (0x06FA <= code <= 0x06FF)


def to_latin_digits(text: str) -> str:
    return text.translate(DIGITS_TO_LATIN)
