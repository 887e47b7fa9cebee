"""Resumable ingest jobs: killed with SIGKILL mid-run and started again with the same command, a job
stores exactly what an uninterrupted job stores, and says what it skipped."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from parallel_helpers import rasad

from rasad.parallel import JobError, JobManifest, ingest_job
from rasad.read import read_paths
from rasad.store import Store

PARTITION = 3


def job_command(inputs, db, name, *extra):
    return ["ingest", str(inputs), "--db", str(db), "--job", name, "--partition-size", str(PARTITION),
            "--chunk-size", "2", *extra]


def stored(db):
    with Store.open(db, create=False) as store:
        records = sorted(store.iter_records(), key=lambda record: record["id"])
        return records, sorted(story["id"] for story in store.stories(limit=10_000))


def manifest_of(db, name):
    path = db.parent / f"{db.name}.jobs" / f"{name}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_killed_job_resumed_stores_what_an_uninterrupted_one_does(inputs, tmp_path, workers):
    whole_db, killed_db = tmp_path / "whole.db", tmp_path / "killed.db"
    whole = rasad(*job_command(inputs, whole_db, "backfill", "--workers", workers, "-q"), cwd=tmp_path)
    assert whole.returncode == 1, whole.stderr  # the broken line
    partitions = len(manifest_of(whole_db, "backfill")["done"])
    assert partitions > 10

    process = subprocess.Popen([sys.executable, "-m", "rasad.cli",
                                *job_command(inputs, killed_db, "backfill", "--workers", workers, "-q")],
                               cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and process.poll() is None:
        manifest = manifest_of(killed_db, "backfill")
        if manifest and len(manifest["done"]) >= 2:
            # the job and its worker processes at once, as a crash takes them (workers left behind
            # would wait on for work that never comes)
            os.killpg(process.pid, signal.SIGKILL)
            break
        time.sleep(0.01)
    assert process.wait(timeout=60) == -signal.SIGKILL, "the job ended before it could be killed"
    interrupted = manifest_of(killed_db, "backfill")
    assert not interrupted["finished"] and 2 <= len(interrupted["done"]) < partitions
    with Store.open(killed_db, create=False) as store:
        assert 0 < store.count() < len(stored(whole_db)[0])

    resumed = rasad(*job_command(inputs, killed_db, "backfill", "--workers", workers), cwd=tmp_path)
    assert resumed.returncode == 1, resumed.stderr
    assert f"in {len(interrupted['done'])} partitions finished before" in resumed.stdout + resumed.stderr
    assert manifest_of(killed_db, "backfill")["finished"]
    assert stored(killed_db) == stored(whole_db)


def test_a_finished_job_run_again_skips_everything(inputs, tmp_path):
    db = tmp_path / "rasad.db"
    with Store.open(db) as store:
        manifest = JobManifest.for_job(db, "daily", [inputs], partition_size=4, chunk_size=2)
        first = ingest_job(store, read_paths([inputs]), manifest)
        before = list(store.iter_records())
        again = ingest_job(store, read_paths([inputs]),
                           JobManifest.for_job(db, "daily", [inputs], partition_size=4, chunk_size=2))
        assert list(store.iter_records()) == before
    assert first.saved.added == len(before) > 30
    assert first.partitions_done == again.partitions_skipped > 5
    assert again.partitions_done == 0 and again.saved.added == again.saved.unchanged == 0
    assert again.documents_skipped == len(before)


def test_a_job_refuses_other_inputs_or_settings(inputs, tmp_path):
    db = tmp_path / "rasad.db"
    manifest = JobManifest.for_job(db, "weekly", [inputs], partition_size=4)
    manifest.mark_done(0, {"added": 4, "updated": 0, "unchanged": 0})
    with pytest.raises(JobError, match="another partition size"):
        JobManifest.for_job(db, "weekly", [inputs], partition_size=8)
    with pytest.raises(JobError, match="entity tagger"):  # its records would differ from the finished ones
        JobManifest.for_job(db, "weekly", [inputs], partition_size=4, tagger=True)
    (inputs / "jsonl" / "late.jsonl").write_text('{"id": "late", "text": "خبر تازه"}\n', encoding="utf-8")
    try:
        with pytest.raises(JobError, match="another set of inputs"):
            JobManifest.for_job(db, "weekly", [inputs], partition_size=4)
        result = rasad("ingest", str(inputs), "--db", str(db), "--job", "weekly", "--partition-size", "4",
                       cwd=tmp_path)
        assert result.returncode == 3 and "another set of inputs" in result.stderr
    finally:
        (inputs / "jsonl" / "late.jsonl").unlink()
    assert JobManifest.for_job(db, "weekly", [inputs], partition_size=4).done == {0: {"added": 4, "updated": 0,
                                                                                      "unchanged": 0}}


def test_a_job_name_must_be_a_plain_name(tmp_path):
    with pytest.raises(JobError, match="job name"):
        JobManifest.for_job(tmp_path / "rasad.db", "../elsewhere", [])
