# ruff: noqa: E501  (article prose and page templates: long lines are the text itself)
"""Build Rasad's bundled samples (samples/) from the articles written in this folder.

Run: python tools/sample_sources/build_samples.py

Writes the .txt scrapes, the .html pages, the HTML sources of the WARC (samples/warc/src/*.html.in),
samples/jsonl/wire.jsonl, samples/rss/feed.xml, samples/rss/sana.atom, samples/stories.tsv and the
file table of samples/README.md; then runs samples/make_encodings.py (the four .txt files in legacy
encodings, from UTF-8 sources written to tools/sample_sources/encodings/) and samples/make_warc.py.
The outputs are committed; rerun after editing an article. Every article is our own invented text.
"""

from __future__ import annotations

import html as html_lib
import json
import runpy
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from articles_ar import ARTICLES_AR  # noqa: E402
from articles_fa import ARTICLES_FA  # noqa: E402
from outlets import TEMPLATES  # noqa: E402

ROOT = HERE.parent.parent
SAMPLES = ROOT / "samples"
ENCODING_SOURCES = HERE / "encodings"

ZWNJ = "\u200c"
PERSIAN_KEYBOARD = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی"})
LATIN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
# cp1256 has Arabic yeh but no Persian yeh (U+06CC): old Persian cp1256 sites type ي.
CP1256_PERSIAN = str.maketrans({"ی": "ي"})

ARTICLES = {**ARTICLES_FA, **ARTICLES_AR}

ARTICLES["tasnim-visit"] = dict(
    title="ورود نخست وزیر عراق به تهران",
    body="""به گزارش خبرگزاری تسنیم، محمد شیاع السودانی نخست وزیر عراق صبح امروز چهارشنبه در رأس هیاتی بلندپایه برای سفری دو روزه وارد تهران شد.
وی در بدو ورود به فرودگاه مهرآباد مورد استقبال وزیر نفت قرار گرفت و قرار است پس از مراسم استقبال رسمی در سعدآباد با آیت الله رئیسی رئیس جمهور دیدار کند.
این دومین سفر السودانی به تهران از زمان تصدی نخست وزیری عراق است.""",
)


@dataclass
class Item:
    key: str  # article key in ARTICLES
    lang: str
    fmt: str  # txt, html, warc, jsonl, rss, atom
    path: str  # relative to samples/ (for warc: the source page under warc/src/)
    outlet: str
    story: str
    published: str  # ISO Gregorian (date or datetime), "" when the page states none
    dates: str  # the dates as the page prints them, and their calendars (README)
    encoding: str = "utf-8"
    traps: str = ""
    page: dict = field(default_factory=dict)  # outlet-specific header values
    ref: str = ""  # "#id" or "#n" for items inside jsonl/warc/rss files


def fa(text: str) -> str:
    return text.replace("^", ZWNJ)


def paras(text: str) -> list[str]:
    return [line.strip() for line in text.strip().splitlines() if line.strip()]


