"""Checks every line of the hand-written person files for Iran, the Arab East, the Gulf, Yemen and Afghanistan."""

from __future__ import annotations

import itertools
import re
from datetime import date
from pathlib import Path

import pytest

from rasad.entities.kb import read_jsonl

KB = Path(__file__).resolve().parents[2] / "src" / "rasad" / "data" / "kb"
FILES = ("persons_iran.jsonl", "persons_arab_east.jsonl", "persons_gulf_yemen_afghanistan.jsonl")
SECTORS = {"GOV", "MIL", "REL", "REB", "LEG", "JUD", "OPP", "SPY", "COP", "BUS", "MED", "IGO", "CVL", "ELI", "PTY"}
ID_PATTERN = re.compile(r"^per:[a-z0-9]+(?:-[a-z0-9]+)*$")
ORG_PATTERN = re.compile(r"^org:[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO3 = re.compile(r"^[A-Z]{3}$")
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
PERSIAN_ONLY = re.compile("[پچژگ]")
FIELDS = {"id", "type", "name", "aliases", "country", "titles", "roles", "sector", "sources"}


def _load(name: str) -> list[dict]:
    return list(read_jsonl(KB / name))


@pytest.fixture(scope="module")
def persons() -> dict[str, dict]:
    return {p["id"]: p for name in FILES for p in _load(name)}


@pytest.mark.parametrize("name", FILES)
def test_file_sorted_unique_and_schema(name: str) -> None:
    entries = _load(name)
    ids = [p["id"] for p in entries]
    assert ids == sorted(ids), "lines must be sorted by id"
    assert len(ids) == len(set(ids))
    for p in entries:
        assert FIELDS <= p.keys() <= FIELDS | {"wikidata"}, p["id"]
        assert ID_PATTERN.match(p["id"]) and p["type"] == "PERSON"
        assert ISO3.match(p["country"]), p["id"]
        assert p["sector"] in SECTORS, p["id"]
        assert "hand" in p["sources"]
        for lang in ("en", "fa", "ar"):
            assert p["name"][lang].strip(), (p["id"], lang)
            assert isinstance(p["aliases"][lang], list) and isinstance(p["titles"][lang], list)
            assert p["name"][lang] not in p["aliases"][lang], (p["id"], lang)
        assert not ARABIC_SCRIPT.search(p["name"]["en"]), p["id"]
        assert ARABIC_SCRIPT.search(p["name"]["fa"]) and ARABIC_SCRIPT.search(p["name"]["ar"]), p["id"]
        # Arabic spellings never carry Persian-only letters (پ چ ژ گ are written ب ج ز ك/غ/ج in Arabic)
        for text in [p["name"]["ar"], *p["aliases"]["ar"]]:
            assert not PERSIAN_ONLY.search(text), (p["id"], text)
        if "wikidata" in p:
            assert re.fullmatch(r"Q[1-9][0-9]*", p["wikidata"])


def test_roles_have_iso_dates_in_order(persons: dict[str, dict]) -> None:
    for p in persons.values():
        for role in p["roles"]:
            assert role["role"].strip()
            assert role["org"] is None or ORG_PATTERN.match(role["org"]), (p["id"], role)
            assert ISO3.match(role["country"])
            for key in ("start", "end"):
                if role[key] is not None:
                    date.fromisoformat(role[key])
            if role["start"] and role["end"]:
                assert role["start"] <= role["end"], (p["id"], role)
            if role.get("approx"):
                assert role["approx"] is True


def test_counts(persons: dict[str, dict]) -> None:
    countries = {p["country"] for p in persons.values()}
    assert {"IRN", "IRQ", "SYR", "LBN", "PSE", "JOR", "SAU", "ARE", "QAT", "YEM", "AFG"} <= countries
    assert sum(p["country"] == "IRN" for p in persons.values()) >= 250


def _role(person: dict, org: str, role: str) -> dict:
    return next(r for r in person["roles"] if r["org"] == org and r["role"] == role)


def test_zarif_foreign_minister_2013_to_2021(persons: dict[str, dict]) -> None:
    zarif = persons["per:mohammad-javad-zarif"]
    fm = _role(zarif, "org:iran-foreign-ministry", "foreign minister")
    assert fm["start"].startswith("2013") and fm["end"].startswith("2021")
    assert "ظریف" in zarif["aliases"]["fa"] and "ظريف" in zarif["aliases"]["ar"]
    assert zarif["name"]["fa"] == "محمدجواد ظریف"


def test_successions_do_not_overlap(persons: dict[str, dict]) -> None:
    # Each office's holders, in order: one ends the day (or month) the next begins.
    chains = {
        ("org:iran-presidency", "president"): ["per:mahmoud-ahmadinejad", "per:hassan-rouhani",
                                               "per:ebrahim-raisi", "per:masoud-pezeshkian"],
        ("org:iran-foreign-ministry", "foreign minister"): ["per:ali-akbar-salehi", "per:mohammad-javad-zarif",
                                                            "per:hossein-amir-abdollahian"],
        ("org:irgc", "commander-in-chief of the IRGC"): ["per:mohammad-ali-jafari", "per:hossein-salami",
                                                         "per:mohammad-pakpour"],
        ("org:iraq-government", "prime minister"): ["per:nouri-al-maliki", "per:haider-al-abadi",
                                                    "per:adil-abdul-mahdi", "per:mustafa-al-kadhimi",
                                                    "per:mohammed-shia-al-sudani"],
        ("org:lebanon-government", "prime minister"): ["per:tammam-salam", "per:saad-hariri"],
    }
    for (org, title), ids in chains.items():
        spans = sorted(
            (r["start"], r["end"] or "9999-12-31")
            for pid in ids
            for r in persons[pid]["roles"]
            if r["org"] == org and r["role"] == title and r["start"] >= "2005"
        )
        for (_, end), (next_start, _) in itertools.pairwise(spans):
            assert end <= next_start, (org, end, next_start)


def test_open_roles_and_deaths(persons: dict[str, dict]) -> None:
    assert _role(persons["per:ali-khamenei"], "org:iran-office-of-supreme-leader", "Supreme Leader")["end"] is None
    assert _role(persons["per:qasem-soleimani"], "org:irgc-quds-force",
                 "commander of the Quds Force")["end"] == "2020-01-03"
    assert _role(persons["per:hassan-nasrallah"], "org:hezbollah",
                 "secretary-general of Hezbollah")["end"] == "2024-09-27"


def test_headline_short_forms(persons: dict[str, dict]) -> None:
    assert "روحانی" in persons["per:hassan-rouhani"]["aliases"]["fa"]
    assert "Raeisi" in persons["per:ebrahim-raisi"]["aliases"]["en"]
    assert persons["per:abu-mahdi-al-muhandis"]["name"]["ar"] == "أبو مهدي المهندس"
    assert "الجولاني" in persons["per:ahmed-al-sharaa"]["aliases"]["ar"]
    assert "آیت‌الله" in persons["per:ali-khamenei"]["titles"]["fa"]
    assert "السيد" in persons["per:muqtada-al-sadr"]["titles"]["ar"]
