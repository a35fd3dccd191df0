"""events/gate.py and the first pass (nlp.Prepass): which sentences the coder parses, and what a sentence it does
not parse still tells the narrative, on sentences written for the tests."""
import pytest

from eventcoder import Document
from eventcoder.events import EventCoder


@pytest.fixture(scope="module")
def gate(coder):
    return coder.gate


def reasons(coder, text: str) -> list[tuple[str, str]]:
    """Why each sentence of `text` is parsed, after a first sentence that opens the paragraph."""
    return [(s.text.strip(), coder.gate.reason(s)) for s in coder.prepass.sentences("A report follows. " + text)][1:]


def test_prepass_cuts_sentences_at_stops_quotes_and_line_breaks(coder):
    text = 'He said: "It is over." Then he left.\nAftermath\nU.S. troops left at 4 p.m. on Friday.'
    assert [s.text.strip() for s in coder.prepass.sentences(text)] == [
        'He said: "It is over."', "Then he left.", "Aftermath", "U.S. troops left at 4 p.m. on Friday."]


def test_prepass_lemmas_are_every_lemma_a_form_could_have(coder):
    assert {"fight", "fought"} <= coder.prepass.lemmas("fought")  # an exception of the lemmatizer's tables
    assert "capture" in coder.prepass.lemmas("capturing")  # a rule
    assert "fight" not in coder.prepass.lemmas("fit")


@pytest.mark.parametrize("text, reason", [
    ("Rebels seized the town of Hajin.", "trigger"),
    ("Fighters took twelve passengers hostage.", "trigger"),  # every word of "take ... hostage", a gap between
    ("The hills north of the town were held by the army.", "control"),
    ("ISIL-held villages lay to the east.", "control"),
    ("The toll stood at 12 dead.", "toll"),
    ("Police dispersed the crowd.", "crowd"),
    ("Aftermath", "heading"),  # a line with no stop may be a heading, which the parse tells
    ("By 5 May the old bridge had been repainted.", "flashback"),  # "had" and a date: the clock must not move
])
def test_gate_parses_a_sentence_that_may_tell_something(coder, text, reason):
    assert reasons(coder, text) == [(text, reason)]


@pytest.mark.parametrize("text", [
    "The town lies on the Euphrates river.",
    "The old bridge had been repainted.",  # a flashback with no date moves no clock
    "Most people of the valley are farmers.",
    "The hostage was a teacher.",  # a word of "take ... hostage" alone is no trigger
])
def test_gate_leaves_a_sentence_that_can_tell_nothing(coder, text):
    assert reasons(coder, text) == [(text, "")]


def test_gate_parses_the_sentence_that_opens_a_paragraph(coder):
    # it sets the scene the next go on from: where a later event falls back on, read in full
    assert [coder.gate.reason(s) for s in coder.prepass.sentences(
        "The town lies on the river. Its people farm.\nThe town lies on the river.")] == ["opening", "", "opening"]


def code_full(coder, text: str):
    return next(iter(coder.code_full([Document(text, id="t")])))


def test_an_unparsed_sentence_still_moves_the_clock(coder):
    text = ("On 3 May 2016, ISIL captured Hajin. On 5 May 2016, the weather was mild. "
            "The next day, ISIL attacked Susah.")
    coded = code_full(coder, text)
    assert (coded.sentences, coded.parsed) == (3, 2)
    assert [(e.event_date, e.location) for e in coded.events] == [("2016-05-03", "Hajīn"), ("2016-05-06", "As Sūsah")]


def test_an_unparsed_sentence_names_the_place_a_generic_noun_refers_back_to(coder):
    coded = code_full(coder, "The report covers the valley. Most people of Hajin are farmers. On 3 May 2016, ISIL "
                             "captured the town.")
    assert (coded.sentences, coded.parsed) == (3, 2)
    [e] = coded.events
    assert (e.location, e.rules[-1]) == ("Hajīn", "PLACE_ANAPHOR")


def test_parse_all_parses_every_sentence_and_codes_the_same_here(coder):
    text = ("Most people of Hajin are farmers. On 3 May 2016, ISIL captured the town. On 5 May 2016, the weather "
            "was mild. The next day, ISIL attacked Susah.")
    everything = EventCoder(nlp=coder.nlp, gazetteer=coder.gazetteer, registry=coder.registry, parse_all=True)
    gated, full = code_full(coder, text), code_full(everything, text)
    assert (gated.parsed, full.parsed, full.sentences) == (3, 4, 4)
    assert [e.to_dict() for e in gated.events] == [e.to_dict() for e in full.events]


def test_an_unparsed_sentence_takes_the_area_after_a_comma_for_where_its_place_lies(coder):
    coded = code_full(coder, "Police patrols are common in the region. On 7 May 2020, in Volta Redonda, Rio de "
                             "Janeiro, police officers went to a market. Officers were attacked by armed men.")
    assert (coded.sentences, coded.parsed) == (3, 2)
    assert [(e.location, e.admin1) for e in coded.events] == [("Volta Redonda", "Rio de Janeiro")]