ITEMS: list[Item] = [
    # ------------------------------------------------------------ S1 geneva-fm-2020
    Item("irna-geneva", "fa", "txt", "txt/irna/1398-12-06-zarif-lavrov-geneva.txt", "IRNA", "geneva-fm-2020",
         "2020-02-25T14:20", "۱۴:۲۰ - ۶ اسفند ۱۳۹۸ (jalali); body: روز سه شنبه، روز دوشنبه",
         traps="lost ZWNJ (تحریمهای، نتوانسته اند، هسته ای), spaced سه شنبه",
         page=dict(category="سیاست > سیاست خارجی", code="۸۳۶۸۲۲۱۴", dateline="۱۴:۲۰ - ۶ اسفند ۱۳۹۸",
                   tags=["ظریف", "لاوروف", "ژنو", "برجام"], short="d3Kq8",
                   related=["عراقچی: نشست کمیسیون مشترک برجام هفته آینده در وین برگزار میشود",
                            "موسوی: اروپا فرصت را از دست ندهد"])),
    Item("tasnim-geneva", "fa", "txt", "txt/tasnim/1398-12-06-zarif-lavrov-geneva.txt", "Tasnim",
         "geneva-fm-2020", "2020-02-25T18:05", "۱۳۹۸/۱۲/۰۶ - ۱۸:۰۵ (jalali, numeric); body: عصر امروز (سه‌شنبه)",
         traps="numeric Solar Hijri date with Persian digits; title with '/' separator",
         page=dict(category="اخبار بین الملل > اخبار ایران در جهان", dateline="۱۳۹۸/۱۲/۰۶ - ۱۸:۰۵",
                   section="بین الملل",
                   related=["هشدار ظریف به اروپا درباره سازوکار ماشه",
                            "روحانی: آمریکا باید به برجام بازگردد",
                            "نشست سه جانبه آستانه در تهران برگزار میشود"])),
    Item("sana-geneva", "ar", "txt", "txt/sana/2020-02-26-zarif-lavrov-geneva.txt", "SANA",
         "geneva-fm-2020", "2020-02-26", "26 شباط 2020 (Gregorian, Levantine months); body: أمس الثلاثاء",
         traps="published the day after the meeting: أمس الثلاثاء = 2020-02-25",
         page=dict(dateline="26 شباط 2020",
                   related=["المعلم يستقبل مبعوث الرئيس الروسي", "الجيش يواصل عملياته في ريف إدلب"])),
    Item("alalam-geneva", "ar", "txt", "txt/alalam/2020-02-25-zarif-lavrov-geneva.txt", "Al-Alam",
         "geneva-fm-2020", "2020-02-25T16:40",
         "الثلاثاء ٢٥ فبراير ٢٠٢٠ - ١٦:٤٠ GMT (Gregorian, Arabic-Indic digits) and ١ رجب ١٤٤١ (Hijri)",
         traps="Arabic typed with Persian ی ک (translated from Persian)",
         page=dict(dateline="الثلاثاء ٢٥ فبراير ٢٠٢٠ - ١٦:٤٠ بتوقيت غرينتش | ١ رجب ١٤٤١",
                   tags=["ظريف", "لافروف", "جنيف", "الاتفاق النووي"], persian_keyboard=True)),
    Item("aljazeera-geneva", "ar", "html", "html/aljazeera-2020-02-25-zarif-lavrov.html", "Al Jazeera",
         "geneva-fm-2020", "2020-02-25T17:30", "JSON-LD datePublished 2020-02-25T17:30:00+03:00; body: يناير/كانون الثاني",
         traps="double month names يناير/كانون الثاني, مايو/أيار",
         page=dict(url="https://www.aljazeera.net/news/politics/2020/2/25/zarif-lavrov-geneva",
                   iso="2020-02-25T17:30:00+03:00", shown="25/2/2020",
                   related=["إيران تخفض التزاماتها النووية خطوة خامسة", "الترويكا الأوروبية تفعّل آلية فض النزاع"])),
    # ------------------------------------------------------------ S2 call-raisi-assad-2023-03
    Item("irna-call-march", "fa", "txt", "txt/irna/1401-12-14-raisi-assad-call.txt", "IRNA",
         "call-raisi-assad-2023-03", "2023-03-05T09:15",
         "۰۹:۱۵ - ۱۴ اسفند ۱۴۰۱ (jalali); body: صبح امروز یکشنبه، ۱۷ بهمن (year implied: 1401)",
         traps="wire original of the syndicated copy in hamshahri/; pishnevis without ZWNJ; month without year",
         page=dict(category="سیاست > دولت", code="۸۵۰۴۱۲۷۷", dateline="۰۹:۱۵ - ۱۴ اسفند ۱۴۰۱",
                   tags=["ابراهیم رئیسی", "بشار اسد", "سوریه", "زلزله"], short="r7Hx2",
                   related=["ارسال هفتمین محموله کمکهای هلال احمر به لاذقیه",
                            "امیرعبداللهیان: بازسازی حلب اولویت همکاری تهران و دمشق است"])),
    Item("hamshahri-call-march", "fa", "txt", "txt/hamshahri/1401-12-14-raisi-assad-call.txt", "Hamshahri",
         "call-raisi-assad-2023-03", "2023-03-05T10:02", "یکشنبه ۱۴ اسفند ۱۴۰۱ - ۱۰:۰۲ (jalali)",
         traps="SYNDICATED COPY of txt/irna/1401-12-14-raisi-assad-call.txt (small edits, last paragraph cut)",
         page=dict(dateline="یکشنبه ۱۴ اسفند ۱۴۰۱ - ۱۰:۰۲", category="سیاسی", source_line="منبع: ایرنا",
                   likes="۳")),
    Item("sana-call-march", "ar", "txt", "txt/sana/2023-03-05-assad-raisi-call.txt", "SANA",
         "call-raisi-assad-2023-03", "2023-03-05", "5 آذار 2023 (Gregorian, Levantine); body: اليوم، الشهر الماضي",
         traps="same two presidents as the October call",
         page=dict(dateline="5 آذار 2023",
                   related=["وصول طائرة مساعدات إيرانية جديدة إلى مطار اللاذقية",
                            "الرئيس الأسد يزور المناطق المتضررة من الزلزال في حلب"])),
    Item("isna-call-march", "fa", "jsonl", "jsonl/wire.jsonl", "ISNA", "call-raisi-assad-2023-03",
         "2023-03-05T09:40", "published field as printed: ۱۴ اسفند ۱۴۰۱ - ۰۹:۴۰ (jalali)",
         traps="jsonl published is a raw Persian string", ref="#isna-1401-12-14-0042",
         page=dict(url="https://www.isna.ir/news/1401121409876/", published_raw="۱۴ اسفند ۱۴۰۱ - ۰۹:۴۰")),
    # ------------------------------------------------------------ S3 call-raisi-assad-2023-10
    Item("tasnim-call-october", "fa", "txt", "txt/tasnim/1402-07-23-raisi-assad-call.txt", "Tasnim",
         "call-raisi-assad-2023-10", "2023-10-15T13:20", "۱۴۰۲/۰۷/۲۳ - ۱۳:۲۰ (jalali); body: ظهر امروز یکشنبه",
         traps="STORY TRAP: same presidents, same kind of event as the March call",
         page=dict(category="اخبار سیاسی > دولت", dateline="۱۴۰۲/۰۷/۲۳ - ۱۳:۲۰", section="سیاسی",
                   related=["امیرعبداللهیان در دمشق: جنگ غزه ممکن است گسترش یابد",
                            "نشست فوق العاده سازمان همکاری اسلامی در جده"])),
    Item("sana-call-october", "ar", "txt", "txt/sana/2023-10-15-assad-raisi-call.txt", "SANA",
         "call-raisi-assad-2023-10", "2023-10-15", "15 تشرين الأول 2023 (Gregorian, Levantine); body: اليوم",
         traps="STORY TRAP: near-identical wording to the March call",
         page=dict(dateline="15 تشرين الأول 2023",
                   related=["عدوان إسرائيلي على مطاري دمشق وحلب الدوليين",
                            "المقداد يبحث مع عبد اللهيان التطورات في غزة"])),
    Item("alalam-call-october", "ar", "txt", "txt/alalam/2023-10-15-raisi-assad-call.txt", "Al-Alam",
         "call-raisi-assad-2023-10", "2023-10-15T10:55",
         "الأحد ٣٠ ربيع الأول ١٤٤٥ هـ - ١٥ أكتوبر ٢٠٢٣ - ١٠:٥٥ GMT (Hijri and Gregorian); body: اليوم الأحد",
         traps="tatweel (الـرئيـس)",
         page=dict(dateline="الأحد ٣٠ ربيع الأول ١٤٤٥ هـ - ١٥ أكتوبر ٢٠٢٣ - ١٠:٥٥ بتوقيت غرينتش",
                   tags=["رئيسي", "الأسد", "غزة"], tatweel={"الرئيس الإيراني": "الـرئيـس الإيراني"})),
    # ------------------------------------------------------------ S4 idlib-strike-2023-11
    Item("sana-idlib", "ar", "txt", "txt/sana/2023-11-04-idlib-army-strikes.txt", "SANA", "idlib-strike-2023-11",
         "2023-11-04", "4 تشرين الثاني 2023 (Gregorian, Levantine); body: فجر اليوم",
         page=dict(dateline="4 تشرين الثاني 2023",
                   related=["استشهاد مدنيين باعتداء بالمسيرات على ريف حماة",
                            "وحدات من الجيش تسقط طائرات مسيرة في ريف اللاذقية"])),
    Item("asharq-idlib", "ar", "txt", "txt/asharq/2023-11-05-idlib-civilians.txt", "Asharq Al-Awsat",
         "idlib-strike-2023-11", "2023-11-05",
         "الأحد - 21 شهر ربيع الثاني 1445 هـ - 05 نوفمبر 2023 مـ (Hijri and Gregorian); body: أمس (السبت)، أكتوبر (تشرين الأول)",
         traps="published the day after: أمس = 2023-11-04; tatweel in مـ",
         page=dict(section="المشرق العربي", tags=["سوريا", "إدلب", "الحرب في سوريا"],
                   dateline="الأحد - 21 شهر ربيع الثاني 1445 هـ - 05 نوفمبر 2023 مـ",
                   related=["تركيا تعزز نقاطها العسكرية في جبل الزاوية", "الأمم المتحدة تحذر من نزوح جديد في إدلب"])),
    Item("aljazeera-idlib", "ar", "html", "html/aljazeera-2023-11-04-idlib-strikes.html", "Al Jazeera",
         "idlib-strike-2023-11", "2023-11-04T15:10",
         "meta article:published_time and JSON-LD 2023-11-04T15:10:00+03:00; shown: 4 نوفمبر/تشرين الثاني 2023; body: مارس/آذار 2020",
         traps="visible date with double month names",
         page=dict(url="https://www.aljazeera.net/news/2023/11/4/idlib-airstrikes-civilians",
                   iso="2023-11-04T15:10:00+03:00", shown="السبت 4 نوفمبر/تشرين الثاني 2023",
                   related=["هجوم بمسيّرة على الكلية الحربية في حمص", "تصاعد القصف على شمال غربي سوريا"])),
    Item("mehr-idlib", "fa", "txt", "txt/mehr/1402-08-13-idlib-strikes.txt", "Mehr", "idlib-strike-2023-11",
         "2023-11-04T11:45", "۱۳ آبان ۱۴۰۲، ۱۱:۴۵ (jalali); body: بامداد امروز شنبه، سال ۲۰۲۰",
         traps="lost ZWNJ (تروریستها، گروههای، شده اند)",
         page=dict(dateline="۱۳ آبان ۱۴۰۲، ۱۱:۴۵", code="۵۹۲۳۴۵۶", kicker="ادامه درگیریها در شمال سوریه",
                   tags=["سوریه", "ادلب", "جبهه النصره", "روسیه"], short="YzQ4")),
    Item("isna-idlib", "fa", "txt", "txt/isna/1402-08-13-idlib-strikes.txt", "ISNA", "idlib-strike-2023-11",
         "2023-11-04T14:05", "1402/08/13 - 14:05 (jalali, Latin digits); site header: سه شنبه ۲۴ بهمن ۱۴۰۲ - ۱۸:۳۰",
         traps="FETCH-DATE HEADER: the site header shows the fetch day (2024-02-13), not the article's date",
         page=dict(fetched="سه شنبه ۲۴ بهمن ۱۴۰۲ - ۱۸:۳۰", dateline="1402/08/13 - 14:05 / بین الملل / خاورمیانه",
                   code="1402081309876", likes="۱۲")),
    Item("sadabeirut-idlib", "ar", "txt", "txt/sadabeirut/idlib-escalation.txt", "Sada Beirut",
         "idlib-strike-2023-11", "", "none on the page; body: أمس",
         traps="NO DATE: only the story can anchor أمس",
         page=dict(comments="٢")),
    # ------------------------------------------------------------ S5 eu-sanctions-2023-12
    Item("fars-sanctions", "fa", "txt", "txt/fars/1402-09-21-kanaani-eu-sanctions.txt", "Fars",
         "eu-sanctions-2023-12", "2023-12-12T11:30",
         "سه شنبه ۲۱ آذر ۱۴۰۲ - ۱۱:۳۰ (jalali); body: امروز سه شنبه، روز دوشنبه",
         traps="lost ZWNJ (بینالملل، میشود، داراییهای)",
         page=dict(dateline="سه شنبه ۲۱ آذر ۱۴۰۲ - ۱۱:۳۰", category="سیاست خارجی", editor="ح", likes="۲۴",
                   related=["واکنش تهران به بیانیه شورای همکاری خلیج فارس",
                            "امیرعبداللهیان: اروپا به تعهدات برجامی خود عمل نکرده است"])),
    Item("asharq-sanctions", "ar", "txt", "txt/asharq/2023-12-12-eu-iran-sanctions.txt", "Asharq Al-Awsat",
         "eu-sanctions-2023-12", "2023-12-12",
         "الثلاثاء - 28 جمادى الأولى 1445 هـ - 12 ديسمبر 2023 مـ (Hijri and Gregorian); body: أمس (الاثنين)",
         page=dict(section="أخبار", tags=["إيران", "الاتحاد الأوروبي", "عقوبات"],
                   dateline="الثلاثاء - 28 جمادى الأولى 1445 هـ - 12 ديسمبر 2023 مـ",
                   related=["واشنطن تفرض عقوبات على شبكة لتهريب النفط الإيراني",
                            "كييف: مسيّرات إيرانية الصنع تستهدف منشآت الطاقة"])),
    Item("alalam-sanctions", "ar", "txt", "txt/alalam/2023-12-12-eu-sanctions.txt", "Al-Alam",
         "eu-sanctions-2023-12", "2023-12-12T09:20",
         "الثلاثاء ١٢ ديسمبر ٢٠٢٣ - ٠٩:٢٠ GMT (Gregorian, Arabic-Indic digits); body: اليوم الثلاثاء، أمس الاثنين",
         traps="Arabic typed with Persian ی ک (translated from Persian)",
         page=dict(dateline="الثلاثاء ١٢ ديسمبر ٢٠٢٣ - ٠٩:٢٠ بتوقيت غرينتش",
                   tags=["كنعاني", "العقوبات", "الاتحاد الأوروبي"], persian_keyboard=True)),
    Item("tasnim-sanctions", "fa", "rss", "rss/feed.xml", "Tasnim", "eu-sanctions-2023-12",
         "2023-12-11T21:45", "pubDate Mon, 11 Dec 2023 21:45:00 +0330; body: عصر امروز دوشنبه", ref="#1",
         page=dict(url="https://www.tasnimnews.com/fa/news/1402/09/20/2999001/",
                   pubdate="Mon, 11 Dec 2023 21:45:00 +0330")),
    Item("aljazeera-sanctions", "ar", "jsonl", "jsonl/wire.jsonl", "Al Jazeera", "eu-sanctions-2023-12",
         "2023-12-11T20:05", "published field: 2023-12-11T20:05:00+03:00; body: اليوم الاثنين، فبراير/شباط 2022",
         traps="jsonl line with html instead of text", ref="#aj-2023-12-11-eu-drones",
         page=dict(url="https://www.aljazeera.net/news/2023/12/11/eu-sanctions-iran-drones",
                   published_raw="2023-12-11T20:05:00+03:00")),
    # ------------------------------------------------------------ S6 baghdad-protest-2023-08
    Item("dijla-protest", "ar", "txt", "txt/dijla/2023-08-12-baghdad-power-protests.txt", "Dijla News (Iraqi)",
         "baghdad-protest-2023-08", "2023-08-12T21:15", "السبت، 12 آب 2023 | 9:15 م (Gregorian, Levantine); body: مساء اليوم السبت",
         traps="12-hour clock with م (evening)",
         page=dict(section="محليات", dateline="السبت، 12 آب 2023 | 9:15 م", views="1,254",
                   related=["الكهرباء: عودة وحدات محطة الدورة إلى الخدمة",
                            "ارتفاع درجات الحرارة إلى 51 مئوية في البصرة"])),
    Item("nabd-protest", "ar", "warc", "warc/src/nabd-2023-08-13-sudani-power-committee.html.in",
         "Nabd al-Iraq (Iraqi)", "baghdad-protest-2023-08", "2023-08-13T11:20",
         "meta article:published_time 2023-08-13T11:20:00+03:00; shown: 13/08/2023; body: اليوم الأحد، مساء أمس، مساء السبت",
         ref="#4",
         page=dict(url="https://nabdiraq.example/news/2023/08/13/power-committee",
                   iso="2023-08-13T11:20:00+03:00", shown="13/08/2023 - 11:20",
                   related=["وزير الكهرباء يزور محطة المنصورية", "الأنواء الجوية: موجة الحر مستمرة"])),
    Item("aljazeera-protest", "ar", "jsonl", "jsonl/wire.jsonl", "Al Jazeera", "baghdad-protest-2023-08",
         "2023-08-12T21:40", "published field: 2023-08-12T21:40:00+03:00; body: مساء اليوم السبت",
         ref="#aj-2023-08-12-baghdad-power",
         page=dict(url="https://www.aljazeera.net/news/2023/8/12/baghdad-electricity-protests",
                   published_raw="2023-08-12T21:40:00+03:00")),
    Item("irna-protest", "fa", "jsonl", "jsonl/wire.jsonl", "IRNA", "baghdad-protest-2023-08",
         "2023-08-12T22:10", "published field: 2023-08-12T22:10; body: شامگاه شنبه", ref="#irna-85195533",
         traps="jsonl line without lang (detect it)",
         page=dict(url="https://www.irna.ir/news/85195533/", published_raw="2023-08-12T22:10", no_lang=True)),
    # ------------------------------------------------------------ S7 sudani-visit-2024-02
    Item("irna-visit", "fa", "warc", "warc/src/irna-1402-11-25-sudani-tehran.html.in", "IRNA",
         "sudani-visit-2024-02", "2024-02-14T13:05",
         "JSON-LD datePublished 2024-02-14T13:05:00+03:30; shown: ۲۵ بهمن ۱۴۰۲، ۱۳:۰۵ (jalali); body: صبح امروز چهارشنبه",
         ref="#2",
         page=dict(url="https://www.irna.ir/news/85391207/", iso="2024-02-14T13:05:00+03:30",
                   shown="۲۵ بهمن ۱۴۰۲، ۱۳:۰۵",
                   related=["امضای چهار سند همکاری میان ایران و عراق", "مخبر: راه آهن شلمچه- بصره تا پایان سال تکمیل میشود"])),
    Item("mehr-visit", "fa", "txt", "txt/mehr/1402-11-25-sudani-tehran.txt", "Mehr", "sudani-visit-2024-02",
         "2024-02-14T12:30", "۲۵ بهمن ۱۴۰۲، ۱۲:۳۰ (jalali); body: امروز (چهارشنبه ۲۵ بهمن)",
         traps="lost ZWNJ (نمیدهد، گروههای، نمی توانند)",
         page=dict(dateline="۲۵ بهمن ۱۴۰۲، ۱۲:۳۰", code="۶۰۵۱۲۳۹", kicker="در نشست خبری مشترک با رئیسی",
                   tags=["عراق", "محمد شیاع السودانی", "ابراهیم رئیسی"], short="Tb9w")),
    Item("dijla-visit", "ar", "txt", "txt/dijla/2024-02-14-sudani-tehran.txt", "Dijla News (Iraqi)",
         "sudani-visit-2024-02", "2024-02-14T10:40", "الأربعاء، 14 شباط 2024 | 10:40 ص (Gregorian, Levantine); body: صباح اليوم الأربعاء",
         traps="tatweel (رئيـس مجلـس الـوزراء)",
         page=dict(section="سياسة", dateline="الأربعاء، 14 شباط 2024 | 10:40 ص", views="3,870",
                   related=["السوداني يستقبل السفير الإيراني في بغداد", "مجلس الوزراء يقر اتفاقية الربط السككي"],
                   tatweel={"رئيس مجلس الوزراء": "رئيـس مجلـس الـوزراء"})),
    Item("alalam-visit", "ar", "html", "html/alalam-2024-02-14-sudani-raisi.html", "Al-Alam",
         "sudani-visit-2024-02", "2024-02-14T11:50",
         "meta article:published_time 2024-02-14T11:50:00Z; shown: ٤ شعبان ١٤٤٥ - ١٤ فبراير ٢٠٢٤ (Hijri and Gregorian); body: اليوم الأربعاء",
         page=dict(url="https://www.alalam.ir/news/6812345/", iso="2024-02-14T11:50:00Z",
                   shown="الأربعاء ٤ شعبان ١٤٤٥ - ١٤ فبراير ٢٠٢٤ - ١١:٥٠ بتوقيت غرينتش",
                   related=["عبد اللهيان: العلاقات مع العراق استراتيجية", "قائد الثورة يستقبل رئيس الوزراء العراقي"])),
    Item("tasnim-visit", "fa", "rss", "rss/feed.xml", "Tasnim", "sudani-visit-2024-02", "2024-02-14T09:35",
         "pubDate Wed, 14 Feb 2024 09:35:00 +0330; body: صبح امروز چهارشنبه", ref="#2",
         page=dict(url="https://www.tasnimnews.com/fa/news/1402/11/25/3012044/",
                   pubdate="Wed, 14 Feb 2024 09:35:00 +0330")),
    # ------------------------------------------------------------ S8 lebanon-syria-transit-2023-09
    Item("sadabeirut-agreement", "ar", "txt", "txt/sadabeirut/2023-09-30-lebanon-syria-transit.txt", "Sada Beirut",
         "lebanon-syria-transit-2023-09", "2023-09-30",
         "السبت ٣٠ أيلول ٢٠٢٣ - ١٥ ربيع الأول ١٤٤٥ هـ (Gregorian Levantine and Hijri, Arabic-Indic digits); body: اليوم السبت",
         page=dict(dateline="السبت ٣٠ أيلول ٢٠٢٣ - ١٥ ربيع الأول ١٤٤٥ هـ", comments="٥")),
    Item("sana-agreement", "ar", "txt", "txt/sana/2023-09-30-lebanon-syria-transit.txt", "SANA",
         "lebanon-syria-transit-2023-09", "2023-09-30", "30 أيلول 2023 (Gregorian, Levantine); body: اليوم",
         page=dict(dateline="30 أيلول 2023",
                   related=["وزير النقل يبحث مع وفد عراقي تفعيل الربط السككي",
                            "افتتاح معبر جديد للشاحنات على الحدود السورية اللبنانية"])),
    Item("aljazeera-agreement", "ar", "warc", "warc/src/aljazeera-2023-09-30-lebanon-syria-transit.html.in",
         "Al Jazeera", "lebanon-syria-transit-2023-09", "2023-09-30T16:25",
         "JSON-LD datePublished 2023-09-30T16:25:00+03:00; shown: 30/9/2023; body: اليوم السبت", ref="#1",
         page=dict(url="https://www.aljazeera.net/ebusiness/2023/9/30/lebanon-syria-transit-agreement",
                   iso="2023-09-30T16:25:00+03:00", shown="30/9/2023",
                   related=["قانون قيصر: ماذا يعني للبنان؟", "صادرات لبنان الزراعية تتراجع"])),
    Item("tasnim-agreement", "fa", "rss", "rss/feed.xml", "Tasnim", "lebanon-syria-transit-2023-09",
         "2023-10-01T10:15", "pubDate Sun, 01 Oct 2023 10:15:00 +0330; body: روز شنبه (= 2023-09-30)", ref="#3",
         traps="event day (Saturday) before the publication day",
         page=dict(url="https://www.tasnimnews.com/fa/news/1402/07/09/2960033/",
                   pubdate="Sun, 01 Oct 2023 10:15:00 +0330")),
    # ------------------------------------------------------------ single articles
    Item("hamshahri-pollution", "fa", "txt", "txt/hamshahri/1402-09-29-tehran-schools-closed.txt", "Hamshahri",
         "single-tehran-pollution-2023-12", "2023-12-20T13:40",
         "چهارشنبه 29 آذر 1402 - 13:40 (jalali, Latin digits); body: فردا پنجشنبه 30 آذر، امروز چهارشنبه، دوشنبه گذشته",
         encoding="windows-1256",
         traps="cp1256 with CRLF line ends; Persian written with Arabic ي (cp1256 has no ی); Latin digits",
         page=dict(dateline="چهارشنبه ۲۹ آذر ۱۴۰۲ - ۱۳:۴۰", category="تهران", likes="۴۱", cp1256=True)),
    Item("sana-crafts", "ar", "txt", "txt/sana/2024-01-09-heritage-crafts.txt", "SANA",
         "single-damascus-crafts-2024-01", "2024-01-09", "9 كانون الثاني 2024 (Gregorian, Levantine); body: اليوم",
         encoding="windows-1256",
         page=dict(dateline="9 كانون الثاني 2024",
                   related=["مهرجان الأيام الثقافية في قلعة دمشق", "وزارة السياحة تطلق دليلاً للحرف اليدوية"],
                   cp1256=True)),
    Item("sadabeirut-fuel", "ar", "txt", "txt/sadabeirut/2024-01-10-fuel-prices.txt", "Sada Beirut",
         "single-lebanon-fuel-2024-01", "2024-01-10", "الأربعاء 10 كانون الثاني 2024 (Gregorian, Levantine); body: اليوم الأربعاء",
         encoding="utf-16", traps="UTF-16 LE with BOM; numbers with thousands commas",
         page=dict(dateline="الأربعاء 10 كانون الثاني 2024", comments="١٢")),
    Item("dijla-football", "ar", "txt", "txt/dijla/2023-12-22-zawraa-shorta.txt", "Dijla News (Iraqi)",
         "single-iraq-football-2023-12", "2023-12-22T21:50", "الجمعة، 22 كانون الأول 2023 | 9:50 م (Gregorian, Levantine); body: مساء اليوم الجمعة",
         encoding="utf-8-sig", traps="UTF-8 with BOM",
         page=dict(section="رياضة", dateline="الجمعة، 22 كانون الأول 2023 | 9:50 م", views="8,912",
                   related=["القوة الجوية يتعادل مع نفط البصرة", "اتحاد الكرة يحدد موعد انطلاق الدور الثاني"])),
    Item("irna-bourse", "fa", "jsonl", "jsonl/wire.jsonl", "IRNA", "single-tehran-bourse-2023-05",
         "2023-05-20T14:05", "published field as printed: ۳۰ اردیبهشت ۱۴۰۲ - ۱۴:۰۵ (jalali); body: امروز شنبه",
         ref="#irna-85116201",
         page=dict(url="https://www.irna.ir/news/85116201/", published_raw="۳۰ اردیبهشت ۱۴۰۲ - ۱۴:۰۵")),
    Item("asharq-water", "ar", "jsonl", "jsonl/wire.jsonl", "Asharq Al-Awsat", "single-riyadh-water-2023-05",
         "2023-05-22", "published field: 2023-05-22; body: اليوم (الاثنين)، 2030", ref="#asharq-4335120",
         page=dict(url="https://aawsat.com/node/4335120", published_raw="2023-05-22")),
    Item("tasnim-wheat", "fa", "rss", "rss/feed.xml", "Tasnim", "single-wheat-purchase-2023-06",
         "2023-06-06T12:10", "pubDate Tue, 06 Jun 2023 12:10:00 +0330; body: امروز سه شنبه", ref="#4",
         page=dict(url="https://www.tasnimnews.com/fa/news/1402/03/16/2906112/",
                   pubdate="Tue, 06 Jun 2023 12:10:00 +0330")),
    Item("mehr-bookfair", "fa", "html", "html/mehr-1402-02-27-tehran-book-fair.html", "Mehr",
         "single-tehran-book-fair-2023-05", "2023-05-17T18:20",
         "meta article:published_time 2023-05-17T18:20:00+03:30; shown: ۲۷ اردیبهشت ۱۴۰۲، ۱۸:۲۰ (jalali); body: ۱۷ اردیبهشت، امشب چهارشنبه",
         traps="lost ZWNJ in title (بینالمللی)",
         page=dict(url="https://www.mehrnews.com/news/5781234/", iso="2023-05-17T18:20:00+03:30",
                   shown="۲۷ اردیبهشت ۱۴۰۲، ۱۸:۲۰",
                   related=["فروش مجازی نمایشگاه کتاب از مرز ۱۰۰ میلیارد تومان گذشت",
                            "آیین اختتامیه نمایشگاه کتاب با حضور وزیر ارشاد"])),
    Item("isna-konkur", "fa", "warc", "warc/src/isna-1402-06-06-konkur-results.html.in", "ISNA",
         "single-konkur-results-2023-08", "2023-08-28T08:10",
         "meta article:published_time 2023-08-28T08:10:00+03:30; shown: ۱۴۰۲/۰۶/۰۶ - ۰۸:۱۰ (jalali); body: امروز دوشنبه ۶ شهریور، روز چهارشنبه",
         ref="#3",
         page=dict(url="https://www.isna.ir/news/1402060604512/", iso="2023-08-28T08:10:00+03:30",
                   shown="۱۴۰۲/۰۶/۰۶ - ۰۸:۱۰",
                   related=["زمان انتخاب رشته کنکور ۱۴۰۲ اعلام شد", "ظرفیت پذیرش دانشگاهها افزایش یافت"])),
]

