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
        ("As Sūsah", "2018-03-09", "QSD: Syrian Democratic Forces", "Islamic State", "captured", "T_OVERRUN"),
        ("Hajīn", "2018-03-09", "Islamic State", "", "held", "C_STRONGHOLD")]


def test_control_claims_a_loss_passes_to_the_narrative_opponent(coder):
    text = ("On 11 March 2018, the SDF fought ISIL near Hajin.\n"
            "The loss of Susah was a heavy blow against the Islamic State.")
    assert claims(coder, text)[-1] == (
        "As Sūsah", "2018-03-11", "QSD: Syrian Democratic Forces", "Islamic State", "lost", "C_LOSS")


def test_control_claims_negatives_say_nothing(coder):
    assert claims(coder, "On 3 March 2018, the army held talks in Damascus.") == []
    assert claims(coder, "On 3 March 2018, ISIL lost 40 fighters in Hajin.") == []


def test_control_claims_capture_told_twice_is_one_claim(coder):
    text = ("On 14 December 2018, the SDF captured Hajin from ISIL after heavy fighting.\n"
            "SDF commanders said that on 14 December they had captured Hajin.")
    assert claims(coder, text) == [
        ("Hajīn", "2018-12-14", "QSD: Syrian Democratic Forces", "Islamic State", "captured", "T_CAPTURE")]


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
        ("Hajīn", "2018-03-11", "QSD: Syrian Democratic Forces", "Islamic State", "lost", "C_LOSS")]


def test_control_claims_a_recapture_passes_control_from_the_holder_told_before(coder):
    text = "On 5 April 2017, the Syrian Army attacked Hajin.\nOn 9 April 2017, ISIL recaptured Hajin from the army."
    assert claims(coder, text) == [
        ("Hajīn", "2017-04-09", "Islamic State", "Military Forces of Syria (2000-2024)", "captured", "T_RECAPTURE")]
    assert code(coder, text)[-1].control_change == {"place": "Hajīn", "from": "Military Forces of Syria (2000-2024)",
                                                   "to": "Islamic State"}


def test_control_claims_a_capture_with_no_holder_told_has_no_previous(coder):
    assert claims(coder, "On 5 April 2017, the SDF said it had captured Hajin.") == [
        ("Hajīn", "2017-04-05", "QSD: Syrian Democratic Forces", "", "captured", "T_CAPTURE")]
    assert code(coder, "On 5 April 2017, the SDF said it had captured Hajin.")[0].control_change == {
        "place": "Hajīn", "from": None, "to": "QSD: Syrian Democratic Forces"}


# ------------------------------------------------------------ the forms a change of hands is told in (issue 23)


def test_control_claims_a_passive_list_of_captures_gives_each_place(coder):
    text = "On 3 May 2016, Tal Rifaat and Azaz were captured by the rebels."
    assert [(c[0], c[2], c[4]) for c in claims(coder, text)] == [
        ("Tall Rif‘at", "Opposition Rebels (Syria)", "captured"),
        ("I‘zāz", "Opposition Rebels (Syria)", "captured")]


def test_control_claims_an_active_list_of_captures_gives_each_place(coder):
    text = "On 3 May 2016, the rebels captured Tal Rifaat, Kafr Naya and Azaz."
    assert [c[0] for c in claims(coder, text)] == ["Tall Rif‘at", "Kafr Naya", "I‘zāz"]


def test_control_claims_a_place_that_fell_goes_to_the_side_that_fought_for_it(coder):
    text = ("Fighting between the Syrian Army and ISIL raged in Palmyra in March 2016.\n"
            "The city fell on 27 March 2016.")
    assert claims(coder, text) == [("Tadmur", "2016-03-27", "Military Forces of Syria (2000-2024)", "Islamic State",
                                    "retaken", "T_FALL")]


def test_control_claims_a_withdrawal_told_of_no_place_is_of_the_place_the_story_is_at(coder):
    text = ("Fighting raged in Brovary between Russian and Ukrainian forces in March 2022.\n"
            "Russian forces withdrew on 2 April 2022.")
    assert claims(coder, text) == [("Brovary", "2022-04-02", "Military Forces of Ukraine (2019-)",
                                    "Military Forces of Russia (2000-)", "transferred", "T_WITHDRAW")]


def test_control_claims_a_withdrawal_from_another_place_is_not_the_story_place(coder):
    # "from the suburb" says which place was left: not Brovary's, and no country is a place a claim holds
    text = ("Fighting raged in Brovary between Russian and Ukrainian forces in March 2022.\n"
            "Russian forces withdrew from the suburb on 2 April 2022.")
    assert claims(coder, text) == []


