"""The knowledge base: the persons, organisations and places Rasad links mentions to.

Entries live in `rasad/data/kb/*.jsonl` (schema and sources in that folder's README.md); this module
loads them once per process into `KBEntry` objects and lists every written form of every entry
(`Surface`) for the linker's matcher. `find` serves `rasad entities search`.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from rasad.entities.namekey import name_key

KB_FILES = ("countries.jsonl", "places.jsonl", "organizations.jsonl")
PERSON_FILES_GLOB = "persons_*.jsonl"
LANGS = ("fa", "ar", "en")


@dataclass(frozen=True)
class Role:
    """An office a person held: canonical role name, its country and its span (None: open or unknown)."""

    role: str
    canonical: str
    country: str | None
    org: str | None
    start: datetime.date | None
    end: datetime.date | None

    def active_on(self, day: datetime.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Surface:
    """One written form of an entry: `kind` is name, alias, short (a one-word alias of a person),
    surname (the last word of a person's name, derived), acronym or demonym; `lang` the language
    list it came from."""

    text: str
    lang: str
    kind: str


@dataclass
class KBEntry:
    id: str
    type: str
    name: dict[str, str]
    country: str | None
    aliases: dict[str, list[str]] = field(default_factory=dict)
    acronyms: dict[str, list[str]] = field(default_factory=dict)
    demonyms: dict[str, list[str]] = field(default_factory=dict)
    titles: dict[str, list[str]] = field(default_factory=dict)
    roles: tuple[Role, ...] = ()
    sector: str | None = None
    kind: str | None = None  # organisations: government, ministry, armed-group ...; places: admin level
    ambiguous: bool = False
    population: int | None = None
    is_country: bool = False
    is_capital: bool = False
    coords: tuple[float, float] | None = None  # places: [lat, lon]
    capital: str | None = None  # countries: the place id of the capital

    @property
    def name_en(self) -> str:
        return self.name.get("en") or self.name.get("fa") or self.name.get("ar") or self.id

    def roles_on(self, day: datetime.date | None) -> list[Role]:
        """Roles held on `day`; every role when the day is unknown."""
        return [role for role in self.roles if day is None or role.active_on(day)]

    def surfaces(self) -> Iterator[Surface]:
        for lang in LANGS:
            if self.name.get(lang):
                yield Surface(self.name[lang], lang, "name")
            for alias in self.aliases.get(lang, ()):
                # One word of a person's name ("ظریف") is a weak reference: it needs support.
                kind = "short" if self.type == "PERSON" and " " not in alias.strip() else "alias"
                yield Surface(alias, lang, kind)
            for acronym in self.acronyms.get(lang, ()):
                yield Surface(acronym, lang, "acronym")
            for demonym in self.demonyms.get(lang, ()):
                yield Surface(demonym, lang, "demonym")
                for plural in _demonym_plurals(demonym, lang):
                    yield Surface(plural, lang, "demonym")
        if self.type == "PERSON":
            # The surname alone, for short references after the full name ("ظریف" after "محمدجواد ظریف").
            for lang in ("fa", "ar"):
                words = self.name.get(lang, "").split()
                if len(words) >= 2 and len(words[-1]) >= 3:
                    yield Surface(words[-1], lang, "surname")


def _demonym_plurals(demonym: str, lang: str) -> list[str]:
    """The regular plurals of a people's adjective, which the hand files do not list: إيراني →
    إيرانيين، إيرانيون (and the accusative إيرانيا); ایرانی → ایرانیان، ایرانی‌ها. The rule is regular
    (nisba + ين/ون, ی + ان/‌ها), so it is written here rather than in every entry."""
    if lang == "ar" and demonym.endswith("ي") and len(demonym) > 3:
        plurals = [demonym + "ين", demonym + "ون"]
        # the indefinite accusative of the adjective: "طلبا أمريكيا"
        return plurals if demonym.startswith("ال") else [*plurals, demonym + "ا"]
    if lang == "fa" and demonym.endswith("ی") and len(demonym) > 3:
        return [demonym + "ان", demonym + "\u200cها"]
    return []


class KnowledgeBase:
    def __init__(self, entries: list[KBEntry], canonical_roles: dict[str, str]) -> None:
        self.entries: dict[str, KBEntry] = {entry.id: entry for entry in entries}
        self.canonical_roles = canonical_roles

    def get(self, entry_id: str) -> KBEntry | None:
        return self.entries.get(entry_id)

    @cached_property
    def _keys(self) -> list[tuple[str, str]]:
        return [(name_key(surface.text.lower()), entry.id) for entry in self.entries.values()
                for surface in entry.surfaces()]

    def find(self, query: str, limit: int = 20, *, exact: bool = False) -> list[KBEntry]:
        """Entries a name in any script or English refers to: exact forms first, then (unless
        `exact`) forms that contain the query as whole words, then forms that start with it."""
        wanted = name_key(query.lower())
        if not wanted:
            return []
        ranks: dict[str, int] = {}
        for key, entry_id in self._keys:
            if key == wanted:
                rank = 0
            elif exact:
                continue
            elif f" {wanted} " in f" {key} ":
                rank = 1
            elif key.startswith(wanted):
                rank = 2
            else:
                continue
            ranks[entry_id] = min(rank, ranks.get(entry_id, rank))
        ordered = sorted(ranks, key=lambda entry_id: (ranks[entry_id], _prominence(self.entries[entry_id])))
        return [self.entries[entry_id] for entry_id in ordered[:limit]]


def _prominence(entry: KBEntry) -> tuple:
    """Sort key: countries, then capitals, then bigger places; persons with more offices first."""
    return (not entry.is_country, not entry.is_capital, -(entry.population or 0), -len(entry.roles), entry.id)


def _date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _entry(raw: dict, canonical_roles: dict[str, str], capitals: set[str]) -> KBEntry:
    roles = tuple(
        Role(role=item["role"], canonical=canonical_roles.get(item["role"], item["role"]),
             country=item.get("country"), org=item.get("org"),
             start=_date(item.get("start")), end=_date(item.get("end")))
        for item in raw.get("roles", ())
    )
    return KBEntry(
        id=raw["id"], type=raw["type"], name={k: v for k, v in raw["name"].items() if v},
        country=raw.get("country"), aliases=raw.get("aliases", {}), acronyms=raw.get("acronyms", {}),
        demonyms=raw.get("demonyms", {}), titles=raw.get("titles", {}), roles=roles,
        sector=raw.get("sector"), kind=raw.get("kind") or raw.get("admin"),
        ambiguous=bool(raw.get("ambiguous")), population=raw.get("population"),
        is_country="iso3" in raw, is_capital=raw["id"] in capitals,
        coords=tuple(raw["coords"]) if raw.get("coords") else None, capital=raw.get("capital"),
    )


def kb_dir() -> Path:
    return Path(str(resources.files("rasad") / "data" / "kb"))


def read_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as error:
                    raise ValueError(f"{path}:{number}: not valid JSON: {error.msg}") from None


def read_canonical_roles(folder: Path) -> dict[str, str]:
    path = folder / "roles.tsv"
    if not path.exists():
        return {}
    roles: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            written, _, canonical = line.partition("\t")
            roles[written.strip()] = canonical.strip() or written.strip()
    return roles


@lru_cache(maxsize=1)
def load_kb() -> KnowledgeBase:
    folder = kb_dir()
    canonical_roles = read_canonical_roles(folder)
    raw_entries = [raw for name in KB_FILES for raw in read_jsonl(folder / name)]
    raw_entries += [raw for path in sorted(folder.glob(PERSON_FILES_GLOB)) for raw in read_jsonl(path)]
    capitals = {raw["capital"] for raw in raw_entries if raw.get("capital")}
    return KnowledgeBase([_entry(raw, canonical_roles, capitals) for raw in raw_entries], canonical_roles)
