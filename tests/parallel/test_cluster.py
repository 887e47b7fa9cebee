"""The per-document stages on a Dask LocalCluster of two worker processes: the same records as a
local run, through the API and through `rasad process|ingest --dask`."""

import json

import pytest
from parallel_helpers import rasad

from rasad.pipeline import process_stream
from rasad.read import ReadError, read_paths
from rasad.store import Store

distributed = pytest.importorskip("distributed", reason="Dask runs need dask[distributed]")

CHUNK = 4


def outcome(items) -> list:
    return [("error", str(item)) if isinstance(item, ReadError) else ("record", item.to_record()) for item in items]


def test_dask_gives_the_records_of_a_local_run(inputs, dask_workers):
    local = outcome(process_stream(read_paths([inputs]), CHUNK))
    on_dask = outcome(process_stream(read_paths([inputs]), CHUNK, map_chunks=dask_workers.map_chunks))
    assert sum(kind == "record" for kind, _ in local) > 30
    assert on_dask == local


def test_both_workers_took_chunks_and_loaded_models_once(inputs, dask_workers):
    list(process_stream(read_paths([inputs]), CHUNK, stories=False, map_chunks=dask_workers.map_chunks))
    memory = dask_workers.peak_memory()
    assert len(memory) == 2
    assert all(peak > 50 * 2**20 for peak in memory.values())
    assert dask_workers.threads == 2


def test_cli_ingest_on_dask_stores_what_a_local_ingest_stores(inputs, cluster, tmp_path):
    local_db, dask_db = tmp_path / "local.db", tmp_path / "dask.db"
    local = rasad("ingest", str(inputs), "--db", str(local_db), "--chunk-size", "6", "-q", cwd=tmp_path)
    on_dask = rasad("ingest", str(inputs), "--db", str(dask_db), "--chunk-size", "6", "-q",
                    "--dask", cluster.scheduler_address, cwd=tmp_path)
    assert local.returncode == on_dask.returncode == 1, on_dask.stderr  # the broken line
    with Store.open(local_db, create=False) as one, Store.open(dask_db, create=False) as other:
        records = list(one.iter_records())
        assert len(records) > 30
        assert list(other.iter_records()) == records
        assert other.stories(limit=1000) == one.stories(limit=1000)


def test_cli_process_on_dask_writes_the_same_lines(inputs, cluster, tmp_path):
    local = rasad("process", str(inputs), "--chunk-size", "7", "-q", cwd=tmp_path)
    on_dask = rasad("process", str(inputs), "--chunk-size", "7", "-q", "--dask", cluster.scheduler_address,
                    cwd=tmp_path)
    assert on_dask.stdout.splitlines() == local.stdout.splitlines()
    assert all(json.loads(line)["id"] for line in local.stdout.splitlines())


def test_an_unreachable_scheduler_is_a_clear_failure():
    from rasad.parallel.cluster import ClusterError, DaskWorkers

    with pytest.raises(ClusterError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"):
        DaskWorkers("tcp://127.0.0.1:9", timeout=1)


def test_workers_are_given_the_clients_tagger_setting(monkeypatch):
    from rasad.entities import tagged
    from rasad.parallel import cluster

    monkeypatch.delenv(tagged.TAGGER_ENV, raising=False)
    monkeypatch.setenv(tagged.TAGGER_DIR_ENV, "/srv/rasad/tagger")
    assert cluster.pipeline_settings() == {tagged.TAGGER_ENV: "0", tagged.TAGGER_DIR_ENV: "/srv/rasad/tagger"}
    monkeypatch.setenv(tagged.TAGGER_ENV, "1")
    settings = cluster.pipeline_settings()
    assert settings[tagged.TAGGER_ENV] == "1"
    # what the warm-up plugin does on a worker as it joins: the settings first, then the models
    seen = {}
    monkeypatch.setattr(cluster, "start_worker", lambda: seen.update(tagger=tagged.tagger_enabled()))
    monkeypatch.setenv(tagged.TAGGER_ENV, "0")
    cluster._warm_up_plugin(settings).setup(worker=None)
    assert seen == {"tagger": True}
