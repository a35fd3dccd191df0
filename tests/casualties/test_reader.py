"""casualties/reader.py: the tolls a sentence tells, who told them, and totals over a period."""
import pytest

from eventcoder.casualties import CasualtyReader


@pytest.fixture(scope="module")
def reader():
    return CasualtyReader([("SDF", "SDF")])


def test_casualties_reader_disputed_claims_keep_both_and_code_the_lowest(reader):
    r = reader.read("Officials and state media said 120–150 people were killed; the SOHR, reporting 64 deaths, "
                    "said 40 were civilians and 24 soldiers.")
    assert [(c.source, c.low, c.high) for c in r.claims] == [("SANA", 120, 150), ("SOHR", 64, 64)]
    assert (r.fatalities, r.low, r.high) == (64, 64, 150)


def test_casualties_reader_the_government_is_no_country_in_particular(reader):
    # "the government" reports in Nigeria as in Syria: no source of one country is assumed
    r = reader.read("Gunmen killed 12 villagers in the raid, according to the government.")
    assert [(c.source, c.fatalities) for c in r.claims] == [("government", 12)]


def test_casualties_reader_parts_of_a_figure(reader):
    r = reader.read("The strike killed 30 people, including 12 civilians, according to the SOHR.")
    [c] = r.claims
    assert (c.source, c.fatalities, c.civilians) == ("SOHR", 30, 12)


@pytest.mark.parametrize("sentence, fatalities, injuries", [
    ("Shelling killed five people and wounded 11 more.", 5, 11),
    ("Dozens of fighters were killed in the clashes.", 12, None),
    ("Hundreds of people died in the attack.", 100, None),
    ("A senior commander was killed in the raid.", 1, None),
    ("Between 20 and 25 soldiers were killed.", 20, None),
    ("The raid left 2,300 dead.", 2300, None),
    ("On 17 September 2016, 40 km from the city, nothing happened.", 0, None),
    ("The blast injured 14 residents.", 0, 14),
])
def test_casualties_reader_figures(reader, sentence, fatalities, injuries):
    r = reader.read(sentence)
    assert (r.fatalities, r.injuries) == (fatalities, injuries)


def test_casualties_reader_source_is_the_reporting_subject(reader):
    r = reader.read("The SDF said 14 militants were killed, while the Observatory put the toll at 9.")
    assert [(c.source, c.low) for c in r.claims] == [("SDF", 14), ("SOHR", 9)]
    assert r.fatalities == 9


def test_casualties_reader_source_named_after_the_figure(reader):
    [c] = reader.read("An airstrike killed 21 civilians, the SOHR said.").claims
    assert (c.source, c.civilians) == ("SOHR", 21)


@pytest.mark.parametrize("sentence, low", [
    ("Tens of fighters were killed in the clashes.", 10),
    ("Dozens of soldiers were killed in the ambush.", 12),
    ("Hundreds of people were killed in the clashes.", 100),
    ("Several civilians were killed by the shelling.", 10),
    ("Scores of militants were killed in the raid.", 20),
    ("Many residents were killed in the bombardment.", 10),
])
def test_casualties_reader_vague_amounts_the_acled_way(reader, sentence, low):
    [c] = reader.read(sentence).claims
    assert (c.low, c.high) == (low, low)


def test_casualties_reader_figures_joined_by_and_add_up(reader):
    [c] = reader.read("The bombing killed 113 children and 72 women.").claims
    assert (c.fatalities, c.civilians) == (185, 185)


def test_casualties_reader_shares_do_not_add_up(reader):
    [c] = reader.read("The raid killed 135 people, of which 85 were civilians and 50 soldiers.").claims
    assert (c.fatalities, c.civilians, c.combatants) == (135, 85, 50)


def test_casualties_reader_injuries_apart_and_a_bare_killed(reader):
    r = reader.read("At least 20 people were wounded and 5 killed, according to the SOHR.")
    assert [(c.source, c.fatalities) for c in r.claims] == [("SOHR", 5)]
    assert r.injuries == 20


def test_casualties_reader_period_totals_are_no_event_toll(reader):
    r = reader.read("Since 10 September, 922 ISIL fighters, 539 SDF fighters and 324 civilians had died, "
                    "according to the SOHR.")
    assert r.claims == []
    [t] = r.period_totals
    assert (t.source, t.total, t.period) == ("SOHR", 1785, "Since 10 September")
    assert t.parts == [(922, "ISIL fighters"), (539, "SDF fighters"), (324, "civilians")]


def test_casualties_reader_a_year_is_not_a_toll(reader):
    [c] = reader.read("In 2016, 40 soldiers were killed near the dam.").claims
    assert c.fatalities == 40


@pytest.mark.parametrize("sentence, low, civilians, combatants", [
    ("Twenty or more fighters perished in the fire.", 20, None, 20),
    ("The death toll rose to 31 on Friday.", 31, None, None),
    ("The raid caused the deaths of 7 guards.", 7, None, 7),
    ("The strike left 12 fatalities.", 12, None, None),
    ("Shelling killed 7 people in the market.", 7, None, None),  # "people" says neither civilian nor combatant
    ("Shelling killed 4 villagers near the bridge.", 4, 4, None),
    ("The clashes killed 60 people, among them 20 family members of the commander.", 60, 20, None),
])
def test_casualties_reader_death_words_and_who_the_dead_were(reader, sentence, low, civilians, combatants):
    [c] = reader.read(sentence).claims
    assert (c.low, c.civilians, c.combatants) == (low, civilians, combatants)


