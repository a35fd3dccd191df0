"""report/contents.py: what the report holds, and filters that apply to events and control alike."""
import pytest

from eventcoder.report import ReportFilters
from eventcoder.report.contents import gather


def test_report_contents_keep_the_evidence_and_the_words_of_each_field(store):
    data = gather(store, ReportFilters())
    assert [(e["date"], e["sub"], e["loc"], e["fat"]) for e in data["events"]] == [
        ("2017-06-06", "Armed clash", "Ar Raqqah", 23),
        ("2017-10-20", "Non-state actor overtakes territory", "Ar Raqqah", 0),
        ("2018-12-03", "Armed clash", "Hajīn", 0),
        ("2018-12-14", "Non-state actor overtakes territory", "Hajīn", 0)]
    [(doc, sentence, marks)] = data["events"][0]["ev"]
    assert data["documents"][doc] == {"id": "raqqa_report", "title": "Raqqa, 2017", "source": "", "url": "", "date": ""}
    assert {field: sentence[a:b] for a, b, field in marks} == {
        "date": "6 June 2017", "actor1": "SDF", "trigger": "attacked", "actor2": "Islamic State",
        "location": "Raqqa", "fatalities": "23"}
    assert data["events"][0]["claims"] == [{"source": "SOHR", "low": 23, "high": 23, "doc": 0, "kind": "killed",
                                            "text": data["events"][0]["claims"][0]["text"]}]
    assert [(c["place"], [(r["date"], r["controller"], r["previous"], r["kind"]) for r in c["rows"]])
            for c in data["control"]] == [
        ("Ar Raqqah", [("2017-10-20", "QSD: Syrian Democratic Forces", "Islamic State", "captured")]),
        ("Hajīn", [("2018-12-14", "QSD: Syrian Democratic Forces", "Islamic State", "captured")])]
    assert data["totals"] == {"events": 4, "fatalities": 23, "places": 2, "documents": 2, "period_dead": 600,
                              "first": "2017-06-06", "last": "2018-12-14"}
    # a toll over a period is listed apart, never in the events' sum
    assert [(data["documents"][p["doc"]]["id"], p["total"], p["period"], p["as_of"]) for p in data["periods"]] == [
        ("hajin_report", 600, "Since 3 December", "2018-12-14")]


@pytest.mark.parametrize("filters, events, control", [
    (ReportFilters(place="Hajin"), ["2018-12-03", "2018-12-14"], ["Hajīn"]),
    (ReportFilters(date_from="2018"), ["2018-12-03", "2018-12-14"], ["Hajīn"]),
    (ReportFilters(country="SY", date_to="2017-06"), ["2017-06-06"], []),
    (ReportFilters(country="IQ"), [], []),
])
def test_report_contents_filters_events_and_control_alike(store, filters, events, control):
    data = gather(store, filters)
    assert [e["date"] for e in data["events"]] == events
    assert [c["place"] for c in data["control"]] == control