# Atom feed (SANA's Arabic feed): two entries that repeat SANA stories in short form.
ATOM_ENTRIES = [
    dict(key="sana-atom-idlib", story="idlib-strike-2023-11", published="2023-11-04T08:30:00+03:00",
         url="https://sana.sy/?p=1982211", title="الجيش يستهدف مواقع الإرهابيين في ريف إدلب",
         text="دمرت وحدات من الجيش العربي السوري فجر اليوم مقرات ومنصات لإطلاق الطائرات المسيرة تابعة "
              "للتنظيمات الإرهابية في ريف إدلب الجنوبي، رداً على اعتداءاتها على القرى الآمنة في ريف حماة."),
    dict(key="sana-atom-crafts", story="single-damascus-crafts-2024-01", published="2024-01-09T12:00:00+03:00",
         url="https://sana.sy/?p=2017733", title="معرض للحرف التراثية في التكية السليمانية",
         text="افتتح اليوم في التكية السليمانية بدمشق معرض للحرف التراثية بمشاركة أكثر من ستين حرفياً "
              "يعرضون منتجات الموزاييك والبروكار والزجاج المنفوخ."),
]


def article_fields(item: Item) -> dict:
    """Title, lead and body of an item's article, with the item's orthographic traps applied."""
    article = ARTICLES[item.key]
    fields = {"title": article["title"], "lead": article.get("lead", ""), "body": article["body"]}
    for old, new in item.page.get("tatweel", {}).items():
        fields["body"] = fields["body"].replace(old, new, 1)
    if item.page.get("persian_keyboard"):
        fields = {name: value.translate(PERSIAN_KEYBOARD) for name, value in fields.items()}
    if item.lang == "fa":
        fields = {name: fa(value) for name, value in fields.items()}
    return fields


