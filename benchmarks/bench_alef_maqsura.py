"""Alef maqsura benchmark: word-final ی in Arabic typed on a Persian keyboard, before and after.

    python benchmarks/bench_alef_maqsura.py

Gold: benchmarks/gold/alef_maqsura_ar.tsv, rows `kind<TAB>typed<TAB>expected`: single words (about 100
spelled with ى, 60 with ي) and paragraphs of news prose, typed with ی ک and written in standard spelling.
"Before" is the old rule (every ی becomes ي); "after" is `normalize(text, "ar")`. Each word-final ی is
scored on its own: right when the output has the expected letter at its position.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from rasad.text.letters import ALEF_MAKSURA, ARABIC_KAF, ARABIC_YEH, PERSIAN_KEHEH, PERSIAN_YEH
from rasad.text.normalize import normalize

GOLD = Path(__file__).parent / "gold" / "alef_maqsura_ar.tsv"
_OLD_RULE = str.maketrans({PERSIAN_YEH: ARABIC_YEH, PERSIAN_KEHEH: ARABIC_KAF})
_FINAL_YEH = re.compile(f"{PERSIAN_YEH}(?![\u0621-\u064a\u066e-\u06d3])")


def load_gold() -> list[tuple[str, str, str]]:
    rows = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        kind, typed, expected = line.split("\t")
        rows.append((kind, typed, expected))
    return rows


def score(rows: list[tuple[str, str, str]], convert) -> dict[str, list[int]]:
    """Per expected letter (ى, ي): [right, total] over word-final ی positions; wrong ones are listed."""
    counts = {ALEF_MAKSURA: [0, 0], ARABIC_YEH: [0, 0]}
    for _, typed, expected in rows:
        output = convert(typed)
        assert len(output) == len(typed) == len(expected), typed
        for match in _FINAL_YEH.finditer(typed):
            want = expected[match.start()]
            counts[want][1] += 1
            counts[want][0] += output[match.start()] == want
    return counts


def report(name: str, counts: dict[str, list[int]]) -> None:
    right = sum(c[0] for c in counts.values())
    total = sum(c[1] for c in counts.values())
    alef, yeh = counts[ALEF_MAKSURA], counts[ARABIC_YEH]
    print(f"  {name:<7} {right}/{total} = {right / total:.1%}   "
          f"ى right {alef[0]}/{alef[1]}   ي right {yeh[0]}/{yeh[1]}")


def main() -> None:
    rows = load_gold()
    before = lambda text: text.translate(_OLD_RULE)  # noqa: E731
    after = lambda text: normalize(text, "ar")  # noqa: E731
    for kind in ("word", "paragraph"):
        subset = [row for row in rows if row[0] == kind]
        print(f"{kind}s ({len(subset)} rows): word-final ی correct")
        report("before", score(subset, before))
        report("after", score(subset, after))
    print("errors after:")
    for _, typed, expected in rows:
        output = after(typed)
        for match in _FINAL_YEH.finditer(typed):
            if output[match.start()] != expected[match.start()]:
                start = typed.rfind(" ", 0, match.start()) + 1
                print(f"  {typed[start:match.end()]} -> {output[start:match.end()]} (expected "
                      f"{expected[start:match.end()]})")
    text = "\n".join(typed for kind, typed, _ in rows if kind == "paragraph") * 200
    started = time.perf_counter()
    normalize(text, "ar")
    elapsed = time.perf_counter() - started
    print(f"speed: {len(text) / elapsed / 1e6:.2f} M characters/s (normalize, ar, {len(text):,} characters)")


if __name__ == "__main__":
    main()
