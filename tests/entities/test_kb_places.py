"""Checks the country and place files of the knowledge base and the common-word stoplists."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from rasad.text.keys import search_key

KB = Path(__file__).resolve().parents[2] / "src" / "rasad" / "data" / "kb"
COMMON = {"type", "name", "aliases", "country", "sources"}
COUNTRY_FIELDS = COMMON | {"id", "iso3", "capital", "demonyms", "ambiguous"}
PLACE_FIELDS = COMMON | {"id", "coords", "population", "admin", "ambiguous"}
ISO3 = re.compile(r"^[A-Z]{3}$")
PLACE_ID = re.compile(r"^loc:(gn:[0-9]+|[a-z0-9]+(-[a-z0-9]+)*)$")
PERSIAN_ONLY = re.compile("[پچژگ]")
MENA = {"IRN", "IRQ", "SYR", "LBN", "JOR", "ISR", "PSE", "SAU", "YEM", "OMN", "ARE", "QAT", "BHR", "KWT", "EGY",
        "LBY", "TUN", "DZA", "MAR", "SDN", "TUR", "AFG", "PAK", "AZE", "ARM", "CYP"}


def _load(name: str) -> list[dict]:
    return [json.loads(line) for line in (KB / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def _stoplist(lang: str) -> set[str]:
    lines = (KB / f"common_words_{lang}.txt").read_text(encoding="utf-8").splitlines()
    return {search_key(line.split("#", 1)[0].strip()) for line in lines if line.split("#", 1)[0].strip()}


@pytest.fixture(scope="module")
def countries() -> list[dict]:
    return _load("countries.jsonl")


@pytest.fixture(scope="module")
def places() -> list[dict]:
    return _load("places.jsonl")


@pytest.fixture(scope="module")
def places_by_id(places: list[dict]) -> dict[str, dict]:
    return {p["id"]: p for p in places}


@pytest.mark.parametrize("name", ["countries.jsonl", "countries_extra.jsonl", "places.jsonl", "places_extra.jsonl"])
def test_ids_unique_and_sorted(name: str) -> None:
    ids = [entry["id"] for entry in _load(name)]
    assert ids == sorted(ids), f"{name}: lines must be sorted by id"
    assert len(ids) == len(set(ids)), f"{name}: ids must be unique"


@pytest.mark.parametrize("lang", ["fa", "ar"])
def test_stoplists_sorted_and_large(lang: str) -> None:
    lines = (KB / f"common_words_{lang}.txt").read_text(encoding="utf-8").splitlines()
    words = [line for line in lines if line and not line.startswith("#")]
    assert words == sorted(set(words))
    assert len(words) >= 300


def test_countries_schema(countries: list[dict], places_by_id: dict[str, dict]) -> None:
    assert len(countries) >= 240
    for c in countries:
        assert set(c) == COUNTRY_FIELDS, c["id"]
        assert c["type"] == "LOCATION" and ISO3.match(c["iso3"]) and c["id"] == f"loc:{c['iso3']}"
        for lang in ("en", "fa", "ar"):
            assert c["name"][lang].strip(), (c["id"], lang)
            assert isinstance(c["aliases"][lang], list) and isinstance(c["demonyms"][lang], list)
        if c["capital"] is not None:
            assert c["capital"] in places_by_id, (c["id"], c["capital"])
            assert places_by_id[c["capital"]]["country"] == c["iso3"], c["id"]
        for text in [c["name"]["ar"], *c["aliases"]["ar"], *c["demonyms"]["ar"]]:
            assert not PERSIAN_ONLY.search(text), (c["id"], text)


def test_country_names_make_sense(countries: list[dict]) -> None:
    by_id = {c["id"]: c for c in countries}
    assert by_id["loc:TUR"]["name"]["ar"] == "تركيا"  # not "ديك رومي" (the bird)
    assert by_id["loc:TUR"]["name"]["fa"] == "ترکیه"
    assert by_id["loc:SYR"]["name"]["fa"] == "سوریه"
    assert "الإيراني" in by_id["loc:IRN"]["demonyms"]["ar"] and "ایرانی" in by_id["loc:IRN"]["demonyms"]["fa"]
    assert "ایالات متحده آمریکا" in by_id["loc:USA"]["aliases"]["fa"]
    # capitals that most-populous matching could get wrong
    assert by_id["loc:IRN"]["capital"] == "loc:gn:112931"
    assert by_id["loc:SYR"]["capital"] == "loc:gn:170654"


def test_places_schema(places: list[dict]) -> None:
    for p in places:
        assert PLACE_FIELDS <= set(p) <= PLACE_FIELDS | {"wikidata"}, p["id"]
        assert PLACE_ID.match(p["id"]) and p["type"] == "LOCATION", p["id"]
        assert p["name"]["en"].strip() and not re.search(r"[\u0600-\u06ff]", p["name"]["en"]), p["id"]
        assert set(p["name"]) <= {"en", "fa", "ar"} and set(p["aliases"]) == {"en", "fa", "ar"}, p["id"]
        assert p["country"] is None or ISO3.match(p["country"]), p["id"]
        lat, lon = p["coords"]
        assert -90 <= lat <= 90 and -180 <= lon <= 180, p["id"]
        assert p["population"] is None or p["population"] >= 0
        assert p["admin"] in {"city", "province", "region", "site"}, p["id"]
        assert isinstance(p["ambiguous"], bool)
        for text in [p["name"].get("ar", ""), *p["aliases"]["ar"]]:
            assert not PERSIAN_ONLY.search(text), (p["id"], text)


def test_places_cover_mena(places: list[dict]) -> None:
    by_country = Counter(p["country"] for p in places if p["country"] in MENA)
    assert sum(by_country.values()) >= 1500
    assert all(by_country[iso] > 0 for iso in MENA), by_country
    named = [p for p in places if p["country"] in MENA and ("fa" in p["name"] or "ar" in p["name"])]
    assert len(named) >= 1500


@pytest.mark.parametrize("name", ["countries.jsonl", "places.jsonl"])
def test_common_words_only_in_ambiguous_entries(name: str) -> None:
    stops = {"fa": _stoplist("fa"), "ar": _stoplist("ar")}
    for entry in _load(name):
        if entry["ambiguous"]:
            continue
        for lang in ("fa", "ar"):
            for text in filter(None, [entry["name"].get(lang), *entry["aliases"][lang]]):
                assert search_key(text) not in stops[lang], (entry["id"], lang, text)


def test_mali_is_not_an_unambiguous_name(countries: list[dict], places: list[dict]) -> None:
    holders = [e for e in [*countries, *places]
               if search_key("مالی") in {search_key(n) for n in [e["name"].get("fa", ""), *e["aliases"]["fa"]]}]
    assert holders and all(e["ambiguous"] for e in holders)
    # the Arabic demonym مالي is "financial" too: it must not be a demonym of Mali
    mali = next(c for c in countries if c["id"] == "loc:MLI")
    assert search_key("مالي") not in {search_key(d) for d in mali["demonyms"]["ar"]}


def test_newsworthy_places_present(places: list[dict]) -> None:
    def find(en: str) -> dict:
        return next(p for p in places if p["name"]["en"] == en)

    idlib = find("Idlib")
    assert idlib["country"] == "SYR" and idlib["name"]["fa"] == "ادلب" and idlib["name"]["ar"] == "إدلب"
    geneva = find("Geneva")
    assert geneva["country"] == "CHE" and geneva["name"]["fa"] == "ژنو" and geneva["name"]["ar"] == "جنيف"
    assert find("Idlib Governorate")["admin"] == "province"
    assert find("Strait of Hormuz")["name"]["ar"] == "مضيق هرمز"
    provinces = Counter(p["country"] for p in places if p["admin"] == "province")
    assert provinces["IRN"] == 31 and provinces["IRQ"] == 18 and provinces["SYR"] == 14


def test_place_names_owned_by_one_city(places: list[dict]) -> None:
    """GeoNames' "موسكو" sits on Mesquite, Texas too: a GeoNames-only name belongs to one place."""
    owners: dict[str, set[str]] = {}
    for p in places:
        if p["sources"] != ["geonames"]:
            continue
        for lang in ("fa", "ar"):
            for text in filter(None, [p["name"].get(lang), *p["aliases"][lang]]):
                owners.setdefault(search_key(text), set()).add(p["id"])
    shared = {key: ids for key, ids in owners.items() if len(ids) > 1}
    assert not shared, list(shared.items())[:5]