def txt_page(item: Item) -> str:
    outlet_id = item.path.split("/")[1]
    page = {**item.page, **article_fields(item)}
    text = fa(TEMPLATES[outlet_id](page))
    if item.page.get("cp1256"):
        text = text.translate(LATIN_DIGITS).translate(CP1256_PERSIAN)
        text.encode("cp1256")  # fails loudly if the page has a character cp1256 lacks
    return text


# ---------------------------------------------------------------- HTML pages
SITES = {
    "Al Jazeera": dict(lang="ar", name="الجزيرة نت", home="https://www.aljazeera.net/",
                       nav=["الرئيسية", "أخبار", "سياسة", "اقتصاد", "رياضة", "تقارير وحوارات"],
                       related="اقرأ أيضا", share="شارك", comment="أضف تعليقك", name_label="الاسم",
                       send="إرسال", copyright="جميع الحقوق محفوظة © 2024 شبكة الجزيرة الإعلامية"),
    "Al-Alam": dict(lang="ar", name="قناة العالم الاخبارية", home="https://www.alalam.ir/",
                    nav=["الرئيسية", "ايران", "العالم العربي", "العالم الإسلامي", "اقتصاد", "فيديو"],
                    related="اخبار ذات صلة", share="شارك", comment="اضف تعليق", name_label="الاسم",
                    send="إرسال", copyright="جميع الحقوق محفوظة لقناة العالم الاخبارية"),
    "Mehr": dict(lang="fa", name="خبرگزاری مهر", home="https://www.mehrnews.com/",
                 nav=["صفحه اصلی", "سیاست", "اقتصاد", "جامعه", "فرهنگ و هنر", "بین‌الملل", "ورزش"],
                 related="اخبار مرتبط", share="اشتراک گذاری", comment="نظر شما", name_label="نام",
                 send="ارسال", copyright="کلیه حقوق این سایت متعلق به خبرگزاری مهر است."),
    "IRNA": dict(lang="fa", name="ایرنا", home="https://www.irna.ir/",
                 nav=["صفحه اصلی", "سیاست", "اقتصاد", "جامعه", "فرهنگ", "بین الملل", "استانها"],
                 related="اخبار مرتبط", share="اشتراک گذاری", comment="ارسال نظر", name_label="نام",
                 send="ارسال", copyright="کلیه حقوق این سایت متعلق به خبرگزاری جمهوری اسلامی (ایرنا) است."),
    "ISNA": dict(lang="fa", name="ایسنا", home="https://www.isna.ir/",
                 nav=["خانه", "سیاسی", "اقتصادی", "اجتماعی", "علمی", "ورزشی", "استانها"],
                 related="اخبار مرتبط", share="اشتراک گذاری", comment="ارسال نظر", name_label="نام",
                 send="ارسال", copyright="کلیه حقوق این وبسایت متعلق به خبرگزاری دانشجویان ایران (ایسنا) است."),
    "Nabd al-Iraq (Iraqi)": dict(lang="ar", name="نبض العراق", home="https://nabdiraq.example/",
                                 nav=["الرئيسية", "سياسة", "أمن", "اقتصاد", "محافظات", "رياضة"],
                                 related="أخبار ذات صلة", share="شارك الخبر", comment="أضف تعليقاً",
                                 name_label="الاسم", send="إرسال",
                                 copyright="© 2024 نبض العراق - جميع الحقوق محفوظة"),
}


