import pytest

from eventcoder import Document, extract
from eventcoder.events import EventCoder
from eventcoder.events.triggers import COLUMNS
from eventcoder.resources import read_table


def code(coder, text, **kw):
    from eventcoder.merge import merge_events
    return merge_events(coder.code_one(Document(text, id="t", **kw)))


def test_events_worked_example_shape(coder):
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


def test_events_keep_the_words_each_field_came_from(coder):
    text = ("Background first. On 3 May 2016, ISIL fighters captured the town of Hajin from the Syrian Army, "
            "killing 12 soldiers, according to SOHR.")
    [e] = code(coder, text)
    spans = {s["field"]: (s["text"], s["char_start"]) for s in e.spans}
    assert spans == {"trigger": ("captured", 47), "actor1": ("ISIL fighters", 33), "actor2": ("Syrian Army", 83),
                     "location": ("Hajin", 68), "date": ("3 May 2016", 21), "fatalities": ("12", 104)}
    assert all(text[s["char_start"]:s["char_end"]] == s["text"] for s in e.spans)


def test_events_a_date_from_the_narrative_has_no_words_in_the_sentence(coder):
    events = code(coder, "On 3 May 2016, ISIL captured Hajin. The next day ISIL attacked Abu Kamal.")
    assert [[s["text"] for s in e.spans if s["field"] == "date"] for e in events] == [["3 May 2016"], ["The next day"]]
    events = code(coder, "On 3 May 2016, ISIL captured Hajin. ISIL then attacked the Syrian Army in Abu Kamal.")
    assert events[1].event_date == "2016-05-03"
    assert [s["field"] for s in events[1].spans] == ["trigger", "actor1", "actor2", "location"]


def test_events_one_event_per_location(coder):
    events = code(coder, "On 5 May 2016, ISIL captured Arak, al-Sukhnah and Tadmur from the Syrian Army.")
    assert [(e.location, e.sub_event_type, e.actor2) for e in events] == [
        ("Arak", "Non-state actor overtakes territory", "Military Forces of Syria"),
        ("As Sukhnah", "Non-state actor overtakes territory", "Military Forces of Syria"),
        ("Tadmur", "Non-state actor overtakes territory", "Military Forces of Syria")]
    assert [e.control_change for e in events][0] == {"place": "Arak", "from": "Military Forces of Syria",
                                                      "to": "Islamic State"}


def test_events_government_regains_territory(coder):
    [e] = code(coder, "On 2 March 2017, the Syrian Army recaptured Palmyra from ISIL.")
    assert (e.sub_event_type, e.actor1, e.actor2, e.location) == (
        "Government regains territory", "Military Forces of Syria", "Islamic State", "Tadmur")


def test_events_narrative_dates_and_anaphora(coder):
    text = ("On 8 June 2017, ISIL attacked army positions in Deir ez-Zor.\n"
            "The next day, the group shelled the airport of the city.\n"
            "Two days later, it captured Ayyash.")
    events = code(coder, text)
    assert [(e.event_date, e.actor1, e.location) for e in events] == [
        ("2017-06-08", "Islamic State", "Deir ez-Zor"),
        ("2017-06-09", "Islamic State", "Deir ez-Zor"),
        ("2017-06-11", "Islamic State", "Ayyash")]
    assert events[1].sub_event_type == "Shelling/artillery/missile attack"


def test_events_mentions_resolve_to_the_actor_they_name(coder):
    # "the jihadists" is the jihadist group just told of; "the Kurds" the YPG; "their forces" the SDF
    text = ("On 3 May 2016, ISIL fighters attacked the village of Mahin.\n"
            "On 4 May 2016, the jihadists captured the town of Al-Qaryatayn.\n"
            "On 6 May 2016, the YPG attacked ISIL near Manbij.\n"
            "On 7 May 2016, the Kurds captured the village of Arak.")
    assert [(e.event_date, e.actor1) for e in code(coder, text)] == [
        ("2016-05-03", "Islamic State"), ("2016-05-04", "Islamic State"),
        ("2016-05-06", "SDF: Syrian Democratic Forces"), ("2016-05-07", "SDF: Syrian Democratic Forces")]


