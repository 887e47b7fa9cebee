from rasad import pipeline
from rasad.read import ReadError
from rasad.record import Document, Hints, Source

DATED_PERSIAN = """صفحه اصلی | سیاسی | اقتصادی
کد خبر: ۴۵۶۷۸۹
۰۹:۱۵ - ۱۴ اسفند ۱۴۰۱
دیدار وزیران خارجه در ژنو
به گزارش ایرنا، وزیر امور خارجه کشورمان روز پنجشنبه در ژنو با همتای روس خود دیدار کرد.
دو طرف درباره همکاریهای دوجانبه گفتگو کردند.
"""

FETCHED_ARABIC = """الأربعاء 22 نوفمبر 2023 - 14:05
وزير الخارجية يلتقي نظيره الروسي في جنيف
التقى وزير الخارجية السوري نظيره الروسي في جنيف في 5 مارس 2023 وبحثا العلاقات الثنائية.
وأكد الجانبان أهمية مواصلة التشاور بين البلدين.
"""


def _document(text: str, path: str = "a.txt", **hints) -> Document:
    return Document(source=Source(path=path), raw_text=text, hints=Hints(**hints))


def test_dateline_becomes_published_and_dates_resolve_against_it():
    doc = pipeline.process_document(_document(DATED_PERSIAN))
    assert doc.published.value == "2023-03-05T09:15"
    assert doc.published.calendar == "jalali"
    assert "اسفند" not in doc.text  # the dateline is a field, not text
    thursday = [d for d in doc.dates if d.raw.endswith("پنجشنبه")]
    assert thursday and thursday[0].value == "2023-03-02" and thursday[0].relative
    for expression in doc.dates:
        assert doc.text[expression.start:expression.end] == expression.raw


def test_a_fetch_date_in_the_header_is_not_the_publication_date():
    doc = pipeline.process_document(_document(FETCHED_ARABIC))
    assert doc.lang == "ar"
    assert doc.published is None
    assert [d.value for d in doc.dates] == ["2023-03-05"]


def test_metadata_date_wins_and_relative_dates_without_a_reference_are_left_out():
    doc = pipeline.process_document(_document("التقى وزير الخارجية نظيره الروسي أمس في جنيف وبحثا العلاقات.",
                                              published_value="2023-03-06", published_raw="2023-03-06"))
    assert doc.published.value == "2023-03-06"
    assert [(d.raw, d.value) for d in doc.dates] == [("أمس", "2023-03-05")]
    undated = pipeline.process_document(_document("التقى وزير الخارجية نظيره الروسي أمس في جنيف وبحثا العلاقات."))
    assert undated.published is None and undated.dates == []


def test_sentences_and_paragraphs_point_into_the_final_text():
    doc = pipeline.process_document(_document(DATED_PERSIAN))
    assert len(doc.paragraphs) == len(doc.text.split("\n"))
    for paragraph in doc.paragraphs:
        assert "\n" not in doc.text[paragraph.start:paragraph.end]
    assert [doc.text[s.start:s.end][-1] for s in doc.sentences] == ["."] * len(doc.sentences)


def test_site_chrome_repeated_across_an_outlets_pages_is_removed():
    footer = "عضویت در کانال تلگرام خبرگزاری نمونه"
    bodies = [f"نماینده مجلس در گفتگو با خبرنگار ما درباره لایحه شماره {n} توضیح داد و گفت بررسی ادامه دارد."
              for n in range(4)]
    documents = [_document(f"{body}\n{footer}", path=f"site/{n}.txt") for n, body in enumerate(bodies)]
    processed = list(pipeline.process_batch(documents))
    assert all(footer not in doc.text for doc in processed)
    assert all("لایحه" in doc.text for doc in processed)


def test_a_stage_that_fails_on_one_document_does_not_stop_the_batch(monkeypatch):
    real_split = pipeline.split

    def fragile(document, context):
        if "انفجار" in document.raw_text:
            raise ValueError("unexpected input")
        return real_split(document, context)

    monkeypatch.setattr(pipeline, "DOCUMENT_STAGES",
                        [(name, fragile if name == "split" else stage) for name, stage in pipeline.DOCUMENT_STAGES])
    good = _document("وزیر امور خارجه امروز در ژنو با همتای روس خود دیدار کرد و گفتگو کردند.", path="good.txt")
    bad = _document("خبر انفجار در بندر امروز صبح منتشر شد و مسئولان آن را تایید کردند.", path="bad.txt")
    results = list(pipeline.process_batch([bad, good]))
    assert isinstance(results[0], ReadError)
    assert results[0].path == "bad.txt" and "split" in results[0].reason
    assert isinstance(results[1], Document) and results[1].sentences
