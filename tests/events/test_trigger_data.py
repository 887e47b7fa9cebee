"""Checks the trigger lexicons (data/{fa,ar}/event_triggers.tsv) and the CAMEO->PLOVER table as data.

A small standalone reader on purpose: these tests check what a linguist edits (columns, types, modes,
markers, flags, verbs), independently of the coder's loader.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "src" / "rasad" / "data"
LANGS = ("fa", "ar")

PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
MODES = {
    "CONSULT": {"visit", "meet", "phone", "letter", "multilateral"},
    "COERCE": {"arrest", "seize", "expel", "ban", "raid"},
    "ASSAULT": {"aerial", "drone", "artillery", "firearms", "explosives", "suicide", "assassination", "abduct"},
}
TARGETS = {
    "fa": {"obj", "با", "به", "از", "علیه", "بر", "برای", "بین"},
    "ar": {"obj", "مع", "ب", "على", "إلى", "ل", "من", "ضد", "عن", "بين", "في", "لدى"},
}
FLAGS = {"nominal", "passive", "symmetric", "received", "speech"}
MACRO = re.compile(r"^\{(.+)\}$")
ARABIC_DIACRITICS = re.compile("[\u064b-\u065f\u0670]")
# Letters that do not belong in one language's normalized text.
FOREIGN_LETTERS = {"fa": re.compile("[يكى]"), "ar": re.compile("[یکپچژگ\u200c]")}


def read_tsv(path: Path) -> list[tuple[int, list[str]]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            rows.append((number, line.split("\t")))
    return rows


def persian_verbs() -> set[str]:
    return {columns[0] for _, columns in read_tsv(DATA / "fa" / "verbs.tsv")}


@pytest.fixture(scope="module", params=LANGS)
def lexicon(request: pytest.FixtureRequest) -> tuple[str, list[tuple[int, list[str]]]]:
    return request.param, read_tsv(DATA / request.param / "event_triggers.tsv")


def test_five_columns_and_no_stray_spaces(lexicon: tuple[str, list]) -> None:
    lang, rows = lexicon
    for number, columns in rows:
        assert len(columns) == 5, f"{lang}:{number}: {columns}"
        assert all(column == column.strip() and column for column in columns), f"{lang}:{number}"
        phrase = columns[0]
        assert "  " not in phrase, f"{lang}:{number}"
        for slot in phrase.split(" "):
            assert all(slot.split("|")), f"{lang}:{number}: empty alternative in {slot!r}"


def test_types_modes_targets_flags(lexicon: tuple[str, list]) -> None:
    lang, rows = lexicon
    for number, (_, type_, mode, target, flags) in rows:
        where = f"{lang}:{number}"
        flag_set = set(flags.split(",")) if flags != "-" else set()
        assert flag_set <= FLAGS, where
        if type_ == "-":
            assert "speech" in flag_set and mode == "-" and target == "-", where
        else:
            assert type_ in PLOVER_TYPES, where
            assert "speech" not in flag_set, where
        assert mode == "-" or mode in MODES.get(type_, set()), f"{where}: {type_}/{mode}"
        if target != "-":
            markers = target.split(",")
            assert set(markers) <= TARGETS[lang], f"{where}: {markers}"
            assert len(markers) == len(set(markers)), where
        assert not {"passive", "received"} <= flag_set, where


def test_macros_name_known_verbs(lexicon: tuple[str, list]) -> None:
    lang, rows = lexicon
    verbs = persian_verbs()
    for number, columns in rows:
        for slot in columns[0].split(" "):
            macro = MACRO.match(slot)
            if macro:
                assert lang == "fa", f"{lang}:{number}: macros are Persian only"
                assert macro[1] in verbs, f"{lang}:{number}: {{{macro[1]}}} is not in fa/verbs.tsv"
            else:
                assert "{" not in slot and "}" not in slot, f"{lang}:{number}: {slot!r}"


def test_no_duplicate_phrase_and_type_and_sorted(lexicon: tuple[str, list]) -> None:
    lang, rows = lexicon
    keys = [(columns[1], columns[0]) for _, columns in rows]
    duplicates = [key for key, count in Counter(keys).items() if count > 1]
    assert not duplicates, f"{lang}: {duplicates}"
    assert keys == sorted(keys), f"{lang}: lines must be sorted by type, then phrase"


def test_every_type_present_and_lists_rich(lexicon: tuple[str, list]) -> None:
    lang, rows = lexicon
    counts = Counter(columns[1] for _, columns in rows)
    assert set(counts) >= PLOVER_TYPES, f"{lang}: missing {sorted(PLOVER_TYPES - set(counts))}"
    assert len(rows) >= 250, lang
    assert counts["CONSULT"] >= 40, lang
    consult_modes = {columns[2] for _, columns in rows if columns[1] == "CONSULT"}
    assert MODES["CONSULT"] <= consult_modes, lang
    assert MODES["ASSAULT"] <= {columns[2] for _, columns in rows if columns[1] == "ASSAULT"}, lang
    assert MODES["COERCE"] <= {columns[2] for _, columns in rows if columns[1] == "COERCE"}, lang
    assert counts["-"] >= 10, f"{lang}: reporting verbs"


def test_letters_belong_to_the_language(lexicon: tuple[str, list]) -> None:
    lang, rows = lexicon
    for number, columns in rows:
        phrase = columns[0]
        assert not FOREIGN_LETTERS[lang].search(phrase), f"{lang}:{number}: {phrase}"
        assert not ARABIC_DIACRITICS.search(phrase), f"{lang}:{number}: {phrase}"
        assert not re.search(r"(^|[ |{])\u200c|\u200c($|[ |}])", phrase), f"{lang}:{number}: stray ZWNJ"


def test_verbs_file_has_three_columns_and_unique_infinitives() -> None:
    rows = read_tsv(DATA / "fa" / "verbs.tsv")
    assert all(len(columns) == 3 and all(columns) for _, columns in rows)
    infinitives = [columns[0] for _, columns in rows]
    assert len(infinitives) == len(set(infinitives))
    for _, (infinitive, past, _present) in rows:
        assert infinitive == past + "ن", infinitive


def test_cameo_plover_table() -> None:
    rows = read_tsv(DATA / "events" / "cameo_plover.tsv")
    codes = [columns[0] for _, columns in rows]
    assert codes == sorted(codes) and len(codes) == len(set(codes))
    assert {f"{root:02d}" for root in range(1, 21)} <= set(codes)
    table = {}
    for number, columns in rows:
        assert len(columns) == 4 and columns[3], number
        code, type_, mode, _ = columns
        assert re.fullmatch(r"[0-9]{2,4}", code), number
        assert type_ == "-" or type_ in PLOVER_TYPES, number
        assert mode == "-" or mode in MODES.get(type_, set()), number
        table[code] = (type_, mode)
    for code, entry in table.items():
        if len(code) > 2:
            parent = next(code[:n] for n in range(len(code) - 1, 1, -1) if code[:n] in table)
            assert entry != table[parent], f"{code} repeats its parent {parent}"
    assert {table[root][0] for root in ("18", "19", "20")} == {"ASSAULT"}
