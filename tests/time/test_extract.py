import datetime
import json
from pathlib import Path

import pytest

from rasad.time.extract import extract_dates

SUNDAY = datetime.date(2023, 3, 5)  # 14 Esfand 1401
GOLD = Path(__file__).resolve().parents[2] / "benchmarks" / "gold"


def found(text: str, lang: str, reference: datetime.date | None = SUNDAY) -> list[tuple[str, str, bool]]:
    out = []
    for d in extract_dates(text, lang, reference):
        assert text[d.start:d.end] == d.raw
        out.append((d.raw, d.value, d.relative))
    return out


def test_persian_absolute_with_weekday_and_clock() -> None:
    text = "یکشنبه ۱۴ اسفند ۱۴۰۱ - ۰۹:۱۵"
    assert found(text, "fa") == [(text, "2023-03-05T09:15", False)]


def test_numeric_forms_and_digit_sets() -> None:
    assert found("مصوبه ۱۳۹۵/۱۰/۲۸ و 1395/10/28", "fa") == [
        ("۱۳۹۵/۱۰/۲۸", "2017-01-17", False), ("1395/10/28", "2017-01-17", False)]
    assert found("بتاريخ ١٥/٠٣/٢٠٢٣ و15-مارس-2019", "ar") == [
        ("١٥/٠٣/٢٠٢٣", "2023-03-15", False), ("15-مارس-2019", "2019-03-15", False)]


def test_tolerant_spelling() -> None:
    # Arabic yeh/kaf, no ZWNJ, tatweel
    assert found("سه شنبه", "fa")[0][1] == "2023-02-28"
    assert found("۱۰ دي ماه ۱۴۰۱", "fa") == [("۱۰ دي ماه ۱۴۰۱", "2022-12-31", False)]
    assert found("15 رمضـان 1444 هـ", "ar") == [("15 رمضـان 1444 هـ", "2023-04-06", False)]


def test_levantine_and_paired_month_names() -> None:
    assert found("في 7 تشرين الأول 2023", "ar") == [("7 تشرين الأول 2023", "2023-10-07", False)]
    assert found("في 24 نوفمبر/تشرين الثاني 2023", "ar")[0][1] == "2023-11-24"


def test_month_and_year_values_are_intervals_outside_gregorian() -> None:
    assert found("مهر ماه 1398", "fa") == [("مهر ماه 1398", "2019-09-23/2019-10-22", False)]
    assert found("كانون الأول 2022", "ar") == [("كانون الأول 2022", "2022-12", False)]
    assert found("در سال ۱۳۹۸ ه.ش", "fa")[0][1] == "2019-03-21/2020-03-19"
    assert found("عام 2019 م", "ar")[0][1] == "2019"


def test_relative_words() -> None:
    assert found("دیروز و فردا و پریروز", "fa") == [
        ("دیروز", "2023-03-04", True), ("فردا", "2023-03-06", True), ("پریروز", "2023-03-03", True)]
    assert found("منذ يومين", "ar") == [("منذ يومين", "2023-03-03", True)]
    assert found("الشهر المقبل", "ar") == [("الشهر المقبل", "2023-04", True)]


def test_bare_weekday_rule() -> None:
    # a bare weekday is the latest such day on or before the reference; "last Sunday" never is the reference
    assert found("روز یکشنبه", "fa")[0][1] == "2023-03-05"
    assert found("یکشنبه گذشته", "fa")[0][1] == "2023-02-26"
    assert found("الاثنين الماضي", "ar")[0][1] == "2023-02-27"
    assert found("الأحد المقبل", "ar")[0][1] == "2023-03-12"
    # in a sentence about the future, the next one
    assert found("من المقرر أن يصل الوزير يوم الأربعاء", "ar")[0][1] == "2023-03-08"


def test_ranges() -> None:
    assert found("از ۱ تا ۵ مهر ۱۴۰۲", "fa") == [("از ۱ تا ۵ مهر ۱۴۰۲", "2023-09-23/2023-09-27", False)]
    assert found("من 12 إلى 14 نوفمبر 2023", "ar")[0][1] == "2023-11-12/2023-11-14"
    assert found("ليلة السبت إلى الأحد", "ar") == [("ليلة السبت إلى الأحد", "2023-03-04/2023-03-05", True)]


def test_times_attach_to_their_day() -> None:
    assert found("ساعت ۱۰ صبح امروز", "fa") == [("ساعت ۱۰ صبح امروز", "2023-03-05T10:00", True)]
    assert found("الساعة العاشرة صباحا اليوم", "ar")[0][1] == "2023-03-05T10:00"
    assert found("امروز ساعت ۹ شب", "fa")[0][1] == "2023-03-05T21:00"
    assert found("ساعت ۱۰ صبح", "fa") == []  # a clock alone is no date
    # the day part ending the clock is the clock's, also before a weekday with its prefix
    assert found("ساعت ۱۰ صبح روز سه‌شنبه", "fa") == [("ساعت ۱۰ صبح روز سه‌شنبه", "2023-02-28T10:00", True)]


def test_no_reference_drops_relative_and_yearless() -> None:
    assert found("دیروز در ۱۰ دی و ۱۴ اسفند ۱۴۰۱", "fa", None) == [("۱۴ اسفند ۱۴۰۱", "2023-03-05", False)]


