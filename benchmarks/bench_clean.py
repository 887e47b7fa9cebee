"""Benchmark of the CLEAN stage: boilerplate removed, content kept, metadata, speed.

Run: python benchmarks/bench_clean.py
Gold: benchmarks/gold/boilerplate.tsv (single lines) and benchmarks/gold/pages/*.txt (whole pages,
format in that folder's README.md).
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rasad.text.clean import _analyse_line, clean_text, find_repeated_lines

GOLD = Path(__file__).parent / "gold"
FIELDS = ("title", "published_raw", "outlet", "news_code", "category")
OPTIONAL_FIELDS = ("datelines", "site_name")  # checked on the pages whose header gives them


@dataclass
class GoldPage:
    name: str
    header: dict[str, str]
    marked: list[tuple[str, str]] = field(default_factory=list)  # (mark, line); mark "" for blank

    @property
    def raw(self) -> str:
        return "\n".join(line for _, line in self.marked)

    def expected(self, name: str) -> str | list[str] | None:
        value = self.header.get(name, "-")
        if name == "datelines":
            return [] if value == "-" else [part.strip() for part in value.split("||")]
        return None if value == "-" else value


def load_pages(folder: Path = GOLD / "pages") -> list[GoldPage]:
    pages = []
    for path in sorted(folder.glob("*.txt")):
        page = GoldPage(path.stem, {})
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                key, _, value = line[2:].partition(":")
                page.header[key.strip()] = value.strip()
            elif not line.strip():
                page.marked.append(("", ""))
            else:
                mark, _, text = line.partition("| ")
                page.marked.append((mark, text))
        pages.append(page)
    return pages


def clean_pages(pages: list[GoldPage]) -> dict[str, object]:
    groups: dict[str, list[GoldPage]] = defaultdict(list)
    for page in pages:
        if "group" in page.header:
            groups[page.header["group"]].append(page)
    repeated = {name: find_repeated_lines(p.raw for p in members) for name, members in groups.items()}
    return {
        page.name: clean_text(
            page.raw,
            title_hint=page.header.get("title_hint"),
            repeated_lines=repeated.get(page.header.get("group", ""), frozenset()),
        )
        for page in pages
    }


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}% ({part}/{whole})" if whole else "n/a"


def bench_lines() -> None:
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for row in (GOLD / "boilerplate.tsv").read_text(encoding="utf-8").splitlines():
        if row.startswith("#") or row.startswith("lang\t") or not row.strip():
            continue
        lang, label, line = row.split("\t", 2)
        removed = _analyse_line(line.strip()).kind is not None
        right = removed if label == "boilerplate" else not removed
        counts[lang, label][0] += right
        counts[lang, label][1] += 1
        if not right:
            misses.append(f"  {lang} {label}: {line}")
    print("Single lines (benchmarks/gold/boilerplate.tsv, position-independent rules):")
    for lang in ("fa", "ar"):
        print(
            f"  {lang}: boilerplate removed {pct(*counts[lang, 'boilerplate'])}, "
            f"content kept {pct(*counts[lang, 'content'])}"
        )
    if misses:
        print("  misses:")
        print("\n".join(misses))


def bench_pages(folder: Path = GOLD / "pages") -> None:
    pages = load_pages(folder)
    results = clean_pages(pages)
    stats: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    misses = []
    for page in pages:
        result = results[page.name]
        lang = page.header.get("lang", "?")
        out_lines = result.text.split("\n") if result.text else []
        out_set = set(out_lines)
        content = [line for mark, line in page.marked if mark == "C"]
        for mark, line in page.marked:
            if mark == "C":
                kept = line in out_set
                stats[lang]["content"][0] += kept
                stats[lang]["content"][1] += 1
                if not kept:
                    misses.append(f"  {page.name}: content dropped: {line}")
            elif mark in ("B", "M", "T"):
                gone = line not in out_set
                stats[lang]["boilerplate"][0] += gone
                stats[lang]["boilerplate"][1] += 1
                if not gone:
                    misses.append(f"  {page.name}: {mark} line kept: {line}")
        stats[lang]["exact"][0] += out_lines == content
        stats[lang]["exact"][1] += 1
        for name in (*FIELDS, *(n for n in OPTIONAL_FIELDS if n in page.header)):
            got, want = getattr(result, name), page.expected(name)
            stats[lang][name][0] += got == want
            stats[lang][name][1] += 1
            if got != want:
                misses.append(f"  {page.name}: {name} = {got!r}, expected {want!r}")
    print(f"Whole pages (benchmarks/gold/{folder.name}, {len(pages)} pages):")
    for lang in ("fa", "ar"):
        s = stats[lang]
        print(
            f"  {lang}: boilerplate/meta/title lines removed {pct(*s['boilerplate'])}, "
            f"content lines kept {pct(*s['content'])}, pages exact {pct(*s['exact'])}"
        )
        print("      " + ", ".join(f"{name} {pct(*s[name])}" for name in (*FIELDS, *OPTIONAL_FIELDS) if name in s))
    if misses:
        print("  misses:")
        print("\n".join(misses))


def bench_speed(n_articles: int = 3000, seed: int = 7) -> None:
    """Articles of ~2,000 characters built from the gold pages, every content line made unique."""
    rng = random.Random(seed)
    pages = load_pages()
    articles = []
    for index in range(n_articles):
        page = pages[index % len(pages)]
        lines = []
        for mark, line in page.marked:
            if mark == "C":
                line = f"{line[:-1]} و {rng.randint(1, 10**6)}{line[-1]}"
            lines.append(line)
        raw = "\n".join(lines)
        while len(raw) < 2000:  # pad the body with more unique sentences
            extra = rng.choice([line for mark, line in page.marked if mark == "C"])
            raw = raw.replace("\n", f"\n{extra[:-1]} {rng.randint(1, 10**6)}.\n", 1)
        articles.append(raw)
    chars = sum(len(a) for a in articles) / len(articles)
    clean_text("warm-up")
    start = time.perf_counter()
    for raw in articles:
        clean_text(raw)
    elapsed = time.perf_counter() - start
    print(
        f"Speed: {len(articles) / elapsed:,.0f} articles/s "
        f"({n_articles} articles, mean {chars:,.0f} characters, one process)"
    )


def main() -> None:
    bench_lines()
    print()
    bench_pages()
    print()
    bench_pages(GOLD / "pages_heldout")
    print()
    bench_speed()


if __name__ == "__main__":
    main()
