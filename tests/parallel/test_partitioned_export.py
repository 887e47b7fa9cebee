"""`rasad export --format parquet --partition-by month`: the four tables as Hive-style partitions
that pyarrow.dataset reads back whole."""

import pytest
from parallel_helpers import rasad

from rasad.export import iter_event_rows, write_partitioned
from rasad.export.partitioned import NULL_PARTITION, partition_value
from rasad.store import Store

ds = pytest.importorskip("pyarrow.dataset", reason="Parquet needs pyarrow")


@pytest.fixture(scope="module")
def db(inputs, tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "rasad.db"
    result = rasad("ingest", str(inputs), "--db", str(path), "-q", cwd=path.parent)
    assert result.returncode == 1, result.stderr  # the broken line
    return path


def table(folder, name):
    return ds.dataset(folder / name, format="parquet", partitioning="hive").to_table().to_pylist()


def test_partition_values():
    assert partition_value("2024-03-11T09:40") == "2024-03"
    assert partition_value("2024-03-11", "year") == "2024"
    assert partition_value(None) == partition_value("") == NULL_PARTITION


def test_cli_writes_the_four_tables_by_month(db, tmp_path):
    out = tmp_path / "out"
    result = rasad("export", "--format", "parquet", "--partition-by", "month", "--out", str(out), "--db", str(db),
                   cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in out.iterdir()) == ["documents", "entities", "events", "stories"]
    assert (out / "documents" / "month=2023-03" / "part-0.parquet").is_file()

    with Store.open(db, create=False) as store:
        records = {record["id"]: record for record in store.iter_records()}
        events = list(iter_event_rows(store))
        stories = store.stories(limit=10_000)

    documents = table(out, "documents")
    assert sorted(row["id"] for row in documents) == sorted(records)
    for row in documents:
        published = (records[row["id"]].get("published") or {}).get("value")
        assert row["month"] == (published[:7] if published else None)
        assert row["story"] == records[row["id"]].get("story")
        assert row["text"] == records[row["id"]]["text"]

    entities = table(out, "entities")
    assert len(entities) == sum(len(record["entities"]) for record in records.values()) > 0
    assert {(row["document_id"], row["entity_id"]) for row in entities} == {
        (record["id"], entity["id"]) for record in records.values() for entity in record["entities"]}

    exported_events = table(out, "events")
    assert sorted(row["event_id"] for row in exported_events) == sorted(row["event_id"] for row in events)
    for row in exported_events:
        day = row["event_date"] or row["publication_date"]
        assert row["month"] == (day[:7] if day else None)
        assert isinstance(row["actor_id"], list)

    exported_stories = table(out, "stories")
    assert sorted(row["story_id"] for row in exported_stories) == sorted(story["id"] for story in stories)
    assert all(row["document_count"] == len(row["documents"]) for row in exported_stories)

    again = rasad("export", "--format", "parquet", "--out", str(out), "--db", str(db), cwd=tmp_path)
    assert again.returncode == 3 and "exists already" in again.stderr


def test_small_files_split_a_partition_and_year_partitions(db, tmp_path):
    with Store.open(db, create=False) as store:
        counts = write_partitioned(store, tmp_path, partition_by="year", tables=["documents"], rows_per_file=2)
    assert list(counts) == ["documents"]
    years = sorted(path.name for path in (tmp_path / "documents").iterdir())
    assert all(name.startswith("year=") for name in years)
    assert any(len(list(path.iterdir())) > 1 for path in (tmp_path / "documents").iterdir())
    assert len(table(tmp_path, "documents")) == counts["documents"] > 30


def test_events_export_is_as_before(db, tmp_path):
    out = tmp_path / "events.parquet"
    result = rasad("export", "events", "--format", "parquet", "--out", str(out), "--db", str(db), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert out.is_file() and ds.dataset(out).count_rows() > 0
