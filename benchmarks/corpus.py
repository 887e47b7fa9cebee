"""A generated corpus of Persian and Arabic news pages, for speed and memory benchmarks.

Pages are assembled from sentences written for this purpose, with the site chrome, lost ZWNJs and
letter variants that real scrapes have, so every stage does its real work. Deterministic by seed.
Two styles:

- `copies` (the default): every page is drawn from the same few sentences, so nearly the whole
  corpus is one or two groups of near-copies (an extreme: the story stage embeds two leads);
- `news`: distinct articles, as real news is: each tells its own happening (people, organisations
  and places from the knowledge base, an act, a day), in sentences built from templates and word
  pools written here, so every lead differs; a few happenings are told by two or three outlets in
  their own words (stories of several documents), and about 15% of pages are near-copies of
  another page (a wire re-published by another site: other chrome, a sentence dropped or added).

    python benchmarks/corpus.py 10000 /tmp/corpus.jsonl [copies|news]
"""

from __future__ import annotations

import datetime
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PERSIAN_SENTENCES = [
    "به گزارش خبرگزاری ایرنا، وزیر امور خارجه کشورمان صبح امروز با همتای عمانی خود در تهران دیدار کرد.",
    "دو طرف در این دیدار درباره آخرین تحولات منطقه و همکاریهای دوجانبه گفتگو کردند.",
    "وی افزود: جمهوری اسلامی ایران همواره از راه حلهای سیاسی برای بحرانهای منطقه حمایت میکند.",
    "سخنگوی وزارت خارجه در نشست خبری هفتگی خود به پرسشهای خبرنگاران پاسخ داد.",
    "این مقام مسئول تاکید کرد که مذاکرات با جدیت ادامه خواهد یافت و پیشنویس توافق آماده میشود.",
    "نمایندگان مجلس شورای اسلامی روز یکشنبه کلیات لایحه بودجه سال آینده را تصویب کردند.",
    "رئیس جمهور در سفر استانی خود به مشهد از چند طرح عمرانی بازدید کرد.",
    "بر اساس این گزارش، قیمت نفت خام در بازارهای جهانی بیش از دو درصد افزایش یافت.",
    "سازمان ملل متحد در بیانیهای از همه طرفها خواست از تشدید تنش خودداری کنند.",
    "فرمانده نیروی دریایی ارتش از برگزاری رزمایش مشترک در شمال اقیانوس هند خبر داد.",
    "به گفته وی، بیش از ۱۲ هزار نفر در این همایش بینالمللی شرکت کردهاند.",
    "کارشناسان معتقدند که تحریمهای جدید تاثیر چندانی بر تجارت خارجی کشور نخواهد داشت.",
    "وزیر نفت در حاشیه نشست هیات دولت گفت تولید گاز در میدان پارس جنوبی افزایش مییابد.",
    "در این نشست که ۱۴ اسفند ۱۴۰۱ برگزار شد، درباره همکاریهای اقتصادی بحث شد.",
    "نیروهای امدادی هلال احمر به مناطق زلزلهزده اعزام شدند و کمکها را توزیع میکنند.",
    "این توافقنامه در زمینههای انرژی، حمل و نقل و گردشگری امضا شد.",
]

