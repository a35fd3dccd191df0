"""lang/: the word classes of the language data, each one's example and negative, and the user's overlay."""
import re

import pytest

from eventcoder import lang
from eventcoder.errors import DataFileError
from eventcoder.lang import WordClass, word_classes

CLASSES = sorted(word_classes().values(), key=lambda c: (c.file, c.line))


def _whole(word: str) -> str:
    """A word matched whole: not inside a longer word (a mark like "–" may stand between digits)."""
    left = r"(?<!\w)" if word[:1].isalnum() else ""
    right = r"(?!\w)" if word[-1:].isalnum() else ""
    return left + re.escape(word) + right


def _has_word(cls: WordClass, text: str) -> bool:
    return any(re.search(_whole(w.split("=")[0].strip()), text, re.I) for w in cls.items)


def _has_lemma(cls: WordClass, text: str, nlp) -> bool:
    return any(t.lemma_.lower() in lang.word_set(cls.name) for t in nlp(text))


@pytest.mark.parametrize("cls", CLASSES, ids=[c.name for c in CLASSES])
def test_lang_every_word_class_has_an_example_it_fires_on(cls, coder):
    assert cls.example, f"{cls.file}:{cls.line}: {cls.name} has no example"
    text = cls.sample(cls.example)
    if cls.kind == "pattern":
        assert lang.pattern(cls.name).search(text), f"{cls.file}:{cls.line}: {cls.name} misses {cls.example!r}"
    elif cls.is_lemmas:  # lemmas are what spaCy reads the words of the example as
        assert _has_lemma(cls, text, coder.nlp), f"{cls.file}:{cls.line}: no lemma of {cls.name} in {text!r}"
    else:
        assert _has_word(cls, text), f"{cls.file}:{cls.line}: no word of {cls.name} in {cls.example!r}"


NEGATIVES = [c for c in CLASSES if c.negative]


@pytest.mark.parametrize("cls", NEGATIVES, ids=[c.name for c in NEGATIVES])
def test_lang_no_word_class_fires_on_its_negative(cls, coder):
    text = cls.sample(cls.negative)
    if cls.kind == "pattern":
        assert not lang.pattern(cls.name).search(text), f"{cls.file}:{cls.line}: {cls.name} fires on {text!r}"
    elif cls.is_lemmas:
        assert not _has_lemma(cls, text, coder.nlp), f"{cls.file}:{cls.line}: a lemma of {cls.name} in {text!r}"
    else:
        assert not _has_word(cls, text), f"{cls.file}:{cls.line}: a word of {cls.name} is in {text!r}"


def test_lang_a_pattern_read_before_a_mention_is_tried_on_the_words_before_it():
    near = lang.word_class("near_cue")
    assert near.sample("Clashes broke out near [Raqqa] on Monday.") == "Clashes broke out near "
    assert lang.pattern("near_cue").search(near.sample("Clashes broke out near [Raqqa] on Monday."))


def test_lang_reads_a_word_list_a_set_a_mapping_and_a_pattern_with_a_class_in_it():
    assert lang.words("area_cues_after")[:2] == ("countryside", "province")
    assert "amid" in lang.word_set("circumstance_preps")
    assert lang.mapping("generic_place_kinds")["air base"] == ("airbase", "airport")
    assert lang.alternation("city_nouns") == "(?:city|town)"


@pytest.fixture
def overlay(tmp_path, monkeypatch):
    """A user's overlay folder, with the loader's caches emptied before and after."""
    monkeypatch.setenv("EVENTCODER_OVERLAY", str(tmp_path))
    caches = [lang.word_classes, lang.words, lang.word_set, lang.mapping, lang.pattern]
    for f in caches:
        f.cache_clear()
    yield tmp_path
    monkeypatch.undo()
    for f in caches:
        f.cache_clear()


def test_lang_overlay_adds_words_to_a_class_without_editing_the_package(overlay):
    (overlay / "words_location.tsv").write_text("city_nouns\twords\thamlet\tThey entered the hamlet.\n")
    assert lang.words("city_nouns") == ("city", "town", "hamlet")


def test_lang_overlay_pattern_replaces_the_packaged_one(overlay):
    (overlay / "words_actor.tsv").write_text("held_name\tpattern\t-(?:held|run)$\tisil-run\n")
    assert lang.pattern("held_name").search("isil-run")


def test_lang_overlay_row_of_another_kind_fails_naming_file_and_line(overlay):
    (overlay / "words_location.tsv").write_text("# mine\ncity_nouns\tpattern\tvillage\tvillage\n")
    with pytest.raises(DataFileError, match=r"words_location.tsv:2: word class 'city_nouns' is a words"):
        word_classes()


def test_lang_a_class_defined_twice_in_one_file_fails(overlay):
    (overlay / "words_location.tsv").write_text("mine\twords\ta\ta\nmine\twords\tb\tb\n")
    with pytest.raises(DataFileError, match=r"words_location.tsv:2: word class 'mine' is defined twice"):
        word_classes()


def test_lang_an_unknown_class_is_a_data_file_error():
    with pytest.raises(DataFileError, match="no word class 'no_such_class'"):
        lang.words("no_such_class")
