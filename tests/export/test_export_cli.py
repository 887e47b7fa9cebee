"""`rasad export events` through typer's CliRunner: stdout carries the export and nothing else."""

import csv
import io
import json
import sys

import pytest
from typer.testing import CliRunner

from rasad.cli import app
from rasad.export import FIELDS

runner = CliRunner()


def export(*args: str):
    return runner.invoke(app, ["export", "events", *args])


def test_plover_json_to_stdout(db_path):
    result = export("--db", str(db_path), "--format", "plover-json")
    assert result.exit_code == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(events) == 5
    assert {event["event"][0] for event in events} == {"CONSULT", "ACCUSE", "REQUEST", "COERCE"}
    assert "exported 5 events" in result.stderr


def test_csv_to_a_file_with_filters(db_path, tmp_path):
    out = tmp_path / "events.csv"
    result = export("--db", str(db_path), "--format", "csv", "--out", str(out), "--lang", "fa",
                    "--since", "2020-01-01", "--until", "2021-12-31")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["placename"] for row in rows] == ["Geneva"]
    assert rows[0]["recipient_name"] == "Sergey Lavrov; Mevlüt Çavuşoğlu"
    assert "exported 1 events (csv)" in result.stderr


def test_csv_to_stdout_has_a_header(db_path):
    result = export("--db", str(db_path), "-f", "csv", "--lang", "ar")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == list(FIELDS) and len(rows) == 3


def test_parquet_needs_a_file(db_path, tmp_path):
    result = export("--db", str(db_path), "--format", "parquet")
    assert result.exit_code == 2
    assert "--out" in result.stderr and result.stdout == ""


def test_parquet_file(db_path, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "events.parquet"
    result = export("--db", str(db_path), "--format", "parquet", "--out", str(out), "--until", "2019-12-31")
    assert result.exit_code == 0, result.stderr
    table = pq.read_table(out)
    assert table.column("actor_name").to_pylist() == [["Shinzo Abe"]]


def test_parquet_without_pyarrow_names_the_extra(db_path, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # makes `import pyarrow` fail
    result = export("--db", str(db_path), "--format", "parquet", "--out", str(tmp_path / "x.parquet"))
    assert result.exit_code == 3
    assert "rasad[parquet]" in result.stderr
    assert not (tmp_path / "x.parquet").exists()


def test_missing_database_is_an_error_and_creates_nothing(tmp_path):
    missing = tmp_path / "none.db"
    result = export("--db", str(missing), "--format", "csv")
    assert result.exit_code == 3
    assert "no such database" in result.stderr and result.stdout == ""
    assert not missing.exists()


def test_bad_date_and_format_are_usage_errors(db_path):
    assert export("--db", str(db_path), "--format", "csv", "--since", "13/01/2024").exit_code == 2
    assert export("--db", str(db_path), "--format", "xml").exit_code == 2
