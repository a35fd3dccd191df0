"""time/tagger.py: every construction the tagger covers, in narrative and news, on sentences written for these
tests."""
from datetime import date

import pytest

from eventcoder.time import NARRATIVE, NEWS, NarrativeClock, TimeExpression

DOC_DATE = date(2016, 12, 8)  # a Thursday


def narrative(tagger, text, year=2016):
    """(text, value) of every expression, reading `text` as a story with no date of its own."""
    _, found = tagger.tag_document(text, mode=NARRATIVE, year_hint=year)
    return [(t.text, t.value) for t in found]


def news(tagger, text, published=DOC_DATE):
    _, found = tagger.tag_document(text, published, mode=NEWS)
    return [(t.text, t.value) for t in found]


# ---------------------------------------------------------------- the rule file walks itself


# ---------------------------------------------------------------- explicit dates

@pytest.mark.parametrize("text, expected", [
    ("The town fell on 17 September 2016.", [("17 September 2016", "2016-09-17")]),
    ("The town fell on September 17, 2016.", [("September 17, 2016", "2016-09-17")]),
    ("The town fell on Saturday, 17 September 2016.", [("Saturday, 17 September 2016", "2016-09-17")]),
    ("The town fell on the 17th of September 2016.", [("the 17th of September 2016", "2016-09-17")]),
    ("The town fell on Sept. 17, 2016.", [("Sept. 17, 2016", "2016-09-17")]),
    ("The report is dated 2016-09-17.", [("2016-09-17", "2016-09-17")]),
    ("The siege began in March 2015.", [("March 2015", "2015-03")]),
    ("The siege began in 2015.", [("2015", "2015")]),
    ("The siege began in the summer of 2015.", [("the summer of 2015", "2015-SU")]),
    ("The town grew in the 1990s.", [("the 1990s", "199")]),
    ("Output fell in the first half of 2016.", [("the first half of 2016", "2016-H1")]),
])
def test_time_tagger_explicit_dates(tagger, text, expected):
    assert narrative(tagger, text) == expected


@pytest.mark.parametrize("text, value, mod, first, last", [
    ("In early May 2016, the road was cut.", "2016-05", "START", "2016-05-01", "2016-05-10"),
    ("In mid-May 2016, the road was cut.", "2016-05", "MID", "2016-05-11", "2016-05-20"),
    ("In late May 2016, the road was cut.", "2016-05", "END", "2016-05-21", "2016-05-31"),
    ("At the end of May 2016, the road was cut.", "2016-05", "END", "2016-05-21", "2016-05-31"),
    ("Towards the end of May 2016, the road was cut.", "2016-05", "END", "2016-05-21", "2016-05-31"),
    ("At the beginning of May 2016, the road was cut.", "2016-05", "START", "2016-05-01", "2016-05-10"),
    ("In late 2015, the road was cut.", "2015", "END", "2015-09-01", "2015-12-31"),
])
def test_time_tagger_parts_of_periods_narrow_the_window(tagger, text, value, mod, first, last):
    [t] = tagger.tag_document(text, mode=NARRATIVE)[1]
    assert (t.value, t.mod, t.date_start.isoformat(), t.date_end.isoformat()) == (value, mod, first, last)


def test_time_tagger_may_the_modal_and_march_the_verb_are_not_months(tagger):
    assert narrative(tagger, "The group may attack again; troops march on the town.") == []
    assert narrative(tagger, "In May the group attacked.") == [("May", "2016-05")]


# ---------------------------------------------------------------- a narrative moving forward

def test_time_tagger_day_month_without_year_keeps_the_story_moving_forward(tagger):
    text = ("On 8 December 2016 the offensive began. On 20 December the town fell. "
            "On 2 January the army returned. In mid-March raids resumed.")
    assert narrative(tagger, text) == [("8 December 2016", "2016-12-08"), ("20 December", "2016-12-20"),
                                       ("2 January", "2017-01-02"), ("mid-March", "2017-03")]


