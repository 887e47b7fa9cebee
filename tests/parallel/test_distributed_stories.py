"""The batch stage when the per-document stages run elsewhere: signatures (MinHash, lead embedding)
made on the workers, near-duplicate candidates found by LSH bands grouped on a Dask cluster, stories
assigned on the client. One process, two local workers and a Dask LocalCluster of two workers must
give the same records, story ids and folded copies included, on a batch full of copies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasad.pipeline import SignedDocument, process_chunk, process_stream
from rasad.read import ReadError, read_paths
from rasad.record import Document, Story
from rasad.stories import StoryState
from rasad.stories.dedup import candidate_groups, duplicate_groups
from rasad.stories.signature import signature_of

pytest.importorskip("distributed", reason="Dask runs need dask[distributed]")

CHUNK = 5  # copies of one wire fall in different chunks, so only the batch stage can fold them

# Wires written for these tests, each followed by the way other sites republish it.
WIRES = [
    ("fa", "ایرنا", "2025-02-03", "دیدار وزیر نیرو با همتای ارمنستانی",
     "به گزارش ایرنا، وزیر نیرو امروز دوشنبه در ایروان با وزیر انرژی ارمنستان دیدار کرد. دو طرف درباره "
     "افزایش صادرات برق و ساخت خط انتقال سوم گفت‌وگو کردند. وزیر نیرو گفت قرارداد تازه تا پایان ماه "
     "آینده امضا می‌شود و ظرفیت تبادل برق دو برابر خواهد شد."),
    ("fa", "ایسنا", "2025-02-04", "آغاز ثبت‌نام کنکور سراسری",
     "ثبت‌نام داوطلبان آزمون سراسری از صبح امروز سه‌شنبه آغاز شد و تا دو هفته ادامه دارد. رئیس سازمان "
     "سنجش آموزش کشور گفت داوطلبان باید پیش از ثبت‌نام دفترچه راهنما را با دقت بخوانند. به گفته وی "
     "هزینه ثبت‌نام امسال تغییری نکرده است."),
    ("ar", "سانا", "2025-02-03", "وزير الصحة يفتتح مستشفى جديدا في حمص",
     "افتتح وزير الصحة اليوم الاثنين مستشفى جديدا في مدينة حمص بسعة مئتي سرير. وقال الوزير إن المستشفى "
     "مجهز بأحدث الأجهزة الطبية وسيخدم أكثر من نصف مليون نسمة في المحافظة. وأضاف أن الوزارة تعمل على "
     "افتتاح مستشفيين آخرين قبل نهاية العام."),
    ("ar", "واع", "2025-02-05", "البرلمان العراقي يقر قانون الموازنة",
     "صوت مجلس النواب العراقي في جلسته اليوم الأربعاء على قانون الموازنة العامة للسنة المالية الحالية. "
     "وقال رئيس اللجنة المالية إن الموازنة تتضمن تخصيصات لمشاريع الكهرباء والماء في المحافظات الجنوبية. "
     "ومن المتوقع أن تنشر في الجريدة الرسمية خلال أيام."),
]
OTHER_NEWS = [
    ("fa", "ایرنا", "2025-02-03", "بارش برف در گردنه حیران",
     "بارش برف از بامداد امروز در گردنه حیران آغاز شد و پلیس راه از رانندگان خواست با زنجیر چرخ سفر کنند."),
    ("ar", "سانا", "2025-02-05", "معرض للكتاب في اللاذقية",
     "افتتح في مدينة اللاذقية اليوم معرض للكتاب بمشاركة خمسين دار نشر محلية وعربية ويستمر أسبوعا."),
]


def republished(lang: str, text: str, how: int) -> str:
    """How another site runs a wire: verbatim with its own sign-off, letters and ZWNJ as its keyboard
    gives them, or with the agency's name and the last sentence dropped."""
    if how == 0:
        return text + (" انتهای پیام" if lang == "fa" else " (انتهى)")
    if how == 1:
        return text.replace("\u200c", " ").replace("ی", "ي").replace("ک", "ك") if lang == "fa" else (
            text.replace("أ", "ا").replace("إ", "ا"))
    sentences = text.split(". ")
    return ". ".join(sentences[:-1]) + "."


@pytest.fixture(scope="module")
def copies(tmp_path_factory) -> Path:
    rows = []
    for number, (lang, outlet, day, title, text) in enumerate(WIRES):
        rows.append({"id": f"wire-{number}", "lang": lang, "outlet": outlet, "published": day, "title": title,
                     "text": text})
        for how in range(3):
            rows.append({"id": f"wire-{number}-copy-{how}", "lang": lang, "outlet": f"site-{how}",
                         "published": day, "title": title if how else f"{title} (خبر فوری)",
                         "text": republished(lang, text, how)})
    for number, (lang, outlet, day, title, text) in enumerate(OTHER_NEWS):
        rows.append({"id": f"other-{number}", "lang": lang, "outlet": outlet, "published": day, "title": title,
                     "text": text})
    # spread each wire's copies through the batch, as a crawl meets them
    rows = rows[::2] + rows[1::2]
    path = tmp_path_factory.mktemp("copies") / "copies.jsonl"
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def outcome(items) -> list:
    return [("error", str(item)) if isinstance(item, ReadError) else ("record", item.to_record()) for item in items]


