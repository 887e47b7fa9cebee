"""A throwaway PostgreSQL server in a temporary folder, for tests, benchmarks and trying Rasad's
PostgreSQL store without setting one up: `initdb` and `pg_ctl` from the machine's PostgreSQL
(Debian: `apt-get install postgresql`), a free local port, trust authentication on 127.0.0.1 only.

PostgreSQL refuses to run as root: run as root, the server runs as the `postgres` user (which
Debian's package creates), else as `nobody`.

    python -m rasad.store.pgserver      # starts one, prints its URL, stops it on Ctrl-C
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

SUPERUSER = "rasad"


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server can be started here (not installed, or it failed to start)."""


def find_program(name: str) -> str | None:
    """A PostgreSQL program on PATH, else in Debian's versioned folders (newest version first)."""
    found = shutil.which(name)
    if found:
        return found
    candidates = glob.glob(f"/usr/lib/postgresql/*/bin/{name}")
    candidates.sort(key=lambda path: int(Path(path).parts[-3]) if Path(path).parts[-3].isdigit() else 0)
    return candidates[-1] if candidates else None


def with_database(url: str, database: str) -> str:
    """The same server URL naming another database."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + database))


class TemporaryPostgres:
    """`start()` a server and get its URL (database `postgres`, superuser `rasad`); `stop()` removes
    it and its folder. `durable=False` turns off fsync and synchronous commit (for tests: fast, and
    nothing to keep); benchmarks keep the defaults."""

    def __init__(self, *, durable: bool = False) -> None:
        self.durable = durable
        self.folder: Path | None = None
        self.port: int | None = None
        self.url = ""
        self._user: str | None = None

    def __enter__(self) -> TemporaryPostgres:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def start(self) -> str:
        initdb, pg_ctl = find_program("initdb"), find_program("pg_ctl")
        if not initdb or not pg_ctl:
            raise PostgresUnavailable("initdb and pg_ctl not found (install PostgreSQL's server package)")
        self._user = _server_user()
        self.folder = Path(tempfile.mkdtemp(prefix="rasad-pg-"))
        if self._user:
            entry = pwd.getpwnam(self._user)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
        data = self.folder / "data"
        self._run([initdb, "-D", str(data), "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8", "--locale=C",
                   "--no-instructions"])
        self.port = _free_port()
        settings = [f"-p {self.port}", "-c listen_addresses=127.0.0.1", f"-c unix_socket_directories={self.folder}"]
        if not self.durable:
            settings += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        self._run([pg_ctl, "-D", str(data), "-l", str(self.folder / "server.log"), "-w", "-t", "60",
                   "-o", " ".join(settings), "start"])
        self.url = f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/postgres"
        return self.url

    def stop(self) -> None:
        if self.folder is None:
            return
        pg_ctl = find_program("pg_ctl")
        data = self.folder / "data"
        if pg_ctl and (data / "postmaster.pid").exists():
            subprocess.run([pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"], capture_output=True,
                           user=self._user, check=False)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None

    def _run(self, command: list[str]) -> None:
        try:
            subprocess.run(command, capture_output=True, text=True, check=True, user=self._user, timeout=120)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
            output = getattr(exc, "stderr", None) or getattr(exc, "stdout", None) or str(exc)
            log = self.folder / "server.log" if self.folder else None
            if log and log.exists():
                output += "\n" + log.read_text(errors="replace")[-2000:]
            self.stop()
            raise PostgresUnavailable(f"{Path(command[0]).name} failed: {output.strip()[-2000:]}") from exc


def _server_user() -> str | None:
    """Who runs the server: ourselves, unless we are root (which PostgreSQL refuses)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise PostgresUnavailable("running as root and no 'postgres' or 'nobody' user to run the server as")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


if __name__ == "__main__":
    import signal
    import sys
    import time

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop the server on `kill` as on Ctrl-C
    with TemporaryPostgres() as server:
        print(server.url, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
