"""The event lexicon: Persian verb forms with their status, trigger lines, modality cues."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasad.entities.namekey import name_key
from rasad.events.lexicon import (
    HAPPENED,
    IRREALIS,
    NEGATED,
    LexiconError,
    load_lexicon,
    parse_trigger_line,
    persian_verb_forms,
)


def statuses(past: str, present: str) -> dict[tuple[str, ...], str]:
    return {tuple(name_key(w) for w in words): status for words, status in persian_verb_forms(past, present)}


@pytest.mark.parametrize(("written", "status"), [
    ("کرد", HAPPENED), ("کردند", HAPPENED), ("می‌کند", HAPPENED), ("کرده است", HAPPENED), ("کرده‌اند", HAPPENED),
    ("نکرد", NEGATED), ("نمی‌کند", NEGATED), ("نکرده است", NEGATED), ("نخواهد کرد", NEGATED),
    ("کند", IRREALIS), ("بکنند", IRREALIS), ("خواهد کرد", IRREALIS), ("خواهند کرد", IRREALIS),
])
def test_persian_forms_carry_their_status(written: str, status: str) -> None:
    forms = statuses("کرد", "کن")
    assert forms[tuple(name_key(word) for word in written.split())] == status


def test_negating_a_stem_that_starts_with_alef_madda() -> None:
    assert statuses("آورد", "آور")[(name_key("نیاورد"),)] == NEGATED


def test_trigger_line_expands_macros_and_alternatives() -> None:
    trigger, forms = parse_trigger_line("دیدار {کردن}\tCONSULT\tmeet\tبا\tsymmetric", "fa", "test:1")
    assert trigger.type == "CONSULT" and trigger.mode == "meet" and "symmetric" in trigger.flags
    written = {form.words: form.status for form in forms}
    assert written[(name_key("دیدار"), name_key("کردند"))] == HAPPENED
    assert written[(name_key("دیدار"), name_key("نکرد"))] == NEGATED
    _, arabic = parse_trigger_line("التقى|يلتقي\tCONSULT\tmeet\tobj,مع\t-", "ar", "test:2")
    assert {form.words for form in arabic} == {(name_key("التقى"),), (name_key("يلتقي"),)}


@pytest.mark.parametrize("line", [
    "دیدار {کردن}\tCONSULT\tmeet\tبا",  # four columns
    "دیدار {کردن}\tMEET\tmeet\tبا\t-",  # not a PLOVER type
    "دیدار {نوشیدن}\tCONSULT\tmeet\tبا\t-",  # a verb verbs.tsv lacks
    "دیدار {کردن}\tCONSULT\tmeet\tبا\tloud",  # an unknown flag
])
def test_bad_trigger_lines_name_the_file_and_line(line: str) -> None:
    with pytest.raises(LexiconError, match=r"triggers\.tsv:7"):
        parse_trigger_line(line, "fa", "triggers.tsv:7")


def test_lexicon_from_a_data_folder(tmp_path: Path) -> None:
    (tmp_path / "ar").mkdir()
    (tmp_path / "ar" / "event_triggers.tsv").write_text("# comment\nأدان|يدين\tACCUSE\t-\tobj\t-\n", encoding="utf-8")
    (tmp_path / "ar" / "event_modality.tsv").write_text("من المقرر\tplan\n", encoding="utf-8")
    lexicon = load_lexicon("ar", str(tmp_path))
    assert set(lexicon.forms_by_first_word) == {name_key("أدان"), name_key("يدين")}
    assert lexicon.cues_by_first_word[name_key("من")][0].words == (name_key("من"), name_key("المقرر"))


def test_packaged_lexicons_load() -> None:
    for lang in ("fa", "ar"):
        lexicon = load_lexicon(lang)
        assert lexicon.forms_by_first_word, lang
        assert lexicon.cues_by_first_word, lang
