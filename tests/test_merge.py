"""merge.py: which reports tell the same event, and the event several documents' reports make."""
from eventcoder.merge import merge_reports, same_event, same_place


def report(**fields) -> dict:
    base = {"doc_id": "a", "event_id_cnty": "SYR-aaaa", "event_date": "2018-12-14", "date_start": "2018-12-14",
            "date_end": "2018-12-14", "time_precision": 1, "event_type": "Battles",
            "sub_event_type": "Non-state actor overtakes territory", "actor1": "SDF: Syrian Democratic Forces",
            "assoc_actor_1": "", "inter1": 2, "actor2": "Islamic State", "assoc_actor_2": "", "inter2": 2,
            "civilian_targeting": "", "iso": 760, "iso3": "SYR", "region": "Middle East", "country": "Syria",
            "admin1": "Deir-ez-Zor", "admin2": "", "admin3": "", "location": "Hajīn", "latitude": 34.6951,
            "longitude": 40.8314, "geo_precision": 1, "source": "a", "source_scale": "Other", "notes": "",
            "fatalities": 0, "fatalities_low": None, "fatalities_high": None, "injuries": None, "claims": [],
            "control_change": None, "confidence": 0.9, "tags": "", "trigger": "captured", "rules": ["T_CAPTURE"],
            "evidence": [{"char_start": 0, "char_end": 40, "text": "the SDF captured Hajin"}], "timestamp": None}
    base.update(fields)
    return base


def test_merge_same_village_under_two_gazetteers_is_one_place():
    # GeoNames-style and UCDP-style points for al-Baghuz Fawqani lie about 2 km apart (Wikipedia; UCDP GED)
    a = report(location="Al-Baghuz Fawqani", latitude=34.4667, longitude=40.9333)
    b = report(location="Baghuz Fawqani", latitude=34.4586, longitude=40.9506)
    assert same_place(a, b) and same_event(a, b)


def test_merge_neighbouring_villages_stay_apart():
    a = report(location="Al-Shajlah", latitude=34.6, longitude=40.9)
    b = report(location="As Sūsah", latitude=34.61, longitude=40.91)  # about 1.4 km, another name
    assert not same_place(a, b)


def test_merge_different_days_stay_apart():
    assert not same_event(report(), report(date_start="2018-12-15", date_end="2018-12-15", event_date="2018-12-15"))


def test_merge_a_month_takes_in_a_day_of_it_but_a_year_does_not():
    month = report(date_start="2018-12-01", date_end="2018-12-31", event_date="2018-12-01", time_precision=2)
    year = report(date_start="2018-01-01", date_end="2018-12-31", event_date="2018-01-01", time_precision=3)
    assert same_event(month, report())
    assert not same_event(year, report())


def test_merge_a_place_retaken_by_the_other_side_is_another_event():
    retaken = report(actor1="Islamic State", actor2="SDF: Syrian Democratic Forces")
    assert not same_event(report(), retaken)


def test_merge_a_battle_told_from_either_side_is_one():
    clash = report(sub_event_type="Armed clash", actor1="Islamic State", actor2="SDF: Syrian Democratic Forces")
    assert same_event(report(sub_event_type="Armed clash"), clash)
    # the clash and the capture it ended in, on the same day
    assert same_event(report(), clash)


def test_merge_reports_keeps_every_document_and_the_lowest_toll():
    a = report(doc_id="a", event_id_cnty="SYR-bbbb",
               claims=[{"source": "SOHR", "fatalities": 40, "low": 40, "high": 40, "civilians": None,
                        "combatants": 40, "text": "40 killed"}])
    b = report(doc_id="b", event_id_cnty="SYR-aaaa", date_start="2018-12-01", date_end="2018-12-31",
               event_date="2018-12-01", time_precision=2,
               claims=[{"source": "SDF", "fatalities": 25, "low": 25, "high": 30, "civilians": None,
                        "combatants": 25, "text": "25 to 30 killed"}],
               evidence=[{"char_start": 5, "char_end": 30, "text": "Hajin fell in December"}])
    event = merge_reports([a, b])
    assert event["event_id_cnty"] == "SYR-aaaa"  # the smaller report id, whatever the order
    assert merge_reports([b, a])["event_id_cnty"] == "SYR-aaaa"
    assert (event["event_date"], event["time_precision"]) == ("2018-12-14", 1)  # the narrower window
    assert (event["fatalities"], event["fatalities_low"], event["fatalities_high"]) == (25, 25, 40)
    assert event["doc_ids"] == ["a", "b"] and event["reports"] == 2
    assert [(e["doc_id"], e["char_start"]) for e in event["evidence"]] == [("b", 5), ("a", 0)]
    assert "MERGED_SAME_PLACE_DAY_TYPE" in event["rules"]


def test_merge_reports_fill_what_the_primary_lacks_from_the_others():
    primary = report(doc_id="a", event_id_cnty="SYR-aaaa", actor2="", inter2=None)
    other = report(doc_id="b", event_id_cnty="SYR-bbbb", date_start="2018-12-01", date_end="2018-12-31",
                   event_date="2018-12-01", time_precision=2, injuries=12, civilian_targeting="",
                   control_change={"place": "Hajīn", "from": "Islamic State", "to": "SDF: Syrian Democratic Forces"})
    event = merge_reports([other, primary])
    assert (event["event_date"], event["actor2"], event["inter2"], event["injuries"]) == (
        "2018-12-14", "Islamic State", 2, 12)
    assert event["control_change"] == {"place": "Hajīn", "from": "Islamic State", "to": "SDF: Syrian Democratic Forces"}
    assert event["rules"] == ["T_CAPTURE", "MERGED_SAME_PLACE_DAY_TYPE"]


def test_merge_one_report_is_its_own_event():
    event = merge_reports([report(spans=[{"field": "trigger", "char_start": 8, "char_end": 16, "text": "captured"}])])
    assert (event["event_id_cnty"], event["reports"], event["doc_ids"], event["rules"]) == (
        "SYR-aaaa", 1, ["a"], ["T_CAPTURE"])
    assert event["spans"] == [{"field": "trigger", "char_start": 8, "char_end": 16, "text": "captured", "doc_id": "a"}]


def test_merge_an_armed_clash_ranks_below_the_capture_it_ended_in():
    from eventcoder.merge import merge_events
    from eventcoder.model import Event
    clash = Event(doc_id="a", event_date="2018-12-14", date_start="2018-12-14", date_end="2018-12-14",
                  time_precision=1, event_type="Battles", sub_event_type="Armed clash", actor1="Islamic State",
                  actor2="SDF: Syrian Democratic Forces", location="Hajīn", rules=["T_CLASH"])
    capture = Event(doc_id="a", event_date="2018-12-14", date_start="2018-12-14", date_end="2018-12-14",
                    time_precision=1, event_type="Battles", sub_event_type="Non-state actor overtakes territory",
                    actor1="SDF: Syrian Democratic Forces", actor2="Islamic State", location="Hajīn",
                    rules=["T_CAPTURE"])
    [event] = merge_events([clash, capture])
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Non-state actor overtakes territory", "SDF: Syrian Democratic Forces", "Islamic State")
    assert event.rules == ["T_CLASH", "T_CAPTURE", "MERGED_SAME_PLACE_DAY_TYPE"]
