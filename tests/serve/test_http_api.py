import csv
import io
import json
import sqlite3

from fastapi.testclient import TestClient
from serve_corpus import HOSTILE_TITLE, STORY, TOKEN, build_store, documents

from rasad.serve import create_app
from rasad.serve.queries import MARK
from rasad.store import Store
from rasad.store.sqlite import MIGRATIONS


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


# -- search -------------------------------------------------------------------------------------


def test_search_in_persian_or_arabic_spelling_finds_both_languages(client):
    persian = set(ids(client.get("/api/search", params={"q": "ظریف"})))
    arabic = set(ids(client.get("/api/search", params={"q": "ظريف"})))
    assert persian == arabic == {"doc-fa-geneva", "doc-ar-geneva", "doc-fa-sanction"}


def test_search_in_english_finds_the_entity_in_every_script(client):
    response = client.get("/api/search", params={"q": "Lavrov"})
    assert set(ids(response)) == {"doc-fa-geneva", "doc-ar-geneva"}
    assert all(item["match"] == "entity" for item in response.json()["items"])
    assert "per:sergey-lavrov" in [entity["id"] for entity in response.json()["entities"]]


def test_search_snippets_mark_the_matched_words_only(client):
    items = client.get("/api/search", params={"q": "برجام"}).json()["items"]
    assert [item["id"] for item in items] == ["doc-fa-geneva"]
    snippet = items[0]["snippet"]
    assert f"{MARK[0]}برجام{MARK[1]}" in snippet
    assert snippet.count(MARK[0]) == 1


def test_search_filters(client):
    assert ids(client.get("/api/search", params={"q": "ظریف", "lang": "ar"})) == ["doc-ar-geneva"]
    assert ids(client.get("/api/search", params={"q": "ظریف", "outlet": "تسنیم"})) == ["doc-fa-sanction"]
    assert ids(client.get("/api/search", params={"q": "ظریف", "event_type": "SANCTION"})) == ["doc-fa-sanction"]
    dated = client.get("/api/search", params={"q": "ظریف", "since": "2020-02-25", "until": "2020-02-25"})
    assert set(ids(dated)) == {"doc-fa-geneva", "doc-ar-geneva"}
    by_entity = client.get("/api/search", params={"q": "ظریف", "entity": "loc:USA"})
    assert ids(by_entity) == ["doc-fa-sanction"]


def test_search_query_cannot_inject_fts_or_sql(client):
    for query in ['"', "ظریف OR *", "x' OR 1=1 --", "NEAR(", "title_key:ظریف"]:
        response = client.get("/api/search", params={"q": query})
        assert response.status_code == 200, (query, response.text)


def test_bad_parameters_are_422(client):
    assert client.get("/api/search", params={"q": "x", "since": "2023-02-30"}).status_code == 422
    assert client.get("/api/search", params={"q": "x", "lang": "fa' --"}).status_code == 422
    assert client.get("/api/events", params={"limit": 5000}).status_code == 422
    assert client.get("/api/events", params={"country": "IR"}).status_code == 422


# -- documents ----------------------------------------------------------------------------------


def test_document_list_is_newest_first_and_filters(client):
    assert ids(client.get("/api/documents")) == ["doc-ar-protest", "doc-fa-sanction", "doc-fa-geneva",
                                                 "doc-ar-geneva"]
    assert ids(client.get("/api/documents", params={"entity": "Zarif", "lang": "fa"})) == [
        "doc-fa-sanction", "doc-fa-geneva"]
    assert ids(client.get("/api/documents", params={"limit": 1, "offset": 1})) == ["doc-fa-sanction"]


