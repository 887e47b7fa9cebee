"""Documents with events, built with the record types; written here, in the style of news agencies."""

from rasad.record import Document, Entity, Event, Mention, Published, Source

ABE = "per:x-5a1b2c3d"  # a provisional id: the knowledge base has no entry for him

PERSIAN_VISIT = (
    "تهران - ایرنا - شینزو آبه نخست‌وزیر ژاپن امروز در تهران با آیت‌الله علی خامنه‌ای دیدار کرد. "
    "دو طرف درباره تنش‌های منطقه گفت‌وگو کردند."
)
PERSIAN_GENEVA = (
    "محمدجواد ظریف وزیر امور خارجه کشورمان در ژنو با سرگئی لاوروف و مولود چاووش‌اوغلو دیدار کرد. "
    "این دیدار در حاشیه نشست سازمان ملل متحد برگزار شد."
)
ARABIC_CONDEMN = (
    "دمشق-سانا: أدانت سوريا الغارات الإسرائيلية على ريف دمشق، وطالبت الأمم المتحدة بتحمل مسؤولياتها. "
    "واعتُقل صحفي في المنطقة."
)


def mention(text: str, phrase: str, occurrence: int = 0) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return Mention(start, start + len(phrase), phrase)


def sentence(text: str, first_words: str) -> Mention:
    start = text.index(first_words)
    end = text.index(".", start) + 1
    return Mention(start, end, text[start:end])


def document(text: str, lang: str, published: str | None, outlet: str, url: str) -> Document:
    doc = Document(source=Source(path=f"{outlet}.txt", url=url, outlet=outlet), raw_text=text)
    doc.text, doc.lang, doc.title = text, lang, text.split(".")[0][:40]
    doc.published = Published(published, published) if published else None
    return doc


def persian_visit() -> Document:
    text = PERSIAN_VISIT
    doc = document(text, "fa", "2019-06-13", "IRNA", "https://example.org/fa/1")
    doc.entities = [
        Entity(ABE, "PERSON", {"en": "Shinzo Abe", "fa": "شینزو آبه"}, "JPN", [mention(text, "شینزو آبه")]),
        Entity("per:ali-khamenei", "PERSON", {"en": "Ali Khamenei", "fa": "علی خامنه‌ای", "ar": "علي خامنئي"}, "IRN",
               [mention(text, "علی خامنه‌ای")]),
        Entity("loc:gn:112931", "LOCATION", {"en": "Tehran", "fa": "تهران", "ar": "طهران"}, "IRN",
               [mention(text, "تهران"), mention(text, "تهران", 1)]),
    ]
    doc.events = [Event("e1", "CONSULT", "visit", [ABE], ["per:ali-khamenei"], "2019-06-13", "loc:gn:112931",
                        sentence(text, "تهران - ایرنا"), 0.9)]
    return doc


def persian_geneva() -> Document:
    text = PERSIAN_GENEVA
    doc = document(text, "fa", None, "ISNA", "https://example.org/fa/2")
    doc.entities = [
        Entity("per:mohammad-javad-zarif", "PERSON", {"en": "Mohammad Javad Zarif", "fa": "محمدجواد ظریف"}, "IRN",
               [mention(text, "محمدجواد ظریف")]),
        Entity("loc:gn:2660646", "LOCATION", {"en": "Geneva", "fa": "ژنو"}, "CHE", [mention(text, "ژنو")]),
        Entity("per:sergey-lavrov", "PERSON", {"en": "Sergey Lavrov", "fa": "سرگئی لاوروف"}, "RUS",
               [mention(text, "سرگئی لاوروف")]),
        Entity("per:mevlut-cavusoglu", "PERSON", {"en": "Mevlüt Çavuşoğlu", "fa": "مولود چاووش‌اوغلو"}, "TUR",
               [mention(text, "مولود چاووش‌اوغلو")]),
    ]
    doc.events = [Event("e1", "CONSULT", "meet", ["per:mohammad-javad-zarif"],
                        ["per:sergey-lavrov", "per:mevlut-cavusoglu"], "2021-03-02", "loc:gn:2660646",
                        sentence(text, "محمدجواد ظریف"), 0.8)]
    return doc


def arabic_condemn() -> Document:
    text = ARABIC_CONDEMN
    doc = document(text, "ar", "2023-01-02", "SANA", "https://example.org/ar/1")
    doc.entities = [
        Entity("loc:SYR", "LOCATION", {"en": "Syria", "ar": "سوريا"}, "SYR", [mention(text, "سوريا")]),
        Entity("loc:ISR", "LOCATION", {"en": "Israel", "ar": "إسرائيل"}, "ISR", [mention(text, "الإسرائيلية")]),
        Entity("org:un", "ORGANIZATION", {"en": "United Nations", "ar": "الأمم المتحدة"}, None,
               [mention(text, "الأمم المتحدة")]),
    ]
    lead = sentence(text, "دمشق-سانا")
    doc.events = [
        Event("e1", "ACCUSE", None, ["loc:SYR"], ["loc:ISR"], "2023-01-02", "loc:SYR", lead, 0.85),
        Event("e2", "REQUEST", None, ["loc:SYR"], ["org:un"], "2023-01-02", None, lead, 0.7),
        # Passive, no date, no place: filtered by the document's publication date.
        Event("e3", "COERCE", "arrest", [], [], None, None, sentence(text, "واعتُقل"), 0.6),
    ]
    return doc