ARABIC_SENTENCES = [
    "أفادت وكالة الأنباء السورية سانا بأن وزير الخارجية التقى اليوم نظيره العماني في دمشق.",
    "وبحث الجانبان خلال اللقاء آخر التطورات في المنطقة وسبل تعزيز العلاقات الثنائية.",
    "وأكد الوزير أن بلاده تدعم الحلول السياسية للأزمات الإقليمية وترفض التدخل الخارجي.",
    "وقال المتحدث باسم الخارجية في مؤتمر صحفي إن المفاوضات ستستمر الأسبوع المقبل.",
    "وصادق مجلس النواب العراقي يوم الأحد على مشروع قانون الموازنة العامة للعام المقبل.",
    "وأعلنت وزارة الدفاع أن الدفاعات الجوية تصدت لطائرات مسيرة في ريف إدلب الجنوبي.",
    "وارتفعت أسعار النفط الخام في الأسواق العالمية بأكثر من اثنين في المئة.",
    "ودعت الأمم المتحدة في بيان جميع الأطراف إلى ضبط النفس وتجنب التصعيد.",
    "وشارك أكثر من ١٢ ألف شخص في المؤتمر الدولي الذي عقد في بيروت.",
    "وقالت مصادر مطلعة إن العقوبات الجديدة لن تؤثر كثيرا على التجارة الخارجية.",
    "وأضاف الـرئيـس أن الحكومة ستواصل العمل على تحسين الخدمات للمواطنين.",
    "وجرى توقيع الاتفاقية في مجالات الطاقة والنقل والسياحة بحضور عدد من المسؤولين.",
    "وكان الاجتماع قد عقد في الخامس من آذار/مارس 2023 في العاصمة العمانية مسقط.",
    "ووصلت فرق الإغاثة إلى المناطق المتضررة من الزلزال وبدأت توزيع المساعدات.",
]

PERSIAN_CHROME = (["صفحه اصلی | سیاسی | اقتصادی | ورزشی | بینالملل", "کد خبر: {code}", "سرویس: سیاسی"],
                  ["اشتراک گذاری", "نسخه چاپی", "انتهای پیام", "{likes} نفر این مطلب را پسندیدهاند",
                   "ارسال نظر", "تمامی حقوق این سایت محفوظ است."])
ARABIC_CHROME = (["الرئيسية | سياسة | اقتصاد | رياضة", "تاريخ النشر: {date}"],
                 ["شارك", "طباعة", "أضف تعليقك", "جميع الحقوق محفوظة © 2023"])


def pages(count: int, seed: int = 7) -> Iterator[dict[str, str]]:
    """JSON Lines items: {'id', 'text'}; half Persian, half Arabic, 1.5–2.5 kB each."""
    rng = random.Random(seed)
    for number in range(count):
        persian = number % 2 == 0
        sentences = PERSIAN_SENTENCES if persian else ARABIC_SENTENCES
        head, tail = PERSIAN_CHROME if persian else ARABIC_CHROME
        body = rng.sample(sentences, k=min(len(sentences), rng.randint(10, 14)))
        paragraphs = [" ".join(body[i:i + 3]) for i in range(0, len(body), 3)]
        title = body[0].split("،")[-1][:60].strip()
        values = {"code": str(100000 + number), "likes": str(rng.randint(1, 90)), "date": "05/03/2023"}
        lines = [line.format(**values) for line in head] + [title] + paragraphs
        lines += [line.format(**values) for line in tail]
        yield {"id": f"gen-{number}", "text": "\n".join(lines)}