def test_time_tagger_a_day_within_a_month_before_the_story_is_in_its_year(tagger):
    # a flashback of weeks, not a year ahead; one of months is the next year's
    text = "On 7 April 2022 the helicopter was shot down. On 28 March another had been lost. On 2 January it ended."
    assert [v for _, v in narrative(tagger, text)] == ["2022-04-07", "2022-03-28", "2023-01-02"]


def test_time_tagger_before_dawn_is_a_time_of_the_day_not_a_look_back(tagger):
    text = "On 27 March 2014 ISIL attacked the town. Before dawn on 29 March, clashes erupted."
    assert [v for _, v in narrative(tagger, text)][-1] == "2014-03-29TMO"
    text = "On 27 March 2014 ISIL attacked the town. The town had already been captured by them, on 20 May."
    assert [v for _, v in narrative(tagger, text)][-1] == "2013-05-20"


def test_time_tagger_a_few_days_earlier_is_a_window_of_days(tagger):
    text = "On 2 February 2012 officials said. The army had retaken the town a few days earlier."
    tagged = tagger.tag(text, NarrativeClock.starting(year_hint=2012, mode=NARRATIVE), advance=True)
    few = tagged[-1]
    assert (few.text, few.mod, few.date_start, few.date_end) == ("a few days earlier", "APPROX", date(2012, 1, 26),
                                                                  date(2012, 1, 31))


def test_time_tagger_since_looks_back_from_the_story(tagger):
    text = "On 8 December 2016 the town fell. Since the assault began on 10 October, 40 fighters had died."
    assert narrative(tagger, text)[-1] == ("10 October", "2016-10-10")


@pytest.mark.parametrize("sentence, value", [
    ("The next day, the army withdrew.", "2016-12-09"),
    ("The following week, the army withdrew.", "2016-W50"),
    ("Two days later, the army withdrew.", "2016-12-10"),
    ("Three days earlier, the road had been cut.", "2016-12-05"),
    ("On the previous day, the road had been cut.", "2016-12-07"),
    ("The day before, the road had been cut.", "2016-12-07"),
    ("On the same day, the army withdrew.", "2016-12-08"),
    ("Later that day, the army withdrew.", "2016-12-08"),
    ("That night, the army withdrew.", "2016-12-08TNI"),
    ("The following morning, the army withdrew.", "2016-12-09TMO"),
    ("Later that month, the army withdrew.", "2016-12"),
    ("Late that month, the army withdrew.", "2016-12"),
    ("The following month, the army withdrew.", "2017-01"),
    ("The previous month, the road had been cut.", "2016-11"),
    ("The following year, the army withdrew.", "2017"),
])
def test_time_tagger_relative_expressions_count_from_the_last_date(tagger, sentence, value):
    found = narrative(tagger, "On 8 December 2016, ISIL attacked the town. " + sentence)
    assert found[0] == ("8 December 2016", "2016-12-08")
    assert found[-1][1] == value


def test_time_tagger_late_that_month_is_the_last_third_of_the_month(tagger):
    _, found = tagger.tag_document("On 8 September 2016 the siege began. Late that month, the road was cut.",
                                   mode=NARRATIVE)
    t = found[-1]
    assert (t.text, t.value, t.mod, t.date_start, t.date_end) == (
        "Late that month", "2016-09", "END", date(2016, 9, 21), date(2016, 9, 30))


def test_time_tagger_dawn_on_a_date_is_a_time_bounded_by_by(tagger):
    [t] = tagger.tag_document("The town fell by dawn on 14 December 2016.", mode=NARRATIVE)[1]
    assert (t.text, t.type, t.value, t.mod) == ("dawn on 14 December 2016", "TIME", "2016-12-14TMO", "ON_OR_BEFORE")


def test_time_tagger_relative_day_after_a_month_stays_at_the_month(tagger):
    # "the next day" after "in May" names no day: the expression keeps the month rather than inventing a day
    found = tagger.tag_document("In May 2016 the siege began. The next day the road was cut.", mode=NARRATIVE)[1]
    assert [(t.value, t.date_start, t.date_end) for t in found][-1] == ("2016-05", date(2016, 5, 1), date(2016, 5, 31))


