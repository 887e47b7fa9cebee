"""ZWNJ restoration in Persian: Rasad against the library normalizers that are installed.

Run: python benchmarks/bench_zwnj.py [--hazm-python PATH]

Gold: benchmarks/gold/zwnj_fa.tsv (input<TAB>expected). Systems: Rasad's normalize(text, "fa"),
rishe.Normalizer, shekar.Normalizer, and hazm 0.10's Normalizer when a Python with hazm is given
(--hazm-python or $HAZM_PYTHON, default /tmp/hazmvenv/bin/python; hazm pins numpy 1.24.3, so it
lives in a throwaway venv and runs in a subprocess). Libraries run with their default settings.

Positions: every text is reduced to its skeleton (all characters but spaces and ZWNJs, with letter
variants, digits and diacritics folded so that library letter changes do not count) and each gap
between two skeleton characters gets a separator: space, ZWNJ or none. Input and gold share a
skeleton; a system's output is aligned to it (difflib), and gaps it disturbed count against it.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rasad.text.letters import DIACRITICS, DIGITS_TO_LATIN, TATWEEL, ZWNJ  # noqa: E402
from rasad.text.normalize import normalize  # noqa: E402

GOLD = ROOT / "benchmarks" / "gold" / "zwnj_fa.tsv"
FOLD = {ord("ي"): "ی", ord("ك"): "ک", ord("ى"): "ی", ord(TATWEEL): None, **DIGITS_TO_LATIN}
FOLD.update({ord(ch): None for ch in DIACRITICS})
SPACE, JOINER, NONE = " ", "Z", ""

DEFINITIONS = """\
restored   = lost ZWNJs the system wrote back / ZWNJs of the gold missing from the input
fixed      = gaps where input and gold differ (lost ZWNJs, and spaces gold removes as in کشور ها → کشورها)
             that the system got right / all such gaps
false join = gaps where the system wrote a ZWNJ or removed a space and the gold has a space, or wrote a
             ZWNJ where the gold has none / all word and morpheme boundaries of the gold (its spaces and
             ZWNJs); false joins are counted over every gap of every sentence, traps included
other harm = gaps the system changed away from a correct input in another way (split a word, dropped
             a correct ZWNJ), as a count
exact      = sentences whose every gap matches the gold
speed      = gold sentences per second (and one ~2,000-character article per second), one process"""


def skeleton(text: str) -> tuple[str, list[str]]:
    """Characters without spaces and ZWNJs, and the separator in each gap between them."""
    chars: list[str] = []
    seps: list[str] = []
    pending = NONE
    for ch in text.translate(FOLD):
        if ch.isspace():
            pending = SPACE
        elif ch == ZWNJ:
            if pending != SPACE:
                pending = JOINER
        else:
            if chars:
                seps.append(pending)
            chars.append(ch)
            pending = NONE
    return "".join(chars), seps


def aligned_seps(reference: str, text: str) -> list[str | None]:
    """Separators of `text` at the reference's gaps; None where the output's characters differ there."""
    chars, seps = skeleton(text)
    if chars == reference:
        return list(seps)
    out: list[str | None] = [None] * max(len(reference) - 1, 0)
    matcher = difflib.SequenceMatcher(None, reference, chars, autojunk=False)
    for block in matcher.get_matching_blocks():
        for offset in range(block.size - 1):
            out[block.a + offset] = seps[block.b + offset]
    return out


def load_gold() -> list[tuple[str, str]]:
    pairs = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line == "input\texpected":
            continue
        source, expected = line.split("\t")
        pairs.append((source, expected))
    return pairs


def score(pairs: list[tuple[str, str]], outputs: list[str]) -> dict[str, float]:
    lost = restored = differing = fixed = boundaries = false_joins = harm = exact = 0
    for (source, expected), output in zip(pairs, outputs, strict=True):
        reference, gold = skeleton(expected)
        source_chars, given = skeleton(source)
        assert source_chars == reference, f"gold row's input and expected differ in letters: {source}"
        got = aligned_seps(reference, output)
        sentence_ok = True
        for before, want, have in zip(given, gold, got, strict=True):
            boundaries += want != NONE
            if want == JOINER and before != JOINER:
                lost += 1
                restored += have == JOINER
            if before != want:
                differing += 1
                fixed += have == want
            if have != want:
                sentence_ok = False
                if (want == SPACE and have in (JOINER, NONE)) or (want == NONE and have == JOINER):
                    false_joins += 1
                elif before == want:
                    harm += 1
        exact += sentence_ok
    return {
        "restored": 100 * restored / max(lost, 1),
        "fixed": 100 * fixed / max(differing, 1),
        "false_joins": 100 * false_joins / max(boundaries, 1),
        "false_join_count": false_joins,
        "harm": harm,
        "exact": 100 * exact / len(pairs),
        "lost": lost,
        "boundaries": boundaries,
    }


def timed(run: Callable[[list[str]], list[str]], inputs: list[str], article: str) -> tuple[list[str], float, float]:
    run(inputs[:5])  # load lexicons and models outside the clock
    start = time.perf_counter()
    outputs = run(inputs)
    sentence_rate = len(inputs) / (time.perf_counter() - start)
    rounds = 0
    start = time.perf_counter()
    while time.perf_counter() - start < 1.0:
        run([article])
        rounds += 1
    return outputs, sentence_rate, rounds / (time.perf_counter() - start)


HAZM_SCRIPT = """
import json, sys, time
from hazm import Normalizer
texts = json.load(sys.stdin)
article = texts.pop()
normalizer = Normalizer()
normalizer.normalize(texts[0])
start = time.perf_counter()
outputs = [normalizer.normalize(text) for text in texts]
rate = len(texts) / (time.perf_counter() - start)
rounds, start = 0, time.perf_counter()
while time.perf_counter() - start < 1.0:
    normalizer.normalize(article)
    rounds += 1