# -- the `news` style: distinct articles ------------------------------------------------------------
# Slots: {a}, {b} people; {org} an organisation; {city} a place; {country} a country; {topic} a
# subject; {n} a number; {p} a percentage; {weekday}; {date} a day of the month with its month;
# {outlet} the reporting outlet.
PERSIAN_ACTS = [
    ("{a} و {b} در {city} دیدار کردند", "{a} روز {weekday} در {city} با {b} دیدار و درباره {topic} گفتگو کرد."),
    ("گفتگوی تلفنی {a} با {b}", "{a} روز {weekday} در تماسی تلفنی با {b} درباره {topic} رایزنی کرد."),
    ("{a} حمله به {city} را محکوم کرد", "{a} روز {weekday} حمله به {city} را به شدت محکوم کرد و خواستار تحقیق شد."),
    ("{org} و {country} توافقنامه {topic} امضا کردند",
     "نمایندگان {org} و {country} روز {weekday} در {city} توافقنامه همکاری در زمینه {topic} امضا کردند."),
    ("هشدار {a} درباره {topic}", "{a} روز {weekday} درباره پیامدهای {topic} به {b} هشدار داد."),
    ("سفر {a} به {city}", "{a} روز {weekday} برای دیدار با {b} و بررسی {topic} وارد {city} شد."),
    ("تحریم‌های تازه {org} علیه {country}",
     "{org} روز {weekday} تحریم‌های تازه‌ای را علیه {country} در حوزه {topic} اعلام کرد."),
    ("{a}: مذاکرات درباره {topic} ادامه دارد",
     "{a} روز {weekday} در نشستی خبری در {city} گفت مذاکرات با {b} درباره {topic} ادامه دارد."),
]
PERSIAN_BODY = [
    "به گزارش {outlet}، این دیدار در ادامه رایزنی‌های دو طرف درباره {topic} برگزار شد.",
    "{b} نیز در این نشست بر ضرورت گسترش همکاری‌ها در زمینه {topic} تاکید کرد.",
    "بر اساس این گزارش، حجم مبادلات تجاری دو کشور در سال گذشته به {n} میلیون دلار رسید.",
    "یک مقام آگاه که نخواست نامش فاش شود گفت پیش‌نویس سند همکاری تا {date} آماده می‌شود.",
    "کارشناسان می‌گویند وضعیت {topic} در هفته‌های آینده به تصمیم {org} بستگی دارد.",
    "{a} پیش‌تر در سفر به {city} نیز درباره {topic} سخن گفته بود.",
    "قیمت نفت خام پس از انتشار این خبر {p} درصد تغییر کرد.",
    "سخنگوی {org} در واکنش به این تحولات گفت این سازمان موضوع را با دقت دنبال می‌کند.",
    "این نشست در حالی برگزار شد که {country} هفته گذشته از آمادگی برای گفتگو خبر داده بود.",
    "به گفته منابع محلی، بیش از {n} نفر در تجمع روز {weekday} در {city} شرکت کردند.",
    "نمایندگان مجلس نیز در نامه‌ای به {a} خواستار شفاف‌سازی درباره {topic} شدند.",
    "در پایان این دیدار دو طرف بر برگزاری نشست بعدی در {city} توافق کردند.",
    "گزارش‌ها حاکی است هیاتی از {country} برای ادامه گفتگوها به {city} سفر خواهد کرد.",
    "{org} در بیانیه‌ای از همه طرف‌ها خواست به تعهدات خود درباره {topic} پایبند بمانند.",
    "آمارهای رسمی نشان می‌دهد سرمایه‌گذاری در بخش {topic} {p} درصد افزایش یافته است.",
    "ناظران سیاسی این سفر را نشانه تغییر رویکرد {country} در قبال {topic} می‌دانند.",
    "وی افزود: ما از هر ابتکاری که به حل مسائل {topic} کمک کند حمایت می‌کنیم.",
    "این خبر {date} در رسانه‌های محلی {city} بازتاب گسترده‌ای داشت.",
    "بنا بر اعلام {org}، نشست کارشناسی درباره {topic} هفته آینده برگزار می‌شود.",
    "{b} همچنین از پیشرفت {p} درصدی طرح‌های مشترک در {city} خبر داد.",
    "مردم {city} روز {weekday} در صف‌های طولانی برای دریافت کمک‌ها ایستادند.",
    "دولت {country} اعلام کرد {n} میلیارد تومان برای بازسازی مناطق آسیب‌دیده اختصاص می‌دهد.",
    "به گفته یک دیپلمات، زمان دقیق نشست بعدی هنوز مشخص نشده است.",
    "تحلیلگران هشدار می‌دهند ادامه این روند می‌تواند بر بازار {topic} اثر بگذارد.",
]
PERSIAN_TOPICS = ["انرژی", "حمل و نقل", "امنیت مرزها", "تجارت دوجانبه", "آب", "گردشگری", "برنامه هسته‌ای",
                  "بازسازی", "کشاورزی", "پناهجویان", "بهداشت", "آموزش عالی", "صادرات گاز", "بانکداری"]
PERSIAN_WEEKDAYS = ["شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه"]
PERSIAN_OUTLETS = ["خبرگزاری ایرنا", "خبرگزاری ایسنا", "خبرگزاری مهر", "خبرگزاری تسنیم", "روزنامه همشهری",
                   "خبرگزاری فارس", "پایگاه خبری تابناک"]