@pytest.mark.parametrize("text,lang", [
    ("۱۴۰۰ نفر در این تجمع شرکت کردند.", "fa"),
    ("مه غلیظ جاده را بست و آنها می روند.", "fa"),
    ("آذر محمدی و بهمن فرمان‌آرا گفتند سال‌ها گذشت.", "fa"),
    ("ماه در آسمان دیده شد.", "fa"),
    ("قال عبد الأحد إن اليوم الوطني مهم.", "ar"),
    ("وقال كلا الاثنين إن الحل سياسي وأدى المصلون صلاة الجمعة.", "ar"),
    ("يبلغ عدد السكان 1445 نسمة.", "ar"),
])
def test_traps_are_not_dates(text: str, lang: str) -> None:
    assert found(text, lang) == []


def test_invalid_dates_are_dropped() -> None:
    assert found("۳۰ اسفند ۱۴۰۲", "fa") == []
    assert found("31 فبراير 2023", "ar") == []


def test_gold_meets_targets() -> None:
    rows = [json.loads(line) for path in sorted(GOLD.glob("dates_*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = predicted = exact = right = 0
    for row in rows:
        expected = {(d["start"], d["end"]): d["value"] for d in row["dates"]}
        got = extract_dates(row["text"], row["lang"], datetime.date.fromisoformat(row["reference"]))
        gold += len(expected)
        predicted += len(got)
        for d in got:
            if (d.start, d.end) in expected:
                exact += 1
                right += expected[(d.start, d.end)] == d.value
    precision, recall = exact / predicted, exact / gold
    assert gold >= 400
    assert 2 * precision * recall / (precision + recall) >= 0.95
    assert right / gold >= 0.95


def test_ordinal_day_words() -> None:
    assert found("در اول دی ۱۴۰۱ اعلام شد", "fa") == [("اول دی ۱۴۰۱", "2022-12-22", False)]
    assert found("بیست و دوم بهمن ۱۳۵۷", "fa")[0][1] == "1979-02-11"
    assert found("في الخامس من مارس 2023", "ar") == [("الخامس من مارس 2023", "2023-03-05", False)]
    assert found("في الحادي والعشرين من مارس 2022", "ar")[0][1] == "2022-03-21"
    # "نیمه دوم" is a month part, not the 2nd day
    assert found("نیمه دوم مهر ۱۴۰۱", "fa") == [("نیمه دوم مهر ۱۴۰۱", "2022-10-08/2022-10-22", False)]


def test_month_parts() -> None:
    assert found("اواخر آذر ۱۴۰۱", "fa") == [("اواخر آذر ۱۴۰۱", "2022-12-12/2022-12-21", False)]
    assert found("منذ مطلع أكتوبر (تشرين الأول) الماضي", "ar") == [
        ("مطلع أكتوبر (تشرين الأول) الماضي", "2022-10-01/2022-10-10", True)]
    assert found("أواخر فبراير 2023", "ar")[0][1] == "2023-02-21/2023-02-28"  # cut at the month's end
    assert found("أواسط الشهر الماضي", "ar")[0][1] == "2023-02-11/2023-02-20"
    assert found("اوایل بهمن", "fa")[0][1] == "2023-01-21/2023-01-30"


def test_yearless_date_with_modifier() -> None:
    # "last 5 March" seen on 5 March is the year before; "next" looks forward
    assert found("في 5 مارس الماضي", "ar") == [("5 مارس الماضي", "2022-03-05", True)]
    assert found("في 20 ديسمبر المقبل", "ar")[0][1] == "2023-12-20"
    # "پیش رو" (ahead) and "قبل از" (before) are not modifiers of the date
    assert found("۲۲ بهمن پیش رو", "fa")[0][0] == "۲۲ بهمن"
    assert found("۱۵ خرداد قبل از انتخابات", "fa")[0][0] == "۱۵ خرداد"


@pytest.mark.parametrize("text,lang", [
    ("يعاني السكان من انقطاع المياه منذ سنوات.", "ar"),
    ("استقر سعر الصرف منذ أشهر وقبل أيام ارتفع.", "ar"),
    ("ظرف چند هفته آینده نهایی می‌شود.", "fa"),
    ("خلال بضعة أسابيع مقبلة.", "ar"),
])
def test_vague_counts_are_not_dates(text: str, lang: str) -> None:
    assert found(text, lang) == []


def test_counted_plural_units_still_count() -> None:
    assert found("منذ 3 أشهر", "ar") == [("منذ 3 أشهر", "2022-12", True)]
    assert found("منذ أسبوع", "ar")[0][1] == "2023-02-26"


def test_same_day_in_two_calendars_gives_the_gregorian_one() -> None:
    text = "الخميس - 2 شهر جمادى الأولى 1445 هـ - 16 نوفمبر 2023 مـ"
    assert found(text, "ar") == [(text, "2023-11-16", False)]
    assert extract_dates(text, "ar", None)[0].calendar == "gregorian"
    text = "الأربعاء ٢٥ تشرين الأول ٢٠٢٣ - ١٠ ربيع الثاني ١٤٤٥ هـ"
    assert found(text, "ar") == [(text, "2023-10-25", False)]
    # dates of two calendars that disagree are two dates, not one day and not a range
    assert [value for _, value, _ in found("1 رجب 1445 هـ - 20 أكتوبر 2023", "ar")] == ["2024-01-13", "2023-10-20"]


def test_spaced_and_joined_weekdays_and_bracketed_weekday() -> None:
    for weekday in ("سه شنبه", "سه‌شنبه", "سهشنبه"):
        assert found(f"وزیر روز {weekday} سفر کرد", "fa") == [(f"روز {weekday}", "2023-02-28", True)]
    assert found("قتل ثلاثة أمس (السبت) في غارة", "ar") == [("أمس (السبت)", "2023-03-04", True)]
