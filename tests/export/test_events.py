import csv
import io
import json

import pytest
from event_documents import ABE, PERSIAN_VISIT, persian_visit

from rasad.export import (
    FIELDS,
    english_line,
    iter_event_rows,
    plover_record,
    record_event_rows,
    write_csv,
    write_parquet,
    write_plover_json,
)


def rows_by_id(store, **filters):
    return {row["event_id"]: row for row in iter_event_rows(store, **filters)}


def test_a_row_names_actors_place_and_source(store):
    doc = persian_visit()
    row = rows_by_id(store)[f"{doc.id}:e1"]
    assert (row["event_date"], row["event_type"], row["event_mode"], row["contexts"]) == (
        "2019-06-13", "CONSULT", "visit", None)
    assert row["quad_code"] == 1
    assert (row["actor_name"], row["actor_id"], row["actor_country"]) == (["Shinzo Abe"], [ABE], ["JPN"])
    assert (row["recipient_name"], row["recipient_country"]) == (["Ali Khamenei"], ["IRN"])
    assert row["primary_actor_sector"] == [None]  # not in the knowledge base: sector unknown
    assert row["primary_recipient_sector"] == ["GOV"]  # from the knowledge base
    assert row["actor_name_raw"] == ["شینزو آبه"]
    assert (row["placename"], row["place_id"], row["country"], row["geonames_id"]) == (
        "Tehran", "loc:gn:112931", "IRN", 112931)
    assert row["latitude"] == pytest.approx(35.69, abs=0.05) and row["longitude"] == pytest.approx(51.42, abs=0.05)
    assert row["feature_type"] == "city"
    # The place's mention inside the evidence sentence: the dateline's تهران is the first.
    assert row["raw_placename"] == "تهران"
    assert PERSIAN_VISIT[row["text_start"]:row["text_end"]] == row["text"]
    assert row["text"].startswith("تهران - ایرنا") and row["text"].endswith("دیدار کرد.")
    assert (row["language"], row["document_id"], row["publication"], row["url"]) == (
        "fa", doc.id, "IRNA", "https://example.org/fa/1")
    assert row["publication_date"] == "2019-06-13"
    assert row["confidence"] == 0.9
    assert row["english"] == "2019-06-13 · Shinzo Abe (JPN) CONSULT/visit Ali Khamenei (IRN) · Tehran"
    assert row["coder"].startswith("rasad ")
    assert set(row) == set(FIELDS)


def test_several_targets_are_lists_in_order(store):
    [row] = [r for r in iter_event_rows(store) if r["place_id"] == "loc:gn:2660646"]
    assert row["recipient_name"] == ["Sergey Lavrov", "Mevlüt Çavuşoğlu"]
    assert row["recipient_id"] == ["per:sergey-lavrov", "per:mevlut-cavusoglu"]
    assert row["recipient_country"] == ["RUS", "TUR"]
    assert row["english"] == ("2021-03-02 · Mohammad Javad Zarif (IRN) CONSULT/meet "
                              "Sergey Lavrov (RUS) and Mevlüt Çavuşoğlu (TUR) · Geneva")
    assert row["publication_date"] is None


def test_country_place_takes_its_capitals_coordinates_and_igo_sector(store):
    rows = [r for r in iter_event_rows(store, lang="ar")]
    accuse = next(r for r in rows if r["event_type"] == "ACCUSE")
    assert (accuse["placename"], accuse["feature_type"], accuse["geonames_id"]) == ("Syria", "country", None)
    assert accuse["latitude"] == pytest.approx(33.51, abs=0.05)  # Damascus
    request = next(r for r in rows if r["event_type"] == "REQUEST")
    assert request["primary_recipient_sector"] == ["IGO"] and request["recipient_country"] == [None]
    assert request["quad_code"] == 3 and request["latitude"] is None
    passive = next(r for r in rows if r["event_type"] == "COERCE")
    assert passive["actor_id"] == [] and passive["recipient_id"] == []
    assert passive["english"] == "date unknown · COERCE/arrest"


def test_lang_filter(store):
    assert {row["language"] for row in iter_event_rows(store, lang="ar")} == {"ar"}
    assert len(list(iter_event_rows(store, lang="fa"))) == 2
    assert list(iter_event_rows(store, lang="tr")) == []


