"""control.py and events/control_reader.py: who a text says held a place, and the timeline of a place."""
import pytest

from eventcoder.control import event_claims, timeline
from eventcoder.documents import Document
from eventcoder.control.reader import load_cues
from eventcoder.model import CodedDocument
from eventcoder.merge import merge_events


def coded(coder, text: str) -> CodedDocument:
    [cd] = list(coder.code_full([Document(text, id="t")]))
    return cd


def claims(coder, text: str) -> list[tuple]:
    cd = coded(coder, text)
    return [(c.place, c.date_start, c.controller, c.previous, c.kind, c.rule)
            for c in event_claims(merge_events(cd.events)) + cd.control_claims]


def test_control_cues_load_with_their_forms():
    cues = {c.id: c for c in load_cues()}
    assert cues["C_HELD_COMPOUND"].form == "compound" and "held" in cues["C_HELD_COMPOUND"].words
    assert cues["C_LOSS"].kind == "lost"


CUES = load_cues()
NEGATIVES = [cue for cue in CUES if cue.negative]


@pytest.mark.parametrize("cue", CUES, ids=[cue.id for cue in CUES])
def test_control_every_cue_reads_its_example(coder, cue):
    assert cue.id in [c.rule for c in coded(coder, cue.example).control_claims]


@pytest.mark.parametrize("cue", NEGATIVES, ids=[cue.id for cue in NEGATIVES])
def test_control_no_cue_reads_its_negative(coder, cue):
    assert coded(coder, cue.negative).control_claims == []


def test_control_held_compound_names_the_holder_before_the_event(coder):
    assert claims(coder, "On 3 March 2018, the SDF attacked ISIL-held Hajin.") == [
        ("Hajīn", "2018-03-03", "Islamic State", "", "held", "C_HELD_COMPOUND")]


def test_control_still_controlled_villages(coder):
    text = "On 5 March 2018, the Islamic State still controlled the villages of Hajin and Susah."
    assert [(c[0], c[2], c[4]) for c in claims(coder, text)] == [
        ("Hajīn", "Islamic State", "held"), ("As Sūsah", "Islamic State", "held")]


def test_control_areas_controlled_by_a_holder_list_their_places(coder):
    text = "On 7 March 2018, the SDF advanced towards the areas controlled by ISIL – the pocket with Hajin and Susah."
    held = [c for c in claims(coder, text) if c[4] == "held"]
    assert [(c[0], c[2], c[5]) for c in held] == [("Hajīn", "Islamic State", "C_CONTROL_VERB"),
                                                 ("As Sūsah", "Islamic State", "C_CONTROL_VERB")]


def test_control_the_last_stronghold_is_not_taken(coder):
    text = "On 9 March 2018, the SDF overran Susah, leaving Hajin as the last stronghold in ISIL's grip."
    cd = coded(coder, text)
    assert [e.location for e in cd.events] == ["As Sūsah"]  # Hajin stayed ISIL's: no capture of it
    assert claims(coder, text) == [
        ("As Sūsah", "2018-03-09", "SDF: Syrian Democratic Forces", "Islamic State", "captured", "T_OVERRUN"),
        ("Hajīn", "2018-03-09", "Islamic State", "", "held", "C_STRONGHOLD")]


def test_control_a_loss_passes_to_the_narrative_opponent(coder):
    text = ("On 11 March 2018, the SDF fought ISIL near Hajin.\n"
            "The loss of Susah was a heavy blow against the Islamic State.")
    assert claims(coder, text)[-1] == (
        "As Sūsah", "2018-03-11", "SDF: Syrian Democratic Forces", "Islamic State", "lost", "C_LOSS")


def test_control_negatives_say_nothing(coder):
    assert claims(coder, "On 3 March 2018, the army held talks in Damascus.") == []
    assert claims(coder, "On 3 March 2018, ISIL lost 40 fighters in Hajin.") == []


def test_control_capture_told_twice_is_one_claim(coder):
    text = ("On 14 December 2018, the SDF captured Hajin from ISIL after heavy fighting.\n"
            "SDF commanders said that on 14 December they had captured Hajin.")
    assert claims(coder, text) == [
        ("Hajīn", "2018-12-14", "SDF: Syrian Democratic Forces", "Islamic State", "captured", "T_CAPTURE")]


def claim(date, controller, previous="", kind="held", end=None, doc="d", start=0):
    return {"claim_id": f"{date}{controller}", "doc_id": doc, "place": "Hajīn", "date_start": date,
            "date_end": end or date, "controller": controller, "previous": previous, "kind": kind, "rule": "R",
            "evidence": {"char_start": start, "char_end": start + 10, "text": "words"}, "event_id": ""}


def test_timeline_orders_fills_previous_and_ends_intervals():
    rows = timeline([claim("2018-12-14", "SDF", "ISIL", "captured"), claim("2018-09-10", "ISIL")])
    assert [(r.date, r.controller, r.previous, r.until, r.disputed) for r in rows] == [
        ("2018-09-10", "ISIL", "", "2018-12-14", False), ("2018-12-14", "SDF", "ISIL", "", False)]


def test_timeline_keeps_contradictory_claims_and_marks_them():
    rows = timeline([claim("2018-10-01", "ISIL", end="2018-10-31", doc="a"),
                     claim("2018-10-15", "SDF", doc="b"), claim("2018-11-20", "SDF", doc="b")])
    assert [(r.controller, r.disputed) for r in rows] == [("ISIL", True), ("SDF", True), ("SDF", False)]
    # a change told after a statement of the same day is the story moving on
    rows = timeline([claim("2018-12-14", "ISIL", start=0), claim("2018-12-14", "SDF", "ISIL", "lost", start=50)])
    assert [r.disputed for r in rows] == [False, False]


def test_control_passive_verb_names_its_agent_the_holder(coder):
    assert claims(coder, "On 5 March 2018, Hajin and Susah were controlled by the Islamic State.") == [
        ("Hajīn", "2018-03-05", "Islamic State", "", "held", "C_CONTROL_VERB"),
        ("As Sūsah", "2018-03-05", "Islamic State", "", "held", "C_CONTROL_VERB")]


def test_control_place_behind_another_preposition_is_not_held(coder):
    # "in" is not among the held-object prepositions (lang/en/words_control.tsv held_object_preps)
    assert claims(coder, "On 5 March 2018, the Islamic State still controlled the road in Hajin.") == []
    assert claims(coder, "On 5 March 2018, the Islamic State did not control Hajin.") == []


@pytest.mark.parametrize("loss", [
    "ISIL's loss of Hajin was a heavy blow.",  # the possessive lost it
    "The loss of Hajin was a heavy blow for the Islamic State.",  # told for whom (loser_preps)
])
def test_control_a_loss_names_who_lost(coder, loss):
    assert claims(coder, "On 11 March 2018, the SDF fought ISIL in Susah. " + loss) == [
        ("Hajīn", "2018-03-11", "SDF: Syrian Democratic Forces", "Islamic State", "lost", "C_LOSS")]
