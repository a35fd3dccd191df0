"""events/coder.py: the sentence loop and the Event it assembles (its evidence, spans and rules), and what makes
no event, on sentences written for the tests."""
import pytest

from eventcoder import Document
from eventcoder.events import EventCoder
from tests.coding import code


def test_events_coder_worked_example_shape(coder):
    text = ("On 3 June 2017, a series of 12 coalition airstrikes near Raqqa killed 25 ISIL fighters "
            "and wounded 8 more.")
    [e] = code(coder, text)
    assert (e.event_date, e.time_precision, e.event_type, e.sub_event_type) == (
        "2017-06-03", 1, "Explosions/Remote violence", "Air/drone strike")
    assert (e.actor1, e.inter1, e.actor2, e.inter2, e.interaction) == (
        "Global Coalition Against Daesh", 8, "Islamic State", 2, 28)
    assert (e.location, e.admin1, e.country, e.iso, e.geo_precision) == ("Ar Raqqah", "Ar-Raqqa", "Syria", 760, 2)
    assert (e.fatalities, e.injuries) == (25, 8)
    assert e.evidence[0].text == text
    assert e.rules[:2] == ["T_AIRSTRIKE", "DATE_D_DMY"]


def test_events_coder_keep_the_words_each_field_came_from(coder):
    text = ("Background first. On 3 May 2016, ISIL fighters captured the town of Hajin from the Syrian Army, "
            "killing 12 soldiers, according to SOHR.")
    [e] = code(coder, text)
    spans = {s["field"]: (s["text"], s["char_start"]) for s in e.spans}
    assert spans == {"trigger": ("captured", 47), "actor1": ("ISIL fighters", 33), "actor2": ("Syrian Army", 83),
                     "location": ("Hajin", 68), "date": ("3 May 2016", 21), "fatalities": ("12", 104)}
    assert all(text[s["char_start"]:s["char_end"]] == s["text"] for s in e.spans)


def test_events_coder_narrative_dates_and_anaphora(coder):
    text = ("On 8 June 2017, ISIL attacked army positions in Deir ez-Zor.\n"
            "The next day, the group shelled the airport of the city.\n"
            "Two days later, it captured Ayyash.")
    events = code(coder, text)
    assert [(e.event_date, e.actor1, e.location) for e in events] == [
        ("2017-06-08", "Islamic State", "Deir ez-Zor"),
        ("2017-06-09", "Islamic State", "Deir ez-Zor"),
        ("2017-06-11", "Islamic State", "Ayyash")]
    assert events[1].sub_event_type == "Shelling/artillery/missile attack"


def test_events_coder_a_capture_told_as_the_setting_is_the_capture_already_told(coder):
    # "With the capture of Hajin, ISIL fighters retreated": ISIL did not capture it; one event, two sentences
    [e] = code(coder, "On 14 December 2018, the SDF captured Hajin from ISIL.\n"
                      "With the capture of Hajin on 14 December 2018, ISIL fighters retreated to the villages.")
    assert (e.actor1, e.actor2, len(e.evidence)) == ("QSD: Syrian Democratic Forces", "Islamic State", 2)


def test_events_coder_same_event_told_twice_is_one_event(coder):
    text = ("On 14 December 2018, the SDF captured Hajin.\n"
            "With the capture of Hajin on 14 December, the SDF held the whole town.")
    events = code(coder, text)
    assert [(e.location, e.event_date) for e in events] == [("Hajīn", "2018-12-14")]
    assert len(events[0].evidence) == 2


@pytest.mark.parametrize("text", [
    "The army plans to attack Raqqa in June 2017.",
    "ISIL did not attack Manbij on 4 May 2017.",
    "The photographer captured the moment in Aleppo on 4 May 2017.",
])
def test_events_coder_no_event_for_plans_negations_and_other_senses(coder, text):
    assert code(coder, text) == []


def test_events_coder_coder_checks_its_own_options(coder):
    from eventcoder.errors import OptionError
    with pytest.raises(OptionError, match="min_confidence must be between 0 and 1"):
        EventCoder(nlp=coder.nlp, gazetteer=coder.gazetteer, registry=coder.registry, min_confidence=2)
    with pytest.raises(OptionError, match="time_mode must be one of news, narrative"):
        list(coder.code_full([Document("On 3 May 2016, ISIL captured Hajin.", id="t")], time_mode="weekly"))


def test_events_coder_a_heading_tells_no_event(coder):
    # a title line names the campaign the sentences under it tell; only the sentence is an event
    events = code(coder, "Siege of Mahin (May 2016)\nOn 3 May 2016, ISIL fighters attacked the village of Mahin.")
    assert [(e.event_date, e.actor1, e.trigger) for e in events] == [("2016-05-03", "Islamic State", "attacked")]
