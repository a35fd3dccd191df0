"""casualties/attach.py: which event a sentence's tolls go to, and tolls over a period kept apart."""
from tests.coding import code, coded


def test_casualties_attach_disputed_casualties_on_the_event_told(coder):
    text = ("On 20 May 2015, ISIL overran the Baghiliya neighbourhood.\n"
            "State media said 200 people were killed; the SOHR reported 120 deaths.")
    [e] = code(coder, text)
    assert e.location == "Baghiliya"
    assert [(c["source"], c["low"], c["high"]) for c in e.claims] == [("SANA", 200, 200), ("SOHR", 120, 120)]
    assert (e.fatalities, e.fatalities_low, e.fatalities_high) == (120, 120, 200)
    assert len(e.evidence) == 2


def test_casualties_attach_range_around_citation_markers_in_a_document(coder):
    from eventcoder import Document
    [e] = coder.code_one(Document("On 9 May 2017, an air strike hit the market of al-Mayadin; 250[12]–300[13] "
                                  "people were killed, while the SOHR reported 135 deaths.", id="t"))
    assert (e.fatalities, e.fatalities_low, e.fatalities_high) == (135, 135, 300)
    assert sorted((c["source"], c["low"], c["high"]) for c in e.claims) == [("", 250, 300), ("SOHR", 135, 135)]


def test_casualties_attach_period_totals_reach_the_coded_document(coder):
    from eventcoder import Document
    [coded] = coder.code_full([Document("The battle began on 10 September 2018. Since 10 September, 900 ISIL "
                                        "fighters and 500 SDF fighters had died.", id="t")])
    assert [(t.total.total, t.as_of) for t in coded.casualty_totals] == [(1400, "2018-09-10")]
    assert all(e.fatalities == 0 for e in coded.events)


def test_casualties_attach_the_dead_and_wounded_of_the_sentence_go_to_its_event(coder):
    [e] = code(coder, "On 5 April 2017, the Syrian Army shelled Hajin, killing 7 civilians and wounding 12.")
    assert (e.fatalities, e.injuries, e.actor2) == (7, 12, "Civilians (Syria)")
    assert [(c["source"], c["low"], c["high"], c["civilians"]) for c in e.claims] == [("", 7, 7, 7)]
    assert "FATALITIES_KILLED_N" in e.rules


def test_casualties_attach_a_toll_told_next_goes_to_the_event_before(coder):
    [e] = code(coder, "On 5 April 2017, the Syrian Army shelled Hajin. Three civilians were killed.")
    assert (e.location, e.fatalities, len(e.evidence)) == ("Hajīn", 3, 2)  # both sentences are its evidence
    assert [c["text"] for c in e.claims] == ["Three civilians were killed."]
    assert "FATALITIES_FROM_NEXT_SENTENCE" in e.rules


def test_casualties_attach_no_toll_told_is_zero_dead(coder):
    [e] = code(coder, "On 5 April 2017, the Syrian Army shelled Hajin.")
    assert (e.fatalities, e.fatalities_low, e.fatalities_high, e.injuries, e.claims) == (0, None, None, None, [])


# ---- tolls you can sum: only the dead of the event itself (issue 22)

def test_casualties_attach_people_evacuated_are_no_dead(coder):
    # "including" breaks down the evacuees: neither the figure nor its part is a toll
    events = code(coder, "On 16 December 2016, 8,500 people were evacuated from Aleppo, including some 3,000 "
                         "fighters and 360 wounded people.")
    assert [(e.fatalities, e.claims) for e in events] == [(0, [])]


def test_casualties_attach_a_breakdown_is_part_of_its_figure(coder):
    [e] = code(coder, "On 4 March 2019, clashes in Hajin killed 40 people, including 12 fighters.")
    assert (e.fatalities, [(c["low"], c["combatants"]) for c in e.claims]) == (40, [(40, 12)])


def test_casualties_attach_a_feared_toll_is_no_toll(coder):
    events = code(coder, "On 8 May 2017, ISIL attacked the airport of Deir ez-Zor. Fears rose that ISIL would kill "
                         "400 people if it captured the city.")
    assert events[0].location == "Deir ez-Zor"
    assert [(e.fatalities, e.claims) for e in events] == [(0, [])] * len(events)


def test_casualties_attach_a_warned_toll_is_no_toll(coder):
    [e] = code(coder, "On 5 September 2018, Russian jets bombed Jisr al-Shughur. The UN warned that an offensive "
                      "could kill 30,000 civilians.")
    assert (e.fatalities, e.claims) == (0, [])


def test_casualties_attach_a_total_since_a_day_is_a_period_total_not_the_event_toll(coder):
    doc = coded(coder, "On 3 January 2019, the SDF captured nine villages near Hajin. The SDF said that 700 ISIL "
                       "fighters had been killed since the start of the offensive.")
    assert [(e.fatalities, e.claims) for e in doc.events] == [(0, [])]
    assert [(t.total.total, t.total.period) for t in doc.casualty_totals] == [(700, "since the start of the offensive")]


