"""casualties/attach.py: which event a sentence's tolls go to, and tolls over a period kept apart."""
from tests.coding import code


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
