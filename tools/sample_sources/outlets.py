"""Page chrome of each outlet style, as a scraper saves it to .txt.

Every function takes the page's fields (title, lead, body and the outlet-specific header values)
and returns the whole scraped page. Each outlet's chrome is the same on all of its pages (menus,
footers, widgets), so that repeated-line detection across a batch has something to find; what
varies per page is what varies on real sites (news code, date, tags, related headlines, counters).
"""

from __future__ import annotations


def _lines(*parts: str | list[str] | None) -> str:
    out: list[str] = []
    for part in parts:
        if part is None or part == "":
            continue
        out.extend(part if isinstance(part, list) else [part])
    return "\n".join(out) + "\n"


def irna(p: dict) -> str:
    return _lines(
        "ایرنا | خبرگزاری جمهوری اسلامی",
        "صفحه اصلی | سیاست | اقتصاد | جامعه | فرهنگ | ورزش | بین الملل | استانها",
        "جستجو",
        p["category"],
        f"کد خبر: {p['code']}",
        p["dateline"],
        p["title"],
        p.get("lead"),
        p["body"],
        "انتهای پیام",
        "برچسب^ها: " + "، ".join(p["tags"]),
        "اشتراک گذاری",
        f"لینک کوتاه: irna.ir/{p['short']}",
        "اخبار مرتبط",
        [f"- {h}" for h in p["related"]],
        "کلیه حقوق این سایت متعلق به خبرگزاری جمهوری اسلامی (ایرنا) است.",
    )


def tasnim(p: dict) -> str:
    return _lines(
        "خبرگزاری تسنیم - Tasnim News Agency",
        "اخبار سیاسی | اخبار بین الملل | اخبار اقتصادی | اخبار ورزشی | اخبار استانها | اخبار فرهنگی | اخبار اجتماعی",
        p["category"],
        p["dateline"],
        p["title"],
        p.get("lead"),
        "A+ | A-",
        p["body"],
        "انتهای پیام/",
        "بازگشت به صفحه " + p["section"],
        "پربازدیدترین اخبار",
        [f"- {h}" for h in p["related"]],
        "تمامی حقوق این سایت برای خبرگزاری تسنیم محفوظ است.",
    )


def mehr(p: dict) -> str:
    return _lines(
        "خبرگزاری مهر | اخبار ایران و جهان | Mehr News Agency",
        "صفحه اصلی | سیاست | اقتصاد | جامعه | فرهنگ و هنر | بین^الملل | ورزش | عکس | فیلم",
        p["dateline"],
        f"کد خبر {p['code']}",
        p["kicker"],
        p["title"],
        p.get("lead"),
        p["body"],
        "کد مطلب " + p["code"],
        "برچسب^ها",
        p["tags"],
        "لینک کوتاه کپی شد",
        f"https://mehrnews.com/x{p['short']}",
        "نظر شما",
        "نظرات حاوی توهین و هرگونه نسبت ناروا به اشخاص حقیقی و حقوقی منتشر نمی^شود.",
        "ارسال",
    )


def isna(p: dict) -> str:
    # ISNA's site header shows the visitor's current date and time: the day of the fetch.
    return _lines(
        "ایسنا - خبرگزاری دانشجویان ایران",
        p["fetched"],
        "خانه | سیاسی | اقتصادی | اجتماعی | بین الملل | ورزشی | فرهنگی | علمی | استانها",
        p["dateline"],
        p["title"],
        p.get("lead"),
        p["body"],
        "انتهای پیام",
        f"کد خبر: {p['code']}",
        f"{p['likes']} نفر این مطلب را پسندیده اند",
        "چاپ | ارسال به دوستان | ذخیره",
        "ارسال نظر",
        "نظرات حاوی توهین و افترا منتشر نمیشود. نظرات پس از تایید منتشر خواهد شد.",
        "کلیه حقوق این وبسایت متعلق به خبرگزاری دانشجویان ایران (ایسنا) است.",
    )


def fars(p: dict) -> str:
    return _lines(
        "خبرگزاری فارس",
        "صفحه اصلی | سیاسی | اقتصادی | اجتماعی | بین الملل | ورزشی | فرهنگی | استان ها",
        p["dateline"],
        p["category"],
        "خبرگزاری فارس - " + p["title"],
        p["body"],
        "انتهای پیام/" + p["editor"],
        "کپی شد",
        f"{p['likes']} نفر این مطلب را پسندیده اند",
        "شما میتوانید این مطلب را برای دوستان خود بفرستید",
        "تلگرام | واتساپ | توییتر | ایمیل",
        "خبرهای مرتبط",
        [f"- {h}" for h in p["related"]],
        "© کلیه حقوق برای خبرگزاری فارس محفوظ است.",
    )


