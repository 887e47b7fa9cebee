"""The store's behaviour on both backends (SQLite, and PostgreSQL on a real server: tests/conftest.py),
and PostgreSQL's own: its migrations, COPY writes, search index, pool, and records identical to a
SQLite run of the same inputs."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from rasad.record import Document, Entity, Event, Mention, Paragraph, Published, Sentence, Source
from rasad.store import Store, StoreError

ROOT = Path(__file__).resolve().parents[2]


def _document(text: str, lang: str, title: str | None = None, *, published: str | None = None,
              path: str = "x.txt") -> Document:
    document = Document(source=Source(path=path, outlet="خبرگزاری آزمون"), raw_text=text)
    document.text, document.lang, document.title = text, lang, title
    document.published = Published(published, published) if published else None
    document.paragraphs = [Paragraph(0, len(text), lang)]
    document.sentences = [Sentence(0, len(text), 0)]
    return document


ZARIF_FA = _document("محمدجواد ظریف وزیر امور خارجه ایران در ژنو با لاوروف دیدار کرد.", "fa", "دیدار ظریف",
                     published="2020-02-25T10:30")
ZARIF_AR = _document("التقى وزير الخارجية الإيراني محمد جواد ظريف نظيره الروسي لافروف في جنيف.", "ar", "لقاء",
                     published="2020-02-25")
SNOW = _document("بارش برف در تهران مدارس را تعطیل کرد؛ سایت example.org/news-1 خبر داد.", "fa", "برف")


def _with_event(document: Document) -> Document:
    start = document.text.index("ظریف")
    document.entities = [
        Entity("per:mohammad-javad-zarif", "PERSON", {"en": "Mohammad Javad Zarif", "fa": "محمدجواد ظریف"}, "IRN",
               [Mention(start, start + 4, "ظریف"), Mention(start, start + 4, "ظریف")]),  # a repeated mention
        Entity("per:sergey-lavrov", "PERSON", {"en": "Sergey Lavrov"}, "RUS", []),
    ]
    document.events = [Event("ev1", "CONSULT", "meeting", ["per:mohammad-javad-zarif", "per:mohammad-javad-zarif"],
                             ["per:sergey-lavrov"], None, None, Mention(0, 10, document.text[:10]), 0.8, "meeting")]
    return document


@pytest.fixture
def store(store_target):
    with Store.open(store_target) as opened:
        yield opened


def test_a_new_store_has_the_current_schema(store):
    from rasad.store import postgres, sqlite

    assert store.schema_version() == sqlite.SCHEMA_VERSION == postgres.SCHEMA_VERSION
    assert store.count() == 0 and store.first_id() is None


def test_either_spelling_finds_both_languages(store):
    store.save([ZARIF_FA, ZARIF_AR, SNOW])
    assert {hit.id for hit in store.search("ظریف")} == {hit.id for hit in store.search("ظريف")} == {
        ZARIF_FA.id, ZARIF_AR.id}
    assert [hit.id for hit in store.search("ظريف", lang="ar")] == [ZARIF_AR.id]
    [hit] = store.search("ظریف لافروف")
    assert hit.id == ZARIF_AR.id and "[ظريف]" in hit.snippet and "[لافروف]" in hit.snippet


def test_title_words_rank_first(store):
    in_title = _document("گزارش کوتاه از نشست امروز.", "fa", "برف سنگین", path="a.txt")
    in_text = _document("امروز در شمال کشور برف بارید و راه‌ها بسته شد.", "fa", "خبر", path="b.txt")
    store.save([in_text, in_title])
    assert [hit.id for hit in store.search("برف")] == [in_title.id, in_text.id]


def test_punctuation_does_not_hide_words(store):
    """A word inside a URL or after a hyphen is found as FTS5 finds it (PostgreSQL's own parser
    would read 'example.org/news-1' as one host token)."""
    store.save([SNOW])
    assert [hit.id for hit in store.search("news")] == [SNOW.id]
    assert [hit.id for hit in store.search("example")] == [SNOW.id]


def test_saving_is_idempotent_and_replaces_a_changed_record(store):
    first = store.save([ZARIF_FA, SNOW])
    second = store.save([ZARIF_FA, SNOW])
    assert (first.added, second.added, second.unchanged) == (2, 0, 2)
    changed = _document(SNOW.text, "fa", "برف و سرما")
    changed.id = SNOW.id
    outcomes = []
    store.save([changed], on_saved=lambda document, outcome: outcomes.append(outcome))
    assert outcomes == ["updated"] and store.count() == 2
    assert store.get_record(SNOW.id)["title"] == "برف و سرما"
    assert [hit.id for hit in store.search("سرما")] == [SNOW.id]


def test_one_id_twice_in_a_chunk(store):
    outcomes = []
    store.save([ZARIF_AR, ZARIF_AR], on_saved=lambda document, outcome: outcomes.append(outcome))
    assert outcomes == ["added", "unchanged"] and store.count() == 1


def test_records_round_trip_and_ids_take_unique_prefixes(store):
    store.save([ZARIF_AR])
    record = store.get_record(ZARIF_AR.id)
    assert record == ZARIF_AR.to_record()
    assert store.get_record(ZARIF_AR.id[:10]) == record
    assert store.get_record("doc-nothing") is None
    assert store.get_record("doc-%") is None  # LIKE's wildcards are plain characters


def test_records_come_oldest_first_undated_last(store):
    store.save([SNOW, ZARIF_FA, ZARIF_AR])
    assert [record["id"] for record in store.iter_records()] == [ZARIF_AR.id, ZARIF_FA.id, SNOW.id]
    assert [record["id"] for record in store.iter_records(lang="ar")] == [ZARIF_AR.id]
    assert store.counts_by_lang() == {"fa": 2, "ar": 1}


def test_query_operators_are_inert(store):
    store.save([ZARIF_FA])
    for query in ['"', "ظریف NEAR(", "x' OR 1=1 --", "!ظریف & | <->", "ظریف:*", "%_"]:
        assert all(hit.id == ZARIF_FA.id for hit in store.search(query)), query


def test_entity_mentions_and_event_rows(store):
    document = _with_event(_document(ZARIF_FA.text, "fa", "دیدار", published="2020-02-25"))
    store.save([document])
    [hit] = store.search("Zarif")
    assert hit.score > 1000 and "[ظریف]" in hit.snippet
    assert store.query("SELECT a.entity, e.type, e.day FROM events e JOIN event_actors a ON a.doc = e.doc "
                       "ORDER BY a.entity") == [("per:mohammad-javad-zarif", "CONSULT", "2020-02-25"),
                                              ("per:sergey-lavrov", "CONSULT", "2020-02-25")]
    assert store.query("SELECT count(*) FROM entity_mentions")[0][0] == 1
    document.events = []
    store.save([document])
    assert store.query("SELECT count(*) FROM events")[0][0] == 0


def test_a_failing_chunk_leaves_the_store_as_it_was(store, monkeypatch):
    store.save([SNOW])
    name = "_insert_parts" if type(store).__name__ == "SQLiteStore" else "_copy"
    original = getattr(store, name)

    def failing(*args):
        original(*args)
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(store, name, failing)
    with pytest.raises(RuntimeError, match="disk trouble"):
        store.save([ZARIF_FA, ZARIF_AR])
    monkeypatch.undo()
    assert store.count() == 1
    assert store.search("ظریف") == []
    assert store.query("SELECT count(*) FROM paragraphs")[0][0] == 1
    assert store.save([ZARIF_FA]).added == 1


def test_stories_merge_and_list_latest_first(store):
    def story(identifier: str, documents: list[str], start: str | None, title: str = "Zarif meets Lavrov") -> dict:
        return {"id": identifier, "title": title, "start": start, "end": start, "documents": documents,
                "languages": ["fa"], "outlets": ["ایرنا"], "entities": [], "timeline": [], "duplicates": {}}

    store.save_stories([(story("s1", ["d1"], "2020-02-25"), {"size": 1}, b"\x00\x01"),
                        (story("s2", ["d3"], None), {"size": 1}, None),
                        (story("s3", ["d4"], "2021-01-01"), {"size": 1}, None)])
    store.save_stories([(story("s1", ["d2"], "2020-02-26", "News on Geneva"), {"size": 2}, b"\x02")])
    merged = store.story("s1")
    assert merged["documents"] == ["d1", "d2"] and merged["title"] == "Zarif meets Lavrov"
    assert (merged["start"], merged["end"]) == ("2020-02-25", "2020-02-26")
    assert [record["id"] for record in store.stories()] == ["s3", "s1", "s2"]
    states = store.story_states(since="2020-02-01", latest=1)
    assert [(identifier, state, vector) for identifier, state, vector in states] == [
        ("s1", {"size": 2}, b"\x02"), ("s3", {"size": 1}, None)]
    assert store.count_stories() == 3 and store.story("nothing") is None


def test_a_store_opened_without_create_must_exist(store_target):
    with pytest.raises(StoreError, match="rasad ingest"):
        Store.open(store_target, create=False)


# -- PostgreSQL only ----------------------------------------------------------------------------


def test_postgres_refuses_a_newer_schema(postgres_url):
    from rasad.store.postgres import SCHEMA_VERSION

    with Store.open(postgres_url) as store:
        store.execute("UPDATE rasad_schema SET version = ?", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match="newer"):
        Store.open(postgres_url)


def test_an_unreachable_server_is_a_store_error_without_the_password(postgres_server):
    from rasad.store.pgserver import _free_port

    url = f"postgresql://rasad:secret-pw@127.0.0.1:{_free_port()}/nothing?connect_timeout=2"
    with pytest.raises(StoreError) as raised:
        Store.open(url)
    assert "secret-pw" not in str(raised.value) and "cannot connect" in str(raised.value)


def test_postgres_search_uses_a_gin_index_of_the_simple_configuration(postgres_url):
    with Store.open(postgres_url) as store:
        [(definition,)] = store.query("SELECT indexdef FROM pg_indexes WHERE indexname = 'documents_fts_search'")
        assert "USING gin (search)" in definition
        store.save([ZARIF_AR])
        [(vector,)] = store.query("SELECT search::text FROM documents_fts")
        assert "'ظریف':" in vector  # the folded key: Arabic ي became Persian ی
        store.execute("SET enable_seqscan = off")
        plan = "\n".join(row[0] for row in store.query(
            "EXPLAIN SELECT f.rowid FROM documents_fts f WHERE f.search @@ plainto_tsquery('simple', ?)", ("ظریف",)))
        assert "documents_fts_search" in plan


def test_postgres_migration_fills_events_of_documents_stored_before_it(postgres_url, tmp_path):
    """A PostgreSQL database of schema 2 with documents gets the same event rows as one written now."""
    import sys

    sys.path.insert(0, str(ROOT / "tests" / "serve"))
    from serve_corpus import documents

    def rows(store):
        return (store.query("""SELECT d.id, e.idx, e.type, e.mode, e.day, e.place, e.place_country FROM events e
                               JOIN documents d ON d.rowid = e.doc ORDER BY 1, 2"""),
                store.query("""SELECT d.id, a.idx, a.entity, a.role, a.country, a.type, a.day FROM event_actors a
                               JOIN documents d ON d.rowid = a.doc ORDER BY 1, 2, 3, 4"""))

    with Store.open(postgres_url) as store:
        store.save(documents())
        written = rows(store)
        with store.transaction():
            store.execute("DROP TABLE events; DROP TABLE event_actors; DROP INDEX documents_story; DROP TABLE stories")
            store.execute("UPDATE rasad_schema SET version = 2")
    with Store.open(postgres_url) as store:
        assert store.schema_version() == 4
        assert rows(store) == written
    assert len(written[0]) == 5 and len(written[1]) == 8


def test_postgres_store_is_shared_by_threads(postgres_url):
    with Store.open(postgres_url) as store:
        store.save([ZARIF_FA, ZARIF_AR, SNOW])
        errors: list[BaseException] = []

        def reader() -> None:
            try:
                for _ in range(20):
                    assert len(store.search("ظریف")) == 2 and store.count() == 3
            except BaseException as exc:  # reported below, from the main thread
                errors.append(exc)

        threads = [threading.Thread(target=reader) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []


def test_a_sqlite_run_and_a_postgres_run_give_identical_records(tmp_path, postgres_url):
    """The bundled samples through the whole pipeline into each backend, in two batches (the second
    joins stories the first stored): every record, story, search and count is the same."""
    from rasad.ingest import ingest
    from rasad.read import read_paths

    samples = ROOT / "samples"
    batches = [[samples / "txt"], [samples / "html", samples / "jsonl", samples / "rss", samples / "warc"]]
    outcomes = {}
    for target in (str(tmp_path / "rasad.db"), postgres_url):
        with Store.open(target) as store:
            outcomes[target] = [ingest(store, read_paths(batch)) for batch in batches]
    sqlite_store, postgres_store = Store.open(str(tmp_path / "rasad.db")), Store.open(postgres_url)
    with sqlite_store, postgres_store:
        assert outcomes[str(tmp_path / "rasad.db")] == outcomes[postgres_url]
        records = list(sqlite_store.iter_records())
        assert len(records) == 47 and any(record["story"] for record in records)
        assert list(postgres_store.iter_records()) == records
        for lang in ("fa", "ar"):
            assert list(postgres_store.iter_records(lang=lang)) == list(sqlite_store.iter_records(lang=lang))
        assert postgres_store.stories(limit=1000) == sqlite_store.stories(limit=1000)
        assert postgres_store.story_states(since=None) == sqlite_store.story_states(since=None)
        assert postgres_store.counts_by_lang() == sqlite_store.counts_by_lang()
        tables = ["paragraphs", "sentences", "entity_mentions", "entity_names", "events", "event_actors"]
        for table in tables:
            sql = f"SELECT count(*) FROM {table}"
            assert postgres_store.query(sql) == sqlite_store.query(sql), table
        for query in ("ظریف", "ظريف", "Lavrov", "ادلب", "زلزله", "سوريا", "مجلس"):
            found = {store.label: {hit.id for hit in store.search(query, limit=100)}
                     for store in (sqlite_store, postgres_store)}
            assert found[postgres_store.label] == found[sqlite_store.label], query
        story_id = next(record["story"] for record in records if record["story"])
        entity_id = postgres_store.query("SELECT entity FROM event_actors GROUP BY entity ORDER BY count(*) DESC, "
                                         "entity LIMIT 1")[0][0]
    # The HTTP API's answers, which run the serve layer's SQL on each backend, are the same too.
    from fastapi.testclient import TestClient

    from rasad.serve import create_app

    paths = ["/api/documents?limit=200", "/api/documents?lang=fa&since=2023-01-01&limit=200",
             "/api/events?limit=200", "/api/events?country=IRN&limit=200", "/api/events/places", "/api/stories",
             f"/api/stories/{story_id}", f"/api/entities/{entity_id}", "/api/facets", "/api/entities?q=ظریف",
             "/api/events/export?format=jsonl"]
    answers = {}
    for target in (str(tmp_path / "rasad.db"), postgres_url):
        with TestClient(create_app(target)) as client:
            answers[target] = [client.get(path) for path in paths]
    for path, from_sqlite, from_postgres in zip(paths, answers[str(tmp_path / "rasad.db")], answers[postgres_url],
                                                strict=True):
        assert from_sqlite.status_code == from_postgres.status_code == 200, path
        assert from_postgres.content == from_sqlite.content, path


def test_the_command_line_takes_a_postgres_url(postgres_url, tmp_path):
    """`--db postgresql://...` reaches the PostgreSQL store whole (a Path would drop a slash)."""
    import subprocess
    import sys

    def rasad(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "rasad.cli", *args], capture_output=True, text=True, cwd=tmp_path,
                              timeout=300)

    stored = rasad("ingest", str(ROOT / "samples" / "jsonl"), "--db", postgres_url, "--quiet")
    assert stored.returncode == 0, stored.stderr
    found = rasad("search", "ظریف", "--db", postgres_url)
    assert found.returncode == 0, found.stderr
    with Store.open(postgres_url) as store:
        assert store.count() > 0
        assert all(hit.id in found.stdout for hit in store.search("ظریف"))
    assert not (tmp_path / "postgresql:").exists()
