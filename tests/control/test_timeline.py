"""control/timeline.py: the claims about one place in order, each until the next, contradictions marked."""
from eventcoder.control import timeline


def claim(date, controller, previous="", kind="held", end=None, doc="d", start=0):
    return {"claim_id": f"{date}{controller}", "doc_id": doc, "place": "Hajīn", "date_start": date,
            "date_end": end or date, "controller": controller, "previous": previous, "kind": kind, "rule": "R",
            "evidence": {"char_start": start, "char_end": start + 10, "text": "words"}, "event_id": ""}


def test_control_timeline_orders_fills_previous_and_ends_intervals():
    rows = timeline([claim("2018-12-14", "SDF", "ISIL", "captured"), claim("2018-09-10", "ISIL")])
    assert [(r.date, r.controller, r.previous, r.until, r.disputed) for r in rows] == [
        ("2018-09-10", "ISIL", "", "2018-12-14", False), ("2018-12-14", "SDF", "ISIL", "", False)]


def test_control_timeline_keeps_contradictory_claims_and_marks_them():
    rows = timeline([claim("2018-10-01", "ISIL", end="2018-10-31", doc="a"),
                     claim("2018-10-15", "SDF", doc="b"), claim("2018-11-20", "SDF", doc="b")])
    assert [(r.controller, r.disputed) for r in rows] == [("ISIL", True), ("SDF", True), ("SDF", False)]
    # a change told after a statement of the same day is the story moving on
    rows = timeline([claim("2018-12-14", "ISIL", start=0), claim("2018-12-14", "SDF", "ISIL", "lost", start=50)])
    assert [r.disputed for r in rows] == [False, False]


def retaking(date, controller, previous, doc="d", start=0):
    # a state's retaking is "retaken" (Government regains territory), the capture it undoes "captured"
    return dict(claim(date, controller, previous, "retaken", doc=doc, start=start), rule="T_RETAKE")


def test_control_timeline_a_retaking_dated_before_its_taking_follows_the_story():
    # told after the taking it undoes: the retaking is dated from the taking's day, and says so
    rows = timeline([claim("2017-06-05", "ISIL", "SDF", "captured", start=0),
                     retaking("2017-06-02", "SDF", "ISIL", start=80)])
    assert [(r.date, r.controller, r.order, r.disputed) for r in rows] == [
        ("2017-06-05", "ISIL", "", False), ("2017-06-05", "SDF", "narrative", False)]
    assert rows[0].until == ""  # the same day: no interval in between
    # told first, or by another document: the story cannot say; both kept as dated, disputed
    rows = timeline([claim("2017-06-05", "ISIL", "SDF", "captured", start=80),
                     retaking("2017-06-02", "SDF", "ISIL", start=0)])
    assert [(r.date, r.controller, r.order, r.disputed) for r in rows] == [
        ("2017-06-02", "SDF", "", True), ("2017-06-05", "ISIL", "", True)]
    # a retaking after its taking is the story as told
    rows = timeline([claim("2017-06-05", "ISIL", "SDF", "captured"), retaking("2017-06-09", "SDF", "ISIL", start=80)])
    assert [(r.date, r.order, r.disputed) for r in rows] == [("2017-06-05", "", False), ("2017-06-09", "", False)]
