import pytest

from eventcoder.casualties import CasualtyReader


@pytest.fixture(scope="module")
def reader():
    return CasualtyReader([("SDF", "SDF")])


def test_casualties_disputed_claims_keep_both_and_code_the_lowest(reader):
    r = reader.read("Officials and state media said 120–150 people were killed; the SOHR, reporting 64 deaths, "
                    "said 40 were civilians and 24 soldiers.")
    assert [(c.source, c.low, c.high) for c in r.claims] == [("SANA", 120, 150), ("SOHR", 64, 64)]
    assert (r.fatalities, r.low, r.high) == (64, 64, 150)


def test_casualties_parts_of_a_figure(reader):
    r = reader.read("The strike killed 30 people, including 12 civilians, according to the SOHR.")
    [c] = r.claims
    assert (c.source, c.fatalities, c.civilians) == ("SOHR", 30, 12)


@pytest.mark.parametrize("sentence, fatalities, injuries", [
    ("Shelling killed five people and wounded 11 more.", 5, 11),
    ("Dozens of fighters were killed in the clashes.", 12, None),
    ("Hundreds of people died in the siege.", 100, None),
    ("A senior commander was killed in the raid.", 1, None),
    ("Between 20 and 25 soldiers were killed.", 20, None),
    ("The raid left 2,300 dead.", 2300, None),
    ("On 17 September 2016, 40 km from the city, nothing happened.", 0, None),
    ("The blast injured 14 residents.", 0, 14),
])
def test_casualties_figures(reader, sentence, fatalities, injuries):
    r = reader.read(sentence)
    assert (r.fatalities, r.injuries) == (fatalities, injuries)


def test_casualties_source_is_the_reporting_subject(reader):
    r = reader.read("The SDF said 14 militants were killed, while the Observatory put the toll at 9.")
    assert [(c.source, c.low) for c in r.claims] == [("SDF", 14), ("SOHR", 9)]
    assert r.fatalities == 9


def test_casualties_source_named_after_the_figure(reader):
    [c] = reader.read("An airstrike killed 21 civilians, the SOHR said.").claims
    assert (c.source, c.civilians) == ("SOHR", 21)
