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
        ("2016-05-06", "QSD: Syrian Democratic Forces"), ("2016-05-07", "QSD: Syrian Democratic Forces")]


def test_actors_sides_a_generic_name_of_the_same_side_is_no_opponent(coder):
    # "the Army" in Syria is the Syrian Army, not the side it fights
    events = code(coder, "On 3 May 2016, the Syrian Army shelled the village of Mahin.\n"
                         "On 4 May 2016, the Army captured the town of Al-Qaryatayn.")
    assert [(e.actor1, e.actor2) for e in events] == [("Military Forces of Syria (2000-2024)", ""),
                                                     ("Military Forces of Syria (2000-2024)", "")]


@pytest.mark.parametrize("text, sides", [
    # the killed are the victims, whatever mention comes first; the attacker is told in the "after" clause
    ("On 15 October 2017, many SDF fighters were killed and executed near Mahin after ISIL attacked their positions.",
     ("Islamic State", "QSD: Syrian Democratic Forces")),
    # who reports the dead did not kill them
    ("On 3 May 2016, the Syrian government and state media said that 40 people were killed in Mahin.",
     ("Unidentified Armed Group (Syria)", "Civilians (Syria)")),
    # air strikes against ISIL hit ISIL, not the troops they relieved
    ("On 3 July 2016, Russian air strikes against ISIL relieved the pressure on Syrian Army troops near Mahin.",
     ("Military Forces of Russia (2000-)", "Islamic State")),
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
        "Mahin", "QSD: Syrian Democratic Forces", "Islamic State")


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
        "Islamic State", 2, "Military Forces of Syria (2000-2024)", 1, 12)
    assert ["ACTOR1_NSUBJ", "ACTOR2_OBJECT"] == [r for r in e.rules if r.startswith("ACTOR")]


def test_actors_sides_a_unit_is_coded_under_its_parent_and_named_beside_it(coder):
    [e] = code(coder, "On 5 April 2017, the Tiger Forces shelled Hajin.")
    assert (e.actor1, e.assoc_actor_1, e.actor2) == ("Military Forces of Syria (2000-2024)", "Tiger Forces", "")


def test_actors_sides_the_side_the_document_tells_fighting_is_the_opponent(coder):
    first, _ = code(coder, "On 5 April 2017, the Syrian Army attacked Hajin.\n"
                           "On 9 April 2017, ISIL recaptured Hajin from the army.")
    assert (first.actor1, first.actor2) == ("Military Forces of Syria (2000-2024)", "Islamic State")
    assert "ACTOR2_DOCUMENT_OPPONENT" in first.rules


def test_actors_sides_who_says_it_took_a_place_took_it(coder):
    [e] = code(coder, "On 5 April 2017, the SDF said it had captured Hajin.")
    assert (e.actor1, e.actor2, e.sub_event_type) == (
        "QSD: Syrian Democratic Forces", "", "Non-state actor overtakes territory")
    assert "ACTOR1_REPORTER" in e.rules


# ------------------------------------------------------------ the whole world (issue 19)

def test_actors_sides_a_demonym_names_its_countrys_forces(coder):
    # Chad's forces, never coded before by any test, come from the country list and countryinfo's demonym
    [e] = code(coder, "On 12 March 2022, Chadian soldiers clashed with rebels near Abeche.")
    assert (e.country, e.actor1, e.inter1, e.actor2, e.inter2) == (
        "Chad", "Military Forces of Chad (2021-)", 1, "Unidentified Armed Group (Chad)", 3)


def test_actors_sides_a_ucdp_group_by_its_press_name(coder):
    # UCDP's PSLF by the name the press uses; the junta's base makes Myanmar's forces the other side
    [e] = code(coder, "On 5 June 2023, the TNLA attacked a junta base in Lashio.")
    assert (e.actor1, e.inter1, e.actor2, e.inter2) == (
        "TNLA: Ta'ang National Liberation Army", 2, "Military Forces of Myanmar (2021-)", 1)


def test_actors_sides_an_unknown_named_group_keeps_its_own_name(coder):
    # no file knows this brigade: it is coded under its name, a rebel group by its word, never dropped or renamed
    [e] = code(coder, "On 2 May 2023, members of the Kolela Defence Brigade attacked the town of Mbandaka.")
    assert (e.actor1, e.inter1, e.rules[2]) == ("Kolela Defence Brigade", 2, "ACTOR1_NSUBJ")


