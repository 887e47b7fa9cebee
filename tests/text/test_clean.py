"""Tests of the CLEAN stage (rasad.text.clean) on Persian and Arabic pages written for these tests."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from rasad.text.clean import CleanResult, canonical_outlet, clean_text, find_repeated_lines, line_key

PAGES = Path(__file__).resolve().parents[2] / "benchmarks" / "gold" / "pages"

FA_PAGE = """صفحه اصلی | سیاسی | اقتصادی | ورزشی
کد خبر: ۱۲۳۴۵۶
شنبه، ۱۳ آبان ۱۴۰۲ - ۱۱:۴۵
سرویس: سیاسی
نشست وزیران خارجه منطقه در تهران برگزار شد
اندازه متن: + -

به گزارش ایسنا، وزیران خارجه شش کشور منطقه صبح امروز در تهران دیدار کردند.
در این نشست درباره همکاری‌های اقتصادی گفت‌وگو شد.
انتهای پیام
برچسب‌ها: دیپلماسی، همسایگان
۱۲ نفر این مطلب را پسندیده‌اند
ارسال نظر
نام
ایمیل
نظرات حاوی توهین منتشر نمی‌شود
"""

AR_PAGE = """الرئيسية | سياسة | اقتصاد | رياضة
الأحد 5 مارس 2023 - 10:30
القسم: سياسة
وزراء الخارجية العرب يجتمعون في القاهرة
حجم الخط
وفقا لوكالة سانا، عقد وزراء الخارجية العرب اجتماعا طارئا في القاهرة اليوم.
وناقش الاجتماع التطورات الأخيرة في المنطقة.
كلمات دالة: الجامعة العربية، القاهرة
مشاركة
طباعة
أرسل لصديق
أضف تعليقك
الاسم
جميع الحقوق محفوظة © 2023
"""


def _lines(result: CleanResult) -> list[str]:
    return result.text.split("\n") if result.text else []


def test_persian_page_text_and_metadata() -> None:
    result = clean_text(FA_PAGE)
    assert _lines(result) == [
        "به گزارش ایسنا، وزیران خارجه شش کشور منطقه صبح امروز در تهران دیدار کردند.",
        "در این نشست درباره همکاری‌های اقتصادی گفت‌وگو شد.",
    ]
    assert result.title == "نشست وزیران خارجه منطقه در تهران برگزار شد"
    assert result.published_raw == "شنبه، ۱۳ آبان ۱۴۰۲ - ۱۱:۴۵"
    assert result.news_code == "123456"
    assert result.category == "سیاسی"
    assert result.outlet == "ایسنا"
    assert "انتهای پیام" in result.removed
    assert "نام" in result.removed
    assert result.title not in result.removed


def test_arabic_page_text_and_metadata() -> None:
    result = clean_text(AR_PAGE)
    assert _lines(result) == [
        "وفقا لوكالة سانا، عقد وزراء الخارجية العرب اجتماعا طارئا في القاهرة اليوم.",
        "وناقش الاجتماع التطورات الأخيرة في المنطقة.",
    ]
    assert result.title == "وزراء الخارجية العرب يجتمعون في القاهرة"
    assert result.published_raw == "الأحد 5 مارس 2023 - 10:30"
    assert result.category == "سياسة"
    assert result.outlet == "سانا"
    assert result.news_code is None


def test_crlf_blank_lines_and_stripping() -> None:
    raw = "  عنوان خبر مهم درباره اقتصاد  \r\n\r\n   جمله اول خبر اینجاست.  \r\n\r\n\r\nجمله دوم.\r\n"
    result = clean_text(raw)
    assert result.text == "جمله اول خبر اینجاست.\nجمله دوم."
    assert result.title == "عنوان خبر مهم درباره اقتصاد"


@pytest.mark.parametrize(
    "line",
    [
        "نظر کارشناسان درباره این طرح متفاوت است.",
        "چاپ اسکناس جدید از ماه آینده آغاز می‌شود.",
        "تمامی حقوق شهروندی باید رعایت شود.",
        "حقوق مادی و معنوی هنرمندان باید حفظ شود.",
        "نام این طرح «مسکن ملی» است.",
        "بازدید رئیس‌جمهور از پالایشگاه آبادان صبح امروز انجام شد.",
        "گروه تروریستی داعش مسئولیت این حمله را بر عهده گرفت.",
        "مشاركة المرأة في الانتخابات بلغت مستوى قياسيا.",
        "أعلن البنك المركزي وقف طباعة النقود دون غطاء.",
        "حقوق الإنسان يجب أن تحترم في جميع الظروف.",
        "رفض المتحدث التعليق على هذه الأنباء.",
        "انتهى الاجتماع دون التوصل إلى اتفاق.",
        "في 5 مارس 2023 وقع الطرفان الاتفاق.",
    ],
)
def test_trap_sentences_are_kept(line: str) -> None:
    raw = f"عنوان آزمایشی برای یک خبر\nجمله نخست خبر در اینجا آمده است.\n{line}\nجمله پایانی خبر.\n"
    result = clean_text(raw)
    assert line in _lines(result)


@pytest.mark.parametrize(
    "line",
    [
        "نظرات حاوی توهین منتشر نمی‌شود",
        "اشتراک گذاری",
        "اشتراک‌گذاری",
        "نسخه قابل چاپ",
        "۳ نفر این مطلب را پسندیده‌اند",
        "تمامی حقوق این سایت متعلق به خبرگزاری نمونه است.",
        "/انتهای پیام/",
        "تعداد بازدید: ۲۳۴",
        "چاپ | ارسال به دوستان | اشتراک گذاری",
        "٣٤ إعجاب",
        "أرسل لصديق",
        "جميع الحقوق محفوظة لموقع الأخبار",
        "عدد المشاهدات: ١٢٣٤",
        "الوسوم: الاقتصاد، البنك المركزي",
        "تابعونا على تويتر",
        "PDF",
        "https://t.me/example_news",
    ],
)
def test_boilerplate_in_the_middle_is_removed(line: str) -> None:
    raw = f"عنوان آزمایشی برای یک خبر\nجمله نخست خبر در اینجا آمده است.\n{line}\nجمله پایانی خبر.\n"
    result = clean_text(raw)
    assert line not in _lines(result)
    assert line in result.removed
    assert "جمله پایانی خبر." in _lines(result)


def test_related_block_drops_headlines_until_next_sentence() -> None:
    raw = (
        "عنوان آزمایشی برای یک خبر\n"
        "جمله نخست خبر در اینجا آمده است.\n"
        "اخبار مرتبط\n"
        "قیمت طلا امروز کاهش یافت\n"
        "سفر وزیر به مسکو لغو شد\n"
        "ادامه متن خبر پس از فهرست اخبار مرتبط آمده است.\n"
    )
    lines = _lines(clean_text(raw))
    assert lines == ["جمله نخست خبر در اینجا آمده است.", "ادامه متن خبر پس از فهرست اخبار مرتبط آمده است."]


def test_comment_section_runs_to_the_end() -> None:
    raw = (
        "المنتخب يفوز في مباراة ودية\n"
        "فاز المنتخب الوطني مساء أمس بهدفين نظيفين.\n"
        "التعليقات\n"
        "أحمد: مباراة رائعة وأداء ممتاز من الشباب.\n"
    )
    result = clean_text(raw)
    assert _lines(result) == ["فاز المنتخب الوطني مساء أمس بهدفين نظيفين."]
    assert "أحمد: مباراة رائعة وأداء ممتاز من الشباب." in result.removed


def test_kicker_is_kept_and_title_found_below_it() -> None:
    raw = (
        "۱۴ اسفند ۱۴۰۱ ساعت ۰۹:۱۵\n"
        "سخنگوی دولت در نشست خبری:\n"
        "یارانه‌ها از ماه آینده افزایش می‌یابد\n"
        "به گزارش خبرگزاری مهر، سخنگوی دولت امروز از افزایش یارانه‌ها خبر داد.\n"
    )
    result = clean_text(raw)
    assert result.title == "یارانه‌ها از ماه آینده افزایش می‌یابد"
    assert _lines(result)[0] == "سخنگوی دولت در نشست خبری:"
    assert result.published_raw == "۱۴ اسفند ۱۴۰۱ ساعت ۰۹:۱۵"
    assert result.outlet == "مهر"


def test_title_hint_wins_and_is_removed_from_body() -> None:
    raw = "عنوان   خبر نمونه\nجمله اول خبر.\nجمله دوم خبر.\n"
    result = clean_text(raw, title_hint="عنوان خبر نمونه")
    assert result.title == "عنوان خبر نمونه"
    assert _lines(result) == ["جمله اول خبر.", "جمله دوم خبر."]
    assert "عنوان   خبر نمونه" not in result.removed


def test_no_title_when_page_starts_with_a_sentence() -> None:
    raw = "وزیر نفت امروز از افزایش صادرات نفت خام خبر داد.\nاین افزایش از ماه گذشته آغاز شد.\n"
    result = clean_text(raw)
    assert result.title is None
    assert len(_lines(result)) == 2


def test_credit_outlet_role_words_are_dropped() -> None:
    raw = "عنوان خبر درباره مجلس\nبه گزارش خبرنگار سیاسی ایرنا، جلسه علنی مجلس امروز برگزار شد.\n"
    assert clean_text(raw).outlet == "ایرنا"
    raw = "عنوان خبر\nبه گزارش ایسنا به نقل از رویترز، قیمت نفت کاهش یافت.\n"
    assert clean_text(raw).outlet == "ایسنا"


def test_source_label_gives_outlet_and_news_code_with_date_in_one_line() -> None:
    raw = (
        "کد خبر: ۹۹۸۷ | تاریخ انتشار: ۵ بهمن ۱۴۰۱ | سرویس: اقتصادی\n"
        "بازار سرمایه در هفته گذشته رشد کرد\n"
        "شاخص کل بورس در هفته گذشته پنج درصد رشد کرد.\n"
        "منبع: ایرنا\n"
    )
    result = clean_text(raw)
    assert result.news_code == "9987"
    assert result.published_raw == "۵ بهمن ۱۴۰۱"
    assert result.category == "اقتصادی"
    assert result.outlet == "ایرنا"
    assert result.text == "شاخص کل بورس در هفته گذشته پنج درصد رشد کرد."


def test_arabic_dateline_credit_forms() -> None:
    assert clean_text("عنوان\nدمشق-سانا افتتح الوزير مشروعا جديدا اليوم.\n").outlet == "سانا"
    assert clean_text("عنوان\nبيروت (رويترز) - قال مسؤولون إن المحادثات مستمرة.\n").outlet == "رويترز"


def test_line_key_folds_letters_digits_and_spaces() -> None:
    assert line_key("كد  خبر: ۱۲۳") == line_key("کد خبر: 456")
    assert line_key("  جميع   الحقوق ") == line_key("جميع الحقوق")
    assert line_key("a") != line_key("b")


def _outlet_pages(footer: list[str], bodies: list[str]) -> list[str]:
    return [f"عنوان خبر {body.split()[5]} امروز\n{body}\n" + "\n".join(footer) for body in bodies]


def test_repeated_lines_are_found_and_removed() -> None:
    footer = ["همراه ما باشید در همه لحظه‌ها", "نشانی دفتر مرکزی خیابان آزادی پلاک ۱۲"]
    bodies = [
        f"این خبر درباره رویدادی در {city} است که امروز رخ داد." for city in ("تبریز", "شیراز", "یزد", "رشت")
    ]
    pages = _outlet_pages(footer, bodies)
    repeated = find_repeated_lines(pages)
    assert line_key(footer[0]) in repeated
    assert line_key(bodies[0]) not in repeated
    result = clean_text(pages[0], repeated_lines=repeated)
    assert result.text == bodies[0]
    assert footer[0] in result.removed
    # Without the batch signal, the footer (a short line in the tail) still goes by structure,
    # but a repeated line in the middle of the article needs the batch signal.
    middle = "عنوان خبری برای آزمون\nجمله نخست خبر.\nهمراه ما باشید در همه لحظه‌ها\nجمله پایانی خبر.\n"
    assert "همراه ما باشید در همه لحظه‌ها" in clean_text(middle).text
    assert "همراه ما باشید" not in clean_text(middle, repeated_lines=repeated).text


def test_repeated_long_sentence_is_kept() -> None:
    wire = (
        "وزارت خارجه در بیانیه‌ای اعلام کرد که هیئت مذاکره‌کننده روز دوشنبه"
        " برای دور تازه گفت‌وگوها به وین می‌رود."
    )
    pages = [f"عنوان {i} خبر درباره وین\n{wire}\nجمله ویژه این نسخه {i}.\n" for i in range(4)]
    repeated = find_repeated_lines(pages)
    assert line_key(wire) in repeated
    assert wire in clean_text(pages[0], repeated_lines=repeated).text


def test_find_repeated_lines_thresholds() -> None:
    pages = ["سطر مشترک\nمتن یک.", "سطر مشترک\nمتن دو.", "متن سه.", "متن چهار."]
    assert line_key("سطر مشترک") not in find_repeated_lines(pages)  # 2 pages < min_docs=3
    assert line_key("سطر مشترک") in find_repeated_lines(pages, min_docs=2, min_share=0.5)
    assert find_repeated_lines([]) == frozenset()


def test_head_menu_lines_dropped_but_real_sentences_kept() -> None:
    raw = (
        "ورزش\nفوتبال\nوالیبال\n"
        "پایگاه خبری نمونه\n"
        "استقلال در دیدار حساس به پیروزی رسید\n"
        "استقلال شامگاه جمعه در دیداری حساس حریف خود را شکست داد.\n"
        "ادامه دارد\n"
    )
    result = clean_text(raw)
    assert result.text == "استقلال شامگاه جمعه در دیداری حساس حریف خود را شکست داد."
    assert result.title == "استقلال در دیدار حساس به پیروزی رسید"
    assert result.removed == ["ورزش", "فوتبال", "والیبال", "پایگاه خبری نمونه", "ادامه دارد"]


def test_empty_input() -> None:
    result = clean_text("")
    assert result.text == "" and result.title is None and result.removed == []


def _parse_gold(path: Path) -> tuple[dict[str, str], list[tuple[str, str]]]:
    header: dict[str, str] = {}
    marked: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            key, _, value = line[2:].partition(":")
            header[key.strip()] = value.strip()
        elif not line.strip():
            marked.append(("", ""))
        else:
            mark, _, text = line.partition("| ")
            marked.append((mark, text))
    return header, marked


@pytest.mark.parametrize(
    "path",
    sorted([*PAGES.glob("*.txt"), *PAGES.with_name("pages_heldout").glob("*.txt")]),
    ids=lambda p: p.stem,
)
def test_gold_page_keeps_every_content_line(path: Path) -> None:
    header, marked = _parse_gold(path)
    raw = "\n".join(text for _, text in marked)
    result = clean_text(raw, title_hint=header.get("title_hint"))
    content = [text for mark, text in marked if mark == "C"]
    assert [ln for ln in _lines(result) if ln in set(content)] == content
    for name in ("title", "published_raw", "outlet", "news_code", "category"):
        expected = header.get(name, "-")
        assert getattr(result, name) == (None if expected == "-" else expected), name
    if "site_name" in header:
        assert result.site_name == (None if header["site_name"] == "-" else header["site_name"])
    if "datelines" in header:
        assert result.datelines == [part.strip() for part in header["datelines"].split("||")]
    if "group" not in header:  # outlet footers on group pages need the batch signal
        assert _lines(result) == content


def test_gold_group_pages_with_batch_signal() -> None:
    groups: dict[str, list[tuple[dict[str, str], list[tuple[str, str]]]]] = {}
    for path in sorted(PAGES.glob("*.txt")):
        header, marked = _parse_gold(path)
        if "group" in header:
            groups.setdefault(header["group"], []).append((header, marked))
    assert len(groups) >= 2
    for members in groups.values():
        raws = ["\n".join(text for _, text in marked) for _, marked in members]
        repeated = find_repeated_lines(raws)
        for raw, (_, marked) in zip(raws, members, strict=True):
            content = [text for mark, text in marked if mark == "C"]
            assert _lines(clean_text(raw, repeated_lines=repeated)) == content


def test_data_files_load_are_sorted_and_well_formed() -> None:
    from rasad.text.clean import _read_entries, _rules

    assert _read_entries()
    rules = _rules()
    assert rules.lines and rules.blocks and rules.labels and rules.credits and rules.months
    root = resources.files("rasad") / "data"
    for folder in ("common", "fa", "ar"):
        for item in (root / folder).iterdir():
            if item.name.startswith("boilerplate") and item.name.endswith(".txt"):
                entries = [
                    ln.strip()
                    for ln in item.read_text(encoding="utf-8").splitlines()
                    if ln.strip() and not ln.startswith("#")
                ]
                assert entries == sorted(entries), f"{folder}/{item.name} is not sorted"
                assert len(entries) == len(set(entries)), f"{folder}/{item.name} has duplicates"
        readme = (root / folder / "README.md").read_text(encoding="utf-8")
        assert "## Boilerplate phrases" in readme


# --- Bylines, site names, outlets and datelines -------------------------------------------------


def test_outlet_place_byline_below_title_is_not_the_title() -> None:
    raw = (
        "قناة الميادين الإخبارية\n"
        "الرئيسية | سياسة | اقتصاد | فيديو\n"
        "السبت ٦ أبريل ٢٠٢٤ - ٠٨:٣٠ بتوقيت غرينتش\n"
        "انطلاق حملة وطنية لتلقيح الأطفال في اليمن\n"
        "حجم الخط: أ+ أ-\n"
        "الميادين - اليمن\n"
        "أطلقت وزارة الصحة اليمنية اليوم السبت حملة وطنية لتلقيح الأطفال دون سن الخامسة.\n"
        "وتستمر الحملة خمسة أيام في جميع المحافظات.\n"
    )
    result = clean_text(raw)
    assert result.title == "انطلاق حملة وطنية لتلقيح الأطفال في اليمن"
    assert result.outlet == "الميادين"
    assert "الميادين - اليمن" in result.removed
    assert _lines(result)[0].startswith("أطلقت وزارة الصحة")


def test_place_colon_guillemet_byline_gives_outlet() -> None:
    raw = (
        "الرئيسية | أخبار | اقتصاد\n"
        "ارتفاع أسعار القمح في الأسواق العالمية\n"
        "شيكاغو (ولاية إلينوي الأميركية): «الشرق الأوسط»\n"
        "ارتفعت أسعار القمح في بورصة شيكاغو أمس (الخميس) إلى أعلى مستوى منذ شهرين.\n"
    )
    result = clean_text(raw)
    assert result.title == "ارتفاع أسعار القمح في الأسواق العالمية"
    assert result.outlet == "الشرق الأوسط"
    assert "شيكاغو (ولاية إلينوي الأميركية): «الشرق الأوسط»" in result.removed


def test_quote_headline_is_not_a_byline() -> None:
    raw = "الرئيس: «لن نتراجع عن الإصلاحات»\nقال الرئيس في كلمة متلفزة مساء اليوم إن الحكومة ماضية في خطتها.\n"
    result = clean_text(raw)
    assert result.title == "الرئيس: «لن نتراجع عن الإصلاحات»"
    assert result.outlet is None


def test_standalone_place_agency_line_is_a_byline() -> None:
    raw = (
        "7 نيسان 2024\n"
        "افتتاح مهرجان الزهور في اللاذقية\n"
        "اللاذقية-سانا\n"
        "افتتح اليوم في حديقة البطرني مهرجان الزهور السنوي بمشاركة عشرات المشاتل.\n"
    )
    result = clean_text(raw)
    assert result.title == "افتتاح مهرجان الزهور في اللاذقية"
    assert result.outlet == "سانا"
    assert result.text == "افتتح اليوم في حديقة البطرني مهرجان الزهور السنوي بمشاركة عشرات المشاتل."


def test_byline_naming_an_unknown_site_from_the_header() -> None:
    raw = (
        "نبض الجنوب | موقع إخباري مستقل\n"
        "افتتاح مستشفى ميداني في الناصرية\n"
        "الناصرية/ نبض الجنوب\n"
        "افتتحت دائرة صحة ذي قار اليوم مستشفى ميدانياً بسعة 100 سرير.\n"
    )
    result = clean_text(raw)
    assert result.title == "افتتاح مستشفى ميداني في الناصرية"
    assert result.site_name == result.outlet == "نبض الجنوب"
    assert "الناصرية/ نبض الجنوب" in result.removed


@pytest.mark.parametrize(
    ("title_line", "outlet"),
    [
        ("خبرگزاری فارس - افزایش قیمت بنزین تکذیب شد", "فارس"),
        ("افزایش قیمت بنزین تکذیب شد | ایسنا", "ایسنا"),
        ("افزایش قیمت بنزین تکذیب شد - پایگاه خبری نمونه", "پایگاه خبری نمونه"),
    ],
)
def test_site_name_is_stripped_from_the_title(title_line: str, outlet: str) -> None:
    raw = f"{title_line}\nسخنگوی وزارت نفت خبر افزایش قیمت بنزین در سال آینده را تکذیب کرد.\n"
    result = clean_text(raw)
    assert result.title == "افزایش قیمت بنزین تکذیب شد"
    assert result.outlet == result.site_name == outlet
    assert title_line not in result.text and title_line not in result.removed


def test_title_with_dash_between_ordinary_words_is_kept_whole() -> None:
    raw = "دیدار تهران - بغداد در هفته آینده\nوزیران خارجه دو کشور هفته آینده در تهران دیدار میکنند.\n"
    result = clean_text(raw)
    assert result.title == "دیدار تهران - بغداد در هفته آینده"
    assert result.site_name is None


@pytest.mark.parametrize(
    ("header", "outlet"),
    [
        ("ایرنا | خبرگزاری جمهوری اسلامی", "ایرنا"),
        ("ایسنا - خبرگزاری دانشجویان ایران", "ایسنا"),
        ("خبرگزاری تسنیم - Tasnim News Agency", "تسنیم"),
        ("همشهري آنلاين", "همشهری آنلاین"),
        ("قناة العالم الاخبارية", "العالم"),
        ("الوكالة العربية السورية للأنباء - سانا", "سانا"),
        ("الشرق الأوسط", "الشرق الأوسط"),
        ("الرافدين نيوز", "الرافدين نيوز"),
        ("صدى الجبل | موقع إخباري لبناني", "صدى الجبل"),
    ],
)
def test_site_header_line_gives_the_outlet(header: str, outlet: str) -> None:
    raw = f"{header}\nعنوان خبری برای آزمون\nمتن خبر بدون ذکر منبع در اینجا آمده است.\n"
    result = clean_text(raw)
    assert result.site_name == result.outlet == outlet
    assert header in result.removed
    assert result.title == "عنوان خبری برای آزمون"


def test_credit_wins_over_site_header() -> None:
    raw = (
        "همشهری آنلاین\n"
        "عنوان خبری برای آزمون\n"
        "به گزارش همشهری آنلاین به نقل از ایلنا، متن خبر در اینجا آمده است.\n"
        "منبع: ایلنا\n"
    )
    result = clean_text(raw)
    assert result.outlet == "ایلنا"
    assert result.site_name == "همشهری آنلاین"


def test_menu_or_headline_on_the_first_line_is_not_a_site_header() -> None:
    menu = "الرئيسية | سياسة | العالم | اقتصاد | رياضة\nعنوان الخبر هنا\nنص الخبر في هذه الجملة.\n"
    assert clean_text(menu).site_name is None
    headline = "سانا تطلق موقعها الجديد باللغة الإنكليزية اليوم\nأطلقت الوكالة موقعها الجديد صباح اليوم.\n"
    result = clean_text(headline)
    assert result.site_name is None
    assert result.title == "سانا تطلق موقعها الجديد باللغة الإنكليزية اليوم"


@pytest.mark.parametrize(
    ("first_line", "outlet"),
    [
        ("اهواز- ایرنا- برداشت گندم از امروز در مزارع شمال خوزستان آغاز شد.", "ایرنا"),
        ("حلب-سانا: انطلقت اليوم فعاليات معرض الكتاب السنوي في المدينة.", "سانا"),
        ("به گزارش خبرگزاری مهر، نمایشگاه کتاب امروز به کار خود پایان داد.", "مهر"),
    ],
)
def test_inline_credit_stays_in_text_and_gives_outlet(first_line: str, outlet: str) -> None:
    raw = f"عنوان خبری برای آزمون\nروتیتر کوتاه:\n{first_line}\nجمله دوم خبر.\n"
    result = clean_text(raw)
    assert result.outlet == outlet
    assert first_line in _lines(result)


def test_every_dateline_is_kept_in_page_order() -> None:
    raw = (
        "ایلنا - خبرگزاری کار ایران\n"
        "دوشنبه ۱۴ اسفند ۱۴۰۲ - ۰۹:۱۰\n"
        "خانه | سیاسی | اقتصادی | اجتماعی\n"
        "1402/11/30 - 16:45 / اقتصادی / بازار کار\n"
        "نرخ بیکاری کاهش یافت\n"
        "به گزارش ایلنا، نرخ بیکاری در پاییز امسال کاهش یافت.\n"
    )
    result = clean_text(raw)
    assert result.datelines == ["دوشنبه ۱۴ اسفند ۱۴۰۲ - ۰۹:۱۰", "1402/11/30 - 16:45"]
    assert result.published_raw == result.datelines[0]
    assert result.category == "اقتصادی / بازار کار"
    assert "1402/11/30 - 16:45 / اقتصادی / بازار کار" in result.removed
    assert clean_text("عنوان\nجمله خبر.\n").datelines == []


def test_two_calendars_on_one_line_are_two_datelines() -> None:
    raw = "الأحد ٧ أبريل ٢٠٢٤ | ٢٨ رمضان ١٤٤٥\nعنوان الخبر هنا\nنص الخبر في هذه الجملة.\n"
    assert clean_text(raw).datelines == ["الأحد ٧ أبريل ٢٠٢٤", "٢٨ رمضان ١٤٤٥"]


def test_dateline_with_month_word_in_hijri_form() -> None:
    raw = "الأحد - 5 شهر رمضان 1445 هـ - 17 مارس 2024 مـ\nعنوان الخبر هنا\nنص الخبر في هذه الجملة.\n"
    assert clean_text(raw).published_raw == "الأحد - 5 شهر رمضان 1445 هـ - 17 مارس 2024 مـ"


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("خبرگزاری فارس", "فارس"),
        ("وكالة سانا", "سانا"),
        ("قناة العالم الاخبارية", "العالم"),
        ("Mehr News Agency", "مهر"),
        ("سانا - الوكالة العربية السورية للأنباء", "سانا"),
        ("نبض الشمال", "نبض الشمال"),
        ("  «وكالة الأنباء الرسمية»  ", "وكالة الأنباء الرسمية"),
    ],
)
def test_canonical_outlet(name: str, short: str) -> None:
    assert canonical_outlet(name) == short


def test_outlet_files_load_are_sorted_and_documented() -> None:
    from rasad.text.clean import _outlets

    table = _outlets()
    assert table.names and table.site_words
    root = resources.files("rasad") / "data"
    for folder in ("fa", "ar"):
        entries = [
            ln.strip()
            for ln in (root / folder / "outlets.txt").read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")
        ]
        assert entries == sorted(entries), f"{folder}/outlets.txt is not sorted"
        assert all(ln.partition(":")[0] in ("outlet", "site-word") for ln in entries)
        assert "## Outlets" in (root / folder / "README.md").read_text(encoding="utf-8")


def test_site_name_is_stripped_from_a_title_hint() -> None:
    raw = "افزایش قیمت بنزین تکذیب شد\nسخنگوی وزارت نفت خبر افزایش قیمت بنزین را تکذیب کرد.\n"
    result = clean_text(raw, title_hint="افزایش قیمت بنزین تکذیب شد | خبرگزاری فارس")
    assert result.title == "افزایش قیمت بنزین تکذیب شد"
    assert result.site_name == result.outlet == "فارس"
    assert _lines(result) == ["سخنگوی وزارت نفت خبر افزایش قیمت بنزین را تکذیب کرد."]