def e(text: str) -> str:
    return html_lib.escape(text, quote=True)


def html_page(item: Item, fields: dict | None = None) -> str:
    site = SITES[item.outlet]
    fields = fields or article_fields(item)
    page = item.page
    lead = fields["lead"] or paras(fields["body"])[0][:160]
    use_jsonld = item.outlet in ("Al Jazeera", "IRNA")
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{site["lang"]}" dir="rtl">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{e(fields['title'])} | {e(site['name'])}</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="description" content="{e(lead)}">',
        f'<meta property="og:title" content="{e(fields["title"])}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:url" content="{e(page["url"])}">',
        f'<meta property="og:site_name" content="{e(site["name"])}">',
        f'<link rel="canonical" href="{e(page["url"])}">',
    ]
    if use_jsonld:
        data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": fields["title"],
                "datePublished": page["iso"], "mainEntityOfPage": page["url"],
                "publisher": {"@type": "Organization", "name": site["name"]}, "inLanguage": site["lang"]}
        head.append('<script type="application/ld+json">' + json.dumps(data, ensure_ascii=False) + "</script>")
    if not use_jsonld or item.key == "aljazeera-idlib":
        head.append(f'<meta name="article:published_time" content="{page["iso"]}">')
    head.append('<link rel="stylesheet" href="/static/css/main.css">')
    head.append("</head>")
    nav = "".join(f'<li><a href="{site["home"]}">{e(label)}</a></li>' for label in site["nav"])
    body_paras = "\n".join(f"<p>{e(p)}</p>" for p in paras(fields["body"]))
    related = "\n".join(f'<li><a href="{site["home"]}news/{n}">{e(h)}</a></li>'
                        for n, h in enumerate(page.get("related", []), start=101))
    lead_html = f'<p class="lead">{e(fields["lead"])}</p>' if fields["lead"] else ""
    body = f"""<body>
<header class="site-header">
<div class="logo"><a href="{site['home']}">{e(site['name'])}</a></div>
<nav class="main-menu"><ul>{nav}</ul></nav>
<form class="search" action="/search"><input type="text" name="q"><button>🔍</button></form>
</header>
<main>
<div class="breadcrumb"><a href="{site['home']}">{e(site['nav'][0])}</a> › <a href="{site['home']}">{e(site['nav'][1])}</a></div>
<article class="news">
<h1>{e(fields['title'])}</h1>
<div class="meta"><time datetime="{page['iso']}">{e(page['shown'])}</time></div>
{lead_html}
<div class="article-body">
{body_paras}
</div>
<div class="share">{e(site['share'])}: <a href="#">Facebook</a> <a href="#">X</a> <a href="#">Telegram</a> <a href="#">WhatsApp</a></div>
</article>
<aside class="sidebar related"><h3>{e(site['related'])}</h3><ul>
{related}
</ul></aside>
<section class="comments"><h3>{e(site['comment'])}</h3>
<form method="post" action="/comment"><input type="text" name="name" placeholder="{e(site['name_label'])}">
<textarea name="body"></textarea><button type="submit">{e(site['send'])}</button></form>
</section>
</main>
<footer><p>{e(site['copyright'])}</p></footer>
</body>
</html>
"""
    return "\n".join(head) + "\n" + body


