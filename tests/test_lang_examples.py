"""The word classes of lang/en/words_clause.tsv, words_event.tsv and words_control.tsv: each class's example holds
one of its words (a lemma or a word of the example), one class a case."""
import re

import pytest

from eventcoder.lang import word_classes

FILES = ("words_clause.tsv", "words_event.tsv", "words_control.tsv")
CLASSES = sorted(name for name, cls in word_classes().items() if cls.file in FILES)


@pytest.fixture(scope="module")
def nlp(coder):
    return coder.nlp


def test_lang_examples_cover_the_files():
    assert {word_classes()[name].file for name in CLASSES} == set(FILES)


@pytest.mark.parametrize("name", CLASSES)
def test_lang_example_holds_a_word_of_its_class(nlp, name):
    cls = word_classes()[name]
    assert cls.kind == "words" and cls.example, name
    doc = nlp(cls.example)
    forms = {t.lemma_.lower() for t in doc} | {t.lower_ for t in doc}
    phrases = [w for w in cls.items if " " in w and re.search(rf"\b{re.escape(w)}\b", cls.example.lower())]
    assert forms & set(cls.items) or phrases, name