ARABIC_ACTS = [
    ("{a} يلتقي {b} في {city}", "التقى {a} يوم {weekday} في {city} مع {b} وبحث معه {topic}."),
    ("اتصال هاتفي بين {a} و{b}", "أجرى {a} يوم {weekday} اتصالا هاتفيا مع {b} تناول {topic}."),
    ("{a} يدين الهجوم على {city}", "أدان {a} يوم {weekday} الهجوم الذي استهدف {city} وطالب بفتح تحقيق."),
    ("{org} و{country} يوقعان اتفاقية {topic}",
     "وقع ممثلو {org} و{country} يوم {weekday} في {city} اتفاقية للتعاون في مجال {topic}."),
    ("{a} يحذر من تداعيات {topic}", "حذر {a} يوم {weekday} {b} من تداعيات {topic} على المنطقة."),
    ("{a} يصل إلى {city}", "وصل {a} يوم {weekday} إلى {city} للقاء {b} وبحث {topic}."),
    ("عقوبات جديدة من {org} على {country}", "أعلن {org} يوم {weekday} فرض عقوبات جديدة على {country} في مجال {topic}."),
    ("{a}: المفاوضات حول {topic} مستمرة",
     "قال {a} يوم {weekday} في مؤتمر صحفي في {city} إن المفاوضات مع {b} حول {topic} مستمرة."),
]
ARABIC_BODY = [
    "وذكرت مصادر أن اللقاء يأتي في إطار المشاورات بين الجانبين حول {topic}.",
    "من جهته أكد {b} ضرورة توسيع التعاون في مجال {topic}.",
    "وبحسب التقرير بلغ حجم التبادل التجاري بين البلدين {n} مليون دولار العام الماضي.",
    "وقال مسؤول مطلع طلب عدم ذكر اسمه إن مسودة الاتفاق ستكون جاهزة في {date}.",
    "ويرى محللون أن مستقبل {topic} في الأسابيع المقبلة يتوقف على قرار {org}.",
    "وكان {a} قد تحدث عن {topic} خلال زيارته السابقة إلى {city}.",
    "وتغيرت أسعار النفط الخام بنسبة {p} في المئة بعد انتشار الخبر.",
    "وقال المتحدث باسم {org} إن الجهة تتابع التطورات باهتمام.",
    "وجاء الاجتماع بعد أن أعلنت {country} الأسبوع الماضي استعدادها للحوار.",
    "وبحسب مصادر محلية شارك أكثر من {n} شخص في التجمع الذي شهدته {city} يوم {weekday}.",
    "وطالب نواب في رسالة إلى {a} بتوضيح الموقف من {topic}.",
    "واتفق الجانبان في ختام اللقاء على عقد الاجتماع المقبل في {city}.",
    "وأفادت تقارير بأن وفدا من {country} سيتوجه إلى {city} لمواصلة المحادثات.",
    "ودعت {org} في بيان جميع الأطراف إلى الالتزام بتعهداتها بشأن {topic}.",
    "وتظهر الأرقام الرسمية أن الاستثمار في قطاع {topic} ارتفع بنسبة {p} في المئة.",
    "ويرى مراقبون أن الزيارة تعكس تحولا في موقف {country} من {topic}.",
    "وأضاف: نحن ندعم أي مبادرة تساعد في حل مشكلات {topic}.",
    "ولقي الخبر في {date} صدى واسعا في وسائل الإعلام المحلية في {city}.",
    "وأعلنت {org} أن اجتماعا فنيا حول {topic} سيعقد الأسبوع المقبل.",
    "وأشار {b} إلى سير المشاريع المشتركة في {city} بنسبة {p} في المئة.",
    "واصطف سكان {city} يوم {weekday} في طوابير طويلة لتسلم المساعدات.",
    "وأعلنت حكومة {country} تخصيص {n} مليون دولار لإعادة إعمار المناطق المتضررة.",
    "وقال دبلوماسي إن الموعد الدقيق للاجتماع المقبل لم يحدد بعد.",
    "ويحذر محللون من أن استمرار هذا الاتجاه قد يؤثر على سوق {topic}.",
]
ARABIC_TOPICS = ["الطاقة", "النقل", "أمن الحدود", "التجارة الثنائية", "المياه", "السياحة", "البرنامج النووي",
                 "إعادة الإعمار", "الزراعة", "اللاجئين", "الصحة", "التعليم العالي", "تصدير الغاز", "القطاع المصرفي"]
