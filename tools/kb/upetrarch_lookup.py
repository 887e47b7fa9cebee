"""Search UniversalPetrarch's Arabic actor dictionary (MIT, Open Event Data Alliance).

The dictionary writes each actor as an underscore-joined, partly lemmatised name followed by
CAMEO codes with date spans (``جلال_طالباني_`` then ``[IRQGOV 20050407-20140724]``). We use it to
check Arabic spellings and role dates of hand-written person entries in ``src/rasad/data/kb``.

Usage: ``python tools/kb/upetrarch_lookup.py NAME [--dict PATH]`` prints matching entries.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from pathlib import Path

from rasad.text.keys import search_key

DEFAULT_DICT = Path(__file__).resolve().parents[3] / "shared/data/universalpetrarch-arabic/actor_dict_ar_v4.txt"

# "[IRQGOV 20050407-20140724]", "[IRNGOV >20130803]", "[PSE]"
_CODE_LINE = re.compile(r"\[([A-Z]+)\s*([<>]?\s*\d{8})?(?:-(\d{8}))?\]")


@dataclass
class Actor:
    """One dictionary entry: its written name, folded key and CAMEO codes with date spans."""

    name: str
    key: str
    codes: list[tuple[str, str | None, str | None]] = field(default_factory=list)


def name_key(name: str) -> str:
    """Fold a name the way the linker does, joining underscore-separated parts with spaces."""
    return " ".join(search_key(name.replace("_", " ")).split())


def _date(raw: str | None) -> str | None:
    if not raw:
        return None
    digits = raw.strip("<> ")
    if digits.startswith("1800"):  # the dictionary's "open end" marker
        return None
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"


def load_actors(path: Path = DEFAULT_DICT) -> list[Actor]:
    """Parse the dictionary; code lines that start with a tab belong to the entry above them."""
    actors: list[Actor] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0] in "\t" or line.lstrip().startswith("["):
            if actors:
                actors[-1].codes.extend((m[0], _date(m[1]), _date(m[2])) for m in _CODE_LINE.findall(line))
            continue
        head, _, rest = line.strip().partition("[")
        actor = Actor(name=head.strip(), key=name_key(head))
        if rest:
            actor.codes.extend((m[0], _date(m[1]), _date(m[2])) for m in _CODE_LINE.findall("[" + rest))
        actors.append(actor)
    return actors


def index_actors(actors: list[Actor]) -> dict[str, list[Actor]]:
    """Map folded names to their entries (one name can appear more than once)."""
    index: dict[str, list[Actor]] = {}
    for actor in actors:
        index.setdefault(actor.key, []).append(actor)
    return index


def lookup(query: str, actors: list[Actor], exact: bool = False) -> list[Actor]:
    """Entries whose folded name equals (exact) or contains the folded query."""
    key = name_key(query)
    return [a for a in actors if (a.key == key if exact else key in a.key)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="+")
    parser.add_argument("--dict", type=Path, default=DEFAULT_DICT)
    parser.add_argument("--exact", action="store_true")
    args = parser.parse_args()
    actors = load_actors(args.dict)
    for name in args.names:
        for actor in lookup(name, actors, args.exact):
            spans = ", ".join(f"{code} {start or '?'}..{end or ''}" for code, start, end in actor.codes)
            print(f"{actor.name}\t{spans}")


if __name__ == "__main__":
    main()