print(json.dumps({"outputs": outputs, "rate": rate, "article_rate": rounds / (time.perf_counter() - start)}))
"""


def run_hazm(python: str, inputs: list[str], article: str) -> tuple[list[str], float, float] | str:
    if not Path(python).exists():
        return f"skipped: no Python with hazm at {python}"
    result = subprocess.run([python, "-c", HAZM_SCRIPT], input=json.dumps([*inputs, article]),
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return "skipped: " + (result.stderr.strip().splitlines() or ["hazm failed"])[-1]
    data = json.loads(result.stdout.strip().splitlines()[-1])
    return data["outputs"], data["rate"], data["article_rate"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hazm-python", default=os.environ.get("HAZM_PYTHON", "/tmp/hazmvenv/bin/python"))
    parser.add_argument("--show-errors", action="store_true", help="print Rasad's wrong sentences")
    args = parser.parse_args()

    pairs = load_gold()
    inputs = [source for source, _ in pairs]
    article = ""
    for source in inputs:
        if len(article) >= 2000:
            break
        article += source + " "
    print(f"gold: {len(pairs)} sentences, {sum(a == b for a, b in pairs)} of them traps (input = expected)")
    print(DEFINITIONS)

    systems: dict[str, tuple[list[str], float, float] | str] = {}
    systems["rasad"] = timed(lambda texts: [normalize(text, "fa") for text in texts], inputs, article)
    try:
        import rishe

        rishe_normalizer = rishe.Normalizer()
        systems["rishe " + getattr(rishe, "__version__", "")] = timed(
            lambda texts: [rishe_normalizer.normalize(text) for text in texts], inputs, article)
    except ImportError:
        systems["rishe"] = "skipped: not installed"
    try:
        import shekar

        shekar_normalizer = shekar.Normalizer()
        systems["shekar " + shekar.__version__] = timed(
            lambda texts: [shekar_normalizer(text) for text in texts], inputs, article)
    except ImportError:
        systems["shekar"] = "skipped: not installed"
    systems["hazm 0.10"] = run_hazm(args.hazm_python, inputs, article)

    lost = score(pairs, inputs)["lost"]
    print(f"\nlost ZWNJs in the inputs: {lost}; gold word/morpheme boundaries: "
          f"{score(pairs, inputs)['boundaries']}")
    header = f"{'system':<14}{'restored':>9}{'fixed':>8}{'false join':>12}{'harm':>6}{'exact':>8}" \
             f"{'sent/s':>9}{'art/s':>8}"
    print(header)
    for name, result in [("input as is", (inputs, 0.0, 0.0)), *systems.items()]:
        if isinstance(result, str):
            print(f"{name:<14}{result}")
            continue
        outputs, rate, article_rate = result
        figures = score(pairs, outputs)
        print(f"{name:<14}{figures['restored']:>8.1f}%{figures['fixed']:>7.1f}%"
              f"{figures['false_joins']:>7.2f}% ({figures['false_join_count']:>2}){figures['harm']:>6}"
              f"{figures['exact']:>7.1f}%{rate:>9.0f}{article_rate:>8.0f}")
    if args.show_errors:
        outputs = systems["rasad"][0]  # type: ignore[index]
        for (source, expected), output in zip(pairs, outputs, strict=True):
            if output != expected:
                print(f"\nIN  {source}\nGOT {output}\nWANT{expected}")


if __name__ == "__main__":
    main()
