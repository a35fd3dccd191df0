"""syntax.py: the status of a trigger (negated, attempted, intended, background, generic) and who acts in its clause,
read off spaCy's parse with the clause words of lang/en/words_clause.tsv."""
import pytest

from eventcoder import syntax


@pytest.fixture(scope="module")
def word(coder):
    def find(text: str, form: str):
        return next(t for t in coder.nlp(text) if t.text == form)
    return find


@pytest.mark.parametrize("text, form, negated", [
    ("There was no attack on the town.", "attack", True),
    ("There was an attack on the town.", "attack", False),
    ("The rebels entered the town without a fight.", "entered", True),
])
def test_syntax_negated_by_no_and_without(word, text, form, negated):
    assert syntax.is_negated(word(text, form)) is negated


@pytest.mark.parametrize("text, form, irrealis", [
    ("The army will attack the town.", "attack", True),
    ("The army attacked the town.", "attacked", False),
    ("The army prepared for an assault on the town.", "assault", True),
    ("Activists called for a protest in the capital.", "protest", True),
    ("The army launched an assault on the town.", "assault", False),
    # what a possibility would enable, a question left open, a condition, a purpose stated with "be to"
    ("The road could enable the rebels to seize the city.", "seize", True),
    ("The road enabled the rebels to seize the city.", "seize", False),
    ("It remained unclear whether the capture of the town was the aim.", "capture", True),
    ("If the rebels captured the town, the army would retreat.", "captured", True),
    ("The aim of the offensive was to capture the town.", "capture", True),
    ("The army was able to capture the town.", "capture", False),
])
def test_syntax_irrealis_by_modal_and_purpose(word, text, form, irrealis):
    assert syntax.is_irrealis(word(text, form)) is irrealis


@pytest.mark.parametrize("text, form, generic", [
    ("The offensive is continuing.", "continuing", True),
    ("The offensives are continuing.", "continuing", True),
    ("The offensive continued.", "continued", False),
])
def test_syntax_generic_present(word, text, form, generic):
    assert syntax.is_generic_present(word(text, form), has_date=False) is generic


@pytest.mark.parametrize("text, form, background", [
    ("After recapturing the town, the army advanced north.", "recapturing", True),
    ("The army recaptured the town.", "recaptured", False),
])
def test_syntax_background_after(word, text, form, background):
    assert syntax.is_background(word(text, form)) is background


@pytest.mark.parametrize("text, form, subjects", [
    ("The army's attack on the town killed ten.", "attack", [("army", "modifier"), ("attack", "nsubj")]),
    ("The attack by the rebels killed ten.", "attack", [("rebels", "agent"), ("attack", "nsubj")]),
    ("The town was captured by the army.", "captured", [("army", "agent")]),
    ("The rebels captured the town and advanced.", "advanced", [("rebels", "nsubj")]),
    # the setting of the clause, not its subject's act
    ("With the capture of Hajin, ISIL retreated.", "capture", []),
])
def test_syntax_subjects_of(word, text, form, subjects):
    assert [(t.text, how) for t, how in syntax.subjects_of(word(text, form))] == subjects


@pytest.mark.parametrize("text, title", [
    ("Siege of the northern airbase (March 2016)", True),  # a heading: it names a campaign
    ("The siege of the airbase ended in March 2016.", False),
    ("Clashes erupted near the airbase.", False),
])
def test_syntax_a_line_with_no_verb_is_a_title(coder, text, title):
    assert syntax.is_title(coder.nlp(text)[:]) is title


def test_syntax_a_sentence_whose_verb_the_tagger_misses_is_no_title(coder):
    # the small model tags "retook" a noun; the full stop still makes it a sentence
    assert syntax.is_title(coder.nlp("On 29 October 2018, ISIL retook the town from the SDF.")[:]) is False
