"""actors/sides.py: who actor1 and actor2 of an event are, on sentences written for the tests."""
import pytest

from tests.coding import code


def test_actors_sides_mentions_resolve_to_the_actor_they_name(coder):
    # "the jihadists" is the jihadist group just told of; "the Kurds" the YPG; "their forces" the SDF
    text = ("On 3 May 2016, ISIL fighters attacked the village of Mahin.\n"
            "On 4 May 2016, the jihadists captured the town of Al-Qaryatayn.\n"
            "On 6 May 2016, the YPG attacked ISIL near Manbij.\n"
            "On 7 May 2016, the Kurds captured the village of Arak.")
    assert [(e.event_date, e.actor1) for e in code(coder, text)] == [
        ("2016-05-03", "Islamic State"), ("2016-05-04", "Islamic State"),
        ("2016-05-06", "SDF: Syrian Democratic Forces"), ("2016-05-07", "SDF: Syrian Democratic Forces")]


def test_actors_sides_a_generic_name_of_the_same_side_is_no_opponent(coder):
    # "the Army" in Syria is the Syrian Army, not the side it fights
    events = code(coder, "On 3 May 2016, the Syrian Army shelled the village of Mahin.\n"
                         "On 4 May 2016, the Army captured the town of Al-Qaryatayn.")
    assert [(e.actor1, e.actor2) for e in events] == [("Military Forces of Syria", ""),
                                                     ("Military Forces of Syria", "")]


@pytest.mark.parametrize("text, sides", [
    # the killed are the victims, whatever mention comes first; the attacker is told in the "after" clause
    ("On 15 October 2017, many SDF fighters were killed and executed near Mahin after ISIL attacked their positions.",
     ("Islamic State", "SDF: Syrian Democratic Forces")),
    # who reports the dead did not kill them
    ("On 3 May 2016, the Syrian government and state media said that 40 people were killed in Mahin.",
     ("Unidentified Armed Group (Syria)", "Civilians (Syria)")),
    # air strikes against ISIL hit ISIL, not the troops they relieved
    ("On 3 July 2016, Russian air strikes against ISIL relieved the pressure on Syrian Army troops near Mahin.",
     ("Military Forces of Russia", "Islamic State")),
    # who holds the town is not who was hit; the killed of a participle are
    ("On 16 January 2019, a suicide bombing claimed by ISIL in the SDF-controlled town of Manbij killed four U.S. "
     "personnel.", ("Islamic State", "Global Coalition Against Daesh")),
    ("On 29 September 2014, U.S. strikes hit a grain silo in the ISIL-controlled town of Manbij, killing two "
     "civilians.", ("Global Coalition Against Daesh", "Civilians (Syria)")),
])
def test_actors_sides_roles_from_the_parse(coder, text, sides):
    [e] = code(coder, text)
    assert (e.actor1, e.actor2) == sides


def test_actors_sides_allies_of_the_taker_are_not_the_other_side(coder):
    events = code(coder, "On 30 November 2018, ISIL attacked the SDF near Hajin.\n"
                         "On 1 December 2018, the village of Mahin was overrun by the SDF backed by French and "
                         "American artillery.")
    assert [(e.location, e.actor1, e.actor2) for e in events][-1] == (
        "Mahin", "SDF: Syrian Democratic Forces", "Islamic State")


def test_actors_sides_people_acting_in_a_clause_of_their_own_are_no_side(coder):
    [e] = code(coder, "On 21 September 2016, the ISIL siege of Mahin tightened as villagers sang in the streets.")
    assert (e.sub_event_type, e.actor1, e.actor2) == ("Armed clash", "Islamic State", "")


def test_actors_sides_victims_are_not_the_actor(coder):
    [e] = code(coder, "On 9 September 2017, an airstrike near al-Mayadin killed 21 civilians.")
    assert (e.actor1, e.actor2, e.civilian_targeting) == (
        "Unidentified Armed Group (Syria)", "Civilians (Syria)", "Civilian targeting")


def test_actors_sides_the_subject_acts_on_the_object(coder):
    [e] = code(coder, "On 5 April 2017, ISIL fighters ambushed a Syrian Army convoy near Hajin.")
    assert (e.actor1, e.inter1, e.actor2, e.inter2, e.interaction) == (
        "Islamic State", 2, "Military Forces of Syria", 1, 12)
    assert ["ACTOR1_NSUBJ", "ACTOR2_OBJECT"] == [r for r in e.rules if r.startswith("ACTOR")]


def test_actors_sides_a_unit_is_coded_under_its_parent_and_named_beside_it(coder):
    [e] = code(coder, "On 5 April 2017, the Tiger Forces shelled Hajin.")
    assert (e.actor1, e.assoc_actor_1, e.actor2) == ("Military Forces of Syria", "Tiger Forces", "")


def test_actors_sides_the_side_the_document_tells_fighting_is_the_opponent(coder):
    first, _ = code(coder, "On 5 April 2017, the Syrian Army attacked Hajin.\n"
                           "On 9 April 2017, ISIL recaptured Hajin from the army.")
    assert (first.actor1, first.actor2) == ("Military Forces of Syria", "Islamic State")
    assert "ACTOR2_DOCUMENT_OPPONENT" in first.rules


def test_actors_sides_who_says_it_took_a_place_took_it(coder):
    [e] = code(coder, "On 5 April 2017, the SDF said it had captured Hajin.")
    assert (e.actor1, e.actor2, e.sub_event_type) == (
        "SDF: Syrian Democratic Forces", "", "Non-state actor overtakes territory")
    assert "ACTOR1_REPORTER" in e.rules