def hamshahri(p: dict) -> str:
    return _lines(
        "همشهری آنلاین",
        "صفحه اصلی | تهران | سیاسی | اقتصادی | اجتماعی | ورزشی | فرهنگی | جهان",
        p["dateline"],
        p["category"],
        p["title"],
        p.get("lead"),
        "اندازه متن: A+ A-",
        p["body"],
        p.get("source_line"),
        f"{p['likes']} نفر این مطلب را پسندیده اند",
        "ارسال به دوستان | چاپ",
        "نظر شما",
        "نظرات شما پس از تایید منتشر خواهد شد.",
        "تمامی حقوق مادی و معنوی این وب سایت متعلق به همشهری آنلاین است.",
    )


def sana(p: dict) -> str:
    return _lines(
        "الوكالة العربية السورية للأنباء - سانا",
        "الرئيسية | سياسة | محليات | اقتصاد | ثقافة | رياضة | عالمي | منوعات",
        p["dateline"],
        p["title"],
        p["body"],
        "شارك هذا الخبر: فيسبوك | تويتر | واتساب | تلغرام",
        "مقالات ذات صلة",
        [f"- {h}" for h in p["related"]],
        "جميع الحقوق محفوظة لـ الوكالة العربية السورية للأنباء – سانا © 2024",
    )


def alalam(p: dict) -> str:
    return _lines(
        "قناة العالم الاخبارية",
        "الرئيسية | ايران | العالم العربي | العالم الإسلامي | العالم | اقتصاد | ثقافة | فيديو",
        p["dateline"],
        p["title"],
        "حجم الخط: أ+ أ-",
        p["body"],
        "كلمات دليلية: " + " | ".join(p["tags"]),
        "شارك: فيسبوك تويتر تلغرام واتساب طباعة",
        "اضف تعليق",
        "الاسم | البريد الإلكتروني | التعليق | إرسال",
        "جميع الحقوق محفوظة لقناة العالم الاخبارية",
    )


def asharq(p: dict) -> str:
    return _lines(
        "الشرق الأوسط",
        "الرئيسية | أخبار | العالم العربي | الخليج | اقتصاد | رأي | ثقافة وفنون | رياضة",
        p["section"],
        p["dateline"],
        p["title"],
        p["body"],
        " | ".join(p["tags"]),
        "شارك",
        "اقرأ أيضاً",
        [f"- {h}" for h in p["related"]],
        "حقوق النشر محفوظة لـ «الشرق الأوسط» © 2024",
    )


def dijla(p: dict) -> str:
    return _lines(
        "دجلة نيوز",
        "الرئيسية | سياسة | أمن | اقتصاد | محليات | رياضة | تقارير",
        p["section"],
        f"تاريخ النشر: {p['dateline']}",
        p["title"],
        p["body"],
        f"عدد المشاهدات: {p['views']}",
        "شارك الخبر",
        "أخبار ذات صلة",
        [f"- {h}" for h in p["related"]],
        "جميع الحقوق محفوظة © دجلة نيوز 2024",
    )


def sadabeirut(p: dict) -> str:
    return _lines(
        "صدى بيروت | موقع إخباري لبناني",
        "الرئيسية | لبنان | سياسة | اقتصاد | إقليمي ودولي | رياضة | منوعات",
        p.get("dateline"),
        p["title"],
        p["body"],
        "لمتابعة آخر الأخبار اشترك في قناتنا على تلغرام",
        f"التعليقات ({p['comments']})",
        "أضف تعليقك",
        "تنويه: التعليقات المنشورة تعبّر عن رأي أصحابها ولا تعبّر بالضرورة عن رأي الموقع.",
        "© 2024 صدى بيروت. جميع الحقوق محفوظة",
    )


TEMPLATES = {
    "irna": irna,
    "tasnim": tasnim,
    "mehr": mehr,
    "isna": isna,
    "fars": fars,
    "hamshahri": hamshahri,
    "sana": sana,
    "alalam": alalam,
    "asharq": asharq,
    "dijla": dijla,
    "sadabeirut": sadabeirut,
}
