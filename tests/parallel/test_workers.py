"""Local worker processes give exactly the records of a run in one process."""

import json

import pytest
from parallel_helpers import rasad

from rasad.parallel import ordered_map
from rasad.pipeline import process_stream
from rasad.read import ReadError, read_paths
from rasad.record import Document

CHUNK = 4  # small chunks, so a few dozen documents make many


def outcome(items) -> list:
    return [("error", str(item)) if isinstance(item, ReadError) else ("record", item.to_record()) for item in items]


def test_ordered_map_keeps_order_however_far_ahead():
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(3) as pool:
        got = list(ordered_map(lambda n: pool.submit(lambda: n * n), range(20), ahead=3))
    assert got == [n * n for n in range(20)]


@pytest.mark.parametrize("stories", [True, False])
def test_two_workers_give_the_records_of_one_process(inputs, workers, stories):
    serial = outcome(process_stream(read_paths([inputs]), CHUNK, stories=stories))
    parallel = outcome(process_stream(read_paths([inputs]), CHUNK, stories=stories, map_chunks=workers.map_chunks))
    assert any(kind == "error" for kind, _ in serial)  # the broken line travels too
    assert sum(kind == "record" for kind, _ in serial) > 30
    assert parallel == serial


def test_each_worker_reports_its_memory(inputs, workers):
    list(process_stream(read_paths([inputs]), CHUNK, stories=False, map_chunks=workers.map_chunks))
    assert 1 <= len(workers.peak_memory) <= 2
    assert all(peak > 50 * 2**20 for peak in workers.peak_memory.values())  # the models are loaded


def test_progress_counts_every_document(inputs, workers):
    seen: list[Document] = []
    records = [item for item in process_stream(read_paths([inputs]), CHUNK, on_processed=seen.append,
                                               map_chunks=workers.map_chunks) if isinstance(item, Document)]
    assert sorted(d.id for d in seen) == sorted(d.id for d in records)


def test_cli_process_with_workers_writes_the_same_lines(inputs, tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    first = rasad("process", str(inputs), "--out", str(one), "--chunk-size", "5", "-q", cwd=tmp_path)
    second = rasad("process", str(inputs), "--out", str(two), "--chunk-size", "5", "--workers", "2", "-q",
                   cwd=tmp_path)
    assert first.returncode == second.returncode == 1  # the broken line
    assert "own.jsonl (line 2)" in second.stderr
    lines = one.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 30 and all(json.loads(line)["id"] for line in lines)
    assert two.read_text(encoding="utf-8").splitlines() == lines


def test_workers_and_dask_together_are_refused(inputs, tmp_path):
    result = rasad("process", str(inputs), "--workers", "2", "--dask", "tcp://127.0.0.1:1", cwd=tmp_path)
    assert result.returncode == 2
    assert "not both" in result.stderr