# ---------------------------------------------------------------- JSON Lines, RSS, Atom
def jsonl_line(item: Item) -> str:
    fields = article_fields(item)
    ident = item.ref.lstrip("#")
    record: dict = {"id": ident, "url": item.page["url"], "title": fields["title"],
                    "published": item.page["published_raw"], "outlet": item.outlet, "lang": item.lang}
    if item.page.get("no_lang"):
        del record["lang"]
    if item.key == "aljazeera-sanctions":
        paragraphs = "".join(f"<p>{e(p)}</p>" for p in paras(fields["body"]))
        record["html"] = (f'<html lang="ar"><head><title>{e(fields["title"])}</title></head><body>'
                          f'<nav>الرئيسية | أخبار | سياسة</nav><article><h1>{e(fields["title"])}</h1>'
                          f"{paragraphs}</article><footer>جميع الحقوق محفوظة © 2024 شبكة الجزيرة الإعلامية"
                          "</footer></body></html>")
    else:
        record["text"] = fields["title"] + "\n" + fields["body"]
    return json.dumps(record, ensure_ascii=False)


def rss_feed(items: list[Item]) -> str:
    parts = []
    for item in items:
        fields = article_fields(item)
        content = "".join(f"<p>{p}</p>" for p in paras(fields["body"]))
        description = paras(fields["body"])[0][:140] + "…"
        parts.append(f"""<item>
<title>{e(fields['title'])}</title>
<link>{item.page['url']}</link>
<guid isPermaLink="true">{item.page['url']}</guid>
<pubDate>{item.page['pubdate']}</pubDate>
<category>{'بین الملل' if 'sanctions' in item.key or 'agreement' in item.key else 'سیاسی' if 'visit' in item.key else 'اقتصادی'}</category>
<description>{e(description)}</description>
<content:encoded><![CDATA[{content}]]></content:encoded>
</item>""")
    return ("""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>خبرگزاری تسنیم</title>
<link>https://www.tasnimnews.com/</link>
<description>آخرین اخبار خبرگزاری تسنیم</description>
<language>fa</language>
<atom:link href="https://www.tasnimnews.com/fa/rss/feed/0/7/0" rel="self" type="application/rss+xml"/>
<lastBuildDate>Wed, 14 Feb 2024 10:00:00 +0330</lastBuildDate>
""" + "\n".join(parts) + "\n</channel>\n</rss>\n")