def test_time_tagger_relative_day_without_any_anchor_is_left_out(tagger):
    assert tagger.tag_document("The next day the road was cut.", mode=NARRATIVE)[1] == []


def test_time_tagger_relative_to_a_date_in_the_same_sentence(tagger):
    text = "The coalition stated on 16 March 2017 that it had struck the base on the previous day."
    assert narrative(tagger, text) == [("16 March 2017", "2017-03-16"), ("the previous day", "2017-03-15")]


# ---------------------------------------------------------------- ranges, times, durations

@pytest.mark.parametrize("text, value, value_end, first, last", [
    ("Clashes went on on 12 and 13 September 2016.", "2016-09-12", "2016-09-13", "2016-09-12", "2016-09-13"),
    ("Clashes went on from 8–10 December 2016.", "2016-12-08", "2016-12-10", "2016-12-08", "2016-12-10"),
    ("Clashes went on between April and May 2016.", "2016-04", "2016-05", "2016-04-01", "2016-05-31"),
    ("Clashes went on from early to mid-September 2014.", "2014-09", "", "2014-09-01", "2014-09-20"),
    ("Clashes went on from 28 December 2015 to 3 January 2016.", "2015-12-28", "2016-01-03", "2015-12-28",
     "2016-01-03"),
    ("Clashes went on from 28 December to 3 January 2016.", "2015-12-28", "2016-01-03", "2015-12-28", "2016-01-03"),
])
def test_time_tagger_ranges_are_one_expression_with_both_ends(tagger, text, value, value_end, first, last):
    [t] = tagger.tag_document(text, mode=NARRATIVE)[1]
    assert (t.value, t.value_end, t.date_start.isoformat(), t.date_end.isoformat()) == (value, value_end, first, last)


def test_time_tagger_clock_range_with_a_time_zone(tagger):
    found = tagger.tag_document("On 17 September 2016, airstrikes lasted from 3:55 to 4:56 p.m. (Damascus time).",
                                mode=NARRATIVE)[1]
    t = found[-1]
    assert (t.type, t.value, t.value_end) == ("TIME", "2016-09-17T15:55", "2016-09-17T16:56")
    assert t.text == "3:55 to 4:56 p.m. (Damascus time)"


@pytest.mark.parametrize("text, value", [
    ("The town fell after two days of fighting.", "P2D"),
    ("The siege lasted two months.", "P2M"),
    ("The siege lasted twenty-four hours.", "PT24H"),
    ("The siege lasted several weeks.", "PXW"),
    ("The siege lasted two and a half years.", "P2Y6M"),
    ("The siege lasted 5 1/2 hours.", "PT5H30M"),
    ("The siege lasted two decades.", "P20Y"),
])
def test_time_tagger_durations(tagger, text, value):
    [t] = tagger.tag_document(text, mode=NARRATIVE)[1]
    assert (t.type, t.value, t.date_start) == ("DURATION", value, None)


def test_time_tagger_an_age_is_not_a_duration(tagger):
    assert narrative(tagger, "A 12-year-old boy was wounded.") == []


# ---------------------------------------------------------------- news

@pytest.mark.parametrize("text, value", [
    ("The army attacked yesterday.", "2016-12-07"),
    ("The army attacked today.", "2016-12-08"),
    ("The army attacked on Tuesday.", "2016-12-06"),
    ("The army will attack on Saturday.", "2016-12-10"),
    ("The army attacked last year.", "2015"),
    ("The army attacked this week.", "2016-W49"),
    ("The army attacked last month.", "2016-11"),
    ("The army attacked ten days ago.", "2016-11-28"),
    ("The army attacked on 28 November.", "2016-11-28"),
    ("The army is now in the town.", "PRESENT_REF"),
])
def test_time_tagger_news_counts_from_the_document_date(tagger, text, value):
    assert [v for _, v in news(tagger, text)] == [value]


def test_time_tagger_news_day_month_without_year_is_the_nearest_before_publication(tagger):
    assert news(tagger, "On 28 December, a car bomb exploded.", date(2019, 1, 10)) == [("28 December", "2018-12-28")]


