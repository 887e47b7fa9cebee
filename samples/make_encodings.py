"""Write the sample .txt scrapes that are saved in encodings other than plain UTF-8.

Run: python samples/make_encodings.py

The UTF-8 sources live outside samples/ (tools/sample_sources/encodings/, written by
tools/sample_sources/build_samples.py), so that `rasad ingest samples/` reads each article once.
Encoding is strict: a character the target encoding lacks is an error, never a silent '?'.
"""

from __future__ import annotations

import codecs
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent
SOURCES = SAMPLES.parent / "tools" / "sample_sources" / "encodings"

# source path (relative to SOURCES and to samples/txt/) -> (encoding, line ending)
TARGETS: dict[str, tuple[str, str]] = {
    # An old Windows-era site: cp1256 with CRLF; the page is typed with Arabic ي (cp1256 has no ی).
    "hamshahri/1402-09-29-tehran-schools-closed.txt": ("cp1256", "\r\n"),
    "sana/2024-01-09-heritage-crafts.txt": ("cp1256", "\n"),
    "dijla/2023-12-22-zawraa-shorta.txt": ("utf-8-sig", "\n"),
    "sadabeirut/2024-01-10-fuel-prices.txt": ("utf-16-le+bom", "\n"),
}


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-le+bom":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    return text.encode(encoding)  # strict


def main() -> None:
    for name, (encoding, newline) in TARGETS.items():
        text = (SOURCES / name).read_text(encoding="utf-8")
        target = SAMPLES / "txt" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(encode(text.replace("\n", newline), encoding))
        print(f"{target.relative_to(SAMPLES)}: {encoding}")


if __name__ == "__main__":
    main()
