"""A generated corpus of Persian and Arabic news pages, for speed and memory benchmarks.

Pages are assembled from sentences written for this purpose, with the site chrome, lost ZWNJs and
letter variants that real scrapes have, so every stage does its real work. Deterministic by seed.

    python benchmarks/corpus.py 10000 /tmp/corpus.jsonl
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
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


def write_jsonl(count: int, path: Path, seed: int = 7) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for item in pages(count, seed):
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    return path


if __name__ == "__main__":
    write_jsonl(int(sys.argv[1]), Path(sys.argv[2]))