def atom_feed() -> str:
    entries = []
    for entry in ATOM_ENTRIES:
        entries.append(f"""<entry>
<title>{e(entry['title'])}</title>
<link rel="alternate" href="{entry['url']}"/>
<id>{entry['url']}</id>
<published>{entry['published']}</published>
<updated>{entry['published']}</updated>
<content type="html">{e('<p>' + entry['text'] + '</p>')}</content>
</entry>""")
    return ("""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">
<title>سانا - الوكالة العربية السورية للأنباء</title>
<link rel="alternate" href="https://sana.sy/"/>
<id>https://sana.sy/feed/atom/</id>
<updated>2024-01-09T12:00:00+03:00</updated>
""" + "\n".join(entries) + "\n</feed>\n")


# ---------------------------------------------------------------- index files
def stories_tsv() -> str:
    rows = ["file\tstory_key\tlang\tpublished"]
    for item in ITEMS:
        path = item.path
        if item.fmt == "warc":
            path = "warc/crawl.warc.gz"
        rows.append(f"{path}{item.ref}\t{item.story}\t{item.lang}\t{item.published[:10]}")
    for number, entry in enumerate(ATOM_ENTRIES, start=1):
        rows.append(f"rss/sana.atom#{number}\t{entry['story']}\tar\t{entry['published'][:10]}")
    return "\n".join(rows) + "\n"