def test_document_has_its_spans_in_text_order(client):
    body = client.get("/api/documents/doc-fa-geneva").json()
    text = body["record"]["text"]
    spans = body["spans"]
    assert [span["start"] for span in spans] == sorted(span["start"] for span in spans)
    entity = next(span for span in spans if span["kind"] == "entity" and span["ref"] == "per:sergey-lavrov")
    assert text[entity["start"]:entity["end"]] == "سرگئی لاوروف"
    date = next(span for span in spans if span["kind"] == "date")
    assert (text[date["start"]:date["end"]], date["label"]) == ("۴ اسفند ۱۳۹۸", "2020-02-23")
    event = next(span for span in spans if span["kind"] == "event")
    assert event["type"] == "CONSULT" and text[event["start"]:event["end"]].endswith("دیدار کرد.")
    assert [doc["id"] for doc in body["story_documents"]] == ["doc-ar-geneva"]


def test_document_by_unique_prefix_and_missing(client):
    assert client.get("/api/documents/doc-fa-g").json()["record"]["id"] == "doc-fa-geneva"
    assert client.get("/api/documents/doc-nothing").status_code == 404


def test_hostile_text_comes_back_as_data(client):
    body = client.get("/api/documents/doc-ar-protest").json()
    assert body["record"]["title"] == HOSTILE_TITLE  # unchanged: escaping is the renderer's job
    response = client.get("/api/documents/doc-ar-protest")
    assert response.headers["content-type"].startswith("application/json")


# -- entities -----------------------------------------------------------------------------------


def test_entity_search_in_any_script(client):
    for name in ("Zarif", "ظریف", "محمد جواد ظريف"):
        found = client.get("/api/entities", params={"q": name}).json()["items"]
        assert found and found[0]["id"] == "per:mohammad-javad-zarif", name
        assert found[0]["documents"] == 3


def test_entity_page_has_timeline_cooccurrence_and_network(client):
    body = client.get("/api/entities/per:mohammad-javad-zarif").json()
    assert body["entity"]["name"]["en"] == "Mohammad Javad Zarif"
    assert body["documents"] == 3
    assert {(row["month"], row["type"]) for row in body["timeline"]} == {
        ("2020-02", "CONSULT"), ("2021-06", "REJECT")}
    assert sum(row["count"] for row in body["timeline"]) == 3
    co = {item["id"]: item["documents"] for item in body["co_occurring"]}
    assert co["per:sergey-lavrov"] == 2 and co["loc:USA"] == 1
    edges = {(edge["source"], edge["target"]): edge["count"] for edge in body["network"]["edges"]}
    assert edges == {("per:mohammad-javad-zarif", "per:sergey-lavrov"): 2,
                     ("per:mohammad-javad-zarif", "loc:USA"): 1}
    assert [event["type"] for event in body["recent_events"]] == ["REJECT", "CONSULT", "CONSULT"]


def test_place_entity_timeline_counts_events_there(client):
    body = client.get("/api/entities/loc:gn:98182").json()
    assert body["timeline"] == [{"month": "2022-11", "type": "PROTEST", "count": 1}]


def test_unknown_entity_is_404(client):
    assert client.get("/api/entities/per:nobody-at-all").status_code == 404


# -- events -------------------------------------------------------------------------------------


def test_events_filters(client):
    def event_ids(**params):
        response = client.get("/api/events", params=params)
        assert response.status_code == 200, response.text
        return [item["id"] for item in response.json()["items"]]

    assert len(event_ids()) == 5
    assert event_ids(type="CONSULT") == ["doc-ar-geneva:ev1", "doc-fa-geneva:ev1"]  # 2020-02-25, then -23
    assert event_ids(actor="per:sergey-lavrov") == event_ids(actor="Lavrov") == event_ids(type="CONSULT")
    assert event_ids(country="USA") == ["doc-fa-sanction:ev1", "doc-fa-sanction:ev2"]
    assert event_ids(country="irq") == ["doc-ar-protest:ev1"]  # by the place's country
    assert event_ids(place="Geneva") == event_ids(type="CONSULT")
    assert event_ids(since="2021-01-01", until="2021-12-31") == ["doc-fa-sanction:ev1", "doc-fa-sanction:ev2"]
    assert event_ids(lang="ar") == ["doc-ar-protest:ev1", "doc-ar-geneva:ev1"]
    assert event_ids(limit=2, offset=1) == ["doc-fa-sanction:ev1", "doc-fa-sanction:ev2"]