def test_casualties_attach_a_total_by_a_date_is_a_period_total_and_tells_no_event(coder):
    doc = coded(coder, "On 3 May 2018, the army shelled Daraa. Mines had killed about 250 civilians in the province "
                       "by May 2018.")
    assert [(e.sub_event_type, e.fatalities) for e in doc.events] == [("Shelling/artillery/missile attack", 0)]
    assert [(t.total.total, t.total.period) for t in doc.casualty_totals] == [(250, "May 2018")]
    assert doc.let_go["a toll over a period"] == 2  # the mines and the killing: no event of their own


def test_casualties_attach_a_total_over_years_is_a_period_total(coder):
    doc = coded(coder, "On 2 June 2016, barrel bombs hit Aleppo. Barrel bombs killed 3,000 people in Aleppo in 2014.")
    assert [e.fatalities for e in doc.events] == [0]
    assert [(t.total.total, t.total.period) for t in doc.casualty_totals] == [(3000, "2014")]


def test_casualties_attach_a_total_during_a_siege_is_a_period_total(coder):
    doc = coded(coder, "On 14 April 2018, the army shelled Douma. Thousands of people were killed during the siege.")
    assert [e.fatalities for e in doc.events] == [0]
    assert [t.total.period for t in doc.casualty_totals] == ["during the siege"]


def test_casualties_attach_the_deadliest_since_a_year_dates_a_comparison_not_a_period(coder):
    [e] = code(coder, "On 4 May 2017, a car bomb killed 40 people in Azaz, the deadliest attack since 2015.")
    assert e.fatalities == 40


def test_casualties_attach_bodies_found_in_a_grave_are_no_toll(coder):
    events = code(coder, "On 10 September 2022, a mass grave with 440 bodies was found in Izium.")
    assert [e.fatalities for e in events] in ([], [0])


def test_casualties_attach_killed_and_wounded_together_is_a_claim_but_no_dead(coder):
    [e] = code(coder, "On 9 March 2023, heavy fighting continued in Bakhmut. About 2,000 soldiers were killed and "
                      "wounded.")
    assert (e.fatalities, e.fatalities_low, e.fatalities_high) == (0, None, None)
    assert [(c["low"], c["kind"]) for c in e.claims] == [(2000, "killed or wounded")]


def test_casualties_attach_separated_dead_and_wounded_count_the_dead(coder):
    [e] = code(coder, "On 9 March 2023, heavy fighting continued in Bakhmut. 120 soldiers were killed and 300 "
                      "wounded.")
    assert (e.fatalities, e.injuries) == (120, 300)


def test_casualties_attach_the_next_paragraphs_number_is_not_the_events(coder):
    text = "On 1 January 2017, the SDF captured nine villages near Raqqa.{}ISIL reported 277 deaths among its fighters."
    assert [e.fatalities for e in code(coder, text.format(" "))] == [277]  # the same paragraph: its toll
    assert [e.fatalities for e in code(coder, text.format("\n\n"))] == [0]  # another paragraph: other dead


def test_casualties_attach_a_toll_goes_past_an_arrest_to_the_killing(coder):
    # the arrest between them is a strategic development: ACLED gives it no dead
    events = code(coder, "On 6 May 2020, two men were shot dead in Salamanca, Guanajuato. Police arrested a "
                         "suspect. 2 fatalities.")
    assert [(e.sub_event_type, e.fatalities) for e in events if e.fatalities] == [("Attack", 2)]


def test_casualties_attach_a_breakdown_of_an_earlier_figure_is_no_toll(coder):
    [e] = code(coder, "On 3 May 1915, the army attacked Erzurum. Of these, about 7,000 died.")
    assert (e.fatalities, e.claims) == (0, [])


def test_casualties_attach_a_hedged_toll_is_no_toll(coder):
    [e] = code(coder, "The siege of Mariupol began on 24 February 2022, destroying most of the city and potentially "
                      "killing 20,000 civilians.")
    assert (e.fatalities, e.claims) == (0, [])


def test_casualties_attach_the_dead_of_a_background_event_are_not_this_events(coder):
    [e] = code(coder, "On 13 February 2012, after retaking the Baba Amr district of Homs, in an assault where 700 "
                      "rebels were killed, security forces shelled Rastan.")
    assert (e.location, e.fatalities) == ("Ar Rastan", 0)
    [e] = code(coder, "On 5 May 2020, the army shelled Azaz, killing 4 people, after the rebels advanced.")
    assert e.fatalities == 4  # "after" dates the shelling; its dead are its own


def test_casualties_attach_a_total_with_no_day_sums_more_than_one_event(coder):
    doc = coded(coder, "On 12 April 2003, fighting ceased in Baghdad. Overall, 34 American soldiers and 2,320 "
                       "Iraqi fighters were killed.")
    assert [e.fatalities for e in doc.events] == [0]
    assert [t.total.total for t in doc.casualty_totals] == [2354]
    [e] = code(coder, "On 5 May 2020, clashes broke out in Azaz. A total of 7 fighters were killed on 5 May.")
    assert e.fatalities == 7  # with a day of its own, the total is that day's


