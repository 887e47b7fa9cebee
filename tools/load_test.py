"""A steady request rate against `rasad serve` on loopback: search, entity and events requests mixed,
for a minute by default; prints the rate held, the latency percentiles and the errors.

    python tools/load_test.py [--seconds 60] [--rate 20] [--documents 10000] [--db PATH]

The server runs as its own `rasad serve` process (as an analyst would start it), over a store of
generated documents built by benchmarks/bench_serve.py (reused when it exists). Requests are sent on
a fixed schedule by a pool of client threads, so a slow answer does not slow the rate down.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_serve import build_store, request_plan, store_ready  # noqa: E402
from rasad.serve.background import free_port  # noqa: E402


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def run_load(db: Path, seconds: float, rate: float, *, threads: int = 16) -> dict:
    """Hold `rate` requests a second for `seconds` against a fresh `rasad serve` over `db`."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "rasad.cli", "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/api/facets", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            said = server.stderr.read().decode()[-500:] if server.stderr else ""
            raise RuntimeError(f"the server did not start: {said}")
        plan = request_plan(db, 200)
        mixed = [request for kind in ("search", "entity", "events") for request in plan[kind]]
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        client = httpx.Client(base_url=base, timeout=30, limits=httpx.Limits(max_connections=threads))

        def send(url: str, params: dict) -> None:
            started = time.perf_counter()
            try:
                response = client.get(url, params=params)
                failed = None if response.status_code == 200 else f"{response.status_code} {url}"
            except httpx.HTTPError as exc:
                failed = f"{type(exc).__name__} {url}"
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                if failed:
                    errors.append(failed)

        total = int(seconds * rate)
        began = time.monotonic()
        with ThreadPoolExecutor(threads) as pool:
            for number in range(total):
                due = began + number / rate
                pause = due - time.monotonic()
                if pause > 0:
                    time.sleep(pause)
                pool.submit(send, *mixed[number % len(mixed)])
        took = time.monotonic() - began
        client.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    return {"requests": len(latencies), "seconds": took, "rate": len(latencies) / took, "target_rate": rate,
            "errors": errors, "p50": _percentile(latencies, 0.5), "p95": _percentile(latencies, 0.95),
            "p99": _percentile(latencies, 0.99), "max": max(latencies, default=0.0),
            "mean": statistics.mean(latencies) if latencies else 0.0}


def store_for(documents: int, db: Path | None) -> Path:
    path = db or Path(tempfile.gettempdir()) / f"rasad-load-{documents}.db"
    if not store_ready(path, documents):
        build_store(path, documents)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--rate", type=float, default=20)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    result = run_load(store_for(args.documents, args.db), args.seconds, args.rate)
    print(f"{result['requests']} requests in {result['seconds']:.1f} s = {result['rate']:.1f}/s "
          f"(target {args.rate:g}/s) over {args.documents} documents; errors {len(result['errors'])}")
    print(f"latency ms: p50 {result['p50']:.1f}  p95 {result['p95']:.1f}  p99 {result['p99']:.1f}  "
          f"max {result['max']:.1f}")
    sys.exit(1 if result["errors"] else 0)


if __name__ == "__main__":
    main()