def run(paths: list[Path], map_chunks=None, candidates=None) -> tuple[list, list[dict]]:
    found: list[tuple[Story, StoryState]] = []
    records = outcome(process_stream(read_paths(paths), CHUNK, found_stories=found, map_chunks=map_chunks,
                                     candidates=candidates))
    return records, [story.to_dict() for story, _ in found]


def test_one_process_two_workers_and_dask_give_the_same_records_and_stories(copies, inputs, workers, dask_workers):
    paths = [copies, inputs]
    serial, serial_stories = run(paths)
    local, local_stories = run(paths, workers.map_chunks)
    banded = []

    def on_the_cluster(signatures):
        banded.append(len(signatures))
        return dask_workers.candidate_groups(signatures)

    on_dask, dask_stories = run(paths, dask_workers.map_chunks, on_the_cluster)
    assert banded and banded[0] > 40  # the candidates were found on the cluster, over the whole batch
    assert sum(kind == "record" for kind, _ in serial) > 40
    assert any(kind == "error" for kind, _ in serial)  # the broken line travels too
    assert local == serial and local_stories == serial_stories
    assert on_dask == serial and dask_stories == serial_stories
    story_of = {record["source"].get("id"): record["story"] for kind, record in serial if kind == "record"}
    for number in range(len(WIRES)):
        # each wire and its copies are one story, its copies folded
        assert {story_of[f"wire-{number}-copy-{how}"] for how in range(3)} == {story_of[f"wire-{number}"]}
    stories = {story["id"]: story for story in serial_stories}
    for number in range(len(WIRES)):
        assert len(stories[story_of[f"wire-{number}"]]["duplicates"]) == 3  # the wire's three copies


def test_the_cluster_bands_find_the_groups_of_the_in_memory_lsh(copies, inputs, dask_workers):
    documents = [item for item in process_stream(read_paths([copies, inputs]), CHUNK, stories=False)
                 if isinstance(item, Document)]
    signatures = [signature_of(document, index) for index, document in enumerate(documents)]
    in_memory = duplicate_groups(signatures)
    groups = {}
    for member, representative in in_memory.items():
        groups.setdefault(representative, set()).add(member)
    assert sum(len(members) >= 3 for members in groups.values()) >= len(WIRES)  # copies and near-copies

    on_cluster = dask_workers.candidate_groups(signatures)
    assert on_cluster == candidate_groups(signatures) == candidate_groups(signatures, partitions=7)
    assert any(len(group) >= 3 for group in on_cluster)
    assert duplicate_groups(signatures, on_cluster) == in_memory
    # with three partitions, each worker reduces some of them
    assert duplicate_groups(signatures, dask_workers.candidate_groups(signatures, partitions=3)) == in_memory


def test_the_cli_runner_bands_on_the_cluster_only_with_dask(cluster, dask_workers):
    from rasad.cli import _chunk_runner

    with _chunk_runner(1, cluster.scheduler_address) as on_dask:
        assert on_dask.map_chunks is not None and on_dask.candidates is not None
        assert on_dask.candidates.__name__ == "candidate_groups"
    with _chunk_runner(2, None) as local:
        assert local.map_chunks is not None and local.candidates is None  # in-memory LSH on the client
    with _chunk_runner(1, None) as here:
        assert here.map_chunks is None and here.candidates is None


def test_workers_send_back_signatures_with_embedded_leads(copies):
    documents = list(read_paths([copies]))[:CHUNK]
    signed = process_chunk([Document(source=d.source, raw_text=d.raw_text, hints=d.hints) for d in documents],
                           signed=True)
    plain = process_chunk(documents)
    assert all(isinstance(item, SignedDocument) for item in signed)
    representative = duplicate_groups([item.signature for item in signed])
    assert len(set(representative.values())) < len(signed)  # the chunk holds a wire and its copies
    for item, document in zip(signed, plain, strict=True):
        assert item.document.to_record() == document.to_record()
        expected = signature_of(document, item.signature.index)
        # leads are embedded on the worker, but for copies of a text of the chunk (never compared)
        if representative[item.signature.index] == item.signature.index:
            assert item.signature.vector is not None and item.signature.vector.shape == (384,)
        else:
            assert item.signature.vector is None
        assert item.signature.lead == expected.lead and item.signature.key == expected.key
        assert (item.signature.shingles.hashvalues == expected.shingles.hashvalues).all()