def readme_table() -> str:
    rows = ["| file | format | lang | outlet style | encoding | story | dates as printed (calendar) | traps |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for item in ITEMS:
        path = item.path
        if item.fmt == "warc":
            path = f"warc/crawl.warc.gz{item.ref} ({item.page['url']}; source {item.path})"
        elif item.fmt in ("jsonl", "rss"):
            path = f"{item.path}{item.ref}"
        rows.append(f"| `{path}` | {item.fmt} | {item.lang} | {item.outlet} | {item.encoding} | {item.story} | "
                    f"{item.dates} | {item.traps or '–'} |")
    for number, entry in enumerate(ATOM_ENTRIES, start=1):
        rows.append(f"| `rss/sana.atom#{number}` | atom | ar | SANA | utf-8 | {entry['story']} | "
                    f"published {entry['published']} | short re-telling of a SANA story |")
    return "\n".join(rows)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def main() -> None:
    for item in ITEMS:
        if item.fmt == "txt":
            text = txt_page(item)
            if item.encoding == "utf-8":
                write(SAMPLES / item.path, text)
            else:  # legacy encodings: make_encodings.py converts these UTF-8 sources
                write(ENCODING_SOURCES / item.path.removeprefix("txt/"), text)
        elif item.fmt in ("html", "warc"):
            write(SAMPLES / item.path, html_page(item))
    write(SAMPLES / "jsonl/wire.jsonl", "\n".join(jsonl_line(i) for i in ITEMS if i.fmt == "jsonl") + "\n")
    rss_items = sorted((i for i in ITEMS if i.fmt == "rss"), key=lambda i: i.ref)
    write(SAMPLES / "rss/feed.xml", rss_feed(rss_items))
    write(SAMPLES / "rss/sana.atom", atom_feed())
    write(SAMPLES / "stories.tsv", stories_tsv())
    readme = SAMPLES / "README.md"
    marker_start, marker_end = "<!-- files:start -->", "<!-- files:end -->"
    current = readme.read_text(encoding="utf-8") if readme.exists() else f"{marker_start}\n{marker_end}\n"
    head, _, rest = current.partition(marker_start)
    _, _, tail = rest.partition(marker_end)
    write(readme, f"{head}{marker_start}\n{readme_table()}\n{marker_end}{tail}")
    runpy.run_path(str(SAMPLES / "make_encodings.py"), run_name="__main__")
    runpy.run_path(str(SAMPLES / "make_warc.py"), run_name="__main__")


if __name__ == "__main__":
    main()
