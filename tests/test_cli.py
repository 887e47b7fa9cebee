"""The rasad command as a user runs it: real subprocesses, real files, real exit codes."""

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

SCHEMA = json.loads((Path(__file__).parents[1] / "src/rasad/schema/record.schema.json").read_text())

PERSIAN_PAGE = """صفحه اصلی | سیاسی | اقتصادی | ورزشی
دیدار وزیران خارجه ایران و روسیه در ژنو
به گزارش ایرنا، محمدجواد ظریف وزیر امور خارجه کشورمان صبح امروز در ژنو با سرگئی لاوروف دیدار کرد.
دو طرف درباره پیشنویس توافق و همکاریهای دوجانبه گفتگو کردند و این گفتگوها ادامه پیدا میکند.
انتهای پیام
"""
ARABIC_PAGE = """الرئيسية | سياسة | اقتصاد
لقاء وزيري خارجية إيران وروسيا في جنيف
التقى وزير الخارجية الإيراني محمد جواد ظريف نظيره الروسي سيرغي لافروف في جنيف اليوم.
وبحث الجانبان مسودة الاتفاق والتعاون الثنائي بين البلدين.
جميع الحقوق محفوظة
"""


def rasad(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rasad.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "1-fa.txt").write_text(PERSIAN_PAGE, encoding="utf-8")
    (folder / "2-ar.txt").write_text(ARABIC_PAGE, encoding="utf-8")
    return folder


def test_process_writes_contract_records_in_input_order(tmp_path, inputs):
    out = tmp_path / "records.jsonl"
    result = rasad("process", str(inputs), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for record in records:
        jsonschema.validate(record, SCHEMA)
    persian, arabic = records
    assert (persian["lang"], arabic["lang"]) == ("fa", "ar")
    assert persian["title"] == "دیدار وزیران خارجه ایران و روسیه در ژنو"
    assert "صفحه اصلی" not in persian["text"] and "انتهای پیام" not in persian["text"]
    assert "پیش\u200cنویس" in persian["text"]
    assert "جميع الحقوق محفوظة" not in arabic["text"]
    assert persian["source"]["path"].endswith("1-fa.txt")
    assert "\x1b" not in result.stderr  # no progress bar when stderr is not a terminal


def test_process_to_stdout_is_the_same_and_ids_are_stable(tmp_path, inputs):
    first = rasad("process", str(inputs), cwd=tmp_path)
    second = rasad("process", str(inputs / "2-ar.txt"), str(inputs / "1-fa.txt"), cwd=tmp_path)
    first_ids = [json.loads(line)["id"] for line in first.stdout.splitlines()]
    second_ids = [json.loads(line)["id"] for line in second.stdout.splitlines()]
    assert first_ids == list(reversed(second_ids))


def test_bad_inputs_are_named_and_exit_code_says_so(tmp_path, inputs):
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "broken.jsonl").write_text('{"text": "سلام"\n', encoding="utf-8")
    result = rasad("process", str(inputs), "--out", str(tmp_path / "o.jsonl"), cwd=tmp_path)
    assert result.returncode == 1
    assert f"{inputs / 'empty.txt'}: empty file" in result.stderr
    assert f"{inputs / 'broken.jsonl'} (line 1): not valid JSON" in result.stderr
    assert len((tmp_path / "o.jsonl").read_text().splitlines()) == 2


def test_only_bad_inputs_is_a_fatal_exit(tmp_path):
    (tmp_path / "x.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = rasad("process", str(tmp_path / "x.txt"), "--quiet", cwd=tmp_path)
    assert result.returncode == 3
    assert "x.txt" in result.stderr


def test_ingest_search_show(tmp_path, inputs):
    db = str(tmp_path / "r.db")
    ingest = rasad("ingest", str(inputs), "--db", db, cwd=tmp_path)
    assert ingest.returncode == 0, ingest.stderr
    assert "2 added" in ingest.stdout and "rasad search" in ingest.stdout
    again = rasad("ingest", str(inputs), "--db", db, "--quiet", cwd=tmp_path)
    assert again.returncode == 0 and again.stdout == ""

    found = rasad("search", "ظريف", "--db", db, cwd=tmp_path)
    assert found.returncode == 0
    # The name is an entity: its mentions are marked whole, in each document's own spelling.
    assert "[محمدجواد ظریف]" in found.stdout and "[محمد جواد ظريف]" in found.stdout
    only_ar = rasad("search", "ظریف", "--lang", "ar", "--db", db, cwd=tmp_path)
    assert "ظريف]" in only_ar.stdout and "ظریف]" not in only_ar.stdout
    words = rasad("search", "پیشنویس", "--db", db, cwd=tmp_path)
    assert "[پیش‌نویس]" in words.stdout

    doc_id = found.stdout.split()[1]
    shown = rasad("show", doc_id, "--db", db, cwd=tmp_path)
    record = json.loads(shown.stdout)
    jsonschema.validate(record, SCHEMA)
    assert record["id"] == doc_id
    missing = rasad("show", "doc-ffff", "--db", db, cwd=tmp_path)
    assert missing.returncode == 4 and "no record" in missing.stderr


def test_search_without_a_database_says_what_to_do(tmp_path):
    result = rasad("search", "ظریف", "--db", str(tmp_path / "none.db"), cwd=tmp_path)
    assert result.returncode == 3
    assert "rasad ingest" in result.stderr


def test_processed_records_link_the_same_people_in_both_languages(tmp_path, inputs):
    result = rasad("process", str(inputs), "--quiet", cwd=tmp_path)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    ids = [{entity["id"] for entity in record["entities"]} for record in records]
    assert {"per:mohammad-javad-zarif", "per:sergey-lavrov"} <= ids[0] & ids[1]
    for record in records:
        for entity in record["entities"]:
            assert entity["name"]["en"]
            for mention in entity["mentions"]:
                assert record["text"][mention["start"]:mention["end"]] == mention["text"]


def test_entities_search_in_any_script(tmp_path):
    for query in ("ظريف", "ظریف", "Zarif"):
        result = rasad("entities", "search", query, "--json", cwd=tmp_path)
        assert result.returncode == 0
        assert json.loads(result.stdout.splitlines()[0])["id"] == "per:mohammad-javad-zarif"
    missing = rasad("entities", "search", "qqqq", cwd=tmp_path)
    assert missing.returncode == 4 and "no entity" in missing.stderr