def test_casualties_reader_source_named_before_the_figure(reader):
    [c] = reader.read("According to SANA, the blast killed more than 16 soldiers.").claims
    assert (c.source, c.low, c.combatants) == ("SANA", 16, 16)


def test_casualties_reader_a_percentage_is_not_a_toll(reader):
    [c] = reader.read("Turnout fell 40 percent as 3 people were killed.").claims
    assert c.fatalities == 3


def test_casualties_reader_a_total_of_is_the_period_total_and_the_rest_its_parts(reader):
    r = reader.read("Since March, a total of 400 people have been killed, including 150 civilians.")
    assert r.claims == []
    [t] = r.period_totals
    assert (t.total, t.parts, t.period) == (400, [(150, "civilians")], "Since March")


@pytest.mark.parametrize("sentence", [
    "Russian soldiers destroyed a poultry farm and killed around 100,000 poultry.",  # animals
    "An earthquake hit the region, killing an estimated 25,000 people.",  # no political violence
    "Of these, about 750,000 died.",  # a share of a figure told before
    "| Civilians | 8,895 killed, 15,117 wounded |",  # a table's row
    "Nearly 1,000 people, including 300 children and 28 wounded people, were evacuated.",  # evacuees and a share
])
def test_casualties_reader_no_toll_of_the_dead(reader, sentence):
    report = reader.read(sentence)
    assert (report.claims, report.period_totals, report.fatalities) == ([], [], 0)


@pytest.mark.parametrize("sentence, period", [
    ("It was reported that 700 prisoners were executed since it lost the town.", "since it lost the town"),
    ("Thousands of people were killed during this 5-year siege period.", "during this 5-year siege period"),
    ("More than 10,000 civilians died in the Russian siege of the city.", "in the Russian siege of the city"),
    ("During the course of the battle, the army claimed to have killed 4,000 troops.",
     "During the course of the battle"),
    ("Total Ottoman casualties were 725,000, with 325,000 dead and 400,000 wounded.", "Total Ottoman casualties"),
])
def test_casualties_reader_words_of_a_period_make_a_period_total(reader, sentence, period):
    report = reader.read(sentence)
    assert report.claims == [] and [t.period for t in report.period_totals] == [period]


def test_casualties_reader_a_time_that_covers_a_period_makes_a_period_total(reader):
    sentence = "In 1915, an estimated 150,000 soldiers were killed."
    assert [c.low for c in reader.read(sentence).claims] == [150000]  # the words alone say no period
    report = reader.read(sentence, periods=[(3, 7)])  # the time stage: "1915" covers a year
    assert report.claims == [] and [(t.total, t.period) for t in report.period_totals] == [(150000, "1915")]


def test_casualties_reader_killed_and_wounded_as_one_figure_counts_no_dead(reader):
    report = reader.read("About 100,000 soldiers were killed and wounded; SOHR reported 240 casualties.")
    assert [(c.source, c.low, c.kind) for c in report.claims] == [("", 100000, "killed or wounded"),
                                                                  ("SOHR", 240, "killed or wounded")]
    assert (report.fatalities, report.low) == (0, None)
    report = reader.read("The clashes left 470 dead and 300 wounded.")
    assert [(c.low, c.kind) for c in report.claims] == [(470, "killed")] and report.injuries == 300


def test_casualties_reader_an_untold_number_of_dead_and_wounded_is_acleds_number_of_dead(reader):
    # ACLED codes "several fatalities" as 10 however many were also wounded
    report = reader.read("The clashes caused several fatalities and injuries among the rebels.")
    assert [(c.low, c.kind) for c in report.claims] == [(10, "killed")]


def test_casualties_reader_a_span_of_years_is_no_range_of_dead(reader):
    [total] = reader.read("An estimated 28,000 people were killed between 1988 and 1994.").period_totals
    assert (total.total, total.period) == (28000, "between 1988 and 1994")
    report = reader.read("Between 1,900 and 2,000 people were killed.")
    assert [(c.low, c.high) for c in report.claims] == [(1900, 2000)]


def test_casualties_reader_a_blame_for_deaths_with_no_day_sums_more_than_one_event(reader):
    sentence = "It blamed airstrikes by the coalition for at least 3,200 civilian deaths."
    assert reader.read(sentence, dated=False).claims == []
    assert [t.total for t in reader.read(sentence, dated=False).period_totals] == [3200]
    dated = reader.read("The army accused the rebels of killing 5 civilians in Azaz on 3 May.", dated=True)
    assert [c.low for c in dated.claims] == [5]


def test_casualties_reader_casualties_and_dead_told_apart(reader):
    report = reader.read("The attack caused thousands of casualties and several hundred dead.")
    assert [(c.low, c.kind) for c in report.claims] == [(1000, "killed or wounded"), (100, "killed")]
    assert report.fatalities == 100  # "several hundred", as ACLED codes "hundreds"