def test_event_items_carry_english_names_and_the_undated_event_takes_its_documents_day(client):
    items = client.get("/api/events", params={"type": "REJECT"}).json()["items"]
    assert items[0]["source"] == [{"id": "per:mohammad-javad-zarif", "name": "Mohammad Javad Zarif",
                                   "country": "IRN"}]
    assert items[0]["date"] is None and items[0]["day"] == "2021-06-10"


def test_events_csv_export_matches_the_filter(client):
    response = client.get("/api/events/export", params={"format": "csv", "type": "CONSULT"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [row["event_id"] for row in rows] == ["doc-ar-geneva:ev1", "doc-fa-geneva:ev1"]
    assert rows[0]["actor_name"] == "Mohammad Javad Zarif" and rows[0]["placename"] == "Geneva"
    empty = client.get("/api/events/export", params={"format": "csv", "type": "ASSAULT"})
    assert empty.text.startswith("event_id,") and len(empty.text.splitlines()) == 1


def test_events_jsonl_export(client):
    response = client.get("/api/events/export", params={"format": "jsonl", "country": "USA"})
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert [line["event"] for line in lines] == [["SANCTION"], ["REJECT"]]
    assert lines[0]["source"][0]["identifier_id"] == "loc:USA"


def test_event_places_have_counts_and_coordinates(client):
    places = {item["id"]: item for item in client.get("/api/events/places").json()["items"]}
    assert places["loc:gn:2660646"]["count"] == 2
    assert round(places["loc:gn:98182"]["lat"]) == 33 and round(places["loc:gn:98182"]["lon"]) == 44
    only_protests = client.get("/api/events/places", params={"type": "PROTEST"}).json()["items"]
    assert [item["id"] for item in only_protests] == ["loc:gn:98182"]


# -- stories and facets -------------------------------------------------------------------------


def test_stories(client):
    stories = client.get("/api/stories").json()["items"]
    assert [story["id"] for story in stories] == [STORY]
    assert stories[0]["documents"] == 2 and stories[0]["languages"] == ["ar", "fa"]
    story = client.get(f"/api/stories/{STORY}").json()
    assert [doc["id"] for doc in story["documents"]] == ["doc-ar-geneva", "doc-fa-geneva"]  # publication order
    assert story["documents"][1]["events"][0]["type"] == "CONSULT"
    assert client.get("/api/stories/none-such").status_code == 404


def test_facets(client):
    body = client.get("/api/facets").json()
    assert body["documents"] == 4
    assert {item["value"]: item["count"] for item in body["languages"]} == {"fa": 2, "ar": 2}
    assert {item["value"] for item in body["event_types"]} == {"CONSULT", "SANCTION", "REJECT", "PROTEST"}


# -- security -----------------------------------------------------------------------------------


def test_pages_forbid_foreign_and_inline_scripts(client):
    response = client.get("/")
    assert response.status_code == 200 and "<html" in response.text
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert client.get("/documents/doc-fa-geneva").text == response.text  # the UI routes the same page


def test_docs_are_served_without_a_cdn(client):
    page = client.get("/docs").text
    assert "cdn." not in page and "/static/docs/swagger-ui-bundle.js" in page
    assert client.get("/static/docs/swagger-ui-bundle.js").status_code == 200
    assert "/api/search" in client.get("/openapi.json").json()["paths"]


def test_cors_is_off_by_default(client, db):
    headers = {"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "GET"}
    assert "access-control-allow-origin" not in client.get("/api/facets", headers=headers).headers
    with TestClient(create_app(db, cors_origins=["https://desk.example"])) as allowed:
        response = allowed.get("/api/facets", headers={"Origin": "https://desk.example"})
        assert response.headers["access-control-allow-origin"] == "https://desk.example"


def test_ingest_is_off_without_a_token(client, monkeypatch):
    response = client.post("/api/ingest", json=[{"text": "خبر"}])
    assert response.status_code == 403


def test_ingest_requires_the_token(ingest_client):
    article = {"text": "وزیر امور خارجه ایران امروز در تهران با همتای عمانی خود دیدار و گفتگو کرد.",
               "title": "دیدار در تهران", "outlet": "ایرنا", "published": "2023-05-02"}
    assert ingest_client.post("/api/ingest", json=[article]).status_code == 401
    wrong = ingest_client.post("/api/ingest", json=[article], headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    response = ingest_client.post("/api/ingest", json={"articles": [article]},
                                  headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.text
    assert response.json()["added"] == 1
    doc_id = response.json()["ids"][0]
    assert ingest_client.get(f"/api/documents/{doc_id}").json()["record"]["title"] == "دیدار در تهران"
    again = ingest_client.post("/api/ingest", json=[article], headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.json()["unchanged"] == 1


def test_ingest_uploaded_files_and_reports_bad_ones(ingest_client):
    files = [("files", ("../../etc/خبر.txt", "سخنگوی وزارت خارجه در نشست خبری هفتگی به پرسش‌ها پاسخ داد.".encode(),
                        "text/plain")),
             ("files", ("bad.jsonl", b"{not json\n", "application/octet-stream"))]
    response = ingest_client.post("/api/ingest", files=files, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["added"] == 1 and body["failed"]


def test_request_bodies_are_limited(db):
    with TestClient(create_app(db, ingest_token=TOKEN, max_body_bytes=1000)) as small:
        response = small.post("/api/ingest", content=b"[" + b" " * 5000 + b"]",
                              headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
        assert response.status_code == 413


# -- the store's events tables ------------------------------------------------------------------


def test_migration_fills_events_of_documents_stored_before_it(tmp_path):
    """A database of schema 2 with documents gets the same event rows as one written now."""
    old = tmp_path / "old.db"
    connection = sqlite3.connect(old, isolation_level=None)
    for version, script in enumerate(MIGRATIONS[:2], start=1):
        connection.executescript(script)
        connection.execute(f"PRAGMA user_version = {version}")
    connection.close()
    with Store.open(old) as store:  # migrates to the current schema at once (no documents yet)
        pass
    # Write documents through a schema-2 store: drop the event rows the current code added, then
    # reopen the file as schema 2 so migration 3 must fill them from the records.
    with Store.open(old) as store:
        store.save(documents())
        store.connection.executescript(
            "DROP TABLE events; DROP TABLE event_actors; DROP INDEX documents_story; DROP TABLE stories; "
            "PRAGMA user_version = 2;")
    fresh = build_store(tmp_path / "fresh.db")

    def rows(path):
        with Store.open(path) as store:
            events = store.connection.execute(
                """SELECT d.id, e.idx, e.type, e.mode, e.day, e.place, e.place_country FROM events e
                   JOIN documents d ON d.rowid = e.doc ORDER BY 1, 2""").fetchall()
            actors = store.connection.execute(
                """SELECT d.id, a.idx, a.entity, a.role, a.country FROM event_actors a
                   JOIN documents d ON d.rowid = a.doc ORDER BY 1, 2, 3, 4""").fetchall()
            return events, actors

    migrated, written = rows(old), rows(fresh)
    assert migrated == written
    assert len(migrated[0]) == 5 and len(migrated[1]) == 8


def test_replacing_a_document_replaces_its_event_rows(db):
    changed = documents()[2]
    changed.events = changed.events[:1]
    with Store.open(db) as store:
        store.save([changed])
        assert store.query(
            "SELECT count(*) FROM events e JOIN documents d ON d.rowid = e.doc WHERE d.id = ?",
            (changed.id,))[0][0] == 1