def test_control_claims_a_heading_is_no_capture(coder):
    text = "Fall of Sievierodonetsk\nOn 24 June 2022, Russian forces captured Sievierodonetsk."
    assert [(c[1], c[5]) for c in claims(coder, text)] == [("2022-06-24", "T_CAPTURE")]
    assert claims(coder, "Fall of Sievierodonetsk") == []


def test_control_claims_a_side_that_claims_its_own_capture_is_the_taker(coder):
    text = "On 14 February 2013, the rebels claimed to have taken over Shaddadi following clashes with the army."
    assert claims(coder, text) == [("Shaddadi", "2013-02-14", "Opposition Rebels (Syria)",
                                    "Military Forces of Syria (2000-2024)", "captured", "T_TAKE_OVER")]


def test_control_claims_a_side_that_reports_another_capture_is_not_the_taker(coder):
    text = "On 14 February 2013, the rebels said that the army had taken over Shaddadi."
    assert [c[2] for c in claims(coder, text)] == ["Military Forces of Syria (2000-2024)"]


def test_control_claims_a_capture_told_again_without_its_taker_is_the_same_capture(coder):
    text = ("Russian troops had held Kupiansk since February 2022.\n"
            "On 9 September 2022, Ukrainian soldiers recaptured Kupiansk.\n"
            "That evening, the regional governor said Kupiansk had been liberated.")
    retaken = [c for c in claims(coder, text) if c[4] != "held"]
    assert [(c[2], c[3]) for c in retaken] == [("Military Forces of Ukraine (2019-)",
                                                "Military Forces of Russia (2000-)")]


def test_control_claims_the_subject_in_control_of_places_holds_them(coder):
    assert claims(coder, "On 21 June 2022, Russian and LPR troops were in control of Toshkivka.") == [
        ("Toshkivka", "2022-06-21", "Military Forces of Russia (2000-)", "", "held", "C_UNDER_CONTROL")]
    assert claims(coder, "On 21 June 2022, Russian troops were not in control of Toshkivka.") == []


@pytest.mark.parametrize("ended, day", [
    ("On 5 September 2017, government troops broke the siege of Deir ez-Zor.", "2017-09-05"),
    ("On 6 September 2017, the siege of Deir ez-Zor was lifted by government troops.", "2017-09-06"),  # by who lifted it
])
def test_control_claims_the_besieged_hold_a_place_until_the_siege_is_broken(coder, ended, day):
    text = "ISIL besieged Deir ez-Zor in 2014.\n" + ended
    assert [(c[1], c[2], c[4]) for c in claims(coder, text)] == [
        ("2014-01-01", "Military Forces of Syria (2000-2024)", "besieged"),
        (day, "Military Forces of Syria (2000-2024)", "held")]


def test_control_claims_evacuated_civilians_hold_nothing(coder):
    text = "On 5 March 2022, the army shelled Irpin.\nOn 6 March 2022, civilians were evacuated out of Irpin."
    cd = coded(coder, text)
    assert claims(coder, text) == []
    assert "CONTROL_NOT_A_PARTY" in cd.events[-1].rules and cd.events[-1].control_change is None


def test_control_claims_a_holder_that_fought_no_one_is_dropped_with_why(coder):
    text = ("On 21 June 2022, Russian forces shelled Ukrainian troops in Zolote.\n"
            "Belarusian troops were in control of Toshkivka.")
    cd = coded(coder, text)
    assert [c.controller for c in cd.control_claims] == []
    assert [(c.place, why) for c, why in cd.dropped_claims] == [
        ("Toshkivka", "its holder fought no one in the document")]


def test_control_claims_a_report_of_no_fighting_is_taken_at_its_word(coder):
    cd = coded(coder, "On 21 June 2022, Russian and LPR troops were in control of Toshkivka.")
    assert [c.place for c in cd.control_claims] == ["Toshkivka"] and cd.dropped_claims == []


def test_control_claims_a_unit_is_its_parent_only_once_the_parent_exists(coder):
    # the YPG's parent, the SDF, was formed in 2015
    assert [c[2] for c in claims(coder, "On 20 July 2013, the YPG captured Tell Abyad from the rebels.")] == [
        "YPG: Peoples Protection Units"]
    assert [c[2] for c in claims(coder, "On 20 July 2016, the YPG captured Tell Abyad from ISIL.")] == [
        "QSD: Syrian Democratic Forces"]


