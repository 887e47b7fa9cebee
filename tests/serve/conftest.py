import pytest
from fastapi.testclient import TestClient
from serve_corpus import TOKEN, build_store

from rasad.serve import create_app


@pytest.fixture
def db(tmp_path):
    return build_store(tmp_path / "serve.db")


@pytest.fixture
def client(db):
    with TestClient(create_app(db)) as test_client:
        yield test_client


@pytest.fixture
def ingest_client(tmp_path, monkeypatch):
    monkeypatch.delenv("RASAD_INGEST_TOKEN", raising=False)
    with TestClient(create_app(tmp_path / "ingest.db", ingest_token=TOKEN)) as test_client:
        yield test_client
