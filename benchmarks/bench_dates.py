"""Date extraction: Rasad against dateparser's `search_dates` on the same hand-written gold.

Run: python benchmarks/bench_dates.py [--no-dateparser]

Gold: benchmarks/gold/dates_fa.jsonl and dates_ar.jsonl, one sentence a line with its reference date
and the expected expressions (span, Gregorian value, calendar, relative), written for Rasad (see
docs/dates.md for the value rules they follow).

Figures, per language and overall, for each system:
- span P/R/F1, exact: a prediction counts when its start and end equal a gold expression's;
- span P/R/F1, overlap: a prediction counts when it overlaps an unmatched gold expression;
- value accuracy: share of gold expressions predicted with the exact span and the same value
  (and, in brackets, with an overlapping span and the same value);
- sentences per second.

dateparser is configured at its best for this task: `search_dates` with the sentence's language,
RELATIVE_BASE set to the reference date, PREFER_DATES_FROM='past', PREFER_DAY_OF_MONTH='first', and
each span it finds re-read with its Jalali calendar (Persian) or Hijri calendar (Arabic) when that
calendar parses it, since `search_dates` itself knows only the Gregorian calendar.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from rasad.time.extract import extract_dates

GOLD = Path(__file__).resolve().parent / "gold"

Prediction = tuple[int, int, str]  # start, end, value


def load_gold() -> list[dict]:
    rows: list[dict] = []
    for path in sorted(GOLD.glob("dates_*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            rows.extend(json.loads(line) for line in handle if line.strip())
    return rows


def rasad(text: str, lang: str, reference: datetime.date) -> list[Prediction]:
    return [(d.start, d.end, d.value) for d in extract_dates(text, lang, reference)]


def make_dateparser() -> Callable[[str, str, datetime.date], list[Prediction]]:
    warnings.filterwarnings("ignore")
    from dateparser.calendars.hijri import HijriCalendar
    from dateparser.calendars.jalali import JalaliCalendar
    from dateparser.search import search_dates

    def calendar_value(span: str, lang: str) -> str | None:
        calendar = JalaliCalendar if lang == "fa" else HijriCalendar
        try:
            data = calendar(span).get_date()
        except Exception:
            return None
        if data is None or data.date_obj is None:
            return None
        year = data.date_obj.year
        return data.date_obj.date().isoformat() if 1900 <= year <= 2100 else None

    def predict(text: str, lang: str, reference: datetime.date) -> list[Prediction]:
        settings = {"RELATIVE_BASE": datetime.datetime.combine(reference, datetime.time(12)),
                    "PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first",
                    "RETURN_AS_TIMEZONE_AWARE": False}
        try:
            found = search_dates(text, languages=[lang], settings=settings) or []
        except Exception:
            found = []
        out: list[Prediction] = []
        position = 0
        for span, moment in found:
            start = text.find(span, position)
            if start < 0:
                continue
            position = start + len(span)
            value = calendar_value(span, lang)
            if value is None:
                value = moment.date().isoformat()
                if moment.time() != datetime.time(0) and moment.time() != datetime.time(12) and ":" in span:
                    value = moment.strftime("%Y-%m-%dT%H:%M")
            out.append((start, position, value))
        return out

    return predict


def score(rows: list[dict], predictions: list[list[Prediction]]) -> dict[str, float]:
    gold_total = sum(len(r["dates"]) for r in rows)
    pred_total = sum(len(p) for p in predictions)
    exact = overlap = value_exact = value_overlap = 0
    for row, predicted in zip(rows, predictions, strict=True):
        gold = [(d["start"], d["end"], d["value"]) for d in row["dates"]]
        exact_spans = {(s, e): v for s, e, v in predicted}
        for start, end, value in gold:
            if (start, end) in exact_spans:
                exact += 1
                value_exact += exact_spans[(start, end)] == value
        used: set[int] = set()
        for start, end, value in gold:
            for index, (ps, pe, pv) in enumerate(predicted):
                if index not in used and ps < end and start < pe:
                    used.add(index)
                    overlap += 1
                    value_overlap += pv == value
                    break

    def prf(hits: int) -> tuple[float, float, float]:
        p = hits / pred_total if pred_total else 0.0
        r = hits / gold_total if gold_total else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    ep, er, ef = prf(exact)
    op, orr, of = prf(overlap)
    return {"gold": gold_total, "predicted": pred_total, "P": ep, "R": er, "F1": ef, "oP": op, "oR": orr,
            "oF1": of, "value": value_exact / gold_total if gold_total else 0.0,
            "value_overlap": value_overlap / gold_total if gold_total else 0.0}


def run(system: Callable[[str, str, datetime.date], list[Prediction]], rows: list[dict],
        repeat: int) -> tuple[list[list[Prediction]], float]:
    predictions: list[list[Prediction]] = []
    started = time.perf_counter()
    for _ in range(repeat):
        predictions = [system(r["text"], r["lang"], datetime.date.fromisoformat(r["reference"]))
                       for r in rows]
    elapsed = time.perf_counter() - started
    return predictions, len(rows) * repeat / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-dateparser", action="store_true", help="score Rasad only")
    parser.add_argument("--errors", action="store_true", help="list Rasad's misses and false hits")
    args = parser.parse_args()
    rows = load_gold()
    systems: dict[str, Callable] = {"rasad": rasad}
    if not args.no_dateparser:
        systems["dateparser"] = make_dateparser()
    rasad(rows[0]["text"], rows[0]["lang"], datetime.date.fromisoformat(rows[0]["reference"]))  # warm-up
    results: dict[str, tuple[list[list[Prediction]], float]] = {}
    for name, system in systems.items():
        results[name] = run(system, rows, repeat=5 if name == "rasad" else 1)
    print(f"gold: {len(rows)} sentences, {sum(len(r['dates']) for r in rows)} expressions, "
          f"{sum(not r['dates'] for r in rows)} sentences without a date")
    header = f"{'system':<11}{'lang':<5}{'pred':>5} {'P':>6}{'R':>6}{'F1':>6} | " \
             f"{'oP':>6}{'oR':>6}{'oF1':>6} | " \
             f"{'value':>6} {'(ovl)':>6} | sent/s"
    print(header)
    print("-" * len(header))
    for name, (predictions, speed) in results.items():
        for lang in ("fa", "ar", "all"):
            chosen = [i for i, r in enumerate(rows) if lang in ("all", r["lang"])]
            s = score([rows[i] for i in chosen], [predictions[i] for i in chosen])
            speed_text = f"{speed:,.0f}" if lang == "all" else ""
            print(f"{name:<11}{lang:<5}{s['predicted']:>5} {s['P']:>6.1%}{s['R']:>6.1%}{s['F1']:>6.1%} | "
                  f"{s['oP']:>6.1%}{s['oR']:>6.1%}{s['oF1']:>6.1%} | {s['value']:>6.1%} "
                  f"({s['value_overlap']:>5.1%}) | {speed_text}")
    if args.errors:
        predictions = results["rasad"][0]
        for row, predicted in zip(rows, predictions, strict=True):
            gold = {(d["start"], d["end"], d["value"]) for d in row["dates"]}
            got = set(predicted)
            if gold != got:
                print(f"\n[{row['lang']} {row['reference']}] {row['text']}", file=sys.stderr)
                for s, e, v in sorted(gold - got):
                    print(f"   missed {row['text'][s:e]!r} {v}", file=sys.stderr)
                for s, e, v in sorted(got - gold):
                    print(f"   extra  {row['text'][s:e]!r} {v}", file=sys.stderr)


if __name__ == "__main__":
    main()
