"""Fixtures shared by the test folders: a real PostgreSQL server for the PostgreSQL store's tests.

The server is started once per session in a temporary folder with the machine's `initdb` and
`pg_ctl` (rasad.store.pgserver), or taken from RASAD_TEST_POSTGRES (a URL of a user that may create
databases); each test gets a database of its own. Without either, those tests skip and say how to
run them.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import pytest

POSTGRES_ENV = "RASAD_TEST_POSTGRES"
HOW_TO_RUN = (f"to run the PostgreSQL tests, install PostgreSQL's server (Debian: apt-get install postgresql; "
              f"initdb and pg_ctl are then found) or set {POSTGRES_ENV}=postgresql://USER@HOST:PORT/postgres "
              f"(a user that may create databases); they also need psycopg: pip install 'rasad[postgres]'")
_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server's maintenance database, for creating test databases."""
    try:
        import psycopg  # noqa: F401
        import psycopg_pool  # noqa: F401
    except ImportError:
        pytest.skip(f"psycopg or psycopg_pool is not installed; {HOW_TO_RUN}")
    given = os.environ.get(POSTGRES_ENV)
    if given:
        yield given
        return
    from rasad.store.pgserver import PostgresUnavailable, TemporaryPostgres

    server = TemporaryPostgres()
    try:
        server.start()
    except PostgresUnavailable as exc:
        pytest.skip(f"no PostgreSQL server could be started ({str(exc)[:300]}); {HOW_TO_RUN}")
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A new, empty database on the test server; dropped after the test."""
    import psycopg

    from rasad.store.pgserver import with_database

    name = f"rasad_test_{os.getpid()}_{next(_numbers)}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield with_database(postgres_server, name)
    finally:
        with psycopg.connect(postgres_server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_target(request: pytest.FixtureRequest, tmp_path) -> str:
    """Where a store lives, once for each backend: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "rasad.db")
    return request.getfixturevalue("postgres_url")