ARABIC_WEEKDAYS = ["السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة"]
ARABIC_OUTLETS = ["وكالة سانا", "وكالة الأنباء السعودية", "وكالة وام", "وكالة الأنباء القطرية", "وكالة الأناضول",
                  "وكالة الأنباء الكويتية", "صحيفة الشرق الأوسط"]
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
# The sites that publish: their chrome above and below the article (`{code}`, `{date}` filled per page).
PERSIAN_SITES = [
    (["صفحه اصلی | سیاسی | اقتصادی | ورزشی | بینالملل", "کد خبر: {code}", "تاریخ انتشار: {date}"],
     ["اشتراک گذاری", "انتهای پیام", "تمامی حقوق این سایت محفوظ است."]),
    (["خانه | ایران | جهان | اقتصاد | فرهنگ", "شناسه خبر: {code}", "{date}"],
     ["نسخه چاپی", "ارسال به دوستان", "نظرات شما", "کلیه حقوق محفوظ است"]),
    (["اخبار روز | سیاست خارجی | جامعه", "سرویس: بین‌الملل", "زمان انتشار: {date}"],
     ["برچسب‌ها", "مطالب مرتبط", "پربازدیدترین‌ها"]),
]
ARABIC_SITES = [
    (["الرئيسية | سياسة | اقتصاد | رياضة", "تاريخ النشر: {date}"], ["شارك", "طباعة", "جميع الحقوق محفوظة © 2023"]),
    (["أخبار | العالم العربي | دولي", "رقم الخبر: {code}", "{date}"], ["أضف تعليقك", "اقرأ أيضا", "تابعونا"]),
    (["الصفحة الرئيسية | محليات | اقتصاد", "نشر في: {date}"], ["كلمات مفتاحية", "الأكثر قراءة", "اتصل بنا"]),
]
PERSIAN_MONTH = "فروردین ۱۴۰۲"  # the corpus spans a month: 21 March to 20 April 2023
ARABIC_MONTH = "نيسان/أبريل 2023"


@dataclass
class _Names:
    """Names from the knowledge base, so the linker and the event coder find real entities."""

    persons: list[str]
    organizations: list[str]
    places: list[str]
    countries: list[str]


def _kb_names(lang: str) -> _Names:
    folder = Path(__file__).resolve().parent.parent / "src" / "rasad" / "data" / "kb"
    found: dict[str, list[str]] = {"persons": [], "organizations": [], "places": [], "countries": []}
    for path in sorted(folder.glob("*.jsonl")):
        kind = ("persons" if path.name.startswith("persons") else "organizations" if path.name.startswith("org")
                else "countries" if path.name.startswith("countries") else "places")
        for line in path.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            name = (entry.get("name") or {}).get(lang)
            if name and not entry.get("ambiguous") and len(name) > 3:
                found[kind].append(name)
    return _Names(**{kind: sorted(set(names)) for kind, names in found.items()})


@dataclass
class _Happening:
    lang: str
    act: tuple[str, str]
    slots: dict[str, str]
    day: int  # of the corpus's month, 1..30


def _happening(rng: random.Random, lang: str, names: _Names) -> _Happening:
    persian = lang == "fa"
    a, b = rng.sample(names.persons, 2)
    day = rng.randint(1, 30)
    slots = {"a": a, "b": b, "org": rng.choice(names.organizations), "city": rng.choice(names.places),
             "country": rng.choice(names.countries),
             "topic": rng.choice(PERSIAN_TOPICS if persian else ARABIC_TOPICS),
             "weekday": (PERSIAN_WEEKDAYS if persian else ARABIC_WEEKDAYS)[day % 7]}
    return _Happening(lang, rng.choice(PERSIAN_ACTS if persian else ARABIC_ACTS), slots, day)


