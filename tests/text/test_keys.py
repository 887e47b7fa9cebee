from pathlib import Path

from rasad.text.keys import _SEARCH_MAP, search_key, search_key_with_offsets


def test_persian_and_arabic_spellings_share_one_key():
    assert search_key("ظریف") == search_key("ظريف")
    assert search_key("کشور") == search_key("كشور")
    assert search_key("مدرسة") == search_key("مدرسه")
    assert search_key("إيران") == search_key("ايران") == search_key("آيران")
    assert search_key("مصطفى") == search_key("مصطفی")


def test_diacritics_tatweel_zwnj_and_digits_fold_away():
    assert search_key("مُحَمَّد") == search_key("محمد")
    assert search_key("الـرئيـس") == search_key("الرئيس")
    assert search_key("می\u200cشود") == search_key("میشود")
    assert search_key("۱۴۰۲") == search_key("١٤٠٢") == "1402"


def test_distinct_words_stay_distinct():
    assert search_key("ژنو") != search_key("جنيف")
    assert search_key("کتاب") != search_key("کتب")


def test_offsets_point_back_into_the_original():
    text = "الـرئيـس مُحمد"
    key, offsets = search_key_with_offsets(text)
    assert key == search_key(text)
    assert len(offsets) == len(key)
    start = key.index("محمد")
    assert text[offsets[start]:offsets[start + 3] + 1] == "مُحمد"


def test_fast_folding_equals_the_character_map_on_real_pages():
    samples = [
        "وفقاً لوكالة سانا، ارتفعت الأسعار ٤٥ في المئة إلى مستوىً قياسيّ",
        "مسؤولـــون ؤ ئ ى ة ۀ ہ \u200f\u200e Latin ABC ﻻ",
    ]
    gold_pages = Path(__file__).parents[2] / "benchmarks/gold/pages"
    samples += [page.read_text(encoding="utf-8") for page in sorted(gold_pages.glob("*.txt"))]
    assert len(samples) > 10
    for text in samples:
        assert search_key(text) == text.translate(_SEARCH_MAP).lower()
