"""control/reader.py and lang/en/control_cues.tsv: the statements of control a sentence makes, one cue a case."""
import pytest

from eventcoder.control.reader import load_cues
from tests.coding import coded


def test_control_reader_cues_load_with_their_forms():
    cues = {c.id: c for c in load_cues()}
    assert cues["C_HELD_COMPOUND"].form == "compound" and "held" in cues["C_HELD_COMPOUND"].words
    assert cues["C_LOSS"].kind == "lost"


CUES = load_cues()
NEGATIVES = [cue for cue in CUES if cue.negative]


@pytest.mark.parametrize("cue", CUES, ids=[cue.id for cue in CUES])
def test_control_reader_every_cue_reads_its_example(coder, cue):
    assert cue.id in [c.rule for c in coded(coder, cue.example).control_claims]


@pytest.mark.parametrize("cue", NEGATIVES, ids=[cue.id for cue in NEGATIVES])
def test_control_reader_no_cue_reads_its_negative(coder, cue):
    assert coded(coder, cue.negative).control_claims == []


def test_control_reader_a_loss_to_a_named_side_goes_to_it(coder):
    # the side the loss was to, named in the sentence, not the narrative's opponent of the loser
    text = ("On 20 June 2022, Russian forces and Wagner Group mercenaries attacked Ukrainian troops in "
            "Sievierodonetsk.\n"
            "The same day, Ukraine lost control of Metyolkine to Russian forces.")
    assert [(c.controller, c.previous, c.kind) for c in coded(coder, text).control_claims] == [
        ("Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)", "lost")]


def test_control_reader_a_holder_written_apart_before_its_participle(coder):
    text = "On 27 February 2016, ISIL attacked the YPG controlled town of Tell Abyad."
    assert [(c.place, c.controller, c.rule) for c in coded(coder, text).control_claims] == [
        ("Tall Abyad", "QSD: Syrian Democratic Forces", "C_HELD_COMPOUND")]
    # a verb's statement is not read as a compound's
    assert [c.rule for c in coded(coder, "On 28 February 2016, ISIL held Hajin.").control_claims] == ["C_CONTROL_VERB"]
