"""Checks the entity gold files of the benchmark: offsets, types, ids and span layout.

Three sets: entities_{fa,ar}.jsonl (mostly knowledge-base entities), ner_open_{fa,ar}.jsonl (the open-world
set, mostly names the base lacks) and ner_blind_{fa,ar}.jsonl (a second open-world set written blind, never used
for error analysis); all follow benchmarks/gold/entities_README.md."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from rasad.entities.kb import load_kb
from rasad.text.normalize import normalize

GOLD = Path(__file__).resolve().parents[2] / "benchmarks" / "gold"
TYPES = {"PERSON", "ORGANIZATION", "LOCATION"}
FIELDS = {"id", "published", "text", "mentions"}
# gold file stem -> (language, fewest sentences)
GOLD_SETS = {"entities_fa": ("fa", 170), "entities_ar": ("ar", 170),
             "ner_open_fa": ("fa", 120), "ner_open_ar": ("ar", 120),
             "ner_blind_fa": ("fa", 70), "ner_blind_ar": ("ar", 70)}
# open-world set stem -> (fewest common-word sentences, fewest sentences with no entity and no common word)
OPEN_WORLD_SETS = {"ner_open": (8, 6), "ner_blind": (5, 2)}


def _docs(lang: str, stem: str = "entities") -> list[dict]:
    lines = (GOLD / f"{stem}_{lang}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module", params=sorted(GOLD_SETS))
def gold_set(request: pytest.FixtureRequest) -> tuple[str, list[dict]]:
    stem, lang = request.param.rsplit("_", 1)
    return request.param, _docs(lang, stem)


@pytest.fixture(scope="module")
def docs(gold_set: tuple[str, list[dict]]) -> list[dict]:
    return gold_set[1]


def test_enough_sentences_with_unique_ids(gold_set: tuple[str, list[dict]]) -> None:
    name, docs = gold_set
    assert len(docs) >= GOLD_SETS[name][1]
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


def test_language_letters(gold_set: tuple[str, list[dict]]) -> None:
    """Texts are in normalized form: no tatweel; Arabic has no Persian letters, Persian no ي or ك."""
    name, docs = gold_set
    foreign = "پچژگکی" if GOLD_SETS[name][0] == "ar" else "يك"
    for doc in docs:
        assert "\u0640" not in doc["text"], doc["id"]
        assert not set(foreign) & set(doc["text"]), doc["id"]


def test_common_word_and_empty_sentences() -> None:
    docs = _docs("fa") + _docs("ar")
    assert sum(1 for doc in docs if doc.get("common_words")) >= 25
    assert sum(1 for doc in docs if not doc["mentions"] and not doc.get("common_words")) >= 15
    assert sum(1 for doc in docs for m in doc["mentions"] if m["id"] is None) >= 30


@pytest.mark.parametrize("stem", sorted(OPEN_WORLD_SETS))
@pytest.mark.parametrize("lang", ["fa", "ar"])
def test_open_world_set_is_mostly_unknown_and_normalized(lang: str, stem: str) -> None:
    """The open-world set measures the long tail: at least 60% of its mentions are names the knowledge
    base lacks, it has sentences with no entity and common-word sentences, and its texts are exactly
    what the NORMALIZE stage makes of them (so gold offsets are offsets into pipeline text)."""
    docs = _docs(lang, stem)
    fewest_common, fewest_empty = OPEN_WORLD_SETS[stem]
    mentions = [m for doc in docs for m in doc["mentions"]]
    unknown = sum(1 for m in mentions if m["id"] is None)
    assert unknown >= 0.6 * len(mentions)
    assert 2.5 <= len(mentions) / len(docs) <= 3.5
    assert sum(1 for doc in docs if doc.get("common_words")) >= fewest_common
    assert sum(1 for doc in docs if not doc["mentions"] and not doc.get("common_words")) >= fewest_empty
    for doc in docs:
        assert normalize(doc["text"], lang) == doc["text"], doc["id"]
        assert not set("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652") & set(doc["text"]), doc["id"]
