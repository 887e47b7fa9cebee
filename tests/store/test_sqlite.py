import sqlite3

import pytest

from rasad.record import Document, Paragraph, Sentence, Source
from rasad.store import Store, StoreError
from rasad.store.sqlite import SCHEMA_VERSION, query_terms, snippet


def _document(text: str, lang: str, title: str | None = None, path: str = "x.txt") -> Document:
    document = Document(source=Source(path=path), raw_text=text)
    document.text, document.lang, document.title = text, lang, title
    document.paragraphs = [Paragraph(0, len(text), lang)]
    document.sentences = [Sentence(0, len(text), 0)]
    return document


ZARIF_FA = _document("محمدجواد ظریف وزیر امور خارجه ایران در ژنو با لاوروف دیدار کرد.", "fa", "دیدار ظریف")
ZARIF_AR = _document("التقى وزير الخارجية الإيراني محمد جواد ظريف نظيره الروسي لافروف في جنيف.", "ar", "لقاء")
OTHER = _document("بارش برف در تهران مدارس را تعطیل کرد.", "fa", "برف")


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "rasad.db") as opened:
        yield opened


def test_new_store_is_wal_and_versioned(store):
    assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.schema_version() == SCHEMA_VERSION


def test_query_in_either_spelling_finds_both_languages(store):
    store.save([ZARIF_FA, ZARIF_AR, OTHER])
    persian_query = {hit.id for hit in store.search("ظریف")}
    arabic_query = {hit.id for hit in store.search("ظريف")}
    assert persian_query == arabic_query == {ZARIF_FA.id, ZARIF_AR.id}
    assert {hit.id for hit in store.search("ظريف", lang="ar")} == {ZARIF_AR.id}


def test_hits_are_ranked_and_snippets_mark_the_original_spelling(store):
    store.save([ZARIF_FA, ZARIF_AR, OTHER])
    [hit] = store.search("ظریف لافروف")
    assert hit.id == ZARIF_AR.id
    assert "[ظريف]" in hit.snippet and "[لافروف]" in hit.snippet


def test_ingest_is_idempotent(store):
    first = store.save([ZARIF_FA, OTHER])
    second = store.save([ZARIF_FA, OTHER])
    assert (first.added, second.added, second.unchanged) == (2, 0, 2)
    assert store.count() == 2
    assert len(store.search("برف")) == 1


def test_a_failing_chunk_leaves_the_store_as_it_was(store, monkeypatch):
    store.save([OTHER])
    original_insert = store._insert_parts

    def failing(rowid, rows):
        if rows.id == ZARIF_AR.id:
            raise sqlite3.IntegrityError("disk trouble")
        original_insert(rowid, rows)

    monkeypatch.setattr(store, "_insert_parts", failing)
    with pytest.raises(sqlite3.IntegrityError):
        store.save([ZARIF_FA, ZARIF_AR])
    assert store.count() == 1
    assert store.search("ظریف") == []
    assert store.connection.execute("SELECT count(*) FROM paragraphs").fetchone()[0] == 1


def test_query_operators_are_inert(store):
    store.save([ZARIF_FA])
    assert query_terms('ظریف" OR "x') == ["ظریف", "or", "x"]
    assert store.search('"') == []
    assert store.search("ظریف NEAR(") == []


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.db"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(StoreError, match="newer"):
        Store.open(path)


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("this is not sqlite " * 100)
    with pytest.raises(StoreError, match="not a usable Rasad database"):
        Store.open(path)


def test_snippet_windows_long_text():
    text = "مقدمه " * 60 + "ظريف در ژنو" + " پایان" * 60
    result = snippet(text, ["ظریف"], mark=("<", ">"))
    assert "<ظريف>" in result
    assert result.startswith("…") and result.endswith("…")
    assert len(result) < 200


def test_a_name_in_english_finds_mentions_in_both_scripts(store):
    from rasad.entities.link import link_entities

    documents = [_document(ZARIF_FA.text, "fa", "دیدار"), _document(ZARIF_AR.text, "ar", "لقاء"),
                 _document(OTHER.text, "fa", "برف")]
    for document in documents:
        document.entities = link_entities(document.text, document.lang)
    store.save(documents)
    hits = store.search("Zarif")
    assert {hit.id for hit in hits} == {documents[0].id, documents[1].id}
    assert any("[محمدجواد ظریف]" in hit.snippet for hit in hits)
    assert any("[محمد جواد ظريف]" in hit.snippet for hit in hits)
    # Re-saving a changed record replaces its mentions rather than adding to them.
    documents[0].entities = []
    store.save(documents[:1])
    assert {hit.id for hit in store.search("Zarif")} == {documents[1].id}


def test_a_write_that_fails_is_a_clear_error_and_keeps_what_was_stored(tmp_path, monkeypatch) -> None:
    import sqlite3

    from rasad.api import process_text
    from rasad.store import Store, StoreError
    from rasad.store.sqlite import SQLiteStore

    first = process_text("محمدجواد ظریف امروز در ژنو با سرگئی لاوروف دیدار کرد.", lang="fa", published="2020-02-25")
    second = process_text("التقى ظريف لافروف في جنيف.", lang="ar", published="2020-02-25")
    with Store.open(tmp_path / "rasad.db") as store:
        store.save([first])
        calls = {"n": 0}
        original = SQLiteStore._write_chunk

        def full_disk(self, chunk):
            calls["n"] += 1
            raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr(SQLiteStore, "_write_chunk", full_disk)
        try:
            store.save([second])
        except StoreError as exc:
            assert "rasad.db: cannot write (database or disk is full)" in str(exc)
        else:
            raise AssertionError("no StoreError")
        monkeypatch.setattr(SQLiteStore, "_write_chunk", original)
        assert store.count() == 1 and store.get_record(first.id) is not None