def test_events_a_generic_name_of_the_same_side_is_no_opponent(coder):
    # "the Army" in Syria is the Syrian Army, not the side it fights
    events = code(coder, "On 3 May 2016, the Syrian Army shelled the village of Mahin.\n"
                         "On 4 May 2016, the Army captured the town of Al-Qaryatayn.")
    assert [(e.actor1, e.actor2) for e in events] == [("Military Forces of Syria", ""),
                                                     ("Military Forces of Syria", "")]


@pytest.mark.parametrize("text, sides", [
    # the killed are the victims, whatever mention comes first; the attacker is told in the "after" clause
    ("On 15 October 2017, many SDF fighters were killed and executed near Mahin after ISIL attacked their positions.",
     ("Islamic State", "SDF: Syrian Democratic Forces")),
    # who reports the dead did not kill them
    ("On 3 May 2016, the Syrian government and state media said that 40 people were killed in Mahin.",
     ("Unidentified Armed Group (Syria)", "Civilians (Syria)")),
    # air strikes against ISIL hit ISIL, not the troops they relieved
    ("On 3 July 2016, Russian air strikes against ISIL relieved the pressure on Syrian Army troops near Mahin.",
     ("Military Forces of Russia", "Islamic State")),
    # who holds the town is not who was hit; the killed of a participle are
    ("On 16 January 2019, a suicide bombing claimed by ISIL in the SDF-controlled town of Manbij killed four U.S. "
     "personnel.", ("Islamic State", "Global Coalition Against Daesh")),
    ("On 29 September 2014, U.S. strikes hit a grain silo in the ISIL-controlled town of Manbij, killing two "
     "civilians.", ("Global Coalition Against Daesh", "Civilians (Syria)")),
])
def test_events_roles_from_the_parse(coder, text, sides):
    [e] = code(coder, text)
    assert (e.actor1, e.actor2) == sides


def test_events_allies_of_the_taker_are_not_the_other_side(coder):
    events = code(coder, "On 30 November 2018, ISIL attacked the SDF near Hajin.\n"
                         "On 1 December 2018, the village of Mahin was overrun by the SDF backed by French and "
                         "American artillery.")
    assert [(e.location, e.actor1, e.actor2) for e in events][-1] == (
        "Mahin", "SDF: Syrian Democratic Forces", "Islamic State")


def test_events_a_capture_told_as_the_setting_is_the_capture_already_told(coder):
    # "With the capture of Hajin, ISIL fighters retreated": ISIL did not capture it; one event, two sentences
    [e] = code(coder, "On 14 December 2018, the SDF captured Hajin from ISIL.\n"
                      "With the capture of Hajin on 14 December 2018, ISIL fighters retreated to the villages.")
    assert (e.actor1, e.actor2, len(e.evidence)) == ("SDF: Syrian Democratic Forces", "Islamic State", 2)


def test_events_people_acting_in_a_clause_of_their_own_are_no_side(coder):
    [e] = code(coder, "On 21 September 2016, the ISIL siege of Mahin tightened as villagers sang in the streets.")
    assert (e.sub_event_type, e.actor1, e.actor2) == ("Armed clash", "Islamic State", "")


def test_events_report_date_is_not_the_event_date(coder):
    [e] = code(coder, "The Pentagon announced in March 2018 that an ISIL commander was killed in a coalition airstrike "
                      "on Hajin on 2 January 2018.")
    assert (e.event_date, e.fatalities, e.location) == ("2018-01-02", 1, "Hajīn")


def test_events_previous_day_counts_from_the_report_date_in_the_sentence(coder):
    [e] = code(coder, "The coalition stated on 16 December 2016 that it had carried out airstrikes on ISIL positions "
                      "in Raqqa on the previous day.")
    assert (e.event_date, e.date_start, e.date_end, e.time_precision) == ("2016-12-15", "2016-12-15", "2016-12-15", 1)


