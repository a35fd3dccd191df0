"""time/dating.py: an event's date, date_start, date_end and time_precision, on sentences written for the tests."""
from eventcoder.model import LET_GO_NO_DATE
from tests.coding import code, coded


def test_time_dating_a_date_from_the_narrative_has_no_words_in_the_sentence(coder):
    events = code(coder, "On 3 May 2016, ISIL captured Hajin. The next day ISIL attacked Abu Kamal.")
    assert [[s["text"] for s in e.spans if s["field"] == "date"] for e in events] == [["3 May 2016"], ["The next day"]]
    events = code(coder, "On 3 May 2016, ISIL captured Hajin. ISIL then attacked the Syrian Army in Abu Kamal.")
    assert events[1].event_date == "2016-05-03"
    assert [s["field"] for s in events[1].spans] == ["trigger", "actor1", "actor2", "location"]


def test_time_dating_report_date_is_not_the_event_date(coder):
    [e] = code(coder, "The Pentagon announced in March 2018 that an ISIL commander was killed in a coalition airstrike "
                      "on Hajin on 2 January 2018.")
    assert (e.event_date, e.fatalities, e.location) == ("2018-01-02", 1, "Hajīn")


def test_time_dating_previous_day_counts_from_the_report_date_in_the_sentence(coder):
    [e] = code(coder, "The coalition stated on 16 December 2016 that it had carried out airstrikes on ISIL positions "
                      "in Raqqa on the previous day.")
    assert (e.event_date, e.date_start, e.date_end, e.time_precision) == ("2016-12-15", "2016-12-15", "2016-12-15", 1)


def test_time_dating_by_a_date_bounds_the_event_instead_of_dating_it(coder):
    events = code(coder, "On 2 November 2017, the Syrian Army attacked ISIL in Deir ez-Zor.\n"
                         "By 17 November 2017, the army had captured Deir ez-Zor from ISIL.")
    assert [(e.date_start, e.date_end, e.time_precision) for e in events] == [
        ("2017-11-02", "2017-11-02", 1), ("2017-11-02", "2017-11-17", 3)]
    assert "DATE_BY_D_DMY" in events[1].rules


def test_time_dating_by_a_time_of_day_dates_the_event_on_that_day(coder):
    events = code(coder, "On 2 December 2018, the SDF attacked ISIL in Hajin.\n"
                         "By dawn on 14 December, the SDF had captured Hajin from ISIL.")
    assert [(e.date_start, e.date_end) for e in events] == [("2018-12-02", "2018-12-02"), ("2018-12-14", "2018-12-14")]


def test_time_dating_a_month_dates_the_event_to_its_first_day_with_the_month_as_window(coder):
    [e] = code(coder, "In April 2017, the Syrian Army attacked Hajin.")
    assert (e.event_date, e.date_start, e.date_end, e.time_precision) == ("2017-04-01", "2017-04-01", "2017-04-30", 3)
    assert "DATE_D_MONTH_YEAR" in e.rules


def test_time_dating_the_date_a_claim_was_made_dates_what_it_claims(coder):
    [e] = code(coder, "On 5 April 2017, the SDF said it had captured Hajin.")
    assert (e.event_date, e.time_precision) == ("2017-04-05", 1)
    assert "DATE_REPORT_D_DMY" in e.rules


def test_time_dating_each_sentence_its_own_day(coder):
    events = code(coder, "On 5 April 2017, the Syrian Army attacked Hajin.\n"
                         "On 9 April 2017, ISIL recaptured Hajin from the army.")
    assert [(e.event_date, e.time_precision) for e in events] == [("2017-04-05", 1), ("2017-04-09", 1)]


def test_time_dating_a_bound_does_not_move_the_story(coder):
    # "since 2015" says where the story is not: the next day and month stay in the story's year
    events = code(coder, "On 13 March 2022, Russian forces shelled Irpin.\n"
                         "The journalist had not worked for the paper since 2015.\n"
                         "On 14 March, Russian forces shelled Irpin again.")
    assert [e.event_date for e in events] == ["2022-03-13", "2022-03-14"]


def test_time_dating_a_background_section_does_not_set_the_year_after_it(coder):
    events = code(coder, "The siege of Mariupol began on 24 February 2022.\n"
                         "Background\n"
                         "In August 2014, separatists captured Novoazovsk.\n"
                         "By November 2014, the army held Mariupol.\n"
                         "Siege\n"
                         "On 25 February, Russian forces shelled Mariupol.")
    assert [e.event_date[:7] for e in events][-1] == "2022-02"
    assert [e.event_date for e in events if e.location == "Novoazovs'k"] == ["2014-08-01"]


def test_time_dating_the_lead_that_sums_up_the_story_does_not_set_the_year_after_it(coder):
    # the lead ends with the town's fall a year later; the first section tells the story from its start
    events = code(coder, "On 1 February 2014, the rebels captured Morek from the army.\n"
                         "Government troops only won it back in the autumn of 2015.\n"
                         "Capture of Morek\n"
                         "On 3 February, rebels attacked an army convoy near Morek.")
    assert events[-1].event_date == "2014-02-03"


def test_time_dating_a_flashback_in_the_past_perfect_leaves_the_story_where_it_was(coder):
    events = code(coder, "On 8 October 2012, the rebels attacked Maarrat al-Numan.\n"
                         "The rebels had already held the town briefly, on 10 June, before losing it in August.\n"
                         "The next day, the rebels seized eight checkpoints around Maarrat al-Numan.")
    assert events[-1].event_date == "2012-10-09"


def test_time_dating_a_titles_year_is_the_year_the_story_opens_in(coder):
    # the lead recalls an older capture; the sections after it tell the battle of the title's year
    text = ("Armenian forces first took the city in 1992.\n"
            "Battle\n"
            "On 6 November, the Azerbaijani forces captured Shusha from the Armenian forces.")
    assert [e.event_date for e in code(coder, text, title="Battle of Shusha (2020)")][-1] == "2020-11-06"
    assert [e.event_date for e in code(coder, text)][-1] == "1992-11-06"  # with no title, the text's own year


def test_time_dating_a_fragment_of_a_sentence_is_no_heading(coder):
    # the splitter cuts "6" from "... Bujumbura Mairie). 6 CNL supporters": a line with no verb, but no heading, so
    # no lead ends there and the arrest keeps the story's day
    cd = coded(coder, "On 4 May 2020, youths clashed with police in Bujumbura (Mukaza, Bujumbura Mairie). 6 CNL "
                      "supporters were later arrested.")
    assert [e.event_date for e in cd.events] == ["2020-05-04", "2020-05-04"]
    assert cd.let_go.get(LET_GO_NO_DATE, 0) == 0


def test_time_dating_the_story_resumes_at_its_opening_and_may_go_back_from_it(coder):
    # the lead opens with the town's capture on 2 September; the first section goes back to July, in that year
    events = code(coder, "Russian forces captured Pisky on 2 September 2022.\n"
                         "Battle\n"
                         "On 28 July, Russian forces shelled Pisky.\n"
                         "On 2 August, Russian forces attacked Pisky again.")
    assert [e.event_date for e in events][-2:] == ["2022-07-28", "2022-08-02"]
    # a section's first sentence with no date of its own is at the story's opening, not lost
    events = code(coder, "On 12 July 2012, the army attacked Tremseh.\n"
                         "Events\n"
                         "The army shelled Tremseh from dawn.")
    assert [e.event_date for e in events] == ["2012-07-12", "2012-07-12"]