def test_casualties_attach_a_count_as_of_a_report_is_a_period_total(coder):
    doc = coded(coder, "On 3 November 2022, Russian forces shelled Mariupol. Ukraine stated that at least 25,000 "
                       "civilians had been killed in the city.")
    assert [e.fatalities for e in doc.events] == [0]
    assert [t.total.total for t in doc.casualty_totals] == [25000]


def test_casualties_attach_a_table_row_is_no_events_toll(coder):
    events = code(coder, "On 6 April 2023, Russian forces shelled Bakhmut.\n"
                         "| Ukrainian forces | 15,000 killed | 1 August 2022 – 6 April 2023 |")
    assert [e.fatalities for e in events] == [0] * len(events)


def test_casualties_attach_an_undated_sentence_going_on_with_a_period_total_is_part_of_it(coder):
    doc = coded(coder, "On 14 March 2022, Russian forces shelled Mariupol. Officials stated that more than 2,500 "
                       "civilians had been killed in the siege. The city council later clarified that 2,357 civilians "
                       "had died.")
    assert [e.fatalities for e in doc.events] == [0]
    assert [(t.total.total, t.total.period) for t in doc.casualty_totals] == [
        (2500, "in the siege"), (2357, "clarified that 2,357 civilians had died")]
    doc = coded(coder, "On 5 December 2016, the SNHR reported on Aleppo. Between July 2012 and December 2016, 9,000 "
                       "civilians were killed in the city. Shelling killed 600 of them.")
    assert [(t.total.total, t.total.period) for t in doc.casualty_totals] == [
        (9000, "Between July 2012 and December 2016"), (600, "Between July 2012 and December 2016")]
    assert sum(e.fatalities for e in doc.events) == 0


def test_casualties_attach_bodies_handed_over_are_no_toll(coder):
    [e] = code(coder, "On 29 January 2021, Azerbaijani forces shelled Shusha. The bodies of about 730 dead "
                      "servicemen were handed over.")
    assert (e.fatalities, e.claims) == (0, [])


def test_casualties_attach_figures_under_a_heading_of_casualties_or_of_a_period_sum_it_up(coder):
    doc = coded(coder, "On 13 September 2022, clashes erupted near Jermuk. At least 49 soldiers were killed.\n\n"
                       "## Fatalities\n\n### 1988–1994\n\nArmenia stated that 5,856 of its soldiers were killed.\n\n"
                       "Azerbaijan stated 11,557 of its soldiers were killed.")
    assert [e.fatalities for e in doc.events] == [49]
    assert [(t.total.total, t.total.period) for t in doc.casualty_totals] == [(5856, "Fatalities: 1988–1994"),
                                                                               (11557, "Fatalities: 1988–1994")]
    # a year heading in a timeline dates the events under it: their tolls are theirs
    [e] = code(coder, "## 2013\n\nIn March 2013, a car bomb exploded in a market in Azaz and killed at least 44 "
                      "people.")
    assert e.fatalities == 44


def test_casualties_attach_a_line_that_counts_is_no_heading(coder):
    [e] = code(coder, "On 5 May 2020, in Salamanca, Guanajuato, a man and a woman were shot dead. The woman was "
                      "pregnant.\n2 fatalities")
    assert e.fatalities == 2


def test_casualties_attach_an_undated_toll_after_a_period_told_is_that_periods(coder):
    doc = coded(coder, "On 11 January 2017, ISIL attacked the airport of Deir ez-Zor. Fighting continued for two "
                       "months around the airport. The clashes left more than 470 dead.")
    assert sum(e.fatalities for e in doc.events) == 0
    assert [(t.total.total, t.total.period) for t in doc.casualty_totals] == [(470, "two months")]


def test_casualties_attach_a_day_that_bounds_an_event_tells_no_period(coder):
    # "by 14 December" dates the capture; the battle for the town is the event the toll is told of
    [e] = code(coder, "By 14 December 2018, the SDF had captured Hajin after heavy clashes. The SOHR reported that 40 "
                      "ISIL members died in the battle for the town.")
    assert (e.fatalities, [c["source"] for c in e.claims]) == (40, ["SOHR"])


def test_casualties_attach_a_toll_of_a_whole_campaign_told_later_is_a_period_total(coder):
    doc = coded(coder, "On 3 November 2016, Iraqi forces entered eastern Mosul.\n\nA UN report found that at least "
                       "2,521 civilians were killed in Mosul in the battle for the city.")
    assert [e.fatalities for e in doc.events] == [0]
    assert [(t.total.total, t.total.period) for t in doc.casualty_totals] == [(2521, "in the battle for the city")]
    assert doc.let_go["a toll over a period"] == 2  # the killing, and the battle it names
    # told right after the battle, in its paragraph, the toll is the battle's (as the sample's Hajin is)
    [e] = code(coder, "On 3 November 2016, Iraqi forces attacked Bartella. 40 ISIL fighters died in the battle for "
                      "the town.")
    assert e.fatalities == 40
