"""Kill `rasad ingest` with SIGKILL at random moments, over and over, and check the store each time:
it opens cleanly, passes SQLite's integrity check, holds no partial document (every stored document
has its paragraphs, sentences and search-index row) and no duplicate; then the rerun completes the job
and the store equals an uninterrupted run's. Shared by tests/reliability/test_crash.py (a few cycles)
and tools/reliability_report.py (fifty)."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path


def ingest_command(inputs: Path, db: Path, job: str) -> list[str]:
    return [sys.executable, "-m", "rasad.cli", "ingest", str(inputs), "--db", str(db), "--job", job,
            "--partition-size", "4", "--chunk-size", "2", "-q"]


def check_store(db: Path) -> dict[str, int]:
    """The store's health after a kill; raises AssertionError on a broken or partial store."""
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = [row[0] for row in connection.execute("SELECT id FROM documents")]
        assert len(ids) == len(set(ids)), "a document stored twice"
        partial = connection.execute(
            """SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM paragraphs p WHERE p.doc = d.rowid)
               OR NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc = d.rowid)
               OR NOT EXISTS (SELECT 1 FROM documents_fts f WHERE f.rowid = d.rowid)""").fetchone()[0]
        assert partial == 0, f"{partial} partial documents"
        return {"documents": len(ids)}
    finally:
        connection.close()


def stored_ids(db: Path) -> list[str]:
    connection = sqlite3.connect(db)
    try:
        return sorted(row[0] for row in connection.execute("SELECT id FROM documents"))
    finally:
        connection.close()


@dataclass
class CrashRun:
    kills: int = 0  # runs killed while working
    completions: int = 0  # runs that finished before their kill came (the store then checked whole)
    stored_after_kill: list[int] = field(default_factory=list)
    seconds: float = 0.0


def kill_cycles(inputs: Path, db: Path, kills: int, *, expected: list[str], longest_wait: float,
                seed: int = 3, cwd: Path | None = None) -> CrashRun:
    """Run the same ingest job until it has been killed `kills` times, each kill after a random wait
    of up to `longest_wait` seconds (about an uninterrupted run's length), checking the store after
    each kill. A run that finishes first must have stored exactly `expected`; the job then starts
    over on an empty store, so the kills keep falling on a job at work."""
    rng = random.Random(seed)
    run = CrashRun()
    started = time.perf_counter()
    while run.kills < kills:
        process = subprocess.Popen(ingest_command(inputs, db, "crash"), cwd=cwd, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, longest_wait))
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=60)
            run.kills += 1
            if db.exists():
                run.stored_after_kill.append(check_store(db)["documents"])
            continue
        process.wait(timeout=60)
        run.completions += 1
        check_store(db)
        assert stored_ids(db) == expected, "a finished job stored other documents than an uninterrupted run"
        for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            path.unlink(missing_ok=True)
        shutil.rmtree(Path(f"{db}.jobs"), ignore_errors=True)
    run.seconds = time.perf_counter() - started
    return run
