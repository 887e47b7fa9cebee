"""The bundled samples through the whole pipeline, checked against samples/stories.tsv."""

import csv
import json
from collections import defaultdict
from functools import cache
from pathlib import Path

import jsonschema
import pytest

import rasad

ROOT = Path(__file__).parents[1]
SAMPLES = ROOT / "samples"
SCHEMA = json.loads((ROOT / "src/rasad/schema/record.schema.json").read_text())


@cache
def processed() -> dict[str, rasad.Document]:
    """Sample key (as in stories.tsv) -> processed document."""
    errors: list = []
    documents = list(rasad.process_paths([SAMPLES], on_error=errors.append))
    assert errors == []
    keyed: dict[str, rasad.Document] = {}
    counters: dict[str, int] = defaultdict(int)
    for document in documents:
        relative = Path(document.source.path).relative_to(SAMPLES).as_posix()
        suffix = relative.rsplit(".", 1)[-1]
        if suffix == "jsonl":
            key = f"{relative}#{document.source.id}"
        elif suffix in ("xml", "atom", "gz"):
            counters[relative] += 1
            key = f"{relative}#{counters[relative]}"
        else:
            key = relative
        keyed[key] = document
    return keyed


@cache
def expected() -> list[dict[str, str]]:
    with (SAMPLES / "stories.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_every_sample_is_read_and_listed():
    assert len(processed()) >= 30
    assert sorted(processed()) == sorted(row["file"] for row in expected())


@pytest.mark.parametrize("row", expected(), ids=lambda row: row["file"])
def test_sample_record(row):
    document = processed()[row["file"]]
    record = document.to_record()
    jsonschema.validate(record, SCHEMA)
    assert document.lang == row["lang"]
    assert document.title and document.text
    assert document.title not in document.text.split("\n")
    for expression in document.dates:
        assert document.text[expression.start:expression.end] == expression.raw
    if row["published"]:
        assert document.published is not None and document.published.value[:10] == row["published"]
    else:
        assert document.published is None
