"""Checks the entity gold files of the benchmark: offsets, types, ids and span layout."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from rasad.entities.kb import load_kb

GOLD = Path(__file__).resolve().parents[2] / "benchmarks" / "gold"
TYPES = {"PERSON", "ORGANIZATION", "LOCATION"}
FIELDS = {"id", "published", "text", "mentions"}


def _docs(lang: str) -> list[dict]:
    lines = (GOLD / f"entities_{lang}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module", params=["fa", "ar"])
def docs(request: pytest.FixtureRequest) -> list[dict]:
    return _docs(request.param)


def test_enough_sentences_with_unique_ids(docs: list[dict]) -> None:
    assert len(docs) >= 170
    ids = [doc["id"] for doc in docs]
    assert len(set(ids)) == len(ids)


def test_fields_and_dates(docs: list[dict]) -> None:
    for doc in docs:
        assert FIELDS <= doc.keys() <= FIELDS | {"common_words"}, doc["id"]
        if doc["published"] is not None:
            datetime.date.fromisoformat(doc["published"])


def test_offsets_types_and_ids(docs: list[dict]) -> None:
    kb = load_kb()
    for doc in docs:
        for mention in doc["mentions"]:
            assert doc["text"][mention["start"]:mention["end"]] == mention["text"], (doc["id"], mention)
            assert mention["text"] == mention["text"].strip() and mention["text"], (doc["id"], mention)
            assert mention["type"] in TYPES, (doc["id"], mention)
            assert mention["id"] is None or kb.get(mention["id"]) is not None, (doc["id"], mention["id"])
            if mention["id"] is not None:
                assert kb.get(mention["id"]).type == mention["type"], (doc["id"], mention)


def test_sorted_and_nested_only_inside_title_alone_persons(docs: list[dict]) -> None:
    """Mentions are sorted by start (longer first); the one allowed overlap is a country LOCATION
    inside a PERSON named by title alone (وزیر امور خارجه ترکیه، الرئيس الإيراني)."""
    kb = load_kb()
    for doc in docs:
        mentions = doc["mentions"]
        keys = [(m["start"], -m["end"]) for m in mentions]
        assert keys == sorted(keys), doc["id"]
        for index, outer in enumerate(mentions):
            for inner in mentions[index + 1:]:
                if inner["start"] >= outer["end"]:
                    break
                assert outer["type"] == "PERSON" and inner["type"] == "LOCATION", (doc["id"], outer, inner)
                assert outer["start"] < inner["start"] and inner["end"] <= outer["end"], (doc["id"], outer, inner)
                assert inner["id"] is not None and kb.get(inner["id"]).country == inner["id"][4:], (doc["id"], inner)


def test_language_letters(docs: list[dict]) -> None:
    """Texts are in normalized form: no tatweel; Arabic has no Persian letters, Persian no ي or ك."""
    for doc in docs:
        assert "\u0640" not in doc["text"], doc["id"]
        foreign = "پچژگکی" if doc["id"].startswith("ar") else "يك"
        assert not set(foreign) & set(doc["text"]), doc["id"]


def test_common_word_and_empty_sentences() -> None:
    docs = _docs("fa") + _docs("ar")
    assert sum(1 for doc in docs if doc.get("common_words")) >= 25
    assert sum(1 for doc in docs if not doc["mentions"] and not doc.get("common_words")) >= 15
    assert sum(1 for doc in docs for m in doc["mentions"] if m["id"] is None) >= 30
