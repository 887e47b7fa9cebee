"""A small store for the serve tests, built from documents written here with their facts set by hand
(no pipeline run): the tests assert what the API and the pages make of known entities, events and
stories. One document is hostile: markup in its title and text must come back as text."""

from __future__ import annotations

from pathlib import Path

from rasad.record import DateExpr, Document, Entity, Event, Mention, Paragraph, Published, Sentence, Source
from rasad.store import Store

# The ingest token the test app is configured with.
TOKEN = "test-token-5f2c"

ZARIF = ("per:mohammad-javad-zarif", "PERSON", {"en": "Mohammad Javad Zarif", "fa": "محمدجواد ظریف",
                                                "ar": "محمد جواد ظريف"}, "IRN")
LAVROV = ("per:sergey-lavrov", "PERSON", {"en": "Sergey Lavrov", "fa": "سرگئی لاوروف", "ar": "سيرغي لافروف"}, "RUS")
GENEVA = ("loc:gn:2660646", "LOCATION", {"en": "Geneva", "fa": "ژنو", "ar": "جنيف"}, "CHE")
BAGHDAD = ("loc:gn:98182", "LOCATION", {"en": "Baghdad", "fa": "بغداد", "ar": "بغداد"}, "IRQ")
USA = ("loc:USA", "LOCATION", {"en": "United States", "fa": "آمریکا", "ar": "الولايات المتحدة"}, "USA")
IRAN = ("loc:IRN", "LOCATION", {"en": "Iran", "fa": "ایران", "ar": "إيران"}, "IRN")

HOSTILE_TITLE = '<script>window.pwned=1</script> تظاهرات في <b>بغداد</b>'
STORY = "story-geneva-2020"


def _document(doc_id: str, lang: str, title: str, text: str, *, outlet: str, published: str | None,
              entities: list[tuple[tuple[str, str, dict[str, str], str], list[str]]],
              events: list[dict], dates: list[tuple[str, str]] = (), story: str | None = None,
              url: str | None = None) -> Document:
    """A processed document: each entity with the surface forms it has in `text` (every occurrence
    becomes a mention), each event as {type, mode, source, target, place, date, sentence}."""
    document = Document(source=Source(path=f"{doc_id}.txt", outlet=outlet, url=url), raw_text=text, id=doc_id)
    document.lang, document.title, document.text, document.story = lang, title, text, story
    document.published = Published(published, published) if published else None
    document.paragraphs = [Paragraph(0, len(text), lang)]
    document.sentences = [Sentence(0, len(text), 0)]
    for (entity_id, entity_type, names, country), surfaces in entities:
        mentions = []
        for surface in surfaces:
            start = text.index(surface)
            while start != -1:
                mentions.append(Mention(start, start + len(surface), surface))
                start = text.find(surface, start + len(surface))
        document.entities.append(Entity(entity_id, entity_type, dict(names), country, sorted(
            mentions, key=lambda mention: mention.start)))
    for raw, value in dates:
        start = text.index(raw)
        document.dates.append(DateExpr(start, start + len(raw), raw, value, "gregorian"))
    for number, event in enumerate(events, start=1):
        sentence = event["sentence"]
        start = text.index(sentence)
        names = {entity_id: names["en"] for (entity_id, _t, names, _c), _s in entities}
        line = (f"{event.get('date') or 'date unknown'} · {' and '.join(names[s] for s in event['source'])} "
                f"{event['type']} {' and '.join(names[t] for t in event['target'])}")
        document.events.append(Event(
            f"ev{number}", event["type"], event.get("mode"), list(event["source"]), list(event["target"]),
            event.get("date"), event.get("place"), Mention(start, start + len(sentence), sentence), 0.8, line))
    return document


def documents() -> list[Document]:
    fa_meeting = ("محمدجواد ظریف وزیر امور خارجه ایران روز سه‌شنبه ۴ اسفند ۱۳۹۸ در ژنو با سرگئی لاوروف دیدار کرد. "
                  "دو طرف درباره برجام و همکاری‌های دوجانبه گفتگو کردند.")
    ar_meeting = ("التقى وزير الخارجية الإيراني محمد جواد ظريف نظيره الروسي سيرغي لافروف في جنيف يوم الثلاثاء. "
                  "وبحث الجانبان الاتفاق النووي والتعاون الثنائي.")
    fa_sanction = ("وزارت خزانه‌داری آمریکا روز پنجشنبه تحریم‌های تازه‌ای علیه ایران اعلام کرد. "
                   "ظریف این تحریم‌ها را غیرقانونی خواند.")
    hostile = ('<img src=x onerror="window.pwned=1"> خرج آلاف المتظاهرين في بغداد للمطالبة بالإصلاح. '
               'وقال منظمون إن "<script>window.pwned=2</script>" شعار الاحتجاج.')
    return [
        _document("doc-fa-geneva", "fa", "دیدار ظریف و لاوروف در ژنو", fa_meeting, outlet="ایرنا",
                  published="2020-02-25T10:30", story=STORY, url="javascript:window.pwned=3",
                  entities=[(ZARIF, ["محمدجواد ظریف"]), (IRAN, ["ایران"]), (GENEVA, ["ژنو"]),
                            (LAVROV, ["سرگئی لاوروف"])],
                  dates=[("۴ اسفند ۱۳۹۸", "2020-02-23")],
                  events=[{"type": "CONSULT", "mode": "meeting", "source": [ZARIF[0]], "target": [LAVROV[0]],
                           "place": GENEVA[0], "date": "2020-02-23", "sentence": fa_meeting.split(". ")[0] + "."}]),
        _document("doc-ar-geneva", "ar", "ظريف ولافروف يلتقيان في جنيف", ar_meeting, outlet="الجزيرة",
                  published="2020-02-25", story=STORY, url="https://example.org/news/1",
                  entities=[(ZARIF, ["محمد جواد ظريف"]), (LAVROV, ["سيرغي لافروف"]), (GENEVA, ["جنيف"])],
                  events=[{"type": "CONSULT", "mode": "meeting", "source": [ZARIF[0]], "target": [LAVROV[0]],
                           "place": GENEVA[0], "date": "2020-02-25", "sentence": ar_meeting.split(". ")[0] + "."}]),
        _document("doc-fa-sanction", "fa", "تحریم‌های تازه آمریکا علیه ایران", fa_sanction, outlet="تسنیم",
                  published="2021-06-10T08:00",
                  entities=[(USA, ["آمریکا"]), (IRAN, ["ایران"]), (ZARIF, ["ظریف"])],
                  events=[{"type": "SANCTION", "source": [USA[0]], "target": [IRAN[0]], "date": "2021-06-10",
                           "sentence": fa_sanction.split(". ")[0] + "."},
                          {"type": "REJECT", "source": [ZARIF[0]], "target": [USA[0]],
                           "sentence": fa_sanction.split(". ")[1]}]),
        _document("doc-ar-protest", "ar", HOSTILE_TITLE, hostile, outlet="<i>نبض</i> العراق",
                  published="2022-11-03",
                  entities=[(BAGHDAD, ["بغداد"])],
                  events=[{"type": "PROTEST", "source": [], "target": [], "place": BAGHDAD[0],
                           "sentence": hostile.split(". ")[0] + "."}]),
    ]


def build_store(path: Path | str) -> Path | str:
    with Store.open(path) as store:
        store.save(documents())
    return path
