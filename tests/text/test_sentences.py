"""Sentence splitting: offsets, quotes, numbers, abbreviations, and newlines."""

from __future__ import annotations

from importlib import resources

import pytest

from rasad.text.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def test_offsets_are_stripped_non_empty_and_point_into_the_text() -> None:
    text = "  وزیر وارد شد.   او سخنرانی کرد؟\n\n  جلسه تمام شد!  "
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["وزیر وارد شد.", "او سخنرانی کرد؟", "جلسه تمام شد!"]
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
    assert [a for a, _ in spans] == sorted(a for a, _ in spans)


def test_all_terminal_marks_end_sentences() -> None:
    assert sentences("آیا آمدی؟ بله آمدم! خوب است. اما دیر شد؛ فردا بیا") == [
        "آیا آمدی؟",
        "بله آمدم!",
        "خوب است.",
        "اما دیر شد؛",
        "فردا بیا",
    ]
    assert sentences("Is it true? Yes!") == ["Is it true?", "Yes!"]


def test_newline_always_ends_a_sentence() -> None:
    assert sentences("عاجل\nاندلاع حريق في المصفاة\r\nوالسلطات تحقق") == [
        "عاجل",
        "اندلاع حريق في المصفاة",
        "والسلطات تحقق",
    ]


def test_closing_quote_after_the_mark_belongs_to_the_sentence() -> None:
    text = "وزیر گفت: «ما آماده‌ایم.» سپس جلسه را ترک کرد."
    assert sentences(text) == ["وزیر گفت: «ما آماده‌ایم.»", "سپس جلسه را ترک کرد."]
    assert sentences('قال: "لن نتراجع!" ثم غادر.') == ['قال: "لن نتراجع!"', "ثم غادر."]
    assert sentences("او پرسید «چرا؟»، و کسی پاسخ نداد.") == ["او پرسید «چرا؟»، و کسی پاسخ نداد."]


@pytest.mark.parametrize(
    "text",
    [
        "نرخ تورم به ۱۲.۵ درصد رسید.",
        "بلغ النمو 3.5 بالمئة هذا العام.",
        "ارتفع المؤشر إلى ٢٫٥ نقطة.",
        "بودجه به 1.000.000 میلیارد ریال رسید.",
        "مسابقه در تاریخ 1402/08/13 ساعت 10:30 آغاز می‌شود.",
        "متن بیانیه در www.mfa.gov.ir و نشانی info@mfa.gov.ir منتشر شد.",
        "جلسه ساعت ۱۰ ق.ظ روز شنبه برگزار می‌شود.",
        "این بنا در سال ۱۳۴۵ هـ.ق ساخته شد.",
        "نماینده ج.ا.ا در سازمان ملل سخنرانی کرد.",
        "التقى د. محمد العلي بوزير الصحة.",
        "نامه‌ها را به ص.ب ۱۲۳ بفرستید.",
        "دکتر ع.م حسینی سخنرانی کرد.",
        "The U.S. envoy met Dr. Smith in Vienna.",
        "او گفت ما می‌دانیم... و ادامه می‌دهیم.",
        "He said so... and then left.",
    ],
)
def test_no_split_inside_numbers_abbreviations_urls_or_continued_ellipsis(text: str) -> None:
    assert sentences(text) == [text]


def test_spaced_abbreviation_and_initial() -> None:
    assert sentences("در سال ۱۳۵۷ ه. ش. انقلاب شد. مردم جشن گرفتند.") == [
        "در سال ۱۳۵۷ ه. ش. انقلاب شد.",
        "مردم جشن گرفتند.",
    ]


def test_era_letter_after_a_number_can_end_a_sentence() -> None:
    assert sentences("ولد عام 1950 م. وتوفي عام 2010 م.") == ["ولد عام 1950 م.", "وتوفي عام 2010 م."]


def test_ellipsis_before_a_new_sentence_splits() -> None:
    assert sentences("گفت تسلیم نمی‌شویم... سپس رفت.") == ["گفت تسلیم نمی‌شویم...", "سپس رفت."]


def test_lost_space_between_arabic_script_sentences_splits() -> None:
    assert sentences("قرارداد امضا شد.وی گفت اجرا آغاز می‌شود.") == [
        "قرارداد امضا شد.",
        "وی گفت اجرا آغاز می‌شود.",
    ]
    assert sentences("أکد الوزیر ذلك.وأضاف أن الاجتماع مثمر.") == [
        "أکد الوزیر ذلك.",
        "وأضاف أن الاجتماع مثمر.",
    ]


def test_list_number_at_line_start_is_not_a_sentence() -> None:
    assert sentences("1. مقدمه\n٢. الخاتمة") == ["1. مقدمه", "٢. الخاتمة"]


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_blank_text_has_no_sentences(text: str) -> None:
    assert split_sentences(text) == []


def test_text_without_marks_is_one_sentence() -> None:
    assert sentences("بدون نقطه پایانی") == ["بدون نقطه پایانی"]


@pytest.mark.parametrize("code", ["fa", "ar"])
def test_abbreviation_files_are_sorted_and_documented(code: str) -> None:
    folder = resources.files("rasad").joinpath("data", code)
    lines = folder.joinpath("abbreviations.txt").read_text(encoding="utf-8").splitlines()
    entries = [line for line in lines if line and not line.startswith("#")]
    assert entries == sorted(set(entries))
    assert "## Abbreviations (sentences)" in folder.joinpath("README.md").read_text(encoding="utf-8")
