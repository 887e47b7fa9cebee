"""Hostile inputs for the fuzz tests and the reliability report: seeds written for these tests (a
Persian page, an Arabic feed, a JSON Lines dump, a crawl), the mutations applied to them, and the
check that an input ends in records or clear error lines and nothing else.

Shared by tests/reliability/test_fuzz.py (a few hundred inputs per reader in CI) and
tools/reliability_report.py (ten thousand per reader)."""

from __future__ import annotations

import io
import json
import random
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rasad.pipeline import process_stream
from rasad.read import ReadError, read_paths
from rasad.record import Document

PERSIAN_PAGE = """<!DOCTYPE html><html lang="fa" dir="rtl"><head><meta charset="utf-8">
<title>دیدار عراقچی و لاوروف در مسکو | خبرگزاری نمونه</title>
<meta property="article:published_time" content="2025-04-16T10:30:00+03:30"></head>
<body><nav>صفحه اصلی | سیاسی | اقتصادی</nav><article><h1>دیدار عراقچی و لاوروف در مسکو</h1>
<p>به گزارش خبرگزاری نمونه، سید عباس عراقچی وزیر امور خارجه کشورمان روز چهارشنبه ۲۷ فروردین ۱۴۰۴ در مسکو
با سرگئی لاوروف دیدار و گفت‌وگو کرد.</p><p>دو طرف درباره پیش‌نویس توافق و همکاری‌های دوجانبه رایزنی کردند.</p>
</article><div class="comments">نظر شما: ارسال</div><footer>کلیه حقوق محفوظ است</footer></body></html>"""

ARABIC_FEED = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>أخبار</title>
<item><title>لافروف يستقبل عراقجي في موسكو</title><link>https://example.invalid/a/1</link>
<pubDate>Wed, 16 Apr 2025 09:00:00 GMT</pubDate><description><![CDATA[<p>استقبل وزير الخارجية الروسي سيرغي
لافروف اليوم في موسكو نظيره الإيراني عباس عراقجي، وبحث الجانبان العلاقات الثنائية.</p>]]></description></item>
<item><title>فيضانات في البصرة</title><link>https://example.invalid/a/2</link>
<description>غمرت السيول عشرات القرى في محافظة البصرة جنوبي العراق.</description></item></channel></rss>"""

JSONL_DUMP = "\n".join(json.dumps(row, ensure_ascii=False) for row in [
    {"id": 1, "lang": "fa", "published": "1404-01-27", "outlet": "ایسنا",
     "text": "عراقچی امروز در مسکو با لاوروف دیدار کرد. دو طرف درباره برجام گفت‌وگو کردند."},
    {"id": 2, "html": "<p>أجرى الرئيس الإيراني اتصالا هاتفيا مع نظيره الروسي أمس.</p>", "title": "اتصال"},
]) + "\n"

PLAIN_TEXT = ("تهران - ایرنا - رئیس‌جمهور صبح امروز (شنبه ۱۳ آبان ۱۴۰۲ - ۱۱:۴۵) در جمع خبرنگاران گفت: "
              "دولت از پیشنویس لایحه حمایت میکند.\nانتهای پیام\n")


def warc_seed() -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    record = writer.create_warc_record("https://example.invalid/news/1", "response",
                                       payload=io.BytesIO(PERSIAN_PAGE.encode("utf-8")), http_headers=headers)
    writer.write_record(record)
    return buffer.getvalue()


SEEDS: dict[str, bytes] = {
    ".html": PERSIAN_PAGE.encode("utf-8"),
    ".rss": ARABIC_FEED.encode("utf-8"),
    ".jsonl": JSONL_DUMP.encode("utf-8"),
    ".txt": PLAIN_TEXT.encode("utf-8"),
    ".warc": warc_seed(),
}
READERS = tuple(SEEDS)

ZERO_WIDTH_AND_BIDI = "\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randrange(len(data) + 1)]


def _flip(data: bytes, rng: random.Random) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        if buffer:
            buffer[rng.randrange(len(buffer))] = rng.randrange(256)
    return bytes(buffer)


def _insert(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.randbytes(rng.randint(1, 64)) + data[at:]


def _splice(data: bytes, rng: random.Random) -> bytes:
    a, b = sorted(rng.randrange(len(data) + 1) for _ in range(2))
    return data[:a] + data[a:b] * rng.randint(2, 5) + data[b:]


def _windows_1256_as_utf8(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", "replace")
    return text.encode("cp1256", "replace")  # the page still says charset=utf-8


def _utf16_without_bom(data: bytes, rng: random.Random) -> bytes:
    return data.decode("utf-8", "replace").encode("utf-16-le")


def _control_flood(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", "replace")
    at = rng.randrange(len(text) + 1)
    flood = "".join(rng.choice(ZERO_WIDTH_AND_BIDI) for _ in range(rng.randint(10, 5000)))
    return (text[:at] + flood + text[at:]).encode("utf-8")


def _mixed_direction(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", "replace")
    words = text.split(" ")
    for _ in range(rng.randint(1, 30)):
        if words:
            words[rng.randrange(len(words))] = rng.choice(["IAEA", "JCPOA 2015", "‏(UN)‎", "12.5%", "e-mail@x.y",
                                                          "‮reversed‬", "عراقچی/Araghchi", "۱۴۰۴-01-27"])
    return " ".join(words).encode("utf-8")


def _nested(data: bytes, rng: random.Random) -> bytes:
    depth = rng.randint(100, 3000)
    tag = rng.choice(["div", "span", "p", "b", "table"])
    return (f"<{tag}>" * depth).encode() + data + (f"</{tag}>" * rng.randint(0, depth)).encode()


MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "truncate": _truncate, "flip bytes": _flip, "insert bytes": _insert, "repeat a span": _splice,
    "windows-1256 declared UTF-8": _windows_1256_as_utf8, "UTF-16 without BOM": _utf16_without_bom,
    "zero-width and bidi flood": _control_flood, "mixed directions": _mixed_direction, "deep nesting": _nested,
}


def fuzzed(reader: str, rng: random.Random) -> tuple[str, bytes]:
    """One hostile input for a reader: random bytes, or its seed after one to three mutations."""
    if rng.random() < 0.15:
        return "random bytes", rng.randbytes(rng.randint(0, 4096))
    data, names = SEEDS[reader], []
    for _ in range(rng.randint(1, 3)):
        name = rng.choice(list(MUTATIONS))
        data = MUTATIONS[name](data, rng) or data
        names.append(name)
    return " + ".join(names), data


@dataclass
class Outcome:
    records: int = 0
    errors: int = 0
    seconds: float = 0.0
    messages: list[str] = field(default_factory=list)


def run_input(reader: str, data: bytes, folder: Path, *, pipeline: bool = True) -> Outcome:
    """Read (and, with `pipeline`, process) one input as `rasad process` would; every item must be a
    record or an error line that names the file. Exceptions propagate: that is the failure looked for."""
    path = folder / f"input{reader}"
    path.write_bytes(data)
    outcome = Outcome()
    started = time.perf_counter()
    items = process_stream(read_paths([path]), stories=False) if pipeline else read_paths([path])
    for item in items:
        if isinstance(item, ReadError):
            message = str(item)
            assert str(path) in message and "\n" not in message, message
            outcome.errors += 1
            outcome.messages.append(message)
        else:
            assert isinstance(item, Document)
            item.to_record()  # the record must serialize
            json.dumps(item.to_record(), ensure_ascii=False)
            outcome.records += 1
    outcome.seconds = time.perf_counter() - started
    return outcome


def temporary_folder() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="rasad-fuzz-")
