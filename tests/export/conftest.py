"""The documents of event_documents.py, saved through the store's API."""

import pytest
from event_documents import arabic_condemn, persian_geneva, persian_visit

from rasad.store import Store


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "rasad.db"
    with Store.open(path) as store:
        store.save([arabic_condemn(), persian_visit(), persian_geneva()])
    return path


@pytest.fixture
def store(db_path):
    with Store.open(db_path, create=False) as opened:
        yield opened