def test_date_filters_use_event_date_then_publication_date(store):
    def types(**filters):
        return sorted(row["event_type"] for row in iter_event_rows(store, **filters))

    assert types(since="2021-01-01") == ["ACCUSE", "COERCE", "CONSULT", "REQUEST"]
    assert types(until="2021-03-02") == ["CONSULT", "CONSULT"]
    assert types(since="2021-03-02", until="2021-03-02") == ["CONSULT"]
    # The dateless arrest counts on its document's day.
    assert types(since="2023-01-02", until="2023-01-02") == ["ACCUSE", "COERCE", "REQUEST"]
    assert types(since="2030-01-01") == []
    with pytest.raises(ValueError):
        list(iter_event_rows(store, since="2023-13-45"))


def test_an_events_own_english_line_is_kept():
    record = persian_visit().to_record()
    record["events"][0]["english"] = "a line the events stage wrote"
    [row] = record_event_rows(record)
    assert row["english"] == "a line the events stage wrote"


def test_english_line_falls_back_to_the_knowledge_base():
    event = {"type": "ASSAULT", "mode": None, "source": ["org:un"], "target": ["per:nobody"], "date": None,
             "place": "loc:gn:112931"}
    assert english_line(event, []) == "date unknown · United Nations ASSAULT per:nobody · Tehran"


def test_plover_json_round_trips(store):
    rows = list(iter_event_rows(store))
    out = io.StringIO()
    assert write_plover_json(rows, out) == len(rows) == 5
    lines = out.getvalue().splitlines()
    assert len(lines) == 5
    read = [json.loads(line) for line in lines]
    assert read == [plover_record(row) for row in rows]
    geneva = next(r for r in read if r["event_loc"] and r["event_loc"]["name"] == "Geneva")
    assert geneva["event"] == ["CONSULT"] and geneva["mode"] == "meet"
    assert [a["identifier_text"] for a in geneva["recipient"]] == ["Sergey Lavrov", "Mevlüt Çavuşoğlu"]
    assert [a["code"] for a in geneva["recipient"]] == ["RUS", "TUR"]
    assert geneva["event_loc"]["geonameid"] == 2660646 and geneva["event_loc"]["cc3"] == "CHE"
    assert "ژنو" in geneva["text"] and "\\u" not in lines[0]
    un = next(r for r in read if r["event"] == ["REQUEST"])
    assert un["recipient"][0]["code"] == "IGO"
    assert un["cite_info"]["publication"] == "SANA" and un["cite_info"]["language"] == "ar"


def test_csv_round_trips(store):
    rows = list(iter_event_rows(store))
    out = io.StringIO(newline="")
    assert write_csv(rows, out) == 5
    read = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert list(read[0]) == list(FIELDS)
    assert [r["event_id"] for r in read] == [row["event_id"] for row in rows]
    geneva = next(r for r in read if r["placename"] == "Geneva")
    assert geneva["recipient_name"] == "Sergey Lavrov; Mevlüt Çavuşoğlu"
    assert geneva["recipient_id"] == "per:sergey-lavrov; per:mevlut-cavusoglu"
    assert float(geneva["latitude"]) == pytest.approx(46.2, abs=0.1)
    assert geneva["contexts"] == "" and geneva["publication_date"] == ""
    for original, back in zip(rows, read, strict=True):
        assert back["text"] == original["text"]  # Persian and Arabic sentences, commas and all


def test_parquet_round_trips(store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    rows = list(iter_event_rows(store))
    path = tmp_path / "events.parquet"
    assert write_parquet(rows, path, batch_size=2) == 5
    table = pq.read_table(path)
    assert table.column_names == list(FIELDS)
    assert table.to_pylist() == [{field: row[field] for field in FIELDS} for row in rows]


def test_parquet_of_nothing_still_has_the_columns(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "empty.parquet"
    assert write_parquet([], path) == 0
    table = pq.read_table(path)
    assert table.num_rows == 0 and table.column_names == list(FIELDS)


def test_media_sector_takes_plovers_code():
    record = persian_visit().to_record()
    record["events"][0]["source"] = ["org:irna"]  # the knowledge base writes CAMEO's MED for media
    [row] = record_event_rows(record)
    assert row["actor_name"] == ["Islamic Republic News Agency"] and row["actor_country"] == ["IRN"]
    assert row["primary_actor_sector"] == ["JRN"]
    assert row["actor_name_raw"] == [None]  # the record has no mention of it


def test_a_csv_cell_that_a_spreadsheet_would_run_is_kept_as_text() -> None:
    out = io.StringIO(newline="")
    write_csv([{"text": '=HYPERLINK("http://example.invalid","خبر")', "event_type": "ACCUSE",
                "actor_name_raw": ["@x", "ظریف"]}], out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["text"].startswith("'=") and row["actor_name_raw"] == "'@x; ظریف" and row["event_type"] == "ACCUSE"
