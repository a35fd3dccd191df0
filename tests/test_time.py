from datetime import date

import pytest

from eventcoder.resources import read_table
from eventcoder.time import DateResolver, NarrativeClock, TimeExpression


@pytest.fixture(scope="module")
def resolver():
    return DateResolver()


def anchored(day: date) -> NarrativeClock:
    clock = NarrativeClock.starting(year_hint=day.year)
    clock.advance(TimeExpression(0, 0, "", "TEST", day, day, "day"))
    return clock


@pytest.mark.parametrize("text, value, precision", [
    ("On 4 July 2016, the army shelled the town.", "2016-07-04", 1),
    ("On July 4, 2016, the army shelled the town.", "2016-07-04", 1),
    ("The report is dated 2016-07-04.", "2016-07-04", 1),
    ("In March 2015 the siege began.", "2015-03", 3),
    ("From early to mid-June 2014, raids continued.", "2014-06-01/2014-06-20", 3),
    ("Between March and April 2016, fighting went on.", "2016-03-01/2016-04-30", 3),
    ("On 3 and 4 October 2017, the SDF advanced.", "2017-10-03/2017-10-04", 2),
    ("In the summer of 2015, the front was quiet.", "2015-06-01/2015-08-31", 3),
])
def test_time_explicit_dates(resolver, text, value, precision):
    found = resolver.find(text, NarrativeClock.starting())
    assert [(t.value, t.acled_time_precision) for t in found] == [(value, precision)]


@pytest.mark.parametrize("text, value", [
    ("On 20 October, the town fell.", "2017-10-20"),      # same year as the anchor (8 September 2017)
    ("On 2 January, the town fell.", "2018-01-02"),       # a month before the anchor's rolls the year forward
    ("In mid-August, raids resumed.", "2018-08-11/2018-08-20"),
    ("The next day, the town fell.", "2017-09-09"),
    ("Later that day, the town fell.", "2017-09-08"),
    ("Two days later, the town fell.", "2017-09-10"),
    ("Also, late that month, the road was cut.", "2017-09-21/2017-09-30"),
    ("Since the launch on 10 October, 40 died.", "2016-10-10"),  # "since": the nearest such day before
])
def test_time_narrative_dates(resolver, text, value):
    found = resolver.find(text, anchored(date(2017, 9, 8)))
    assert [t.value for t in found][-1] == value


def test_time_relative_to_a_date_in_the_same_sentence(resolver):
    found = resolver.find("The coalition stated on 16 March that it had struck the base on the previous day.",
                          anchored(date(2017, 1, 1)))
    assert [(t.text, t.value) for t in found] == [("16 March", "2017-03-16"), ("on the previous day", "2017-03-15")]


def test_time_news_dates_look_back_from_publication(resolver):
    clock = NarrativeClock.starting(date(2019, 1, 10))
    assert [t.value for t in resolver.find("On 28 December, a car bomb exploded.", clock)] == ["2018-12-28"]


def test_time_relative_day_needs_a_day_anchor(resolver):
    clock = NarrativeClock.starting(year_hint=2016)
    assert resolver.find("The next day, the town fell.", clock) == []


def test_time_may_the_modal_is_not_a_month(resolver):
    assert resolver.find("The group may attack again.", NarrativeClock.starting(year_hint=2016)) == []


def test_time_every_rule_example_matches_and_no_negative_does(resolver):
    anchor = anchored(date(2016, 5, 10))
    for row in read_table("date_rules.tsv", ["id", "pattern", "operation", "example", "negative"], required=4):
        rules = [t.rule for t in resolver.find(row["example"], anchor)]
        assert row["id"] in rules, f"date_rules.tsv:{row.line}: {row['id']} does not match its example"
        if row.get("negative"):
            rules = [t.rule for t in resolver.find(row["negative"], anchor)]
            assert row["id"] not in rules, f"date_rules.tsv:{row.line}: {row['id']} matches its negative example"
