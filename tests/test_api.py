import json
from pathlib import Path

import jsonschema

import rasad

SCHEMA = json.loads((Path(__file__).parents[1] / "src/rasad/schema/record.schema.json").read_text())

ARABIC_IN_PERSIAN_LETTERS = ("قال وزیر الخارجیة الإیرانی إن بلاده مستعدة للحوار مع جمیع دول المنطقة. "
                             "وأکد أن الحکومة تدعم الحلول السیاسیة.")


def test_process_text_returns_a_typed_record():
    doc = rasad.process_text("وزیر امور خارجه کشورمان در ژنو با همتای روس خود دیدار کرد. این دیدار دو ساعت طول کشید.",
                             title="دیدار در ژنو", outlet="ایرنا", published="2023-03-05T09:15:00+03:30")
    assert isinstance(doc, rasad.Document)
    assert doc.lang == "fa"
    assert doc.title == "دیدار در ژنو"
    assert doc.source.outlet == "ایرنا"
    assert doc.published.value == "2023-03-05T09:15"
    assert len(doc.sentences) == 2
    assert [doc.text[s.start:s.end][-5:] for s in doc.sentences] == ["دیدار کرد."[-5:], "طول کشید."[-5:]]
    jsonschema.validate(doc.to_record(), SCHEMA)


def test_arabic_typed_with_persian_letters_gets_arabic_letters():
    doc = rasad.process_text(ARABIC_IN_PERSIAN_LETTERS)
    assert doc.lang == "ar"
    assert "ی" not in doc.text and "ک" not in doc.text
    assert "وزير الخارجية الإيراني" in doc.text


def test_given_language_is_trusted():
    doc = rasad.process_text("وزیر امور خارجه کشورمان در ژنو با همتای روس خود دیدار کرد.", lang="ar")
    assert doc.lang == "ar"


def test_process_paths_reports_errors_and_yields_documents(tmp_path):
    (tmp_path / "a.txt").write_text("التقى وزير الخارجية نظيره الروسي في جنيف اليوم وبحثا العلاقات الثنائية.",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    errors = []
    documents = list(rasad.process_paths([tmp_path], on_error=errors.append))
    assert [d.lang for d in documents] == ["ar"]
    assert [e.reason for e in errors] == ["empty file"]
