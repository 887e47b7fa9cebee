"""Checks the hand-written organisations file and the persons of the wider world (Turkey, Israel, Russia, the US,
Europe, the UN, North Africa, Asia) line by line, plus a few facts that a careless edit would break."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from kb_checks import check_roles

from rasad.entities.kb import read_jsonl

KB = Path(__file__).resolve().parents[2] / "src" / "rasad" / "data" / "kb"
SECTORS = {"GOV", "MIL", "REL", "REB", "LEG", "JUD", "OPP", "SPY", "COP", "BUS", "MED", "IGO", "CVL", "ELI", "PTY"}
ISO3 = re.compile(r"^[A-Z]{3}$")
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
LATIN = re.compile(r"[A-Za-z]")
PERSIAN_ONLY = re.compile("[پچژگ]")
ARABIC_ONLY_IN_PERSIAN = re.compile("[يك]")  # Persian spellings use ی and ک
PERSON_FIELDS = {"id", "type", "name", "aliases", "country", "titles", "roles", "sector", "sources"}
ORG_FIELDS = {"id", "type", "name", "aliases", "acronyms", "kind", "country", "sector", "sources"}


def _load(name: str) -> list[dict]:
    return list(read_jsonl(KB / name))


@pytest.fixture(scope="module")
def orgs() -> dict[str, dict]:
    return {o["id"]: o for o in _load("organizations.jsonl")}


@pytest.fixture(scope="module")
def persons() -> dict[str, dict]:
    return {p["id"]: p for p in _load("persons_world.jsonl")}


def _check_names(entry: dict) -> None:
    for lang in ("en", "fa", "ar"):
        assert entry["name"][lang].strip(), (entry["id"], lang)
        assert isinstance(entry["aliases"][lang], list)
        assert entry["name"][lang] not in entry["aliases"][lang], (entry["id"], lang)
    for text in [entry["name"]["en"], *entry["aliases"]["en"]]:
        assert not ARABIC_SCRIPT.search(text), (entry["id"], text)
    for lang in ("fa", "ar"):
        for text in [entry["name"][lang], *entry["aliases"][lang]]:
            assert ARABIC_SCRIPT.search(text) and not LATIN.search(text), (entry["id"], text)
    for text in [entry["name"]["ar"], *entry["aliases"]["ar"]]:
        assert not PERSIAN_ONLY.search(text), (entry["id"], text)
    for text in [entry["name"]["fa"], *entry["aliases"]["fa"]]:
        assert not ARABIC_ONLY_IN_PERSIAN.search(text), (entry["id"], text)


@pytest.mark.parametrize("name", ["organizations.jsonl", "persons_world.jsonl"])
def test_sorted_unique_ids(name: str) -> None:
    ids = [e["id"] for e in _load(name)]
    assert ids == sorted(ids), "lines must be sorted by id"
    assert len(ids) == len(set(ids))


def test_org_schema(orgs: dict[str, dict]) -> None:
    assert len(orgs) >= 400
    for org in orgs.values():
        assert ORG_FIELDS <= org.keys() <= ORG_FIELDS | {"wikidata", "ambiguous"}, org["id"]
        assert re.fullmatch(r"org:[a-z0-9]+(?:-[a-z0-9]+)*", org["id"]) and org["type"] == "ORGANIZATION"
        assert org["country"] is None or ISO3.match(org["country"]), org["id"]
        assert org["sector"] in SECTORS and org["kind"].strip(), org["id"]
        assert org.get("ambiguous", True) is True
        assert "hand" in org["sources"]
        _check_names(org)
        for lang, acronyms in org["acronyms"].items():
            # every acronym is also an alias, so the linker finds it without reading a second field
            assert set(acronyms) <= set(org["aliases"][lang]) | {org["name"][lang]}, (org["id"], lang)


def test_person_schema_and_role_dates(persons: dict[str, dict], orgs: dict[str, dict]) -> None:
    assert len(persons) >= 600
    for p in persons.values():
        assert PERSON_FIELDS <= p.keys() <= PERSON_FIELDS | {"wikidata"}, p["id"]
        assert re.fullmatch(r"per:[a-z0-9]+(?:-[a-z0-9]+)*", p["id"]) and p["type"] == "PERSON"
        assert ISO3.match(p["country"]) and p["sector"] in SECTORS, p["id"]
        _check_names(p)
        if "wikidata" in p:
            assert re.fullmatch(r"Q[1-9][0-9]*", p["wikidata"])
        check_roles(p, orgs)


def test_no_person_id_repeated_in_other_person_files(persons: dict[str, dict]) -> None:
    for path in KB.glob("persons_*.jsonl"):
        if path.name != "persons_world.jsonl":
            assert not {p["id"] for p in _load(path.name)} & persons.keys(), path.name


def test_orgs_cover_every_role_in_every_person_file(orgs: dict[str, dict]) -> None:
    referenced = {r["org"] for path in KB.glob("persons_*.jsonl") for p in _load(path.name) for r in p["roles"]}
    assert referenced - {None} <= orgs.keys(), sorted(referenced - {None} - orgs.keys())


def _role(person: dict, org: str, role: str) -> dict:
    return next(r for r in person["roles"] if r["org"] == org and r["role"] == role)


def test_known_facts(persons: dict[str, dict], orgs: dict[str, dict]) -> None:
    lavrov = persons["per:sergey-lavrov"]
    assert _role(lavrov, "org:russia-foreign-ministry", "foreign minister")["start"].startswith("2004")
    assert "لاوروف" in lavrov["aliases"]["fa"] and "لافروف" in lavrov["aliases"]["ar"]
    assert "سپاه" in orgs["org:irgc"]["aliases"]["fa"]
    assert "داعش" in orgs["org:isis"]["aliases"]["ar"] and "داعش" in orgs["org:isis"]["name"]["fa"]
    assert "قسد" in orgs["org:sdf"]["acronyms"]["ar"]
    erdogan = persons["per:recep-tayyip-erdogan"]
    assert _role(erdogan, "org:turkey-presidency", "president") == {
        "role": "president", "org": "org:turkey-presidency", "country": "TUR", "start": "2014-08-28", "end": None}
    assert _role(persons["per:yukiya-amano"], "org:iaea", "director general of the IAEA")["end"] == "2019-07-18"


def test_successions_do_not_overlap(persons: dict[str, dict]) -> None:
    chains = {
        ("org:us-state-department", "secretary of state"): [
            "per:hillary-clinton", "per:john-kerry", "per:rex-tillerson", "per:mike-pompeo", "per:antony-blinken",
            "per:marco-rubio"],
        ("org:centcom", "commander of CENTCOM"): [
            "per:david-petraeus", "per:jim-mattis", "per:lloyd-austin", "per:joseph-votel", "per:kenneth-mckenzie",
            "per:michael-kurilla", "per:brad-cooper"],
        ("org:idf", "chief of the general staff"): [
            "per:gabi-ashkenazi", "per:benny-gantz", "per:gadi-eisenkot", "per:aviv-kochavi", "per:herzi-halevi",
            "per:eyal-zamir"],
        ("org:turkey-foreign-ministry", "foreign minister"): [
            "per:ahmet-davutoglu", "per:mevlut-cavusoglu", "per:feridun-sinirlioglu", "per:hakan-fidan"],
        ("org:eu", "EU high representative for foreign affairs"): [
            "per:catherine-ashton", "per:federica-mogherini", "per:josep-borrell", "per:kaja-kallas"],
    }
    for (org, title), ids in chains.items():
        spans = sorted((r["start"], r["end"] or "9999-12-31")
                       for pid in ids for r in persons[pid]["roles"] if r["org"] == org and r["role"] == title)
        assert len(spans) >= len(ids), (org, title)
        for (_, end), (next_start, _) in itertools.pairwise(spans):
            assert end <= next_start, (org, end, next_start)


def test_ambiguous_names_are_flagged(orgs: dict[str, dict]) -> None:
    # فارس (a province), مهر (a month), العالم ("the world") need context before they link
    for org_id in ("org:fars-news-agency", "org:mehr-news-agency", "org:al-alam"):
        assert orgs[org_id].get("ambiguous") is True, org_id
    assert "ambiguous" not in orgs["org:irna"]