def test_events_by_a_date_bounds_the_event_instead_of_dating_it(coder):
    events = code(coder, "On 2 November 2017, the Syrian Army attacked ISIL in Deir ez-Zor.\n"
                         "By 17 November 2017, the army had captured Deir ez-Zor from ISIL.")
    assert [(e.date_start, e.date_end, e.time_precision) for e in events] == [
        ("2017-11-02", "2017-11-02", 1), ("2017-11-02", "2017-11-17", 3)]
    assert "DATE_BY_D_DMY" in events[1].rules


def test_events_by_a_time_of_day_dates_the_event_on_that_day(coder):
    events = code(coder, "On 2 December 2018, the SDF attacked ISIL in Hajin.\n"
                         "By dawn on 14 December, the SDF had captured Hajin from ISIL.")
    assert [(e.date_start, e.date_end) for e in events] == [("2018-12-02", "2018-12-02"), ("2018-12-14", "2018-12-14")]


def test_events_disputed_casualties_on_the_event_told(coder):
    text = ("On 20 May 2015, ISIL overran the Baghiliya neighbourhood.\n"
            "State media said 200 people were killed; the SOHR reported 120 deaths.")
    [e] = code(coder, text)
    assert e.location == "Baghiliya"
    assert [(c["source"], c["low"], c["high"]) for c in e.claims] == [("SANA", 200, 200), ("SOHR", 120, 120)]
    assert (e.fatalities, e.fatalities_low, e.fatalities_high) == (120, 120, 200)
    assert len(e.evidence) == 2


def test_events_same_event_told_twice_is_one_event(coder):
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
def test_events_no_event_for_plans_negations_and_other_senses(coder, text):
    assert code(coder, text) == []


def test_events_victims_are_not_the_actor(coder):
    [e] = code(coder, "On 9 September 2017, an airstrike near al-Mayadin killed 21 civilians.")
    assert (e.actor1, e.actor2, e.civilian_targeting) == (
        "Unidentified Armed Group (Syria)", "Civilians (Syria)", "Civilian targeting")


def test_events_ids_are_stable(coder):
    text = "On 2 March 2017, the Syrian Army recaptured Palmyra from ISIL."
    assert [e.event_id_cnty for e in code(coder, text)] == [e.event_id_cnty for e in code(coder, text)]
    assert code(coder, text)[0].event_id_cnty.startswith("SYR-")


TRIGGERS = list(read_table("triggers.tsv", COLUMNS, required=6))
NEGATIVES = [row for row in TRIGGERS if row.get("negative")]


@pytest.mark.parametrize("row", TRIGGERS, ids=[row["id"] for row in TRIGGERS])
def test_events_every_trigger_example_fires(coder, row):
    sent = next(iter(coder.nlp(row["example"]).sents))
    assert row["id"] in [m.rule.id for m in coder.lexicon.match(sent)], (
        f"triggers.tsv:{row.line}: {row['id']} does not fire on its example")


@pytest.mark.parametrize("row", NEGATIVES, ids=[row["id"] for row in NEGATIVES])
def test_events_no_trigger_negative_codes_an_event(coder, row):
    events = coder.code_one(Document(row["negative"] + " It happened in Aleppo on 4 May 2017.", id="n"))
    assert row["id"] not in [r for e in events for r in e.rules], (
        f"triggers.tsv:{row.line}: {row['id']} coded an event from its negative example")


def test_events_library_accepts_strings():
    [e] = extract("On 2 March 2017, the Syrian Army recaptured Palmyra from ISIL.")
    assert e.doc_id == "doc-1"


def test_events_coder_checks_its_own_options(coder):
    from eventcoder.errors import OptionError
    with pytest.raises(OptionError, match="min_confidence must be between 0 and 1"):
        EventCoder(nlp=coder.nlp, gazetteer=coder.gazetteer, registry=coder.registry, min_confidence=2)
    with pytest.raises(OptionError, match="time_mode must be one of news, narrative"):
        list(coder.code_full([Document("On 3 May 2016, ISIL captured Hajin.", id="t")], time_mode="weekly"))