def test_actors_sides_a_side_no_text_names_is_the_generic_actor_of_the_country(coder):
    [e] = code(coder, "On 7 July 2021, fighting broke out in Bunia.")
    assert (e.location, e.actor1, e.inter1) == (
        "Bunia", "Unidentified Armed Group (Democratic Republic of Congo)", 3)
    assert "ACTOR1_GENERIC_OF_COUNTRY" in e.rules
    # an arrest whose author is not told is the state's: the police of the country
    [e] = code(coder, "On 3 March 2023, a man was arrested in Kisumu.")
    assert (e.sub_event_type, e.actor1, e.actor2, e.rules[3]) == (
        "Arrests", "Police Forces of Kenya (2022-)", "Civilians (Kenya)", "ACTOR1_STATE_ARRESTS")


def test_actors_sides_a_protest_is_its_protesters_with_who_they_are_beside_them(coder):
    [e] = code(coder, "On 9 April 2022, students protested in Nairobi against fee increases.")
    assert (e.sub_event_type, e.actor1, e.assoc_actor_1, e.inter1, e.actor2, e.inter2) == (
        "Peaceful protest", "Protesters (Kenya)", "Students (Kenya)", 6, "", None)
    # force told in the next sentence was used on that protest: one event, the police its other side
    [e] = code(coder, "On 9 April 2022, students protested in Nairobi against fee increases.\n"
                      "Police dispersed the crowd with tear gas.")
    assert (e.sub_event_type, e.actor2, e.inter2, e.rules[-1]) == (
        "Protest with intervention", "Police Forces of Kenya (2022-)", 1, "TYPE_FORCE_TOLD_AFTER")
    # one man arrested is no force on the crowd: what the protest was about
    [e] = code(coder, "On 9 April 2022, journalists protested in Nairobi against the arrest of an editor.\n"
                      "He was arrested in connection with a tax case.")[:1]
    assert (e.sub_event_type, e.assoc_actor_1) == ("Peaceful protest", "Journalists (Kenya)")


def test_actors_sides_civilians_who_fight_are_rioters(coder):
    [e] = code(coder, "On 3 May 2021, villagers attacked a police post in Jaisalmer, Rajasthan.")
    assert (e.event_type, e.actor1, e.inter1, e.actor2, e.inter2) == (
        "Riots", "Rioters (India)", 5, "Police Forces of India (2014-)", 1)


def test_actors_sides_the_narratives_memory_stays_in_its_conflict(coder):
    # "the group" in Mali is not the Sudanese group told before; in Sudan it is
    mali, sudan = (code(coder, "On 1 June 2023, the RSF shelled El Fasher.\n"
                               f"On 2 June 2023, the group attacked a checkpoint {where}.")[1]
                   for where in ("in Mopti, Mali", "near El Obeid"))
    assert (mali.actor1, mali.rules[2]) == ("Unidentified Armed Group (Mali)", "ACTOR1_GENERIC_OF_COUNTRY")
    assert (sudan.actor1, sudan.rules[2]) == ("RSF: Rapid Support Forces", "ACTOR1_GROUP_ANAPHOR")
    # a foreign officer named once in passing is no side of the war
    [e] = code(coder, "On 4 June 2023, a Russian officer met the army chief in Khartoum.\n"
                      "On 5 June 2023, the RSF shelled the city of El Obeid.")
    assert (e.actor1, e.actor2) == ("RSF: Rapid Support Forces", "Military Forces of Sudan (2019-)")


def test_actors_sides_fighting_no_side_is_named_in_goes_on_between_the_narratives_sides(coder):
    # in the country of the war told, the fighting is that war's; in another country, no side is known
    kharkiv, mopti = (code(coder, "On 3 March 2022, Russian forces shelled Kharkiv.\n"
                                  f"On 4 March 2022, heavy fighting {where}.")[1]
                      for where in ("continued in Kharkiv", "broke out in Mopti, Mali"))
    assert (kharkiv.actor1, kharkiv.inter1, kharkiv.rules[2]) == (
        "Military Forces of Russia (2000-)", 8, "ACTOR1_NARRATIVE_LAST")
    assert (mopti.actor1, mopti.rules[2]) == ("Unidentified Armed Group (Mali)", "ACTOR1_GENERIC_OF_COUNTRY")


