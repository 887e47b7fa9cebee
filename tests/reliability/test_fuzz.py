"""Fuzzing every reader and the whole pipeline: random bytes, truncated and mutated pages, feeds,
dumps and crawls, wrong encodings, control-character floods, mixed directions and deep nesting must
each end in records or clear error lines that name the file; no exception escapes and none hangs.

CI runs RASAD_FUZZ_EXAMPLES inputs per reader (default 60); `python tools/reliability_report.py`
runs ten thousand. An input that once failed is kept in tests/reliability/regressions/ and rerun
here for good."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fuzz_inputs import READERS, fuzzed, run_input
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("RASAD_FUZZ_EXAMPLES", "60"))
# A document that takes longer than this is a hang, not a slow page.
SECONDS_PER_INPUT = 20.0
REGRESSIONS = Path(__file__).parent / "regressions"


@pytest.mark.parametrize("reader", READERS)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])
@given(data=st.data())
def test_a_fuzzed_input_ends_in_records_or_clear_errors(reader: str, data: st.DataObject, tmp_path: Path) -> None:
    rng = data.draw(st.randoms(use_true_random=False))
    mutation, payload = fuzzed(reader, rng)
    outcome = run_input(reader, payload, tmp_path)  # a failure: keep its input in regressions/ once fixed
    assert outcome.seconds < SECONDS_PER_INPUT, f"{mutation}: {outcome.seconds:.1f} s"
    assert outcome.records + outcome.errors >= 1 or not payload.strip(), mutation


@pytest.mark.parametrize("path", sorted(REGRESSIONS.glob("*.*")), ids=lambda path: path.name)
def test_inputs_that_once_failed_now_pass(path: Path, tmp_path: Path) -> None:
    outcome = run_input(path.suffix, path.read_bytes(), tmp_path)
    assert outcome.seconds < SECONDS_PER_INPUT


def test_a_single_ten_megabyte_line_ends_in_a_record_or_an_error_and_the_next_line_is_read(tmp_path: Path) -> None:
    one_word_line = ("ا" * (10 * 1024 * 1024 // 2)).encode("utf-8")  # ten megabytes, no space, no sentence end
    outcome = run_input(".jsonl", b'{"text": "' + one_word_line + b'"}\n{"text": "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85"}\n',
                        tmp_path)
    assert outcome.records + outcome.errors == 2 and outcome.records >= 1
    assert outcome.seconds < SECONDS_PER_INPUT
