import pytest
from fastapi.testclient import TestClient
from serve_corpus import TOKEN, build_store

from rasad.serve import create_app


@pytest.fixture
def db(store_target):
    """The serve corpus in a store of each backend: a SQLite file, then a PostgreSQL database
    (skipped, saying how to run it, when no PostgreSQL server can be had: tests/conftest.py)."""
    return build_store(store_target)


@pytest.fixture
def client(db):
    with TestClient(create_app(db)) as test_client:
        yield test_client


@pytest.fixture
def ingest_client(store_target, monkeypatch):
    monkeypatch.delenv("RASAD_INGEST_TOKEN", raising=False)
    with TestClient(create_app(store_target, ingest_token=TOKEN)) as test_client:
        yield test_client
