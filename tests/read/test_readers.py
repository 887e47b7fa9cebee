import gzip
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rasad.read import ReadError, iter_input_files, read_paths
from rasad.record import Document

BODY_FA = ("به گزارش خبرگزاری ایرنا، وزیر امور خارجه کشورمان صبح امروز در ژنو با همتای روس خود دیدار کرد. "
           "دو طرف درباره آخرین تحولات منطقه و همکاریهای دوجانبه گفتگو کردند.")
BODY_AR = ("أفادت وكالة الأنباء السورية أن وزير الخارجية التقى نظيره الروسي في جنيف اليوم. "
           "وبحث الجانبان آخر التطورات في المنطقة والعلاقات الثنائية بين البلدين.")

PAGE = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>{title} | خبرگزاری نمونه</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="2023-03-05T09:15:00+03:30">
<link rel="canonical" href="https://example.ir/news/1">
</head><body><nav><a href="/">صفحه اصلی</a> | <a href="/p">سیاسی</a></nav>
<article><h1>{title}</h1><p>{body}</p><p>{body}</p></article>
<footer>تمامی حقوق محفوظ است</footer></body></html>"""


def _read(*paths):
    return list(read_paths(paths))


def test_text_file_keeps_its_raw_lines(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("صفحه اصلی | سیاسی\n" + BODY_FA + "\n", encoding="utf-8")
    [document] = _read(path)
    assert isinstance(document, Document)
    assert document.source.path == str(path)
    assert BODY_FA in document.raw_text


def test_html_page_gives_main_text_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE.format(lang="fa", title="دیدار وزیران خارجه در ژنو", site="ایرنا", body=BODY_FA),
                    encoding="utf-8")
    [document] = _read(path)
    assert isinstance(document, Document)
    assert document.hints.title == "دیدار وزیران خارجه در ژنو"
    assert document.hints.outlet == "ایرنا"
    assert document.hints.published_value.startswith("2023-03-05")
    assert "همتای روس" in document.raw_text
    assert "تمامی حقوق محفوظ است" not in document.raw_text


def test_html_declared_utf8_but_windows_1256_is_still_read(tmp_path):
    path = tmp_path / "legacy.htm"
    page = PAGE.format(lang="ar", title="لقاء في جنيف", site="سانا", body=BODY_AR)
    path.write_bytes(page.replace("ی", "ي").encode("cp1256"))
    [document] = _read(path)
    assert isinstance(document, Document)
    assert "نظيره الروسي" in document.raw_text


def test_jsonl_keeps_ids_trusts_metadata_and_reports_bad_lines(tmp_path):
    path = tmp_path / "dump.jsonl"
    lines = [
        json.dumps({"id": "wire-7", "text": BODY_AR, "lang": "ar", "published": "2023-03-05T10:30:00Z",
                    "outlet": "سانا", "url": "https://sana.example/1", "title": "لقاء"}, ensure_ascii=False),
        "{not json",
        json.dumps({"title": "no body"}),
        "",
        json.dumps({"html": PAGE.format(lang="fa", title="عنوان", site="مهر", body=BODY_FA)}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _read(path)
    documents = [item for item in items if isinstance(item, Document)]
    errors = [item for item in items if isinstance(item, ReadError)]
    assert [d.source.id for d in documents] == ["wire-7", 5]
    assert documents[0].hints.lang == "ar"
    assert documents[0].hints.published_value == "2023-03-05T10:30"
    assert documents[0].source.outlet == "سانا"
    assert documents[1].hints.title == "عنوان"
    assert [e.where for e in errors] == ["line 2", "line 3"]
    assert "not valid JSON" in errors[0].reason
    assert "neither 'text' nor 'html'" in errors[1].reason
    assert str(path) in str(errors[0])


def _warc_bytes() -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    pages = [
        ("https://example.ir/fa/1", "text/html; charset=utf-8",
         PAGE.format(lang="fa", title="دیدار در ژنو", site="ایرنا", body=BODY_FA).encode()),
        ("https://example.ir/robots.txt", "text/plain", b"User-agent: *\nDisallow:\n"),
        ("https://example.sy/ar/2", "text/html", PAGE.format(lang="ar", title="لقاء", site="سانا",
                                                              body=BODY_AR).encode()),
    ]
    for url, content_type, payload in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers)
        writer.write_record(record)
    return buffer.getvalue()


def test_warc_yields_html_responses_only(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_warc_bytes())
    documents = _read(path)
    assert all(isinstance(d, Document) for d in documents)
    assert [d.source.url for d in documents] == ["https://example.ir/fa/1", "https://example.sy/ar/2"]


def test_truncated_warc_reports_an_error_after_good_records(tmp_path):
    data = gzip.decompress(_warc_bytes())
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: int(len(data) * 0.8)])
    items = _read(path)
    assert any(isinstance(i, Document) for i in items)
    assert isinstance(items[-1], ReadError) or len([i for i in items if isinstance(i, Document)]) < 2


def test_rss_items_become_articles(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>خبرگزاری نمونه</title>
<item><title>دیدار در ژنو</title><link>https://example.ir/1</link>
<pubDate>Sun, 05 Mar 2023 09:15:00 +0330</pubDate>
<description><![CDATA[<p>{BODY_FA}</p><p>پاراگراف دوم خبر.</p>]]></description></item>
<item><title>لقاء</title><link>https://example.sy/2</link><description>{BODY_AR}</description></item>
</channel></rss>""", encoding="utf-8")
    first, second = _read(path)
    assert first.hints.title == "دیدار در ژنو"
    assert first.hints.published_value == "2023-03-05T09:15"
    assert first.source.outlet == "خبرگزاری نمونه"
    assert first.raw_text.split("\n")[1] == "پاراگراف دوم خبر."
    assert second.source.url == "https://example.sy/2"


def test_folders_are_walked_in_sorted_order_and_other_files_skipped(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text(BODY_FA, encoding="utf-8")
    (tmp_path / "b" / "c.txt").write_text(BODY_AR, encoding="utf-8")
    (tmp_path / "README.md").write_text("# notes", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(BODY_AR, encoding="utf-8")
    files = list(iter_input_files([tmp_path]))
    assert files == [tmp_path / "a.txt", tmp_path / "b" / "c.txt"]


def test_bad_inputs_are_named_and_the_batch_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(200)))
    (tmp_path / "good.txt").write_text(BODY_AR, encoding="utf-8")
    missing = tmp_path / "nope.txt"
    items = _read(tmp_path, missing, tmp_path / "README.md")
    errors = {Path(e.path).name: e.reason for e in items if isinstance(e, ReadError)}
    assert errors["empty.txt"] == "empty file"
    assert "PNG" in errors["image.txt"]
    assert errors["nope.txt"] == "no such file or folder"
    assert sum(isinstance(i, Document) for i in items) == 1


def test_oversized_jsonl_line_is_skipped_without_stopping(tmp_path, monkeypatch):
    import rasad.read.jsonl as jsonl

    monkeypatch.setattr(jsonl, "MAX_ARTICLE_BYTES", 1000)
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": BODY_AR}) + "\n")
    first, second = _read(path)
    assert isinstance(first, ReadError) and "too large" in first.reason and first.where == "line 1"
    assert isinstance(second, Document) and second.source.id == 2


def test_a_200_mb_text_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "dump.txt"
    with path.open("wb") as handle:  # sparse: costs no disk and no time
        handle.truncate(200 * 1024 * 1024)
    [error] = _read(path)
    assert isinstance(error, ReadError)
    assert "too large" in error.reason and "200.0 MB" in error.reason
