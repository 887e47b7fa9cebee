from rasad.record import Published
from rasad.time.extract import extract_dates
from rasad.time.publication import (
    PublishedCandidate,
    choose_published,
    is_fetch_date,
    iso_value,
    looks_like_chrome,
    parse_dateline,
)


def test_iso_value_kept() -> None:
    assert iso_value("2023-03-05T09:15:00+03:30") == "2023-03-05T09:15"


def test_dateline_jalali_with_clock() -> None:
    published = parse_dateline("۰۹:۱۵ - ۱۴ اسفند ۱۴۰۱", "fa")
    assert published == Published("2023-03-05T09:15", "۰۹:۱۵ - ۱۴ اسفند ۱۴۰۱", "jalali")
    assert parse_dateline("1402/12/14 - 09:15", "fa").value == "2024-03-04T09:15"


def test_dateline_arabic_and_hijri() -> None:
    assert parse_dateline("الثلاثاء، 12 مارس 2024 - 10:45", "ar").value == "2024-03-12T10:45"
    published = parse_dateline("الخميس 2 جمادى الأولى 1445 هـ", "ar")
    assert (published.value, published.calendar) == ("2023-11-16", "hijri")


def test_dateline_without_a_date() -> None:
    assert parse_dateline("امروز", "fa") is None
    assert parse_dateline("", "ar") is None


def test_chrome_date_far_after_the_body_is_a_fetch_date() -> None:
    body = extract_dates("این نشست ۱۰ مهر ۱۴۰۳ برگزار شد و ۱۲ مهر ۱۴۰۳ ادامه یافت.", "fa", None)
    chrome = PublishedCandidate(parse_dateline("شنبه ۱۰ خرداد ۱۴۰۴ - ۱۲:۳۰", "fa"), "dateline")
    assert is_fetch_date(chrome, body)
    assert choose_published([chrome], body) is None
    dateline = PublishedCandidate(parse_dateline("۱۲ مهر ۱۴۰۳", "fa"), "dateline")
    assert choose_published([chrome, dateline], body).value == "2024-10-03"


def test_chrome_date_close_to_the_body_is_kept() -> None:
    body = extract_dates("این نشست ۱۰ مهر ۱۴۰۳ برگزار شد.", "fa", None)
    chrome = PublishedCandidate(parse_dateline("شنبه ۱۴ مهر ۱۴۰۳ - ۱۲:۳۰", "fa"), "chrome")
    assert choose_published([chrome], body).value == "2024-10-05T12:30"


def test_metadata_is_trusted_first() -> None:
    body = extract_dates("وقعت الحادثة في 5 مارس 2020.", "ar", None)
    meta = PublishedCandidate(Published("2024-03-12", "2024-03-12"), "metadata")
    chrome = PublishedCandidate(parse_dateline("الثلاثاء، 12 مارس 2024 - 10:45", "ar"), "chrome")
    assert choose_published([chrome, meta], body).value == "2024-03-12"
    assert not is_fetch_date(meta, body)
    assert is_fetch_date(chrome, body)
    assert choose_published([], body) is None


def test_dateline_with_hijri_and_gregorian_of_the_same_day() -> None:
    published = parse_dateline("الخميس - 2 شهر جمادى الأولى 1445 هـ - 16 نوفمبر 2023 مـ", "ar")
    assert (published.value, published.calendar) == ("2023-11-16", "gregorian")
    published = parse_dateline("الأربعاء ٢٥ تشرين الأول ٢٠٢٣ - ١٠ ربيع الثاني ١٤٤٥ هـ", "ar")
    assert (published.value, published.calendar) == ("2023-10-25", "gregorian")
    published = parse_dateline("الاثنين ١٢ جمادى الآخرة ١٤٤٥ هـ - ٢٥ ديسمبر ٢٠٢٣ - ٠٨:١٠ بتوقيت غرينتش", "ar")
    assert (published.value, published.calendar) == ("2023-12-25T08:10", "gregorian")
    # when the two disagree by more than a day, the Gregorian date of the line is taken
    assert parse_dateline("1 رجب 1445 هـ - 20 أكتوبر 2023", "ar").value == "2023-10-20"


def test_numeric_jalali_dateline_with_category_text() -> None:
    published = parse_dateline("1401/05/20 - 08:40 / سیاسی / مجلس", "fa")
    assert (published.value, published.calendar) == ("2022-08-11T08:40", "jalali")


def test_chrome_lines_are_told_from_datelines() -> None:
    for clock_line in ("سه شنبه ۲۴ بهمن ۱۴۰۲ - ۱۸:۳۰", "سهشنبه ۲۴ بهمن ۱۴۰۲ - ۱۸:۳۰", "الأحد 5 مارس 2023 - 10:00"):
        assert looks_like_chrome(clock_line)
    assert not looks_like_chrome("1401/05/20 - 08:40 / سیاسی / مجلس")
    assert not looks_like_chrome("۱۴ اسفند ۱۴۰۱")


def test_site_clock_and_article_dateline_both_given() -> None:
    # no absolute date in the body: the article's own dateline still outranks the site clock
    clock = PublishedCandidate(parse_dateline("سه شنبه ۱۷ مرداد ۱۴۰۲ - ۲۱:۰۵", "fa"), "dateline")
    own = PublishedCandidate(parse_dateline("1401/05/20 - 08:40 / سیاسی / مجلس", "fa"), "dateline")
    assert choose_published([clock, own], []).value == "2022-08-11T08:40"
    assert is_fetch_date(clock, [], [own.published])
    # the clock alone is all the page states: it is kept (no dated body to judge it against)
    assert choose_published([clock], []).value == "2023-08-08T21:05"
