"""The recognizer for names the knowledge base lacks: persons after titles or as given name +
surname, organisations by head noun. Sentences written for these tests in the style of news wires."""

from __future__ import annotations

import pytest

pytest.importorskip("arabic_name_romanizer")

from rasad.entities.recognize import NameCandidate, recognize_names


def _find(candidates: list[NameCandidate], text: str) -> NameCandidate:
    matches = [candidate for candidate in candidates if candidate.text == text]
    assert matches, f"{text!r} not among {[c.text for c in candidates]}"
    return matches[0]


def _span(sentence: str, part: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = sentence.index(part, start + 1)
    return start, start + len(part)


@pytest.mark.parametrize(
    ("lang", "sentence", "name", "title"),
    [
        ("fa", "سخنگوی وزارت امور خارجه اسماعیل بقائی در نشست خبری هفتگی گفت که مذاکرات ادامه دارد.",
         "اسماعیل بقائی", "سخنگوی وزارت امور خارجه"),
        ("fa", "سردار حسین سلامی فرمانده کل سپاه در مراسمی در اصفهان سخنرانی کرد.", "حسین سلامی", "سردار"),
        ("fa", "نخست‌وزیر عراق، محمد شیاع السودانی در سفر به تهران با مقامات دیدار کرد.",
         "محمد شیاع السودانی", "نخست‌وزیر"),
        ("fa", "آیت‌الله سید علی خامنه‌ای امروز با جمعی از دانشجویان دیدار کرد.", "علی خامنه‌ای", "آیت‌الله"),
        ("ar", "وقال وزير الخارجية الأردني أيمن الصفدي إن بلاده ترفض التصعيد في المنطقة.",
         "أيمن الصفدي", "وزير الخارجية"),
        ("ar", "أعلنت مصادر عسكرية مقتل العميد سهيل الحسن في ريف إدلب الجنوبي.", "سهيل الحسن", "العميد"),
        ("ar", "وأكد رئيس الوزراء العراقي محمد شياع السوداني أن الحكومة ماضية في الإصلاحات.",
         "محمد شياع السوداني", "رئيس الوزراء"),
        ("ar", "التقى الشيخ محمد بن زايد آل نهيان مساء أمس وفدا من رجال الأعمال.", "محمد بن زايد آل نهيان", "الشيخ"),
    ],
)
def test_person_after_title(lang: str, sentence: str, name: str, title: str) -> None:
    candidate = _find(recognize_names(sentence, lang), name)
    assert candidate.type == "PERSON"
    assert (candidate.start, candidate.end) == _span(sentence, name)
    assert sentence[candidate.start:candidate.end] == name
    assert candidate.title == title
    assert candidate.name_en and candidate.name_en.isascii()


def test_title_words_are_not_part_of_the_name() -> None:
    sentence = "وقال اللواء خالد المطيري قائد القوات البرية إن التدريبات انتهت."
    candidates = recognize_names(sentence, "ar")
    person = _find(candidates, "خالد المطيري")
    assert not any(c.start < person.end and person.start < c.end and c is not person for c in candidates)


def test_taken_country_between_title_and_name() -> None:
    sentence = "وزیر امور خارجه ترکیه هاکان فیدان روز سه‌شنبه وارد تهران شد."
    country = _span(sentence, "ترکیه")
    candidates = recognize_names(sentence, "fa", taken=[country])
    person = _find(candidates, "هاکان فیدان")
    assert person.title == "وزیر امور خارجه"
    assert all(c.end <= country[0] or c.start >= country[1] for c in candidates)


def test_taken_title_span_may_precede_the_name() -> None:
    sentence = "وقال وزير الخارجية الأردني أيمن الصفدي إن الحل سياسي."
    title_alone = _span(sentence, "وزير الخارجية الأردني")
    person = _find(recognize_names(sentence, "ar", taken=[title_alone]), "أيمن الصفدي")
    assert person.start == sentence.index("أيمن")


def test_taken_name_is_not_returned_again() -> None:
    sentence = "وقال وزير الخارجية الأردني أيمن الصفدي إن الحل سياسي."
    linked = _span(sentence, "أيمن الصفدي")
    candidates = recognize_names(sentence, "ar", taken=[linked])
    assert all(c.end <= linked[0] or c.start >= linked[1] for c in candidates)


def test_taken_surname_cuts_the_name_short() -> None:
    sentence = "سردار حسین سلامی فرمانده کل سپاه گفت."
    surname = _span(sentence, "سلامی")
    candidates = recognize_names(sentence, "fa", taken=[surname])
    assert all(c.end <= surname[0] or c.start >= surname[1] for c in candidates)


def test_arabic_clitics_are_outside_the_span() -> None:
    sentence = "والتقى الوفد بالشيخ خالد المطيري، ثم اجتمع بوزارة الزراعة السورية لبحث الأسعار."
    candidates = recognize_names(sentence, "ar")
    person = _find(candidates, "خالد المطيري")
    assert person.title == "الشيخ"
    ministry = _find(candidates, "وزارة الزراعة السورية")
    assert ministry.start == sentence.index("بوزارة") + 1
    assert ministry.type == "ORGANIZATION"
    assert "Agriculture" in ministry.name_en and "Syrian" in ministry.name_en

    conjoined = "وخالد المطيري يرأس الوفد إلى المفاوضات."
    person = _find(recognize_names(conjoined, "ar"), "خالد المطيري")
    assert person.start == 1


@pytest.mark.parametrize(
    ("lang", "sentence", "organisation", "english"),
    [
        ("ar", "أعلنت هيئة تحرير الشام أمس سيطرتها على قرى جديدة.", "هيئة تحرير الشام", "Authority"),
        ("ar", "وقالت منظمة الصحة العالمية إن الوباء ينتشر بسرعة.", "منظمة الصحة العالمية", "Health"),
        ("fa", "سازمان انرژی اتمی اعلام کرد که بازرسان وارد شده‌اند.", "سازمان انرژی اتمی", "Atomic Energy"),
        ("fa", "وزارت جهاد کشاورزی همکاری می‌کند تا قیمت‌ها پایین بیاید.", "وزارت جهاد کشاورزی", "Agriculture"),
        ("fa", "رئیس کمیسیون امنیت ملی گفت جلسه فردا برگزار می‌شود.", "کمیسیون امنیت ملی", "National Security"),
    ],
)
def test_organisation_by_head_noun(lang: str, sentence: str, organisation: str, english: str) -> None:
    candidate = _find(recognize_names(sentence, lang), organisation)
    assert candidate.type == "ORGANIZATION"
    assert (candidate.start, candidate.end) == _span(sentence, organisation)
    assert english in candidate.name_en


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("fa", "علی رغم مخالفت‌ها، مشارکت بالا بود و امید زیادی به آینده وجود دارد."),
        ("fa", "این سازمان در گزارش خود گفت که شرکت مردم در انتخابات بالا بود."),
        ("fa", "رئیس‌جمهور امروز در جلسه هیئت دولت گفت که تورم کاهش یافته است."),
        ("ar", "أي حزب سياسي يجب أن يحترم القانون، وكان الجمهور سعيد جدا بالنتيجة."),
        ("ar", "وأكد الأمين العام أن حسن النية مطلوب من جميع الأطراف."),
        ("ar", "وقال الرئيس في كلمة أمام البرلمان إن الاقتصاد يتعافى."),
    ],
)
def test_common_phrases_are_not_names(lang: str, sentence: str) -> None:
    assert [c.text for c in recognize_names(sentence, lang) if c.type == "PERSON"] == []
    assert not any(c.type == "ORGANIZATION" and len(c.text.split()) < 2 for c in recognize_names(sentence, lang))


def test_given_name_and_surname_without_title() -> None:
    sentence = "وحضر اللقاء خالد المطيري وعدد من المسؤولين المحليين."
    person = _find(recognize_names(sentence, "ar"), "خالد المطيري")
    assert person.title is None


def test_other_languages_give_nothing() -> None:
    assert recognize_names("The minister Ayman Safadi said", "en") == []


def test_english_can_be_left_for_later() -> None:
    sentence = "سردار حسین سلامی فرمانده کل سپاه گفت."
    person = _find(recognize_names(sentence, "fa", with_english=False), "حسین سلامی")
    assert person.name_en == ""
