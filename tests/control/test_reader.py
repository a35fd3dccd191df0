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