def test_actors_sides_who_reports_hearing_shots_did_not_fire_them(coder):
    [e] = code(coder, "On 6 May 2020, Greek soldiers near Kastanies reported hearing shots being fired by Turkish "
                      "police across the river.")
    assert e.actor1 == "Police Forces of Turkey (2002-)"


def test_actors_sides_an_author_put_in_for_want_of_one_is_not_the_narratives_side(coder):
    # the shelling's author is not told: ACLED's unidentified group, which the next sentence does not go on about
    events = code(coder, "On 3 March 2022, Russian forces attacked Ukrainian troops in Kharkiv.\n"
                         "That night, shells fell on Kharkiv.\nFighting continued in Kharkiv on 4 March.")
    assert [(e.actor1, e.rules[2]) for e in events[1:]] == [
        ("Unidentified Armed Group (Ukraine)", "ACTOR1_UNIDENTIFIED"),
        ("Military Forces of Russia (2000-)", "ACTOR1_NARRATIVE_LAST")]


def test_actors_sides_a_group_named_as_who_reports_is_no_side(coder):
    # "according to X" and "X's spokesman said" name a source, not the other side of the event
    for text in ("On 9 May 2016, according to the Kolela Defence Brigade, soldiers attacked Mbandaka.",
                 "On 9 May 2016, the Kolela Defence Brigade's spokesman said soldiers attacked Mbandaka."):
        [e] = code(coder, text)
        assert (e.actor1, e.actor2) == ("Military Forces of the Democratic Republic of Congo (2001-2019)",
                                        "Civilians (Democratic Republic of Congo)")


@pytest.mark.parametrize("text, police", [
    # government_periods.tsv: Greece's first and second Mitsotakis governments (ACLED: Police Forces of Greece
    # (2019-2023)); the United Kingdom's Conservative governments of 2010-2024, then Starmer's
    ("On 14 March 2021, a man was arrested in Thessaloniki.", "Police Forces of Greece (2019-2023)"),
    ("On 14 March 2024, a man was arrested in Thessaloniki.", "Police Forces of Greece (2023-)"),
    ("On 2 August 2023, a man was arrested in Manchester.", "Police Forces of the United Kingdom (2010-2024)"),
    ("On 2 August 2025, a man was arrested in Manchester.", "Police Forces of the United Kingdom (2024-)"),
])
def test_actors_sides_police_of_any_country_take_their_governments_years(coder, text, police):
    [e] = code(coder, text)
    assert (e.sub_event_type, e.actor1) == ("Arrests", police)


@pytest.mark.parametrize("text, actors", [
    # the country in an actor's name is spelled as ACLED spells the country (acled_countries.tsv), with "the" where
    # English puts one after "of": not the country list's "Czechia" or "The Netherlands"
    ("On 4 May 2021, police fired tear gas at protesters in Prague.",
     ("Protesters (Czech Republic)", "Police Forces of the Czech Republic (2021-2025)")),
    ("On 4 May 2021, police fired tear gas at protesters in Rotterdam.",
     ("Protesters (Netherlands)", "Police Forces of the Netherlands (2010-2024)")),
    # the country list's name still names the country's forces (here abroad: police alone would be Slovakia's)
    ("On 4 May 2021, Czechia police fired tear gas at protesters in Bratislava.",
     ("Protesters (Slovakia)", "Police Forces of the Czech Republic (2021-2025)")),
])
def test_actors_sides_a_country_in_an_actors_name_is_spelled_as_acled_spells_it(coder, text, actors):
    [e] = code(coder, text)
    assert (e.actor1, e.actor2) == actors


@pytest.mark.parametrize("text, name", [
    # a group renamed to ACLED's form ("ACRONYM: English name") is still found by the name the press gives it
    ("On 5 March 2019, Hayat Tahrir al-Sham fighters attacked a checkpoint near Saraqib.", "HTS: Hayat Tahrir al Sham"),
    ("On 2 February 2024, Jama'at Nusrat al-Islam wal-Muslimin fighters ambushed a Malian army convoy.",
     "JNIM: Group for Support of Islam and Muslims"),
    ("On 9 June 2017, the Syrian Democratic Forces captured the village of Hunaydah.", "QSD: Syrian Democratic Forces"),
])
def test_actors_sides_a_group_named_by_its_old_name_is_coded_under_acleds(coder, text, name):
    assert code(coder, text)[0].actor1 == name