def test_time_tagger_news_relative_day_counts_from_the_date_just_given(tagger):
    found = news(tagger, "The town was shelled on Monday. The next day the army withdrew.")
    assert found == [("Monday", "2016-12-05"), ("The next day", "2016-12-06")]


def test_time_tagger_a_year_earlier_keeps_the_granularity_it_compares_with(tagger):
    found = news(tagger, "Profit rose in the third quarter from a year earlier.")
    assert found == [("the third quarter", "2016-Q3"), ("a year earlier", "2015-Q3")]


# ---------------------------------------------------------------- modes

def test_time_tagger_mode_is_narrative_without_a_date(tagger):
    assert tagger.choose_mode("On 8 December the town fell.", None) == NARRATIVE


def test_time_tagger_mode_is_news_for_a_dated_text_about_its_own_time(tagger):
    assert tagger.choose_mode("Yesterday the town fell, as it did in 2014, 2015 and 2016.", DOC_DATE) == NEWS


def test_time_tagger_mode_is_narrative_for_a_dated_history(tagger):
    text = "The war began in 1914. In 1915 the front moved; by 1917 it had collapsed."
    assert tagger.choose_mode(text, DOC_DATE) == NARRATIVE


def test_time_tagger_mode_can_be_forced(tagger):
    assert tagger.tag_document("In 1915 the front moved.", DOC_DATE, mode=NEWS)[0] == NEWS


# ---------------------------------------------------------------- values and precision


@pytest.mark.parametrize("first, last, acled, ucdp", [
    (date(2016, 12, 8), date(2016, 12, 8), 1, 1),
    (date(2016, 12, 8), date(2016, 12, 10), 2, 2),
    (date(2016, 12, 5), date(2016, 12, 11), 2, 3),
    (date(2016, 12, 1), date(2016, 12, 31), 3, 4),
    (date(2016, 1, 1), date(2016, 12, 31), 3, 5),
])
def test_time_tagger_precision_follows_the_window(first, last, acled, ucdp):
    t = TimeExpression.spanning(first, last)
    assert (t.acled_time_precision, t.ucdp_date_prec) == (acled, ucdp)


def test_time_tagger_clock_moves_only_with_dates_of_a_month_or_less(tagger):
    clock = NarrativeClock.starting(year_hint=2016, mode=NARRATIVE)
    tagger.tag("On 8 December 2016 the siege began; in 2017 it ended.", clock, advance=True)
    assert (clock.anchor.value, clock.latest.value, clock.year) == ("2016-12-08", "2017", 2017)


# ---------------------------------------------------------------- direction and clock words (lang/en/words_time.tsv)

@pytest.mark.parametrize("text, expected", [
    ("The army attacked last Tuesday.", [("last Tuesday", "2016-12-06")]),
    ("The army will attack next Tuesday.", [("next Tuesday", "2016-12-13")]),
    ("The army will attack this coming Friday.", [("coming Friday", "2016-12-09")]),
    ("The army attacked this Monday.", [("this Monday", "2016-12-05")]),
    ("Talks resume next weekend.", [("next weekend", "2016-W49-WE")]),
    ("Prices fell in June last year.", [("June last year", "2015-06")]),
    ("Prices will rise in June next year.", [("June next year", "2017-06")]),
    ("Prices will rise next April.", [("next April", "2017-04")]),
    ("Prices fell last spring.", [("last spring", "2016-SP")]),
    ("Prices rise next summer.", [("next summer", "2017-SU")]),
])
def test_time_tagger_direction_words_point_back_or_ahead_of_the_document_date(tagger, text, expected):
    assert news(tagger, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The army attacked at noon.", [("noon", "2016-12-08T12:00")]),
    ("The army attacked at midday.", [("midday", "2016-12-08T12:00")]),
    ("The siege lasted forty-eight hours.", [("forty-eight hours", "PT48H")]),
])
def test_time_tagger_clock_and_number_words(tagger, text, expected):
    assert news(tagger, text) == expected
