"""Language ID: held-out paragraphs (not in the benchmark gold) in the hard cases Rasad meets."""

from __future__ import annotations

import socket
from importlib import resources

import pytest

from rasad.text import lang
from rasad.text.lang import detect_document, detect_language

PERSIAN = [
    "معاون اول رئیس جمهور در جلسه ستاد اقتصادی دولت بر لزوم کنترل قیمت کالاهای اساسی تأکید کرد.",
    "بر اساس اعلام گمرک، واردات خودرو در سه ماه گذشته دو برابر شده است.",
    # Lost ZWNJ, both glued and spaced.
    "مسئولان میگویند پروژه های نیمه تمام تا پایان سال به بهره برداری میرسند.",
    "دانشجویان میخواهند خوابگاه ها زودتر بازگشایی شوند و کلاس ها حضوری باشد.",
    # Quoting an Arabic phrase.
    "رئیس مجلس در سخنرانی خود با اشاره به عبارت «إنا لله وإنا إليه راجعون» درگذشت این هنرمند را تسلیت گفت.",
]
ARABIC = [
    "أعلنت وزارة المالية أن الإيرادات العامة ارتفعت خلال النصف الأول من العام الجاري.",
    "وأكد المتحدث أن الحكومة ماضية في تنفيذ خطتها لتطوير البنية التحتية في المحافظات.",
    # Typed with Persian yeh and keheh, as Arabic services of Persian agencies publish.
    "أکد مساعد وزیر الخارجیة الإیرانی أن بلاده ترحب بأی مبادرة لإنهاء الحرب فی الیمن.",
    "وقال إن الاجتماع الذی عقد فی طهران ناقش سبل تطویر التعاون الاقتصادی بین البلدین.",
]


@pytest.mark.parametrize("text", PERSIAN)
def test_persian_paragraphs(text: str) -> None:
    assert detect_language(text) == "fa"


@pytest.mark.parametrize("text", ARABIC)
def test_arabic_paragraphs(text: str) -> None:
    assert detect_language(text) == "ar"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("حکومت نے بجلی کی قیمتوں میں کمی کا اعلان کیا ہے تاکہ عوام کو ریلیف مل سکے۔", "ur"),
        ("د کابل ښاروالۍ ویلي چې د ښار سړکونه به تر ژمي مخکې جوړ شي.", "ps"),
        ("حکومەتی هەرێم بڕیاریدا قوتابخانەکان لە هەفتەی داهاتوودا بکرێنەوە.", "ku"),
        ("The ministry said the new rules would take effect at the start of next month.", "en"),
        ("Bakanlık, yeni düzenlemenin gelecek ay yürürlüğe gireceğini açıkladı.", "tr"),
        ("Le ministère a annoncé que les nouvelles règles entreront en vigueur le mois prochain.", "fr"),
    ],
)
def test_other_languages_are_not_persian(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "۱۴۰۲/۰۸/۱۳", "12:45 - 2023", "***"])
def test_no_letters_is_undetermined(text: str) -> None:
    assert detect_language(text) == "und"


def test_short_paragraphs_of_each_language() -> None:
    assert detect_language("بارش باران در تهران ادامه دارد.") == "fa"
    assert detect_language("تستمر الأمطار في العاصمة حتى الغد.") == "ar"


def test_mixed_document_takes_majority_and_keeps_minority_tags() -> None:
    paragraphs = [
        "خبر فوری",  # two words: takes the document's language
        PERSIAN[0],
        PERSIAN[1],
        ARABIC[0],
        "۱۴۰۲/۰۸/۱۳",
        PERSIAN[2],
        "Photo: AFP",
    ]
    doc_lang, tags = detect_document(paragraphs)
    assert doc_lang == "fa"
    assert tags == ["fa", "fa", "fa", "ar", "fa", "fa", "fa"]


def test_arabic_document_with_english_paragraph() -> None:
    english = "The statement was issued after a meeting of the cabinet on Sunday evening."
    doc_lang, tags = detect_document([ARABIC[0], english, ARABIC[1], "AFP"])
    assert doc_lang == "ar"
    assert tags == ["ar", "en", "ar", "ar"]


def test_majority_is_weighted_by_letters_not_paragraph_count() -> None:
    long_arabic = " ".join(ARABIC)
    doc_lang, tags = detect_document([long_arabic, PERSIAN[4][:60] + " است."])
    assert doc_lang == "ar"
    assert tags[0] == "ar"


def test_empty_and_letterless_documents() -> None:
    assert detect_document([]) == ("und", [])
    assert detect_document(["۱۲۳", ""]) == ("und", ["und", "und"])


def test_document_of_only_short_lines_uses_their_joined_text() -> None:
    doc_lang, tags = detect_document(["اخبار ورزشی", "نتایج امروز"])
    assert doc_lang == "fa"
    assert tags == ["fa", "fa"]


def test_detection_needs_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    lang._detector.cache_clear()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("language ID tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert detect_language(ARABIC[0]) == "ar"
    lang._detector.cache_clear()


@pytest.mark.parametrize("code", ["fa", "ar"])
def test_function_word_files_are_sorted_and_documented(code: str) -> None:
    folder = resources.files("rasad").joinpath("data", code)
    entries = [
        line
        for line in folder.joinpath("function_words.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert len(entries) >= 30
    assert entries == sorted(entries)
    assert len(set(entries)) == len(entries)
    assert "## Function words (language ID)" in folder.joinpath("README.md").read_text(encoding="utf-8")
