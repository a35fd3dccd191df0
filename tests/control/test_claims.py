"""control/claims.py: who a text says held a place, took it or lost it, on sentences written for the tests."""
import pytest

from eventcoder.control import event_claims
from eventcoder.merge import merge_events
from tests.coding import code, coded


def claims(coder, text: str) -> list[tuple]:
    cd = coded(coder, text)
    return [(c.place, c.date_start, c.controller, c.previous, c.kind, c.rule)
            for c in event_claims(merge_events(cd.events)) + cd.control_claims]


def test_control_claims_held_compound_names_the_holder_before_the_event(coder):
    assert claims(coder, "On 3 March 2018, the SDF attacked ISIL-held Hajin.") == [
        ("Hajīn", "2018-03-03", "Islamic State", "", "held", "C_HELD_COMPOUND")]


def test_control_claims_still_controlled_villages(coder):
    text = "On 5 March 2018, the Islamic State still controlled the villages of Hajin and Susah."
    assert [(c[0], c[2], c[4]) for c in claims(coder, text)] == [
        ("Hajīn", "Islamic State", "held"), ("As Sūsah", "Islamic State", "held")]


def test_control_claims_areas_controlled_by_a_holder_list_their_places(coder):
    text = "On 7 March 2018, the SDF advanced towards the areas controlled by ISIL – the pocket with Hajin and Susah."
    held = [c for c in claims(coder, text) if c[4] == "held"]
    assert [(c[0], c[2], c[5]) for c in held] == [("Hajīn", "Islamic State", "C_CONTROL_VERB"),
                                                 ("As Sūsah", "Islamic State", "C_CONTROL_VERB")]


def test_control_claims_the_last_stronghold_is_not_taken(coder):
    text = "On 9 March 2018, the SDF overran Susah, leaving Hajin as the last stronghold in ISIL's grip."
    cd = coded(coder, text)
    assert [e.location for e in cd.events] == ["As Sūsah"]  # Hajin stayed ISIL's: no capture of it
    assert claims(coder, text) == [
        ("As Sūsah", "2018-03-09", "SDF: Syrian Democratic Forces", "Islamic State", "captured", "T_OVERRUN"),
        ("Hajīn", "2018-03-09", "Islamic State", "", "held", "C_STRONGHOLD")]


def test_control_claims_a_loss_passes_to_the_narrative_opponent(coder):
    text = ("On 11 March 2018, the SDF fought ISIL near Hajin.\n"
            "The loss of Susah was a heavy blow against the Islamic State.")
    assert claims(coder, text)[-1] == (
        "As Sūsah", "2018-03-11", "SDF: Syrian Democratic Forces", "Islamic State", "lost", "C_LOSS")


def test_control_claims_negatives_say_nothing(coder):
    assert claims(coder, "On 3 March 2018, the army held talks in Damascus.") == []
    assert claims(coder, "On 3 March 2018, ISIL lost 40 fighters in Hajin.") == []


def test_control_claims_capture_told_twice_is_one_claim(coder):
    text = ("On 14 December 2018, the SDF captured Hajin from ISIL after heavy fighting.\n"
            "SDF commanders said that on 14 December they had captured Hajin.")
    assert claims(coder, text) == [
        ("Hajīn", "2018-12-14", "SDF: Syrian Democratic Forces", "Islamic State", "captured", "T_CAPTURE")]


def test_control_claims_passive_verb_names_its_agent_the_holder(coder):
    assert claims(coder, "On 5 March 2018, Hajin and Susah were controlled by the Islamic State.") == [
        ("Hajīn", "2018-03-05", "Islamic State", "", "held", "C_CONTROL_VERB"),
        ("As Sūsah", "2018-03-05", "Islamic State", "", "held", "C_CONTROL_VERB")]


def test_control_claims_place_behind_another_preposition_is_not_held(coder):
    # "in" is not among the held-object prepositions (lang/en/words_control.tsv held_object_preps)
    assert claims(coder, "On 5 March 2018, the Islamic State still controlled the road in Hajin.") == []
    assert claims(coder, "On 5 March 2018, the Islamic State did not control Hajin.") == []


@pytest.mark.parametrize("loss", [
    "ISIL's loss of Hajin was a heavy blow.",  # the possessive lost it
    "The loss of Hajin was a heavy blow for the Islamic State.",  # told for whom (loser_preps)
])
def test_control_claims_a_loss_names_who_lost(coder, loss):
    assert claims(coder, "On 11 March 2018, the SDF fought ISIL in Susah. " + loss) == [
        ("Hajīn", "2018-03-11", "SDF: Syrian Democratic Forces", "Islamic State", "lost", "C_LOSS")]


def test_control_claims_a_recapture_passes_control_from_the_holder_told_before(coder):
    text = "On 5 April 2017, the Syrian Army attacked Hajin.\nOn 9 April 2017, ISIL recaptured Hajin from the army."
    assert claims(coder, text) == [
        ("Hajīn", "2017-04-09", "Islamic State", "Military Forces of Syria (2000-2024)", "captured", "T_RECAPTURE")]
    assert code(coder, text)[-1].control_change == {"place": "Hajīn", "from": "Military Forces of Syria (2000-2024)",
                                                   "to": "Islamic State"}


def test_control_claims_a_capture_with_no_holder_told_has_no_previous(coder):
    assert claims(coder, "On 5 April 2017, the SDF said it had captured Hajin.") == [
        ("Hajīn", "2017-04-05", "SDF: Syrian Democratic Forces", "", "captured", "T_CAPTURE")]
    assert code(coder, "On 5 April 2017, the SDF said it had captured Hajin.")[0].control_change == {
        "place": "Hajīn", "from": None, "to": "SDF: Syrian Democratic Forces"}
