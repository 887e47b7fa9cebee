"""Checks the hand-written file of ministers, security chiefs, commanders, clerics and envoys
(persons_ministers.jsonl) line by line, and that roles.tsv canonicalizes every role string of every persons file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from kb_checks import check_roles

from rasad.entities.kb import read_jsonl

KB = Path(__file__).resolve().parents[2] / "src" / "rasad" / "data" / "kb"
NAME = "persons_ministers.jsonl"
SECTORS = {"GOV", "MIL", "REL", "REB", "LEG", "JUD", "OPP", "SPY", "COP", "BUS", "MED", "IGO", "CVL", "ELI", "PTY"}
ID_PATTERN = re.compile(r"^per:[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO3 = re.compile(r"^[A-Z]{3}$")
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
LATIN = re.compile(r"[A-Za-z]")
PERSIAN_ONLY = re.compile("[پچژگیک]")  # never in Arabic spellings (ی ک are the Persian forms of ي ك)
ARABIC_ONLY_IN_PERSIAN = re.compile("[يك]")  # Persian spellings use ی and ک
FIELDS = {"id", "type", "name", "aliases", "country", "titles", "roles", "sector", "sources"}


def _load(name: str) -> list[dict]:
    return list(read_jsonl(KB / name))


@pytest.fixture(scope="module")
def persons() -> dict[str, dict]:
    return {p["id"]: p for p in _load(NAME)}


@pytest.fixture(scope="module")
def orgs() -> set[str]:
    return {o["id"] for o in _load("organizations.jsonl")}


def _roles_tsv() -> dict[str, str]:
    table = {}
    for line in (KB / "roles.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        role, canonical = line.split("\t")
        assert role not in table, role
        table[role] = canonical
    return table


def test_file_sorted_unique_and_large_enough() -> None:
    entries = _load(NAME)
    ids = [p["id"] for p in entries]
    assert ids == sorted(ids), "lines must be sorted by id"
    assert len(ids) == len(set(ids))
    assert len(ids) >= 320


def test_ids_unique_across_all_person_files() -> None:
    seen: dict[str, str] = {}
    for path in sorted(KB.glob("persons_*.jsonl")):
        for p in _load(path.name):
            assert p["id"] not in seen, (p["id"], seen.get(p["id"]), path.name)
            seen[p["id"]] = path.name


def test_no_english_name_repeated_in_another_person_file(persons: dict[str, dict]) -> None:
    others = {p["name"]["en"].casefold() for path in KB.glob("persons_*.jsonl") if path.name != NAME
              for p in _load(path.name)}
    assert not {p["name"]["en"].casefold() for p in persons.values()} & others


def test_schema_and_scripts(persons: dict[str, dict]) -> None:
    for p in persons.values():
        assert FIELDS <= p.keys() <= FIELDS | {"wikidata"}, p["id"]
        assert ID_PATTERN.match(p["id"]) and p["type"] == "PERSON"
        assert ISO3.match(p["country"]) and p["sector"] in SECTORS, p["id"]
        assert p["sources"] == ["hand"]
        for lang in ("en", "fa", "ar"):
            assert p["name"][lang].strip(), (p["id"], lang)
            assert isinstance(p["aliases"][lang], list) and isinstance(p["titles"][lang], list)
            assert p["name"][lang] not in p["aliases"][lang], (p["id"], lang)
        for text in [p["name"]["en"], *p["aliases"]["en"], *p["titles"]["en"]]:
            assert not ARABIC_SCRIPT.search(text), (p["id"], text)
        for lang in ("fa", "ar"):
            for text in [p["name"][lang], *p["aliases"][lang], *p["titles"][lang]]:
                assert ARABIC_SCRIPT.search(text) and not LATIN.search(text), (p["id"], text)
        for text in [p["name"]["fa"], *p["aliases"]["fa"], *p["titles"]["fa"]]:
            assert not ARABIC_ONLY_IN_PERSIAN.search(text), (p["id"], text)
        for text in [p["name"]["ar"], *p["aliases"]["ar"], *p["titles"]["ar"]]:
            assert not PERSIAN_ONLY.search(text), (p["id"], text)
        if "wikidata" in p:
            assert re.fullmatch(r"Q[1-9][0-9]*", p["wikidata"])


def test_roles_have_iso_dates_in_order_and_known_orgs(persons: dict[str, dict], orgs: set[str]) -> None:
    for p in persons.values():
        assert p["roles"], p["id"]
        for role in p["roles"]:
            assert role.keys() <= {"role", "org", "country", "start", "end", "approx"}, p["id"]
        check_roles(p, orgs)


def test_roles_tsv_covers_every_role_of_every_person_file() -> None:
    table = _roles_tsv()
    used = {r["role"] for path in KB.glob("persons_*.jsonl") for p in _load(path.name) for r in p["roles"]}
    assert not used - table.keys(), sorted(used - table.keys())
    lines = [line for line in (KB / "roles.tsv").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert lines == sorted(lines)


def test_roles_tsv_folds_synonyms() -> None:
    table = _roles_tsv()
    assert table["secretary of state"] == table["foreign secretary"] == "foreign minister"
    assert table["secretary of defense"] == table["defence secretary"] == "defence minister"
    assert table["vice president"] == "vice-president"
    assert table["acting foreign minister"] == "foreign minister"
    # a canonical role is itself a row of the table whenever it is used as a role string
    for canonical in set(table.values()):
        if canonical in table:
            assert table[canonical] == canonical, canonical


def test_national_titles_and_dates(persons: dict[str, dict]) -> None:
    taif = persons["per:taif-sami"]
    assert "وزیر دارایی عراق" in taif["titles"]["fa"] and "وزير المالية العراقي" in taif["titles"]["ar"]
    assert taif["roles"][0]["org"] == "org:iraq-finance-ministry"
    kordahi = persons["per:george-kordahi"]
    assert kordahi["roles"][0]["start"].startswith("2021") and kordahi["roles"][0]["end"].startswith("2021")
    assert "قرداحي" in kordahi["aliases"]["ar"]
