"""ACLED types from triggers, cues and sides (events/event_types.py, lang/en/type_cues.tsv), on sentences written
for the tests."""
import pytest

from eventcoder.events.triggers import CUE_COLUMNS
from eventcoder.resources import read_table
from tests.coding import code


@pytest.mark.parametrize("text, sub_event_type", [
    ("On 4 May 2016, the Syrian Army captured the village of Mahin.", "Government regains territory"),
    ("On 4 May 2016, ISIL captured the village of Mahin.", "Non-state actor overtakes territory"),
    ("On 4 May 2016, a suicide bomber blew himself up at a checkpoint in Mahin.", "Suicide bomb"),
    ("On 4 May 2016, a roadside bomb hit an army patrol in Mahin.", "Remote explosive/landmine/IED"),
    ("On 4 May 2016, ISIL attacked army positions in Mahin with mortars.", "Shelling/artillery/missile attack"),
    ("On 4 May 2016, Syrian warplanes bombed the village of Mahin.", "Air/drone strike"),
    ("On 4 May 2016, Syrian Army helicopters dropped chlorine on the village of Mahin.", "Chemical weapon"),
    ("On 4 May 2016, gunmen threw a grenade at a police patrol in Mahin.", "Grenade"),
    ("On 4 May 2016, ISIL fighters abducted twelve villagers in Mahin.", "Abduction/forced disappearance"),
    ("On 4 May 2016, security forces arrested ten men in Mahin.", "Arrests"),
    ("On 4 May 2016, the army withdrew from the town of Mahin.", "Non-violent transfer of territory"),
    ("On 4 May 2016, the Syrian Army set up a military base near Mahin.", "Headquarters or base established"),
    ("On 4 May 2016, the rebels and the army agreed a ceasefire in Mahin.", "Agreement"),
    ("On 4 May 2016, police seized weapons and ammunition in a raid in Mahin.", "Disrupted weapons use"),
    ("On 4 May 2016, police found a stash of rifles and ammunition near the village of Mahin.", "Disrupted weapons use"),
    ("On 4 May 2016, gunmen stormed a hotel in Mahin.", "Attack"),
    ("On 4 May 2016, the rebels entered the town of Mahin without a fight.", "Non-violent transfer of territory"),
    ("On 4 May 2016, the Syrian Army drove ISIL out of the village of Mahin.", "Government regains territory"),
    ("On 4 May 2016, security forces captured a senior ISIL commander in Mahin.", "Arrests"),
    ("On 4 May 2016, ISIL fighters captured a senior army commander in Mahin.", "Abduction/forced disappearance"),
    ("On 4 May 2016, the rebels formed a new brigade in Mahin.", "Change to group/activity"),
    ("On 4 May 2016, a crowd of villagers attacked two men accused of theft in Mahin.", "Mob violence"),
    # villagers as the victims do not make a mob: the gunmen act
    ("On 4 May 2016, gunmen attacked villagers in Mahin.", "Attack"),
])
def test_events_event_types_each_rule(coder, text, sub_event_type):
    assert [e.sub_event_type for e in code(coder, text)] == [sub_event_type]


def test_events_event_types_attack_on_civilians_is_violence_against_civilians(coder):
    [e] = code(coder, "On 4 May 2016, ISIL gunmen attacked civilians in the village of Mahin.")
    assert (e.event_type, e.sub_event_type, e.actor2, e.civilian_targeting) == (
        "Violence against civilians", "Attack", "Civilians (Syria)", "Civilian targeting")


def test_events_event_types_attack_on_a_civilian_place_has_civilian_victims(coder):
    [e] = code(coder, "On 4 May 2016, gunmen stormed a hotel in Mahin.")
    assert (e.sub_event_type, e.actor2, e.civilian_targeting) == ("Attack", "Civilians (Syria)", "Civilian targeting")
    assert "ACTOR2_CIVILIAN_PLACE" in e.rules


def test_events_event_types_an_attempt_is_a_clash_without_a_change_of_control(coder):
    [e] = code(coder, "On 4 May 2016, ISIL tried to capture the village of Mahin from the Syrian Army.")
    assert (e.sub_event_type, e.control_change) == ("Armed clash", None)
    assert "TYPE_ATTEMPT_ONLY" in e.rules


