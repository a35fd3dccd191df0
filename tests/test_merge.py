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




def test_merge_events_finds_each_report_its_event_by_month_or_place():
    # merge_events compares a report only with the events of its months or those near its place, whichever are
    # fewer: a point under another name in the next band of latitude, a place told with no point (by its name), a
    # day of weeks told at a place told of on other days, the same years told twice must still be found
    from eventcoder.merge import merge_events
    from eventcoder.model import Event

    def told(location, latitude, start="2018-12-14", end="", rule="T_CAPTURE"):
        return Event(doc_id="a", event_date=start, date_start=start, date_end=end or start, time_precision=1,
                     event_type="Battles", sub_event_type="Armed clash", actor1="Islamic State",
                     actor2="SDF: Syrian Democratic Forces", location=location, latitude=latitude,
                     longitude=None if latitude is None else 38.27, rules=[rule])
    far = [told(name, latitude) for name, latitude in (("Aleppo", 36.2), ("Raqqa", 35.95), ("Damascus", 33.5))]
    days = ["2018-10-02", "2018-10-20", "2018-11-05", "2018-11-15"]
    events = merge_events(far + [told("Al-Shajlah", 34.75, day) for day in days] + [
        told("Palmyra", 34.5510), told("Hajin", None), told("Al-Shajlah", 34.75, "2018-11-20", "2018-12-15"),
        told("Susah", 34.61, "2016-01-01", "2018-12-31"),
        told("Tadmur", 34.5490, rule="T_CLASH"),  # 0.2 km south, another name, in the band below
        told("Hajīn", 34.6951, rule="T_CLASH"),  # a point, the name of the place told with none
        told("Al-Shajlah", 34.75, "2018-12-09", rule="T_CLASH"),  # a day of the weeks told
        told("Susah", 34.61, "2016-01-01", "2018-12-31", rule="T_CLASH"),  # the same three years
    ])
    merged = ["T_CAPTURE", "T_CLASH", "MERGED_SAME_PLACE_DAY_TYPE"]
    assert [(e.location, e.date_start, e.date_end, e.rules) for e in events] == [
        *((e.location, "2018-12-14", "2018-12-14", ["T_CAPTURE"]) for e in far),
        *(("Al-Shajlah", day, day, ["T_CAPTURE"]) for day in days),
        ("Palmyra", "2018-12-14", "2018-12-14", merged), ("Hajin", "2018-12-14", "2018-12-14", merged),
        ("Al-Shajlah", "2018-12-09", "2018-12-09", merged), ("Susah", "2016-01-01", "2018-12-31", merged),
    ]


def test_merge_events_a_paragraph_told_three_times_is_its_events_told_once(coder):
    # a document that tells the same thing again and again: each telling merges into the event first told (the
    # town each time Hajin, the capture each time from the army), with every telling's evidence
    from tests.coding import code
    paragraph = ("On 3 March 2018, rebels attacked an army checkpoint in Hajin, killing five soldiers. The army "
                 "shelled the town the next day. ISIL fighters captured the village of al-Susah.")
    fields = lambda e: (e.event_date, e.sub_event_type, e.actor1, e.actor2, e.location, e.fatalities,
                        e.control_change)
    once, thrice = code(coder, paragraph), code(coder, "\n\n".join([paragraph] * 3))
    assert [fields(e) for e in thrice] == [fields(e) for e in once] == [
        ("2018-03-03", "Armed clash", "Opposition Rebels (Syria)", "Military Forces of Syria (2000-2024)", "Hajīn",
         5, None),
        ("2018-03-04", "Shelling/artillery/missile attack", "Military Forces of Syria (2000-2024)",
         "Opposition Rebels (Syria)", "Hajīn", 0, None),
        ("2018-03-04", "Non-state actor overtakes territory", "Islamic State", "Military Forces of Syria (2000-2024)",
         "As Sūsah", 0, {"place": "As Sūsah", "from": "Military Forces of Syria (2000-2024)", "to": "Islamic State"}),
    ]
    told = len(paragraph) + 2
    assert [[ev.char_start for ev in e.evidence] for e in thrice] == [
        [start + k * told for k in range(3)] for start in (0, 85, 125)]
    assert [e.rules.count("MERGED_SAME_PLACE_DAY_TYPE") for e in thrice] == [2, 2, 2]