def _report(rng: random.Random, happening: _Happening, number: int) -> tuple[str, list[str], int]:
    """One outlet's article on `happening`, in its own words: (title, sentences, site)."""
    persian = happening.lang == "fa"
    digits = (lambda text: text.translate(PERSIAN_DIGITS)) if persian else (lambda text: text)
    slots = happening.slots | {
        "outlet": rng.choice(PERSIAN_OUTLETS if persian else ARABIC_OUTLETS),
        "n": digits(str(rng.randint(12, 980))), "p": digits(str(rng.randint(2, 40))),
        "date": f"{digits(str(rng.randint(1, 30)))} {PERSIAN_MONTH if persian else ARABIC_MONTH}",
    }
    title, lead = happening.act
    body = rng.sample(PERSIAN_BODY if persian else ARABIC_BODY, k=rng.randint(9, 13))
    sentences = [lead.format(**slots)] + [sentence.format(**slots) for sentence in body]
    return title.format(**slots), sentences, rng.randrange(3)


def _page(number: int, lang: str, title: str, sentences: list[str], site: int, day: int, rng: random.Random
          ) -> dict[str, str]:
    persian = lang == "fa"
    head, tail = (PERSIAN_SITES if persian else ARABIC_SITES)[site]
    # the publication day, in the site's own way: Jalali in Persian (1 Farvardin 1402 = 21 March 2023)
    stated = (f"۱۴۰۲/۰۱/{day:02d}".translate(PERSIAN_DIGITS) if persian
              else (datetime.date(2023, 3, 21) + datetime.timedelta(days=day - 1)).strftime("%d/%m/%Y"))
    values = {"code": str(100000 + number), "date": stated}
    paragraphs = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
    lines = [line.format(**values) for line in head] + [title] + paragraphs + [line.format(**values) for line in tail]
    text = "\n".join(lines)
    if rng.random() < 0.3:  # scrapes lose ZWNJs and mix letter forms
        text = text.replace("\u200c", "") if persian else text.replace("ي", "ی", 1)
    return {"id": f"gen-{number}", "text": text}


def news_pages(count: int, seed: int = 7, copies: float = 0.15, retold: float = 0.1) -> Iterator[dict[str, str]]:
    """JSON Lines items: {'id', 'text'}; half Persian, half Arabic, 1.5–2.5 kB, distinct articles: a
    share `copies` of the pages are near-copies of an earlier page (another site, a sentence dropped or
    added), a share `retold` of the happenings are told again by another outlet in its own words."""
    rng = random.Random(seed)
    names = {lang: _kb_names(lang) for lang in ("fa", "ar")}
    published: dict[str, list[tuple[str, list[str], int, _Happening]]] = {"fa": [], "ar": []}
    for number in range(count):
        lang = "fa" if number % 2 == 0 else "ar"
        earlier = published[lang]
        draw = rng.random()
        if earlier and draw < copies:  # a wire re-published by another site, lightly edited
            title, sentences, site, happening = rng.choice(earlier[-50:])
            edited = list(sentences)
            if rng.random() < 0.5:
                del edited[rng.randrange(1, len(edited))]
            else:
                edited.append(rng.choice(earlier)[1][-1])
            yield _page(number, lang, title, edited, (site + 1) % 3, happening.day, rng)
            continue
        if earlier and draw < copies + retold:  # the same happening in another outlet's words
            happening = rng.choice(earlier[-50:])[3]
        else:
            happening = _happening(rng, lang, names[lang])
        title, sentences, site = _report(rng, happening, number)
        earlier.append((title, sentences, site, happening))
        yield _page(number, lang, title, sentences, site, happening.day, rng)


STYLES = {"copies": pages, "news": news_pages}


def write_jsonl(count: int, path: Path, seed: int = 7, style: str = "copies") -> Path:
    """`count` generated pages of `style` (STYLES) as JSON Lines at `path`."""
    with path.open("w", encoding="utf-8") as handle:
        for item in STYLES[style](count, seed):
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    return path


if __name__ == "__main__":
    write_jsonl(int(sys.argv[1]), Path(sys.argv[2]), style=sys.argv[3] if len(sys.argv) > 3 else "copies")