def test_control_claims_a_statement_holds_over_the_days_it_names(coder):
    text = ("On 9 September 2022, Ukrainian soldiers recaptured Kupiansk from Russian forces.\n"
            "Russian troops occupied Kupiansk from 27 February 2022 to 10 September 2022.")
    assert [(c[1], c[2], c[4]) for c in claims(coder, text)] == [
        ("2022-09-09", "Military Forces of Ukraine (2019-)", "retaken"),
        ("2022-02-27", "Military Forces of Russia (2000-)", "held")]


def test_control_claims_out_of_a_sides_control_is_a_loss(coder):
    text = ("On 11 February 2012, the Syrian army entered Zabadani and fought the rebels.\n"
            "By May 2012, most of Zabadani was out of SAA control.")
    assert claims(coder, text) == [("Az Zabadānī", "2012-05-01", "Opposition Rebels (Syria)",
                                    "Military Forces of Syria (2000-2024)", "lost", "C_UNDER_CONTROL")]


def test_control_claims_a_capture_told_again_after_another_sentence_keeps_its_taker(coder):
    text = ("Russian troops had held Kupiansk since February 2022.\n"
            "On 9 September 2022, Ukrainian soldiers recaptured Kupiansk.\n"
            "Fighting damaged the centre of the town.\n"
            "That evening, the regional governor said Kupiansk had been liberated.")
    assert {c[2] for c in claims(coder, text) if c[4] != "held"} == {"Military Forces of Ukraine (2019-)"}


def test_control_claims_a_capture_from_civilians_is_from_whoever_held_the_place(coder):
    cd = coded(coder, "On 5 March 2022, Russian forces captured Hostomel from the civilians sheltering there.")
    assert [e.control_change for e in cd.events] == [
        {"place": "Hostomel", "from": None, "to": "Military Forces of Russia (2000-)"}]


def test_control_claims_a_withdrawal_towards_a_place_hands_it_to_no_one(coder):
    text = "On 29 March 2014, the militants pulled back and retreated towards Shaddadi."
    cd = coded(coder, text)
    assert claims(coder, text) == []
    assert "CONTROL_NOT_OF_A_DESTINATION" in cd.events[0].rules


def test_control_claims_a_withdrawal_from_a_place_hands_it_over(coder):
    assert [(c[0], c[3]) for c in claims(coder, "On 3 May 2016, the rebels withdrew from Mahin.")] == [
        ("Mahin", "Opposition Rebels (Syria)")]


def test_control_claims_villages_taken_near_a_town_are_not_the_town(coder):
    assert claims(coder, "On 3 May 2016, ISIL captured four villages northeast of Aleppo.") == []


def test_control_claims_a_place_declared_liberated_is_the_declarers(coder):
    assert [c[2] for c in claims(coder, "On 9 March 2012, the rebels declared Talbiseh liberated.")] == [
        "Opposition Rebels (Syria)"]


def test_control_claims_entered_unopposed_or_without_a_fight_is_a_taking(coder):
    assert [(c[2], c[5]) for c in claims(coder, "On 3 March 2022, Russian troops entered Balakliia unopposed.")] == [
        ("Military Forces of Russia (2000-)", "T_ENTER_UNOPPOSED")]
    assert [(c[2], c[3]) for c in claims(coder, "On 3 May 2016, the army entered Mahin without a fight.")] == [
        ("Military Forces of Syria (2000-2024)", "")]
    assert claims(coder, "On 3 May 2016, the army entered Mahin and fought the rebels.") == []


def test_control_claims_prisoners_taken_are_no_place_taken(coder):
    text = ("Russian forces fought Ukrainian troops in Mariupol on 8 May 2022.\n"
            "Forty were captured in the breakout.")
    assert claims(coder, text) == []


def test_control_claims_a_siege_only_named_or_only_tried_to_lift_tells_no_holder(coder):
    text = ("In August 2016, the army fought the rebels in Aleppo.\n"
            "During the siege, aid agencies called the conditions dire.\n"
            "The army lacked the troops to try to lift the siege of Aleppo.")
    assert claims(coder, text) == []


def test_control_claims_rockets_that_fell_take_no_town(coder):
    text = "The Syrian Army shelled Rastan on 4 March 2012.\nDozens of shells were reported to have fallen on the town."
    assert claims(coder, text) == []


def test_control_claims_a_statement_of_the_town_is_of_the_town_referred_to(coder):
    text = "On 5 March 2018, the army shelled Hajin.\nBy 10 March, ISIL was in control of the town."
    assert claims(coder, text) == [("Hajīn", "2018-03-10", "Islamic State", "", "held", "C_UNDER_CONTROL")]


