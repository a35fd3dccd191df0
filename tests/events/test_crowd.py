"""events/crowd.py: ACLED's crowd-size tag of a demonstration, in the text's words, from the crowd the trigger
names; and the source's scale of the event (outlets.py), both on sentences written for the test."""
import pytest

from tests.coding import code


@pytest.mark.parametrize("text, tag, words", [
    ("On 4 May 2021, hundreds of teachers protested in Nairobi over unpaid salaries.", "crowd size=hundreds",
     "hundreds"),
    ("On 4 May 2021, about 500 protesters gathered outside parliament in Nairobi.", "crowd size=about 500",
     "about 500"),
    ("On 4 May 2021, more than 1,000 farmers protested in Nairobi.", "crowd size=more than 1000", "more than 1,000"),
    ("On 4 May 2021, a crowd of 300 people rallied outside the ministry in Nairobi.", "crowd size=300", "300"),
    ("On 4 May 2021, farmers protested in Nairobi.", "crowd size=no report", None),
])
def test_crowd_a_demonstration_is_tagged_with_the_size_its_text_gives(coder, text, tag, words):
    [event] = code(coder, text)
    assert (event.event_type, event.tags) == ("Protests", tag)
    told = [s["text"] for s in event.spans if s["field"] == "crowd_size"]
    assert told == ([words] if words else [])
    assert ("TAG_CROWD_SIZE" in event.rules) == bool(words)


def test_crowd_a_count_the_sentence_acts_on_is_no_crowd_size(coder):
    [event] = code(coder, "On 4 May 2021, police fired tear gas at twenty protesters in Nairobi.")
    assert (event.sub_event_type, event.tags) == ("Protest with intervention", "crowd size=no report")


def test_crowd_only_demonstrations_are_tagged(coder):
    [event] = code(coder, "On 4 May 2021, hundreds of gunmen attacked a police post in Maiduguri.")
    assert (event.event_type, event.tags) == ("Battles", "")


@pytest.mark.parametrize("source, scale", [("Daily Nation", "National"), ("Reuters", "International"),
                                           ("Premium Times", "International"), ("Telegram", "New media"),
                                           ("Daily Nation; Reuters", "National-International"),
                                           ("a local radio station", "")])
def test_crowd_the_source_scale_is_how_close_the_outlet_is_to_the_event(coder, source, scale):
    [event] = code(coder, "On 4 May 2021, farmers protested in Nairobi.", source=source)
    assert (event.country, event.source, event.source_scale) == ("Kenya", source, scale)
