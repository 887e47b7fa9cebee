"""Build samples/warc/crawl.warc.gz from the HTML pages in samples/warc/src/ (*.html.in).

Run: python samples/make_warc.py

The sources end in .html.in so that `rasad ingest samples/` does not read them a second time as
.html files. Each page becomes a request record and a 200 text/html response record, taken in
sorted file order (so `crawl.warc.gz#1` in stories.tsv is the first page in that order). The crawl
also holds records a reader must skip: a warcinfo record, a robots.txt (text/plain) response, a PNG
image response and a 404 HTML response. WARC-Date and WARC-Record-ID are fixed (derived from the
URL), and gzip members carry no timestamp, so rebuilding gives byte-identical content.
"""

from __future__ import annotations

import gzip
import io
import re
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SAMPLES = Path(__file__).resolve().parent
SOURCE = SAMPLES / "warc" / "src"
TARGET = SAMPLES / "warc" / "crawl.warc.gz"
CRAWL_START = datetime(2024, 3, 1, 10, 0, 0)
CANONICAL_RE = re.compile(r'<link rel="canonical" href="([^"]+)"')
USER_AGENT = "rasad-sample-crawler/1.0"

# A 1x1 transparent PNG.
PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)
ROBOTS = b"User-agent: *\nDisallow: /admin/\nDisallow: /search\n"
NOT_FOUND = '<html lang="ar"><head><title>404</title></head><body><h1>الصفحة غير موجودة</h1></body></html>'


class _FixedGzipWriter(WARCWriter):
    """WARCWriter whose gzip members have mtime 0, so the file is reproducible byte for byte."""

    def _write_warc_record(self, out, record):  # same signature as warcio's
        if not self.gzip:
            return super()._write_warc_record(out, record)
        buffer = io.BytesIO()
        self.gzip = False
        try:
            super()._write_warc_record(buffer, record)
        finally:
            self.gzip = True
        out.write(gzip.compress(buffer.getvalue(), mtime=0))


def _record_id(url: str, kind: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, kind + ' ' + url)}>"


def _headers(url: str, kind: str, when: datetime) -> dict[str, str]:
    return {"WARC-Record-ID": _record_id(url, kind), "WARC-Date": when.strftime("%Y-%m-%dT%H:%M:%SZ")}


def _response(writer: WARCWriter, url: str, when: datetime, status: str, content_type: str, body: bytes) -> None:
    http = StatusAndHeaders(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))],
                            protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                                  warc_headers_dict=_headers(url, "response", when)))


def _request(writer: WARCWriter, url: str, when: datetime) -> None:
    path = "/" + url.split("/", 3)[3] if url.count("/") >= 3 else "/"
    host = url.split("/")[2]
    http = StatusAndHeaders(f"GET {path} HTTP/1.1", [("Host", host), ("User-Agent", USER_AGENT)],
                            is_http_request=True)
    writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=http,
                                                  warc_headers_dict=_headers(url, "request", when)))


def build() -> bytes:
    out = io.BytesIO()
    writer = _FixedGzipWriter(out, gzip=True)
    info = writer.create_warcinfo_record("crawl.warc.gz", {"software": USER_AGENT, "format": "WARC 1.0"})
    info.rec_headers.replace_header("WARC-Record-ID", _record_id("crawl.warc.gz", "warcinfo"))
    info.rec_headers.replace_header("WARC-Date", CRAWL_START.strftime("%Y-%m-%dT%H:%M:%SZ"))
    writer.write_record(info)
    when = CRAWL_START
    _response(writer, "https://www.irna.ir/robots.txt", when, "200 OK", "text/plain", ROBOTS)
    for page in sorted(SOURCE.glob("*.html.in")):
        html = page.read_text(encoding="utf-8")
        match = CANONICAL_RE.search(html)
        if match is None:
            raise SystemExit(f"{page}: no canonical URL")
        url = match.group(1)
        when += timedelta(seconds=7)
        _request(writer, url, when)
        _response(writer, url, when, "200 OK", "text/html; charset=utf-8", html.encode("utf-8"))
        if page.name.startswith("irna"):
            when += timedelta(seconds=1)
            _response(writer, "https://www.irna.ir/static/logo.png", when, "200 OK", "image/png", PNG_1X1)
    when += timedelta(seconds=7)
    _response(writer, "https://www.aljazeera.net/news/2023/9/31/missing", when, "404 Not Found",
              "text/html; charset=utf-8", NOT_FOUND.encode("utf-8"))
    return out.getvalue()


def main() -> None:
    data = build()
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(data)
    print(f"{TARGET.relative_to(SAMPLES)}: {len(data)} bytes")


if __name__ == "__main__":
    main()
