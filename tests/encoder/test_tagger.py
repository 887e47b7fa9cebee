"""The entity tagger's data preparation (no PyTorch needed) and a tiny training run (skipped without PyTorch).

Corpus fixtures are small CoNLL files written here in the public sets' formats, with sentences written
for Rasad; the real sets under ../shared/data are not needed.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from rasad.encoder.data import (
    IGNORE_INDEX,
    LABEL_IDS,
    LABELS,
    NamePools,
    NerData,
    bio_spans,
    decode_spans,
    fill_template,
    filler_entries,
    fillers_path,
    name_pools,
    outermost,
    read_aqmar,
    read_newsfane,
    read_wojood,
    rejoin_clitics,
    template_examples,
    token_labels,
    word_spans,
)

TORCH_MISSING = ("PyTorch is not installed (it is the optional `train` extra, which CI does not install): "
                 "the training tests are skipped")


def mentions(example) -> list[tuple[str, str]]:
    return [(example.text[start:end], kind) for start, end, kind in example.spans]


# --- corpora -----------------------------------------------------------------------------------------------

def test_bio_spans_and_outermost() -> None:
    assert bio_spans(["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "B-ORG"]) == [(0, 2, "PER"), (3, 4, "LOC"),
                                                                           (4, 5, "ORG"), (5, 6, "ORG")]
    assert outermost([(0, 4, "ORGANIZATION"), (3, 4, "PERSON"), (5, 6, "LOCATION")]) == [
        (0, 4, "ORGANIZATION"), (5, 6, "LOCATION")]


def test_read_aqmar_maps_types_and_drops_mis(tmp_path: Path) -> None:
    path = tmp_path / "train.txt"
    path.write_text("زار O\nالرئيس O\nسعيد B-PER\nالعلي I-PER\nمدينة O\nحلب B-LOC\nلحضور O\nمهرجان B-MIS\n. O\n\n"
                    "أعلنت O\nجامعة B-ORG\nدمشق I-ORG\nالنتائج O\n\n", encoding="utf-8")
    first, second = read_aqmar(path)
    assert first.text == "زار الرئيس سعيد العلي مدينة حلب لحضور مهرجان ."
    assert mentions(first) == [("سعيد العلي", "PERSON"), ("حلب", "LOCATION")]
    assert mentions(second) == [("جامعة دمشق", "ORGANIZATION")]


def test_read_newsfane_strips_marks_maps_fine_classes_and_attaches_clitics(tmp_path: Path) -> None:
    rows = [("وصل", "O"), ("وزير", "O"), ("الخارجية", "O"), ("كريم", "B-Politician"), ("ناصر", "I-Politician"),
            ("الى", "O"), ("القاهرة", "B-Population-Center"), ("و", "O"), ("التقي", "O"), ("ب", "O"),
            ("رئيس", "O"), ("ل", "O"), ("الجامعة", "B-Educational"), ("العربية", "I-Educational"),
            ("في", "O"), ("مقر", "O"), ("ه", "O"), ("حاملا", "O"), ("كتاب", "B-Book"), (".", "O")]
    text = "\ufeff" + "".join(f"\u200e{word}\t{tag}\r\n" for word, tag in rows) + "\r\n"
    path = tmp_path / "newsfane.txt"
    path.write_text(text, encoding="utf-8")
    [[example]] = read_newsfane(path)
    assert example.text == "وصل وزير الخارجية كريم ناصر الى القاهرة والتقي برئيس للجامعة العربية في مقره حاملا كتاب ."
    assert mentions(example) == [("كريم ناصر", "PERSON"), ("القاهرة", "LOCATION"), ("جامعة العربية", "ORGANIZATION")]


def test_rejoin_clitics_keeps_free_pronouns_apart() -> None:
    words, tags, glued = rejoin_clitics(["قال", "هم", "ان", "بيت", "ها"], ["O"] * 5)
    assert words == ["قال", "هم", "ان", "بيتها"] and glued == [False] * 4 and len(tags) == 4


def test_read_wojood_flattens_nested_tags(tmp_path: Path) -> None:
    path = tmp_path / "train.txt"
    path.write_text("التقى O\nأمين B-OCC\nسر I-OCC\nمجلس I-OCC B-ORG\nبلدية I-OCC I-ORG\nالخليل I-OCC I-ORG B-GPE\n"
                    "بوفد O\nمن O\nوزارة B-ORG\nالصحة I-ORG\nيرأسه O\nمحمود B-PERS\nسالم I-PERS\n$#$ O\n\n",
                    encoding="utf-8")
    [example] = read_wojood(path)
    assert "$#$" not in example.text
    assert mentions(example) == [("مجلس بلدية الخليل", "ORGANIZATION"), ("وزارة الصحة", "ORGANIZATION"),
                                 ("محمود سالم", "PERSON")]


def test_long_sentences_are_cut_between_mentions(tmp_path: Path) -> None:
    words = [f"كلمة{i}" for i in range(70)]
    tags = ["O"] * 70
    tags[58:62] = ["B-ORG", "I-ORG", "I-ORG", "I-ORG"]
    path = tmp_path / "long.txt"
    path.write_text("".join(f"{word} {tag}\n" for word, tag in zip(words, tags, strict=True)), encoding="utf-8")
    first, second = read_aqmar(path)
    assert len(first.text.split()) == 58 and first.spans == ()
    assert mentions(second) == [("كلمة58 كلمة59 كلمة60 كلمة61", "ORGANIZATION")]


# --- templates ---------------------------------------------------------------------------------------------

def test_fill_template_records_spans_and_writes_lil() -> None:
    pools = NamePools(person=["هادی صالحی"], organization=["الأمم المتحدة"], city=["الموصل"], country=["العراق"],
                      demonym=["العراقية"], given=[], surnames=[])
    rng = random.Random(0)
    example = fill_template("دعا {PERSON} ل{ORGANIZATION} إلى دعم [مخيم جنين|LOCATION] و{CITY}.", pools, rng,
                            "templates-ar", "ar")
    assert example.text == "دعا هادی صالحی للأمم المتحدة إلى دعم مخيم جنين والموصل."
    assert mentions(example) == [("هادی صالحی", "PERSON"), ("أمم المتحدة", "ORGANIZATION"),
                                 ("مخيم جنين", "LOCATION"), ("الموصل", "LOCATION")]


def test_a_head_noun_written_with_a_slot_is_inside_the_mention() -> None:
    pools = NamePools(person=["جاسم الكعبي"], organization=["الهلال الأحمر"], city=["البرامون"], country=["مصر"],
                      demonym=["المصري"], given=[], surnames=[])
    rng = random.Random(0)
    template = ("ووصلت فرق [بلدية {CITY}|ORGANIZATION] إلى [قرية {CITY} الشرقية|LOCATION] "
                "و[مستشفى {PERSON}|LOCATION] أمس.")
    example = fill_template(template, pools, rng, "templates-ar", "ar")
    assert example.text == "ووصلت فرق بلدية البرامون إلى قرية البرامون الشرقية ومستشفى جاسم الكعبي أمس."
    assert mentions(example) == [("بلدية البرامون", "ORGANIZATION"), ("قرية البرامون الشرقية", "LOCATION"),
                                 ("مستشفى جاسم الكعبي", "LOCATION")]


def test_template_examples_keep_dev_templates_and_names_apart() -> None:
    train = template_examples("fa", 300, dev=False)
    dev = template_examples("fa", 100, dev=True)
    # a few templates are common-word sentences with no name at all (negatives); nearly all have one
    assert sum(bool(example.spans) for example in train + dev) >= 0.9 * len(train + dev)
    assert not all(example.spans for example in template_examples("fa", 2000, dev=False))
    train_names = {name for example in train for name, _ in mentions(example)}
    dev_names = {name for example in dev for name, _ in mentions(example)}
    # Dev draws from the held-out fifth of the knowledge base: almost no name is shared.
    assert len(train_names & dev_names) < 0.1 * len(dev_names)
    strip = [example.text for example in train]
    assert not any(text in strip for text in (example.text for example in dev))


def filler_pools(lang: str = "ar") -> NamePools:
    """Pools whose knowledge-base lists hold one marked name each, so filler names are told apart."""
    return NamePools(person=["کب شخص"], organization=["کب سازمان"], city=["کب شهر"], country=["کب کشور"],
                     demonym=["کب"], given=[], surnames=[], lang=lang,
                     filler_given=["سعاد", "كريم"], filler_father=["كريم"], filler_family=["الخطيب", "حداد"],
                     filler_organization=["جامعة حلب"], filler_place=["الزبير"])


def test_filler_names_fill_their_share_of_slots_with_the_right_type() -> None:
    pools = filler_pools()
    rng = random.Random(5)
    examples = [fill_template("قال {PERSON} من {ORGANIZATION} في {CITY} إن {SURNAME} وصل.", pools, rng,
                              "templates-ar", "ar") for _ in range(400)]
    found: dict[str, list[str]] = {"PERSON": [], "ORGANIZATION": [], "LOCATION": []}
    for example in examples:
        person, organization, city, surname = mentions(example)
        assert [kind for _, kind in (person, organization, city, surname)] == [
            "PERSON", "ORGANIZATION", "LOCATION", "PERSON"]
        assert person[0].endswith(surname[0])  # {SURNAME} repeats the person's family name
        for name, kind in (person, organization, city):
            found[kind].append(name)
    invented = [name for name in found["PERSON"] if not name.startswith("کب")]
    # An invented person is a filler given name, maybe a father's name, and a filler family name.
    assert all(name.split()[0] in pools.filler_given and name.split()[-1] in pools.filler_family
               and len(name.split()) in (2, 3) for name in invented)
    assert any(len(name.split()) == 3 for name in invented)
    for kind, share in (("PERSON", 0.35), ("ORGANIZATION", 0.4), ("LOCATION", 0.35)):
        fillers = sum(not name.startswith("کب") for name in found[kind]) / len(found[kind])
        assert abs(fillers - share) < 0.08, (kind, fillers)


def test_persian_family_names_are_sometimes_joined_with_zwnj() -> None:
    pools = filler_pools("fa")
    pools.filler_family_suffix = ["زاده"]
    rng = random.Random(1)
    names = [pools.invented_person(rng) for _ in range(300)]
    joined = [family for _, family in names if "\u200c" in family]
    assert joined and all(family.endswith("\u200cزاده") for family in joined)
    assert all(full.endswith(family) for full, family in names)


def test_filler_dev_split_keeps_dev_entries_out_of_train() -> None:
    for lang in ("fa", "ar"):
        for kind in ("given", "family", "organization", "place"):
            train, dev = filler_entries(lang, kind, dev=False), filler_entries(lang, kind, dev=True)
            assert train and dev and not set(train) & set(dev)
            # About a fifth is held out (a hash split, so not exactly).
            assert 0.08 < len(dev) / (len(train) + len(dev)) < 0.35, (lang, kind)
    train_pools, dev_pools = name_pools("ar", dev=False), name_pools("ar", dev=True)
    assert train_pools.filler_place and not set(train_pools.filler_place) & set(dev_pools.filler_place)
    # Filler entries the knowledge base knows follow the knowledge base's split, so they are left out.
    assert not set(train_pools.filler_place) & set(train_pools.city + dev_pools.city)
    dev_only = set(dev_pools.filler_organization)
    train_names = {name for example in template_examples("ar", 600, dev=False) for name, _ in mentions(example)}
    assert dev_only and not dev_only & train_names


def test_filler_files_are_sorted_lists() -> None:
    from rasad.datafiles import data_lines

    for lang in ("fa", "ar"):
        for kind in ("given", "given_female", "family", "organization", "place"):
            entries = data_lines(fillers_path(lang, kind))
            assert len(entries) >= 60 and entries == sorted(set(entries)), (lang, kind)


def test_template_examples_are_deterministic_under_the_seed() -> None:
    first = template_examples("fa", 200, dev=False, seed=4)
    assert first == template_examples("fa", 200, dev=False, seed=4)
    assert first != template_examples("fa", 200, dev=False, seed=5)
    texts = [example.text for example in first]
    assert len(set(texts)) > 150


def test_gold_is_never_read() -> None:
    source = (Path(__file__).parents[2] / "src" / "rasad" / "encoder" / "data.py").read_text(encoding="utf-8")
    assert "benchmarks/gold/entities" not in source.replace("The entity gold under benchmarks/gold/", "")


# --- labels on pieces ----------------------------------------------------------------------------------------

def test_token_labels_and_decode_round_trip(encoder) -> None:
    text = "محمدجواد ظریف در ژنو با کاترین اشتون دیدار کرد."
    spans = [(text.find(name), text.find(name) + len(name), kind)
             for name, kind in (("محمدجواد ظریف", "PERSON"), ("ژنو", "LOCATION"), ("کاترین اشتون", "PERSON"))]
    encoding = encoder.tokenizer.encode(text, None)
    labels = token_labels(text, encoding.offsets, spans)
    assert labels[0] == labels[-1] == IGNORE_INDEX
    assert labels.count(LABEL_IDS["B-PERSON"]) == 2 and labels.count(LABEL_IDS["B-LOCATION"]) == 1
    # One scored piece per word (9 words and the final stop); the other pieces are not scored.
    assert sum(label != IGNORE_INDEX for label in labels) == 10 < len(labels) - 2
    assert decode_spans(text, encoding.offsets, labels) == spans


def test_mentions_cover_whole_words() -> None:
    text = "والعراق، بنگله‌دیش"
    assert word_spans(text) == [(0, 7), (7, 8), (9, 18)]
    # A mention starting after a clitic is labelled on its whole word; pieces past a word's first are ignored.
    offsets = [(0, 0), (0, 3), (3, 7), (7, 8), (9, 14), (14, 18), (0, 0)]
    labels = token_labels(text, offsets, [(1, 7, "LOCATION"), (9, 18, "LOCATION")])
    assert labels == [IGNORE_INDEX, LABEL_IDS["B-LOCATION"], IGNORE_INDEX, 0, LABEL_IDS["B-LOCATION"],
                      IGNORE_INDEX, IGNORE_INDEX]
    # A word takes its first piece's label, whatever the model says of its other pieces.
    predicted = [0, LABEL_IDS["B-LOCATION"], LABEL_IDS["B-ORGANIZATION"], 0, LABEL_IDS["B-PERSON"], 0, 0]
    assert decode_spans(text, offsets, predicted) == [(0, 7, "LOCATION"), (9, 18, "PERSON")]


def test_decode_spans_opens_on_stray_inside_label() -> None:
    text = "abc defg hij"
    offsets = [(0, 0), (0, 3), (4, 8), (9, 12), (0, 0)]
    labels = [0, LABEL_IDS["I-LOCATION"], LABEL_IDS["B-PERSON"], LABEL_IDS["I-ORGANIZATION"], 0]
    assert decode_spans(text, offsets, labels) == [(0, 3, "LOCATION"), (4, 8, "PERSON"), (9, 12, "ORGANIZATION")]


# --- training ----------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def torch():
    return pytest.importorskip("torch", reason=TORCH_MISSING, exc_type=ImportError)


def test_torch_encoder_matches_numpy_forward(torch, encoder) -> None:
    from rasad.encoder.train import build_modules, word_vectors

    _, tagger_class = build_modules(torch)
    model = tagger_class(encoder, 2, 0.1).eval()
    texts = ["عباس عراقچی روز چهارشنبه در تهران گفت که مذاکرات ادامه دارد.", "قال المتحدث إن الوفد وصل إلى بغداد."]
    reference = encoder.token_states(texts)
    ids, mask = encoder.pad([encoding.ids for encoding in reference.encodings])
    with torch.no_grad():
        states = model.states(word_vectors(torch, encoder, ids, "cpu"), torch.from_numpy(mask)).numpy()
    assert np.abs(states[mask] - reference.states[mask]).max() < 1e-3


def test_tiny_training_lowers_loss_and_saves_weights_that_load_back(torch, encoder, tmp_path: Path) -> None:
    from rasad.encoder.tagger import NumpyTagger, load_tagger_weights
    from rasad.encoder.train import TrainConfig, train_tagger

    train = template_examples("fa", 24, dev=False, seed=1)
    dev = template_examples("fa", 6, dev=True, seed=1)
    config = TrainConfig(epochs=10, layers=1, batch_size=8, learning_rate=3e-4, head_learning_rate=3e-3,
                         warmup=0.0, dropout=0.0, max_steps=24, device="cpu")
    result = train_tagger(NerData(train, dev), tmp_path, config, encoder=encoder)
    first, last = np.mean(result.losses[:3]), np.mean(result.losses[-3:])
    assert last < 0.6 * first, (first, last)

    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["trained_layers"] == [11] and manifest["labels"] == list(LABELS)
    assert {source["name"] for source in manifest["sources"]} >= {"aqmar", "newsfane", "wojood", "templates-fa"}
    assert all(source["licence"] for source in manifest["sources"])
    assert set(manifest["dev"]["by_type"]) == {"PERSON", "ORGANIZATION", "LOCATION"}
    # Only the trained layer and the head are written, in fp16: no word table, no frozen layer.
    with np.load(tmp_path / "weights.npz") as arrays:
        assert {name.split(".")[1] for name in arrays.files if name.startswith("layers.")} == {"11"}
        assert all(arrays[name].dtype == np.float16 for name in arrays.files)
        assert sum(arrays[name].size for name in arrays.files) < 2_000_000
    weights = load_tagger_weights(tmp_path)
    assert set(weights.layers) == {11} and weights.head_weight.shape == (len(LABELS), 384)

    # The numpy tagger gives the labels the torch model gives (up to fp16 rounding of the saved weights).
    tagger = NumpyTagger(weights, encoder)
    texts = [example.text for example in dev]
    numpy_labels, _ = tagger.label_ids(texts)
    from rasad.encoder.train import build_modules, word_vectors

    _, tagger_class = build_modules(torch)
    model = tagger_class(encoder, 1, 0.0).eval()
    with torch.no_grad():
        for name, parameter in model.layers[11].named_parameters():
            field = name.replace(".", "_")
            parameter.copy_(torch.from_numpy(getattr(weights.layers[11], field)))
        model.head.weight.copy_(torch.from_numpy(weights.head_weight))
        model.head.bias.copy_(torch.from_numpy(weights.head_bias))
        encodings = [encoder.tokenizer.encode(text, None) for text in texts]
        ids, mask = encoder.pad([encoding.ids for encoding in encodings])
        torch_labels = model(word_vectors(torch, encoder, ids, "cpu"), torch.from_numpy(mask)).argmax(-1).numpy()
    agree = [a == b for row, labels in enumerate(numpy_labels) for a, b in zip(labels, torch_labels[row], strict=False)]
    assert np.mean(agree) > 0.98
    assert len(tagger.tag(texts)) == len(texts)


def test_train_command_without_torch_says_what_to_install(monkeypatch, tmp_path: Path) -> None:
    import builtins

    from typer.testing import CliRunner

    from rasad.cli import app

    real_import = builtins.__import__

    def no_torch(name, *args, **kwargs):
        if name == "torch" or name.startswith("torch."):
            raise ImportError("No module named 'torch'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_torch)
    result = CliRunner().invoke(app, ["train", "ner", "--out", str(tmp_path / "tagger")])
    assert result.exit_code == 3
    assert "PyTorch" in result.output and "train" in result.output
    assert not (tmp_path / "tagger").exists()


def test_scores_count_exact_spans_by_type_and_source() -> None:
    from rasad.encoder.train import score_spans

    gold = [[(0, 4, "PERSON"), (8, 12, "LOCATION")], [(0, 5, "ORGANIZATION")]]
    predicted = [[(0, 4, "PERSON"), (8, 12, "PERSON")], [(0, 5, "ORGANIZATION"), (7, 9, "LOCATION")]]
    scores = score_spans(gold, predicted, ["aqmar", "templates-fa"])
    assert scores.overall["precision"] == 0.5 and scores.overall["recall"] == round(2 / 3, 4)
    assert scores.by_type["PERSON"]["precision"] == 0.5 and scores.by_type["PERSON"]["recall"] == 1.0
    assert scores.by_type["LOCATION"]["f1"] == 0.0
    assert scores.by_source["templates-fa"]["recall"] == 1.0 and scores.by_source["aqmar"]["recall"] == 0.5


def test_training_is_reproducible(torch, encoder, tmp_path: Path) -> None:
    from rasad.encoder.train import TrainConfig, train_tagger

    data = NerData(template_examples("ar", 12, dev=False, seed=2), [])
    config = TrainConfig(layers=1, batch_size=4, max_steps=3, device="cpu")
    runs = [train_tagger(data, tmp_path / name, config, encoder=encoder) for name in ("first", "second")]
    assert runs[0].losses == runs[1].losses
    with np.load(tmp_path / "first" / "weights.npz") as first, np.load(tmp_path / "second" / "weights.npz") as second:
        assert first.files == second.files
        assert all(np.array_equal(first[name], second[name]) for name in first.files)