def test_events_event_types_weapon_of_another_event_is_no_cue(coder):
    # the airstrikes are an event of their own; the counter-attack stays a battle
    events = code(coder, "On 9 December 2016, the Syrian Army counter-attacked near Mahin and launched airstrikes.")
    assert [e.sub_event_type for e in events] == ["Air/drone strike"] or "Armed clash" in [
        e.sub_event_type for e in events]
    assert all("C_AIRCRAFT" not in e.rules for e in events)


@pytest.mark.parametrize("text, sub_event_type", [
    ("Students protested in the square.", "Peaceful protest"),
    ("Police fired tear gas to disperse the protesters in the square.", "Protest with intervention"),
    ("Security forces killed two demonstrators at the protest in the square.", "Excessive force against protesters"),
    ("Protesters threw stones at the police during the demonstration.", "Violent demonstration"),
    # "non-violent" says the opposite of "violent"
    ("Police fired tear gas at thousands of non-violent protesters in the square.", "Protest with intervention"),
    # protesters who clash are a violent demonstration, however the force met them
    ("Protesters clashed with police in the square and two were shot dead.", "Violent demonstration"),
])
def test_events_event_types_protests_by_the_force_met_and_the_protesters_own(classifier, text, sub_event_type):
    from eventcoder.events.classifier import candidates, main_candidate
    found = candidates(classifier.nlp(text), classifier.lexicon, classifier.registry)
    assert main_candidate(found).sub_event_type == sub_event_type


CUES = list(read_table("type_cues.tsv", CUE_COLUMNS, required=6))


@pytest.mark.parametrize("row", CUES, ids=[row["id"] for row in CUES])
def test_events_event_types_every_cue_example_becomes_its_type(classifier, row):
    from eventcoder.events.classifier import candidates
    doc = classifier.nlp(row["example"])
    found = candidates(doc, classifier.lexicon, classifier.registry)
    assert any(row["id"] in c.typed.rules and c.sub_event_type == row["becomes"] for c in found), (
        f"type_cues.tsv:{row.line}: {row['id']} does not turn its example into {row['becomes']}")


@pytest.fixture(scope="module")
def first_trigger(coder):
    def find(text: str):
        sent = next(coder.nlp(text).sents)
        return coder.lexicon.match(sent)[0], sent
    return find


@pytest.mark.parametrize("text, civilians", [
    ("Gunmen stormed the barracks, killing students.", True),
    ("Gunmen stormed the barracks and shot two teachers.", True),
    ("Gunmen stormed the barracks, killing soldiers.", False),  # an armed side among the victims
    ("Gunmen stormed the barracks.", False),  # no victims told
])
def test_events_event_types_victims_of_the_sentences_killings(first_trigger, text, civilians):
    from eventcoder.events.event_types import victims_are_civilians
    match, _sent = first_trigger(text)
    assert victims_are_civilians(match) is civilians


@pytest.mark.parametrize("text, types", [
    ("Thousands held a violent protest in the capital.",
     ("Riots", "Violent demonstration", ("T_PROTEST", "C_PROTEST_RIOT"), None)),
    # "non-" turns the cue into its opposite (lang/en/words_event.tsv negating_prefixes)
    ("Thousands held a non-violent protest in the capital.", ("Protests", "Peaceful protest", ("T_PROTEST",), None)),
    ("Troops captured the village.",
     ("Battles", "Government regains territory", ("T_CAPTURE", "TYPE_TAKER_STATE"), 1)),
    # unnamed militants are ACLED's unidentified armed group, coded as a political militia (inter 3)
    ("Militants captured the village.",
     ("Battles", "Non-state actor overtakes territory", ("T_CAPTURE", "TYPE_TAKER_NON_STATE"), 3)),
])
def test_events_event_types_type_trigger_on_its_sentence(coder, first_trigger, text, types):
    from eventcoder.events.event_types import type_trigger
    match, sent = first_trigger(text)
    typed = type_trigger(match, sent, coder.lexicon, coder.registry)
    assert (typed.event_type, typed.sub_event_type, typed.rules, typed.agent_inter) == types


def test_events_event_types_government_regains_territory(coder):
    [e] = code(coder, "On 2 March 2017, the Syrian Army recaptured Palmyra from ISIL.")
    assert (e.sub_event_type, e.actor1, e.actor2, e.location) == (
        "Government regains territory", "Military Forces of Syria (2000-2024)", "Islamic State", "Tadmur")
