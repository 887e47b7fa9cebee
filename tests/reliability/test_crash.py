"""Crash safety: `rasad ingest` killed with SIGKILL at random moments, many times over, leaves a store
that opens cleanly with no partial and no duplicate document, and the rerun completes the job with
exactly what an uninterrupted run stores. CI kills RASAD_KILLS times (default 6);
`python tools/reliability_report.py` runs fifty."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

from crash_cycles import check_store, ingest_command, kill_cycles, stored_ids

CYCLES = int(os.environ.get("RASAD_KILLS", "6"))
SAMPLES = Path(__file__).parents[2] / "samples"


def _inputs(folder: Path) -> Path:
    """The samples' wire dump and a dump of short articles written for this test, as one input folder."""
    inputs = folder / "inputs"
    inputs.mkdir()
    (inputs / "wire.jsonl").write_bytes((SAMPLES / "jsonl" / "wire.jsonl").read_bytes())
    rows = [{"id": f"c{number}", "lang": "fa" if number % 2 else "ar", "published": f"2024-03-{1 + number % 28:02d}",
             "text": (f"خبر شماره {number}: وزیر امور خارجه ایران امروز در تهران با همتای عمانی خود دیدار کرد."
                      if number % 2 else
                      f"الخبر رقم {number}: استقبل وزير الخارجية العماني في مسقط نظيره الإيراني اليوم.")}
            for number in range(40)]
    (inputs / "more.jsonl").write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows),
                                       encoding="utf-8")
    return inputs


def test_ingest_killed_again_and_again_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path)
    whole = tmp_path / "whole.db"
    started = time.perf_counter()
    done = subprocess.run(ingest_command(inputs, whole, "crash"), cwd=tmp_path, capture_output=True, timeout=600)
    duration = time.perf_counter() - started
    assert done.returncode == 0, done.stderr.decode()[-500:]
    expected = stored_ids(whole)
    assert len(expected) >= 40

    killed = tmp_path / "killed.db"
    run = kill_cycles(inputs, killed, CYCLES, expected=expected, longest_wait=duration, cwd=tmp_path)
    assert run.kills == CYCLES
    # the last kill's job, run again to its end
    finished = subprocess.run(ingest_command(inputs, killed, "crash"), cwd=tmp_path, capture_output=True,
                              timeout=600)
    assert finished.returncode == 0, finished.stderr.decode()[-500:]
    check_store(killed)
    assert stored_ids(killed) == expected