def test_control_claims_a_side_that_acknowledges_losing_a_place_lost_it(coder):
    text = ("On 1 April 2015, rebels attacked the Nasib Border Crossing.\n"
            "The army admitted losing the border crossing.")
    assert [(c[0], c[3], c[4]) for c in claims(coder, text)] == [
        ("Nasib border crossing", "Military Forces of Syria (2000-2024)", "lost")]


def test_control_claims_a_place_entered_after_the_other_side_left_is_taken(coder):
    text = "On 12 July 2012, the army entered Tremseh after a rebel withdrawal."
    assert [(c[2], c[5]) for c in claims(coder, text)] == [("Military Forces of Syria (2000-2024)", "T_ENTER")]
    assert [c[2] for c in claims(coder, "On 12 July 2012, the army entered Tremseh after ISIL retreated.")] == [
        "Military Forces of Syria (2000-2024)"]
    assert claims(coder, "On 12 July 2012, the army entered Tremseh after heavy shelling.") == []


def test_control_claims_a_taking_of_people_or_things_takes_no_place(coder):
    assert claims(coder, "On 14 May 2012, the rebels captured two tanks in Rastan.") == []
    assert claims(coder, "On 14 May 2012, the rebels captured 15 soldiers in Rastan.") == []
    assert [c[0] for c in claims(coder, "On 14 May 2012, the rebels captured Rastan and two tanks.")] == ["Ar Rastan"]


def test_control_claims_a_site_named_after_a_town_is_not_the_town(coder):
    # the airbase or the road changed hands, not the town they are named after
    assert claims(coder, "On 24 August 2014, ISIL captured the Tabqa airbase.") == []
    assert claims(coder, "On 24 August 2014, the rebels seized the Raqqa road.") == []
    assert [(c[0], c[2]) for c in claims(coder, "On 24 August 2014, ISIL captured the town of Tabqa.")] == [
        ("Al-Tabqa", "Islamic State")]


def test_control_claims_a_capture_only_possible_or_left_open_is_none(coder):
    assert claims(coder, "In 2012, the supply line could enable the rebels to seize control of Hasakah.") == []
    assert claims(coder, "In 2020, it remained unclear whether the capture of Shusha was a military aim.") == []
    assert claims(coder, "In 2012, if the rebels captured Hasakah, the army would fall back.") == []
    assert [c[2] for c in claims(coder, "In 2012, the rebels captured Hasakah.")] == ["Opposition Rebels (Syria)"]


def test_control_claims_a_reporters_unit_is_not_the_taker(coder):
    # "a.m." ends the first sentence; the brigade named in the reporter's title did not take the town
    text = ("On 24 February 2022, Russian troops attacked Ukrainian troops near Kharkiv.\n"
            "Ivan Petrenko, commander of the 12th Mechanized Brigade, noted that shells fell at 4 a.m. "
            "Part of the column turned towards Vovchansk, capturing the town.")
    assert [(c[0], c[2]) for c in claims(coder, text)] == [("Vovchansk", "Military Forces of Russia (2000-)")]


def test_control_claims_a_part_of_a_place_taken_is_not_the_place(coder):
    assert claims(coder, "On 27 February 2016, ISIL captured roughly 70% of Tell Abyad.") == []
    text = "On 27 February 2016, ISIL attacked Tell Abyad.\nISIL overran large parts of the town."
    assert claims(coder, text) == []
    # the rest of the place, or the part the other side held, is the place
    assert [c[2] for c in claims(coder, "On 29 February 2016, ISIL captured the rest of Tell Abyad.")] == [
        "Islamic State"]
    held_part = "On 29 February 2016, the SDF captured the ISIL-held parts of Tell Abyad."
    assert [c[2] for c in claims(coder, held_part)] == ["QSD: Syrian Democratic Forces"]


def test_control_claims_a_change_told_as_happening_again_and_again_is_no_one_change(coder):
    text = "In 2011, the army regained control of Rastan several times."
    assert claims(coder, text) == []
    assert [c[2] for c in claims(coder, "In 2011, the army regained control of Rastan.")] == [
        "Military Forces of Syria (2000-2024)"]


def test_control_claims_a_place_in_a_sides_hands_is_held_by_it(coder):
    for text in ("On 14 May 2012, Rastan remained in rebel hands.",
                 "On 14 May 2012, Rastan remained in the hands of the rebels."):
        assert claims(coder, text) == [("Ar Rastan", "2012-05-14", "Opposition Rebels (Syria)", "", "held",
                                        "C_UNDER_CONTROL")]
