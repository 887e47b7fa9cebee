import pytest

from rasad.read.encoding import DecodeError, decode_bytes

PERSIAN = "به گزارش ایرنا، وزیر امور خارجه کشورمان روز یکشنبه در ژنو با همتای روس خود دیدار کرد."
# windows-1256 has no Persian yeh: legacy Persian pages were typed with the Arabic one.
PERSIAN_1256 = PERSIAN.replace("ی", "ي")
ARABIC = "قال وزير الخارجية السوري في مؤتمر صحفي عقده اليوم في دمشق إن الحكومة مستعدة للحوار."


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (PERSIAN, "utf-8"),
        (PERSIAN, "utf-8-sig"),
        (PERSIAN, "utf-16"),
        (ARABIC, "utf-16-le"),
        (PERSIAN_1256, "cp1256"),
        (ARABIC, "cp1256"),
        (ARABIC, "iso8859_6"),
    ],
)
def test_decodes_the_encodings_of_persian_and_arabic_sites(text, encoding):
    decoded, _name = decode_bytes(text.encode(encoding))
    assert decoded == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\n ", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
        (b"%PDF-1.7\n" + bytes(range(256)), "PDF"),
        (bytes(range(256)) * 8, "undecodable"),
    ],
)
def test_bad_bytes_get_a_reason(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)
